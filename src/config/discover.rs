//! Finding a directory's configuration file: `replylint.yaml` or
//! `.replylint.yaml`, never both. Walking up from a checked file is done by
//! [`Configs`](super::Configs), which caches each directory's answer.

use std::path::{Path, PathBuf};

use super::error::whole_file;
use crate::rules::LoadError;

/// The names a configuration file may have.
pub const FILE_NAMES: [&str; 2] = ["replylint.yaml", ".replylint.yaml"];

/// The configuration file of `dir` itself, if it has one: replylint's, else
/// Vale's (the first of its names, in Vale's order).
pub fn in_dir(dir: &Path) -> Result<Option<PathBuf>, LoadError> {
    let found: Vec<PathBuf> = FILE_NAMES
        .iter()
        .map(|name| dir.join(name))
        .filter(|path| path.is_file())
        .collect();
    match found.as_slice() {
        [] => Ok(super::vale_ini::FILE_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|path| path.is_file())),
        [one] => Ok(Some(one.clone())),
        _ => Err(whole_file(
            dir,
            format!(
                "two configuration files in one directory: `{}` and `{}`",
                FILE_NAMES[0], FILE_NAMES[1]
            ),
        )
        .with_help("keep one of them")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_has_at_most_one_configuration() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(in_dir(dir.path()).unwrap(), None);
        std::fs::write(dir.path().join(".replylint.yaml"), "").unwrap();
        assert_eq!(
            in_dir(dir.path()).unwrap(),
            Some(dir.path().join(".replylint.yaml"))
        );
        std::fs::write(dir.path().join("replylint.yaml"), "").unwrap();
        let e = in_dir(dir.path()).unwrap_err();
        assert!(e.message.contains("replylint.yaml`"), "{}", e.message);
        assert!(e.message.contains("`.replylint.yaml`"), "{}", e.message);
    }

    #[test]
    fn a_directory_named_like_a_configuration_is_not_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("replylint.yaml")).unwrap();
        assert_eq!(in_dir(dir.path()).unwrap(), None);
    }
}
