//! `repo/repeated-paragraph`: a paragraph repeated in many files of a run (a scraped footer,
//! share bar or newsletter box). Paragraphs are compared by their runs of letters and digits,
//! case-folded, so spacing, punctuation and markup do not hide a repeat. A file keeps only a 64-bit hash and
//! the span of each paragraph, not its text.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::Hasher;

use super::{FileFacts, ParagraphSettings, files, rule_ref};
use crate::diagnostic::{Diagnostic, Related};
use crate::document::{BlockKind, Document};
use crate::rule::render_template;
use crate::span::Span;

pub const RULE: &str = "repo/repeated-paragraph";

/// One paragraph of a file: the hash of its words and its span in the original bytes.
#[derive(Clone, Debug)]
pub struct Paragraph {
    hash: u64,
    span: Span,
}

/// The paragraphs of a document long enough to compare.
pub fn collect(doc: &Document, settings: &ParagraphSettings) -> Vec<Paragraph> {
    doc.blocks
        .iter()
        .filter(|b| {
            matches!(
                b.kind,
                BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Quote
            )
        })
        .filter_map(|b| {
            // Runs of letters and digits, lower-cased, each ended by a 0 byte: what is left of
            // a paragraph once spacing, punctuation and markup are gone.
            let mut hasher = fnv::FnvHasher::default();
            let mut words = 0;
            let mut in_word = false;
            let mut buf = [0; 4];
            for c in doc.slice(b.span).chars() {
                if c.is_alphanumeric() {
                    for l in c.to_lowercase() {
                        hasher.write(l.encode_utf8(&mut buf).as_bytes());
                    }
                    in_word = true;
                } else if in_word {
                    hasher.write(&[0]);
                    words += 1;
                    in_word = false;
                }
            }
            if in_word {
                hasher.write(&[0]);
                words += 1;
            }
            (words >= settings.min_words).then(|| Paragraph {
                hash: hasher.finish(),
                span: doc.map.span(b.span),
            })
        })
        .collect()
}

pub fn check(all: &[FileFacts], settings: &ParagraphSettings) -> Vec<(usize, Diagnostic)> {
    // hash → every (file, span) where it occurs, in file order.
    let mut by_hash: BTreeMap<u64, Vec<(usize, Span)>> = BTreeMap::new();
    for (i, f) in all.iter().enumerate() {
        for p in &f.paragraphs {
            by_hash.entry(p.hash).or_default().push((i, p.span));
        }
    }
    let doc = settings.doc();
    let rule = rule_ref(RULE, &doc);
    let mut out = Vec::new();
    for uses in by_hash.values() {
        let in_files: BTreeSet<usize> = uses.iter().map(|(i, _)| *i).collect();
        if in_files.len() < settings.min_files.max(2) {
            continue;
        }
        let count = files(in_files.len());
        let message = render_template(doc.message, &[("files", &count)]);
        let help = doc.help.map(|h| render_template(h, &[("files", &count)]));
        for &(i, span) in uses {
            // The first occurrence in each of a few other files.
            let mut shown = BTreeSet::new();
            let related = uses
                .iter()
                .filter(|(j, _)| *j != i && shown.insert(*j))
                .take(settings.max_related)
                .map(|&(j, s)| Related {
                    span: s,
                    message: doc.related.to_string(),
                    path: Some(all[j].path.clone()),
                })
                .collect();
            out.push((
                i,
                Diagnostic {
                    rule: rule.clone(),
                    severity: doc.severity,
                    span,
                    message: message.clone(),
                    help: help.clone(),
                    fixes: Vec::new(),
                    related,
                },
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Settings, facts};
    use super::*;

    #[test]
    fn repeats_are_found_across_files_despite_spacing_and_case() {
        let mut settings = Settings::builtin().unwrap();
        settings.paragraphs.min_files = 3;
        let footer = "Share this article on Facebook, X and email.";
        let texts = [
            format!("Story one is here.\n\n{footer}\n"),
            "Story two.\n\nShare  this ARTICLE on facebook x and email\n".to_string(),
            format!("{footer}\n\nStory three.\n"),
            "Story four, without it.\n".to_string(),
        ];
        let all: Vec<FileFacts> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| facts(&format!("{i}.txt"), &Document::plain(t), &settings))
            .collect();
        let found = check(&all, &settings.paragraphs);
        let files: Vec<usize> = found.iter().map(|(i, _)| *i).collect();
        assert_eq!(files, [0, 1, 2]);
        let (_, d) = &found[0];
        assert_eq!(&texts[0][d.span.as_range()], footer);
        assert!(d.message.contains("3 files"), "{}", d.message);
        assert_eq!(d.related.len(), 2);
        assert_eq!(d.related[0].path.as_deref(), Some("1.txt"));

        settings.paragraphs.min_files = 4;
        assert!(check(&all, &settings.paragraphs).is_empty());
    }
}
