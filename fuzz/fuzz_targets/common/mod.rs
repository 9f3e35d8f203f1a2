//! What the checking targets share: the default pack compiled once per
//! process, the plan `check` builds when no configuration applies, and the
//! assertions every report must pass (spans inside the source on character
//! boundaries, every output format rendering).

#![allow(dead_code)]

use std::sync::{Arc, LazyLock};

use replylint::diagnostic::Diagnostic;
use replylint::lint::{Linter, Options, Plan};
use replylint::report::{
    concise, full, github, json, json_lines, sarif, statistics, FileReport, RuleMeta, Summary,
};
use replylint::rules::{pack, RuleSet};
use replylint::suppression::META_RULES;

/// The default pack, compiled once.
pub static RULES: LazyLock<RuleSet> = LazyLock::new(|| {
    let (rules, errors) = pack::load();
    assert!(errors.is_empty(), "the default pack loads: {errors:?}");
    RuleSet::new(rules)
});

/// The plan of `replylint check --isolated` (the default pack, no
/// configuration), built the way `check` builds it.
pub static PLAN: LazyLock<Arc<Plan>> = LazyLock::new(|| {
    Linter::new(Options::isolated())
        .plan(None)
        .expect("the default plan builds")
});

/// The default pack plus the test pack of fixes (`fixtures/packs/fixes`:
/// replacements with quotes, `&` and an apostrophe, and two choices), so
/// that fixes land in every kind of container.
pub static FIX_PLAN: LazyLock<Arc<Plan>> = LazyLock::new(|| {
    let pack = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/packs/fixes");
    Linter::new(Options {
        rule_dirs: vec![pack],
        ..Options::isolated()
    })
    .plan(None)
    .expect("the default pack and the fixes pack load")
});

/// Every diagnostic and fix lies inside `text` on character boundaries; a
/// rule's fixes replace exactly its finding (the suppression stage's own
/// fix for an unused directive removes the directive's whole line).
pub fn assert_spans(text: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let r = d.span.range();
        assert!(
            r.start <= r.end && r.end <= text.len(),
            "{}: {r:?} outside a text of {} bytes",
            d.rule,
            text.len()
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{}: {r:?} inside a character",
            d.rule
        );
        assert!(!d.message.is_empty(), "{}: empty message", d.rule);
        for fix in &d.fixes {
            let f = fix.span.range();
            assert!(
                f.end <= text.len(),
                "{}: fix {f:?} outside the text",
                d.rule
            );
            assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            if !d.rule.starts_with("meta/") {
                assert_eq!(
                    fix.span, d.span,
                    "{}: a fix elsewhere than its finding",
                    d.rule
                );
            } else {
                assert!(
                    f.start <= r.start && r.end <= f.end,
                    "{}: fix {f:?}",
                    d.rule
                );
            }
        }
    }
}

/// Renders `files` in every output format, and checks what each must say.
pub fn render_all(files: &[FileReport]) {
    let summary = Summary::of(files);
    let findings: usize = files.iter().map(|f| f.diagnostics.len()).sum();
    // Styled output differs from plain only by escape codes around the
    // same pieces; rendering it too would cost a quarter of the run.
    let out = full::render(files, &summary, false);
    assert!(out.contains("checked"), "full ends with the summary");
    let concise = concise::render(files);
    assert_eq!(concise.lines().count(), findings, "concise: one line each");
    let document = json::render(files, &summary);
    let value: serde_json::Value = serde_json::from_str(&document).expect("json parses");
    let listed = value["diagnostics"].as_array().expect("a diagnostics list");
    assert_eq!(listed.len(), findings);
    let lines = json_lines::render(files);
    assert_eq!(lines.lines().count(), findings, "json-lines: one line each");
    for line in lines.lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("each json line parses");
    }
    let _ = github::render(files);
    let mut metas: Vec<RuleMeta<'_>> = RULES.rules().iter().map(RuleMeta::from).collect();
    metas.extend(META_RULES.iter().map(RuleMeta::from));
    let log = sarif::render(files, &metas);
    serde_json::from_str::<serde_json::Value>(&log).expect("sarif parses");
    let _ = statistics::render_text(files, &summary);
    let _ = statistics::render_json(files);
}

/// A load error says what is wrong, a span it gives lies on character
/// boundaries inside the text it comes with, and it renders.
pub fn assert_load_error(error: &replylint::rules::LoadError) {
    assert!(!error.message.is_empty(), "an error says what is wrong");
    if let (Some(text), Some(span)) = (error.text.as_deref(), &error.span) {
        assert!(
            span.start <= span.end && span.end <= text.len(),
            "{span:?}: {error}"
        );
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{span:?} inside a character: {error}"
        );
    }
    let rendered = replylint::report::problems::load_error(error, false);
    assert!(rendered.starts_with("error"), "{rendered}");
}
