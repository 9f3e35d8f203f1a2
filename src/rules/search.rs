//! A compiled rule regex: the regex crate's engines (linear time, the only
//! ones the default pack and replylint packs use), or, for a Vale style's
//! pattern with look-around, which those engines do not have,
//! fancy-regex's backtracking behind a step limit.

use std::ops::Range;

use regex_automata::meta;

/// Backtracking steps one search may take before it gives up on a block.
const BACKTRACK_LIMIT: usize = 1_000_000;

#[derive(Debug)]
pub enum Search {
    /// The regex crate's own engine (regex-automata's meta regex, which
    /// `regex::Regex` wraps), used directly so that building it can skip
    /// the literal analysis a large pattern gains nothing from (see
    /// `pattern::build_search`); with the pattern it was built from.
    Fast(Box<meta::Regex>, String),
    Backtracking(Box<fancy_regex::Regex>),
}

impl Search {
    /// The pattern as compiled, flags included.
    pub fn as_str(&self) -> &str {
        match self {
            Search::Fast(_, pattern) => pattern,
            Search::Backtracking(regex) => regex.as_str(),
        }
    }

    /// The number of groups, the whole match included.
    pub fn captures_len(&self) -> usize {
        match self {
            Search::Fast(regex, _) => regex.captures_len(),
            Search::Backtracking(regex) => regex.captures_len(),
        }
    }

    /// The span of the first match in `text` (a backtracking search at its
    /// step limit has none).
    pub fn find(&self, text: &str) -> Option<Range<usize>> {
        match self {
            Search::Fast(regex, _) => regex.find(text).map(|m| m.range()),
            Search::Backtracking(regex) => {
                regex.find(text).ok().flatten().map(|m| m.start()..m.end())
            }
        }
    }

    /// Whether `text` has a match (a backtracking search at its step limit
    /// has none).
    pub fn is_match(&self, text: &str) -> bool {
        match self {
            Search::Fast(regex, _) => regex.is_match(text),
            Search::Backtracking(regex) => regex.is_match(text).unwrap_or(false),
        }
    }

    /// Calls `found` with the span of each match in `text`. A backtracking
    /// search that reaches its step limit stops there.
    pub fn each_match(&self, text: &str, mut found: impl FnMut(Range<usize>)) {
        match self {
            Search::Fast(regex, _) => regex.find_iter(text).for_each(|m| found(m.range())),
            Search::Backtracking(regex) => {
                for m in regex.find_iter(text) {
                    let Ok(m) = m else { break };
                    found(m.start()..m.end());
                }
            }
        }
    }

    /// Calls `found` with each match in `text` as the spans of its groups
    /// (0: the whole match; `None`: a group that took no part).
    pub fn each_captures(&self, text: &str, mut found: impl FnMut(&[Option<Range<usize>>])) {
        let mut groups = Vec::with_capacity(self.captures_len());
        match self {
            Search::Fast(regex, _) => {
                for caps in regex.captures_iter(text) {
                    groups.clear();
                    groups.extend(
                        (0..caps.group_len()).map(|i| caps.get_group(i).map(|s| s.range())),
                    );
                    found(&groups);
                }
            }
            Search::Backtracking(regex) => {
                for caps in regex.captures_iter(text) {
                    let Ok(caps) = caps else { break };
                    groups.clear();
                    groups.extend((0..caps.len()).map(|i| caps.get(i).map(|m| m.start()..m.end())));
                    found(&groups);
                }
            }
        }
    }
}

/// Whether `pattern` has look-ahead or look-behind.
pub fn has_look_around(pattern: &str) -> bool {
    ["(?=", "(?!", "(?<=", "(?<!"]
        .iter()
        .any(|op| pattern.contains(op))
}

/// Compiles `pattern` for backtracking: multi-line, case-insensitive when
/// asked, with the step limit.
pub fn backtracking(pattern: &str, ignorecase: bool) -> Result<Search, fancy_regex::Error> {
    let flags = if ignorecase { "(?im)" } else { "(?m)" };
    // Its parser has no `(?-u:…)`: word boundaries are Unicode's here.
    let pattern = pattern.replace(super::pattern::WORD_BOUNDARY, r"\b");
    fancy_regex::RegexBuilder::new(&format!("{flags}{pattern}"))
        .backtrack_limit(BACKTRACK_LIMIT)
        .delegate_size_limit(32 * 1024 * 1024)
        .build()
        .map(|regex| Search::Backtracking(Box::new(regex)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_around_runs_on_the_backtracking_engine() {
        assert!(has_look_around(r"it is(?!\.)"));
        assert!(!has_look_around(r"it is(?:\.)"));
        let search = backtracking(r"\bit is(?!\.)", true).unwrap();
        let mut found = Vec::new();
        search.each_match("It is. it is here", |m| found.push(m));
        assert_eq!(found, vec![(7..12)]);
        let mut groups = Vec::new();
        let search = backtracking(r"(?<=\s)-(\d+)", false).unwrap();
        search.each_captures("a -12 b-3", |g| groups.push(g[1].clone()));
        assert_eq!(groups, [Some(3..5)]);
    }

    #[test]
    fn a_runaway_pattern_stops_at_the_limit() {
        let search = backtracking(r"(a+)+(?=b)", false).unwrap();
        let mut found = 0;
        search.each_match(&"a".repeat(40), |_| found += 1);
        assert_eq!(found, 0);
    }
}
