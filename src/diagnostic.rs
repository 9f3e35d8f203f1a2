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

/// Whether a finding's fix can be applied without a person looking: a
/// single replacement the rule is sure of is `Safe`; several choices, or
/// a guess that may change the meaning (a "did you mean" variable), are
/// `Unsafe` and applied only with `--unsafe-fixes`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Applicability {
    #[default]
    Safe,
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
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
    /// Whether `fixes` may be applied unattended (several fixes are always
    /// unsafe).
    pub applicability: Applicability,
    /// The reply of a collection the diagnostic is in (`Billing::Refund
    /// issued`), or `None` when the file is one reply.
    pub reply: Option<Arc<str>>,
}

impl Diagnostic {
    /// The diagnostic of a reply's text moved to its source: the reply's
    /// map takes text offsets to `source` offsets. Each fix's replacement
    /// is written in the reply's syntax (escaped in JSON, quoted as its
    /// YAML scalar needs, entities in HTML); a fix is kept only where the
    /// finding is one unbroken stretch of the source and the syntax can
    /// hold the replacement.
    pub fn into_source(
        mut self,
        source: &str,
        reply: &crate::container::Reply,
        name: Option<&Arc<str>>,
    ) -> Diagnostic {
        let text_range = self.span.range();
        let contiguous = reply.map.is_contiguous(text_range.clone());
        self.span = Span::within(source, reply.map.range(text_range));
        if !contiguous {
            self.fixes.clear();
        }
        let span = self.span;
        self.fixes.retain_mut(|fix| {
            fix.span = span;
            match crate::container::syntax::encode(&reply.syntax, &fix.replacement) {
                Some(written) => {
                    fix.replacement = written;
                    true
                }
                None => false,
            }
        });
        self.reply = name.cloned();
        self
    }

    /// The fix `--fix` applies: the only one, when it is safe; with
    /// `unsafe_fixes`, the first of several (the rule author's
    /// recommendation) or one that may change the meaning.
    pub fn fix_to_apply(&self, unsafe_fixes: bool) -> Option<&Fix> {
        match (self.fixes.as_slice(), self.applicability) {
            ([one], Applicability::Safe) => Some(one),
            ([first, ..], _) if unsafe_fixes => Some(first),
            _ => None,
        }
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
