//! Helpdesk macro exports in JSON: Zendesk, Gorgias, Intercom (`macros`),
//! a draft with its thread (`draft`), or a generic collection declared in
//! the configuration. The JSON is read
//! by a parser of our own (`parse`) that keeps every value's span and maps
//! every decoded string back to its escapes.

pub mod draft;
pub mod macros;
pub mod parse;

use super::{collect, Collection, CollectionSpec, ContainerError};

/// The replies of a JSON source, or `Ok(None)` when it is not a collection
/// of replies this reader knows (and no `spec` says how to read it).
/// Malformed JSON is an error at the offending byte. An empty file (or
/// one of whitespace only) is not malformed but empty, as an empty YAML
/// file is: no collection, or an empty one when `spec` declares it.
pub fn replies(
    text: &str,
    spec: Option<&CollectionSpec>,
) -> Result<Option<Collection>, ContainerError> {
    if is_blank(text) {
        return Ok(spec.map(|_| Collection::default()));
    }
    let root = parse::parse(text)?;
    match spec {
        Some(spec) => collect::by_spec(&root, spec).map(Some),
        None => Ok(draft::read(&root).or_else(|| macros::read(&root))),
    }
}

/// Whether `text` is nothing but JSON whitespace (after a byte-order mark).
fn is_blank(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::test_support::{assert_exact, names};
    use crate::document::Markup;

    fn read(json: &str) -> Collection {
        replies(json, None).unwrap().unwrap()
    }

    #[test]
    fn zendesk_single_macro_with_several_reply_actions() {
        let json = r#"{"macro": {"title": "Billing::Refund issued", "actions": [
            {"field": "comment_value_html", "value": "<p>Hi {{ticket.requester.first_name}},</p>"},
            {"field": "comment_mode_is_public", "value": "true"},
            {"field": "comment_value", "value": ["channel:all", "Hi,\nyour refund is on its way."]},
            {"field": "status", "value": "pending"}]}}"#;
        let collection = read(json);
        assert_eq!(collection.errors, vec![]);
        assert_eq!(
            names(&collection),
            [
                "Billing::Refund issued (comment_value_html)",
                "Billing::Refund issued (comment_value)"
            ]
        );
        let html = &collection.replies[0];
        assert_eq!(html.markup, Markup::Html);
        assert_eq!(html.text, "<p>Hi {{ticket.requester.first_name}},</p>");
        let plain = &collection.replies[1];
        assert_eq!(plain.markup, Markup::Plain);
        assert_eq!(plain.text, "Hi,\nyour refund is on its way.");
        assert_eq!(&json[plain.map.range(3..4)], "\\n");
        let refund = plain.text.find("refund").unwrap();
        assert_eq!(&json[plain.map.range(refund..refund + 6)], "refund");
        for reply in &collection.replies {
            assert_exact(json, reply);
        }
    }

    #[test]
    fn zendesk_list_response_and_top_level_array() {
        let list = r#"{"macros": [{"title": "A", "actions": [{"field": "comment_value", "value": "Hello A"}]},
            {"title": "B", "actions": [{"field": "comment_value", "value": "Hello B"}]}],
            "next_page": null, "count": 2}"#;
        assert_eq!(names(&read(list)), ["A", "B"]);
        let array =
            r#"[{"title": "C", "actions": [{"field": "comment_value", "value": "Hello C"}]}]"#;
        let collection = read(array);
        assert_eq!(names(&collection), ["C"]);
        assert_eq!(collection.replies[0].text, "Hello C");
    }

    #[test]
    fn macros_without_reply_text_are_located_problems() {
        let json = r#"{"macros": [
            {"title": "Close only", "actions": [{"field": "status", "value": "solved"}]},
            {"title": "Numeric", "actions": [{"field": "comment_value", "value": 42}]},
            {"title": "Good", "actions": [{"field": "comment_value", "value": "Thanks!"}]}]}"#;
        let collection = read(json);
        assert_eq!(names(&collection), ["Good"]);
        assert_eq!(collection.errors.len(), 2);
        let no_text = &collection.errors[0];
        assert!(no_text
            .message
            .contains("macro `Close only` has no reply text"));
        assert_eq!(&json[no_text.span.clone().unwrap()], "\"Close only\"");
        let wrong = &collection.errors[1];
        assert!(wrong.message.contains("is a number"), "{}", wrong.message);
        assert_eq!(&json[wrong.span.clone().unwrap()], "42");
    }

    #[test]
    fn gorgias_lints_body_html_once_else_body_text() {
        let json = r#"{"data": [
            {"name": "Where is my order", "actions": [{"name": "setResponseText", "arguments":
                {"body_text": "Hi, it ships today.", "body_html": "<div>Hi, it ships today.</div>"}}]},
            {"name": "Text only", "actions": [{"type": "user", "name": "setResponseText",
                "arguments": {"body_text": "Hi there."}}, {"name": "addTags", "arguments": {"tags": "x"}}]}]}"#;
        let collection = read(json);
        assert_eq!(collection.errors, vec![]);
        assert_eq!(names(&collection), ["Where is my order", "Text only"]);
        assert_eq!(collection.replies[0].markup, Markup::Html);
        assert_eq!(collection.replies[0].text, "<div>Hi, it ships today.</div>");
        assert_eq!(collection.replies[1].markup, Markup::Plain);
        assert_eq!(collection.replies[1].text, "Hi there.");
    }

    #[test]
    fn intercom_prefers_body_text() {
        let json = r#"{"type": "list", "data": [
            {"type": "macro", "id": "1", "name": "Greeting", "body": "<p>Hi <attribute key=\"user.name\"/></p>",
             "body_text": "Hi {{user.name|fallback:\"there\"}}"},
            {"type": "macro", "name": "Html only", "body": "<p>Thanks</p>"}]}"#;
        let collection = read(json);
        assert_eq!(names(&collection), ["Greeting", "Html only"]);
        let text = &collection.replies[0];
        assert_eq!(text.markup, Markup::Plain);
        assert_eq!(text.text, "Hi {{user.name|fallback:\"there\"}}");
        assert_eq!(&json[text.map.range(24..25)], "\\\"");
        assert_exact(json, text);
        assert_eq!(collection.replies[1].markup, Markup::Html);
    }

    #[test]
    fn other_json_is_not_a_collection() {
        for json in [
            r#"{"name": "replylint-site", "version": "1.0.0", "scripts": {}}"#,
            r#"[1, 2, 3]"#,
            r#""just a string""#,
            r#"{"data": [{"id": 1}]}"#,
        ] {
            assert_eq!(replies(json, None).unwrap(), None, "{json}");
        }
    }

    #[test]
    fn empty_json_holds_no_replies() {
        for json in ["", "  \n\r\n\t", "\u{feff}", "\u{feff}\n"] {
            assert_eq!(replies(json, None).unwrap(), None, "{json:?}");
            let spec = CollectionSpec::default();
            let declared = replies(json, Some(&spec)).unwrap().unwrap();
            assert_eq!(declared, Collection::default(), "{json:?}");
        }
        // Anything else must still be JSON.
        let error = replies("\u{feff} x", None).unwrap_err();
        assert_eq!(error.span, Some(4..5));
    }

    #[test]
    fn malformed_json_is_an_error_at_the_byte() {
        let error = replies("{\"macros\": [}", None).unwrap_err();
        assert_eq!(error.span, Some(12..13));
    }

    #[test]
    fn replylint_key_suppresses_per_macro() {
        let json = r#"[{"title": "Legal", "replylint": {"ignore": ["tone/flat-no"], "reason": "approved"},
            "actions": [{"field": "comment_value", "value": "No."}]},
            {"title": "Bad key", "replylint": ["x"], "actions": [{"field": "comment_value", "value": "Yes."}]}]"#;
        let collection = read(json);
        let key = collection.replies[0].key_suppression.as_ref().unwrap();
        assert_eq!(key.rules[0].0, "tone/flat-no");
        assert_eq!(&json[key.rules[0].1.clone()], "\"tone/flat-no\"");
        assert!(json[key.source.clone()].starts_with("\"replylint\""));
        assert_eq!(collection.replies[1].key_suppression, None);
        assert_eq!(collection.errors.len(), 1);
        assert_eq!(&json[collection.errors[0].span.clone().unwrap()], "[\"x\"]");
    }

    #[test]
    fn generic_spec_reads_a_list_or_a_mapping_by_path() {
        let spec = CollectionSpec {
            items: "data.snippets".to_owned(),
            text: vec!["content".to_owned(), "subject".to_owned()],
            name: Some("label".to_owned()),
            markup: Markup::Markdown,
        };
        let json = r#"{"data": {"snippets": [
            {"label": "Hello", "content": "Hi **there**", "subject": "Re: order"},
            {"label": "Empty"},
            {"content": "Unnamed"}]}}"#;
        let collection = replies(json, Some(&spec)).unwrap().unwrap();
        assert_eq!(
            names(&collection),
            ["Hello (content)", "Hello (subject)", "item 3"]
        );
        assert_eq!(collection.replies[0].markup, Markup::Markdown);
        assert_eq!(collection.errors.len(), 1);
        assert!(collection.errors[0]
            .message
            .contains("`Empty` has no reply text"));

        let by_key = CollectionSpec {
            items: String::new(),
            text: vec!["text".to_owned()],
            name: None,
            markup: Markup::Plain,
        };
        let json = r#"{"greeting": {"text": "Hi!"}, "plain": "Bye."}"#;
        let collection = replies(json, Some(&by_key)).unwrap().unwrap();
        assert_eq!(names(&collection), ["greeting", "plain"]);
        assert_eq!(collection.replies[1].text, "Bye.");

        let missing = CollectionSpec {
            items: "data.macros".to_owned(),
            ..by_key
        };
        let error = replies(r#"{"data": {"x": 1}}"#, Some(&missing)).unwrap_err();
        assert!(error.message.contains("no `macros`"));
        assert_eq!(error.span, Some(9..17));
    }

    #[test]
    fn mutated_macro_exports_never_panic() {
        let json = r#"{"macros": [{"title": "Zoë \ud83d\ude00", "replylint": {"ignore": ["a"]}, "actions": [{"field": "comment_value", "value": ["channel:web", "Hi\n\"you\" \u00e9"]}, {"field": "comment_value_html", "value": "<p>x</p>"}]}, {"name": "G", "actions": [{"arguments": {"body_html": "<b>y</b>", "body_text": "y"}}]}, {"type": "macro", "name": "I", "body_text": "z"}]}"#;
        let bytes = json.as_bytes();
        let mut inputs: Vec<String> = (0..=json.len())
            .filter_map(|end| json.get(..end).map(str::to_owned))
            .collect();
        for i in 0..bytes.len() {
            for b in [b'"', b'\\', b'[', b'}', b'1', b'n', b' '] {
                let mut mutated = bytes.to_vec();
                mutated[i] = b;
                inputs.extend(String::from_utf8(mutated));
            }
        }
        let mut with_replies = 0;
        for input in &inputs {
            if let Ok(Some(collection)) = replies(input, None) {
                with_replies += usize::from(!collection.replies.is_empty());
                for reply in &collection.replies {
                    assert_exact(input, reply);
                }
                for error in &collection.errors {
                    let span = error.span.clone().unwrap();
                    assert!(span.end <= input.len());
                }
            }
        }
        // The loop must have read many inputs, not only rejected them.
        assert!(
            with_replies > inputs.len() / 10,
            "{with_replies} of {}",
            inputs.len()
        );
    }
}
