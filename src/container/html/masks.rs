//! Which elements' content becomes a mask of the text: code (`<pre>`,
//! `<code>`, …) and the quoted history of mail clients (`<blockquote>`,
//! Gmail, Outlook, Yahoo and Thunderbird quote markup).

use std::ops::Range;

use super::lexer::{is_html_space_char, Attr};
use crate::document::MaskKind;

/// What an element's start tag says about masking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ElementMask {
    None,
    /// The element's content is a mask of this kind.
    Content(MaskKind),
    /// The element and everything after it to the end are quoted (Outlook).
    QuotedToEnd,
}

/// The mask that the start tag of element `name` with `attrs` begins.
pub(super) fn element_mask(html: &str, name: &str, attrs: &[Attr]) -> ElementMask {
    match quote_mark(html, name, attrs) {
        QuoteMark::Element => ElementMask::Content(MaskKind::Quoted),
        QuoteMark::ToEnd => ElementMask::QuotedToEnd,
        QuoteMark::None if is_code(name) => ElementMask::Content(MaskKind::Code),
        QuoteMark::None => ElementMask::None,
    }
}

/// `range` of `text` without the breaks and spaces at its ends, or `None`
/// when nothing else is left.
pub(super) fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let region = &text[range.clone()];
    let start = range.start + (region.len() - region.trim_start_matches(is_html_space_char).len());
    let end = range.start + region.trim_end_matches(is_html_space_char).len();
    (start < end).then_some(start..end)
}

/// Elements whose content is code.
fn is_code(name: &str) -> bool {
    matches!(name, "pre" | "listing" | "code" | "kbd" | "samp" | "tt")
}

/// How an element's attributes mark quoted history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum QuoteMark {
    None,
    /// The element's content is quoted.
    Element,
    /// The element and everything after it to the end are quoted (Outlook).
    ToEnd,
}

/// Recognises the quote markup of mail clients from a start tag.
fn quote_mark(html: &str, name: &str, attrs: &[Attr]) -> QuoteMark {
    if name == "blockquote" {
        return QuoteMark::Element;
    }
    let mut mark = QuoteMark::None;
    for attr in attrs {
        let attr_name = &html[attr.name.clone()];
        let value = &html[attr.value.clone()];
        if attr_name.eq_ignore_ascii_case("id") {
            // Outlook (desktop and web) and Yahoo.
            if matches!(
                value,
                "divRplyFwdMsg" | "appendonsend" | "mail-editor-reference-message-container"
            ) {
                return QuoteMark::ToEnd;
            }
            if value.starts_with("yahoo_quoted") {
                mark = QuoteMark::Element;
            }
        } else if attr_name.eq_ignore_ascii_case("class") {
            // Gmail, Yahoo and Thunderbird.
            if value.split_ascii_whitespace().any(|class| {
                matches!(
                    class,
                    "gmail_quote" | "gmail_attr" | "yahoo_quoted" | "moz-cite-prefix"
                )
            }) {
                mark = QuoteMark::Element;
            }
        } else if name == "div"
            && attr_name.eq_ignore_ascii_case("style")
            && is_outlook_reply_header(value)
        {
            return QuoteMark::ToEnd;
        }
    }
    mark
}

/// Outlook's reply header: `border:none;border-top:solid #E1E1E1 1.0pt`
/// (`#B5C4DF` in older versions) above the quoted message's headers.
fn is_outlook_reply_header(style: &str) -> bool {
    if style.len() > 1000 {
        return false;
    }
    let compact: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    compact.contains("border:none")
        && (compact.contains("border-top:solid#e1e1e1")
            || compact.contains("border-top:solid#b5c4df"))
}
