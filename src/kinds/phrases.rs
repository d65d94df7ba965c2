//! `existence` and `substitution`: lists of words or phrases, matched on word boundaries.
//!
//! Each rule keeps only its list; [`PhraseIndex`] compiles the lists of every rule of a run into
//! one Aho-Corasick automaton and reports, per rule, the leftmost-longest non-overlapping
//! matches. The automaton folds ASCII case only; a case-insensitive phrase with non-ASCII
//! letters must match them exactly.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use toml::Spanned;

use super::{Hit, KindError, is_word_char, match_case};
use crate::document::Document;
use crate::span::Span;

pub const PLACEHOLDERS: &[&str] = &["found", "replacement", "note"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExistenceSpec {
    pub phrases: Vec<Spanned<String>>,
    #[serde(default)]
    pub case_sensitive: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubstitutionSpec {
    pub replace: Vec<Spanned<Entry>>,
    #[serde(default)]
    pub case_sensitive: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub find: String,
    pub with: OneOrMany,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// One phrase with what replaces it.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub find: String,
    pub with: Vec<String>,
    pub note: Option<String>,
}

/// The compiled phrase list of one rule.
#[derive(Debug, Clone)]
pub struct PhraseList {
    pub phrases: Vec<Phrase>,
    pub case_sensitive: bool,
}

fn check_phrase(find: &str, span: std::ops::Range<usize>) -> Result<(), KindError> {
    if find.trim().is_empty() {
        return Err(KindError::new("empty phrase", Some(span)));
    }
    if find.trim() != find {
        return Err(KindError::new(
            "phrase has leading or trailing whitespace",
            Some(span),
        ));
    }
    Ok(())
}

pub fn compile_existence(spec: ExistenceSpec) -> Result<PhraseList, KindError> {
    if spec.phrases.is_empty() {
        return Err(KindError::new("`phrases` is empty", None));
    }
    let mut phrases = Vec::new();
    for p in spec.phrases {
        check_phrase(p.get_ref(), p.span())?;
        phrases.push(Phrase {
            find: p.into_inner(),
            with: Vec::new(),
            note: None,
        });
    }
    Ok(PhraseList {
        phrases,
        case_sensitive: spec.case_sensitive,
    })
}

pub fn compile_substitution(spec: SubstitutionSpec) -> Result<PhraseList, KindError> {
    if spec.replace.is_empty() {
        return Err(KindError::new("`replace` is empty", None));
    }
    let mut phrases = Vec::new();
    for e in spec.replace {
        let span = e.span();
        let e = e.into_inner();
        check_phrase(&e.find, span.clone())?;
        let with = match e.with {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        };
        if with.is_empty() {
            return Err(KindError::new("`with` is an empty list", Some(span)));
        }
        phrases.push(Phrase {
            find: e.find,
            with,
            note: e.note,
        });
    }
    Ok(PhraseList {
        phrases,
        case_sensitive: spec.case_sensitive,
    })
}

/// All phrases of a run in one automaton.
#[derive(Debug)]
pub struct PhraseIndex {
    automaton: Option<AhoCorasick>,
    /// Pattern id → (owner index, phrase index).
    owners: Vec<(usize, usize)>,
}

impl PhraseIndex {
    /// Builds the automaton over `lists`, each tagged with its owner (a rule index).
    pub fn new<'a>(lists: impl IntoIterator<Item = (usize, &'a PhraseList)>) -> Self {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (owner, list) in lists {
            for (i, phrase) in list.phrases.iter().enumerate() {
                patterns.push(phrase.find.as_str());
                owners.push((owner, i));
            }
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            // Standard semantics so overlapping matches of different rules are all seen.
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&patterns)
                .ok()
        };
        PhraseIndex { automaton, owners }
    }

    /// Matches in `doc`, as `(owner, hit)`, leftmost-longest and non-overlapping per owner.
    pub fn search<'a>(
        &self,
        doc: &Document,
        list_of: impl Fn(usize) -> &'a PhraseList,
    ) -> Vec<(usize, Hit)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let text = doc.text.as_str();
        // (owner, start, end, phrase)
        let mut found: Vec<(usize, usize, usize, usize)> = Vec::new();
        for m in automaton.find_overlapping_iter(text) {
            let (owner, phrase) = self.owners[m.pattern().as_usize()];
            let list = list_of(owner);
            let p = &list.phrases[phrase];
            let (start, end) = (m.start(), m.end());
            if list.case_sensitive && &text[start..end] != p.find.as_str() {
                continue;
            }
            if !on_word_boundaries(text, start, end) {
                continue;
            }
            found.push((owner, start, end, phrase));
        }
        // Per owner: leftmost first, longest first at the same start, then drop overlaps.
        found.sort_by_key(|&(owner, start, end, _)| (owner, start, std::cmp::Reverse(end)));
        let mut hits = Vec::new();
        let mut last: Option<(usize, usize)> = None; // (owner, end of last kept)
        for (owner, start, end, phrase) in found {
            if let Some((o, e)) = last
                && o == owner
                && start < e
            {
                continue;
            }
            last = Some((owner, end));
            let p = &list_of(owner).phrases[phrase];
            let matched = &text[start..end];
            let hit = Hit {
                span: Span::new(start, end),
                replacements: p.with.iter().map(|w| match_case(matched, w)).collect(),
                vars: p.note.iter().map(|n| ("note", n.clone())).collect(),
                related: Vec::new(),
            };
            hits.push((owner, hit));
        }
        hits
    }
}

/// A match may not start or end inside a word (where the phrase itself starts or ends with a
/// word character).
fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let matched = &text[start..end];
    let first_is_word = matched.chars().next().is_some_and(is_word_char);
    let last_is_word = matched.chars().next_back().is_some_and(is_word_char);
    let before_ok = !first_is_word || !text[..start].chars().next_back().is_some_and(is_word_char);
    let after_ok = !last_is_word || !text[end..].chars().next().is_some_and(is_word_char);
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(finds: &[(&str, &str)], case_sensitive: bool) -> PhraseList {
        PhraseList {
            phrases: finds
                .iter()
                .map(|(f, w)| Phrase {
                    find: f.to_string(),
                    with: vec![w.to_string()],
                    note: None,
                })
                .collect(),
            case_sensitive,
        }
    }

    #[test]
    fn longest_leftmost_per_rule_and_boundaries() {
        let a = list(
            &[
                ("rescue buoy", "lifeline"),
                ("economic rescue buoy", "economic lifeline"),
            ],
            false,
        );
        let b = list(&[("buoy", "float")], false);
        let lists = [a, b];
        let index = PhraseIndex::new(lists.iter().enumerate());
        let doc = Document::plain("An Economic rescue buoy; buoys; a buoy.");
        let hits = index.search(&doc, |i| &lists[i]);
        let got: Vec<_> = hits
            .iter()
            .map(|(o, h)| (*o, doc.slice(h.span).to_string(), h.replacements[0].clone()))
            .collect();
        assert_eq!(
            got,
            [
                (0, "Economic rescue buoy".into(), "Economic lifeline".into()),
                (1, "buoy".into(), "float".into()),
                (1, "buoy".into(), "float".into()),
            ]
        );
    }

    #[test]
    fn case_sensitive_lists_need_exact_case() {
        let lists = [list(&[("US", "U.S.")], true)];
        let index = PhraseIndex::new(lists.iter().enumerate());
        let doc = Document::plain("us and US");
        let hits = index.search(&doc, |i| &lists[i]);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].1.span, Span::new(7, 9));
    }
}
