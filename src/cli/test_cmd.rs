//! `replylint test [DIR…]`: runs every rule's examples, shows each failure
//! with the expected and the flagged spans, exits 1 on any failure.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::args::{ColorChoice, RuleArgs};
use super::{load_rules, print_out, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::rules::examples::{test_rule, ExampleKind};

pub fn run(dirs: &[PathBuf]) -> u8 {
    let args = RuleArgs {
        rules: dirs.to_vec(),
        no_default_rules: !dirs.is_empty(),
        ..RuleArgs::default()
    };
    let Some(rules) = load_rules(
        &args,
        &super::args::ConfigArgs {
            isolated: true,
            ..Default::default()
        },
        ColorChoice::Auto,
    ) else {
        return EXIT_ERROR;
    };
    let mut out = String::new();
    let (mut passed, mut failed, mut failed_rules) = (0, 0, 0);
    for rule in rules.rules() {
        let result = test_rule(rule);
        passed += result.passed;
        failed += result.failures.len();
        if result.failures.is_empty() {
            let _ = writeln!(out, "ok    {} ({} examples)", rule.id, result.passed);
            continue;
        }
        failed_rules += 1;
        let _ = writeln!(out, "FAIL  {} ({})", rule.id, rule.origin);
        for f in &result.failures {
            let which = match f.kind {
                ExampleKind::Bad => "bad",
                ExampleKind::Good => "good",
            };
            let _ = writeln!(out, "      {which} example {}: {}", f.index + 1, f.reason);
            if !f.expected.is_empty() {
                let _ = writeln!(
                    out,
                    "        expected: {}",
                    f.expected.trim_end().replace('\n', "\n                  ")
                );
                let _ = writeln!(
                    out,
                    "        flagged:  {}",
                    f.actual.trim_end().replace('\n', "\n                  ")
                );
            }
        }
    }
    let _ = writeln!(
        out,
        "\nrule examples: {passed} passed, {failed} failed ({} rules, {failed_rules} failing)",
        rules.len()
    );
    print_out(&out, ColorChoice::Auto);
    if failed > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
