//! Running a command: settings → rules → discover → lint in parallel → sort → report, and the
//! `rules`, `explain` and `test` subcommands. Maps every outcome to an exit code:
//! 0 clean, 1 diagnostics at or above `--fail-on`, 2 usage, rule-file or I/O errors.

use std::collections::HashSet;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use rayon::prelude::*;

use crate::cli::{Cli, ColorChoice, Command, ListFormat, OutputFormat};
use crate::diagnostic::Diagnostic;
use crate::discover::{Input, discover};
use crate::document::Document;
use crate::fix;
use crate::report::{self, FileReport};
use crate::rule::examples;
use crate::rule::set::{Catalog, RuleSet, Selection};
use crate::rule::{ExampleKind, LoadError};
use crate::source::{Format, Unreadable, decode};

pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

pub fn run(cli: Cli) -> ExitCode {
    let color = use_color(cli.lint.color);
    let code = match &cli.command {
        None => lint(&cli, color),
        Some(Command::Rules { format }) => list_rules(&cli, *format, color),
        Some(Command::Explain { rule }) => explain(&cli, rule, color),
        Some(Command::Test { paths }) => test(paths, color),
    };
    ExitCode::from(code)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

fn print_load_errors(errors: &[LoadError], color: bool) {
    let mut stderr = std::io::stderr().lock();
    for e in errors {
        let _ = stderr.write_all(report::human::render_load_error(e, color).as_bytes());
    }
}

fn usage_error(message: &str) -> u8 {
    eprintln!("error: {message}");
    EXIT_ERROR
}

/// The built-in catalogue plus `--rules` paths; load errors are printed.
fn catalog(cli: &Cli, color: bool) -> (Catalog, bool) {
    let (mut catalog, mut errors) = Catalog::builtin();
    for path in &cli.rules.rules {
        errors.extend(catalog.add_user_path(path));
    }
    print_load_errors(&errors, color);
    (catalog, errors.is_empty())
}

fn selection(cli: &Cli) -> Selection {
    Selection {
        from: cli.rules.from.clone(),
        packs: cli.rules.packs.clone(),
        no_default_packs: cli.rules.no_default_packs,
        enable: cli.rules.enable.clone(),
        disable: cli.rules.disable.clone(),
    }
}

fn lint(cli: &Cli, color: bool) -> u8 {
    let (catalog, rules_ok) = catalog(cli, color);
    let ids = match catalog.select(&selection(cli)) {
        Ok(ids) => ids,
        Err(message) => return usage_error(&message),
    };
    let known = known_names(&catalog);
    let set = catalog.into_set(&ids);

    let paths = if cli.lint.paths.is_empty() {
        vec![".".into()]
    } else {
        cli.lint.paths.clone()
    };
    let stdin_name = cli
        .lint
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "-".to_string());
    let inputs = discover(&paths);
    let ctx = LintContext {
        set: &set,
        known: &known,
        stdin_name: &stdin_name,
        fix: fix::Mode::from_flags(cli.lint.fix, cli.lint.fix_suggested, cli.lint.diff),
    };
    let (reports, fixes): (Vec<FileReport>, Vec<Option<fix::Outcome>>) = inputs
        .par_iter()
        .map(|input| lint_input(&ctx, input))
        .collect::<Vec<_>>()
        .into_iter()
        .unzip();
    let fixes: Vec<fix::Outcome> = fixes.into_iter().flatten().collect();
    let fix_failed = fixes.iter().any(|f| f.error.is_some());
    if ctx.fix.is_some_and(|mode| !mode.write) {
        return print_diffs(&reports, &fixes, cli.lint.quiet, rules_ok);
    }
    if ctx.fix.is_some() {
        let summary = fix::summary(&fixes, cli.lint.quiet, true);
        let _ = std::io::stderr().lock().write_all(summary.as_bytes());
    }

    let output = match cli.lint.format {
        OutputFormat::Human => {
            let mut out = String::new();
            for r in &reports {
                if cli.lint.quiet && r.diagnostics.is_empty() && r.error.is_none() {
                    continue;
                }
                let mut r = r.clone();
                if cli.lint.quiet {
                    r.skipped = None;
                }
                out.push_str(&report::human::render_file(&r, color));
            }
            if !cli.lint.quiet {
                out.push_str(&summary_line(&reports, color));
            }
            out
        }
        OutputFormat::Json => report::json::render(&reports),
        OutputFormat::Compact => report::compact::render(&reports),
    };
    let _ = std::io::stdout().lock().write_all(output.as_bytes());

    let failed_io = reports.iter().any(|r| r.error.is_some());
    let threshold = cli.lint.fail_on.severity();
    let findings = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity >= threshold);
    if failed_io || !rules_ok || fix_failed {
        EXIT_ERROR
    } else if findings {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn summary_line(reports: &[FileReport], color: bool) -> String {
    let summary = report::Summary::of(reports).sentence();
    if color {
        format!("\x1b[1m{summary}\x1b[0m\n")
    } else {
        format!("{summary}\n")
    }
}

/// Names a suppression comment may use: every rule id and pack of the catalogue, active or not.
fn known_names(catalog: &Catalog) -> HashSet<String> {
    let mut known: HashSet<String> = catalog.rules.iter().map(|r| r.id.clone()).collect();
    known.extend(catalog.packs.iter().map(|p| p.name.clone()));
    known
}

/// What every file of a lint run shares.
struct LintContext<'a> {
    set: &'a RuleSet,
    known: &'a HashSet<String>,
    stdin_name: &'a str,
    fix: Option<fix::Mode>,
}

/// Lints a text: rules, then inline suppression.
fn lint_text(ctx: &LintContext<'_>, text: &str, format: Format) -> Vec<Diagnostic> {
    let doc = Document::parse_as(text, format);
    crate::suppress::apply(ctx.set.lint(&doc), &doc.suppressions, text, |id| {
        ctx.known.contains(id) || id == crate::suppress::UNKNOWN_ID
    })
}

/// `--diff`: the diffs on stdout, file errors and a total on stderr. Exit 1 when something
/// would change.
fn print_diffs(reports: &[FileReport], fixes: &[fix::Outcome], quiet: bool, rules_ok: bool) -> u8 {
    let diffs: String = fixes.iter().map(|f| f.diff.as_str()).collect();
    let _ = std::io::stdout().lock().write_all(diffs.as_bytes());
    let mut stderr = std::io::stderr().lock();
    for r in reports {
        if let Some(e) = &r.error {
            let _ = writeln!(stderr, "error: {}: {e}", r.path);
        }
    }
    let _ = stderr.write_all(fix::summary(fixes, quiet, false).as_bytes());
    if !rules_ok || reports.iter().any(|r| r.error.is_some()) {
        EXIT_ERROR
    } else if fixes.iter().any(|f| !f.diff.is_empty()) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Reads, parses and lints one input (and fixes it when asked); never fails, errors go into
/// the report.
fn lint_input(ctx: &LintContext<'_>, input: &Input) -> (FileReport, Option<fix::Outcome>) {
    let report = read_and_lint(ctx, input);
    match (ctx.fix, report) {
        (Some(mode), (mut report, Some(format))) => {
            let path = match input {
                Input::File { path, .. } => Some(path.as_path()),
                _ => None,
            };
            let outcome =
                fix::fix_report(mode, path, &mut report, |text| lint_text(ctx, text, format));
            (report, Some(outcome))
        }
        (_, (report, _)) => (report, None),
    }
}

/// Reads and lints one input; the format is returned when it could be linted.
fn read_and_lint(ctx: &LintContext<'_>, input: &Input) -> (FileReport, Option<Format>) {
    let stdin_name = ctx.stdin_name;
    let path = input.display(stdin_name);
    let mut report = FileReport {
        path,
        text: String::new(),
        error: None,
        skipped: None,
        diagnostics: Vec::new(),
    };
    let (bytes, format) = match input {
        Input::Missing { error, .. } => {
            report.error = Some(error.clone());
            return (report, None);
        }
        Input::Stdin => {
            let mut bytes = Vec::new();
            if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
                report.error = Some(format!("cannot read standard input: {e}"));
                return (report, None);
            }
            let format =
                Format::from_path(std::path::Path::new(stdin_name)).unwrap_or(Format::Text);
            (bytes, format)
        }
        Input::File { path: p, format } => match std::fs::read(p) {
            Ok(bytes) => (bytes, *format),
            Err(e) => {
                report.error = Some(format!("cannot read: {e}"));
                return (report, None);
            }
        },
    };
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(Unreadable::Binary) => {
            report.skipped = Some(Unreadable::Binary.to_string());
            return (report, None);
        }
        Err(e) => {
            report.error = Some(e.to_string());
            return (report, None);
        }
    };
    report.diagnostics = lint_text(ctx, &text, format);
    report.text = text;
    (report, Some(format))
}

fn list_rules(cli: &Cli, format: ListFormat, color: bool) -> u8 {
    let (catalog, rules_ok) = catalog(cli, color);
    let ids = match catalog.select(&selection(cli)) {
        Ok(ids) => ids,
        Err(message) => return usage_error(&message),
    };
    let mut rules: Vec<_> = catalog.rules.iter().collect();
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    let count = |r: &crate::rule::Rule, bad: bool| {
        r.examples
            .iter()
            .filter(|e| matches!(e.kind, ExampleKind::Bad { .. }) == bad)
            .count()
    };
    let out = match format {
        ListFormat::Json => {
            let rules: Vec<serde_json::Value> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "pack": r.pack,
                        "kind": r.kind,
                        "severity": r.severity.as_str(),
                        "category": r.category,
                        "summary": r.summary,
                        "active": ids.contains(&r.id),
                        "examples": { "bad": count(r, true), "good": count(r, false) },
                    })
                })
                .collect();
            let packs: Vec<serde_json::Value> = catalog
                .packs
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "name": p.name,
                        "description": p.description,
                        "default": p.default,
                        "source": p.source,
                        "builtin": p.builtin,
                        "active": catalog.rules.iter().any(|r| r.pack == p.name && ids.contains(&r.id)),
                        "rules": catalog.rules.iter().filter(|r| r.pack == p.name).count(),
                    })
                })
                .collect();
            let mut s = serde_json::to_string_pretty(
                &serde_json::json!({ "packs": packs, "rules": rules }),
            )
            .unwrap_or_default();
            s.push('\n');
            s
        }
        ListFormat::Human => {
            let mut s = String::new();
            for p in &catalog.packs {
                let n = catalog.rules.iter().filter(|r| r.pack == p.name).count();
                let on = catalog
                    .rules
                    .iter()
                    .any(|r| r.pack == p.name && ids.contains(&r.id));
                s.push_str(&format!(
                    "{} {:<8} {:>3} rules  {}\n",
                    if on { "*" } else { " " },
                    p.name,
                    n,
                    p.description
                ));
            }
            s.push('\n');
            for r in rules {
                s.push_str(&format!(
                    "{} {:<40} {:<8} {:<13} {}\n",
                    if ids.contains(&r.id) { "*" } else { " " },
                    r.id,
                    r.severity.as_str(),
                    r.kind,
                    r.summary
                ));
            }
            s.push_str(&format!(
                "\n{} of {} rules active (*)\n",
                ids.len(),
                catalog.rules.len()
            ));
            s
        }
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    if rules_ok { EXIT_CLEAN } else { EXIT_ERROR }
}

fn explain(cli: &Cli, id: &str, color: bool) -> u8 {
    let (catalog, _) = catalog(cli, color);
    let Some(rule) = catalog.rules.iter().find(|r| r.id == id) else {
        return usage_error(&format!("unknown rule `{id}` (see `mtlint rules`)"));
    };
    let _ = std::io::stdout()
        .lock()
        .write_all(crate::rule::explain(rule).as_bytes());
    EXIT_CLEAN
}

fn test(paths: &[std::path::PathBuf], color: bool) -> u8 {
    let (catalog, errors) = if paths.is_empty() {
        Catalog::builtin()
    } else {
        let mut catalog = Catalog::default();
        let mut errors = Vec::new();
        for p in paths {
            errors.extend(catalog.add_user_path(p));
        }
        (catalog, errors)
    };
    print_load_errors(&errors, color);
    let ids = catalog.rules.iter().map(|r| r.id.clone()).collect();
    let set = catalog.into_set(&ids);
    let outcome = examples::run(&set);
    let mut out = String::new();
    for f in &outcome.failures {
        out.push_str(&format!("FAIL {f}\n"));
    }
    out.push_str(&format!(
        "{} rules, {} examples: {} failed\n",
        outcome.rules,
        outcome.examples,
        outcome.failures.len()
    ));
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    if !errors.is_empty() {
        EXIT_ERROR
    } else if !outcome.failures.is_empty() {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
