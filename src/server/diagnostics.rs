//! Linting one open document through the library's front door, and
//! replylint's findings as LSP diagnostics.
//!
//! [`check`] asks the [`Linter`] for the document's [`Job`] (its
//! configuration, plan and format: the extension first, the editor's
//! language id as the fallback) and runs [`Job::lint`] in
//! [`Mode::Repository`]: a file open in an editor is a canned response, so
//! suppression directives are honoured. A panic inside the linter is
//! caught and reported, never taken down with the server.
//!
//! Each finding becomes one LSP diagnostic: its range, a severity by level
//! (a suggestion is `Information`), the rule id as `code` with the rule's
//! link as `codeDescription`, `source: "replylint"`, the message followed
//! by the help line, and the `Unnecessary` tag on an unused suppression
//! (editors fade it out).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use lsp_types::{CodeDescription, DiagnosticSeverity, DiagnosticTag, NumberOrString, Range, Url};

use super::documents::Document;
use super::positions::{Encoding, LineMap};
use crate::diagnostic::{Diagnostic, Level};
use crate::lint::{Job, LintError, Linter};
use crate::rules::LoadError;
use crate::source::Format;
use crate::suppression::{self, Mode};

/// What linting one version of a document gave.
#[derive(Clone, Default)]
pub struct Checked {
    pub version: i32,
    /// The job it ran under (plan and format), when the plan loaded.
    pub job: Option<Job>,
    /// replylint's findings, in byte offsets of the document's text.
    pub diagnostics: Vec<Diagnostic>,
    /// Why (part of) the document could not be read, already converted:
    /// malformed JSON, a broken reply of a collection.
    pub problems: Vec<lsp_types::Diagnostic>,
    /// The configuration or rule-pack errors that stopped the check; they
    /// are shown on their own files.
    pub load_errors: Vec<LoadError>,
    /// Rule files that did not load: the document was checked without
    /// them; they are shown on their own files.
    pub rule_errors: Vec<LoadError>,
    /// A message for the client's log: a panic caught, a file with no replies.
    pub log: Option<String>,
}

impl Checked {
    /// The format the document was read as.
    pub fn format(&self) -> Option<Format> {
        self.job.as_ref().map(|j| j.format)
    }
}

/// Lints `document` as the file it is (or, untitled, as a file in `root`).
pub fn check(linter: &Linter, document: &Document, root: &Path) -> Checked {
    let mut checked = Checked {
        version: document.version,
        ..Checked::default()
    };
    if document.is_config() {
        // A configuration is no reply; its own errors are published on it.
        return checked;
    }
    let path = document.lint_path(root);
    let run = catch_unwind(AssertUnwindSafe(|| {
        let job = linter.job(&path, document.language_format())?;
        let linted = job.lint(&document.text, Mode::Repository);
        Ok::<_, LintError>((job, linted))
    }));
    let (job, linted) = match run {
        Ok(Ok(done)) => done,
        Ok(Err(LintError::Config(errors))) => {
            checked.load_errors = errors;
            return checked;
        }
        Ok(Err(LintError::Plan(error))) => {
            checked.load_errors = error.errors().cloned().collect();
            return checked;
        }
        Ok(Err(other)) => {
            checked.log = Some(format!("replylint: {}: {other}", document.uri));
            return checked;
        }
        Err(panic) => {
            checked.log = Some(format!(
                "replylint: linting {} panicked: {}; please report it",
                document.uri,
                panic_message(&panic)
            ));
            return checked;
        }
    };
    checked.rule_errors = job.plan.load_errors.clone();
    checked.job = Some(job);
    match linted {
        Ok(linted) => {
            checked.diagnostics = linted.report.diagnostics;
            for error in &linted.skipped {
                checked
                    .problems
                    .push(problem(error.span.clone(), &error.message));
            }
        }
        Err(LintError::Unreadable { error, .. }) => {
            checked
                .problems
                .push(problem(error.span.clone(), &error.message));
        }
        Err(LintError::NoReplies(_)) => {
            // Any JSON or YAML file may be open; one that holds no replies
            // is not replylint's business: nothing to show.
            checked.log = Some(format!(
                "replylint: {} holds no replies replylint knows; not checked",
                document.uri
            ));
        }
        Err(other) => checked.log = Some(format!("replylint: {}: {other}", document.uri)),
    }
    checked
}

/// A panic's message.
pub fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// An error about the document's own text (the range is converted later,
/// in [`published`], with the session's encoding: kept in bytes here as
/// the `data` field).
fn problem(span: Option<std::ops::Range<usize>>, message: &str) -> lsp_types::Diagnostic {
    let span = span.unwrap_or(0..0);
    lsp_types::Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("replylint".to_owned()),
        message: message.to_owned(),
        data: Some(serde_json::json!({ "bytes": [span.start, span.end] })),
        ..lsp_types::Diagnostic::default()
    }
}

/// Every diagnostic to publish for a checked document, in `encoding`.
pub fn published(
    checked: &Checked,
    document: &Document,
    encoding: Encoding,
) -> Vec<lsp_types::Diagnostic> {
    let mut out: Vec<lsp_types::Diagnostic> = checked
        .diagnostics
        .iter()
        .map(|d| to_lsp(d, document, encoding))
        .collect();
    for problem in &checked.problems {
        let mut problem = problem.clone();
        if let Some(bytes) = problem.data.take() {
            let start = bytes["bytes"][0].as_u64().unwrap_or(0) as usize;
            let end = bytes["bytes"][1].as_u64().unwrap_or(0) as usize;
            problem.range = document.lines.range(&document.text, start..end, encoding);
        }
        out.push(problem);
    }
    out
}

/// One finding as an LSP diagnostic.
pub fn to_lsp(d: &Diagnostic, document: &Document, encoding: Encoding) -> lsp_types::Diagnostic {
    let mut message = d.message.clone();
    if let Some(reply) = &d.reply {
        message = format!("{message} (in reply `{reply}`)");
    }
    if !d.help.is_empty() {
        message.push_str("\nhelp: ");
        message.push_str(&d.help);
    }
    lsp_types::Diagnostic {
        range: document
            .lines
            .range(&document.text, d.span.range(), encoding),
        severity: Some(severity(d.level)),
        code: Some(NumberOrString::String(d.rule.to_string())),
        code_description: d
            .link
            .as_deref()
            .and_then(|link| Url::parse(link).ok())
            .map(|href| CodeDescription { href }),
        source: Some("replylint".to_owned()),
        message,
        related_information: None,
        tags: (&*d.rule == suppression::UNUSED).then(|| vec![DiagnosticTag::UNNECESSARY]),
        data: Some(serde_json::json!({ "fixes": d.fixes.len() })),
    }
}

pub fn severity(level: Level) -> DiagnosticSeverity {
    match level {
        Level::Error => DiagnosticSeverity::ERROR,
        Level::Warning => DiagnosticSeverity::WARNING,
        Level::Suggestion => DiagnosticSeverity::INFORMATION,
    }
}

/// A configuration or rule-file error as a diagnostic on that file.
pub fn load_error(error: &LoadError, encoding: Encoding) -> lsp_types::Diagnostic {
    let range = match (&error.text, &error.span) {
        (Some(text), Some(span)) => LineMap::new(text).range(text, span.clone(), encoding),
        _ => Range::default(),
    };
    let mut message = error.message.clone();
    if let Some(label) = &error.label {
        message = format!("{message}: {label}");
    }
    if let Some(help) = &error.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lsp_types::Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("replylint".to_owned()),
        message,
        ..lsp_types::Diagnostic::default()
    }
}
