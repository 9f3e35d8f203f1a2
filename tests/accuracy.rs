//! The default pack on real replies: the labelled development set in
//! `../shared/corpus` (not part of this repository) must keep precision
//! ≥ 0.90 and recall ≥ 0.80 overall, and every rule with at least five
//! labels precision ≥ 0.85. Where `../shared` is absent (a user's clone)
//! the test says so and checks nothing.

mod common;

use std::process::Command;

struct Row {
    rule: String,
    tp: u32,
    fp: u32,
    fn_: u32,
}

fn precision(tp: u32, fp: u32) -> f64 {
    f64::from(tp) / f64::from((tp + fp).max(1))
}

fn recall(tp: u32, fn_: u32) -> f64 {
    f64::from(tp) / f64::from((tp + fn_).max(1))
}

#[test]
fn the_default_pack_holds_its_accuracy_on_real_replies() {
    let shared = common::root().join("../shared");
    let tool = shared.join("tools/score-labels");
    let labels = shared.join("corpus/labels.tsv");
    if !tool.exists() || !labels.exists() {
        eprintln!(
            "accuracy: {} not found; the labelled corpus is not part of this repository",
            labels.display()
        );
        return;
    }
    let out = Command::new("python3")
        .arg(&tool)
        .arg(env!("CARGO_BIN_EXE_replylint"))
        .arg(&labels)
        .output()
        .expect("run score-labels with python3");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<Row> = stdout
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split_whitespace().collect();
            let [rule, tp, fp, fn_, ..] = cells.as_slice() else {
                return None;
            };
            Some(Row {
                rule: (*rule).to_owned(),
                tp: tp.parse().ok()?,
                fp: fp.parse().ok()?,
                fn_: fn_.parse().ok()?,
            })
        })
        .collect();
    assert!(rows.len() >= 10, "no per-rule table:\n{stdout}");
    let (tp, fp, fn_) = rows
        .iter()
        .fold((0, 0, 0), |(t, f, n), r| (t + r.tp, f + r.fp, n + r.fn_));
    assert!(
        precision(tp, fp) >= 0.90 && recall(tp, fn_) >= 0.80,
        "overall precision {:.2} recall {:.2}:\n{stdout}",
        precision(tp, fp),
        recall(tp, fn_)
    );
    for row in rows.iter().filter(|r| r.tp + r.fn_ >= 5) {
        assert!(
            precision(row.tp, row.fp) >= 0.85,
            "{} precision {:.2}:\n{stdout}",
            row.rule,
            precision(row.tp, row.fp)
        );
    }
}
