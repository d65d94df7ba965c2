//! `repetition`: the same word twice in a row (`the the`), a classic MT and editing slip.
//!
//! Words come from Unicode word segmentation; two words count as repeated when only spaces or
//! tabs separate them (a line break or punctuation in between is left alone) and they are equal
//! ignoring case. Words in `allow` (e.g. `had had`, `that that`) are never flagged.

use serde::Deserialize;
use unicode_segmentation::UnicodeSegmentation;

use super::{Check, Hit, KindError};
use crate::document::Document;
use crate::span::Span;

pub const PLACEHOLDERS: &[&str] = &["found", "replacement", "word"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepetitionSpec {
    /// Words that may legitimately repeat.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Only letters repeat as words; numbers (`20 20`) are skipped unless this is set.
    #[serde(default)]
    pub numbers: bool,
    /// Leave capitalised repeats alone (`Ni Ni`, `Li Li`: reduplicated names).
    #[serde(default)]
    pub skip_capitalized: bool,
}

#[derive(Debug)]
pub struct Repetition {
    allow: Vec<String>,
    numbers: bool,
    skip_capitalized: bool,
}

pub fn compile(spec: RepetitionSpec) -> Result<Repetition, KindError> {
    Ok(Repetition {
        allow: spec.allow.iter().map(|w| w.to_lowercase()).collect(),
        numbers: spec.numbers,
        skip_capitalized: spec.skip_capitalized,
    })
}

impl Check for Repetition {
    fn check(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text.as_str();
        // (start, end) of the previous word and whether only blanks followed it since.
        let mut previous: Option<(usize, usize)> = None;
        for (start, piece) in text.split_word_bound_indices() {
            let is_word = piece.chars().any(char::is_alphanumeric);
            if !is_word {
                if !piece.chars().all(|c| c == ' ' || c == '\t') {
                    previous = None;
                }
                continue;
            }
            let end = start + piece.len();
            if let Some((p_start, p_end)) = previous {
                let first = &text[p_start..p_end];
                let repeated = first.to_lowercase() == piece.to_lowercase()
                    && p_end < start
                    && (self.numbers || piece.chars().any(char::is_alphabetic))
                    && !self.allow.contains(&piece.to_lowercase())
                    && !(self.skip_capitalized
                        && piece.chars().next().is_some_and(char::is_uppercase));
                if repeated {
                    hits.push(Hit {
                        span: Span::new(p_start, end),
                        replacements: vec![first.to_string()],
                        vars: vec![("word", first.to_string())],
                        related: Vec::new(),
                    });
                    previous = None;
                    continue;
                }
            }
            previous = Some((start, end));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let rep = compile(RepetitionSpec {
            allow: vec!["had".into()],
            numbers: false,
            skip_capitalized: true,
        })
        .unwrap();
        let doc = Document::plain(text);
        let mut hits = Vec::new();
        rep.check(&doc, &mut hits);
        hits.iter().map(|h| doc.slice(h.span).to_string()).collect()
    }

    #[test]
    fn flags_repeats_on_one_line_only() {
        assert_eq!(
            found("The the cat sat on on the mat."),
            ["The the", "on on"]
        );
        assert!(found("It had had enough. Go.\nGo away. 20 20 vision, the, the").is_empty());
        assert_eq!(found("the the the"), ["the the"]);
        assert!(found("She played Ni Ni in the film.").is_empty());
    }
}
