//! Markdown: the prose of a CommonMark (+ tables, footnotes, strikethrough) file, via
//! pulldown-cmark's offset iterator.
//!
//! Prose is the text of paragraphs, headings, list items, table cells and link texts. Left out:
//! YAML (`---`) or TOML (`+++`) front matter, fenced and indented code, raw HTML (block and
//! inline) and HTML comments, link and image destinations and titles, autolinks and image alt
//! text. Inline code and images become a [`PLACEHOLDER`] so the words around them do not join.
//! Soft line breaks read as a space, so a phrase wrapped over two lines is still found.
//! Suppression directives are collected from HTML comments. No HTML inside HTML blocks is
//! linted.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::directive;
use super::prose::{PLACEHOLDER, ProseBuilder};
use super::{BlockKind, Document};
use crate::source::{Format, bom_len};
use crate::span::Span;

pub fn parse(text: &str) -> Document {
    let mut b = ProseBuilder::new(text, Format::Markdown);
    let start = bom_len(text);
    let body = start + front_matter_len(&text[start..]);
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    // Depth of constructs whose content is not prose (code blocks, images, autolinks).
    let mut skip = 0usize;
    // Open links, innermost last: true for autolinks, whose text is their URL.
    let mut links: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(&text[body..], options).into_offset_iter() {
        let span = Span::new(body + range.start, body + range.end);
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => b.start_block(BlockKind::Paragraph),
                Tag::Heading { .. } => b.start_block(BlockKind::Heading),
                Tag::Item => b.start_block(BlockKind::ListItem),
                Tag::TableCell => b.start_block(BlockKind::TableCell),
                Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::FootnoteDefinition(_) => b.end_block(),
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) => {
                    b.end_block();
                    skip += 1;
                }
                Tag::HtmlBlock => {
                    b.end_block();
                    directive_scan(&mut b, text, span);
                }
                Tag::Image { .. } => {
                    if skip == 0 {
                        b.push_mapped(PLACEHOLDER, span);
                    }
                    skip += 1;
                }
                Tag::Link { link_type, .. } => {
                    let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    if auto {
                        if skip == 0 {
                            b.push_mapped(PLACEHOLDER, span);
                        }
                        skip += 1;
                    }
                    links.push(auto);
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell => {
                    b.end_block()
                }
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::Image => {
                    skip = skip.saturating_sub(1)
                }
                TagEnd::Link => skip = skip.saturating_sub(usize::from(links.pop() == Some(true))),
                _ => {}
            },
            Event::Text(t) if skip == 0 => b.push_mapped(&t, span),
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) if skip == 0 => {
                b.push_mapped(PLACEHOLDER, span)
            }
            Event::SoftBreak if skip == 0 => b.push_mapped(" ", span),
            Event::HardBreak if skip == 0 => b.push_mapped("\n", span),
            Event::InlineHtml(html) => {
                directive_scan(&mut b, text, span);
                if skip == 0 && is_line_break(&html) {
                    b.push_mapped("\n", span);
                }
            }
            Event::Rule => b.end_block(),
            _ => {}
        }
    }
    b.finish()
}

fn is_line_break(html: &str) -> bool {
    let tag = html.trim().to_ascii_lowercase();
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/')
        .trim();
    inner == "br"
}

fn directive_scan(b: &mut ProseBuilder<'_>, text: &str, span: Span) {
    let mut found = Vec::new();
    directive::scan(&text[span.as_range()], span.start, &mut found);
    for d in found {
        b.push_directive(d);
    }
}

/// Length of a YAML (`---` … `---`/`...`) or TOML (`+++` … `+++`) front matter block at the
/// very start of `text`, including its closing line; 0 when there is none (or it never closes).
fn front_matter_len(text: &str) -> usize {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else { return 0 };
    let fence = first.trim_end_matches(['\n', '\r']).trim_end();
    let closers: &[&str] = match fence {
        "---" => &["---", "..."],
        "+++" => &["+++"],
        _ => return 0,
    };
    let mut len = first.len();
    for line in lines {
        len += line.len();
        if closers.contains(&line.trim_end_matches(['\n', '\r']).trim_end()) {
            return len;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(md: &str) -> String {
        parse(md).text
    }

    #[test]
    fn code_urls_html_and_front_matter_are_not_prose() {
        let md = "---\ntitle: pricing war\n---\n# Title\n\nA *pricing* war, `pricing war`, \
                  [a link](<http://x/pricing war> \"pricing war\") <b>x</b> <!-- c -->.\n\n\
                  ```\npricing war\n```\n\n    indented code\n\n<div>\nhtml block\n</div>\n";
        assert_eq!(prose(md), "Title\n\nA pricing war, \u{fffc}, a link x .");
        let doc = parse(md);
        let kinds: Vec<_> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, [BlockKind::Heading, BlockKind::Paragraph]);
    }

    #[test]
    fn toml_front_matter_and_unclosed_fence() {
        assert_eq!(prose("+++\na = 1\n+++\nText\n"), "Text");
        // Never closed: not front matter; `---` then reads as a thematic break.
        assert_eq!(prose("---\nText\n"), "Text");
    }

    #[test]
    fn spans_map_through_entities_escapes_and_crlf() {
        let md = "\u{feff}A &amp; \\*b\r\n  pricing\r\n  war.\r\n";
        let doc = parse(md);
        assert_eq!(doc.text, "A & *b pricing war.");
        let at = doc.text.find("pricing war").unwrap();
        let span = doc.map.span(Span::new(at, at + "pricing war".len()));
        assert_eq!(&md[span.as_range()], "pricing\r\n  war");
        let amp = doc.map.span(Span::new(2, 3));
        assert_eq!(&md[amp.as_range()], "&amp;");
        assert!(!doc.map.is_verbatim(Span::new(0, 4)));
    }

    #[test]
    fn lists_tables_and_quotes_are_blocks() {
        let doc = parse("- one\n- two\n\n> quoted\n\n| a | b |\n|---|---|\n| c | d |\n");
        let blocks: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| (b.kind, doc.slice(b.span)))
            .collect();
        assert_eq!(
            blocks,
            [
                (BlockKind::ListItem, "one"),
                (BlockKind::ListItem, "two"),
                (BlockKind::Paragraph, "quoted"),
                (BlockKind::TableCell, "a"),
                (BlockKind::TableCell, "b"),
                (BlockKind::TableCell, "c"),
                (BlockKind::TableCell, "d"),
            ]
        );
    }

    #[test]
    fn directives_come_from_comments_only() {
        let doc = parse(
            "<!-- mtlint-disable a/b -->\n\nText <!-- mtlint-enable --> more.\n\n```\n<!-- mtlint-disable -->\n```\n",
        );
        let kinds: Vec<_> = doc.suppressions.iter().map(|d| d.kind).collect();
        use super::super::DirectiveKind::*;
        assert_eq!(kinds, [Disable, Enable]);
    }
}
