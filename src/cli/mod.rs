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
/// Pieces go through anstream, which strips or converts escape sequences
/// as the terminal needs, from the first piece with a byte it could act on;
/// pieces before it, plain text it would pass unchanged, are written as
/// they are (its byte-by-byte parser was a tenth of a large run's time).
fn print_pieces<S: AsRef<str>>(pieces: impl IntoIterator<Item = S>, choice: ColorChoice) {
    let mut plain = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut styled = None;
    for piece in pieces {
        let bytes = piece.as_ref().as_bytes();
        let written = match &mut styled {
            None if is_plain(bytes) => plain.write_all(bytes),
            _ => {
                if styled.is_none() && plain.flush().is_err() {
                    return;
                }
                styled
                    .get_or_insert_with(|| {
                        let stream = anstream::AutoStream::new(
                            std::io::stdout().lock(),
                            to_anstream(choice),
                        );
                        std::io::BufWriter::with_capacity(1 << 16, stream)
                    })
                    .write_all(bytes)
            }
        };
        if written.is_err() {
            return;
        }
    }
    let _ = plain.flush();
    if let Some(mut styled) = styled {
        let _ = styled.flush();
    }
}

/// Whether `bytes` are text a colour stripper passes unchanged: printable
/// ASCII, tabs and newlines, and UTF-8 outside U+0080..U+00BF (whose
/// encodings hold the C1 control bytes).
fn is_plain(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|&b| (0x20..0x7f).contains(&b) || b == b'\n' || b == b'\t' || (b >= 0x80 && b != 0xc2))
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

#[cfg(test)]
mod tests {
    use super::is_plain;

    #[test]
    fn only_text_a_stripper_leaves_alone_is_plain() {
        assert!(is_plain(
            b"reply.txt:3:5: warning[tone/blame]: 'user error'\n\tcaf\xc3\xa9 \xe2\x80\x99"
        ));
        for control in [
            &b"\x1b[31m"[..],
            b"a\x7fb",
            b"\r\n",
            b"\x07",
            "\u{9b}".as_bytes(),
        ] {
            assert!(!is_plain(control), "{control:?}");
        }
    }
}
