//! Which targets `check` reads, and how: each file's configuration, plan,
//! format and collection layout, and every file it leaves out, counted by
//! reason so that the run can say so.
//!
//! A walked file is checked when it is in a reply format (its extension, or
//! the configuration's `formats:`) and the configuration's `include:` names
//! it; without `include:`, when it is not a project file (README, LICENSE…,
//! or under tests/, docs/, node_modules/…; see `walk::is_project_file`). A
//! file named on the command line is checked when it is in a reply format,
//! whatever `include:` says, unless `--force-exclude` (hooks) applies the
//! walk's choice to it too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::args::CheckArgs;
use crate::config::Config;
use crate::lint::{self, Linter};
use crate::source::walk::{self, Target};
use crate::source::Format;

/// One target to check, with how to read it and the plan that governs it.
pub struct Job<'a> {
    pub target: &'a Target,
    pub job: lint::Job,
}

/// The targets left out, by reason.
#[derive(Debug, Default)]
pub struct LeftOut {
    /// Walked files that are project files, or that `include:` does not name.
    pub not_replies: Vec<String>,
    /// Files named on the command line in no reply format.
    pub unknown_format: Vec<String>,
    /// Files the configuration's `exclude:` leaves out.
    pub excluded: usize,
    /// For each configuration with globs, the files it governs that lie
    /// outside the folder its globs are relative to (so no glob matched).
    pub outside_root: BTreeMap<PathBuf, (PathBuf, usize)>,
}

/// The jobs of `targets`, what was left out, and whether planning failed
/// (a configuration or rule pack that does not load).
pub fn plan<'a>(
    targets: &'a [Target],
    args: &CheckArgs,
    linter: &Linter,
) -> (Vec<Job<'a>>, LeftOut, bool) {
    let mut jobs = Vec::new();
    let mut left_out = LeftOut::default();
    let mut failed = false;
    for target in targets {
        let (path, explicit, format, below) = match target {
            Target::Stdin => {
                let named = args.stdin_filename.as_deref().unwrap_or("<stdin>");
                let path = PathBuf::from(named);
                let format = Format::from_extension(&path);
                (path, true, format, None)
            }
            Target::File {
                path,
                explicit,
                format,
                below,
                ..
            } => (path.clone(), *explicit, *format, below.as_deref()),
        };
        let is_config = path
            .file_name()
            .is_some_and(|n| crate::config::FILE_NAMES.iter().any(|f| n == *f));
        if is_config && !explicit {
            continue;
        }
        let config: Option<Arc<Config>> = match linter.configs().for_file(&path) {
            Ok(config) => config,
            Err(_) => {
                failed = true;
                continue;
            }
        };
        let walk_rules = !explicit || args.force_exclude;
        if let Some(config) = &config {
            if config.has_globs() && config.relative_path(&path).is_none() {
                let entry = left_out
                    .outside_root
                    .entry(config.path().to_path_buf())
                    .or_insert_with(|| (config.dir().to_path_buf(), 0));
                entry.1 += 1;
            }
            if walk_rules && config.is_excluded(&path) {
                left_out.excluded += 1;
                continue;
            }
        }
        let included = match config.as_ref().and_then(|c| c.includes(&path)) {
            Some(included) => included,
            None => !walk::is_project_file(below.unwrap_or(&path)),
        };
        if walk_rules && !included {
            left_out.not_replies.push(target_name(target, &path));
            continue;
        }
        let (format, spec) = match config.as_ref().and_then(|c| c.format_for(&path)) {
            Some((format, spec)) => (Some(format), spec),
            None => (format, None),
        };
        let format = match (format, target) {
            (Some(format), _) => format,
            (None, Target::Stdin) => Format::Plain,
            (None, _) if explicit => {
                left_out.unknown_format.push(target_name(target, &path));
                continue;
            }
            (None, _) => continue,
        };
        let Ok(plan) = linter.plan(config.as_ref()) else {
            failed = true;
            continue;
        };
        jobs.push(Job {
            target,
            job: lint::Job {
                plan,
                format,
                spec,
                path,
            },
        });
    }
    (jobs, left_out, failed)
}

fn target_name(target: &Target, path: &Path) -> String {
    match target {
        Target::File { name, .. } => name.clone(),
        Target::Stdin => walk::display_name(path),
    }
}
