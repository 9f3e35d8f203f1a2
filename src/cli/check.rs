//! `replylint check`: finds the configuration and plan of every target,
//! checks the targets in parallel on all cores, and prints one report in a
//! deterministic order.

use super::args::CheckArgs;
use super::fix_run::{self, FixNote};
use super::jobs::{self, Job};
use super::run_notes;
use super::{print_err, styled, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::container::ContainerError;
use crate::diagnostic::Level;
use crate::lint::{LintError, Linted, Linter};
use crate::report::{problems, FileReport, Summary};
use crate::rules::Rule;
use crate::source::walk::{self, Target};
use crate::source::{self, SourceProblem};
use crate::suppression::Mode;

/// What became of one job.
enum Outcome {
    /// Checked, with the problems of single replies that were skipped, the
    /// level at which its findings fail the run, and what fixing did.
    Checked(FileReport, Vec<ContainerError>, Level, Option<FixNote>),
    Problem {
        name: String,
        problem: SourceProblem,
    },
    /// The source was read but its replies could not be.
    Unreadable {
        name: String,
        text: String,
        error: ContainerError,
    },
    /// A walked JSON or YAML file that holds no replies.
    NotReplies,
}

/// Reads and checks one job.
fn check_job(job: &Job<'_>, stdin_name: &str, args: &CheckArgs) -> Outcome {
    let (read, mode, explicit) = match job.target {
        Target::Stdin => (
            source::read_stdin(stdin_name.to_owned(), job.job.format),
            Mode::PreSend,
            true,
        ),
        Target::File {
            path,
            name,
            explicit,
            ..
        } => (
            source::read_file(path, name.clone(), job.job.format),
            Mode::Repository,
            *explicit,
        ),
    };
    let source = match read {
        Ok(source) => source,
        Err(problem) => {
            let name = match job.target {
                Target::Stdin => stdin_name.to_owned(),
                Target::File { name, .. } => name.clone(),
            };
            return Outcome::Problem { name, problem };
        }
    };
    match fix_run::lint(&job.job, job.target, source, mode, args) {
        Ok((
            Linted {
                report,
                skipped,
                fail_on,
            },
            note,
        )) => Outcome::Checked(report, skipped, fail_on, note),
        Err(LintError::Unreadable { error, source }) => Outcome::Unreadable {
            name: source.name,
            text: source.text,
            error,
        },
        Err(LintError::NoReplies(source)) if explicit => Outcome::Problem {
            name: source.name,
            problem: SourceProblem::NoReplies,
        },
        Err(_) => Outcome::NotReplies,
    }
}

pub fn run(args: &CheckArgs) -> u8 {
    if let Some(message) = run_notes::contradiction(args) {
        print_err(&format!("error: {message}\n"), args.color);
        return EXIT_ERROR;
    }
    if let Some(format) = args.input_format {
        return super::records_run::run(args, format);
    }
    if !args.rules.no_default_rules {
        // Rule compilation is most of start-up: it runs while the files
        // are found and the configurations read.
        crate::rules::pack::prepare();
    }
    crate::document::prepare();
    let styled_err = styled(args.color, anstream::AutoStream::choice(&std::io::stderr()));
    let err = |text: String| print_err(&format!("{text}\n"), args.color);
    let found = walk::targets(&args.paths, args.follow);
    let targets = found.targets;
    let mut failed = !found.errors.is_empty();
    for e in &found.errors {
        let problem = SourceProblem::Io(e.message.clone());
        err(problems::source_problem(&e.name, &problem, styled_err));
    }
    if found.skipped_links > 0 {
        let (n, s) = run_notes::plural(found.skipped_links);
        err(format!(
            "note: skipped {n} symbolic link{s} in the folders walked \
             (--follow checks what they point to)"
        ));
    }
    if found.skipped_special > 0 {
        let (n, s) = run_notes::plural(found.skipped_special);
        err(format!(
            "note: skipped {n} FIFO{s}, socket{s} or device{s} in the folders walked"
        ));
    }
    let linter = Linter::new(args.options());
    let (jobs, left_out, planning_failed) = jobs::plan(&targets, args, &linter);
    failed |= planning_failed;
    let plans = linter.plans();
    for error in linter.configs().errors().iter().chain(&plans.config_errors) {
        err(format!("{}\n", problems::load_error(error, styled_err)));
    }
    for warning in &plans.rule_warnings {
        err(format!("{}\n", problems::load_error(warning, styled_err)));
    }
    if !plans.rule_errors.is_empty() {
        // The other rules still run; the run ends in error.
        for error in &plans.rule_errors {
            err(format!("{}\n", problems::load_error(error, styled_err)));
        }
        let n = plans.rule_errors.len();
        let s = if n == 1 { "" } else { "s" };
        err(format!(
            "replylint: {n} rule file{s} failed to load; the other rules were checked"
        ));
        failed = true;
    }
    if !plans.unknown_selectors.is_empty() {
        for message in &plans.unknown_selectors {
            err(format!("error: {message}"));
        }
        return EXIT_ERROR;
    }
    drop(plans);
    let stdin_name = args.stdin_filename.as_deref().unwrap_or("<stdin>");
    // Streamed, each file's findings are printed as soon as the files
    // before it (in name order, as the whole report sorts them) are done,
    // and only one report is held at a time.
    let streaming = super::output::streams(args);
    let rules = rules_run(&jobs);
    let mut stream = streaming.then(|| super::output::Stream::start(args, &rules));
    let mut reports = Vec::new();
    let mut summary = Summary::default();
    let mut fix_notes = Vec::new();
    let mut findings = false;
    let mut not_replies = 0;
    let mut take = |outcome: Outcome| match outcome {
        Outcome::Checked(report, errors, fail_on, note) => {
            fix_notes.extend(note);
            failed |= !errors.is_empty();
            for error in problems::container_errors(&report.name, &report.text, &errors, styled_err)
            {
                err(error);
            }
            findings |= report.diagnostics.iter().any(|d| d.level >= fail_on);
            summary.add(&report);
            match &mut stream {
                Some(stream) => stream.print_report(args, &report),
                None => reports.push(report),
            }
        }
        Outcome::NotReplies => not_replies += 1,
        Outcome::Unreadable { name, text, error } => {
            failed = true;
            err(problems::container_error(&name, &text, &error, styled_err));
        }
        Outcome::Problem { name, problem } => {
            failed |= problem.is_error();
            err(problems::source_problem(&name, &problem, styled_err));
        }
    };
    if streaming {
        let mut ordered: Vec<&Job> = jobs.iter().collect();
        ordered.sort_by(|a, b| job_name(a, stdin_name).cmp(job_name(b, stdin_name)));
        crate::parallel::stream_in_order(
            ordered.into_iter(),
            64,
            |job| check_job(job, stdin_name, args),
            |_, outcome| {
                take(outcome);
                true
            },
        );
    } else {
        for outcome in crate::parallel::map_in_order(&jobs, |job| check_job(job, stdin_name, args))
        {
            take(outcome);
        }
    }
    if not_replies > 0 {
        let (n, s) = run_notes::plural(not_replies);
        err(format!(
            "note: skipped {n} JSON or YAML file{s} holding no replies replylint knows \
             (name one on the command line to see it, or declare its layout under \
             `formats:` in replylint.yaml)"
        ));
    }
    run_notes::say_left_out(&left_out, &err);
    for rule in &rules {
        if let Some(error) = rule.deferred_error() {
            failed = true;
            err(format!(
                "error: rule `{}` ({}): regex could not be compiled: {error}",
                rule.id, rule.origin
            ));
        }
    }
    if !failed {
        failed = !run_notes::gate_checked_something(
            &targets,
            summary.files_checked,
            &rules,
            left_out.excluded,
            args,
            &err,
        );
    }
    reports.sort_by(|a, b| a.name.cmp(&b.name));
    let (mut stdout_used, mut changed) = (false, false);
    if args.fix || args.diff {
        let (write_failed, any_change, used) = fix_run::report(&mut fix_notes, args, &err);
        failed |= write_failed;
        (changed, stdout_used) = (any_change, used);
    }
    // A report of nothing after errors would read as a pass.
    let empty_failure =
        failed && summary.files_checked == 0 && super::output::is_for_people(args.output_format);
    if let Some(stream) = &stream {
        if !empty_failure {
            stream.print_summary(args, &summary);
        }
    } else if !(empty_failure || stdout_used) {
        failed |= !super::output::emit(args, &reports, &summary, &rules);
    }
    if failed {
        EXIT_ERROR
    } else if args.diff {
        if changed {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        }
    } else if findings && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// The name a job's report carries (the order of the whole report).
fn job_name<'a>(job: &'a Job<'_>, stdin_name: &'a str) -> &'a str {
    match job.target {
        Target::Stdin => stdin_name,
        Target::File { name, .. } => name,
    }
}

/// Every rule some job ran, once per id (the first plan's version).
fn rules_run<'a>(jobs: &'a [Job<'_>]) -> Vec<&'a Rule> {
    let mut seen = std::collections::BTreeMap::new();
    for job in jobs {
        for rule in job.job.plan.rules.rules() {
            seen.entry(rule.id.clone()).or_insert(rule);
        }
    }
    seen.into_values().collect()
}
