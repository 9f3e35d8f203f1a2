//! The per-reply `replylint:` key of a collection item or front matter:
//! `replylint: {ignore: [rule, …], reason: "…"}`, read from the value tree
//! with the span of every rule id so unknown or unused ids can be pointed at.

use super::tree::{Kind, Node};
use super::{ContainerError, KeySuppression};

/// The key's name in an item.
pub const KEY: &str = "replylint";

/// Reads `item`'s `replylint:` key. `Ok(None)` when there is none; an
/// ill-typed key (not a mapping, `ignore` not a list of strings, an unknown
/// field) is a located error.
pub fn suppression(item: &Node) -> Result<Option<KeySuppression>, ContainerError> {
    let Some(entry) = item.entry(KEY) else {
        return Ok(None);
    };
    let key = &entry.value;
    let Kind::Map(fields) = &key.kind else {
        return Err(ContainerError::at(
            format!(
                "`{KEY}` must be a mapping like `{{ignore: [rule-id], reason: \"…\"}}`, not {}",
                key.describe()
            ),
            key.span.clone(),
        ));
    };
    let mut rules = Vec::new();
    let mut reason = None;
    for field in fields {
        match field.key.as_str() {
            "ignore" => rules = rule_ids(&field.value)?,
            "reason" => {
                reason = Some(field.value.as_str().map(str::to_owned).ok_or_else(|| {
                    ContainerError::at(
                        format!(
                            "`{KEY}.reason` must be a string, not {}",
                            field.value.describe()
                        ),
                        field.value.span.clone(),
                    )
                })?)
            }
            other => {
                return Err(ContainerError::at(
                    format!("unknown field `{other}` in `{KEY}` (expected `ignore` or `reason`)"),
                    field.key_span.clone(),
                ))
            }
        }
    }
    if rules.is_empty() {
        return Err(ContainerError::at(
            format!("`{KEY}` needs `ignore: [rule-id, …]` naming the rules to suppress"),
            entry.key_span.clone(),
        ));
    }
    Ok(Some(KeySuppression {
        rules,
        reason,
        source: entry.span(),
    }))
}

fn rule_ids(ignore: &Node) -> Result<Vec<(String, std::ops::Range<usize>)>, ContainerError> {
    let Some(items) = ignore.as_list() else {
        return Err(ContainerError::at(
            format!(
                "`{KEY}.ignore` must be a list of rule ids, not {}",
                ignore.describe()
            ),
            ignore.span.clone(),
        ));
    };
    items
        .iter()
        .map(|item| match item.as_str() {
            Some(id) if !id.trim().is_empty() => Ok((id.trim().to_owned(), item.span.clone())),
            _ => Err(ContainerError::at(
                format!(
                    "`{KEY}.ignore` must hold rule ids (strings), not {}",
                    item.describe()
                ),
                item.span.clone(),
            )),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::json::parse::parse;

    #[test]
    fn reads_rule_ids_with_their_spans_and_the_reason() {
        let json = r#"{"replylint": {"ignore": ["tone/flat-no", "x"], "reason": "legal text"}}"#;
        let found = suppression(&parse(json).unwrap()).unwrap().unwrap();
        assert_eq!(found.rules.len(), 2);
        assert_eq!(found.rules[0].0, "tone/flat-no");
        assert_eq!(&json[found.rules[0].1.clone()], "\"tone/flat-no\"");
        assert_eq!(found.reason.as_deref(), Some("legal text"));
        assert_eq!(&json[found.source.clone()], &json[1..json.len() - 1]);
    }

    #[test]
    fn no_key_is_no_suppression() {
        assert_eq!(suppression(&parse(r#"{"a": 1}"#).unwrap()), Ok(None));
    }

    #[test]
    fn ill_typed_keys_are_located_errors() {
        let cases = [
            (r#"{"replylint": "tone/flat-no"}"#, "\"tone/flat-no\""),
            (r#"{"replylint": {"ignore": "x"}}"#, "\"x\""),
            (r#"{"replylint": {"ignore": [1]}}"#, "1"),
            (r#"{"replylint": {"ignore": ["x"], "reason": 2}}"#, "2"),
            (r#"{"replylint": {"ignroe": ["x"]}}"#, "\"ignroe\""),
            (r#"{"replylint": {"reason": "why"}}"#, "\"replylint\""),
        ];
        for (json, at) in cases {
            let error = suppression(&parse(json).unwrap()).unwrap_err();
            assert_eq!(&json[error.span.clone().unwrap()], at, "{json}");
        }
    }
}
