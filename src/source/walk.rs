//! Finding the sources to check: files named explicitly, `-` for standard
//! input, and directories walked with `ignore` (honours `.gitignore`,
//! `.ignore` and `.replylintignore`; skips hidden files except `.github`).
//! Every walked file is a target: whether it is a reply is decided later,
//! by its extension or the configuration's `formats:`.

use std::path::{Path, PathBuf};

use super::Format;

/// What to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Stdin,
    File {
        path: PathBuf,
        name: String,
        /// The format its extension says, if it is a reply format; the
        /// configuration's `formats:` may say otherwise.
        format: Option<Format>,
        /// Named on the command line rather than found by a walk.
        explicit: bool,
    },
}

/// A path argument that could not be walked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalkError {
    pub name: String,
    pub message: String,
}

/// The name shown for a path: as given, without a leading `./`.
pub fn display_name(path: &Path) -> String {
    let shown = path.display().to_string();
    match shown.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => shown,
    }
}

/// The targets of `paths`, sorted by name, without duplicates.
pub fn targets(paths: &[PathBuf]) -> (Vec<Target>, Vec<WalkError>) {
    let mut files = Vec::new();
    let mut stdin = false;
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            stdin = true;
        } else if path.is_dir() {
            walk_dir(path, &mut files, &mut errors);
        } else if path.is_file() {
            files.push(Target::File {
                path: path.clone(),
                name: display_name(path),
                explicit: true,
                format: Format::from_extension(path),
            });
        } else {
            errors.push(WalkError {
                name: display_name(path),
                message: "no such file or directory".into(),
            });
        }
    }
    files.sort_by(|a, b| name(a).cmp(name(b)));
    files.dedup_by(|a, b| name(a) == name(b));
    if stdin {
        files.insert(0, Target::Stdin);
    }
    (files, errors)
}

fn name(target: &Target) -> &str {
    match target {
        Target::Stdin => "-",
        Target::File { name, .. } => name,
    }
}

/// Hidden files and directories are skipped, except `.github`, where
/// saved replies live (`.github/replies.yml`).
fn is_hidden_but_not_github(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') && name != ".github"
}

fn walk_dir(dir: &Path, files: &mut Vec<Target>, errors: &mut Vec<WalkError>) {
    let walker = ignore::WalkBuilder::new(dir)
        .add_custom_ignore_filename(".replylintignore")
        .require_git(false)
        .hidden(false)
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden_but_not_github(entry.file_name()))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let path = entry.into_path();
                files.push(Target::File {
                    name: display_name(&path),
                    format: Format::from_extension(&path),
                    path,
                    explicit: false,
                });
            }
            Err(e) => errors.push(WalkError {
                name: display_name(dir),
                message: e.to_string(),
            }),
        }
    }
}
