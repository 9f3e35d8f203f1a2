//! The documents open in the editor: their text as the client last sent
//! it (whole or as incremental range edits in the negotiated encoding),
//! version, language and the path they are linted as.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_types::{TextDocumentContentChangeEvent, Url};

use super::positions::{Encoding, LineMap};
use crate::source::Format;

/// One open document.
#[derive(Clone, Debug)]
pub struct Document {
    pub uri: Url,
    pub text: String,
    pub version: i32,
    pub language_id: String,
    /// The file behind the document; `None` for an untitled buffer.
    pub path: Option<PathBuf>,
    pub lines: LineMap,
}

impl Document {
    pub fn new(uri: Url, text: String, version: i32, language_id: String) -> Document {
        let path = match uri.scheme() {
            "file" => uri.to_file_path().ok(),
            _ => None,
        };
        let lines = LineMap::new(&text);
        Document {
            uri,
            text,
            version,
            language_id,
            path,
            lines,
        }
    }

    /// Applies the client's changes in order: a change without a range
    /// replaces the text, one with a range replaces those characters.
    pub fn apply(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        version: i32,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let bytes = self.lines.byte_range(&self.text, range, encoding);
                    self.text.replace_range(bytes, &change.text);
                }
            }
            self.lines = LineMap::new(&self.text);
        }
        self.version = version;
    }

    /// The format the editor's language id names, used when the path's
    /// extension (or the configuration's `formats:`) does not say.
    pub fn language_format(&self) -> Option<Format> {
        match self.language_id.as_str() {
            "markdown" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            "json" | "jsonc" => Some(Format::Json),
            "yaml" => Some(Format::Yaml),
            "plaintext" | "text" => Some(Format::Plain),
            _ => None,
        }
    }

    /// The path the document is linted as: its file, or for an untitled
    /// buffer a file in `root` (the workspace or the current directory)
    /// without an extension, so that the configuration there applies and
    /// the language id decides the format.
    pub fn lint_path(&self, root: &Path) -> PathBuf {
        match &self.path {
            Some(path) => path.clone(),
            None => root.join("untitled"),
        }
    }

    /// Whether the document is a configuration file (`replylint.yaml`).
    pub fn is_config(&self) -> bool {
        self.path
            .as_deref()
            .is_some_and(super::config::is_config_file)
    }
}

/// The open documents by URI.
#[derive(Default)]
pub struct Documents {
    by_uri: HashMap<Url, Document>,
}

impl Documents {
    pub fn open(&mut self, document: Document) {
        self.by_uri.insert(document.uri.clone(), document);
    }

    pub fn close(&mut self, uri: &Url) -> Option<Document> {
        self.by_uri.remove(uri)
    }

    pub fn get(&self, uri: &Url) -> Option<&Document> {
        self.by_uri.get(uri)
    }

    pub fn get_mut(&mut self, uri: &Url) -> Option<&mut Document> {
        self.by_uri.get_mut(uri)
    }

    pub fn uris(&self) -> Vec<Url> {
        let mut uris: Vec<Url> = self.by_uri.keys().cloned().collect();
        uris.sort();
        uris
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn edit(range: Option<((u32, u32), (u32, u32))>, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|(s, e)| Range::new(Position::new(s.0, s.1), Position::new(e.0, e.1))),
            range_length: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn range_edits_count_in_the_negotiated_encoding() {
        let uri = Url::parse("file:///tmp/a.md").unwrap();
        let mut doc = Document::new(uri, "é😀 bad\r\nok".into(), 1, "markdown".into());
        // "bad" starts at UTF-16 column 4, UTF-8 column 7.
        doc.apply(
            vec![edit(Some(((0, 4), (0, 7))), "good")],
            2,
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "é😀 good\r\nok");
        doc.apply(
            vec![edit(Some(((0, 7), (0, 11))), "fine")],
            3,
            Encoding::Utf8,
        );
        assert_eq!(doc.text, "é😀 fine\r\nok");
        // Two edits in one notification: the second sees the first's result.
        doc.apply(
            vec![
                edit(Some(((1, 0), (1, 2))), "yes"),
                edit(Some(((1, 3), (1, 3))), "!"),
            ],
            4,
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "é😀 fine\r\nyes!");
        doc.apply(vec![edit(None, "new")], 5, Encoding::Utf16);
        assert_eq!((doc.text.as_str(), doc.version), ("new", 5));
        assert_eq!(doc.path.as_deref(), Some(Path::new("/tmp/a.md")));
    }
}
