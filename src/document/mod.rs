//! Documents: the prose of a file, as rules see it, mapped back to the original bytes.
//!
//! A [`Document`] holds `text`, the prose a rule runs over (markup, code and front matter
//! removed, entities decoded), and an [`OffsetMap`] from offsets in `text` to byte offsets in
//! the original file. For plain text the prose is the file itself (minus a BOM), so the map is
//! the identity shifted by the BOM. `blocks` are the paragraphs, headings and list items that
//! document-level rules reason about. Markdown and HTML documents also carry the inline
//! suppression directives found in their comments. Nothing here knows about rules.

pub mod directive;
pub mod html;
pub mod markdown;
pub mod plain;
pub mod prose;

pub use directive::{Directive, DirectiveKind};

use crate::source::{Format, SourceFile};
use crate::span::Span;

/// What a block is; document-level rules treat headings and paragraphs differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    Quote,
    TableCell,
}

/// A block of prose: a span of `Document::text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
}

/// One piece of the mapping: `text[prose..prose+prose_len]` comes from
/// `original[orig..orig+orig_len]`. A verbatim segment (the same bytes on both sides) maps byte
/// for byte; any other (an entity, a synthetic separator, a placeholder for inline code, a
/// collapsed run of whitespace) maps as a unit, even when both sides happen to have the same
/// length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    pub prose: usize,
    pub prose_len: usize,
    pub orig: usize,
    pub orig_len: usize,
    /// The prose bytes are exactly the original bytes.
    pub verbatim: bool,
}

/// Maps offsets in the prose text to byte offsets in the original file.
#[derive(Clone, Debug, Default)]
pub struct OffsetMap {
    segments: Vec<Segment>,
}

impl OffsetMap {
    /// A map from segments in prose order; contiguous in the prose.
    pub fn new(segments: Vec<Segment>) -> Self {
        OffsetMap { segments }
    }

    /// The segments, in prose order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The identity map over `len` bytes, shifted by `shift` (a BOM).
    pub fn shifted(len: usize, shift: usize) -> Self {
        OffsetMap::new(vec![Segment {
            prose: 0,
            prose_len: len,
            orig: shift,
            orig_len: len,
            verbatim: true,
        }])
    }

    fn segment_index(&self, offset: usize) -> Option<usize> {
        if self.segments.is_empty() {
            return None;
        }
        let i = self.segments.partition_point(|s| s.prose <= offset);
        Some(i.saturating_sub(1))
    }

    /// Original offset for a span start at prose `offset`.
    pub fn start(&self, offset: usize) -> usize {
        let Some(i) = self.segment_index(offset) else {
            return offset;
        };
        let s = self.segments[i];
        let inside = offset.saturating_sub(s.prose);
        if inside >= s.prose_len {
            return s.orig + s.orig_len;
        }
        if s.verbatim { s.orig + inside } else { s.orig }
    }

    /// Original offset for a span end at prose `offset` (exclusive).
    pub fn end(&self, offset: usize) -> usize {
        let Some(mut i) = self.segment_index(offset) else {
            return offset;
        };
        // An end that falls on a segment start belongs to the previous segment.
        if i > 0 && self.segments[i].prose == offset {
            i -= 1;
        }
        let s = self.segments[i];
        let inside = offset.saturating_sub(s.prose);
        if s.verbatim {
            s.orig + inside.min(s.prose_len)
        } else if inside == 0 {
            s.orig
        } else {
            s.orig + s.orig_len
        }
    }

    /// A prose span as a span of the original file.
    pub fn span(&self, prose: Span) -> Span {
        if prose.is_empty() {
            let at = self.start(prose.start);
            return Span::new(at, at);
        }
        Span::new(self.start(prose.start), self.end(prose.end))
    }

    /// True when the prose span is one verbatim run of the original (no markup inside), so a
    /// fix may safely replace the original bytes.
    pub fn is_verbatim(&self, prose: Span) -> bool {
        let Some(i) = self.segment_index(prose.start) else {
            return true;
        };
        let s = self.segments[i];
        s.verbatim && prose.end <= s.prose + s.prose_len
    }
}

/// A parsed input: prose, its map to the original, and its blocks.
#[derive(Clone, Debug)]
pub struct Document {
    /// The prose rules run over.
    pub text: String,
    pub map: OffsetMap,
    pub blocks: Vec<Block>,
    /// The markup the document was parsed from.
    pub format: Format,
    /// Inline suppression directives, in original-file coordinates, in file order.
    pub suppressions: Vec<Directive>,
}

impl Document {
    /// Parses a source file according to its format.
    pub fn parse(source: &SourceFile) -> Document {
        Document::parse_as(&source.text, source.format)
    }

    /// Parses `text` as `format`.
    pub fn parse_as(text: &str, format: Format) -> Document {
        match format {
            Format::Text => plain::parse(text),
            Format::Markdown => markdown::parse(text),
            Format::Html => html::parse(text),
        }
    }

    /// A fix replacement as it must be written into the original file: HTML needs `&`, `<`
    /// and `>` escaped; Markdown needs the characters that would start inline markup
    /// backslash-escaped (a `*` copied from `\*` in the prose must not become emphasis); plain
    /// text takes it as is.
    pub fn escape_replacement(&self, replacement: &str) -> String {
        match self.format {
            Format::Html => htmlize::escape_text(replacement).into_owned(),
            Format::Markdown => {
                let mut out = String::with_capacity(replacement.len());
                for c in replacement.chars() {
                    if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<') {
                        out.push('\\');
                    }
                    out.push(c);
                }
                out
            }
            Format::Text => replacement.to_string(),
        }
    }

    /// A plain-text document, as used for rule examples.
    pub fn plain(text: &str) -> Document {
        plain::parse(text)
    }

    /// Prose spans of the document's lines (without line endings), blank lines included.
    pub fn lines(&self) -> impl Iterator<Item = Span> + '_ {
        let mut start = 0;
        self.text.split_inclusive('\n').map(move |line| {
            let s = start;
            start += line.len();
            let content = line.trim_end_matches(['\n', '\r']);
            Span::new(s, s + content.len())
        })
    }

    /// The prose text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.as_range()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacements_are_escaped_for_their_format() {
        let md = markdown::parse("x");
        assert_eq!(
            md.escape_replacement("a*b_[c]`d`<e>"),
            "a\\*b\\_\\[c\\]\\`d\\`\\<e>"
        );
        assert_eq!(
            html::parse("x").escape_replacement("AT&T <b>"),
            "AT&amp;T &lt;b&gt;"
        );
        assert_eq!(Document::plain("x").escape_replacement("a*b"), "a*b");
    }

    #[test]
    fn map_handles_entities_and_gaps() {
        // original: "<p>a &amp; b</p>"  prose: "a & b"
        let map = OffsetMap::new(vec![
            Segment {
                prose: 0,
                prose_len: 2,
                orig: 3,
                orig_len: 2,
                verbatim: true,
            },
            Segment {
                prose: 2,
                prose_len: 1,
                orig: 5,
                orig_len: 5,
                verbatim: false,
            },
            Segment {
                prose: 3,
                prose_len: 2,
                orig: 10,
                orig_len: 2,
                verbatim: true,
            },
        ]);
        assert_eq!(map.span(Span::new(0, 1)), Span::new(3, 4));
        assert_eq!(map.span(Span::new(2, 3)), Span::new(5, 10));
        assert_eq!(map.span(Span::new(0, 5)), Span::new(3, 12));
        assert_eq!(map.span(Span::new(4, 5)), Span::new(11, 12));
        assert!(map.is_verbatim(Span::new(3, 5)));
        assert!(!map.is_verbatim(Span::new(0, 4)));
    }

    /// Invariants every extractor must keep, whatever the input: segments tile the prose in
    /// order, verbatim segments are the original bytes, every mapped span lies on character
    /// boundaries of the original, and blocks are within the prose.
    fn check_invariants(original: &str, doc: &Document) {
        let mut prose = 0;
        for s in doc.map.segments() {
            assert_eq!(s.prose, prose, "{original:?}");
            prose += s.prose_len;
            let orig = original.get(s.orig..s.orig + s.orig_len);
            assert!(
                orig.is_some(),
                "segment off a char boundary: {original:?} {s:?}"
            );
            let same = doc.text.get(s.prose..s.prose + s.prose_len) == orig;
            assert!(!s.verbatim || same, "{original:?} {s:?}");
        }
        assert_eq!(prose, doc.text.len());
        for b in &doc.blocks {
            assert!(doc.text.get(b.span.as_range()).is_some());
            let span = doc.map.span(b.span);
            assert!(
                original.get(span.as_range()).is_some(),
                "{original:?} {span:?}"
            );
        }
        for (i, _) in doc.text.char_indices() {
            let span = doc.map.span(Span::new(i, doc.text.len()));
            assert!(original.get(span.as_range()).is_some(), "{original:?} {i}");
        }
    }

    #[test]
    fn extractors_keep_their_invariants_on_awkward_input() {
        let pieces = [
            "pricing war",
            "é",
            "😀",
            "&amp;",
            "&copy2024",
            "&#x1F600;",
            "&",
            "<",
            ">",
            "\r\n",
            "\n",
            "\n\n",
            "<p>",
            "</p>",
            "<b>",
            "<!--",
            "-->",
            "<script>",
            "</script>",
            "```",
            "`",
            "*",
            "_",
            "[a](<b c>)",
            "![x](y)",
            "<http://a.b>",
            "---\n",
            "+++\n",
            "    ",
            "\t",
            "> ",
            "- ",
            "| a |",
            "\u{feff}",
            "<br>",
            "<code>",
            "&nbsp;",
            "\\*",
            "[^1]",
        ];
        // A deterministic pseudo-random walk over the pieces (no external crate needed).
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..12 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let piece = pieces[(seed % pieces.len() as u64) as usize];
                text.push_str(piece);
            }
            check_invariants(&text, &markdown::parse(&text));
            check_invariants(&text, &html::parse(&text));
            check_invariants(&text, &plain::parse(&text));
        }
    }

    #[test]
    fn replacements_are_escaped_for_html_only() {
        let html = Document::parse_as("<p>x</p>", Format::Html);
        assert_eq!(html.escape_replacement("AT&T <b>"), "AT&amp;T &lt;b&gt;");
        let md = Document::parse_as("x", Format::Markdown);
        assert_eq!(md.escape_replacement("AT&T"), "AT&T");
    }

    #[test]
    fn lines_strip_crlf() {
        let doc = Document::plain("ab\r\n\r\ncd");
        let lines: Vec<_> = doc.lines().map(|s| doc.slice(s).to_string()).collect();
        assert_eq!(lines, ["ab", "", "cd"]);
    }
}
