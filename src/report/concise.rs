//! `concise`: `path:line:col: level[rule]: message`, one line per
//! diagnostic, for editors' error parsers. A diagnostic in a reply of a
//! collection ends with ` [in reply "NAME"]`.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::FileReport;

pub fn render(files: &[FileReport]) -> String {
    let mut out = String::new();
    for file in files {
        for (d, start, _) in file.located() {
            let _ = write!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                file.name,
                start.line,
                start.column,
                d.level.as_str(),
                d.rule,
                one_line(&d.message)
            );
            if let Some(reply) = &d.reply {
                let _ = write!(out, " [in reply \"{}\"]", one_line(reply));
            }
            out.push('\n');
        }
    }
    out
}

/// A message on one line: line breaks of the matched text become spaces,
/// and runs of white space one space. Most messages are one line already
/// and are returned as they are.
pub fn one_line(message: &str) -> Cow<'_, str> {
    let mut previous_space = true;
    let on_one_line = message.chars().all(|c| {
        let fine = match c {
            ' ' => !previous_space,
            c => !c.is_whitespace(),
        };
        previous_space = c == ' ';
        fine
    }) && !previous_space;
    if on_one_line || message.is_empty() {
        return Cow::Borrowed(message);
    }
    Cow::Owned(message.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::{Diagnostic, Level, Span};

    fn report(reply: Option<&str>) -> FileReport {
        let text = "Hi,\nThat was user\nerror.\n".to_owned();
        let start = text.find("user").unwrap();
        let span = Span::within(&text, start..start + "user\nerror".len());
        FileReport {
            name: "macros.json".to_owned(),
            diagnostics: vec![Diagnostic {
                rule: Arc::from("tone/blame"),
                level: Level::Error,
                message: "'user\nerror' blames the customer.".to_owned(),
                help: Arc::from(""),
                link: None,
                span,
                fixes: Vec::new(),
                applicability: Default::default(),
                reply: reply.map(Arc::from),
            }],
            text,
            ..Default::default()
        }
    }

    #[test]
    fn messages_are_put_on_one_line() {
        assert!(matches!(one_line("'user error' blames"), Cow::Borrowed(_)));
        for (message, expected) in [
            ("a  b\tc\n d ", "a b c d"),
            (" lead", "lead"),
            ("trail ", "trail"),
            ("x\u{a0}y", "x y"),
            ("   ", ""),
            ("", ""),
        ] {
            assert_eq!(one_line(message), expected, "{message:?}");
        }
    }

    #[test]
    fn a_reply_of_a_collection_is_named_after_the_message() {
        assert_eq!(
            render(&[report(Some("Billing::Refund\nissued"))]),
            "macros.json:2:10: error[tone/blame]: 'user error' blames the customer. \
             [in reply \"Billing::Refund issued\"]\n"
        );
        assert_eq!(
            render(&[report(None)]),
            "macros.json:2:10: error[tone/blame]: 'user error' blames the customer.\n"
        );
    }
}
