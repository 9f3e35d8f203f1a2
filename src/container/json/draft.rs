//! A draft with its thread, as a helpdesk integration sends it:
//!
//! ```json
//! {"text": "Thanks! Try the reset link.", "format": "markdown",
//!  "previous": [{"from": "customer", "text": "I can't log in."},
//!               {"from": "agent", "text": "Which browser?"},
//!               {"from": "customer", "text": "Firefox."}]}
//! ```
//!
//! `text` is the one reply linted; `previous` (oldest first) is never
//! linted but tells the reply model whether this is a first reply, a
//! follow-up or a continuation. `from` (or `author`, `role`) is `customer`
//! (also `user`, `requester`, `end-user`) or `agent` (also `support`,
//! `staff`, `assistant`); a message may also be a plain string, a
//! customer's. `format` is `text` (default), `markdown` or `html`.

use crate::container::collect::{Collector, Field, ItemName};
use crate::container::tree::Node;
use crate::container::{Collection, ContainerError};
use crate::document::turn::{Author, Message};
use crate::document::{Markup, Thread};

/// The draft in `root`, or `None` when `root` is not a draft with a thread
/// (an object with a `text` string and a `previous` list).
pub fn read(root: &Node) -> Option<Collection> {
    let text = root.get("text")?;
    let previous = root.get("previous")?;
    let mut collector = Collector::default();
    let thread = match thread(previous) {
        Ok(thread) => thread,
        Err(error) => {
            collector.collection.errors.push(error);
            return Some(collector.collection);
        }
    };
    let markup = match markup(root) {
        Ok(markup) => markup,
        Err(error) => {
            collector.collection.errors.push(error);
            return Some(collector.collection);
        }
    };
    let name = ItemName {
        name: None,
        span: root.span.clone(),
    };
    let field = Field {
        label: "text".into(),
        node: text,
        markup,
    };
    collector.item(root, name, vec![field], "draft", "a `text` string");
    let mut collection = collector.collection;
    for reply in &mut collection.replies {
        reply.name = None;
        reply.thread = Some(thread.clone());
    }
    Some(collection)
}

fn markup(root: &Node) -> Result<Markup, ContainerError> {
    let Some(format) = root.get("format") else {
        return Ok(Markup::Plain);
    };
    match format.as_str() {
        Some("text" | "plain") => Ok(Markup::Plain),
        Some("markdown" | "md") => Ok(Markup::Markdown),
        Some("html") => Ok(Markup::Html),
        _ => Err(ContainerError::at(
            "`format` of a draft is `text`, `markdown` or `html`",
            format.span.clone(),
        )),
    }
}

fn thread(previous: &Node) -> Result<Thread, ContainerError> {
    let Some(items) = previous.as_list() else {
        return Err(ContainerError::at(
            format!(
                "`previous` is {}, not a list of messages",
                previous.describe()
            ),
            previous.span.clone(),
        ));
    };
    let messages = items.iter().map(message).collect::<Result<_, _>>()?;
    Ok(Thread { previous: messages })
}

fn message(item: &Node) -> Result<Message, ContainerError> {
    if let Some(text) = item.as_str() {
        return Ok(Message {
            author: Author::Customer,
            text: text.to_owned(),
        });
    }
    let text = item.get("text").and_then(Node::as_str).ok_or_else(|| {
        ContainerError::at(
            "a message of `previous` needs a `text` string",
            item.span.clone(),
        )
    })?;
    let who = ["from", "author", "role"]
        .iter()
        .find_map(|key| item.get(key))
        .ok_or_else(|| {
            ContainerError::at(
                "a message of `previous` needs `from`: `customer` or `agent`",
                item.span.clone(),
            )
        })?;
    let Some(author) = who.as_str().and_then(Author::from_word) else {
        return Err(ContainerError::at(
            "`from` is `customer` or `agent`",
            who.span.clone(),
        ));
    };
    Ok(Message {
        author,
        text: text.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use crate::container::json::replies;
    use crate::document::Turn;

    #[test]
    fn a_draft_carries_its_thread() {
        let json = r#"{"text": "Try the reset link.", "previous": [
            {"from": "customer", "text": "I can't log in."},
            {"from": "agent", "text": "Which browser?"},
            "Firefox."]}"#;
        let c = replies(json, None).unwrap().unwrap();
        assert!(c.errors.is_empty(), "{:?}", c.errors);
        assert_eq!(c.replies.len(), 1);
        let reply = &c.replies[0];
        assert_eq!(reply.text, "Try the reset link.");
        assert_eq!(&json[reply.map.range(0..3)], "Try");
        let thread = reply.thread.as_ref().unwrap();
        assert_eq!(thread.turn(), Turn::FollowUp);
        assert_eq!(thread.last_from_customer(), Some("Firefox."));
    }

    #[test]
    fn broken_threads_are_located() {
        for (json, needle, at) in [
            (r#"{"text": "x", "previous": 3}"#, "not a list", "3"),
            (
                r#"{"text": "x", "previous": [{"text": "a"}]}"#,
                "needs `from`",
                "{",
            ),
            (
                r#"{"text": "x", "previous": [{"from": "bot", "text": "a"}]}"#,
                "`customer` or `agent`",
                "\"bot\"",
            ),
            (
                r#"{"text": "x", "format": "pdf", "previous": []}"#,
                "`format`",
                "\"pdf\"",
            ),
        ] {
            let c = replies(json, None).unwrap().unwrap();
            assert_eq!(c.errors.len(), 1, "{json}");
            let error = &c.errors[0];
            assert!(error.message.contains(needle), "{}", error.message);
            let span = error.span.clone().unwrap();
            assert!(json[span].starts_with(at), "{json}");
        }
    }
}
