//! Running a command: settings → rules → discover → lint in parallel → sort → report, and the
//! `rules`, `explain`, `test`, `init`, `completions` and `man` subcommands. Maps every outcome
//! to an exit code: 0 clean, 1 diagnostics at or above `--fail-on`, 2 usage, config, rule-file
//! or I/O errors.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use rayon::prelude::*;

use crate::cli::{Cli, ColorChoice, Command, ListFormat, OutputFormat};
use crate::config::{Governing, Mode, Resolver};
use crate::discover::{Filter, Input, discover_filtered};
use crate::document::Document;
use crate::profile::{Profile, ProfileError};
use crate::progress::Progress;
use crate::report::{self, FileReport};
use crate::rule::examples;
use crate::rule::set::Catalog;
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
        Some(Command::Init { folder }) => init(folder),
        Some(Command::Completions { shell }) => completions(*shell),
        Some(Command::Man) => man(),
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

fn config_mode(cli: &Cli) -> Mode {
    match (&cli.config.config, cli.config.no_config) {
        (_, true) => Mode::Ignore,
        (Some(file), false) => Mode::Explicit(file.clone()),
        (None, false) => Mode::Discover,
    }
}

/// The catalogue and rule selection of the config governing the working folder (for `rules`
/// and `explain`); load errors are printed. `None` after a usage or config error.
fn cwd_catalog(
    cli: &Cli,
    color: bool,
) -> Option<(Catalog, std::collections::BTreeSet<String>, bool)> {
    let resolver = Resolver::new(config_mode(cli));
    let config = match resolver.governing(Path::new("."), true) {
        Governing::Config(c) => Some(c),
        Governing::None => None,
        Governing::Broken(_) => {
            print_load_errors(&resolver.errors(), color);
            return None;
        }
    };
    let (mut catalog, errors) = crate::profile::catalog(&cli.rules, config.as_deref());
    print_load_errors(&errors, color);
    match crate::profile::select(&mut catalog, &cli.rules, config.as_deref()) {
        Ok(ids) => Some((catalog, ids, errors.is_empty())),
        Err(ProfileError::Usage(message)) => {
            usage_error(&message);
            None
        }
        Err(ProfileError::Config(e)) => {
            print_load_errors(&[e], color);
            None
        }
    }
}

/// The paths a run starts from: positional paths, `--files-from`, or the working folder.
fn start_paths(cli: &Cli) -> Result<Vec<PathBuf>, String> {
    let mut paths = cli.lint.paths.clone();
    if let Some(list) = &cli.lint.files_from {
        if list.as_os_str() == "-" && paths.iter().any(|p| p.as_os_str() == "-") {
            return Err("`--files-from -` and `-` both read standard input".into());
        }
        paths.extend(crate::discover::read_path_list(list)?);
    } else if paths.is_empty() {
        paths.push(".".into());
    }
    Ok(paths)
}

/// Profiles by config key, built once each; `None` for a config that could not be used.
type Profiles = BTreeMap<Option<PathBuf>, Option<Profile>>;

fn lint(cli: &Cli, color: bool) -> u8 {
    let paths = match start_paths(cli) {
        Ok(paths) => paths,
        Err(message) => return usage_error(&message),
    };
    let changed = match &cli.lint.changed_since {
        Some(rev) => match crate::discover::changed_since(rev) {
            Ok(changed) => Some(changed),
            Err(message) => return usage_error(&message),
        },
        None => None,
    };
    let stdin_name = cli
        .lint
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "-".to_string());

    let resolver = Arc::new(Resolver::new(config_mode(cli)));
    let filter: Filter = {
        let resolver = resolver.clone();
        Arc::new(move |path: &Path, is_dir: bool| resolver.admits(path, is_dir))
    };
    let mut inputs = discover_filtered(&paths, Some(filter));
    if let Some(changed) = &changed {
        inputs.retain(|input| match input {
            Input::File { path, .. } => changed.contains(&crate::discover::canonical(path)),
            Input::Stdin | Input::Missing { .. } => true,
        });
    }

    // One profile per distinct config; with no inputs, the working folder's settings are
    // still checked so a bad flag or config is reported.
    let governing: Vec<Governing> = inputs
        .iter()
        .map(|input| match input {
            Input::Stdin => resolver.governing(Path::new(&stdin_name), false),
            Input::File { path, .. } => resolver.governing(path, false),
            Input::Missing { .. } => Governing::None,
        })
        .collect();
    let cwd;
    let mut wanted: Vec<&Governing> = governing.iter().collect();
    if wanted.is_empty() {
        cwd = resolver.governing(Path::new("."), true);
        wanted.push(&cwd);
    }
    let mut profiles = Profiles::new();
    let mut builder = crate::profile::Builder::new(&cli.rules);
    let mut load_errors: Vec<LoadError> = Vec::new();
    for g in wanted {
        if profiles.contains_key(&g.key()) {
            continue;
        }
        let profile = match g {
            Governing::Broken(_) => None,
            Governing::None | Governing::Config(_) => {
                let config = match g {
                    Governing::Config(c) => Some(c.as_ref()),
                    _ => None,
                };
                let (profile, errors) = builder.build(config);
                load_errors.extend(errors);
                match profile {
                    Ok(p) => Some(p),
                    Err(ProfileError::Usage(message)) => return usage_error(&message),
                    Err(ProfileError::Config(e)) => {
                        load_errors.push(e);
                        None
                    }
                }
            }
        };
        profiles.insert(g.key(), profile);
    }
    load_errors.extend(resolver.errors());
    // The built-in and `--rules` errors repeat in every profile: report each once.
    let mut seen = std::collections::HashSet::new();
    load_errors.retain(|e| seen.insert(e.one_line()));
    print_load_errors(&load_errors, color);
    let rules_ok = load_errors.is_empty();

    let progress = Progress::new(inputs.len(), cli.lint.quiet);
    let reports: Vec<FileReport> = inputs
        .par_iter()
        .zip(governing.par_iter())
        .map(|(input, g)| {
            let report = match profiles.get(&g.key()) {
                Some(Some(profile)) => lint_input(profile, input, &stdin_name),
                _ => unlintable(input, &stdin_name, g),
            };
            progress.inc();
            report
        })
        .collect();
    progress.finish();

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

/// The report of a file whose config could not be used.
fn unlintable(input: &Input, stdin_name: &str, governing: &Governing) -> FileReport {
    let config = match governing {
        Governing::Broken(path) => crate::config::display_relative(path),
        _ => "its config".to_string(),
    };
    FileReport {
        path: input.display(stdin_name),
        text: String::new(),
        error: Some(format!("not linted: {config} has errors")),
        skipped: None,
        diagnostics: Vec::new(),
    }
}

/// Reads, parses and lints one input; never fails, errors go into the report.
fn lint_input(profile: &Profile, input: &Input, stdin_name: &str) -> FileReport {
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
    report.diagnostics = profile.set.lint(&doc);
    profile
        .vocabulary
        .filter(&mut report.diagnostics, &source.text);
    report.text = source.text;
    report
}

fn list_rules(cli: &Cli, format: ListFormat, color: bool) -> u8 {
    let Some((catalog, ids, rules_ok)) = cwd_catalog(cli, color) else {
        return EXIT_ERROR;
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
    let Some((catalog, _, _)) = cwd_catalog(cli, color) else {
        return EXIT_ERROR;
    };
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

fn init(folder: &Path) -> u8 {
    match crate::config::init(folder) {
        Ok(path) => {
            eprintln!(
                "wrote {}: uncomment what you need",
                crate::config::display_relative(&path)
            );
            EXIT_CLEAN
        }
        Err(message) => usage_error(&message),
    }
}

fn completions(shell: clap_complete::Shell) -> u8 {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "mtlint", &mut out);
    let _ = std::io::stdout().lock().write_all(&out);
    EXIT_CLEAN
}

fn man() -> u8 {
    let command = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    if let Err(e) = clap_mangen::Man::new(command).render(&mut out) {
        eprintln!("error: cannot render the man page: {e}");
        return EXIT_ERROR;
    }
    let _ = std::io::stdout().lock().write_all(&out);
    EXIT_CLEAN
}
