//! Rules: loading TOML packs, choosing which run, and the rule set a run lints with.
//!
//! - `spec`: the serde mirror of a rule file;
//! - `load`: compiles files into [`Rule`]s, every problem a [`LoadError`] with a span;
//! - `set`: the catalogue of loaded packs, the selection of a run, and [`set::RuleSet`];
//! - `examples`: runs the examples of rules as tests (`mtlint test`).

pub mod examples;
pub mod load;
pub mod set;
pub mod spec;

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::{Applicability, RuleRef, Severity};
use crate::kinds::Matcher;
use crate::span::Span;

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub pack: String,
    pub summary: String,
    pub severity: Severity,
    pub category: Option<String>,
    pub message: String,
    pub help: Option<String>,
    pub why: Option<String>,
    pub applicability: Applicability,
    pub kind: &'static str,
    pub examples: Vec<Example>,
    /// Where the rule came from (a path, or `builtin:rules/...` for embedded packs).
    pub origin: String,
    pub matcher: Matcher,
    pub reference: Arc<RuleRef>,
}

/// One example of a rule, with its `[[…]]` marks removed.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub kind: ExampleKind,
}

#[derive(Debug, Clone)]
pub enum ExampleKind {
    /// Must be flagged exactly at `spans`; `fixed` must not be flagged.
    Bad {
        spans: Vec<Span>,
        fixed: Option<String>,
    },
    /// Must not be flagged.
    Good,
}

/// A pack: a folder of rules.
#[derive(Debug, Clone)]
pub struct Pack {
    pub name: String,
    pub description: String,
    pub default: bool,
    pub source: Option<String>,
    pub builtin: bool,
    /// Loaded (or extended) by `--rules`: always active.
    pub user: bool,
}

/// A rule file, pack file or config file that could not be loaded: rendered as a diagnostic
/// pointing into the file.
#[derive(Debug, Clone)]
pub struct LoadError {
    pub path: String,
    /// The file's text, for rendering the span (empty when it could not be read).
    pub text: String,
    pub message: String,
    pub span: Option<Range<usize>>,
    pub notes: Vec<String>,
}

impl LoadError {
    pub fn new(
        path: &str,
        text: &str,
        message: impl Into<String>,
        span: Option<Range<usize>>,
    ) -> Self {
        LoadError {
            path: path.to_string(),
            text: text.to_string(),
            message: message.into(),
            span,
            notes: Vec::new(),
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// `path:line:column: message`, for contexts without a renderer.
    pub fn one_line(&self) -> String {
        match &self.span {
            Some(span) => {
                let index = crate::span::LineIndex::new(&self.text);
                let pos = index.position(&self.text, span.start);
                format!(
                    "{}:{}:{}: {}",
                    self.path, pos.line, pos.column, self.message
                )
            }
            None => format!("{}: {}", self.path, self.message),
        }
    }
}

/// Fills `{name}` placeholders from `vars`; unknown names are left as written (load-time
/// validation makes sure there are none).
pub fn render_template(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_placeholder_name(&after[..close]) => {
                let name = &after[..close];
                match vars.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Placeholder names used in a template.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_placeholder_name(&after[..close]) => {
                names.push(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    names
}

fn is_placeholder_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A rule's documentation as Markdown: the text of `mtlint explain` and of docs/rules.md.
pub fn explain(rule: &Rule) -> String {
    let mut s = format!("## {}\n\n{}\n\n", rule.id, rule.summary);
    s.push_str(&format!(
        "- severity: {}\n- category: {}\n- kind: {}\n- fix: {}\n- message: {}\n",
        rule.severity.as_str(),
        rule.category.as_deref().unwrap_or("-"),
        rule.kind,
        match (
            &rule.applicability,
            rule.examples
                .iter()
                .any(|e| matches!(&e.kind, ExampleKind::Bad { fixed: Some(_), .. }))
        ) {
            (crate::diagnostic::Applicability::Safe, _) => "safe",
            (_, true) => "suggested",
            _ => "suggested (when the rule offers one)",
        },
        rule.message.replace('\n', " "),
    ));
    if let Some(help) = &rule.help {
        s.push_str(&format!("- help: {}\n", help.replace('\n', " ")));
    }
    if let Some(why) = &rule.why {
        s.push_str(&format!("\n{}\n", why.trim()));
    }
    s.push_str("\nExamples:\n\n");
    for e in &rule.examples {
        match &e.kind {
            ExampleKind::Bad { spans, fixed } => {
                let mut marked = e.text.clone();
                for span in spans.iter().rev() {
                    marked.insert_str(span.end, "]]");
                    marked.insert_str(span.start, "[[");
                }
                s.push_str(&format!("- bad: {marked}\n"));
                if let Some(fixed) = fixed {
                    s.push_str(&format!("  fixed: {fixed}\n"));
                }
            }
            ExampleKind::Good => s.push_str(&format!("- good: {}\n", e.text)),
        }
    }
    s
}

impl From<&Rule> for crate::diagnostic::RuleDoc {
    fn from(rule: &Rule) -> Self {
        crate::diagnostic::RuleDoc {
            id: rule.id.clone(),
            pack: rule.pack.clone(),
            summary: rule.summary.clone(),
            message: rule.message.clone(),
            why: rule.why.clone(),
            help: rule.help.clone(),
            severity: rule.severity,
            category: rule.category.clone(),
        }
    }
}

/// The rule reference (docs/rules.md): every rule of a catalogue, pack by pack.
pub fn reference(catalog: &set::Catalog) -> String {
    let mut s = String::from(
        "# mtlint rules\n\n<!-- Generated by `cargo run -- rules --format markdown > docs/rules.md`; do not edit. -->\n\n",
    );
    let mut packs: Vec<(&Pack, Vec<&Rule>)> = catalog
        .packs
        .iter()
        .map(|pack| {
            let mut rules: Vec<&Rule> = catalog
                .rules
                .iter()
                .filter(|r| r.pack == pack.name)
                .collect();
            rules.sort_by(|a, b| a.id.cmp(&b.id));
            (pack, rules)
        })
        .collect();
    packs.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    for (pack, rules) in &packs {
        let how = match (&pack.source, pack.default) {
            (_, true) => "runs by default".to_string(),
            (Some(lang), false) => format!("runs with `--from {lang}`"),
            (None, false) => format!("runs with `--pack {}`", pack.name),
        };
        s.push_str(&format!(
            "- [{}](#pack-{}): {} rules, {how}\n",
            pack.name,
            pack.name,
            rules.len()
        ));
    }
    for (pack, rules) in packs {
        s.push_str(&format!(
            "\n# Pack {}\n\n{}\n\n",
            pack.name, pack.description
        ));
        for rule in rules {
            s.push_str(&explain(rule));
            s.push('\n');
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_known_names_only() {
        let out = render_template(
            "`{found}` → {replacement} {x} {Not}",
            &[("found", "a"), ("replacement", "b")],
        );
        assert_eq!(out, "`a` → b {x} {Not}");
        assert_eq!(placeholders("{found} {nope} {A}"), ["found", "nope"]);
    }
}
