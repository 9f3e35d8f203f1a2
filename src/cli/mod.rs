//! The command line: parses arguments, loads rules, runs the stages and
//! prints. The only module that touches the terminal and exit codes.
//!
//! Exit codes: 0 nothing at or above the failing level, 1 something is,
//! 2 usage, rule, configuration or I/O error.

pub mod args;
mod check;
mod config_cmd;
mod fix_run;
mod generate_cmd;
mod jobs;
mod output;
mod records_run;
mod rules_cmd;
mod run_notes;
mod serve_cmd;
mod test_cmd;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::report::problems;
use crate::rules::RuleSet;
use args::{Cli, ColorChoice, Command, RuleArgs};

/// Clean: nothing at or above the failing level.
pub const EXIT_CLEAN: u8 = 0;
/// Findings at or above the failing level.
pub const EXIT_FINDINGS: u8 = 1;
/// Usage, rule, configuration or I/O error.
pub const EXIT_ERROR: u8 = 2;

/// Runs replylint with the process arguments.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            });
        }
    };
    let code = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rules { rules, blocks, .. } if blocks => rules_cmd::blocks(&rules),
        Command::Rules { rules, config, .. } => rules_cmd::list(&rules, &config),
        Command::Rule { id, rules, config } => rules_cmd::explain(&id, &rules, &config),
        Command::Test { dirs } => test_cmd::run(&dirs),
        Command::Config(args) => config_cmd::run(&args),
        Command::Serve(args) => serve_cmd::run(&args),
        Command::Server => crate::server::run(),
        Command::Completions { shell } => generate_cmd::completions(shell),
        Command::Man { out_dir } => generate_cmd::man(out_dir.as_deref()),
    };
    ExitCode::from(code)
}

/// Whether output to stream `stdout`/`stderr` gets colour.
fn styled(choice: ColorChoice, stream: anstream::ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stream != anstream::ColorChoice::Never,
    }
}

/// Writes to stdout; a closed pipe is not an error.
fn print_out(text: &str, choice: ColorChoice) {
    print_pieces([text], choice);
}

/// Writes `pieces` to stdout as they come, buffered (stdout alone would
/// write every line); a closed pipe is not an error and ends the writing.
fn print_pieces<S: AsRef<str>>(pieces: impl IntoIterator<Item = S>, choice: ColorChoice) {
    let stream = anstream::AutoStream::new(std::io::stdout().lock(), to_anstream(choice));
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stream);
    for piece in pieces {
        if out.write_all(piece.as_ref().as_bytes()).is_err() {
            return;
        }
    }
    let _ = out.flush();
}

/// Writes to stdout byte for byte: machine formats (JSON, SARIF, GitHub
/// commands) carry no colour, and their text must reach the reader exactly
/// as the file has it (the colour stripper would drop a DEL byte).
fn print_raw<S: AsRef<str>>(pieces: impl IntoIterator<Item = S>) {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    for piece in pieces {
        if out.write_all(piece.as_ref().as_bytes()).is_err() {
            return;
        }
    }
    let _ = out.flush();
}

/// Writes to stderr.
fn print_err(text: &str, choice: ColorChoice) {
    let mut err = anstream::AutoStream::new(std::io::stderr().lock(), to_anstream(choice));
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}

fn to_anstream(choice: ColorChoice) -> anstream::ColorChoice {
    match choice {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    }
}

/// The rules `check` would run in this folder: the plan of the
/// configuration found here (`replylint.yaml` or a Vale configuration),
/// with `--rules`, `--select` and `--ignore`, built by the same library
/// call `check` makes. Prints every problem and returns `None` when a
/// configuration or rule file failed to load or a selector is unknown.
fn load_rules(args: &RuleArgs, config: &args::ConfigArgs, color: ColorChoice) -> Option<RuleSet> {
    let styled_err = styled(color, anstream::AutoStream::choice(&std::io::stderr()));
    let report = |errors: &[crate::rules::LoadError]| {
        for error in errors {
            print_err(
                &format!("{}\n\n", problems::load_error(error, styled_err)),
                color,
            );
        }
    };
    let linter = crate::lint::Linter::new(args.options(config));
    let found = match linter.configs().for_dir(std::path::Path::new(".")) {
        Ok(found) => found,
        Err(errors) => {
            report(&errors);
            return None;
        }
    };
    let plan = linter.plan(found.as_ref());
    let plans = linter.plans();
    report(&plans.rule_warnings);
    report(&plans.rule_errors);
    report(&plans.config_errors);
    for unknown in &plans.unknown_selectors {
        print_err(&format!("error: {unknown}\n"), color);
    }
    if !plans.rule_errors.is_empty() {
        let n = plans.rule_errors.len();
        print_err(
            &format!(
                "replylint: {n} rule file{} failed to load\n",
                if n == 1 { "" } else { "s" }
            ),
            color,
        );
        return None;
    }
    if !plans.unknown_selectors.is_empty() {
        return None;
    }
    plan.ok().map(|plan| plan.rules.clone())
}
