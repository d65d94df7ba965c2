//! Plain text: the prose is the file itself; paragraphs are separated by blank lines.

use super::{Block, BlockKind, Document, OffsetMap};
use crate::source::{Format, bom_len};
use crate::span::Span;

pub fn parse(text: &str) -> Document {
    let bom = bom_len(text);
    let prose = &text[bom..];
    Document {
        text: prose.to_string(),
        map: OffsetMap::shifted(prose.len(), bom),
        blocks: paragraphs(prose),
        format: Format::Text,
        suppressions: Vec::new(),
    }
}

/// Runs of non-blank lines, each trimmed of surrounding whitespace.
fn paragraphs(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<Span> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            blocks.extend(current.take());
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let content = Span::new(start + lead, start + lead + trimmed.len());
        current = Some(match current {
            Some(span) => Span::new(span.start, content.end),
            None => content,
        });
    }
    blocks.extend(current);
    blocks
        .into_iter()
        .map(|span| Block {
            kind: BlockKind::Paragraph,
            span,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_outside_the_prose() {
        let doc = parse("\u{feff}Hello.\n");
        assert_eq!(doc.text, "Hello.\n");
        assert_eq!(doc.map.span(Span::new(0, 5)), Span::new(3, 8));
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let doc = parse("One.\r\nStill one.\r\n  \r\nTwo.\r\n");
        let paras: Vec<_> = doc.blocks.iter().map(|b| doc.slice(b.span)).collect();
        assert_eq!(paras, ["One.\r\nStill one.", "Two."]);
        assert!(parse("").blocks.is_empty());
    }
}
