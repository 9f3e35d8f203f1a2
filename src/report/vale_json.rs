//! `vale-json`: the JSON Vale prints with `--output=JSON`, so that scripts
//! and editor plugins written for Vale read replylint's findings: one
//! object keyed by file path (files without findings left out), each an
//! array of alerts with Vale's fields (`Action`, `Span` as the first and
//! last column on the line, `Check`, `Description`, `Link`, `Message`,
//! `Severity`, `Match`, `Line`), indented as Vale indents it. Printed file
//! by file, like every format on the terminal.

use serde::Serialize;

use super::concise::one_line;
use super::FileReport;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Alert<'a> {
    action: Action<'a>,
    span: [usize; 2],
    check: &'a str,
    description: &'a str,
    link: &'a str,
    message: String,
    severity: &'static str,
    #[serde(rename = "Match")]
    matched: &'a str,
    line: usize,
}

/// What fixes the alert: Vale's `replace` with the replacements, or
/// nothing.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Action<'a> {
    name: &'static str,
    params: Option<Vec<&'a str>>,
}

/// The document written file by file.
#[derive(Default)]
pub struct ValeJsonReport {
    any: bool,
}

/// The `vale-json` document of `files`.
pub fn render(files: &[FileReport]) -> String {
    let mut report = ValeJsonReport::default();
    let mut out: String = files.iter().map(|f| report.file(f)).collect();
    out.push_str(&report.end());
    out
}

impl ValeJsonReport {
    /// The text of one file's alerts (nothing when it has none).
    pub fn file(&mut self, file: &FileReport) -> String {
        let located = file.located();
        if located.is_empty() {
            return String::new();
        }
        let alerts: Vec<Alert> = located
            .iter()
            .map(|(d, start, end)| {
                let matched = d.matched(&file.text);
                let last = if end.line == start.line {
                    end.column.saturating_sub(1).max(start.column)
                } else {
                    let first_line = matched.split('\n').next().unwrap_or("");
                    start.column + first_line.chars().count().saturating_sub(1)
                };
                Alert {
                    action: Action {
                        name: if d.fixes.is_empty() { "" } else { "replace" },
                        params: (!d.fixes.is_empty())
                            .then(|| d.fixes.iter().map(|f| f.replacement.as_str()).collect()),
                    },
                    span: [start.column, last],
                    check: &d.rule,
                    description: "",
                    link: d.link.as_deref().unwrap_or(""),
                    message: one_line(&d.message).into_owned(),
                    severity: d.level.as_str(),
                    matched,
                    line: start.line,
                }
            })
            .collect();
        let array = serde_json::to_string_pretty(&alerts).unwrap_or_else(|_| "[]".to_owned());
        let key = serde_json::to_string(&file.name).unwrap_or_default();
        let mut out = String::from(if self.any { ",\n" } else { "{\n" });
        self.any = true;
        out.push_str(&format!("  {key}: "));
        out.push_str(&array.replace('\n', "\n  "));
        out
    }

    /// The text that ends the document.
    pub fn end(&self) -> String {
        if self.any { "\n}\n" } else { "{}\n" }.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::{Diagnostic, Fix, Level, Span};

    #[test]
    fn alerts_are_keyed_by_file_with_vale_fields() {
        let text = "It is very good.\n".to_owned();
        let span = Span::within(&text, 6..10);
        let report = FileReport {
            name: "a.md".to_owned(),
            diagnostics: vec![Diagnostic {
                rule: Arc::from("T.Weasel"),
                level: Level::Warning,
                message: "Drop\n'very'.".to_owned(),
                help: Arc::from(""),
                link: None,
                span,
                fixes: vec![Fix {
                    span,
                    replacement: String::new(),
                }],
                applicability: Default::default(),
                reply: None,
            }],
            text,
            ..Default::default()
        };
        let json = render(&[report]);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let alert = &value["a.md"][0];
        assert_eq!(alert["Span"], serde_json::json!([7, 10]));
        assert_eq!(alert["Check"], "T.Weasel");
        assert_eq!(alert["Message"], "Drop 'very'.");
        assert_eq!(alert["Severity"], "warning");
        assert_eq!(alert["Match"], "very");
        assert_eq!(alert["Line"], 1);
        assert_eq!(
            alert["Action"],
            serde_json::json!({"Name": "replace", "Params": [""]})
        );
        assert!(
            json.starts_with("{\n  \"a.md\": [\n    {\n      \"Action\""),
            "{json}"
        );
        assert_eq!(render(&[]), "{}\n");
    }
}
