//! A Vale configuration (`.vale.ini`, `_vale.ini` or `vale.ini`) read as
//! replylint settings, so that a Vale user gets Vale's findings:
//!
//! - `StylesPath` (relative to the file) holds one folder per style; a
//!   style's rules are `Style/Rule.yml`, named `Style.Rule`;
//! - `MinAlertLevel` drops findings below it (default `suggestion`);
//! - each `[glob]` section turns rules on for the files it matches:
//!   `BasedOnStyles = A, B` (every rule of those styles), `Style.Rule =
//!   YES` or a level (on, at that level), `Style.Rule = NO` (off). Keys
//!   before the first section apply to every file, like `[*]`;
//! - `[formats]` reads files of one extension as another's (`mdx = md`);
//! - `Packages` that are local folders or zips add the styles they hold
//!   (see [`super::vale_packages`]);
//! - `TokenIgnores` and `BlockIgnores` (regexes, per section) hide the
//!   text they match from every rule;
//! - `Vocab = Name` reads a vocabulary and `Vale` is the built-in style
//!   (see [`super::vale_vocab`]);
//! - replylint's default pack is off: only the styles named run.
//!
//! Other keys are accepted and ignored for now (docs/vale.md lists them).
//! An unreadable line, an unknown level or a style folder that is missing
//! is an error at its line and column.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::globs::Glob;
use super::resolve::FormatSetting;
use super::vale_packages;
use super::vale_vocab::{self, Vocabulary};
use crate::diagnostic::Level;
use crate::rules::error::RuleSource;
use crate::rules::LoadError;
use crate::source::Format;

/// The names Vale looks for, in its order.
pub const FILE_NAMES: [&str; 3] = [".vale.ini", "_vale.ini", "vale.ini"];

/// Whether `path` names a Vale configuration.
pub fn is_vale(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| FILE_NAMES.contains(&n))
}

/// What a Vale configuration means for replylint.
#[derive(Debug, Default)]
pub struct Vale {
    /// Each style's folder, by name, in the order named.
    pub styles: Vec<PathBuf>,
    /// The rule ids of those styles (`Style.Rule`).
    pub rule_ids: Vec<String>,
    /// The ids some section turns on: the rules to load.
    pub on_somewhere: Vec<String>,
    pub min_level: Option<Level>,
    /// Every level override (`Style.Rule = warning`) of any section, in
    /// file order; [`Vale::levels_for`] gives a file's.
    pub levels: Vec<(String, Level)>,
    /// Per glob: the rule ids it turns on and off.
    pub sections: Vec<Section>,
    /// The terms of the vocabularies `Vocab` names.
    pub vocabulary: Vocabulary,
    /// `[formats]`: files of one extension read as another's.
    pub formats: Vec<(Glob, FormatSetting)>,
}

#[derive(Debug)]
pub struct Section {
    pub glob: Option<Glob>,
    pub on: Vec<String>,
    pub off: Vec<String>,
    /// `TokenIgnores` and `BlockIgnores`: text no rule sees.
    pub ignores: Vec<regex::Regex>,
    /// Level overrides (`Style.Rule = warning`) for the section's files.
    pub levels: Vec<(String, Level)>,
}

impl Vale {
    /// The sections that apply to `relative`, in file order.
    fn sections_for(&self, relative: &Path) -> Vec<&Section> {
        self.sections
            .iter()
            .filter(|s| {
                s.glob
                    .as_ref()
                    .is_none_or(|g| g.matches_file_or_parent(relative))
            })
            .collect()
    }

    /// The level overrides of the sections that apply to `relative`, a
    /// later one deciding over an earlier one (the last pair of a rule
    /// wins).
    pub fn levels_for(&self, relative: &Path) -> Vec<(String, Level)> {
        self.sections_for(relative)
            .into_iter()
            .flat_map(|s| s.levels.iter().cloned())
            .collect()
    }

    /// The `TokenIgnores` and `BlockIgnores` patterns of the sections
    /// that apply to `relative`.
    pub fn ignores_for(&self, relative: &Path) -> Vec<&regex::Regex> {
        self.sections_for(relative)
            .into_iter()
            .flat_map(|s| &s.ignores)
            .collect()
    }

    /// The rule ids of `rule_ids` that are not on for `relative` (a path
    /// relative to the configuration's folder).
    pub fn off_for(&self, relative: &Path) -> Vec<String> {
        let mut on: Vec<&str> = Vec::new();
        let mut off: Vec<&str> = Vec::new();
        for section in self.sections_for(relative) {
            // A later section decides over an earlier one.
            for id in &section.on {
                off.retain(|o| o != id);
                on.push(id);
            }
            for id in &section.off {
                on.retain(|o| o != id);
                off.push(id);
            }
        }
        self.rule_ids
            .iter()
            .filter(|id| !on.contains(&id.as_str()))
            .cloned()
            .collect()
    }
}

/// A `[glob]` header (written, and where), `None` before the first one,
/// with its lines.
type RawSection<'a> = (Option<(&'a str, Range<usize>)>, Vec<Entry<'a>>);

/// One `key = value` line, with where its value is.
struct Entry<'a> {
    key: &'a str,
    value: &'a str,
    at: Range<usize>,
}

/// Reads the Vale configuration `source` (at `path`).
pub fn read(path: &Path, source: &RuleSource) -> Result<Vale, Vec<LoadError>> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut errors = Vec::new();
    let mut globals = Vec::new();
    let mut sections: Vec<RawSection> = Vec::new();
    let text: &str = &source.text;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        let lead = line.len() - line.trim_start().len();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if let Some(name) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            let at = start + lead + 1..start + lead + 1 + name.len();
            sections.push((Some((name.trim(), at)), Vec::new()));
            continue;
        }
        let Some((key, value)) = trimmed.split_once('=') else {
            let at = start + lead..start + lead + trimmed.len();
            errors.push(
                source
                    .error_at_range(at, "not a `key = value` line or a `[section]`")
                    .with_help("a Vale configuration is an INI file"),
            );
            continue;
        };
        let value = value.trim();
        let value_start = start + line.find('=').map_or(0, |i| i + 1);
        let value_start = value_start + text[value_start..].find(value).unwrap_or(0);
        let entry = Entry {
            key: key.trim(),
            value,
            at: value_start..value_start + value.len(),
        };
        match sections.last_mut() {
            Some((_, entries)) => entries.push(entry),
            None => globals.push(entry),
        }
    }
    let mut vale = Vale::default();
    let mut styles_path = dir.to_path_buf();
    let mut named_styles: Vec<(String, Range<usize>)> = Vec::new();
    // Folders holding style folders: StylesPath, then local packages.
    let mut style_roots: Vec<PathBuf> = Vec::new();
    for entry in &globals {
        match entry.key {
            "StylesPath" => styles_path = dir.join(entry.value),
            "Packages" => {
                for (package, at) in list(entry) {
                    match vale_packages::root(dir, &package) {
                        Ok(Some(root)) => style_roots.push(root),
                        Ok(None) => {}
                        Err(why) => errors.push(source.error_at_range(at, why).with_help(
                            "replylint reads packages from local folders and zips only",
                        )),
                    }
                }
            }
            "MinAlertLevel" => match level(entry.value) {
                Some(level) => vale.min_level = Some(level),
                None => errors.push(bad_level(source, entry)),
            },
            _ => {}
        }
    }
    // Keys before any section apply to every file.
    let global_section: RawSection = (None, globals);
    for (glob, entries) in std::iter::once(&global_section).chain(&sections) {
        // `[formats]`: `mdx = md` reads `.mdx` files as `.md` ones.
        if glob
            .as_ref()
            .is_some_and(|(written, _)| *written == "formats")
        {
            for entry in entries {
                let as_ext = Path::new("x").with_extension(entry.value);
                let glob = Glob::new(&format!("*.{}", entry.key));
                match (Format::from_extension(&as_ext), glob) {
                    (Some(format), Ok(glob)) => vale.formats.push((
                        glob,
                        FormatSetting {
                            glob: format!("*.{}", entry.key),
                            format,
                            collection: None,
                        },
                    )),
                    _ => errors.push(
                        source
                            .error_at_range(
                                entry.at.clone(),
                                format!("`{}` is not a format replylint reads", entry.value),
                            )
                            .with_help("md, txt, html, json or yaml"),
                    ),
                }
            }
            continue;
        }
        let glob = match glob {
            None => None,
            Some((written, at)) => match Glob::new(written) {
                Ok(glob) => Some(glob),
                Err(why) => {
                    errors.push(source.error_at_range(at.clone(), format!("not a glob: {why}")));
                    continue;
                }
            },
        };
        let mut section = Section {
            glob,
            on: Vec::new(),
            off: Vec::new(),
            ignores: Vec::new(),
            levels: Vec::new(),
        };
        for entry in entries {
            if entry.key == "TokenIgnores" || entry.key == "BlockIgnores" {
                for (pattern, at) in list(entry) {
                    match regex::RegexBuilder::new(&pattern)
                        .multi_line(true)
                        .size_limit(8 * 1024 * 1024)
                        .build()
                    {
                        Ok(regex) => section.ignores.push(regex),
                        Err(e) => errors.push(
                            source
                                .error_at_range(at, format!("invalid regex `{pattern}`"))
                                .with_label(e.to_string()),
                        ),
                    }
                }
            } else if entry.key == "Vocab" {
                for (name, at) in list(entry) {
                    match vale_vocab::folder(&styles_path, &name) {
                        Some(folder) => vale_vocab::read(&folder, &mut vale.vocabulary),
                        None => errors.push(
                            source
                                .error_at_range(at, format!("vocabulary `{name}` not found"))
                                .with_help(
                                    "StylesPath/config/vocabularies/NAME (or Vocab/NAME) \
                                     holds accept.txt and reject.txt",
                                ),
                        ),
                    }
                }
                section.on.push("Vale.Terms".to_owned());
                section.on.push("Vale.Avoid".to_owned());
            } else if entry.key == "BasedOnStyles" {
                for style in list(entry) {
                    section.on.push(format!("{}.", style.0));
                    named_styles.push(style);
                }
            } else if let Some((style, _rule)) = entry.key.split_once('.') {
                if style.is_empty() {
                    continue;
                }
                match entry.value.to_ascii_uppercase().as_str() {
                    "YES" => section.on.push(entry.key.to_owned()),
                    "NO" => section.off.push(entry.key.to_owned()),
                    _ => match level(entry.value) {
                        Some(level) => {
                            section.on.push(entry.key.to_owned());
                            vale.levels.push((entry.key.to_owned(), level));
                            section.levels.push((entry.key.to_owned(), level));
                        }
                        None => errors.push(bad_level(source, entry)),
                    },
                }
                named_styles.push((style.to_owned(), entry.at.clone()));
            }
        }
        vale.sections.push(section);
    }
    style_roots.insert(0, styles_path.clone());
    for (style, at) in named_styles {
        let folder = style_roots
            .iter()
            .map(|root| root.join(&style))
            .find(|f| f.is_dir())
            .unwrap_or_else(|| styles_path.join(&style));
        if vale.styles.contains(&folder) || style == "Vale" {
            continue;
        }
        match style_rules(&style, &folder) {
            Some(ids) => {
                vale.rule_ids.extend(ids);
                vale.styles.push(folder);
            }
            None => errors.push(
                source
                    .error_at_range(
                        at,
                        format!("style `{style}` not found in {}", folder.display()),
                    )
                    .with_help("StylesPath holds one folder per style"),
            ),
        }
    }
    // The built-in style has the rules its vocabulary gives (Vale.Spelling
    // is not provided: docs/vale.md).
    vale.rule_ids.extend(vale_vocab::rule_ids(&vale.vocabulary));
    for section in &mut vale.sections {
        for list in [&mut section.on, &mut section.off] {
            list.retain(|id| {
                !id.starts_with("Vale.") || id == "Vale." || vale.rule_ids.contains(id)
            });
        }
    }
    // `Style.` in a section stands for each of the style's rules.
    for section in &mut vale.sections {
        for list in [&mut section.on, &mut section.off] {
            let expanded: Vec<String> = list
                .iter()
                .flat_map(|selector| {
                    let ids: Vec<String> = match selector.strip_suffix('.') {
                        Some(style) => vale
                            .rule_ids
                            .iter()
                            .filter(|id| id.split_once('.').is_some_and(|(s, _)| s == style))
                            .cloned()
                            .collect(),
                        None => vec![selector.clone()],
                    };
                    ids
                })
                .collect();
            *list = expanded;
        }
        for id in &section.on {
            if !vale.on_somewhere.contains(id) {
                vale.on_somewhere.push(id.clone());
            }
        }
    }
    vale.on_somewhere.sort();
    if errors.is_empty() {
        Ok(vale)
    } else {
        Err(errors)
    }
}

/// A comma-separated value's items, with where each is.
fn list(entry: &Entry) -> Vec<(String, Range<usize>)> {
    let mut items = Vec::new();
    let mut at = entry.at.start;
    for item in entry.value.split(',') {
        let trimmed = item.trim();
        let start = at + (item.len() - item.trim_start().len());
        if !trimmed.is_empty() {
            items.push((trimmed.to_owned(), start..start + trimmed.len()));
        }
        at += item.len() + 1;
    }
    items
}

/// Vale's alert levels.
fn level(value: &str) -> Option<Level> {
    match value.to_ascii_lowercase().as_str() {
        "suggestion" => Some(Level::Suggestion),
        "warning" => Some(Level::Warning),
        "error" => Some(Level::Error),
        _ => None,
    }
}

fn bad_level(source: &RuleSource, entry: &Entry) -> LoadError {
    source
        .error_at_range(
            entry.at.clone(),
            format!("`{}` is not YES, NO or a level", entry.value),
        )
        .with_help("suggestion, warning or error")
}

/// The ids of a style's rules (`Style.Rule` for each `Rule.yml` in its
/// folder), or `None` when the folder is missing.
fn style_rules(style: &str, folder: &Path) -> Option<Vec<String>> {
    let mut ids: Vec<String> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .filter_map(|p| Some(format!("{style}.{}", p.file_stem()?.to_str()?)))
        .collect();
    ids.sort();
    Some(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vale(
        ini: &str,
        styles: &[(&str, &[&str])],
    ) -> (tempfile::TempDir, Result<Vale, Vec<LoadError>>) {
        let dir = tempfile::tempdir().unwrap();
        for (style, rules) in styles {
            std::fs::create_dir_all(dir.path().join("styles").join(style)).unwrap();
            for rule in *rules {
                let path = dir
                    .path()
                    .join("styles")
                    .join(style)
                    .join(format!("{rule}.yml"));
                std::fs::write(path, "extends: existence\n").unwrap();
            }
        }
        let path = dir.path().join(".vale.ini");
        let source = RuleSource::new(path.display().to_string(), ini);
        let read = read(&path, &source);
        (dir, read)
    }

    #[test]
    fn sections_turn_styles_and_rules_on_and_off_by_glob() {
        let ini = "StylesPath = styles\nMinAlertLevel = warning\n\n\
                   [*]\nBasedOnStyles = A\nA.Two = NO\n\n\
                   [*.md]\nB.One = error\nA.Two = YES\n";
        let (_dir, vale) = vale(ini, &[("A", &["One", "Two"]), ("B", &["One", "Two"])]);
        let vale = vale.unwrap();
        // The built-in style's rule is there, off unless named.
        assert_eq!(
            vale.rule_ids,
            ["A.One", "A.Two", "B.One", "B.Two", "Vale.Repetition"]
        );
        assert_eq!(vale.min_level, Some(Level::Warning));
        assert_eq!(vale.levels, [("B.One".to_owned(), Level::Error)]);
        assert_eq!(vale.levels_for(Path::new("a.txt")), []);
        assert_eq!(
            vale.levels_for(Path::new("a.md")),
            [("B.One".to_owned(), Level::Error)]
        );
        assert_eq!(
            vale.off_for(Path::new("a.txt")),
            ["A.Two", "B.One", "B.Two", "Vale.Repetition"]
        );
        assert_eq!(
            vale.off_for(Path::new("docs/a.md")),
            ["B.Two", "Vale.Repetition"]
        );
    }

    #[test]
    fn errors_are_located() {
        let (_dir, vale) = vale(
            "StylesPath = styles\n[*]\nBasedOnStyles = Nope\nA.x = loud\nwhat\n",
            &[("A", &["x"])],
        );
        let errors = vale.unwrap_err();
        let shown: Vec<String> = errors
            .iter()
            .map(|e| {
                let at = e.line_col().unwrap();
                format!("{}:{}: {}", at.line, at.column, e.message)
            })
            .collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert!(
            shown[0].starts_with("5:1: not a `key = value`"),
            "{shown:?}"
        );
        assert!(shown[1].starts_with("4:7: `loud` is not YES"), "{shown:?}");
        assert!(
            shown[2].starts_with("3:17: style `Nope` not found"),
            "{shown:?}"
        );
    }
}
