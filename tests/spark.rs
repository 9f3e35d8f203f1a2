//! replylint as the map step of Apache Spark: `integrations/spark/
//! replylint_job.py` run by PySpark in local mode over a generated export
//! of 100,000 records (a few of them bad), its totals compared with a
//! single-machine `check --report` of the same file: replies, findings per
//! rule, and replies and findings per rule for every group value must be
//! equal, exactly.
//!
//! Needs Python with PySpark (`pip install pyspark`) and Java 17
//! (`apt-get install openjdk-17-jre-headless`); without them the test
//! fails saying so (CI installs both).

mod common;

use std::io::Write;
use std::process::Command;

const RECORDS: usize = 100_000;

/// A deterministic export: replies that trip rules one time in three,
/// five teams, fifty agents, twelve months, and three bad lines.
fn export(path: &std::path::Path) {
    let bad = [
        "Obviously you did not read the guide.",
        "This is user error on your side.",
        "We will fix it soon.",
        "Fixed it, closing the ticket.",
        "No, we can't do that.",
    ];
    let good = [
        "Thanks for the report, and sorry for the trouble!",
        "Could you check that it works for you now?",
        "I have refunded the charge; it shows within 5 days.",
    ];
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..RECORDS {
        if i % 33_333 == 7 {
            writeln!(out, "{{\"id\": {i}, \"text\": ").unwrap();
            continue;
        }
        let mut text = good[i % 3].to_owned();
        if i % 3 == 0 {
            text.push(' ');
            text.push_str(bad[(i / 3) % 5]);
        }
        text.push(' ');
        text.push_str(good[(i / 7) % 3]);
        let line = serde_json::json!({
            "id": i, "text": text, "team": format!("team-{}", i % 5),
            "agent": format!("agent-{}", i % 50), "created_at": format!("2025-{:02}-01", 1 + i % 12),
        });
        writeln!(out, "{line}").unwrap();
    }
}

#[test]
fn spark_totals_equal_a_single_machine_run() {
    let has_pyspark = Command::new("python3")
        .args(["-c", "import pyspark"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(has_pyspark, "PySpark is missing: `pip install pyspark` (and Java 17: `apt-get install openjdk-17-jre-headless`)");
    let has_java = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        has_java,
        "Java is missing: `apt-get install openjdk-17-jre-headless`"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.jsonl");
    export(&path);
    let bin = env!("CARGO_BIN_EXE_replylint");
    let single = Command::new(bin)
        .args([
            "check",
            "--isolated",
            "--input-format",
            "jsonl",
            "--text-field",
            "text",
            "--group-field",
            "team,agent",
            "--output-format",
            "concise",
            "--exit-zero",
            "--report",
            "audit.json",
            "export.jsonl",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(single.status.code(), Some(2), "the bad lines exit 2");
    let stderr = String::from_utf8_lossy(&single.stderr);
    assert!(stderr.contains("3 bad records"), "{stderr}");
    let audit: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("audit.json")).unwrap())
            .unwrap();
    let job = common::root().join("integrations/spark/replylint_job.py");
    let spark = Command::new("python3")
        .arg(&job)
        .arg(&path)
        .args([
            "--replylint",
            bin,
            "--text-field",
            "text",
            "--group-field",
            "team",
            "--group-field",
            "agent",
            "--partitions",
            "4",
            "--master",
            "local[2]",
            "--out",
        ])
        .arg(dir.path().join("totals.json"))
        .env("PYSPARK_PYTHON", "python3")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        spark.status.success(),
        "the Spark job failed:\n{}",
        String::from_utf8_lossy(&spark.stderr)
    );
    let totals: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("totals.json")).unwrap())
            .unwrap();
    assert_eq!(totals["replies"], audit["replies"]);
    assert_eq!(audit["replies"], RECORDS as u64 - 3);
    let rules = audit["rules"].as_object().unwrap();
    assert!(
        rules.len() >= 4,
        "the export trips several rules: {rules:?}"
    );
    for (rule, stats) in rules {
        assert_eq!(
            totals["findings"][rule], stats["findings"],
            "findings of {rule}"
        );
    }
    assert_eq!(totals["findings"].as_object().unwrap().len(), rules.len());
    for field in ["team", "agent"] {
        let mine = audit["groups"][field].as_object().unwrap();
        let theirs = totals["groups"][field].as_object().unwrap();
        assert_eq!(mine.len(), theirs.len(), "values of {field}");
        for (value, counts) in mine {
            assert_eq!(
                theirs[value]["replies"], counts["replies"],
                "{field}={value} replies"
            );
            assert_eq!(
                theirs[value]["findings"], counts["findings"],
                "{field}={value} findings"
            );
        }
    }
}
