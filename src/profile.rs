//! A profile: everything that lints the files governed by one config: the compiled rule set
//! (built-in packs + the config's rule folders + `--rules`, selected, with severities
//! overridden) and the accepted vocabulary. A run builds one profile per config and shares it
//! between threads; configs that agree on everything that shapes the rules (a repository with a
//! config per folder that differ only in vocabulary or globs) share one compiled rule set, so
//! rules compile once per distinct rule settings, not once per config or per file.
//!
//! Precedence: command-line flags win over the config (`--from` replaces `from`; `--pack` and
//! `--rules` add to `packs` and `rules`; `--enable`/`--disable` apply after the config's
//! overrides). Names in a config are checked against the loaded packs here, with errors that
//! point into the config.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use crate::cli::RuleArgs;
use crate::config::{Config, Level};
use crate::rule::LoadError;
use crate::rule::set::{Catalog, RuleSet, Selection};
use crate::vocabulary::Vocabulary;

/// What lints the files under one config.
pub struct Profile {
    pub set: Arc<RuleSet>,
    pub vocabulary: Vocabulary,
}

/// Everything in a config that shapes its rule set; equal keys give equal rule sets.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct RulesKey {
    from: Option<String>,
    packs: Vec<String>,
    no_default_packs: bool,
    rules: Vec<PathBuf>,
    overrides: Vec<(String, Level)>,
}

impl RulesKey {
    fn of(config: Option<&Config>) -> RulesKey {
        match config {
            None => RulesKey {
                from: None,
                packs: Vec::new(),
                no_default_packs: false,
                rules: Vec::new(),
                overrides: Vec::new(),
            },
            Some(c) => RulesKey {
                from: c.from.as_ref().map(|f| f.value.clone()),
                packs: c.packs.iter().map(|p| p.value.clone()).collect(),
                no_default_packs: c.no_default_packs,
                rules: c.rules.iter().map(|r| r.value.clone()).collect(),
                overrides: c
                    .overrides
                    .iter()
                    .map(|o| (o.name.value.clone(), o.level.value))
                    .collect(),
            },
        }
    }
}

/// Builds the profiles of a run, compiling each distinct rule set once.
pub struct Builder<'a> {
    cli: &'a RuleArgs,
    sets: HashMap<RulesKey, Arc<RuleSet>>,
}

impl<'a> Builder<'a> {
    pub fn new(cli: &'a RuleArgs) -> Self {
        Builder {
            cli,
            sets: HashMap::new(),
        }
    }

    /// The profile for `config` (or for no config). Rule-file errors are returned beside the
    /// profile (it lints with the rules that loaded), once per distinct rule set; a bad name is
    /// fatal for the profile.
    pub fn build(
        &mut self,
        config: Option<&Config>,
    ) -> (Result<Profile, ProfileError>, Vec<LoadError>) {
        let vocabulary = config.map(|c| c.vocabulary.clone()).unwrap_or_default();
        let key = RulesKey::of(config);
        if let Some(set) = self.sets.get(&key) {
            let profile = Profile {
                set: set.clone(),
                vocabulary,
            };
            return (Ok(profile), Vec::new());
        }
        let (profile, errors) = build(self.cli, config);
        if let Ok(p) = &profile {
            self.sets.insert(key, p.set.clone());
        }
        (profile, errors)
    }
}

/// Why a profile could not be built.
#[derive(Debug)]
pub enum ProfileError {
    /// A command-line flag names something unknown.
    Usage(String),
    /// The config names something unknown.
    Config(LoadError),
}

/// The catalogue for a config: built-in packs, the config's rule folders, then `--rules`.
/// Rule files that fail to load are returned as errors; the rest are usable.
pub fn catalog(cli: &RuleArgs, config: Option<&Config>) -> (Catalog, Vec<LoadError>) {
    let (mut catalog, mut errors) = Catalog::builtin();
    if let Some(config) = config {
        for folder in &config.rules {
            if folder.value.exists() {
                errors.extend(catalog.add_user_path(&folder.value));
            } else {
                errors.push(config.error(
                    format!("rule folder `{}` not found", folder.value.display()),
                    folder.span.clone(),
                ));
            }
        }
    }
    for path in &cli.rules {
        errors.extend(catalog.add_user_path(path));
    }
    (catalog, errors)
}

/// The ids of the rules this run uses under `config`; sets overridden severities on the
/// catalogue's rules.
pub fn select(
    catalog: &mut Catalog,
    cli: &RuleArgs,
    config: Option<&Config>,
) -> Result<BTreeSet<String>, ProfileError> {
    if let Some(config) = config {
        check_names(catalog, cli, config).map_err(ProfileError::Config)?;
    }
    let from = cli
        .from
        .clone()
        .or_else(|| config.and_then(|c| c.from.as_ref().map(|f| f.value.clone())));
    let mut packs: Vec<String> = config
        .map(|c| c.packs.iter().map(|p| p.value.clone()).collect())
        .unwrap_or_default();
    packs.extend(cli.packs.iter().cloned());
    let base = Selection {
        from,
        packs,
        no_default_packs: cli.no_default_packs || config.is_some_and(|c| c.no_default_packs),
        enable: Vec::new(),
        disable: Vec::new(),
    };
    let mut ids = catalog.select(&base).map_err(ProfileError::Usage)?;

    if let Some(config) = config {
        for rule in &mut catalog.rules {
            let level = |name: &str| {
                config
                    .overrides
                    .iter()
                    .find(|o| o.name.value == name)
                    .map(|o| o.level.value)
            };
            match level(&rule.id).or_else(|| level(&rule.pack)) {
                None => {}
                Some(Level::Off) => {
                    ids.remove(&rule.id);
                }
                Some(level) => {
                    if let Some(severity) = level.severity() {
                        rule.severity = severity;
                    }
                }
            }
        }
    }

    for name in &cli.enable {
        ids.extend(catalog.matching(name).map_err(ProfileError::Usage)?);
    }
    for name in &cli.disable {
        for id in catalog.matching(name).map_err(ProfileError::Usage)? {
            ids.remove(&id);
        }
    }
    Ok(ids)
}

/// Checks that the config's `from`, `packs` and override names exist.
fn check_names(catalog: &Catalog, cli: &RuleArgs, config: &Config) -> Result<(), LoadError> {
    if let (None, Some(from)) = (&cli.from, &config.from)
        && !catalog
            .packs
            .iter()
            .any(|p| p.source.as_deref() == Some(from.value.as_str()))
    {
        let mut known: Vec<&str> = catalog
            .packs
            .iter()
            .filter_map(|p| p.source.as_deref())
            .collect();
        known.sort();
        return Err(config.error(
            format!(
                "no pack for source language `{}` (known: {})",
                from.value,
                known.join(", ")
            ),
            from.span.clone(),
        ));
    }
    for pack in &config.packs {
        if pack.value != "all" && !catalog.packs.iter().any(|p| p.name == pack.value) {
            return Err(config.error(
                format!("unknown pack `{}` (see `mtlint rules`)", pack.value),
                pack.span.clone(),
            ));
        }
    }
    for o in &config.overrides {
        let name = &o.name.value;
        let known = catalog.rules.iter().any(|r| &r.id == name)
            || catalog.packs.iter().any(|p| &p.name == name);
        if !known {
            return Err(config.error(
                format!("unknown rule or pack `{name}` (see `mtlint rules`)"),
                o.name.span.clone(),
            ));
        }
    }
    Ok(())
}

/// Builds the profile for `config` (or for no config). Rule-file errors are returned beside
/// the profile (it lints with the rules that loaded); a bad name is fatal for the profile.
pub fn build(
    cli: &RuleArgs,
    config: Option<&Config>,
) -> (Result<Profile, ProfileError>, Vec<LoadError>) {
    let (mut catalog, errors) = catalog(cli, config);
    let profile = select(&mut catalog, cli, config).map(|ids| Profile {
        set: Arc::new(catalog.into_set(&ids)),
        vocabulary: config.map(|c| c.vocabulary.clone()).unwrap_or_default(),
    });
    (profile, errors)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use clap::Parser;

    use super::*;

    fn config(dir: &str, text: &str) -> Config {
        Config::parse("c.toml", PathBuf::from(dir), text.to_string()).unwrap()
    }

    #[test]
    fn configs_with_the_same_rule_settings_share_one_rule_set() {
        let cli = crate::cli::Cli::parse_from(["mtlint"]);
        let mut builder = Builder::new(&cli.rules);
        let a = config("/r/a", "from = \"fr\"\nvocabulary = [\"Xi\"]\n");
        let b = config("/r/b", "from = \"fr\"\nexclude = [\"x\"]\n");
        let c = config("/r/c", "from = \"fr\"\n[overrides]\ncore = \"off\"\n");
        let pa = builder.build(Some(&a)).0.unwrap();
        let pb = builder.build(Some(&b)).0.unwrap();
        let pc = builder.build(Some(&c)).0.unwrap();
        assert!(Arc::ptr_eq(&pa.set, &pb.set));
        assert!(!Arc::ptr_eq(&pa.set, &pc.set));
        assert!(pa.vocabulary.accepts("XI"));
        assert!(!pb.vocabulary.accepts("XI"));
        assert!(pc.set.rules().iter().all(|r| r.pack != "core"));
        assert!(pa.set.rules().iter().any(|r| r.pack == "core"));
    }

    #[test]
    fn relative_rule_folders_that_meet_share_a_key() {
        let a = config("/r/a", "rules = [\"../house\"]");
        let b = config("/r/b", "rules = [\"../house/\"]");
        assert_eq!(RulesKey::of(Some(&a)), RulesKey::of(Some(&b)));
    }
}
