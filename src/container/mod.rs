//! Containers: the replies a source holds, each mapped back to its bytes.
//!
//! A Markdown or plain-text file is one reply. An HTML file is one reply
//! whose text is the HTML's rendered text (`html`). A helpdesk macro export
//! in JSON (`json`) or a YAML collection of saved replies or templates
//! (`yaml`) holds many replies, each named by its title. Every reply carries
//! an [`OffsetMap`] from its text to the source, so diagnostics found in the
//! text point at the exact bytes of the file.

mod collect;
pub mod html;
pub mod json;
mod keys;
pub mod offsets;
pub mod syntax;
#[cfg(test)]
mod test_support;
pub mod tree;
pub mod yaml;

use std::ops::Range;

pub use offsets::OffsetMap;
pub use syntax::Syntax;

use crate::document::{Markup, MaskKind, Thread};
use crate::source::{Format, Source};

/// One reply of a source, ready for the reply model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The reply's title in a collection (`Billing::Refund issued`), or
    /// `None` when the reply is the whole file.
    pub name: Option<String>,
    /// How `text` is marked up. After [`Reply::render_html`] it is never
    /// `Html`: HTML is turned into text with masks.
    pub markup: Markup,
    /// The reply's text, decoded (no JSON escapes, no YAML indentation).
    pub text: String,
    /// Where each byte of `text` came from in the source.
    pub map: OffsetMap,
    /// How the source writes the text, outermost layer first (empty: as it
    /// is), so that a fix's replacement is written in the file's syntax.
    pub syntax: Vec<Syntax>,
    /// Regions of `text` known not to be prose from the container's
    /// structure (HTML `<pre>`, `<blockquote>`, tags turned into breaks).
    pub masks: Vec<(Range<usize>, MaskKind)>,
    /// Comments in the reply (`<!-- … -->`), where suppression directives live.
    pub comments: Vec<Comment>,
    /// A per-reply `replylint:` key of a collection, suppressing rules.
    pub key_suppression: Option<KeySuppression>,
    /// A line of a message rather than a whole reply (an e-mail template's
    /// subject): rules about a reply's opening and closing do not apply.
    pub fragment: bool,
    /// The conversation before the reply, when the input gives it (a draft
    /// with its `previous` messages): it decides the reply's turn.
    pub thread: Option<Thread>,
}

/// A comment of a reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// The comment's body, between `<!--` and `-->`, decoded.
    pub body: String,
    /// Where the comment is in the source, delimiters included.
    pub source: Range<usize>,
}

/// A per-reply `replylint: {ignore: [rule, …], reason: …}` key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeySuppression {
    /// Each rule id with its span in the source.
    pub rules: Vec<(String, Range<usize>)>,
    pub reason: Option<String>,
    /// The span of the whole key in the source.
    pub source: Range<usize>,
}

/// How to read a generic JSON or YAML collection, declared per glob in
/// the configuration (`formats:`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CollectionSpec {
    /// Dotted path from the document root to the list (or mapping) of
    /// replies: `replies`, `data.macros`; empty when the root is the list.
    pub items: String,
    /// Keys of an item that hold reply text; each is linted as its own reply.
    pub text: Vec<String>,
    /// The key of an item that names it in output (`title`, `name`).
    pub name: Option<String>,
    /// How the text is marked up.
    pub markup: Markup,
}

/// The replies of a collection, and the problems of single replies (a
/// macro with no reply text) that do not stop the others being checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Collection {
    pub replies: Vec<Reply>,
    pub errors: Vec<ContainerError>,
}

/// Why a source's replies could not be read: a message and, where known,
/// the source bytes at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerError {
    pub message: String,
    pub span: Option<Range<usize>>,
}

impl ContainerError {
    pub fn at(message: impl Into<String>, span: Range<usize>) -> ContainerError {
        ContainerError {
            message: message.into(),
            span: Some(span),
        }
    }

    pub fn whole(message: impl Into<String>) -> ContainerError {
        ContainerError {
            message: message.into(),
            span: None,
        }
    }
}

impl Reply {
    /// A reply that is a whole file or string, verbatim.
    pub fn whole(text: &str, markup: Markup) -> Reply {
        Reply::decoded(
            None,
            markup,
            text.to_owned(),
            OffsetMap::identity(text.len()),
        )
    }

    /// A reply decoded from a container: its text and where it came from.
    pub fn decoded(name: Option<String>, markup: Markup, text: String, map: OffsetMap) -> Reply {
        Reply {
            name,
            markup,
            text,
            map,
            syntax: Vec::new(),
            masks: Vec::new(),
            comments: Vec::new(),
            key_suppression: None,
            fragment: false,
            thread: None,
        }
    }

    /// Turns an HTML reply into its rendered text, with the HTML structure's
    /// masks and comments, composing the offset maps. Other replies are
    /// returned as they are.
    pub fn render_html(self) -> Result<Reply, ContainerError> {
        if self.markup != Markup::Html {
            return Ok(self);
        }
        let extracted = html::extract(&self.text).map_err(|e| ContainerError {
            message: e.message,
            span: e.span.map(|s| self.map.range(s)),
        })?;
        let comments = extracted
            .comments
            .into_iter()
            .map(|c| Comment {
                body: c.body,
                source: self.map.range(c.source),
            })
            .collect();
        Ok(Reply {
            name: self.name,
            markup: Markup::Plain,
            text: extracted.text,
            map: self.map.compose(&extracted.map),
            syntax: [self.syntax, vec![Syntax::Html]].concat(),
            masks: extracted.masks,
            comments,
            key_suppression: self.key_suppression,
            fragment: self.fragment,
            thread: self.thread,
        })
    }
}

/// The replies of a source: one for a Markdown, plain-text or HTML file,
/// one per reply of a collection. `Ok(None)` means a JSON or YAML file that
/// holds no replies this reader knows (a walk skips it). `spec` says how to
/// read a generic collection. A file that cannot be read at all (malformed
/// JSON or YAML) is an `Err`; a problem of one reply (a macro with no text,
/// broken HTML in one macro, a Markdown reply's broken front matter) is in
/// the collection's `errors` and the other replies are still there.
pub fn replies(
    source: &Source,
    spec: Option<&CollectionSpec>,
) -> Result<Option<Collection>, ContainerError> {
    let text = source.text.as_str();
    let single = |reply| Collection {
        replies: vec![reply],
        errors: Vec::new(),
    };
    let collection = match source.format {
        Format::Plain => single(Reply::whole(text, Markup::Plain)),
        Format::Markdown => {
            let mut reply = Reply::whole(text, Markup::Markdown);
            reply.comments = markdown_comments(text);
            // Broken front matter is reported, but the reply under it is
            // still checked, as the other replies of a collection are when
            // one of them is broken.
            let mut errors = Vec::new();
            match yaml::front_matter(text) {
                Ok(Some(front)) => {
                    reply.name = front.name;
                    reply.key_suppression = front.key_suppression;
                }
                Ok(None) => {}
                Err(error) => errors.push(error),
            }
            Collection {
                replies: vec![reply],
                errors,
            }
        }
        Format::Html => single(Reply::whole(text, Markup::Html)),
        Format::Json => match json::replies(text, spec)? {
            Some(collection) => collection,
            None => return Ok(None),
        },
        Format::Yaml => match yaml::replies(text, spec)? {
            Some(collection) => collection,
            None => return Ok(None),
        },
    };
    let mut rendered = Collection {
        replies: Vec::with_capacity(collection.replies.len()),
        errors: collection.errors,
    };
    for reply in collection.replies {
        match reply.render_html() {
            Ok(reply) => rendered.replies.push(reply),
            Err(error) => rendered.errors.push(error),
        }
    }
    Ok(Some(rendered))
}

/// The `<!-- … -->` comments of a Markdown text.
fn markdown_comments(text: &str) -> Vec<Comment> {
    let mut comments = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("<!--").map(|i| from + i) {
        let body_start = open + 4;
        let Some(close) = text[body_start..].find("-->").map(|i| body_start + i) else {
            break;
        };
        comments.push(Comment {
            body: text[body_start..close].to_owned(),
            source: open..close + 3,
        });
        from = close + 3;
    }
    comments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markdown(text: &str) -> Collection {
        let source = Source {
            name: "reply.md".to_owned(),
            text: text.to_owned(),
            format: Format::Markdown,
            encoding: Default::default(),
        };
        replies(&source, None).unwrap().unwrap()
    }

    #[test]
    fn front_matter_names_the_markdown_reply() {
        let collection = markdown("---\ntitle: Refund\n---\nHi there.\n");
        assert_eq!(collection.errors, vec![]);
        assert_eq!(collection.replies[0].name.as_deref(), Some("Refund"));
    }

    #[test]
    fn broken_front_matter_is_reported_and_the_reply_still_checked() {
        let md = "---\ntitle: [unclosed\n---\nWe will write soon.\n";
        let collection = markdown(md);
        assert_eq!(collection.replies.len(), 1);
        assert_eq!(collection.replies[0].text, md);
        assert_eq!(collection.replies[0].name, None);
        assert_eq!(collection.errors.len(), 1);
        let error = &collection.errors[0];
        assert!(error.message.starts_with("invalid YAML"), "{error:?}");
        assert_eq!(&md[error.span.clone().unwrap()], "[");
    }
}
