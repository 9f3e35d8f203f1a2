//! `github`: one GitHub Actions workflow command per diagnostic, which the
//! Actions runner turns into an annotation on the file:
//!
//! `::warning file=P,line=L,endLine=L2,col=C,endColumn=C2,title=replylint (RULE)::MESSAGE`
//!
//! Levels map error → `error`, warning → `warning`, suggestion → `notice`.
//! `col`/`endColumn` are left out when a finding spans lines: GitHub
//! refuses them unless `line` and `endLine` are equal. Escaping is that of
//! GitHub's own toolkit, so no message or path can end a command early.

use std::fmt::Write as _;

use super::FileReport;
use crate::diagnostic::{Diagnostic, Level};
use crate::position::LineCol;

pub fn render(files: &[FileReport]) -> String {
    let mut out = String::new();
    for file in files {
        for (d, start, end) in file.located() {
            out.push_str(&command(&file.name, d, start, end));
            out.push('\n');
        }
    }
    out
}

/// The workflow command of one diagnostic, without a line end.
fn command(path: &str, d: &Diagnostic, start: LineCol, end: LineCol) -> String {
    let mut properties = vec![
        ("file", path.to_owned()),
        ("line", start.line.to_string()),
        ("endLine", end.line.to_string()),
    ];
    if start.line == end.line {
        properties.push(("col", start.column.to_string()));
        properties.push(("endColumn", end.column.to_string()));
    }
    properties.push(("title", title(d)));
    let mut out = format!("::{} ", command_name(d.level));
    for (i, (key, value)) in properties.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{key}={}", escape_property(value));
    }
    out.push_str("::");
    out.push_str(&escape_data(&message(d)));
    out
}

fn command_name(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Suggestion => "notice",
    }
}

/// `replylint (tone/flat-no)`, and the reply when the file holds several.
fn title(d: &Diagnostic) -> String {
    match &d.reply {
        Some(reply) => format!("replylint ({}) in reply \"{reply}\"", d.rule),
        None => format!("replylint ({})", d.rule),
    }
}

/// The message, then the help and the link on lines of their own.
fn message(d: &Diagnostic) -> String {
    let mut text = d.message.clone();
    if !d.help.is_empty() {
        let _ = write!(text, "\nhelp: {}", d.help);
    }
    if let Some(link) = &d.link {
        let _ = write!(text, "\nsee {link}");
    }
    text
}

/// The escaping of a command's message (`escapeData` in GitHub's toolkit).
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// The escaping of a property value (`escapeProperty`): that of the
/// message, and `:` and `,`, which would end the value.
pub fn escape_property(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in escape_data(text).chars() {
        match c {
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::Span;

    /// Undoes the toolkit's escaping, as the Actions runner does.
    fn unescape(text: &str) -> String {
        text.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    }

    fn diagnostic(text: &str, needle: &str, reply: Option<&str>) -> Diagnostic {
        let start = text.find(needle).unwrap();
        Diagnostic {
            rule: Arc::from("tone/blame"),
            level: Level::Warning,
            message: format!("'{needle}' blames the customer."),
            help: Arc::from("Say what happened."),
            link: None,
            span: Span::within(text, start..start + needle.len()),
            fixes: Vec::new(),
            applicability: Default::default(),
            reply: reply.map(Arc::from),
        }
    }

    fn render_one(name: &str, text: &str, d: Diagnostic) -> String {
        render(&[FileReport {
            name: name.to_owned(),
            text: text.to_owned(),
            diagnostics: vec![d],
            ..Default::default()
        }])
    }

    #[test]
    fn data_escapes_percent_and_line_ends_only() {
        assert_eq!(escape_data("100%\r\nok: a,b"), "100%25%0D%0Aok: a,b");
        assert_eq!(
            escape_data("%0A"),
            "%250A",
            "an escape in the text stays text"
        );
    }

    #[test]
    fn properties_also_escape_colons_and_commas() {
        assert_eq!(escape_property("C:\\a,b%\n::x"), "C%3A\\a%2Cb%25%0A%3A%3Ax");
    }

    #[test]
    fn hostile_names_and_messages_cannot_end_the_command_early() {
        let text = "That was user error.\n";
        let name = "odd,name::error file=x%0A.txt";
        let reply = "Billing::Refund, issued\n::error::";
        let d = diagnostic(text, "user error", Some(reply));
        let out = render_one(name, text, d);
        assert_eq!(out.lines().count(), 1, "{out}");
        let body = out.strip_prefix("::warning ").unwrap().trim_end();
        let (props, message) = body.split_once("::").expect("one `::` separator");
        assert!(!message.contains('\n') && !message.contains('\r'));
        let props: Vec<(&str, String)> = props
            .split(',')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (k, unescape(v))
            })
            .collect();
        assert_eq!(props[0], ("file", name.to_owned()));
        assert_eq!(
            props.last().unwrap(),
            &(
                "title",
                format!("replylint (tone/blame) in reply \"{reply}\"")
            )
        );
        assert_eq!(
            unescape(message),
            "'user error' blames the customer.\nhelp: Say what happened."
        );
    }

    #[test]
    fn single_line_findings_have_columns() {
        let text = "Hi,\nThat was user error.\n";
        let out = render_one("a.txt", text, diagnostic(text, "user error", None));
        assert_eq!(
            out,
            "::warning file=a.txt,line=2,endLine=2,col=10,endColumn=20,\
             title=replylint (tone/blame)::'user error' blames the customer.%0A\
             help: Say what happened.\n"
        );
    }

    #[test]
    fn multi_line_findings_have_no_columns() {
        let text = "Hi,\nThat was user\nerror.\n";
        let out = render_one("a.txt", text, diagnostic(text, "user\nerror", None));
        assert!(
            out.starts_with("::warning file=a.txt,line=2,endLine=3,title="),
            "{out}"
        );
        assert!(!out.contains("col="));
        assert!(out.contains("'user%0Aerror' blames"));
    }

    #[test]
    fn levels_map_to_commands() {
        assert_eq!(command_name(Level::Error), "error");
        assert_eq!(command_name(Level::Warning), "warning");
        assert_eq!(command_name(Level::Suggestion), "notice");
    }
}
