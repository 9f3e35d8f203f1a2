//! Applying a set of fixes to a text in one pass: sorted by position,
//! each fix that overlaps one already taken is left for the next pass, so
//! no two replacements ever touch the same bytes.

use crate::diagnostic::Fix;

/// `text` with every non-overlapping fix of `fixes` applied, and how many
/// were. A fix that would write what is already there counts for nothing.
pub fn apply<'a>(text: &str, fixes: impl IntoIterator<Item = &'a Fix>) -> (String, usize) {
    let mut fixes: Vec<&Fix> = fixes
        .into_iter()
        .filter(|f| f.span.end() <= text.len() && text[f.span.range()] != *f.replacement)
        .collect();
    fixes.sort_by_key(|f| (f.span.start(), f.span.end()));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut applied = 0;
    let mut last_insert = None;
    for fix in fixes {
        let range = fix.span.range();
        // Overlapping a replacement already taken, or a second insertion
        // at the same point (their order would be a guess).
        if range.start < at || (range.is_empty() && last_insert == Some(range.start)) {
            continue;
        }
        if range.is_empty() {
            last_insert = Some(range.start);
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&fix.replacement);
        at = range.end;
        applied += 1;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    fn fix(text: &str, range: std::ops::Range<usize>, with: &str) -> Fix {
        Fix {
            span: Span::within(text, range),
            replacement: with.to_owned(),
        }
    }

    #[test]
    fn non_overlapping_fixes_apply_in_one_pass() {
        let text = "log in to the portal, then log in again";
        let fixes = [fix(text, 27..33, "sign in"), fix(text, 0..6, "sign in")];
        assert_eq!(
            apply(text, &fixes),
            ("sign in to the portal, then sign in again".to_owned(), 2)
        );
    }

    #[test]
    fn an_overlapping_fix_waits_for_the_next_pass() {
        let text = "the API key";
        let fixes = [
            fix(text, 4..11, "access code"),
            fix(text, 4..7, "interface"),
        ];
        let (fixed, n) = apply(text, &fixes);
        assert_eq!(n, 1);
        assert!(
            fixed == "the interface key" || fixed == "the access code",
            "{fixed}"
        );
    }

    #[test]
    fn no_op_fixes_and_stale_spans_are_ignored() {
        let text = "as is";
        let fixes = [fix(text, 0..2, "as")];
        assert_eq!(apply(text, &fixes), ("as is".to_owned(), 0));
    }
}
