//! The human report: rustc-style diagnostics through codespan-reporting, the only module that
//! imports it. Rule-file and config errors render the same way, pointing into the TOML.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use codespan_reporting::term::{self, Config};

use super::{FileReport, Summary, window};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::LoadError;
use crate::source::bom_len;

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

fn buffer(color: bool) -> Buffer {
    if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    }
}

fn into_string(buf: Buffer) -> String {
    String::from_utf8_lossy(buf.as_slice()).into_owned()
}

/// Renders one file's diagnostics (and its error, if any).
pub fn render_file(report: &FileReport, color: bool) -> String {
    let mut buf = buffer(color);
    let config = Config::default();
    // codespan counts columns itself: give it the text after the BOM and shift spans.
    let bom = bom_len(&report.text);
    let file = SimpleFile::new(report.path.as_str(), &report.text[bom..]);
    if let Some(error) = &report.error {
        let d = CsDiagnostic::error().with_message(format!("{}: {}", report.path, error));
        let _ = term::emit_to_write_style(&mut buf, &config, &file, &d);
    }
    if let Some(note) = &report.skipped {
        let d = CsDiagnostic::note().with_message(format!("{}: {}", report.path, note));
        let _ = term::emit_to_write_style(&mut buf, &config, &file, &d);
    }
    let body = &report.text[bom..];
    for d in &report.diagnostics {
        let shift = |s: crate::span::Span| s.start.saturating_sub(bom)..s.end.saturating_sub(bom);
        let spans: Vec<_> = std::iter::once(d.span)
            .chain(d.related.iter().map(|r| r.span))
            .map(shift)
            .collect();
        match window::excerpt(&report.path, body, &spans) {
            Some(excerpt) => {
                let _ = term::emit_to_write_style(
                    &mut buf,
                    &config,
                    &excerpt,
                    &to_codespan(d, |s| excerpt.shift(shift(s))),
                );
            }
            None => {
                let _ = term::emit_to_write_style(&mut buf, &config, &file, &to_codespan(d, shift));
            }
        }
    }
    into_string(buf)
}

/// The codespan form of a diagnostic; `shift` maps original spans into the shown text.
fn to_codespan(
    d: &Diagnostic,
    shift: impl Fn(crate::span::Span) -> std::ops::Range<usize>,
) -> CsDiagnostic<()> {
    // The header already carries the message; the underline says what to write instead.
    let label = match d.fixes.first() {
        Some(fix) if fix.replacement.is_empty() => "delete this".to_string(),
        Some(fix) => format!("write `{}`", fix.replacement),
        None => String::new(),
    };
    let mut labels = vec![Label::primary((), shift(d.span)).with_message(label)];
    for r in &d.related {
        labels.push(Label::secondary((), shift(r.span)).with_message(&r.message));
    }
    let mut notes = Vec::new();
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    match d.fixes.as_slice() {
        [] => {}
        // One fix is shown on the underline itself.
        [_] => {}
        fixes => notes.push(format!(
            "suggestions: {}",
            fixes
                .iter()
                .map(|f| format!("`{}`", f.replacement))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
    CsDiagnostic::new(severity(d.severity))
        .with_message(&d.message)
        .with_code(&d.rule.id)
        .with_labels(labels)
        .with_notes(notes)
}

/// Renders a whole run and its closing summary line.
pub fn render(reports: &[FileReport], color: bool) -> String {
    let mut out = String::new();
    for r in reports {
        out.push_str(&render_file(r, color));
    }
    let summary = Summary::of(reports);
    let mut buf = buffer(color);
    let mut spec = term::termcolor::ColorSpec::new();
    spec.set_bold(true);
    let _ = buf.set_color(&spec);
    let _ = std::io::Write::write_all(&mut buf, summary.sentence().as_bytes());
    let _ = buf.reset();
    out.push_str(&into_string(buf));
    out.push('\n');
    out
}

/// Renders a rule-file or config error, pointing at its line and column when it has a span.
pub fn render_load_error(e: &LoadError, color: bool) -> String {
    let mut buf = buffer(color);
    let file = SimpleFile::new(e.path.as_str(), e.text.as_str());
    let mut d = CsDiagnostic::error().with_message(match &e.span {
        Some(_) => e.message.clone(),
        None => format!("{}: {}", e.path, e.message),
    });
    if let Some(span) = &e.span {
        let span = span.start.min(e.text.len())..span.end.min(e.text.len());
        d = d.with_labels(vec![Label::primary((), span).with_message(&e.message)]);
    }
    d = d.with_notes(e.notes.clone());
    let _ = term::emit_to_write_style(&mut buf, &Config::default(), &file, &d);
    into_string(buf)
}
