//! Where `check`'s report goes: the chosen `--output-format` on stdout, or
//! in `--output-file` while the terminal gets the `full` report;
//! `--statistics` puts the per-rule counts in the terminal's place.

use super::args::{CheckArgs, OutputFormat};
use super::{print_err, print_out, styled};
use crate::report::{
    concise, full, github, json, json_lines, sarif, statistics, FileReport, RuleMeta, Summary,
};
use crate::rules::RuleSet;

/// The report of `reports` in `format`; `styled` adds ANSI colour (`full`).
pub fn render(
    format: OutputFormat,
    reports: &[FileReport],
    summary: &Summary,
    rules: &RuleSet,
    styled: bool,
) -> String {
    match format {
        OutputFormat::Full => full::render(reports, summary, styled),
        OutputFormat::Concise => concise::render(reports),
        OutputFormat::Json => json::render(reports, summary),
        OutputFormat::JsonLines => json_lines::render(reports),
        OutputFormat::Github => github::render(reports),
        OutputFormat::Sarif => {
            let metas: Vec<RuleMeta> = rules.rules().iter().map(RuleMeta::from).collect();
            sarif::render(reports, &metas)
        }
    }
}

/// Prints the report and writes `--output-file`. Returns `false` when the
/// file could not be written (the run must then exit 2).
pub fn emit(args: &CheckArgs, reports: &[FileReport], summary: &Summary, rules: &RuleSet) -> bool {
    let terminal = if args.output_file.is_some() {
        OutputFormat::Full
    } else {
        args.output_format
    };
    let text = if args.statistics {
        match terminal {
            OutputFormat::Json | OutputFormat::JsonLines => statistics::render_json(reports),
            _ => statistics::render_text(reports, summary),
        }
    } else {
        let styled_out = styled(args.color, anstream::AutoStream::choice(&std::io::stdout()));
        render(terminal, reports, summary, rules, styled_out)
    };
    print_out(&text, args.color);
    let Some(path) = &args.output_file else {
        return true;
    };
    let report = render(args.output_format, reports, summary, rules, false);
    match std::fs::write(path, report) {
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
