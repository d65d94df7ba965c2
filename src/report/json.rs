//! The JSON report: serialisation-only types mirroring the contract in docs/json.md. Field
//! names are a contract: add fields, never rename.

use serde::Serialize;

use super::{FileReport, Summary, Texts};
use crate::diagnostic::{Applicability, Diagnostic, Related};
use crate::span::{LineIndex, Position};

#[derive(Serialize)]
pub struct JsonReport<'a> {
    pub version: u32,
    pub tool: Tool,
    pub files: Vec<JsonFile<'a>>,
    pub summary: JsonSummary,
}

#[derive(Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Serialize)]
pub struct JsonFile<'a> {
    pub path: &'a str,
    pub error: Option<&'a str>,
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
    /// Words of prose linted.
    pub words: usize,
    /// Weighted diagnostics per 1,000 words; null when the file could not be linted.
    pub score: Option<f64>,
}

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub rule: &'a str,
    pub pack: &'a str,
    pub severity: &'static str,
    pub category: Option<&'a str>,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub range: LspRange,
    pub text: &'a str,
    pub fixes: Vec<JsonFix<'a>>,
    pub related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
pub struct LspRange {
    pub start: LspPosition,
    pub end: LspPosition,
}

#[derive(Serialize)]
pub struct LspPosition {
    pub line: usize,
    pub character: usize,
}

#[derive(Serialize)]
pub struct JsonFix<'a> {
    pub start: usize,
    pub end: usize,
    pub replacement: &'a str,
    pub applicability: Applicability,
}

#[derive(Serialize)]
pub struct JsonRelated<'a> {
    /// The file of the span when it is not the diagnostic's file (repository-wide checks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<&'a str>,
    pub message: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

#[derive(Serialize)]
pub struct JsonSummary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// One diagnostic in its JSON form.
pub fn diagnostic<'a>(d: &'a Diagnostic, text: &'a str, index: &LineIndex) -> JsonDiagnostic<'a> {
    diagnostic_in(d, text, index, &Texts::default())
}

/// Where a related span is: in `text` (the diagnostic's file) or in another file of the run.
/// A file that is not in `texts` gives line 0, column 0.
pub fn related_position(r: &Related, text: &str, index: &LineIndex, texts: &Texts) -> Position {
    match &r.path {
        None => index.position(text, r.span.start),
        Some(path) => match texts.get(path) {
            Some(other) => LineIndex::new(other).position(other, r.span.start),
            None => Position {
                line: 0,
                column: 0,
                utf16: 0,
            },
        },
    }
}

/// One diagnostic in its JSON form; related spans in other files are resolved through `texts`.
pub fn diagnostic_in<'a>(
    d: &'a Diagnostic,
    text: &'a str,
    index: &LineIndex,
    texts: &Texts,
) -> JsonDiagnostic<'a> {
    let start = index.position(text, d.span.start);
    let end = index.position(text, d.span.end);
    JsonDiagnostic {
        rule: &d.rule.id,
        pack: &d.rule.pack,
        severity: d.severity.as_str(),
        category: d.rule.category.as_deref(),
        message: &d.message,
        help: d.help.as_deref(),
        start: d.span.start,
        end: d.span.end,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        range: LspRange {
            start: LspPosition {
                line: start.line - 1,
                character: start.utf16,
            },
            end: LspPosition {
                line: end.line - 1,
                character: end.utf16,
            },
        },
        text: text.get(d.span.as_range()).unwrap_or(""),
        fixes: d
            .fixes
            .iter()
            .map(|f| JsonFix {
                start: f.span.start,
                end: f.span.end,
                replacement: &f.replacement,
                applicability: f.applicability,
            })
            .collect(),
        related: d
            .related
            .iter()
            .map(|r| {
                let pos = related_position(r, text, index, texts);
                JsonRelated {
                    path: r.path.as_deref(),
                    message: &r.message,
                    start: r.span.start,
                    end: r.span.end,
                    line: pos.line,
                    column: pos.column,
                }
            })
            .collect(),
    }
}

pub fn build(reports: &[FileReport]) -> JsonReport<'_> {
    let summary = Summary::of(reports);
    let texts = Texts::of(reports);
    JsonReport {
        version: 1,
        tool: Tool {
            name: "mtlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        files: reports
            .iter()
            .map(|r| {
                let index = LineIndex::new(&r.text);
                JsonFile {
                    path: &r.path,
                    error: r.error.as_deref(),
                    diagnostics: r
                        .diagnostics
                        .iter()
                        .map(|d| diagnostic_in(d, &r.text, &index, &texts))
                        .collect(),
                    words: r.words,
                    score: r.score,
                }
            })
            .collect(),
        summary: JsonSummary {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
        },
    }
}

pub fn render(reports: &[FileReport]) -> String {
    let mut out = serde_json::to_string_pretty(&build(reports))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}
