//! The YAML collections replylint knows by their shape:
//!
//! - GitHub saved replies (`.github/replies.yml` of refined-saved-replies):
//!   `replies: [{name, body}]`, Markdown replies named by `name`;
//! - an osTicket email template: a mapping with `subject` (plain text) and
//!   `body` (HTML), and `notes` for the admin, which is not reply text; its
//!   two replies are named `subject` and `body`;
//! - an osTicket page template (`thank-you.yaml`, `offline.yaml`): `notes`,
//!   `name` and an HTML `body` shown to customers, one reply named by `name`;
//! - osTicket canned responses (`premade.yaml`): a list of
//!   `{isenabled, title, response, notes, attachments}`, HTML replies named
//!   by `title`.

use crate::container::collect::{Collector, Field, ItemName};
use crate::container::tree::{Kind, Node};
use crate::container::Collection;
use crate::document::Markup;

/// The replies of a document of a known shape, or `None`.
pub fn read(document: &Node) -> Option<Collection> {
    let mut collector = Collector::default();
    if let Some(replies) = document.get("replies").and_then(Node::as_list) {
        for (index, item) in replies.iter().enumerate() {
            let fields = field(item, "body", Markup::Markdown);
            collector.item(
                item,
                ItemName::of(item, Some("name"), "saved reply", index),
                fields,
                "saved reply",
                "no `body`",
            );
        }
    } else if document.get("subject").is_some() && document.get("body").is_some() {
        let mut fields = field(document, "subject", Markup::Plain);
        fields.extend(field(document, "body", Markup::Html));
        let name = ItemName {
            name: None,
            span: document.span.clone(),
        };
        let before = collector.collection.replies.len();
        collector.item(document, name, fields, "template", "no `subject` or `body`");
        for reply in &mut collector.collection.replies[before..] {
            reply.fragment = reply.name.as_deref() == Some("subject");
        }
    } else if document.get("notes").is_some() && document.get("body").is_some() {
        let fields = field(document, "body", Markup::Html);
        let name = ItemName::of(document, Some("name"), "page", 0);
        collector.item(document, name, fields, "page template", "no `body`");
    } else if is_premade(document) {
        for (index, item) in document.as_list().unwrap_or(&[]).iter().enumerate() {
            let fields = field(item, "response", Markup::Html);
            collector.item(
                item,
                ItemName::of(item, Some("title"), "canned response", index),
                fields,
                "canned response",
                "no `response`",
            );
        }
    } else {
        return None;
    }
    Some(collector.collection)
}

/// The field `key` of `item`, if it has it.
fn field<'a>(item: &'a Node, key: &str, markup: Markup) -> Vec<Field<'a>> {
    item.get(key)
        .map(|node| Field {
            label: key.to_owned(),
            node,
            markup,
        })
        .into_iter()
        .collect()
}

/// A list of mappings of which some have a `title` and a `response`.
fn is_premade(document: &Node) -> bool {
    let Kind::List(items) = &document.kind else {
        return false;
    };
    items
        .iter()
        .any(|item| item.get("title").is_some() && item.get("response").is_some())
}
