//! What the settings say about one file or one rule: whether a file is
//! excluded, which rules are ignored in it, which format it is read as;
//! whether a rule is selected and at which level.
//!
//! Rule selectors are ids or prefixes as for `--select` (`tone/flat-no`,
//! `tone/`, `tone`). When several match a rule, the most specific (longest)
//! one decides; at equal length `ignore` beats `select`.

use std::path::Path;

use super::{paths, Config, Settings};
use crate::container::CollectionSpec;
use crate::diagnostic::Level;
use crate::rules::select::matches;
use crate::source::Format;

impl Config {
    /// `path` relative to the configuration's directory, or `None` when the
    /// file is not under it (then no glob matches it).
    pub fn relative_path(&self, path: &Path) -> Option<std::path::PathBuf> {
        paths::relative_to(&self.dir, path).filter(|r| !r.as_os_str().is_empty())
    }

    /// Whether `exclude` keeps the file at `path` from being checked (a glob
    /// matching one of its directories excludes it too).
    pub fn is_excluded(&self, path: &Path) -> bool {
        let Some(relative) = self.relative_path(path) else {
            return false;
        };
        self.resolved
            .exclude
            .iter()
            .any(|glob| glob.matches_file_or_parent(&relative))
    }

    /// Whether `include` names the file at `path` as a reply to check, or
    /// `None` when the configuration has no `include`.
    pub fn includes(&self, path: &Path) -> Option<bool> {
        if self.resolved.include.is_empty() {
            return None;
        }
        let Some(relative) = self.relative_path(path) else {
            return Some(false);
        };
        Some(
            self.resolved
                .include
                .iter()
                .any(|glob| glob.matches_file_or_parent(&relative)),
        )
    }

    /// Whether any of its globs (`exclude`, `include`, `per-file-ignores`,
    /// `formats`) could match a file.
    pub fn has_globs(&self) -> bool {
        let r = &self.resolved;
        !(r.exclude.is_empty()
            && r.include.is_empty()
            && r.per_file_ignores.is_empty()
            && r.formats.is_empty())
    }

    /// The level a Vale configuration's sections set for each rule in the
    /// file at `path` (the last pair of a rule wins).
    pub fn levels_for(&self, path: &Path) -> Vec<(String, crate::diagnostic::Level)> {
        match (&self.vale, self.relative_path(path)) {
            (Some(vale), Some(relative)) => vale.levels_for(&relative),
            _ => Vec::new(),
        }
    }

    /// The patterns whose matches no rule sees in the file at `path` (a
    /// Vale configuration's `TokenIgnores` and `BlockIgnores`).
    pub fn ignores_for(&self, path: &Path) -> Vec<&regex::Regex> {
        match (&self.vale, self.relative_path(path)) {
            (Some(vale), Some(relative)) => vale.ignores_for(&relative),
            _ => Vec::new(),
        }
    }

    /// The rule ids and prefixes `per-file-ignores` turns off for the file
    /// at `path` (a glob matching one of its directories applies too).
    pub fn ignored_for(&self, path: &Path) -> Vec<String> {
        let Some(relative) = self.relative_path(path) else {
            return Vec::new();
        };
        let mut ignored: Vec<String> = Vec::new();
        if let Some(vale) = &self.vale {
            ignored = vale.off_for(&relative);
        }
        for (glob, ids) in &self.resolved.per_file_ignores {
            if glob.matches_file_or_parent(&relative) {
                for id in ids {
                    if !ignored.contains(id) {
                        ignored.push(id.clone());
                    }
                }
            }
        }
        ignored
    }

    /// Whether rule `rule_id` is checked in the file at `path`: selected by
    /// the settings and not ignored for the file.
    pub fn checks_rule_in(&self, rule_id: &str, path: &Path) -> bool {
        self.settings().selects(rule_id)
            && !self
                .ignored_for(path)
                .iter()
                .any(|selector| matches(selector, rule_id))
    }

    /// The format of the file at `path` from the first `formats` entry whose
    /// glob matches it, with the collection spec it gives; `None` when no
    /// entry matches (the extension decides).
    pub fn format_for(&self, path: &Path) -> Option<(Format, Option<CollectionSpec>)> {
        let relative = self.relative_path(path)?;
        self.resolved
            .formats
            .iter()
            .find(|(glob, _)| glob.matches_file(&relative))
            .map(|(_, setting)| (setting.format, setting.collection.clone()))
    }
}

impl Settings {
    /// Whether rule `rule_id` is selected: the most specific of `select`,
    /// `extend-select` and `ignore` that matches decides (`ignore` on a
    /// tie); with none matching, a rule is selected when `select` is empty.
    /// A `level: off` entry that is more specific than any `level` entry
    /// matching the rule turns it off.
    pub fn selects(&self, rule_id: &str) -> bool {
        let on = most_specific(self.select.iter().chain(&self.extend_select), rule_id);
        let off = most_specific(self.ignore.iter(), rule_id);
        let selected = match (on, off) {
            (None, None) => self.select.is_empty(),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(on), Some(off)) => on > off,
        };
        selected && self.level_setting(rule_id) != Some(None)
    }

    /// The level `level:` gives rule `rule_id` (the most specific entry),
    /// or `None` when it gives none or turns the rule off.
    pub fn level_for(&self, rule_id: &str) -> Option<Level> {
        self.level_setting(rule_id).flatten()
    }

    /// The most specific `level` entry for a rule: `Some(None)` for `off`.
    fn level_setting(&self, rule_id: &str) -> Option<Option<Level>> {
        let set = self
            .levels
            .iter()
            .filter(|(selector, _)| matches(selector, rule_id))
            .max_by_key(|(selector, _)| specificity(selector));
        let off = most_specific(self.off.iter(), rule_id);
        match (set, off) {
            (None, None) => None,
            (Some((_, level)), None) => Some(Some(*level)),
            (None, Some(_)) => Some(None),
            (Some((selector, level)), Some(off)) => {
                Some((specificity(selector) > off).then_some(*level))
            }
        }
    }
}

/// The length of the longest selector that matches `rule_id`.
fn most_specific<'a>(selectors: impl Iterator<Item = &'a String>, rule_id: &str) -> Option<usize> {
    selectors
        .filter(|selector| matches(selector, rule_id))
        .map(|selector| specificity(selector))
        .max()
}

/// How specific a selector is: `tone/` and `tone` are equally specific.
fn specificity(selector: &str) -> usize {
    selector.trim_end_matches('/').len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings {
            select: vec!["tone/".into(), "time".into()],
            ignore: vec!["tone/blame".into(), "time/".into()],
            extend_select: vec!["time/vague".into()],
            levels: vec![
                ("tone/".into(), Level::Error),
                ("tone/hedge".into(), Level::Suggestion),
            ],
            off: vec!["tone/flat-no".into()],
            ..Settings::default()
        }
    }

    #[test]
    fn the_most_specific_selector_decides() {
        let s = settings();
        assert!(s.selects("tone/hedge"));
        assert!(!s.selects("tone/blame"), "an id beats its prefix");
        assert!(!s.selects("time/soon"), "ignore wins a tie");
        assert!(
            s.selects("time/vague"),
            "extend-select by id beats an ignored prefix"
        );
        assert!(
            !s.selects("grammar/x"),
            "select is given and does not match"
        );
        assert!(
            Settings::default().selects("grammar/x"),
            "no select: everything"
        );
    }

    #[test]
    fn levels_use_the_most_specific_entry_and_off_turns_rules_off() {
        let s = settings();
        assert_eq!(s.level_for("tone/hedge"), Some(Level::Suggestion));
        assert_eq!(s.level_for("tone/other"), Some(Level::Error));
        assert_eq!(s.level_for("tone/flat-no"), None);
        assert!(
            !s.selects("tone/flat-no"),
            "off is more specific than tone/"
        );
        assert_eq!(s.level_for("grammar/x"), None);
        let s = Settings {
            levels: vec![("tone/flat-no".into(), Level::Warning)],
            off: vec!["tone/".into()],
            ..Settings::default()
        };
        assert!(
            s.selects("tone/flat-no"),
            "a level by id beats off by prefix"
        );
        assert_eq!(s.level_for("tone/flat-no"), Some(Level::Warning));
        assert!(!s.selects("tone/blame"));
    }
}
