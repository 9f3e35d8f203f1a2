//! Facts the documents state about the repository itself, checked against
//! it: ARCHITECTURE.md names every test file, every install command builds
//! with `--locked`, a stated rule count is the pack's, and the README's Rust
//! version is Cargo.toml's `rust-version`. (Code blocks are tests/docs.rs.)

mod common;
#[allow(dead_code)]
#[path = "docs/fences.rs"]
mod fences;

use common::{root, run};

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The README, every Markdown file of docs/, ARCHITECTURE.md and the
/// benchmark's README.
fn documents() -> Vec<String> {
    let mut docs = vec![
        "README.md".to_owned(),
        "ARCHITECTURE.md".to_owned(),
        "benches/README.md".to_owned(),
    ];
    for entry in std::fs::read_dir(root().join("docs")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") {
            docs.push(format!("docs/{name}"));
        }
    }
    docs
}

#[test]
fn architecture_names_every_test_file() {
    let architecture = read("ARCHITECTURE.md");
    let mut files = 0;
    for entry in std::fs::read_dir(root().join("tests")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".rs") {
            files += 1;
            assert!(
                architecture.contains(&format!("`tests/{name}`")),
                "ARCHITECTURE.md does not describe tests/{name}"
            );
        }
    }
    assert!(files >= 10, "{files} test files");
}

#[test]
fn every_install_command_is_locked() {
    let mut commands = Vec::new();
    for doc in documents() {
        for block in fences::blocks(&doc, &read(&doc)) {
            for line in block.body.lines().filter(|l| l.contains("cargo install")) {
                commands.push(format!("{doc}: {line}"));
            }
        }
    }
    for line in read("action.yml").lines() {
        if line.trim_start().starts_with("run:") && line.contains("cargo install") {
            commands.push(format!("action.yml: {line}"));
        }
    }
    assert!(commands.len() >= 2, "{commands:?}");
    for command in &commands {
        assert!(command.contains("--locked"), "not --locked: {command}");
    }
    let hooks = read(".pre-commit-hooks.yaml");
    if hooks.contains("language: rust") {
        let readme = read("README.md")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            readme.contains("cannot pass `--locked`"),
            "pre-commit builds without --locked: the README must say so"
        );
    }
}

#[test]
fn a_stated_rule_count_is_the_packs() {
    let listed = run(&["rules"]);
    let rules = listed
        .stdout
        .lines()
        .filter(|l| !l.starts_with("meta/"))
        .count();
    assert!(rules >= 10, "{}", listed.stdout);
    let count = regex::Regex::new(r"\b(\d+) (?:default )?(?:rule files|rules)\b").unwrap();
    for doc in documents() {
        for found in count.captures_iter(&read(&doc)) {
            assert_eq!(
                found[1].parse::<usize>().unwrap(),
                rules,
                "{doc} says `{}`; the default pack has {rules} rules",
                &found[0]
            );
        }
    }
}

#[test]
fn the_readme_states_the_rust_version() {
    let manifest = read("Cargo.toml");
    let version = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .expect("Cargo.toml sets rust-version")
        .trim_matches('"');
    let readme = read("README.md");
    assert!(
        readme.contains(&format!("Rust {version} or newer")),
        "the README does not say `Rust {version} or newer`"
    );
}
