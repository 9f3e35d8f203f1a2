//! Configuration errors: [`LoadError`]s located at the file, line and
//! column of the offending value, rendered like rule-file errors. Also
//! reading a configuration file (invalid UTF-8 is located too) and parsing
//! it, with a "did you mean" for misspelt keys.

use std::path::Path;

use super::file::ConfigFile;
use super::paths;
use crate::rules::error::RuleSource;
use crate::rules::{load, LoadError};

/// Configuration files larger than this are refused.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// An error about a file as a whole (not found, unreadable).
pub fn whole_file(path: &Path, message: impl Into<String>) -> LoadError {
    LoadError {
        path: paths::shown(path),
        text: None,
        span: None,
        message: message.into(),
        label: None,
        help: None,
        rule: None,
        unsupported: false,
    }
}

/// Reads a configuration file. Invalid UTF-8 is an error located at the
/// first bad byte (shown as U+FFFD in the excerpt).
pub fn read(path: &Path) -> Result<RuleSource, LoadError> {
    let shown = paths::shown(path);
    let too_large = |bytes: u64| {
        whole_file(
            path,
            format!("configuration file of {bytes} bytes is larger than {MAX_CONFIG_BYTES}"),
        )
    };
    let metadata = std::fs::metadata(path)
        .map_err(|e| whole_file(path, format!("cannot read configuration file: {e}")))?;
    if metadata.len() > MAX_CONFIG_BYTES {
        return Err(too_large(metadata.len()));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| whole_file(path, format!("cannot read configuration file: {e}")))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(RuleSource::new(shown, text)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let source = RuleSource::new(shown, lossy);
            // The text before `offset` is unchanged by the lossy decoding, and
            // the bad byte became one U+FFFD (3 bytes).
            Err(source
                .error_at_range(offset..offset + 3, "configuration file is not valid UTF-8")
                .with_label("invalid UTF-8 here")
                .with_help("save the file as UTF-8"))
        }
    }
}

/// Parses a configuration file; an empty file is an empty configuration.
pub fn parse(source: &RuleSource) -> Result<ConfigFile, LoadError> {
    let parsed: Option<ConfigFile> =
        serde_saphyr::from_str(&source.text).map_err(|e| yaml_error(source, &e))?;
    Ok(parsed.unwrap_or_default())
}

/// A YAML or schema error, located where serde-saphyr found it, with a
/// "did you mean" for an unknown key.
fn yaml_error(source: &RuleSource, error: &serde_saphyr::Error) -> LoadError {
    let located = load::yaml_error(source, error);
    match unknown_key_suggestion(&located.message) {
        Some(known) => located.with_help(format!("did you mean `{known}`?")),
        None => located,
    }
}

/// For serde's "unknown field `x`, expected one of a, b", the expected key
/// closest to `x`, when one is close enough.
fn unknown_key_suggestion(message: &str) -> Option<String> {
    let rest = message.split("unknown field `").nth(1)?;
    let (unknown, rest) = rest.split_once('`')?;
    let expected = rest
        .split_once("expected one of ")
        .or_else(|| rest.split_once("expected "))?
        .1;
    let candidates: Vec<String> = expected
        .replace(" or ", ", ")
        .split(", ")
        .map(|key| key.trim().trim_matches('`').to_owned())
        .collect();
    did_you_mean(unknown, &candidates)
}

/// The candidate closest to `word`, when one is close enough.
pub fn did_you_mean(word: &str, candidates: &[String]) -> Option<String> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_suggest_the_closest_expected_key() {
        let message =
            "unknown field `extend-selct`, expected one of `extend`, `select`, `extend-select`";
        assert_eq!(
            unknown_key_suggestion(message).as_deref(),
            Some("extend-select")
        );
        assert_eq!(
            unknown_key_suggestion("unknown field `zzz`, expected glob"),
            None
        );
        assert_eq!(
            unknown_key_suggestion("unknown field `alow`, expected `helpdesk` or `allow`")
                .as_deref(),
            Some("allow"),
            "serde's own wording"
        );
        assert_eq!(unknown_key_suggestion("invalid type: integer"), None);
    }
}
