//! The effective settings of an `extend` chain: each file applied over the
//! one it extends. Values that need outside knowledge to check (rule ids,
//! the helpdesk name) keep where they were written; globs are compiled;
//! every problem of every file is collected.
//!
//! Merging, the extending file over the extended one:
//! - `select`, `ignore`, `fail-on`: replaced when the extending file gives them;
//! - `level`: merged by key, the extending file's entry wins;
//! - `extend-select`, `per-file-ignores`, `exclude`, `include`, `rules`,
//!   `vocabulary`, `placeholders.allow`: accumulated (the extended file's
//!   first);
//! - `root`: the configuration's own, or else the nearest extended file's;
//! - `placeholders.helpdesk`: replaced when given;
//! - `formats`: accumulated, the extending file's entries first (the first
//!   entry whose glob matches wins).

use std::ops::Range;
use std::path::PathBuf;

use serde_saphyr::Spanned;

use super::extend::Layer;
use super::file::{FormatEntry, FormatName, LevelSetting, MarkupName, Placeholders, Str};
use super::globs::Glob;
use super::paths;
use crate::container::CollectionSpec;
use crate::diagnostic::Level;
use crate::document::Markup;
use crate::rules::LoadError;
use crate::source::Format;

/// Where a value was written: the index of its file in the chain (0 is the
/// configuration itself) and its bytes there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub layer: usize,
    pub span: Option<Range<usize>>,
}

/// A value with where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub origin: Origin,
}

/// The effective configuration, with plain values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// Rule ids or prefixes to check; empty means every rule.
    pub select: Vec<String>,
    /// Rule ids or prefixes to skip.
    pub ignore: Vec<String>,
    /// Rule ids or prefixes to check in addition to `select`.
    pub extend_select: Vec<String>,
    /// Level overrides by rule id or prefix, in file order.
    pub levels: Vec<(String, Level)>,
    /// Rule ids or prefixes turned off with `level: off`.
    pub off: Vec<String>,
    /// Globs with the rule ids or prefixes ignored in matching files.
    pub per_file_ignores: Vec<(String, Vec<String>)>,
    /// Globs of files not checked.
    pub exclude: Vec<String>,
    /// Globs of the reply files a walk checks (empty: every file in a reply
    /// format that is not a project file).
    pub include: Vec<String>,
    /// The folder globs are relative to, absolute.
    pub root: Option<PathBuf>,
    /// Extra rule pack directories, absolute.
    pub rule_dirs: Vec<PathBuf>,
    /// Accepted terms: never jargon, never an unexplained acronym.
    pub vocabulary: Vec<String>,
    pub placeholders: Option<PlaceholderSettings>,
    /// Formats by glob; the first matching entry wins.
    pub formats: Vec<FormatSetting>,
    /// The failing level, when the configuration sets one.
    pub fail_on: Option<Level>,
    /// A Vale configuration's style folders (rules named `Style.Rule`).
    pub vale_styles: Vec<PathBuf>,
    /// The rule files of Vale's built-in style (see
    /// [`super::vale_vocab`]): (id, where from, text).
    pub vale_generated: Vec<super::vale_vocab::Generated>,
    /// Findings below this level are dropped (Vale's `MinAlertLevel`).
    pub min_level: Option<Level>,
    /// Only the rules the configuration names run, not the default pack
    /// (a Vale configuration).
    pub no_default_pack: bool,
}

/// `placeholders:`: the helpdesk whose syntax replies use (as written,
/// checked with `Config::check_helpdesk`) and the placeholders accepted even
/// when unknown to it.
pub use crate::placeholder::PlaceholderSettings;

/// One `formats:` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSetting {
    pub glob: String,
    pub format: Format,
    /// How to read a generic JSON or YAML collection, when given.
    pub collection: Option<CollectionSpec>,
}

/// The rule ids and prefixes of a configuration with where they were
/// written, for checks against the loaded rules.
#[derive(Clone, Debug, Default)]
pub struct Traced {
    pub rule_ids: Vec<Located<String>>,
    pub helpdesk: Option<Located<String>>,
}

/// A chain resolved: settings, their origins, compiled globs.
#[derive(Debug, Default)]
pub struct Resolved {
    pub settings: Settings,
    pub traced: Traced,
    pub exclude: Vec<Glob>,
    pub include: Vec<Glob>,
    pub per_file_ignores: Vec<(Glob, Vec<String>)>,
    pub formats: Vec<(Glob, FormatSetting)>,
}

/// The settings of a chain (the configuration first, then what it extends).
pub fn resolve(chain: &[Layer]) -> Result<Resolved, Vec<LoadError>> {
    let mut merger = Merger::default();
    for (index, layer) in chain.iter().enumerate().rev() {
        merger.apply(index, layer);
    }
    if merger.errors.is_empty() {
        Ok(merger.finish())
    } else {
        Err(merger.errors)
    }
}

#[derive(Default)]
struct Merger {
    select: Vec<Located<String>>,
    ignore: Vec<Located<String>>,
    extend_select: Vec<Located<String>>,
    levels: Vec<(Located<String>, LevelSetting)>,
    per_file_ignores: Vec<(Glob, Vec<Located<String>>)>,
    exclude: Vec<Glob>,
    include: Vec<Glob>,
    root: Option<PathBuf>,
    rule_dirs: Vec<PathBuf>,
    vocabulary: Vec<String>,
    placeholders: Option<(Option<Located<String>>, Vec<String>)>,
    formats: Vec<(Glob, FormatSetting)>,
    fail_on: Option<Level>,
    errors: Vec<LoadError>,
}

impl Merger {
    fn apply(&mut self, index: usize, layer: &Layer) {
        let file = &layer.file;
        let mut cx = Cx {
            index,
            layer,
            errors: &mut self.errors,
        };
        if let Some(select) = &file.select {
            self.select = cx.rule_ids(select);
        }
        if let Some(ignore) = &file.ignore {
            self.ignore = cx.rule_ids(ignore);
        }
        self.extend_select.extend(cx.rule_ids(&file.extend_select));
        for (id, setting) in &file.level.0 {
            let Some(id) = cx.rule_id(id) else { continue };
            self.levels.retain(|(known, _)| known.value != id.value);
            self.levels.push((id, setting.value));
        }
        for (glob, ids) in &file.per_file_ignores.0 {
            let ids = cx.rule_ids(ids);
            if let Some(glob) = cx.glob(glob) {
                self.per_file_ignores.push((glob, ids));
            }
        }
        for glob in &file.exclude {
            if let Some(glob) = cx.glob(glob) {
                self.exclude.push(glob);
            }
        }
        for glob in &file.include {
            if let Some(glob) = cx.glob(glob) {
                self.include.push(glob);
            }
        }
        if let Some(root) = &file.root {
            self.root = cx.folder(root, "root", "`root` folder");
        }
        for dir in &file.rules {
            if let Some(dir) = cx.rule_dir(dir) {
                if !self.rule_dirs.contains(&dir) {
                    self.rule_dirs.push(dir);
                }
            }
        }
        for term in &file.vocabulary {
            if term.value.trim().is_empty() {
                cx.error(term, "empty vocabulary term");
            } else if !self.vocabulary.contains(&term.value) {
                self.vocabulary.push(term.value.clone());
            }
        }
        if let Some(placeholders) = &file.placeholders {
            merge_placeholders(&mut self.placeholders, &mut cx, placeholders);
        }
        let mut formats: Vec<_> = file.formats.iter().filter_map(|e| cx.format(e)).collect();
        formats.append(&mut self.formats);
        self.formats = formats;
        if let Some(level) = &file.fail_on {
            self.fail_on = Some(level.value);
        }
    }
}

/// Applies a file's `placeholders:` over the merged ones.
fn merge_placeholders(
    merged: &mut Option<(Option<Located<String>>, Vec<String>)>,
    cx: &mut Cx<'_>,
    written: &Spanned<Placeholders>,
) {
    let (helpdesk, allow) = match &written.value {
        Placeholders::Helpdesk(name) => (Some(cx.name(written, name)), &[][..]),
        Placeholders::Table(table) => (
            table.helpdesk.as_ref().map(|h| cx.name(h, &h.value)),
            &table.allow[..],
        ),
    };
    let entry = merged.get_or_insert_with(Default::default);
    if let Some(helpdesk) = helpdesk.flatten() {
        entry.0 = Some(helpdesk);
    }
    for name in allow {
        if let Some(name) = cx.name(name, &name.value) {
            if !entry.1.contains(&name.value) {
                entry.1.push(name.value);
            }
        }
    }
}

impl Merger {
    fn finish(self) -> Resolved {
        let plain = |ids: &[Located<String>]| -> Vec<String> {
            ids.iter().map(|id| id.value.clone()).collect()
        };
        let settings = Settings {
            select: plain(&self.select),
            ignore: plain(&self.ignore),
            extend_select: plain(&self.extend_select),
            levels: self
                .levels
                .iter()
                .filter_map(|(id, s)| Some((id.value.clone(), s.level()?)))
                .collect(),
            off: self
                .levels
                .iter()
                .filter(|(_, s)| *s == LevelSetting::Off)
                .map(|(id, _)| id.value.clone())
                .collect(),
            per_file_ignores: self
                .per_file_ignores
                .iter()
                .map(|(glob, ids)| (glob.as_str().to_owned(), plain(ids)))
                .collect(),
            exclude: self.exclude.iter().map(|g| g.as_str().to_owned()).collect(),
            include: self.include.iter().map(|g| g.as_str().to_owned()).collect(),
            root: self.root,
            rule_dirs: self.rule_dirs,
            vocabulary: self.vocabulary,
            placeholders: self
                .placeholders
                .as_ref()
                .map(|(helpdesk, allow)| PlaceholderSettings {
                    helpdesk: helpdesk.as_ref().map(|h| h.value.clone()),
                    allow: allow.clone(),
                }),
            formats: self.formats.iter().map(|(_, f)| f.clone()).collect(),
            fail_on: self.fail_on,
            ..Settings::default()
        };
        let mut rule_ids = Vec::new();
        rule_ids.extend(self.select.iter().cloned());
        rule_ids.extend(self.ignore.iter().cloned());
        rule_ids.extend(self.extend_select.iter().cloned());
        rule_ids.extend(self.levels.iter().map(|(id, _)| id.clone()));
        for (_, ids) in &self.per_file_ignores {
            rule_ids.extend(ids.iter().cloned());
        }
        Resolved {
            settings,
            traced: Traced {
                rule_ids,
                helpdesk: self.placeholders.and_then(|(helpdesk, _)| helpdesk),
            },
            exclude: self.exclude,
            include: self.include,
            per_file_ignores: self
                .per_file_ignores
                .into_iter()
                .map(|(glob, ids)| (glob, ids.into_iter().map(|id| id.value).collect()))
                .collect(),
            formats: self.formats,
        }
    }
}

/// One file being applied: locates its values and collects its errors.
struct Cx<'a> {
    index: usize,
    layer: &'a Layer,
    errors: &'a mut Vec<LoadError>,
}

impl Cx<'_> {
    fn located<T, U>(&self, written: &Spanned<T>, value: U) -> Located<U> {
        Located {
            value,
            origin: Origin {
                layer: self.index,
                span: self.layer.source.range_of(written),
            },
        }
    }

    fn error<T>(&mut self, written: &Spanned<T>, message: impl Into<String>) {
        self.errors
            .push(self.layer.source.error_at(written, message));
    }

    /// A name that must not be empty (a helpdesk, a placeholder).
    fn name<T>(&mut self, written: &Spanned<T>, name: &str) -> Option<Located<String>> {
        if name.trim().is_empty() {
            self.error(written, "empty name");
            return None;
        }
        Some(self.located(written, name.to_owned()))
    }

    fn rule_id(&mut self, written: &Str) -> Option<Located<String>> {
        if written.value.trim().is_empty() {
            self.error(written, "empty rule id");
            return None;
        }
        Some(self.located(written, written.value.clone()))
    }

    fn rule_ids(&mut self, written: &[Str]) -> Vec<Located<String>> {
        written.iter().filter_map(|id| self.rule_id(id)).collect()
    }

    fn glob(&mut self, written: &Str) -> Option<Glob> {
        match Glob::new(&written.value) {
            Ok(glob) => Some(glob),
            Err(message) => {
                let error = self.layer.source.error_at(written, message).with_help(
                    "globs use `*`, `**`, `?`, `[abc]` and `{a,b}`; see docs/configuration.md",
                );
                self.errors.push(error);
                None
            }
        }
    }

    fn rule_dir(&mut self, written: &Str) -> Option<PathBuf> {
        self.folder(written, "rules", "rule pack directory")
    }

    /// A folder written relative to the configuration file, which must
    /// exist; `key` names the setting and `what` the folder in messages.
    fn folder(&mut self, written: &Str, key: &str, what: &str) -> Option<PathBuf> {
        if written.value.trim().is_empty() {
            self.error(written, format!("empty {what}"));
            return None;
        }
        let dir = paths::normalize(&self.layer.dir().join(&written.value));
        if !dir.is_dir() {
            let message = format!("{what} `{}` not found", paths::shown(&dir));
            let error = self
                .layer
                .source
                .error_at(written, message)
                .with_help(format!(
                    "`{key}` paths are relative to the configuration file"
                ));
            self.errors.push(error);
            return None;
        }
        Some(dir)
    }

    fn format(&mut self, entry: &FormatEntry) -> Option<(Glob, FormatSetting)> {
        let glob = self.glob(&entry.glob);
        let format = match entry.format.value {
            FormatName::Plain => Format::Plain,
            FormatName::Markdown => Format::Markdown,
            FormatName::Html => Format::Html,
            FormatName::Json => Format::Json,
            FormatName::Yaml => Format::Yaml,
        };
        let collection = self.collection(entry, format)?;
        Some((
            glob?,
            FormatSetting {
                glob: entry.glob.value.clone(),
                format,
                collection,
            },
        ))
    }

    /// The collection spec of an entry; `Some(None)` when it gives none.
    fn collection(
        &mut self,
        entry: &FormatEntry,
        format: Format,
    ) -> Option<Option<CollectionSpec>> {
        let spec_keys = [
            (
                "items",
                entry
                    .items
                    .as_ref()
                    .and_then(|v| self.layer.source.range_of(v)),
            ),
            (
                "text",
                entry
                    .text
                    .as_ref()
                    .and_then(|v| self.layer.source.range_of(v)),
            ),
            (
                "name",
                entry
                    .name
                    .as_ref()
                    .and_then(|v| self.layer.source.range_of(v)),
            ),
            (
                "markup",
                entry
                    .markup
                    .as_ref()
                    .and_then(|v| self.layer.source.range_of(v)),
            ),
        ];
        let given = entry.items.is_some()
            || entry.text.is_some()
            || entry.name.is_some()
            || entry.markup.is_some();
        if !given {
            return Some(None);
        }
        if !matches!(format, Format::Json | Format::Yaml) {
            let (key, range) = spec_keys
                .iter()
                .find(|(_, range)| range.is_some())
                .cloned()
                .unwrap_or(("items", None));
            let message = format!("`{key}` applies only to `json` and `yaml` formats");
            let error = match range {
                Some(range) => self.layer.source.error_at_range(range, message),
                None => self.layer.source.error_at(&entry.format, message),
            };
            self.errors.push(error.with_help(
                "`items`, `text`, `name` and `markup` describe a generic JSON or YAML collection",
            ));
            return None;
        }
        let Some(text) = &entry.text else {
            let error = self
                .layer
                .source
                .error_at(
                    &entry.format,
                    "a collection needs `text`: the keys that hold reply text",
                )
                .with_help("for example `text: [subject, body]`");
            self.errors.push(error);
            return None;
        };
        if text.value.0.is_empty() || text.value.0.iter().any(|k| k.trim().is_empty()) {
            self.error(text, "`text` needs at least one key, none of them empty");
            return None;
        }
        let markup = match entry.markup.as_ref().map(|m| m.value) {
            None | Some(MarkupName::Plain) => Markup::Plain,
            Some(MarkupName::Markdown) => Markup::Markdown,
            Some(MarkupName::Html) => Markup::Html,
        };
        Some(Some(CollectionSpec {
            items: entry
                .items
                .as_ref()
                .map(|i| i.value.clone())
                .unwrap_or_default(),
            text: text.value.0.clone(),
            name: entry.name.as_ref().map(|n| n.value.clone()),
            markup,
        }))
    }
}
