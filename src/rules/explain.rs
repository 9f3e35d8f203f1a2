//! A rule's documentation as Markdown: what `replylint rule ID` prints,
//! the language server's hover and the pre-send service's rule pages.

use std::fmt::Write as _;

use super::Rule;
use crate::suppression::MetaRule;

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
            super::TurnFilter::Any => "all",
            super::TurnFilter::First => "first replies only",
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

/// The documentation of one of replylint's own findings (`meta/…`).
pub fn meta_explanation(meta: &MetaRule) -> String {
    format!(
        "# {}\n\n{}\n\nLevel: {}. Raised by replylint's suppression stage.\n\n## What to do\n\n{}\n",
        meta.id,
        meta.description,
        meta.level.as_str(),
        meta.help
    )
}
