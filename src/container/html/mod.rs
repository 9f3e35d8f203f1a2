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
//!
//! The parts: `lexer` reads the bytes (whitespace, tags and attributes,
//! comments, declarations), `elements` says what each element is to the
//! text, `entities` decodes character references, `text` builds the text
//! and its map (collapsed whitespace, pending breaks), `masks` finds code
//! and quoted history, and `render` makes the one pass that ties them.

mod elements;
mod entities;
mod lexer;
mod masks;
mod render;
#[cfg(test)]
mod tests;
mod text;

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
    let mut renderer = render::Renderer::new(html);
    renderer.run()?;
    Ok(renderer.finish())
}
