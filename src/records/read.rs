//! Opening a ticket export: a file or standard input, gzip-compressed or
//! not (told by the gzip magic bytes, not the name), read line by line
//! with each line's number; a line that is not UTF-8 is an error for that
//! line only.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// A source of lines, decompressed when it was gzip.
pub type Input = Box<dyn BufRead + Send>;

/// Opens `path` (`None`: standard input), decompressing gzip.
pub fn open(path: Option<&Path>) -> std::io::Result<Input> {
    let raw: Box<dyn Read + Send> = match path {
        Some(path) => Box::new(std::fs::File::open(path)?),
        None => Box::new(std::io::stdin()),
    };
    open_reader(raw)
}

/// `raw`'s bytes, decompressed when they are gzip.
pub fn open_reader(raw: impl Read + Send + 'static) -> std::io::Result<Input> {
    let mut buffered = BufReader::with_capacity(1 << 16, raw);
    let gzip = buffered.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    Ok(if gzip {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(buffered),
        ))
    } else {
        Box::new(buffered)
    })
}

/// The lines of `input`, numbered from 1, without their line ends: the
/// text, or why it could not be read.
pub struct Lines {
    input: Input,
    number: usize,
    buffer: Vec<u8>,
    done: bool,
}

impl Lines {
    pub fn new(input: Input) -> Lines {
        Lines {
            input,
            number: 0,
            buffer: Vec::new(),
            done: false,
        }
    }
}

impl Iterator for Lines {
    type Item = (usize, Result<String, String>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.buffer.clear();
        match self.input.read_until(b'\n', &mut self.buffer) {
            Ok(0) => None,
            Ok(_) => {
                self.number += 1;
                while self
                    .buffer
                    .last()
                    .is_some_and(|b| *b == b'\n' || *b == b'\r')
                {
                    self.buffer.pop();
                }
                let line = match std::str::from_utf8(&self.buffer) {
                    Ok(text) => Ok(text.to_owned()),
                    Err(e) => Err(format!(
                        "not UTF-8 (invalid byte at column {})",
                        e.valid_up_to() + 1
                    )),
                };
                Some((self.number, line))
            }
            Err(e) => {
                self.done = true;
                self.number += 1;
                Some((self.number, Err(format!("could not read: {e}"))))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn gzip_is_told_by_its_bytes_and_lines_are_numbered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.jsonl.whatever");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"one\r\ntwo\n\xff\nlast").unwrap();
        std::fs::write(&path, gz.finish().unwrap()).unwrap();
        let lines: Vec<_> = Lines::new(open(Some(&path)).unwrap()).collect();
        assert_eq!(lines[0], (1, Ok("one".to_owned())));
        assert_eq!(lines[1], (2, Ok("two".to_owned())));
        assert!(lines[2].1.as_ref().is_err_and(|e| e.contains("not UTF-8")));
        assert_eq!(lines[3], (4, Ok("last".to_owned())));
        assert_eq!(lines.len(), 4);
    }
}
