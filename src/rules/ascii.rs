//! Rule regexes compiled on ASCII where Unicode buys nothing, for speed.
//!
//! Every rule regex is compiled with Unicode mode off and rewritten first:
//!
//! - `\b`, `\b{start}`, `\<`… become ASCII word boundaries, and `\w`, `\d`
//!   ASCII classes, as Go's regexp (Vale's engine) reads them. A Unicode
//!   word boundary stops the regex engine's fast DFAs on text with ’ — é,
//!   which replies are full of (the pack ran 5.8× faster on the benchmark
//!   corpus with identical findings); a Unicode `\w` is hundreds of ranges,
//!   and under a counted repetition (`[\w -]{0,30}`) one rule took 30 ms
//!   to compile.
//! - Case-insensitive letters fold on ASCII only (`k` no longer matches the
//!   Kelvin sign): Unicode simple case folding of every letter of a large
//!   alternation was about 40% of the default pack's compile time.
//! - What needs Unicode keeps it, wrapped in `(?u:…)`: `.`, `\s`, `\S`,
//!   `\W`, `\D`, `\p{…}`, a negated class or one holding a character
//!   outside ASCII, and a non-ASCII letter (so `é` still matches `É`).
//!   Unicode mode off alone would refuse them: they could match invalid
//!   UTF-8, or need Unicode tables. `\B` is ASCII, like `\b`: a Unicode
//!   word boundary of either kind sends the engine to its slowest path.

use std::borrow::Cow;

use regex_syntax::ast::{self, Ast};

/// One change to the pattern's text: replace `start..end` (an insertion
/// when empty) with `text`. At one position, closing a wrap comes first.
struct Edit {
    start: usize,
    end: usize,
    order: u8,
    text: Cow<'static, str>,
}

const CLOSE: u8 = 0;
const OPEN: u8 = 1;
const REPLACE: u8 = 2;

struct Rewriter<'p> {
    pattern: &'p str,
    edits: Vec<Edit>,
}

impl Rewriter<'_> {
    fn replace(&mut self, span: &ast::Span, text: impl Into<Cow<'static, str>>) {
        self.edits.push(Edit {
            start: span.start.offset,
            end: span.end.offset,
            order: REPLACE,
            text: text.into(),
        });
    }

    fn wrap(&mut self, span: &ast::Span) {
        let (start, end) = (span.start.offset, span.end.offset);
        for (at, order, text) in [(start, OPEN, "(?u:"), (end, CLOSE, ")")] {
            self.edits.push(Edit {
                start: at,
                end: at,
                order,
                text: Cow::Borrowed(text),
            });
        }
    }
}

/// The ASCII form of a Perl class, inside a bracketed class or not; `None`
/// when it keeps its Unicode meaning.
fn ascii_perl(class: &ast::ClassPerl, in_class: bool) -> Option<&'static str> {
    Some(match (&class.kind, class.negated, in_class) {
        (ast::ClassPerlKind::Word, false, false) => "[0-9A-Za-z_]",
        (ast::ClassPerlKind::Word, false, true) => "0-9A-Za-z_",
        (ast::ClassPerlKind::Word, true, false) => "(?u:[^0-9A-Za-z_])",
        (ast::ClassPerlKind::Word, true, true) => "[^0-9A-Za-z_]",
        (ast::ClassPerlKind::Digit, false, false) => "[0-9]",
        (ast::ClassPerlKind::Digit, false, true) => "0-9",
        (ast::ClassPerlKind::Digit, true, false) => "(?u:[^0-9])",
        (ast::ClassPerlKind::Digit, true, true) => "[^0-9]",
        (ast::ClassPerlKind::Space, ..) => return None,
    })
}

/// Whether a bracketed class, as written, needs Unicode mode.
fn class_needs_unicode(written: &str) -> bool {
    written.starts_with("[^")
        || !written.is_ascii()
        || ["\\p", "\\P", "\\s", "\\S", "\\W", "\\D", "[^"]
            .iter()
            .any(|needle| written[1..].contains(needle))
}

impl ast::Visitor for Rewriter<'_> {
    type Output = Vec<Edit>;
    type Err = ();

    fn finish(self) -> Result<Vec<Edit>, ()> {
        Ok(self.edits)
    }

    fn visit_pre(&mut self, tree: &Ast) -> Result<(), ()> {
        match tree {
            Ast::Assertion(assertion) => match assertion.kind {
                ast::AssertionKind::WordBoundary => self.replace(&assertion.span, r"(?-u:\b)"),
                ast::AssertionKind::WordBoundaryStart
                | ast::AssertionKind::WordBoundaryStartAngle => {
                    self.replace(&assertion.span, r"(?-u:\b{start})")
                }
                ast::AssertionKind::WordBoundaryEnd | ast::AssertionKind::WordBoundaryEndAngle => {
                    self.replace(&assertion.span, r"(?-u:\b{end})")
                }
                _ => {}
            },
            Ast::ClassPerl(class) => match ascii_perl(class, false) {
                Some(ascii) => self.replace(&class.span, ascii),
                None => self.wrap(&class.span),
            },
            Ast::Dot(span) => self.wrap(span),
            Ast::ClassUnicode(class) => self.wrap(&class.span),
            Ast::ClassBracketed(class) => {
                let written = &self.pattern[class.span.start.offset..class.span.end.offset];
                if class_needs_unicode(written) {
                    self.wrap(&class.span);
                }
            }
            Ast::Literal(literal) if !literal.c.is_ascii() && literal.c.is_alphabetic() => {
                self.wrap(&literal.span);
            }
            _ => {}
        }
        Ok(())
    }

    fn visit_class_set_item_pre(&mut self, item: &ast::ClassSetItem) -> Result<(), ()> {
        if let ast::ClassSetItem::Perl(class) = item {
            if let Some(ascii) = ascii_perl(class, true) {
                self.replace(&class.span, ascii);
            }
        }
        Ok(())
    }
}

/// `pattern` rewritten to compile with Unicode mode off (see the module
/// documentation). A pattern that does not parse is returned as it is, for
/// the compiler to report.
pub fn rewrite(pattern: &str) -> String {
    let Ok(tree) = ast::parse::Parser::new().parse(pattern) else {
        return pattern.to_owned();
    };
    let rewriter = Rewriter {
        pattern,
        edits: Vec::new(),
    };
    let Ok(mut edits) = ast::visit(&tree, rewriter) else {
        return pattern.to_owned();
    };
    edits.sort_by_key(|e| (e.start, e.order));
    let mut out = String::with_capacity(pattern.len() + 8 * edits.len());
    let mut at = 0;
    for edit in edits {
        out.push_str(&pattern[at..edit.start]);
        out.push_str(&edit.text);
        at = edit.end;
    }
    out.push_str(&pattern[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::RegexBuilder;

    fn compile(pattern: &str) -> regex::Regex {
        RegexBuilder::new(&rewrite(pattern))
            .unicode(false)
            .case_insensitive(true)
            .build()
            .unwrap_or_else(|e| panic!("{pattern} → {}: {e}", rewrite(pattern)))
    }

    #[test]
    fn word_boundaries_and_classes_become_ascii() {
        assert_eq!(rewrite(r"\bsoon\b"), r"(?-u:\b)soon(?-u:\b)");
        assert_eq!(rewrite(r"a\\b[\b]"), r"a\\b[\b]");
        assert_eq!(rewrite(r"\<x\>"), r"(?-u:\b{start})x(?-u:\b{end})");
        assert_eq!(rewrite(r"\w+\d"), "[0-9A-Za-z_]+[0-9]");
        assert_eq!(rewrite(r"[\w -]{0,3}"), "[0-9A-Za-z_ -]{0,3}");
        assert_eq!(rewrite("(unclosed"), "(unclosed");
    }

    #[test]
    fn what_needs_unicode_is_wrapped() {
        assert_eq!(rewrite("a.b"), "a(?u:.)b");
        assert_eq!(rewrite(r"[^,.]\s\B"), r"(?u:[^,.])(?u:\s)\B");
        assert_eq!(rewrite(r"[\W.]\D"), "(?u:[[^0-9A-Za-z_].])(?u:[^0-9])");
        assert_eq!(rewrite("can[’']t"), "can(?u:[’'])t");
        assert_eq!(rewrite(r"\p{Lu}é’"), r"(?u:\p{Lu})(?u:é)’");
        assert_eq!(rewrite("[a-z][^a][^b]"), "[a-z](?u:[^a])(?u:[^b])");
    }

    #[test]
    fn rewritten_patterns_compile_and_match_as_before_on_replies() {
        let re = compile(r"\bcan[’']t\b");
        assert!(re.is_match("We CAN’T do that") && re.is_match("we can't"));
        let re = compile(r"^[\W.]+\w$");
        assert!(re.is_match("é.a") && !re.is_match("a.é"));
        assert!(
            compile(r"\bcaf\b").is_match("café"),
            "é is not an ASCII word character"
        );
        assert!(
            compile("résumé").is_match("RÉSUMÉ"),
            "non-ASCII letters still fold"
        );
        assert!(
            compile(r"a\sb").is_match("a\u{a0}b"),
            "\\s keeps the no-break space"
        );
        assert!(compile(r"(?-i:\p{Lu})x").is_match("Éx"));
        assert!(!compile(r"(?-i:[A-Z])x").is_match("ax"));
    }
}
