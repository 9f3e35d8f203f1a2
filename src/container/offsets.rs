//! Offset maps: where each byte of a reply's text came from in its source.
//!
//! A reply's text is not always a slice of its file: a JSON string has
//! escapes, a YAML block scalar loses its indentation, HTML loses its tags
//! and decodes its entities. An [`OffsetMap`] records, piece by piece, which
//! source bytes each stretch of text came from, so that a diagnostic found in
//! the text points at the exact bytes of the file.
//!
//! A piece is either *verbatim* (text and source bytes are equal, so offsets
//! inside it map one to one) or *atomic* (a decoded unit such as `\n`,
//! `&amp;` or an inserted paragraph break, mapped as a whole).

use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq)]
struct Piece {
    /// Start of the piece in the text; it ends where the next piece starts.
    text_start: usize,
    source: Range<usize>,
    verbatim: bool,
}

/// A map from offsets in a reply's text to offsets in its source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
    text_len: usize,
}

impl OffsetMap {
    /// The map of a text that is its source (a whole Markdown file).
    pub fn identity(len: usize) -> OffsetMap {
        let mut map = OffsetMap::default();
        map.push_verbatim(0, len);
        map
    }

    /// Appends `len` bytes of text copied from the source at `source_start`.
    pub fn push_verbatim(&mut self, source_start: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.pieces.last_mut() {
            if last.verbatim
                && last.source.end == source_start
                && self.text_len - last.text_start == last.source.len()
            {
                last.source.end += len;
                self.text_len += len;
                return;
            }
        }
        self.pieces.push(Piece {
            text_start: self.text_len,
            source: source_start..source_start + len,
            verbatim: true,
        });
        self.text_len += len;
    }

    /// Appends `text_len` bytes of text decoded from the source bytes
    /// `source` (an escape, an entity, a tag turned into a line break).
    pub fn push_atomic(&mut self, text_len: usize, source: Range<usize>) {
        if text_len == 0 {
            return;
        }
        self.pieces.push(Piece {
            text_start: self.text_len,
            source,
            verbatim: false,
        });
        self.text_len += text_len;
    }

    /// The length of the text this map covers.
    pub fn text_len(&self) -> usize {
        self.text_len
    }

    fn piece_end(&self, i: usize) -> usize {
        self.pieces
            .get(i + 1)
            .map_or(self.text_len, |p| p.text_start)
    }

    /// The index of the piece holding text offset `t` (`t < text_len`).
    fn piece_at(&self, t: usize) -> Option<usize> {
        if t >= self.text_len {
            return None;
        }
        Some(self.pieces.partition_point(|p| p.text_start <= t) - 1)
    }

    /// The source offset where the text starting at `t` starts.
    pub fn start(&self, t: usize) -> usize {
        match self.piece_at(t) {
            Some(i) => {
                let p = &self.pieces[i];
                if p.verbatim {
                    p.source.start + (t - p.text_start)
                } else {
                    p.source.start
                }
            }
            None => self.pieces.last().map_or(0, |p| p.source.end),
        }
    }

    /// The source offset where the text ending at `t` ends.
    pub fn end(&self, t: usize) -> usize {
        if t == 0 {
            return self.pieces.first().map_or(0, |p| p.source.start);
        }
        match self.piece_at(t - 1) {
            Some(i) => {
                let p = &self.pieces[i];
                if p.verbatim {
                    p.source.start + (t - p.text_start)
                } else {
                    p.source.end
                }
            }
            None => self.pieces.last().map_or(0, |p| p.source.end),
        }
    }

    /// The source range of the text range `range`.
    pub fn range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.start(range.start);
        let end = self.end(range.end).max(start);
        if range.is_empty() {
            start..start
        } else {
            start..end
        }
    }

    /// Whether the text range maps to source bytes that are the same text
    /// (no escape or entity inside), so a fix can replace them as they are.
    pub fn is_verbatim(&self, range: Range<usize>) -> bool {
        if range.is_empty() {
            return true;
        }
        let Some(first) = self.piece_at(range.start) else {
            return false;
        };
        let p = &self.pieces[first];
        p.verbatim && range.end <= self.piece_end(first)
    }
}

impl OffsetMap {
    /// Whether the text range maps to one unbroken stretch of source bytes
    /// made of whole pieces: no byte the text dropped (a tag, YAML
    /// indentation) lies inside it and no decoded unit (an escape, an
    /// entity) is cut, so replacing the stretch with the replacement
    /// written in the source's syntax replaces exactly that text.
    pub fn is_contiguous(&self, range: Range<usize>) -> bool {
        if range.is_empty() {
            return true;
        }
        let (Some(first), Some(last)) = (self.piece_at(range.start), self.piece_at(range.end - 1))
        else {
            return false;
        };
        let (p, q) = (&self.pieces[first], &self.pieces[last]);
        if (!p.verbatim && p.text_start != range.start)
            || (!q.verbatim && self.piece_end(last) != range.end)
        {
            return false;
        }
        self.pieces[first..=last]
            .windows(2)
            .all(|w| w[0].source.end == w[1].source.start)
    }

    /// The map of `inner`'s text through `self`: `inner` maps a text to
    /// offsets in the text `self` maps to the source (HTML inside a JSON
    /// string), so the result maps `inner`'s text straight to the source.
    pub fn compose(&self, inner: &OffsetMap) -> OffsetMap {
        let mut out = OffsetMap::default();
        for (i, p) in inner.pieces.iter().enumerate() {
            let len = inner.piece_end(i) - p.text_start;
            if p.verbatim {
                // Split the verbatim stretch wherever `self` changes piece.
                let mut at = p.source.start;
                let end = p.source.end;
                while at < end {
                    let Some(j) = self.piece_at(at) else {
                        break;
                    };
                    let q = &self.pieces[j];
                    let stop = self.piece_end(j).min(end);
                    if q.verbatim {
                        out.push_verbatim(q.source.start + (at - q.text_start), stop - at);
                    } else {
                        out.push_atomic(stop - at, q.source.clone());
                    }
                    at = stop;
                }
            } else {
                out.push_atomic(len, self.range(p.source.clone()));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `"Hi\nthere"` as a JSON string starting at byte 10 of its file:
    /// `Hi` verbatim, `\n` (2 source bytes) decoded to 1, `there` verbatim.
    fn json_like() -> OffsetMap {
        let mut map = OffsetMap::default();
        map.push_verbatim(10, 2);
        map.push_atomic(1, 12..14);
        map.push_verbatim(14, 5);
        map
    }

    #[test]
    fn contiguous_ranges_are_whole_pieces_without_gaps() {
        let map = json_like();
        assert!(map.is_contiguous(0..8), "`Hi\\nthe` is one stretch");
        assert!(map.is_contiguous(1..2));
        let mut gap = OffsetMap::default();
        gap.push_verbatim(0, 4);
        gap.push_verbatim(10, 4); // six bytes of markup dropped between
        assert!(!gap.is_contiguous(2..6));
        assert!(gap.is_contiguous(4..6));
        let mut cut = OffsetMap::default();
        cut.push_atomic(2, 0..4); // `</p>` read as two line breaks
        cut.push_verbatim(4, 3);
        assert!(!cut.is_contiguous(1..3), "half of a decoded unit");
        assert!(cut.is_contiguous(0..3));
    }

    #[test]
    fn identity_maps_every_offset_to_itself() {
        let map = OffsetMap::identity(5);
        assert_eq!(map.range(1..4), 1..4);
        assert_eq!(map.range(0..5), 0..5);
        assert_eq!(map.range(5..5), 5..5);
    }

    #[test]
    fn escapes_shift_the_offsets_after_them() {
        let map = json_like();
        assert_eq!(map.text_len(), 8);
        assert_eq!(map.range(0..2), 10..12);
        assert_eq!(map.range(3..8), 14..19);
        assert_eq!(map.range(2..3), 12..14);
        assert_eq!(map.range(1..4), 11..15);
    }

    #[test]
    fn only_ranges_without_decoded_units_are_verbatim() {
        let map = json_like();
        assert!(map.is_verbatim(3..8));
        assert!(!map.is_verbatim(1..4));
        assert!(!map.is_verbatim(2..3));
    }

    #[test]
    fn composed_maps_go_straight_to_the_source() {
        // Inner: text "Hi there" from "<b>Hi</b> there" (tags dropped).
        let mut inner = OffsetMap::default();
        inner.push_verbatim(3, 2);
        inner.push_verbatim(9, 6);
        // Outer: that HTML sits in a JSON string at byte 100, verbatim.
        let outer = OffsetMap::identity(15);
        let mut shifted = OffsetMap::default();
        shifted.push_verbatim(100, 15);
        let direct = outer.compose(&inner);
        assert_eq!(direct.range(0..2), 3..5);
        let through = shifted.compose(&inner);
        assert_eq!(through.range(0..2), 103..105);
        assert_eq!(through.range(3..8), 110..115);
        // An escape inside the outer string is atomic in the result.
        let json = json_like();
        let all = OffsetMap::identity(8);
        assert_eq!(json.compose(&all).range(1..4), 11..15);
        assert_eq!(json.compose(&all).range(3..8), 14..19);
    }

    #[test]
    fn adjacent_verbatim_pieces_merge() {
        let mut map = OffsetMap::default();
        map.push_verbatim(0, 3);
        map.push_verbatim(3, 3);
        assert_eq!(map.pieces.len(), 1);
        map.push_verbatim(10, 1);
        assert_eq!(map.pieces.len(), 2);
        assert_eq!(map.range(5..7), 5..11);
    }
}
