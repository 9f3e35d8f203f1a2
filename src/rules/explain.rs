//! A rule's documentation as Markdown: what `replylint rule ID` prints and
//! what the language server shows on hover and the pre-send service's
//! rule pages.

use std::fmt::Write as _;

use super::{Rule, TurnFilter};
use crate::suppression::{MetaRule, META_RULES};

/// A rule's documentation: description, level and kind, what to write
/// instead, its examples and its link.
pub fn rule(rule: &Rule) -> String {
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
            TurnFilter::Any => "all",
            TurnFilter::First => "first replies only",
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

/// The documentation of one of replylint's own findings.
pub fn meta(meta: &MetaRule) -> String {
    format!(
        "# {}\n\n{}\n\nLevel: {}. Raised by replylint's suppression stage.\n\n## What to do\n\n{}\n",
        meta.id,
        meta.description,
        meta.level.as_str(),
        meta.help
    )
}

/// The documentation of rule `id` of `rules`, or of the meta rule `id`.
pub fn by_id(rules: &super::RuleSet, id: &str) -> Option<String> {
    if let Some(found) = rules.get(id) {
        return Some(rule(found));
    }
    META_RULES.iter().find(|m| m.id == id).map(meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_rules_are_explained() {
        let set = super::super::RuleSet::new(Vec::new());
        let text = by_id(&set, crate::suppression::UNUSED).expect("a meta rule");
        assert!(text.starts_with("# meta/unused-suppression\n"));
        assert!(text.contains("## What to do"));
        assert!(by_id(&set, "no/such-rule").is_none());
    }
}
