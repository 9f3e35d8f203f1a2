//! Rule-file errors, located at the file, line and column of the offending
//! value so they can be rendered the same compiler way as diagnostics.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde_saphyr::Spanned;

use crate::position::{ceil_char_boundary, floor_char_boundary, LineCol, LineIndex};

/// A rule file that could not be loaded.
#[derive(Clone, Debug)]
pub struct LoadError {
    /// The rule file's path as shown to the user.
    pub path: String,
    /// The rule file's text, when it could be read.
    pub text: Option<Arc<str>>,
    /// The bytes of `text` the error is about.
    pub span: Option<Range<usize>>,
    pub message: String,
    /// A label under the span.
    pub label: Option<String>,
    pub help: Option<String>,
    /// The id of the rule whose file this is, when it is one: the rule is
    /// known (a configuration may name it) though it did not load.
    pub rule: Option<String>,
    /// The file asks for a feature replylint does not have (a Vale kind
    /// such as `spelling`): a warning, not an error; the run goes on
    /// without the rule.
    pub unsupported: bool,
}

impl LoadError {
    /// This error, as the error of rule `id`'s file.
    pub fn for_rule(mut self, id: &str) -> Self {
        self.rule = Some(id.to_owned());
        self
    }

    /// The 1-based line and column of the error, when it has a span.
    pub fn line_col(&self) -> Option<LineCol> {
        let text = self.text.as_deref()?;
        let span = self.span.as_ref()?;
        Some(LineIndex::new(text).line_col(text, span.start))
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// This error as a warning about an unsupported feature.
    pub fn unsupported(mut self) -> Self {
        self.unsupported = true;
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_col() {
            Some(at) => write!(
                f,
                "{}:{}:{}: {}",
                self.path, at.line, at.column, self.message
            ),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// A rule file being loaded: its path and text, for locating errors.
#[derive(Clone, Debug)]
pub struct RuleSource {
    pub path: String,
    pub text: Arc<str>,
    /// Where the file comes from, which decides how it is read.
    pub origin: Origin,
}

/// Where a rule file comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Origin {
    /// A file of the default pack, compiled into the binary: its regexes
    /// are known to be valid (`replylint test rules` and the test suite
    /// load the same files from disk, fully checked), so loading it skips
    /// the checks that only serve to locate a user's mistake.
    BuiltIn,
    /// A user's pack.
    #[default]
    User,
    /// A rule of a Vale style, read with Vale's semantics
    /// ([`super::dialect`]).
    ValeStyle,
}

impl RuleSource {
    /// A user's file (or text given by a caller), checked in full.
    pub fn new(path: impl Into<String>, text: impl Into<Arc<str>>) -> RuleSource {
        RuleSource {
            path: path.into(),
            text: text.into(),
            origin: Origin::User,
        }
    }

    /// Whether the file is the default pack's (see [`Origin::BuiltIn`]).
    pub fn built_in(&self) -> bool {
        self.origin == Origin::BuiltIn
    }

    /// Whether the file is read with Vale's semantics.
    pub fn vale(&self) -> bool {
        self.origin == Origin::ValeStyle
    }

    /// An error about the whole file or an unknown place in it.
    pub fn error(&self, message: impl Into<String>) -> LoadError {
        LoadError {
            path: self.path.clone(),
            text: Some(self.text.clone()),
            span: None,
            message: message.into(),
            label: None,
            help: None,
            rule: None,
            unsupported: false,
        }
    }

    /// An error at a byte range of the file.
    /// The span is clamped to the file and widened to character boundaries,
    /// so the renderer never receives one it would reject.
    pub fn error_at_range(&self, span: Range<usize>, message: impl Into<String>) -> LoadError {
        let text: &str = &self.text;
        let start = floor_char_boundary(text, span.start);
        let end = ceil_char_boundary(text, span.end.max(start));
        LoadError {
            span: Some(start..end),
            ..self.error(message)
        }
    }

    /// An error at a parsed value.
    pub fn error_at<T>(&self, value: &Spanned<T>, message: impl Into<String>) -> LoadError {
        match self.range_of(value) {
            Some(range) => self.error_at_range(range, message),
            None => self.error(message),
        }
    }

    /// The bytes of the file a parsed value was read from.
    pub fn range_of<T>(&self, value: &Spanned<T>) -> Option<Range<usize>> {
        let span = value.referenced.span();
        let start = usize::try_from(span.byte_offset()?).ok()?;
        let len = usize::try_from(span.byte_len()?).ok()?;
        (start + len <= self.text.len()).then_some(start..start + len)
    }

    /// The bytes of the file holding bytes `inner` of a string value, when
    /// the scalar is written plainly or single-quoted without escapes;
    /// otherwise the whole scalar.
    pub fn range_inside(
        &self,
        value: &Spanned<String>,
        inner: Range<usize>,
    ) -> Option<Range<usize>> {
        let whole = self.range_of(value)?;
        let written = self.text.get(whole.clone())?;
        let content_start = if written == value.value {
            whole.start
        } else if written.len() == value.value.len() + 2
            && (written.starts_with('\'') || written.starts_with('"'))
            && written[1..written.len() - 1] == value.value
        {
            whole.start + 1
        } else {
            return Some(whole);
        };
        let start = inner.start.min(value.value.len());
        let end = inner.end.max(start + 1).min(value.value.len()).max(start);
        Some(content_start + start..content_start + end)
    }
}
