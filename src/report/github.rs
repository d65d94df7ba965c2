//! `--format github`: GitHub Actions workflow commands, which the runner turns into annotations
//! on the pull request: `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message`.
//! Severities map to `error`, `warning` and `notice`. Values are escaped as the Actions toolkit
//! does: `%`, CR and LF everywhere, and also `:` and `,` inside properties.

use super::{FileReport, Summary};
use crate::diagnostic::Severity;
use crate::span::LineIndex;

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Escapes a command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The commands for a run; with `summary`, a closing plain line for the log.
pub fn render(reports: &[FileReport], summary: bool) -> String {
    let mut out = String::new();
    for r in reports {
        out.push_str(&render_file(r));
    }
    if summary {
        out.push_str(&format!("mtlint: {}\n", Summary::of(reports).sentence()));
    }
    out
}

/// The commands for one file: its error (if any), then one per diagnostic.
pub fn render_file(report: &FileReport) -> String {
    let mut out = String::new();
    let file = escape_property(&report.path);
    if let Some(error) = &report.error {
        out.push_str(&format!(
            "::error file={file},title=mtlint::{}\n",
            escape_data(error)
        ));
    }
    let index = LineIndex::new(&report.text);
    for d in &report.diagnostics {
        let start = index.position(&report.text, d.span.start);
        let end = index.position(&report.text, d.span.end);
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{} file={file},line={},col={},endLine={},endColumn={},title={}::{}\n",
            command(d.severity),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&d.rule.id),
            escape_data(&message),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
