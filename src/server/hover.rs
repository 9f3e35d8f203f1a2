//! Hover on a finding: the rule's documentation, the same text `replylint
//! rule ID` prints (description, level, what to write instead, examples,
//! link), for every finding under the cursor.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::diagnostics::Checked;
use super::documents::Document;
use super::positions::Encoding;
use crate::rules::explain;

/// The hover at `position`, or `None` when no finding is there.
pub fn hover(
    document: &Document,
    checked: &Checked,
    position: Position,
    encoding: Encoding,
) -> Option<Hover> {
    let offset = document.lines.offset(&document.text, position, encoding);
    let under: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.span.start() <= offset && offset <= d.span.end())
        .collect();
    let first = under.first()?;
    let mut sections: Vec<String> = Vec::new();
    for d in &under {
        let explained = checked
            .job
            .as_ref()
            .and_then(|job| explain::by_id(&job.plan.rules, &d.rule))
            .unwrap_or_else(|| {
                let mut text = format!("# {}\n\n{}\n", d.rule, d.help);
                if let Some(link) = &d.link {
                    text.push_str(&format!("\nSee {link}\n"));
                }
                text
            });
        let section = format!("**{}**: {}\n\n{}", d.rule, d.message, explained);
        if !sections.contains(&section) {
            sections.push(section);
        }
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n---\n\n"),
        }),
        range: Some(
            document
                .lines
                .range(&document.text, first.span.range(), encoding),
        ),
    })
}
