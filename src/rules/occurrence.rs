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
}

impl Occurrence {
    pub fn compile(source: &RuleSource, file: &RuleFile) -> Result<Self, LoadError> {
        let Some(token) = &file.token else {
            return Err(source.error_at(&file.extends, "an `occurrence` rule needs `token`"));
        };
        if file.max.is_none() && file.min.is_none() {
            return Err(source.error_at(&file.extends, "an `occurrence` rule needs `max` or `min`"));
        }
        let regex = pattern::compile(
            source,
            &pattern::bounded(&token.value, file.nonword),
            file.ignorecase,
            token,
            &[token],
        )?;
        Ok(Occurrence {
            token: regex,
            max: file.max.as_ref().map(|m| m.value),
            min: file.min.as_ref().map(|m| m.value),
        })
    }
}

impl Checker for Occurrence {
    fn patterns(&self) -> Vec<String> {
        vec![self.token.as_str().to_owned()]
    }

    fn check(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
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
