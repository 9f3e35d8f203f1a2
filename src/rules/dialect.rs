//! What differs when a rule file is read as a Vale style
//! ([`Origin::ValeStyle`](super::error::Origin)): messages take their
//! `%s` values in order (the matched text, then the replacement; for a
//! substitution, the replacement then the matched text), lists of
//! replacements read as a sentence, and a substitution whose text already
//! reads as its replacement is not flagged. How each kind matches is in
//! the kind's own file.

use regex::Regex;

/// `message` with its `%s` (and `%d`) replaced by `args` in order (`%%` is
/// a `%`), as Go's `Sprintf` in Vale: a `%s` without a value becomes
/// empty, a value without a `%s` is dropped.
pub fn format_message(message: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(message.len());
    let mut args = args.iter();
    let mut rest = message;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix(['s', 'd']) {
            out.push_str(args.next().copied().unwrap_or(""));
            rest = tail;
        } else if let Some(tail) = after.strip_prefix('%') {
            out.push('%');
            rest = tail;
        } else {
            out.push('%');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Words as Vale lists them in a message: `'a'`, `'a' or 'b'`,
/// `'a', 'b', or 'c'`.
pub fn to_sentence(words: &[String], or: &str) -> String {
    match words {
        [] => String::new(),
        [one] => format!("'{one}'"),
        [a, b] => format!("'{a}' {or} '{b}'"),
        [init @ .., last] => {
            let mut quoted: Vec<String> = init.iter().map(|w| format!("'{w}'")).collect();
            quoted.push(format!("{or} '{last}'"));
            quoted.join(", ")
        }
    }
}

/// A substitution message loses the quotes around its first quoted `%s`
/// when the replacement is already a quoted sentence, as in Vale.
pub fn unquote_first(message: &str) -> String {
    for spec in ["'%s'", "\"%s\""] {
        if message.contains(spec) {
            return message.replacen(spec, "%s", 1);
        }
    }
    message.to_owned()
}

/// Whether a substitution's `observed` text already is its `expected`
/// replacement: the same text when the replacement has no space (a
/// case-only swap such as javascript → JavaScript fires), else the
/// replacement read as a regex that matches all of it.
pub fn already_expected(expected: &str, observed: &str, ignorecase: bool) -> bool {
    if !expected.contains(' ') {
        return expected == observed;
    }
    let flags = if ignorecase { "(?i)" } else { "" };
    match Regex::new(&format!("{flags}^(?:{expected})$")) {
        Ok(regex) => regex.is_match(observed),
        Err(_) => expected == observed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_take_their_values_in_order() {
        assert_eq!(
            format_message("Use '%s' instead of '%s'.", &["a", "b"]),
            "Use 'a' instead of 'b'."
        );
        assert_eq!(format_message("Avoid '%s'.", &["x", "y"]), "Avoid 'x'.");
        assert_eq!(format_message("%s and %s", &["x"]), "x and ");
        assert_eq!(format_message("100%% of '%s'", &["x"]), "100% of 'x'");
        assert_eq!(format_message("%d words", &["31"]), "31 words");
    }

    #[test]
    fn replacements_read_as_a_sentence() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(to_sentence(&words(&["a"]), "or"), "'a'");
        assert_eq!(to_sentence(&words(&["a", "b"]), "or"), "'a' or 'b'");
        assert_eq!(
            to_sentence(&words(&["a", "b", "c"]), "or"),
            "'a', 'b', or 'c'"
        );
        assert_eq!(
            unquote_first("Use '%s' instead of '%s'."),
            "Use %s instead of '%s'."
        );
        assert_eq!(unquote_first("Did you mean '%s'?"), "Did you mean %s?");
        assert_eq!(unquote_first("Prefer %s."), "Prefer %s.");
    }

    #[test]
    fn case_only_swaps_fire() {
        assert!(!already_expected("JavaScript", "javascript", true));
        assert!(already_expected("JavaScript", "JavaScript", true));
        assert!(already_expected("for example", "For example", true));
        assert!(!already_expected("for example", "e.g.", true));
    }
}
