//! `--statistics`: how often each rule fired, instead of each finding (as
//! ruff does). One row per rule and level, most frequent first, then by
//! rule id; a table for people, or JSON with `--output-format json`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::{FileReport, Summary};
use crate::diagnostic::Level;

/// How often one rule fired at one level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub count: usize,
    pub rule: String,
    pub level: Level,
    /// Whether the findings come with a replacement: `yes` (all), `some`,
    /// or `no`.
    pub fixable: &'static str,
}

/// The counts of every rule that fired, most frequent first.
pub fn counts(files: &[FileReport]) -> Vec<RuleCount> {
    // (rule, level) → (findings, findings with a fix)
    let mut by_rule: BTreeMap<(&str, Level), (usize, usize)> = BTreeMap::new();
    for d in files.iter().flat_map(|f| &f.diagnostics) {
        let entry = by_rule.entry((&d.rule, d.level)).or_default();
        entry.0 += 1;
        entry.1 += usize::from(!d.fixes.is_empty());
    }
    let mut rows: Vec<RuleCount> = by_rule
        .into_iter()
        .map(|((rule, level), (count, fixed))| RuleCount {
            count,
            rule: rule.to_owned(),
            level,
            fixable: match fixed {
                0 => "no",
                n if n == count => "yes",
                _ => "some",
            },
        })
        .collect();
    rows.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| b.level.cmp(&a.level))
    });
    rows
}

/// The table, then the summary line.
pub fn render_text(files: &[FileReport], summary: &Summary) -> String {
    let rows = counts(files);
    let mut out = String::new();
    if !rows.is_empty() {
        let header = ("count", "rule", "level", "fixable");
        let count_width = rows
            .iter()
            .map(|r| r.count.to_string().len())
            .chain([header.0.len()])
            .max()
            .unwrap_or(0);
        let rule_width = rows
            .iter()
            .map(|r| r.rule.chars().count())
            .chain([header.1.len()])
            .max()
            .unwrap_or(0);
        let level_width = "suggestion".len();
        let _ = writeln!(
            out,
            "{:>count_width$}  {:<rule_width$}  {:<level_width$}  {}",
            header.0, header.1, header.2, header.3
        );
        for r in &rows {
            let _ = writeln!(
                out,
                "{:>count_width$}  {:<rule_width$}  {:<level_width$}  {}",
                r.count,
                r.rule,
                r.level.as_str(),
                r.fixable
            );
        }
        out.push('\n');
    }
    out.push_str(&summary.line());
    out.push('\n');
    out
}

/// `[{"count": 3, "rule": "…", "level": "…", "fixable": "yes"}, …]`.
pub fn render_json(files: &[FileReport]) -> String {
    let mut out = serde_json::to_string_pretty(&counts(files))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::{Diagnostic, Fix, Span};

    fn finding(rule: &str, level: Level, fixed: bool) -> Diagnostic {
        let span = Span::within("ab", 0..1);
        Diagnostic {
            rule: Arc::from(rule),
            level,
            message: String::new(),
            help: Arc::from(""),
            link: None,
            span,
            fixes: if fixed {
                vec![Fix {
                    span,
                    replacement: "x".to_owned(),
                }]
            } else {
                Vec::new()
            },
            applicability: Default::default(),
            reply: None,
        }
    }

    fn files() -> Vec<FileReport> {
        let file = |diagnostics| FileReport {
            name: "a.txt".to_owned(),
            text: "ab".to_owned(),
            diagnostics,
            ..Default::default()
        };
        vec![
            file(vec![
                finding("tone/shouting", Level::Warning, false),
                finding("clarity/jargon", Level::Suggestion, true),
                finding("tone/blame", Level::Error, false),
            ]),
            file(vec![
                finding("clarity/jargon", Level::Suggestion, false),
                finding("tone/blame", Level::Error, false),
                finding("clarity/long-name-for-width", Level::Suggestion, true),
            ]),
        ]
    }

    #[test]
    fn most_frequent_first_then_by_id() {
        let rows = counts(&files());
        let order: Vec<(&str, usize, &str)> = rows
            .iter()
            .map(|r| (r.rule.as_str(), r.count, r.fixable))
            .collect();
        assert_eq!(
            order,
            [
                ("clarity/jargon", 2, "some"),
                ("tone/blame", 2, "no"),
                ("clarity/long-name-for-width", 1, "yes"),
                ("tone/shouting", 1, "no"),
            ]
        );
    }

    #[test]
    fn the_table_is_aligned_and_ends_with_the_summary() {
        let files = files();
        let text = render_text(&files, &Summary::of(&files));
        let expected = "\
count  rule                         level       fixable
    2  clarity/jargon               suggestion  some
    2  tone/blame                   error       no
    1  clarity/long-name-for-width  suggestion  yes
    1  tone/shouting                warning     no

Found 2 errors, 1 warning and 3 suggestions in 2 of 2 files checked.
";
        assert_eq!(text, expected);
    }

    #[test]
    fn no_findings_print_only_the_summary() {
        let text = render_text(&[], &Summary::default());
        assert_eq!(text, "No findings in 0 files checked.\n");
    }

    #[test]
    fn json_lists_the_same_rows() {
        let value: serde_json::Value = serde_json::from_str(&render_json(&files())).unwrap();
        assert_eq!(value[0]["rule"], "clarity/jargon");
        assert_eq!(value[0]["count"], 2);
        assert_eq!(value[0]["level"], "suggestion");
        assert_eq!(value[3]["fixable"], "no");
    }
}
