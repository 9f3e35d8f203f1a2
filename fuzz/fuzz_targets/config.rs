//! config: arbitrary bytes as a `replylint.yaml`, loaded the way `check`
//! loads a configuration (`Config::load`: read, parse, `extend:` chain,
//! resolution, globs), then validated against the default pack's rule ids
//! and the known helpdesks, shown as YAML and asked about a few paths.
//! Every outcome must be a configuration or errors that name a file and,
//! where they point into a text, lie inside it on character boundaries and
//! render; never a panic.
//!
//! The file is written to a directory of this process's own under the
//! temporary directory, so `extend:` and globs resolve relative to it.

#![no_main]

mod common;

use std::path::PathBuf;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use replylint::config::Config;
use replylint::rules::{pack, LoadError};

static DIR: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = std::env::temp_dir().join(format!("replylint-fuzz-config-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).expect("a directory for the file");
    dir
});

static KNOWN: LazyLock<Vec<String>> = LazyLock::new(|| {
    let (rules, _) = pack::load();
    let mut ids: Vec<String> = rules.iter().map(|r| r.id.to_string()).collect();
    ids.extend(
        replylint::suppression::META_RULES
            .iter()
            .map(|m| m.id.to_owned()),
    );
    ids
});

fn assert_located(error: &LoadError) {
    assert!(!error.path.is_empty(), "an error names its file");
    common::assert_load_error(error);
}

fuzz_target!(|data: &[u8]| {
    let path = DIR.join("replylint.yaml");
    std::fs::write(&path, data).expect("write the configuration");
    match Config::load(&path) {
        Ok(config) => {
            for error in config.check_rule_ids(&KNOWN) {
                assert_located(&error);
            }
            if let Some(error) = config.check_helpdesk(replylint::placeholder::helpdesk_names()) {
                assert_located(&error);
            }
            let _ = config.to_yaml();
            for file in ["reply.md", "sub/macros.json", "drafts/a.yml", "x.html"] {
                let file = DIR.join(file);
                let _ = config.is_excluded(&file);
                let _ = config.ignored_for(&file);
                let _ = config.format_for(&file);
                for rule in KNOWN.iter().take(3) {
                    let _ = config.checks_rule_in(rule, &file);
                }
            }
            let settings = config.settings();
            for rule in KNOWN.iter() {
                let _ = settings.selects(rule);
                let _ = settings.level_for(rule);
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "a failed load says why");
            for error in &errors {
                assert_located(error);
            }
        }
    }
});
