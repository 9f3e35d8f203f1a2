//! Problems that are not findings, rendered the compiler way: rule files
//! that do not load (with the offending value underlined), and sources that
//! cannot be checked (invalid UTF-8, binary, too large, unreadable). Like
//! `full`, they show a windowed [`Excerpt`] of the lines at fault, so an
//! error in a one-line file of megabytes prints a line of rustc's width.

use std::ops::Range;

use annotate_snippets::{
    AnnotationKind, Group, Level as Title, Message, Origin, Renderer, Snippet,
};

use super::excerpt::{self, Excerpt};
use crate::position::LineIndex;

use crate::container::ContainerError;
use crate::rules::LoadError;
use crate::source::SourceProblem;

pub fn renderer(styled: bool) -> Renderer {
    if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

/// A rule file that did not load.
pub fn load_error(error: &LoadError, styled: bool) -> String {
    let kind = if error.unsupported {
        Title::WARNING
    } else {
        Title::ERROR
    };
    let title = kind.primary_title(error.message.as_str());
    let help = error.help.as_deref().map(|help| Title::HELP.message(help));
    match (&error.text, &error.span) {
        (Some(text), Some(span)) => {
            let span = crate::diagnostic::Span::within(text, span.clone());
            located(
                &renderer(styled),
                title,
                &error.path,
                text,
                &LineIndex::new(text),
                span.range(),
                error.label.as_deref(),
                help,
            )
        }
        _ => {
            let mut group = Group::with_title(title).element(Origin::path(error.path.as_str()));
            if let Some(help) = help {
                group = group.element(help);
            }
            renderer(styled).render(&[group])
        }
    }
}

/// A report titled `title` that underlines `span` of `text` (indexed by
/// `lines`) in a windowed [`Excerpt`], located at its true position.
#[allow(clippy::too_many_arguments)]
fn located(
    renderer: &Renderer,
    title: annotate_snippets::Title<'_>,
    path: &str,
    text: &str,
    lines: &LineIndex,
    span: Range<usize>,
    label: Option<&str>,
    help: Option<Message<'_>>,
) -> String {
    let excerpt = Excerpt::new(text, lines, span.clone());
    let at = lines.line_col(text, span.start);
    let mut annotation = AnnotationKind::Primary.span(excerpt.span.clone());
    if let Some(label) = label {
        annotation = annotation.label(label);
    }
    let mut group = Group::with_level(Title::ERROR).element(
        Snippet::source(excerpt.source.as_str())
            .line_start(excerpt.line_start)
            .annotation(annotation),
    );
    if let Some(help) = help {
        group = group.element(help);
    }
    excerpt::render(
        renderer,
        title,
        path,
        (at.line, at.column),
        excerpt.line_end,
        &[group],
    )
}

/// A source that could not be checked.
pub fn source_problem(name: &str, problem: &SourceProblem, styled: bool) -> String {
    let level = if problem.is_error() {
        Title::ERROR
    } else {
        Title::NOTE
    };
    let message = problem.to_string();
    let origin = match problem {
        SourceProblem::InvalidUtf8 { line, column, .. } => {
            Origin::path(name).line(*line).char_column(*column)
        }
        _ => Origin::path(name),
    };
    let group = Group::with_title(level.primary_title(message.as_str())).element(origin);
    renderer(styled).render(&[group])
}

/// A source whose replies could not be read (malformed JSON, a macro with
/// no reply text, broken HTML), with the bytes at fault underlined.
pub fn container_error(name: &str, text: &str, error: &ContainerError, styled: bool) -> String {
    container_errors(name, text, std::slice::from_ref(error), styled)
        .pop()
        .unwrap_or_default()
}

/// Every error of one source, each as [`container_error`] renders it; the
/// source's lines are indexed once for all of them.
pub fn container_errors(
    name: &str,
    text: &str,
    errors: &[ContainerError],
    styled: bool,
) -> Vec<String> {
    let renderer = renderer(styled);
    let mut lines = None;
    errors
        .iter()
        .map(|error| {
            let title = Title::ERROR.primary_title(error.message.as_str());
            match &error.span {
                Some(span) => {
                    let span = crate::diagnostic::Span::within(text, span.clone());
                    let lines = lines.get_or_insert_with(|| LineIndex::new(text));
                    located(
                        &renderer,
                        title,
                        name,
                        text,
                        lines,
                        span.range(),
                        None,
                        None,
                    )
                }
                None => renderer.render(&[Group::with_title(title).element(Origin::path(name))]),
            }
        })
        .collect()
}
