//! Quoted history and signatures: line-based cut-offs shared by all formats.
//!
//! Masks `>` lines, and everything from the first of these to the end: a
//! signature delimiter (`-- ` or `--`), an attribution line ("On …, … wrote:",
//! possibly wrapped over two lines), an `-----Original Message-----` or
//! forwarded-message separator, and a `From:` header block followed by
//! `Sent:`/`Date:`/`To:`/`Subject:` lines. A header block that opens a
//! template (`Subject:`, `Content-Type:` … then a blank line, as in Request
//! Tracker templates) is markup, not prose.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::mask::{MaskKind, Masks};

static ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:on\s.+?(?-u:\b)wrote|.*?<[^>\s]+@[^>\s]+>\s+wrote)\s*:\s*$")
        .expect("attribution regex")
});
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:-{2,}\s*(?:original message|forwarded message)\s*-{2,}|begin forwarded message:)\s*$",
    )
    .expect("separator regex")
});
static HEADER_FROM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*\*{0,2}from:\*{0,2}\s*\S").expect("from regex"));
static HEADER_NEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*\*{0,2}(?:sent|date|to|cc|subject):\*{0,2}\s").expect("header regex")
});

static LEADING_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z][A-Za-z0-9-]{0,40}:(?:[ \t]|$)").expect("header line regex")
});
static TEMPLATE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:subject|content-type|rt-attach-message|from|to|cc|bcc|reply-to):")
        .expect("template header regex")
});

/// The longest line (or pair of lines) read as an attribution.
const MAX_ATTRIBUTION_LEN: usize = 300;

/// A line of the source: its range without the line break, and the text.
struct Line<'a> {
    range: Range<usize>,
    text: &'a str,
}

fn lines(source: &str, from: usize) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = from;
    for piece in source[from..].split_inclusive('\n') {
        let end = start + piece.len();
        let text = piece.trim_end_matches(['\n', '\r']);
        out.push(Line {
            range: start..start + text.len(),
            text,
        });
        start = end;
    }
    out
}

/// Masks quoted history and the signature of `source`, reading from `from`
/// (past any front matter).
pub fn mask(source: &str, from: usize, masks: &mut Masks) {
    let lines = lines(source, from);
    let header = leading_header(&lines);
    if let Some(end) = header {
        masks.add(from..end, MaskKind::Markup);
    }
    for (i, line) in lines.iter().enumerate() {
        if let Some(kind) = cut_off_at(&lines, i) {
            masks.add(line.range.start..source.len(), kind);
            return;
        }
        if line.text.trim_start().starts_with('>') {
            masks.add(line.range.clone(), MaskKind::Quoted);
        }
    }
}

/// The end of a header block that opens the text: header lines, one of them
/// a mail header, then a blank line.
fn leading_header(lines: &[Line<'_>]) -> Option<usize> {
    let count = lines
        .iter()
        .take_while(|l| LEADING_HEADER.is_match(l.text))
        .count();
    let blank_after = lines
        .get(count)
        .is_some_and(|l| super::segment::is_blank(l.text));
    let is_mail = lines[..count]
        .iter()
        .any(|l| TEMPLATE_HEADER.is_match(l.text));
    (count > 0 && blank_after && is_mail).then(|| lines[count - 1].range.end)
}

/// Whether a line has `from:` in any case (found through its colons, which
/// few lines have).
fn has_from_colon(line: &str) -> bool {
    let bytes = line.as_bytes();
    memchr::memchr_iter(b':', bytes)
        .any(|i| i >= 4 && bytes[i - 4..i].eq_ignore_ascii_case(b"from"))
}

/// Whether everything from line `i` on is history or signature. Cheap
/// checks come first: most lines are prose and never reach a regex.
fn cut_off_at(lines: &[Line<'_>], i: usize) -> Option<MaskKind> {
    let text = lines[i].text;
    if text == "-- " || text == "--" {
        return Some(MaskKind::Signature);
    }
    let trimmed = text.trim();
    // Lengths are bounded here: bounded repetitions of `.` compile slowly.
    if trimmed.ends_with(':') && text.len() <= MAX_ATTRIBUTION_LEN && ATTRIBUTION.is_match(text) {
        return Some(MaskKind::Quoted);
    }
    if (trimmed.starts_with("--") || trimmed.starts_with("Begin") || trimmed.starts_with("begin"))
        && SEPARATOR.is_match(text)
    {
        return Some(MaskKind::Quoted);
    }
    let starts_with_on = trimmed.len() > 3 && trimmed.as_bytes()[..3].eq_ignore_ascii_case(b"on ");
    if starts_with_on && text.len() < MAX_ATTRIBUTION_LEN {
        if let Some(next) = lines
            .get(i + 1)
            .filter(|n| n.text.trim_end().ends_with(':'))
        {
            let joined = format!("{} {}", text, next.text.trim());
            if joined.len() <= MAX_ATTRIBUTION_LEN && ATTRIBUTION.is_match(&joined) {
                return Some(MaskKind::Quoted);
            }
        }
    }
    if has_from_colon(text)
        && HEADER_FROM.is_match(text)
        && lines[i + 1..]
            .iter()
            .take(4)
            .any(|l| HEADER_NEXT.is_match(l.text))
    {
        return Some(MaskKind::Quoted);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::mask::masked_by;

    fn masked(source: &str) -> String {
        masked_by(source, |m| {
            mask(source, 0, m);
        })
    }

    #[test]
    fn quoted_lines_are_masked() {
        let prose = masked("Thanks!\n> you obviously broke it\nBye");
        assert_eq!(prose, format!("Thanks!\n{}\nBye", " ".repeat(24)));
    }

    #[test]
    fn attribution_masks_the_rest() {
        let source = "Fixed.\n\nOn Tue, 3 Mar 2026, Dana Smith <dana@example.com> wrote:\nugh\n";
        let prose = masked(source);
        assert!(prose.starts_with("Fixed.\n\n"));
        assert!(!prose.contains("ugh") && !prose.contains("wrote"));
    }

    #[test]
    fn wrapped_attribution_masks_the_rest() {
        let source = "Hi.\nOn Tue, 3 Mar 2026 at 10:02, Dana Smith\n<dana@example.com> wrote:\nugh";
        assert!(!masked(source).contains("ugh"));
    }

    #[test]
    fn signature_and_separators_mask_the_rest() {
        assert_eq!(masked("Hi\n-- \nDANA!!"), "Hi\n   \n      ");
        assert!(!masked("Hi\n-----Original Message-----\nugh").contains("ugh"));
        let header = "Hi\n\nFrom: Dana <d@example.com>\nSent: Monday\nTo: Support\nugh";
        assert!(!masked(header).contains("ugh"));
    }

    #[test]
    fn a_leading_template_header_is_not_prose() {
        let source = "Subject: Resolved: {$Ticket->Subject}\nContent-Type: text/plain\n\nYour ticket is resolved.";
        assert_eq!(masked(source).trim_start(), "Your ticket is resolved.");
        let prose = "Note: this is prose.\n\nMore.";
        assert_eq!(masked(prose), prose);
    }

    #[test]
    fn a_lone_from_line_is_prose() {
        let source = "From: our side, all is well.\nThanks";
        assert_eq!(masked(source), source);
    }
}
