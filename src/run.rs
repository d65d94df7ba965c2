//! Running a command: settings → rules → discover → lint in parallel → sort → report, and the
//! `rules`, `explain` and `test` subcommands. Maps every outcome to an exit code:
//! 0 clean, 1 diagnostics at or above `--fail-on`, 2 usage, rule-file or I/O errors.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use rayon::prelude::*;

use crate::cli::{Cli, ColorChoice, Command, ListFormat, OutputFormat};
use crate::discover::{Input, discover};
use crate::document::Document;
use crate::report::{self, FileReport};
use crate::rule::examples;
use crate::rule::set::{Catalog, RuleSet, Selection};
use crate::rule::{ExampleKind, LoadError};
use crate::source::{Format, SourceFile, Unreadable, decode};

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
    let reports: Vec<FileReport> = inputs
        .par_iter()
        .map(|input| lint_input(&set, input, &stdin_name))
        .collect();

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
    if failed_io || !rules_ok {
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

/// Reads, parses and lints one input; never fails, errors go into the report.
fn lint_input(set: &RuleSet, input: &Input, stdin_name: &str) -> FileReport {
    let path = input.display(stdin_name);
    let mut report = FileReport {
        path: path.clone(),
        text: String::new(),
        error: None,
        skipped: None,
        diagnostics: Vec::new(),
    };
    let (bytes, format) = match input {
        Input::Missing { error, .. } => {
            report.error = Some(error.clone());
            return report;
        }
        Input::Stdin => {
            let mut bytes = Vec::new();
            if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
                report.error = Some(format!("cannot read standard input: {e}"));
                return report;
            }
            let format =
                Format::from_path(std::path::Path::new(stdin_name)).unwrap_or(Format::Text);
            (bytes, format)
        }
        Input::File { path: p, format } => match std::fs::read(p) {
            Ok(bytes) => (bytes, *format),
            Err(e) => {
                report.error = Some(format!("cannot read: {e}"));
                return report;
            }
        },
    };
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(Unreadable::Binary) => {
            report.skipped = Some(Unreadable::Binary.to_string());
            return report;
        }
        Err(e) => {
            report.error = Some(e.to_string());
            return report;
        }
    };
    let source = SourceFile { path, text, format };
    let doc = Document::parse(&source);
    report.diagnostics = set.lint(&doc);
    report.text = source.text;
    report
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
        ListFormat::Markdown => crate::rule::reference(&catalog),
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
