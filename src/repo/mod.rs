//! Repository-wide checks (`--repo-checks`): problems no single file shows, found across all
//! files of a run. `names`: a name written with other capitals or another spelling than in the
//! other articles (`zelensky` in one, `Zelensky` in three). `paragraphs`: a paragraph repeated
//! word for word in many files (a scraped footer or share bar).
//!
//! Each file contributes compact [`FileFacts`] while it is linted (in parallel); [`check`] then
//! looks at all of them once. Thresholds, word lists and messages are data
//! (`defaults.toml`, embedded). Diagnostics use the rule ids `repo/name-casing` and
//! `repo/repeated-paragraph`; their related spans may point into other files.

mod names;
mod paragraphs;

use std::collections::BTreeSet;
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, RuleDoc, RuleRef, Severity};
use crate::document::Document;

const DEFAULTS: &str = include_str!("defaults.toml");
/// Where the defaults come from, for error messages.
pub const DEFAULTS_PATH: &str = "src/repo/defaults.toml";
/// The pseudo-pack of the repository-wide rules.
pub const PACK: &str = "repo";

/// Documentation and message templates of a check (the same fields in both tables; serde's
/// `flatten` would lose `deny_unknown_fields`, so each table spells them out).
#[derive(Clone, Debug)]
pub struct CheckDoc<'a> {
    pub summary: &'a str,
    pub severity: Severity,
    pub category: Option<&'a str>,
    pub message: &'a str,
    pub help: Option<&'a str>,
    /// Message of the related spans.
    pub related: &'a str,
    pub why: Option<&'a str>,
}

macro_rules! check_doc {
    ($s:expr) => {
        CheckDoc {
            summary: &$s.summary,
            severity: $s.severity,
            category: $s.category.as_deref(),
            message: &$s.message,
            help: $s.help.as_deref(),
            related: &$s.related,
            why: $s.why.as_deref(),
        }
    };
}

/// Settings of the name check.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameSettings {
    pub summary: String,
    pub severity: Severity,
    pub category: Option<String>,
    pub message: String,
    pub help: Option<String>,
    pub related: String,
    pub why: Option<String>,
    pub min_length: usize,
    pub max_acronym_length: usize,
    pub min_spelling_length: usize,
    pub max_variant_share: f64,
    pub max_related: usize,
    pub common_words: BTreeSet<String>,
    pub determiners: BTreeSet<String>,
    pub abbreviations: BTreeSet<String>,
}

/// Settings of the repeated-paragraph check.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParagraphSettings {
    pub summary: String,
    pub severity: Severity,
    pub category: Option<String>,
    pub message: String,
    pub help: Option<String>,
    pub related: String,
    pub why: Option<String>,
    pub min_files: usize,
    pub min_words: usize,
    pub max_related: usize,
}

impl NameSettings {
    pub fn doc(&self) -> CheckDoc<'_> {
        check_doc!(self)
    }
}

impl ParagraphSettings {
    pub fn doc(&self) -> CheckDoc<'_> {
        check_doc!(self)
    }
}

/// Everything the repository-wide checks need to know.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    #[serde(rename = "name-casing")]
    pub names: NameSettings,
    #[serde(rename = "repeated-paragraph")]
    pub paragraphs: ParagraphSettings,
    /// Accepted words and names (the config file's vocabulary): never flagged.
    #[serde(skip)]
    pub vocabulary: BTreeSet<String>,
}

impl Settings {
    /// The built-in settings (`defaults.toml`).
    pub fn builtin() -> Result<Settings, String> {
        toml::from_str(DEFAULTS).map_err(|e| format!("{DEFAULTS_PATH}: {e}"))
    }

    /// Documentation of the repository-wide rules, for reports that list rules.
    pub fn rule_docs(&self) -> Vec<RuleDoc> {
        vec![
            doc(names::RULE, &self.names.doc()),
            doc(paragraphs::RULE, &self.paragraphs.doc()),
        ]
    }
}

impl Settings {
    /// `mtlint explain repo/…`: a repository-wide rule's documentation as Markdown.
    pub fn explain(&self, id: &str) -> Option<String> {
        let rule = self.rule_docs().into_iter().find(|r| r.id == id)?;
        let mut s = format!("## {}\n\n{}\n\n", rule.id, rule.summary);
        s.push_str(&format!(
            "- severity: {}\n- category: {}\n- kind: repository-wide (`--repo-checks`)\n- message: {}\n",
            rule.severity.as_str(),
            rule.category.as_deref().unwrap_or("-"),
            rule.message,
        ));
        if let Some(help) = &rule.help {
            s.push_str(&format!("- help: {help}\n"));
        }
        if let Some(why) = &rule.why {
            s.push_str(&format!("\n{}\n", why.trim()));
        }
        s.push_str(&format!("\nSettings: {DEFAULTS_PATH}\n"));
        Some(s)
    }
}

fn doc(id: &str, d: &CheckDoc) -> RuleDoc {
    RuleDoc {
        id: id.to_string(),
        pack: PACK.to_string(),
        summary: d.summary.to_string(),
        message: d.message.to_string(),
        why: d.why.map(str::to_string),
        help: d.help.map(str::to_string),
        severity: d.severity,
        category: d.category.map(str::to_string),
    }
}

fn rule_ref(id: &str, d: &CheckDoc) -> Arc<RuleRef> {
    Arc::new(RuleRef {
        id: id.to_string(),
        pack: PACK.to_string(),
        category: d.category.map(str::to_string),
    })
}

/// True for the ids inline suppression comments may name for these checks: their rule ids
/// and their pack.
pub fn knows(id: &str) -> bool {
    id == PACK || id == names::RULE || id == paragraphs::RULE
}

/// `1 file`, `3 files`.
fn files(n: usize) -> String {
    format!("{n} file{}", if n == 1 { "" } else { "s" })
}

/// What one file contributes to the repository-wide checks. Spans are in the file's original
/// bytes.
#[derive(Clone, Debug, Default)]
pub struct FileFacts {
    pub path: String,
    names: names::FileNames,
    paragraphs: Vec<paragraphs::Paragraph>,
}

impl FileFacts {
    /// A file that contributes nothing (it could not be read).
    pub fn empty(path: &str) -> Self {
        FileFacts {
            path: path.to_string(),
            ..FileFacts::default()
        }
    }
}

/// The facts of one parsed file.
pub fn facts(path: &str, doc: &Document, settings: &Settings) -> FileFacts {
    FileFacts {
        path: path.to_string(),
        names: names::collect(doc, &settings.names),
        paragraphs: paragraphs::collect(doc, &settings.paragraphs),
    }
}

/// Runs the checks over all files of a run: diagnostics as `(index into files, diagnostic)`,
/// in file order, then span order.
pub fn check(files: &[FileFacts], settings: &Settings) -> Vec<(usize, Diagnostic)> {
    let mut out = names::check(files, settings);
    out.extend(paragraphs::check(files, &settings.paragraphs));
    out.sort_by(|(a, da), (b, db)| a.cmp(b).then(da.sort_key().cmp(&db.sort_key())));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_settings_load() {
        let s = Settings::builtin().unwrap();
        assert!(s.paragraphs.min_files >= 2);
        assert!(s.names.determiners.contains("the"));
        assert_eq!(s.rule_docs().len(), 2);
        let text = s.explain("repo/name-casing").unwrap();
        assert!(text.starts_with("## repo/name-casing\n"), "{text}");
        assert!(s.explain("repo/nope").is_none());
    }
}
