//! Byte offsets to 1-based line and column numbers, in one pass over the
//! text and then at a bounded cost per position.
//!
//! Columns count Unicode scalar values (what rustc, ruff and SARIF's
//! `unicodeCodePoints` print); a `\r` before `\n` belongs to no column.
//! [`LineIndex`] keeps the start of every line and, for text that is not
//! all ASCII, the number of characters before every [`CHECKPOINT`]th byte,
//! so a column is found by a binary search and a count over at most
//! `CHECKPOINT` bytes, however long the line: reporting many findings on
//! one long line costs no more than on many short ones.

use std::ops::Range;

/// Bytes between two saved character counts.
const CHECKPOINT: usize = 1024;

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// The start offsets of every line of one text, and character counts.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `chars_before[k]`: the characters of `text[..k * CHECKPOINT]`; empty
    /// when the text is ASCII (a byte is then a character).
    chars_before: Vec<usize>,
    /// Whether the text starts with a byte-order mark, which is no column.
    bom: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        // Only a line longer than a checkpoint needs the counts: a column on
        // a shorter one is counted from the line's start.
        let long_line = starts
            .windows(2)
            .map(|w| w[1] - w[0])
            .chain(std::iter::once(bytes.len() - starts[starts.len() - 1]))
            .any(|len| len > CHECKPOINT);
        let chars_before = if !long_line || text.is_ascii() {
            Vec::new()
        } else {
            let mut counts = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
            let mut total = 0;
            counts.push(0);
            for block in bytes.chunks(CHECKPOINT) {
                total += count_chars(block);
                counts.push(total);
            }
            counts
        };
        LineIndex {
            starts,
            chars_before,
            bom: text.starts_with('\u{feff}'),
        }
    }

    /// The line and column of `offset`, clamped to the text and floored to a
    /// character boundary. `text` must be the text the index was built from.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let line_start = self.starts[line];
        let mut column = if offset - line_start <= CHECKPOINT || self.chars_before.is_empty() {
            count_chars(&text.as_bytes()[line_start..offset]) + 1
        } else {
            self.chars_to(text, offset) - self.chars_to(text, line_start) + 1
        };
        if line == 0 && offset > 0 && self.bom {
            // A byte-order mark is not a column (as in ruff and editors).
            column -= 1;
        }
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// The 0-based line that holds `offset` (past the end: the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// The bytes of 0-based `line`, without its line end (`\n` or `\r\n`).
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts[line.min(self.starts.len() - 1)];
        let mut end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |next| next - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' && end < text.len() {
            end -= 1;
        }
        start..end
    }

    /// The characters of `text[..offset]` (`offset` on a boundary).
    fn chars_to(&self, text: &str, offset: usize) -> usize {
        if self.chars_before.is_empty() {
            return offset;
        }
        let block = offset / CHECKPOINT;
        self.chars_before[block] + count_chars(&text.as_bytes()[block * CHECKPOINT..offset])
    }
}

/// The characters of UTF-8 `bytes` cut anywhere: every byte that does not
/// continue a character starts one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// The largest character boundary at or below `offset` (clamped to the text).
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut i = offset.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest character boundary at or above `offset` (clamped to the text).
pub fn ceil_char_boundary(text: &str, offset: usize) -> usize {
    let mut i = offset.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "Zoë — ok\r\nsecond";
        let index = LineIndex::new(text);
        let ok = text.find("ok").unwrap();
        assert_eq!(index.line_col(text, ok), LineCol { line: 1, column: 7 });
        let second = text.find("second").unwrap();
        assert_eq!(index.line_col(text, second), LineCol { line: 2, column: 1 });
    }

    #[test]
    fn offsets_inside_a_character_floor_to_its_start() {
        let text = "é";
        assert_eq!(floor_char_boundary(text, 1), 0);
        assert_eq!(ceil_char_boundary(text, 1), 2);
        assert_eq!(ceil_char_boundary(text, 99), 2);
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let text = "\u{feff}Hi";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 3), LineCol { line: 1, column: 1 });
    }

    #[test]
    fn long_lines_of_any_characters_count_like_the_slow_way() {
        // Lines far longer than a checkpoint, characters of 1 to 4 bytes
        // straddling checkpoints, CRLF and a byte-order mark.
        let pieces = ["a", "é", "—", "😀", " ", "\r\n", "\n", "’", "x"];
        let mut text = String::from("\u{feff}");
        let mut state = 7u64;
        for i in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Mostly one line: a newline piece only now and then.
            let piece = pieces[(state % pieces.len() as u64) as usize];
            if piece.contains('\n') && i % 500 != 0 {
                continue;
            }
            text.push_str(piece);
        }
        let index = LineIndex::new(&text);
        // The slow way: walk the text a character at a time.
        let (mut line, mut column) = (1, 1);
        for (offset, c) in text.char_indices() {
            let expected = LineCol { line, column };
            assert_eq!(index.line_col(&text, offset), expected, "at {offset}");
            match c {
                '\n' => (line, column) = (line + 1, 1),
                '\u{feff}' if offset == 0 => {}
                _ => column += 1,
            }
        }
        assert_eq!(index.line_col(&text, text.len()), LineCol { line, column });
    }

    #[test]
    fn line_ranges_leave_out_line_ends() {
        let text = "one\r\ntwo\nthree\r";
        let index = LineIndex::new(text);
        let lines: Vec<&str> = (0..3).map(|l| &text[index.line_range(text, l)]).collect();
        assert_eq!(lines, ["one", "two", "three\r"]);
        assert_eq!(index.line_of(text.len()), 2);
        assert_eq!(index.line_of(4), 0, "a line end is on its line");
        assert_eq!(index.line_of(5), 1);
    }

    #[test]
    fn end_of_text_is_a_valid_position() {
        let text = "ab\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 3), LineCol { line: 2, column: 1 });
    }
}
