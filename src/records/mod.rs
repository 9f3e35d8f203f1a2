//! Ticket exports as input: one record per line of JSON Lines, or per row
//! of CSV, gzip-compressed or not, from a file or standard input. A record
//! is one agent reply with what identifies it (its line, an id, the group
//! fields a report counts by) and the conversation before it, which the
//! reply model reads but never lints.
//!
//! `--text-field` (a dotted path, or a CSV column) names the reply;
//! without it the known layouts are recognised (`layouts.rs` for JSON,
//! `csv.rs` for the Twitter CSV). A bad record (invalid JSON, a missing or
//! non-text field) is an [`Item::Error`] with its line; reading goes on.

pub mod csv;
pub mod fields;
pub mod layouts;
pub mod read;

use serde_json::Value;

use crate::document::turn::{Author, Message};
use crate::document::Thread;
use layouts::Layout;

/// How records are laid out in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    Jsonl,
    Csv,
}

/// Which fields hold what (dotted paths, or CSV columns).
#[derive(Clone, Debug, Default)]
pub struct Fields {
    /// The reply's text; `None`: a known layout decides.
    pub text: Option<String>,
    pub id: Option<String>,
    /// Carried into the output and counted by in reports.
    pub groups: Vec<String>,
}

/// One agent reply of an export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The input line the record starts on (1-based).
    pub line: usize,
    pub id: Option<String>,
    pub groups: Vec<(String, String)>,
    pub text: String,
    /// The text is HTML (a helpdesk's `html_body`).
    pub html: bool,
    pub thread: Option<Thread>,
}

/// A record, or why a line is not one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Record(Record),
    Error(RecordError),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordError {
    pub line: usize,
    pub message: String,
}

/// The records of `input`, in order.
pub fn records(
    input: read::Input,
    format: InputFormat,
    fields: Fields,
) -> Box<dyn Iterator<Item = Item> + Send> {
    match format {
        InputFormat::Csv => Box::new(csv::CsvRecords::new(input, fields)),
        InputFormat::Jsonl => Box::new(JsonlRecords {
            lines: read::Lines::new(input),
            fields,
            queue: std::collections::VecDeque::new(),
        }),
    }
}

struct JsonlRecords {
    lines: read::Lines,
    fields: Fields,
    /// Records of a line that holds several (a ticket's replies).
    queue: std::collections::VecDeque<Item>,
}

impl Iterator for JsonlRecords {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.queue.pop_front() {
                return Some(item);
            }
            let (line, text) = self.lines.next()?;
            let error = |message: String| Item::Error(RecordError { line, message });
            let text = match text {
                Ok(text) if text.trim().is_empty() => continue,
                Ok(text) => text,
                Err(message) => return Some(error(message)),
            };
            let value: Value = match serde_json::from_str(&text) {
                Ok(value) => value,
                Err(e) => return Some(error(format!("not JSON: {e}"))),
            };
            match (&self.fields.text, Layout::detect(&value)) {
                (Some(path), _) => return Some(generic(&value, line, path, &self.fields)),
                (None, Some(layout)) => self.queue.extend(
                    layouts::records(layout, &value, line, &self.fields)
                        .into_iter()
                        .map(Item::Record),
                ),
                (None, None) => {
                    return Some(error(
                        "no known export layout (Zendesk, Freshdesk, Help Scout, Intercom): \
                         name the reply's field with --text-field"
                            .into(),
                    ))
                }
            }
        }
    }
}

/// A record whose text is at `path`; `previous` (as in a draft) is its
/// thread when present.
fn generic(value: &Value, line: usize, path: &str, fields: &Fields) -> Item {
    let error = |message: String| Item::Error(RecordError { line, message });
    let text = match fields::at(value, path) {
        Some(Value::String(text)) => text.clone(),
        Some(other) => {
            return error(format!(
                "`{path}` is {}, not the reply's text",
                fields::describe(other)
            ))
        }
        None => return error(format!("no field `{path}`")),
    };
    let id = fields
        .id
        .as_deref()
        .and_then(|p| fields::at(value, p))
        .and_then(fields::as_text);
    let groups = fields
        .groups
        .iter()
        .filter_map(|g| Some((g.clone(), fields::as_text(fields::at(value, g)?)?)))
        .collect();
    let thread = value
        .get("previous")
        .and_then(Value::as_array)
        .map(|items| Thread {
            previous: items
                .iter()
                .filter_map(|m| match m {
                    Value::String(text) => Some(Message {
                        author: Author::Customer,
                        text: text.clone(),
                    }),
                    Value::Object(_) => Some(Message {
                        author: ["from", "author", "role"]
                            .iter()
                            .find_map(|k| m.get(*k).and_then(Value::as_str))
                            .and_then(Author::from_word)?,
                        text: m.get("text")?.as_str()?.to_owned(),
                    }),
                    _ => None,
                })
                .collect(),
        });
    Item::Record(Record {
        line,
        id,
        groups,
        text,
        html: false,
        thread,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(text: &str) -> read::Input {
        Box::new(std::io::Cursor::new(text.as_bytes().to_vec()))
    }

    #[test]
    fn bad_lines_are_errors_with_their_line_and_the_rest_is_read() {
        let text = "{\"body\": \"Hi\", \"agent\": \"sam\"}\n{\"body\": \n\n{\"body\": 4}\n{\"other\": \"x\"}\n{\"body\": \"Bye\", \"agent\": 7}\n";
        let fields = Fields {
            text: Some("body".into()),
            groups: vec!["agent".into()],
            ..Fields::default()
        };
        let items: Vec<Item> = records(input(text), InputFormat::Jsonl, fields).collect();
        assert_eq!(items.len(), 5);
        let Item::Record(first) = &items[0] else {
            panic!("{items:?}")
        };
        assert_eq!((first.line, first.text.as_str()), (1, "Hi"));
        assert_eq!(first.groups, vec![("agent".to_owned(), "sam".to_owned())]);
        let lines: Vec<(usize, &str)> = items
            .iter()
            .filter_map(|i| match i {
                Item::Error(e) => Some((e.line, e.message.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(lines.len(), 3);
        assert!(
            lines[0].0 == 2 && lines[0].1.starts_with("not JSON"),
            "{lines:?}"
        );
        assert!(
            lines[1].0 == 4 && lines[1].1.contains("is a number"),
            "{lines:?}"
        );
        assert!(
            lines[2].0 == 5 && lines[2].1.contains("no field `body`"),
            "{lines:?}"
        );
        let Item::Record(last) = &items[4] else {
            panic!()
        };
        assert_eq!((last.line, last.groups[0].1.as_str()), (6, "7"));
    }

    #[test]
    fn the_twitter_csv_threads_replies_through_the_chain() {
        let text = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n\
            1,115712,True,Tue Oct 31 22:10:47 +0000 2017,my phone won't charge,2,\n\
            2,AcmeCare,False,Tue Oct 31 22:11:45 +0000 2017,@115712 Sorry! Which model?,3,1\n\
            3,115712,True,Tue Oct 31 22:15:00 +0000 2017,\"the X2, thanks\",4,2.0\n\
            4,AcmeCare,False,Tue Oct 31 22:20:00 +0000 2017,@115712 Try another cable.,,3\n";
        let fields = Fields {
            groups: vec!["author_id".into()],
            ..Fields::default()
        };
        let items: Vec<Item> = records(input(text), InputFormat::Csv, fields).collect();
        assert_eq!(items.len(), 2, "{items:?}");
        let Item::Record(second) = &items[1] else {
            panic!("{items:?}")
        };
        assert_eq!(second.text, "@115712 Try another cable.");
        assert_eq!(second.line, 5);
        assert_eq!(second.id.as_deref(), Some("4"));
        assert_eq!(
            second.groups,
            vec![("author_id".to_owned(), "AcmeCare".to_owned())]
        );
        let thread = second.thread.as_ref().expect("a thread");
        assert_eq!(thread.previous.len(), 3);
        assert_eq!(thread.previous[0].text, "my phone won't charge");
        assert_eq!(thread.previous[1].author, Author::Agent);
    }
}
