//! Writing a fixed file: only if the file on disk is still the text that
//! was checked, in the file's own encoding, atomically (a temporary file
//! beside it, then a rename) and with the file's permissions kept. A
//! symbolic link is followed: the file it points to is rewritten, the
//! link stays.

use std::io::Write;
use std::path::Path;

use crate::source::{self, Encoding, Format};

/// Why a fixed file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file changed on disk after it was read.
    Changed,
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Changed => write!(
                f,
                "the file changed on disk while it was being checked; not overwritten (run --fix again)"
            ),
            WriteError::Io(e) => write!(f, "could not write the fixed file: {e}"),
        }
    }
}

/// Replaces the file at `path`, read as `checked`, with `fixed`.
pub fn replace(
    path: &Path,
    checked: &str,
    fixed: &str,
    encoding: Encoding,
) -> Result<(), WriteError> {
    let target = std::fs::canonicalize(path).map_err(WriteError::Io)?;
    let now = source::read_file(&target, String::new(), Format::Plain);
    if !now.is_ok_and(|s| s.text == checked) {
        return Err(WriteError::Changed);
    }
    let permissions = std::fs::metadata(&target)
        .map_err(WriteError::Io)?
        .permissions();
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(WriteError::Io)?;
    temp.write_all(&encode(fixed, encoding))
        .and_then(|()| temp.as_file().sync_all())
        .map_err(WriteError::Io)?;
    std::fs::set_permissions(temp.path(), permissions).map_err(WriteError::Io)?;
    temp.persist(&target).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

/// `text` in `encoding` (UTF-16 text keeps the byte-order mark it was read
/// with: it is the text's first character).
pub fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        Encoding::Utf16Be => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_since_reading_is_not_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("r.md");
        std::fs::write(&path, "edited meanwhile").expect("write");
        let result = replace(&path, "as read", "fixed", Encoding::Utf8);
        assert!(matches!(result, Err(WriteError::Changed)));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited meanwhile");
    }

    #[cfg(unix)]
    #[test]
    fn permissions_and_encoding_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("r.txt");
        std::fs::write(&path, encode("\u{feff}log in", Encoding::Utf16Le)).expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        replace(
            &path,
            "\u{feff}log in",
            "\u{feff}sign in",
            Encoding::Utf16Le,
        )
        .expect("written");
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(bytes, encode("\u{feff}sign in", Encoding::Utf16Le));
        assert_eq!(&bytes[..2], &[0xFF, 0xFE]);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}
