//! Compiling rule files and packs. Every problem becomes a [`LoadError`] with a span into the
//! file, so a broken rule is reported like a compiler error and never panics.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::spec::{KIND_NAMES, PackSpec, RuleSpec};
use super::{Example, ExampleKind, LoadError, Pack, Rule, placeholders};
use crate::diagnostic::RuleRef;
use crate::kinds;
use crate::span::Span;

/// The name of a pack's optional settings file; rule names cannot start with `_`.
pub const PACK_FILE: &str = "_pack.toml";

/// A rule file to compile.
pub struct RuleSource<'a> {
    /// Shown in messages: a path, or `rules/core/x.toml` for built-ins.
    pub path: &'a str,
    pub pack: &'a str,
    pub name: &'a str,
    pub text: &'a str,
}

/// True for names that may be a pack or rule name: `a-z`, `0-9` and `-`.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Compiles one rule file.
pub fn compile_rule(src: &RuleSource) -> Result<Rule, LoadError> {
    let err = |message: String, span| LoadError::new(src.path, src.text, message, span);
    for (what, name) in [("pack", src.pack), ("rule", src.name)] {
        if !valid_name(name) {
            return Err(err(
                format!("invalid {what} name `{name}`: use lower-case letters, digits and `-`"),
                None,
            ));
        }
    }
    let mut spec: RuleSpec = toml::from_str(src.text).map_err(|e| {
        err(e.message().trim().to_string(), e.span())
            .with_note("see docs/writing-rules.md for the rule file format")
    })?;
    let kind_spec = spec.take_kind().map_err(|present| {
        let message = if present.is_empty() {
            format!(
                "no kind table: add exactly one of [{}]",
                KIND_NAMES.join("], [")
            )
        } else {
            format!(
                "several kind tables ([{}]): a rule has exactly one",
                present.join("], [")
            )
        };
        let span = present.get(1).and_then(|name| table_header(src.text, name));
        err(message, span)
    })?;
    let compiled = kinds::compile(kind_spec).map_err(|e| err(e.message, e.span))?;

    for template in std::iter::once(&spec.message).chain(spec.help.iter()) {
        for name in placeholders(template.get_ref()) {
            if !compiled.placeholders.contains(&name) {
                return Err(err(
                    format!(
                        "unknown placeholder `{{{name}}}`; the {} kind fills {}",
                        compiled.kind,
                        compiled
                            .placeholders
                            .iter()
                            .map(|p| format!("`{{{p}}}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    Some(template.span()),
                ));
            }
        }
    }

    let mut examples = Vec::new();
    for example in &spec.example {
        examples
            .push(compile_example(example.get_ref()).map_err(|m| err(m, Some(example.span())))?);
    }

    let id = format!("{}/{}", src.pack, src.name);
    let reference = Arc::new(RuleRef {
        id: id.clone(),
        pack: src.pack.to_string(),
        category: spec.category.clone(),
    });
    Ok(Rule {
        id,
        pack: src.pack.to_string(),
        summary: spec.summary,
        severity: spec.severity,
        category: spec.category,
        message: spec.message.into_inner(),
        help: spec.help.map(toml::Spanned::into_inner),
        why: spec.why,
        applicability: spec.fix,
        kind: compiled.kind,
        examples,
        origin: src.path.to_string(),
        matcher: compiled.matcher,
        reference,
    })
}

/// The byte range of a `[name]` table header, for pointing at a surplus kind table.
fn table_header(text: &str, name: &str) -> Option<std::ops::Range<usize>> {
    let header = format!("[{name}]");
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with(&header) {
            let lead = line.len() - line.trim_start().len();
            return Some(offset + lead..offset + lead + header.len());
        }
        offset += line.len();
    }
    None
}

fn compile_example(spec: &super::spec::ExampleSpec) -> Result<Example, String> {
    match (&spec.bad, &spec.good) {
        (Some(bad), None) => {
            let (text, spans) = parse_marks(bad)?;
            if spans.is_empty() {
                return Err("a `bad` example must mark the flagged text with [[…]]".into());
            }
            Ok(Example {
                text,
                kind: ExampleKind::Bad {
                    spans,
                    fixed: spec.fixed.clone(),
                },
            })
        }
        (None, Some(good)) => {
            if spec.fixed.is_some() {
                return Err("`fixed` belongs to a `bad` example".into());
            }
            let (text, spans) = parse_marks(good)?;
            if !spans.is_empty() {
                return Err("a `good` example must not contain [[…]] marks".into());
            }
            Ok(Example {
                text,
                kind: ExampleKind::Good,
            })
        }
        (Some(_), Some(_)) => Err("an example has either `bad` or `good`, not both".into()),
        (None, None) => Err("an example needs `bad` or `good`".into()),
    }
}

/// Removes `[[` `]]` marks, returning the text and the marked spans.
pub fn parse_marks(marked: &str) -> Result<(String, Vec<Span>), String> {
    let mut text = String::with_capacity(marked.len());
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let mut rest = marked;
    loop {
        let next_open = rest.find("[[");
        let next_close = rest.find("]]");
        let (at, is_open) = match (next_open, next_close) {
            (Some(o), Some(c)) if o < c => (o, true),
            (Some(o), None) => (o, true),
            (_, Some(c)) => (c, false),
            (None, None) => break,
        };
        text.push_str(&rest[..at]);
        rest = &rest[at + 2..];
        match (is_open, open) {
            (true, None) => open = Some(text.len()),
            (true, Some(_)) => return Err("nested `[[` in example".into()),
            (false, Some(start)) => {
                spans.push(Span::new(start, text.len()));
                open = None;
            }
            (false, None) => return Err("`]]` without `[[` in example".into()),
        }
    }
    if open.is_some() {
        return Err("`[[` without `]]` in example".into());
    }
    text.push_str(rest);
    Ok((text, spans))
}

/// Compiles a pack's `_pack.toml`.
pub fn compile_pack(
    name: &str,
    path: &str,
    text: Option<&str>,
    builtin: bool,
) -> Result<Pack, LoadError> {
    let spec: PackSpec = match text {
        Some(text) => toml::from_str(text)
            .map_err(|e| LoadError::new(path, text, e.message().trim().to_string(), e.span()))?,
        None => PackSpec::default(),
    };
    Ok(Pack {
        name: name.to_string(),
        description: spec.description,
        default: spec.default,
        source: spec.source,
        builtin,
        user: !builtin,
    })
}

/// Packs and rules found under a user path, with the errors of the files that failed.
#[derive(Default)]
pub struct Loaded {
    pub packs: Vec<Pack>,
    pub rules: Vec<Rule>,
    pub errors: Vec<LoadError>,
}

/// Loads `--rules PATH`: a rule file (its folder names the pack), a pack folder (it holds
/// `.toml` files), or a folder of pack folders.
pub fn load_user_path(path: &Path) -> Loaded {
    let mut loaded = Loaded::default();
    let display = path.display().to_string();
    if path.is_file() {
        let pack = pack_name_of(path.parent().unwrap_or(Path::new(".")));
        load_pack_files(&pack, &[path.to_path_buf()], None, &mut loaded);
        return loaded;
    }
    let entries = match list_dir(path) {
        Ok(e) => e,
        Err(e) => {
            loaded.errors.push(LoadError::new(
                &display,
                "",
                format!("cannot read rules: {e}"),
                None,
            ));
            return loaded;
        }
    };
    let tomls: Vec<PathBuf> = entries.iter().filter(|p| is_toml(p)).cloned().collect();
    if !tomls.is_empty() {
        load_pack_dir(path, &tomls, &mut loaded);
        return loaded;
    }
    for dir in entries.iter().filter(|p| p.is_dir()) {
        match list_dir(dir) {
            Ok(files) => {
                let tomls: Vec<PathBuf> = files.into_iter().filter(|p| is_toml(p)).collect();
                if !tomls.is_empty() {
                    load_pack_dir(dir, &tomls, &mut loaded);
                }
            }
            Err(e) => loaded.errors.push(LoadError::new(
                &dir.display().to_string(),
                "",
                format!("cannot read rules: {e}"),
                None,
            )),
        }
    }
    if loaded.packs.is_empty() && loaded.errors.is_empty() {
        loaded.errors.push(LoadError::new(
            &display,
            "",
            "no rule files (*.toml) found",
            None,
        ));
    }
    loaded
}

fn load_pack_dir(dir: &Path, tomls: &[PathBuf], loaded: &mut Loaded) {
    let pack = pack_name_of(dir);
    let pack_file = tomls
        .iter()
        .find(|p| p.file_name().is_some_and(|n| n == PACK_FILE));
    load_pack_files(&pack, tomls, pack_file.map(PathBuf::as_path), loaded);
}

fn load_pack_files(pack: &str, files: &[PathBuf], pack_file: Option<&Path>, loaded: &mut Loaded) {
    let pack_text = pack_file.map(|p| (p.display().to_string(), std::fs::read_to_string(p)));
    let pack_result = match &pack_text {
        Some((path, Ok(text))) => compile_pack(pack, path, Some(text), false),
        Some((path, Err(e))) => Err(LoadError::new(path, "", format!("cannot read: {e}"), None)),
        None => compile_pack(pack, "", None, false),
    };
    match pack_result {
        Ok(p) => loaded.packs.push(p),
        Err(e) => loaded.errors.push(e),
    }
    for file in files {
        if file.file_name().is_some_and(|n| n == PACK_FILE) {
            continue;
        }
        let path = file.display().to_string();
        let name = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        match std::fs::read_to_string(file) {
            Ok(text) => {
                let src = RuleSource {
                    path: &path,
                    pack,
                    name,
                    text: &text,
                };
                match compile_rule(&src).and_then(|rule| prepare(rule, &text)) {
                    Ok(rule) => loaded.rules.push(rule),
                    Err(e) => loaded.errors.push(e),
                }
            }
            Err(e) => loaded.errors.push(LoadError::new(
                &path,
                "",
                format!("cannot read rule file: {e}"),
                None,
            )),
        }
    }
}

/// Builds a user rule's deferred parts now, so their errors are load errors.
fn prepare(rule: Rule, text: &str) -> Result<Rule, LoadError> {
    if let crate::kinds::Matcher::Check(check) = &rule.matcher
        && let Err(message) = check.prepare()
    {
        return Err(LoadError::new(&rule.origin, text, message, None));
    }
    Ok(rule)
}

fn pack_name_of(dir: &Path) -> String {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    canonical
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("user")
        .to_string()
}

fn is_toml(path: &Path) -> bool {
    path.is_file() && path.extension().is_some_and(|e| e == "toml")
}

/// A folder's entries, sorted so loading order (and error order) is deterministic.
fn list_dir(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_give_exact_spans() {
        let (text, spans) = parse_marks("a [[bc]] d [[é]]").unwrap();
        assert_eq!(text, "a bc d é");
        assert_eq!(spans, [Span::new(2, 4), Span::new(7, 9)]);
        assert!(parse_marks("[[a").is_err());
        assert!(parse_marks("a]]").is_err());
        assert!(parse_marks("[[a [[b]]").is_err());
    }

    fn compile(text: &str) -> Result<Rule, LoadError> {
        compile_rule(&RuleSource {
            path: "x.toml",
            pack: "p",
            name: "r",
            text,
        })
    }

    #[test]
    fn rule_errors_point_into_the_file() {
        let e = compile(
            "summary = 's'\nseverity = 'warning'\nmessage = 'm'\n[pattern]\nregex = '(a'\n",
        )
        .unwrap_err();
        assert!(e.message.contains("invalid regex"), "{}", e.message);
        assert_eq!(&e.text[e.span.clone().unwrap()], "'(a'");

        let e = compile("summary = 's'\nseverity = 'bad'\nmessage = 'm'\n").unwrap_err();
        assert!(e.message.contains("unknown variant"), "{}", e.message);
        assert!(e.span.is_some());

        let e = compile("summary = 's'\nseverity = 'info'\nmessage = 'm'\nbogus = 1\n[existence]\nphrases=['a']\n").unwrap_err();
        assert!(e.message.contains("bogus"), "{}", e.message);

        let e = compile("summary = 's'\nseverity = 'info'\nmessage = 'm'\n").unwrap_err();
        assert!(e.message.contains("no kind table"), "{}", e.message);

        let e = compile(
            "summary = 's'\nseverity = 'info'\nmessage = '{oops}'\n[existence]\nphrases=['a']\n",
        )
        .unwrap_err();
        assert!(e.message.contains("oops"), "{}", e.message);

        let e = compile("summary = 's'\nseverity = 'info'\nmessage = 'm'\n[existence]\nphrases=['a']\n[[example]]\nbad = 'no marks'\n").unwrap_err();
        assert!(e.message.contains("[[…]]"), "{}", e.message);
    }
}
