//! The default rule pack: the YAML files under `rules/`, compiled into the
//! binary by `build.rs` so replylint works with no files around it.

use super::error::LoadError;
use super::load::{parse_rule, rule_id};
use super::Rule;

include!(concat!(env!("OUT_DIR"), "/default_pack.rs"));

/// The default pack's files: (path under `rules/`, YAML text).
pub fn files() -> &'static [(&'static str, &'static str)] {
    DEFAULT_PACK
}

/// Loads the default pack.
pub fn load() -> (Vec<Rule>, Vec<LoadError>) {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for (path, text) in DEFAULT_PACK {
        let Some(id) = rule_id(std::path::Path::new(path)) else {
            continue;
        };
        match parse_rule(&id, &format!("rules/{path}"), text) {
            Ok(rule) => rules.push(rule),
            Err(e) => errors.push(e),
        }
    }
    (rules, errors)
}
