//! `concise`: `path:line:col: level[rule]: message`, one line per
//! diagnostic, for editors' error parsers.

use std::fmt::Write as _;

use super::FileReport;

pub fn render(files: &[FileReport]) -> String {
    let mut out = String::new();
    for file in files {
        for (d, start, _) in file.located() {
            let _ = writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                file.name,
                start.line,
                start.column,
                d.level.as_str(),
                d.rule,
                one_line(&d.message)
            );
        }
    }
    out
}

/// A message on one line: line breaks of the matched text become spaces.
pub fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}
