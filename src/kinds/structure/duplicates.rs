//! `[structure.duplicates]`: a paragraph, or a line of a paragraph, that repeats an earlier one
//! word for word (spacing and case aside), as scraping and MT pipelines sometimes produce. The
//! later copy is flagged, with a related span at the first.

use std::collections::HashMap;

use serde::Deserialize;

use super::{Hit, hit};
use crate::document::Document;
use crate::kinds::KindError;
use crate::kinds::words;
use crate::span::Span;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DuplicatesSpec {
    /// Shorter paragraphs and lines (in words) may repeat (`Advertisement`, a refrain).
    #[serde(default = "default_min_words")]
    pub min_words: usize,
}

fn default_min_words() -> usize {
    8
}

#[derive(Debug)]
pub struct Duplicates {
    min_words: usize,
}

pub fn compile(spec: DuplicatesSpec) -> Result<Duplicates, KindError> {
    if spec.min_words == 0 {
        return Err(KindError::new("`min_words` must be at least 1", None));
    }
    Ok(Duplicates {
        min_words: spec.min_words,
    })
}

fn key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Duplicates {
    pub fn check(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text.as_str();
        let mut flagged: Vec<Span> = Vec::new();
        let report = |span: Span, first: Span, hits: &mut Vec<Hit>| {
            hits.push(hit(
                span,
                &[("count", "2".to_string())],
                vec![(first, "first written here".to_string())],
            ));
        };
        // Whole paragraphs of several lines first, so a repeated paragraph is one diagnostic.
        let mut seen: HashMap<String, Span> = HashMap::new();
        for block in &doc.blocks {
            let s = doc.slice(block.span);
            if !s.contains('\n') || words::word_count(s) < self.min_words {
                continue;
            }
            match seen.get(&key(s)) {
                Some(first) => {
                    report(block.span, *first, hits);
                    flagged.push(block.span);
                }
                None => {
                    seen.insert(key(s), block.span);
                }
            }
        }
        let mut seen: HashMap<String, Span> = HashMap::new();
        for line in words::lines(text) {
            let span = words::trim(text, line);
            let s = &text[span.as_range()];
            if words::word_count(s) < self.min_words {
                continue;
            }
            let inside_flagged = flagged
                .iter()
                .any(|f| f.start <= span.start && span.end <= f.end);
            match seen.get(&key(s)) {
                Some(first) if !inside_flagged => report(span, *first, hits),
                Some(_) => {}
                None => {
                    seen.insert(key(s), span);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(String, String)> {
        let d = compile(toml::from_str("min_words = 4").unwrap()).unwrap();
        let doc = Document::plain(text);
        let mut hits = Vec::new();
        d.check(&doc, &mut hits);
        hits.iter()
            .map(|h| {
                (
                    doc.slice(h.span).to_string(),
                    format!("{:?}", h.related[0].0),
                )
            })
            .collect()
    }

    #[test]
    fn repeated_paragraphs_and_lines() {
        let p = "Xi will visit Russia this week.\nHe will meet Putin there.";
        let text = format!("{p}\n\nOther news came later today.\n\n{p}\n");
        let found = run(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, p);
        let text = "Xi will visit Russia.\r\nXi  will visit   russia.\r\n";
        assert_eq!(
            run(text),
            [(
                "Xi  will visit   russia.".to_string(),
                "Span { start: 0, end: 21 }".to_string()
            )]
        );
    }

    #[test]
    fn short_or_distinct_lines_repeat_freely() {
        assert!(run("Advertisement\n\nText here.\n\nAdvertisement").is_empty());
        assert!(run("Xi will visit Russia.\nXi will visit China.").is_empty());
        assert!(run("").is_empty());
        assert!(run("One paragraph with enough words in it.").is_empty());
    }
}
