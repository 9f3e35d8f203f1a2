//! Dotted paths into a JSON record (`via.channel`, `comments.0.body`) and
//! how a value reads as text: a string as it is, a number or boolean as
//! written, anything else is not text.

use serde_json::Value;

/// The value at `path` in `value` (`a.b.0.c`), if there is one.
pub fn at<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    if path.is_empty() {
        return Some(value);
    }
    path.split('.').try_fold(value, |v, key| match v {
        Value::Object(map) => map.get(key),
        Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    })
}

/// A value as text for an id or a group: strings, numbers and booleans.
pub fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// What `value` is, for error messages ("a number", "an object"…).
pub fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_paths_walk_objects_and_lists() {
        let v: Value = serde_json::json!({"via": {"channel": "email"}, "tags": ["a", "b"], "n": 3});
        assert_eq!(at(&v, "via.channel"), Some(&Value::from("email")));
        assert_eq!(at(&v, "tags.1"), Some(&Value::from("b")));
        assert_eq!(at(&v, "via.nothing"), None);
        assert_eq!(as_text(at(&v, "n").unwrap()).as_deref(), Some("3"));
        assert_eq!(as_text(at(&v, "via").unwrap()), None);
    }
}
