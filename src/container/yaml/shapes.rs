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
        let reply = ListItem {
            text: "body",
            markup: Markup::Markdown,
            name: "name",
            what: "saved reply",
        };
        reply.read_all(replies, &mut collector);
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
        let response = ListItem {
            text: "response",
            markup: Markup::Html,
            name: "title",
            what: "canned response",
        };
        response.read_all(document.as_list().unwrap_or(&[]), &mut collector);
    } else {
        return None;
    }
    Some(collector.collection)
}

/// The field `key` of `item`, if it has it.
/// The items of a list of replies: which key holds the text, how it is
/// marked up, which key names the item, and what an item is called.
struct ListItem {
    text: &'static str,
    markup: Markup,
    name: &'static str,
    what: &'static str,
}

impl ListItem {
    fn read_all(&self, items: &[Node], collector: &mut Collector) {
        for (index, item) in items.iter().enumerate() {
            collector.item(
                item,
                ItemName::of(item, Some(self.name), self.what, index),
                field(item, self.text, self.markup),
                self.what,
                &format!("no `{}`", self.text),
            );
        }
    }
}

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
