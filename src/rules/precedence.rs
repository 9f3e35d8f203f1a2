//! `precedence`: something must come before something else. The rule
//! reads the sentences of its scope in order, from the reply's opening
//! (past the greeting), and stops at the first that decides:
//!
//! - a sentence where `expect` matches before any `trigger` does (or where
//!   `expect` matches and no `trigger` does) satisfies the rule;
//! - a sentence with no `trigger` that matches one of `skip` as a whole (a
//!   question, a greeting, a welcome line) decides nothing and is passed
//!   over, as is one with no letters;
//! - any other sentence is flagged: it did what needed `expect` first.
//!
//! `empathy/no-acknowledgement` is one: an acknowledgement (`expect`) must
//! come before the first instruction or answer (`trigger`, or any sentence
//! that is not skipped). "Please DM us, thanks" is flagged: the thanks
//! comes after the request in the same sentence.

use super::error::{LoadError, RuleSource};
use super::file::{RuleFile, Str};
use super::pattern;
use super::search::Search;
use super::{Checker, Finding, Haystack};

#[derive(Debug)]
pub struct Precedence {
    expect: Search,
    trigger: Option<Search>,
    skip: Option<Search>,
}

/// One alternation of a list. A whole-sentence pattern (`skip`) is
/// anchored instead of word-bounded: a sentence ends in punctuation, where
/// `\b` cannot match.
fn list(
    source: &RuleSource,
    file: &RuleFile,
    written: &serde_saphyr::Spanned<Vec<Str>>,
    name: &str,
    whole: bool,
) -> Result<Search, LoadError> {
    let body = pattern::list_alternation(source, written, name, whole || file.nonword)?;
    let full = if whole { format!(r"\A{body}\z") } else { body };
    let values: Vec<&Str> = written.value.iter().collect();
    pattern::compile_search(source, &full, file.ignorecase, written, &values)
}

impl Precedence {
    pub fn compile(source: &RuleSource, file: &RuleFile) -> Result<Self, LoadError> {
        let Some(expect) = &file.expect else {
            return Err(source.error_at(&file.extends, "a `precedence` rule needs `expect`"));
        };
        Ok(Precedence {
            expect: list(source, file, expect, "expect", false)?,
            trigger: match &file.trigger {
                Some(t) => Some(list(source, file, t, "trigger", false)?),
                None => None,
            },
            skip: match &file.skip {
                Some(s) => Some(list(source, file, s, "skip", true)?),
                None => None,
            },
        })
    }
}

impl Checker for Precedence {
    fn patterns(&self) -> Vec<String> {
        [
            Some(&self.expect),
            self.trigger.as_ref(),
            self.skip.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(|r| r.as_str().to_owned())
        .collect()
    }

    fn check(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let from = hay.doc.opening().map_or(0, |o| o.start);
        let in_scope = |s: &&std::ops::Range<usize>| {
            s.end > from
                && hay
                    .blocks
                    .iter()
                    .any(|b| s.start >= b.start && s.end <= b.end)
        };
        for sentence in hay.sentences.iter().filter(in_scope) {
            let text = hay.text[sentence.clone()].trim();
            if !text.chars().any(char::is_alphabetic) {
                continue;
            }
            let expected = self.expect.find(text).map(|m| m.start);
            let triggered = self
                .trigger
                .as_ref()
                .and_then(|t| t.find(text))
                .map(|m| m.start);
            match (expected, triggered) {
                (Some(e), Some(t)) if e < t => return,
                (Some(_), None) => return,
                (None, None) if self.skip.as_ref().is_some_and(|s| s.is_match(text)) => continue,
                _ => {
                    out.push(Finding::at(sentence.clone()));
                    return;
                }
            }
        }
    }
}
