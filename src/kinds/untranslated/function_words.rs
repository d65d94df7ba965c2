//! `[untranslated.function-words]`: a run of another language's function words inside English
//! text (`dans la`, `und die`, `que el`), a sign of an untranslated phrase.
//!
//! A run is at least `min_run` consecutive lower-case words, separated by single spaces, that
//! all belong to one language's list. It is left alone when a capitalised word follows it (a
//! name particle: `de la Rúa`, `von der Leyen`) or when it lies inside an allowed phrase
//! (`à la carte`, `c'est la vie`). The lists should not hold English words (`die`, `son`, `per`).

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::{AllowList, Allowed};
use crate::document::Document;
use crate::kinds::words::{self as w, PieceKind};
use crate::kinds::{Hit, KindError};
use crate::span::Span;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunctionWordsSpec {
    /// Function words per language, keyed by the language's English name (`French`).
    pub languages: BTreeMap<String, Vec<String>>,
    /// The fewest words in a run.
    #[serde(default = "default_min_run")]
    pub min_run: usize,
    /// Phrases that English uses as they are (`à la carte`, `de facto`).
    #[serde(default)]
    pub allow: Vec<String>,
}

fn default_min_run() -> usize {
    2
}

#[derive(Debug)]
pub struct FunctionWords {
    languages: Vec<String>,
    /// Lower-cased word → bit set of languages.
    words: HashMap<String, u64>,
    min_run: usize,
    allow: AllowList,
}

pub fn compile(spec: FunctionWordsSpec) -> Result<FunctionWords, KindError> {
    if spec.languages.is_empty() || spec.languages.len() > 64 {
        return Err(KindError::new(
            "`languages` must list between 1 and 64 languages",
            None,
        ));
    }
    if spec.min_run < 1 {
        return Err(KindError::new("`min_run` must be at least 1", None));
    }
    let mut words: HashMap<String, u64> = HashMap::new();
    let mut languages = Vec::new();
    for (i, (name, list)) in spec.languages.iter().enumerate() {
        languages.push(name.clone());
        for word in list {
            *words.entry(w::normalise(word.trim())).or_default() |= 1 << i;
        }
    }
    Ok(FunctionWords {
        languages,
        words,
        min_run: spec.min_run,
        allow: AllowList::new(&spec.allow)?,
    })
}

impl FunctionWords {
    pub fn check(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text.as_str();
        let pieces = w::pieces(text);
        let allowed = self.allow.in_text(text);
        // The current run: (first piece, last piece, language mask, length).
        let mut run: Option<(usize, usize, u64, usize)> = None;
        let mut i = 0;
        while i <= pieces.len() {
            if pieces.get(i).is_some_and(|p| p.text == " ") {
                i += 1;
                continue;
            }
            let mask = pieces.get(i).and_then(|p| {
                let lower = !p.text.chars().any(char::is_uppercase);
                (p.kind == PieceKind::Word && lower)
                    .then(|| self.words.get(&w::normalise(p.text)).copied())
                    .flatten()
            });
            // Words of a run are separated by exactly one space piece.
            let continues = run.is_some_and(|(_, last, m, _)| {
                i == last + 2
                    && pieces[last + 1].text == " "
                    && mask.is_some_and(|mask| mask & m != 0)
            });
            match (run, mask) {
                (Some((first, _, m, n)), Some(mask)) if continues => {
                    run = Some((first, i, m & mask, n + 1));
                }
                _ => {
                    if let Some(r) = run.take() {
                        self.finish(&pieces, &allowed, r, hits);
                    }
                    if let Some(mask) = mask {
                        run = Some((i, i, mask, 1));
                    }
                }
            }
            i += 1;
        }
    }

    fn finish(
        &self,
        pieces: &[w::Piece],
        allowed: &Allowed<'_>,
        (first, last, mask, n): (usize, usize, u64, usize),
        hits: &mut Vec<Hit>,
    ) {
        if n < self.min_run {
            return;
        }
        // A capitalised word right after the run: a name particle (`de la Rúa`).
        let next_is_name = pieces.get(last + 1).is_some_and(|p| p.text == " ")
            && pieces.get(last + 2).is_some_and(|p| {
                p.kind == PieceKind::Word && p.text.starts_with(char::is_uppercase)
            });
        let span = Span::new(pieces[first].start, pieces[last].span().end);
        if next_is_name || allowed.allows(span) {
            return;
        }
        let language = (0..self.languages.len())
            .find(|b| mask & (1 << b) != 0)
            .map(|b| self.languages[b].clone())
            .unwrap_or_default();
        hits.push(Hit {
            span,
            vars: vec![("language", language)],
            ..Hit::default()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(String, String)> {
        let spec: FunctionWordsSpec = toml::from_str(
            r#"
            allow = ["à la carte", "c'est la vie"]
            [languages]
            French = ["le", "la", "les", "de", "dans", "et", "à", "c'est", "est"]
            Spanish = ["el", "la", "los", "de", "que", "al"]
            German = ["der", "und", "von", "mit"]
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
    fn runs_of_one_language() {
        assert_eq!(
            run("the troops stayed dans la ville and que el pueblo"),
            [
                ("dans la".to_string(), "French".to_string()),
                ("que el".to_string(), "Spanish".to_string())
            ]
        );
        // `de la` belongs to French and Spanish; the first listed language is named.
        assert_eq!(run("de la"), [("de la".to_string(), "French".to_string())]);
        // Mixed languages do not make a run: `et al` is French then Spanish.
        assert!(run("Smith et al said so").is_empty());
    }

    #[test]
    fn names_allowed_phrases_and_edges() {
        assert!(run("Fernando de la Rúa met Ursula von der Leyen.").is_empty());
        assert!(run("a meal à la carte; c’est la vie").is_empty());
        assert!(run("de\r\nla, de. la").is_empty());
        assert!(run("").is_empty());
        assert!(run("De La").is_empty());
        assert_eq!(run("und mit").len(), 1);
    }
}
