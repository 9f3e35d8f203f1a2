//! `full`: rustc-style diagnostics through annotate-snippets, with the
//! source line(s) underlined, the help line, the suggested replacement and
//! a closing summary.

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
    use super::*;

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
