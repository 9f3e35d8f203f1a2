//! One pass over an HTML input: text, references and markup in order, the
//! stack of open elements (closed as browsers guess around broken nesting),
//! what is hidden (`<head>`, `<template>`, dropped raw text), what keeps its
//! whitespace (`<pre>`), and the masks the elements begin.

use std::collections::HashMap;
use std::ops::Range;

use super::elements::{
    is_block, is_dropped_raw_text, is_head_content, is_placeholder_tag, is_void, keeps_whitespace,
};
use super::entities::{char_reference, Decoded};
use super::lexer::{
    is_html_space, is_html_space_char, is_nbsp_at, raw_text_end, scan_markup, scan_while, Attr,
    Markup, Tag,
};
use super::masks::{element_mask, trimmed, ElementMask};
use super::text::TextBuilder;
use super::{Extracted, HtmlComment};
use crate::container::ContainerError;
use crate::document::MaskKind;

/// An element that is open.
#[derive(Debug)]
struct Open {
    name: String,
    /// A mask of the element's content: its kind and where it starts.
    mask: Option<(MaskKind, usize)>,
}

/// The state of one pass over an HTML input.
pub(super) struct Renderer<'a> {
    html: &'a str,
    pos: usize,
    out: TextBuilder<'a>,
    masks: Vec<(Range<usize>, MaskKind)>,
    comments: Vec<HtmlComment>,
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
    pub(super) fn new(html: &'a str) -> Renderer<'a> {
        Renderer {
            html,
            pos: 0,
            out: TextBuilder::new(html),
            masks: Vec::new(),
            comments: Vec::new(),
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

    pub(super) fn run(&mut self) -> Result<(), ContainerError> {
        let bytes = self.html.as_bytes();
        while self.pos < bytes.len() {
            let at = self.pos;
            match bytes[at] {
                b'<' => self.markup(at)?,
                b'&' => self.reference(at),
                b if is_html_space(b) => self.spaces(at),
                _ if is_nbsp_at(bytes, at) => {
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

    pub(super) fn finish(mut self) -> Extracted {
        while let Some(open) = self.stack.pop() {
            self.end_mask(open.mask);
        }
        if let Some(start) = self.quoted_to_end {
            self.push_mask(start..self.out.text().len(), MaskKind::Quoted);
        }
        self.masks
            .sort_by_key(|(range, _)| (range.start, range.end));
        let (text, map) = self.out.finish();
        Extracted {
            text,
            map,
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
            if b == b'<' || b == b'&' || is_html_space(b) || is_nbsp_at(bytes, end) {
                break;
            }
            end += 1;
        }
        self.pos = end;
        self.emit_verbatim(at..end);
    }

    fn spaces(&mut self, mut at: usize) {
        let bytes = self.html.as_bytes();
        let end = scan_while(bytes, at, is_html_space);
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
            .all(|c| c == '\u{A0}' || is_html_space_char(c));
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
        let mut attrs = std::mem::take(&mut self.attrs);
        match scan_markup(self.html, at, &mut attrs)? {
            Markup::StartTag(tag) => {
                self.pos = tag.source.end;
                self.start_tag(tag, &attrs);
            }
            Markup::EndTag(tag) => {
                self.pos = tag.source.end;
                self.end_tag(tag);
            }
            Markup::Comment(comment) => {
                self.pos = comment.source.end;
                self.comments.push(comment);
            }
            Markup::Skipped(end) => self.pos = end,
            Markup::Text(source) => {
                self.pos = source.end;
                self.emit_verbatim(source);
            }
        }
        self.attrs = attrs;
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
        if keeps_whitespace(name) {
            self.pre_depth += 1;
            self.skip_newline_at = Some(tag.source.end);
        } else if name == "head" {
            self.head_depth += 1;
        } else if name == "template" {
            self.template_depth += 1;
        }
        let start = self.out.text().len();
        let mask = match element_mask(self.html, name, attrs) {
            ElementMask::Content(kind) => Some((kind, start)),
            ElementMask::QuotedToEnd => {
                self.quoted_to_end.get_or_insert(start);
                None
            }
            ElementMask::None => None,
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
                n if keeps_whitespace(n) => self.pre_depth -= 1,
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
            self.push_mask(start..self.out.text().len(), kind);
        }
    }

    /// Adds a mask of `range` of the text, without the breaks and spaces at
    /// its ends.
    fn push_mask(&mut self, range: Range<usize>, kind: MaskKind) {
        if let Some(range) = trimmed(self.out.text(), range) {
            self.masks.push((range, kind));
        }
    }

    fn add_break(&mut self, newlines: usize, source: Range<usize>) {
        if !self.hidden() {
            self.out.add_break(newlines, source);
        }
    }

    fn add_space(&mut self, source: Range<usize>) {
        if !self.hidden() {
            self.out.add_space(source);
        }
    }

    /// Gets ready for more text: ends `<head>` as a browser does, and says
    /// whether the text is shown.
    fn begin_text(&mut self) -> bool {
        if self.head_depth > 0 && self.template_depth == 0 {
            self.close_element("head");
        }
        !self.hidden()
    }

    /// Text copied from `source` as it is.
    fn emit_verbatim(&mut self, source: Range<usize>) {
        if !source.is_empty() && self.begin_text() {
            self.out.push_verbatim(source);
        }
    }

    /// Text decoded from `source` (a character reference).
    fn emit_decoded(&mut self, decoded: &str, source: Range<usize>) {
        if self.begin_text() {
            self.out.push_decoded(decoded, source);
        }
    }
}
