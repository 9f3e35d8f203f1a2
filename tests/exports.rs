//! `check --input-format jsonl|csv`: ticket exports as people hand them
//! over. Generic JSON Lines with bad records (each named by its line, the
//! rest checked, exit 2), gzip on standard input, the Zendesk layout (a
//! follow-up is judged as one, customers are never linted), the Twitter
//! CSV layout, streaming (the first findings arrive while the input is
//! still being written), and the audit (`--report`) in JSON, CSV and HTML
//! agreeing with the streamed findings.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::run_in;

const BLAME: &str = "You clearly did not read the manual. Obviously this is user error.";
const FINE: &str =
    "Thanks for the details, and sorry for the wait! Could you check that it works now?";

fn lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn bad_records_are_named_by_line_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let export = format!(
        "{}\n{{\"id\": 2, \"body\": \n{}\n{{\"id\": 4, \"body\": 17}}\n",
        serde_json::json!({"id": 1, "body": BLAME, "agent": "sam", "team": "billing"}),
        serde_json::json!({"id": 3, "body": FINE, "agent": "ana", "team": "billing"}),
    );
    common::write(dir.path(), "export.jsonl", &export);
    let run = run_in(
        dir.path(),
        &[
            "check",
            "--input-format",
            "jsonl",
            "--text-field",
            "body",
            "--id-field",
            "id",
            "--group-field",
            "agent,team",
            "--output-format",
            "json-lines",
            "export.jsonl",
        ],
        None,
    );
    assert_eq!(run.code, 2, "bad records exit 2: {}", run.stderr);
    assert!(
        run.stderr.contains("export.jsonl:2: not JSON"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("export.jsonl:4: `body` is a number"),
        "{}",
        run.stderr
    );
    let found = lines(&run.stdout);
    assert!(!found.is_empty());
    for f in &found {
        assert_eq!(
            f["record"]["line"], 1,
            "only the blaming reply has findings: {f}"
        );
        assert_eq!(f["record"]["id"], "1");
        assert_eq!(
            f["record"]["groups"],
            serde_json::json!({"agent": "sam", "team": "billing"})
        );
        let start = f["byte_start"].as_u64().unwrap() as usize;
        let end = f["byte_end"].as_u64().unwrap() as usize;
        assert_eq!(
            &BLAME[start..end],
            f["matched"],
            "offsets are the reply text's"
        );
    }
    assert!(found.iter().any(|f| f["rule"] == "tone/blame"));
}

#[test]
fn a_broken_rule_file_is_named_and_the_other_rules_check_the_export() {
    let dir = tempfile::tempdir().unwrap();
    common::write(
        dir.path(),
        "pack/team/broken.yml",
        "extends: existence\nmessage: m\ntokens:\n  - 'unclosed (group'\n",
    );
    let export = format!("{}\n", serde_json::json!({"text": BLAME}));
    common::write(dir.path(), "export.jsonl", &export);
    let run = run_in(
        dir.path(),
        &[
            "check",
            "--input-format",
            "jsonl",
            "--text-field",
            "text",
            "--rules",
            "pack",
            "--output-format",
            "json-lines",
            "export.jsonl",
        ],
        None,
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("pack/team/broken.yml:4:"),
        "{}",
        run.stderr
    );
    let found = lines(&run.stdout);
    assert!(
        found
            .iter()
            .any(|l| l.to_string().contains("tone/condescending")),
        "the default pack still ran: {}",
        run.stdout
    );
}

#[test]
fn gzip_on_standard_input_and_the_zendesk_layout() {
    let ticket = serde_json::json!({
        "id": 901, "requester_id": 5, "via": {"channel": "web"},
        "comments": [
            {"id": 1, "author_id": 5, "public": true, "body": "Obviously your app is broken, user error my foot."},
            {"id": 2, "author_id": 8, "public": true, "body": "Sorry about that! Which version do you use?"},
            {"id": 3, "author_id": 5, "public": true, "body": "Version 4."},
            {"id": 4, "author_id": 8, "public": true, "body": "Update to version 5 from Settings, then restart."},
            {"id": 5, "author_id": 8, "public": false, "body": "Obviously a user error, closing the ticket."}
        ]
    });
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    writeln!(gz, "{ticket}").unwrap();
    let bytes = gz.finish().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let run = run_in(
        dir.path(),
        &[
            "check",
            "--input-format",
            "jsonl",
            "--group-field",
            "via.channel",
            "--output-format",
            "json-lines",
            "-",
        ],
        Some(&bytes),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("2 replies checked"),
        "two public agent comments: {}",
        run.stderr
    );
    let found = lines(&run.stdout);
    assert!(
        found
            .iter()
            .all(|f| f["rule"] != "empathy/no-acknowledgement"),
        "the second reply is a follow-up: {found:?}"
    );
    assert!(
        found
            .iter()
            .all(|f| !f["matched"].as_str().unwrap_or("").contains("user error")),
        "the customer's words and the private note are never linted: {found:?}"
    );
}

#[test]
fn the_twitter_csv_layout_needs_no_options() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n\
        10,4411,True,Mon Jan 08 10:00:00 +0000 2018,my order never came,11,\n\
        11,ShopHelp,False,Mon Jan 08 10:05:00 +0000 2018,@4411 Obviously you typed the wrong address.,,10\n\
        12,4412,True,Tue Feb 06 09:00:00 +0000 2018,refund please,13,\n\
        13,ShopHelp,False,Tue Feb 06 09:01:00 +0000 2018,@4412 Sorry about that! I have sent the refund. Does it show on your side?,,12\n";
    common::write(dir.path(), "twcs.csv", csv);
    let run = run_in(
        dir.path(),
        &[
            "check",
            "--input-format",
            "csv",
            "--group-field",
            "author_id,created_at",
            "--output-format",
            "concise",
            "--report",
            "audit.json",
            "twcs.csv",
        ],
        None,
    );
    assert!(run.code <= 1, "{}", run.stderr);
    assert!(run.stderr.contains("2 replies checked"), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("twcs.csv:3: warning[tone/condescending]"),
        "{}",
        run.stdout
    );
    let audit: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("audit.json")).unwrap())
            .unwrap();
    assert_eq!(audit["replies"], 2);
    assert_eq!(audit["months"]["2018-01"]["replies"], 1);
    assert_eq!(audit["months"]["2018-02"]["replies"], 1);
    assert_eq!(audit["groups"]["author_id"]["ShopHelp"]["replies"], 2);
}

#[test]
fn findings_stream_while_the_input_is_still_coming() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_replylint"))
        .args([
            "check",
            "--input-format",
            "jsonl",
            "--text-field",
            "t",
            "--output-format",
            "json-lines",
            "-",
        ])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // More than one window of records, then the pipe stays open.
    for i in 0..600 {
        writeln!(
            stdin,
            "{}",
            serde_json::json!({"t": format!("{BLAME} ({i})")})
        )
        .unwrap();
    }
    stdin.flush().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        let mut first = String::new();
        let _ = BufReader::new(stdout).read_line(&mut first);
        let _ = tx.send(first);
    });
    let started = Instant::now();
    let first = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("a finding before the input ends");
    assert!(first.contains("\"record\":{\"line\":1"), "{first}");
    assert!(started.elapsed() < Duration::from_secs(60));
    drop(stdin);
    let _ = child.wait();
}

#[test]
fn the_audit_agrees_with_the_findings_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let mut export = String::new();
    for i in 0..40 {
        let (text, mac) = if i % 4 == 0 {
            (BLAME, "Refunds::Denied")
        } else {
            (FINE, "Refunds::Done")
        };
        let day = format!("2024-{:02}-03T10:00:00Z", 1 + i % 3);
        export.push_str(&serde_json::json!({"text": text, "team": if i % 2 == 0 { "a" } else { "b" }, "macro": mac, "created_at": day}).to_string());
        export.push('\n');
    }
    common::write(dir.path(), "export.jsonl", &export);
    let run = run_in(
        dir.path(),
        &[
            "check",
            "--input-format",
            "jsonl",
            "--text-field",
            "text",
            "--group-field",
            "team,macro,created_at",
            "--output-format",
            "json-lines",
            "--report",
            "audit.json",
            "--report",
            "audit.csv",
            "--report",
            "audit.html",
            "export.jsonl",
        ],
        None,
    );
    assert!(run.code <= 1, "{}", run.stderr);
    let found = lines(&run.stdout);
    let audit: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("audit.json")).unwrap())
            .unwrap();
    assert_eq!(audit["replies"], 40);
    assert_eq!(audit["findings"], found.len() as u64);
    let blame = found.iter().filter(|f| f["rule"] == "tone/blame").count() as u64;
    assert_eq!(audit["rules"]["tone/blame"]["findings"], blame);
    assert_eq!(audit["worst_macros"][0]["value"], "Refunds::Denied");
    assert_eq!(audit["months"].as_object().unwrap().len(), 3);
    let csv = std::fs::read_to_string(dir.path().join("audit.csv")).unwrap();
    assert!(csv.starts_with("dimension,value,rule,replies,findings,per_100_replies\n"));
    assert!(
        csv.contains(&format!("all,,*,40,{},", found.len())),
        "{csv}"
    );
    let html = std::fs::read_to_string(dir.path().join("audit.html")).unwrap();
    assert!(html.contains("<svg class=\"chart\""));
    for external in ["src=\"http", "href=\"http", "<script", "@import", "<link"] {
        assert!(!html.contains(external), "the report loads {external}");
    }
}
