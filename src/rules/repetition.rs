//! `repetition`: flags a token written twice in a row within a sentence
//! ("the the"): each match of `tokens` is compared with the one before it
//! (ignoring case with `ignorecase`; with `alpha`, only words of letters
//! count). The span runs from the first copy to the second; `%s` is the
//! repeated token. More than `max` repeats (0 by default) are needed.

use regex::Regex;

use super::error::{LoadError, RuleSource};
use super::file::RuleFile;
use super::pattern::{self, Exceptions};
use super::{Checker, Finding, Haystack};

#[derive(Debug)]
pub struct Repetition {
    tokens: Regex,
    ignorecase: bool,
    alpha: bool,
    max: usize,
    exceptions: Exceptions,
}

impl Repetition {
    pub fn compile(source: &RuleSource, file: &RuleFile) -> Result<Self, LoadError> {
        let Some(list) = &file.tokens else {
            return Err(source.error_at(&file.extends, "a `repetition` rule needs `tokens`"));
        };
        let alternation = pattern::list_alternation(source, list, "tokens", true)?;
        let values: Vec<_> = list.value.iter().collect();
        Ok(Repetition {
            tokens: pattern::compile(source, &alternation, file.ignorecase, list, &values)?,
            ignorecase: file.ignorecase,
            alpha: file.alpha,
            max: file.max.as_ref().map_or(0, |m| m.value),
            exceptions: Exceptions::compile(source, file.exceptions.as_ref(), file.ignorecase)?,
        })
    }

    fn same(&self, a: &str, b: &str) -> bool {
        !a.is_empty()
            && if self.ignorecase {
                a.to_lowercase() == b.to_lowercase()
            } else {
                a == b
            }
    }
}

impl Checker for Repetition {
    fn patterns(&self) -> Vec<String> {
        self.exceptions.after([self.tokens.as_str().to_owned()])
    }

    fn deferred_error(&self) -> Option<&str> {
        self.exceptions.error()
    }

    fn check(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        for block in hay.blocks {
            let text = &hay.text[block.clone()];
            // The previous match: its start, its text, its end.
            let mut previous: Option<(usize, &str, usize)> = None;
            let mut repeats = 0;
            for m in self.tokens.find_iter(text) {
                let current = m.as_str().trim();
                // Only blanks between them: masked code in between counts
                // as a word of its own.
                let adjacent = previous.is_some_and(|(_, _, end)| {
                    hay.doc.source()[block.start + end..block.start + m.start()]
                        .trim()
                        .is_empty()
                });
                let hit = adjacent
                    && previous.is_some_and(|(_, p, _)| self.same(current, p))
                    && (!self.alpha || current.chars().all(char::is_alphabetic));
                if hit {
                    repeats += 1;
                }
                if let (true, Some((start, _, _))) = (hit && repeats > self.max, previous) {
                    let span = block.start + start..block.start + m.end();
                    let one_sentence = !hay
                        .sentences
                        .iter()
                        .any(|s| s.start > span.start && s.start < span.end);
                    if one_sentence && !self.exceptions.contains(&text[start..m.end()]) {
                        out.push(Finding {
                            args: vec![current.to_owned()],
                            ..Finding::at(span)
                        });
                        repeats = 0;
                    }
                }
                previous = Some((m.start(), current, m.end()));
            }
        }
    }
}
