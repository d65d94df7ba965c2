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

    /// True when `span` of `text` is an allowed word or lies inside an allowed phrase.
    pub fn allows(&self, text: &str, span: Span) -> bool {
        if self.word_allowed(&text[span.as_range()]) {
            return true;
        }
        let Some(regex) = &self.phrases else {
            return false;
        };
        let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let end = text[span.end..]
            .find('\n')
            .map_or(text.len(), |i| span.end + i);
        regex
            .find_iter(&text[start..end])
            .any(|m| start + m.start() <= span.start && span.end <= start + m.end())
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
        assert!(a.allows(text, at("cafés")));
        assert!(a.allows(text, at("d’état")));
        assert!(a.allows(text, at("tête")));
        assert!(!a.allows(text, at("cafétéria")));
        assert!(!a.allows(text, Span::new(0, 3)));
    }

    #[test]
    fn exactly_one_detector() {
        assert!(compile(toml::from_str("").unwrap()).is_err());
    }
}
