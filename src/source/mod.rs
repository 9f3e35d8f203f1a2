//! Sources: the bytes of a reply, where they came from and their format.
//!
//! Reading turns bytes into text or into a [`SourceProblem`] that names the
//! file. UTF-8 is read as it is; UTF-16 with its byte order mark is decoded,
//! and [`Encoding::offsets`] takes positions back to the file's bytes.
//! Problems: invalid UTF-8 or UTF-16 (with the byte offset), binary content
//! (NUL bytes), a file larger than [`MAX_SOURCE_BYTES`], or an I/O failure. `walk` finds
//! the sources named on the command line.

pub mod walk;

use std::fmt;
use std::io::Read;
use std::path::Path;

/// Files larger than this are refused with a clear message rather than checked.
pub const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;

/// How a source is marked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Plain,
    Markdown,
    Html,
    /// A helpdesk macro export or other collection of replies in JSON.
    Json,
    /// A collection of saved replies or templates in YAML.
    Yaml,
}

impl Format {
    /// The format of a walked file by its extension, or `None` when such
    /// files are not replies.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            // reStructuredText has no reader of its own: its prose is read
            // as plain text, as its markup is light.
            "txt" | "text" | "rst" => Some(Format::Plain),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "json" => Some(Format::Json),
            "yml" | "yaml" => Some(Format::Yaml),
            _ => None,
        }
    }

    /// The format of a file named explicitly: its extension's, else plain text.
    pub fn for_named_file(path: &Path) -> Format {
        Format::from_extension(path).unwrap_or(Format::Plain)
    }
}

/// How a source's bytes encode its text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark.
    #[default]
    Utf8,
    /// UTF-16, little-endian, with its byte order mark (FF FE).
    Utf16Le,
    /// UTF-16, big-endian, with its byte order mark (FE FF).
    Utf16Be,
}

/// Text offsets to file offsets for a text decoded from UTF-16, in bounded
/// time: the file offset of every 1 KiB of text is kept.
#[derive(Debug)]
pub struct FileOffsets<'t> {
    text: &'t str,
    utf16: bool,
    /// (text offset, file offset) at character boundaries, every 1 KiB.
    marks: Vec<(usize, usize)>,
}

impl FileOffsets<'_> {
    /// Where text offset `at` lies in the file's bytes.
    pub fn at(&self, at: usize) -> usize {
        if !self.utf16 {
            return at;
        }
        let at = at.min(self.text.len());
        let (from, file) = match self.marks.binary_search_by_key(&at, |m| m.0) {
            Ok(i) => self.marks[i],
            Err(i) => self.marks[i - 1],
        };
        let units: usize = self.text[from..at].chars().map(char::len_utf16).sum();
        file + 2 * units
    }
}

impl Encoding {
    /// The file offsets of `text` decoded from this encoding (its byte
    /// order mark kept as U+FEFF).
    pub fn offsets(self, text: &str) -> FileOffsets<'_> {
        let utf16 = self != Encoding::Utf8;
        let mut marks = vec![(0, 0)];
        if utf16 {
            let mut file = 0;
            let mut next = 1024;
            for (at, c) in text.char_indices() {
                if at >= next {
                    marks.push((at, file));
                    next = at + 1024;
                }
                file += 2 * c.len_utf16();
            }
        }
        FileOffsets { text, utf16, marks }
    }

    /// The name output gives it.
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
        }
    }
}

/// A reply to check.
#[derive(Clone, Debug)]
pub struct Source {
    /// The name shown in output.
    pub name: String,
    pub text: String,
    pub format: Format,
    /// How the file encodes `text` (positions in output are the file's).
    pub encoding: Encoding,
}

/// Why a source could not be checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceProblem {
    /// Not UTF-8; `offset` is the byte where decoding failed, at a 1-based
    /// line and column (characters of the valid text before it).
    InvalidUtf8 {
        offset: usize,
        line: usize,
        column: usize,
    },
    /// Contains NUL bytes: skipped, not an error.
    Binary,
    /// UTF-16 (it has the byte order mark) that does not decode: an odd
    /// number of bytes, or a lone surrogate at byte `offset`.
    InvalidUtf16 { offset: usize },
    /// A JSON or YAML file that is not a collection of replies replylint
    /// knows, named explicitly: skipped with a note, not an error (hooks
    /// pass every staged `.json` and `.yaml`).
    NoReplies,
    /// Larger than [`MAX_SOURCE_BYTES`].
    TooLarge { bytes: u64 },
    /// The operating system refused.
    Io(String),
}

impl SourceProblem {
    /// Whether this problem makes the run fail with exit code 2.
    pub fn is_error(&self) -> bool {
        !matches!(self, SourceProblem::Binary | SourceProblem::NoReplies)
    }
}

impl fmt::Display for SourceProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceProblem::InvalidUtf8 { offset, line, column } => write!(
                f,
                "not valid UTF-8: invalid byte at line {line}, column {column} (byte offset {offset})"
            ),
            SourceProblem::Binary => write!(
                f,
                "binary file (contains NUL bytes), skipped; UTF-16 text needs its byte order mark"
            ),
            SourceProblem::InvalidUtf16 { offset } => write!(
                f,
                "not valid UTF-16 (it starts with a UTF-16 byte order mark): bad code unit at byte offset {offset}"
            ),
            SourceProblem::NoReplies => write!(
                f,
                "no replies found: not a macro export or saved-reply collection replylint knows \
                 (declare its layout under `formats:` in replylint.yaml), skipped"
            ),
            SourceProblem::TooLarge { bytes } => write!(
                f,
                "file is {bytes} bytes, larger than the {MAX_SOURCE_BYTES}-byte limit for a reply; not checked"
            ),
            SourceProblem::Io(message) => write!(f, "{message}"),
        }
    }
}

/// Decodes bytes read from `name` into a source.
pub fn decode(name: String, bytes: Vec<u8>, format: Format) -> Result<Source, SourceProblem> {
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(SourceProblem::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    let encoding = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Encoding::Utf16Le,
        Some([0xFE, 0xFF]) => Encoding::Utf16Be,
        _ => Encoding::Utf8,
    };
    let text = match encoding {
        Encoding::Utf8 if bytes.contains(&0) => return Err(SourceProblem::Binary),
        Encoding::Utf8 => String::from_utf8(bytes)
            .map_err(|e| invalid_utf8(e.as_bytes(), e.utf8_error().valid_up_to()))?,
        utf16 => decode_utf16(&bytes, utf16 == Encoding::Utf16Be)?,
    };
    Ok(Source {
        name,
        text,
        format,
        encoding,
    })
}

/// UTF-16 text, its byte order mark kept as U+FEFF so that every character
/// of the text stands for its own bytes in the file.
fn decode_utf16(bytes: &[u8], big_endian: bool) -> Result<String, SourceProblem> {
    if bytes.len() % 2 == 1 {
        return Err(SourceProblem::InvalidUtf16 {
            offset: bytes.len() - 1,
        });
    }
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut text = String::with_capacity(bytes.len());
    let mut offset = 0;
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(c) => {
                text.push(c);
                offset += 2 * c.len_utf16();
            }
            Err(_) => return Err(SourceProblem::InvalidUtf16 { offset }),
        }
    }
    Ok(text)
}

/// Where decoding `bytes` failed: the offset and its line and column.
pub fn invalid_utf8(bytes: &[u8], offset: usize) -> SourceProblem {
    let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
    let at = crate::position::LineIndex::new(valid).line_col(valid, valid.len());
    SourceProblem::InvalidUtf8 {
        offset,
        line: at.line,
        column: at.column,
    }
}

/// Reads a file from disk: its path is looked up once, and its size read
/// from the open file.
pub fn read_file(path: &Path, name: String, format: Format) -> Result<Source, SourceProblem> {
    let io = |e: std::io::Error| SourceProblem::Io(e.to_string());
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > MAX_SOURCE_BYTES {
        return Err(SourceProblem::TooLarge { bytes: len });
    }
    // One byte more than its size, so that reading to the end needs no
    // second buffer; a file that grew past the limit meanwhile is refused.
    let mut bytes = Vec::with_capacity(len as usize + 1);
    file.take(MAX_SOURCE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(SourceProblem::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    decode(name, bytes, format)
}

/// Reads all of standard input. Past the size limit the rest is read and
/// counted, not kept, so that the message gives the real size.
pub fn read_stdin(name: String, format: Format) -> Result<Source, SourceProblem> {
    let mut bytes = Vec::new();
    let mut stdin = std::io::stdin().lock();
    let io = |e: std::io::Error| SourceProblem::Io(e.to_string());
    (&mut stdin)
        .take(MAX_SOURCE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        let rest = std::io::copy(&mut stdin, &mut std::io::sink()).map_err(io)?;
        return Err(SourceProblem::TooLarge {
            bytes: bytes.len() as u64 + rest,
        });
    }
    decode(name, bytes, format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_offset() {
        let err = decode(
            "x".into(),
            b"ok\nZo\xc3\xab \xff no".to_vec(),
            Format::Plain,
        )
        .unwrap_err();
        assert_eq!(
            err,
            SourceProblem::InvalidUtf8 {
                offset: 8,
                line: 2,
                column: 5
            }
        );
        assert!(
            err.to_string().contains("line 2, column 5 (byte offset 8)"),
            "{err}"
        );
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let err = decode("x".into(), b"a\0b".to_vec(), Format::Plain).unwrap_err();
        assert_eq!(err, SourceProblem::Binary);
        assert!(!err.is_error());
    }

    #[test]
    fn formats_follow_extensions() {
        assert_eq!(
            Format::from_extension(Path::new("a/b.MD")),
            Some(Format::Markdown)
        );
        assert_eq!(
            Format::from_extension(Path::new("a/b.txt")),
            Some(Format::Plain)
        );
        assert_eq!(Format::from_extension(Path::new("a/b.rs")), None);
        assert_eq!(Format::for_named_file(Path::new("a/b")), Format::Plain);
    }
}
