//! `full`: rustc-style diagnostics through annotate-snippets, with the
//! source line(s) underlined, the help line, the suggested replacement and
//! a closing summary. A diagnostic in a reply of a collection gets a
//! ``= note: in reply `NAME` `` line, as rustc names the item it is in.
//!
//! The source shown and the patches are [`Excerpt`]s: windows of the
//! lines around the span, so a finding's report has the same size on a
//! line of a megabyte as on a short one; `-->` gives the true line and
//! column from the file's [`LineIndex`], built once per file.

use annotate_snippets::{AnnotationKind, Group, Level as Title, Patch, Renderer, Snippet};

use super::excerpt::{self, Excerpt};
use super::{FileReport, Summary};
use crate::diagnostic::{Diagnostic, Level};
use crate::position::LineIndex;

/// The annotate-snippets level of a diagnostic level.
pub fn title_level(level: Level) -> Title<'static> {
    match level {
        Level::Error => Title::ERROR,
        Level::Warning => Title::WARNING,
        Level::Suggestion => Title::INFO.with_name("suggestion"),
    }
}

/// One diagnostic of `file`, whose lines `lines` indexes.
fn render_one(renderer: &Renderer, file: &FileReport, lines: &LineIndex, d: &Diagnostic) -> String {
    let excerpt = Excerpt::new(&file.text, lines, d.span.range());
    let at = lines.line_col(&file.text, d.span.start());
    let snippet = Snippet::source(excerpt.source.as_str())
        .line_start(excerpt.line_start)
        .annotation(AnnotationKind::Primary.span(excerpt.span.clone()));
    let mut title = title_level(d.level)
        .primary_title(d.message.as_str())
        .id(d.rule.as_ref());
    if let Some(link) = &d.link {
        title = title.id_url(link.as_ref());
    }
    let mut group = Group::with_level(title_level(d.level)).element(snippet);
    if let Some(reply) = &d.reply {
        group = group.element(Title::NOTE.message(format!("in reply `{}`", reply_name(reply))));
    }
    if !d.help.is_empty() {
        group = group.element(Title::HELP.message(d.help.as_ref()));
    }
    if let Some(link) = &d.link {
        group = group.element(Title::NOTE.message(format!("for more information, see {link}")));
    }
    let mut rest = vec![group];
    // A fix is on the diagnostic's span; one elsewhere gets its own excerpt.
    let elsewhere: Vec<Option<Excerpt>> = d
        .fixes
        .iter()
        .map(|fix| (fix.span != d.span).then(|| Excerpt::new(&file.text, lines, fix.span.range())))
        .collect();
    for (i, (fix, own)) in d.fixes.iter().zip(&elsewhere).enumerate() {
        let fix_excerpt = own.as_ref().unwrap_or(&excerpt);
        let patch = Snippet::source(fix_excerpt.source.as_str())
            .line_start(fix_excerpt.line_start)
            .patch(Patch::new(
                fix_excerpt.span.clone(),
                fix.replacement.as_str(),
            ));
        rest.push(
            Group::with_title(Title::HELP.secondary_title(fix_title(d, i, &fix.replacement)))
                .element(patch),
        );
    }
    excerpt::render(
        renderer,
        title,
        &file.name,
        (at.line, at.column),
        excerpt.line_end,
        &rest,
    )
}

/// A reply's name as a note may quote it: trusted messages are not
/// normalized, so control characters are made visible.
fn reply_name(name: &str) -> String {
    annotate_snippets::normalize_untrusted_str(&super::concise::one_line(name))
}

/// Renders every diagnostic and the summary line. `styled` adds ANSI colour.
pub fn render(files: &[FileReport], summary: &Summary, styled: bool) -> String {
    pieces(files, summary, styled).collect()
}

/// The report of [`render`] piece by piece: each diagnostic (with the blank
/// line after it), then the summary line. A caller that prints each piece
/// as it comes never holds the whole report, which for many findings is
/// far bigger than the files.
pub fn pieces<'a>(
    files: &'a [FileReport],
    summary: &'a Summary,
    styled: bool,
) -> impl Iterator<Item = String> + 'a {
    findings(files, styled).chain(std::iter::once_with(move || {
        let mut line = summary.line();
        line.push('\n');
        line
    }))
}

/// The findings of `files`, one piece per diagnostic, without the summary
/// line (a streamed report prints that once at the end).
pub fn findings(files: &[FileReport], styled: bool) -> impl Iterator<Item = String> + '_ {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    files
        .iter()
        .filter(|file| !file.diagnostics.is_empty())
        .flat_map(move |file| {
            let lines = LineIndex::new(&file.text);
            let renderer = renderer.clone();
            file.diagnostics.iter().map(move |d| {
                let mut piece = render_one(&renderer, file, &lines, d);
                piece.push_str("\n\n");
                piece
            })
        })
}

/// The title of a finding's `i`th fix: what it writes and how `--fix`
/// treats it (a safe fix is applied; the first of several, the rule
/// author's recommendation, or a guess, only with `--unsafe-fixes`).
fn fix_title(d: &Diagnostic, i: usize, replacement: &str) -> String {
    let what = if replacement.is_empty() {
        "remove it".to_owned()
    } else {
        format!("write `{replacement}`")
    };
    match (i, d.fix_to_apply(false).is_some()) {
        (_, true) => format!("{what} (`--fix` applies it)"),
        (0, false) if d.fixes.len() > 1 => {
            format!("{what} (recommended; `--fix --unsafe-fixes` applies it)")
        }
        (0, false) => format!("{what} (a guess: check it; `--fix --unsafe-fixes` applies it)"),
        _ => format!("or {what}"),
    }
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
                applicability: Default::default(),
                reply: Some(Arc::from("Billing::Refund\u{7}")),
            }],
            ..Default::default()
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
    fn pieces_are_one_per_diagnostic_then_the_summary() {
        let text = "That was user error. Also user error.\n";
        let diagnostic = |start: usize| Diagnostic {
            rule: Arc::from("tone/blame"),
            level: Level::Error,
            message: "'user error' blames the customer.".to_owned(),
            help: Arc::from(""),
            link: None,
            span: Span::within(text, start..start + 10),
            fixes: Vec::new(),
            applicability: Default::default(),
            reply: None,
        };
        let file = |name: &str, diagnostics| FileReport {
            name: name.to_owned(),
            text: text.to_owned(),
            diagnostics,
            ..Default::default()
        };
        let files = [
            file("a.txt", vec![diagnostic(9), diagnostic(26)]),
            file("b.txt", Vec::new()),
            file("c.txt", vec![diagnostic(26)]),
        ];
        let summary = Summary::of(&files);
        let pieces: Vec<String> = pieces(&files, &summary, false).collect();
        assert_eq!(pieces.len(), 4);
        assert!(pieces[0].contains(" --> a.txt:1:10\n"), "{}", pieces[0]);
        assert!(pieces[1].contains(" --> a.txt:1:27\n"), "{}", pieces[1]);
        assert!(pieces[2].contains(" --> c.txt:1:27\n"), "{}", pieces[2]);
        assert_eq!(pieces[3], format!("{}\n", summary.line()));
        assert_eq!(pieces.concat(), render(&files, &summary, false));
    }
}
