//! The default pack stays reviewable: no pattern line over 300 characters,
//! every building block used by some rule, and every rule's patterns
//! written as lists rather than one giant alternation.

use std::collections::BTreeSet;

use replylint::rules::blocks::Blocks;
use replylint::rules::pack;

const MAX_LINE: usize = 300;

#[test]
fn no_line_of_the_default_pack_is_over_300_characters() {
    let mut long = Vec::new();
    for (path, text) in pack::files() {
        for (n, line) in text.lines().enumerate() {
            let chars = line.chars().count();
            if chars > MAX_LINE {
                long.push(format!("rules/{path}:{}: {chars} characters", n + 1));
            }
        }
    }
    assert!(
        long.is_empty(),
        "lines over {MAX_LINE}:\n{}",
        long.join("\n")
    );
}

#[test]
fn every_building_block_is_used() {
    let blocks = pack::blocks();
    let texts: Vec<&str> = pack::files().iter().map(|(_, text)| *text).collect();
    let unused: BTreeSet<&str> = blocks
        .names()
        .into_iter()
        .filter(|name| {
            let reference = format!("%{{{name}}}");
            !texts.iter().any(|text| text.contains(&reference))
        })
        .collect();
    assert!(
        unused.is_empty(),
        "blocks no rule or block uses: {unused:?}"
    );
}

#[test]
fn the_default_pack_and_its_blocks_load() {
    let (rules, errors) = pack::load();
    let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert!(!pack::blocks().names().is_empty());
    assert!(rules.len() >= 15);
}

/// The default pack is loaded with its patterns only parsed (they are
/// known to be valid); read from `rules/` as a user's pack, every check
/// runs, so this is where a pattern that does not translate would show.
#[test]
fn the_default_pack_passes_every_check_when_read_from_disk() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let (rules, errors) = replylint::rules::load::load_dir(&dir, &Blocks::default());
    let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert_eq!(rules.len(), pack::load().0.len());
}
