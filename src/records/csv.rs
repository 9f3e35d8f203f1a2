//! CSV exports: a header row names the columns; `--text-field`,
//! `--id-field` and `--group-field` name columns. The Customer Support on
//! Twitter layout (`tweet_id, author_id, inbound, created_at, text,
//! response_tweet_id, in_response_to_tweet_id`) is read without options:
//! agent replies are the rows with `inbound` false, and each one's thread
//! is the chain of tweets it answers, followed through
//! `in_response_to_tweet_id` among the tweets read before it (the most
//! recent [`REMEMBERED`] of them, so memory stays bounded).

use std::collections::{HashMap, VecDeque};

use super::{Fields, Item, Record, RecordError};
use crate::document::turn::{Author, Message};
use crate::document::Thread;

/// How many earlier tweets a thread can be built from.
pub const REMEMBERED: usize = 200_000;
/// The longest chain followed back from a reply.
const CHAIN: usize = 20;

/// The columns of the Twitter layout that identify it.
const TWITTER: [&str; 4] = ["author_id", "inbound", "text", "in_response_to_tweet_id"];

/// Reads CSV records.
pub struct CsvRecords {
    rows: csv::StringRecordsIntoIter<super::read::Input>,
    headers: Vec<String>,
    fields: Fields,
    twitter: bool,
    tweets: HashMap<String, (bool, String, String)>,
    order: VecDeque<String>,
    pending_error: Option<RecordError>,
}

impl CsvRecords {
    pub fn new(input: super::read::Input, fields: Fields) -> CsvRecords {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
        let (headers, pending_error) = match reader.headers() {
            Ok(h) => (h.iter().map(str::to_owned).collect::<Vec<_>>(), None),
            Err(e) => (
                Vec::new(),
                Some(RecordError {
                    line: 1,
                    message: format!("the header row could not be read: {e}"),
                }),
            ),
        };
        let twitter =
            fields.text.is_none() && TWITTER.iter().all(|c| headers.iter().any(|h| h == c));
        CsvRecords {
            rows: reader.into_records(),
            headers,
            fields,
            twitter,
            tweets: HashMap::new(),
            order: VecDeque::new(),
            pending_error,
        }
    }

    /// The layout's name, when one was recognised.
    pub fn layout(&self) -> Option<&'static str> {
        self.twitter.then_some("Customer Support on Twitter")
    }

    fn column(&self, row: &csv::StringRecord, name: &str) -> Option<String> {
        let i = self.headers.iter().position(|h| h == name)?;
        row.get(i).map(str::to_owned)
    }

    fn remember(&mut self, id: String, inbound: bool, text: String, parent: String) {
        if self
            .tweets
            .insert(id.clone(), (inbound, text, parent))
            .is_none()
        {
            self.order.push_back(id);
        }
        while self.order.len() > REMEMBERED {
            if let Some(old) = self.order.pop_front() {
                self.tweets.remove(&old);
            }
        }
    }

    fn thread(&self, mut parent: String) -> Option<Thread> {
        let mut chain = Vec::new();
        while !parent.is_empty() && chain.len() < CHAIN {
            let Some((inbound, text, grand)) = self.tweets.get(&parent) else {
                break;
            };
            chain.push(Message {
                author: if *inbound {
                    Author::Customer
                } else {
                    Author::Agent
                },
                text: text.clone(),
            });
            parent = grand.clone();
        }
        chain.reverse();
        (!chain.is_empty()).then_some(Thread { previous: chain })
    }

    fn row(&mut self, line: usize, row: csv::StringRecord) -> Option<Item> {
        let groups: Vec<(String, String)> = self
            .fields
            .groups
            .iter()
            .filter_map(|g| Some((g.clone(), self.column(&row, g)?)))
            .collect();
        if self.twitter {
            let text = self.column(&row, "text").unwrap_or_default();
            let inbound = self
                .column(&row, "inbound")
                .is_some_and(|v| v.eq_ignore_ascii_case("true"));
            let parent = self
                .column(&row, "in_response_to_tweet_id")
                .unwrap_or_default();
            // Pandas writes ids of a column with gaps as floats: `123.0`.
            let parent = parent.trim_end_matches(".0").to_owned();
            let id = self.column(&row, self.fields.id.as_deref().unwrap_or("tweet_id"));
            if let Some(id) = &id {
                self.remember(id.clone(), inbound, text.clone(), parent.clone());
            }
            if inbound {
                return None;
            }
            return Some(Item::Record(Record {
                line,
                id,
                groups,
                thread: self.thread(parent),
                text,
                html: false,
            }));
        }
        let Some(column) = self.fields.text.clone() else {
            return Some(Item::Error(RecordError {
                line,
                message: "name the column holding the reply with --text-field (the header row has: "
                    .to_owned()
                    + &self.headers.join(", ") + ")",
            }));
        };
        let Some(text) = self.column(&row, &column) else {
            return Some(Item::Error(RecordError {
                line,
                message: format!(
                    "no column `{column}` (the header row has: {})",
                    self.headers.join(", ")
                ),
            }));
        };
        let id = self.fields.id.as_deref().and_then(|c| self.column(&row, c));
        Some(Item::Record(Record {
            line,
            id,
            groups,
            text,
            html: false,
            thread: None,
        }))
    }
}

impl Iterator for CsvRecords {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if let Some(error) = self.pending_error.take() {
            return Some(Item::Error(error));
        }
        loop {
            let row = self.rows.next()?;
            match row {
                Ok(row) => {
                    let line = row.position().map_or(0, |p| p.line() as usize);
                    if let Some(item) = self.row(line, row) {
                        return Some(item);
                    }
                }
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line() as usize);
                    return Some(Item::Error(RecordError {
                        line,
                        message: format!("not a CSV row: {e}"),
                    }));
                }
            }
        }
    }
}
