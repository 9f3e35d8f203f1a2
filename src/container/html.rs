//! HTML replies: the text a customer sees, mapped back to the HTML bytes.
//!
//! One linear pass renders an HTML reply the way a mail client shows it:
//! tags dropped, block elements separated by blank lines, `<br>` as a line
//! break, whitespace collapsed (kept inside `<pre>`), character references
//! decoded, `<script>`, `<style>`, `<head>`, `<title>` and `<template>`
//! dropped. Helpdesk placeholders written as tags (Intercom `<attribute …/>`,
//! OTRS `<OTRS_…>`) stay in the text as they are. Every piece of text is
//! mapped back to its bytes: copied text one to one, decoded references and
//! inserted breaks as a whole. Code (`<pre>`, `<code>`) and quoted history
//! (`<blockquote>`, Gmail, Outlook, Yahoo and Thunderbird quote markup)
//! become masks of the text; comments are collected for suppressions.
//!
//! Browsers guess around unclosed and mismatched elements and so does this;
//! markup that swallows the rest of the input (a comment or tag that never
//! ends) is an error located at its opening bytes.

use std::collections::HashMap;
use std::ops::Range;

use super::{ContainerError, OffsetMap};
use crate::document::MaskKind;

/// The rendered text of an HTML reply.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The text: tags dropped, entities decoded, whitespace collapsed,
    /// block elements separated by blank lines, `<br>` as a line break.
    pub text: String,
    /// From `text` to the HTML input.
    pub map: OffsetMap,
    /// Regions of `text` that are code (`<pre>`, `<code>`) or quoted
    /// history (`<blockquote>`, Gmail/Outlook quote markup).
    pub masks: Vec<(Range<usize>, MaskKind)>,
    /// `<!-- … -->` comments, with their ranges in the HTML input.
    pub comments: Vec<HtmlComment>,
}

/// A comment of an HTML input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HtmlComment {
    pub body: String,
    /// The comment in the HTML input, `<!--` and `-->` included.
    pub source: Range<usize>,
}

/// Extracts the text of an HTML reply. Broken markup that a browser would
/// guess around (an unterminated comment or tag) is an error located in the
/// input.
pub fn extract(html: &str) -> Result<Extracted, ContainerError> {
    let mut renderer = Renderer::new(html);
    renderer.run()?;
    Ok(renderer.finish())
}

/// HTML's ASCII whitespace.
fn is_html_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Elements that have no content and no end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements rendered as blocks of their own: their tags separate paragraphs.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "legend"
            | "li"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "tfoot"
            | "thead"
            | "tr"
            | "ul"
    )
}

/// Elements whose content is raw text that is never shown in a reply.
fn is_dropped_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "title" | "textarea" | "iframe" | "noembed" | "noframes" | "xmp"
    )
}

/// Elements that may stay inside `<head>`; any other start tag ends it.
fn is_head_content(name: &str) -> bool {
    matches!(
        name,
        "base"
            | "basefont"
            | "bgsound"
            | "head"
            | "link"
            | "meta"
            | "noscript"
            | "script"
            | "style"
            | "template"
            | "title"
    )
}

/// Elements whose content is code.
fn is_code(name: &str) -> bool {
    matches!(name, "pre" | "listing" | "code" | "kbd" | "samp" | "tt")
}

/// Whether a tag is a helpdesk placeholder that stays in the text as is:
/// Intercom `<attribute key="…"/>`, OTRS `<OTRS_CUSTOMER_REALNAME>`.
fn is_placeholder_tag(name: &str) -> bool {
    name == "attribute" || name.starts_with("otrs_")
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

/// An attribute of a tag: its name and value as ranges of the input (the
/// value empty when absent, quotes excluded, references not decoded).
#[derive(Clone, Debug)]
struct Attr {
    name: Range<usize>,
    value: Range<usize>,
}

/// A start or end tag.
#[derive(Debug)]
struct Tag {
    /// The name, ASCII-lowercased.
    name: String,
    /// The whole tag in the input, `<` to `>`.
    source: Range<usize>,
}

/// Reads the tag starting at `start` (`<` then a letter, or `</` then a
/// letter), putting its attributes into `attrs`.
fn parse_tag(html: &str, start: usize, attrs: &mut Vec<Attr>) -> Result<Tag, ContainerError> {
    let bytes = html.as_bytes();
    attrs.clear();
    let is_end = bytes.get(start + 1) == Some(&b'/');
    let name_start = start + if is_end { 2 } else { 1 };
    let mut i = name_start;
    while i < bytes.len() && !is_html_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
        i += 1;
    }
    let name_end = i;
    let unterminated = || {
        ContainerError::at(
            format!(
                "unterminated tag `{}`: no `>` before the end of the HTML",
                &html[start..name_end]
            ),
            start..name_end,
        )
    };
    loop {
        while i < bytes.len() && (is_html_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        match bytes.get(i) {
            None => return Err(unterminated()),
            Some(b'>') => break,
            Some(_) => {}
        }
        // An attribute name; its first byte may be `=`.
        let attr_start = i;
        i += 1;
        while i < bytes.len() && !is_html_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=')
        {
            i += 1;
        }
        let name = attr_start..i;
        while i < bytes.len() && is_html_space(bytes[i]) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            attrs.push(Attr { name, value: i..i });
            continue;
        }
        i += 1;
        while i < bytes.len() && is_html_space(bytes[i]) {
            i += 1;
        }
        let value = match bytes.get(i) {
            None => return Err(unterminated()),
            Some(&quote @ (b'"' | b'\'')) => {
                let value_start = i + 1;
                let Some(len) = bytes[value_start..].iter().position(|&b| b == quote) else {
                    return Err(unterminated());
                };
                i = value_start + len + 1;
                value_start..value_start + len
            }
            Some(_) => {
                let value_start = i;
                while i < bytes.len() && !is_html_space(bytes[i]) && bytes[i] != b'>' {
                    i += 1;
                }
                value_start..i
            }
        };
        attrs.push(Attr { name, value });
    }
    Ok(Tag {
        name: html[name_start..name_end].to_ascii_lowercase(),
        source: start..i + 1,
    })
}

/// Where the raw text of a `<script>`-like element `name` ends: the `</` of
/// its end tag, if it has one.
fn raw_text_end(html: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(found) = html[at..].find("</") {
        let open = at + found;
        let name_start = open + 2;
        let name_end = name_start + name.len();
        if bytes.len() >= name_end
            && bytes[name_start..name_end].eq_ignore_ascii_case(name.as_bytes())
            && bytes
                .get(name_end)
                .is_none_or(|&b| is_html_space(b) || b == b'/' || b == b'>')
        {
            return Some(open);
        }
        at = name_start;
    }
    None
}

/// A decoded character reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Decoded {
    Named(&'static str),
    Char(char),
}

/// Decodes the character reference starting with the `&` at `at`, giving
/// what it stands for and where it ends, or `None` when it is no reference.
fn char_reference(html: &str, at: usize) -> Option<(Decoded, usize)> {
    let bytes = html.as_bytes();
    if bytes.get(at + 1) == Some(&b'#') {
        return numeric_reference(bytes, at);
    }
    let name_start = at + 1;
    let limit = (at + htmlize::ENTITY_MAX_LENGTH).min(bytes.len());
    let mut end = name_start;
    while end < limit && bytes[end].is_ascii_alphanumeric() {
        end += 1;
    }
    if end == name_start {
        return None;
    }
    let named = |key_end: usize| {
        htmlize::ENTITIES
            .get(&bytes[at..key_end])
            .and_then(|v| std::str::from_utf8(v).ok())
            .map(|s| (Decoded::Named(s), key_end))
    };
    if bytes.get(end) == Some(&b';') {
        if let Some(found) = named(end + 1) {
            return Some(found);
        }
    }
    // The legacy references that may go without `;` (`&copy`, `&amp`),
    // longest first, as browsers match them.
    let bare_end = end.min(at + htmlize::BARE_ENTITY_MAX_LENGTH);
    (name_start + 1..=bare_end).rev().find_map(named)
}

/// Decodes `&#…;` or `&#x…;` at `at` as browsers do (`;` optional, invalid
/// code points replaced, C1 controls read as Windows-1252).
fn numeric_reference(bytes: &[u8], at: usize) -> Option<(Decoded, usize)> {
    let hex = matches!(bytes.get(at + 2), Some(b'x' | b'X'));
    let digits_start = at + if hex { 3 } else { 2 };
    let mut end = digits_start;
    let mut value: u32 = 0;
    while let Some(digit) = bytes
        .get(end)
        .and_then(|&b| (b as char).to_digit(if hex { 16 } else { 10 }))
    {
        value = value
            .saturating_mul(if hex { 16 } else { 10 })
            .saturating_add(digit)
            .min(0x11_0000);
        end += 1;
    }
    if end == digits_start {
        return None;
    }
    if bytes.get(end) == Some(&b';') {
        end += 1;
    }
    let c = windows_1252_c1(value)
        .or_else(|| char::from_u32(value).filter(|_| value != 0))
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    Some((Decoded::Char(c), end))
}

/// What browsers read a numeric reference to a C1 control as: the
/// Windows-1252 character of that byte (`&#146;` is `’`).
fn windows_1252_c1(value: u32) -> Option<char> {
    let c = match value {
        0x80 => '\u{20AC}',
        0x82 => '\u{201A}',
        0x83 => '\u{0192}',
        0x84 => '\u{201E}',
        0x85 => '\u{2026}',
        0x86 => '\u{2020}',
        0x87 => '\u{2021}',
        0x88 => '\u{02C6}',
        0x89 => '\u{2030}',
        0x8A => '\u{0160}',
        0x8B => '\u{2039}',
        0x8C => '\u{0152}',
        0x8E => '\u{017D}',
        0x91 => '\u{2018}',
        0x92 => '\u{2019}',
        0x93 => '\u{201C}',
        0x94 => '\u{201D}',
        0x95 => '\u{2022}',
        0x96 => '\u{2013}',
        0x97 => '\u{2014}',
        0x98 => '\u{02DC}',
        0x99 => '\u{2122}',
        0x9A => '\u{0161}',
        0x9B => '\u{203A}',
        0x9C => '\u{0153}',
        0x9E => '\u{017E}',
        0x9F => '\u{0178}',
        _ => return None,
    };
    Some(c)
}

/// An element that is open.
#[derive(Debug)]
struct Open {
    name: String,
    /// A mask of the element's content: its kind and where it starts.
    mask: Option<(MaskKind, usize)>,
}

/// A paragraph or line break that is emitted only if text follows it.
#[derive(Debug)]
struct PendingBreak {
    newlines: usize,
    source: Range<usize>,
}

/// The state of one pass over an HTML input.
struct Renderer<'a> {
    html: &'a str,
    pos: usize,
    text: String,
    map: OffsetMap,
    masks: Vec<(Range<usize>, MaskKind)>,
    comments: Vec<HtmlComment>,
    /// Whitespace seen after text, emitted as one space if text follows.
    pending_space: Option<Range<usize>>,
    pending_break: Option<PendingBreak>,
    stack: Vec<Open>,
    /// How many elements of each name are open.
    open_count: HashMap<String, usize>,
    /// Open `<pre>`-like elements: whitespace is kept.
    pre_depth: usize,
    /// Open `<head>` and `<template>` elements: nothing is shown.
    head_depth: usize,
    template_depth: usize,
    /// A newline at this offset, right after `<pre>`, is not shown.
    skip_newline_at: Option<usize>,
    /// Where quoted history that runs to the end starts in the text.
    quoted_to_end: Option<usize>,
    attrs: Vec<Attr>,
}

impl<'a> Renderer<'a> {
    fn new(html: &'a str) -> Renderer<'a> {
        Renderer {
            html,
            pos: 0,
            text: String::with_capacity(html.len() / 2),
            map: OffsetMap::default(),
            masks: Vec::new(),
            comments: Vec::new(),
            pending_space: None,
            pending_break: None,
            stack: Vec::new(),
            open_count: HashMap::new(),
            pre_depth: 0,
            head_depth: 0,
            template_depth: 0,
            skip_newline_at: None,
            quoted_to_end: None,
            attrs: Vec::new(),
        }
    }

    fn run(&mut self) -> Result<(), ContainerError> {
        let bytes = self.html.as_bytes();
        while self.pos < bytes.len() {
            let at = self.pos;
            match bytes[at] {
                b'<' => self.markup(at)?,
                b'&' => self.reference(at),
                b if is_html_space(b) => self.spaces(at),
                0xC2 if bytes.get(at + 1) == Some(&0xA0) => {
                    self.pos = at + 2;
                    if self.pre_depth > 0 {
                        self.emit_verbatim(at..at + 2);
                    } else {
                        self.add_space(at..at + 2);
                    }
                }
                _ => self.text_run(at),
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Extracted {
        while let Some(open) = self.stack.pop() {
            self.end_mask(open.mask);
        }
        if let Some(start) = self.quoted_to_end {
            self.push_mask(start..self.text.len(), MaskKind::Quoted);
        }
        self.masks
            .sort_by_key(|(range, _)| (range.start, range.end));
        debug_assert_eq!(self.map.text_len(), self.text.len());
        Extracted {
            text: self.text,
            map: self.map,
            masks: self.masks,
            comments: self.comments,
        }
    }

    fn hidden(&self) -> bool {
        self.head_depth > 0 || self.template_depth > 0
    }

    /// A run of text with no markup, reference or whitespace in it.
    fn text_run(&mut self, at: usize) {
        let bytes = self.html.as_bytes();
        let mut end = at + 1;
        while end < bytes.len() {
            let b = bytes[end];
            if b == b'<'
                || b == b'&'
                || is_html_space(b)
                || (b == 0xC2 && bytes.get(end + 1) == Some(&0xA0))
            {
                break;
            }
            end += 1;
        }
        self.pos = end;
        self.emit_verbatim(at..end);
    }

    fn spaces(&mut self, mut at: usize) {
        let bytes = self.html.as_bytes();
        let mut end = at;
        while end < bytes.len() && is_html_space(bytes[end]) {
            end += 1;
        }
        self.pos = end;
        if self.skip_newline_at.take() == Some(at) {
            if bytes[at] == b'\n' {
                at += 1;
            } else if bytes[at..end].starts_with(b"\r\n") {
                at += 2;
            }
        }
        if self.pre_depth > 0 {
            self.emit_verbatim(at..end);
        } else {
            self.add_space(at..end);
        }
    }

    fn reference(&mut self, at: usize) {
        let Some((decoded, end)) = char_reference(self.html, at) else {
            self.pos = at + 1;
            self.emit_verbatim(at..at + 1);
            return;
        };
        self.pos = end;
        let mut buf = [0; 4];
        let decoded = match decoded {
            Decoded::Named(s) => s,
            Decoded::Char(c) => c.encode_utf8(&mut buf),
        };
        let is_space = decoded
            .chars()
            .all(|c| c == '\u{A0}' || (c.is_ascii() && is_html_space(c as u8)));
        if self.pre_depth == 0 && is_space {
            self.add_space(at..end);
        } else if decoded == "\u{A0}" {
            self.emit_decoded(" ", at..end);
        } else {
            self.emit_decoded(decoded, at..end);
        }
    }

    /// Everything starting with `<`: tags, comments, declarations, or a
    /// `<` that is text.
    fn markup(&mut self, at: usize) -> Result<(), ContainerError> {
        let html = self.html;
        let bytes = html.as_bytes();
        let next = bytes.get(at + 1).copied();
        match next {
            Some(b) if b.is_ascii_alphabetic() => {
                let mut attrs = std::mem::take(&mut self.attrs);
                let tag = parse_tag(html, at, &mut attrs)?;
                self.pos = tag.source.end;
                self.start_tag(tag, &attrs);
                self.attrs = attrs;
            }
            Some(b'/') => match bytes.get(at + 2) {
                Some(b) if b.is_ascii_alphabetic() => {
                    let tag = parse_tag(html, at, &mut self.attrs)?;
                    self.pos = tag.source.end;
                    self.end_tag(tag);
                }
                Some(b'>') => self.pos = at + 3,
                Some(_) => {
                    self.pos = skip_past(html, at, ">", "end tag `</`", 2)?;
                }
                None => {
                    self.pos = at + 2;
                    self.emit_verbatim(at..at + 2);
                }
            },
            Some(b'!') if bytes[at..].starts_with(b"<!--") => self.comment(at)?,
            Some(b'!') if bytes[at..].starts_with(b"<![CDATA[") => {
                self.pos = skip_past(html, at, "]]>", "CDATA section `<![CDATA[`", 9)?;
            }
            Some(b'!') => {
                let name_len = bytes[at + 2..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphabetic())
                    .count();
                let what = format!("declaration `{}`", &html[at..at + 2 + name_len]);
                self.pos = skip_past(html, at, ">", &what, 2 + name_len)?;
            }
            Some(b'?') => {
                self.pos = skip_past(html, at, ">", "processing instruction `<?`", 2)?;
            }
            _ => {
                self.pos = at + 1;
                self.emit_verbatim(at..at + 1);
            }
        }
        Ok(())
    }

    fn comment(&mut self, at: usize) -> Result<(), ContainerError> {
        let bytes = self.html.as_bytes();
        let body_start = at + 4;
        // `<!-->` and `<!--->` are empty comments in HTML.
        let (body_end, end) = if bytes.get(body_start) == Some(&b'>') {
            (body_start, body_start + 1)
        } else if bytes[body_start..].starts_with(b"->") {
            (body_start, body_start + 2)
        } else {
            let mut from = body_start;
            loop {
                let Some(dashes) = self.html[from..].find("--").map(|i| from + i) else {
                    return Err(ContainerError::at(
                        "unterminated HTML comment: `<!--` has no `-->`",
                        at..body_start,
                    ));
                };
                if bytes.get(dashes + 2) == Some(&b'>') {
                    break (dashes, dashes + 3);
                }
                if bytes[dashes + 2..].starts_with(b"!>") {
                    break (dashes, dashes + 4);
                }
                from = dashes + 1;
            }
        };
        self.pos = end;
        self.comments.push(HtmlComment {
            body: self.html[body_start..body_end].to_owned(),
            source: at..end,
        });
        Ok(())
    }

    fn start_tag(&mut self, tag: Tag, attrs: &[Attr]) {
        let name = tag.name.as_str();
        if is_placeholder_tag(name) {
            self.emit_verbatim(tag.source);
            return;
        }
        if self.head_depth > 0 && self.template_depth == 0 && !is_head_content(name) {
            self.close_element("head");
        }
        if is_block(name) {
            self.add_break(2, tag.source.clone());
        } else if matches!(name, "br" | "td" | "th") {
            // A table cell starts a line of its own.
            self.add_break(1, tag.source.clone());
        }
        if is_void(name) {
            return;
        }
        if is_dropped_raw_text(name) {
            self.pos = raw_text_end(self.html, tag.source.end, name).unwrap_or(self.html.len());
            return;
        }
        if matches!(name, "pre" | "listing") {
            self.pre_depth += 1;
            self.skip_newline_at = Some(tag.source.end);
        } else if name == "head" {
            self.head_depth += 1;
        } else if name == "template" {
            self.template_depth += 1;
        }
        let start = self.text.len();
        let mask = match quote_mark(self.html, name, attrs) {
            QuoteMark::Element => Some((MaskKind::Quoted, start)),
            QuoteMark::ToEnd => {
                self.quoted_to_end.get_or_insert(start);
                None
            }
            QuoteMark::None if is_code(name) => Some((MaskKind::Code, start)),
            QuoteMark::None => None,
        };
        *self.open_count.entry(tag.name.clone()).or_insert(0) += 1;
        self.stack.push(Open {
            name: tag.name,
            mask,
        });
    }

    fn end_tag(&mut self, tag: Tag) {
        let name = tag.name.as_str();
        if is_block(name) {
            self.add_break(2, tag.source);
        } else if name == "br" {
            // `</br>` is read as `<br>`.
            self.add_break(1, tag.source);
        }
        self.close_element(name);
    }

    /// Closes the innermost open element named `name` and every element
    /// opened inside it; an end tag with no open element is ignored.
    fn close_element(&mut self, name: &str) {
        if self.open_count.get(name).is_none_or(|&n| n == 0) {
            return;
        }
        while let Some(open) = self.stack.pop() {
            if let Some(n) = self.open_count.get_mut(&open.name) {
                *n -= 1;
            }
            match open.name.as_str() {
                "pre" | "listing" => self.pre_depth -= 1,
                "head" => self.head_depth -= 1,
                "template" => self.template_depth -= 1,
                _ => {}
            }
            self.end_mask(open.mask);
            if open.name == name {
                break;
            }
        }
    }

    fn end_mask(&mut self, mask: Option<(MaskKind, usize)>) {
        if let Some((kind, start)) = mask {
            self.push_mask(start..self.text.len(), kind);
        }
    }

    /// Adds a mask of `range` of the text, without the breaks and spaces at
    /// its ends.
    fn push_mask(&mut self, range: Range<usize>, kind: MaskKind) {
        let is_space = |c: char| c.is_ascii() && is_html_space(c as u8);
        let region = &self.text[range.clone()];
        let start = range.start + (region.len() - region.trim_start_matches(is_space).len());
        let end = range.start + region.trim_end_matches(is_space).len();
        if start < end {
            self.masks.push((start..end, kind));
        }
    }

    /// A paragraph (`newlines` 2) or line (1) break from the tag at
    /// `source`. Consecutive breaks give one, at most a blank line.
    fn add_break(&mut self, newlines: usize, source: Range<usize>) {
        if self.hidden() || self.text.is_empty() {
            return;
        }
        self.pending_space = None;
        match &mut self.pending_break {
            Some(pending) => {
                pending.newlines = if newlines == 2 {
                    2
                } else {
                    (pending.newlines + 1).min(2)
                };
                pending.source.end = source.end;
            }
            None => self.pending_break = Some(PendingBreak { newlines, source }),
        }
    }

    /// Whitespace outside `<pre>`: one space between words, none next to a
    /// break or at the start.
    fn add_space(&mut self, source: Range<usize>) {
        if self.hidden() || self.text.is_empty() || self.pending_break.is_some() {
            return;
        }
        match &mut self.pending_space {
            Some(pending) if pending.end == source.start => pending.end = source.end,
            Some(_) => {}
            None => self.pending_space = Some(source),
        }
    }

    /// Gets ready for more text: ends `<head>` as a browser does, emits the
    /// pending break or space, and says whether the text is shown.
    fn begin_text(&mut self) -> bool {
        if self.head_depth > 0 && self.template_depth == 0 {
            self.close_element("head");
        }
        if self.hidden() {
            return false;
        }
        if let Some(pending) = self.pending_break.take() {
            self.pending_space = None;
            // A paragraph break after `<pre>` text ending in a newline
            // needs one newline less.
            let have = if pending.newlines == 2 {
                self.text
                    .bytes()
                    .rev()
                    .take_while(|&b| is_html_space(b))
                    .filter(|&b| b == b'\n')
                    .count()
            } else {
                0
            };
            let need = pending.newlines.saturating_sub(have);
            if need > 0 {
                self.text.push_str(&"\n\n"[..need]);
                self.map.push_atomic(need, pending.source);
            }
        } else if let Some(space) = self.pending_space.take() {
            if !self.text.ends_with([' ', '\n']) {
                self.text.push(' ');
                if &self.html[space.clone()] == " " {
                    self.map.push_verbatim(space.start, 1);
                } else {
                    self.map.push_atomic(1, space);
                }
            }
        }
        true
    }

    /// Text copied from `source` as it is.
    fn emit_verbatim(&mut self, source: Range<usize>) {
        if source.is_empty() {
            return;
        }
        if !self.begin_text() {
            return;
        }
        self.text.push_str(&self.html[source.clone()]);
        self.map.push_verbatim(source.start, source.len());
    }

    /// Text decoded from `source` (a character reference).
    fn emit_decoded(&mut self, decoded: &str, source: Range<usize>) {
        if !self.begin_text() {
            return;
        }
        self.text.push_str(decoded);
        self.map.push_atomic(decoded.len(), source);
    }
}

/// Skips markup at `at` up to and including `close`, or fails naming `what`
/// at the first `span_len` bytes.
fn skip_past(
    html: &str,
    at: usize,
    close: &str,
    what: &str,
    span_len: usize,
) -> Result<usize, ContainerError> {
    let from = (at + span_len).min(html.len());
    match html[from..].find(close) {
        Some(i) => Ok(from + i + close.len()),
        None => Err(ContainerError::at(
            format!("unterminated {what}: no `{close}` before the end of the HTML"),
            at..from,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extracted(html: &str) -> Extracted {
        let out = extract(html).unwrap_or_else(|e| panic!("{html:?}: {e:?}"));
        check_invariants(html, &out);
        out
    }

    fn text(html: &str) -> String {
        extracted(html).text
    }

    /// The text of each mask of `kind`.
    fn masked(html: &str, kind: MaskKind) -> Vec<String> {
        let out = extracted(html);
        out.masks
            .iter()
            .filter(|(_, k)| *k == kind)
            .map(|(r, _)| out.text[r.clone()].to_owned())
            .collect()
    }

    fn error(html: &str) -> ContainerError {
        match extract(html) {
            Ok(out) => panic!("{html:?} should fail, gave {:?}", out.text),
            Err(e) => e,
        }
    }

    /// What must hold for every input: the map covers the text, lands on
    /// character boundaries in order, and verbatim text is the input's.
    fn check_invariants(html: &str, out: &Extracted) {
        let text = &out.text;
        assert_eq!(out.map.text_len(), text.len(), "{html:?}");
        let mut last_start = 0;
        let boundaries: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for &i in &boundaries {
            let (start, end) = (out.map.start(i), out.map.end(i));
            assert!(start <= html.len() && end <= html.len(), "{html:?} at {i}");
            assert!(html.is_char_boundary(start), "{html:?} start({i})");
            assert!(html.is_char_boundary(end), "{html:?} end({i})");
            assert!(start >= last_start, "{html:?}: map goes back at {i}");
            last_start = start;
        }
        for pair in boundaries.windows(2) {
            let piece = pair[0]..pair[1];
            if out.map.is_verbatim(piece.clone()) {
                let source = out.map.range(piece.clone());
                assert_eq!(&html[source], &text[piece], "{html:?}");
            }
        }
        for (range, _) in &out.masks {
            assert!(
                range.start < range.end && range.end <= text.len(),
                "{html:?}"
            );
            assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        }
        for comment in &out.comments {
            let source = &html[comment.source.clone()];
            assert!(
                source.starts_with("<!--") && source.ends_with('>'),
                "{html:?}"
            );
            assert!(source.contains(&comment.body));
        }
    }

    #[test]
    fn block_elements_separate_paragraphs() {
        let html = "<p>Hi Sam,</p>\n<p>Your refund is on its way.</p>\n";
        let out = extracted(html);
        assert_eq!(out.text, "Hi Sam,\n\nYour refund is on its way.");
        // The break maps to the tags (and the newline) between the paragraphs.
        assert_eq!(&html[out.map.range(7..9)], "</p>\n<p>");
        assert_eq!(&html[out.map.range(9..13)], "Your");
        assert_eq!(
            text("<div><div><h1>Title</h1></div></div><ul><li>one</li><li>two</li></ul>"),
            "Title\n\none\n\ntwo"
        );
        assert_eq!(text("<table><tr><td>a</td></tr></table><hr>b"), "a\n\nb");
        assert_eq!(text("<blockquote>q</blockquote>after"), "q\n\nafter");
    }

    #[test]
    fn no_break_at_the_start_or_end() {
        assert_eq!(text("<div><p><br>Hello</p></div><p></p><br>"), "Hello");
        assert_eq!(text("  \n <p>  Hello  </p>  \n"), "Hello");
        assert_eq!(text(""), "");
        assert_eq!(text("<p></p><div> </div>"), "");
    }

    #[test]
    fn line_breaks_and_blank_lines_from_br() {
        let html = "Thanks,<br>\nAlex";
        let out = extracted(html);
        assert_eq!(out.text, "Thanks,\nAlex");
        assert_eq!(out.map.range(7..8), 7..11);
        assert_eq!(text("one<br/>two<br><br>three"), "one\ntwo\n\nthree");
        assert_eq!(text("one<br><br><br><br>two"), "one\n\ntwo");
        assert_eq!(text("one <br> two"), "one\ntwo");
        assert_eq!(text("one</br>two"), "one\ntwo");
        assert_eq!(text("<p>one<br></p><p>two</p>"), "one\n\ntwo");
    }

    #[test]
    fn table_cells_are_on_their_own_lines() {
        assert_eq!(
            text("<table><tr><td>Order</td><td>123</td></tr></table>"),
            "Order\n123"
        );
    }

    #[test]
    fn inline_tags_give_nothing() {
        let html = "<p>Your <b>refund</b> is <a href=\"https://x.test/\">here</a>.</p>";
        assert_eq!(text(html), "Your refund is here.");
        assert_eq!(text("<span>un</span><i>broken</i>"), "unbroken");
        assert_eq!(text("<font color=red>red</font><o:p></o:p>"), "red");
    }

    #[test]
    fn attribute_values_are_never_text() {
        let html = "<img alt=\"A picture\" src=x><a title='Tip: > here'>link</a>";
        assert_eq!(text(html), "link");
    }

    #[test]
    fn named_references_are_decoded_as_one_piece() {
        let html = "don&rsquo;t";
        let out = extracted(html);
        assert_eq!(out.text, "don’t");
        assert_eq!(out.map.range(3..6), 3..10);
        assert!(!out.map.is_verbatim(3..6));
        assert!(out.map.is_verbatim(0..3));
        assert_eq!(out.map.range(6..7), 10..11);
        assert_eq!(text("Fish &amp; chips &copy; &euro;5"), "Fish & chips © €5");
        assert_eq!(text("&NotNestedGreaterGreater;"), "\u{2AA2}\u{338}");
    }

    #[test]
    fn legacy_references_without_semicolon() {
        assert_eq!(text("AT&amp;T &copy 2024"), "AT&T © 2024");
        assert_eq!(text("&notit;"), "¬it;");
        assert_eq!(text("&notin;"), "∉");
    }

    #[test]
    fn numeric_references_as_browsers_read_them() {
        assert_eq!(text("&#8217;&#x2019;&#X2019;&#146;"), "’’’’");
        assert_eq!(text("&#65&#x42;"), "AB");
        assert_eq!(
            text("&#0;&#xD800;&#x110000;&#99999999999999;"),
            "\u{FFFD}".repeat(4)
        );
        let out = extracted("a&#x27;b");
        assert_eq!(out.text, "a'b");
        assert_eq!(out.map.range(1..2), 1..7);
    }

    #[test]
    fn invalid_references_stay_verbatim() {
        for html in ["&foo;", "& more", "&#;", "&#x;", "a&", "&;", "R&D"] {
            let out = extracted(html);
            assert_eq!(out.text, html.trim());
            assert!(out.map.is_verbatim(0..out.text.len()), "{html}");
        }
    }

    #[test]
    fn nbsp_is_a_space() {
        assert_eq!(text("a&nbsp;b"), "a b");
        assert_eq!(text("a&nbsp;&nbsp; b"), "a b");
        assert_eq!(text("a\u{A0}b"), "a b");
        assert_eq!(text("<p>&nbsp;</p><p>Hello&nbsp;</p>"), "Hello");
        let out = extracted("a &nbsp;b");
        assert_eq!(out.map.range(1..2), 1..8);
    }

    #[test]
    fn whitespace_runs_collapse() {
        let html = "Hello \n\t  there\r\nfriend";
        let out = extracted(html);
        assert_eq!(out.text, "Hello there friend");
        assert_eq!(out.map.range(5..6), 5..10);
        assert!(!out.map.is_verbatim(5..6));
        assert_eq!(out.map.range(11..12), 15..17);
        let out = extracted("one two");
        assert!(out.map.is_verbatim(0..7));
        assert_eq!(text("a <b> b</b>"), "a b");
        assert_eq!(text("a<b> </b> <i> b</i>"), "a b");
        assert_eq!(text("a&#10;&#32;b"), "a b");
    }

    #[test]
    fn pre_keeps_whitespace_and_is_code() {
        let html = "<p>Run:</p><pre>\n  ls  -l\n  cd /</pre><p>Done</p>";
        let out = extracted(html);
        assert_eq!(out.text, "Run:\n\n  ls  -l\n  cd /\n\nDone");
        let code: Vec<_> = out
            .masks
            .iter()
            .filter(|(_, k)| *k == MaskKind::Code)
            .map(|(r, _)| &out.text[r.clone()])
            .collect();
        assert_eq!(code, ["ls  -l\n  cd /"]);
        assert_eq!(text("<pre>a\n</pre>b"), "a\n\nb");
        assert_eq!(text("<pre>a\n<br>b</pre>"), "a\n\nb");
        assert_eq!(text("<pre>x&nbsp;&lt;y&gt;</pre>"), "x <y>");
    }

    #[test]
    fn code_is_masked() {
        let html = "<p>Run <code>npm  install</code> again.</p>";
        assert_eq!(text(html), "Run npm install again.");
        assert_eq!(masked(html, MaskKind::Code), ["npm install"]);
        assert_eq!(
            masked("<kbd>Ctrl</kbd>+<kbd>C</kbd>", MaskKind::Code),
            ["Ctrl", "C"]
        );
    }

    #[test]
    fn blockquotes_are_quoted() {
        let html = "<p>Thanks!</p><blockquote type=\"cite\"><p>My order</p><p>is late</p></blockquote><p>Alex</p>";
        assert_eq!(text(html), "Thanks!\n\nMy order\n\nis late\n\nAlex");
        assert_eq!(masked(html, MaskKind::Quoted), ["My order\n\nis late"]);
        let nested = "<blockquote>a<blockquote>b</blockquote>c</blockquote>d";
        assert_eq!(masked(nested, MaskKind::Quoted), ["a\n\nb\n\nc", "b"]);
    }

    #[test]
    fn gmail_quotes_are_quoted() {
        let html = concat!(
            "<div dir=\"ltr\">Sure, done.</div><br>",
            "<div class=\"gmail_quote gmail_quote_container\">",
            "<div dir=\"ltr\" class=\"gmail_attr\">On Mon, Sam wrote:<br></div>",
            "<div><div>inner</div></div>",
            "<blockquote class=\"gmail_quote\" style=\"margin:0\">Please help</blockquote>",
            "</div><div>After</div>"
        );
        let out = extracted(html);
        assert_eq!(
            out.text,
            "Sure, done.\n\nOn Mon, Sam wrote:\n\ninner\n\nPlease help\n\nAfter"
        );
        let quoted = masked(html, MaskKind::Quoted);
        assert!(quoted
            .iter()
            .any(|q| q == "On Mon, Sam wrote:\n\ninner\n\nPlease help"));
        assert!(quoted.iter().any(|q| q == "On Mon, Sam wrote:"));
        assert!(!quoted
            .iter()
            .any(|q| q.contains("After") || q.contains("Sure")));
    }

    #[test]
    fn outlook_history_is_quoted_to_the_end() {
        let reply = "<p>We fixed it.</p>";
        for marker in [
            "<div id=\"appendonsend\"></div><hr><div id=\"divRplyFwdMsg\" dir=\"ltr\"><b>From:</b> Sam</div>",
            "<div id=\"divRplyFwdMsg\"><b>From:</b> Sam</div>",
            "<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in\"><p><b>From:</b> Sam</p></div>",
            "<div style=\"border:none; border-top:solid #B5C4DF 1.0pt\"><p><b>From:</b> Sam</p></div>",
        ] {
            let html = format!("{reply}{marker}<p>It broke</p></div></div><p>more</p>");
            let out = extracted(&html);
            assert_eq!(
                masked(&html, MaskKind::Quoted),
                ["From: Sam\n\nIt broke\n\nmore"],
                "{html}"
            );
            assert!(out.text.starts_with("We fixed it.\n\nFrom:"));
        }
        // Another top border is not Outlook's reply header.
        let html = "<div style=\"border-top:1px solid red\">x</div>";
        assert!(masked(html, MaskKind::Quoted).is_empty());
    }

    #[test]
    fn yahoo_and_thunderbird_quotes_are_quoted() {
        let yahoo = "Ok<div class=\"yahoo_quoted\"><div>On Tue Sam wrote:</div><div>old</div></div><p>new</p>";
        assert_eq!(
            masked(yahoo, MaskKind::Quoted),
            ["On Tue Sam wrote:\n\nold"]
        );
        let thunderbird = concat!(
            "<p>Ok</p><div class=\"moz-cite-prefix\">On 1/2 Sam wrote:<br></div>",
            "<blockquote type=\"cite\">old</blockquote><p>new</p>"
        );
        assert_eq!(
            masked(thunderbird, MaskKind::Quoted),
            ["On 1/2 Sam wrote:", "old"]
        );
    }

    #[test]
    fn comments_are_collected_not_shown() {
        let html = "<p>Hi</p><!-- replylint-disable-next-line tone/flat-no -- reason --><p>No.</p>";
        let out = extracted(html);
        assert_eq!(out.text, "Hi\n\nNo.");
        let start = html.find("<!--").unwrap_or(0);
        let end = html.find("--><p>No").unwrap_or(0) + 3;
        assert_eq!(
            out.comments,
            [HtmlComment {
                body: " replylint-disable-next-line tone/flat-no -- reason ".into(),
                source: start..end,
            }]
        );
        let out = extracted("a<!---->b<!-->c<!--->d<!-- x --!>e");
        assert_eq!(out.text, "abcde");
        let bodies: Vec<_> = out.comments.iter().map(|c| c.body.as_str()).collect();
        assert_eq!(bodies, ["", "", "", " x "]);
        assert_eq!(text("a <!-- c --> b"), "a b");
    }

    #[test]
    fn otrs_placeholders_end_up_as_tags() {
        let expected = "Dear <OTRS_CUSTOMER_REALNAME>,";
        let raw = extracted("<p>Dear <OTRS_CUSTOMER_REALNAME>,</p>");
        assert_eq!(raw.text, expected);
        assert!(raw.map.is_verbatim(5..29));
        let escaped = extracted("<p>Dear &lt;OTRS_CUSTOMER_REALNAME&gt;,</p>");
        assert_eq!(escaped.text, expected);
        assert_eq!(escaped.map.range(5..29), 8..38);
    }

    #[test]
    fn intercom_placeholders_stay_verbatim() {
        let html = "<p>Hi <attribute key=\"user.name\" default=\"there\"/>, thanks</p>";
        let out = extracted(html);
        assert_eq!(
            out.text,
            "Hi <attribute key=\"user.name\" default=\"there\"/>, thanks"
        );
        assert!(out.map.is_verbatim(0..out.text.len() - 8));
        assert_eq!(out.map.range(3..48), 6..51);
    }

    #[test]
    fn scripts_styles_head_and_templates_are_dropped() {
        let html = concat!(
            "<!DOCTYPE html><html><head><title>Subject line</title>",
            "<meta charset=utf-8><style>p { color: red } </p></style></head>",
            "<body><script>if (a < b && c) { document.write('</p>') }</script>",
            "<p>Shown</p><template><p>Hidden</p></template><SCRIPT type=x>x</SCRIPT >",
            "</body></html>"
        );
        assert_eq!(text(html), "Shown");
        assert_eq!(text("<style>never closed"), "");
    }

    #[test]
    fn text_ends_an_unclosed_head() {
        assert_eq!(
            text("<head><title>t</title>\nHello <b>there</b>"),
            "Hello there"
        );
        assert_eq!(text("<head><meta x=y><p>Hello</p>"), "Hello");
        assert_eq!(text("<head><title>t</title><body>Hi</body>"), "Hi");
    }

    #[test]
    fn declarations_and_cdata_give_no_text() {
        assert_eq!(
            text("<?xml version=\"1.0\"?><!DOCTYPE html>a<![CDATA[ x ]]>b<![if !mso]>c<![endif]>"),
            "abc"
        );
        assert_eq!(text("a</ weird>b</>c"), "abc");
    }

    #[test]
    fn a_lone_angle_bracket_is_text() {
        assert_eq!(text("1 < 2 and 3<4, x <= y"), "1 < 2 and 3<4, x <= y");
        assert_eq!(text("a <"), "a <");
        assert_eq!(text("a </"), "a </");
    }

    #[test]
    fn broken_nesting_is_tolerated() {
        assert_eq!(
            text("<p>a<div>b</p>c</span></div>d</li></blockquote>"),
            "a\n\nb\n\nc\n\nd"
        );
        let html = "<blockquote>q<div>inner</blockquote>after</div>";
        assert_eq!(masked(html, MaskKind::Quoted), ["q\n\ninner"]);
        assert_eq!(
            masked("<blockquote>never closed", MaskKind::Quoted),
            ["never closed"]
        );
    }

    #[test]
    fn unterminated_markup_is_an_error_at_its_opening() {
        let e = error("<p>Hi</p><!-- note");
        assert_eq!(e.span, Some(9..13));
        assert!(
            e.message.contains("unterminated HTML comment"),
            "{}",
            e.message
        );
        let e = error("<p>Hi <span class=\"x\"");
        assert_eq!(e.span, Some(6..11));
        assert!(e.message.contains("`<span`"), "{}", e.message);
        let e = error("<a href=\"x>link</a>");
        assert_eq!(e.span, Some(0..2));
        assert_eq!(error("x</div").span, Some(1..6));
        assert_eq!(error("<!DOCTYPE html").span, Some(0..9));
        assert_eq!(error("<![CDATA[ x").span, Some(0..9));
        assert_eq!(error("<?xml").span, Some(0..2));
        assert_eq!(error("</ x").span, Some(0..2));
        assert_eq!(error("<script>x</script").span, Some(9..17));
    }

    #[test]
    fn multibyte_text_and_crlf_map_exactly() {
        let html = "<p>Grüße,\r\n日本 😀</p>\r\n<p>Ça va&hellip;</p>";
        let out = extracted(html);
        assert_eq!(out.text, "Grüße, 日本 😀\n\nÇa va…");
        let start = out.text.find('😀').unwrap_or(0);
        assert_eq!(&html[out.map.range(start..start + 4)], "😀");
    }

    #[test]
    fn composes_with_an_outer_map() {
        use crate::container::Reply;
        use crate::document::Markup;
        // The HTML sits at byte 100 of its file, verbatim.
        let html = "<p>Hi&nbsp;there</p><!-- c -->";
        let mut map = OffsetMap::default();
        map.push_verbatim(100, html.len());
        let reply = Reply::decoded(None, Markup::Html, html.to_owned(), map);
        let rendered = reply.render_html().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(rendered.text, "Hi there");
        assert_eq!(rendered.map.range(3..8), 111..116);
        assert_eq!(rendered.comments[0].source, 120..130);
    }

    /// A small deterministic generator (no dependency needed for this).
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n
        }
    }

    const FRAGMENTS: &[&str] = &[
        "<p>",
        "</p>",
        "<br>",
        "<br/>",
        "<div>",
        "</div>",
        "text",
        "a",
        " ",
        "  ",
        "\r\n",
        "\t",
        "\n",
        "é",
        "日本",
        "😀",
        "\u{A0}",
        "&nbsp;",
        "&amp;",
        "&rsquo;",
        "&#x41;",
        "&#146;",
        "&#",
        "&",
        "&notit;",
        "&lt;",
        "&gt;",
        "<",
        ">",
        "</",
        "<!-- c -->",
        "<!--",
        "-->",
        "<pre>",
        "</pre>",
        "<code>",
        "</code>",
        "<blockquote>",
        "</blockquote>",
        "<div class=\"gmail_quote\">",
        "<div id=\"divRplyFwdMsg\">",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<head>",
        "</head>",
        "<title>",
        "<template>",
        "</template>",
        "<OTRS_CUSTOMER_REALNAME>",
        "<attribute key=\"k\"/>",
        "<b>",
        "</b>",
        "<td>",
        "<li>",
        "<!DOCTYPE html>",
        "<?x?>",
        "<![CDATA[",
        "]]>",
        "<a href='",
        "'>",
        "\"",
        "=",
        "/",
        "<img alt=\"é\">",
    ];

    fn check_any(html: &str) {
        match extract(html) {
            Ok(out) => check_invariants(html, &out),
            Err(e) => {
                let span = e.span.unwrap_or_else(|| panic!("{html:?}: no span"));
                assert!(span.start < span.end && span.end <= html.len(), "{html:?}");
                assert!(html.is_char_boundary(span.start) && html.is_char_boundary(span.end));
            }
        }
    }

    #[test]
    fn generated_inputs_keep_the_invariants() {
        let mut rng = Lcg(0x5EED);
        for _ in 0..4000 {
            let len = rng.below(40);
            let html: String = (0..len)
                .map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())])
                .collect();
            check_any(&html);
        }
    }

    #[test]
    fn truncated_inputs_keep_the_invariants() {
        let html = concat!(
            "<!DOCTYPE html><html><head><style>p{}</style></head><body>",
            "<p>Hi <b>Sam</b>,\r\n</p><p>Don&rsquo;t worry &mdash; it&#8217;s fixed.</p>",
            "<pre>\n  code  here</pre><!-- replylint-disable-next-line x -- y -->",
            "<p>Dear &lt;OTRS_CUSTOMER_REALNAME&gt; <attribute key=\"a\" default='b'/></p>",
            "<div class=\"gmail_quote\"><blockquote type=cite>Grüße 😀</blockquote></div>",
            "<div id=\"appendonsend\"></div><p>old&nbsp;mail</p></body></html>"
        );
        for end in (0..=html.len()).filter(|&i| html.is_char_boundary(i)) {
            check_any(&html[..end]);
            check_any(&html[end..]);
        }
        assert_eq!(
            text(html),
            "Hi Sam,\n\nDon’t worry — it’s fixed.\n\n  code  here\n\nDear <OTRS_CUSTOMER_REALNAME> <attribute key=\"a\" default='b'/>\n\nGrüße 😀\n\nold mail"
        );
    }
}
