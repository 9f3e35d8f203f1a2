//! `replylint check`: finds the configuration and plan of every target,
//! checks the targets in parallel on all cores, and prints one report in a
//! deterministic order.

use std::path::Path;
use std::sync::Arc;

use super::args::CheckArgs;
use super::jobs::{self, Job};
use super::plan::{Plan, Plans};
use super::run_notes;
use super::{print_err, styled, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::config::Configs;
use crate::container::{self, CollectionSpec, ContainerError};
use crate::diagnostic::Level;
use crate::document::{language, Document};
use crate::report::{problems, FileReport, Summary};
use crate::rules::{engine, select, Rule};
use crate::source::walk::{self, Target};
use crate::source::{self, Source, SourceProblem};
use crate::suppression::{self, Mode};

/// What became of one job.
enum Outcome {
    /// Checked, with the problems of single replies that were skipped, and
    /// the level at which its findings fail the run.
    Checked(FileReport, Vec<ContainerError>, Level),
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
fn check_job(job: &Job<'_>, stdin_name: &str) -> Outcome {
    let (read, mode, explicit) = match job.target {
        Target::Stdin => (
            source::read_stdin(stdin_name.to_owned(), job.format),
            Mode::PreSend,
            true,
        ),
        Target::File {
            path,
            name,
            explicit,
            ..
        } => (
            source::read_file(path, name.clone(), job.format),
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
    let fail_on = job.plan.fail_on;
    match check_source(source, job.spec.as_ref(), &job.plan, &job.path, mode) {
        Ok((report, errors)) => Outcome::Checked(report, errors, fail_on),
        Err((source, Some(error))) => Outcome::Unreadable {
            name: source.name,
            text: source.text,
            error,
        },
        Err((_, None)) if !explicit => Outcome::NotReplies,
        Err((source, None)) => Outcome::Problem {
            name: source.name,
            problem: SourceProblem::NoReplies,
        },
    }
}

/// Checks every reply of one source with the rules of `plan` that apply
/// to `path`, then applies the replies' suppressions.
pub fn check_source(
    source: Source,
    spec: Option<&CollectionSpec>,
    plan: &Plan,
    path: &Path,
    mode: Mode,
) -> CheckedSource {
    let collection = match container::replies(&source, spec) {
        Ok(Some(collection)) => collection,
        Ok(None) => return Err((source, None)),
        Err(error) => return Err((source, Some(error))),
    };
    let ignored = plan.ignored_for(path);
    let rules: Vec<&Rule> = plan
        .rules
        .rules()
        .iter()
        .filter(|r| !ignored.iter().any(|s| select::matches(s, &r.id)))
        .collect();
    let status = |r: &str| plan.rule_status(r);
    let mut diagnostics = Vec::new();
    for reply in &collection.replies {
        let mut doc = Document::with_masks(&reply.text, reply.markup, &reply.masks);
        if let Some(thread) = &reply.thread {
            doc = doc.with_thread(thread);
        }
        let name: Option<Arc<str>> = reply.name.as_deref().map(Arc::from);
        let language = language::detect(doc.prose());
        // A subject line has no opening or closing to judge.
        let applies =
            |r: &&&Rule| (!reply.fragment || !r.reads_structure()) && r.judges_language(language);
        let judged: Vec<&Rule> = rules.iter().filter(applies).copied().collect();
        let mut found: Vec<_> = engine::check(&doc, judged.iter().copied(), &plan.context)
            .into_iter()
            .map(|d| d.into_source(&source.text, &reply.map, name.as_ref()))
            .collect();
        if let Some(code) =
            language.filter(|l| judged.is_empty() && !rules.is_empty() && *l != language::ENGLISH)
        {
            let first_line = reply.text.find('\n').unwrap_or(reply.text.len());
            let message = format!(
                "This reply reads as {} ({code}): no rule here judges it, so it was not checked.",
                language::name(code)
            );
            found.push(suppression::meta_diagnostic(
                suppression::OTHER_LANGUAGE,
                &source.text,
                reply.map.range(0..first_line),
                message,
                Vec::new(),
                name.clone(),
            ));
        }
        let kept = suppression::apply(reply, &source.text, found, mode, &status);
        diagnostics.extend(kept.into_iter().filter_map(|d| plan.keep_meta(d, &ignored)));
    }
    diagnostics.sort_by(|a, b| a.span.cmp(&b.span).then_with(|| a.rule.cmp(&b.rule)));
    let report = FileReport {
        name: source.name,
        text: source.text,
        diagnostics,
        encoding: source.encoding,
    };
    Ok((report, collection.errors))
}

/// A checked source and the problems of replies that were skipped, or the
/// source back with why none of its replies could be read (`None`: it holds
/// no replies at all).
pub type CheckedSource =
    Result<(FileReport, Vec<ContainerError>), (Source, Option<ContainerError>)>;

pub fn run(args: &CheckArgs) -> u8 {
    if let Some(message) = run_notes::contradiction(args) {
        print_err(&format!("error: {message}\n"), args.color);
        return EXIT_ERROR;
    }
    if !args.rules.no_default_rules {
        // Rule compilation is most of start-up: it runs while the files
        // are found and the configurations read.
        crate::rules::pack::prepare();
    }
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
    let configs = Configs::new(args.config.mode());
    let mut plans = Plans::default();
    let (jobs, left_out, planning_failed) = jobs::plan(&targets, args, &configs, &mut plans);
    failed |= planning_failed;
    for error in configs.errors().iter().chain(&plans.config_errors) {
        err(format!("{}\n", problems::load_error(error, styled_err)));
    }
    if !plans.rule_errors.is_empty() {
        for error in &plans.rule_errors {
            err(format!("{}\n", problems::load_error(error, styled_err)));
        }
        let n = plans.rule_errors.len();
        let s = if n == 1 { "" } else { "s" };
        err(format!(
            "replylint: {n} rule file{s} failed to load; nothing was checked"
        ));
        return EXIT_ERROR;
    }
    if !plans.unknown_selectors.is_empty() {
        for message in &plans.unknown_selectors {
            err(format!("error: {message}"));
        }
        return EXIT_ERROR;
    }
    let stdin_name = args.stdin_filename.as_deref().unwrap_or("<stdin>");
    let outcomes = crate::parallel::map_in_order(&jobs, |job| check_job(job, stdin_name));
    let mut reports = Vec::new();
    let mut findings = false;
    let mut not_replies = 0;
    for outcome in outcomes {
        match outcome {
            Outcome::Checked(report, errors, fail_on) => {
                failed |= !errors.is_empty();
                for error in
                    problems::container_errors(&report.name, &report.text, &errors, styled_err)
                {
                    err(error);
                }
                findings |= report.diagnostics.iter().any(|d| d.level >= fail_on);
                reports.push(report);
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
    let rules = rules_run(&jobs);
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
            &reports,
            &rules,
            left_out.excluded,
            args,
            &err,
        );
    }
    reports.sort_by(|a, b| a.name.cmp(&b.name));
    let summary = Summary::of(&reports);
    // A report of nothing after errors would read as a pass.
    if !(failed && reports.is_empty() && super::output::is_for_people(args.output_format)) {
        failed |= !super::output::emit(args, &reports, &summary, &rules);
    }
    if failed {
        EXIT_ERROR
    } else if findings && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Every rule some job ran, once per id (the first plan's version).
fn rules_run<'a>(jobs: &'a [Job<'_>]) -> Vec<&'a Rule> {
    let mut seen = std::collections::BTreeMap::new();
    for job in jobs {
        for rule in job.plan.rules.rules() {
            seen.entry(rule.id.clone()).or_insert(rule);
        }
    }
    seen.into_values().collect()
}
