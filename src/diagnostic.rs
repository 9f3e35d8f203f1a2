//! Diagnostics: what a rule found, where, and how to fix it.
//!
//! A [`Span`] can only be made through [`Span::within`], which snaps it to
//! character boundaries of the source and clamps it to its length, so no
//! renderer ever receives a span past the end or inside a character.

use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::position::{ceil_char_boundary, floor_char_boundary};

/// How serious a finding is. Ordered: `Suggestion < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Suggestion,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Suggestion => "suggestion",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// A byte range of a source text that starts and ends on character boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// The span of `range` in `text`, widened to character boundaries and
    /// clamped to the text.
    pub fn within(text: &str, range: Range<usize>) -> Span {
        let start = floor_char_boundary(text, range.start);
        let end = ceil_char_boundary(text, range.end.max(start));
        Span { start, end }
    }

    pub fn start(self) -> usize {
        self.start
    }

    pub fn end(self) -> usize {
        self.end
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

/// A replacement of the bytes of `span` by `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
}

/// One finding of one rule in one source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: Arc<str>,
    pub level: Level,
    pub message: String,
    pub help: Arc<str>,
    pub link: Option<Arc<str>>,
    pub span: Span,
    pub fixes: Vec<Fix>,
    /// The reply of a collection the diagnostic is in (`Billing::Refund
    /// issued`), or `None` when the file is one reply.
    pub reply: Option<Arc<str>>,
}

impl Diagnostic {
    /// The diagnostic of a reply's text moved to its source: `map` takes
    /// text offsets to `source` offsets. A fix is kept only where the
    /// source bytes are the text as it is (no escape or entity in between).
    pub fn into_source(
        mut self,
        source: &str,
        map: &crate::container::OffsetMap,
        reply: Option<&Arc<str>>,
    ) -> Diagnostic {
        let text_range = self.span.range();
        let verbatim = map.is_verbatim(text_range.clone());
        self.span = Span::within(source, map.range(text_range));
        if !verbatim {
            self.fixes.clear();
        }
        for fix in &mut self.fixes {
            fix.span = self.span;
        }
        self.reply = reply.cloned();
        self
    }

    /// The source text the diagnostic points at.
    pub fn matched<'a>(&self, source: &'a str) -> &'a str {
        &source[self.span.range()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_snap_to_character_boundaries() {
        let text = "a😀b";
        let span = Span::within(text, 2..3);
        assert_eq!(span.range(), 1..5);
        assert_eq!(&text[span.range()], "😀");
    }

    #[test]
    fn spans_are_clamped_to_the_text() {
        let span = Span::within("abc", 10..20);
        assert_eq!(span.range(), 3..3);
        #[allow(clippy::reversed_empty_ranges)]
        let span = Span::within("abc", 2..1);
        assert_eq!(span.range(), 2..2);
    }

    #[test]
    fn levels_are_ordered() {
        assert!(Level::Suggestion < Level::Warning && Level::Warning < Level::Error);
    }
}
