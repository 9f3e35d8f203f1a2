//! The engine: runs rules over a document and turns their findings into
//! diagnostics, sorted by position then rule id. Findings in regions no
//! finding may point into, and findings on the context's accepted
//! vocabulary, are dropped here, for every rule alike.

use std::cell::OnceCell;
use std::ops::Range;

use super::{dialect, vocabulary, Context, Finding, Haystack, Rule, Scope, TurnFilter};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Span};
use crate::document::structure::{Block, BlockKind};
use crate::document::{Document, Turn};

/// Runs every rule over `doc` with the run's `context`.
pub fn check<'r>(
    doc: &Document<'_>,
    rules: impl IntoIterator<Item = &'r Rule>,
    context: &Context,
) -> Vec<Diagnostic> {
    let placeholders = OnceCell::new();
    let mut diagnostics = Vec::new();
    let mut findings = Vec::new();
    // Text-scope rules search the lines with prose, not the blanked
    // history and signature around them.
    let whole_prose = doc.prose_extent();
    let whole_source = 0..doc.source().len();
    let opening: Vec<Range<usize>> = doc.opening().into_iter().collect();
    let closing: Vec<Range<usize>> = doc.closing().into_iter().collect();
    for rule in rules {
        if rule.turn == TurnFilter::First && doc.turn() != Turn::First {
            continue;
        }
        let structured: Vec<Range<usize>>;
        let (text, blocks): (&str, &[Range<usize>]) = match (&rule.scope_filter, rule.scope) {
            (Some(alternatives), _) => {
                structured = blocks_where(doc, |b| {
                    alternatives.iter().any(|terms| {
                        terms
                            .iter()
                            .all(|(negated, scope)| block_is(b, *scope) != *negated)
                    })
                });
                (doc.prose(), &structured)
            }
            // Vale searches each block of the text on its own; Markdown
            // block scopes are searched block by block everywhere.
            (None, scope @ (Scope::Text | Scope::Paragraph)) if rule.vale => {
                structured = blocks_where(doc, |b| block_is(b, scope));
                (doc.prose(), &structured)
            }
            (
                None,
                scope @ (Scope::Heading(_)
                | Scope::List
                | Scope::Blockquote
                | Scope::Table
                | Scope::TableHeader
                | Scope::TableCell),
            ) => {
                structured = blocks_where(doc, |b| block_is(b, scope));
                (doc.prose(), &structured)
            }
            (None, Scope::Text) => (doc.prose(), std::slice::from_ref(&whole_prose)),
            (None, Scope::Raw) => (doc.source(), std::slice::from_ref(&whole_source)),
            (None, Scope::Paragraph) => (doc.prose(), doc.paragraphs()),
            (None, Scope::Sentence) => (doc.prose(), doc.sentences()),
            (None, Scope::Opening) => (doc.prose(), &opening),
            (None, Scope::Closing) => (doc.prose(), &closing),
            (None, Scope::Unread) => (doc.prose(), &[]),
        };
        findings.clear();
        rule.checker.check(
            &Haystack {
                text,
                blocks,
                sentences: doc.sentences(),
                doc,
                context,
                placeholders: &placeholders,
            },
            &mut findings,
        );
        let mut kept = 0;
        for finding in findings.drain(..) {
            if rule.limit.is_some_and(|limit| kept >= limit) {
                break;
            }
            if let Some(diagnostic) = to_diagnostic(doc, rule, finding, context) {
                diagnostics.push(diagnostic);
                kept += 1;
            }
        }
    }
    diagnostics.sort_by(|a, b| a.span.cmp(&b.span).then_with(|| a.rule.cmp(&b.rule)));
    diagnostics.dedup_by(|a, b| a.span == b.span && a.rule == b.rule);
    diagnostics
}

/// Whether block `b` is in `scope`, for combined scopes. A scope that is
/// not a kind of block (opening, closing, raw, code) holds for none;
/// `text` and `sentence` hold for every block.
fn block_is(b: &Block, scope: Scope) -> bool {
    match scope {
        Scope::Text | Scope::Sentence => true,
        Scope::Paragraph => b.kind == BlockKind::Paragraph,
        Scope::Heading(level) => match b.kind {
            BlockKind::Heading(n) => level.is_none_or(|l| l == n),
            _ => false,
        },
        Scope::List => b.in_list,
        Scope::Blockquote => b.in_blockquote,
        Scope::Table => matches!(b.kind, BlockKind::TableHeader | BlockKind::TableCell),
        Scope::TableHeader => b.kind == BlockKind::TableHeader,
        Scope::TableCell => b.kind == BlockKind::TableCell,
        Scope::Opening | Scope::Closing | Scope::Raw | Scope::Unread => false,
    }
}

/// The ranges of the document's blocks for which `keep` holds.
fn blocks_where(doc: &Document<'_>, keep: impl Fn(&Block) -> bool) -> Vec<Range<usize>> {
    doc.blocks()
        .iter()
        .filter(|b| keep(b))
        .map(|b| b.range.clone())
        .collect()
}

fn to_diagnostic(
    doc: &Document<'_>,
    rule: &Rule,
    finding: Finding,
    context: &Context,
) -> Option<Diagnostic> {
    let source = doc.source();
    let span = Span::within(source, finding.span);
    let matched = &source[span.range()];
    if matched.trim().is_empty()
        || doc.is_never_flagged(span.start())
        || (rule.vocab && vocabulary::accepts(source, &span.range(), &context.vocabulary))
    {
        return None;
    }
    let fixes = match &rule.action {
        Some(action) if finding.fixes.is_empty() => action.fixes(matched),
        _ => finding.fixes,
    };
    let mut message = if !rule.vale {
        rule.message.replace("%s", matched)
    } else if !finding.args.is_empty() {
        let args: Vec<&str> = finding.args.iter().map(String::as_str).collect();
        dialect::format_message(&rule.message, &args)
    } else {
        // Vale: the match, then what the action offers instead.
        let offered = match fixes.as_slice() {
            [one] => one.clone(),
            several => dialect::to_sentence(several, "or"),
        };
        dialect::format_message(&rule.message, &[matched, &offered])
    };
    if let Some(note) = finding.note {
        message.push(' ');
        message.push_str(&note);
    }
    let applicability = if fixes.len() > 1 || finding.unsafe_fix {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let fixes = fixes
        .into_iter()
        .map(|replacement| Fix { span, replacement })
        .collect();
    Some(Diagnostic {
        rule: rule.id.clone(),
        level: rule.level,
        message,
        help: rule.help.clone(),
        link: rule.link.clone(),
        span,
        fixes,
        applicability,
        reply: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Markup;
    use crate::rules::pack;

    fn default_rule(id: &str) -> Rule {
        let (rules, errors) = pack::load();
        assert!(errors.is_empty());
        rules
            .into_iter()
            .find(|r| &*r.id == id)
            .expect("rule in the default pack")
    }

    fn ids(text: &str, rule: &Rule, context: &Context) -> Vec<String> {
        check(&Document::new(text, Markup::Plain), [rule], context)
            .into_iter()
            .map(|d| text[d.span.range()].to_owned())
            .collect()
    }

    #[test]
    fn vocabulary_terms_silence_every_rule() {
        let rule = default_rule("clarity/unexplained-acronym");
        let text =
            "Thanks for the report! The Acme Cloud KMS is back up, and the SFTP export works too.";
        assert_eq!(ids(text, &rule, &Context::default()), ["KMS", "SFTP"]);
        let context = Context {
            vocabulary: vec!["acme cloud kms".into(), "SFTP".into()],
            ..Context::default()
        };
        assert_eq!(ids(text, &rule, &context), Vec::<String>::new());
    }

    #[test]
    fn liquid_branches_do_not_hide_acknowledgements() {
        let rule = default_rule("empathy/no-acknowledgement");
        for text in [
            "{% if ticket.status == 'pending' %}Sorry for the wait! Your refund left today.{% else %}Sorry about that. Your refund is on its way.{% endif %}",
            "Hi {{ticket.requester.first_name}},\n\n{% if ticket.status == 'pending' %}\nSorry for the wait! Your refund left today.\n{% else %}\nSorry about that. Your refund is on its way.\n{% endif %}\n\nBest,\nSam\n",
        ] {
            assert_eq!(ids(text, &rule, &Context::default()), Vec::<String>::new(), "{text}");
        }
        // The rule still fires when no branch acknowledges anything.
        let text =
            "{% if x %}Your refund left today.{% else %}Your refund is on its way.{% endif %}";
        assert_eq!(ids(text, &rule, &Context::default()).len(), 1);
    }
}
