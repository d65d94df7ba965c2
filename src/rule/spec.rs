//! The serde mirror of a rule file. Only shape lives here; meaning is checked in `load`.
//!
//! One table per kind (rather than `kind = "..."`) keeps `deny_unknown_fields` and exact error
//! positions working with serde and toml.

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Applicability, Severity};
use crate::kinds::{casing, pattern, phrases, repetition, structure, untranslated, variants};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub summary: String,
    pub severity: Severity,
    #[serde(default)]
    pub category: Option<String>,
    pub message: Spanned<String>,
    #[serde(default)]
    pub help: Option<Spanned<String>>,
    #[serde(default)]
    pub why: Option<String>,
    #[serde(default)]
    pub fix: Applicability,

    // Kind tables: exactly one must be present.
    #[serde(default)]
    pub existence: Option<phrases::ExistenceSpec>,
    #[serde(default)]
    pub substitution: Option<phrases::SubstitutionSpec>,
    #[serde(default)]
    pub pattern: Option<pattern::PatternSpec>,
    #[serde(default)]
    pub repetition: Option<repetition::RepetitionSpec>,
    #[serde(default)]
    pub casing: Option<casing::CasingSpec>,
    #[serde(default)]
    pub variants: Option<variants::VariantsSpec>,
    #[serde(default)]
    pub structure: Option<structure::StructureSpec>,
    #[serde(default)]
    pub untranslated: Option<untranslated::UntranslatedSpec>,

    #[serde(default)]
    pub example: Vec<Spanned<ExampleSpec>>,
}

/// The kind table a rule chose.
pub enum KindSpec {
    Existence(phrases::ExistenceSpec),
    Substitution(phrases::SubstitutionSpec),
    Pattern(pattern::PatternSpec),
    Repetition(repetition::RepetitionSpec),
    Casing(casing::CasingSpec),
    Variants(variants::VariantsSpec),
    Structure(structure::StructureSpec),
    Untranslated(untranslated::UntranslatedSpec),
}

impl RuleSpec {
    /// Takes the kind tables out; the names of all present ones are returned on error.
    pub fn take_kind(&mut self) -> Result<KindSpec, Vec<&'static str>> {
        let mut present: Vec<(&'static str, KindSpec)> = Vec::new();
        if let Some(s) = self.existence.take() {
            present.push(("existence", KindSpec::Existence(s)));
        }
        if let Some(s) = self.substitution.take() {
            present.push(("substitution", KindSpec::Substitution(s)));
        }
        if let Some(s) = self.pattern.take() {
            present.push(("pattern", KindSpec::Pattern(s)));
        }
        if let Some(s) = self.repetition.take() {
            present.push(("repetition", KindSpec::Repetition(s)));
        }
        if let Some(s) = self.casing.take() {
            present.push(("casing", KindSpec::Casing(s)));
        }
        if let Some(s) = self.variants.take() {
            present.push(("variants", KindSpec::Variants(s)));
        }
        if let Some(s) = self.structure.take() {
            present.push(("structure", KindSpec::Structure(s)));
        }
        if let Some(s) = self.untranslated.take() {
            present.push(("untranslated", KindSpec::Untranslated(s)));
        }
        if present.len() == 1 {
            Ok(present.remove(0).1)
        } else {
            Err(present.into_iter().map(|(name, _)| name).collect())
        }
    }
}

/// The kind tables a rule file may have, for error messages.
pub const KIND_NAMES: &[&str] = &[
    "existence",
    "substitution",
    "pattern",
    "repetition",
    "casing",
    "variants",
    "structure",
    "untranslated",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    #[serde(default)]
    pub bad: Option<String>,
    #[serde(default)]
    pub fixed: Option<String>,
    #[serde(default)]
    pub good: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A pack's optional `_pack.toml`.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PackSpec {
    #[serde(default)]
    pub description: String,
    /// Runs without being asked for.
    #[serde(default)]
    pub default: bool,
    /// The source language this pack is for (`fr` for `fr-en`), selected by `--from`.
    #[serde(default)]
    pub source: Option<String>,
}
