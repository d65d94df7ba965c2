//! Building a [`Document`] from markup: the Markdown and HTML extractors push pieces of prose,
//! each tied to the original bytes it comes from, and this builder keeps the prose text, the
//! [`OffsetMap`] and the blocks consistent.
//!
//! Blocks are separated in the prose by [`BLOCK_SEPARATOR`] so that no phrase matches across
//! two paragraphs; pieces inside one block are joined with nothing in between, so inline markup
//! (`pricing <b>war</b>`, `pricing *war*`) never breaks a phrase. It knows nothing of any
//! particular markup language.

use super::{Block, BlockKind, Directive, Document, OffsetMap, Segment};
use crate::source::Format;
use crate::span::Span;

/// Put between two blocks in the prose.
pub const BLOCK_SEPARATOR: &str = "\n\n";

/// Stands in the prose for something that is not prose but sits inside a sentence (inline
/// code, an image): not a word, not punctuation, not a space, so no phrase, repetition or
/// spacing rule matches across it.
pub const PLACEHOLDER: &str = "\u{fffc}";

pub struct ProseBuilder<'a> {
    source: &'a str,
    format: Format,
    text: String,
    segments: Vec<Segment>,
    blocks: Vec<Block>,
    /// The open block: its kind and where its prose starts (None until it has prose).
    block: Option<(BlockKind, Option<usize>)>,
    /// Collapsible whitespace seen since the last prose piece (HTML), as original bytes.
    pending_space: Option<Span>,
    directives: Vec<Directive>,
}

impl<'a> ProseBuilder<'a> {
    pub fn new(source: &'a str, format: Format) -> Self {
        ProseBuilder {
            source,
            format,
            text: String::new(),
            segments: Vec::new(),
            blocks: Vec::new(),
            block: None,
            pending_space: None,
            directives: Vec::new(),
        }
    }

    /// Opens a block of `kind`, closing the open one.
    pub fn start_block(&mut self, kind: BlockKind) {
        self.end_block();
        self.block = Some((kind, None));
    }

    /// Closes the open block, if any; trailing collapsible whitespace is dropped.
    pub fn end_block(&mut self) {
        self.pending_space = None;
        if let Some((kind, Some(start))) = self.block.take()
            && self.text.len() > start
        {
            self.blocks.push(Block {
                kind,
                span: Span::new(start, self.text.len()),
            });
        }
    }

    /// Whether a block is open.
    pub fn in_block(&self) -> bool {
        self.block.is_some()
    }

    /// The original bytes `orig`, as prose, unchanged.
    pub fn push_verbatim(&mut self, orig: Span) {
        if orig.is_empty() {
            return;
        }
        // Parsers give spans on character boundaries; anything else is skipped, not a panic.
        let Some(piece) = self.source.get(orig.as_range()) else {
            return;
        };
        self.before_piece();
        self.push_segment(piece, orig);
    }

    /// `prose` standing for the original bytes `orig`: verbatim when equal, else mapped as a
    /// unit (a diagnostic touching it covers all of `orig`).
    pub fn push_mapped(&mut self, prose: &str, orig: Span) {
        if prose.is_empty() {
            return;
        }
        if self.source.get(orig.as_range()) == Some(prose) {
            self.push_verbatim(orig);
            return;
        }
        self.before_piece();
        self.push_segment(prose, orig);
    }

    /// Whitespace that renders as at most one space (HTML): kept pending, and written as one
    /// space only when more prose follows in the same block.
    pub fn push_space(&mut self, orig: Span) {
        if !self.has_prose_in_block() {
            return;
        }
        self.pending_space = Some(match self.pending_space {
            Some(s) => Span::new(s.start.min(orig.start), s.end.max(orig.end)),
            None => orig,
        });
    }

    /// Records an inline suppression directive.
    pub fn push_directive(&mut self, directive: Directive) {
        self.directives.push(directive);
    }

    pub fn finish(mut self) -> Document {
        self.end_block();
        Document {
            text: self.text,
            map: OffsetMap::new(self.segments),
            blocks: self.blocks,
            format: self.format,
            suppressions: self.directives,
        }
    }

    /// Whether the open block already has prose.
    pub fn has_prose_in_block(&self) -> bool {
        matches!(self.block, Some((_, Some(_))))
    }

    /// Opens an implicit paragraph, writes the block separator before a block's first piece,
    /// and the pending space before any later one.
    fn before_piece(&mut self) {
        if self.block.is_none() {
            self.block = Some((BlockKind::Paragraph, None));
        }
        if let Some(space) = self.pending_space.take() {
            self.push_segment(" ", space);
        }
        if let Some((_, start @ None)) = &mut self.block {
            if !self.text.is_empty() {
                let at = self.segments.last().map_or(0, |s| s.orig + s.orig_len);
                let prose = self.text.len();
                self.text.push_str(BLOCK_SEPARATOR);
                self.segments.push(Segment {
                    prose,
                    prose_len: BLOCK_SEPARATOR.len(),
                    orig: at,
                    orig_len: 0,
                    verbatim: false,
                });
            }
            *start = Some(self.text.len());
        }
    }

    /// Appends `prose` mapped to `orig`, merging with the previous segment when both are
    /// verbatim and adjacent in the original (so a fix may span pieces the parser split).
    fn push_segment(&mut self, prose: &str, orig: Span) {
        let verbatim = self.source.get(orig.as_range()) == Some(prose);
        let at = self.text.len();
        self.text.push_str(prose);
        if verbatim
            && let Some(last) = self.segments.last_mut()
            && last.verbatim
            && last.prose + last.prose_len == at
            && last.orig + last.orig_len == orig.start
        {
            last.prose_len += prose.len();
            last.orig_len += orig.len();
            return;
        }
        self.segments.push(Segment {
            prose: at,
            prose_len: prose.len(),
            orig: orig.start,
            orig_len: orig.len(),
            verbatim,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_separated_and_pieces_joined() {
        let src = "<p>pricing <b>war</b></p><p>next</p>";
        let mut b = ProseBuilder::new(src, Format::Html);
        b.start_block(BlockKind::Paragraph);
        b.push_verbatim(Span::new(3, 11)); // "pricing "
        b.push_verbatim(Span::new(14, 17)); // "war"
        b.end_block();
        b.start_block(BlockKind::Paragraph);
        b.push_verbatim(Span::new(28, 32));
        let doc = b.finish();
        assert_eq!(doc.text, "pricing war\n\nnext");
        assert_eq!(doc.map.span(Span::new(0, 11)), Span::new(3, 17));
        assert!(!doc.map.is_verbatim(Span::new(0, 11)));
        assert_eq!(doc.map.span(Span::new(13, 17)), Span::new(28, 32));
        let blocks: Vec<_> = doc.blocks.iter().map(|b| doc.slice(b.span)).collect();
        assert_eq!(blocks, ["pricing war", "next"]);
    }

    #[test]
    fn adjacent_verbatim_pieces_merge_and_spaces_collapse() {
        let src = "a [b]\n   c";
        let mut b = ProseBuilder::new(src, Format::Html);
        b.push_verbatim(Span::new(0, 2));
        b.push_verbatim(Span::new(2, 3));
        b.push_verbatim(Span::new(3, 5));
        b.push_space(Span::new(5, 9));
        b.push_verbatim(Span::new(9, 10));
        b.push_space(Span::new(10, 10));
        let doc = b.finish();
        assert_eq!(doc.text, "a [b] c");
        assert!(doc.map.is_verbatim(Span::new(0, 5)));
        // The collapsed space maps as a unit onto the whole run.
        assert_eq!(doc.map.span(Span::new(5, 6)), Span::new(5, 9));
        assert_eq!(doc.map.span(Span::new(4, 7)), Span::new(4, 10));
    }
}
