//! Regexes of rule files: validated one value at a time so an error points
//! at the offending character in the YAML, then compiled once per run.
//!
//! Token lists become one alternation, wrapped in ASCII word boundaries
//! (`(?-u:\b)`): on reply-like text a Unicode `\b` made large alternations
//! several times slower.

use regex::{Regex, RegexBuilder};

use super::error::{LoadError, RuleSource};
use super::file::Str;

/// Compiled-program size limit for one rule's regex (untrusted patterns).
const SIZE_LIMIT: usize = 32 * 1024 * 1024;
/// Longest pattern accepted, in bytes.
const MAX_PATTERN_LEN: usize = 256 * 1024;

/// An ASCII word boundary.
pub const WORD_BOUNDARY: &str = r"(?-u:\b)";

/// Checks one regex written as a YAML value and returns its number of
/// capture groups; a syntax error is located inside the value.
pub fn validate(source: &RuleSource, value: &Str, ignorecase: bool) -> Result<usize, LoadError> {
    let mut parser = regex_syntax::ParserBuilder::new()
        .case_insensitive(ignorecase)
        .multi_line(true)
        .crlf(true)
        .build();
    match parser.parse(&value.value) {
        Ok(hir) => Ok(hir.properties().explicit_captures_len()),
        Err(err) => {
            let (span, kind) = match &err {
                regex_syntax::Error::Parse(e) => (*e.span(), e.kind().to_string()),
                regex_syntax::Error::Translate(e) => (*e.span(), e.kind().to_string()),
                _ => (
                    regex_syntax::ast::Span::splat(regex_syntax::ast::Position::new(0, 1, 1)),
                    err.to_string(),
                ),
            };
            let inner = span.start.offset..span.end.offset;
            let message = format!("invalid regex `{}`", value.value);
            Err(match source.range_inside(value, inner) {
                Some(range) => source.error_at_range(range, message),
                None => source.error_at(value, message),
            }
            .with_label(kind))
        }
    }
}

/// Compiles a full pattern (already validated piece by piece); an error here
/// (such as a program too large) is located at `at`.
pub fn compile<T>(
    source: &RuleSource,
    pattern: &str,
    ignorecase: bool,
    at: &serde_saphyr::Spanned<T>,
) -> Result<Regex, LoadError> {
    if pattern.len() > MAX_PATTERN_LEN {
        return Err(source.error_at(
            at,
            format!(
                "pattern is {} bytes, over the {MAX_PATTERN_LEN}-byte limit",
                pattern.len()
            ),
        ));
    }
    RegexBuilder::new(pattern)
        .case_insensitive(ignorecase)
        .multi_line(true)
        .crlf(true)
        .size_limit(SIZE_LIMIT)
        .dfa_size_limit(SIZE_LIMIT)
        .build()
        .map_err(|e| source.error_at(at, format!("regex does not compile: {e}")))
}

/// One alternation of `fragments`, each in a non-capturing group, wrapped in
/// word boundaries unless `nonword`.
pub fn alternation<'a>(fragments: impl IntoIterator<Item = &'a str>, nonword: bool) -> String {
    let body = fragments
        .into_iter()
        .map(|f| format!("(?:{f})"))
        .collect::<Vec<_>>()
        .join("|");
    bounded(&body, nonword)
}

/// `body` wrapped in word boundaries unless `nonword`.
pub fn bounded(body: &str, nonword: bool) -> String {
    if nonword {
        format!("(?:{body})")
    } else {
        format!("{WORD_BOUNDARY}(?:{body}){WORD_BOUNDARY}")
    }
}

/// Exceptions: matched texts that are not findings.
#[derive(Debug, Default)]
pub struct Exceptions(Option<Regex>);

impl Exceptions {
    pub fn compile(
        source: &RuleSource,
        list: Option<&serde_saphyr::Spanned<Vec<Str>>>,
        ignorecase: bool,
    ) -> Result<Exceptions, LoadError> {
        let Some(list) = list else {
            return Ok(Exceptions(None));
        };
        for value in &list.value {
            validate(source, value, ignorecase)?;
        }
        if list.value.is_empty() {
            return Ok(Exceptions(None));
        }
        let body = list
            .value
            .iter()
            .map(|v| format!("(?:{})", v.value))
            .collect::<Vec<_>>()
            .join("|");
        let regex = compile(source, &format!("^(?:{body})$"), ignorecase, list)?;
        Ok(Exceptions(Some(regex)))
    }

    /// Whether `matched` is an exception.
    pub fn contains(&self, matched: &str) -> bool {
        self.0.as_ref().is_some_and(|r| r.is_match(matched.trim()))
    }
}
