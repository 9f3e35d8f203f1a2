//! `existence`: flags every match of a token list and/or a raw regex.

use regex::Regex;

use super::error::{LoadError, RuleSource};
use super::file::{Piece, RuleFile, Str};
use super::pattern::{self, Exceptions};
use super::{Checker, Finding, Haystack};

#[derive(Debug)]
pub struct Existence {
    /// All tokens as one alternation; the whole match is flagged.
    tokens: Option<Regex>,
    /// The raw regex; when it has groups, the first that took part is flagged.
    raw: Option<(Regex, bool)>,
    exceptions: Exceptions,
}

impl Existence {
    pub fn compile(source: &RuleSource, file: &RuleFile) -> Result<Self, LoadError> {
        let tokens = match &file.tokens {
            Some(list) => {
                if list.value.is_empty() {
                    return Err(source
                        .error_at(list, "`tokens` is empty")
                        .with_help("list at least one word or phrase"));
                }
                for token in &list.value {
                    pattern::validate(source, token)?;
                }
                let alternation =
                    pattern::alternation(list.value.iter().map(|t| t.value.as_str()), file.nonword);
                let values: Vec<&Str> = list.value.iter().collect();
                Some(pattern::compile(
                    source,
                    &alternation,
                    file.ignorecase,
                    list,
                    &values,
                )?)
            }
            None => None,
        };
        let raw = match &file.raw {
            Some(pieces) => {
                // Each piece with its position (a lone string has the key's).
                let values: Vec<Str> = pieces
                    .value
                    .0
                    .iter()
                    .map(|piece| match piece {
                        Piece::Listed(value) => value.clone(),
                        Piece::Lone(text) => {
                            Str::new(text.clone(), pieces.referenced, pieces.defined)
                        }
                    })
                    .collect();
                let mut captures = 0;
                for value in &values {
                    captures += pattern::validate(source, value)?;
                }
                let joined: String = pieces.value.0.iter().map(Piece::value).collect();
                if joined.is_empty() {
                    return Err(source.error_at(pieces, "`raw` is empty"));
                }
                Some((
                    pattern::compile(
                        source,
                        &joined,
                        file.ignorecase,
                        pieces,
                        &values.iter().collect::<Vec<_>>(),
                    )?,
                    captures > 0,
                ))
            }
            None => None,
        };
        Ok(Existence {
            tokens,
            raw,
            exceptions: Exceptions::compile(source, file.exceptions.as_ref(), file.ignorecase)?,
        })
    }
}

impl Checker for Existence {
    fn deferred_error(&self) -> Option<&str> {
        self.exceptions.error()
    }

    fn check(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        for block in hay.blocks {
            let text = &hay.text[block.clone()];
            if let Some(tokens) = &self.tokens {
                for m in tokens.find_iter(text) {
                    if !self.exceptions.contains(m.as_str()) {
                        out.push(Finding::at(block.start + m.start()..block.start + m.end()));
                    }
                }
            }
            if let Some((raw, grouped)) = &self.raw {
                flag_matches(raw, *grouped, text, block.start, &self.exceptions, out);
            }
        }
    }
}

/// The first capture group that took part in a match, else the whole match.
pub fn first_group<'t>(caps: &regex::Captures<'t>) -> Option<regex::Match<'t>> {
    caps.iter().skip(1).flatten().next().or_else(|| caps.get(0))
}

/// Pushes each match of `regex` in `text` (its first participating group when `grouped`), shifted
/// by `offset`, unless it is an exception.
pub fn flag_matches(
    regex: &Regex,
    grouped: bool,
    text: &str,
    offset: usize,
    exceptions: &Exceptions,
    out: &mut Vec<Finding>,
) {
    if grouped {
        for caps in regex.captures_iter(text) {
            if let Some(m) = first_group(&caps) {
                if !exceptions.contains(m.as_str()) {
                    out.push(Finding::at(offset + m.start()..offset + m.end()));
                }
            }
        }
    } else {
        for m in regex.find_iter(text) {
            if !exceptions.contains(m.as_str()) {
                out.push(Finding::at(offset + m.start()..offset + m.end()));
            }
        }
    }
}
