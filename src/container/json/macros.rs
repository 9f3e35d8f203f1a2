//! Helpdesk macros in JSON, recognised by shape, item by item:
//!
//! - **Zendesk**: `{title, actions: [{field, value}]}`. Reply text is in the
//!   `comment_value` actions (a string, or `["channel:all", "text"]`; plain
//!   text) and the `comment_value_html` actions (HTML). Every reply action is
//!   a reply of its own.
//! - **Gorgias**: `{name, actions: [{name, arguments: {body_html, body_text}}]}`.
//!   When an action has both, they are the same reply twice and only
//!   `body_html` is linted: it is what email customers get, it keeps the
//!   `{{…}}` placeholders as they are, and its structure (quotes, code,
//!   paragraphs) is masked and segmented better than the flattened text.
//!   `body_text` is linted only when there is no `body_html` text.
//! - **Intercom**: `{type: "macro", name, body, body_text}`. Here `body_text`
//!   is preferred: Intercom's `body` HTML turns placeholders into
//!   `<attribute key=… default=…/>` tags, which rendering would drop, so a
//!   greeting `Hi {{user.name|fallback:"there"}},` would read as `Hi ,`.
//!
//! The macros may be one macro, `{"macro": …}`, `{"macros": […]}` (an API
//! list response, with `next_page` and `count` beside it), `{"data": […]}`
//! (Gorgias and Intercom lists) or a top-level array.

use crate::container::collect::{prefer, Collector, Field, ItemName};
use crate::container::tree::{Kind, Node};
use crate::container::{Collection, ContainerError};
use crate::document::Markup;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Helpdesk {
    Zendesk,
    Gorgias,
    Intercom,
}

/// The replies of the macros in `root`, or `None` when it holds no macros.
pub fn read(root: &Node) -> Option<Collection> {
    let items = candidates(root)?;
    let kinds: Vec<Option<Helpdesk>> = items.iter().map(|item| helpdesk(item)).collect();
    if kinds.iter().all(Option::is_none) {
        return None;
    }
    let mut collector = Collector::default();
    for (index, (item, kind)) in items.iter().zip(kinds).enumerate() {
        match kind {
            Some(Helpdesk::Zendesk) => zendesk(&mut collector, item, index),
            Some(Helpdesk::Gorgias) => gorgias(&mut collector, item, index),
            Some(Helpdesk::Intercom) => intercom(&mut collector, item, index),
            None => collector.collection.errors.push(ContainerError::at(
                format!(
                    "item {} is not a Zendesk, Gorgias or Intercom macro (it is {})",
                    index + 1,
                    item.describe()
                ),
                item.span.clone(),
            )),
        }
    }
    Some(collector.collection)
}

/// The nodes that may be macros.
fn candidates(root: &Node) -> Option<Vec<&Node>> {
    match &root.kind {
        Kind::List(items) => Some(items.iter().collect()),
        Kind::Map(_) => {
            if let Some(one) = root.get("macro").filter(|m| m.is_map()) {
                return Some(vec![one]);
            }
            for key in ["macros", "data"] {
                if let Some(items) = root.get(key).and_then(Node::as_list) {
                    return Some(items.iter().collect());
                }
            }
            Some(vec![root])
        }
        _ => None,
    }
}

fn helpdesk(item: &Node) -> Option<Helpdesk> {
    if !item.is_map() {
        return None;
    }
    if let Some(actions) = item.get("actions").and_then(Node::as_list) {
        if actions.iter().any(|a| a.get("field").is_some()) {
            return Some(Helpdesk::Zendesk);
        }
        if actions.iter().any(|a| a.get("arguments").is_some()) {
            return Some(Helpdesk::Gorgias);
        }
        if item.get("title").is_some() {
            return Some(Helpdesk::Zendesk);
        }
        if item.get("name").is_some() {
            return Some(Helpdesk::Gorgias);
        }
        return None;
    }
    let typed_macro = item.get("type").and_then(Node::as_str) == Some("macro");
    let intercom_like = item.get("name").is_some()
        && (item.get("body_text").is_some() || item.get("body").is_some());
    (typed_macro || intercom_like).then_some(Helpdesk::Intercom)
}

fn actions(item: &Node) -> &[Node] {
    item.get("actions").and_then(Node::as_list).unwrap_or(&[])
}

fn zendesk(collector: &mut Collector, item: &Node, index: usize) {
    let mut fields = Vec::new();
    for action in actions(item) {
        let (Some(field), Some(value)) = (action.get("field"), action.get("value")) else {
            continue;
        };
        let (markup, label) = match field.as_str() {
            Some("comment_value") => (Markup::Plain, "comment_value"),
            Some("comment_value_html") => (Markup::Html, "comment_value_html"),
            _ => continue,
        };
        fields.push(Field {
            label: label.to_owned(),
            node: channel_text(value).unwrap_or(value),
            markup,
        });
    }
    collector.item(
        item,
        ItemName::of(item, Some("title"), "macro", index),
        fields,
        "macro",
        "no `comment_value` or `comment_value_html` action",
    );
}

/// The text of a `["channel:all", "text"]` comment value.
fn channel_text(value: &Node) -> Option<&Node> {
    match value.as_list()? {
        [channel, text] if channel.as_str()?.starts_with("channel:") => Some(text),
        _ => None,
    }
}

fn gorgias(collector: &mut Collector, item: &Node, index: usize) {
    let mut fields = Vec::new();
    for action in actions(item) {
        let Some(arguments) = action.get("arguments") else {
            continue;
        };
        let label = ["name", "type"]
            .iter()
            .find_map(|k| action.get(k).and_then(Node::as_str))
            .unwrap_or("action")
            .to_owned();
        let field = |key: &str, markup| {
            arguments.get(key).map(|node| Field {
                label: label.clone(),
                node,
                markup,
            })
        };
        if let Some(field) = prefer(
            field("body_html", Markup::Html),
            field("body_text", Markup::Plain),
        ) {
            fields.push(field);
        }
    }
    collector.item(
        item,
        ItemName::of(item, Some("name"), "macro", index),
        fields,
        "macro",
        "no action with `body_html` or `body_text` arguments",
    );
}

fn intercom(collector: &mut Collector, item: &Node, index: usize) {
    let field = |key: &str, markup| {
        item.get(key).map(|node| Field {
            label: key.to_owned(),
            node,
            markup,
        })
    };
    let fields = prefer(
        field("body_text", Markup::Plain),
        field("body", Markup::Html),
    )
    .into_iter()
    .collect();
    collector.item(
        item,
        ItemName::of(item, Some("name"), "macro", index),
        fields,
        "macro",
        "no `body_text` or `body`",
    );
}
