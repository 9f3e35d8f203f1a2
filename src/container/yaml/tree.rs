//! YAML documents as value trees with spans, built from the events of
//! `granit-parser` (the parser under serde-saphyr): each event carries the
//! byte span of what it stands for, which serde-saphyr's `Spanned<T>` gives
//! only for typed fields, and this reader has to look at documents of any
//! shape. Scalars are typed by the YAML 1.2 core schema (`42`, `true`,
//! `null`, `~` and an empty value are not strings); aliases are kept as
//! aliases, never expanded, so a billion laughs costs nothing. Nesting is
//! limited by the parser (255 levels).

use std::ops::Range;

use granit_parser::{ErrorKind, Event, Options, Parser, ScalarStyle, ScanError};

use super::scalar;
use crate::container::tree::{Entry, Kind, Node, ScalarKind};
use crate::container::ContainerError;

/// The documents of a YAML stream, in order. Malformed YAML is an error at
/// the byte where the parser stopped, or at the tab when a tab is why.
pub fn parse(source: &str) -> Result<Vec<Node>, ContainerError> {
    let mut options = Options::default();
    options.emit_comments = false;
    let mut builder = Builder::default();
    for next in Parser::new_from_str_with_options(source, options) {
        let (event, span) = next.map_err(|e| scan_error(source, &e))?;
        let range = span.byte_range().unwrap_or(0..0);
        builder.event(source, event, range);
    }
    Ok(builder.documents)
}

fn scan_error(source: &str, error: &ScanError) -> ContainerError {
    let mut at = error
        .marker()
        .byte_offset()
        .unwrap_or(source.len())
        .min(source.len());
    let tab = if is_about_a_tab(error.kind()) {
        offending_tab(source, at)
    } else {
        tab_indenting(source, at)
    };
    at = tab.unwrap_or(at);
    let len = source
        .get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or(0, char::len_utf8);
    ContainerError::at(format!("invalid YAML: {}", error.info()), at..at + len)
}

fn is_about_a_tab(kind: &ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::TabNotAllowed
            | ErrorKind::TabInBlockIndentation
            | ErrorKind::TabAtBlockScalarStart
            | ErrorKind::TabInIndentation
            | ErrorKind::TabInPlainScalar
    )
}

/// The tab an error about a tab is about. The parser points at what the
/// tab broke (the scalar it continues, the `|` of the block it starts, the
/// entry after it), not at the tab: it is in the indentation of the line at
/// `at` or of the next line that is not blank, or else after `at` on its line.
fn offending_tab(source: &str, at: usize) -> Option<usize> {
    let line_start = source.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let mut start = line_start;
    for (index, line) in source[line_start..].split_inclusive('\n').enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(tab) = line[..indent].find('\t') {
            return Some(start + tab);
        }
        if index > 0 && !line.trim().is_empty() {
            break;
        }
        start += line.len();
    }
    let rest = &source[at..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    rest[..line_end].find('\t').map(|tab| at + tab)
}

/// A tab in the indentation that ends at `at`: YAML never indents with
/// tabs, so whatever the parser says went wrong there, the tab is why.
fn tab_indenting(source: &str, at: usize) -> Option<usize> {
    let line_start = source.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let indent = &source[line_start..at];
    if !indent.bytes().all(|b| b == b' ' || b == b'\t') {
        return None;
    }
    indent.find('\t').map(|tab| line_start + tab)
}

enum Frame {
    List {
        start: usize,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        entries: Vec<Entry>,
        key: Option<(String, Range<usize>)>,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
    documents: Vec<Node>,
    /// The strings that carry an anchor, by anchor id: an alias shares them.
    strings: std::collections::HashMap<usize, std::sync::Arc<Node>>,
}

impl Builder {
    fn event(&mut self, source: &str, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                let string_tag = tag.as_ref().is_some_and(|t| t.suffix() == "str");
                let kind = match style {
                    ScalarStyle::Plain if !string_tag => match core_schema(&value) {
                        Some(scalar) => Kind::Scalar(scalar, value.into_owned()),
                        None => Kind::Str(scalar::text(source, range.clone(), style, &value)),
                    },
                    _ => Kind::Str(scalar::text(source, range.clone(), style, &value)),
                };
                let node = Node { kind, span: range };
                if anchor > 0 && matches!(node.kind, Kind::Str(_)) {
                    self.strings
                        .insert(anchor, std::sync::Arc::new(node.clone()));
                }
                self.add(node);
            }
            Event::Alias(anchor) => self.add(Node {
                kind: Kind::Alias(self.strings.get(&anchor).cloned()),
                span: range,
            }),
            Event::SequenceStart(..) => self.stack.push(Frame::List {
                start: range.start,
                items: Vec::new(),
            }),
            Event::MappingStart(..) => self.stack.push(Frame::Map {
                start: range.start,
                entries: Vec::new(),
                key: None,
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Frame::List { start, items }) => Node {
                        kind: Kind::List(items),
                        span: start..range.end.max(start),
                    },
                    Some(Frame::Map { start, entries, .. }) => Node {
                        kind: Kind::Map(entries),
                        span: start..range.end.max(start),
                    },
                    None => return,
                };
                self.add(node);
            }
            Event::DocumentEnd => {
                self.stack.clear();
                if let Some(root) = self.root.take() {
                    self.documents.push(root);
                }
            }
            _ => {}
        }
    }

    fn add(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::List { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    let name = match &node.kind {
                        Kind::Str(text) => text.value.clone(),
                        Kind::Scalar(_, raw) => raw.clone(),
                        _ => String::new(),
                    };
                    *key = Some((name, node.span));
                }
                Some((key, key_span)) => entries.push(Entry {
                    key,
                    key_span,
                    value: node,
                }),
            },
        }
    }
}

/// The type of a plain scalar under the YAML 1.2 core schema, or `None`
/// for a string.
fn core_schema(value: &str) -> Option<ScalarKind> {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return Some(ScalarKind::Null),
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => return Some(ScalarKind::Bool),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => return Some(ScalarKind::Number),
        _ => {}
    }
    let radix = |prefix: &str, digit: fn(&u8) -> bool| {
        value
            .strip_prefix(prefix)
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| digit(&b)))
    };
    if radix("0o", |b| (b'0'..=b'7').contains(b)) || radix("0x", u8::is_ascii_hexdigit) {
        return Some(ScalarKind::Number);
    }
    is_decimal(value).then_some(ScalarKind::Number)
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_decimal(value: &str) -> bool {
    let b = value.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
    let digits = |i: &mut usize| {
        let from = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - from
    };
    let whole = digits(&mut i);
    let mut fraction = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        fraction = digits(&mut i);
    }
    if whole == 0 && fraction == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_keep_their_spans_and_core_schema_types() {
        let yaml = "---\nname: Refund\ncount: 12\non: true\nnone:\nlist: [a, 'b', 1.5]\n";
        let docs = parse(yaml).unwrap();
        assert_eq!(docs.len(), 1);
        let root = &docs[0];
        assert_eq!(root.get("name").unwrap().as_str(), Some("Refund"));
        assert_eq!(&yaml[root.get("name").unwrap().span.clone()], "Refund");
        assert_eq!(root.get("count").unwrap().describe(), "a number");
        assert_eq!(root.get("on").unwrap().describe(), "a boolean");
        assert!(root.get("none").unwrap().is_null());
        let list = root.get("list").unwrap();
        assert_eq!(&yaml[list.span.clone()], "[a, 'b', 1.5]");
        assert_eq!(list.as_list().unwrap()[1].as_str(), Some("b"));
        assert_eq!(
            &yaml[root.entry("count").unwrap().key_span.clone()],
            "count"
        );
    }

    #[test]
    fn several_documents_and_aliases() {
        let yaml = "a: &x hello\nb: *x\n---\n- 1\n";
        let docs = parse(yaml).unwrap();
        assert_eq!(docs.len(), 2);
        assert!(matches!(docs[0].get("b").unwrap().kind, Kind::Alias(_)));
        assert_eq!(&yaml[docs[0].get("b").unwrap().span.clone()], "*x");
        assert!(docs[1].as_list().is_some());
    }

    #[test]
    fn malformed_yaml_is_a_located_error() {
        let yaml = "a: 1\nb: [unclosed\n";
        let error = parse(yaml).unwrap_err();
        assert!(error.message.starts_with("invalid YAML"));
        assert!(error.span.unwrap().start >= 5);
        let tabs = "a:\n\t- x\n";
        assert!(parse(tabs).is_err());
    }

    #[test]
    fn tab_errors_point_at_the_tab() {
        let cases = [
            // Tab indenting a list entry: the parser points after it.
            "replies:\n\t- name: x\n",
            // Tab indenting the line after a plain scalar: the parser points
            // at the scalar's start on the line before.
            "replies:\n  - name: Other\n\tbody: x\n",
            // Tab starting a block scalar's content: the parser points at `|`.
            "body: |\n\tHello\n",
            // The same after a blank line: the parser finds no key after a
            // tab and points after it.
            "body: |\n\n\tHello\n",
        ];
        for yaml in cases {
            let error = parse(yaml).unwrap_err();
            assert_eq!(
                error.span,
                Some(yaml.find('\t').unwrap()..yaml.find('\t').unwrap() + 1),
                "{yaml:?}: {}",
                error.message
            );
        }
        // Other errors keep the parser's position.
        let yaml = "a: 1\n  b: 2\n";
        assert_eq!(parse(yaml).unwrap_err().span, Some(8..9));
    }

    #[test]
    fn core_schema_types() {
        for number in [
            "0", "-12", "+3.5", ".5", "1e3", "2.E-4", "0x1F", "0o17", ".inf",
        ] {
            assert_eq!(core_schema(number), Some(ScalarKind::Number), "{number}");
        }
        for string in ["1.2.3", "e3", "0x", "-", "12a", "yes", "."] {
            assert_eq!(core_schema(string), None, "{string}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let flow = "[".repeat(100_000);
        assert!(parse(&flow).is_err());
        let mut block = String::new();
        for depth in 0..2_000 {
            block.push_str(&" ".repeat(depth));
            block.push_str("- \n");
        }
        let _ = parse(&block);
    }
}
