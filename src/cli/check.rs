//! `replylint check`: reads every target, checks them in parallel on all
//! cores, and prints one report in a deterministic order.

use std::path::Path;
use std::sync::Arc;

use super::args::CheckArgs;
use super::{load_rules, print_err, styled, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::container::{self, ContainerError};
use crate::document::Document;
use crate::report::{problems, FileReport, Summary};
use crate::rules::{engine, select, RuleSet};
use crate::source::walk::{self, Target};
use crate::source::{self, Format, Source, SourceProblem};
use crate::suppression::{self, Mode, RuleStatus};

/// What became of one target.
enum Outcome {
    /// Checked, with the problems of single replies that were skipped.
    Checked(FileReport, Vec<ContainerError>),
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

/// Reads and checks one target.
fn check_target(target: &Target, stdin_name: &str, rules: &RuleSet) -> Outcome {
    let mode = match target {
        Target::Stdin => Mode::PreSend,
        Target::File { .. } => Mode::Repository,
    };
    let read = match target {
        Target::Stdin => {
            let format = Format::for_named_file(Path::new(stdin_name));
            source::read_stdin(stdin_name.to_owned(), format)
        }
        Target::File {
            path, name, format, ..
        } => source::read_file(path, name.clone(), *format),
    };
    let explicit = match target {
        Target::Stdin => true,
        Target::File { explicit, .. } => *explicit,
    };
    match read {
        Ok(source) => match check_source(source, rules, mode) {
            Ok((report, errors)) => Outcome::Checked(report, errors),
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
        },
        Err(problem) => Outcome::Problem {
            name: match target {
                Target::Stdin => stdin_name.to_owned(),
                Target::File { name, .. } => name.clone(),
            },
            problem,
        },
    }
}

/// Checks every reply of one source with every rule.
pub fn check_source(source: Source, rules: &RuleSet, mode: Mode) -> CheckedSource {
    let collection = match container::replies(&source, None) {
        Ok(Some(collection)) => collection,
        Ok(None) => return Err((source, None)),
        Err(error) => return Err((source, Some(error))),
    };
    let mut diagnostics = Vec::new();
    for reply in &collection.replies {
        let doc = Document::with_masks(&reply.text, reply.markup, &reply.masks);
        let name: Option<Arc<str>> = reply.name.as_deref().map(Arc::from);
        let found = engine::check(&doc, rules.rules(), &crate::rules::Context::default())
            .into_iter()
            .map(|d| d.into_source(&source.text, &reply.map, name.as_ref()))
            .collect();
        let status = |r: &str| rule_status(rules, r);
        diagnostics.extend(suppression::apply(
            reply,
            &source.text,
            found,
            mode,
            &status,
        ));
    }
    diagnostics.sort_by(|a, b| a.span.cmp(&b.span).then_with(|| a.rule.cmp(&b.rule)));
    let report = FileReport {
        name: source.name,
        text: source.text,
        diagnostics,
    };
    Ok((report, collection.errors))
}

/// What a rule id or prefix named in a suppression is to this run.
fn rule_status(rules: &RuleSet, selector: &str) -> RuleStatus {
    let matches = |id: &str| select::matches(selector, id);
    if rules.rules().iter().any(|r| matches(&r.id)) {
        RuleStatus::Enabled
    } else if rules.loaded_ids().iter().any(|id| matches(id)) {
        RuleStatus::Disabled
    } else if suppression::META_RULES.iter().any(|m| matches(m.id)) {
        RuleStatus::Enabled
    } else {
        RuleStatus::Unknown
    }
}

/// A checked source and the problems of replies that were skipped, or the
/// source back with why none of its replies could be read (`None`: it holds
/// no replies at all).
pub type CheckedSource =
    Result<(FileReport, Vec<ContainerError>), (Source, Option<ContainerError>)>;

/// Checks every target, using up to one thread per core.
fn check_all(targets: &[Target], stdin_name: &str, rules: &RuleSet) -> Vec<Outcome> {
    crate::parallel::map_in_order(targets, |t| check_target(t, stdin_name, rules))
}

pub fn run(args: &CheckArgs) -> u8 {
    let Some(rules) = load_rules(&args.rules, args.color) else {
        return EXIT_ERROR;
    };
    let styled_err = styled(args.color, anstream::AutoStream::choice(&std::io::stderr()));
    let (targets, walk_errors) = walk::targets(&args.paths);
    let mut failed = !walk_errors.is_empty();
    for e in &walk_errors {
        print_err(
            &format!(
                "{}\n",
                problems::source_problem(
                    &e.name,
                    &SourceProblem::Io(e.message.clone()),
                    styled_err
                )
            ),
            args.color,
        );
    }
    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "<stdin>".to_owned());
    let mut reports = Vec::new();
    for outcome in check_all(&targets, &stdin_name, &rules) {
        match outcome {
            Outcome::Checked(report, errors) => {
                for error in &errors {
                    failed = true;
                    print_err(
                        &format!(
                            "{}\n",
                            problems::container_error(
                                &report.name,
                                &report.text,
                                error,
                                styled_err
                            )
                        ),
                        args.color,
                    );
                }
                reports.push(report);
            }
            Outcome::NotReplies => {}
            Outcome::Unreadable { name, text, error } => {
                failed = true;
                print_err(
                    &format!(
                        "{}\n",
                        problems::container_error(&name, &text, &error, styled_err)
                    ),
                    args.color,
                );
            }
            Outcome::Problem { name, problem } => {
                failed |= problem.is_error();
                print_err(
                    &format!(
                        "{}\n",
                        problems::source_problem(&name, &problem, styled_err)
                    ),
                    args.color,
                );
            }
        }
    }
    for rule in rules.rules() {
        if let Some(error) = rule.deferred_error() {
            failed = true;
            let message = format!(
                "error: rule `{}` ({}): regex could not be compiled: {error}\n",
                rule.id, rule.origin
            );
            print_err(&message, args.color);
        }
    }
    reports.sort_by(|a, b| a.name.cmp(&b.name));
    let summary = Summary::of(&reports);
    failed |= !super::output::emit(args, &reports, &summary, &rules);
    let fail_level = args.fail_on.level();
    let findings = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.level >= fail_level);
    if failed {
        EXIT_ERROR
    } else if findings && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
