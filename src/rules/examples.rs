//! Rule tests: every rule's `examples`, checked with that rule alone.
//!
//! A bad example marks each span it expects with `[[` and `]]`; it passes
//! when the rule flags exactly those spans. A good example passes when the
//! rule flags nothing. This is what `replylint test` runs, on the default
//! pack and on users' own packs alike.

use std::ops::Range;

use super::engine;
use super::Rule;
use crate::document::Document;
use crate::document::Markup;

/// Which list an example comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExampleKind {
    Bad,
    Good,
}

/// An example whose result differs from what it expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleFailure {
    pub kind: ExampleKind,
    /// 0-based position in its list.
    pub index: usize,
    /// The example with the expected spans marked.
    pub expected: String,
    /// The example with the flagged spans marked.
    pub actual: String,
    pub reason: String,
}

/// The outcome of one rule's examples.
#[derive(Clone, Debug, Default)]
pub struct RuleTest {
    pub passed: usize,
    pub failures: Vec<ExampleFailure>,
}

/// The example text without markers, and the marked spans; `Err` when the
/// markers are unbalanced.
pub fn parse_markers(example: &str) -> Result<(String, Vec<Range<usize>>), String> {
    let mut text = String::with_capacity(example.len());
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let mut rest = example;
    loop {
        let next_open = rest.find("[[");
        let next_close = rest.find("]]");
        let (at, is_open) = match (next_open, next_close) {
            (Some(o), Some(c)) if o < c => (o, true),
            // In a run such as `]]]`, the marker is the last two: `[[[NAME]]]`.
            (_, Some(c)) => (
                c + rest[c..].bytes().take_while(|&b| b == b']').count() - 2,
                false,
            ),
            (Some(o), None) => (o, true),
            (None, None) => break,
        };
        text.push_str(&rest[..at]);
        rest = &rest[at + 2..];
        match (is_open, open) {
            (true, None) => open = Some(text.len()),
            (false, Some(start)) => {
                spans.push(start..text.len());
                open = None;
            }
            (true, Some(_)) => return Err("`[[` inside another `[[ ]]`".into()),
            (false, None) => return Err("`]]` without `[[`".into()),
        }
    }
    if open.is_some() {
        return Err("`[[` without `]]`".into());
    }
    text.push_str(rest);
    Ok((text, spans))
}

/// `text` with `[[ ]]` around `spans`.
pub fn mark(text: &str, spans: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len() + 4 * spans.len());
    let mut at = 0;
    for span in spans {
        if span.start < at {
            continue;
        }
        out.push_str(&text[at..span.start]);
        out.push_str("[[");
        out.push_str(&text[span.clone()]);
        out.push_str("]]");
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

fn flagged(rule: &Rule, text: &str) -> Vec<Range<usize>> {
    let doc = Document::new(text, Markup::Plain);
    engine::check(&doc, [rule], &rule.examples.context)
        .into_iter()
        .map(|d| d.span.range())
        .collect()
}

/// Runs a rule's examples.
pub fn test_rule(rule: &Rule) -> RuleTest {
    let mut result = RuleTest::default();
    if rule.examples.bad.is_empty() || rule.examples.good.is_empty() {
        result.failures.push(ExampleFailure {
            kind: if rule.examples.bad.is_empty() {
                ExampleKind::Bad
            } else {
                ExampleKind::Good
            },
            index: 0,
            expected: String::new(),
            actual: String::new(),
            reason: "the rule needs at least one bad and one good example".into(),
        });
    }
    for (index, example) in rule.examples.bad.iter().enumerate() {
        let failure = |expected: String, actual: String, reason: &str| ExampleFailure {
            kind: ExampleKind::Bad,
            index,
            expected,
            actual,
            reason: reason.into(),
        };
        match parse_markers(example) {
            Err(reason) => result
                .failures
                .push(failure(example.clone(), String::new(), &reason)),
            Ok((text, expected)) => {
                let actual = flagged(rule, &text);
                if expected.is_empty() {
                    result.failures.push(failure(
                        example.clone(),
                        mark(&text, &actual),
                        "a bad example must mark what it expects with [[ ]]",
                    ));
                } else if actual != expected {
                    result.failures.push(failure(
                        example.clone(),
                        mark(&text, &actual),
                        "flagged spans differ from the marked ones",
                    ));
                } else {
                    result.passed += 1;
                }
            }
        }
    }
    for (index, example) in rule.examples.good.iter().enumerate() {
        let actual = flagged(rule, example);
        if actual.is_empty() {
            result.passed += 1;
        } else {
            result.failures.push(ExampleFailure {
                kind: ExampleKind::Good,
                index,
                expected: example.clone(),
                actual: mark(example, &actual),
                reason: "a good example was flagged".into(),
            });
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_give_spans_in_the_stripped_text() {
        let (text, spans) = parse_markers("It is [[obviously]] fine, [[Zoë]].").unwrap();
        assert_eq!(text, "It is obviously fine, Zoë.");
        assert_eq!(spans, [6..15, 22..26]);
        assert_eq!(mark(&text, &spans), "It is [[obviously]] fine, [[Zoë]].");
        let (text, spans) = parse_markers("Hi [[[NAME]]], ok").unwrap();
        assert_eq!(&text[spans[0].clone()], "[NAME]");
    }

    #[test]
    fn unbalanced_markers_are_errors() {
        assert!(parse_markers("a [[b").is_err());
        assert!(parse_markers("a ]] b").is_err());
        assert!(parse_markers("[[a [[b]] c]]").is_err());
    }
}
