//! `--format sarif`: a SARIF 2.1.0 log with one run, as GitHub code scanning and other SARIF
//! viewers read it. `tool.driver.rules` lists the rules of the run with their documentation;
//! each result points at its rule by id and index and carries a physical location (relative
//! URI, lines, columns in Unicode code points as the run's `columnKind` says, byte offset and
//! length), related locations, fixes and a partial fingerprint (the baseline's, so an alert
//! keeps its identity when lines move). Files that could not be linted become tool execution
//! notifications.

use std::collections::{BTreeMap, HashMap};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde_json::{Value, json};

use super::{FileReport, Texts};
use crate::baseline;
use crate::diagnostic::{Diagnostic, RuleDoc, Severity};
use crate::span::{LineIndex, Span};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The key of mtlint's fingerprint in `partialFingerprints` (versioned, as SARIF suggests).
pub const FINGERPRINT_KEY: &str = "mtlint/v1";
/// Base of relative artifact URIs: the folder the run started in (the repository root in CI).
pub const SRCROOT: &str = "%SRCROOT%";

/// Characters escaped in a URI path (everything outside RFC 3986's unreserved set and `/`).
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// An artifact location for a report path: relative paths relative to `%SRCROOT%`, absolute
/// ones as `file://` URIs.
fn artifact_location(path: &str) -> Value {
    let encoded = utf8_percent_encode(path, PATH).to_string();
    if path.starts_with('/') {
        json!({ "uri": format!("file://{encoded}") })
    } else if path.as_bytes().get(1) == Some(&b':') {
        // A Windows drive path (`C:/…`).
        json!({ "uri": format!("file:///{encoded}") })
    } else {
        json!({ "uri": encoded, "uriBaseId": SRCROOT })
    }
}

fn region(text: &str, index: &LineIndex, span: Span) -> Value {
    let start = index.position(text, span.start);
    let end = index.position(text, span.end);
    let mut region = json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "byteOffset": span.start,
        "byteLength": span.len(),
    });
    if let Some(snippet) = text.get(span.as_range())
        && !snippet.is_empty()
    {
        region["snippet"] = json!({ "text": snippet });
    }
    region
}

fn text_of(s: &str) -> Value {
    json!({ "text": s })
}

/// A rule's message template with its placeholders shown as `…`.
fn template(s: &str) -> String {
    crate::rule::render_template(s, &[("found", "…"), ("replacement", "…"), ("note", "")])
}

fn descriptor(rule: &RuleDoc) -> Value {
    let mut help = format!("{}\n\nMessage: {}", rule.summary, template(&rule.message));
    let mut markdown = format!(
        "{}\n\n**Message:** {}",
        rule.summary,
        template(&rule.message)
    );
    if let Some(h) = &rule.help {
        help.push_str(&format!("\nHelp: {}", template(h)));
        markdown.push_str(&format!("\n\n**Help:** {}", template(h)));
    }
    if let Some(why) = &rule.why {
        help.push_str(&format!("\n\n{}", why.trim()));
        markdown.push_str(&format!("\n\n{}", why.trim()));
    }
    let mut tags = vec![rule.pack.clone()];
    tags.extend(rule.category.clone());
    let mut properties = json!({ "tags": tags });
    if let Some(category) = &rule.category {
        properties["category"] = json!(category);
    }
    json!({
        "id": rule.id,
        "shortDescription": text_of(&rule.summary),
        "fullDescription": text_of(rule.why.as_deref().map(str::trim).unwrap_or(&rule.summary)),
        "help": { "text": help, "markdown": markdown },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": properties,
    })
}

/// The rules a log lists: those of the run, plus any rule a diagnostic names that is not
/// among them (so every result has a descriptor), sorted by id.
fn rule_list(reports: &[FileReport], rules: &[RuleDoc]) -> Vec<RuleDoc> {
    let mut by_id: BTreeMap<&str, RuleDoc> =
        rules.iter().map(|r| (r.id.as_str(), r.clone())).collect();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        by_id.entry(&d.rule.id).or_insert_with(|| RuleDoc {
            id: d.rule.id.clone(),
            pack: d.rule.pack.clone(),
            summary: d.rule.id.clone(),
            message: d.message.clone(),
            why: None,
            help: None,
            severity: d.severity,
            category: d.rule.category.clone(),
        });
    }
    by_id.into_values().collect()
}

fn result(
    report: &FileReport,
    d: &Diagnostic,
    rule_index: usize,
    index: &LineIndex,
    texts: &Texts,
    fingerprint: String,
) -> Value {
    let text = &report.text;
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let mut result = json!({
        "ruleId": d.rule.id,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": text_of(&message),
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact_location(&report.path),
                "region": region(text, index, d.span),
            }
        }],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint },
    });
    if let Some(category) = &d.rule.category {
        result["properties"] = json!({ "category": category });
    }
    let related: Vec<Value> = d
        .related
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let (path, other) = match &r.path {
                None => (report.path.as_str(), text.as_str()),
                Some(p) => (p.as_str(), texts.get(p)?),
            };
            let other_index;
            let idx = if r.path.is_some() {
                other_index = LineIndex::new(other);
                &other_index
            } else {
                index
            };
            Some(json!({
                "id": i + 1,
                "message": text_of(&r.message),
                "physicalLocation": {
                    "artifactLocation": artifact_location(path),
                    "region": region(other, idx, r.span),
                }
            }))
        })
        .collect();
    if !related.is_empty() {
        result["relatedLocations"] = Value::Array(related);
    }
    let fixes: Vec<Value> = d
        .fixes
        .iter()
        .map(|f| {
            let how = match f.applicability {
                crate::diagnostic::Applicability::Safe => "safe",
                crate::diagnostic::Applicability::Suggested => "suggested",
            };
            json!({
                "description": text_of(&format!("Replace with `{}` ({how})", f.replacement)),
                "artifactChanges": [{
                    "artifactLocation": artifact_location(&report.path),
                    "replacements": [{
                        "deletedRegion": region(text, index, f.span),
                        "insertedContent": text_of(&f.replacement),
                    }]
                }],
                "properties": { "applicability": how },
            })
        })
        .collect();
    if !fixes.is_empty() {
        result["fixes"] = Value::Array(fixes);
    }
    result
}

/// The SARIF log of a run. `rules` documents the rules the run used.
pub fn build(reports: &[FileReport], rules: &[RuleDoc]) -> Value {
    let rules = rule_list(reports, rules);
    let rule_index: HashMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let texts = Texts::of(reports);
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for r in reports {
        if let Some(error) = &r.error {
            notifications.push(json!({
                "level": "error",
                "message": text_of(&format!("{}: {error}", r.path)),
                "locations": [{ "physicalLocation": { "artifactLocation": artifact_location(&r.path) } }],
            }));
        }
        if let Some(note) = &r.skipped {
            notifications.push(json!({
                "level": "note",
                "message": text_of(&format!("{}: {note}", r.path)),
                "locations": [{ "physicalLocation": { "artifactLocation": artifact_location(&r.path) } }],
            }));
        }
        let index = LineIndex::new(&r.text);
        // Identical fingerprints in one file are told apart by their order.
        let mut seen: HashMap<String, usize> = HashMap::new();
        for d in &r.diagnostics {
            let hash = baseline::fingerprint(&r.path, &r.text, d).hash;
            let n = seen.entry(hash.clone()).or_insert(0);
            *n += 1;
            let fingerprint = format!("{hash}:{n}");
            let i = rule_index.get(d.rule.id.as_str()).copied().unwrap_or(0);
            results.push(result(r, d, i, &index, &texts, fingerprint));
        }
    }
    let mut driver = json!({
        "name": "mtlint",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules.iter().map(descriptor).collect::<Vec<_>>(),
    });
    let uri = option_env!("CARGO_PKG_REPOSITORY")
        .filter(|s| !s.is_empty())
        .or(option_env!("CARGO_PKG_HOMEPAGE").filter(|s| !s.is_empty()));
    if let Some(uri) = uri {
        driver["informationUri"] = json!(uri);
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }]
    })
}

pub fn render(reports: &[FileReport], rules: &[RuleDoc]) -> String {
    let mut out = serde_json::to_string_pretty(&build(reports, rules))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_escaped() {
        assert_eq!(
            artifact_location("articles/a b#1.md"),
            json!({ "uri": "articles/a%20b%231.md", "uriBaseId": "%SRCROOT%" })
        );
        assert_eq!(
            artifact_location("/tmp/é.md"),
            json!({ "uri": "file:///tmp/%C3%A9.md" })
        );
    }
}
