//! Suppression directives: the comments that silence rules, parsed.
//!
//! ```text
//! <!-- replylint-disable-next-line tone/flat-no -- the customer asked for a plain no -->
//! <!-- replylint-disable tone/ clarity/jargon -- reason -->  …  <!-- replylint-enable -->
//! <!-- replylint-disable-file template/placeholder -- reason -->
//! ```
//!
//! Rules are ids or namespace prefixes (`tone/`), separated by spaces or
//! commas; none means every rule. The reason follows ` -- ` and is required
//! on every directive that disables (not on `enable`).
//!
//! Vale's comments are directives too, as Vale reads them (no reason, and
//! never reported unused):
//!
//! ```text
//! <!-- vale off -->  …  <!-- vale on -->
//! <!-- vale Style.Rule = NO -->  …  <!-- vale Style.Rule = YES -->
//! <!-- vale Style = NO -->
//! ```

use std::ops::Range;

/// What a directive does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Silences the next line that has text.
    NextLine,
    /// Silences from here to the matching `enable` or the end of the reply.
    Disable,
    /// Ends a `disable`.
    Enable,
    /// Silences the whole reply.
    File,
}

impl Action {
    pub fn keyword(self) -> &'static str {
        match self {
            Action::NextLine => "replylint-disable-next-line",
            Action::Disable => "replylint-disable",
            Action::Enable => "replylint-enable",
            Action::File => "replylint-disable-file",
        }
    }
}

/// A parsed directive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub action: Action,
    /// Rule ids or prefixes; empty means every rule.
    pub rules: Vec<String>,
    pub reason: Option<String>,
    /// The comment holding the directive, in the source.
    pub span: Range<usize>,
    /// A Vale comment (`vale off`, `vale Style.Rule = NO`).
    pub vale: bool,
}

/// Parses a comment body. `None`: not a directive (an ordinary comment).
/// `Some(Err)`: a directive that is malformed, with why.
pub fn parse(body: &str, span: Range<usize>) -> Option<Result<Directive, String>> {
    let body = body.trim();
    if let Some(rest) = body.strip_prefix("vale ") {
        return vale(rest.trim(), span).map(Ok);
    }
    let rest = body.strip_prefix("replylint-")?;
    let word_end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
    let keyword = &body[..10 + word_end];
    let action = match keyword {
        "replylint-disable-next-line" => Action::NextLine,
        "replylint-disable" => Action::Disable,
        "replylint-enable" => Action::Enable,
        "replylint-disable-file" => Action::File,
        other => {
            return Some(Err(format!(
                "unknown directive `{other}`; expected replylint-disable-next-line, \
                 replylint-disable, replylint-enable or replylint-disable-file"
            )))
        }
    };
    let rest = &rest[word_end..];
    let (rules, reason) = match rest.find("--") {
        Some(i) => (&rest[..i], Some(rest[i + 2..].trim())),
        None => (rest, None),
    };
    let reason = reason.filter(|r| !r.is_empty()).map(str::to_owned);
    if reason.is_none() && action != Action::Enable {
        return Some(Err(format!(
            "`{keyword}` needs a reason: `{keyword} RULE -- why this reply may break the rule`"
        )));
    }
    let rules = rules
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
        .collect();
    Some(Ok(Directive {
        action,
        rules,
        reason,
        span,
        vale: false,
    }))
}

/// A Vale comment after `vale `: `off`, `on`, or `Style.Rule = NO|YES`
/// (several, comma-separated, take the first's action). Anything else is
/// an ordinary comment, as in Vale.
fn vale(rest: &str, span: Range<usize>) -> Option<Directive> {
    let (action, rules) = match rest {
        "off" => (Action::Disable, Vec::new()),
        "on" => (Action::Enable, Vec::new()),
        _ => {
            let mut action = None;
            let mut rules = Vec::new();
            for assignment in rest.split(',') {
                let (rule, value) = assignment.split_once('=')?;
                let this = match value.trim() {
                    "NO" => Action::Disable,
                    "YES" => Action::Enable,
                    _ => return None,
                };
                action.get_or_insert(this);
                rules.push(rule.trim().to_owned());
            }
            (action?, rules)
        }
    };
    Some(Directive {
        action,
        rules,
        reason: Some(format!("vale {rest}")),
        span,
        vale: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(body: &str) -> Directive {
        parse(body, 0..1).unwrap().unwrap()
    }

    #[test]
    fn directives_name_rules_and_a_reason() {
        let d = ok(" replylint-disable-next-line tone/flat-no, clarity/ -- asked for a plain no ");
        assert_eq!(d.action, Action::NextLine);
        assert_eq!(d.rules, ["tone/flat-no", "clarity/"]);
        assert_eq!(d.reason.as_deref(), Some("asked for a plain no"));
        assert_eq!(ok("replylint-disable-file -- legal text").rules.len(), 0);
        assert_eq!(ok("replylint-enable tone/blame").action, Action::Enable);
    }

    #[test]
    fn ordinary_comments_are_not_directives() {
        assert!(parse(" TODO: shorten ", 0..1).is_none());
        assert!(parse("replylint is great", 0..1).is_none());
    }

    #[test]
    fn a_reason_is_required_except_to_enable() {
        let err = parse("replylint-disable tone/blame", 0..1)
            .unwrap()
            .unwrap_err();
        assert!(err.contains("needs a reason"), "{err}");
        assert!(parse("replylint-disable tone/blame --  ", 0..1)
            .unwrap()
            .is_err());
        assert!(parse("replylint-enable", 0..1).unwrap().is_ok());
    }

    #[test]
    fn vale_comments_are_directives_without_reasons() {
        let off = ok("vale off");
        assert_eq!(
            (off.action, off.rules.len(), off.vale),
            (Action::Disable, 0, true)
        );
        assert_eq!(ok(" vale on ").action, Action::Enable);
        let rule = ok("vale Google.Passive = NO");
        assert_eq!(
            (rule.action, rule.rules),
            (Action::Disable, vec!["Google.Passive".into()])
        );
        assert_eq!(ok("vale Google = YES").action, Action::Enable);
        assert!(parse("vale is a linter", 0..1).is_none());
        assert!(parse("vale Google.Passive = maybe", 0..1).is_none());
    }

    #[test]
    fn unknown_directives_are_errors() {
        let err = parse("replylint-disabel tone/blame -- x", 0..1)
            .unwrap()
            .unwrap_err();
        assert!(err.contains("`replylint-disabel`"), "{err}");
    }
}
