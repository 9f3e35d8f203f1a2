//! The syntax a reply's text is written in inside its file, so that a fix
//! writes its replacement the way the file needs it: escaped in a JSON
//! string, quoted as a YAML scalar's style needs, with entities in HTML.
//!
//! A reply can sit in several layers (HTML inside a JSON string): the
//! innermost syntax encodes first, the outermost last. A replacement a
//! syntax cannot hold in place (a line break in a one-line YAML scalar,
//! `: ` in a plain scalar) is refused, and the fix is not offered.

/// How one layer writes text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Syntax {
    /// The file holds the text as it is (Markdown, plain text).
    #[default]
    Verbatim,
    /// Inside a JSON string.
    JsonString,
    /// A YAML plain (unquoted) scalar.
    YamlPlain,
    /// A YAML `'single-quoted'` scalar.
    YamlSingleQuoted,
    /// A YAML `"double-quoted"` scalar.
    YamlDoubleQuoted,
    /// A YAML literal (`|`) or folded (`>`) block scalar.
    YamlBlock,
    /// HTML text (between tags).
    Html,
}

impl Syntax {
    /// `text` as this syntax writes it, or `None` when it cannot be
    /// written in place.
    pub fn encode(self, text: &str) -> Option<String> {
        match self {
            Syntax::Verbatim => Some(text.to_owned()),
            Syntax::JsonString => {
                let quoted = serde_json::to_string(text).ok()?;
                Some(quoted[1..quoted.len() - 1].to_owned())
            }
            Syntax::YamlPlain => plain_scalar(text),
            Syntax::YamlSingleQuoted => one_line(text).then(|| text.replace('\'', "''")),
            Syntax::YamlDoubleQuoted => Some(double_quoted(text)),
            Syntax::YamlBlock => one_line(text).then(|| text.to_owned()),
            Syntax::Html => Some(html(text)),
        }
    }
}

/// `text` through every layer, `layers` listed outermost first.
pub fn encode(layers: &[Syntax], text: &str) -> Option<String> {
    layers
        .iter()
        .rev()
        .try_fold(text.to_owned(), |text, layer| layer.encode(&text))
}

fn one_line(text: &str) -> bool {
    !text.contains(['\n', '\r'])
}

/// A replacement inside a plain scalar: no line break, nothing YAML would
/// read as a key, a comment or an indicator.
fn plain_scalar(text: &str) -> Option<String> {
    let indicator = text.starts_with([
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`',
    ]);
    let breaks = text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.starts_with(char::is_whitespace)
        || text.ends_with(char::is_whitespace);
    (one_line(text) && !indicator && !breaks).then(|| text.to_owned())
}

fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_syntax_escapes_what_it_must() {
        assert_eq!(
            Syntax::JsonString.encode("say \"hi\"\\\n").as_deref(),
            Some("say \\\"hi\\\"\\\\\\n")
        );
        assert_eq!(
            Syntax::YamlSingleQuoted.encode("it's").as_deref(),
            Some("it''s")
        );
        assert_eq!(
            Syntax::YamlDoubleQuoted.encode("a \"b\"").as_deref(),
            Some("a \\\"b\\\"")
        );
        assert_eq!(
            Syntax::Html.encode("Q&A <now>").as_deref(),
            Some("Q&amp;A &lt;now&gt;")
        );
        assert_eq!(Syntax::Verbatim.encode("a & b").as_deref(), Some("a & b"));
    }

    #[test]
    fn what_a_scalar_cannot_hold_is_refused() {
        assert_eq!(Syntax::YamlPlain.encode("note: this"), None);
        assert_eq!(Syntax::YamlPlain.encode("a #b"), None);
        assert_eq!(Syntax::YamlPlain.encode("- x"), None);
        assert_eq!(
            Syntax::YamlPlain.encode("sign in").as_deref(),
            Some("sign in")
        );
        assert_eq!(Syntax::YamlBlock.encode("two\nlines"), None);
        assert_eq!(Syntax::YamlSingleQuoted.encode("two\nlines"), None);
    }

    #[test]
    fn layers_encode_innermost_first() {
        // HTML inside a JSON string: the entity's `&` is not JSON-escaped,
        // the quote is.
        let layers = [Syntax::JsonString, Syntax::Html];
        assert_eq!(
            encode(&layers, "\"Q&A\"").as_deref(),
            Some("\\\"Q&amp;A\\\"")
        );
        assert_eq!(encode(&[], "x").as_deref(), Some("x"));
        assert_eq!(
            encode(&[Syntax::JsonString, Syntax::YamlBlock], "a\nb"),
            None
        );
    }
}
