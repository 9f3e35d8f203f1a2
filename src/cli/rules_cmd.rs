//! `replylint rules` (list), `replylint rules --blocks` (the building
//! blocks rules share) and `replylint rule ID` (explain).

use std::fmt::Write as _;

use super::args::{ColorChoice, ConfigArgs, RuleArgs};
use super::{load_rules, print_err, print_out, EXIT_CLEAN, EXIT_ERROR};
use crate::rules::{explain, select, RuleSet};
use crate::suppression::META_RULES;

/// Every rule `check` would run here, and the suppression stage's own.
pub fn list(args: &RuleArgs, config: &ConfigArgs) -> u8 {
    let Some(rules) = load_rules(args, config, ColorChoice::Auto) else {
        return EXIT_ERROR;
    };
    print_out(&table(&rows(&rules), |_| true), ColorChoice::Auto);
    EXIT_CLEAN
}

/// (id, level, description) of every rule and of the suppression stage's
/// own findings, which --select, --ignore and the configuration name like
/// any rule.
fn rows(rules: &RuleSet) -> Vec<(&str, &str, &str)> {
    let mut rows: Vec<(&str, &str, &str)> = rules
        .rules()
        .iter()
        // A Vale rule often has no description: its message says it.
        .map(|r| {
            let described = if r.description.is_empty() {
                &r.message
            } else {
                &r.description
            };
            (&*r.id, r.level.as_str(), described.as_str())
        })
        .collect();
    rows.extend(
        META_RULES
            .iter()
            .map(|m| (m.id, m.level.as_str(), m.description)),
    );
    rows
}

/// The rows whose id `keep` accepts, one per line, in columns.
fn table(rows: &[(&str, &str, &str)], keep: impl Fn(&str) -> bool) -> String {
    let kept: Vec<_> = rows.iter().filter(|r| keep(r.0)).collect();
    let width = kept.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (id, level, description) in kept {
        let _ = writeln!(out, "{id:width$}  {level:10}  {description}");
    }
    out
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

/// Explains rule `id`, a rule of the suppression stage, or lists the rules
/// under a prefix; the same rules `rules` lists and `check` runs.
pub fn explain(id: &str, args: &RuleArgs, config: &ConfigArgs) -> u8 {
    let Some(rules) = load_rules(args, config, ColorChoice::Auto) else {
        return EXIT_ERROR;
    };
    if let Some(rule) = rules.get(id) {
        print_out(&explain::rule(rule), ColorChoice::Auto);
        return EXIT_CLEAN;
    }
    if let Some(meta) = META_RULES.iter().find(|m| m.id == id) {
        print_out(&explain::meta(meta), ColorChoice::Auto);
        return EXIT_CLEAN;
    }
    let rows = rows(&rules);
    if rows.iter().any(|r| select::matches(id, r.0)) {
        print_out(
            &table(&rows, |rule| select::matches(id, rule)),
            ColorChoice::Auto,
        );
        return EXIT_CLEAN;
    }
    let known: Vec<String> = rows.iter().map(|r| r.0.to_owned()).collect();
    let hint = select::suggest(id, &known)
        .filter(|s| s != id)
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    print_err(
        &format!("error: unknown rule `{id}`{hint} (`replylint rules` lists them)\n"),
        ColorChoice::Auto,
    );
    EXIT_ERROR
}
