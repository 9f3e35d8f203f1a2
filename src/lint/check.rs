//! The pipeline, written once: a source's replies (container) → each
//! reply's document → the plan's rules → suppressions → one report in
//! source offsets. Every surface reaches it through [`super::Linter`] or,
//! holding a plan already, through [`check_source`].

use std::path::Path;
use std::sync::Arc;

use super::plan::Plan;
use crate::container::{self, CollectionSpec, ContainerError};
use crate::document::{language, Document, MaskKind, Thread};
use crate::report::FileReport;
use crate::rules::{engine, select, Rule};
use crate::source::Source;
use crate::suppression::{self, Mode};

/// A checked source and the problems of replies that were skipped, or the
/// source back with why none of its replies could be read (`None`: it holds
/// no replies at all).
pub type CheckedSource =
    Result<(FileReport, Vec<ContainerError>), (Source, Option<ContainerError>)>;

/// Checks every reply of one source with the rules of `plan` that apply
/// to `path`, then applies the replies' suppressions.
pub fn check_source(
    source: Source,
    spec: Option<&CollectionSpec>,
    plan: &Plan,
    path: &Path,
    mode: Mode,
) -> CheckedSource {
    check_in_thread(source, spec, plan, path, mode, None)
}

/// [`check_source`] for replies whose conversation the caller knows (a
/// draft sent with its `previous` messages): `thread` decides each
/// reply's turn unless the file gives its own.
pub fn check_in_thread(
    source: Source,
    spec: Option<&CollectionSpec>,
    plan: &Plan,
    path: &Path,
    mode: Mode,
    thread: Option<&Thread>,
) -> CheckedSource {
    let collection = match container::replies(&source, spec) {
        Ok(Some(collection)) => collection,
        Ok(None) => return Err((source, None)),
        Err(error) => return Err((source, Some(error))),
    };
    let ignored = plan.ignored_for(path);
    let ignores = plan.ignores_for(path);
    let reading = plan.reading();
    let (levels, min_level) = plan.levels_for(path);
    let rules: Vec<&Rule> = plan
        .rules
        .rules()
        .iter()
        .filter(|r| !ignored.iter().any(|s| select::matches(s, &r.id)))
        .collect();
    let status = |r: &str| plan.rule_status(r);
    let mut diagnostics = Vec::new();
    for reply in &collection.replies {
        let mut masks = std::borrow::Cow::Borrowed(&reply.masks);
        for pattern in &ignores {
            masks.to_mut().extend(
                pattern
                    .find_iter(&reply.text)
                    .map(|m| (m.range(), MaskKind::Ignored)),
            );
        }
        let mut doc = Document::read(&reply.text, reply.markup, &masks, reading);
        if let Some(thread) = reply.thread.as_ref().or(thread) {
            doc = doc.with_thread(thread);
        }
        let name: Option<Arc<str>> = reply.name.as_deref().map(Arc::from);
        let language = language::detect(doc.prose());
        // A subject line has no opening or closing to judge.
        let applies =
            |r: &&&Rule| (!reply.fragment || !r.reads_structure()) && r.judges_language(language);
        let judged: Vec<&Rule> = rules.iter().filter(applies).copied().collect();
        let mut found: Vec<_> = engine::check(&doc, judged.iter().copied(), &plan.context)
            .into_iter()
            .map(|d| d.into_source(&source.text, reply, name.as_ref()))
            .filter_map(|mut d| {
                if let Some((_, level)) = levels.iter().rev().find(|(id, _)| **id == *d.rule) {
                    d.level = *level;
                }
                min_level.is_none_or(|min| d.level >= min).then_some(d)
            })
            .collect();
        if let Some(code) =
            language.filter(|l| judged.is_empty() && !rules.is_empty() && *l != language::ENGLISH)
        {
            let first_line = reply.text.find('\n').unwrap_or(reply.text.len());
            let message = format!(
                "This reply reads as {} ({code}): no rule here judges it, so it was not checked.",
                language::name(code)
            );
            found.push(suppression::meta_diagnostic(
                suppression::OTHER_LANGUAGE,
                &source.text,
                reply.map.range(0..first_line),
                message,
                Vec::new(),
                name.clone(),
            ));
        }
        let kept = suppression::apply(reply, &source.text, found, mode, &status);
        diagnostics.extend(kept.into_iter().filter_map(|d| plan.keep_meta(d, &ignored)));
    }
    diagnostics.sort_by(|a, b| a.span.cmp(&b.span).then_with(|| a.rule.cmp(&b.rule)));
    let report = FileReport {
        name: source.name,
        text: source.text,
        diagnostics,
        encoding: source.encoding,
    };
    Ok((report, collection.errors))
}
