//! The config file `.mtlint.toml`: its format, where it is found, and which files it admits.
//!
//! Each linted file is governed by the nearest `.mtlint.toml` in its folder or above (no
//! merging: the nearest wins); `--config FILE` makes one file govern everything and
//! `--no-config` ignores them. A config is parsed and its globs compiled once; every problem is
//! a [`LoadError`] pointing into the file. Checking names against the loaded packs and turning
//! a config into a rule set is `profile`'s job; this module knows nothing about rules.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::rule::LoadError;
use crate::vocabulary::Vocabulary;

/// The file name looked for in each folder.
pub const CONFIG_FILE: &str = ".mtlint.toml";

/// What `mtlint init` writes: every key, commented, so it parses as an empty config.
pub const STARTER: &str = include_str!("config_starter.toml");

/// Where to link readers of config errors.
const DOCS_NOTE: &str =
    "see docs/ci.md (configuration) or run `mtlint init` for a commented example";

/// The serde mirror of `.mtlint.toml`. Only shape lives here.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ConfigSpec {
    #[serde(default)]
    from: Option<Spanned<String>>,
    #[serde(default)]
    packs: Vec<Spanned<String>>,
    #[serde(default)]
    no_default_packs: bool,
    #[serde(default)]
    rules: Vec<Spanned<String>>,
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    vocabulary: Vec<Spanned<String>>,
    #[serde(default)]
    overrides: BTreeMap<Spanned<String>, Spanned<Level>>,
    /// Quality-score weights that differ from the built-in ones.
    #[serde(default)]
    score: Option<Spanned<crate::score::WeightsSpec>>,
}

/// An override's value: a severity, or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    /// The severity, or `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// A value of the config with the byte range it was written at, for errors.
#[derive(Clone, Debug)]
pub struct At<T> {
    pub value: T,
    pub span: Range<usize>,
}

impl<T> At<T> {
    fn from(s: Spanned<T>) -> Self {
        let span = s.span();
        At {
            value: s.into_inner(),
            span,
        }
    }
}

/// A rule id or pack name with its level.
#[derive(Clone, Debug)]
pub struct Override {
    pub name: At<String>,
    pub level: At<Level>,
}

/// A parsed, checked `.mtlint.toml`.
#[derive(Debug)]
pub struct Config {
    /// The path shown in messages (relative to the working folder when under it).
    pub display: String,
    /// The absolute, normalised path of the file (empty for a config parsed from text).
    pub file: PathBuf,
    /// The absolute, normalised folder holding the file: globs and rule folders are relative
    /// to it.
    pub dir: PathBuf,
    /// The file's text, for pointing errors into it.
    pub text: String,
    pub from: Option<At<String>>,
    pub packs: Vec<At<String>>,
    pub no_default_packs: bool,
    /// Extra rule folders, resolved against `dir`.
    pub rules: Vec<At<PathBuf>>,
    pub overrides: Vec<Override>,
    pub vocabulary: Vocabulary,
    /// The quality-score weights of the files this config governs, when it sets any.
    pub weights: Option<crate::score::Weights>,
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl Config {
    /// Reads and parses a config file.
    pub fn load(path: &Path) -> Result<Config, LoadError> {
        let display = display_relative(path);
        let text = std::fs::read_to_string(path)
            .map_err(|e| LoadError::new(&display, "", format!("cannot read config: {e}"), None))?;
        let abs = normalize(&absolute(path));
        let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut config = Config::parse(&display, dir, text)?;
        config.file = abs;
        Ok(config)
    }

    /// Parses a config's text; `dir` is the folder its relative paths start from.
    pub fn parse(display: &str, dir: PathBuf, text: String) -> Result<Config, LoadError> {
        let err = |message: String, span: Option<Range<usize>>| {
            LoadError::new(display, &text, message, span)
        };
        let spec: ConfigSpec = toml::from_str(&text)
            .map_err(|e| err(e.message().trim().to_string(), e.span()).with_note(DOCS_NOTE))?;

        let include = if spec.include.is_empty() {
            None
        } else {
            Some(globs(&spec.include).map_err(|(m, s)| err(m, Some(s)))?)
        };
        let exclude = globs(&spec.exclude).map_err(|(m, s)| err(m, Some(s)))?;

        let mut rules = Vec::new();
        for r in spec.rules {
            let r = At::from(r);
            if r.value.trim().is_empty() {
                return Err(err("empty rule folder".into(), Some(r.span)));
            }
            rules.push(At {
                value: normalize(&dir.join(&r.value)),
                span: r.span,
            });
        }

        let mut entries = Vec::new();
        for v in spec.vocabulary {
            let v = At::from(v);
            if Vocabulary::tokens(&v.value).is_empty() {
                return Err(err(
                    "a vocabulary entry needs at least one word".into(),
                    Some(v.span),
                ));
            }
            entries.push(v.value);
        }

        let weights = match spec.score {
            None => None,
            Some(score) => {
                let span = score.span();
                let mut weights = crate::score::Weights::builtin().map_err(|m| err(m, None))?;
                weights
                    .apply(score.into_inner())
                    .map_err(|m| err(m, Some(span)))?;
                Some(weights)
            }
        };

        let overrides = spec
            .overrides
            .into_iter()
            .map(|(name, level)| Override {
                name: At::from(name),
                level: At::from(level),
            })
            .collect();

        Ok(Config {
            display: display.to_string(),
            file: PathBuf::new(),
            dir,
            from: spec.from.map(At::from),
            packs: spec.packs.into_iter().map(At::from).collect(),
            no_default_packs: spec.no_default_packs,
            rules,
            overrides,
            vocabulary: Vocabulary::new(entries.iter().map(String::as_str)),
            weights,
            include,
            exclude,
            text,
        })
    }

    /// An error pointing into this config.
    pub fn error(&self, message: impl Into<String>, span: Range<usize>) -> LoadError {
        LoadError::new(&self.display, &self.text, message, Some(span))
    }

    /// Whether this config lets `path` (absolute, normalised) be linted: not excluded (the path
    /// or one of its folders matches an `exclude` glob) and, for files, included (when
    /// `include` is set, the path or one of its folders matches an `include` glob). Paths
    /// outside the config's folder are not filtered.
    pub fn admits(&self, path: &Path, is_dir: bool) -> bool {
        let Ok(rel) = path.strip_prefix(&self.dir) else {
            return true;
        };
        if rel.as_os_str().is_empty() {
            return true;
        }
        let ancestors: Vec<&Path> = rel
            .ancestors()
            .filter(|a| !a.as_os_str().is_empty())
            .collect();
        if ancestors.iter().any(|a| self.exclude.is_match(a)) {
            return false;
        }
        match (&self.include, is_dir) {
            (Some(include), false) => ancestors.iter().any(|a| include.is_match(a)),
            _ => true,
        }
    }
}

/// Compiles globs; `*` stays within a folder, `**` crosses folders.
fn globs(patterns: &[Spanned<String>]) -> Result<GlobSet, (String, Range<usize>)> {
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        let pattern = p.get_ref().trim_start_matches("./").trim_end_matches('/');
        let glob: Glob = GlobBuilder::new(pattern)
            .literal_separator(true)
            .build()
            .map_err(|e| (format!("invalid glob: {}", e.kind()), p.span()))?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|e| (format!("invalid globs: {e}"), 0..0))
}

/// How a run finds its configs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The nearest `.mtlint.toml` above each file.
    Discover,
    /// One file for everything (`--config FILE`).
    Explicit(PathBuf),
    /// No config (`--no-config`).
    Ignore,
}

/// The config governing a path, as resolved.
#[derive(Clone, Debug)]
pub enum Governing {
    None,
    Config(Arc<Config>),
    /// The config at this path could not be loaded (its error is in [`Resolver::errors`]).
    Broken(PathBuf),
}

impl Governing {
    /// A key that is equal for paths governed by the same config.
    pub fn key(&self) -> Option<PathBuf> {
        match self {
            Governing::None => None,
            Governing::Config(c) => Some(c.file.clone()),
            Governing::Broken(p) => Some(p.clone()),
        }
    }
}

/// Finds and loads configs, each folder looked up and each file parsed once; safe to share
/// between the threads of a walk.
pub struct Resolver {
    mode: Mode,
    /// Folder → the config file governing it.
    dirs: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    /// Config file → its parse result.
    configs: Mutex<BTreeMap<PathBuf, Result<Arc<Config>, LoadError>>>,
}

impl Resolver {
    pub fn new(mode: Mode) -> Self {
        Resolver {
            mode,
            dirs: Mutex::new(HashMap::new()),
            configs: Mutex::new(BTreeMap::new()),
        }
    }

    /// The config governing a file (or, with `is_dir`, a folder's contents).
    pub fn governing(&self, path: &Path, is_dir: bool) -> Governing {
        let abs = normalize(&absolute(path));
        let file = match &self.mode {
            Mode::Ignore => return Governing::None,
            Mode::Explicit(file) => Some(file.clone()),
            Mode::Discover => {
                let dir = if is_dir {
                    abs.as_path()
                } else {
                    abs.parent().unwrap_or(Path::new("/"))
                };
                self.nearest(dir)
            }
        };
        match file {
            None => Governing::None,
            Some(file) => self.load(&file),
        }
    }

    /// Whether `path` may be linted under its config; paths under a broken config are kept
    /// (they are reported as not linted).
    pub fn admits(&self, path: &Path, is_dir: bool) -> bool {
        match self.governing(path, is_dir) {
            Governing::Config(c) => c.admits(&normalize(&absolute(path)), is_dir),
            Governing::None | Governing::Broken(_) => true,
        }
    }

    /// Every config that failed to load, in path order.
    pub fn errors(&self) -> Vec<LoadError> {
        self.configs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .values()
            .filter_map(|r| r.as_ref().err().cloned())
            .collect()
    }

    fn nearest(&self, dir: &Path) -> Option<PathBuf> {
        if let Some(found) = self
            .dirs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(dir)
        {
            return found.clone();
        }
        let candidate = dir.join(CONFIG_FILE);
        let found = if candidate.is_file() {
            Some(candidate)
        } else {
            dir.parent().and_then(|parent| self.nearest(parent))
        };
        self.dirs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(dir.to_path_buf(), found.clone());
        found
    }

    fn load(&self, file: &Path) -> Governing {
        let mut configs = self.configs.lock().unwrap_or_else(PoisonError::into_inner);
        let result = configs
            .entry(file.to_path_buf())
            .or_insert_with(|| Config::load(file).map(Arc::new));
        match result {
            Ok(c) => Governing::Config(c.clone()),
            Err(_) => Governing::Broken(file.to_path_buf()),
        }
    }
}

/// `path` made absolute against the working folder (the path itself if that fails).
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Removes `.` and resolves `..` lexically, so paths compare and strip as written.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(c);
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// A path for messages: relative to the working folder when under it.
pub fn display_relative(path: &Path) -> String {
    let abs = normalize(&absolute(path));
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            abs.strip_prefix(normalize(&cwd))
                .ok()
                .map(Path::to_path_buf)
        })
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf());
    crate::discover::display_path(&shown)
}

/// Writes the starter config into `dir`; refuses to overwrite an existing one.
pub fn init(dir: &Path) -> Result<PathBuf, String> {
    let path = dir.join(CONFIG_FILE);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => format!(
                "{} already exists; not overwriting it",
                display_relative(&path)
            ),
            _ => format!("cannot create {}: {e}", display_relative(&path)),
        })?;
    std::io::Write::write_all(&mut file, STARTER.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", display_relative(&path)))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, LoadError> {
        Config::parse(".mtlint.toml", PathBuf::from("/repo"), text.to_string())
    }

    #[test]
    fn starter_config_parses_and_admits_everything() {
        let c = parse(STARTER).unwrap();
        assert!(c.overrides.is_empty());
        assert!(c.admits(Path::new("/repo/a/b.md"), false));
    }

    #[test]
    fn full_config_parses_with_spans() {
        let text = r#"
from = "fr"
packs = ["news"]
rules = ["house"]
exclude = ["archive", "drafts/*.md"]
vocabulary = ["stoké", "Mr. Xi"]
[overrides]
"fr-en/pricing-war" = "off"
core = "info"
"#;
        let c = parse(text).unwrap();
        assert_eq!(c.from.as_ref().unwrap().value, "fr");
        assert_eq!(c.rules[0].value, PathBuf::from("/repo/house"));
        assert_eq!(&text[c.rules[0].span.clone()], "\"house\"");
        let names: Vec<_> = c.overrides.iter().map(|o| o.name.value.as_str()).collect();
        assert_eq!(names, ["core", "fr-en/pricing-war"]);
        let o = &c.overrides[1];
        assert_eq!(&text[o.name.span.clone()], "\"fr-en/pricing-war\"");
        assert_eq!(o.level.value, Level::Off);
        assert_eq!(&text[o.level.span.clone()], "\"off\"");
    }

    #[test]
    fn excludes_match_folders_and_files_relative_to_the_config() {
        let c = parse("exclude = [\"archive\", \"drafts/*.md\"]").unwrap();
        assert!(!c.admits(Path::new("/repo/archive"), true));
        assert!(!c.admits(Path::new("/repo/archive/2019/a.md"), false));
        assert!(!c.admits(Path::new("/repo/drafts/a.md"), false));
        // `*` does not cross folders; globs are anchored at the config's folder.
        assert!(c.admits(Path::new("/repo/drafts/x/a.md"), false));
        assert!(c.admits(Path::new("/repo/news/archive/a.md"), false));
        let any_depth = parse("exclude = [\"**/drafts\", \"*.{htm,html}\"]").unwrap();
        assert!(!any_depth.admits(Path::new("/repo/drafts/a.md"), false));
        assert!(!any_depth.admits(Path::new("/repo/x/drafts/a.md"), false));
        assert!(!any_depth.admits(Path::new("/repo/a.htm"), false));
        assert!(any_depth.admits(Path::new("/repo/x/a.htm"), false));
        // Outside the config's folder nothing is filtered.
        assert!(c.admits(Path::new("/elsewhere/archive/a.md"), false));
    }

    #[test]
    fn include_limits_files_but_not_folders() {
        let c = parse("include = [\"articles/**/*.md\", \"notes\"]").unwrap();
        assert!(c.admits(Path::new("/repo/articles/2024/a.md"), false));
        assert!(c.admits(Path::new("/repo/notes/a.txt"), false));
        assert!(!c.admits(Path::new("/repo/articles/a.txt"), false));
        assert!(c.admits(Path::new("/repo/other"), true));
        assert!(!c.admits(Path::new("/repo/other/a.md"), false));
    }

    #[test]
    fn errors_point_into_the_config() {
        let e = parse("form = \"fr\"\n").unwrap_err();
        assert!(e.message.contains("form"), "{}", e.message);
        assert_eq!(e.span.clone().map(|s| &e.text[s]), Some("form"));

        let text = "[overrides]\n\"core\" = \"loud\"\n";
        let e = parse(text).unwrap_err();
        assert!(e.message.contains("loud"), "{}", e.message);
        assert_eq!(e.span.clone().map(|s| &text[s]), Some("\"loud\""));

        let text = "exclude = [\"a/[b\"]\n";
        let e = parse(text).unwrap_err();
        assert!(e.message.contains("invalid glob"), "{}", e.message);
        assert_eq!(e.span.clone().map(|s| &text[s]), Some("\"a/[b\""));

        let text = "vocabulary = [\"ok\", \" -- \"]\n";
        let e = parse(text).unwrap_err();
        assert_eq!(e.span.clone().map(|s| &text[s]), Some("\" -- \""));
    }

    /// Every key the format accepts (serde lists them when it meets an unknown one) is in the
    /// starter config and in the reference in docs/ci.md.
    #[test]
    fn starter_and_docs_cover_every_key() {
        let e = parse("not_a_key = 1").unwrap_err();
        let keys: Vec<&str> = e
            .message
            .split("expected one of")
            .nth(1)
            .unwrap()
            .split('`')
            .filter(|k| k.chars().all(|c| c.is_ascii_lowercase() || c == '_') && !k.is_empty())
            .collect();
        assert!(keys.len() >= 8, "{keys:?}");
        let docs = include_str!("../docs/ci.md");
        for key in keys {
            // Tables are written `[key]`.
            let table = key == "overrides" || key == "score";
            let in_docs = if table {
                format!("| `[{key}]` |")
            } else {
                format!("| `{key}` |")
            };
            assert!(docs.contains(&in_docs), "docs/ci.md lacks {key}");
            let in_starter = if table {
                format!("[{key}]")
            } else {
                format!("# {key} = ")
            };
            assert!(STARTER.contains(&in_starter), "starter lacks {key}");
        }
    }

    #[test]
    fn normalize_is_lexical() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }
}
