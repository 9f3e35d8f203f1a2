//! exports: arbitrary bytes as a ticket export, through the path
//! `check --input-format` takes: the first byte chooses JSON Lines or CSV
//! and whether `--text-field text` is given (else the known layouts are
//! tried); the rest is the export (gzip when it starts with gzip's magic
//! bytes). Every record of the first 64 is checked with the plan of
//! `check --isolated` in its thread, its findings rendered as json-lines,
//! and counted into an audit rendered as JSON, CSV and HTML.
//!
//! Checks that nothing panics, that bad records carry a message, and that
//! every finding of a record lies inside its text on character boundaries.

#![no_main]

mod common;

use std::io::Cursor;
use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use replylint::lint::Job;
use replylint::records::{self, Fields, InputFormat, Item};
use replylint::report::{audit::Audit, audit_html, records as render};
use replylint::source::{Encoding, Format, Source};
use replylint::suppression::Mode;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let format = if first & 1 == 0 {
        InputFormat::Jsonl
    } else {
        InputFormat::Csv
    };
    let fields = Fields {
        text: (first & 2 != 0).then(|| "text".to_owned()),
        id: Some("id".to_owned()),
        groups: vec!["team".to_owned(), "created_at".to_owned()],
    };
    let input: records::read::Input = Box::new(Cursor::new(rest.to_vec()));
    let Ok(input) = records::read::open_reader(input) else {
        return;
    };
    let job = |format| Job {
        plan: common::PLAN.clone(),
        format,
        spec: None,
        path: PathBuf::from("export.jsonl"),
    };
    let (plain, html) = (job(Format::Plain), job(Format::Html));
    let mut audit = Audit::default();
    for item in records::records(input, format, fields).take(64) {
        match item {
            Item::Error(e) => assert!(!e.message.is_empty()),
            Item::Record(record) => {
                let job = if record.html { &html } else { &plain };
                let source = Source {
                    name: "export.jsonl".to_owned(),
                    text: record.text.clone(),
                    format: job.format,
                    encoding: Encoding::Utf8,
                };
                if let Ok(linted) =
                    job.lint_in_thread(source, record.thread.as_ref(), Mode::Repository)
                {
                    common::assert_spans(&linted.report.text, &linted.report.diagnostics);
                    let _ = render::json_lines(&record, &linted.report);
                    let _ = render::concise(&record, &linted.report);
                    audit.add(&record, &linted.report);
                }
            }
        }
    }
    let _ = audit.to_json();
    let _ = audit.to_csv();
    let _ = audit_html::render(&audit, "fuzz");
});
