//! Baselines, so a repository with years of articles can adopt mtlint at once:
//! `--write-baseline FILE` records the current diagnostics, `--baseline FILE` reports only those
//! not recorded.
//!
//! A diagnostic is identified by a fingerprint of its rule, its file's path, the flagged text
//! and the words around it in its paragraph (never its line or offset), so editing elsewhere in
//! a file, or moving a paragraph, does not make an old diagnostic new. Identical fingerprints
//! are counted: a file with two recorded `pricing war`s in the same context reports a third.
//! The file is JSON, sorted, one entry per fingerprint, readable in a code review.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hasher;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::diagnostic::Diagnostic;
use crate::report::FileReport;
use crate::rule::LoadError;
use crate::span::Span;

/// Words taken on each side of a diagnostic for its context. Part of the fingerprint format:
/// changing it makes every recorded baseline stale, so it is not a setting.
const CONTEXT_WORDS: usize = 3;
/// How far (bytes) to look on each side for those words.
const CONTEXT_WINDOW: usize = 400;
/// Longest flagged text kept readable in the file (the fingerprint covers all of it).
const SHOWN_TEXT: usize = 120;
const FORMAT_VERSION: u32 = 1;

/// What identifies a diagnostic across edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    /// 16 hex digits: FNV-1a (64 bits) of rule, path, text and context.
    pub hash: String,
    /// The flagged text, whitespace collapsed.
    pub text: String,
    /// Up to three words before and after, within the paragraph: `before … after`.
    pub context: String,
}

/// The fingerprint of diagnostic `d` of the file at `path` whose text is `text`.
pub fn fingerprint(path: &str, text: &str, d: &Diagnostic) -> Fingerprint {
    let flagged = collapse(text.get(d.span.as_range()).unwrap_or(""));
    let context = context(text, d.span);
    let mut hasher = fnv::FnvHasher::default();
    for part in ["v1", d.rule.id.as_str(), path, &flagged, &context] {
        hasher.write(part.as_bytes());
        hasher.write(&[0]);
    }
    Fingerprint {
        hash: format!("{:016x}", hasher.finish()),
        text: flagged,
        context,
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The words around `span`, not crossing a blank line (a paragraph break).
fn context(text: &str, span: Span) -> String {
    let start = floor_boundary(text, span.start);
    let end = floor_boundary(text, span.end.max(start));
    let window_start = floor_boundary(text, start.saturating_sub(CONTEXT_WINDOW));
    let window_end = floor_boundary(text, end.saturating_add(CONTEXT_WINDOW));

    let before = &text[window_start..start];
    let before = match last_blank_line_end(before) {
        Some(i) => &before[i..],
        None => before,
    };
    let after = &text[end..window_end];
    let after = match first_blank_line_start(after) {
        Some(i) => &after[..i],
        None => after,
    };
    let before: Vec<&str> = before.unicode_words().collect();
    let before = &before[before.len().saturating_sub(CONTEXT_WORDS)..];
    let after: Vec<&str> = after.unicode_words().take(CONTEXT_WORDS).collect();
    format!("{} … {}", before.join(" "), after.join(" "))
}

/// The offset just after the last whitespace-only line that ends inside `s`.
fn last_blank_line_end(s: &str) -> Option<usize> {
    let mut result = None;
    let mut line_start = None;
    for (i, _) in s.match_indices('\n') {
        if let Some(ls) = line_start
            && s[ls..i].trim().is_empty()
        {
            result = Some(i + 1);
        }
        line_start = Some(i + 1);
    }
    result
}

/// The offset of the first whitespace-only line that starts inside `s` (after its first line).
fn first_blank_line_start(s: &str) -> Option<usize> {
    let mut prev_newline = None;
    for (i, _) in s.match_indices('\n') {
        if let Some(p) = prev_newline
            && s[p + 1..i].trim().is_empty()
        {
            return Some(p + 1);
        }
        prev_newline = Some(i);
    }
    None
}

/// One recorded fingerprint.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    rule: String,
    fingerprint: String,
    /// How many diagnostics share the fingerprint.
    count: usize,
    text: String,
    context: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    tool: String,
    findings: Vec<Entry>,
}

/// A loaded baseline: how many diagnostics of each fingerprint each file may have unreported.
#[derive(Debug, Default)]
pub struct Baseline {
    counts: HashMap<(String, String), usize>,
}

impl Baseline {
    /// Reads a baseline file; a malformed one is an error pointing into it.
    pub fn load(path: &Path) -> Result<Baseline, LoadError> {
        let display = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            LoadError::new(&display, "", format!("cannot read baseline: {e}"), None)
        })?;
        Baseline::parse(&display, &text)
    }

    /// Parses the text of a baseline file named `display`.
    pub fn parse(display: &str, text: &str) -> Result<Baseline, LoadError> {
        let file: BaselineFile = serde_json::from_str(text).map_err(|e| {
            let at = offset_of(text, e.line(), e.column());
            LoadError::new(
                display,
                text,
                format!("not a valid mtlint baseline: {e}"),
                Some(at..at),
            )
            .with_note("write one with `mtlint --write-baseline FILE`")
        })?;
        if file.version != FORMAT_VERSION {
            return Err(LoadError::new(
                display,
                text,
                format!(
                    "baseline format version {} is not supported (expected {FORMAT_VERSION})",
                    file.version
                ),
                None,
            ));
        }
        let mut counts = HashMap::new();
        for e in file.findings {
            *counts.entry((e.path, e.fingerprint)).or_insert(0) += e.count;
        }
        Ok(Baseline { counts })
    }

    /// Total number of recorded diagnostics.
    pub fn len(&self) -> usize {
        self.counts.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Drops from `report` the diagnostics the baseline records; returns how many it dropped.
    /// Diagnostics are matched in report order, so with more occurrences than recorded, the
    /// later ones are reported.
    pub fn filter(&self, report: &mut FileReport) -> usize {
        self.filter_diagnostics(&report.path, &report.text, &mut report.diagnostics)
    }

    /// Drops from `diagnostics` of the file `path` (text `text`) those the baseline records.
    pub fn filter_diagnostics(
        &self,
        path: &str,
        text: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> usize {
        if self.counts.is_empty() || diagnostics.is_empty() {
            return 0;
        }
        let mut used: HashMap<String, usize> = HashMap::new();
        let before = diagnostics.len();
        diagnostics.retain(|d| {
            let fp = fingerprint(path, text, d).hash;
            let recorded = self
                .counts
                .get(&(path.to_string(), fp.clone()))
                .copied()
                .unwrap_or(0);
            let n = used.entry(fp).or_insert(0);
            if *n < recorded {
                *n += 1;
                false
            } else {
                true
            }
        });
        before - diagnostics.len()
    }
}

/// Byte offset of a 1-based line and column (as serde_json reports them).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    floor_boundary(text, line_start + column.saturating_sub(1))
}

/// The baseline file recording every diagnostic of `reports`.
pub fn render(reports: &[FileReport]) -> String {
    let mut entries: BTreeMap<(String, String, String), Entry> = BTreeMap::new();
    for r in reports {
        for d in &r.diagnostics {
            let fp = fingerprint(&r.path, &r.text, d);
            let key = (r.path.clone(), d.rule.id.clone(), fp.hash.clone());
            entries
                .entry(key)
                .and_modify(|e| e.count += 1)
                .or_insert_with(|| Entry {
                    path: r.path.clone(),
                    rule: d.rule.id.clone(),
                    fingerprint: fp.hash,
                    count: 1,
                    text: shorten(&fp.text),
                    context: fp.context,
                });
        }
    }
    let file = BaselineFile {
        version: FORMAT_VERSION,
        tool: "mtlint".into(),
        findings: entries.into_values().collect(),
    };
    let mut out = serde_json::to_string_pretty(&file).unwrap_or_default();
    out.push('\n');
    out
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= SHOWN_TEXT {
        return s.to_string();
    }
    let mut out: String = s.chars().take(SHOWN_TEXT).collect();
    out.push('…');
    out
}

/// Writes the baseline of `reports` to `path` atomically (a temporary file in the same folder,
/// then a rename). Returns the number of diagnostics recorded.
pub fn write(path: &Path, reports: &[FileReport]) -> std::io::Result<usize> {
    let text = render(reports);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(reports.iter().map(|r| r.diagnostics.len()).sum())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::{RuleRef, Severity};

    fn diag(text: &str, needle: &str, nth: usize) -> Diagnostic {
        let start = text.match_indices(needle).nth(nth).unwrap().0;
        Diagnostic {
            rule: Arc::new(RuleRef {
                id: "fr-en/pricing-war".into(),
                pack: "fr-en".into(),
                category: None,
            }),
            severity: Severity::Warning,
            span: Span::new(start, start + needle.len()),
            message: "m".into(),
            help: None,
            fixes: Vec::new(),
            related: Vec::new(),
        }
    }

    fn report(path: &str, text: &str, diagnostics: Vec<Diagnostic>) -> FileReport {
        let mut r = FileReport::new(path);
        r.text = text.into();
        r.diagnostics = diagnostics;
        r
    }

    #[test]
    fn context_stays_in_the_paragraph_and_ignores_line_breaks() {
        let text = "Other paragraph words.\n\nChina is locked in a pricing\nwar with the United States today.\n\nNext one.";
        let d = diag(text, "pricing\nwar", 0);
        let fp = fingerprint("a.md", text, &d);
        assert_eq!(fp.text, "pricing war");
        assert_eq!(fp.context, "locked in a … with the United");
        // Reflowing the paragraph and adding a paragraph above keeps the fingerprint.
        let moved = "New lead paragraph.\n\nOther paragraph words.\n\nChina is locked in a pricing war\nwith the United States today.\n\nNext one.";
        let d2 = diag(moved, "pricing war", 0);
        assert_eq!(fingerprint("a.md", moved, &d2).hash, fp.hash);
        // Another file or another context is another fingerprint.
        assert_ne!(fingerprint("b.md", text, &d).hash, fp.hash);
        let other = "China is locked in a pricing war with Canada.";
        assert_ne!(
            fingerprint("a.md", other, &diag(other, "pricing war", 0)).hash,
            fp.hash
        );
    }

    #[test]
    fn filter_counts_identical_fingerprints() {
        let text = "A pricing war.\n\nA pricing war.\n\nA pricing war.";
        let two = report(
            "a.md",
            text,
            vec![diag(text, "pricing war", 0), diag(text, "pricing war", 1)],
        );
        let baseline = Baseline::parse("b.json", &render(&[two])).unwrap();
        assert_eq!(baseline.len(), 2);
        let mut three = report(
            "a.md",
            text,
            (0..3).map(|i| diag(text, "pricing war", i)).collect(),
        );
        assert_eq!(baseline.filter(&mut three), 2);
        assert_eq!(three.diagnostics.len(), 1);
        assert_eq!(three.diagnostics[0].span, diag(text, "pricing war", 2).span);
    }

    #[test]
    fn malformed_baseline_points_into_the_file() {
        let err = Baseline::parse("b.json", "{\n  \"version\": 1,\n  \"oops\": 2\n}").unwrap_err();
        assert!(err.message.contains("unknown field"), "{}", err.message);
        let at = err.span.unwrap().start;
        assert_eq!(
            &"{\n  \"version\": 1,\n  \"oops\": 2\n}"[..at]
                .lines()
                .count(),
            &3
        );
    }
}
