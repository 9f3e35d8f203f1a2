//! The effective configuration as YAML, every key always present and in a
//! fixed order, for `replylint config`. The output is itself a valid
//! configuration file with the same effect.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::resolve::FormatSetting;
use super::{Config, Settings};
use crate::diagnostic::Level;
use crate::document::Markup;
use crate::source::Format;

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct View<'a> {
    select: &'a [String],
    ignore: &'a [String],
    extend_select: &'a [String],
    level: Pairs<&'static str>,
    per_file_ignores: Pairs<&'a [String]>,
    exclude: &'a [String],
    include: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    root: Option<String>,
    rules: Vec<String>,
    vocabulary: &'a [String],
    placeholders: Option<PlaceholdersView<'a>>,
    formats: Vec<FormatView<'a>>,
    fail_on: Option<Level>,
}

#[derive(Serialize)]
struct PlaceholdersView<'a> {
    helpdesk: Option<&'a str>,
    allow: &'a [String],
}

#[derive(Serialize)]
struct FormatView<'a> {
    glob: &'a str,
    format: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    items: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    markup: Option<&'static str>,
}

/// A mapping in the order given.
struct Pairs<V>(Vec<(String, V)>);

impl<V: Serialize> Serialize for Pairs<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl Config {
    /// The effective settings as YAML.
    pub fn to_yaml(&self) -> String {
        settings_yaml(self.settings())
    }
}

/// Settings as YAML.
pub fn settings_yaml(settings: &Settings) -> String {
    let mut level: Vec<(String, &'static str)> = settings
        .levels
        .iter()
        .map(|(id, level)| (id.clone(), level.as_str()))
        .collect();
    level.extend(settings.off.iter().map(|id| (id.clone(), "off")));
    let view = View {
        select: &settings.select,
        ignore: &settings.ignore,
        extend_select: &settings.extend_select,
        level: Pairs(level),
        per_file_ignores: Pairs(
            settings
                .per_file_ignores
                .iter()
                .map(|(glob, ids)| (glob.clone(), ids.as_slice()))
                .collect(),
        ),
        exclude: &settings.exclude,
        include: &settings.include,
        root: settings.root.as_ref().map(|r| r.display().to_string()),
        rules: settings
            .rule_dirs
            .iter()
            .map(|d| d.display().to_string())
            .collect(),
        vocabulary: &settings.vocabulary,
        placeholders: settings.placeholders.as_ref().map(|p| PlaceholdersView {
            helpdesk: p.helpdesk.as_deref(),
            allow: &p.allow,
        }),
        formats: settings.formats.iter().map(format_view).collect(),
        fail_on: settings.fail_on,
    };
    serde_saphyr::to_string(&view)
        .unwrap_or_else(|e| format!("# the configuration could not be shown: {e}\n"))
}

fn format_view(setting: &FormatSetting) -> FormatView<'_> {
    let spec = setting.collection.as_ref();
    FormatView {
        glob: &setting.glob,
        format: match setting.format {
            Format::Plain => "plain",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
            Format::Yaml => "yaml",
        },
        items: spec.map(|s| s.items.as_str()),
        text: spec.map(|s| s.text.as_slice()),
        name: spec.and_then(|s| s.name.as_deref()),
        markup: spec.map(|s| match s.markup {
            Markup::Plain => "plain",
            Markup::Markdown => "markdown",
            Markup::Html => "html",
        }),
    }
}
