//! What the compiler-style reports (`full`, and the problems of
//! `problems`) show of a source around a span, and where they say it is.
//!
//! An [`Excerpt`] is the lines that hold the span, each longer one cut to
//! a window around the span as wide as fits beside the line numbers in
//! the renderer's 140 columns (rustc's), with `…` where it is cut;
//! lines deep inside a long multi-line span, which the renderer elides
//! anyway, are left empty. Its size depends on neither the length of the
//! lines nor the size of the file, so a report of many findings on one
//! long line stays small, and building it costs a few binary searches in
//! the file's [`LineIndex`].
//!
//! Since a cut line no longer starts where the source line does, the
//! renderer cannot count the column itself: [`render`] prints the
//! `--> path:line:column` line from the true position, then the excerpt's
//! groups without a path.

use std::ops::Range;

use annotate_snippets::{Group, Origin, Renderer, Title};

use crate::position::LineIndex;

/// The columns of a rendered line, line numbers included: the renderer's
/// (rustc's) width, past which it would cut a line itself.
const TERM_WIDTH: usize = annotate_snippets::renderer::DEFAULT_TERM_WIDTH;
/// Characters kept before the span when its line is cut.
const BEFORE: usize = 40;
/// What stands for the cut part of a line.
pub const ELLIPSIS: &str = "…";
/// Lines of a multi-line span shown after its first: the renderer shows
/// at most three, then `...`, then the last two.
const HEAD: usize = 4;

/// Lines of a source around a span, cut to a window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    /// The lines, joined by `\n`.
    pub source: String,
    /// The 1-based number of the first line.
    pub line_start: usize,
    /// The number of the last line.
    pub line_end: usize,
    /// The span in `source` (cut at the window when it is longer).
    pub span: Range<usize>,
}

impl Excerpt {
    /// The excerpt of `text` (indexed by `lines`) around `span`, which must
    /// lie on character boundaries of `text`.
    pub fn new(text: &str, lines: &LineIndex, span: Range<usize>) -> Excerpt {
        let first = lines.line_of(span.start);
        let last = lines.line_of(span.end).max(first);
        // A span over several lines draws its `/`, `|` before each line.
        let width = width(last + 1) - if last > first { 2 } else { 0 };
        let mut source = String::new();
        let mut local = 0..0;
        for line in first..=last {
            if line > first {
                source.push('\n');
            }
            if line - first > HEAD && last - line > 1 {
                // Elided by the renderer: only its line end is kept.
                continue;
            }
            let range = lines.line_range(text, line);
            // Where the window must be: the span's start on the first line,
            // its end on the last, the line's start in between.
            let focus = if line == first {
                span.start.min(range.end)..span.end.min(range.end)
            } else if line == last {
                let end = span.end.clamp(range.start, range.end);
                end..end
            } else {
                range.start..range.start
            };
            let shown = window(text, range.clone(), focus, width);
            let cut_left = shown.start > range.start;
            if cut_left {
                source.push_str(ELLIPSIS);
            }
            let base = source.len();
            let at = |offset: usize| base + offset.clamp(shown.start, shown.end) - shown.start;
            if line == first {
                local.start = at(span.start);
                local.end = at(span.end);
            }
            if line == last && line != first {
                local.end = at(span.end);
            }
            source.push_str(&text[shown.clone()]);
            if shown.end < range.end {
                source.push_str(ELLIPSIS);
            }
        }
        Excerpt {
            source,
            line_start: first + 1,
            line_end: last + 1,
            span: local,
        }
    }
}

/// The characters of a source line that fit beside line numbers up to
/// `last_line`: the renderer's width less the gutter (`NN | `).
pub fn width(last_line: usize) -> usize {
    TERM_WIDTH.saturating_sub(digits(last_line) + 3)
}

fn digits(n: usize) -> usize {
    n.to_string().len()
}

/// The bytes of `line` to show in `width` columns: all of it when it has
/// no more characters than that, else `width - 2` characters (room for an
/// ellipsis at each end) from up to [`BEFORE`] characters before `focus`.
/// Only the characters around the window are read.
fn window(text: &str, line: Range<usize>, focus: Range<usize>, width: usize) -> Range<usize> {
    if line.len() <= width || text[line.clone()].chars().take(width + 1).count() <= width {
        return line;
    }
    let budget = width.saturating_sub(2).max(1);
    let mut start = focus.start;
    for (i, _) in text[line.start..focus.start]
        .char_indices()
        .rev()
        .take(BEFORE)
    {
        start = line.start + i;
    }
    let mut end = start;
    let mut shown = 0;
    for c in text[start..line.end].chars().take(budget) {
        end += c.len_utf8();
        shown += 1;
    }
    if shown < budget {
        // The line ends inside the window: show more of what comes before.
        for (i, _) in text[line.start..start]
            .char_indices()
            .rev()
            .take(budget - shown)
        {
            start = line.start + i;
        }
    }
    start..end
}

/// A report whose first group has `title` and a location at the true
/// `line` and `column` of `path`; `rest` follows it, its snippets without a
/// path and numbered up to `last_line`.
pub fn render(
    renderer: &Renderer,
    title: Title<'_>,
    path: &str,
    (line, column): (usize, usize),
    last_line: usize,
    rest: &[Group<'_>],
) -> String {
    let head = Group::with_title(title).element(Origin::path(path).line(line).char_column(column));
    let mut out = renderer.render(&[head]);
    // The renderer indents `-->` by the width of the line numbers, which
    // are all in `rest`.
    let indent = " ".repeat(digits(last_line));
    let origin_line = out.rfind('\n').map_or(0, |i| i + 1);
    out.insert_str(origin_line, &indent);
    out.push('\n');
    out.push_str(&renderer.render(rest));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpt(text: &str, span: Range<usize>) -> Excerpt {
        Excerpt::new(text, &LineIndex::new(text), span)
    }

    #[test]
    fn short_lines_are_shown_whole() {
        let text = "one\ntwo three\nfour";
        let e = excerpt(text, 8..13);
        assert_eq!(
            (e.source.as_str(), e.line_start, e.line_end),
            ("two three", 2, 2)
        );
        assert_eq!(&e.source[e.span.clone()], "three");
        let e = excerpt(text, 5..16);
        assert_eq!(e.source, "two three\nfour");
        assert_eq!(&e.source[e.span], "wo three\nfo");
        let crlf = "one\r\ntwo\r\n";
        let e = excerpt(crlf, 5..8);
        assert_eq!((e.source.as_str(), e.line_start), ("two", 2));
    }

    #[test]
    fn a_span_on_a_long_line_gets_a_window_with_ellipses() {
        let text = "reboot ".repeat(150_000);
        let start = 7 * 100_000;
        let e = excerpt(&text, start..start + 6);
        assert_eq!(&e.source[e.span.clone()], "reboot");
        assert!(e.source.starts_with(ELLIPSIS) && e.source.ends_with(ELLIPSIS));
        assert_eq!(e.source.chars().count(), width(1));
        assert!(e.source[..e.span.start].chars().count() <= BEFORE + 1);
    }

    #[test]
    fn the_window_fills_up_at_either_end_of_the_line() {
        let text = "é".repeat(1000);
        let e = excerpt(&text, 0..2);
        assert!(!e.source.starts_with(ELLIPSIS) && e.source.ends_with(ELLIPSIS));
        assert_eq!(e.source.chars().count(), width(1) - 1);
        assert_eq!(e.span, 0..2);
        let e = excerpt(&text, text.len() - 2..text.len());
        assert!(e.source.starts_with(ELLIPSIS) && !e.source.ends_with(ELLIPSIS));
        assert_eq!(e.source.chars().count(), width(1) - 1);
        assert_eq!(&e.source[e.span.clone()], "é");
        let e = excerpt(&text, text.len()..text.len());
        assert_eq!(e.span, e.source.len()..e.source.len());
    }

    #[test]
    fn a_span_longer_than_the_window_is_cut_at_its_edge() {
        let text = format!("Hi. {} Bye.", "x".repeat(10_000));
        let e = excerpt(&text, 4..10_004);
        assert_eq!(e.span.start, 4);
        assert_eq!(e.span.end, e.source.len() - ELLIPSIS.len());
    }

    #[test]
    fn long_multi_line_spans_keep_only_the_lines_the_renderer_shows() {
        let line = "word ".repeat(2_000);
        let text = format!("{line}\n").repeat(10_000);
        let start = 3;
        let end = text.len() - 10;
        let e = excerpt(&text, start..end);
        assert_eq!((e.line_start, e.line_end), (1, 10_000));
        assert_eq!(e.source.lines().count(), 10_000);
        let shown: Vec<&str> = e.source.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            shown.len(),
            HEAD + 1 + 2,
            "first, {HEAD} after it, last two"
        );
        assert!(shown.iter().all(|l| l.chars().count() <= width(10_000) - 2));
        assert!(e.source.len() < 10_000 + 7 * 4 * TERM_WIDTH);
        assert_eq!(&e.source[e.span.start..e.span.start + 2], "d ");
        // The end is just before the text's last ten bytes (its line end one).
        assert_eq!(&e.source[e.span.end..], "ord word ");
    }

    #[test]
    fn spans_map_into_every_window() {
        // Random texts and spans: the excerpt always holds the span's
        // start (and its end when the span fits), on character boundaries.
        let alphabet: Vec<char> = "ab é—😀\n\r\t".chars().collect();
        let mut state = 0x5eed_u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..300 {
            let len = next(600);
            let text: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            let index = LineIndex::new(&text);
            let a = crate::position::floor_char_boundary(&text, next(text.len() + 1));
            let b = crate::position::ceil_char_boundary(&text, a + next(40));
            let e = Excerpt::new(&text, &index, a..b);
            assert!(e.span.start <= e.span.end && e.span.end <= e.source.len());
            assert!(e.source.is_char_boundary(e.span.start));
            assert!(e.source.is_char_boundary(e.span.end));
            let shown = &e.source[e.span.clone()];
            if !shown.contains(ELLIPSIS) && !shown.contains('\n') {
                assert!(
                    text[a..b].starts_with(shown),
                    "{shown:?} in {:?}",
                    &text[a..b]
                );
            }
            for line in e.source.lines() {
                assert!(line.chars().count() <= width(e.line_end), "{line:?}");
            }
        }
    }
}
