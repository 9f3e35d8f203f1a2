//! `check --fix` and `--diff`: each job fixed through the library
//! (`fix::fix`), files rewritten atomically, and what the run prints about
//! it: diffs, the fixed text of standard input, and a closing line saying
//! how many fixes were applied and how many more `--unsafe-fixes` would
//! apply.

use super::args::CheckArgs;
use super::{print_raw, run_notes};
use crate::fix::{self, diff, write};
use crate::lint::{Job, LintError, Linted};
use crate::source::walk::Target;
use crate::source::Source;
use crate::suppression::Mode;

/// What fixing did to one source.
pub struct FixNote {
    pub name: String,
    /// The text as read.
    pub original: String,
    /// The text after fixing (the report's text).
    pub fixed: String,
    pub applied: usize,
    pub unsafe_left: usize,
    /// No fixed point within the passes allowed.
    pub unsettled: bool,
    pub stdin: bool,
    /// Why the fixed file could not be written.
    pub write_error: Option<String>,
}

/// Lints `source`, fixing it first when the run asks for fixes (and, for
/// `--fix` on a file, writing the fixed file).
pub fn lint(
    job: &Job,
    target: &Target,
    source: Source,
    mode: Mode,
    args: &CheckArgs,
) -> Result<(Linted, Option<FixNote>), LintError> {
    if !(args.fix || args.diff) {
        return job.lint_source(source, mode).map(|l| (l, None));
    }
    let name = source.name.clone();
    let original = source.text.clone();
    let encoding = source.encoding;
    let fixed = fix::fix(job, source, mode, args.unsafe_fixes)?;
    let mut write_error = None;
    if let (true, Target::File { path, .. }) = (args.fix && fixed.changed(&original), target) {
        if let Err(e) = write::replace(path, &original, &fixed.linted.report.text, encoding) {
            write_error = Some(e.to_string());
        }
    }
    let note = FixNote {
        name,
        fixed: fixed.linted.report.text.clone(),
        original,
        applied: fixed.applied,
        unsafe_left: fixed.unsafe_left,
        unsettled: fixed.unsettled,
        stdin: matches!(target, Target::Stdin),
        write_error,
    };
    Ok((fixed.linted, Some(note)))
}

/// Prints what fixing did: diffs (`--diff`) or the fixed text of standard
/// input on stdout, the rest through `err`. Returns whether a write failed,
/// whether any text changed, and whether stdout now holds fixed text (so
/// the findings report must not go there).
pub fn report(notes: &mut [FixNote], args: &CheckArgs, err: &dyn Fn(String)) -> (bool, bool, bool) {
    notes.sort_by(|a, b| a.name.cmp(&b.name));
    let mut failed = false;
    let changed = notes.iter().any(|n| n.original != n.fixed);
    let mut stdout_used = false;
    if args.diff {
        print_raw(
            notes
                .iter()
                .map(|n| diff::unified(&n.name, &n.original, &n.fixed)),
        );
        stdout_used = true;
    } else if let Some(n) = notes.iter().find(|n| n.stdin) {
        print_raw([n.fixed.as_str()]);
        stdout_used = true;
    }
    for n in notes.iter() {
        if let Some(e) = &n.write_error {
            failed = true;
            err(format!("error: {}: {e}", n.name));
        }
        if n.unsettled {
            err(format!(
                "warning: {}: fixes kept changing the text after {} passes; check it by hand",
                n.name,
                fix::MAX_PASSES
            ));
        }
    }
    let applied: usize = notes.iter().map(|n| n.applied).sum();
    let files = notes.iter().filter(|n| n.applied > 0).count();
    let unsafe_left: usize = notes.iter().map(|n| n.unsafe_left).sum();
    let (a, s) = run_notes::plural(applied);
    let (f, fs) = run_notes::plural(files);
    let verb = if args.diff { "Would fix" } else { "Fixed" };
    let mut line = match applied {
        0 => "Nothing to fix.".to_owned(),
        _ => format!("{verb} {a} finding{s} in {f} file{fs}."),
    };
    if unsafe_left > 0 {
        let (u, us) = run_notes::plural(unsafe_left);
        line.push_str(&format!(
            " {u} more fix{} with --unsafe-fixes (the first of several choices, or a guess; review them).",
            if us.is_empty() { "" } else { "es" }
        ));
    }
    err(line);
    (failed, changed, stdout_used)
}
