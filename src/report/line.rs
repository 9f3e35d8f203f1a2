//! `line`: `path:line:col:rule:message`, one line per diagnostic, as Vale
//! prints `--output=line`, so that replylint drops into Vale's place in
//! scripts. No level, no help, no reply name: exactly Vale's five fields.
//! A path with a colon stays as it is (Vale does the same; readers split
//! from the left at most four times after the column).

use std::fmt::Write as _;

use super::concise::one_line;
use super::FileReport;

pub fn render(files: &[FileReport]) -> String {
    let mut out = String::new();
    for file in files {
        for (d, start, _) in file.located() {
            let _ = writeln!(
                out,
                "{}:{}:{}:{}:{}",
                file.name,
                start.line,
                start.column,
                d.rule,
                one_line(&d.message)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::{Diagnostic, Level, Span};

    #[test]
    fn five_fields_and_the_message_on_one_line() {
        let text = "Hi,\nThat was very\ngood.\n".to_owned();
        let start = text.find("very").unwrap();
        let span = Span::within(&text, start..start + "very\ngood".len());
        let report = FileReport {
            name: "test.md".to_owned(),
            diagnostics: vec![Diagnostic {
                rule: Arc::from("write-good.Weasel"),
                level: Level::Suggestion,
                message: "'very\ngood' is a weasel word!".to_owned(),
                help: Arc::from("help is not shown"),
                link: None,
                span,
                fixes: Vec::new(),
                applicability: Default::default(),
                reply: Some(Arc::from("a reply name is not shown")),
            }],
            text,
            ..Default::default()
        };
        assert_eq!(
            render(&[report]),
            "test.md:2:10:write-good.Weasel:'very good' is a weasel word!\n"
        );
    }
}
