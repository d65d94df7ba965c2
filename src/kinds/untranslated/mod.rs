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

use super::{Check, Hit, KindError};
use crate::document::Document;

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

/// Text covered by allowed phrases (loanwords, idioms), matched whole-word and in any case,
/// with `'` matching `’`, an optional plural `s`/`es` and a possessive `'s`.
#[derive(Debug)]
pub struct AllowList {
    regex: Option<regex::Regex>,
}

impl AllowList {
    pub fn new(entries: &[String]) -> Result<AllowList, KindError> {
        let mut entries: Vec<&str> = entries
            .iter()
            .map(|e| e.trim())
            .filter(|e| !e.is_empty())
            .collect();
        if entries.is_empty() {
            return Ok(AllowList { regex: None });
        }
        entries.sort_by_key(|e| std::cmp::Reverse(e.len()));
        let alt = entries
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
        Ok(AllowList { regex: Some(regex) })
    }

    /// Byte ranges of `text` covered by allowed phrases, in order.
    pub fn covered(&self, text: &str) -> Vec<crate::span::Span> {
        match &self.regex {
            Some(r) => r
                .find_iter(text)
                .map(|m| crate::span::Span::new(m.start(), m.end()))
                .collect(),
            None => Vec::new(),
        }
    }
}

/// True when `span` lies inside one of the sorted `covered` ranges.
pub fn is_covered(covered: &[crate::span::Span], span: crate::span::Span) -> bool {
    let i = covered.partition_point(|c| c.end < span.end);
    covered
        .get(i)
        .is_some_and(|c| c.start <= span.start && span.end <= c.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    #[test]
    fn allow_list_covers_phrases_plurals_and_apostrophes() {
        let a = AllowList::new(&["café".into(), "coup d'état".into()]).unwrap();
        let text = "Two cafés and a coup d’état, not a cafétéria.";
        let covered = a.covered(text);
        let words: Vec<&str> = covered.iter().map(|s| &text[s.as_range()]).collect();
        assert_eq!(words, ["cafés", "coup d’état"]);
        let etat = text.find("d’état").unwrap();
        assert!(is_covered(&covered, Span::new(etat, etat + "d’état".len())));
        assert!(!is_covered(&covered, Span::new(0, 3)));
    }

    #[test]
    fn exactly_one_detector() {
        assert!(compile(toml::from_str("").unwrap()).is_err());
    }
}
