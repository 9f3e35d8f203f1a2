//! From collection items to replies, shared by the JSON and YAML readers:
//! each item's text fields become replies named after the item, a field of
//! the wrong type or an item with no reply text becomes a located problem
//! of that item, and a generic collection declared in the configuration
//! ([`CollectionSpec`]) is read by path.

use std::ops::Range;

use super::tree::{Kind, Node};
use super::{keys, Collection, CollectionSpec, ContainerError, Reply};
use crate::document::Markup;

/// A field of an item that may hold reply text.
pub struct Field<'a> {
    /// Tells the field apart when an item has several replies
    /// (`comment_value_html`, `body`).
    pub label: String,
    pub node: &'a Node,
    pub markup: Markup,
}

/// How an item is named in replies and messages.
pub struct ItemName {
    /// `None` when the file is the item (an osTicket template): its replies
    /// are then named by their field labels alone.
    pub name: Option<String>,
    /// Where to point when the item has no reply text.
    pub span: Range<usize>,
}

impl ItemName {
    /// The item's `key` (`title`, `name`), or `{what} {n}` when it has none.
    pub fn of(item: &Node, key: Option<&str>, what: &str, index: usize) -> ItemName {
        let found = key.and_then(|key| item.get(key)).and_then(|node| {
            node.as_name()
                .filter(|name| !name.trim().is_empty())
                .map(|name| (name.trim().to_owned(), node.span.clone()))
        });
        match found {
            Some((name, span)) => ItemName {
                name: Some(name),
                span,
            },
            None => ItemName {
                name: Some(format!("{what} {}", index + 1)),
                span: item.span.clone(),
            },
        }
    }
}

/// Replies and problems gathered item by item.
#[derive(Default)]
pub struct Collector {
    pub collection: Collection,
    /// The spans of the strings read as reply text so far.
    seen: std::collections::HashSet<std::ops::Range<usize>>,
}

impl Collector {
    /// Adds the replies of one item. `what` names the kind of item in
    /// messages (`macro`); `expected` says where reply text should have been.
    pub fn item(
        &mut self,
        item: &Node,
        name: ItemName,
        fields: Vec<Field<'_>>,
        what: &str,
        expected: &str,
    ) {
        let key_suppression = match keys::suppression(item) {
            Ok(found) => found,
            Err(error) => {
                self.collection.errors.push(error);
                None
            }
        };
        let shown = name.name.as_deref().unwrap_or(what);
        let mut texts = Vec::new();
        let mut problems = false;
        let mut elsewhere = false;
        for field in &fields {
            // An alias is read at its anchor, once: a text some reply
            // already has is not checked again under another name.
            let (node, aliased) = match &field.node.kind {
                Kind::Alias(Some(anchored)) => (&**anchored, true),
                _ => (field.node, false),
            };
            match &node.kind {
                Kind::Str(_) if aliased && self.seen.contains(&node.span) => elsewhere = true,
                Kind::Str(text) if text.value.trim().is_empty() => {}
                Kind::Str(text) => {
                    self.seen.insert(node.span.clone());
                    texts.push((field, text));
                }
                Kind::Scalar(..) if field.node.is_null() => {}
                _ => {
                    problems = true;
                    self.collection.errors.push(ContainerError::at(
                        format!(
                            "`{}` of {what} `{shown}` is {}, not text",
                            field.label,
                            field.node.describe()
                        ),
                        field.node.span.clone(),
                    ));
                }
            }
        }
        if texts.is_empty() && !problems && !elsewhere {
            self.collection.errors.push(ContainerError::at(
                format!("{what} `{shown}` has no reply text ({expected})"),
                name.span,
            ));
            return;
        }
        let several = texts.len() > 1;
        let mut used: Vec<String> = Vec::new();
        for (field, text) in texts {
            let mut label = field.label.clone();
            let repeats = used.iter().filter(|l| **l == field.label).count();
            used.push(field.label.clone());
            if repeats > 0 {
                label = format!("{label} {}", repeats + 1);
            }
            let reply_name = match (&name.name, several) {
                (Some(name), true) => format!("{name} ({label})"),
                (Some(name), false) => name.clone(),
                (None, _) => label,
            };
            let mut reply = Reply::decoded(
                Some(reply_name),
                field.markup,
                text.value.clone(),
                text.map.clone(),
            );
            reply.syntax = vec![text.syntax];
            reply.key_suppression = key_suppression.clone();
            self.collection.replies.push(reply);
        }
    }
}

/// Reads a generic collection: the list (or mapping of name → item) at
/// `spec.items`, each item's `spec.text` fields as replies named by its
/// `spec.name` (or its key in a mapping). An item that is itself a string
/// is one reply. A path that leads nowhere is an error for the whole file.
pub fn by_spec(root: &Node, spec: &CollectionSpec) -> Result<Collection, ContainerError> {
    let list = follow(root, &spec.items)?;
    let mut collector = Collector::default();
    let expected = if spec.text.is_empty() {
        "the configuration names no text keys".to_owned()
    } else {
        format!("no {}", quoted_list(&spec.text))
    };
    let mut read = |index: usize, item: &Node, key: Option<(&str, Range<usize>)>| {
        let mut name = ItemName::of(item, spec.name.as_deref(), "item", index);
        let named_by_field = spec
            .name
            .as_deref()
            .and_then(|k| item.get(k))
            .and_then(Node::as_name)
            .is_some();
        if let (false, Some((key, span))) = (named_by_field, key) {
            name = ItemName {
                name: Some(key.to_owned()),
                span,
            };
        }
        let fields = match &item.kind {
            Kind::Str(_) => vec![Field {
                label: "text".to_owned(),
                node: item,
                markup: spec.markup,
            }],
            Kind::Map(_) => spec
                .text
                .iter()
                .filter_map(|key| {
                    item.get(key).map(|node| Field {
                        label: key.clone(),
                        node,
                        markup: spec.markup,
                    })
                })
                .collect(),
            _ => {
                collector.collection.errors.push(ContainerError::at(
                    format!(
                        "item `{}` is {}, not a mapping or a string",
                        name.name.as_deref().unwrap_or("item"),
                        item.describe()
                    ),
                    item.span.clone(),
                ));
                return;
            }
        };
        collector.item(item, name, fields, "item", &expected);
    };
    match &list.kind {
        Kind::List(items) => {
            for (index, item) in items.iter().enumerate() {
                read(index, item, None);
            }
        }
        Kind::Map(entries) => {
            for (index, entry) in entries.iter().enumerate() {
                if entry.key == keys::KEY {
                    continue;
                }
                read(
                    index,
                    &entry.value,
                    Some((entry.key.as_str(), entry.key_span.clone())),
                );
            }
        }
        _ => {
            return Err(ContainerError::at(
                format!(
                    "the configured items `{}` are {}, not a list or a mapping",
                    display_path(&spec.items),
                    list.describe()
                ),
                list.span.clone(),
            ))
        }
    }
    Ok(collector.collection)
}

/// The node at a dotted path (`data.macros`, `replies.0`); "" is the root.
fn follow<'a>(root: &'a Node, path: &str) -> Result<&'a Node, ContainerError> {
    let mut node = root;
    for segment in path.split('.').filter(|s| !s.is_empty()) {
        let next = match &node.kind {
            Kind::Map(_) => node.get(segment),
            Kind::List(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        };
        node = next.ok_or_else(|| {
            ContainerError::at(
                format!(
                    "the configured items `{path}` are not in this file: no `{segment}` in {}",
                    node.describe()
                ),
                node.span.clone(),
            )
        })?;
    }
    Ok(node)
}

fn display_path(path: &str) -> &str {
    if path.is_empty() {
        "(root)"
    } else {
        path
    }
}

fn quoted_list(keys: &[String]) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    quoted.join(" or ")
}

/// Of two fields that hold the same reply in two forms, the `preferred` one
/// when it has text, else the other when it is there at all.
pub fn prefer<'a>(preferred: Option<Field<'a>>, other: Option<Field<'a>>) -> Option<Field<'a>> {
    let has_text = |f: &Field<'_>| f.node.as_str().is_some_and(|s| !s.trim().is_empty());
    match (preferred, other) {
        (Some(p), _) if has_text(&p) => Some(p),
        (_, Some(o)) if !o.node.is_null() => Some(o),
        (p, o) => p.or(o),
    }
}
