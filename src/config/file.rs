//! The YAML schema of a configuration file, as written: kebab-case keys,
//! unknown keys rejected, and every value that is checked after parsing
//! (rule ids, globs, paths, the helpdesk name) kept with its position.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostic::Level;

/// A string value with its position in the configuration file.
pub type Str = Spanned<String>;

/// A configuration file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Another configuration file this one inherits from, relative to this one.
    #[serde(default)]
    pub extend: Option<Str>,
    #[serde(default)]
    pub select: Option<Vec<Str>>,
    #[serde(default)]
    pub ignore: Option<Vec<Str>>,
    #[serde(default)]
    pub extend_select: Vec<Str>,
    #[serde(default)]
    pub level: Entries<Str, Spanned<LevelSetting>>,
    #[serde(default)]
    pub per_file_ignores: Entries<Str, Vec<Str>>,
    #[serde(default)]
    pub exclude: Vec<Str>,
    /// Globs of the reply files to check when a folder is walked.
    #[serde(default)]
    pub include: Vec<Str>,
    /// The folder that globs are relative to, relative to this file.
    #[serde(default)]
    pub root: Option<Str>,
    #[serde(default)]
    pub rules: Vec<Str>,
    #[serde(default)]
    pub vocabulary: Vec<Str>,
    #[serde(default)]
    pub placeholders: Option<Spanned<Placeholders>>,
    #[serde(default)]
    pub formats: Vec<FormatEntry>,
    #[serde(default)]
    pub fail_on: Option<Spanned<Level>>,
}

/// A value of `level:`: a level, or `off` to turn the rule off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LevelSetting {
    Error,
    Warning,
    Suggestion,
    Off,
}

impl LevelSetting {
    /// The level, or `None` for `off`.
    pub fn level(self) -> Option<Level> {
        match self {
            LevelSetting::Error => Some(Level::Error),
            LevelSetting::Warning => Some(Level::Warning),
            LevelSetting::Suggestion => Some(Level::Suggestion),
            LevelSetting::Off => None,
        }
    }
}

/// `placeholders:` as a helpdesk name or as a mapping.
#[derive(Debug)]
pub enum Placeholders {
    /// `placeholders: zendesk`; the name's position is the enclosing value's.
    Helpdesk(String),
    Table(PlaceholderTable),
}

/// `placeholders: {helpdesk: zendesk, allow: [order.id]}`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceholderTable {
    #[serde(default)]
    pub helpdesk: Option<Str>,
    #[serde(default)]
    pub allow: Vec<Str>,
}

impl<'de> Deserialize<'de> for Placeholders {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PlaceholdersVisitor;
        impl<'de> Visitor<'de> for PlaceholdersVisitor {
            type Value = Placeholders;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a helpdesk name or a mapping with `helpdesk` and `allow`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Placeholders, E> {
                Ok(Placeholders::Helpdesk(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Placeholders, A::Error> {
                PlaceholderTable::deserialize(MapAccessDeserializer::new(map))
                    .map(Placeholders::Table)
            }
        }
        deserializer.deserialize_any(PlaceholdersVisitor)
    }
}

/// One entry of `formats:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormatEntry {
    pub glob: Str,
    pub format: Spanned<FormatName>,
    #[serde(default)]
    pub items: Option<Str>,
    #[serde(default)]
    pub text: Option<Spanned<OneOrMany>>,
    #[serde(default)]
    pub name: Option<Str>,
    #[serde(default)]
    pub markup: Option<Spanned<MarkupName>>,
}

/// The format a glob's files are read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormatName {
    Plain,
    Markdown,
    Html,
    Json,
    Yaml,
}

/// How the text of a collection's items is marked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MarkupName {
    Plain,
    Markdown,
    Html,
}

/// A string or a list of strings (`text: body` or `text: [subject, body]`).
#[derive(Debug, PartialEq, Eq)]
pub struct OneOrMany(pub Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrManyVisitor;
        impl<'de> Visitor<'de> for OneOrManyVisitor {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key or a list of keys")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![v.to_owned()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = seq.next_element::<String>()? {
                    keys.push(key);
                }
                Ok(OneOrMany(keys))
            }
        }
        deserializer.deserialize_any(OneOrManyVisitor)
    }
}

/// A mapping kept in file order.
#[derive(Debug)]
pub struct Entries<K, V>(pub Vec<(K, V)>);

impl<K, V> Default for Entries<K, V> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Entries<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for EntriesVisitor<K, V> {
            type Value = Entries<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<K, V>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor(PhantomData))
    }
}
