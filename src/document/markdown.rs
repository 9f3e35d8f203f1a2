//! Markdown markup that is not prose, found with pulldown-cmark: fenced and
//! indented code blocks, inline code, HTML blocks, inline HTML and comments,
//! YAML front matter, and link destinations.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::mask::{MaskKind, Masks};

/// Masks Markdown markup in `source`; returns where the body starts (past
/// any front matter).
pub fn mask(source: &str, masks: &mut Masks) -> usize {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut body_start = 0;
    // For each open link or image: its range and where its last child ended.
    let mut links: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => {
                masks.add(range.clone(), MaskKind::FrontMatter);
                if range.start == 0 {
                    body_start = range.end;
                }
            }
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => {
                masks.add(range, MaskKind::Code);
            }
            Event::InlineMath(_) | Event::DisplayMath(_) => masks.add(range, MaskKind::Code),
            Event::Html(html) | Event::InlineHtml(html) => {
                let kind = if html.trim_start().starts_with("<!--") {
                    MaskKind::Comment
                } else {
                    MaskKind::Markup
                };
                masks.add(range, kind);
            }
            Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => {
                links.push((range.clone(), range.start));
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if let Some((link, last_child_end)) = links.pop() {
                    masks.add(last_child_end.max(link.start)..link.end, MaskKind::Markup);
                    if let Some(parent) = links.last_mut() {
                        parent.1 = parent.1.max(link.end);
                    }
                }
            }
            _ => {
                if let Some(link) = links.last_mut() {
                    link.1 = link.1.max(range.end);
                }
            }
        }
    }
    body_start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::mask::masked_by;

    fn masked(source: &str) -> String {
        masked_by(source, |m| {
            mask(source, m);
        })
    }

    #[test]
    fn code_comments_and_front_matter_are_masked() {
        let source =
            "---\ntitle: X\n---\nUse `obviously` here.\n\n```\nNOT THIS\n```\n<!-- no -->\n";
        let prose = masked(source);
        assert!(prose.contains("Use "));
        assert!(!prose.contains("obviously"));
        assert!(!prose.contains("NOT THIS"));
        assert!(!prose.contains("title"));
        assert!(!prose.contains("no -->"));
    }

    #[test]
    fn link_text_stays_and_destination_goes() {
        let prose = masked("See [the guide](https://example.com/a) now.");
        assert!(prose.contains("[the guide"));
        assert!(!prose.contains("example"));
    }

    #[test]
    fn indented_code_is_masked() {
        let prose = masked("Run this:\n\n    rm -rf SIMPLY\n\nDone.");
        assert!(!prose.contains("SIMPLY"));
        assert!(prose.contains("Done."));
    }
}
