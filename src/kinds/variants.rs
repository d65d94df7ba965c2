//! `variants`: spellings of one name that should not be mixed in a document (`Kyiv`/`Kiev`,
//! `Xi Jinping`/`Xi Jin-ping`, `Erdoğan`/`Erdogan`); the minority is flagged.
//!
//! Variants come from two places: `groups` declared in the rule file, and variants inferred from
//! the document itself (`infer`): capitalised names that are the same once diacritics, hyphens
//! and apostrophes, or the space between two parts, are taken away. Casing alone is not a
//! variant here (that is the `casing` kind's job). The most frequent variant is the usual one
//! (a tie goes to the one listed first in a declared group, else to the one seen first); every
//! occurrence of another variant is flagged with a related span at the usual one and a fix.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use toml::Spanned;
use unicode_normalization::UnicodeNormalization;

use super::words;
use super::{Check, Hit, KindError};
use crate::document::Document;
use crate::span::Span;

pub const PLACEHOLDERS: &[&str] = &["found", "replacement", "usual", "count"];

/// What inference may ignore when comparing two names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Infer {
    /// `Erdoğan` = `Erdogan`
    Diacritics,
    /// `Jin-ping` = `Jinping`, `O'Neill` = `ONeill`
    Hyphens,
    /// `Jin Ping` = `Jinping` (two capitalised parts against one word)
    Spaces,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantsSpec {
    /// Declared groups: spellings of one name, the preferred one first.
    #[serde(default)]
    pub groups: Vec<Spanned<Vec<String>>>,
    /// Infer variants of capitalised names from the document.
    #[serde(default)]
    pub infer: Vec<Infer>,
    /// Inferred names shorter than this (in letters) are skipped.
    #[serde(default = "default_min_letters")]
    pub min_letters: usize,
    /// Names never inferred as variants (any case).
    #[serde(default)]
    pub ignore: Vec<String>,
}

fn default_min_letters() -> usize {
    4
}

/// The declared groups, compiled: one automaton over every spelling.
#[derive(Debug)]
struct Declared {
    automaton: AhoCorasick,
    /// For each spelling in the automaton: (group, rank in the group).
    owners: Vec<(usize, usize)>,
    groups: Vec<Vec<String>>,
}

#[derive(Debug)]
pub struct Variants {
    declared: Option<Declared>,
    infer: Vec<Infer>,
    min_letters: usize,
    ignore: Vec<String>,
}

pub fn compile(spec: VariantsSpec) -> Result<Variants, KindError> {
    if spec.groups.is_empty() && spec.infer.is_empty() {
        return Err(KindError::new(
            "nothing to check: give `groups`, `infer` or both",
            None,
        ));
    }
    let mut forms = Vec::new();
    let mut owners = Vec::new();
    let mut groups = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (g, group) in spec.groups.iter().enumerate() {
        let list = group.get_ref();
        if list.len() < 2 {
            return Err(KindError::new(
                "a group needs at least two spellings",
                Some(group.span()),
            ));
        }
        for (rank, form) in list.iter().enumerate() {
            if form.trim().is_empty() || form.trim() != form {
                return Err(KindError::new(
                    format!("empty spelling or spelling with surrounding spaces: {form:?}"),
                    Some(group.span()),
                ));
            }
            if let Some(other) = seen.insert(form.to_lowercase(), g)
                && other != g
            {
                return Err(KindError::new(
                    format!("`{form}` is in two groups"),
                    Some(group.span()),
                ));
            }
            forms.push(form.clone());
            owners.push((g, rank));
        }
        groups.push(list.clone());
    }
    let declared = if forms.is_empty() {
        None
    } else {
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&forms)
            .map_err(|e| KindError::new(format!("cannot compile groups: {e}"), None))?;
        Some(Declared {
            automaton: ac,
            owners,
            groups,
        })
    };
    Ok(Variants {
        declared,
        infer: spec.infer,
        min_letters: spec.min_letters,
        ignore: spec.ignore.iter().map(|w| w.to_lowercase()).collect(),
    })
}

/// An occurrence of one variant: its span, the spelling to suggest, its rank for ties.
#[derive(Debug, Clone)]
struct Seen {
    span: Span,
    variant: String,
    rank: usize,
    /// Written in capitals (`KIEV`): the fix is too.
    upper: bool,
}

fn is_upper(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

impl Variants {
    /// Occurrences of declared groups, per group.
    fn declared(&self, text: &str) -> Vec<Vec<Seen>> {
        let Some(Declared {
            automaton: ac,
            owners,
            groups,
        }) = &self.declared
        else {
            return Vec::new();
        };
        let mut per_group: Vec<Vec<Seen>> = vec![Vec::new(); groups.len()];
        for m in ac.find_iter(text) {
            if !words::on_word_boundaries(text, m.start(), m.end()) {
                continue;
            }
            let (g, rank) = owners[m.pattern().as_usize()];
            per_group[g].push(Seen {
                span: Span::new(m.start(), m.end()),
                variant: groups[g][rank].clone(),
                rank,
                upper: is_upper(&text[m.start()..m.end()]),
            });
        }
        per_group
    }

    /// The comparison key of a name under the inference settings.
    fn key(&self, name: &str) -> String {
        let mut s: String = if self.infer.contains(&Infer::Diacritics) {
            name.nfd()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                .collect()
        } else {
            name.to_string()
        };
        if self.infer.contains(&Infer::Hyphens) {
            s.retain(|c| !matches!(c, '-' | '‐' | '\'' | '’'));
        }
        s.to_lowercase()
    }

    /// Capitalised names of the document grouped by key, when a key has several spellings.
    fn inferred(&self, text: &str) -> Vec<Vec<Seen>> {
        if self.infer.is_empty() {
            return Vec::new();
        }
        let names = name_tokens(text);
        let mut by_key: HashMap<String, Vec<Seen>> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        for (span, name) in &names {
            let letters = name.chars().filter(|c| c.is_alphabetic()).count();
            if letters < self.min_letters || self.ignore.contains(&name.to_lowercase()) {
                continue;
            }
            let key = self.key(name);
            if !by_key.contains_key(&key) {
                order.push(key.clone());
            }
            by_key.entry(key).or_default().push(Seen {
                span: *span,
                variant: name.to_string(),
                rank: usize::MAX,
                upper: is_upper(name),
            });
        }
        if self.infer.contains(&Infer::Spaces) {
            // Two capitalised parts separated by one space, against one word elsewhere.
            for pair in names.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                if &text[a.0.end..b.0.start] != " " {
                    continue;
                }
                let key = format!("{}{}", self.key(a.1), self.key(b.1));
                // Only against a one-word spelling (`Hongkong`): a hyphenated compound against
                // an open one (`Lao-Vietnamese`, `Lao Vietnamese`) is a matter of style.
                if let Some(list) = by_key.get_mut(&key).filter(|list| {
                    list.iter()
                        .any(|s| !s.variant.contains(['-', '‐', '\'', '’', ' ']))
                }) {
                    list.push(Seen {
                        span: Span::new(a.0.start, b.0.end),
                        variant: text[a.0.start..b.0.end].to_string(),
                        rank: usize::MAX,
                        upper: is_upper(&text[a.0.start..b.0.end]),
                    });
                }
            }
        }
        order
            .into_iter()
            .filter_map(|k| by_key.remove(&k))
            .map(|mut list| {
                list.sort_by_key(|s| s.span);
                list
            })
            .collect()
    }
}

/// Capitalised words, with internal hyphens and apostrophes (`Jin-ping`, `O'Neill`), without a
/// possessive `'s`.
fn name_tokens(text: &str) -> Vec<(Span, &str)> {
    let mut out = Vec::new();
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < bytes.len() {
        let (start, c) = bytes[i];
        let boundary = i == 0 || !super::is_word_char(bytes[i - 1].1);
        if !(c.is_alphabetic() && boundary) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < bytes.len() {
            let ch = bytes[j].1;
            let joiner = matches!(ch, '-' | '‐' | '\'' | '’')
                && bytes.get(j + 1).is_some_and(|(_, n)| n.is_alphabetic());
            if ch.is_alphabetic() || is_mark(ch) || joiner {
                j += 1;
            } else {
                break;
            }
        }
        let end = bytes.get(j).map_or(text.len(), |(o, _)| *o);
        let followed_by_digit_or_word = bytes.get(j).is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_uppercase() && !followed_by_digit_or_word {
            let name = words::strip_possessive(&text[start..end]);
            out.push((Span::new(start, start + name.len()), name));
        }
        i = j.max(i + 1);
    }
    out
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

impl Check for Variants {
    fn check(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text.as_str();
        let mut groups = self.declared(text);
        groups.extend(self.inferred(text));
        for occurrences in groups {
            flag_minority(&occurrences, hits);
        }
    }
}

/// Flags every occurrence of a variant other than the usual one.
fn flag_minority(occurrences: &[Seen], hits: &mut Vec<Hit>) {
    // Variants compared without case: casing is another kind's business.
    let mut counts: Vec<(String, usize, usize, usize)> = Vec::new(); // (lower, count, rank, first)
    for (i, s) in occurrences.iter().enumerate() {
        let lower = s.variant.to_lowercase();
        match counts.iter_mut().find(|(v, ..)| *v == lower) {
            Some((_, n, ..)) => *n += 1,
            None => counts.push((lower, 1, s.rank, i)),
        }
    }
    if counts.len() < 2 {
        return;
    }
    let Some((usual, usual_count, ..)) = counts
        .iter()
        .min_by_key(|(_, n, rank, first)| (std::cmp::Reverse(*n), *rank, *first))
        .cloned()
    else {
        return;
    };
    let usual_seen: Vec<&Seen> = occurrences
        .iter()
        .filter(|s| s.variant.to_lowercase() == usual)
        .collect();
    let Some(first_usual) = usual_seen.first() else {
        return;
    };
    let spelling = first_usual.variant.clone();
    for s in occurrences
        .iter()
        .filter(|s| s.variant.to_lowercase() != usual)
    {
        // `KIEV` in a dateline in capitals becomes `KYIV`.
        let replacement = if s.upper {
            spelling.to_uppercase()
        } else {
            spelling.clone()
        };
        let related = usual_seen
            .iter()
            .rev()
            .find(|u| u.span.start < s.span.start)
            .unwrap_or(first_usual);
        hits.push(Hit {
            span: s.span,
            replacements: vec![replacement],
            vars: vec![
                ("usual", spelling.clone()),
                ("count", usual_count.to_string()),
            ],
            related: vec![(
                related.span,
                format!("written `{spelling}` elsewhere ({usual_count} times), as here"),
            )],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variants(toml_text: &str) -> Variants {
        compile(toml::from_str(toml_text).unwrap()).unwrap()
    }

    fn run(v: &Variants, text: &str) -> Vec<(String, String, String)> {
        let doc = Document::plain(text);
        let mut hits = Vec::new();
        v.check(&doc, &mut hits);
        hits.sort_by_key(|h| h.span);
        hits.iter()
            .map(|h| {
                (
                    doc.slice(h.span).to_string(),
                    h.replacements[0].clone(),
                    doc.slice(h.related[0].0).to_string(),
                )
            })
            .collect()
    }

    const GROUPS: &str = r#"groups = [["Kyiv", "Kiev"], ["Zelensky", "Zelenskiy", "Zelenskyy"], ["Xi Jinping", "Xi Jin-ping"]]"#;

    #[test]
    fn declared_groups_flag_the_minority() {
        let v = variants(GROUPS);
        let found = run(
            &v,
            "Zelensky met Xi Jinping in Kiev. Zelenskiy said Kiev, then Kyiv; Zelensky's aide.",
        );
        assert_eq!(
            found,
            [
                ("Zelenskiy".into(), "Zelensky".into(), "Zelensky".into()),
                ("Kyiv".into(), "Kiev".into(), "Kiev".into()),
            ]
        );
        // A tie goes to the first spelling of the group; `Kievan` is another word.
        assert_eq!(
            run(&v, "Kiev and Kyiv. Kievan Rus."),
            [("Kiev".into(), "Kyiv".into(), "Kyiv".into())]
        );
        assert!(run(&v, "Xi Jinping. Xi Jinping. Kyiv.").is_empty());
        assert_eq!(
            run(&v, "KIEV (AFP) - Kyiv said. Kyiv agreed."),
            [("KIEV".into(), "KYIV".into(), "Kyiv".into())]
        );
    }

    #[test]
    fn inferred_variants() {
        let v = variants(r#"infer = ["diacritics", "hyphens", "spaces"]"#);
        let found = run(
            &v,
            "Erdoğan met Xi Jinping. Erdoğan said Jin-ping was late; Erdogan left. Hong Kong, Hong Kong and Hongkong.",
        );
        assert_eq!(
            found,
            [
                ("Jin-ping".into(), "Jinping".into(), "Jinping".into()),
                ("Erdogan".into(), "Erdoğan".into(), "Erdoğan".into()),
                ("Hongkong".into(), "Hong Kong".into(), "Hong Kong".into()),
            ]
        );
        // Casing alone is not a variant; names that differ otherwise are not variants.
        assert!(run(&v, "Mr. XI and Mr. Xi. Iran and Iraq. Austria, Australia.").is_empty());
    }

    #[test]
    fn edges() {
        let v = variants(GROUPS);
        assert!(run(&v, "").is_empty());
        assert!(run(&v, "Kiev").is_empty());
        let text = "Kyiv.\r\nKyiv\r\nKiev";
        let doc = Document::plain(text);
        let mut hits = Vec::new();
        v.check(&doc, &mut hits);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].span, Span::new(text.len() - 4, text.len()));
    }

    #[test]
    fn bad_specs() {
        let e = compile(toml::from_str("groups = [['Kyiv']]").unwrap()).unwrap_err();
        assert!(e.message.contains("two spellings"));
        assert!(e.span.is_some());
        let e = compile(toml::from_str("groups = [['a', 'b'], ['b', 'c']]").unwrap()).unwrap_err();
        assert!(e.message.contains("two groups"));
        assert!(compile(toml::from_str("").unwrap()).is_err());
    }
}
