//! rule_yaml: arbitrary text (invalid UTF-8 replaced) loaded as a rule file
//! of a pack with the default building blocks, and as a pack's
//! `blocks.yml`. Loading must return a rule or an error that names the
//! file and, where it points into the text, lies inside it on character
//! boundaries and renders; never a panic, a hang or a blow-up in memory
//! (regexes and block expansion have size limits). A rule that loads is
//! run over its own examples. The text is also loaded as a Vale style's
//! rule (Vale's semantics, look-around on the backtracking engine), which
//! is run over the text itself read as Markdown prose.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use replylint::document::{Document, Markup, Reading};
use replylint::rules::blocks::{Blocks, FILE_NAME};
use replylint::rules::error::{Origin, RuleSource};
use replylint::rules::load::{parse_rule, parse_rule_as};
use replylint::rules::{engine, pack, LoadError};

const RULE_PATH: &str = "pack/fuzz/rule.yml";

fn assert_located(path: &str, text: &str, error: &LoadError) {
    assert_eq!(error.path, path, "the error names its file");
    if error.span.is_some() {
        let within = error.text.as_deref().expect("a span comes with its text");
        assert_eq!(within, text, "the span is in the file's text");
    }
    common::assert_load_error(error);
    let _ = error.to_string();
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match parse_rule("fuzz/rule", RULE_PATH, &text, pack::blocks()) {
        Ok(rule) => {
            let examples = rule.examples.bad.iter().chain(&rule.examples.good);
            for example in examples.take(4) {
                let doc = Document::new(example, Markup::Plain);
                let found = engine::check(&doc, [&rule], &rule.examples.context);
                for d in found {
                    assert!(d.span.end() <= example.len());
                }
            }
        }
        Err(error) => assert_located(RULE_PATH, &text, &error),
    }
    match parse_rule_as("T.R", RULE_PATH, &text, pack::blocks(), Origin::ValeStyle) {
        Ok(rule) => {
            let doc = Document::read(&text, Markup::Markdown, &[], Reading::Prose);
            for d in engine::check(&doc, [&rule], &rule.examples.context) {
                assert!(d.span.end() <= text.len());
            }
        }
        Err(error) => assert_located(RULE_PATH, &text, &error),
    }
    let path = format!("pack/{FILE_NAME}");
    let source = RuleSource::new(path.clone(), &*text);
    match Blocks::parse(&source, &Blocks::default()) {
        Ok(blocks) => {
            for name in blocks.names() {
                assert!(blocks.get(name).is_some(), "a listed block expands");
            }
        }
        Err(error) => assert_located(&path, &text, &error),
    }
});
