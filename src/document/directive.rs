//! Inline suppression directives found in HTML comments of Markdown and HTML files:
//! `<!-- mtlint-disable RULE -->`, `<!-- mtlint-enable RULE -->` and
//! `<!-- mtlint-disable-next-line RULE -->`, with zero (= all rules) or more rule ids or pack
//! names separated by spaces or commas, and an optional ` -- reason` at the end.
//!
//! Only parsing lives here, in original-byte coordinates; applying directives to diagnostics is
//! `crate::suppress`'s job, and whether an id names a real rule is decided there too.

use crate::span::Span;

/// What a directive does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    /// Turns rules off from here on.
    Disable,
    /// Turns rules back on from here on.
    Enable,
    /// Turns rules off for the line after the comment.
    DisableNextLine,
    /// `mtlint-` followed by something that is not a directive (a typo); reported.
    Unknown,
}

/// One directive: its comment's span and the ids it names (empty = every rule).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// The whole comment, `<!--` to `-->`.
    pub span: Span,
    /// Rule ids or pack names, each with its span in the original file.
    pub rules: Vec<(String, Span)>,
}

const PREFIX: &str = "mtlint-";

/// Directive names, longest first so `disable-next-line` is not read as `disable`.
const NAMES: &[(&str, DirectiveKind)] = &[
    ("mtlint-disable-next-line", DirectiveKind::DisableNextLine),
    ("mtlint-disable", DirectiveKind::Disable),
    ("mtlint-enable", DirectiveKind::Enable),
];

/// Finds the directives in the HTML comments of `raw`, a piece of the original file starting at
/// byte `base`. Comments that are not directives are ignored.
pub fn scan(raw: &str, base: usize, out: &mut Vec<Directive>) {
    let mut from = 0;
    while let Some(open) = raw[from..].find("<!--") {
        let body_start = from + open + 4;
        let (body_end, end) = match raw[body_start..].find("-->") {
            Some(close) => (body_start + close, body_start + close + 3),
            None => (raw.len(), raw.len()),
        };
        if let Some(d) = parse(
            &raw[body_start..body_end],
            base + body_start,
            Span::new(base + from + open, base + end),
        ) {
            out.push(d);
        }
        from = end;
    }
}

/// Parses a comment body starting at original offset `at`.
fn parse(body: &str, at: usize, comment: Span) -> Option<Directive> {
    let lead = body.len() - body.trim_start().len();
    let rest = &body[lead..];
    if !rest.starts_with(PREFIX) {
        return None;
    }
    let word_end = rest
        .find(|c: char| c.is_whitespace() || c == ',')
        .unwrap_or(rest.len());
    let word = &rest[..word_end];
    let kind = NAMES
        .iter()
        .find(|(name, _)| *name == word)
        .map_or(DirectiveKind::Unknown, |(_, kind)| *kind);
    if kind == DirectiveKind::Unknown {
        return Some(Directive {
            kind,
            span: comment,
            rules: vec![(word.to_string(), Span::new(at + lead, at + lead + word_end))],
        });
    }
    // Ids run up to an optional ` -- reason`.
    let args_start = lead + word_end;
    let args = &body[args_start..];
    let args = match args.find(" --") {
        Some(i) => &args[..i],
        None => args,
    };
    // Separators may be multi-byte (U+202F, U+3000 are whitespace too), so offsets come from
    // `char_indices`, not from counting one byte per separator.
    let mut rules = Vec::new();
    let mut piece_start = None;
    let ends = args.char_indices().chain([(args.len(), ' ')]);
    for (i, c) in ends {
        let separator = c.is_whitespace() || c == ',';
        match piece_start {
            Some(s) if separator => {
                let start = at + args_start + s;
                rules.push((args[s..i].to_string(), Span::new(start, start + i - s)));
                piece_start = None;
            }
            None if !separator => piece_start = Some(i),
            _ => {}
        }
    }
    Some(Directive {
        kind,
        span: comment,
        rules,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(raw: &str) -> Directive {
        let mut out = Vec::new();
        scan(raw, 10, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        out.remove(0)
    }

    #[test]
    fn kinds_ids_and_spans() {
        let raw = "<!-- mtlint-disable-next-line fr-en/pricing-war, core -- quoted -->";
        let d = one(raw);
        assert_eq!(d.kind, DirectiveKind::DisableNextLine);
        assert_eq!(d.span, Span::new(10, 10 + raw.len()));
        let ids: Vec<_> = d.rules.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["fr-en/pricing-war", "core"]);
        for (id, span) in &d.rules {
            assert_eq!(&raw[span.start - 10..span.end - 10], id);
        }
        let d = one("<!--mtlint-enable-->");
        assert_eq!((d.kind, d.rules.len()), (DirectiveKind::Enable, 0));
        let d = one("<!-- mtlint-disable\n  a/b\tc/d -->");
        assert_eq!(d.kind, DirectiveKind::Disable);
        assert_eq!(d.rules.len(), 2);
    }

    #[test]
    fn ids_after_multi_byte_separators_keep_their_spans() {
        // Found by tests/robustness.rs: a U+202F separator shifted every later span by two
        // bytes, off a char boundary.
        let raw = "<!-- mtlint-disable\r\u{202f} é/x,\u{3000}core -->";
        let d = one(raw);
        let ids: Vec<_> = d.rules.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["é/x", "core"]);
        for (id, span) in &d.rules {
            assert_eq!(&raw[span.start - 10..span.end - 10], id);
        }
    }

    #[test]
    fn other_comments_are_ignored_and_typos_kept() {
        let mut out = Vec::new();
        scan("<!-- a note --> text <!-- mtlint -->", 0, &mut out);
        assert!(out.is_empty());
        let d = one("<!-- mtlint-disabled x -->");
        assert_eq!(d.kind, DirectiveKind::Unknown);
        assert_eq!(d.rules[0].0, "mtlint-disabled");
    }
}
