//! `existence`: flags every match of a token list and/or a raw regex.

use super::error::{LoadError, RuleSource};
use super::file::{Piece, RuleFile, Str};
use super::pattern::{self, Exceptions};
use super::search::Search;
use super::{Checker, Finding, Haystack};

#[derive(Debug)]
pub struct Existence {
    /// All tokens as one alternation; the whole match is flagged.
    tokens: Option<Search>,
    /// The raw regex; when it has groups, the first that took part is
    /// flagged (never in a Vale style, where the whole match is).
    raw: Option<(Search, bool)>,
    exceptions: Exceptions,
}

impl Existence {
    pub fn compile(source: &RuleSource, file: &RuleFile) -> Result<Self, LoadError> {
        // (pattern, the values it is built from) of `tokens` and of `raw`.
        let tokens = match &file.tokens {
            Some(list) => Some((
                pattern::list_alternation(source, list, "tokens", file.nonword)?,
                list.value.clone(),
            )),
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
                let joined: String = pieces.value.0.iter().map(Piece::value).collect();
                if joined.is_empty() {
                    return Err(source.error_at(pieces, "`raw` is empty"));
                }
                Some((joined, values))
            }
            None => None,
        };
        // An error no value explains is shown at `tokens`, else at `raw`.
        let compile = |pattern: &str, values: &[Str]| {
            let values: Vec<&Str> = values.iter().collect();
            match (&file.tokens, &file.raw) {
                (Some(list), _) => {
                    pattern::compile_search(source, pattern, file.ignorecase, list, &values)
                }
                (None, Some(raw)) => {
                    pattern::compile_search(source, pattern, file.ignorecase, raw, &values)
                }
                (None, None) => {
                    unreachable!("load checks that an existence rule has tokens or raw")
                }
            }
        };
        // Both: one pass over the text instead of two, `raw` first so that
        // at one position its match wins, as when it ran alone. A token
        // match has no group of its own: the whole match is flagged.
        let with_groups = |regex: Search| {
            let grouped = regex.captures_len() > 1;
            (regex, grouped)
        };
        let (tokens, raw) = match (tokens, raw) {
            // Vale: `raw` and the tokens' alternation are one regex, `raw`
            // first unless `append`; the whole match is flagged.
            (Some((alternation, token_values)), Some((joined, raw_values))) if source.vale() => {
                let mut values = raw_values;
                values.extend(token_values);
                let both = if file.append {
                    format!("{alternation}(?:{joined})")
                } else {
                    format!("(?:{joined}){alternation}")
                };
                (None, Some((compile(&both, &values)?, false)))
            }
            (None, Some((joined, values))) if source.vale() => {
                (None, Some((compile(&joined, &values)?, false)))
            }
            (Some((alternation, token_values)), Some((joined, raw_values))) => {
                let mut values = raw_values;
                values.extend(token_values);
                let both = format!("(?:{joined})|{alternation}");
                (None, Some(with_groups(compile(&both, &values)?)))
            }
            (Some((alternation, values)), None) => (Some(compile(&alternation, &values)?), None),
            (None, Some((joined, values))) => (None, Some(with_groups(compile(&joined, &values)?))),
            (None, None) => (None, None),
        };
        Ok(Existence {
            tokens,
            raw,
            exceptions: Exceptions::compile(source, file.exceptions.as_ref(), file.ignorecase)?,
        })
    }
}

impl Checker for Existence {
    fn patterns(&self) -> Vec<String> {
        let main = [self.tokens.as_ref(), self.raw.as_ref().map(|(raw, _)| raw)];
        self.exceptions
            .after(main.into_iter().flatten().map(|r| r.as_str().to_owned()))
    }

    fn deferred_error(&self) -> Option<&str> {
        self.exceptions.error()
    }

    fn check(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        for block in hay.blocks {
            let text = &hay.text[block.clone()];
            if let Some(tokens) = &self.tokens {
                tokens.each_match(text, |m| {
                    if !self.exceptions.contains(&text[m.clone()]) {
                        out.push(Finding::at(block.start + m.start..block.start + m.end));
                    }
                });
            }
            if let Some((raw, grouped)) = &self.raw {
                flag_matches(raw, *grouped, text, block.start, &self.exceptions, out);
            }
        }
    }
}

/// Pushes each match of `regex` in `text` (its first participating group
/// when `grouped`), shifted by `offset`, unless it is an exception.
pub fn flag_matches(
    regex: &Search,
    grouped: bool,
    text: &str,
    offset: usize,
    exceptions: &Exceptions,
    out: &mut Vec<Finding>,
) {
    let mut flag = |m: std::ops::Range<usize>| {
        if !exceptions.contains(&text[m.clone()]) {
            out.push(Finding::at(offset + m.start..offset + m.end));
        }
    };
    if grouped {
        regex.each_captures(text, |groups| {
            let first = groups
                .iter()
                .skip(1)
                .flatten()
                .next()
                .or(groups[0].as_ref());
            if let Some(m) = first {
                flag(m.clone());
            }
        });
    } else {
        regex.each_match(text, flag);
    }
}
