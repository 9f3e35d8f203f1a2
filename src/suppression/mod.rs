//! Inline suppression: directives in a reply's comments, or a per-reply
//! `replylint:` key of a collection, that silence rules with a reason.
//!
//! This stage runs after the rules, on a reply's diagnostics already moved
//! to source offsets. It drops what the directives silence and adds its own
//! findings: `meta/unused-suppression` for a directive (or one of its rules)
//! that silenced nothing, `meta/invalid-suppression` for a malformed one
//! (no reason, unknown rule), and — when the text is a draft about to be
//! sent (`Mode::PreSend`, standard input) — `meta/suppression-in-reply`,
//! since the comment would reach the customer; it is not honoured then.

pub mod directive;

use std::ops::Range;
use std::sync::Arc;

use crate::container::Reply;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Level, Span};
use directive::{Action, Directive};

pub const UNUSED: &str = "meta/unused-suppression";
pub const INVALID: &str = "meta/invalid-suppression";
pub const IN_REPLY: &str = "meta/suppression-in-reply";
pub const OTHER_LANGUAGE: &str = "meta/other-language";

/// One of the suppression stage's own findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MetaRule {
    pub id: &'static str,
    pub level: Level,
    pub description: &'static str,
    pub help: &'static str,
}

/// replylint's own findings: the suppression stage's, and the note that a
/// reply in another language was not checked.
pub static META_RULES: [MetaRule; 4] = [
    MetaRule {
        id: UNUSED,
        level: Level::Warning,
        description: "A suppression directive or key that silences nothing.",
        help: "remove the directive, or name the rule that still fires here",
    },
    MetaRule {
        id: INVALID,
        level: Level::Error,
        description: "A suppression without a reason, naming an unknown rule, or misspelt.",
        help: "write `<!-- replylint-disable-next-line RULE -- reason -->` with a known rule and a reason",
    },
    MetaRule {
        id: IN_REPLY,
        level: Level::Error,
        description: "A suppression directive left in a draft about to be sent to a customer.",
        help: "remove the directive: it would be sent to the customer; suppressions belong in canned responses, not drafts",
    },
    MetaRule {
        id: OTHER_LANGUAGE,
        level: Level::Suggestion,
        description: "A reply in a language no rule judges (the default pack is English), so it was not checked.",
        help: "give your own rules `language: [deu]` (ISO 639-3 codes, or `any`) to check replies in that language",
    },
];

/// Whether the reply is a canned response in a repository (directives
/// honoured) or a draft about to be sent (directives are errors).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Repository,
    PreSend,
}

/// One suppression: a directive or the per-reply key.
struct Suppression {
    action: Action,
    rules: Vec<String>,
    span: Range<usize>,
    /// The source range it silences.
    silences: Range<usize>,
    /// Per rule (or one entry for "all rules"): whether it silenced anything.
    used: Vec<bool>,
    /// A Vale comment: never reported unused, as Vale does not.
    vale: bool,
}

/// What a rule id or prefix named in a suppression is to this run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleStatus {
    /// Names rules that ran: a suppression of it that silences nothing is unused.
    Enabled,
    /// Names rules that exist but did not run (`--select`, `ignore`): a
    /// suppression of it cannot be judged, so it is never reported unused.
    Disabled,
    Unknown,
}

/// Applies the suppressions of `reply` to its `diagnostics` (source
/// offsets into `source`) and returns what is left plus the stage's own
/// findings.
pub fn apply(
    reply: &Reply,
    source: &str,
    diagnostics: Vec<Diagnostic>,
    mode: Mode,
    status: &dyn Fn(&str) -> RuleStatus,
) -> Vec<Diagnostic> {
    let known = |r: &str| status(r) != RuleStatus::Unknown;
    let name: Option<Arc<str>> = reply.name.as_deref().map(Arc::from);
    let meta = |id: &str, span: Range<usize>, message: String, fixes: Vec<Fix>| {
        meta_diagnostic(id, source, span, message, fixes, name.clone())
    };
    let mut out = Vec::new();
    let mut directives = Vec::new();
    for comment in &reply.comments {
        match directive::parse(&comment.body, comment.source.clone()) {
            None => {}
            Some(Err(_)) if mode == Mode::PreSend => out.push(meta(
                IN_REPLY,
                comment.source.clone(),
                "suppression directive left in a reply".to_owned(),
                Vec::new(),
            )),
            Some(Err(why)) => out.push(meta(INVALID, comment.source.clone(), why, Vec::new())),
            Some(Ok(d)) => {
                if mode == Mode::PreSend {
                    out.push(meta(
                        IN_REPLY,
                        d.span.clone(),
                        format!(
                            "suppression directive `{}` left in a reply",
                            d.action.keyword()
                        ),
                        Vec::new(),
                    ));
                } else if let Some(unknown) = d.rules.iter().find(|r| !d.vale && !known(r)) {
                    out.push(meta(
                        INVALID,
                        d.span.clone(),
                        format!("`{}` names unknown rule `{unknown}`", d.action.keyword()),
                        Vec::new(),
                    ));
                } else {
                    directives.push(d);
                }
            }
        }
    }
    let reply_range = reply_source_range(reply);
    let mut suppressions = scopes(&directives, source, reply_range.clone());
    if let Some(key) = &reply.key_suppression {
        if mode == Mode::PreSend {
            out.push(meta(
                IN_REPLY,
                key.source.clone(),
                "`replylint:` key left in a reply".to_owned(),
                Vec::new(),
            ));
        } else if key.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            out.push(meta(
                INVALID,
                key.source.clone(),
                "the `replylint:` key needs a `reason:`".to_owned(),
                Vec::new(),
            ));
        } else if let Some((unknown, span)) = key.rules.iter().find(|(r, _)| !known(r)) {
            out.push(meta(
                INVALID,
                span.clone(),
                format!("`replylint: ignore` names unknown rule `{unknown}`"),
                Vec::new(),
            ));
        } else {
            let rules: Vec<String> = key.rules.iter().map(|(r, _)| r.clone()).collect();
            suppressions.push(Suppression {
                action: Action::File,
                used: vec![false; rules.len().max(1)],
                rules,
                span: key.source.clone(),
                silences: reply_range,
                vale: false,
            });
        }
    }
    for d in diagnostics {
        let mut silenced = false;
        for s in &mut suppressions {
            if !s.silences.contains(&d.span.start()) {
                continue;
            }
            if s.rules.is_empty() {
                s.used[0] = true;
                silenced = true;
            } else if let Some(i) = s
                .rules
                .iter()
                .position(|r| crate::rules::select::matches(r, &d.rule))
            {
                s.used[i] = true;
                silenced = true;
            }
        }
        if !silenced {
            out.push(d);
        }
    }
    for s in suppressions.iter().filter(|s| !s.vale) {
        for (i, used) in s.used.iter().enumerate() {
            let judged = s
                .rules
                .get(i)
                .is_none_or(|r| status(r) == RuleStatus::Enabled);
            if *used || !judged {
                continue;
            }
            let what = match s.rules.get(i) {
                Some(rule) => format!("`{rule}`"),
                None => "any rule".to_owned(),
            };
            let fixes = if s.rules.len() <= 1 && s.action != Action::Enable {
                removal(source, s.span.clone())
            } else {
                Vec::new()
            };
            out.push(meta(
                UNUSED,
                s.span.clone(),
                format!("unused suppression: {what} reports nothing here"),
                fixes,
            ));
        }
    }
    out.sort_by(|a, b| a.span.cmp(&b.span).then_with(|| a.rule.cmp(&b.rule)));
    out
}

/// The source range a reply's text came from.
fn reply_source_range(reply: &Reply) -> Range<usize> {
    reply.map.range(0..reply.text.len())
}

/// What each directive silences, in source offsets.
fn scopes(directives: &[Directive], source: &str, reply: Range<usize>) -> Vec<Suppression> {
    let mut out = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        let silences = match d.action {
            Action::File => reply.clone(),
            Action::NextLine => next_line(source, d.span.end),
            Action::Disable => {
                let end = directives[i + 1..]
                    .iter()
                    .find(|e| {
                        e.action == Action::Enable
                            && (e.rules.is_empty() || e.rules.iter().any(|r| d.rules.contains(r)))
                    })
                    .map_or(reply.end, |e| e.span.start);
                d.span.end..end
            }
            Action::Enable => continue,
        };
        out.push(Suppression {
            action: d.action,
            used: vec![false; d.rules.len().max(1)],
            rules: d.rules.clone(),
            span: d.span.clone(),
            silences,
            vale: d.vale,
        });
    }
    out
}

/// The next line after `offset` that has text, as a source range; the rest
/// of the directive's own line counts when it has text (`<!-- … --> text`).
fn next_line(source: &str, offset: usize) -> Range<usize> {
    let mut start = offset;
    loop {
        let end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        if !source[start..end].trim().is_empty() || end == source.len() {
            return start..end;
        }
        start = end + 1;
    }
}

/// A fix that deletes a whole-line directive, its line break included.
fn removal(source: &str, span: Range<usize>) -> Vec<Fix> {
    let line_start = source[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[span.end..]
        .find('\n')
        .map_or(source.len(), |i| span.end + i + 1);
    let alone = source[line_start..span.start].trim().is_empty()
        && source[span.end..line_end].trim().is_empty();
    if !alone {
        return Vec::new();
    }
    vec![Fix {
        span: Span::within(source, line_start..line_end),
        replacement: String::new(),
    }]
}

/// A finding of one of [`META_RULES`], at `span` of `source`.
pub(crate) fn meta_diagnostic(
    id: &str,
    source: &str,
    span: Range<usize>,
    message: String,
    fixes: Vec<Fix>,
    reply: Option<Arc<str>>,
) -> Diagnostic {
    let (level, help) = META_RULES
        .iter()
        .find(|m| m.id == id)
        .map_or((Level::Error, ""), |m| (m.level, m.help));
    Diagnostic {
        applicability: Applicability::Safe,
        rule: Arc::from(id),
        level,
        message,
        help: Arc::from(help),
        link: None,
        span: Span::within(source, span),
        fixes,
        reply,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::{self, KeySuppression};
    use crate::source::{Format, Source};

    fn reply(text: &str) -> Reply {
        let source = Source {
            name: "r.md".into(),
            text: text.into(),
            format: Format::Markdown,
            encoding: Default::default(),
        };
        let mut c = container::replies(&source, None).unwrap().unwrap();
        c.replies.remove(0)
    }

    /// A finding of `rule` on the first occurrence of `word`.
    fn finding(text: &str, rule: &str, word: &str) -> Diagnostic {
        let start = text.find(word).unwrap();
        meta_diagnostic(
            rule,
            text,
            start..start + word.len(),
            "x".into(),
            Vec::new(),
            None,
        )
    }

    fn status(r: &str) -> RuleStatus {
        match r {
            "tone/blame" | "tone/flat-no" | "tone/" => RuleStatus::Enabled,
            "clarity/jargon" => RuleStatus::Disabled,
            _ => RuleStatus::Unknown,
        }
    }

    fn run(text: &str, found: Vec<Diagnostic>, mode: Mode) -> Vec<(String, String)> {
        apply(&reply(text), text, found, mode, &status)
            .into_iter()
            .map(|d| (d.rule.to_string(), text[d.span.range()].to_owned()))
            .collect()
    }

    #[test]
    fn next_line_silences_only_the_next_line_with_text() {
        let text = "<!-- replylint-disable-next-line tone/blame -- quoting -->\n\nYou broke it.\nYou broke it again.\n";
        let found = vec![
            finding(text, "tone/blame", "You broke it."),
            finding(text, "tone/blame", "You broke it again"),
        ];
        let left = run(text, found, Mode::Repository);
        assert_eq!(left, [("tone/blame".into(), "You broke it again".into())]);
    }

    #[test]
    fn disable_runs_until_enable() {
        let text = "<!-- replylint-disable tone/ -- legal wording -->\nNo.\n<!-- replylint-enable -->\nNo!\n";
        let found = vec![
            finding(text, "tone/flat-no", "No."),
            finding(text, "tone/flat-no", "No!"),
        ];
        assert_eq!(
            run(text, found, Mode::Repository),
            [("tone/flat-no".into(), "No!".into())]
        );
    }

    #[test]
    fn a_suppression_that_silences_nothing_is_reported_with_a_removal() {
        let text = "Hi,\n<!-- replylint-disable-file tone/blame -- legacy -->\nAll good.\n";
        let r = reply(text);
        let out = apply(&r, text, Vec::new(), Mode::Repository, &status);
        assert_eq!(out.len(), 1);
        assert_eq!(&*out[0].rule, UNUSED);
        assert_eq!(out[0].fixes.len(), 1);
        let fix = &out[0].fixes[0];
        let mut fixed = text.to_owned();
        fixed.replace_range(fix.span.range(), &fix.replacement);
        assert_eq!(fixed, "Hi,\nAll good.\n");
    }

    #[test]
    fn suppressions_of_rules_that_did_not_run_are_not_judged() {
        let text =
            "<!-- replylint-disable-file clarity/jargon -- our readers are admins -->\nReboot.\n";
        assert!(run(text, Vec::new(), Mode::Repository).is_empty());
    }

    #[test]
    fn unknown_rules_and_missing_reasons_are_errors() {
        let text = "<!-- replylint-disable-file tone/blaem -- x -->\n<!-- replylint-disable-file tone/blame -->\n";
        let rules: Vec<String> = run(text, Vec::new(), Mode::Repository)
            .into_iter()
            .map(|(r, _)| r)
            .collect();
        assert_eq!(rules, [INVALID, INVALID]);
    }

    #[test]
    fn in_a_draft_directives_are_errors_and_silence_nothing() {
        let text = "<!-- replylint-disable-next-line tone/blame -- quoting -->\nYou broke it.\n";
        let found = vec![finding(text, "tone/blame", "You broke it.")];
        let rules: Vec<String> = run(text, found, Mode::PreSend)
            .into_iter()
            .map(|(r, _)| r)
            .collect();
        assert_eq!(rules, [IN_REPLY, "tone/blame"]);
    }

    #[test]
    fn the_reply_key_silences_its_reply_and_needs_a_reason() {
        let text = "No, we can't.\n";
        let mut r = reply(text);
        let key = |reason: Option<&str>| KeySuppression {
            rules: vec![("tone/flat-no".into(), 0..1)],
            reason: reason.map(str::to_owned),
            source: 0..2,
        };
        r.key_suppression = Some(key(Some("policy text")));
        let found = vec![finding(text, "tone/flat-no", "No")];
        assert!(apply(&r, text, found.clone(), Mode::Repository, &status).is_empty());
        r.key_suppression = Some(key(None));
        let out = apply(&r, text, found, Mode::Repository, &status);
        let rules: Vec<&str> = out.iter().map(|d| &*d.rule).collect();
        assert_eq!(rules, [INVALID, "tone/flat-no"]);
    }
}
