//! reply_model: arbitrary bytes, read as text (invalid UTF-8 replaced), in
//! every markup (plain, Markdown, HTML), through the library's front door
//! (`Document` and `engine::check`) with the default pack. Checks that the
//! prose keeps the source's length, that paragraphs, sentences, the
//! opening, the closing and masks lie on character boundaries inside the
//! source, that every diagnostic does too, and that every output format
//! renders the findings without panicking.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use replylint::document::{Document, Markup};
use replylint::report::FileReport;
use replylint::rules::{engine, Context, PlaceholderSettings};

/// Each markup with a context of its own: none, a Liquid helpdesk with an
/// accepted vocabulary, and a helpdesk of another syntax.
fn cases() -> [(Markup, Context); 3] {
    let helpdesk = |name: &str| {
        Some(PlaceholderSettings {
            helpdesk: Some(name.to_owned()),
            allow: vec!["ticket.custom*".to_owned()],
        })
    };
    [
        (Markup::Plain, Context::default()),
        (
            Markup::Markdown,
            Context {
                placeholders: helpdesk("zendesk"),
                vocabulary: vec!["LSX".to_owned(), "Larkspur".to_owned()],
            },
        ),
        (
            Markup::Html,
            Context {
                placeholders: helpdesk("intercom"),
                vocabulary: Vec::new(),
            },
        ),
    ]
}

fn assert_model(text: &str, doc: &Document<'_>) {
    assert_eq!(doc.prose().len(), text.len(), "the prose keeps every byte");
    let ranges = doc
        .paragraphs()
        .iter()
        .chain(doc.sentences())
        .cloned()
        .chain(doc.opening())
        .chain(doc.closing())
        .chain(doc.masked().iter().map(|m| m.range.clone()));
    for range in ranges {
        assert!(
            range.start <= range.end && range.end <= text.len(),
            "{range:?}"
        );
        assert!(
            text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
            "{range:?} inside a character"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for (markup, context) in cases() {
        let doc = Document::new(&text, markup);
        assert_model(&text, &doc);
        let diagnostics = engine::check(&doc, common::RULES.rules(), &context);
        common::assert_spans(&text, &diagnostics);
        common::render_all(&[FileReport {
            name: "reply.txt".to_owned(),
            text: text.clone().into_owned(),
            diagnostics,
            ..Default::default()
        }]);
    }
});
