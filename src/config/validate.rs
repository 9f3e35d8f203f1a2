//! Checks of a loaded configuration that need the caller's knowledge: the
//! rules that exist once every pack is loaded, and the helpdesks whose
//! placeholder syntax replylint knows. Errors are located where the value
//! is written, in whichever file of the `extend` chain that is.

use super::resolve::{Located, Origin};
use super::Config;
use crate::rules::select::{matches, suggest};
use crate::rules::LoadError;

impl Config {
    /// An error for every rule id or prefix of `select`, `ignore`,
    /// `extend-select`, `level` and `per-file-ignores` that matches none of
    /// `known_ids`, with the closest known id or prefix as a suggestion.
    pub fn check_rule_ids(&self, known_ids: &[String]) -> Vec<LoadError> {
        let mut errors = Vec::new();
        let mut reported: Vec<&Origin> = Vec::new();
        for written in &self.resolved.traced.rule_ids {
            let known = known_ids.iter().any(|id| matches(&written.value, id));
            if known || reported.contains(&&written.origin) {
                continue;
            }
            reported.push(&written.origin);
            let mut error = self.error_at(
                written,
                format!("unknown rule or prefix `{}`", written.value),
            );
            error = error.with_label("no loaded rule has this id or prefix");
            if let Some(near) = suggest(&written.value, known_ids) {
                error = error.with_help(format!("did you mean `{near}`?"));
            }
            errors.push(error);
        }
        errors
    }

    /// An error when `placeholders` names a helpdesk not in `known` (compared
    /// without regard to ASCII case), with the closest one or the list.
    pub fn check_helpdesk(&self, known: &[&str]) -> Option<LoadError> {
        let written = self.resolved.traced.helpdesk.as_ref()?;
        if known.iter().any(|k| k.eq_ignore_ascii_case(&written.value)) {
            return None;
        }
        let names: Vec<String> = known.iter().map(|k| (*k).to_owned()).collect();
        let lower = written.value.to_ascii_lowercase();
        let help = match super::error::did_you_mean(&lower, &names) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("known helpdesks: {}", names.join(", ")),
        };
        Some(
            self.error_at(written, format!("unknown helpdesk `{}`", written.value))
                .with_help(help),
        )
    }

    fn error_at<T>(&self, written: &Located<T>, message: String) -> LoadError {
        let (_, source) = &self.sources[written.origin.layer];
        match &written.origin.span {
            Some(span) => source.error_at_range(span.clone(), message),
            None => source.error(message),
        }
    }
}
