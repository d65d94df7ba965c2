//! `pattern`: a Rust regular expression, with an optional replacement template.
//!
//! The diagnostic covers the whole match, or the capture group named `span` when the regex has
//! one: Rust regexes have no look-around, so context is matched outside the `span` group.
//! Matching is linear in the text (the `regex` crate guarantees it). As with phrase fixes, a
//! replacement gets a capital first letter when the flagged text has one.
//!
//! Loading parses the regex (every syntax error is reported then, with its span) but builds the
//! matcher only on first use: a run compiles the regexes of its active rules, not of all the
//! hundreds of loaded ones, which keeps start-up fast.

use std::sync::OnceLock;

use regex::Regex;
use regex_syntax::hir::{Hir, HirKind};
use serde::Deserialize;
use toml::Spanned;

use super::{Check, Hit, KindError, match_case};
use crate::document::Document;
use crate::span::Span;

pub const PLACEHOLDERS: &[&str] = &["found", "replacement"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternSpec {
    pub regex: Spanned<String>,
    #[serde(default)]
    pub replace: Option<Spanned<String>>,
}

#[derive(Debug)]
pub struct Pattern {
    source: String,
    /// Built on first use; `None` if building failed (only a size limit can fail after a
    /// successful parse, and `Pattern::regex` reports it).
    regex: OnceLock<Option<Regex>>,
    span_group: Option<usize>,
    replace: Option<String>,
}

/// Compiled regexes may take this much memory.
const SIZE_LIMIT: usize = 10 * (1 << 20);

impl Pattern {
    /// The compiled regex, built on first call.
    pub fn regex(&self) -> Result<&Regex, String> {
        self.regex
            .get_or_init(|| build(&self.source).ok())
            .as_ref()
            .ok_or_else(|| match build(&self.source) {
                Err(e) => e,
                Ok(_) => "regex failed to build".to_string(),
            })
    }
}

fn build(source: &str) -> Result<Regex, String> {
    regex::RegexBuilder::new(source)
        .size_limit(SIZE_LIMIT)
        .build()
        .map_err(|e| format!("invalid regex: {}", one_line(&e.to_string())))
}

/// Capture groups of a parsed regex as (index, name); index 0 is the whole match.
fn captures(hir: &Hir, out: &mut Vec<(u32, Option<String>)>) {
    match hir.kind() {
        HirKind::Capture(c) => {
            out.push((c.index, c.name.as_deref().map(str::to_string)));
            captures(&c.sub, out);
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            subs.iter().for_each(|h| captures(h, out));
        }
        HirKind::Repetition(r) => captures(&r.sub, out),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => {}
    }
}

pub fn compile(spec: PatternSpec) -> Result<Pattern, KindError> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(spec.regex.get_ref())
        .map_err(|e| {
            KindError::new(
                format!("invalid regex: {}", one_line(&e.to_string())),
                Some(spec.regex.span()),
            )
        })?;
    let mut groups = vec![(0, None)];
    captures(&hir, &mut groups);
    let span_group = groups
        .iter()
        .find(|(_, name)| name.as_deref() == Some("span"))
        .map(|(i, _)| *i as usize);
    if let Some(replace) = &spec.replace {
        // A `$name` that is not a group would silently expand to nothing: refuse it.
        for name in template_refs(replace.get_ref()) {
            let known = match name.parse::<u32>() {
                Ok(n) => groups.iter().any(|(i, _)| *i == n),
                Err(_) => groups
                    .iter()
                    .any(|(_, g)| g.as_deref() == Some(name.as_str())),
            };
            if !known {
                return Err(KindError::new(
                    format!("replacement refers to `${name}`, which the regex does not capture"),
                    Some(replace.span()),
                ));
            }
        }
    }
    Ok(Pattern {
        source: spec.regex.into_inner(),
        regex: OnceLock::new(),
        span_group,
        replace: spec.replace.map(Spanned::into_inner),
    })
}

/// Group references (`$1`, `${name}`, `$name`) in a replacement template.
fn template_refs(template: &str) -> Vec<String> {
    let mut refs = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find('$') {
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('$') {
            rest = r;
            continue;
        }
        let name: String = if let Some(r) = rest.strip_prefix('{') {
            r.chars().take_while(|&c| c != '}').collect()
        } else {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        };
        if !name.is_empty() {
            refs.push(name);
        }
    }
    refs
}

fn one_line(s: &str) -> String {
    s.lines().map(str::trim_end).collect::<Vec<_>>().join(" ")
}

impl Check for Pattern {
    fn prepare(&self) -> Result<(), String> {
        self.regex().map(|_| ())
    }

    fn check(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let Ok(regex) = self.regex() else { return };
        for caps in regex.captures_iter(&doc.text) {
            let Some(whole) = caps.get(0) else { continue };
            let m = match self.span_group {
                Some(g) => match caps.get(g) {
                    Some(m) => m,
                    None => continue,
                },
                None => whole,
            };
            if whole.is_empty() {
                continue;
            }
            let mut replacements = Vec::new();
            if let Some(template) = &self.replace {
                let mut out = String::new();
                caps.expand(template, &mut out);
                // Like phrase fixes: a capitalised match keeps its capital (sentence start).
                replacements.push(match_case(m.as_str(), &out));
            }
            hits.push(Hit {
                span: Span::new(m.start(), m.end()),
                replacements,
                ..Hit::default()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(regex: &str, replace: Option<&str>) -> PatternSpec {
        let toml_text = match replace {
            Some(r) => format!("regex = '''{regex}'''\nreplace = '''{r}'''"),
            None => format!("regex = '''{regex}'''"),
        };
        toml::from_str(&toml_text).unwrap()
    }

    #[test]
    fn span_group_and_template() {
        let p = compile(spec(r"(\p{L}+)(?P<span> -)(\p{L}+)", Some("-"))).unwrap();
        let doc = Document::plain("a four -day visit");
        let mut hits = Vec::new();
        p.check(&doc, &mut hits);
        assert_eq!(hits.len(), 1);
        assert_eq!(doc.slice(hits[0].span), " -");
        assert_eq!(hits[0].replacements, ["-"]);
    }

    #[test]
    fn bad_regex_and_unknown_group_are_errors_with_spans() {
        let e = compile(spec("(unclosed", None)).unwrap_err();
        assert!(e.message.contains("invalid regex"));
        assert!(e.span.is_some());
        let e = compile(spec("(a)", Some("$2"))).unwrap_err();
        assert!(e.message.contains("$2"), "{}", e.message);
    }
}
