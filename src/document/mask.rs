//! Masked regions: the parts of a source that are not the agent's prose.
//!
//! Masking replaces every byte of a region except line breaks with an ASCII
//! space, so the prose has exactly the byte layout of the source and every
//! offset found in it is an offset into the source.

use std::ops::Range;

use crate::position::{ceil_char_boundary, floor_char_boundary};

/// Why a region is masked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MaskKind {
    /// Fenced, indented or inline code.
    Code,
    /// A URL.
    Url,
    /// An e-mail address.
    Email,
    /// Quoted history: `>` lines, an attribution line and what follows, a
    /// forwarded or original-message block.
    Quoted,
    /// Everything after a `-- ` signature delimiter.
    Signature,
    /// A sign-off ("Best regards,") and the name lines after it.
    SignOff,
    /// A template placeholder: an opaque token, not words.
    Placeholder,
    /// An HTML comment.
    Comment,
    /// YAML front matter of a Markdown file.
    FrontMatter,
    /// Markup that is not prose: HTML tags, link destinations.
    Markup,
    /// A byte-order mark.
    ByteOrderMark,
    /// Text the configuration hides from every rule (Vale's `TokenIgnores`
    /// and `BlockIgnores`).
    Ignored,
}

impl MaskKind {
    /// Whether no finding may point into a region of this kind, not even a
    /// finding of a `raw` rule that matched the unmasked source.
    pub fn is_never_flagged(self) -> bool {
        matches!(
            self,
            MaskKind::Code
                | MaskKind::Url
                | MaskKind::Email
                | MaskKind::Quoted
                | MaskKind::Signature
                | MaskKind::Comment
                | MaskKind::FrontMatter
                | MaskKind::Ignored
        )
    }
}

/// A masked region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Masked {
    pub range: Range<usize>,
    pub kind: MaskKind,
}

/// Collects masked regions of one source.
#[derive(Debug, Default)]
pub struct Masks {
    regions: Vec<Masked>,
}

impl Masks {
    pub fn add(&mut self, range: Range<usize>, kind: MaskKind) {
        if range.start < range.end {
            self.regions.push(Masked { range, kind });
        }
    }

    /// Whether `offset` is already inside a masked region.
    pub fn covers(&self, offset: usize) -> bool {
        self.regions.iter().any(|m| m.range.contains(&offset))
    }

    /// Builds the prose: `source` with every masked byte but line breaks
    /// turned into a space. Regions are first snapped to character boundaries
    /// so the result is always valid UTF-8 of the same length.
    pub fn apply(mut self, source: &str) -> (String, Vec<Masked>) {
        let mut bytes = source.as_bytes().to_vec();
        for region in &mut self.regions {
            let start = floor_char_boundary(source, region.range.start);
            let end = ceil_char_boundary(source, region.range.end);
            region.range = start..end;
            for b in &mut bytes[start..end] {
                if *b != b'\n' && *b != b'\r' {
                    *b = b' ';
                }
            }
        }
        self.regions.sort_by_key(|m| (m.range.start, m.range.end));
        let prose = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        (prose, self.regions)
    }
}

/// Blanks `range` of `text` in place (line breaks kept), as [`Masks::apply`]
/// does; the range is first widened to character boundaries.
pub fn blank(text: &mut String, range: Range<usize>) {
    let start = floor_char_boundary(text, range.start);
    let end = ceil_char_boundary(text, range.end);
    let blanked: String = text[start..end]
        .chars()
        .flat_map(|c| {
            let fill = if c == '\n' || c == '\r' { c } else { ' ' };
            std::iter::repeat_n(fill, if fill == ' ' { c.len_utf8() } else { 1 })
        })
        .collect();
    text.replace_range(start..end, &blanked);
}

/// The prose of `source` after `find` added its masks (for unit tests of
/// the masking passes).
#[cfg(test)]
pub fn masked_by(source: &str, find: impl FnOnce(&mut Masks)) -> String {
    let mut masks = Masks::default();
    find(&mut masks);
    masks.apply(source).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_keeps_length_and_line_breaks() {
        let source = "a é\r\nb";
        let mut masks = Masks::default();
        masks.add(1..7, MaskKind::Code);
        let (prose, regions) = masks.apply(source);
        assert_eq!(prose.len(), source.len());
        assert_eq!(prose, "a   \r\n ");
        assert_eq!(regions[0].range, 1..7);
    }

    #[test]
    fn blanking_in_place_keeps_length_and_line_breaks() {
        let mut text = String::from("ok Zoë\r\nBest");
        blank(&mut text, 3..13);
        assert_eq!(text, format!("ok{}\r\n    ", " ".repeat(5)));
        assert_eq!(text.len(), "ok Zoë\r\nBest".len());
    }

    #[test]
    fn regions_inside_a_character_are_widened() {
        let source = "xéy";
        let mut masks = Masks::default();
        masks.add(2..3, MaskKind::Url);
        let (prose, _) = masks.apply(source);
        assert_eq!(prose, "x  y");
    }
}
