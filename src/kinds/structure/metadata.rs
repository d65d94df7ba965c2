//! `[structure.metadata]`: metadata leaked into the start of the text: a date line
//! (` date 2025-05-06 Moscow –`, `Published: 6 May 2025`) or a byline (`By Jane Doe | Updated …`).
//!
//! Only the first lines of the document are looked at. A date key must be followed by a digit
//! within `max_words` words; the metadata runs to the end of the line or, when the article
//! follows on the same line, through the first spaced dash. A byline key must be followed by a
//! capitalised name and fill a short line of its own, so `By the end of the week, …` is prose.
//! Consecutive metadata lines make one diagnostic.

use serde::Deserialize;

use super::{Hit, hit};
use crate::document::Document;
use crate::kinds::KindError;
use crate::kinds::words;
use crate::span::Span;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetadataSpec {
    /// Keys that introduce a date (`date`, `published`, `publié le`), any case.
    pub date_keys: Vec<String>,
    /// Keys that introduce a byline (`by`, `par`), any case.
    #[serde(default)]
    pub byline_keys: Vec<String>,
    /// The most words a metadata line (or the metadata part of a line) may have.
    #[serde(default = "default_max_words")]
    pub max_words: usize,
}

fn default_max_words() -> usize {
    12
}

#[derive(Debug)]
pub struct Metadata {
    date_keys: Vec<String>,
    byline_keys: Vec<String>,
    max_words: usize,
}

pub fn compile(spec: MetadataSpec) -> Result<Metadata, KindError> {
    let prepare = |keys: Vec<String>| -> Result<Vec<String>, KindError> {
        let mut keys: Vec<String> = keys.iter().map(|k| words::normalise(k.trim())).collect();
        if keys.iter().any(String::is_empty) {
            return Err(KindError::new("empty key", None));
        }
        // Longest first, so `last updated` wins over `last`.
        keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
        Ok(keys)
    };
    if spec.date_keys.is_empty() {
        return Err(KindError::new("`date_keys` is empty", None));
    }
    Ok(Metadata {
        date_keys: prepare(spec.date_keys)?,
        byline_keys: prepare(spec.byline_keys)?,
        max_words: spec.max_words,
    })
}

/// Length of `key` at the start of `rest` (any case), when it is followed by a word boundary.
fn key_len(rest: &str, key: &str) -> Option<usize> {
    let mut it = rest.char_indices();
    let mut end = 0;
    for k in key.chars() {
        let (i, c) = it.next()?;
        if words::normalise(&c.to_string()) != k.to_string() {
            return None;
        }
        end = i + c.len_utf8();
    }
    let next = rest[end..].chars().next();
    (!next.is_some_and(crate::kinds::is_word_char)).then_some(end)
}

/// The end (byte offset in `s`, after the dash) of the first spaced dash.
fn spaced_dash_end(s: &str) -> Option<usize> {
    [" – ", " — ", " - ", " -- "]
        .iter()
        .filter_map(|d| s.find(d).map(|i| i + d.trim_end().len()))
        .min()
}

impl Metadata {
    /// The metadata part of a line (its byte length from the line's start) and whether the
    /// article goes on after it on the same line.
    fn metadata_part(&self, line: &str) -> Option<(usize, bool)> {
        let lead = line.len() - line.trim_start().len();
        let rest = &line[lead..];
        let lower_rest = rest;
        for key in &self.date_keys {
            let Some(k) = key_len(lower_rest, key) else {
                continue;
            };
            let after = &rest[k..];
            let (part, goes_on) = match spaced_dash_end(after) {
                Some(d) => (&rest[..k + d], true),
                None => (rest.trim_end(), false),
            };
            if part.chars().any(|c| c.is_ascii_digit()) && words::word_count(part) <= self.max_words
            {
                return Some((lead + part.len(), goes_on));
            }
        }
        for key in &self.byline_keys {
            let Some(k) = key_len(rest, key) else {
                continue;
            };
            let name_starts_capitalised = rest[k..]
                .trim_start_matches([' ', ':'])
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            let whole = rest.trim_end();
            if name_starts_capitalised
                && words::word_count(whole) <= self.max_words
                && !whole.ends_with('.')
            {
                return Some((lead + whole.len(), false));
            }
        }
        None
    }

    pub fn check(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text.as_str();
        let mut found: Option<Span> = None;
        for line in words::lines(text) {
            let content = &text[line.as_range()];
            if content.trim().is_empty() {
                continue;
            }
            let Some((len, goes_on)) = self.metadata_part(content) else {
                break;
            };
            // The first line's leading whitespace is part of the leak (an article does not start
            // with a space); later lines start at their text.
            let start = match found {
                Some(_) => words::trim(text, line).start,
                None => line.start,
            };
            let span = Span::new(start, line.start + len);
            found = Some(match found {
                Some(f) => Span::new(f.start, span.end),
                None => span,
            });
            if goes_on {
                break;
            }
        }
        if let Some(span) = found {
            hits.push(hit(span, &[], Vec::new()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<String> {
        let m = compile(
            toml::from_str(
                r#"date_keys = ["date", "published", "updated", "last updated", "publié le"]
                   byline_keys = ["by", "par"]"#,
            )
            .unwrap(),
        )
        .unwrap();
        let doc = Document::plain(text);
        let mut hits = Vec::new();
        m.check(&doc, &mut hits);
        hits.iter().map(|h| doc.slice(h.span).to_string()).collect()
    }

    #[test]
    fn leaked_date_glued_to_the_first_sentence() {
        assert_eq!(
            run(" date 2025-05-06 Moscow – Chinese President Xi Jinping is expected to visit."),
            [" date 2025-05-06 Moscow –"]
        );
    }

    #[test]
    fn metadata_lines_merge() {
        assert_eq!(
            run(
                "Published: 6 May 2025\r\nLast updated: 7 May 2025 10:32\r\n\r\nMOSCOW — Xi arrived."
            ),
            ["Published: 6 May 2025\r\nLast updated: 7 May 2025 10:32"]
        );
        assert_eq!(
            run("By Jane Doe | Updated 6 May 2025\nXi arrived."),
            ["By Jane Doe | Updated 6 May 2025"]
        );
        assert_eq!(
            run("\n\nPublié le 6 mai 2025\nXi"),
            ["Publié le 6 mai 2025"]
        );
    }

    #[test]
    fn prose_and_datelines_are_not_metadata() {
        assert!(
            run("By the end of the week – when markets closed – the deal was done.").is_empty()
        );
        assert!(run("PARIS (Reuters) - France's president said on Monday.").is_empty());
        assert!(run("Dated pottery was found. Published: 2025").is_empty());
        assert!(run("Updated figures – as the ministry put it – were late.").is_empty());
        assert!(run("").is_empty());
        assert!(run("Date").is_empty());
        // A byline sentence is prose.
        assert!(run("By Monday, he said, it will be over.").is_empty());
    }
}
