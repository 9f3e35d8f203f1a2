//! `substitution`: flags a pattern and offers its replacement as a fix.

use super::error::{LoadError, RuleSource};
use super::file::RuleFile;
use super::pattern::{self, Exceptions};
use super::search::Search;
use super::{dialect, Checker, Finding, Haystack};

#[derive(Debug)]
pub struct Substitution {
    /// All patterns as one alternation, each pattern in its own group.
    regex: Search,
    /// For each pattern: its group index, its replacements and the
    /// replacement as written.
    swaps: Vec<(usize, Vec<String>, String)>,
    exceptions: Exceptions,
    /// Read as a Vale style: see [`Vale`].
    vale: Option<Vale>,
}

/// How a Vale style's substitution differs: a match is skipped when it
/// already is the replacement as written (case counts when that has no
/// space), and the message's values are the replacement then the match.
#[derive(Debug)]
struct Vale {
    ignorecase: bool,
    /// `action: replace` without params: the message names the
    /// replacements as a sentence (`'a' or 'b'`), each in the match's case.
    sentence: bool,
}

impl Substitution {
    pub fn compile(source: &RuleSource, file: &RuleFile) -> Result<Self, LoadError> {
        let Some(swap) = &file.swap else {
            return Err(source.error_at(&file.extends, "a `substitution` rule needs `swap`"));
        };
        if swap.value.0.is_empty() {
            return Err(source
                .error_at(swap, "`swap` is empty")
                .with_help("map at least one pattern to its replacement"));
        }
        let mut swaps = Vec::new();
        let mut group = 1;
        let mut bodies = Vec::new();
        for (pattern_value, replacement) in &swap.value.0 {
            let captures = pattern::captures_of(source, pattern_value)?;
            let replacements: Vec<String> = replacement
                .value
                .split('|')
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_owned)
                .collect();
            if replacements.is_empty() {
                return Err(source
                    .error_at(replacement, "empty replacement")
                    .with_help("write what to say instead"));
            }
            bodies.push(format!("({})", pattern_value.value));
            swaps.push((group, replacements, replacement.value.clone()));
            group += 1 + captures;
        }
        let regex = pattern::compile_search(
            source,
            &pattern::bounded(&bodies.join("|"), file.nonword),
            file.ignorecase,
            swap,
            &swap.value.0.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        )?;
        let vale = source.vale().then(|| Vale {
            ignorecase: file.ignorecase,
            sentence: file
                .action
                .as_ref()
                .is_some_and(|a| a.name.value == "replace" && a.params.is_empty()),
        });
        Ok(Substitution {
            regex,
            swaps,
            exceptions: Exceptions::compile(source, file.exceptions.as_ref(), file.ignorecase)?,
            vale,
        })
    }
}

impl Checker for Substitution {
    fn patterns(&self) -> Vec<String> {
        self.exceptions.after([self.regex.as_str().to_owned()])
    }

    fn deferred_error(&self) -> Option<&str> {
        self.exceptions.error()
    }

    fn check(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        for block in hay.blocks {
            let text = &hay.text[block.clone()];
            self.regex.each_captures(text, |groups| {
                let Some(whole) = groups[0].clone() else {
                    return;
                };
                if let Some(finding) = self.finding(&text[whole.clone()], groups) {
                    out.push(Finding {
                        span: block.start + whole.start..block.start + whole.end,
                        ..finding
                    });
                }
            });
        }
    }
}

impl Substitution {
    /// The finding for `matched`, whose groups are `groups` (its span is
    /// left for the caller), or `None` when it is not one.
    fn finding(&self, matched: &str, groups: &[Option<std::ops::Range<usize>>]) -> Option<Finding> {
        if self.exceptions.contains(matched) {
            return None;
        }
        let (_, replacements, written) = self
            .swaps
            .iter()
            .find(|(g, _, _)| groups.get(*g).is_some_and(Option::is_some))?;
        let fixes: Vec<String> = replacements
            .iter()
            .map(|r| match_case(matched, r))
            .collect();
        let args = match &self.vale {
            None if replacements.iter().any(|r| r.eq_ignore_ascii_case(matched)) => return None,
            None => Vec::new(),
            Some(vale) => {
                let observed = matched.trim();
                if dialect::already_expected(written, observed, vale.ignorecase) {
                    return None;
                }
                let expected = if vale.sentence {
                    dialect::to_sentence(&fixes, "or")
                } else {
                    written.clone()
                };
                vec![expected, observed.to_owned()]
            }
        };
        Some(Finding {
            span: 0..0,
            fixes,
            unsafe_fix: false,
            note: None,
            args,
        })
    }
}

/// `replacement` with a capital first letter when `matched` starts with one.
fn match_case(matched: &str, replacement: &str) -> String {
    let upper = matched.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(first) if upper && first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => replacement.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::match_case;

    #[test]
    fn replacements_follow_a_capital() {
        assert_eq!(match_case("Backend", "our servers"), "Our servers");
        assert_eq!(match_case("backend", "our servers"), "our servers");
        assert_eq!(match_case("DNS", "DNS cache"), "DNS cache");
    }
}
