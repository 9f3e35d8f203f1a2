//! Code in plain-text replies: fenced blocks (``` or ~~~), indented blocks
//! after a blank line, and inline code between backticks on one line.

use super::mask::{MaskKind, Masks};

/// Masks code in the plain-text `source`.
pub fn mask(source: &str, masks: &mut Masks) {
    let mut fence: Option<(u8, usize, usize)> = None; // (char, length, start)
    let mut previous_blank = true;
    let mut previous_was_list_item = false;
    let mut indented_start: Option<usize> = None;
    let mut offset = 0;
    for piece in source.split_inclusive('\n') {
        let line = piece.trim_end_matches(['\n', '\r']);
        let start = offset;
        offset += piece.len();
        let trimmed = line.trim_start();
        if let Some((ch, len, fence_start)) = fence {
            if fence_run(trimmed).is_some_and(|(c, l)| c == ch && l >= len)
                && trimmed.trim_end().bytes().all(|b| b == ch)
            {
                masks.add(fence_start..start + line.len(), MaskKind::Code);
                fence = None;
            }
            continue;
        }
        if let Some((ch, len)) = fence_run(trimmed) {
            if let Some(s) = indented_start.take() {
                masks.add(s..start, MaskKind::Code);
            }
            fence = Some((ch, len, start));
            continue;
        }
        let blank = trimmed.is_empty();
        let indented = line.starts_with("    ") || line.starts_with('\t');
        match indented_start {
            Some(s) if !blank && !indented => {
                masks.add(s..start, MaskKind::Code);
                indented_start = None;
            }
            None if indented && !blank && previous_blank && !previous_was_list_item => {
                indented_start = Some(start);
            }
            _ => {}
        }
        if indented_start.is_none() && !blank {
            mask_inline_code(line, start, masks);
        }
        if !blank {
            previous_was_list_item = is_list_item(trimmed);
        }
        previous_blank = blank;
    }
    if let Some((_, _, fence_start)) = fence {
        masks.add(fence_start..source.len(), MaskKind::Code);
    }
    if let Some(s) = indented_start {
        masks.add(s..source.len(), MaskKind::Code);
    }
}

/// The fence character and run length when `line` opens or closes a fence.
fn fence_run(line: &str) -> Option<(u8, usize)> {
    let first = *line.as_bytes().first()?;
    if first != b'`' && first != b'~' {
        return None;
    }
    let len = line.bytes().take_while(|&b| b == first).count();
    (len >= 3).then_some((first, len))
}

fn is_list_item(trimmed: &str) -> bool {
    let mut chars = trimmed.chars();
    match chars.next() {
        Some('-' | '*' | '+' | '•') => chars.next().is_some_and(char::is_whitespace),
        Some(c) if c.is_ascii_digit() => {
            let rest = trimmed.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        _ => false,
    }
}

/// Masks `code` spans: a run of backticks closed by a run of the same length.
fn mask_inline_code(line: &str, line_start: usize, masks: &mut Masks) {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
        let mut j = i + run;
        let mut closed = None;
        while j < bytes.len() {
            if bytes[j] == b'`' {
                let close = bytes[j..].iter().take_while(|&&b| b == b'`').count();
                if close == run {
                    closed = Some(j + close);
                    break;
                }
                j += close;
            } else {
                j += 1;
            }
        }
        match closed {
            Some(end) => {
                masks.add(line_start + i..line_start + end, MaskKind::Code);
                i = end;
            }
            None => i += run,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::mask::masked_by;

    fn masked(source: &str) -> String {
        masked_by(source, |m| {
            mask(source, m);
        })
    }

    #[test]
    fn fenced_blocks_are_masked_to_the_closing_fence() {
        let prose = masked("Try:\n```\nNOT this\n```\nThen obviously.");
        assert!(!prose.contains("NOT"));
        assert!(prose.contains("Then obviously."));
    }

    #[test]
    fn an_unclosed_fence_runs_to_the_end() {
        assert_eq!(masked("a\n~~~\nb\nc").trim_end(), "a");
    }

    #[test]
    fn inline_code_is_masked() {
        assert_eq!(masked("Run `sudo` and ``a`b``."), "Run        and        .");
        assert_eq!(masked("a lone ` stays"), "a lone ` stays");
    }

    #[test]
    fn indented_blocks_after_a_blank_line_are_code() {
        let prose = masked("Run:\n\n    ls -la OBVIOUSLY\n\nDone");
        assert!(!prose.contains("OBVIOUSLY"));
        assert!(prose.ends_with("Done"));
    }

    #[test]
    fn indented_list_continuations_are_prose() {
        let source = "1. Open settings\n\n    Then obviously click Save.";
        assert_eq!(masked(source), source);
    }
}
