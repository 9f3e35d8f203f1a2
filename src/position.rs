//! Byte offsets to 1-based line and column numbers.
//!
//! Columns count Unicode scalar values (what rustc, ruff and SARIF's
//! `unicodeCodePoints` print); a `\r` before `\n` belongs to no column.

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// The start offsets of every line of one text.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The line and column of `offset`, clamped to the text and floored to a
    /// character boundary.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let line_start = self.starts[line];
        let mut column = text[line_start..offset].chars().count() + 1;
        if line == 0 && offset > 0 && text.starts_with('\u{feff}') {
            // A byte-order mark is not a column (as in ruff and editors).
            column -= 1;
        }
        LineCol {
            line: line + 1,
            column,
        }
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i)
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
    fn end_of_text_is_a_valid_position() {
        let text = "ab\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 3), LineCol { line: 2, column: 1 });
    }
}
