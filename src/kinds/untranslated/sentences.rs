//! `[untranslated.sentences]`: a whole sentence in another language.
//!
//! Each sentence (Unicode sentence segmentation) of at least `min_words` words is identified
//! with whatlang among `languages`; it is flagged when whatlang names a language other than
//! English, says the result is reliable with at least `min_confidence`, and the sentence has
//! fewer than `max_english_share` English function words and at least `min_foreign_words`
//! function words of other languages (which keeps English sentences full of foreign names, and
//! garbled English, from being flagged).

use std::collections::HashSet;

use serde::Deserialize;
use unicode_segmentation::UnicodeSegmentation;
use whatlang::{Detector, Lang};

use crate::document::Document;
use crate::kinds::words as w;
use crate::kinds::{Hit, KindError};
use crate::span::Span;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentencesSpec {
    /// whatlang (ISO 639-3) codes of the languages to tell apart; must include `eng`.
    pub languages: Vec<String>,
    /// Shorter sentences (in words) are not identified: too little evidence.
    #[serde(default = "default_min_words")]
    pub min_words: usize,
    /// The least whatlang confidence (0 to 1).
    #[serde(default = "default_min_confidence")]
    pub min_confidence: f64,
    /// English function words (`the`, `of`, `and`).
    pub english: Vec<String>,
    /// A sentence with at least this share of English function words is English.
    #[serde(default = "default_max_english_share")]
    pub max_english_share: f64,
    /// Function words of the other languages (`le`, `der`, `que`).
    pub foreign: Vec<String>,
    /// A sentence needs at least this many of them: whatlang alone calls garbled English
    /// headlines French.
    #[serde(default = "default_min_foreign_words")]
    pub min_foreign_words: usize,
}

fn default_min_foreign_words() -> usize {
    2
}

fn default_min_words() -> usize {
    6
}
fn default_min_confidence() -> f64 {
    0.9
}
fn default_max_english_share() -> f64 {
    0.1
}

pub struct Sentences {
    detector: Detector,
    min_words: usize,
    min_confidence: f64,
    english: HashSet<String>,
    max_english_share: f64,
    foreign: HashSet<String>,
    min_foreign_words: usize,
}

impl std::fmt::Debug for Sentences {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sentences")
            .field("min_words", &self.min_words)
            .field("min_confidence", &self.min_confidence)
            .finish_non_exhaustive()
    }
}

pub fn compile(spec: SentencesSpec) -> Result<Sentences, KindError> {
    let mut langs = Vec::new();
    for code in &spec.languages {
        let lang = Lang::from_code(code.as_str()).ok_or_else(|| {
            KindError::new(
                format!("unknown language code `{code}` (use whatlang's ISO 639-3 codes: eng, fra, spa, deu, …)"),
                None,
            )
        })?;
        langs.push(lang);
    }
    if !langs.contains(&Lang::Eng) || langs.len() < 2 {
        return Err(KindError::new(
            "`languages` must include `eng` and at least one other language",
            None,
        ));
    }
    if !(0.0..=1.0).contains(&spec.min_confidence) || !(0.0..=1.0).contains(&spec.max_english_share)
    {
        return Err(KindError::new(
            "`min_confidence` and `max_english_share` must be between 0 and 1",
            None,
        ));
    }
    if spec.english.is_empty() {
        return Err(KindError::new("`english` is empty", None));
    }
    Ok(Sentences {
        detector: Detector::with_allowlist(langs),
        min_words: spec.min_words,
        min_confidence: spec.min_confidence,
        english: spec.english.iter().map(|e| w::normalise(e)).collect(),
        max_english_share: spec.max_english_share,
        foreign: spec.foreign.iter().map(|e| w::normalise(e)).collect(),
        min_foreign_words: spec.min_foreign_words,
    })
}

impl Sentences {
    pub fn check(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text.as_str();
        for (start, sentence) in text.split_sentence_bound_indices() {
            let span = w::trim(text, Span::new(start, start + sentence.len()));
            let s = &text[span.as_range()];
            let words: Vec<&str> = s
                .split_word_bounds()
                .filter(|x| x.chars().any(char::is_alphabetic))
                .collect();
            if words.len() < self.min_words {
                continue;
            }
            let english = words
                .iter()
                .filter(|x| self.english.contains(&w::normalise(x)))
                .count();
            let foreign = words
                .iter()
                .filter(|x| self.foreign.contains(&w::normalise(x)))
                .count();
            if english as f64 >= self.max_english_share * words.len() as f64
                || foreign < self.min_foreign_words
            {
                continue;
            }
            let Some(info) = self.detector.detect(s) else {
                continue;
            };
            if info.lang() != Lang::Eng
                && info.is_reliable()
                && info.confidence() >= self.min_confidence
            {
                hits.push(Hit {
                    span,
                    vars: vec![("language", info.lang().eng_name().to_string())],
                    ..Hit::default()
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(String, String)> {
        let spec: SentencesSpec = toml::from_str(
            r#"
            languages = ["eng", "fra", "spa", "deu"]
            english = ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "was", "he", "it"]
            foreign = ["le", "la", "les", "que", "el", "las", "der", "die", "das", "pour"]
            "#,
        )
        .unwrap();
        let d = compile(spec).unwrap();
        let doc = Document::plain(text);
        let mut hits = Vec::new();
        d.check(&doc, &mut hits);
        hits.iter()
            .map(|h| (doc.slice(h.span).to_string(), h.vars[0].1.clone()))
            .collect()
    }

    #[test]
    fn foreign_sentences() {
        let fr = "Le président a déclaré que la situation était très grave pour le pays.";
        let text =
            format!("Xi arrived in Moscow on Monday for talks with the president.\r\n{fr}\r\n");
        assert_eq!(run(&text), [(fr.to_string(), "French".to_string())]);
        assert_eq!(run(fr).len(), 1);
    }

    #[test]
    fn english_with_names_is_english() {
        assert!(
            run("Antonio José Seguro Poised for Landslide Win in Portugal Presidential Runoff")
                .is_empty()
        );
        assert!(run("Bosnian Serb Presidential Rerun Confirms Victory for Dodik Ally").is_empty());
        assert!(run("Short one. Très bien.").is_empty());
        // whatlang calls this garbled English French; it has no French function words.
        assert!(run("Reward 50000 yuan Hubei Enshi praises sand dam landslide \"first person to warn\" - China News Service").is_empty());
        assert!(run("").is_empty());
    }

    #[test]
    fn bad_codes() {
        let spec: SentencesSpec =
            toml::from_str("languages = ['eng', 'xxx']\nenglish = ['the']\nforeign = ['le']")
                .unwrap();
        assert!(compile(spec).unwrap_err().message.contains("xxx"));
        let spec: SentencesSpec =
            toml::from_str("languages = ['fra']\nenglish = ['the']\nforeign = ['le']").unwrap();
        assert!(compile(spec).is_err());
    }
}
