//! Problems that are not findings, rendered the compiler way: rule files
//! that do not load (with the offending value underlined), and sources that
//! cannot be checked (invalid UTF-8, binary, too large, unreadable).

use annotate_snippets::{AnnotationKind, Group, Level as Title, Origin, Renderer, Snippet};

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
    let title = Title::ERROR.primary_title(error.message.as_str());
    let mut group = match (&error.text, &error.span) {
        (Some(text), Some(span)) => {
            let mut annotation = AnnotationKind::Primary.span(span.clone());
            if let Some(label) = &error.label {
                annotation = annotation.label(label.as_str());
            }
            Group::with_title(title).element(
                Snippet::source(text.as_ref())
                    .path(error.path.as_str())
                    .annotation(annotation),
            )
        }
        _ => Group::with_title(title).element(Origin::path(error.path.as_str())),
    };
    if let Some(help) = &error.help {
        group = group.element(Title::HELP.message(help.as_str()));
    }
    renderer(styled).render(&[group])
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
    let title = Title::ERROR.primary_title(error.message.as_str());
    let group = match &error.span {
        Some(span) => {
            let span = crate::diagnostic::Span::within(text, span.clone());
            Group::with_title(title).element(
                Snippet::source(text)
                    .path(name)
                    .annotation(AnnotationKind::Primary.span(span.range())),
            )
        }
        None => Group::with_title(title).element(Origin::path(name)),
    };
    renderer(styled).render(&[group])
}
