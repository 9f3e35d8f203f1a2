//! HTML replies: the text a customer sees, mapped back to the HTML bytes.
//!
//! STUB — to be replaced by the HTML extractor.

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
    let _ = html;
    Err(ContainerError::whole("HTML is not supported yet"))
}
