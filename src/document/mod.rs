//! The reply model: what of a source is the agent's own prose.
//!
//! A [`Document`] keeps the source and a *prose* copy of it in which every
//! region that is not the agent's prose (code, URLs, e-mail addresses,
//! quoted history, the signature and sign-off, placeholders, comments,
//! front matter) is blanked out byte for byte. Offsets found in the prose
//! are therefore offsets into the source. On top of the prose it computes
//! paragraphs, sentences, the opening and the closing.

mod history;
mod inline;
pub mod language;
mod markdown;
pub mod mask;
mod plain;
mod prepare;
mod scope;
pub mod segment;
pub mod structure;
pub mod turn;

use std::ops::Range;

pub use mask::{MaskKind, Masked};
pub use prepare::prepare;
pub use scope::is_greeting;
pub use turn::{Thread, Turn};

use mask::Masks;

/// How a reply's text is marked up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Markup {
    #[default]
    Plain,
    Markdown,
    /// HTML; the container turns it into text with masks before the model
    /// sees it, so the model treats it like plain text without code guesses.
    Html,
}

/// How a text is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Reading {
    /// A support reply: quoted history (`>` lines, attributions, forwarded
    /// blocks), the signature and the sign-off are not the agent's prose.
    #[default]
    Reply,
    /// Prose as Vale reads it (under a Vale configuration): a blockquote
    /// and a closing line are text like any other.
    Prose,
}

/// A reply, masked and segmented.
#[derive(Debug)]
pub struct Document<'a> {
    source: &'a str,
    prose: String,
    masked: Vec<Masked>,
    paragraphs: Vec<Range<usize>>,
    sentences: Vec<Range<usize>>,
    opening: Option<Range<usize>>,
    closing: Option<Range<usize>>,
    turn: Turn,
    thread: Option<&'a Thread>,
    markup: Markup,
    /// Its blocks (see [`structure`]), read when a rule first asks.
    structure: std::sync::OnceLock<Vec<structure::Block>>,
}

impl<'a> Document<'a> {
    pub fn new(source: &'a str, markup: Markup) -> Self {
        Document::with_masks(source, markup, &[])
    }

    /// The model of a reply whose container already knows some regions
    /// are not prose (HTML `<pre>` or `<blockquote>`).
    pub fn with_masks(source: &'a str, markup: Markup, known: &[(Range<usize>, MaskKind)]) -> Self {
        Document::read(source, markup, known, Reading::Reply)
    }

    /// The model of a document read as `reading` says.
    pub fn read(
        source: &'a str,
        markup: Markup,
        known: &[(Range<usize>, MaskKind)],
        reading: Reading,
    ) -> Self {
        let mut masks = Masks::default();
        for (range, kind) in known {
            masks.add(range.clone(), *kind);
        }
        if source.starts_with('\u{feff}') {
            masks.add(0..3, MaskKind::ByteOrderMark);
        }
        let body_start = match markup {
            Markup::Markdown => markdown::mask(source, &mut masks),
            Markup::Plain => {
                plain::mask(source, &mut masks);
                0
            }
            Markup::Html => 0,
        };
        if reading == Reading::Reply {
            history::mask(source, body_start, &mut masks);
        }
        inline::mask(source, body_start, &mut masks);
        let (mut prose, mut masked) = masks.apply(source);
        let sign_off = match reading {
            Reading::Reply => {
                scope::sign_off_start(&prose).or_else(|| scope::initials_start(&prose))
            }
            Reading::Prose => None,
        };
        if let Some(start) = sign_off {
            let end = prose.len();
            mask::blank(&mut prose, start..end);
            masked.push(Masked {
                range: start..end,
                kind: MaskKind::SignOff,
            });
            masked.sort_by_key(|m| (m.range.start, m.range.end));
        }
        let paragraphs = segment::paragraphs(&prose);
        let sentences = segment::sentences(source, &prose, &paragraphs);
        let opening = scope::opening(&prose, &paragraphs, &sentences);
        let closing = scope::closing(&prose, &paragraphs);
        let turn = turn::read(source, &prose, opening.clone());
        Document {
            source,
            prose,
            masked,
            paragraphs,
            sentences,
            opening,
            closing,
            turn,
            thread: None,
            markup,
            structure: std::sync::OnceLock::new(),
        }
    }

    /// The conversation before this reply, as the caller knows it: it
    /// decides the reply's turn instead of the reply's own words.
    pub fn with_thread(mut self, thread: &'a Thread) -> Self {
        self.turn = thread.turn();
        self.thread = Some(thread);
        self
    }

    /// The reply's place in its conversation.
    pub fn turn(&self) -> Turn {
        self.turn
    }

    /// What the customer last wrote, as far as the reply knows: the last
    /// customer message of the thread the caller gave, else the reply's
    /// quoted history (`>` lines, the message under "On … wrote:"), which
    /// is never linted but can be read. `>` markers are left in place.
    pub fn last_from_customer(&self) -> Option<std::borrow::Cow<'_, str>> {
        if let Some(thread) = self.thread {
            return thread.last_from_customer().map(std::borrow::Cow::Borrowed);
        }
        let quoted: Vec<&str> = self
            .masked
            .iter()
            .filter(|m| m.kind == MaskKind::Quoted)
            .map(|m| self.source[m.range.clone()].trim())
            .filter(|text| !text.is_empty())
            .collect();
        (!quoted.is_empty()).then(|| std::borrow::Cow::Owned(quoted.join("\n")))
    }

    /// The source, unmasked.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// The source with everything that is not prose blanked out.
    pub fn prose(&self) -> &str {
        &self.prose
    }

    /// Masked regions, ordered by start.
    pub fn masked(&self) -> &[Masked] {
        &self.masked
    }

    pub fn paragraphs(&self) -> &[Range<usize>] {
        &self.paragraphs
    }

    /// The lines of the prose that hold its paragraphs: from the start of
    /// the first paragraph's line to the end of the last one's. Around them
    /// the prose is blank (quoted history, a signature, leading code), so a
    /// rule over the whole text searches only this much; whole lines are
    /// kept so that `^`, `$` and `[ \t]*` read as on the whole text.
    pub fn prose_extent(&self) -> Range<usize> {
        let (Some(first), Some(last)) = (self.paragraphs.first(), self.paragraphs.last()) else {
            return 0..0;
        };
        let start = self.prose[..first.start].rfind('\n').map_or(0, |i| i + 1);
        let end = self.prose[last.end..]
            .find('\n')
            .map_or(self.prose.len(), |i| last.end + i);
        start..end
    }

    /// Its blocks: headings, paragraphs and table cells of Markdown, the
    /// paragraphs of other text. Blocks that are all masked are left out.
    pub fn blocks(&self) -> &[structure::Block] {
        self.structure.get_or_init(|| {
            let mut blocks = match self.markup {
                Markup::Markdown => structure::markdown(self.source),
                Markup::Plain | Markup::Html => structure::paragraphs(&self.paragraphs),
            };
            blocks.retain(|b| {
                self.prose
                    .get(b.range.clone())
                    .is_some_and(|text| !text.trim().is_empty())
            });
            blocks
        })
    }

    pub fn sentences(&self) -> &[Range<usize>] {
        &self.sentences
    }

    /// The first paragraph of prose, past a greeting-only line.
    pub fn opening(&self) -> Option<Range<usize>> {
        self.opening.clone()
    }

    /// The last paragraph of prose before the sign-off and signature.
    pub fn closing(&self) -> Option<Range<usize>> {
        self.closing.clone()
    }

    /// Words of the prose.
    pub fn words(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        segment::words(&self.prose)
    }

    /// Whether `offset` lies in a region that no finding may point into.
    pub fn is_never_flagged(&self, offset: usize) -> bool {
        let i = self.masked.partition_point(|m| m.range.start <= offset);
        self.masked[..i]
            .iter()
            .rev()
            .take(64)
            .any(|m| m.kind.is_never_flagged() && m.range.contains(&offset))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_keeps_only_the_agents_prose() {
        let source = "Hi {{ticket.requester.first_name}},\n\nSorry about that. See https://x.io/a.\n\n> OBVIOUSLY broken\n\nIt should work now.\n\nBest,\nDana\n-- \nACME SUPPORT\n";
        let doc = Document::new(source, Markup::Plain);
        assert_eq!(doc.prose().len(), source.len());
        assert!(!doc.prose().contains("OBVIOUSLY"));
        assert!(!doc.prose().contains("ACME"));
        assert!(!doc.prose().contains("Dana"));
        assert!(!doc.prose().contains("ticket"));
        let opening = doc.opening().unwrap();
        assert_eq!(&source[opening], "Sorry about that. See https://x.io/a.");
        let closing = doc.closing().unwrap();
        assert_eq!(&source[closing], "It should work now.");
        assert!(doc.is_never_flagged(source.find("OBVIOUSLY").unwrap()));
        assert!(!doc.is_never_flagged(source.find("Sorry").unwrap()));
    }

    #[test]
    fn crlf_and_multibyte_text_keep_offsets() {
        let source = "Hi Zoë,\r\n\r\nSorry — it’s fixed.\r\nIs it ok?\r\n";
        let doc = Document::new(source, Markup::Plain);
        let s: Vec<&str> = doc.sentences().iter().map(|r| &source[r.clone()]).collect();
        assert_eq!(s, ["Hi Zoë,", "Sorry — it’s fixed.", "Is it ok?"]);
    }

    #[test]
    fn the_customers_last_words_come_from_the_thread_or_the_quoted_history() {
        let source =
            "Sorry about that! Try the reset link.\n\nOn Mon, Ana wrote:\n> I can't sign in.\n";
        let doc = Document::new(source, Markup::Plain);
        let quoted = doc.last_from_customer().unwrap();
        assert!(quoted.contains("I can't sign in."), "{quoted}");
        assert!(!doc.prose().contains("sign in."));
        let thread = Thread {
            previous: vec![turn::Message {
                author: turn::Author::Customer,
                text: "It broke again.".into(),
            }],
        };
        let doc = Document::new(source, Markup::Plain).with_thread(&thread);
        assert_eq!(doc.last_from_customer().as_deref(), Some("It broke again."));
        assert_eq!(
            Document::new("Hi.", Markup::Plain).last_from_customer(),
            None
        );
    }

    #[test]
    fn empty_and_whitespace_sources_have_no_segments() {
        for source in ["", "\n\n", "   "] {
            let doc = Document::new(source, Markup::Markdown);
            assert!(
                doc.paragraphs().is_empty() && doc.opening().is_none() && doc.closing().is_none()
            );
        }
    }
}
