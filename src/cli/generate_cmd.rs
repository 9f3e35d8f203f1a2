//! `replylint completions SHELL` and `replylint man`: shell completion
//! scripts (`clap_complete`) and roff man pages (`clap_mangen`), both
//! generated from the clap definitions in `args.rs`, so they list exactly
//! the commands and options the binary accepts.

use std::path::Path;

use clap::CommandFactory;

use super::args::{Cli, ColorChoice};
use super::{print_err, print_raw, EXIT_CLEAN, EXIT_ERROR};

/// The name the scripts complete and the man pages are titled with.
const BIN: &str = "replylint";

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> u8 {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), BIN, &mut script);
    print_raw([String::from_utf8_lossy(&script)]);
    EXIT_CLEAN
}

/// Prints replylint(1), or writes a page per command into `out_dir`
/// (created when missing).
pub fn man(out_dir: Option<&Path>) -> u8 {
    let result = match out_dir {
        Some(dir) => std::fs::create_dir_all(dir)
            .and_then(|()| clap_mangen::generate_to(Cli::command(), dir)),
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut page)
                .map(|()| print_raw([String::from_utf8_lossy(&page)]))
        }
    };
    match result {
        Ok(()) => EXIT_CLEAN,
        Err(e) => {
            let place = out_dir.map_or(String::new(), |d| format!("{}: ", d.display()));
            print_err(
                &format!("error: {place}cannot write the man page: {e}\n"),
                ColorChoice::Auto,
            );
            EXIT_ERROR
        }
    }
}
