//! `replylint rules` (list), `replylint rules --blocks` (the building
//! blocks rules share) and `replylint rule ID` (explain).

use std::fmt::Write as _;

use super::args::{ColorChoice, RuleArgs};
use super::{load_rules, print_err, print_out, EXIT_CLEAN, EXIT_ERROR};
use crate::rules::{select, Rule};
use crate::suppression::META_RULES;

pub fn list(args: &RuleArgs) -> u8 {
    let Some(rules) = load_rules(args, ColorChoice::Auto) else {
        return EXIT_ERROR;
    };
    let mut rows: Vec<(&str, &str, &str)> = rules
        .rules()
        .iter()
        .map(|r| (&*r.id, r.level.as_str(), &*r.description))
        .collect();
    // The suppression stage's own findings, which --select and --ignore
    // and the configuration name like any rule.
    rows.extend(
        META_RULES
            .iter()
            .map(|m| (m.id, m.level.as_str(), m.description)),
    );
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (id, level, description) in rows {
        let _ = writeln!(out, "{id:width$}  {level:10}  {description}");
    }
    print_out(&out, ColorChoice::Auto);
    EXIT_CLEAN
}

/// The default pack's building blocks: name and number of alternatives.
pub fn blocks(args: &RuleArgs) -> u8 {
    if !args.rules.is_empty() {
        print_err(
            "note: a pack's own blocks.yml is not listed; its blocks are in the file\n",
            ColorChoice::Auto,
        );
    }
    let blocks = crate::rules::pack::blocks();
    let names = blocks.names();
    let width = names.iter().map(|n| n.len()).max().unwrap_or(0);
    let mut out = String::new();
    for name in names {
        let count = blocks.alternatives(name);
        let _ = writeln!(
            out,
            "%{{{name}}}{:pad$}  {count} alternatives",
            "",
            pad = width - name.len()
        );
    }
    let _ = writeln!(
        out,
        "\nDefined in rules/blocks.yml; a rule writes %{{name}} to use one."
    );
    print_out(&out, ColorChoice::Auto);
    EXIT_CLEAN
}

pub fn explain(id: &str, args: &RuleArgs) -> u8 {
    let Some(rules) = load_rules(args, ColorChoice::Auto) else {
        return EXIT_ERROR;
    };
    match rules.get(id) {
        Some(rule) => {
            print_out(&explanation(rule), ColorChoice::Auto);
            EXIT_CLEAN
        }
        None => {
            let known: Vec<String> = rules.rules().iter().map(|r| r.id.to_string()).collect();
            let hint = select::suggest(id, &known)
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            print_err(
                &format!("error: unknown rule `{id}`{hint}\n"),
                ColorChoice::Auto,
            );
            EXIT_ERROR
        }
    }
}

/// A rule's documentation, as Markdown.
pub fn explanation(rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", rule.id);
    let _ = writeln!(out, "{}\n", rule.description);
    let _ = writeln!(
        out,
        "Level: {}. Kind: {}. Scope: {}. Replies judged: {}. Defined in {}.\n",
        rule.level.as_str(),
        rule.kind.as_str(),
        rule.scope.as_str(),
        match rule.turn {
            crate::rules::TurnFilter::Any => "all",
            crate::rules::TurnFilter::First => "first replies only",
        },
        rule.origin
    );
    let _ = writeln!(out, "## What to write instead\n\n{}\n", rule.help);
    let _ = writeln!(out, "## Flagged\n");
    for bad in &rule.examples.bad {
        let _ = writeln!(out, "- {}", bad.trim_end().replace('\n', "\n  "));
    }
    let _ = writeln!(out, "\n## Not flagged\n");
    for good in &rule.examples.good {
        let _ = writeln!(out, "- {}", good.trim_end().replace('\n', "\n  "));
    }
    if let Some(link) = &rule.link {
        let _ = writeln!(out, "\nSee {link}");
    }
    out
}
