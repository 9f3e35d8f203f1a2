//! containers: arbitrary bytes as a file of each container kind, the first
//! byte choosing the kind (`.json`, `.yml`, `.html`, `.md`, `.txt`) and
//! whether the file is in a repository or a draft on stdin, through the
//! path `check` takes (`source::decode`, then `lint::check_source` with the
//! plan of `check --isolated`: container, document, rules, suppression).
//!
//! Checks that every reported byte range (findings, fixes, container
//! errors) is inside the file on character boundaries, that the JSON
//! report's `matched` is the file's text at `byte_start..byte_end`, and,
//! reply by reply, that a finding moved through the reply's offset map
//! onto bytes the map calls verbatim points at exactly the text the rule
//! matched in the reply (the text its message quotes). Bytes that are not
//! UTF-8 or hold NUL are reported as `check` does, then checked lossily.
//! Then every fix (unsafe ones too, with the test pack of fixes) is applied
//! to a fixed point: a file whose replies could be read still can, with
//! as many replies (a fix never breaks the container's syntax).

#![no_main]

mod common;

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use replylint::container::{self, ContainerError};
use replylint::document::Document;
use replylint::lint::{check_source, Job};
use replylint::report::{problems, FileReport};
use replylint::rules::engine;
use replylint::source::{self, Encoding, Format, Source};
use replylint::suppression::Mode;

const KINDS: [(&str, Format); 5] = [
    ("json", Format::Json),
    ("yml", Format::Yaml),
    ("html", Format::Html),
    ("md", Format::Markdown),
    ("txt", Format::Plain),
];

fn assert_error_inside(text: &str, error: &ContainerError) {
    assert!(!error.message.is_empty());
    if let Some(span) = &error.span {
        assert!(
            span.start <= span.end && span.end <= text.len(),
            "container error {span:?} outside a file of {} bytes: {}",
            text.len(),
            error.message
        );
    }
    let rendered = problems::container_error("fuzz", text, error, false);
    assert!(rendered.starts_with("error"), "{rendered}");
}

/// Reply by reply: findings mapped onto verbatim bytes are those bytes.
fn assert_maps(source: &Source) {
    let Ok(Some(collection)) = container::replies(source, None) else {
        return;
    };
    let plan = &*common::PLAN;
    for reply in &collection.replies {
        assert_eq!(
            reply.map.text_len(),
            reply.text.len(),
            "the map covers the text"
        );
        let mut doc = Document::with_masks(&reply.text, reply.markup, &reply.masks);
        if let Some(thread) = &reply.thread {
            doc = doc.with_thread(thread);
        }
        for d in engine::check(&doc, plan.rules.rules(), &plan.context) {
            let in_reply = d.span.range();
            let matched = &reply.text[in_reply.clone()];
            let verbatim = reply.map.is_verbatim(in_reply.clone());
            let moved = d.clone().into_source(&source.text, reply, None);
            let r = moved.span.range();
            assert!(
                r.end <= source.text.len(),
                "{}: {r:?} outside the file",
                d.rule
            );
            if verbatim {
                assert_eq!(
                    &source.text[r.clone()],
                    matched,
                    "{}: reply bytes {in_reply:?} are verbatim but file bytes {r:?} differ",
                    d.rule
                );
            }
            // A fix over decoded text (an escape, an entity) is kept only
            // where the finding is one unbroken stretch of the file, with
            // its replacement written in the file's syntax (none the
            // syntax cannot hold).
            let expected: Vec<String> = if reply.map.is_contiguous(in_reply.clone()) {
                d.fixes
                    .iter()
                    .filter_map(|f| {
                        replylint::container::syntax::encode(&reply.syntax, &f.replacement)
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let kept: Vec<String> = moved.fixes.iter().map(|f| f.replacement.clone()).collect();
            assert_eq!(
                kept, expected,
                "{}: the fixes kept and how they are written",
                d.rule
            );
        }
        for comment in &reply.comments {
            let r = &comment.source;
            assert!(
                r.start <= r.end && r.end <= source.text.len(),
                "comment {r:?}"
            );
        }
    }
}

/// The JSON report's `matched` is the file's text at its byte range (for
/// a UTF-16 file, the file's bytes there decoded).
fn assert_json_matches(report: &FileReport, file: &[u8]) {
    let summary = replylint::report::Summary::of(std::slice::from_ref(report));
    let document = replylint::report::json::render(std::slice::from_ref(report), &summary);
    let value: serde_json::Value = serde_json::from_str(&document).expect("json parses");
    for d in value["diagnostics"].as_array().expect("a list") {
        let start = d["byte_start"].as_u64().expect("byte_start") as usize;
        let end = d["byte_end"].as_u64().expect("byte_end") as usize;
        let matched = d["matched"].as_str().expect("matched");
        let at = match report.encoding {
            Encoding::Utf8 => report.text.get(start..end).map(str::to_owned),
            utf16 => file.get(start..end).map(|bytes| {
                let units = bytes.chunks_exact(2).map(|p| match utf16 {
                    Encoding::Utf16Be => u16::from_be_bytes([p[0], p[1]]),
                    _ => u16::from_le_bytes([p[0], p[1]]),
                });
                char::decode_utf16(units)
                    .map(|c| c.unwrap_or('\u{FFFD}'))
                    .collect()
            }),
        };
        assert_eq!(at.as_deref(), Some(matched), "{d}");
    }
}

/// Fixing a readable file leaves it readable, with as many replies.
fn assert_fixes_keep_the_container(source: &Source, mode: Mode) {
    let Ok(Some(before)) = container::replies(source, None) else {
        return;
    };
    let job = Job {
        plan: common::FIX_PLAN.clone(),
        format: source.format,
        spec: None,
        path: Path::new(&source.name).to_path_buf(),
    };
    let Ok(fixed) = replylint::fix::fix(&job, source.clone(), mode, true) else {
        panic!("a readable file became unreadable to the linter");
    };
    if fixed.applied == 0 {
        return;
    }
    let text = &fixed.linted.report.text;
    let again = Source {
        text: text.clone(),
        ..source.clone()
    };
    match container::replies(&again, None) {
        Ok(Some(after)) => assert_eq!(
            after.replies.len(),
            before.replies.len(),
            "fixing changed the number of replies:\n{text}"
        ),
        other => panic!("fixing broke the container: {other:?}\n{text}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let (ext, format) = KINDS[usize::from(first) % KINDS.len()];
    let mode = match first / 5 % 2 {
        0 => Mode::Repository,
        _ => Mode::PreSend,
    };
    let name = format!("fuzz.{ext}");
    let source = match source::decode(name.clone(), rest.to_vec(), format) {
        Ok(source) => source,
        Err(problem) => {
            let rendered = problems::source_problem(&name, &problem, false);
            assert!(!rendered.is_empty());
            let text = String::from_utf8_lossy(rest).replace('\0', " ");
            Source {
                name,
                text,
                format,
                encoding: Default::default(),
            }
        }
    };
    assert_maps(&source);
    assert_fixes_keep_the_container(&source, mode);
    let path = Path::new(&source.name).to_path_buf();
    match check_source(source, None, &common::PLAN, &path, mode) {
        Ok((report, errors)) => {
            common::assert_spans(&report.text, &report.diagnostics);
            for error in &errors {
                assert_error_inside(&report.text, error);
            }
            assert_json_matches(&report, rest);
            common::render_all(&[report]);
        }
        Err((source, Some(error))) => assert_error_inside(&source.text, &error),
        Err((_, None)) => {}
    }
});
