//! The value tree that the JSON and YAML readers both build: every node
//! with its byte span in the source, every string with its decoded text and
//! the [`OffsetMap`] back to its source bytes. The collection shapes
//! (`collect`, `keys`) read replies from this tree whatever the syntax.

use std::ops::Range;

use super::OffsetMap;

/// A value of a JSON or YAML document, with where it is in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub kind: Kind,
    /// The bytes of the value in the source (quotes, brackets included).
    pub span: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A string: JSON string, YAML quoted or block scalar, or plain scalar
    /// that is a string under the YAML core schema.
    Str(Text),
    /// A number, boolean or null, as written.
    Scalar(ScalarKind, String),
    List(Vec<Node>),
    /// Entries in source order; duplicate keys are kept (lookups take the
    /// last, as JavaScript and serde_json do).
    Map(Vec<Entry>),
    /// A YAML alias (`*name`), with the string its anchor defines (shared,
    /// never copied), or `None` when the anchor is on something else.
    Alias(Option<std::sync::Arc<Node>>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarKind {
    Null,
    Bool,
    Number,
}

/// A decoded string and where each of its bytes came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub map: OffsetMap,
    /// How the source writes the text (a fix's replacement is written so).
    pub syntax: crate::container::Syntax,
}

/// One `key: value` entry of a mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The key's text (empty for a YAML key that is itself a collection).
    pub key: String,
    pub key_span: Range<usize>,
    pub value: Node,
}

impl Entry {
    /// The whole entry, from its key to the end of its value.
    pub fn span(&self) -> Range<usize> {
        self.key_span.start..self.value.span.end.max(self.key_span.end)
    }
}

impl Node {
    /// The entry `key` of a mapping (the last one if the key repeats).
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.kind {
            Kind::Map(entries) => entries.iter().rev().find(|e| e.key == key),
            _ => None,
        }
    }

    /// The value of entry `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// The decoded text of a string node.
    pub fn as_text(&self) -> Option<&Text> {
        match &self.kind {
            Kind::Str(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        self.as_text().map(|t| t.value.as_str())
    }

    pub fn as_list(&self) -> Option<&[Node]> {
        match &self.kind {
            Kind::List(items) => Some(items),
            _ => None,
        }
    }

    pub fn is_map(&self) -> bool {
        matches!(self.kind, Kind::Map(_))
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind, Kind::Scalar(ScalarKind::Null, _))
    }

    /// A name for the node when it names something: a string, or a number
    /// or boolean as written (`title: 2024`).
    pub fn as_name(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(text) => Some(text.value.as_str()),
            Kind::Scalar(ScalarKind::Null, _) => None,
            Kind::Scalar(_, raw) => Some(raw.as_str()),
            _ => None,
        }
    }

    /// What the node is, for messages: "a number", "a list", ….
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            Kind::Str(_) => "a string",
            Kind::Scalar(ScalarKind::Null, _) => "null",
            Kind::Scalar(ScalarKind::Bool, _) => "a boolean",
            Kind::Scalar(ScalarKind::Number, _) => "a number",
            Kind::List(_) => "a list",
            Kind::Map(_) => "a mapping",
            Kind::Alias(_) => "an alias of something that is not a string",
        }
    }
}
