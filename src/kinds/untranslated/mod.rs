//! `untranslated`: source-language leftovers in English text.
//!
//! One kind, three detectors; a rule picks exactly one with a sub-table:
//!
//! - `[untranslated.words]`: a lower-case word with non-English diacritics that is not on the
//!   allow-list of English loanwords (`stoké`, but not `café` or `coup d'état`);
//! - `[untranslated.function-words]`: a run of another language's function words inside English
//!   text (`dans la`, `und die`), not a particle of a name (`de la Rúa`, `von der Leyen`);
//! - `[untranslated.sentences]`: a whole sentence in another language, identified with the
//!   whatlang crate and confirmed by a lack of English function words.
//!
//! Runs of another script (`МЧС`, `新`) and full-width punctuation need no Rust: they are
//! `pattern` and `substitution` rules. Word lists and thresholds live in the rule files.

mod function_words;
mod sentences;
mod words;

use serde::Deserialize;

use std::collections::HashSet;

use super::words as w;
use super::{Check, Hit, KindError};
use crate::document::Document;
use crate::span::Span;

pub const PLACEHOLDERS: &[&str] = &["found", "replacement", "language"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UntranslatedSpec {
    #[serde(default)]
    pub words: Option<words::WordsSpec>,
    #[serde(default, rename = "function-words")]
    pub function_words: Option<function_words::FunctionWordsSpec>,
    #[serde(default)]
    pub sentences: Option<sentences::SentencesSpec>,
}

const DETECTORS: &str =
    "[untranslated.words], [untranslated.function-words] or [untranslated.sentences]";

#[derive(Debug)]
pub enum Untranslated {
    Words(words::Words),
    FunctionWords(function_words::FunctionWords),
    Sentences(sentences::Sentences),
}

pub fn compile(spec: UntranslatedSpec) -> Result<Untranslated, KindError> {
    let present = [
        spec.words.is_some(),
        spec.function_words.is_some(),
        spec.sentences.is_some(),
    ]
    .iter()
    .filter(|p| **p)
    .count();
    if present != 1 {
        return Err(KindError::new(
            format!("[untranslated] needs exactly one detector table: {DETECTORS}"),
            None,
        ));
    }
    Ok(if let Some(s) = spec.words {
        Untranslated::Words(words::compile(s)?)
    } else if let Some(s) = spec.function_words {
        Untranslated::FunctionWords(function_words::compile(s)?)
    } else if let Some(s) = spec.sentences {
        Untranslated::Sentences(sentences::compile(s)?)
    } else {
        return Err(KindError::new(
            format!("[untranslated] needs {DETECTORS}"),
            None,
        ));
    })
}

impl Check for Untranslated {
    fn check(&self, doc: &Document, hits: &mut Vec<Hit>) {
        match self {
            Untranslated::Words(d) => d.check(doc, hits),
            Untranslated::FunctionWords(d) => d.check(doc, hits),
            Untranslated::Sentences(d) => d.check(doc, hits),
        }
    }
}

/// Allowed words and phrases (loanwords, idioms), matched whole-word and in any case, with `'`
/// matching `’`, an optional plural `s`/`es` and a possessive `'s`. Single words are looked up
/// in a set; phrases (`coup d'état`, `tête-à-tête`) with a regex run only on the line of a
/// candidate, so a long allow-list costs nothing on text without candidates.
#[derive(Debug)]
pub struct AllowList {
    words: HashSet<String>,
    phrases: Option<regex::Regex>,
}

impl AllowList {
    pub fn new(entries: &[String]) -> Result<AllowList, KindError> {
        let mut words = HashSet::new();
        let mut phrases: Vec<&str> = Vec::new();
        for e in entries.iter().map(|e| e.trim()).filter(|e| !e.is_empty()) {
            if e.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '\'' | '’'))
            {
                words.insert(w::normalise(e));
            } else {
                phrases.push(e);
            }
        }
        if phrases.is_empty() {
            return Ok(AllowList {
                words,
                phrases: None,
            });
        }
        phrases.sort_by_key(|e| std::cmp::Reverse(e.len()));
        let alt = phrases
            .iter()
            .map(|e| {
                regex::escape(e)
                    .replace(['\'', '’'], "['’]")
                    .replace(' ', r"\s+")
            })
            .collect::<Vec<_>>()
            .join("|");
        let regex = regex::RegexBuilder::new(&format!(r"(?i)\b(?:{alt})(?:s|es)?(?:['’]s)?\b"))
            .size_limit(50 * (1 << 20))
            .build()
            .map_err(|e| KindError::new(format!("cannot compile the allow-list: {e}"), None))?;
        Ok(AllowList {
            words,
            phrases: Some(regex),
        })
    }

    fn word_allowed(&self, word: &str) -> bool {
        let word = w::normalise(word);
        let stem = word.strip_suffix("'s").unwrap_or(&word);
        self.words.contains(stem)
            || stem
                .strip_suffix("es")
                .is_some_and(|s| self.words.contains(s))
            || stem
                .strip_suffix('s')
                .is_some_and(|s| self.words.contains(s))
    }

    /// The allow-list applied to one text: allowed phrases are found once, line by line, so
    /// checking each word is a binary search (scanning the word's line for every word was
    /// quadratic on a long single-line file).
    pub fn in_text<'a>(&'a self, text: &'a str) -> Allowed<'a> {
        let mut phrases = Vec::new();
        if let Some(regex) = &self.phrases {
            let mut start = 0;
            for line in text.split_inclusive('\n') {
                let content = line.strip_suffix('\n').unwrap_or(line);
                phrases.extend(
                    regex
                        .find_iter(content)
                        .map(|m| Span::new(start + m.start(), start + m.end())),
                );
                start += line.len();
            }
        }
        Allowed {
            list: self,
            text,
            phrases,
        }
    }
}

/// An [`AllowList`] with the allowed phrases of one text found.
pub struct Allowed<'a> {
    list: &'a AllowList,
    text: &'a str,
    /// Matches of the allowed phrases, in order, not overlapping.
    phrases: Vec<Span>,
}

impl Allowed<'_> {
    /// True when `span` of the text is an allowed word or lies inside an allowed phrase.
    pub fn allows(&self, span: Span) -> bool {
        if self.list.word_allowed(&self.text[span.as_range()]) {
            return true;
        }
        let i = self.phrases.partition_point(|p| p.start <= span.start);
        i > 0 && span.end <= self.phrases[i - 1].end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_list_covers_words_phrases_plurals_and_apostrophes() {
        let a =
            AllowList::new(&["café".into(), "coup d'état".into(), "tête-à-tête".into()]).unwrap();
        let text = "Two cafés and a coup d’état, a tête-à-tête, not a cafétéria.";
        let at = |word: &str| {
            let i = text.find(word).unwrap();
            Span::new(i, i + word.len())
        };
        let a = a.in_text(text);
        assert!(a.allows(at("cafés")));
        assert!(a.allows(at("d’état")));
        assert!(a.allows(at("tête")));
        assert!(!a.allows(at("cafétéria")));
        assert!(!a.allows(Span::new(0, 3)));
    }

    #[test]
    fn exactly_one_detector() {
        assert!(compile(toml::from_str("").unwrap()).is_err());
    }
}
