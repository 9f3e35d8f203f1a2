//! Configuration: `replylint.yaml` / `.replylint.yaml` files, found by
//! walking up from each checked file (the closest wins, no implicit merging
//! with parents), extended explicitly with `extend:`, and resolved into
//! plain effective [`Settings`].
//!
//! - `file.rs`: the YAML schema (kebab-case keys, unknown keys rejected,
//!   positions kept for every value checked later).
//! - `error.rs`: reading and parsing a file; errors are rule-file
//!   [`LoadError`]s located at file:line:col.
//! - `discover.rs`: a directory's configuration file.
//! - `extend.rs`: `extend:` chains, with cycles and missing targets located.
//! - `resolve.rs`: merging a chain into [`Settings`] (the merge rules are
//!   documented there and in `docs/configuration.md`).
//! - `globs.rs`: `.gitignore`-like globs relative to the configuration's
//!   directory; `matching.rs`: exclusion, per-file ignores, formats, and
//!   rule selection and levels by id or prefix.
//! - `validate.rs`: checks that need the caller's knowledge (the loaded
//!   rules, the known helpdesks).
//! - `configs.rs`: [`Configs`], the thread-safe cached resolver of a run
//!   (`--config` and `--isolated` are its [`Mode`]s).
//! - `show.rs`: the effective configuration as YAML (`replylint config`).
//!
//! The caller (the `check` command) does what the settings mean: it asks
//! [`Configs::for_file`] for each file, skips excluded files, reads formats
//! with [`Config::format_for`], keeps rules with [`Settings::selects`] and
//! not in [`Config::ignored_for`], applies [`Settings::level_for`], loads
//! [`Settings::rule_dirs`], and reports [`Config::check_rule_ids`] and
//! [`Config::check_helpdesk`] errors once per configuration.

// Load errors happen at most once per configuration file, before any
// checking: their detail (file text, span, label, help) matters, not size.
#![allow(clippy::result_large_err)]

mod configs;
mod discover;
mod error;
mod extend;
mod file;
mod globs;
mod matching;
pub mod paths;
mod resolve;
mod show;
pub mod vale_ini;
pub mod vale_packages;
pub mod vale_vocab;
mod validate;

use std::path::{Path, PathBuf};

pub use configs::{Configs, Mode};
pub use discover::FILE_NAMES;
pub use resolve::{FormatSetting, PlaceholderSettings, Settings};

use crate::rules::error::RuleSource;

use crate::rules::LoadError;

/// A loaded configuration: a file and everything it extends, resolved.
#[derive(Debug)]
pub struct Config {
    /// The configuration file, absolute.
    path: PathBuf,
    /// The folder globs are matched against, absolute: its own folder, or
    /// the `root` it sets.
    dir: PathBuf,
    /// The files of the `extend` chain, the configuration first.
    sources: Vec<(PathBuf, RuleSource)>,
    resolved: resolve::Resolved,
    /// A Vale configuration's per-file rule choices.
    vale: Option<vale_ini::Vale>,
}

impl Config {
    /// Loads the configuration file at `path` with everything it extends.
    pub fn load(path: &Path) -> Result<Config, Vec<LoadError>> {
        if vale_ini::is_vale(path) {
            return Config::load_vale(path);
        }
        let chain = extend::load_chain(path).map_err(|e| vec![e])?;
        let resolved = resolve::resolve(&chain)?;
        let path = paths::absolute(path);
        let dir = match &resolved.settings.root {
            Some(root) => root.clone(),
            None => path.parent().unwrap_or(Path::new("/")).to_path_buf(),
        };
        Ok(Config {
            path,
            dir,
            sources: chain.into_iter().map(|l| (l.path, l.source)).collect(),
            resolved,
            vale: None,
        })
    }

    /// Loads a Vale configuration (see [`vale_ini`]).
    fn load_vale(path: &Path) -> Result<Config, Vec<LoadError>> {
        let source = error::read(path).map_err(|e| vec![e])?;
        let path = paths::absolute(path);
        let mut vale = vale_ini::read(&path, &source)?;
        let formats = std::mem::take(&mut vale.formats);
        let settings = Settings {
            select: vale.on_somewhere.clone(),
            vale_styles: vale.styles.clone(),
            vale_generated: vale_vocab::rules(&vale.vocabulary, &path),
            vocabulary: vale.vocabulary.accept.clone(),
            min_level: vale.min_level,
            no_default_pack: true,
            ..Settings::default()
        };
        let dir = path.parent().unwrap_or(Path::new("/")).to_path_buf();
        Ok(Config {
            sources: vec![(path.clone(), source)],
            path,
            dir,
            resolved: resolve::Resolved {
                settings,
                formats,
                ..resolve::Resolved::default()
            },
            vale: Some(vale),
        })
    }

    /// Whether it is a Vale configuration.
    pub fn is_vale(&self) -> bool {
        self.vale.is_some()
    }

    /// Every level a Vale configuration's sections set, in file order.
    pub fn vale_levels(&self) -> &[(String, crate::diagnostic::Level)] {
        self.vale.as_ref().map_or(&[], |v| &v.levels)
    }

    /// The configuration file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The folder globs are relative to (its own, or its `root`).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The files this configuration extends, nearest first.
    pub fn extends(&self) -> impl Iterator<Item = &Path> {
        self.sources.iter().skip(1).map(|(path, _)| path.as_path())
    }

    /// The effective settings.
    pub fn settings(&self) -> &Settings {
        &self.resolved.settings
    }
}

#[cfg(test)]
mod tests;
