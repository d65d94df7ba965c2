//! The accepted vocabulary of a config: words and names that are correct in a repository's
//! articles and must never be flagged as untranslated or as inconsistent (casing drift).
//!
//! Matching is by whole words, ignoring case (Unicode lower-casing): the entry `Xi` accepts the
//! flagged text `XI` or `Mr. XI`, but the entry `config` never hides `configurations` (Vale's
//! substring exceptions do). Diagnostics of other categories are never touched: a vocabulary
//! word can still be a calque or a typo.

use unicode_segmentation::UnicodeSegmentation;

use crate::diagnostic::Diagnostic;

/// Rule categories the vocabulary silences.
pub const CATEGORIES: &[&str] = &["untranslated", "inconsistency"];

/// Accepted words and names, each kept as its lower-cased words.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    entries: Vec<Vec<String>>,
}

impl Vocabulary {
    /// Entries without any word are ignored (config loading rejects them with a span).
    pub fn new<'a>(entries: impl IntoIterator<Item = &'a str>) -> Self {
        let mut entries: Vec<Vec<String>> = entries
            .into_iter()
            .map(Vocabulary::tokens)
            .filter(|t| !t.is_empty())
            .collect();
        entries.sort();
        entries.dedup();
        Vocabulary { entries }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The lower-cased words of a text (punctuation and spaces dropped).
    pub fn tokens(text: &str) -> Vec<String> {
        text.unicode_words().map(str::to_lowercase).collect()
    }

    /// Whether `flagged` contains an entry as a run of whole words.
    pub fn accepts(&self, flagged: &str) -> bool {
        if self.entries.is_empty() {
            return false;
        }
        let words = Vocabulary::tokens(flagged);
        self.entries.iter().any(|entry| {
            words
                .windows(entry.len())
                .any(|window| window == entry.as_slice())
        })
    }

    /// Drops the diagnostics of [`CATEGORIES`] whose flagged text (in `text`, the file as read)
    /// holds an accepted word or name.
    pub fn filter(&self, diagnostics: &mut Vec<Diagnostic>, text: &str) {
        if self.entries.is_empty() {
            return;
        }
        diagnostics.retain(|d| {
            let silenced_category = d
                .rule
                .category
                .as_deref()
                .is_some_and(|c| CATEGORIES.contains(&c));
            let flagged = text.get(d.span.as_range()).unwrap_or("");
            !(silenced_category && self.accepts(flagged))
        });
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::{RuleRef, Severity};
    use crate::span::Span;

    fn diagnostic(category: &str, span: Span) -> Diagnostic {
        Diagnostic {
            rule: Arc::new(RuleRef {
                id: format!("p/{category}"),
                pack: "p".into(),
                category: Some(category.into()),
            }),
            severity: Severity::Warning,
            span,
            message: String::new(),
            help: None,
            fixes: Vec::new(),
            related: Vec::new(),
        }
    }

    #[test]
    fn whole_words_ignoring_case() {
        let v = Vocabulary::new(["Xi", "stoké", "Nord Stream"]);
        assert!(v.accepts("XI"));
        assert!(v.accepts("Mr. XI"));
        assert!(v.accepts("STOKÉ"));
        assert!(v.accepts("the nord  stream pipeline"));
        assert!(!v.accepts("Xinhua"));
        assert!(!v.accepts("stokés"));
        assert!(!v.accepts("Nord"));
        assert!(!Vocabulary::default().accepts("Xi"));
    }

    #[test]
    fn filters_only_untranslated_and_inconsistency() {
        let text = "stoké and stoké and stoké";
        let v = Vocabulary::new(["Stoké"]);
        let mut ds = vec![
            diagnostic("untranslated", Span::new(0, 6)),
            diagnostic("inconsistency", Span::new(11, 17)),
            diagnostic("mistranslation", Span::new(22, 28)),
            diagnostic("untranslated", Span::new(7, 10)),
        ];
        v.filter(&mut ds, text);
        let left: Vec<_> = ds
            .iter()
            .map(|d| d.rule.category.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(left, ["mistranslation", "untranslated"]);
        assert_eq!(ds[1].span, Span::new(7, 10));
    }
}
