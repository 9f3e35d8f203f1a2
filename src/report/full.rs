//! `full`: rustc-style diagnostics through annotate-snippets, with the
//! source line(s) underlined, the help line, the suggested replacement and
//! a closing summary. A diagnostic in a reply of a collection gets a
//! ``= note: in reply `NAME` `` line, as rustc names the item it is in.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level as Title, Patch, Renderer, Snippet};

use super::{FileReport, Summary};
use crate::diagnostic::{Diagnostic, Level};

/// The annotate-snippets level of a diagnostic level.
pub fn title_level(level: Level) -> Title<'static> {
    match level {
        Level::Error => Title::ERROR,
        Level::Warning => Title::WARNING,
        Level::Suggestion => Title::INFO.with_name("suggestion"),
    }
}

/// The whole lines of `text` that hold `span`, as (range, first line number).
fn lines_around(text: &str, span: Range<usize>) -> (Range<usize>, usize) {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let mut end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    if end > span.end && text[..end].ends_with('\r') {
        // A CRLF line ends before its `\r`, or the renderer shows it as `␍`.
        end -= 1;
    }
    let line = text[..start].bytes().filter(|&b| b == b'\n').count() + 1;
    (start..end, line)
}

fn render_one(renderer: &Renderer, file: &FileReport, d: &Diagnostic) -> String {
    let (window, line) = lines_around(&file.text, d.span.range());
    let excerpt = &file.text[window.clone()];
    let local = d.span.start() - window.start..d.span.end() - window.start;
    let snippet = Snippet::source(excerpt)
        .path(file.name.as_str())
        .line_start(line)
        .annotation(AnnotationKind::Primary.span(local.clone()));
    let mut title = title_level(d.level)
        .primary_title(d.message.as_str())
        .id(d.rule.as_ref());
    if let Some(link) = &d.link {
        title = title.id_url(link.as_ref());
    }
    let mut group = Group::with_title(title).element(snippet);
    if let Some(reply) = &d.reply {
        group = group.element(Title::NOTE.message(format!("in reply `{}`", reply_name(reply))));
    }
    if !d.help.is_empty() {
        group = group.element(Title::HELP.message(d.help.as_ref()));
    }
    if let Some(link) = &d.link {
        group = group.element(Title::NOTE.message(format!("for more information, see {link}")));
    }
    let mut report = vec![group];
    for fix in &d.fixes {
        let patch = Snippet::source(excerpt)
            .path(file.name.as_str())
            .line_start(line)
            .patch(Patch::new(local.clone(), fix.replacement.as_str()));
        report.push(
            Group::with_title(Title::HELP.secondary_title(if fix.replacement.is_empty() {
                "remove it".to_owned()
            } else {
                format!("write `{}`", fix.replacement)
            }))
            .element(patch),
        );
    }
    renderer.render(&report)
}

/// A reply's name as a note may quote it: trusted messages are not
/// normalized, so control characters are made visible.
fn reply_name(name: &str) -> String {
    annotate_snippets::normalize_untrusted_str(&super::concise::one_line(name))
}

/// Renders every diagnostic and the summary line. `styled` adds ANSI colour.
pub fn render(files: &[FileReport], summary: &Summary, styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for file in files {
        for d in &file.diagnostics {
            out.push_str(&render_one(&renderer, file, d));
            out.push_str("\n\n");
        }
    }
    out.push_str(&summary.line());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::Span;

    #[test]
    fn a_reply_of_a_collection_is_named_in_a_note() {
        let text = "[{\"title\": \"Refund\", \"body\": \"That was user error.\"}]\n";
        let start = text.find("user error").unwrap();
        let file = FileReport {
            name: "macros.json".to_owned(),
            text: text.to_owned(),
            diagnostics: vec![Diagnostic {
                rule: Arc::from("tone/blame"),
                level: Level::Error,
                message: "'user error' blames the customer.".to_owned(),
                help: Arc::from("Say what happened."),
                link: None,
                span: Span::within(text, start..start + 10),
                fixes: Vec::new(),
                reply: Some(Arc::from("Billing::Refund\u{7}")),
            }],
        };
        let out = render(&[file], &Summary::default(), false);
        let note = out
            .lines()
            .position(|l| l.contains("= note: in reply `Billing::Refund"))
            .unwrap_or_else(|| panic!("no reply note in\n{out}"));
        let help = out.lines().position(|l| l.contains("= help:")).unwrap();
        assert!(note < help, "the reply comes before the help\n{out}");
        assert!(!out.contains('\u{7}'), "control characters are not printed");
    }

    #[test]
    fn windows_cover_whole_lines() {
        let text = "one\ntwo three\nfour";
        let (w, line) = lines_around(text, 8..13);
        assert_eq!(&text[w], "two three");
        assert_eq!(line, 2);
        let (w, line) = lines_around(text, 5..16);
        assert_eq!(&text[w], "two three\nfour");
        assert_eq!(line, 2);
        let crlf = "one\r\ntwo\r\n";
        let (w, line) = lines_around(crlf, 5..8);
        assert_eq!(&crlf[w], "two");
        assert_eq!(line, 2);
    }
}
