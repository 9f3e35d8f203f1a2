//! `consistency`: of each `either` pair of spellings (`colour: color`),
//! only one may appear in a reply. Once both have appeared, each block
//! that uses either is flagged at its last use, as Vale does.

use regex::Regex;

use super::error::{LoadError, RuleSource};
use super::file::RuleFile;
use super::pattern;
use super::{Checker, Finding, Haystack};

#[derive(Debug)]
pub struct Consistency {
    /// Per pair: one regex with the first spelling in group 1 and the
    /// second in group 2.
    pairs: Vec<Regex>,
}

impl Consistency {
    pub fn compile(source: &RuleSource, file: &RuleFile) -> Result<Self, LoadError> {
        let Some(either) = &file.either else {
            return Err(source.error_at(&file.extends, "a `consistency` rule needs `either`"));
        };
        if either.value.0.is_empty() {
            return Err(source.error_at(either, "`either` is empty"));
        }
        let mut pairs = Vec::new();
        for (first, second) in &either.value.0 {
            for value in [first, second] {
                pattern::validate(source, value)?;
            }
            let body = format!("({})|({})", first.value, second.value);
            pairs.push(pattern::compile(
                source,
                &pattern::bounded(&body, file.nonword),
                file.ignorecase,
                first,
                &[first, second],
            )?);
        }
        Ok(Consistency { pairs })
    }
}

impl Checker for Consistency {
    fn patterns(&self) -> Vec<String> {
        self.pairs.iter().map(|r| r.as_str().to_owned()).collect()
    }

    fn check(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        for pair in &self.pairs {
            // Which spellings the reply has used so far.
            let mut seen = [false, false];
            for block in hay.blocks {
                let text = &hay.text[block.clone()];
                let mut last = None;
                for caps in pair.captures_iter(text) {
                    for (side, group) in [1, 2].into_iter().enumerate() {
                        if let Some(m) = caps.get(group) {
                            seen[side] = true;
                            last = Some(m.range());
                        }
                    }
                }
                if let (Some(last), [true, true]) = (last, seen) {
                    out.push(Finding::at(
                        block.start + last.start..block.start + last.end,
                    ));
                }
            }
        }
    }
}
