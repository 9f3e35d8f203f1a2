//! Reports: a run's diagnostics rendered for people, editors and programs.
//!
//! One file per output format (`full`, `concise`, `json`, `json_lines`,
//! `github`, `sarif`), the windowed source excerpts of `full` (`excerpt`), the per-rule counts of `--statistics`
//! (`statistics`), and the rendering of problems that are not findings
//! (`problems`: unreadable files, broken rule files). Rendering returns
//! strings; the CLI prints.

pub mod audit;
pub mod audit_html;
pub mod concise;
pub mod excerpt;
pub mod full;
pub mod github;
pub mod json;
pub mod json_lines;
pub mod json_stream;
pub mod line;
pub mod problems;
pub mod records;
pub mod sarif;
pub mod statistics;
pub mod vale_json;

use crate::diagnostic::{Diagnostic, Level};
use crate::position::{LineCol, LineIndex};
use crate::rules::Rule;

/// What a report says about a rule apart from its findings: SARIF lists
/// every rule that was run, with its description and help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleMeta<'a> {
    pub id: &'a str,
    pub level: Level,
    pub description: &'a str,
    pub help: &'a str,
    pub link: Option<&'a str>,
}

impl From<&'static crate::suppression::MetaRule> for RuleMeta<'static> {
    fn from(rule: &'static crate::suppression::MetaRule) -> Self {
        RuleMeta {
            id: rule.id,
            level: rule.level,
            description: rule.description,
            help: rule.help,
            link: None,
        }
    }
}

impl<'a> From<&'a Rule> for RuleMeta<'a> {
    fn from(rule: &'a Rule) -> Self {
        RuleMeta {
            id: &rule.id,
            level: rule.level,
            description: &rule.description,
            help: &rule.help,
            link: rule.link.as_deref(),
        }
    }
}

/// The findings of one checked source.
#[derive(Debug, Default)]
pub struct FileReport {
    /// The name shown in output.
    pub name: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// How the file encodes `text`: byte offsets in output are the file's.
    pub encoding: crate::source::Encoding,
}

impl FileReport {
    /// Each diagnostic with its start and end positions.
    pub fn located(&self) -> Vec<(&Diagnostic, LineCol, LineCol)> {
        if self.diagnostics.is_empty() {
            return Vec::new();
        }
        let index = LineIndex::new(&self.text);
        self.diagnostics
            .iter()
            .map(|d| {
                let start = index.line_col(&self.text, d.span.start());
                let end = index.line_col(&self.text, d.span.end());
                (d, start, end)
            })
            .collect()
    }
}

/// Counts of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub suggestions: usize,
    pub files_checked: usize,
    pub files_with_findings: usize,
}

impl Summary {
    pub fn of(files: &[FileReport]) -> Summary {
        let mut summary = Summary::default();
        for file in files {
            summary.add(file);
        }
        summary
    }

    /// Counts one more checked file.
    pub fn add(&mut self, file: &FileReport) {
        self.files_checked += 1;
        if !file.diagnostics.is_empty() {
            self.files_with_findings += 1;
        }
        for d in &file.diagnostics {
            match d.level {
                Level::Error => self.errors += 1,
                Level::Warning => self.warnings += 1,
                Level::Suggestion => self.suggestions += 1,
            }
        }
    }

    /// "Found 1 error, 2 warnings and 3 suggestions in 2 of 5 files checked."
    pub fn line(&self) -> String {
        let files = plural(self.files_checked, "file");
        if self.errors + self.warnings + self.suggestions == 0 {
            return format!("No findings in {files} checked.");
        }
        let counts: Vec<String> = [
            (self.errors, "error"),
            (self.warnings, "warning"),
            (self.suggestions, "suggestion"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| plural(*n, word))
        .collect();
        let counts = match counts.as_slice() {
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
            [] => String::new(),
        };
        format!(
            "Found {counts} in {} of {files} checked.",
            self.files_with_findings
        )
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_lines_read_naturally() {
        let mut s = Summary {
            files_checked: 1,
            ..Summary::default()
        };
        assert_eq!(s.line(), "No findings in 1 file checked.");
        s.errors = 1;
        s.warnings = 2;
        s.files_with_findings = 1;
        assert_eq!(
            s.line(),
            "Found 1 error and 2 warnings in 1 of 1 file checked."
        );
        s.suggestions = 3;
        s.files_checked = 5;
        assert_eq!(
            s.line(),
            "Found 1 error, 2 warnings and 3 suggestions in 1 of 5 files checked."
        );
    }
}
