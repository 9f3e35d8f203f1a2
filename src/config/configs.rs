//! [`Configs`]: which configuration applies to a checked file, cached by
//! directory and by configuration file so a walk over thousands of files
//! reads each configuration once, from any number of threads.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use super::{discover, paths, Config};
use crate::rules::LoadError;

/// How configurations are found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The closest `replylint.yaml` or `.replylint.yaml` above each file.
    Discover,
    /// This file for every checked file (`--config`).
    Explicit(PathBuf),
    /// No configuration at all (`--isolated`).
    Isolated,
}

type Found = Result<Option<Arc<Config>>, Arc<[LoadError]>>;
type Loaded = Result<Arc<Config>, Arc<[LoadError]>>;

/// The configurations of one run. Thread-safe: share it by reference.
#[derive(Debug)]
pub struct Configs {
    mode: Mode,
    /// Each directory's answer, computed once (a parent's answer is reused).
    dirs: Mutex<HashMap<PathBuf, Arc<OnceLock<Found>>>>,
    /// Each configuration file, loaded once.
    files: Mutex<HashMap<PathBuf, Arc<OnceLock<Loaded>>>>,
    /// Directories holding both file names.
    dir_errors: Mutex<Vec<LoadError>>,
    loads: AtomicUsize,
}

impl Configs {
    pub fn new(mode: Mode) -> Configs {
        Configs {
            mode,
            dirs: Mutex::default(),
            files: Mutex::default(),
            dir_errors: Mutex::default(),
            loads: AtomicUsize::new(0),
        }
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The configuration that applies to the file at `path` (which need not
    /// exist: for standard input pass its `--stdin-filename` or a name in
    /// the current directory). `Ok(None)`: no configuration applies.
    /// `Err`: the configuration that applies does not load; the same errors
    /// are returned for every file under it (see [`Configs::errors`]).
    pub fn for_file(&self, path: &Path) -> Result<Option<Arc<Config>>, Vec<LoadError>> {
        let path = paths::absolute(path);
        let dir = path.parent().unwrap_or(&path);
        self.for_dir(dir)
    }

    /// The configuration that applies to files directly in `dir`.
    pub fn for_dir(&self, dir: &Path) -> Result<Option<Arc<Config>>, Vec<LoadError>> {
        let found = match &self.mode {
            Mode::Isolated => Ok(None),
            Mode::Explicit(file) => self.load(&paths::absolute(file)).map(Some),
            Mode::Discover => self.discover(&paths::absolute(dir)),
        };
        found.map_err(|errors| errors.to_vec())
    }

    /// Every error met so far, each once, ordered by file.
    pub fn errors(&self) -> Vec<LoadError> {
        let mut errors: Vec<LoadError> = lock(&self.dir_errors).clone();
        for cell in lock(&self.files).values() {
            if let Some(Err(e)) = cell.get() {
                errors.extend(e.iter().cloned());
            }
        }
        errors.sort_by(|a, b| {
            (&a.path, a.span.as_ref().map(|s| s.start))
                .cmp(&(&b.path, b.span.as_ref().map(|s| s.start)))
        });
        errors
    }

    /// How many configurations were loaded (each file of an `extend` chain
    /// is read again for each configuration that extends it).
    pub fn loads(&self) -> usize {
        self.loads.load(Ordering::Relaxed)
    }

    fn discover(&self, dir: &Path) -> Found {
        let cell = lock(&self.dirs)
            .entry(dir.to_path_buf())
            .or_default()
            .clone();
        cell.get_or_init(|| match discover::in_dir(dir) {
            Err(error) => {
                lock(&self.dir_errors).push(error.clone());
                Err(Arc::from(vec![error]))
            }
            Ok(Some(file)) => self.load(&file).map(Some),
            Ok(None) => match dir.parent() {
                Some(parent) => self.discover(parent),
                None => Ok(None),
            },
        })
        .clone()
    }

    fn load(&self, file: &Path) -> Loaded {
        let cell = lock(&self.files)
            .entry(file.to_path_buf())
            .or_default()
            .clone();
        cell.get_or_init(|| {
            self.loads.fetch_add(1, Ordering::Relaxed);
            Config::load(file).map(Arc::new).map_err(Arc::from)
        })
        .clone()
    }
}

/// A lock that a panic elsewhere does not poison for good: the maps only
/// ever gain complete entries.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
