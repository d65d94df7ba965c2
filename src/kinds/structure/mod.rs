//! `structure`: parts of a file that are not part of the article (dangling sections).
//!
//! One kind, five detectors; a rule picks exactly one with a sub-table, so each has its own
//! rule id, severity and examples:
//!
//! - `[structure.metadata]`: a leaked metadata line or dateline at the start
//!   (` date 2025-05-06 Moscow –`, `Published: …`, `By … | Updated …`);
//! - `[structure.credit]`: a lone wire-agency credit ending a paragraph (`… added. Reuters`);
//! - `[structure.headlines]`: a block of scraped headlines after the article's end, flagged as one
//!   diagnostic from its first headline to its last;
//! - `[structure.leftovers]`: page furniture such as `Read also:` or `Lire aussi`;
//! - `[structure.duplicates]`: a paragraph (or line) that repeats an earlier one.
//!
//! Detectors work on lines and blocks of the prose and offer no fix: what to cut is an editor's
//! call.

mod credit;
mod duplicates;
mod headlines;
mod leftovers;
mod metadata;

use serde::Deserialize;

use super::{Check, Hit, KindError};
use crate::document::Document;
use crate::span::Span;

pub const PLACEHOLDERS: &[&str] = &["found", "replacement", "count", "agency", "phrase"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StructureSpec {
    #[serde(default)]
    pub metadata: Option<metadata::MetadataSpec>,
    #[serde(default)]
    pub credit: Option<credit::CreditSpec>,
    #[serde(default)]
    pub headlines: Option<headlines::HeadlinesSpec>,
    #[serde(default)]
    pub leftovers: Option<leftovers::LeftoversSpec>,
    #[serde(default)]
    pub duplicates: Option<duplicates::DuplicatesSpec>,
}

const DETECTORS: &str = "[structure.metadata], [structure.credit], [structure.headlines], \
                         [structure.leftovers] or [structure.duplicates]";

#[derive(Debug)]
pub enum Structure {
    Metadata(metadata::Metadata),
    Credit(credit::Credit),
    Headlines(headlines::Headlines),
    Leftovers(leftovers::Leftovers),
    Duplicates(duplicates::Duplicates),
}

pub fn compile(spec: StructureSpec) -> Result<Structure, KindError> {
    let present = [
        spec.metadata.is_some(),
        spec.credit.is_some(),
        spec.headlines.is_some(),
        spec.leftovers.is_some(),
        spec.duplicates.is_some(),
    ]
    .iter()
    .filter(|p| **p)
    .count();
    if present != 1 {
        return Err(KindError::new(
            format!("[structure] needs exactly one detector table: {DETECTORS}"),
            None,
        ));
    }
    Ok(if let Some(s) = spec.metadata {
        Structure::Metadata(metadata::compile(s)?)
    } else if let Some(s) = spec.credit {
        Structure::Credit(credit::compile(s)?)
    } else if let Some(s) = spec.headlines {
        Structure::Headlines(headlines::compile(s)?)
    } else if let Some(s) = spec.leftovers {
        Structure::Leftovers(leftovers::compile(s)?)
    } else if let Some(s) = spec.duplicates {
        Structure::Duplicates(duplicates::compile(s)?)
    } else {
        return Err(KindError::new(
            format!("[structure] needs {DETECTORS}"),
            None,
        ));
    })
}

impl Check for Structure {
    fn check(&self, doc: &Document, hits: &mut Vec<Hit>) {
        match self {
            Structure::Metadata(d) => d.check(doc, hits),
            Structure::Credit(d) => d.check(doc, hits),
            Structure::Headlines(d) => d.check(doc, hits),
            Structure::Leftovers(d) => d.check(doc, hits),
            Structure::Duplicates(d) => d.check(doc, hits),
        }
    }
}

/// A structure hit: no fix, every placeholder filled (empty when it does not apply).
fn hit(span: Span, vars: &[(&'static str, String)], related: Vec<(Span, String)>) -> Hit {
    let mut all: Vec<(&'static str, String)> = vars.to_vec();
    for name in ["count", "agency", "phrase"] {
        if !all.iter().any(|(k, _)| *k == name) {
            all.push((name, String::new()));
        }
    }
    Hit {
        span,
        replacements: Vec::new(),
        vars: all,
        related,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_one_detector() {
        let e = compile(toml::from_str("").unwrap()).unwrap_err();
        assert!(e.message.contains("exactly one"), "{}", e.message);
        let two = "[duplicates]\nmin_words = 3\n[leftovers]\nphrases = ['Read also']\n";
        assert!(compile(toml::from_str(two).unwrap()).is_err());
        assert!(toml::from_str::<StructureSpec>("[bogus]\n").is_err());
    }
}
