//! Byte offsets of a document's text to LSP positions and back.
//!
//! An LSP position is a 0-based line and a column counted in the code
//! units of the negotiated encoding: UTF-16 (the protocol's default, where
//! a character outside the Basic Multilingual Plane such as 😀 counts 2)
//! or UTF-8 (bytes, when the client offers it). Lines end at `\n`, `\r\n`
//! or a lone `\r`, and a line terminator belongs to no column: a position
//! past the end of a line's text is its end, as the specification says.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::position::floor_char_boundary;

/// The unit columns are counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (byte columns cost nothing to
    /// count), else the protocol's default, UTF-16.
    pub fn negotiate(offered: &[String]) -> Encoding {
        if offered
            .iter()
            .any(|kind| kind == PositionEncodingKind::UTF8.as_str())
        {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// Where each line of one text starts and where its text ends.
#[derive(Clone, Debug, Default)]
pub struct LineMap {
    /// For each line: the offset of its first byte and of its terminator
    /// (the text's length on the last line).
    lines: Vec<(usize, usize)>,
}

impl LineMap {
    pub fn new(text: &str) -> LineMap {
        let bytes = text.as_bytes();
        let mut lines = Vec::with_capacity(bytes.len() / 40 + 1);
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    lines.push((start, i));
                    start = i + 1;
                }
                b'\r' => {
                    lines.push((start, i));
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        lines.push((start, bytes.len()));
        LineMap { lines }
    }

    /// The number of lines (a text ending in a line break has an empty last line).
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    /// The 0-based line holding `offset`; an offset inside a line
    /// terminator is on the line it ends.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.partition_point(|&(start, _)| start <= offset) - 1
    }

    /// The bytes of 0-based `line`'s text, without its terminator (clamped
    /// to the last line).
    pub fn line_text(&self, line: usize) -> std::ops::Range<usize> {
        let (start, end) = self.lines[line.min(self.lines.len() - 1)];
        start..end
    }

    /// The terminator after 0-based `line` (`""` on the last line).
    pub fn terminator<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let end = self.lines[line.min(self.lines.len() - 1)].1;
        let next = self.lines.get(line + 1).map_or(text.len(), |l| l.0);
        &text[end..next]
    }

    /// The position of byte `offset` of `text` (clamped to the text and
    /// floored to a character boundary).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let (start, end) = self.lines[line];
        let upto = offset.min(end);
        let character = match encoding {
            Encoding::Utf8 => upto - start,
            Encoding::Utf16 => text[start..upto].chars().map(char::len_utf16).sum(),
        };
        Position::new(line as u32, character as u32)
    }

    /// The byte offset of `position` in `text`: a line past the last is the
    /// end of the text, a column past a line's text is its end, and a
    /// column inside a character (half a surrogate pair, a byte of a UTF-8
    /// sequence) is that character's start.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let Some(&(start, end)) = self.lines.get(position.line as usize) else {
            return text.len();
        };
        let wanted = position.character as usize;
        if encoding == Encoding::Utf8 {
            return floor_char_boundary(text, (start + wanted).min(end));
        }
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            let next = units + encoding.width(c);
            if next > wanted {
                return start + i;
            }
            units = next;
        }
        end
    }

    pub fn range(&self, text: &str, range: std::ops::Range<usize>, encoding: Encoding) -> Range {
        Range::new(
            self.position(text, range.start, encoding),
            self.position(text, range.end, encoding),
        )
    }

    /// The bytes of an LSP range (a reversed range is empty at its end).
    pub fn byte_range(
        &self,
        text: &str,
        range: Range,
        encoding: Encoding,
    ) -> std::ops::Range<usize> {
        let start = self.offset(text, range.start, encoding);
        let end = self.offset(text, range.end, encoding);
        start.min(end)..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_in_both_encodings() {
        let text = "é😀x\r\nsecond";
        let map = LineMap::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(map.position(text, x, Encoding::Utf16), Position::new(0, 3));
        assert_eq!(map.position(text, x, Encoding::Utf8), Position::new(0, 6));
        assert_eq!(map.offset(text, Position::new(0, 3), Encoding::Utf16), x);
        assert_eq!(map.offset(text, Position::new(0, 6), Encoding::Utf8), x);
        let second = text.find("second").unwrap();
        assert_eq!(
            map.position(text, second, Encoding::Utf16),
            Position::new(1, 0)
        );
    }

    #[test]
    fn every_offset_round_trips() {
        let text = "a\u{e9}\r\n😀\rb\n\nend 😀";
        let map = LineMap::new(text);
        assert_eq!(map.len(), 5);
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            for (offset, _) in text.char_indices().filter(|(i, c)| {
                // Offsets inside terminators are the end of their line.
                *c != '\n' || !text[..*i].ends_with('\r')
            }) {
                let position = map.position(text, offset, encoding);
                assert_eq!(map.offset(text, position, encoding), offset, "{offset}");
            }
        }
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "ab\r\ncd";
        let map = LineMap::new(text);
        assert_eq!(map.offset(text, Position::new(0, 99), Encoding::Utf16), 2);
        assert_eq!(map.offset(text, Position::new(9, 0), Encoding::Utf16), 6);
        // Inside a surrogate pair: the character's start.
        let text = "😀";
        let map = LineMap::new(text);
        assert_eq!(map.offset(text, Position::new(0, 1), Encoding::Utf16), 0);
        assert_eq!(map.offset(text, Position::new(0, 2), Encoding::Utf8), 0);
        assert_eq!(LineMap::new("ab\r\ncd").terminator("ab\r\ncd", 0), "\r\n");
    }
}
