//! `check --input-format jsonl|csv`: ticket exports streamed through the
//! linter. Records are read in order and checked on every core, at most a
//! window ahead of the writer; findings are written in input order as soon
//! as the records before them are done, so memory is bounded by the window
//! and `| head` returns at once. A bad record is reported on stderr with its line and
//! the rest goes on (exit 2 at the end).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::args::{CheckArgs, InputFormat, OutputFormat};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::lint::{Job, Linter};
use crate::records::{self, Fields, Item, Record};
use crate::report::audit::Audit;
use crate::report::{records as render, FileReport, Summary};
use crate::source::{Encoding, Format, Source};
use crate::suppression::Mode;

/// Records read ahead of the writer at most: the reorder window.
pub const WINDOW: usize = 256;

/// What one record's check gives the writer.
struct Checked {
    output: String,
    counts: Summary,
    fails: bool,
    /// Kept for the audit when one is written.
    report: Option<FileReport>,
}

/// The formats of an audit, by the file's extension.
#[derive(Clone, Copy)]
enum AuditFormat {
    Html,
    Json,
    Csv,
}

fn audit_format(path: &Path) -> Option<AuditFormat> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "html" | "htm" => Some(AuditFormat::Html),
        "json" => Some(AuditFormat::Json),
        "csv" => Some(AuditFormat::Csv),
        _ => None,
    }
}

pub fn run(args: &CheckArgs, format: InputFormat) -> u8 {
    if !matches!(
        args.output_format,
        OutputFormat::JsonLines | OutputFormat::Concise
    ) {
        eprintln!(
            "error: --input-format streams its findings as --output-format json-lines or concise \
             (an export is too big to hold in one document)"
        );
        return EXIT_ERROR;
    }
    let mut audits = Vec::new();
    for path in &args.report {
        match audit_format(path) {
            Some(format) => audits.push((path.clone(), format)),
            None => {
                eprintln!(
                    "error: --report {}: name a .html, .json or .csv file",
                    path.display()
                );
                return EXIT_ERROR;
            }
        }
    }
    let mut audit = (!audits.is_empty()).then(Audit::default);
    crate::rules::pack::prepare();
    let linter = Linter::new(args.options());
    let fields = Fields {
        text: args.text_field.clone(),
        id: args.id_field.clone(),
        groups: args.group_field.clone(),
    };
    let format = match format {
        InputFormat::Jsonl => records::InputFormat::Jsonl,
        InputFormat::Csv => records::InputFormat::Csv,
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let (mut bad, mut replies, mut findings, mut fails) =
        (0usize, 0usize, Summary::default(), false);
    for path in &args.paths {
        let stdin = path.as_os_str() == "-";
        let name = if stdin {
            args.stdin_filename
                .clone()
                .unwrap_or_else(|| "<stdin>".to_owned())
        } else {
            crate::source::walk::display_name(path)
        };
        let config_path = if stdin {
            PathBuf::from(&name)
        } else {
            path.clone()
        };
        let jobs = match jobs(&linter, &config_path) {
            Ok(jobs) => jobs,
            Err(message) => {
                eprintln!("error: {name}: {message}");
                return EXIT_ERROR;
            }
        };
        let input = match records::read::open((!stdin).then_some(path.as_path())) {
            Ok(input) => input,
            Err(e) => {
                eprintln!("error: {name}: {e}");
                bad += 1;
                continue;
            }
        };
        let items = records::records(input, format, fields.clone());
        let mut stopped = false;
        let keep = audit.is_some();
        crate::parallel::stream_in_order(
            items,
            WINDOW,
            |item| match item {
                Item::Record(record) => Some(check(&jobs, &name, record, args.output_format, keep)),
                Item::Error(_) => None,
            },
            |item, checked| {
                match (item, checked) {
                    (Item::Error(e), _) => {
                        bad += 1;
                        eprintln!("error: {name}:{}: {}", e.line, e.message);
                    }
                    (Item::Record(record), Some(c)) => {
                        replies += 1;
                        if let (Some(audit), Some(report)) = (audit.as_mut(), &c.report) {
                            audit.add(&record, report);
                        }
                        findings.errors += c.counts.errors;
                        findings.warnings += c.counts.warnings;
                        findings.suggestions += c.counts.suggestions;
                        fails |= c.fails;
                        // A reader that went away (`| head`) ends the run.
                        if out.write_all(c.output.as_bytes()).is_err() {
                            stopped = true;
                            return false;
                        }
                    }
                    (Item::Record(_), None) => {}
                }
                // Hand findings on as they come when the output is a pipe.
                replies % WINDOW != 0 || out.flush().is_ok() || {
                    stopped = true;
                    false
                }
            },
        );
        if stopped {
            return EXIT_CLEAN;
        }
    }
    let _ = out.flush();
    if let Some(audit) = &audit {
        let title = format!("replylint audit of {}", names(&args.paths));
        for (path, format) in &audits {
            let text = match format {
                AuditFormat::Html => crate::report::audit_html::render(audit, &title),
                AuditFormat::Json => audit.to_json(),
                AuditFormat::Csv => audit.to_csv(),
            };
            if let Err(e) = std::fs::write(path, text) {
                eprintln!("error: --report {}: {e}", path.display());
                bad += 1;
            }
        }
    }
    // Rule files that did not load: the other rules ran, the run fails.
    for warning in &linter.plans().rule_warnings {
        eprintln!("warning: {warning}");
    }
    let rule_errors = linter.plans().rule_errors.len();
    for error in &linter.plans().rule_errors {
        eprintln!("error: {error}");
    }
    if rule_errors > 0 {
        let s = if rule_errors == 1 { "" } else { "s" };
        eprintln!(
            "replylint: {rule_errors} rule file{s} failed to load; the other rules were checked"
        );
    }
    let Summary {
        errors,
        warnings,
        suggestions,
        ..
    } = findings;
    eprintln!(
        "replylint: {replies} repl{} checked: {errors} errors, {warnings} warnings, {suggestions} suggestions; {bad} bad record{}",
        if replies == 1 { "y" } else { "ies" },
        if bad == 1 { "" } else { "s" }
    );
    if bad > 0 || rule_errors > 0 {
        EXIT_ERROR
    } else if fails && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// The jobs for an export at `path`: its replies as plain text and as HTML.
fn jobs(linter: &Linter, path: &Path) -> Result<[Job; 2], String> {
    // The `.txt` name keeps the configuration's `formats:` globs out: a
    // record is a reply, never a collection.
    let plain = linter
        .job(&path.with_extension("txt"), Some(Format::Plain))
        .map_err(|e| e.to_string())?;
    let as_format = |format| Job {
        format,
        spec: None,
        ..plain.clone()
    };
    Ok([as_format(Format::Plain), as_format(Format::Html)])
}

fn names(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| crate::source::walk::display_name(p))
        .collect::<Vec<_>>()
        .join(", ")
}

fn check(
    jobs: &[Job; 2],
    name: &str,
    record: &Record,
    output: OutputFormat,
    keep: bool,
) -> Checked {
    let job = &jobs[usize::from(record.html)];
    let source = Source {
        name: name.to_owned(),
        text: record.text.clone(),
        format: job.format,
        encoding: Encoding::Utf8,
    };
    let report = match job.lint_in_thread(source, record.thread.as_ref(), Mode::Repository) {
        Ok(linted) => {
            let fails = linted.fails();
            (linted.report, fails)
        }
        Err(_) => (
            FileReport {
                name: name.to_owned(),
                ..FileReport::default()
            },
            false,
        ),
    };
    let (report, fails) = report;
    let counts = Summary::of(std::slice::from_ref(&report));
    let output = match output {
        OutputFormat::Concise => render::concise(record, &report),
        _ => render::json_lines(record, &report),
    };
    Checked {
        output,
        counts,
        fails,
        report: keep.then_some(report),
    }
}
