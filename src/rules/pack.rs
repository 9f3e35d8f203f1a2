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
