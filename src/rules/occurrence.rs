//! `occurrence`: counts matches of `token` within each block of the scope.
//! More than `max`: each match past `max` is flagged. Fewer than `min`: the
//! block's first sentence is flagged.

use regex::Regex;

use super::error::{LoadError, RuleSource};
use super::file::RuleFile;
use super::pattern;
use super::{Checker, Finding, Haystack};

#[derive(Debug)]
pub struct Occurrence {
    token: Regex,
    max: Option<usize>,
    min: Option<usize>,
    /// Read as a Vale style: one finding per block, at its first match (at
    /// its start when there is none), the message's `%d` the count.
    vale: bool,
}

impl Occurrence {
    pub fn compile(source: &RuleSource, file: &RuleFile) -> Result<Self, LoadError> {
        let Some(token) = &file.token else {
            return Err(source.error_at(&file.extends, "an `occurrence` rule needs `token`"));
        };
        if file.max.is_none() && file.min.is_none() {
            return Err(source.error_at(&file.extends, "an `occurrence` rule needs `max` or `min`"));
        }
        // Vale does not bound the token by words.
        let bounded = if source.vale() {
            format!("(?:{})", token.value)
        } else {
            pattern::bounded(&token.value, file.nonword)
        };
        let regex = pattern::compile(source, &bounded, file.ignorecase, token, &[token])?;
        Ok(Occurrence {
            token: regex,
            max: file.max.as_ref().map(|m| m.value),
            min: file.min.as_ref().map(|m| m.value),
            vale: source.vale(),
        })
    }
}

impl Checker for Occurrence {
    fn patterns(&self) -> Vec<String> {
        vec![self.token.as_str().to_owned()]
    }

    fn check(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        if self.vale {
            return self.check_as_vale(hay, out);
        }
        for block in hay.blocks {
            let text = &hay.text[block.clone()];
            let mut count = 0;
            for m in self.token.find_iter(text) {
                count += 1;
                if self.max.is_some_and(|max| count > max) {
                    out.push(Finding::at(block.start + m.start()..block.start + m.end()));
                }
                if self.max.is_none() && self.min.is_some_and(|min| count >= min) {
                    break;
                }
            }
            if self.min.is_some_and(|min| count < min) {
                let first = hay
                    .sentences
                    .iter()
                    .find(|s| s.start >= block.start && s.start < block.end)
                    .map_or(block.clone(), |s| s.start..s.end.min(block.end));
                out.push(Finding::at(first));
            }
        }
    }
}

impl Occurrence {
    /// Vale's occurrence: a block with more than `max` (or fewer than
    /// `min`) matches gets one finding, at its first match, or at its first
    /// character when it has none; `%d` in the message is the count.
    fn check_as_vale(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        for block in hay.blocks {
            let text = &hay.text[block.clone()];
            let mut matches = self.token.find_iter(text);
            let first = matches.next();
            let count = usize::from(first.is_some()) + matches.count();
            let over = self.max.is_some_and(|max| max > 0 && count > max);
            let under = self.min.is_some_and(|min| min > 0 && count < min);
            if !over && !under {
                continue;
            }
            let span = match first {
                Some(m) => block.start + m.start()..block.start + m.end(),
                None => {
                    let lead = text.len() - text.trim_start().len();
                    let first_char = text[lead..].chars().next().map_or(0, char::len_utf8);
                    block.start + lead..block.start + lead + first_char
                }
            };
            out.push(Finding {
                args: vec![count.to_string()],
                ..Finding::at(span)
            });
        }
    }
}
