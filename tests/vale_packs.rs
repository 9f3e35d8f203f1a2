//! The six public Vale packages in `../shared/vale-packs` (development
//! data beside the checkout, not part of the project), each run on its
//! own fixtures the way its Cucumber scenarios run Vale: `When I test
//! "X"` checks the folder `fixtures/X` (with its `.vale.ini`) and `Then
//! the output should contain exactly` lists Vale's `--output=line` lines.
//!
//! It prints, per package, how many expected lines replylint reproduces
//! exactly, and fails if a package falls below the count it reached when
//! this test was last raised (a ratchet; issue 12 aims at 95%). Without
//! `../shared` it prints a note and checks nothing. `VALE_PACKS_VERBOSE=1`
//! prints every difference. A second test loads every rule of the six.

mod common;

use std::path::{Path, PathBuf};

/// Expected lines reproduced at least, per package (raise as support grows).
const REPRODUCED_AT_LEAST: &[(&str, usize)] = &[
    ("Google", 50),
    ("Joblint", 25),
    ("Microsoft", 127),
    ("alex", 0),
    ("proselint", 37),
    ("write-good", 11),
];

struct Scenario {
    fixture: String,
    expected: Vec<String>,
}

/// The scenarios of a feature file.
fn scenarios(feature: &str) -> Vec<Scenario> {
    let mut found = Vec::new();
    let mut lines = feature.lines().map(str::trim);
    while let Some(line) = lines.next() {
        let Some(rest) = line.strip_prefix("When I test \"") else {
            continue;
        };
        let fixture = rest.trim_end_matches('"').to_owned();
        let mut expected = Vec::new();
        // Then the output should contain exactly: """ … """
        for line in lines.by_ref() {
            if line == "\"\"\"" && !expected.is_empty() {
                break;
            }
            if line.starts_with("Then") || line == "\"\"\"" {
                continue;
            }
            expected.push(line.to_owned());
        }
        found.push(Scenario { fixture, expected });
    }
    found
}

fn packs_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/vale-packs");
    dir.is_dir().then_some(dir)
}

/// With `VALE_PACKS_VERBOSE=1`: every expected line not reproduced, every
/// line more, and what replylint said on stderr, per scenario.
fn print_differences(package: &str, fixture: &str, missing: &[&str], more: &[&str], stderr: &str) {
    if missing.is_empty() && more.is_empty() && stderr.is_empty() {
        return;
    }
    eprintln!("== {package} {fixture}");
    for line in missing {
        eprintln!("  - {line}");
    }
    for line in more {
        eprintln!("  + {line}");
    }
    for line in stderr
        .lines()
        .filter(|l| l.starts_with("error") || l.starts_with("warning"))
    {
        eprintln!("  ! {line}");
    }
}

#[test]
fn each_package_reproduces_its_own_fixture_expectations() {
    let Some(dir) = packs_dir() else {
        eprintln!("note: ../shared/vale-packs is absent; the Vale packages are not run");
        return;
    };
    let verbose = std::env::var_os("VALE_PACKS_VERBOSE").is_some();
    let mut report = Vec::new();
    let mut fell = Vec::new();
    for (package, floor) in REPRODUCED_AT_LEAST {
        let features = dir.join(package).join("features");
        let mut expected_total = 0;
        let mut reproduced = 0;
        let mut extra = 0;
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&features)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for feature in entries {
            let text = std::fs::read_to_string(&feature).unwrap();
            for scenario in scenarios(&text) {
                let fixture = dir.join(package).join("fixtures").join(&scenario.fixture);
                let run =
                    common::run_in(&fixture, &["check", "--output-format", "line", "."], None);
                let mut got: Vec<&str> = run.stdout.lines().collect();
                expected_total += scenario.expected.len();
                let mut missing = Vec::new();
                for line in &scenario.expected {
                    if let Some(i) = got.iter().position(|g| g == line) {
                        got.remove(i);
                        reproduced += 1;
                    } else {
                        missing.push(line.as_str());
                    }
                }
                extra += got.len();
                if verbose {
                    print_differences(package, &scenario.fixture, &missing, &got, &run.stderr);
                }
            }
        }
        let percent = 100.0 * reproduced as f64 / expected_total.max(1) as f64;
        report.push(format!(
            "{package:<11} {reproduced:>4} of {expected_total:>4} expected lines ({percent:5.1}%), {extra} lines more"
        ));
        if reproduced < *floor {
            fell.push(format!("{package}: {reproduced} < {floor}"));
        }
    }
    eprintln!("{}", report.join("\n"));
    assert!(
        fell.is_empty(),
        "fewer lines reproduced than before: {fell:?}"
    );
}

#[test]
fn every_rule_of_the_six_packages_loads() {
    let Some(dir) = packs_dir() else {
        eprintln!("note: ../shared/vale-packs is absent; the Vale packages are not loaded");
        return;
    };
    let ws = tempfile::tempdir().unwrap();
    let mut expected = Vec::new();
    for (package, _) in REPRODUCED_AT_LEAST {
        let style = dir.join(package).join(package);
        std::os::unix::fs::symlink(&style, ws.path().join(package)).unwrap();
        for entry in std::fs::read_dir(&style).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yml") {
                let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
                expected.push(format!("{package}.{stem}"));
            }
        }
    }
    let styles: Vec<&str> = REPRODUCED_AT_LEAST.iter().map(|(p, _)| *p).collect();
    common::write(
        ws.path(),
        ".vale.ini",
        format!(
            "StylesPath = .\n[*.md]\nBasedOnStyles = {}\n",
            styles.join(", ")
        ),
    );
    let run = common::run_in(ws.path(), &["rules"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let listed: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let missing: Vec<&String> = expected
        .iter()
        .filter(|id| !listed.contains(&id.as_str()))
        .collect();
    assert!(missing.is_empty(), "not loaded: {missing:?}");
    eprintln!("{} rules of the six packages load", expected.len());
}
