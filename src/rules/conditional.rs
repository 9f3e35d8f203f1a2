//! `conditional`: flags matches of `first` unless `second` is there.
//!
//! Without a capture group in `second`, a match of `first` is flagged when
//! `second` matches nowhere in the same scope block. With one (Vale's
//! acronym semantics), it is flagged unless some match of `second` anywhere
//! in the text captured the same value (the first group that took part); only the first undefined use of
//! each value is flagged, since the fix is to spell it out there.

use std::collections::HashSet;

use regex::Regex;

use super::error::{LoadError, RuleSource};
use super::file::RuleFile;
use super::pattern::{self, Deferred, Exceptions};
use super::{Checker, Finding, Haystack};

#[derive(Debug)]
pub struct Conditional {
    first: Regex,
    first_grouped: bool,
    second: Deferred,
    second_captures: bool,
    exceptions: Exceptions,
}

impl Conditional {
    pub fn compile(source: &RuleSource, file: &RuleFile) -> Result<Self, LoadError> {
        let (Some(first), Some(second)) = (&file.first, &file.second) else {
            return Err(source.error_at(
                &file.extends,
                "a `conditional` rule needs `first` and `second`",
            ));
        };
        let first_groups = pattern::validate(source, first)?;
        let second_groups = pattern::validate(source, second)?;
        Ok(Conditional {
            first: pattern::compile(source, &first.value, file.ignorecase, first, &[first])?,
            first_grouped: first_groups > 0,
            second: Deferred::new(
                source,
                second.value.clone(),
                file.ignorecase,
                second,
                &[second],
            )?,
            second_captures: second_groups > 0,
            exceptions: Exceptions::compile(source, file.exceptions.as_ref(), file.ignorecase)?,
        })
    }

    /// Values captured by `second` anywhere in the text.
    fn defined<'t>(&self, text: &'t str) -> HashSet<&'t str> {
        let Some(second) = self.second.get() else {
            return HashSet::new();
        };
        second
            .captures_iter(text)
            .filter_map(|c| c.iter().skip(1).flatten().next().map(|m| m.as_str()))
            .collect()
    }
}

impl Checker for Conditional {
    fn deferred_error(&self) -> Option<&str> {
        self.second.error().or_else(|| self.exceptions.error())
    }

    fn check(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let defined = if self.second_captures {
            // Only search for definitions when something may need one.
            let any = hay
                .blocks
                .iter()
                .any(|b| self.first.is_match(&hay.text[b.clone()]));
            if !any {
                return;
            }
            Some(self.defined(hay.text))
        } else {
            None
        };
        let mut reported: HashSet<&str> = HashSet::new();
        let mut found = Vec::new();
        for block in hay.blocks {
            let text = &hay.text[block.clone()];
            if defined.is_none()
                && (!self.first.is_match(text)
                    || self.second.get().is_some_and(|r| r.is_match(text)))
            {
                continue;
            }
            super::existence::flag_matches(
                &self.first,
                self.first_grouped,
                text,
                block.start,
                &self.exceptions,
                &mut found,
            );
            for finding in found.drain(..) {
                let value = &hay.text[finding.span.clone()];
                let keep = match &defined {
                    None => true,
                    Some(defined) => !defined.contains(value) && reported.insert(value),
                };
                if keep {
                    out.push(finding);
                }
            }
        }
    }
}
