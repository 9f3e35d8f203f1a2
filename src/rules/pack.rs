//! The default rule pack: the YAML files under `rules/`, compiled into the
//! binary by `build.rs` so replylint works with no files around it.

use std::sync::LazyLock;

use super::blocks::{self, Blocks};
use super::error::{LoadError, Origin, RuleSource};
use super::load::{parse_all, partition, rule_id, RuleText};
use super::Rule;

include!(concat!(env!("OUT_DIR"), "/default_pack.rs"));

/// The default pack's files: (path under `rules/`, YAML text).
pub fn files() -> &'static [(&'static str, &'static str)] {
    DEFAULT_PACK
}

/// The default pack's building blocks (`rules/blocks.yml`), which every
/// pack's rules can use, and the error that file has, if any.
fn default_blocks() -> &'static (Blocks, Option<LoadError>) {
    static BLOCKS: LazyLock<(Blocks, Option<LoadError>)> = LazyLock::new(|| {
        let Some((path, text)) = DEFAULT_PACK.iter().find(|(p, _)| *p == blocks::FILE_NAME) else {
            return (Blocks::default(), None);
        };
        let source = RuleSource {
            origin: Origin::BuiltIn,
            ..RuleSource::new(format!("rules/{path}"), *text)
        };
        match Blocks::parse(&source, &Blocks::default()) {
            Ok(blocks) => (blocks, None),
            Err(e) => (Blocks::default(), Some(e)),
        }
    });
    &BLOCKS
}

/// The default pack's building blocks.
pub fn blocks() -> &'static Blocks {
    &default_blocks().0
}

/// The default pack, compiled once per process: on first use, or ahead of
/// it by [`prepare`].
static DEFAULT_RULES: LazyLock<(Vec<Rule>, Vec<LoadError>)> = LazyLock::new(compile);

/// Loads the default pack: a copy of its rules for the caller to select
/// and re-level, sharing the compiled checks.
pub fn load() -> (Vec<Rule>, Vec<LoadError>) {
    let (rules, errors) = &*DEFAULT_RULES;
    (rules.clone(), errors.clone())
}

/// Starts compiling the default pack on another thread, so that a caller
/// can find and read its files meanwhile; [`load`] then waits for it.
pub fn prepare() {
    std::thread::spawn(|| LazyLock::force(&DEFAULT_RULES));
}

fn compile() -> (Vec<Rule>, Vec<LoadError>) {
    let texts: Vec<RuleText<'static>> = DEFAULT_PACK
        .iter()
        .filter(|(path, _)| *path != blocks::FILE_NAME)
        .filter_map(|(path, text)| {
            let id = rule_id(std::path::Path::new(path))?;
            Some((
                id,
                format!("rules/{path}"),
                std::borrow::Cow::Borrowed(*text),
            ))
        })
        .collect();
    let (blocks, error) = default_blocks();
    let (rules, mut errors) = partition(parse_all(&texts, blocks, Origin::BuiltIn));
    errors.extend(error.clone());
    (rules, errors)
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
        let (r, e) = super::load::load_dir(dir, blocks());
        rules.extend(r);
        errors.extend(e);
    }
    (rules, errors)
}
