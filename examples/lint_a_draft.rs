//! Lints a draft with the library's front door, as a helpdesk integration
//! would: one `Linter` built at start, then one call per draft.
//!
//! `cargo run --example lint_a_draft -- "Obviously, just restart it."`
//! (with no argument it lints a bundled draft).

use std::path::Path;

use replylint::lint::{Linter, Options};
use replylint::suppression::Mode;

fn main() -> std::process::ExitCode {
    let draft = std::env::args().nth(1).unwrap_or_else(|| {
        "Obviously you should have read the FAQ. Fixed it, closing the ticket.".to_owned()
    });
    // The closest replylint.yaml above the current folder applies, as in
    // `replylint check`; `Options::isolated()` would ignore it.
    let linter = Linter::new(Options::default());
    let linted = match linter.lint_text(&draft, Path::new("draft.txt"), Mode::PreSend) {
        Ok(linted) => linted,
        Err(error) => {
            eprintln!("replylint: {error}");
            return std::process::ExitCode::from(2);
        }
    };
    for d in &linted.report.diagnostics {
        let found = d.matched(&linted.report.text);
        println!("{} [{}] {found:?}: {}", d.level.as_str(), d.rule, d.message);
        for fix in &d.fixes {
            println!("    fix: {:?}", fix.replacement);
        }
    }
    println!("{} finding(s)", linted.report.diagnostics.len());
    std::process::ExitCode::from(u8::from(linted.fails()))
}
