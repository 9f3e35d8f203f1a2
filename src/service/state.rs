//! The service's state: the linter built from the team's configuration,
//! reloaded on SIGHUP or when a configuration file changes. A reload that
//! fails (a broken YAML, a rule pack that does not compile) keeps the
//! linter that works and says why in the log and in `/healthz`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::State;
use axum::Json;
use tokio::sync::Semaphore;

use super::Options;
use crate::config::Mode;
use crate::lint::{Job, LintError, Linter};

/// A linter and what it was built from.
pub struct Loaded {
    pub linter: Linter,
    /// The configuration file that governs drafts (none: defaults).
    pub config: Option<PathBuf>,
    pub loaded_at: u64,
}

impl Loaded {
    /// How a draft named `filename` is checked (its configuration, plan
    /// and format).
    pub fn job(
        &self,
        root: &Path,
        filename: &str,
        format: Option<crate::source::Format>,
    ) -> Result<Job, LintError> {
        self.linter.job(&root.join(filename), format)
    }
}

/// The running service.
pub struct Service {
    options: Options,
    current: RwLock<Arc<Loaded>>,
    /// Why the last reload failed, while the previous linter still serves.
    reload_error: RwLock<Option<String>>,
    /// Modification times of the watched files at the last load.
    stamps: RwLock<Vec<Option<SystemTime>>>,
    pub(super) permits: Semaphore,
}

impl Service {
    /// Loads the configuration; an error says what is broken and where.
    pub fn start(options: Options) -> Result<Arc<Service>, String> {
        let loaded = load(&options)?;
        let stamps = stamps(&options, loaded.config.as_deref());
        Ok(Arc::new(Service {
            permits: Semaphore::new(options.max_concurrency.max(1)),
            options,
            current: RwLock::new(Arc::new(loaded)),
            reload_error: RwLock::new(None),
            stamps: RwLock::new(stamps),
        }))
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The linter serving now.
    pub fn loaded(&self) -> Arc<Loaded> {
        read(&self.current).clone()
    }

    /// Builds a new linter from the configuration as it is now; keeps the
    /// old one when that fails.
    pub fn reload(&self, why: &str) {
        match load(&self.options) {
            Ok(loaded) => {
                let config = loaded.config.clone();
                *write(&self.stamps) = stamps(&self.options, config.as_deref());
                *write(&self.current) = Arc::new(loaded);
                *write(&self.reload_error) = None;
                let shown =
                    config.map_or("no configuration file".into(), |p| p.display().to_string());
                eprintln!("replylint serve: configuration reloaded ({why}): {shown}");
            }
            Err(error) => {
                let current = self.loaded().config.clone();
                *write(&self.stamps) = stamps(&self.options, current.as_deref());
                eprintln!(
                    "replylint serve: configuration not reloaded ({why}); still serving the previous one:\n{error}"
                );
                *write(&self.reload_error) = Some(error);
            }
        }
    }

    /// Whether a watched file changed since the last load.
    fn changed(&self) -> bool {
        let config = self.loaded().config.clone();
        *read(&self.stamps) != stamps(&self.options, config.as_deref())
    }
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|e| e.into_inner())
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|e| e.into_inner())
}

/// A linter for `options`, checked by building the plan a draft gets.
fn load(options: &Options) -> Result<Loaded, String> {
    let linter = Linter::new(options.lint.clone());
    let draft = options.root.join("draft.txt");
    let config = linter
        .configs()
        .for_file(&draft)
        .map_err(|errors| LintError::Config(errors).to_string())?
        .map(|c| c.path().to_path_buf());
    let job = linter.job(&draft, None).map_err(|e| e.to_string())?;
    // A service answers with the rules it was given, or not at all.
    if !job.plan.load_errors.is_empty() {
        let errors: Vec<String> = job
            .plan
            .load_errors
            .iter()
            .map(ToString::to_string)
            .collect();
        return Err(errors.join("\n"));
    }
    let loaded_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Ok(Loaded {
        linter,
        config,
        loaded_at,
    })
}

/// The files whose change means a reload: the configuration in use, or,
/// without one, the files discovery would find at the root.
fn watched(options: &Options, config: Option<&Path>) -> Vec<PathBuf> {
    match (&options.lint.config, config) {
        (Mode::Isolated, _) => Vec::new(),
        (Mode::Explicit(path), _) => vec![path.clone()],
        (Mode::Discover, Some(path)) => vec![path.to_path_buf()],
        (Mode::Discover, None) => crate::config::FILE_NAMES
            .iter()
            .map(|name| options.root.join(name))
            .collect(),
    }
}

fn stamps(options: &Options, config: Option<&Path>) -> Vec<Option<SystemTime>> {
    watched(options, config)
        .iter()
        .map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .collect()
}

/// Reloads on SIGHUP, and when a watched file changes (looked at every
/// `watch_every`).
pub async fn watch(service: Arc<Service>) {
    #[cfg(unix)]
    {
        let hup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup());
        if let Ok(mut hup) = hup {
            let on_hup = service.clone();
            tokio::spawn(async move {
                while hup.recv().await.is_some() {
                    let s = on_hup.clone();
                    let _ = tokio::task::spawn_blocking(move || s.reload("SIGHUP")).await;
                }
            });
        }
    }
    let mut tick = tokio::time::interval(service.options.watch_every);
    loop {
        tick.tick().await;
        let s = service.clone();
        let _ = tokio::task::spawn_blocking(move || {
            if s.changed() {
                s.reload("the file changed");
            }
        })
        .await;
    }
}

/// `GET /healthz`: whether the service runs, on which configuration, and
/// why the last reload failed if it did (status `degraded`).
pub async fn healthz(State(service): State<Arc<Service>>) -> Json<serde_json::Value> {
    let loaded = service.loaded();
    let error = read(&service.reload_error).clone();
    Json(serde_json::json!({
        "status": if error.is_some() { "degraded" } else { "ok" },
        "version": env!("CARGO_PKG_VERSION"),
        "config": loaded.config.as_ref().map(|p| p.display().to_string()),
        "loaded_at": loaded.loaded_at,
        "reload_error": error,
    }))
}
