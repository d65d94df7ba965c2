//! HTML: the text content of a page, via the html5gum tokenizer (WHATWG tokenizing, with byte
//! spans for every token).
//!
//! Prose is the text between tags, with character references decoded (`&amp;` → `&`, each
//! mapped as a unit onto its original bytes) and runs of whitespace collapsed to one space, as
//! a browser shows them. Left out: tags and attributes, comments, the doctype, and the content
//! of `script`, `style`, `template`, `noscript`, `textarea`, `svg`, `math`, `pre`, `code`,
//! `kbd`, `samp` and `iframe` (inline ones leave a placeholder so the words around them do not
//! join).
//! Block-level elements (`p`, headings, `li`, `blockquote`, `td`, `div`, …) start and end
//! blocks. There is no tree building: misnested tags are handled loosely, which is enough to
//! find prose. Suppression directives are read from comments.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::directive;
use super::prose::{PLACEHOLDER, ProseBuilder};
use super::{BlockKind, Document};
use crate::source::{Format, bom_len};
use crate::span::Span;

/// Elements whose content is not prose; `true` for those that sit inside a sentence and leave
/// a placeholder.
const SKIPPED: &[(&str, bool)] = &[
    ("script", false),
    ("style", false),
    ("template", false),
    ("noscript", false),
    ("textarea", false),
    ("svg", true),
    ("math", true),
    ("pre", false),
    ("code", true),
    ("kbd", true),
    ("samp", true),
    ("iframe", true),
    ("noembed", false),
    ("noframes", false),
    ("xmp", false),
];

/// Elements without content (no end tag).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements that replace content inside a sentence.
const OBJECTS: &[&str] = &[
    "img", "input", "embed", "iframe", "object", "video", "audio",
];

/// The block kind of a block-level element, `None` for inline elements.
fn block_kind(name: &str) -> Option<BlockKind> {
    Some(match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "title" => BlockKind::Heading,
        "li" | "dt" | "dd" => BlockKind::ListItem,
        "blockquote" => BlockKind::Quote,
        "td" | "th" => BlockKind::TableCell,
        "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "aside" | "nav"
        | "address" | "figure" | "figcaption" | "form" | "fieldset" | "legend" | "details"
        | "summary" | "dialog" | "body" | "html" | "head" | "caption" | "center" | "ul" | "ol"
        | "dl" | "menu" | "table" | "thead" | "tbody" | "tfoot" | "tr" | "select" | "option"
        | "hgroup" | "search" => BlockKind::Paragraph,
        _ => return None,
    })
}

/// Whether opening `new` implicitly closes an open `top` (the common optional end tags).
fn closes(top: &str, new: &str) -> bool {
    match top {
        "p" => block_kind(new).is_some() || new == "hr",
        "li" => new == "li",
        "dt" | "dd" => matches!(new, "dt" | "dd"),
        "td" | "th" => matches!(new, "td" | "th" | "tr"),
        "tr" => new == "tr",
        "option" => new == "option",
        _ => false,
    }
}

pub fn parse(text: &str) -> Document {
    let mut b = ProseBuilder::new(text, Format::Html);
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Switch to raw text inside `script`, `style`, … as a tree builder would.
    emitter.naively_switch_states(true);
    // Open block-level elements, innermost last.
    let mut open: Vec<String> = Vec::new();
    // Open skipped elements (nested ones of the same name counted), innermost last.
    let mut skip: Vec<String> = Vec::new();
    for token in Tokenizer::new_with_emitter(text, emitter) {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let span = Span::new(tag.span.start, tag.span.end);
                let void = VOID.contains(&name.as_str()) || tag.self_closing;
                if let Some(current) = skip.last() {
                    if *current == name && !void {
                        skip.push(name);
                    }
                    continue;
                }
                if let Some((_, inline)) = SKIPPED.iter().find(|(n, _)| *n == name) {
                    if *inline {
                        if b.has_prose_in_block() {
                            b.push_mapped(PLACEHOLDER, span);
                        }
                    } else {
                        b.end_block();
                    }
                    if !void {
                        skip.push(name);
                    }
                    continue;
                }
                if name == "br" {
                    b.push_space(span);
                } else if name == "hr" {
                    while open.last().is_some_and(|top| closes(top, &name)) {
                        open.pop();
                    }
                    b.end_block();
                } else if OBJECTS.contains(&name.as_str()) {
                    if b.has_prose_in_block() {
                        b.push_mapped(PLACEHOLDER, span);
                    }
                } else if let Some(kind) = block_kind(&name) {
                    while open.last().is_some_and(|top| closes(top, &name)) {
                        open.pop();
                    }
                    b.start_block(kind);
                    if !void {
                        open.push(name);
                    }
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if !skip.is_empty() {
                    if skip.last() == Some(&name) {
                        skip.pop();
                    }
                    continue;
                }
                if block_kind(&name).is_some() {
                    if let Some(i) = open.iter().rposition(|n| *n == name) {
                        open.truncate(i);
                    }
                    b.end_block();
                    // Text after a nested block continues its parent.
                    if let Some(kind) = open.last().and_then(|n| block_kind(n)) {
                        b.start_block(kind);
                    }
                }
            }
            Token::String(s) if skip.is_empty() => {
                push_text(&mut b, text, Span::new(s.span.start, s.span.end));
            }
            Token::Comment(c) => {
                let span = Span::new(c.span.start, c.span.end);
                let mut found = Vec::new();
                directive::scan(&text[span.as_range()], span.start, &mut found);
                for d in found {
                    b.push_directive(d);
                }
            }
            _ => {}
        }
    }
    b.finish()
}

/// Pushes the text run `span` of `text`: whitespace collapsed, character references decoded.
fn push_text(b: &mut ProseBuilder<'_>, text: &str, span: Span) {
    // A byte-order mark is not text.
    let span = if span.start == 0 {
        Span::new(bom_len(text).min(span.end), span.end)
    } else {
        span
    };
    let raw = &text[span.as_range()];
    let bytes = raw.as_bytes();
    let mut i = 0;
    // Start of the pending run of ordinary characters.
    let mut run = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let special = c.is_ascii_whitespace() || c == b'&';
        if !special {
            i += 1;
            continue;
        }
        b.push_verbatim(Span::new(span.start + run, span.start + i));
        if c.is_ascii_whitespace() {
            let end = i + raw[i..].bytes().take_while(u8::is_ascii_whitespace).count();
            b.push_space(Span::new(span.start + i, span.start + end));
            i = end;
        } else {
            let len = reference_len(&raw[i..]);
            let candidate = &raw[i..i + len];
            let decoded = if len > 1 {
                htmlize::unescape(candidate)
            } else {
                candidate.into()
            };
            let orig = Span::new(span.start + i, span.start + i + len);
            if decoded.chars().all(|c| c.is_ascii_whitespace()) && !decoded.is_empty() {
                b.push_space(orig);
            } else {
                b.push_mapped(&decoded, orig);
            }
            i += len;
        }
        run = i;
    }
    b.push_verbatim(Span::new(span.start + run, span.start + bytes.len()));
}

/// Length of the character reference candidate at the start of `s` (which starts with `&`):
/// `&name;`, `&#123;`, `&#x7b;` (the `;` optional), or 1 for a lone `&`.
fn reference_len(s: &str) -> usize {
    let rest = &s.as_bytes()[1..];
    let body = match rest.first() {
        Some(b'#') => {
            let hex = matches!(rest.get(1), Some(b'x' | b'X'));
            let digits_from = if hex { 2 } else { 1 };
            let digits = rest[digits_from..]
                .iter()
                .take_while(|c| {
                    if hex {
                        c.is_ascii_hexdigit()
                    } else {
                        c.is_ascii_digit()
                    }
                })
                .count();
            if digits == 0 {
                return 1;
            }
            digits_from + digits
        }
        Some(c) if c.is_ascii_alphabetic() => rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count(),
        _ => return 1,
    };
    let semicolon = usize::from(rest.get(body) == Some(&b';'));
    1 + body + semicolon
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_only_with_entities_decoded() {
        let html = "<html><head><title>T</title><style>p { pricing: war }</style>\
                    <script>var s = \"pricing war\"; if (a<b) {}</script></head>\
                    <body><!-- pricing war --><p class=\"pricing war\">Caf&eacute; &amp; \
                    pricing <b>war</b>,\n   <code>x</code> y<br>z&nbsp;&#233;&#xE9;</p></body></html>";
        let doc = parse(html);
        assert_eq!(doc.text, "T\n\nCafé & pricing war, \u{fffc} y z\u{a0}éé");
        let at = doc.text.find("pricing war").unwrap();
        let span = doc.map.span(Span::new(at, at + 11));
        assert_eq!(&html[span.as_range()], "pricing <b>war");
        let amp = doc.text.find('&').unwrap();
        assert_eq!(
            &html[doc.map.span(Span::new(amp, amp + 1)).as_range()],
            "&amp;"
        );
    }

    #[test]
    fn blocks_follow_block_elements() {
        let html = "<h1>Head</h1><p>one<p>two<ul><li>a<li>b</ul><blockquote>q</blockquote>\
                    <table><tr><td>c<td>d</table><div>x<p>y</p>z</div>";
        let doc = parse(html);
        let blocks: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| (b.kind, doc.slice(b.span)))
            .collect();
        use BlockKind::*;
        assert_eq!(
            blocks,
            [
                (Heading, "Head"),
                (Paragraph, "one"),
                (Paragraph, "two"),
                (ListItem, "a"),
                (ListItem, "b"),
                (Quote, "q"),
                (TableCell, "c"),
                (TableCell, "d"),
                (Paragraph, "x"),
                (Paragraph, "y"),
                (Paragraph, "z"),
            ]
        );
    }

    #[test]
    fn references() {
        assert_eq!(reference_len("&amp; x"), 5);
        assert_eq!(reference_len("&amp x"), 4);
        assert_eq!(reference_len("&#x41;"), 6);
        assert_eq!(reference_len("&#;"), 1);
        assert_eq!(reference_len("& b"), 1);
        let doc = parse("<p>AT&T &bogus; &copy2024</p>");
        assert_eq!(doc.text, "AT&T &bogus; ©2024");
    }

    #[test]
    fn bom_crlf_and_directives() {
        let html = "\u{feff}<p>a\r\n b</p>\r\n<!-- mtlint-disable-next-line x/y -->\r\n<p>c</p>";
        let doc = parse(html);
        assert_eq!(doc.text, "a b\n\nc");
        assert_eq!(doc.suppressions.len(), 1);
        assert_eq!(doc.suppressions[0].rules[0].0, "x/y");
    }
}
