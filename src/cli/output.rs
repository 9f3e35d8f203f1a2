//! Where `check`'s report goes: `--output-format` on stdout (or the
//! per-rule counts with `--statistics`), and, with `--output-file`, a second
//! report in `--output-file-format` (by default the file's extension says).
//! Both are written piece by piece as they are rendered (the `full` report
//! a diagnostic at a time), never held whole; on the terminal, every format
//! is printed file by file as files are checked ([`Stream`]).

use std::io::{BufWriter, Write};

use super::args::{CheckArgs, OutputFormat};
use super::{print_err, print_pieces, print_raw, styled};
use crate::report::{
    concise, full, github, json, json_lines, line, sarif, statistics, vale_json, FileReport,
    RuleMeta, Summary,
};
use crate::rules::Rule;

/// The report of `reports` in `format`, piece by piece (see
/// [`full::pieces`]); `styled` adds ANSI colour (`full`).
pub fn render<'a>(
    format: OutputFormat,
    reports: &'a [FileReport],
    summary: &'a Summary,
    rules: &[&Rule],
    styled: bool,
) -> Box<dyn Iterator<Item = String> + 'a> {
    let whole = match format {
        OutputFormat::Full => return Box::new(full::pieces(reports, summary, styled)),
        OutputFormat::Concise => concise::render(reports),
        OutputFormat::Line => line::render(reports),
        OutputFormat::Json => json::render(reports, summary),
        OutputFormat::JsonLines => json_lines::render(reports),
        OutputFormat::Github => github::render(reports),
        OutputFormat::Sarif => sarif::render(reports, &metas(rules)),
        OutputFormat::ValeJson => vale_json::render(reports),
    };
    Box::new(std::iter::once(whole))
}

/// What SARIF says of each rule run, and of the suppression stage's own.
fn metas<'r>(rules: &[&'r Rule]) -> Vec<RuleMeta<'r>> {
    let mut metas: Vec<RuleMeta> = rules.iter().map(|r| RuleMeta::from(*r)).collect();
    for meta in &crate::suppression::META_RULES {
        metas.push(RuleMeta::from(meta));
    }
    metas
}

/// Whether the report can be printed file by file as files are checked
/// (memory then holds one report at a time): every format on the
/// terminal, with nothing to gather at the end (`json` and `sarif` print
/// their document around the streamed findings).
pub fn streams(args: &CheckArgs) -> bool {
    !args.statistics && args.output_file.is_none() && !args.fix && !args.diff
}

/// A report printed file by file (see [`streams`]).
pub enum Stream {
    /// Formats without a document around the findings.
    Lines,
    Json(json::JsonReport),
    Sarif(sarif::SarifReport),
    ValeJson(vale_json::ValeJsonReport),
}

impl Stream {
    /// Starts the report: prints what comes before the first file's
    /// findings (`rules` are the rules run, which SARIF describes first).
    pub fn start(args: &CheckArgs, rules: &[&Rule]) -> Stream {
        match args.output_format {
            OutputFormat::Json => {
                let (report, head) = json::JsonReport::start();
                print_raw([head]);
                Stream::Json(report)
            }
            OutputFormat::Sarif => {
                let (report, head) = sarif::SarifReport::start(&metas(rules));
                print_raw([head]);
                Stream::Sarif(report)
            }
            OutputFormat::ValeJson => Stream::ValeJson(Default::default()),
            _ => Stream::Lines,
        }
    }

    /// Prints one file's findings.
    pub fn print_report(&mut self, args: &CheckArgs, report: &FileReport) {
        let files = std::slice::from_ref(report);
        match (self, args.output_format) {
            (Stream::Json(json), _) => print_raw([json.file(report)]),
            (Stream::Sarif(sarif), _) => print_raw([sarif.file(report)]),
            (Stream::ValeJson(vale), _) => print_raw([vale.file(report)]),
            (_, OutputFormat::Full) => {
                let styled_out =
                    styled(args.color, anstream::AutoStream::choice(&std::io::stdout()));
                print_pieces(full::findings(files, styled_out), args.color);
            }
            (_, OutputFormat::Concise) => print_pieces([concise::render(files)], args.color),
            (_, OutputFormat::Github) => print_raw([github::render(files)]),
            (_, OutputFormat::Line) => print_raw([line::render(files)]),
            _ => print_raw([json_lines::render(files)]),
        }
    }

    /// Ends the report: `full`'s summary line, or the end of `json`'s or
    /// `sarif`'s document.
    pub fn print_summary(&self, args: &CheckArgs, summary: &Summary) {
        match self {
            Stream::Json(json) => print_raw([json.end(summary)]),
            Stream::Sarif(sarif) => print_raw([sarif.end()]),
            Stream::ValeJson(vale) => print_raw([vale.end()]),
            Stream::Lines if args.output_format == OutputFormat::Full => {
                print_pieces([format!("{}\n", summary.line())], args.color);
            }
            Stream::Lines => {}
        }
    }
}

/// Whether `format` is read by people (and may carry colour), rather than
/// by programs that need the bytes exactly.
pub fn is_for_people(format: OutputFormat) -> bool {
    matches!(format, OutputFormat::Full | OutputFormat::Concise)
}

/// The format a report file's extension asks for.
fn format_of(path: &std::path::Path) -> Option<OutputFormat> {
    match path.extension()?.to_str()? {
        "sarif" => Some(OutputFormat::Sarif),
        "json" => Some(OutputFormat::Json),
        "jsonl" | "ndjson" => Some(OutputFormat::JsonLines),
        _ => None,
    }
}

/// Prints the report and writes `--output-file`. Returns `false` when the
/// file could not be written (the run must then exit 2).
pub fn emit(args: &CheckArgs, reports: &[FileReport], summary: &Summary, rules: &[&Rule]) -> bool {
    let terminal = args.output_format;
    let pieces = if args.statistics {
        let table = match terminal {
            OutputFormat::Json | OutputFormat::JsonLines => statistics::render_json(reports),
            _ => statistics::render_text(reports, summary),
        };
        Box::new(std::iter::once(table))
    } else {
        let styled_out = styled(args.color, anstream::AutoStream::choice(&std::io::stdout()));
        render(terminal, reports, summary, rules, styled_out)
    };
    if is_for_people(terminal) {
        print_pieces(pieces, args.color);
    } else {
        print_raw(pieces);
    }
    let Some(path) = &args.output_file else {
        return true;
    };
    let format = args
        .output_file_format
        .unwrap_or_else(|| format_of(path).unwrap_or(args.output_format));
    let written = std::fs::File::create(path).and_then(|file| {
        let mut out = BufWriter::new(file);
        for piece in render(format, reports, summary, rules, false) {
            out.write_all(piece.as_bytes())?;
        }
        out.flush()
    });
    match written {
        Ok(()) => true,
        Err(e) => {
            print_err(
                &format!(
                    "error: could not write the report to {}: {e}\n",
                    path.display()
                ),
                args.color,
            );
            false
        }
    }
}
