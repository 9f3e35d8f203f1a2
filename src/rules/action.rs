//! `action:` (Vale's key): what a rule's fix does to the flagged text.
//! `replace` offers its `params`, `remove` deletes the text, `edit`
//! rewrites it (`regex`, `trim`, `trim_left`, `trim_right`, `truncate`,
//! `split`) and `convert` changes its case. `suggest` (a spelling list or
//! a script) offers no fix here.

use regex::Regex;

use super::error::{LoadError, RuleSource};
use super::file::ActionFile;

/// A compiled `action:`.
#[derive(Clone, Debug)]
pub enum Action {
    /// Offer each parameter; none given: the rule's own replacements
    /// (a substitution's swap).
    Replace(Vec<String>),
    Remove,
    Edit(Edit),
    /// `convert: simple` (or any other case name): lower-case text.
    Convert,
    /// No fix offered.
    Suggest,
}

/// An `edit` action.
#[derive(Clone, Debug)]
pub enum Edit {
    Regex(Regex, String),
    Trim(String),
    TrimLeft(String),
    TrimRight(String),
    Truncate(String),
    Split(String, usize),
}

impl Action {
    pub fn compile(source: &RuleSource, file: &ActionFile) -> Result<Action, LoadError> {
        let params = &file.params;
        let wrong_count = |n: usize| {
            source
                .error_at(
                    &file.name,
                    format!("`{}` takes {n} `params`", file.name.value),
                )
                .with_help(format!("`params` has {} here", params.len()))
        };
        Ok(match file.name.value.as_str() {
            "replace" => Action::Replace(params.clone()),
            "remove" => Action::Remove,
            "convert" => Action::Convert,
            "suggest" => Action::Suggest,
            "edit" => {
                let Some(op) = params.first() else {
                    return Err(source
                        .error_at(&file.name, "`edit` needs `params`")
                        .with_help(
                            "such as [regex, pattern, replacement] or [trim_right, chars]",
                        ));
                };
                let arg = |n: usize| -> Result<&String, LoadError> {
                    if params.len() == n + 1 {
                        Ok(&params[1])
                    } else {
                        Err(wrong_count(n + 1))
                    }
                };
                Action::Edit(match op.as_str() {
                    "regex" => {
                        arg(2)?;
                        let regex = Regex::new(&params[1]).map_err(|e| {
                            source
                                .error_at(&file.name, format!("invalid regex `{}`", params[1]))
                                .with_label(e.to_string())
                        })?;
                        Edit::Regex(regex, params[2].clone())
                    }
                    "trim" => Edit::Trim(arg(1)?.clone()),
                    "trim_left" => Edit::TrimLeft(arg(1)?.clone()),
                    "trim_right" => Edit::TrimRight(arg(1)?.clone()),
                    "truncate" => Edit::Truncate(arg(1)?.clone()),
                    "split" => {
                        arg(2)?;
                        let index = params[2].parse().map_err(|_| {
                            source.error_at(&file.name, "`split` needs an index as its last param")
                        })?;
                        Edit::Split(params[1].clone(), index)
                    }
                    other => {
                        return Err(source
                            .error_at(&file.name, format!("unknown edit `{other}`"))
                            .with_help(
                                "edits are regex, trim, trim_left, trim_right, truncate and split",
                            ))
                    }
                })
            }
            other => {
                return Err(source
                    .error_at(&file.name, format!("unknown action `{other}`"))
                    .with_help("actions are replace, remove, edit, convert and suggest"))
            }
        })
    }

    /// The replacements offered for `matched`; empty when there is no fix
    /// (`suggest`, or `replace` without params, whose replacements the rule
    /// kind gives).
    pub fn fixes(&self, matched: &str) -> Vec<String> {
        match self {
            Action::Replace(params) => params.clone(),
            Action::Remove => vec![String::new()],
            Action::Convert => vec![matched.to_lowercase()],
            Action::Suggest => Vec::new(),
            Action::Edit(edit) => vec![edit.apply(matched).trim().to_owned()],
        }
    }
}

impl Edit {
    fn apply(&self, matched: &str) -> String {
        let set = |chars: &str| -> Vec<char> { chars.chars().collect() };
        match self {
            Edit::Regex(regex, replacement) => regex
                .replace_all(matched, replacement.as_str())
                .into_owned(),
            Edit::Trim(chars) => matched.trim_matches(set(chars).as_slice()).to_owned(),
            Edit::TrimLeft(chars) => matched.trim_start_matches(set(chars).as_slice()).to_owned(),
            Edit::TrimRight(chars) => matched.trim_end_matches(set(chars).as_slice()).to_owned(),
            Edit::Truncate(at) => matched.split(at.as_str()).next().unwrap_or("").to_owned(),
            Edit::Split(at, index) => matched
                .split(at.as_str())
                .nth(*index)
                .unwrap_or(matched)
                .to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(yaml: &str) -> Result<Action, LoadError> {
        let file: ActionFile = serde_saphyr::from_str(yaml).unwrap();
        Action::compile(&RuleSource::new("a.yml", yaml), &file)
    }

    #[test]
    fn each_action_rewrites_the_match() {
        let fixes = |yaml: &str, matched: &str| action(yaml).unwrap().fixes(matched);
        assert_eq!(fixes("name: remove", "very"), [""]);
        assert_eq!(fixes("name: replace\nparams: [a, b]", "x"), ["a", "b"]);
        assert_eq!(fixes("name: convert\nparams: [simple]", "Cloud"), ["cloud"]);
        assert_eq!(
            fixes("name: edit\nparams: [trim_right, '.?!']", "Heading!"),
            ["Heading"]
        );
        assert_eq!(fixes("name: edit\nparams: [trim, ' ']", " a "), ["a"]);
        assert_eq!(
            fixes("name: edit\nparams: [truncate, ' ']", "key (s)"),
            ["key"]
        );
        assert_eq!(
            fixes("name: edit\nparams: [split, '-', '1']", "auto-scale"),
            ["scale"]
        );
        assert_eq!(
            fixes(
                "name: edit\nparams: [regex, '(\\w+)-(\\w+)', '${1}${2}']",
                "auto-scale"
            ),
            ["autoscale"]
        );
        assert!(fixes("name: suggest\nparams: [spellings]", "teh").is_empty());
    }

    #[test]
    fn bad_actions_are_errors() {
        assert!(action("name: explode").is_err());
        assert!(action("name: edit").is_err());
        assert!(action("name: edit\nparams: [trim]").is_err());
        assert!(action("name: edit\nparams: [regex, '(', x]").is_err());
        assert!(action("name: edit\nparams: [split, '-', one]").is_err());
    }
}
