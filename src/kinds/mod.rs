//! Kinds: the engines rules run on. One module per kind; a rule file picks one with its table.
//!
//! A kind compiles its TOML table into a [`Matcher`] at load time (every error is found then,
//! with a span into the rule file) and, at lint time, reports [`Hit`]s in prose coordinates.
//! Phrase kinds (`existence`, `substitution`) do not search on their own: their phrases from all
//! rules of a run are compiled into one automaton by [`phrases::PhraseIndex`].
//! Kinds never see reports, files or other rules.
//!
//! Adding a kind: a module here with a `Spec` (serde, `deny_unknown_fields`) and a `compile`,
//! a field in `rule::spec::RuleSpec`, and an arm in [`compile`].

pub mod casing;
pub mod pattern;
pub mod phrases;
pub mod repetition;
pub mod structure;
pub mod untranslated;
pub mod variants;
pub mod words;

use std::ops::Range;

use crate::document::Document;
use crate::span::Span;

/// One match of a rule, in prose coordinates.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hit {
    pub span: Span,
    /// Suggested replacements for `span`, best first.
    pub replacements: Vec<String>,
    /// Extra message placeholders (beyond `found` and `replacement`).
    pub vars: Vec<(&'static str, String)>,
    /// Secondary spans with their messages.
    pub related: Vec<(Span, String)>,
}

/// A kind that searches a document by itself.
pub trait Check: Send + Sync + std::fmt::Debug {
    fn check(&self, doc: &Document, hits: &mut Vec<Hit>);

    /// Builds what the kind defers to first use (a regex), reporting what fails. Loading a
    /// user rule calls it so its errors surface at load; built-ins are checked by a test.
    fn prepare(&self) -> Result<(), String> {
        Ok(())
    }
}

/// A compiled kind table.
#[derive(Debug)]
pub enum Matcher {
    /// Phrases searched by the run's shared automaton.
    Phrases(phrases::PhraseList),
    /// Anything that searches by itself.
    Check(Box<dyn Check>),
}

/// A kind table that could not be compiled: a message and, when known, the byte range of the
/// offending value in the rule file.
#[derive(Debug, Clone)]
pub struct KindError {
    pub message: String,
    pub span: Option<Range<usize>>,
}

impl KindError {
    pub fn new(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        KindError {
            message: message.into(),
            span,
        }
    }
}

/// A compiled kind: its name, matcher and the message placeholders it fills.
pub struct Compiled {
    pub kind: &'static str,
    pub matcher: Matcher,
    pub placeholders: &'static [&'static str],
}

/// Compiles the one kind table of a rule.
pub fn compile(spec: crate::rule::spec::KindSpec) -> Result<Compiled, KindError> {
    use crate::rule::spec::KindSpec;
    Ok(match spec {
        KindSpec::Existence(s) => Compiled {
            kind: "existence",
            matcher: Matcher::Phrases(phrases::compile_existence(s)?),
            placeholders: phrases::PLACEHOLDERS,
        },
        KindSpec::Substitution(s) => Compiled {
            kind: "substitution",
            matcher: Matcher::Phrases(phrases::compile_substitution(s)?),
            placeholders: phrases::PLACEHOLDERS,
        },
        KindSpec::Pattern(s) => Compiled {
            kind: "pattern",
            matcher: Matcher::Check(Box::new(pattern::compile(s)?)),
            placeholders: pattern::PLACEHOLDERS,
        },
        KindSpec::Repetition(s) => Compiled {
            kind: "repetition",
            matcher: Matcher::Check(Box::new(repetition::compile(s)?)),
            placeholders: repetition::PLACEHOLDERS,
        },
        KindSpec::Casing(s) => Compiled {
            kind: "casing",
            matcher: Matcher::Check(Box::new(casing::compile(s)?)),
            placeholders: casing::PLACEHOLDERS,
        },
        KindSpec::Variants(s) => Compiled {
            kind: "variants",
            matcher: Matcher::Check(Box::new(variants::compile(s)?)),
            placeholders: variants::PLACEHOLDERS,
        },
        KindSpec::Structure(s) => Compiled {
            kind: "structure",
            matcher: Matcher::Check(Box::new(structure::compile(s)?)),
            placeholders: structure::PLACEHOLDERS,
        },
        KindSpec::Untranslated(s) => Compiled {
            kind: "untranslated",
            matcher: Matcher::Check(Box::new(untranslated::compile(s)?)),
            placeholders: untranslated::PLACEHOLDERS,
        },
    })
}

/// True for characters that make up words, for word-boundary checks.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Gives `replacement` a capital first letter when `found` has one and it does not, so a fix
/// at the start of a sentence stays capitalised.
pub fn match_case(found: &str, replacement: &str) -> String {
    // Title case (`Pricing war`) passes on its capital; an acronym (`SVO zone`) does not.
    let mut found_chars = found.chars();
    let found_upper = found_chars.next().is_some_and(char::is_uppercase)
        && !found_chars.next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(first) if found_upper && first.is_lowercase() => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => replacement.to_string(),
    }
}
