//! The front matter of a Markdown reply: a YAML block between a `---` line
//! at the very start of the file and the next `---` (or `...`) line, as
//! pulldown-cmark's metadata blocks are (the line after the opening fence
//! must not be blank). `title:` (or `name:`) names the reply and
//! `replylint:` suppresses rules for it; every other key belongs to some
//! other tool and is ignored.

use super::tree;
use crate::container::keys;
use crate::container::{ContainerError, KeySuppression};

/// What a Markdown reply's front matter says about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// `title:` (or `name:`), naming the reply.
    pub name: Option<String>,
    /// `replylint: {ignore: […], reason: …}`.
    pub key_suppression: Option<KeySuppression>,
}

/// Reads the front matter (`---` … `---` at the very start) of a Markdown
/// reply, if it has one. Malformed YAML there is a located error; spans are
/// byte offsets in `text`.
pub fn front_matter(text: &str) -> Result<Option<FrontMatter>, ContainerError> {
    let Some(end) = block_end(text) else {
        return Ok(None);
    };
    // The opening `---` is YAML's own document marker, so the block parses
    // as it stands and its spans are offsets in the whole file.
    let documents = tree::parse(&text[..end])?;
    let Some(root) = documents.first().filter(|root| root.is_map()) else {
        return Ok(Some(FrontMatter::default()));
    };
    let name = ["title", "name"]
        .iter()
        .find_map(|key| root.get(key).and_then(|n| n.as_name()))
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty());
    Ok(Some(FrontMatter {
        name,
        key_suppression: keys::suppression(root)?,
    }))
}

/// Where the front matter's YAML ends (the start of its closing line), if
/// `text` starts with front matter.
fn block_end(text: &str) -> Option<usize> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if !first.ends_with('\n') || first.trim_end() != "---" {
        return None;
    }
    let mut at = first.len();
    let mut first_inner = true;
    for line in lines {
        let content = line.trim_end();
        if first_inner && content.is_empty() {
            return None;
        }
        first_inner = false;
        if content == "---" || content == "..." {
            return Some(at);
        }
        at += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_names_the_reply_and_the_key_suppresses() {
        let md = "---\ntitle: Refund issued\nlayout: post\nreplylint:\n  ignore: [tone/flat-no]\n  reason: legal\n---\nHi there,\n";
        let front = front_matter(md).unwrap().unwrap();
        assert_eq!(front.name.as_deref(), Some("Refund issued"));
        let key = front.key_suppression.unwrap();
        assert_eq!(key.rules[0].0, "tone/flat-no");
        assert_eq!(&md[key.rules[0].1.clone()], "tone/flat-no");
        assert_eq!(key.reason.as_deref(), Some("legal"));
        assert!(md[key.source.clone()].starts_with("replylint:"));
    }

    #[test]
    fn name_is_used_when_there_is_no_title() {
        let md = "---\nname: 'Welcome'\n...\nHello\n";
        let front = front_matter(md).unwrap().unwrap();
        assert_eq!(front.name.as_deref(), Some("Welcome"));
        assert_eq!(front.key_suppression, None);
    }

    #[test]
    fn no_front_matter() {
        for md in [
            "Hello\n---\ntitle: x\n---\n",
            "---\n\ntitle: x\n---\n",
            "---\ntitle: never closed\n",
            "---",
            "",
        ] {
            assert_eq!(front_matter(md).unwrap(), None, "{md:?}");
        }
    }

    #[test]
    fn malformed_front_matter_and_bad_keys_are_located_errors() {
        let md = "---\ntitle: [unclosed\n---\nHi\n";
        let error = front_matter(md).unwrap_err();
        assert!(error.span.unwrap().start >= 4);
        let md = "---\nreplylint: {ignore: tone/flat-no}\n---\nHi\n";
        let error = front_matter(md).unwrap_err();
        assert_eq!(&md[error.span.unwrap()], "tone/flat-no");
    }

    #[test]
    fn front_matter_that_is_not_a_mapping_names_nothing() {
        let front = front_matter("---\njust words\n---\nHi\n").unwrap().unwrap();
        assert_eq!(front, FrontMatter::default());
    }
}
