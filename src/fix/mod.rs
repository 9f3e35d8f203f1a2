//! Fixes: applying the replacements rules offer, to a fixed point.
//!
//! A pass applies every chosen fix that does not overlap one applied before
//! it (`apply`), then the text is linted again through the front door, so
//! a fix that was skipped for overlapping, or a finding a fix uncovered,
//! gets its turn; passes stop when nothing changes, or after
//! [`MAX_PASSES`]. Only safe fixes are chosen unless `unsafe_fixes` (see
//! [`crate::diagnostic::Applicability`]). Replacements are already written
//! in the file's syntax (JSON escapes, YAML quoting, HTML entities) by the
//! time they reach here. `diff` renders what would change; `write` puts
//! fixed text on disk atomically.

pub mod apply;
pub mod diff;
pub mod write;

use crate::document::Thread;
use crate::lint::{Job, LintError, Linted};
use crate::source::Source;
use crate::suppression::Mode;

/// Passes before fixing gives up on reaching a fixed point (fixes that
/// undo each other would otherwise loop).
pub const MAX_PASSES: usize = 10;

/// A source after fixing.
#[derive(Debug)]
pub struct Fixed {
    /// The last lint, of the fixed text (`report.text`): what remains.
    pub linted: Linted,
    /// Fixes applied over all passes.
    pub applied: usize,
    /// Remaining findings with a fix `--unsafe-fixes` would apply.
    pub unsafe_left: usize,
    /// Whether the last pass still changed the text (no fixed point
    /// within [`MAX_PASSES`]).
    pub unsettled: bool,
}

impl Fixed {
    /// Whether the text differs from `original`.
    pub fn changed(&self, original: &str) -> bool {
        self.linted.report.text != original
    }
}

/// Lints `source` under `job` and applies its fixes until none is left
/// to apply.
pub fn fix(job: &Job, source: Source, mode: Mode, unsafe_fixes: bool) -> Result<Fixed, LintError> {
    fix_in_thread(job, source, None, mode, unsafe_fixes)
}

/// [`fix`] for a draft whose conversation so far is `thread`.
pub fn fix_in_thread(
    job: &Job,
    source: Source,
    thread: Option<&Thread>,
    mode: Mode,
    unsafe_fixes: bool,
) -> Result<Fixed, LintError> {
    let mut linted = job.lint_in_thread(source.clone(), thread, mode)?;
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let chosen = linted
            .report
            .diagnostics
            .iter()
            .filter_map(|d| d.fix_to_apply(unsafe_fixes));
        let (text, n) = apply::apply(&linted.report.text, chosen);
        if n == 0 {
            return Ok(finish(linted, applied, unsafe_fixes, false));
        }
        applied += n;
        let next = Source {
            text,
            ..source.clone()
        };
        linted = job.lint_in_thread(next, thread, mode)?;
    }
    Ok(finish(linted, applied, unsafe_fixes, true))
}

fn finish(linted: Linted, applied: usize, unsafe_fixes: bool, unsettled: bool) -> Fixed {
    let unsafe_left = match unsafe_fixes {
        true => 0,
        false => linted
            .report
            .diagnostics
            .iter()
            .filter(|d| d.fix_to_apply(false).is_none() && d.fix_to_apply(true).is_some())
            .count(),
    };
    Fixed {
        linted,
        applied,
        unsafe_left,
        unsettled,
    }
}
