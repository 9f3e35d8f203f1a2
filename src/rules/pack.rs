//! The default rule pack: the YAML files under `rules/`, compiled into the
//! binary by `build.rs` so replylint works with no files around it.

use super::error::LoadError;
use super::load::{parse_all, partition, rule_id, RuleText};
use super::Rule;

include!(concat!(env!("OUT_DIR"), "/default_pack.rs"));

/// The default pack's files: (path under `rules/`, YAML text).
pub fn files() -> &'static [(&'static str, &'static str)] {
    DEFAULT_PACK
}

/// Loads the default pack.
pub fn load() -> (Vec<Rule>, Vec<LoadError>) {
    let texts: Vec<RuleText<'static>> = DEFAULT_PACK
        .iter()
        .filter_map(|(path, text)| {
            let id = rule_id(std::path::Path::new(path))?;
            Some((
                id,
                format!("rules/{path}"),
                std::borrow::Cow::Borrowed(*text),
            ))
        })
        .collect();
    partition(parse_all(&texts))
}

/// Loads the default pack (unless `default_pack` is false) and then every
/// pack directory in order, so a later rule replaces an earlier one of the
/// same id in a `RuleSet`; with every error of every file.
pub fn load_with<'a>(
    default_pack: bool,
    dirs: impl IntoIterator<Item = &'a std::path::PathBuf>,
) -> (Vec<Rule>, Vec<LoadError>) {
    let (mut rules, mut errors) = if default_pack {
        load()
    } else {
        (Vec::new(), Vec::new())
    };
    for dir in dirs {
        let (r, e) = super::load::load_dir(dir);
        rules.extend(r);
        errors.extend(e);
    }
    (rules, errors)
}
