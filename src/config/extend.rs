//! `extend:` chains: a configuration file, the file it extends, the file
//! that one extends, and so on. A target that cannot be read and a cycle
//! are errors located at the `extend` value that leads to them.

use std::path::{Path, PathBuf};

use super::error::{self, whole_file};
use super::file::ConfigFile;
use super::paths;
use crate::rules::error::RuleSource;
use crate::rules::LoadError;

/// Chains longer than this are refused (a guard; cycles are found anyway).
const MAX_DEPTH: usize = 64;

/// One file of a chain.
#[derive(Debug)]
pub struct Layer {
    /// Absolute and normalized.
    pub path: PathBuf,
    pub source: RuleSource,
    pub file: ConfigFile,
}

impl Layer {
    /// The directory of the file, which its relative paths start from.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("/"))
    }
}

/// Loads `path` and every file it extends, the file itself first.
pub fn load_chain(path: &Path) -> Result<Vec<Layer>, LoadError> {
    let mut chain: Vec<Layer> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut next = paths::absolute(path);
    loop {
        let link = chain.last().and_then(|layer| {
            let written = layer.file.extend.as_ref()?;
            Some((layer, written))
        });
        let at_link = |message: String| match link {
            Some((layer, written)) => layer.source.error_at(written, message),
            None => whole_file(&next, message),
        };
        if !next.is_file() {
            let message = if next.exists() {
                format!("configuration `{}` is not a file", paths::shown(&next))
            } else {
                format!("configuration `{}` not found", paths::shown(&next))
            };
            return Err(at_link(message));
        }
        let canonical = std::fs::canonicalize(&next).map_err(|e| {
            at_link(format!(
                "cannot read configuration `{}`: {e}",
                paths::shown(&next)
            ))
        })?;
        if let Some(first) = seen.iter().position(|p| *p == canonical) {
            let mut names: Vec<String> = chain[first..]
                .iter()
                .map(|l| paths::shown(&l.path))
                .collect();
            names.push(paths::shown(&next));
            return Err(at_link(format!("`extend` cycle: {}", names.join(" → "))));
        }
        if chain.len() >= MAX_DEPTH {
            return Err(at_link(format!(
                "`extend` chain deeper than {MAX_DEPTH} files"
            )));
        }
        let source = error::read(&next)?;
        let file = error::parse(&source)?;
        let target = match &file.extend {
            None => None,
            Some(written) if written.value.trim().is_empty() => {
                return Err(source.error_at(written, "`extend` is empty"));
            }
            Some(written) => Some(written.value.clone()),
        };
        seen.push(canonical);
        let layer = Layer {
            path: next.clone(),
            source,
            file,
        };
        let dir = layer.dir().to_path_buf();
        chain.push(layer);
        match target {
            None => return Ok(chain),
            Some(target) => next = paths::normalize(&dir.join(target)),
        }
    }
}
