//! The helpdesk export layouts read without options, one JSON object per
//! line, each holding a conversation whose agent replies are the records:
//!
//! - Zendesk tickets with comments: `comments` with `public` and
//!   `author_id`; the ticket's `requester_id` wrote the customer's side.
//!   Public comments by anyone else are agent replies.
//! - Freshdesk tickets with `conversations`: `incoming: false` and
//!   `private: false` are agent replies; `description_text` opens the
//!   thread.
//! - Help Scout conversations with `threads` (or `_embedded.threads`):
//!   `type: reply` is an agent's, `type: customer` the customer's; notes
//!   are skipped; ordered by `createdAt`.
//! - Intercom conversations with `conversation_parts`: comments by an
//!   `admin` are agent replies; the `source` opens the thread.
//!
//! Customer messages are never records: they are each reply's thread, so
//! the reply model knows a follow-up from a first answer.

use serde_json::Value;

use super::fields::{as_text, at};
use super::{Fields, Record};
use crate::document::turn::{Author, Message};
use crate::document::Thread;

/// A known export layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Zendesk,
    Freshdesk,
    HelpScout,
    Intercom,
}

impl Layout {
    pub fn name(self) -> &'static str {
        match self {
            Layout::Zendesk => "Zendesk tickets with comments",
            Layout::Freshdesk => "Freshdesk conversations",
            Layout::HelpScout => "Help Scout threads",
            Layout::Intercom => "Intercom conversation parts",
        }
    }

    /// The layout `value` is written in, if a known one.
    pub fn detect(value: &Value) -> Option<Layout> {
        let has = |path: &str| at(value, path).is_some_and(Value::is_array);
        if has("comments") && at(value, "requester_id").is_some() {
            Some(Layout::Zendesk)
        } else if has("conversations") {
            Some(Layout::Freshdesk)
        } else if has("threads") || has("_embedded.threads") {
            Some(Layout::HelpScout)
        } else if has("conversation_parts.conversation_parts") || has("conversation_parts") {
            Some(Layout::Intercom)
        } else {
            None
        }
    }
}

/// One message of a conversation, as the layout reads it.
struct Turn<'a> {
    author: Option<Author>,
    text: String,
    html: bool,
    /// The message's own object (for its id and group fields).
    object: &'a Value,
}

/// The agent replies of `value`, each with the messages before it.
pub fn records(layout: Layout, value: &Value, line: usize, fields: &Fields) -> Vec<Record> {
    let turns = match layout {
        Layout::Zendesk => zendesk(value),
        Layout::Freshdesk => freshdesk(value),
        Layout::HelpScout => help_scout(value),
        Layout::Intercom => intercom(value),
    };
    let conversation = value.get("id").and_then(as_text);
    let mut out = Vec::new();
    let mut previous: Vec<Message> = Vec::new();
    for turn in turns {
        let Some(author) = turn.author else { continue };
        if author == Author::Agent && !turn.text.trim().is_empty() {
            let own = turn.object.get("id").and_then(as_text);
            let id = match &fields.id {
                Some(path) => at(turn.object, path)
                    .or_else(|| at(value, path))
                    .and_then(as_text),
                None => match (&conversation, own) {
                    (Some(c), Some(o)) => Some(format!("{c}/{o}")),
                    (c, o) => o.or_else(|| c.clone()),
                },
            };
            let groups = fields
                .groups
                .iter()
                .filter_map(|g| {
                    let v = at(turn.object, g).or_else(|| at(value, g))?;
                    Some((g.clone(), as_text(v)?))
                })
                .collect();
            out.push(Record {
                line,
                id,
                groups,
                text: turn.text.clone(),
                html: turn.html,
                thread: (!previous.is_empty()).then(|| Thread {
                    previous: previous.clone(),
                }),
            });
        }
        previous.push(Message {
            author,
            text: turn.text,
        });
    }
    out
}

fn text_of(object: &Value, plain: &[&str], html: &[&str]) -> Option<(String, bool)> {
    for key in plain {
        if let Some(text) = object.get(*key).and_then(Value::as_str) {
            return Some((text.to_owned(), false));
        }
    }
    for key in html {
        if let Some(text) = object.get(*key).and_then(Value::as_str) {
            return Some((text.to_owned(), true));
        }
    }
    None
}

fn zendesk(ticket: &Value) -> Vec<Turn<'_>> {
    let requester = ticket.get("requester_id");
    let comments = ticket["comments"].as_array().map_or(&[][..], |c| c);
    comments
        .iter()
        .filter(|c| c.get("public").and_then(Value::as_bool) != Some(false))
        .filter_map(|c| {
            let (text, html) = text_of(c, &["plain_body", "body"], &["html_body"])?;
            let author = match (c.get("author_id"), requester) {
                (Some(a), Some(r)) if a == r => Author::Customer,
                _ => Author::Agent,
            };
            Some(Turn {
                author: Some(author),
                text,
                html,
                object: c,
            })
        })
        .collect()
}

fn freshdesk(ticket: &Value) -> Vec<Turn<'_>> {
    let mut turns = Vec::new();
    if let Some((text, html)) = text_of(ticket, &["description_text"], &["description"]) {
        turns.push(Turn {
            author: Some(Author::Customer),
            text,
            html,
            object: ticket,
        });
    }
    for c in ticket["conversations"].as_array().map_or(&[][..], |c| c) {
        if c.get("private").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let Some((text, html)) = text_of(c, &["body_text"], &["body"]) else {
            continue;
        };
        let incoming = c.get("incoming").and_then(Value::as_bool).unwrap_or(false);
        turns.push(Turn {
            author: Some(if incoming {
                Author::Customer
            } else {
                Author::Agent
            }),
            text,
            html,
            object: c,
        });
    }
    turns
}

fn help_scout(conversation: &Value) -> Vec<Turn<'_>> {
    let threads = at(conversation, "_embedded.threads")
        .or_else(|| conversation.get("threads"))
        .and_then(Value::as_array)
        .map_or(&[][..], |t| t);
    let mut ordered: Vec<&Value> = threads.iter().collect();
    ordered.sort_by(|a, b| {
        let key = |v: &Value| {
            v.get("createdAt")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned()
        };
        key(a).cmp(&key(b))
    });
    ordered
        .into_iter()
        .filter_map(|t| {
            let author = match t.get("type").and_then(Value::as_str) {
                Some("reply") => Author::Agent,
                Some("customer") => Author::Customer,
                _ => return None,
            };
            let (text, html) = text_of(t, &[], &["body"])?;
            Some(Turn {
                author: Some(author),
                text,
                html,
                object: t,
            })
        })
        .collect()
}

fn intercom(conversation: &Value) -> Vec<Turn<'_>> {
    let author_of = |v: &Value| match at(v, "author.type").and_then(Value::as_str) {
        Some("admin") => Some(Author::Agent),
        Some("user" | "lead" | "contact") => Some(Author::Customer),
        _ => None,
    };
    let mut turns = Vec::new();
    if let Some(source) = conversation.get("source") {
        if let Some((text, html)) = text_of(source, &[], &["body"]) {
            turns.push(Turn {
                author: author_of(source),
                text,
                html,
                object: source,
            });
        }
    }
    let parts = at(conversation, "conversation_parts.conversation_parts")
        .or_else(|| conversation.get("conversation_parts"))
        .and_then(Value::as_array)
        .map_or(&[][..], |p| p);
    for part in parts {
        if part.get("part_type").and_then(Value::as_str) != Some("comment") {
            continue;
        }
        let Some((text, html)) = text_of(part, &[], &["body"]) else {
            continue;
        };
        turns.push(Turn {
            author: author_of(part),
            text,
            html,
            object: part,
        });
    }
    turns
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Fields {
        Fields {
            groups: vec!["via.channel".into(), "assignee_id".into()],
            ..Fields::default()
        }
    }

    #[test]
    fn zendesk_public_agent_comments_are_records_with_their_thread() {
        let ticket = serde_json::json!({
            "id": 42, "requester_id": 7, "assignee_id": 9, "via": {"channel": "email"},
            "comments": [
                {"id": 1, "author_id": 7, "public": true, "body": "My export is empty."},
                {"id": 2, "author_id": 9, "public": false, "body": "internal: check logs"},
                {"id": 3, "author_id": 9, "public": true, "body": "Sorry! Which browser?"},
                {"id": 4, "author_id": 7, "public": true, "body": "Firefox."},
                {"id": 5, "author_id": 9, "public": true, "html_body": "<p>Thanks, fixed.</p>"}
            ]
        });
        assert_eq!(Layout::detect(&ticket), Some(Layout::Zendesk));
        let records = records(Layout::Zendesk, &ticket, 3, &fields());
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].id.as_deref(), Some("42/3"));
        assert_eq!(records[0].thread.as_ref().unwrap().previous.len(), 1);
        assert_eq!(records[1].text, "<p>Thanks, fixed.</p>");
        assert!(records[1].html);
        assert_eq!(records[1].thread.as_ref().unwrap().previous.len(), 3);
        assert_eq!(
            records[1].groups,
            vec![
                ("via.channel".into(), "email".into()),
                ("assignee_id".into(), "9".into())
            ]
        );
    }

    #[test]
    fn freshdesk_help_scout_and_intercom_find_the_agents() {
        let freshdesk = serde_json::json!({"id": 1, "description_text": "Help!",
            "conversations": [{"id": 2, "incoming": false, "private": false, "body_text": "On it."},
                              {"id": 3, "incoming": false, "private": true, "body_text": "note"}]});
        let r = records(
            Layout::detect(&freshdesk).unwrap(),
            &freshdesk,
            1,
            &Fields::default(),
        );
        assert_eq!((r.len(), r[0].text.as_str()), (1, "On it."));
        assert_eq!(
            r[0].thread.as_ref().unwrap().previous[0].author,
            Author::Customer
        );
        let help_scout = serde_json::json!({"id": 5, "_embedded": {"threads": [
            {"id": 8, "type": "reply", "body": "<p>Done</p>", "createdAt": "2024-02-02T10:00:00Z"},
            {"id": 7, "type": "customer", "body": "<p>Broken</p>", "createdAt": "2024-02-01T10:00:00Z"},
            {"id": 9, "type": "note", "body": "x", "createdAt": "2024-02-03T10:00:00Z"}]}});
        let r = records(
            Layout::detect(&help_scout).unwrap(),
            &help_scout,
            1,
            &Fields::default(),
        );
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].id.as_deref(), Some("5/8"));
        assert_eq!(
            r[0].thread.as_ref().unwrap().previous.len(),
            1,
            "ordered by time"
        );
        let intercom = serde_json::json!({"id": "c1", "source": {"body": "<p>Hi</p>", "author": {"type": "user"}},
            "conversation_parts": {"conversation_parts": [
                {"id": "p1", "part_type": "comment", "body": "<p>Hello!</p>", "author": {"type": "admin"}},
                {"id": "p2", "part_type": "assignment", "body": null, "author": {"type": "admin"}}]}});
        let r = records(
            Layout::detect(&intercom).unwrap(),
            &intercom,
            1,
            &Fields::default(),
        );
        assert_eq!((r.len(), r[0].id.as_deref()), (1, Some("c1/p1")));
    }
}
