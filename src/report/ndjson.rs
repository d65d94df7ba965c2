//! `--format ndjson`: one JSON object per line, written as each file is done, for very large
//! runs and for tools that read a stream. A diagnostic line has the fields of a diagnostic in
//! the JSON report plus `path`; a file that could not be linted gives `{"path", "error"}`.
//! No enclosing object and no summary: every line stands alone.

use serde::Serialize;

use super::json::{JsonDiagnostic, diagnostic_in};
use super::{FileReport, Texts};
use crate::diagnostic::Diagnostic;
use crate::span::LineIndex;

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    #[serde(flatten)]
    diagnostic: JsonDiagnostic<'a>,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    path: &'a str,
    error: &'a str,
}

/// The lines of one file: its error (if any), then its diagnostics.
pub fn render_file(report: &FileReport, texts: &Texts) -> String {
    let mut out = String::new();
    if let Some(error) = &report.error {
        push(
            &mut out,
            &ErrorLine {
                path: &report.path,
                error,
            },
        );
    }
    out.push_str(&render_diagnostics(report, &report.diagnostics, texts));
    out
}

/// Lines for some diagnostics of a file (e.g. those repository-wide checks add at the end).
pub fn render_diagnostics(
    report: &FileReport,
    diagnostics: &[Diagnostic],
    texts: &Texts,
) -> String {
    let mut out = String::new();
    let index = LineIndex::new(&report.text);
    for d in diagnostics {
        push(
            &mut out,
            &Line {
                path: &report.path,
                diagnostic: diagnostic_in(d, &report.text, &index, texts),
            },
        );
    }
    out
}

fn push(out: &mut String, value: &impl Serialize) {
    match serde_json::to_string(value) {
        Ok(line) => out.push_str(&line),
        Err(e) => out.push_str(&serde_json::json!({ "error": e.to_string() }).to_string()),
    }
    out.push('\n');
}
