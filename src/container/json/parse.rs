//! A strict JSON parser (RFC 8259) that keeps the byte span of every value
//! and maps every decoded string back to its source bytes.
//!
//! Hand-written rather than a crate: serde_json gives no spans, and
//! `jsonc-parser` gives the range of a string literal but not of each escape
//! inside it, so its strings would have to be scanned again anyway. JSON is
//! small enough that the whole parser is this file. Nesting is limited to
//! [`MAX_DEPTH`] so `[[[[…` cannot overflow the stack.
//!
//! A lone UTF-16 surrogate escape (`\ud83d` not followed by its low half)
//! decodes to U+FFFD rather than failing the file: JavaScript exports
//! can hold them, and one broken emoji should not hide a whole collection.

use std::ops::Range;

use crate::container::tree::{Entry, Kind, Node, ScalarKind, Text};
use crate::container::ContainerError;
use crate::container::Syntax;

/// How deeply arrays and objects may nest.
pub const MAX_DEPTH: usize = 128;

/// Parses a whole JSON document.
pub fn parse(text: &str) -> Result<Node, ContainerError> {
    let mut parser = Parser {
        src: text,
        bytes: text.as_bytes(),
        at: 0,
    };
    if text.starts_with('\u{feff}') {
        parser.at = '\u{feff}'.len_utf8();
    }
    parser.skip_space();
    let root = parser.value(0)?;
    parser.skip_space();
    if parser.at < parser.bytes.len() {
        return Err(parser.error_here("unexpected text after the JSON value"));
    }
    Ok(root)
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// The span of the character at `at` (empty at the end of the text).
    fn char_span(&self, at: usize) -> Range<usize> {
        let len = self
            .src
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .map_or(0, char::len_utf8);
        at..at + len
    }

    fn error_here(&self, message: &str) -> ContainerError {
        self.error_at(self.at, message)
    }

    fn error_at(&self, at: usize, message: &str) -> ContainerError {
        let found = match self.src.get(at..).and_then(|rest| rest.chars().next()) {
            Some(c) if c.is_control() => format!("{message} (found {c:?})"),
            Some(c) => format!("{message} (found `{c}`)"),
            None => format!("{message} (found the end of the file)"),
        };
        ContainerError::at(found, self.char_span(at))
    }

    fn value(&mut self, depth: usize) -> Result<Node, ContainerError> {
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let start = self.at;
                let text = self.string()?;
                Ok(Node {
                    kind: Kind::Str(text),
                    span: start..self.at,
                })
            }
            Some(b't') => self.word("true", ScalarKind::Bool),
            Some(b'f') => self.word("false", ScalarKind::Bool),
            Some(b'n') => self.word("null", ScalarKind::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.error_here("expected a JSON value")),
        }
    }

    /// At the `]` or `}` after a `,`: the error is the comma, which JSON
    /// (unlike JavaScript) does not allow before a closing bracket.
    fn trailing_comma(&self) -> ContainerError {
        let comma = self.bytes[..self.at]
            .iter()
            .rposition(|&b| b == b',')
            .unwrap_or(self.at);
        ContainerError::at(
            "trailing comma (JSON allows no `,` before a closing `]` or `}`)",
            self.char_span(comma),
        )
    }

    fn enter(&self, depth: usize) -> Result<usize, ContainerError> {
        if depth >= MAX_DEPTH {
            return Err(ContainerError::at(
                format!("JSON nested more than {MAX_DEPTH} levels deep"),
                self.char_span(self.at),
            ));
        }
        Ok(depth + 1)
    }

    fn object(&mut self, depth: usize) -> Result<Node, ContainerError> {
        let depth = self.enter(depth)?;
        let start = self.at;
        self.at += 1;
        let mut entries = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Node {
                kind: Kind::Map(entries),
                span: start..self.at,
            });
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                if self.peek() == Some(b'}') {
                    return Err(self.trailing_comma());
                }
                return Err(self.error_here("expected a string key in an object"));
            }
            let key_start = self.at;
            let key = self.string()?.value;
            let key_span = key_start..self.at;
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.error_here("expected `:` after an object key"));
            }
            self.at += 1;
            self.skip_space();
            let value = self.value(depth)?;
            entries.push(Entry {
                key,
                key_span,
                value,
            });
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Node {
                        kind: Kind::Map(entries),
                        span: start..self.at,
                    });
                }
                _ => return Err(self.error_here("expected `,` or `}` in an object")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Node, ContainerError> {
        let depth = self.enter(depth)?;
        let start = self.at;
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Node {
                kind: Kind::List(items),
                span: start..self.at,
            });
        }
        loop {
            self.skip_space();
            if self.peek() == Some(b']') {
                return Err(self.trailing_comma());
            }
            items.push(self.value(depth)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Node {
                        kind: Kind::List(items),
                        span: start..self.at,
                    });
                }
                _ => return Err(self.error_here("expected `,` or `]` in an array")),
            }
        }
    }

    fn word(&mut self, word: &str, kind: ScalarKind) -> Result<Node, ContainerError> {
        let start = self.at;
        if !self.bytes[start..].starts_with(word.as_bytes()) {
            return Err(self.error_here("expected a JSON value"));
        }
        self.at += word.len();
        Ok(Node {
            kind: Kind::Scalar(kind, word.to_owned()),
            span: start..self.at,
        })
    }

    fn digits(&mut self) -> usize {
        let from = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - from
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    fn number(&mut self) -> Result<Node, ContainerError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error_here("expected a digit in a number")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.error_here("expected a digit after `.` in a number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error_here("expected a digit in a number's exponent"));
            }
        }
        Ok(Node {
            kind: Kind::Scalar(ScalarKind::Number, self.src[start..self.at].to_owned()),
            span: start..self.at,
        })
    }

    /// A string at `"`: its decoded text, runs of plain characters mapped
    /// verbatim and each escape mapped as one atomic piece.
    fn string(&mut self) -> Result<Text, ContainerError> {
        let open = self.at;
        self.at += 1;
        let mut text = Text {
            syntax: Syntax::JsonString,
            ..Text::default()
        };
        let mut run = self.at;
        loop {
            let Some(byte) = self.peek() else {
                return Err(ContainerError::at(
                    "unterminated string (no closing `\"`)",
                    open..open + 1,
                ));
            };
            match byte {
                b'"' => {
                    flush(&mut text, self.src, run..self.at);
                    self.at += 1;
                    return Ok(text);
                }
                b'\\' => {
                    flush(&mut text, self.src, run..self.at);
                    let start = self.at;
                    let decoded = self.escape()?;
                    text.value.push(decoded);
                    text.map.push_atomic(decoded.len_utf8(), start..self.at);
                    run = self.at;
                }
                0x00..=0x1f => {
                    return Err(self.error_here(
                        "control character in a string (write it as an escape such as `\\n`)",
                    ))
                }
                _ => self.at += 1,
            }
        }
    }

    /// The escape at `\`, moving past it (a surrogate pair as one escape).
    fn escape(&mut self) -> Result<char, ContainerError> {
        let start = self.at;
        let Some(kind) = self.bytes.get(start + 1).copied() else {
            return Err(self.error_at(start + 1, "unterminated escape"));
        };
        self.at = start + 2;
        let simple = match kind {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(start),
            _ => {
                return Err(ContainerError::at(
                    "invalid escape (JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
                    start..start + 1 + self.char_span(start + 1).len(),
                ))
            }
        };
        Ok(simple)
    }

    /// `\uXXXX` starting at `start`; `self.at` is past `\u`.
    fn unicode_escape(&mut self, start: usize) -> Result<char, ContainerError> {
        let high = self.hex4(start)?;
        if !(0xD800..0xDC00).contains(&high) {
            // A low surrogate alone is not a character either.
            return Ok(char::from_u32(high).unwrap_or('\u{fffd}'));
        }
        if self.bytes.get(self.at..self.at + 2) == Some(b"\\u") {
            let save = self.at;
            self.at += 2;
            let low = self.hex4(save)?;
            if (0xDC00..0xE000).contains(&low) {
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                return Ok(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            // Not a low half: it is an escape of its own.
            self.at = save;
        }
        Ok('\u{fffd}')
    }

    /// Four hex digits at `self.at`, for the escape starting at `start`.
    fn hex4(&mut self, start: usize) -> Result<u32, ContainerError> {
        let digits = self.bytes.get(self.at..self.at + 4);
        let value = digits
            .filter(|d| d.iter().all(u8::is_ascii_hexdigit))
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok());
        match value {
            Some(value) => {
                self.at += 4;
                Ok(value)
            }
            None => {
                let mut end = self.at;
                while end < self.at + 4 && self.bytes.get(end).is_some_and(u8::is_ascii_hexdigit) {
                    end += 1;
                }
                Err(ContainerError::at(
                    "invalid \\u escape (expected four hex digits)",
                    start..self.char_span(end).end.max(end),
                ))
            }
        }
    }
}

/// Appends the unescaped run `range` of the source to `text`, verbatim.
fn flush(text: &mut Text, src: &str, range: Range<usize>) {
    text.value.push_str(&src[range.clone()]);
    text.map.push_verbatim(range.start, range.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(json: &str) -> Text {
        match parse(json).unwrap().kind {
            Kind::Str(text) => text,
            other => panic!("not a string: {other:?}"),
        }
    }

    /// Every verbatim character of `text` is the same bytes in `source`.
    fn assert_exact(source: &str, text: &Text) {
        for (i, c) in text.value.char_indices() {
            let r = i..i + c.len_utf8();
            if text.map.is_verbatim(r.clone()) {
                assert_eq!(&source[text.map.range(r.clone())], &text.value[r]);
            }
        }
        assert_eq!(text.map.text_len(), text.value.len());
    }

    #[test]
    fn strings_decode_with_each_escape_mapped_to_its_bytes() {
        let json = r#""Hi\n\"Zoë\" \u00e9 \ud83d\ude00!""#;
        let text = text_of(json);
        assert_eq!(text.value, "Hi\n\"Zoë\" é 😀!");
        assert_exact(json, &text);
        assert_eq!(text.map.range(0..2), 1..3);
        assert_eq!(text.map.range(2..3), 3..5);
        assert_eq!(&json[text.map.range(3..4)], "\\\"");
        let e = text.value.find('é').unwrap();
        assert_eq!(&json[text.map.range(e..e + 2)], "\\u00e9");
        let smile = text.value.find('😀').unwrap();
        assert_eq!(&json[text.map.range(smile..smile + 4)], "\\ud83d\\ude00");
        assert!(!text.map.is_verbatim(smile..smile + 4));
        assert!(text.map.is_verbatim(4..7));
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(text_of(r#""a\ud83db""#).value, "a\u{fffd}b");
        assert_eq!(text_of(r#""\ude00""#).value, "\u{fffd}");
        assert_eq!(text_of(r#""\ud83d\u0041""#).value, "\u{fffd}A");
    }

    #[test]
    fn values_keep_their_spans() {
        let json = r#" {"a": [1, -2.5e3, true, null], "b": {"c": "d"}} "#;
        let root = parse(json).unwrap();
        assert_eq!(&json[root.span.clone()], json.trim());
        let a = root.get("a").unwrap();
        assert_eq!(&json[a.span.clone()], "[1, -2.5e3, true, null]");
        let c = root.get("b").unwrap().get("c").unwrap();
        assert_eq!(&json[c.span.clone()], "\"d\"");
        let entry = root.entry("b").unwrap();
        assert_eq!(&json[entry.key_span.clone()], "\"b\"");
    }

    #[test]
    fn errors_point_at_the_offending_byte() {
        let cases = [
            ("{\"a\": 1,}", 7, "trailing comma"),
            ("[1,\n  ]", 2, "trailing comma"),
            ("{\"a\": 1, 2}", 9, "expected a string key"),
            ("[1 2]", 3, "expected `,` or `]`"),
            ("{\"a\" 1}", 5, "expected `:`"),
            ("\"a\\qb\"", 2, "invalid escape"),
            ("\"a\u{1}\"", 2, "control character"),
            ("01", 1, "after the JSON value"),
            ("tru", 0, "expected a JSON value"),
            ("[1.]", 3, "after `.`"),
            ("\"\\u12x4\"", 1, "four hex digits"),
            ("\"open", 0, "unterminated string"),
            ("", 0, "expected a JSON value"),
        ];
        for (json, at, message) in cases {
            let error = parse(json).unwrap_err();
            assert_eq!(error.span.as_ref().map(|s| s.start), Some(at), "{json}");
            assert!(error.message.contains(message), "{json}: {}", error.message);
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        let error = parse(&deep).unwrap_err();
        assert!(error.message.contains("nested more than"));
        assert_eq!(error.span, Some(MAX_DEPTH..MAX_DEPTH + 1));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn truncated_and_mutated_inputs_never_panic() {
        let json = r#"{"macros": [{"title": "Zoë \u00e9\ud83d\ude00", "actions": [{"field": "comment_value", "value": ["channel:all", "Hi\n\"there\""]}]}], "count": 1.5e2}"#;
        for end in 0..=json.len() {
            if let Some(prefix) = json.get(..end) {
                let _ = parse(prefix);
            }
        }
        let bytes = json.as_bytes();
        for i in 0..bytes.len() {
            for replacement in [b'"', b'\\', b'{', b']', b'u', b'0', b' '] {
                let mut mutated = bytes.to_vec();
                mutated[i] = replacement;
                if let Ok(mutated) = String::from_utf8(mutated) {
                    if let Ok(root) = parse(&mutated) {
                        assert!(root.span.end <= mutated.len());
                    }
                }
            }
        }
    }
}
