//! The rendered text as it is built, with its map to the HTML: whitespace
//! collapsed to one space between words, paragraph and line breaks, and
//! both emitted only when text follows them.

use std::ops::Range;

use super::lexer::is_html_space;
use crate::container::OffsetMap;

/// A paragraph or line break that is emitted only if text follows it.
#[derive(Debug)]
struct PendingBreak {
    newlines: usize,
    source: Range<usize>,
}

/// The text of one HTML input and its map, built piece by piece.
pub(super) struct TextBuilder<'a> {
    html: &'a str,
    text: String,
    map: OffsetMap,
    /// Whitespace seen after text, emitted as one space if text follows.
    pending_space: Option<Range<usize>>,
    pending_break: Option<PendingBreak>,
}

impl<'a> TextBuilder<'a> {
    pub(super) fn new(html: &'a str) -> TextBuilder<'a> {
        TextBuilder {
            html,
            text: String::with_capacity(html.len() / 2),
            map: OffsetMap::default(),
            pending_space: None,
            pending_break: None,
        }
    }

    /// The text so far.
    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// The text and its map to the HTML.
    pub(super) fn finish(self) -> (String, OffsetMap) {
        debug_assert_eq!(self.map.text_len(), self.text.len());
        (self.text, self.map)
    }

    /// A paragraph (`newlines` 2) or line (1) break from the tag at
    /// `source`. Consecutive breaks give one, at most a blank line.
    pub(super) fn add_break(&mut self, newlines: usize, source: Range<usize>) {
        if self.text.is_empty() {
            return;
        }
        self.pending_space = None;
        match &mut self.pending_break {
            Some(pending) => {
                pending.newlines = if newlines == 2 {
                    2
                } else {
                    (pending.newlines + 1).min(2)
                };
                pending.source.end = source.end;
            }
            None => self.pending_break = Some(PendingBreak { newlines, source }),
        }
    }

    /// Whitespace outside `<pre>`: one space between words, none next to a
    /// break or at the start.
    pub(super) fn add_space(&mut self, source: Range<usize>) {
        if self.text.is_empty() || self.pending_break.is_some() {
            return;
        }
        match &mut self.pending_space {
            Some(pending) if pending.end == source.start => pending.end = source.end,
            Some(_) => {}
            None => self.pending_space = Some(source),
        }
    }

    /// Text copied from `source` as it is.
    pub(super) fn push_verbatim(&mut self, source: Range<usize>) {
        self.flush_pending();
        self.text.push_str(&self.html[source.clone()]);
        self.map.push_verbatim(source.start, source.len());
    }

    /// Text decoded from `source` (a character reference).
    pub(super) fn push_decoded(&mut self, decoded: &str, source: Range<usize>) {
        self.flush_pending();
        self.text.push_str(decoded);
        self.map.push_atomic(decoded.len(), source);
    }

    /// Emits the pending break or space before more text.
    fn flush_pending(&mut self) {
        if let Some(pending) = self.pending_break.take() {
            self.pending_space = None;
            // A paragraph break after `<pre>` text ending in a newline
            // needs one newline less.
            let have = if pending.newlines == 2 {
                self.text
                    .bytes()
                    .rev()
                    .take_while(|&b| is_html_space(b))
                    .filter(|&b| b == b'\n')
                    .count()
            } else {
                0
            };
            let need = pending.newlines.saturating_sub(have);
            if need > 0 {
                self.text.push_str(&"\n\n"[..need]);
                self.map.push_atomic(need, pending.source);
            }
        } else if let Some(space) = self.pending_space.take() {
            if !self.text.ends_with([' ', '\n']) {
                self.text.push(' ');
                if &self.html[space.clone()] == " " {
                    self.map.push_verbatim(space.start, 1);
                } else {
                    self.map.push_atomic(1, space);
                }
            }
        }
    }
}
