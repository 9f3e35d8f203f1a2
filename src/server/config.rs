//! Which configuration each document is linted under, and reloading.
//!
//! The server holds one [`Linter`] built with [`Options::default()`]: the
//! closest `replylint.yaml`/`.replylint.yaml` above each document's file
//! (above the workspace root for an untitled buffer), exactly as `check`
//! finds it. The linter caches configurations and compiled rules, so when
//! a configuration file changes (a watched-file event, or a save in the
//! editor) the server builds a new one and lints every open document again.
//!
//! A configuration or rule pack that does not load is shown on that file:
//! [`Problems`] keeps the load errors each document met, grouped by the
//! file they are about, so the server can publish them there (and clear
//! them once the file is fixed).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use lsp_types::Url;

use crate::config::{paths, FILE_NAMES};
use crate::lint::{Linter, Options};
use crate::rules::LoadError;

/// Whether `path` is named like a configuration file.
pub fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| FILE_NAMES.contains(&n))
}

/// The linter and where untitled documents look for their configuration.
pub struct Workspace {
    pub linter: Linter,
    /// The workspace root, or the server's current directory.
    pub root: PathBuf,
}

impl Workspace {
    pub fn new(root: Option<PathBuf>) -> Workspace {
        let root = root
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        Workspace {
            linter: Linter::new(Options::default()),
            root,
        }
    }

    /// Forgets every configuration and compiled rule pack (the default
    /// pack stays compiled: it is the binary's own).
    pub fn reload(&mut self) {
        self.linter = Linter::new(Options::default());
    }
}

/// The load errors met linting each document, by the file they are in.
#[derive(Default)]
pub struct Problems {
    by_document: HashMap<Url, Vec<LoadError>>,
}

impl Problems {
    /// Records what linting `document` met; returns whether that changed.
    pub fn set(&mut self, document: &Url, errors: Vec<LoadError>) -> bool {
        let old = self.by_document.get(document).map(|e| describe(e));
        if old.as_deref() == Some(&describe(&errors)[..]) || (old.is_none() && errors.is_empty()) {
            return false;
        }
        if errors.is_empty() {
            self.by_document.remove(document);
        } else {
            self.by_document.insert(document.clone(), errors);
        }
        true
    }

    pub fn forget(&mut self, document: &Url) -> bool {
        self.by_document.remove(document).is_some()
    }

    /// Every error once, by the file it is about (absolute).
    pub fn by_file(&self) -> BTreeMap<PathBuf, Vec<LoadError>> {
        let mut files: BTreeMap<PathBuf, Vec<LoadError>> = BTreeMap::new();
        let mut seen = std::collections::HashSet::new();
        for errors in self.by_document.values() {
            for error in errors {
                if seen.insert(error.to_string()) {
                    files
                        .entry(paths::absolute(Path::new(&error.path)))
                        .or_default()
                        .push(error.clone());
                }
            }
        }
        for errors in files.values_mut() {
            errors.sort_by_key(|e| (e.span.as_ref().map(|s| s.start), e.message.clone()));
        }
        files
    }
}

fn describe(errors: &[LoadError]) -> Vec<String> {
    errors.iter().map(|e| e.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configuration_names() {
        assert!(is_config_file(Path::new("/a/replylint.yaml")));
        assert!(is_config_file(Path::new(".replylint.yaml")));
        assert!(!is_config_file(Path::new("/a/replylint.yml")));
    }

    #[test]
    fn problems_change_only_when_the_errors_do() {
        let uri = Url::parse("file:///a/reply.md").unwrap();
        let error = LoadError {
            path: "/a/replylint.yaml".into(),
            text: None,
            span: None,
            message: "broken".into(),
            label: None,
            help: None,
            rule: None,
            unsupported: false,
        };
        let mut problems = Problems::default();
        assert!(!problems.set(&uri, Vec::new()));
        assert!(problems.set(&uri, vec![error.clone()]));
        assert!(!problems.set(&uri, vec![error]));
        assert_eq!(problems.by_file().len(), 1);
        assert!(problems.set(&uri, Vec::new()));
        assert!(problems.by_file().is_empty());
    }
}
