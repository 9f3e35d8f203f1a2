//! The library's front door: "check this text, as this path, under this
//! configuration". A [`Linter`] is built once from [`Options`] (how
//! configurations are found, which rule packs and selections apply); it
//! finds each file's configuration, builds one [`Plan`] per configuration
//! (rules compiled once and shared), and runs the pipeline of
//! [`check_source`]. It never prints and holds no process state: the CLI,
//! the language server and every other surface call it.
//!
//! ```
//! use std::path::Path;
//! use replylint::lint::{Linter, Options};
//! use replylint::suppression::Mode;
//!
//! let linter = Linter::new(Options::isolated());
//! let linted = linter
//!     .lint_text("Obviously you did it wrong.", Path::new("draft.txt"), Mode::PreSend)
//!     .expect("the default pack loads");
//! assert!(linted.report.diagnostics.iter().any(|d| &*d.rule == "tone/condescending"));
//! ```

mod check;
mod plan;

pub use check::{check_in_thread, check_source, CheckedSource};
pub use plan::{Plan, PlanError, Plans};

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::config::{self, Config, Configs};
use crate::container::{CollectionSpec, ContainerError};
use crate::diagnostic::Level;
use crate::document::Thread;
use crate::report::FileReport;
use crate::rules::LoadError;
use crate::source::{Encoding, Format, Source};
use crate::suppression::Mode;

/// What a [`Linter`] loads and selects on top of each file's configuration
/// (the command line's `--config`, `--rules`, `--select`…).
#[derive(Clone, Debug)]
pub struct Options {
    /// How configurations are found.
    pub config: config::Mode,
    /// Whether the default pack is loaded.
    pub default_rules: bool,
    /// Rule pack directories loaded after the default pack.
    pub rule_dirs: Vec<PathBuf>,
    /// Replaces the configuration's selection when not empty.
    pub select: Vec<String>,
    /// Added to the configuration's `ignore`.
    pub ignore: Vec<String>,
    /// Replaces the configuration's `fail-on`.
    pub fail_on: Option<Level>,
}

impl Default for Options {
    /// The closest configuration above each file, the default pack.
    fn default() -> Options {
        Options {
            config: config::Mode::Discover,
            default_rules: true,
            rule_dirs: Vec::new(),
            select: Vec::new(),
            ignore: Vec::new(),
            fail_on: None,
        }
    }
}

impl Options {
    /// No configuration file, the default pack.
    pub fn isolated() -> Options {
        Options {
            config: config::Mode::Isolated,
            ..Options::default()
        }
    }
}

/// Lints sources under the configurations that govern them. Thread-safe:
/// share one by reference (or in an `Arc`) between threads and requests.
pub struct Linter {
    options: Options,
    configs: Configs,
    plans: Mutex<Plans>,
}

/// A linted text.
#[derive(Debug)]
pub struct Linted {
    pub report: FileReport,
    /// Replies of a collection that could not be read; the others were checked.
    pub skipped: Vec<ContainerError>,
    /// Findings at or above this level fail a check.
    pub fail_on: Level,
}

impl Linted {
    /// Whether a finding is at or above the failing level.
    pub fn fails(&self) -> bool {
        self.report
            .diagnostics
            .iter()
            .any(|d| d.level >= self.fail_on)
    }
}

/// Why a text could not be linted.
#[derive(Debug)]
pub enum LintError {
    /// The configuration that governs the path does not load.
    Config(Vec<LoadError>),
    /// Its rule packs or settings are broken.
    Plan(Arc<PlanError>),
    /// The text is not a readable file of its format (malformed JSON…);
    /// the source comes back for the error's excerpt.
    Unreadable {
        error: ContainerError,
        source: Box<Source>,
    },
    /// A JSON or YAML file that holds no replies replylint knows.
    NoReplies(Box<Source>),
}

impl std::fmt::Display for LintError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LintError::Config(errors) => write_all(f, errors.iter()),
            LintError::Plan(error) => write_all(f, error.errors()),
            LintError::Unreadable { error, .. } => write!(f, "{}", error.message),
            LintError::NoReplies(_) => write!(f, "this file holds no replies replylint knows"),
        }
    }
}

fn write_all<'a>(
    f: &mut std::fmt::Formatter<'_>,
    errors: impl Iterator<Item = &'a LoadError>,
) -> std::fmt::Result {
    for (i, e) in errors.enumerate() {
        if i > 0 {
            writeln!(f)?;
        }
        write!(f, "{e}")?;
    }
    Ok(())
}

impl std::error::Error for LintError {}

impl Linter {
    pub fn new(options: Options) -> Linter {
        let configs = Configs::new(options.config.clone());
        Linter {
            options,
            configs,
            plans: Mutex::default(),
        }
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The configurations found so far (each loaded once).
    pub fn configs(&self) -> &Configs {
        &self.configs
    }

    /// The plans built so far, with every error met building them.
    pub fn plans(&self) -> MutexGuard<'_, Plans> {
        self.plans.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The plan for files governed by `config` (built on first use).
    pub fn plan(&self, config: Option<&Arc<Config>>) -> Result<Arc<Plan>, Arc<PlanError>> {
        self.plans().get(config, &self.options)
    }

    /// The configuration, plan, format and collection layout for a file at
    /// `path` (which need not exist). `format` is used when neither the
    /// configuration's `formats:` nor the extension says (an editor's
    /// language id); else plain text.
    pub fn job(&self, path: &Path, format: Option<Format>) -> Result<Job, LintError> {
        let config = self.configs.for_file(path).map_err(LintError::Config)?;
        let plan = self.plan(config.as_ref()).map_err(LintError::Plan)?;
        let (format, spec) = match config.as_ref().and_then(|c| c.format_for(path)) {
            Some((format, spec)) => (format, spec),
            None => (
                Format::from_extension(path)
                    .or(format)
                    .unwrap_or(Format::Plain),
                None,
            ),
        };
        Ok(Job {
            plan,
            format,
            spec,
            path: path.to_path_buf(),
        })
    }

    /// Lints `text` as the file at `path`: its configuration, its format
    /// (by `formats:` or extension), and in `mode` (a draft about to be sent,
    /// or a canned response in a repository).
    pub fn lint_text(&self, text: &str, path: &Path, mode: Mode) -> Result<Linted, LintError> {
        let job = self.job(path, None)?;
        job.lint(text, mode)
    }
}

/// How one file is checked: its plan, format and layout.
#[derive(Clone)]
pub struct Job {
    pub plan: Arc<Plan>,
    pub format: Format,
    pub spec: Option<CollectionSpec>,
    /// The path configuration globs are matched against.
    pub path: PathBuf,
}

impl Job {
    /// Lints `text` under this job, named by its path in the report.
    pub fn lint(&self, text: &str, mode: Mode) -> Result<Linted, LintError> {
        let source = Source {
            name: crate::source::walk::display_name(&self.path),
            text: text.to_owned(),
            format: self.format,
            encoding: Encoding::Utf8,
        };
        self.lint_source(source, mode)
    }

    /// Lints a source read by the caller.
    pub fn lint_source(&self, source: Source, mode: Mode) -> Result<Linted, LintError> {
        self.lint_in_thread(source, None, mode)
    }

    /// Lints a source whose conversation so far is `thread` (a draft sent
    /// with its `previous` messages).
    pub fn lint_in_thread(
        &self,
        source: Source,
        thread: Option<&Thread>,
        mode: Mode,
    ) -> Result<Linted, LintError> {
        let path = &self.path;
        match check_in_thread(source, self.spec.as_ref(), &self.plan, path, mode, thread) {
            Ok((report, skipped)) => Ok(Linted {
                report,
                skipped,
                fail_on: self.plan.fail_on,
            }),
            Err((source, Some(error))) => Err(LintError::Unreadable {
                error,
                source: Box::new(source),
            }),
            Err((source, None)) => Err(LintError::NoReplies(Box::new(source))),
        }
    }
}
