//! Paths as the configuration sees them: absolute and lexically normalized
//! (no `.` or `..`, symbolic links kept), so a checked file and a
//! configuration directory compare by prefix; and shown relative to the
//! current directory in messages.

use std::path::{Component, Path, PathBuf};

/// `path` made absolute against the current directory, with `.` and `..`
/// resolved lexically.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        match std::env::current_dir() {
            Ok(cwd) => cwd.join(path),
            Err(_) => path.to_path_buf(),
        }
    };
    normalize(&joined)
}

/// `.` and `..` resolved without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let popped =
                    matches!(out.components().next_back(), Some(Component::Normal(_))) && out.pop();
                if !popped && !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `path` relative to directory `dir` (both made absolute), or `None` when
/// it is not under `dir`.
pub fn relative_to(dir: &Path, path: &Path) -> Option<PathBuf> {
    absolute(path)
        .strip_prefix(absolute(dir))
        .ok()
        .map(Path::to_path_buf)
}

/// How a path is shown in messages: relative to the current directory when
/// it is under it, else absolute.
pub fn shown(path: &Path) -> String {
    let absolute = absolute(path);
    let relative = std::env::current_dir().ok().and_then(|cwd| {
        absolute
            .strip_prefix(normalize(&cwd))
            .ok()
            .map(Path::to_path_buf)
    });
    match relative {
        Some(r) if !r.as_os_str().is_empty() => r.display().to_string(),
        _ => absolute.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizing_resolves_dots_lexically() {
        assert_eq!(normalize(Path::new("/a/b/../c/./d")), Path::new("/a/c/d"));
        assert_eq!(normalize(Path::new("/..")), Path::new("/"));
        assert_eq!(normalize(Path::new("../x")), Path::new("../x"));
    }

    #[test]
    fn relative_paths_are_found_under_the_directory_only() {
        assert_eq!(
            relative_to(Path::new("/r/docs"), Path::new("/r/docs/sub/a.md")),
            Some(PathBuf::from("sub/a.md"))
        );
        assert_eq!(
            relative_to(Path::new("/r/docs"), Path::new("/r/docs/../x.md")),
            None
        );
        assert_eq!(
            relative_to(Path::new("/r/docs"), Path::new("/r/docsx/a.md")),
            None
        );
    }
}
