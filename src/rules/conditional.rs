//! `conditional`: flags matches of `first` unless `second` is there.
//!
//! Without a capture group in `second`, a match of `first` is flagged when
//! `second` matches nowhere in the same scope block. With one (Vale's
//! acronym semantics), it is flagged unless some match of `second` anywhere
//! in the text captured the same value (the first group that took part); only the first undefined use of
//! each value is flagged, since the fix is to spell it out there.
//!
//! `defines` adds definitions by presence: when an entry's `when` matches
//! anywhere in the reply, every flagged value its `values` matches whole is
//! defined ("operating system" anywhere defines OS; a reply about pull
//! requests defines PR and CI). Each `when` is searched at most once per
//! reply, and only when a flagged value needs it: one pass, where a pattern
//! spanning the reply (`operating system[\s\S]*?OS`) made the engine
//! carry captures across the whole text.

use std::cell::OnceCell;
use std::collections::HashSet;

use super::error::{LoadError, RuleSource};
use super::file::RuleFile;
use super::pattern::{self, Deferred, Exceptions};
use super::search::Search;
use super::{Checker, Finding, Haystack};

#[derive(Debug)]
pub struct Conditional {
    first: Search,
    first_grouped: bool,
    second: Deferred,
    second_captures: bool,
    defines: Vec<Definition>,
    exceptions: Exceptions,
}

/// A `defines` entry, compiled on first use.
#[derive(Debug)]
struct Definition {
    when: Deferred,
    values: Deferred,
}

impl Conditional {
    pub fn compile(source: &RuleSource, file: &RuleFile) -> Result<Self, LoadError> {
        let (Some(first), Some(second)) = (&file.first, &file.second) else {
            return Err(source.error_at(
                &file.extends,
                "a `conditional` rule needs `first` and `second`",
            ));
        };
        let first_regex =
            pattern::compile_search(source, &first.value, file.ignorecase, first, &[first])?;
        let second = Deferred::new(
            source,
            second.value.clone(),
            file.ignorecase,
            second,
            &[second],
        )?;
        Ok(Conditional {
            first_grouped: first_regex.captures_len() > 1,
            first: first_regex,
            second_captures: second.captures() > 0,
            second,
            defines: definitions(source, file)?,
            exceptions: Exceptions::compile(source, file.exceptions.as_ref(), file.ignorecase)?,
        })
    }

    /// Whether a `defines` entry whose `when` is in `text` covers `value`;
    /// `present` caches each entry's search for this reply.
    fn defined_by_presence(&self, value: &str, text: &str, present: &[OnceCell<bool>]) -> bool {
        self.defines.iter().zip(present).any(|(define, present)| {
            define.values.get().is_some_and(|v| v.is_match(value))
                && *present.get_or_init(|| define.when.get().is_some_and(|w| w.is_match(text)))
        })
    }
}

/// The `defines` entries of a rule file, checked now, compiled on first use.
fn definitions(source: &RuleSource, file: &RuleFile) -> Result<Vec<Definition>, LoadError> {
    let Some(defines) = &file.defines else {
        return Ok(Vec::new());
    };
    defines
        .value
        .iter()
        .map(|define| {
            Ok(Definition {
                when: Deferred::new(
                    source,
                    define.when.value.clone(),
                    file.ignorecase,
                    &define.when,
                    &[&define.when],
                )?,
                values: Deferred::new(
                    source,
                    format!("^(?:{})$", define.values.value),
                    file.ignorecase,
                    &define.values,
                    &[&define.values],
                )?,
            })
        })
        .collect()
}

impl Conditional {
    /// Values captured by `second` anywhere in the text.
    fn defined<'t>(&self, text: &'t str) -> HashSet<&'t str> {
        let Some(second) = self.second.get() else {
            return HashSet::new();
        };
        let mut values = HashSet::new();
        second.each_captures(text, |groups| {
            if let Some(value) = groups.iter().skip(1).flatten().next() {
                values.insert(&text[value.clone()]);
            }
        });
        values
    }
}

impl Checker for Conditional {
    fn patterns(&self) -> Vec<String> {
        let mut all = vec![self.first.as_str().to_owned(), self.second.pattern()];
        for definition in &self.defines {
            all.extend([definition.when.pattern(), definition.values.pattern()]);
        }
        all.extend(self.exceptions.pattern());
        all
    }

    fn deferred_error(&self) -> Option<&str> {
        self.second
            .error()
            .or_else(|| self.exceptions.error())
            .or_else(|| {
                self.defines
                    .iter()
                    .find_map(|d| d.when.error().or_else(|| d.values.error()))
            })
    }

    fn check(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        // Every match of `first`, block by block. Without captures, a block
        // is searched for all of them only when `first` matches in it and
        // `second` does not (which is cheaper than collecting them first:
        // `second` usually matches where there is anything to find).
        let mut found = Vec::new();
        for block in hay.blocks {
            let text = &hay.text[block.clone()];
            if !self.second_captures
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
        }
        if found.is_empty() {
            return;
        }
        let defined = self.second_captures.then(|| self.defined(hay.text));
        let present: Vec<OnceCell<bool>> = self.defines.iter().map(|_| OnceCell::new()).collect();
        let mut reported: HashSet<&str> = HashSet::new();
        for finding in found {
            let value = &hay.text[finding.span.clone()];
            let keep = !self.defined_by_presence(value, hay.text, &present)
                && match &defined {
                    None => true,
                    Some(defined) => !defined.contains(value) && reported.insert(value),
                };
            if keep {
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Markup};
    use crate::rules::blocks::Blocks;
    use crate::rules::load::parse_rule;
    use crate::rules::{engine, Context};

    fn flagged(rule: &str, text: &str) -> Vec<String> {
        let rule = parse_rule("t/x", "t/x.yml", rule, &Blocks::default()).unwrap();
        let doc = Document::new(text, Markup::Plain);
        engine::check(&doc, [&rule], &Context::default())
            .into_iter()
            .map(|d| text[d.span.range()].to_owned())
            .collect()
    }

    #[test]
    fn definitions_by_presence_cover_only_their_values() {
        let rule = "extends: conditional\nmessage: m\nfirst: '\\b([A-Z]{2,4})\\b'\nsecond: '\\(([A-Z]{2,4})\\)'\ndefines:\n  - {when: '(?i:operating system)', values: OS}\n  - {when: '(?i:pull request)', values: PR|CI}\n";
        assert_eq!(
            flagged(rule, "Update the OS and the GPU driver."),
            ["OS", "GPU"]
        );
        assert_eq!(
            flagged(
                rule,
                "Your operating system is old: update the OS and the GPU driver."
            ),
            ["GPU"]
        );
        assert_eq!(
            flagged(rule, "Thanks for the pull request! CI passed on the PR."),
            Vec::<String>::new()
        );
        assert_eq!(flagged(rule, "The CI passed on the PR."), ["CI", "PR"]);
    }

    #[test]
    fn a_bad_definition_is_located() {
        let rule = "extends: conditional\nmessage: m\nfirst: a\nsecond: b\ndefines:\n  - {when: '(x', values: OS}\n";
        let e = parse_rule("t/x", "t/x.yml", rule, &Blocks::default()).unwrap_err();
        assert_eq!(e.line_col().unwrap().line, 6, "{e}");
        let rule =
            "extends: existence\nmessage: m\ntokens: [a]\ndefines:\n  - {when: x, values: OS}\n";
        let e = parse_rule("t/x", "t/x.yml", rule, &Blocks::default()).unwrap_err();
        assert!(
            e.message.contains("`defines` does not apply"),
            "{}",
            e.message
        );
    }
}
