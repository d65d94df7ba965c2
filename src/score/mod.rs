//! The quality score of a file: weighted diagnostics per 1,000 words of prose, so a long article
//! with three typos and a short one with three mistranslations are told apart. Shown in the JSON
//! (`files[].score`), in the human summary, and used as a CI gate (`--max-score N`).
//!
//! Weights (per severity, times per category) are data: the defaults are `weights.toml`,
//! embedded at build time; a config file can override any of them through [`WeightsSpec`].
//! The score counts the diagnostics a run reports (after suppression and baseline).

use std::collections::BTreeMap;

use serde::Deserialize;
use unicode_segmentation::UnicodeSegmentation;

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::FileReport;

const DEFAULTS: &str = include_str!("weights.toml");
/// Where the defaults come from, for error messages.
pub const DEFAULTS_PATH: &str = "src/score/weights.toml";

/// The weights a run scores with.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    /// Files shorter than this are scored as if they had this many words.
    pub min_words: usize,
    /// Weight of categories not in `category`, and of rules without a category.
    pub default_category: f64,
    pub error: f64,
    pub warning: f64,
    pub info: f64,
    pub category: BTreeMap<String, f64>,
}

/// Weights as written in TOML: every field optional, so a config file overrides only what it
/// names (`[score]` with `min_words`, `default_category`, `[score.severity]`,
/// `[score.category]`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WeightsSpec {
    pub min_words: Option<usize>,
    pub default_category: Option<f64>,
    pub severity: SeveritySpec,
    pub category: BTreeMap<String, f64>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SeveritySpec {
    pub error: Option<f64>,
    pub warning: Option<f64>,
    pub info: Option<f64>,
}

impl Weights {
    /// The built-in weights (`weights.toml`).
    pub fn builtin() -> Result<Weights, String> {
        let spec: WeightsSpec =
            toml::from_str(DEFAULTS).map_err(|e| format!("{DEFAULTS_PATH}: {e}"))?;
        let missing = |what: &str| format!("{DEFAULTS_PATH}: `{what}` is missing");
        let mut weights = Weights {
            min_words: spec.min_words.ok_or_else(|| missing("min_words"))?,
            default_category: spec
                .default_category
                .ok_or_else(|| missing("default_category"))?,
            error: spec
                .severity
                .error
                .ok_or_else(|| missing("severity.error"))?,
            warning: spec
                .severity
                .warning
                .ok_or_else(|| missing("severity.warning"))?,
            info: spec.severity.info.ok_or_else(|| missing("severity.info"))?,
            category: BTreeMap::new(),
        };
        weights.apply(spec)?;
        Ok(weights)
    }

    /// Overrides the weights a spec names. Weights must be finite and not negative.
    pub fn apply(&mut self, spec: WeightsSpec) -> Result<(), String> {
        let check = |what: &str, w: f64| {
            if w.is_finite() && w >= 0.0 {
                Ok(w)
            } else {
                Err(format!(
                    "score weight `{what}` must be a number of 0 or more, not {w}"
                ))
            }
        };
        if let Some(n) = spec.min_words {
            self.min_words = n;
        }
        if let Some(w) = spec.default_category {
            self.default_category = check("default_category", w)?;
        }
        if let Some(w) = spec.severity.error {
            self.error = check("severity.error", w)?;
        }
        if let Some(w) = spec.severity.warning {
            self.warning = check("severity.warning", w)?;
        }
        if let Some(w) = spec.severity.info {
            self.info = check("severity.info", w)?;
        }
        for (name, w) in spec.category {
            let w = check(&format!("category.{name}"), w)?;
            self.category.insert(name, w);
        }
        Ok(())
    }

    /// What one diagnostic weighs.
    pub fn weight(&self, d: &Diagnostic) -> f64 {
        let severity = match d.severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        };
        let category = d
            .rule
            .category
            .as_deref()
            .and_then(|c| self.category.get(c))
            .copied()
            .unwrap_or(self.default_category);
        severity * category
    }

    /// The score of a file of `words` words with these diagnostics, rounded to 2 decimals.
    pub fn score(&self, words: usize, diagnostics: &[Diagnostic]) -> f64 {
        let total: f64 = diagnostics.iter().map(|d| self.weight(d)).sum();
        let words = words.max(self.min_words).max(1) as f64;
        (total / words * 1000.0 * 100.0).round() / 100.0
    }
}

/// Words of prose, as the score counts them (Unicode word boundaries).
pub fn count_words(prose: &str) -> usize {
    prose.unicode_words().count()
}

/// Sets the score of every report that could be linted.
pub fn score_reports(reports: &mut [FileReport], weights: &Weights) {
    for r in reports {
        r.score = if r.error.is_some() || r.skipped.is_some() {
            None
        } else {
            Some(weights.score(r.words, &r.diagnostics))
        };
    }
}

/// The files whose score is above `max`, worst first (then by path).
pub fn over(reports: &[FileReport], max: f64) -> Vec<(&str, f64)> {
    let mut over: Vec<(&str, f64)> = reports
        .iter()
        .filter_map(|r| Some((r.path.as_str(), r.score?)))
        .filter(|(_, s)| *s > max)
        .collect();
    over.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    over
}

/// The `n` worst-scoring files with a score above 0, worst first.
pub fn worst(reports: &[FileReport], n: usize) -> Vec<(&str, f64)> {
    let mut all = over(reports, 0.0);
    all.truncate(n);
    all
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::RuleRef;
    use crate::span::Span;

    fn diag(severity: Severity, category: Option<&str>) -> Diagnostic {
        Diagnostic {
            rule: Arc::new(RuleRef {
                id: "p/r".into(),
                pack: "p".into(),
                category: category.map(str::to_string),
            }),
            severity,
            span: Span::new(0, 1),
            message: String::new(),
            help: None,
            fixes: Vec::new(),
            related: Vec::new(),
        }
    }

    #[test]
    fn builtin_weights_load_and_weigh_by_severity_and_category() {
        let w = Weights::builtin().unwrap();
        let mistranslation = diag(Severity::Warning, Some("mistranslation"));
        let typography = diag(Severity::Warning, Some("typography"));
        let unknown = diag(Severity::Warning, Some("no-such-category"));
        assert!(w.weight(&mistranslation) > w.weight(&typography));
        assert_eq!(w.weight(&unknown), w.warning * w.default_category);
        assert!(w.weight(&diag(Severity::Error, None)) > w.weight(&diag(Severity::Info, None)));
    }

    #[test]
    fn score_is_per_thousand_words_with_a_floor() {
        let mut w = Weights::builtin().unwrap();
        w.apply(
            toml::from_str("min_words = 10\n[severity]\nwarning = 1.0\n[category]\nx = 2.0")
                .unwrap(),
        )
        .unwrap();
        let d = diag(Severity::Warning, Some("x"));
        assert_eq!(w.score(2000, &[d.clone(), d.clone()]), 2.0);
        // 3 words count as 10.
        assert_eq!(w.score(3, std::slice::from_ref(&d)), 200.0);
        assert_eq!(w.score(500, &[]), 0.0);
    }

    #[test]
    fn negative_weights_and_unknown_keys_are_rejected() {
        let mut w = Weights::builtin().unwrap();
        let spec: WeightsSpec = toml::from_str("[severity]\nerror = -1.0").unwrap();
        assert!(w.apply(spec).unwrap_err().contains("severity.error"));
        assert!(toml::from_str::<WeightsSpec>("errors = 1.0").is_err());
    }
}
