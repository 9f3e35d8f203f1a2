//! Finding the sources to check: files named explicitly, `-` for standard
//! input, and directories walked with `ignore` (honours `.gitignore`,
//! `.ignore` and `.replylintignore`; skips hidden files except `.github`).
//! Every walked file is a target: whether it is a reply is decided later,
//! by its extension or the configuration's `formats:`.
//!
//! Nothing here blocks or skips in silence: an ignore file that is not a
//! regular file (a FIFO would block the walk forever) is an error for its
//! folder, which is then not walked; symbolic links are followed only with
//! `--follow`, and the run says how many it skipped; an explicit path that
//! is a FIFO, a socket, a device, a broken link or a link loop says so.

use std::fs::{FileType, Metadata};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

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
        /// Its path below the folder walked (`None` when named explicitly).
        below: Option<PathBuf>,
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

/// What a walk found.
#[derive(Debug, Default)]
pub struct Found {
    /// The targets, sorted by name, without duplicates.
    pub targets: Vec<Target>,
    pub errors: Vec<WalkError>,
    /// Symbolic links met in walked folders and not followed.
    pub skipped_links: usize,
    /// FIFOs, sockets and devices met in walked folders.
    pub skipped_special: usize,
}

/// The targets of `paths`; symbolic links in walked folders are followed
/// only when `follow` is set.
pub fn targets(paths: &[PathBuf], follow: bool) -> Found {
    let mut found = Found::default();
    let mut stdin = false;
    for path in paths {
        if path.as_os_str() == "-" {
            stdin = true;
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_dir(path, follow, &mut found),
            Ok(meta) if meta.is_file() => found.targets.push(Target::File {
                path: path.clone(),
                name: display_name(path),
                explicit: true,
                format: Format::from_extension(path),
                below: None,
            }),
            Ok(meta) => found.errors.push(WalkError {
                name: display_name(path),
                message: format!("{}: not a file replylint can read", kind(&meta.file_type())),
            }),
            Err(e) => found.errors.push(WalkError {
                name: display_name(path),
                message: missing(path, &e),
            }),
        }
    }
    let files = &mut found.targets;
    files.sort_by(|a, b| name(a).cmp(name(b)));
    files.dedup_by(|a, b| name(a) == name(b));
    if stdin {
        files.insert(0, Target::Stdin);
    }
    found
}

/// Why `path` could not be opened: a link to nothing, a link loop, or
/// nothing there at all.
fn missing(path: &Path, error: &std::io::Error) -> String {
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match error.kind() {
        std::io::ErrorKind::NotFound if link => {
            "a symbolic link to something that does not exist".into()
        }
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        _ if link => format!("a symbolic link that cannot be followed: {error}"),
        _ => error.to_string(),
    }
}

/// What kind of file `file_type` is, in words.
fn kind(file_type: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_symlink() {
        return "a symbolic link";
    }
    "not a regular file"
}

fn name(target: &Target) -> &str {
    match target {
        Target::Stdin => "-",
        Target::File { name, .. } => name,
    }
}

/// Files that document a project rather than answer a customer: a walk
/// skips them unless the configuration's `include` names them.
const PROJECT_FILES: [&str; 14] = [
    "readme",
    "changelog",
    "changes",
    "history",
    "news",
    "contributing",
    "license",
    "licence",
    "copying",
    "authors",
    "notice",
    "architecture",
    "code_of_conduct",
    "security",
];

/// Folders of code, tests, documentation and dependencies: a walk skips
/// them unless the configuration's `include` names them.
const PROJECT_FOLDERS: [&str; 14] = [
    "tests",
    "test",
    "__tests__",
    "spec",
    "docs",
    "doc",
    "node_modules",
    "vendor",
    "target",
    "build",
    "dist",
    "venv",
    ".venv",
    "site-packages",
];

/// Whether a walked file at `below` (its path under the folder walked) is
/// a project file or lies in a project folder, not a reply.
pub fn is_project_file(below: &Path) -> bool {
    let stem = below
        .file_stem()
        .map(|s| s.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let named = PROJECT_FILES.iter().any(|name| {
        stem.strip_prefix(name)
            .is_some_and(|r| r.is_empty() || r.starts_with('.'))
    });
    let in_folder = below.parent().is_some_and(|parent| {
        parent
            .components()
            .any(|c| PROJECT_FOLDERS.iter().any(|f| c.as_os_str() == *f))
    });
    named || in_folder
}

/// Hidden files and directories are skipped, except `.github`, where
/// saved replies live (`.github/replies.yml`).
fn is_hidden_but_not_github(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') && name != ".github"
}

/// The ignore files the walk reads in every folder it enters.
const IGNORE_FILES: [&str; 4] = [
    ".gitignore",
    ".ignore",
    ".replylintignore",
    ".git/info/exclude",
];

/// The first ignore file in `dir` that exists but is not a regular file,
/// with its kind: reading it could block forever (a FIFO) or fail.
fn unreadable_ignore_file(dir: &Path) -> Option<(PathBuf, &'static str)> {
    IGNORE_FILES.iter().find_map(|name| {
        let path = dir.join(name);
        let meta: Metadata = std::fs::metadata(&path).ok()?;
        (!meta.is_file()).then(|| (path, kind(&meta.file_type())))
    })
}

fn unreadable_ignore_error(path: &Path, what: &str) -> WalkError {
    WalkError {
        name: display_name(path),
        message: format!(
            "this ignore file is {what}: replylint does not read it, and did not walk \
             its folder (make it a regular file, or remove it)"
        ),
    }
}

fn walk_dir(dir: &Path, follow: bool, found: &mut Found) {
    // The walk reads the ignore files of `dir` and of every folder above.
    let above = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if let Some((path, what)) = above.ancestors().find_map(unreadable_ignore_file) {
        found.errors.push(unreadable_ignore_error(&path, what));
        return;
    }
    let refused: Arc<Mutex<Vec<WalkError>>> = Arc::default();
    let refused_in_walk = Arc::clone(&refused);
    let walker = ignore::WalkBuilder::new(dir)
        .add_custom_ignore_filename(".replylintignore")
        .require_git(false)
        .hidden(false)
        .follow_links(follow)
        .filter_entry(move |entry| {
            if entry.depth() > 0 && is_hidden_but_not_github(entry.file_name()) {
                return false;
            }
            // Checked before the walk enters the folder and reads them.
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            if let Some((path, what)) = is_dir
                .then(|| unreadable_ignore_file(entry.path()))
                .flatten()
            {
                if let Ok(mut refused) = refused_in_walk.lock() {
                    refused.push(unreadable_ignore_error(&path, what));
                }
                return false;
            }
            true
        })
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let Some(file_type) = entry.file_type() else {
                    continue;
                };
                if file_type.is_symlink() {
                    found.skipped_links += 1;
                    continue;
                }
                if !file_type.is_file() {
                    found.skipped_special += usize::from(!file_type.is_dir());
                    continue;
                }
                let path = entry.into_path();
                found.targets.push(Target::File {
                    name: display_name(&path),
                    format: Format::from_extension(&path),
                    below: path.strip_prefix(dir).ok().map(Path::to_path_buf),
                    path,
                    explicit: false,
                });
            }
            Err(e) => found.errors.push(WalkError {
                name: display_name(dir),
                message: e.to_string(),
            }),
        }
    }
    let refused = refused.lock().map(|mut r| std::mem::take(&mut *r));
    found.errors.extend(refused.unwrap_or_default());
}
