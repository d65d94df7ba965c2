//! `casing`: the same word written in different casings in one document (`Mr. XI` beside
//! `Mr. Xi`, `kyiv` beside `Kyiv`), the variants inferred from the document itself.
//!
//! Every word is counted under its lower-cased form, by surface (`Xi`, `XI`, `xi`), except where
//! its casing says nothing: a capital at the start of a sentence, a heading in capitals or in
//! title case, a quoted title (`“Watch Livecast from Villages”`), a dateline in capitals at the
//! start of a line. The most frequent surface is the usual one; each other surface that is rarer
//! is flagged at every occurrence, with a related span at an occurrence of the usual form
//! (preferably one after the same word, `Mr. Xi` for `Mr. XI`) and a fix to it.
//!
//! Lower case and capitals are never compared (`us`/`US`, `who`/`WHO`). A lower-case form is
//! only compared with capitalised occurrences that stand alone as a name: not inside a longer
//! name (`World Bank`, `President Xi`) and not after a determiner (`the Company`); and it is not
//! flagged after a determiner itself (`the bank`). Which shapes may be usual and which are
//! flagged is the rule's choice, as are the lists (abbreviations, determiners, ignored words).

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::words::{self, Piece, PieceKind, Shape};
use super::{Check, Hit, KindError};
use crate::document::Document;
use crate::span::Span;

pub const PLACEHOLDERS: &[&str] = &["found", "replacement", "usual", "count", "shape"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CasingSpec {
    /// Shapes the usual form may have (`title`, `upper`, `mixed`).
    pub usual: Spanned<Vec<Shape>>,
    /// Shapes of the odd forms that are flagged.
    pub flag: Spanned<Vec<Shape>>,
    /// The usual form must occur at least this often (where its casing counts).
    #[serde(default = "default_min_usual")]
    pub min_usual: usize,
    /// Words shorter than this (in letters) are skipped.
    #[serde(default = "default_min_letters")]
    pub min_letters: usize,
    /// Words whose full stop does not end a sentence (`Mr`, `Gen`), any case.
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// A lower-case form after one of these (`the bank`) is an ordinary noun, not a name.
    #[serde(default)]
    pub determiners: Vec<String>,
    /// Lower-case words that link the parts of a name (`Bank of England`, `Charles de Gaulle`).
    #[serde(default)]
    pub connectors: Vec<String>,
    /// Words that link parts of a name only between longer names (`and` in `Public Health and
    /// Pandemic Prevention`, but not in `Moscow and Kyiv`).
    #[serde(default)]
    pub weak_connectors: Vec<String>,
    /// Words never compared (legitimately written both ways: `Western`/`western`).
    #[serde(default)]
    pub ignore: Vec<String>,
    /// A line with at least this share of its long words capitalised, and no full stop at the
    /// end, is a title-case heading: its capitals say nothing.
    #[serde(default = "default_title_ratio")]
    pub title_line_ratio: f64,
    /// Never flag a lower-case form that is a common English word (`may` beside the month
    /// `May`, `field` beside `Field`): the built-in word list (src/lexicon) decides.
    #[serde(default)]
    pub common_words: bool,
}

fn default_min_usual() -> usize {
    2
}
fn default_min_letters() -> usize {
    2
}
fn default_title_ratio() -> f64 {
    0.6
}

#[derive(Debug)]
pub struct Casing {
    usual: Vec<Shape>,
    flag: Vec<Shape>,
    min_usual: usize,
    min_letters: usize,
    abbreviations: HashSet<String>,
    determiners: HashSet<String>,
    connectors: HashSet<String>,
    weak_connectors: HashSet<String>,
    ignore: HashSet<String>,
    title_line_ratio: f64,
    common_words: bool,
}

pub fn compile(spec: CasingSpec) -> Result<Casing, KindError> {
    if spec.usual.get_ref().is_empty() {
        return Err(KindError::new("`usual` is empty", Some(spec.usual.span())));
    }
    if spec.flag.get_ref().is_empty() {
        return Err(KindError::new("`flag` is empty", Some(spec.flag.span())));
    }
    if spec.usual.get_ref().contains(&Shape::Lower) {
        return Err(KindError::new(
            "`lower` cannot be a usual shape: a lower-case word is an ordinary word, and its \
             capitalised forms are legitimate (sentence starts, names, titles)",
            Some(spec.usual.span()),
        ));
    }
    if !(0.0..=1.0).contains(&spec.title_line_ratio) {
        return Err(KindError::new(
            "`title_line_ratio` must be between 0 and 1",
            None,
        ));
    }
    if spec.min_usual == 0 {
        return Err(KindError::new("`min_usual` must be at least 1", None));
    }
    let set = |v: Vec<String>| v.iter().map(|w| words::normalise(w)).collect();
    Ok(Casing {
        usual: spec.usual.into_inner(),
        flag: spec.flag.into_inner(),
        min_usual: spec.min_usual,
        min_letters: spec.min_letters,
        abbreviations: set(spec.abbreviations),
        determiners: set(spec.determiners),
        connectors: set(spec.connectors),
        weak_connectors: set(spec.weak_connectors),
        ignore: set(spec.ignore),
        title_line_ratio: spec.title_line_ratio,
        common_words: spec.common_words,
    })
}

/// One occurrence of a word whose casing counts.
#[derive(Debug, Clone)]
struct Occurrence {
    span: Span,
    shape: Shape,
    /// The lower-cased word before it on the line, if any.
    previous: Option<String>,
    /// A capitalised word that is not part of a longer capitalised name.
    standalone: bool,
    after_determiner: bool,
}

impl Casing {
    /// Occurrences grouped by lower-cased word, then by surface, in document order.
    fn occurrences(&self, doc: &Document) -> HashMap<String, Vec<(String, Occurrence)>> {
        let text = doc.text.as_str();
        let pieces = words::pieces(text);
        let lines = words::lines(text);
        // Per line: (caps heading, title-case heading).
        let line_class: Vec<(bool, bool)> = lines
            .iter()
            .map(|l| {
                let s = &text[l.as_range()];
                (
                    words::is_caps_line(s),
                    words::is_title_case_line(s, self.title_line_ratio),
                )
            })
            .collect();
        let quoted_titles = words::title_case_quotes(text, self.title_line_ratio);
        let in_quoted_title = |at: usize| quoted_titles.iter().any(|q| q.start <= at && at < q.end);
        let mut line = 0;
        let mut leading_caps = true; // still in the run of capitals that opens a line
        let mut by_key: HashMap<String, Vec<(String, Occurrence)>> = HashMap::new();
        for (i, piece) in pieces.iter().enumerate() {
            if piece.kind == PieceKind::Break {
                leading_caps = true;
                continue;
            }
            if piece.kind != PieceKind::Word {
                continue;
            }
            while line + 1 < lines.len() && lines[line].end < piece.start {
                line += 1;
            }
            let stem = words::strip_possessive(piece.text);
            let Some(shape) = Shape::of(stem) else {
                continue;
            };
            let in_leading_caps = leading_caps && shape == Shape::Upper;
            leading_caps = in_leading_caps;
            let letters = stem.chars().filter(|c| c.is_alphabetic()).count();
            if letters < self.min_letters || stem.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            let key = stem.to_lowercase();
            if self.ignore.contains(&words::normalise(&key)) {
                continue;
            }
            let (caps_line, title_line) = line_class.get(line).copied().unwrap_or_default();
            let neutral = caps_line
                || in_leading_caps
                || (shape == Shape::Title
                    && (title_line
                        || in_quoted_title(piece.start)
                        || words::is_sentence_start(&pieces, i, &self.abbreviations)));
            if neutral {
                continue;
            }
            let previous = words::previous_word(&pieces, i).map(words::normalise);
            let after_determiner = previous
                .as_ref()
                .is_some_and(|p| self.determiners.contains(p));
            // `the Company`, `the Kremlin`: after a determiner a capital marks an institution or
            // a defined term, which English also writes in lower case; no evidence of a name.
            let standalone =
                shape != Shape::Lower && !after_determiner && !self.in_name(&pieces, i);
            by_key.entry(key).or_default().push((
                stem.to_string(),
                Occurrence {
                    span: Span::new(piece.start, piece.start + stem.len()),
                    shape,
                    previous,
                    standalone,
                    after_determiner,
                },
            ));
        }
        by_key
    }

    /// True when the capitalised word at `i` is part of a longer name: a capitalised word next
    /// to it on the line, directly or through connectors (`Bank of England`), or across an
    /// abbreviation's full stop (`Mr. Xi` is not: the title is not part of the name).
    fn in_name(&self, pieces: &[Piece], i: usize) -> bool {
        let capitalised = |p: &Piece| {
            p.kind == PieceKind::Word && p.text.chars().next().is_some_and(char::is_uppercase)
        };
        for step in [-1isize, 1] {
            let mut j = i as isize;
            let mut crossed_space = false;
            let mut weak = false;
            let at = |j: isize| usize::try_from(j).ok().and_then(|j| pieces.get(j));
            loop {
                j += step;
                let Some(p) = at(j) else {
                    break;
                };
                match p.kind {
                    PieceKind::Space if !crossed_space => crossed_space = true,
                    PieceKind::Word if crossed_space => {
                        if capitalised(p) {
                            // Across `and`, the far word must itself be in a name
                            // (`Public Health and Pandemic`, not `Moscow and Kyiv`).
                            let far_in_name = at(j + step).is_some_and(|s| s.text == " ")
                                && at(j + 2 * step).is_some_and(capitalised);
                            if !weak || far_in_name {
                                return true;
                            }
                            break;
                        }
                        let word = words::normalise(p.text);
                        if self.connectors.contains(&word) {
                            crossed_space = false;
                            continue;
                        }
                        if self.weak_connectors.contains(&word) {
                            crossed_space = false;
                            weak = true;
                            continue;
                        }
                        break;
                    }
                    _ => break,
                }
            }
        }
        false
    }
}

impl Check for Casing {
    fn check(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let by_key = self.occurrences(doc);
        let mut keys: Vec<&String> = by_key.keys().collect();
        keys.sort();
        for key in keys {
            let occurrences = &by_key[key];
            // Surfaces in order of first appearance, with their counts.
            let mut surfaces: Vec<(&str, usize)> = Vec::new();
            for (surface, _) in occurrences {
                match surfaces.iter_mut().find(|(s, _)| s == surface) {
                    Some((_, n)) => *n += 1,
                    None => surfaces.push((surface, 1)),
                }
            }
            if surfaces.len() < 2 {
                continue;
            }
            // The most frequent surface; the first seen wins a tie.
            let Some(&(usual, usual_count)) = surfaces.iter().rev().max_by_key(|(_, n)| *n) else {
                continue;
            };
            let usual_occurrences: Vec<&Occurrence> = occurrences
                .iter()
                .filter(|(s, _)| s == usual)
                .map(|(_, o)| o)
                .collect();
            let usual_shape = usual_occurrences[0].shape;
            if !self.usual.contains(&usual_shape) || usual_count < self.min_usual {
                continue;
            }
            let standalone = usual_occurrences.iter().filter(|o| o.standalone).count();
            for &(odd, odd_count) in &surfaces {
                if odd == usual || odd_count >= usual_count {
                    continue;
                }
                let odd_shape = occurrences
                    .iter()
                    .find(|(s, _)| s == odd)
                    .map(|(_, o)| o.shape)
                    .unwrap_or(Shape::Lower);
                if !self.flag.contains(&odd_shape) || !comparable(usual_shape, odd_shape) {
                    continue;
                }
                if odd_shape == Shape::Lower && standalone < self.min_usual {
                    continue;
                }
                // `may` beside `May`: an ordinary word, not a name in the wrong case.
                if odd_shape == Shape::Lower
                    && self.common_words
                    && crate::lexicon::is_english_word(&odd.to_lowercase())
                {
                    continue;
                }
                for (_, o) in occurrences.iter().filter(|(s, _)| s == odd) {
                    if o.shape == Shape::Lower && o.after_determiner {
                        continue;
                    }
                    let related = usual_occurrences
                        .iter()
                        .find(|u| u.previous.is_some() && u.previous == o.previous)
                        .or_else(|| {
                            usual_occurrences
                                .iter()
                                .rev()
                                .find(|u| u.span.start < o.span.start)
                        })
                        .unwrap_or(&usual_occurrences[0]);
                    hits.push(Hit {
                        span: o.span,
                        replacements: vec![usual.to_string()],
                        vars: vec![
                            ("usual", usual.to_string()),
                            ("count", usual_count.to_string()),
                            ("shape", odd_shape.as_str().to_string()),
                        ],
                        related: vec![(
                            related.span,
                            format!("usually written `{usual}` ({usual_count} times), as here"),
                        )],
                    });
                }
            }
        }
    }
}

/// Lower case and capitals are never compared: `us`/`US`, `who`/`WHO` are different words.
fn comparable(a: Shape, b: Shape) -> bool {
    !matches!(
        (a, b),
        (Shape::Lower, Shape::Upper) | (Shape::Upper, Shape::Lower)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Casing {
        let spec: CasingSpec = toml::from_str(
            r#"
            usual = ["title", "mixed"]
            flag = ["lower", "upper", "mixed", "title"]
            abbreviations = ["mr", "mrs", "dr"]
            determiners = ["the", "a", "an", "its"]
            connectors = ["of", "de"]
            weak_connectors = ["and"]
            ignore = ["western"]
            "#,
        )
        .unwrap();
        compile(spec).unwrap()
    }

    fn acronyms() -> Casing {
        let spec: CasingSpec = toml::from_str(
            r#"
            usual = ["upper"]
            flag = ["title", "mixed"]
            abbreviations = ["mr"]
            "#,
        )
        .unwrap();
        compile(spec).unwrap()
    }

    fn run(c: &Casing, text: &str) -> Vec<(String, String, String)> {
        let doc = Document::plain(text);
        let mut hits = Vec::new();
        c.check(&doc, &mut hits);
        hits.sort_by_key(|h| h.span);
        hits.iter()
            .map(|h| {
                (
                    doc.slice(h.span).to_string(),
                    h.replacements[0].clone(),
                    // the related span with the word before it
                    doc.text[h.related[0].0.start.saturating_sub(4)..h.related[0].0.end]
                        .to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn upper_case_name_against_title_case() {
        let text = "President Xi Jinping arrived. Mr. XI spoke. Later Mr. Xi left; Mr. Xi’s aides and Mr. XI’s guards.";
        let found = run(&names(), text);
        assert_eq!(
            found,
            [
                ("XI".into(), "Xi".into(), "Mr. Xi".into()),
                ("XI".into(), "Xi".into(), "Mr. Xi".into()),
            ]
        );
    }

    #[test]
    fn lower_case_name_against_standalone_name() {
        let text = "Moscow and Kyiv talked. Aid reached Kyiv, which kyiv denied.";
        assert_eq!(
            run(&names(), text),
            [("kyiv".into(), "Kyiv".into(), "hed Kyiv".into())]
        );
        // `Bank` only inside names, and `the bank` after a determiner: ordinary nouns.
        let text = "The World Bank lent. The Bank of England agreed. Then bank officials and the bank said so.";
        assert!(run(&names(), text).is_empty());
        // Compass words are on the ignore list.
        assert!(
            run(
                &names(),
                "Western allies and Western banks met in western Ukraine."
            )
            .is_empty()
        );
        // `and` inside a long name links it; between two single names it does not.
        let text = "The Committee on Public Health and Pandemic Prevention met. The Public Health and Pandemic office and Health and Pandemic left; the pandemic spread.";
        assert!(run(&names(), text).is_empty(), "{:?}", run(&names(), text));
    }

    #[test]
    fn sentence_starts_headings_and_datelines_are_neutral() {
        let text = "PARIS (Reuters) - The talks ended.\n\nNATO AND THE IMF\n\nThe the. Paris and Paris, Paris agreed. NATO and the IMF met; NATO left.\nTrump Signs Order On Paris Talks\n";
        assert!(run(&names(), text).is_empty(), "{:?}", run(&names(), text));
        assert!(run(&acronyms(), text).is_empty());
        // `us` / `US` are different words.
        assert!(run(&names(), "The US told us. The US and us.").is_empty());
        assert!(run(&acronyms(), "The US told us. The US and us.").is_empty());
    }

    #[test]
    fn acronym_drift() {
        let text = "NATO met. Allies of NATO agreed, but Nato members and NATO staff disagreed.";
        assert_eq!(
            run(&acronyms(), text),
            [("Nato".into(), "NATO".into(), " of NATO".into())]
        );
        assert!(run(&names(), text).is_empty());
    }

    #[test]
    fn edge_documents() {
        assert!(run(&names(), "").is_empty());
        assert!(run(&names(), "Kyiv").is_empty());
        // CRLF and end of file: a lone odd form at the very end is still found, with exact span.
        let text = "Aid reached Kyiv.\r\nTalks in Kyiv ended.\r\nNews from kyiv";
        let doc = Document::plain(text);
        let mut hits = Vec::new();
        names().check(&doc, &mut hits);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].span, Span::new(text.len() - 4, text.len()));
        // One paragraph, tie: nothing is odd.
        assert!(run(&names(), "Aid reached Kyiv and kyiv.").is_empty());
    }

    #[test]
    fn bad_specs_are_errors() {
        let spec: CasingSpec = toml::from_str("usual = ['lower']\nflag = ['upper']").unwrap();
        assert!(compile(spec).unwrap_err().message.contains("lower"));
        assert!(toml::from_str::<CasingSpec>("usual = ['bold']\nflag = ['upper']").is_err());
    }
}
