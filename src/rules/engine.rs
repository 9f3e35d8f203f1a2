//! The engine: runs rules over a document and turns their findings into
//! diagnostics, sorted by position then rule id.

use std::ops::Range;

use super::{Finding, Haystack, Rule, Scope};
use crate::diagnostic::{Diagnostic, Fix, Span};
use crate::document::Document;

/// Runs every rule over `doc`.
pub fn check<'r>(doc: &Document<'_>, rules: impl IntoIterator<Item = &'r Rule>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut findings = Vec::new();
    let whole_prose = 0..doc.prose().len();
    let whole_source = 0..doc.source().len();
    let opening: Vec<Range<usize>> = doc.opening().into_iter().collect();
    let closing: Vec<Range<usize>> = doc.closing().into_iter().collect();
    for rule in rules {
        let (text, blocks): (&str, &[Range<usize>]) = match rule.scope {
            Scope::Text => (doc.prose(), std::slice::from_ref(&whole_prose)),
            Scope::Raw => (doc.source(), std::slice::from_ref(&whole_source)),
            Scope::Paragraph => (doc.prose(), doc.paragraphs()),
            Scope::Sentence => (doc.prose(), doc.sentences()),
            Scope::Opening => (doc.prose(), &opening),
            Scope::Closing => (doc.prose(), &closing),
        };
        findings.clear();
        rule.checker.check(
            &Haystack {
                text,
                blocks,
                sentences: doc.sentences(),
            },
            &mut findings,
        );
        for finding in findings.drain(..) {
            if let Some(diagnostic) = to_diagnostic(doc, rule, finding) {
                diagnostics.push(diagnostic);
            }
        }
    }
    diagnostics.sort_by(|a, b| a.span.cmp(&b.span).then_with(|| a.rule.cmp(&b.rule)));
    diagnostics.dedup_by(|a, b| a.span == b.span && a.rule == b.rule);
    diagnostics
}

fn to_diagnostic(doc: &Document<'_>, rule: &Rule, finding: Finding) -> Option<Diagnostic> {
    let source = doc.source();
    let span = Span::within(source, finding.span);
    let matched = &source[span.range()];
    if matched.trim().is_empty() || doc.is_never_flagged(span.start()) {
        return None;
    }
    let fixes = finding
        .fixes
        .into_iter()
        .map(|replacement| Fix { span, replacement })
        .collect();
    Some(Diagnostic {
        rule: rule.id.clone(),
        level: rule.level,
        message: rule.message.replace("%s", matched),
        help: rule.help.clone(),
        link: rule.link.clone(),
        span,
        fixes,
        reply: None,
    })
}
