//! The bytes of HTML: whitespace, and what a `<` starts (a start or end
//! tag with its attributes, a comment, a declaration, CDATA, a processing
//! instruction, or a `<` that is text). Markup that never ends is an error
//! located at its opening bytes.

use std::ops::Range;

use super::HtmlComment;
use crate::container::ContainerError;

/// HTML's ASCII whitespace.
pub(super) fn is_html_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// HTML's ASCII whitespace, as a character of the rendered text.
pub(super) fn is_html_space_char(c: char) -> bool {
    c.is_ascii() && is_html_space(c as u8)
}

/// Whether a no-break space (U+00A0) starts at `at`.
pub(super) fn is_nbsp_at(bytes: &[u8], at: usize) -> bool {
    bytes[at..].starts_with("\u{A0}".as_bytes())
}

/// The first index from `i` whose byte does not satisfy `keep`, or the
/// length of `bytes`.
pub(super) fn scan_while(bytes: &[u8], mut i: usize, keep: impl Fn(u8) -> bool) -> usize {
    while i < bytes.len() && keep(bytes[i]) {
        i += 1;
    }
    i
}

/// An attribute of a tag: its name and value as ranges of the input (the
/// value empty when absent, quotes excluded, references not decoded).
#[derive(Clone, Debug)]
pub(super) struct Attr {
    pub(super) name: Range<usize>,
    pub(super) value: Range<usize>,
}

/// A start or end tag.
#[derive(Debug)]
pub(super) struct Tag {
    /// The name, ASCII-lowercased.
    pub(super) name: String,
    /// The whole tag in the input, `<` to `>`.
    pub(super) source: Range<usize>,
}

/// What a `<` starts.
#[derive(Debug)]
pub(super) enum Markup {
    StartTag(Tag),
    EndTag(Tag),
    Comment(HtmlComment),
    /// Markup that gives no text (`</>`, a declaration, CDATA, a processing
    /// instruction), ending at this offset.
    Skipped(usize),
    /// A `<` (or `</` at the end) that is text: these bytes.
    Text(Range<usize>),
}

/// Reads the markup starting with the `<` at `at`, putting a start tag's
/// attributes into `attrs`.
pub(super) fn scan_markup(
    html: &str,
    at: usize,
    attrs: &mut Vec<Attr>,
) -> Result<Markup, ContainerError> {
    let bytes = html.as_bytes();
    let markup = match bytes.get(at + 1).copied() {
        Some(b) if b.is_ascii_alphabetic() => Markup::StartTag(parse_tag(html, at, attrs)?),
        Some(b'/') => match bytes.get(at + 2) {
            Some(b) if b.is_ascii_alphabetic() => Markup::EndTag(parse_tag(html, at, attrs)?),
            Some(b'>') => Markup::Skipped(at + 3),
            Some(_) => Markup::Skipped(skip_past(html, at, ">", "end tag `</`", 2)?),
            None => Markup::Text(at..at + 2),
        },
        Some(b'!') if bytes[at..].starts_with(b"<!--") => Markup::Comment(comment(html, at)?),
        Some(b'!') if bytes[at..].starts_with(b"<![CDATA[") => {
            Markup::Skipped(skip_past(html, at, "]]>", "CDATA section `<![CDATA[`", 9)?)
        }
        Some(b'!') => {
            let name_len = bytes[at + 2..]
                .iter()
                .take_while(|b| b.is_ascii_alphabetic())
                .count();
            let what = format!("declaration `{}`", &html[at..at + 2 + name_len]);
            Markup::Skipped(skip_past(html, at, ">", &what, 2 + name_len)?)
        }
        Some(b'?') => Markup::Skipped(skip_past(html, at, ">", "processing instruction `<?`", 2)?),
        _ => Markup::Text(at..at + 1),
    };
    Ok(markup)
}

/// Reads the tag starting at `start` (`<` then a letter, or `</` then a
/// letter), putting its attributes into `attrs`.
fn parse_tag(html: &str, start: usize, attrs: &mut Vec<Attr>) -> Result<Tag, ContainerError> {
    let bytes = html.as_bytes();
    attrs.clear();
    let is_end = bytes.get(start + 1) == Some(&b'/');
    let name_start = start + if is_end { 2 } else { 1 };
    let name_end = scan_while(bytes, name_start, |b| {
        !is_html_space(b) && b != b'/' && b != b'>'
    });
    let mut i = name_end;
    let unterminated = || {
        ContainerError::at(
            format!(
                "unterminated tag `{}`: no `>` before the end of the HTML",
                &html[start..name_end]
            ),
            start..name_end,
        )
    };
    loop {
        i = scan_while(bytes, i, |b| is_html_space(b) || b == b'/');
        match bytes.get(i) {
            None => return Err(unterminated()),
            Some(b'>') => break,
            Some(_) => {}
        }
        // An attribute name; its first byte may be `=`.
        let attr_start = i;
        i = scan_while(bytes, i + 1, |b| {
            !is_html_space(b) && !matches!(b, b'/' | b'>' | b'=')
        });
        let name = attr_start..i;
        i = scan_while(bytes, i, is_html_space);
        if bytes.get(i) != Some(&b'=') {
            attrs.push(Attr { name, value: i..i });
            continue;
        }
        i = scan_while(bytes, i + 1, is_html_space);
        let value = match bytes.get(i) {
            None => return Err(unterminated()),
            Some(&quote @ (b'"' | b'\'')) => {
                let value_start = i + 1;
                let Some(len) = bytes[value_start..].iter().position(|&b| b == quote) else {
                    return Err(unterminated());
                };
                i = value_start + len + 1;
                value_start..value_start + len
            }
            Some(_) => {
                let value_start = i;
                i = scan_while(bytes, i, |b| !is_html_space(b) && b != b'>');
                value_start..i
            }
        };
        attrs.push(Attr { name, value });
    }
    Ok(Tag {
        name: html[name_start..name_end].to_ascii_lowercase(),
        source: start..i + 1,
    })
}

/// Reads the comment starting with the `<!--` at `at`.
fn comment(html: &str, at: usize) -> Result<HtmlComment, ContainerError> {
    let bytes = html.as_bytes();
    let body_start = at + 4;
    // `<!-->` and `<!--->` are empty comments in HTML.
    let (body_end, end) = if bytes.get(body_start) == Some(&b'>') {
        (body_start, body_start + 1)
    } else if bytes[body_start..].starts_with(b"->") {
        (body_start, body_start + 2)
    } else {
        let mut from = body_start;
        loop {
            let Some(dashes) = html[from..].find("--").map(|i| from + i) else {
                return Err(ContainerError::at(
                    "unterminated HTML comment: `<!--` has no `-->`",
                    at..body_start,
                ));
            };
            if bytes.get(dashes + 2) == Some(&b'>') {
                break (dashes, dashes + 3);
            }
            if bytes[dashes + 2..].starts_with(b"!>") {
                break (dashes, dashes + 4);
            }
            from = dashes + 1;
        }
    };
    Ok(HtmlComment {
        body: html[body_start..body_end].to_owned(),
        source: at..end,
    })
}

/// Skips markup at `at` up to and including `close`, or fails naming `what`
/// at the first `span_len` bytes.
fn skip_past(
    html: &str,
    at: usize,
    close: &str,
    what: &str,
    span_len: usize,
) -> Result<usize, ContainerError> {
    let from = (at + span_len).min(html.len());
    match html[from..].find(close) {
        Some(i) => Ok(from + i + close.len()),
        None => Err(ContainerError::at(
            format!("unterminated {what}: no `{close}` before the end of the HTML"),
            at..from,
        )),
    }
}

/// Where the raw text of a `<script>`-like element `name` ends: the `</` of
/// its end tag, if it has one.
pub(super) fn raw_text_end(html: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(found) = html[at..].find("</") {
        let open = at + found;
        let name_start = open + 2;
        let name_end = name_start + name.len();
        if bytes.len() >= name_end
            && bytes[name_start..name_end].eq_ignore_ascii_case(name.as_bytes())
            && bytes
                .get(name_end)
                .is_none_or(|&b| is_html_space(b) || b == b'/' || b == b'>')
        {
            return Some(open);
        }
        at = name_start;
    }
    None
}
