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
fn line_output_over_the_fixtures_is_concise_without_the_level() {
    let r = run(&["check", "fixtures/replies", "--output-format", "line"]);
    assert_eq!(r.code, 1);
    assert_golden("fixtures.line.txt", &r.stdout);
    let concise = run(&["check", "fixtures/replies", "--output-format", "concise"]);
    // The same findings in the same order: `path:line:col:rule:message`
    // is `path:line:col: level[rule]: message` without the level (collection
    // replies aside, whose concise line also names the reply).
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), concise.stdout.lines().count());
    for (line, concise) in lines.iter().zip(concise.stdout.lines()) {
        let (location, rest) = concise.split_once(": ").unwrap();
        let (_level, rule_message) = rest.split_once('[').unwrap();
        let (rule, message) = rule_message.split_once("]: ").unwrap();
        let message = message.split(" [in reply \"").next().unwrap();
        assert_eq!(*line, format!("{location}:{rule}:{message}"));
    }
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

#[test]
fn vale_json_output_over_the_fixtures_holds_the_json_findings() {
    let r = run(&["check", "fixtures/replies", "--output-format", "vale-json"]);
    assert_eq!(r.code, 1);
    assert_golden("fixtures.vale.json", &r.stdout);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    let json = run(&["check", "fixtures/replies", "--output-format", "json"]);
    let ours: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    // The same findings, keyed by file: each alert's line, first column,
    // rule and match are the `json` finding's.
    let mut alerts = Vec::new();
    for (path, list) in doc.as_object().expect("an object keyed by file") {
        for a in list.as_array().unwrap() {
            alerts.push((
                path.clone(),
                a["Line"].as_u64().unwrap(),
                a["Span"][0].as_u64().unwrap(),
                a["Check"].as_str().unwrap().to_owned(),
                a["Match"].as_str().unwrap().to_owned(),
            ));
        }
    }
    let mut expected: Vec<_> = ours["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_owned(),
                d["matched"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    alerts.sort();
    expected.sort();
    assert_eq!(alerts, expected);
}

/// Rules these fixtures cannot show: one stays silent unless a helpdesk is
/// configured (its examples and tests/canned_repo.rs show it), one fires
/// only on standard input (tests/cli.rs shows it).
const NOT_IN_FIXTURES: &[&str] = &["template/unknown-placeholder", "meta/suppression-in-reply"];

#[test]
fn every_default_rule_fires_on_the_fixtures() {
    let listed = run(&["rules"]);
    let r = run(&["check", "fixtures/replies", "--output-format", "concise"]);
    for line in listed.stdout.lines() {
        let id = line.split_whitespace().next().unwrap();
        if NOT_IN_FIXTURES.contains(&id) {
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

#[test]
fn json_lines_output_over_the_fixtures() {
    let r = run(&["check", "fixtures/replies", "--output-format", "json-lines"]);
    assert_eq!(r.code, 1);
    assert_golden("fixtures.jsonl", &r.stdout);
    let json = run(&["check", "fixtures/replies", "--output-format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    assert_eq!(
        &lines,
        doc["diagnostics"].as_array().unwrap(),
        "the same objects as `json`, in the same order"
    );
}

#[test]
fn github_output_over_the_fixtures() {
    let r = run(&["check", "fixtures/replies", "--output-format", "github"]);
    assert_eq!(r.code, 1);
    assert_golden("fixtures.github.txt", &r.stdout);
    let concise = run(&["check", "fixtures/replies", "--output-format", "concise"]);
    assert_eq!(r.stdout.lines().count(), concise.stdout.lines().count());
    for line in r.stdout.lines() {
        let (command, rest) = line[2..].split_once(' ').expect("::LEVEL props::message");
        assert!(["error", "warning", "notice"].contains(&command), "{line}");
        let (props, _message) = rest.split_once("::").expect("`::` before the message");
        let keys: Vec<&str> = props
            .split(',')
            .map(|p| p.split_once('=').expect("key=value").0)
            .collect();
        let expected: &[&str] = if keys.contains(&"col") {
            &["file", "line", "endLine", "col", "endColumn", "title"]
        } else {
            &["file", "line", "endLine", "title"]
        };
        assert_eq!(keys, expected, "{line}");
    }
}

#[test]
fn sarif_output_over_the_fixtures() {
    let r = run(&["check", "fixtures/replies", "--output-format", "sarif"]);
    assert_eq!(r.code, 1);
    let golden = r.stdout.replace(
        &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")),
        "\"version\": \"[VERSION]\"",
    );
    assert_golden("fixtures.sarif", &golden);
    let log: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let listed = common::run(&["rules"]);
    assert_eq!(rules.len(), listed.stdout.lines().count(), "every rule run");
    for rule in rules {
        for key in ["id", "name"] {
            assert!(rule[key].is_string(), "rule {key}");
        }
        for key in ["shortDescription", "fullDescription", "help"] {
            assert!(rule[key]["text"].is_string(), "rule {key}.text");
        }
    }
    let results = run["results"].as_array().unwrap();
    let json = common::run(&["check", "fixtures/replies", "--output-format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    let mut fingerprints = std::collections::HashSet::new();
    for (result, d) in results.iter().zip(diagnostics) {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert_eq!(result["ruleId"], d["rule"]);
        assert_eq!(result["message"]["text"], d["message"]);
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], d["path"]);
        let region = &location["region"];
        assert_eq!(region["startLine"], d["line"]);
        assert_eq!(region["startColumn"], d["column"]);
        assert_eq!(region["endLine"], d["end_line"]);
        assert_eq!(region["endColumn"], d["end_column"]);
        assert_eq!(region["snippet"]["text"], d["matched"]);
        let fingerprint = result["partialFingerprints"]["replylint/v1"]
            .as_str()
            .unwrap();
        assert!(fingerprints.insert(fingerprint.to_owned()), "unique");
    }
}

#[test]
fn statistics_over_the_fixtures() {
    let r = run(&["check", "fixtures/replies", "--statistics"]);
    assert_eq!(r.code, 1, "statistics do not change the exit code");
    assert_golden("fixtures.statistics.txt", &r.stdout);
    let concise = run(&["check", "fixtures/replies", "--output-format", "concise"]);
    let mut total = 0;
    for line in r.stdout.lines().skip(1).take_while(|l| !l.is_empty()) {
        let mut cells = line.split_whitespace();
        let count: usize = cells.next().unwrap().parse().unwrap();
        let rule = cells.next().unwrap();
        let fired = concise.stdout.matches(&format!("[{rule}]: ")).count();
        assert_eq!(count, fired, "{rule}");
        total += count;
    }
    assert_eq!(total, concise.stdout.lines().count());
    let json = run(&[
        "check",
        "fixtures/replies",
        "--statistics",
        "--output-format",
        "json",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON statistics");
    assert_eq!(rows.as_array().unwrap().len(), r.stdout.lines().count() - 3);
}

#[test]
fn output_file_gets_its_format_and_the_terminal_keeps_the_output_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.sarif");
    let r = run(&[
        "check",
        "fixtures/replies",
        "--output-format",
        "github",
        "--output-file",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let github = run(&["check", "fixtures/replies", "--output-format", "github"]);
    assert_eq!(r.stdout, github.stdout, "the terminal gets --output-format");
    let sarif = run(&["check", "fixtures/replies", "--output-format", "sarif"]);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        sarif.stdout,
        "a .sarif file gets SARIF"
    );

    let named = dir.path().join("report.txt");
    let r = run(&[
        "check",
        "fixtures/replies",
        "-o",
        named.to_str().unwrap(),
        "--output-file-format",
        "concise",
        "--color",
        "never",
    ]);
    let full = run(&["check", "fixtures/replies", "--color", "never"]);
    assert_eq!(r.stdout, full.stdout);
    let concise = run(&["check", "fixtures/replies", "--output-format", "concise"]);
    assert_eq!(std::fs::read_to_string(&named).unwrap(), concise.stdout);

    let lines = dir.path().join("out.jsonl");
    let stats = run(&[
        "check",
        "fixtures/replies/good-alternatives-after-no.txt",
        "-o",
        lines.to_str().unwrap(),
        "--statistics",
    ]);
    assert_eq!(stats.code, 0);
    assert_eq!(stats.stdout, "No findings in 1 file checked.\n");
    assert_eq!(
        std::fs::read_to_string(&lines).unwrap(),
        "",
        "no findings, no lines"
    );
}

#[test]
fn an_unwritable_output_file_exits_2_and_names_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("missing-dir/out.json");
    let r = run(&[
        "check",
        "fixtures/replies/good-alternatives-after-no.txt",
        "--output-file",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(out.to_str().unwrap()),
        "the message names the path: {}",
        r.stderr
    );
    assert!(
        r.stdout.contains("No findings"),
        "the terminal report is still printed"
    );
    let dir_as_file = run(&[
        "check",
        "fixtures/replies/good-alternatives-after-no.txt",
        "-o",
        dir.path().to_str().unwrap(),
        "--exit-zero",
    ]);
    assert_eq!(dir_as_file.code, 2, "--exit-zero does not hide the error");
}

#[test]
fn help_documents_the_output_options() {
    let r = run(&["check", "--help"]);
    for needle in [
        "--output-file",
        "--statistics",
        "json-lines",
        "github",
        "sarif",
    ] {
        assert!(r.stdout.contains(needle), "--help mentions {needle}");
    }
}
