//! The accepted vocabulary: words and phrases (product names, a team's own
//! terms) that no rule may flag. A finding is dropped when its text is a
//! term (ignoring case) or lies inside an occurrence of one in the reply,
//! so "API" is not an unexplained acronym inside "Acme Cloud API". This is
//! how Vale's `accept.txt` behaves: its entries join every rule's
//! exceptions.

use std::ops::Range;

/// Whether `span` of `text` is an accepted term or inside one.
pub fn accepts(text: &str, span: &Range<usize>, terms: &[String]) -> bool {
    let Some(matched) = text.get(span.clone()) else {
        return false;
    };
    terms.iter().any(|term| {
        let term = term.trim();
        !term.is_empty() && (same_text(matched, term) || inside_occurrence(text, span, term))
    })
}

/// Case-insensitive equality, character by character.
fn same_text(a: &str, b: &str) -> bool {
    a.chars().count() == b.chars().count()
        && a.chars()
            .zip(b.chars())
            .all(|(x, y)| x == y || x.to_lowercase().eq(y.to_lowercase()))
}

/// Whether an occurrence of `term` in `text`, bounded by non-word
/// characters, covers `span`. Only starts that could cover it are tried.
fn inside_occurrence(text: &str, span: &Range<usize>, term: &str) -> bool {
    if term.len() < span.len() {
        return false;
    }
    let first = span.end.saturating_sub(term.len());
    (first..=span.start)
        .filter(|&start| text.is_char_boundary(start))
        .any(|start| {
            let end = start + term.len();
            text.get(start..end).is_some_and(|candidate| {
                same_text(candidate, term)
                    && !text[..start].chars().next_back().is_some_and(is_word)
                    && !text[end..].chars().next().is_some_and(is_word)
            })
        })
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn span_of(text: &str, needle: &str) -> Range<usize> {
        let start = text.find(needle).unwrap();
        start..start + needle.len()
    }

    #[test]
    fn a_term_itself_is_accepted_in_any_case() {
        let text = "Your KYC check passed.";
        assert!(accepts(text, &span_of(text, "KYC"), &terms(&["kyc"])));
        assert!(!accepts(text, &span_of(text, "KYC"), &terms(&["AML"])));
        assert!(!accepts(text, &span_of(text, "KYC"), &[]));
    }

    #[test]
    fn findings_inside_a_multi_word_term_are_accepted() {
        let text = "The acme cloud API is back, and the API docs too.";
        let vocabulary = terms(&["Acme Cloud API"]);
        assert!(accepts(text, &span_of(text, "API"), &vocabulary));
        let second = text.rfind("API").unwrap();
        assert!(!accepts(text, &(second..second + 3), &vocabulary));
    }

    #[test]
    fn occurrences_must_be_whole_words() {
        let text = "Our XAcme Cloud API works.";
        assert!(!accepts(
            text,
            &span_of(text, "API"),
            &terms(&["Acme Cloud API"])
        ));
        let text = "Zoë’s Café Pro plan";
        assert!(accepts(text, &span_of(text, "Pro"), &terms(&["café pro"])));
    }
}
