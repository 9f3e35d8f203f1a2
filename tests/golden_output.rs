//! Golden output of every format over the bundled fixtures, and proof that
//! every default rule fires on them.

mod common;

use common::{assert_golden, run};

#[test]
fn full_output_over_the_fixtures() {
    let r = run(&["check", "fixtures/replies", "--color", "never"]);
    assert_eq!(
        r.code, 1,
        "fixtures include error-level findings\n{}",
        r.stderr
    );
    assert_golden("fixtures.full.txt", &r.stdout);
    assert!(!r.stdout.contains('␍'), "CRLF line ends are not drawn");
}

#[test]
fn concise_output_over_the_fixtures() {
    let r = run(&["check", "fixtures/replies", "--output-format", "concise"]);
    assert_eq!(r.code, 1);
    assert_golden("fixtures.concise.txt", &r.stdout);
    for line in r.stdout.lines() {
        let (location, rest) = line.split_once(": ").expect("path:line:col: ...");
        let mut parts = location.rsplitn(3, ':');
        let column: usize = parts.next().unwrap().parse().expect("column");
        let line_no: usize = parts.next().unwrap().parse().expect("line");
        assert!(column >= 1 && line_no >= 1);
        assert!(rest.contains('[') && rest.contains("]: "), "{line}");
    }
}

#[test]
fn json_output_over_the_fixtures() {
    let r = run(&["check", "fixtures/replies", "--output-format", "json"]);
    assert_eq!(r.code, 1);
    assert_golden("fixtures.json", &r.stdout);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    assert_eq!(doc["version"], 1);
    let diagnostics = doc["diagnostics"].as_array().expect("diagnostics");
    assert!(!diagnostics.is_empty());
    for d in diagnostics {
        let path = d["path"].as_str().unwrap();
        let text = std::fs::read_to_string(common::root().join(path)).unwrap();
        let (start, end) = (
            d["byte_start"].as_u64().unwrap() as usize,
            d["byte_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &text[start..end],
            d["matched"].as_str().unwrap(),
            "byte offsets index the source"
        );
        for key in [
            "rule",
            "level",
            "message",
            "help",
            "line",
            "column",
            "end_line",
            "end_column",
            "fixes",
            "link",
        ] {
            assert!(d.get(key).is_some(), "missing {key}");
        }
    }
    assert_eq!(
        doc["summary"]["files_checked"].as_u64().unwrap() as usize,
        std::fs::read_dir(common::root().join("fixtures/replies"))
            .unwrap()
            .count()
    );
}

/// Rules that stay silent unless settings (a helpdesk) are given; their
/// examples test them with `examples.context`.
const NEEDS_SETTINGS: &[&str] = &["template/unknown-placeholder"];

#[test]
fn every_default_rule_fires_on_the_fixtures() {
    let listed = run(&["rules"]);
    let r = run(&["check", "fixtures/replies", "--output-format", "concise"]);
    for line in listed.stdout.lines() {
        let id = line.split_whitespace().next().unwrap();
        if NEEDS_SETTINGS.contains(&id) {
            continue;
        }
        assert!(
            r.stdout.contains(&format!("[{id}]:")),
            "no fixture shows `{id}` firing"
        );
    }
}

#[test]
fn good_fixtures_are_clean() {
    let dir = common::root().join("fixtures/replies");
    let mut good = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("good-") {
            good += 1;
            let r = run(&[
                "check",
                path.to_str().unwrap(),
                "--output-format",
                "concise",
            ]);
            assert_eq!(r.stdout, "", "{name} should be clean");
            assert_eq!(r.code, 0);
        }
    }
    assert!(good >= 3);
}
