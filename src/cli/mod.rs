//! The command line: parses arguments, loads rules, runs the stages and
//! prints. The only module that touches the terminal and exit codes.
//!
//! Exit codes: 0 nothing at or above the failing level, 1 something is,
//! 2 usage, rule, configuration or I/O error.

pub mod args;
mod check;
mod config_cmd;
mod output;
mod plan;
mod rules_cmd;
mod test_cmd;

// What `check` does to one source, for callers that hold a source rather
// than paths (the fuzz targets): the plan of a configuration, then the
// same container → document → rules → suppression path.
pub use check::{check_source, CheckedSource};
pub use plan::{Plan, Plans};

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::report::problems;
use crate::rules::{pack, select, RuleSet};
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
        Command::Rules { rules, blocks } if blocks => rules_cmd::blocks(&rules),
        Command::Rules { rules, .. } => rules_cmd::list(&rules),
        Command::Rule { id, rules } => rules_cmd::explain(&id, &rules),
        Command::Test { dirs } => test_cmd::run(&dirs),
        Command::Config(args) => config_cmd::run(&args),
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
    let mut out = anstream::AutoStream::new(std::io::stdout().lock(), to_anstream(choice));
    let _ = out.write_all(text.as_bytes());
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

/// Loads the default pack (unless told not to) and every `--rules` pack,
/// then applies `--select`/`--ignore`. Prints every problem and returns
/// `None` when any rule file failed to load or a selector is unknown.
fn load_rules(args: &RuleArgs, color: ColorChoice) -> Option<RuleSet> {
    let (rules, errors) = pack::load_with(!args.no_default_rules, &args.rules);
    let styled_err = styled(color, anstream::AutoStream::choice(&std::io::stderr()));
    if !errors.is_empty() {
        for error in &errors {
            print_err(
                &format!("{}\n\n", problems::load_error(error, styled_err)),
                color,
            );
        }
        let n = errors.len();
        print_err(
            &format!(
                "replylint: {n} rule file{} failed to load; nothing was checked\n",
                if n == 1 { "" } else { "s" }
            ),
            color,
        );
        return None;
    }
    let mut set = RuleSet::new(rules);
    if let Err(unknown) = select::apply(&mut set, &args.select, &args.ignore) {
        for u in unknown {
            print_err(&format!("error: {u}\n"), color);
        }
        return None;
    }
    Some(set)
}
