//! `placeholder`: checks a reply's template placeholders rather than its
//! prose. `check:` picks one of:
//! - `unknown-variable`: a variable the configured helpdesk does not fill
//!   (and the context does not allow), or a syntax it does not fill at all;
//!   silent without placeholder settings. Typos get a "did you mean", and a
//!   fix when the closest variable is clear.
//! - `greeting-without-fallback`: a placeholder in the greeting ("Hi
//!   {{…first_name}},") with no fallback, in a syntax that offers one; a
//!   Liquid condition on the same variable counts as a fallback.
//! - `liquid-blocks`: Liquid blocks that do not open and close in pairs.

use std::collections::HashSet;
use std::ops::Range;

use super::error::{LoadError, RuleSource};
use super::file::{PlaceholderCheck, RuleFile};
use super::{Checker, Finding, Haystack};
use crate::document::is_greeting;
use crate::placeholder::catalogue::Fallback;
use crate::placeholder::{liquid, matches_pattern, Catalogue, Placeholder, Syntax, Variable};

#[derive(Debug)]
pub struct PlaceholderRule {
    check: PlaceholderCheck,
}

impl PlaceholderRule {
    pub fn compile(source: &RuleSource, file: &RuleFile) -> Result<Self, LoadError> {
        let Some(check) = &file.check else {
            return Err(source
                .error_at(&file.extends, "a `placeholder` rule needs `check`")
                .with_help(
                    "`check` is one of unknown-variable, greeting-without-fallback, liquid-blocks",
                ));
        };
        Ok(PlaceholderRule { check: check.value })
    }
}

impl Checker for PlaceholderRule {
    /// The checks are written in code over the placeholders the reply
    /// model found, with no regex of the rule's own.
    fn patterns(&self) -> Vec<String> {
        Vec::new()
    }

    fn check(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        match self.check {
            PlaceholderCheck::UnknownVariable => unknown_variables(hay, out),
            PlaceholderCheck::GreetingWithoutFallback => greetings_without_fallback(hay, out),
            PlaceholderCheck::LiquidBlocks => liquid_blocks(hay, out),
        }
    }
}

/// The configured helpdesk's catalogue, if one is configured.
fn catalogue(hay: &Haystack<'_>) -> Option<&'static Catalogue> {
    let helpdesk = hay.context.placeholders.as_ref()?.helpdesk.as_deref()?;
    Catalogue::get(helpdesk)
}

fn unknown_variables(hay: &Haystack<'_>, out: &mut Vec<Finding>) {
    let Some(settings) = hay.context.placeholders.as_ref() else {
        return;
    };
    let catalogue = catalogue(hay);
    if catalogue.is_none() && settings.allow.is_empty() {
        return;
    }
    let placeholders = hay.placeholders();
    // Loop variables, assignments and captures are the template's own.
    let locals: HashSet<&str> = placeholders
        .iter()
        .filter_map(|p| p.tag.as_ref())
        .flat_map(|t| t.declares.iter().map(String::as_str))
        .chain(["forloop", "tablerowloop"])
        .collect();
    for p in placeholders {
        if let Some(c) = catalogue {
            if !c.fills(p.syntax) {
                out.push(Finding {
                    span: p.span.clone(),
                    fixes: Vec::new(),
                    unsafe_fix: false,
                    note: Some(format!(
                        "{} does not fill {} placeholders: the customer would see it as written.",
                        c.name,
                        p.syntax.written()
                    )),
                    args: Vec::new(),
                });
                continue;
            }
        } else if p.syntax == Syntax::RequestTracker {
            continue;
        }
        let variables: Vec<&Variable> = match &p.tag {
            Some(tag) => tag.reads.iter().collect(),
            None => p.variable.iter().collect(),
        };
        for variable in variables {
            if locals.contains(variable.root()) {
                continue;
            }
            let path = variable.normalized();
            let allowed = settings.allow.iter().any(|a| matches_pattern(a, &path));
            if allowed || catalogue.is_some_and(|c| c.knows(&path)) {
                continue;
            }
            out.push(unknown(variable, &path, catalogue));
        }
    }
}

fn unknown(variable: &Variable, path: &str, catalogue: Option<&Catalogue>) -> Finding {
    let mut finding = Finding::at(variable.span.clone());
    finding.note = Some(match catalogue {
        None => "It is not in the allowed variables.".to_owned(),
        Some(c) => match c.suggest(path) {
            Some(suggestion) => {
                // A path with index segments is not replaced wholesale.
                if suggestion.confident && path == variable.path {
                    // A guess at the variable meant: a person confirms it.
                    finding.fixes.push(suggestion.path.clone());
                    finding.unsafe_fix = true;
                }
                format!("Did you mean `{}`?", suggestion.path)
            }
            None => format!("{} has no such variable.", c.name),
        },
    });
    finding
}

/// Placeholders in the greeting with no fallback.
fn greetings_without_fallback(hay: &Haystack<'_>, out: &mut Vec<Finding>) {
    let catalogue = catalogue(hay);
    if catalogue.is_some_and(|c| c.fallback == Fallback::None) {
        return;
    }
    let placeholders = hay.placeholders();
    if placeholders.is_empty() {
        return;
    }
    let prose = hay.doc.prose();
    let lines = leading_lines(prose);
    let guarded = liquid::guarded(placeholders);
    for (p, guarded) in placeholders.iter().zip(guarded) {
        let needs_fallback = p.tag.is_none()
            && p.variable.is_some()
            && p.syntax.offers_fallback()
            && !p.has_fallback()
            && !guarded
            && catalogue.is_none_or(|c| c.fills(p.syntax));
        if !needs_fallback {
            continue;
        }
        let Some(line) = lines.iter().find(|l| l.contains(&p.span.start)) else {
            continue;
        };
        let before = &prose[line.start..p.span.start];
        let in_greeting =
            before.split_whitespace().count() <= 3 && is_greeting(&prose[line.start..p.span.end]);
        if in_greeting {
            let mut finding = Finding::at(p.span.clone());
            finding.fixes.extend(fallback_fix(p, catalogue));
            // The fallback word is new text the customer reads.
            finding.unsafe_fix = true;
            out.push(finding);
        }
    }
}

/// The first lines of prose: every greeting-only line and the first line
/// that is not one (which may start with a greeting: "Hi {{…}}, thanks…").
fn leading_lines(prose: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for piece in prose.split_inclusive('\n') {
        let line = offset..offset + piece.trim_end().len();
        offset += piece.len();
        if piece.trim().is_empty() {
            continue;
        }
        let greeting_only = is_greeting(&prose[line.clone()]);
        lines.push(line);
        if !greeting_only || lines.len() > 8 {
            break;
        }
    }
    lines
}

/// The placeholder rewritten with a fallback, when there is one way to.
fn fallback_fix(p: &Placeholder, catalogue: Option<&Catalogue>) -> Option<String> {
    let variable = p.variable.as_ref()?;
    if p.has_filters || p.fallback.is_some() {
        return None;
    }
    let helpdesk_template = catalogue.and_then(|c| match &c.fallback {
        Fallback::Template(t) => Some(t.as_str()),
        _ => None,
    });
    helpdesk_template
        .into_iter()
        .chain(p.syntax.fallback_template())
        .map(|t| t.replace("%v", &variable.path))
        .find(|fix| {
            let parsed = crate::placeholder::parse(fix);
            parsed.len() == 1 && parsed[0].syntax == p.syntax && parsed[0].has_fallback()
        })
}

fn liquid_blocks(hay: &Haystack<'_>, out: &mut Vec<Finding>) {
    for problem in liquid::block_problems(hay.placeholders()) {
        let mut finding = Finding::at(problem.span);
        finding.note = Some(format!("{}.", problem.reason));
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::super::load::parse_rule;
    use super::super::{engine, Context, PlaceholderSettings};
    use crate::diagnostic::Diagnostic;
    use crate::document::{Document, Markup};

    fn run(check: &str, text: &str, context: &Context) -> Vec<Diagnostic> {
        let yaml = format!("extends: placeholder\nmessage: \"'%s' is wrong.\"\ncheck: {check}\n");
        let rule = parse_rule(
            "template/t",
            "t.yml",
            &yaml,
            &crate::rules::blocks::Blocks::default(),
        )
        .unwrap();
        engine::check(&Document::new(text, Markup::Plain), [&rule], context)
    }

    fn helpdesk(name: &str, allow: &[&str]) -> Context {
        Context {
            placeholders: Some(PlaceholderSettings {
                helpdesk: Some(name.to_owned()),
                allow: allow.iter().map(|s| s.to_string()).collect(),
            }),
            vocabulary: Vec::new(),
        }
    }

    #[test]
    fn unknown_variables_get_a_suggestion_and_a_fix() {
        let text = "Hi {{ticket.requestor.frist_name}}, see {{ticket.foo_bar_baz}}.";
        let found = run("unknown-variable", text, &helpdesk("zendesk", &[]));
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(&text[found[0].span.range()], "ticket.requestor.frist_name");
        assert!(
            found[0]
                .message
                .ends_with("Did you mean `ticket.requester.first_name`?"),
            "{}",
            found[0].message
        );
        assert_eq!(found[0].fixes[0].replacement, "ticket.requester.first_name");
        assert!(found[1].fixes.is_empty());
        assert!(found[1].message.contains("Zendesk"), "{}", found[1].message);
    }

    #[test]
    fn unknown_variables_need_settings_and_respect_allow() {
        let text = "Hi {{ticket.requestor.frist_name}}, your code is {{shop.code}}.";
        assert!(run("unknown-variable", text, &Context::default()).is_empty());
        let found = run("unknown-variable", text, &helpdesk("zendesk", &["shop.*"]));
        assert_eq!(found.len(), 1);
        let allow_only = Context {
            placeholders: Some(PlaceholderSettings {
                helpdesk: None,
                allow: vec!["ticket.requestor.frist_name".into()],
            }),
            vocabulary: Vec::new(),
        };
        let found = run("unknown-variable", text, &allow_only);
        assert_eq!(&text[found[0].span.range()], "shop.code");
    }

    #[test]
    fn syntaxes_the_helpdesk_does_not_fill_are_flagged_whole() {
        let text = "Hi %{ticket.name.first}, thanks.";
        let found = run("unknown-variable", text, &helpdesk("zendesk", &[]));
        assert_eq!(&text[found[0].span.range()], "%{ticket.name.first}");
        assert!(found[0].message.contains("`%{…}`"), "{}", found[0].message);
        assert!(run("unknown-variable", text, &helpdesk("osticket", &[])).is_empty());
    }

    #[test]
    fn placeholders_in_quoted_history_are_not_checked() {
        let text = "Thanks, fixed.\n\n> Hi {{ticket.requestor.name}},\n> {% if x %}\n";
        assert!(run("unknown-variable", text, &helpdesk("zendesk", &[])).is_empty());
        assert!(run("liquid-blocks", text, &Context::default()).is_empty());
    }

    #[test]
    fn greetings_get_a_fix_in_the_helpdesk_syntax() {
        let text = "Hi {%customer.firstName%},\n\nThanks for writing in.";
        let found = run("greeting-without-fallback", text, &Context::default());
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].fixes[0].replacement,
            "{%customer.firstName,fallback=there%}"
        );
        assert!(run(
            "greeting-without-fallback",
            text,
            &helpdesk("freescout", &[])
        )
        .is_empty());
        let text = "Hey {{contact.first_name}}, good news!";
        let found = run(
            "greeting-without-fallback",
            text,
            &helpdesk("chatwoot", &[]),
        );
        assert_eq!(
            found[0].fixes[0].replacement,
            "{{contact.first_name || 'there'}}"
        );
        let found = run("greeting-without-fallback", text, &Context::default());
        assert!(found[0].fixes.is_empty(), "Liquid has no single fallback");
    }

    #[test]
    fn only_the_greeting_is_checked() {
        for text in [
            "Thanks for waiting.\n\nHi {{ticket.requester.first_name}}, welcome back.",
            "Hi there, your order {{ticket.id}} has shipped.",
            "Hello #{ticket.customer.firstname},",
        ] {
            assert!(
                run("greeting-without-fallback", text, &Context::default()).is_empty(),
                "{text}"
            );
        }
        let text = "Hi {{ticket.requester.first_name}}, thanks for writing in.";
        assert_eq!(
            run("greeting-without-fallback", text, &Context::default()).len(),
            1
        );
    }

    #[test]
    fn liquid_block_findings_say_why() {
        let text = "{% if a %}Hi{% endfor %}";
        let found = run("liquid-blocks", text, &Context::default());
        assert_eq!(&text[found[0].span.range()], "{% endfor %}");
        assert!(found[0]
            .message
            .starts_with("'{% endfor %}' is wrong. `{% endfor %}` cannot close"));
    }
}
