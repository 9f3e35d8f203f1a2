//! The blocks of a reply as a Markdown reader sees them: headings (with
//! their level), paragraphs, table header and body cells, each with
//! whether it sits in a list or a blockquote. Rules scoped to `heading`,
//! `list`, `table.cell`… (Vale's scopes) search these; a Vale style's
//! `text` rules search each block on its own, as Vale does. Plain text
//! and HTML replies have paragraphs only.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// What a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading of level 1 to 6.
    Heading(u8),
    Paragraph,
    TableHeader,
    TableCell,
}

/// One block: the bytes of its text (from its first inline to its last,
/// so a heading's `#` and a list's marker are outside), its kind and
/// where it sits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub range: Range<usize>,
    pub kind: BlockKind,
    pub in_list: bool,
    pub in_blockquote: bool,
}

/// The blocks of a Markdown `source`, in order.
pub fn markdown(source: &str) -> Vec<Block> {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut blocks = Vec::new();
    let mut lists = 0usize;
    let mut quotes = 0usize;
    let mut in_head = false;
    // The block being read: its kind and the span of its inlines so far.
    let mut open: Option<(BlockKind, Option<Range<usize>>)> = None;
    let mut close = |open: &mut Option<(BlockKind, Option<Range<usize>>)>, lists, quotes| {
        if let Some((kind, Some(range))) = open.take() {
            blocks.push(Block {
                range,
                kind,
                in_list: lists > 0,
                in_blockquote: quotes > 0,
            });
        }
    };
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_)) => lists += 1,
            Event::End(TagEnd::List(_)) => lists = lists.saturating_sub(1),
            Event::Start(Tag::BlockQuote(_)) => quotes += 1,
            Event::End(TagEnd::BlockQuote(_)) => quotes = quotes.saturating_sub(1),
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::Heading { level, .. }) => {
                close(&mut open, lists, quotes);
                open = Some((BlockKind::Heading(level as u8), None));
            }
            Event::Start(Tag::Paragraph) => {
                close(&mut open, lists, quotes);
                open = Some((BlockKind::Paragraph, None));
            }
            Event::Start(Tag::TableCell) => {
                close(&mut open, lists, quotes);
                let kind = if in_head {
                    BlockKind::TableHeader
                } else {
                    BlockKind::TableCell
                };
                open = Some((kind, None));
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::TableCell) => {
                close(&mut open, lists, quotes);
            }
            // A tight list item's text comes without a paragraph.
            Event::Text(_) | Event::Code(_) | Event::InlineHtml(_) | Event::SoftBreak
                if open.is_none() && lists > 0 =>
            {
                open = Some((BlockKind::Paragraph, Some(range)));
            }
            Event::End(TagEnd::Item) => close(&mut open, lists, quotes),
            Event::Start(Tag::Item) => close(&mut open, lists, quotes),
            Event::Text(_)
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::FootnoteReference(_)
            | Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                if let Some((_, span)) = &mut open {
                    match span {
                        Some(span) => span.end = span.end.max(range.end),
                        None => *span = Some(range),
                    }
                }
            }
            _ => {}
        }
    }
    close(&mut open, lists, quotes);
    blocks
}

/// The blocks of a text without Markdown structure: its paragraphs.
pub fn paragraphs(paragraphs: &[Range<usize>]) -> Vec<Block> {
    paragraphs
        .iter()
        .map(|range| Block {
            range: range.clone(),
            kind: BlockKind::Paragraph,
            in_list: false,
            in_blockquote: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(source: &str) -> Vec<(BlockKind, &str, bool, bool)> {
        markdown(source)
            .into_iter()
            .map(|b| (b.kind, &source[b.range], b.in_list, b.in_blockquote))
            .collect()
    }

    #[test]
    fn headings_paragraphs_lists_quotes_and_cells_are_blocks() {
        let source =
            "# A *Title*\n\nSome text\non two lines.\n\n- one item\n- two\n\n> Quoted.\n\n\
                      | Head | Col |\n|---|---|\n| cell | x |\n";
        assert_eq!(
            read(source),
            [
                (BlockKind::Heading(1), "A *Title*", false, false),
                (
                    BlockKind::Paragraph,
                    "Some text\non two lines.",
                    false,
                    false
                ),
                (BlockKind::Paragraph, "one item", true, false),
                (BlockKind::Paragraph, "two", true, false),
                (BlockKind::Paragraph, "Quoted.", false, true),
                (BlockKind::TableHeader, "Head", false, false),
                (BlockKind::TableHeader, "Col", false, false),
                (BlockKind::TableCell, "cell", false, false),
                (BlockKind::TableCell, "x", false, false),
            ]
        );
    }

    #[test]
    fn code_blocks_are_not_blocks() {
        assert_eq!(
            read("## Setup\n\n```\ncode\n```\n"),
            [(BlockKind::Heading(2), "Setup", false, false)]
        );
    }
}
