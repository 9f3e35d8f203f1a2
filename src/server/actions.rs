//! Code actions on replylint's findings, as workspace edits in the
//! negotiated encoding:
//!
//! - one quick fix per fix of each finding in the requested range (the
//!   first is preferred: it is the rule author's recommendation);
//! - "fix all": every finding of the document that has exactly one fix,
//!   leaving out a fix that overlaps one already taken;
//! - "disable for this line": a `<!-- replylint-disable-next-line RULE --
//!   REASON -->` line above the finding, where the format has comments the
//!   suppression stage honours (Markdown and HTML; plain text has none, and
//!   a JSON or YAML collection's replies are suppressed by their
//!   `replylint:` key, not offered here).

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Url, WorkspaceEdit,
};

use super::diagnostics::{to_lsp, Checked};
use super::documents::Document;
use super::positions::Encoding;
use crate::diagnostic::{Diagnostic, Fix};
use crate::source::Format;

/// The kind of the "fix all" action (clients ask for `source.fixAll`).
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.replylint")
}

/// The reason a "disable" action writes, for the author to replace.
pub const REASON: &str = "REASON: say why this reply needs it";

/// The actions for `range` of `document`, linted as `checked`. `only`:
/// the kinds the client asked for (empty: all).
pub fn actions(
    document: &Document,
    checked: &Checked,
    range: Range,
    only: &[CodeActionKind],
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let wanted = |kind: &CodeActionKind| {
        only.is_empty()
            || only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind
                        .as_str()
                        .strip_prefix(o.as_str())
                        .is_some_and(|rest| rest.starts_with('.'))
            })
    };
    let bytes = document.lines.byte_range(&document.text, range, encoding);
    let in_range: Vec<&Diagnostic> = checked
        .diagnostics
        .iter()
        .filter(|d| {
            let span = d.span.range();
            span.start <= bytes.end && bytes.start <= span.end
        })
        .collect();
    let mut out = Vec::new();
    if wanted(&CodeActionKind::QUICKFIX) {
        for d in &in_range {
            let lsp = to_lsp(d, document, encoding);
            let several = d.fixes.len() > 1;
            for (i, fix) in d.fixes.iter().enumerate() {
                let mut title = fix_title(document, fix);
                if several && i == 0 {
                    title.push_str(" (the rule's recommendation)");
                } else if !several && d.fix_to_apply(false).is_none() {
                    title.push_str(" (a guess: check it)");
                }
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp.clone()]),
                    edit: Some(edit(document, [fix], encoding)),
                    is_preferred: Some(i == 0),
                    ..CodeAction::default()
                }));
            }
        }
        if comments_allowed(checked.format()) {
            let mut offered = Vec::new();
            for d in &in_range {
                if d.rule.starts_with("meta/") {
                    continue;
                }
                let line = document.lines.line_of(d.span.start());
                if offered.contains(&(line, d.rule.clone())) {
                    continue;
                }
                offered.push((line, d.rule.clone()));
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Disable {} for this line", d.rule),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![to_lsp(d, document, encoding)]),
                    edit: Some(edit(
                        document,
                        [&disable_line(document, line, &d.rule)],
                        encoding,
                    )),
                    is_preferred: Some(false),
                    ..CodeAction::default()
                }));
            }
        }
    }
    let kind = fix_all_kind();
    if wanted(&kind) {
        let fixes = fix_all(&checked.diagnostics);
        if !fixes.is_empty() {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!(
                    "Fix all replylint findings with a safe fix ({})",
                    fixes.len()
                ),
                kind: Some(kind),
                edit: Some(edit(document, fixes, encoding)),
                ..CodeAction::default()
            }));
        }
    }
    out
}

/// "Replace 'reboot' with 'restart'", or "Delete 'x'".
fn fix_title(document: &Document, fix: &Fix) -> String {
    let old = &document.text[fix.span.range()];
    let old = if old.chars().count() > 40 {
        format!("{}…", old.chars().take(40).collect::<String>())
    } else {
        old.to_owned()
    };
    match fix.replacement.is_empty() {
        true if old.trim().is_empty() || old.contains("replylint-") => {
            "Remove the suppression".to_owned()
        }
        true => format!("Delete '{}'", old.trim_end()),
        false => format!("Replace '{old}' with '{}'", fix.replacement),
    }
}

/// The safe fixes of every finding (the ones `check --fix` applies), in
/// order, without overlaps (the earlier finding wins).
pub fn fix_all(diagnostics: &[Diagnostic]) -> Vec<&Fix> {
    let mut fixes: Vec<&Fix> = diagnostics
        .iter()
        .filter_map(|d| d.fix_to_apply(false))
        .collect();
    fixes.sort_by_key(|f| (f.span.start(), f.span.end()));
    let mut kept: Vec<&Fix> = Vec::with_capacity(fixes.len());
    for fix in fixes {
        let overlaps = kept.last().is_some_and(|last| {
            fix.span.start() < last.span.end()
                || (fix.span.start() == last.span.start() && fix.span.start() == fix.span.end())
        });
        if !overlaps {
            kept.push(fix);
        }
    }
    kept
}

/// Whether the suppression stage honours comment directives in a file of
/// this format.
pub fn comments_allowed(format: Option<Format>) -> bool {
    matches!(format, Some(Format::Markdown | Format::Html))
}

/// The insertion of a directive line above 0-based `line`, indented like
/// it and ended like it (`\r\n` in a CRLF file).
pub fn disable_line(document: &Document, line: usize, rule: &str) -> Fix {
    let text = &document.text;
    let bytes = document.lines.line_text(line);
    let indent: &str = {
        let line_text = &text[bytes.clone()];
        &line_text[..line_text.len() - line_text.trim_start().len()]
    };
    let mut eol = document.lines.terminator(text, line);
    if eol.is_empty() {
        eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    }
    Fix {
        span: crate::diagnostic::Span::within(text, bytes.start..bytes.start),
        replacement: format!(
            "{indent}<!-- replylint-disable-next-line {rule} -- {REASON} -->{eol}"
        ),
    }
}

/// A workspace edit of `document` made of `fixes` (which do not overlap).
fn edit<'a>(
    document: &Document,
    fixes: impl IntoIterator<Item = &'a Fix>,
    encoding: Encoding,
) -> WorkspaceEdit {
    let edits: Vec<TextEdit> = fixes
        .into_iter()
        .map(|fix| TextEdit {
            range: document
                .lines
                .range(&document.text, fix.span.range(), encoding),
            new_text: fix.replacement.clone(),
        })
        .collect();
    let changes: HashMap<Url, Vec<TextEdit>> = HashMap::from([(document.uri.clone(), edits)]);
    WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Level, Span};
    use std::sync::Arc;

    fn finding(text: &str, range: std::ops::Range<usize>, fixes: &[&str]) -> Diagnostic {
        let span = Span::within(text, range);
        Diagnostic {
            rule: Arc::from("test/rule"),
            level: Level::Warning,
            message: String::new(),
            help: Arc::from(""),
            link: None,
            span,
            fixes: fixes
                .iter()
                .map(|r| Fix {
                    span,
                    replacement: (*r).to_owned(),
                })
                .collect(),
            applicability: if fixes.len() > 1 {
                crate::diagnostic::Applicability::Unsafe
            } else {
                crate::diagnostic::Applicability::Safe
            },
            reply: None,
        }
    }

    #[test]
    fn fix_all_takes_single_fixes_without_overlaps() {
        let text = "abcdefgh";
        let diagnostics = vec![
            finding(text, 4..6, &["X"]),
            finding(text, 0..3, &["Y"]),
            finding(text, 2..5, &["Z"]),
            finding(text, 6..8, &["P", "Q"]),
        ];
        let fixes = fix_all(&diagnostics);
        let spans: Vec<_> = fixes.iter().map(|f| f.span.range()).collect();
        assert_eq!(spans, [0..3, 4..6]);
    }

    #[test]
    fn a_disable_line_keeps_indentation_and_line_ends() {
        let uri = Url::parse("file:///tmp/a.md").unwrap();
        let doc = Document::new(uri, "Hi\r\n  - bad here\r\n".into(), 1, "markdown".into());
        let fix = disable_line(&doc, 1, "tone/x");
        assert_eq!(fix.span.range(), 4..4);
        assert_eq!(
            fix.replacement,
            format!("  <!-- replylint-disable-next-line tone/x -- {REASON} -->\r\n")
        );
    }
}
