//! A pretty-printed JSON document written around one array that is
//! streamed: the document is printed once with that array empty and cut
//! there, and the array's items are printed between the two halves as
//! files are checked, indented as serde_json would indent them. `json`
//! (its `diagnostics`) and `sarif` (its `results`) write their whole
//! documents this way too, so a streamed report and a whole one are the
//! same bytes.

use serde::Serialize;

/// The streamed array's state: its items' indentation and whether one was
/// written.
pub struct ArrayStream {
    indent: String,
    any: bool,
}

/// `document` (pretty JSON) cut at the empty array of `key`: the text up
/// to its `[` and the text from its `]`.
pub fn split(document: &str, key: &str) -> (String, String) {
    let marker = format!("\"{key}\": []");
    match document.find(&marker) {
        Some(at) => {
            let open = at + marker.len() - 1;
            (document[..open].to_owned(), document[open..].to_owned())
        }
        // Not reached with the documents of this module's callers.
        None => (document.to_owned(), String::new()),
    }
}

impl ArrayStream {
    /// A stream of the array of `key` in `head` (from [`split`]).
    pub fn new(head: &str) -> ArrayStream {
        let line_start = head.rfind('\n').map_or(0, |i| i + 1);
        let key_indent = head[line_start..].len() - head[line_start..].trim_start().len();
        ArrayStream {
            indent: " ".repeat(key_indent + 2),
            any: false,
        }
    }

    /// The text of `items`, each after a comma when one came before.
    pub fn items<T: Serialize>(&mut self, items: impl IntoIterator<Item = T>) -> String {
        let mut out = String::new();
        for item in items {
            if self.any {
                out.push(',');
            }
            self.any = true;
            let text = serde_json::to_string_pretty(&item)
                .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
            for line in text.lines() {
                out.push('\n');
                out.push_str(&self.indent);
                out.push_str(line);
            }
        }
        out
    }

    /// The text that closes the array, then `tail` (from [`split`]).
    pub fn close(&self, tail: &str) -> String {
        if self.any {
            let key_indent = &self.indent[2..];
            format!("\n{key_indent}{tail}")
        } else {
            tail.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Doc {
        version: u32,
        items: Vec<Item>,
        count: usize,
    }

    #[derive(Serialize, Clone)]
    struct Item {
        a: u32,
        b: Vec<u32>,
    }

    fn streamed(items: &[Item]) -> String {
        let empty = Doc {
            version: 1,
            items: Vec::new(),
            count: items.len(),
        };
        let (head, tail) = split(&serde_json::to_string_pretty(&empty).unwrap(), "items");
        let mut stream = ArrayStream::new(&head);
        let mut out = head;
        for item in items {
            out.push_str(&stream.items([item]));
        }
        out.push_str(&stream.close(&tail));
        out
    }

    #[test]
    fn a_streamed_document_is_the_whole_one() {
        for n in [0, 1, 3] {
            let items: Vec<Item> = (0..n).map(|a| Item { a, b: vec![a, 7] }).collect();
            let whole = Doc {
                version: 1,
                items: items.clone(),
                count: items.len(),
            };
            assert_eq!(
                streamed(&items),
                serde_json::to_string_pretty(&whole).unwrap()
            );
        }
    }
}
