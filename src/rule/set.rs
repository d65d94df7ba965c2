//! The catalogue of loaded packs, the selection a run makes from it, and the compiled
//! [`RuleSet`] that lints documents.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use super::load::{PACK_FILE, RuleSource, compile_pack, compile_rule, load_user_path};
use super::{LoadError, Pack, Rule};
use crate::diagnostic::{Diagnostic, Fix, Related};
use crate::document::Document;
use crate::kinds::phrases::{PhraseIndex, PhraseList};
use crate::kinds::{Hit, Matcher};
use crate::span::Span;

/// Built-in rule files, embedded by build.rs: (path under `rules/`, text).
/// Origin prefix of built-in rules (their path in the repository).
pub const BUILTIN_PREFIX: &str = "rules/";

static BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// Every pack and rule that could be loaded.
#[derive(Default)]
pub struct Catalog {
    pub packs: Vec<Pack>,
    pub rules: Vec<Rule>,
}

impl Catalog {
    /// The built-in packs. Errors here are bugs in the shipped packs (tests catch them).
    pub fn builtin() -> (Catalog, Vec<LoadError>) {
        let mut catalog = Catalog::default();
        let mut errors = Vec::new();
        let mut pack_files: HashMap<&str, &str> = HashMap::new();
        let mut pack_names = BTreeSet::new();
        for (path, text) in BUILTIN {
            let Some((pack, file)) = path.split_once('/') else {
                continue;
            };
            pack_names.insert(pack);
            if file == PACK_FILE {
                pack_files.insert(pack, text);
            }
        }
        for pack in pack_names {
            let display = format!("rules/{pack}/{PACK_FILE}");
            match compile_pack(pack, &display, pack_files.get(pack).copied(), true) {
                Ok(p) => catalog.packs.push(p),
                Err(e) => errors.push(e),
            }
        }
        for (path, text) in BUILTIN {
            let Some((pack, file)) = path.split_once('/') else {
                continue;
            };
            let Some(name) = file.strip_suffix(".toml") else {
                continue;
            };
            if file == PACK_FILE {
                continue;
            }
            let display = format!("{BUILTIN_PREFIX}{path}");
            match compile_rule(&RuleSource {
                path: &display,
                pack,
                name,
                text,
            }) {
                Ok(rule) => catalog.rules.push(rule),
                Err(e) => errors.push(e),
            }
        }
        (catalog, errors)
    }

    /// Adds the packs under a user path (`--rules`); they are always active. A user rule with a
    /// built-in rule's id replaces it (so a team can adapt a shipped rule); the same id twice
    /// among user rules is an error.
    pub fn add_user_path(&mut self, path: &Path) -> Vec<LoadError> {
        let loaded = load_user_path(path);
        let mut errors = loaded.errors;
        for pack in loaded.packs {
            match self.packs.iter_mut().find(|p| p.name == pack.name) {
                Some(existing) => existing.user = true,
                None => self.packs.push(pack),
            }
        }
        for rule in loaded.rules {
            if let Some(i) = self.rules.iter().position(|r| r.id == rule.id) {
                if self.rules[i].origin.starts_with(BUILTIN_PREFIX) {
                    self.rules[i] = rule;
                } else {
                    errors.push(
                        LoadError::new(
                            &rule.origin,
                            "",
                            format!("duplicate rule id `{}`", rule.id),
                            None,
                        )
                        .with_note(format!("first defined in {}", self.rules[i].origin)),
                    );
                }
                continue;
            }
            self.rules.push(rule);
        }
        errors
    }

    /// Ids of the rules a selection turns on, or a usage error.
    pub fn select(&self, selection: &Selection) -> Result<BTreeSet<String>, String> {
        let mut packs: BTreeSet<&str> = BTreeSet::new();
        for pack in &self.packs {
            let by_default = pack.default && !selection.no_default_packs;
            let by_user = pack.user;
            if by_default || by_user {
                packs.insert(&pack.name);
            }
        }
        if let Some(lang) = &selection.from {
            let chosen: Vec<&Pack> = self
                .packs
                .iter()
                .filter(|p| p.source.as_deref() == Some(lang.as_str()))
                .collect();
            if chosen.is_empty() {
                let mut known: Vec<&str> = self
                    .packs
                    .iter()
                    .filter_map(|p| p.source.as_deref())
                    .collect();
                known.sort();
                return Err(format!(
                    "no pack for source language `{lang}` (known: {})",
                    known.join(", ")
                ));
            }
            packs.extend(chosen.iter().map(|p| p.name.as_str()));
        }
        for name in &selection.packs {
            if name == "all" {
                packs.extend(self.packs.iter().map(|p| p.name.as_str()));
            } else if let Some(p) = self.packs.iter().find(|p| &p.name == name) {
                packs.insert(&p.name);
            } else {
                return Err(format!("unknown pack `{name}` (see `mtlint rules`)"));
            }
        }
        let mut ids: BTreeSet<String> = self
            .rules
            .iter()
            .filter(|r| packs.contains(r.pack.as_str()))
            .map(|r| r.id.clone())
            .collect();
        for name in &selection.enable {
            let matched = self.matching(name)?;
            ids.extend(matched);
        }
        for name in &selection.disable {
            for id in self.matching(name)? {
                ids.remove(&id);
            }
        }
        Ok(ids)
    }

    /// Rule ids named by a rule id or pack name.
    pub fn matching(&self, name: &str) -> Result<Vec<String>, String> {
        let ids: Vec<String> = self
            .rules
            .iter()
            .filter(|r| r.id == name || r.pack == name)
            .map(|r| r.id.clone())
            .collect();
        if ids.is_empty() && !self.packs.iter().any(|p| p.name == name) {
            return Err(format!(
                "unknown rule or pack `{name}` (see `mtlint rules`)"
            ));
        }
        Ok(ids)
    }

    /// The rule set of the given ids, in id order.
    pub fn into_set(self, ids: &BTreeSet<String>) -> RuleSet {
        let mut rules: Vec<Rule> = self
            .rules
            .into_iter()
            .filter(|r| ids.contains(&r.id))
            .collect();
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        RuleSet::new(rules)
    }
}

/// What a run asks for: source language, packs and rule switches.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub from: Option<String>,
    pub packs: Vec<String>,
    pub no_default_packs: bool,
    pub enable: Vec<String>,
    pub disable: Vec<String>,
}

/// The compiled rules of a run: one phrase automaton for all phrase rules, plus the rest.
pub struct RuleSet {
    rules: Vec<Rule>,
    phrases: PhraseIndex,
}

impl RuleSet {
    pub fn new(rules: Vec<Rule>) -> Self {
        let phrases = PhraseIndex::new(rules.iter().enumerate().filter_map(
            |(i, r)| match &r.matcher {
                Matcher::Phrases(list) => Some((i, list)),
                Matcher::Check(_) => None,
            },
        ));
        RuleSet { rules, phrases }
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Raw hits of every rule, as `(rule index, hit)` in prose coordinates.
    pub fn hits(&self, doc: &Document) -> Vec<(usize, Hit)> {
        let mut all = self.phrases.search(doc, |i| self.phrase_list(i));
        let mut hits = Vec::new();
        for (i, rule) in self.rules.iter().enumerate() {
            if let Matcher::Check(check) = &rule.matcher {
                check.check(doc, &mut hits);
                all.extend(hits.drain(..).map(|h| (i, h)));
            }
        }
        all
    }

    fn phrase_list(&self, i: usize) -> &PhraseList {
        match &self.rules[i].matcher {
            Matcher::Phrases(list) => list,
            // PhraseIndex only holds indices of phrase rules.
            Matcher::Check(_) => unreachable!("phrase index points at a non-phrase rule"),
        }
    }

    /// Lints a document: diagnostics in original-file coordinates, sorted by position.
    pub fn lint(&self, doc: &Document) -> Vec<Diagnostic> {
        let mut diagnostics: Vec<Diagnostic> = self
            .hits(doc)
            .into_iter()
            .map(|(i, hit)| self.diagnostic(&self.rules[i], doc, hit))
            .collect();
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        diagnostics
    }

    fn diagnostic(&self, rule: &Rule, doc: &Document, hit: Hit) -> Diagnostic {
        let found = doc.slice(hit.span);
        let first = hit.replacements.first().map(String::as_str).unwrap_or("");
        let mut vars: Vec<(&str, &str)> = vec![("found", found), ("replacement", first)];
        vars.extend(hit.vars.iter().map(|(k, v)| (*k, v.as_str())));
        if !vars.iter().any(|(k, _)| *k == "note") {
            vars.push(("note", ""));
        }
        let span = doc.map.span(hit.span);
        // A fix may only rewrite bytes that are prose verbatim; across markup it would
        // destroy tags, so such a diagnostic carries no fix.
        let fixes = if doc.map.is_verbatim(hit.span) {
            hit.replacements
                .iter()
                .map(|r| Fix {
                    span,
                    replacement: r.clone(),
                    applicability: rule.applicability,
                })
                .collect()
        } else {
            Vec::new()
        };
        Diagnostic {
            rule: rule.reference.clone(),
            severity: rule.severity,
            span,
            message: super::render_template(&rule.message, &vars),
            help: rule.help.as_ref().map(|h| super::render_template(h, &vars)),
            fixes,
            related: hit
                .related
                .into_iter()
                .map(|(s, message)| Related {
                    span: doc.map.span(s),
                    message,
                })
                .collect(),
        }
    }
}

/// The spans a rule flags in a text, for tests and examples.
pub fn spans_of(set: &RuleSet, rule_id: &str, text: &str) -> Vec<Span> {
    let doc = Document::plain(text);
    let mut spans: Vec<Span> = set
        .lint(&doc)
        .into_iter()
        .filter(|d| d.rule.id == rule_id)
        .map(|d| d.span)
        .collect();
    spans.sort();
    spans
}
