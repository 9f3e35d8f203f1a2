//! Where each byte of a YAML scalar's value came from in the file.
//!
//! The parser gives a scalar's decoded value and the span of the scalar as
//! written (for a block scalar, from its first content character to the end
//! of its last line). This module walks the written form and the value side
//! by side:
//!
//! - runs of content characters are verbatim pieces;
//! - an escape of a double-quoted scalar (`\n`, `\u00e9`) and a doubled
//!   quote `''` of a single-quoted one are atomic pieces;
//! - whitespace with line breaks in plain and quoted scalars folds into one
//!   space (one break) or `n - 1` newlines (`n` breaks), an atomic piece
//!   mapped to all of that whitespace;
//! - in literal (`|`) and folded (`>`) block scalars, the whitespace between
//!   two content characters keeps what it shares with the value verbatim
//!   (a line's trailing spaces, its line break, a more-indented line's extra
//!   spaces) and skips the stripped indentation; a line break folded into
//!   a space is atomic.
//!
//! Each step checks the value, so the map is exact. If the walk ever
//! disagrees with the parser (a form this module does not know), the whole
//! value is mapped as one atomic piece to the whole scalar: coarser, never
//! wrong.

use std::ops::Range;

use granit_parser::ScalarStyle;

use crate::container::tree::Text;
use crate::container::{OffsetMap, Syntax};

/// The text of a scalar whose value is `value`, written at `span` of `source`.
pub fn text(source: &str, span: Range<usize>, style: ScalarStyle, value: &str) -> Text {
    let map = align(source, span.clone(), style, value).unwrap_or_else(|| {
        let mut map = OffsetMap::default();
        map.push_atomic(value.len(), span);
        map
    });
    let syntax = match style {
        ScalarStyle::Plain => Syntax::YamlPlain,
        ScalarStyle::SingleQuoted => Syntax::YamlSingleQuoted,
        ScalarStyle::DoubleQuoted => Syntax::YamlDoubleQuoted,
        _ => Syntax::YamlBlock,
    };
    Text {
        value: value.to_owned(),
        map,
        syntax,
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn line_breaks(ws: &[u8]) -> usize {
    ws.iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && ws.get(i + 1) != Some(&b'\n')))
        .count()
}

fn align(source: &str, span: Range<usize>, style: ScalarStyle, value: &str) -> Option<OffsetMap> {
    let src = source.as_bytes();
    let v = value.as_bytes();
    let quoted = matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted);
    let block = matches!(style, ScalarStyle::Literal | ScalarStyle::Folded);
    let (mut s, end) = if quoted {
        if span.len() < 2 {
            return None;
        }
        (span.start + 1, span.end - 1)
    } else if block {
        (block_content_start(src, span.start), span.end)
    } else {
        (span.start, span.end)
    };
    if end > src.len() || s > end {
        return None;
    }
    let mut t = 0;
    let mut map = OffsetMap::default();
    while s < end || t < v.len() {
        if s >= end {
            return None;
        }
        let byte = src[s];
        if is_space(byte) {
            let ws_end = (s..end).find(|&i| !is_space(src[i])).unwrap_or(end);
            if block {
                let v_end = (t..v.len())
                    .find(|&i| !matches!(v[i], b' ' | b'\t' | b'\n'))
                    .unwrap_or(v.len());
                let folded = &v[t..v_end];
                if line_breaks(&src[s..ws_end]) > 0
                    && !folded.is_empty()
                    && !folded.contains(&b'\n')
                {
                    // A line break folded into a space.
                    map.push_atomic(folded.len(), s..ws_end);
                } else {
                    keep_shared(&mut map, src, s..ws_end, folded);
                }
                t = v_end;
            } else {
                let ws = &src[s..ws_end];
                let folded: Vec<u8> = match line_breaks(ws) {
                    0 => ws.to_vec(),
                    1 => vec![b' '],
                    n => vec![b'\n'; n - 1],
                };
                if !v[t..].starts_with(&folded) {
                    return None;
                }
                if line_breaks(ws) == 0 {
                    map.push_verbatim(s, ws.len());
                } else {
                    map.push_atomic(folded.len(), s..ws_end);
                }
                t += folded.len();
            }
            s = ws_end;
        } else if style == ScalarStyle::DoubleQuoted && byte == b'\\' {
            let (decoded, escape_end) = escape(source, s, end)?;
            if let Some(c) = decoded {
                let mut buf = [0; 4];
                let c = c.encode_utf8(&mut buf).as_bytes();
                if !v[t..].starts_with(c) {
                    return None;
                }
                map.push_atomic(c.len(), s..escape_end);
                t += c.len();
            }
            s = escape_end;
        } else if style == ScalarStyle::SingleQuoted && byte == b'\'' {
            if src.get(s + 1) != Some(&b'\'') || v.get(t) != Some(&b'\'') {
                return None;
            }
            map.push_atomic(1, s..s + 2);
            s += 2;
            t += 1;
        } else {
            let special = |b: u8| {
                is_space(b)
                    || (style == ScalarStyle::DoubleQuoted && b == b'\\')
                    || (style == ScalarStyle::SingleQuoted && b == b'\'')
            };
            let run_end = (s..end).find(|&i| special(src[i])).unwrap_or(end);
            let run = &src[s..run_end];
            if v.get(t..t + run.len()) != Some(run) {
                return None;
            }
            map.push_verbatim(s, run.len());
            t += run.len();
            s = run_end;
        }
    }
    Some(map)
}

/// Where a block scalar's content lines start: the line after its header,
/// which the parser's span (starting at the first content character) skips
/// when the content starts with empty lines.
fn block_content_start(src: &[u8], first_content: usize) -> usize {
    let first_content = first_content.min(src.len());
    let Some(header_end) = src[..first_content].iter().rposition(|&b| !is_space(b)) else {
        return first_content;
    };
    match src[header_end..first_content]
        .iter()
        .position(|&b| b == b'\n')
    {
        Some(i) => header_end + i + 1,
        None => first_content,
    }
}

/// Maps the whitespace `shared` of a block scalar's value to the source
/// whitespace `ws`: what both end with and then what both start with are
/// verbatim (the source keeps them as they are); the rest of the value is
/// one atomic piece (a break folded into a space); the rest of the source is
/// indentation and skipped.
fn keep_shared(map: &mut OffsetMap, src: &[u8], ws: Range<usize>, value: &[u8]) {
    let written = &src[ws.clone()];
    let suffix = written
        .iter()
        .rev()
        .zip(value.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (written_rest, value_rest) = (
        &written[..written.len() - suffix],
        &value[..value.len() - suffix],
    );
    let prefix = written_rest
        .iter()
        .zip(value_rest)
        .take_while(|(a, b)| a == b)
        .count();
    map.push_verbatim(ws.start, prefix);
    let middle = value_rest.len() - prefix;
    if middle > 0 {
        let from = ws.start + prefix;
        let to = ws.end - suffix;
        let source = if from < to { from..to } else { ws.clone() };
        map.push_atomic(middle, source);
    }
    map.push_verbatim(ws.end - suffix, suffix);
}

/// The escape of a double-quoted scalar at `at` (a `\`): the character it
/// stands for (`None` for an escaped line break, which stands for nothing)
/// and where it ends.
fn escape(source: &str, at: usize, end: usize) -> Option<(Option<char>, usize)> {
    let src = source.as_bytes();
    let kind = *src.get(at + 1).filter(|_| at + 1 < end)?;
    let simple = match kind {
        b'0' => '\0',
        b'a' => '\u{7}',
        b'b' => '\u{8}',
        b't' | b'\t' => '\t',
        b'n' => '\n',
        b'v' => '\u{b}',
        b'f' => '\u{c}',
        b'r' => '\r',
        b'e' => '\u{1b}',
        b' ' => ' ',
        b'"' => '"',
        b'/' => '/',
        b'\\' => '\\',
        b'N' => '\u{85}',
        b'_' => '\u{a0}',
        b'L' => '\u{2028}',
        b'P' => '\u{2029}',
        b'x' | b'u' | b'U' => {
            let digits = match kind {
                b'x' => 2,
                b'u' => 4,
                _ => 8,
            };
            let hex = source.get(at + 2..at + 2 + digits)?;
            let code = u32::from_str_radix(hex, 16).ok()?;
            return Some((Some(char::from_u32(code)?), at + 2 + digits));
        }
        b'\r' | b'\n' => {
            let mut i = at + 1;
            if src[i] == b'\r' && src.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            i += 1;
            while i < end && matches!(src[i], b' ' | b'\t') {
                i += 1;
            }
            return Some((None, i));
        }
        _ => return None,
    };
    Some((Some(simple), at + 2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::yaml::tree::parse;

    /// Every verbatim character of `text` is the same bytes in `source`,
    /// and the map covers the whole text.
    pub(crate) fn assert_exact(source: &str, text: &Text) {
        assert_eq!(text.map.text_len(), text.value.len());
        for (i, c) in text.value.char_indices() {
            let r = i..i + c.len_utf8();
            if text.map.is_verbatim(r.clone()) {
                assert_eq!(&source[text.map.range(r.clone())], &text.value[r]);
            }
        }
    }

    /// The text of `key` in a YAML mapping.
    fn value_of(yaml: &str, key: &str) -> Text {
        let docs = parse(yaml).unwrap();
        docs[0].get(key).unwrap().as_text().unwrap().clone()
    }

    fn is_fallback(text: &Text) -> bool {
        !text.value.is_empty() && !(0..text.value.len()).any(|i| text.map.is_verbatim(i..i + 1))
    }

    #[test]
    fn literal_lines_are_verbatim_and_indentation_is_skipped() {
        let yaml = "a: |\n    Hi there,\n      indented\n\n    bye\n\nb: 1\n";
        let text = value_of(yaml, "a");
        assert_eq!(text.value, "Hi there,\n  indented\n\nbye\n");
        assert_exact(yaml, &text);
        assert_eq!(&yaml[text.map.range(0..9)], "Hi there,");
        let bye = text.value.find("bye").unwrap();
        assert_eq!(text.map.range(bye..bye + 3), 39..42);
        assert!(text.map.is_verbatim(0..text.value.len()) || !is_fallback(&text));
        let indented = text.value.find("  indented").unwrap();
        assert!(text.map.is_verbatim(indented..indented + 10));
        assert_eq!(&yaml[text.map.range(indented..indented + 10)], "  indented");
    }

    #[test]
    fn literal_with_leading_empty_lines_and_crlf() {
        let yaml = "a: |  # note\n\n  x\r\n  y\r\n";
        let text = value_of(yaml, "a");
        assert_eq!(text.value, "\nx\ny\n");
        assert_exact(yaml, &text);
        assert!(!is_fallback(&text));
        assert_eq!(&yaml[text.map.range(1..2)], "x");
        assert_eq!(&yaml[text.map.range(3..4)], "y");
    }

    #[test]
    fn folded_breaks_become_atomic_spaces() {
        let yaml = "a: >-\n  one\n  two\n\n  three\n";
        let text = value_of(yaml, "a");
        assert_eq!(text.value, "one two\nthree");
        assert_exact(yaml, &text);
        assert!(!is_fallback(&text));
        assert_eq!(&yaml[text.map.range(3..4)], "\n  ");
        assert!(!text.map.is_verbatim(3..4));
        assert_eq!(&yaml[text.map.range(8..13)], "three");
    }

    #[test]
    fn double_quoted_escapes_and_folding_are_atomic() {
        let yaml = "a: \"Zoë \\u00e9\\t\\\"x\\\"\n   next \\\n   joined\"\n";
        let text = value_of(yaml, "a");
        assert_eq!(text.value, "Zoë é\t\"x\" next joined");
        assert_exact(yaml, &text);
        assert!(!is_fallback(&text));
        let e = text.value.find('é').unwrap();
        assert_eq!(&yaml[text.map.range(e..e + 2)], "\\u00e9");
        let next = text.value.find("next").unwrap();
        assert_eq!(&yaml[text.map.range(next - 1..next)], "\n   ");
        assert_eq!(&yaml[text.map.range(next..next + 4)], "next");
        let joined = text.value.find("joined").unwrap();
        assert_eq!(&yaml[text.map.range(joined..joined + 6)], "joined");
    }

    #[test]
    fn single_quoted_and_plain_multi_line() {
        let yaml = "a: 'it''s\n  fine'\nb: plain\n  words\n\n  more\n";
        let a = value_of(yaml, "a");
        assert_eq!(a.value, "it's fine");
        assert_exact(yaml, &a);
        assert_eq!(&yaml[a.map.range(2..3)], "''");
        let b = value_of(yaml, "b");
        assert_eq!(b.value, "plain words\nmore");
        assert_exact(yaml, &b);
        assert!(!is_fallback(&b));
        assert_eq!(&yaml[b.map.range(12..16)], "more");
    }

    #[test]
    fn an_unknown_form_falls_back_to_the_whole_scalar() {
        let text = text(
            "x: \"ab\"",
            3..7,
            ScalarStyle::DoubleQuoted,
            "something else",
        );
        assert!(is_fallback(&text));
        assert_eq!(text.map.range(0..3), 3..7);
    }
}
