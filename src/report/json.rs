//! `json`: one document `{"version": 1, "diagnostics": [...], "summary": {...}}`.
//!
//! Lines and columns are 1-based; columns count Unicode scalar values;
//! `end_column` is the column just past the last flagged character;
//! `byte_start`/`byte_end` index the source file. `reply` names the reply
//! of a collection (a macro of an export) the diagnostic is in, `null` for
//! a file that is one reply.

use serde::Serialize;

use super::json_stream::{split, ArrayStream};
use super::{FileReport, Summary};

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: JsonSummary,
}

/// One diagnostic as `json` lists it and `json-lines` prints it.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    path: &'a str,
    reply: Option<&'a str>,
    rule: &'a str,
    level: &'static str,
    message: &'a str,
    help: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    matched: &'a str,
    fixes: Vec<JsonFix<'a>>,
    /// `safe` (applied by `--fix`) or `unsafe` (by `--fix --unsafe-fixes`);
    /// null without fixes.
    applicability: Option<&'static str>,
    link: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    byte_start: usize,
    byte_end: usize,
    replacement: &'a str,
}

/// A run's counts, as `json` ends with them.
#[derive(Serialize)]
pub struct JsonSummary {
    errors: usize,
    warnings: usize,
    suggestions: usize,
    files_checked: usize,
    files_with_findings: usize,
}

impl From<&Summary> for JsonSummary {
    fn from(summary: &Summary) -> JsonSummary {
        JsonSummary {
            errors: summary.errors,
            warnings: summary.warnings,
            suggestions: summary.suggestions,
            files_checked: summary.files_checked,
            files_with_findings: summary.files_with_findings,
        }
    }
}

/// Every diagnostic of `files`, in order.
pub fn diagnostics(files: &[FileReport]) -> Vec<JsonDiagnostic<'_>> {
    let mut diagnostics = Vec::new();
    for file in files {
        let offsets = file.encoding.offsets(&file.text);
        for (d, start, end) in file.located() {
            diagnostics.push(JsonDiagnostic {
                path: &file.name,
                reply: d.reply.as_deref(),
                rule: &d.rule,
                level: d.level.as_str(),
                message: &d.message,
                help: &d.help,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                byte_start: offsets.at(d.span.start()),
                byte_end: offsets.at(d.span.end()),
                matched: d.matched(&file.text),
                fixes: d
                    .fixes
                    .iter()
                    .map(|f| JsonFix {
                        byte_start: offsets.at(f.span.start()),
                        byte_end: offsets.at(f.span.end()),
                        replacement: &f.replacement,
                    })
                    .collect(),
                applicability: (!d.fixes.is_empty()).then(|| d.applicability.as_str()),
                link: d.link.as_deref(),
            });
        }
    }
    diagnostics
}

/// The `json` document of `files`.
pub fn render(files: &[FileReport], summary: &Summary) -> String {
    let (mut report, mut out) = JsonReport::start();
    for file in files {
        out.push_str(&report.file(file));
    }
    out.push_str(&report.end(summary));
    out
}

/// The `json` document written as files are checked (see
/// [`super::json_stream`]): memory holds one file's diagnostics at a time.
pub struct JsonReport {
    stream: ArrayStream,
}

impl JsonReport {
    /// The report and its first text, up to the diagnostics.
    pub fn start() -> (JsonReport, String) {
        let (head, _) = split(&document(&Summary::default()), "diagnostics");
        (
            JsonReport {
                stream: ArrayStream::new(&head),
            },
            head,
        )
    }

    /// The text of one file's diagnostics.
    pub fn file(&mut self, file: &FileReport) -> String {
        self.stream.items(diagnostics(std::slice::from_ref(file)))
    }

    /// The text that ends the document, with the run's `summary`.
    pub fn end(&self, summary: &Summary) -> String {
        let (_, tail) = split(&document(summary), "diagnostics");
        let mut out = self.stream.close(&tail);
        out.push('\n');
        out
    }
}

/// The document without diagnostics.
fn document(summary: &Summary) -> String {
    let document = Document {
        version: 1,
        diagnostics: Vec::new(),
        summary: JsonSummary::from(summary),
    };
    serde_json::to_string_pretty(&document).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
