//! `capitalization`: flags a whole block (a heading, usually) whose case
//! is not the one `match` asks for: `$sentence` (the first word and any
//! word after an `indicators` suffix capitalized, the others lower case),
//! `$title` (every word capitalized but short function words), `$lower`,
//! `$upper`, or a regex the text must match. Words that `exceptions`
//! match count as right; the block passes when more than `threshold`
//! (0.8) of its words are right, as in Vale.

use regex::Regex;

use super::error::{LoadError, RuleSource};
use super::file::RuleFile;
use super::pattern;
use super::{Checker, Finding, Haystack};

#[derive(Debug)]
pub struct Capitalization {
    style: Style,
    /// Exceptions, then any word: a multi-word exception is one word.
    words: Regex,
    exceptions: Option<Regex>,
    indicators: Vec<String>,
    threshold: f64,
}

#[derive(Debug)]
enum Style {
    Sentence,
    Title,
    Lower,
    Upper,
    Pattern(Regex),
}

/// Words a title leaves in lower case unless first or last (AP style).
const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "off", "on", "or", "per",
    "so", "the", "to", "up", "via", "vs", "yet",
];

impl Capitalization {
    pub fn compile(source: &RuleSource, file: &RuleFile) -> Result<Self, LoadError> {
        let Some(wanted) = &file.r#match else {
            return Err(source.error_at(&file.extends, "a `capitalization` rule needs `match`"));
        };
        let style = match wanted.value.as_str() {
            "$sentence" => Style::Sentence,
            "$title" => Style::Title,
            "$lower" => Style::Lower,
            "$upper" => Style::Upper,
            _ => {
                pattern::validate(source, wanted)?;
                Style::Pattern(regex(source, wanted, &wanted.value)?)
            }
        };
        let mut listed: Vec<&str> = Vec::new();
        if let Some(list) = &file.exceptions {
            for value in &list.value {
                pattern::validate(source, value)?;
                listed.push(&value.value);
            }
        }
        // The longest first, so that an alternation takes the longest.
        listed.sort_by_key(|e| std::cmp::Reverse(e.len()));
        let exceptions = (!listed.is_empty()).then(|| format!(r"\b(?:{})\b", listed.join("|")));
        let any_word = r"[\p{N}\p{L}*]+\S*";
        let words_pattern = match &exceptions {
            Some(e) => format!("{e}|{any_word}"),
            None => any_word.to_owned(),
        };
        let words = regex(source, wanted, &words_pattern)?;
        let exceptions = match exceptions {
            Some(e) => Some(regex(source, wanted, &e)?),
            None => None,
        };
        Ok(Capitalization {
            style,
            words,
            exceptions,
            indicators: file.indicators.clone().unwrap_or_default(),
            threshold: file.threshold.unwrap_or(0.8),
        })
    }

    fn is_exception(&self, word: &str) -> bool {
        self.exceptions.as_ref().is_some_and(|e| e.is_match(word))
    }

    /// Whether `text` has the case the rule asks for.
    fn passes(&self, text: &str) -> bool {
        match &self.style {
            Style::Lower => text == text.to_lowercase() || self.is_exception(text),
            Style::Upper => text == text.to_uppercase() || self.is_exception(text),
            Style::Pattern(regex) => regex.is_match(text) || self.is_exception(text),
            Style::Sentence => self.sentence_case(text),
            Style::Title => self.title_case(text),
        }
    }

    /// Sentence case: a first word (or one after an indicator) that is not
    /// capitalized fails the block at once; other words count when in
    /// lower case. Words without a letter (`8.`) are not counted.
    fn sentence_case(&self, text: &str) -> bool {
        let text = text.trim_end_matches(['?', '!', '.', ':']);
        let (mut right, mut counted) = (0usize, 0usize);
        let mut previous = "";
        for found in self.words.find_iter(text) {
            let token = found.as_str();
            let word = token.split(['-', '\'', '’']).next().unwrap_or(token);
            let after_indicator = self
                .indicators
                .iter()
                .any(|i| previous.ends_with(i.as_str()));
            previous = token;
            if !word.chars().any(char::is_alphabetic) {
                continue;
            }
            if self.is_exception(word) {
                right += 1;
            } else if counted == 0 || after_indicator {
                if word != capitalized(word) {
                    return false;
                }
                right += 1;
            } else if word == word.to_lowercase() {
                right += 1;
            }
            counted += 1;
        }
        counted == 0 || right as f64 / counted as f64 > self.threshold
    }

    /// Title case: each word as a title would write it, an all-capitals
    /// word or an exception.
    fn title_case(&self, text: &str) -> bool {
        let words: Vec<&str> = self.words.find_iter(text).map(|m| m.as_str()).collect();
        if words.is_empty() {
            return true;
        }
        let last = words.len() - 1;
        let right = words
            .iter()
            .enumerate()
            .filter(|(i, word)| {
                let bare = word.trim_end_matches(|c: char| !c.is_alphanumeric());
                let small = TITLE_SMALL_WORDS.contains(&bare.to_lowercase().as_str());
                let expected = if small && *i != 0 && *i != last {
                    word.to_lowercase()
                } else {
                    capitalized(word)
                };
                **word == expected || **word == word.to_uppercase() || self.is_exception(word)
            })
            .count();
        right as f64 / words.len() as f64 > self.threshold
    }
}

/// `word` with its first letter in upper case and the rest in lower case.
fn capitalized(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A Unicode regex built from the rule's own values, errors at `at`.
fn regex(source: &RuleSource, at: &super::file::Str, pattern: &str) -> Result<Regex, LoadError> {
    regex::RegexBuilder::new(pattern)
        .size_limit(8 * 1024 * 1024)
        .build()
        .map_err(|e| source.error_at(at, format!("regex does not compile: {e}")))
}

impl Checker for Capitalization {
    fn patterns(&self) -> Vec<String> {
        let mut all = vec![self.words.as_str().to_owned()];
        if let Style::Pattern(regex) = &self.style {
            all.insert(0, regex.as_str().to_owned());
        }
        all
    }

    fn check(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        for block in hay.blocks {
            let text = &hay.text[block.clone()];
            let trimmed = text.trim();
            if trimmed.is_empty() || self.passes(trimmed) {
                continue;
            }
            let start = block.start + (text.len() - text.trim_start().len());
            out.push(Finding::at(start..start + trimmed.len()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(yaml: &str) -> Capitalization {
        let file: RuleFile = serde_saphyr::from_str(yaml).unwrap();
        Capitalization::compile(&RuleSource::new("c.yml", yaml), &file).unwrap()
    }

    #[test]
    fn sentence_case_as_vale_reads_it() {
        let r = rule(
            "extends: capitalization\nmessage: m\nmatch: $sentence\nindicators: [':']\n\
             exceptions: [JSON, macOS]\n",
        );
        assert!(r.passes("Top-level entities"));
        assert!(r.passes("Find the thief: Introduction"));
        assert!(r.passes("8. Do step eight"));
        assert!(r.passes("Accepting a JSON response"));
        assert!(r.passes("Using macOS"));
        assert!(!r.passes("This is a Heading"));
        assert!(!r.passes("Test: modern documentation"));
        assert!(!r.passes("this starts low"));
    }

    #[test]
    fn title_lower_upper_and_patterns() {
        let title = rule("extends: capitalization\nmessage: m\nmatch: $title\n");
        assert!(title.passes("The Art of the Deal"));
        assert!(!title.passes("The art of the deal"));
        let lower = rule("extends: capitalization\nmessage: m\nmatch: $lower\n");
        assert!(lower.passes("all quiet"));
        assert!(!lower.passes("Not quiet"));
        let pattern = rule("extends: capitalization\nmessage: m\nmatch: '^[A-Z]'\n");
        assert!(pattern.passes("Starts high"));
        assert!(!pattern.passes("starts low"));
    }
}
