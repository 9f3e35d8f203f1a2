//! What a `check` run says about itself rather than about replies:
//! arguments that contradict each other, the files it left out and why,
//! and the verdict that a run which checked no reply, or ran no rule,
//! must fail.

use super::args::CheckArgs;
use super::jobs;
use crate::rules::Rule;
use crate::source::walk::{self, Target};

/// Arguments that parse but contradict each other: the message to give.
pub fn contradiction(args: &CheckArgs) -> Option<String> {
    use super::args::OutputFormat;
    if args.unsafe_fixes && !(args.fix || args.diff) {
        return Some(
            "--unsafe-fixes chooses which fixes --fix applies (or --diff shows): add one \
             of them"
                .into(),
        );
    }
    if args.input_format.is_some() && (args.fix || args.diff || args.statistics) {
        return Some(
            "--input-format reads exports as they are: --fix, --diff and --statistics apply \
             to reply files (for counts over an export, use --report)"
                .into(),
        );
    }
    if args.diff && args.statistics {
        return Some(
            "--diff prints what --fix would change, not findings: drop --statistics".into(),
        );
    }
    if args.statistics
        && matches!(
            args.output_format,
            OutputFormat::Sarif | OutputFormat::Github
        )
    {
        return Some(
            "--statistics prints a table (full, concise) or JSON (json, json-lines), not \
             SARIF or GitHub annotations: drop one of the two"
                .into(),
        );
    }
    if args.stdin_filename.is_some() && !args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Some(
            "--stdin-filename names standard input, which is read only when `-` is among \
             the paths: add `-`"
                .into(),
        );
    }
    None
}

/// Says which files were left out and why.
pub fn say_left_out(left_out: &jobs::LeftOut, err: &impl Fn(String)) {
    if !left_out.not_replies.is_empty() {
        let (n, s) = plural(left_out.not_replies.len());
        let are = if n == 1 { "is" } else { "are" };
        err(format!(
            "note: skipped {n} file{s} that {are} not replies ({}): project files and files \
             under tests/, docs/ and the like, or not named by `include:` in replylint.yaml",
            examples(&left_out.not_replies)
        ));
    }
    for name in &left_out.unknown_format {
        err(format!(
            "note: {name}: not a reply format (replylint reads .txt, .md, .html, .json and \
             .yaml files, and what `formats:` in replylint.yaml names); skipped"
        ));
    }
    for (config, (root, n)) in &left_out.outside_root {
        let (n, s) = plural(*n);
        let lie = if n == 1 { "lies" } else { "lie" };
        err(format!(
            "note: {n} file{s} {lie} outside {}, the folder the globs of {} are relative to, so \
             none of its globs applies to them (set `root:` in it, e.g. `root: ..`)",
            walk::display_name(root),
            walk::display_name(config),
        ));
    }
}

/// The first few of `names`, and how many more.
fn examples(names: &[String]) -> String {
    let shown: Vec<&str> = names.iter().take(3).map(String::as_str).collect();
    match names.len().saturating_sub(shown.len()) {
        0 => shown.join(", "),
        more => format!("{}, and {more} more", shown.join(", ")),
    }
}

/// A gate that checked no reply, or ran no rule, must not pass: says why
/// and returns `false`. Files named on the command line that all turned
/// out not to be replies (a hook passing a staged `package.json`) are not
/// a failure.
pub fn gate_checked_something(
    targets: &[Target],
    checked: usize,
    rules: &[&Rule],
    excluded: usize,
    args: &CheckArgs,
    err: &impl Fn(String),
) -> bool {
    let named_only = !targets.is_empty()
        && targets
            .iter()
            .all(|t| matches!(t, Target::Stdin | Target::File { explicit: true, .. }));
    if checked == 0 {
        if named_only {
            err(
                "note: none of the files named is a reply replylint reads; nothing was checked"
                    .into(),
            );
            return true;
        }
        let paths: Vec<String> = args.paths.iter().map(|p| walk::display_name(p)).collect();
        let excluded = match plural(excluded) {
            (0, _) => String::new(),
            (n, s) => format!(" ({n} file{s} excluded by the configuration)"),
        };
        err(format!(
            "error: no replies found in {}{excluded}: nothing was checked. Name reply files \
             or the folders that hold them, or list them under `include:` in replylint.yaml",
            paths.join(", ")
        ));
        return false;
    }
    if rules.is_empty() {
        err(
            "error: no rules to run: --no-default-rules needs --rules DIR (or `rules:` in \
             replylint.yaml), and --select must leave some rule on"
                .into(),
        );
        return false;
    }
    true
}

/// `n` and the plural ending it takes.
pub fn plural(n: usize) -> (usize, &'static str) {
    (n, if n == 1 { "" } else { "s" })
}
