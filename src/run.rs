//! Running a command: settings → rules → discover → lint in parallel → sort → report, and the
//! `rules`, `explain`, `test`, `init`, `completions` and `man` subcommands. Maps every outcome
//! to an exit code: 0 clean, 1 diagnostics at or above `--fail-on`, 2 usage, config, rule-file
//! or I/O errors.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use crate::ci;
use crate::cli::{Cli, ColorChoice, Command, ListFormat, OutputFormat};
use crate::config::{Governing, Mode, Resolver};
use crate::diagnostic::{Diagnostic, RuleDoc};
use crate::discover::{Filter, Input, discover_filtered};
use crate::document::Document;
use crate::fix;
use crate::profile::{Profile, ProfileError};
use crate::progress::Progress;
use crate::report::{self, FileReport};
use crate::rule::examples;
use crate::rule::set::Catalog;
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

    let fix_mode = fix::Mode::from_flags(cli.lint.fix, cli.lint.fix_suggested, cli.lint.diff);
    let mut options = match ci::Options::from_args(&cli.lint) {
        Ok(options) => options,
        Err(e) => {
            print_load_errors(&[e], color);
            return EXIT_ERROR;
        }
    };
    // `--diff` prints diffs, not diagnostics.
    options.stream &= fix_mode.is_none_or(|mode| mode.write);
    let progress = Progress::new(inputs.len(), cli.lint.quiet);
    let work: Vec<(&Input, &Governing)> = inputs.iter().zip(governing.iter()).collect();
    let mut collector = ci::Collector::new(&options);
    let mut fixes: Vec<fix::Outcome> = Vec::new();
    // In parallel, handed over in input order (so `--format ndjson` can stream).
    crate::parallel::map_in_order(
        &work,
        |(input, g)| {
            let done = match profiles.get(&g.key()) {
                Some(Some(profile)) => {
                    lint_input(profile, input, &stdin_name, fix_mode, options.repo.as_ref())
                }
                _ => (ci::Linted::new(unlintable(input, &stdin_name, g)), None),
            };
            progress.inc();
            done
        },
        |(linted, outcome)| {
            fixes.extend(outcome);
            collector.file_done(linted);
        },
    );
    progress.finish();
    // Diagnostics of the repository-wide checks go through the vocabulary of their file's
    // config, like those of its rules.
    let mut reports = collector.finish(|i, text, diagnostics| {
        if let Some(Some(profile)) = governing.get(i).and_then(|g| profiles.get(&g.key())) {
            profile.vocabulary.filter(diagnostics, text);
        }
    });
    ci::score(&options, &mut reports, |i| match governing.get(i) {
        Some(Governing::Config(config)) => config.weights.as_ref(),
        _ => None,
    });
    let fix_failed = fixes.iter().any(|f| f.error.is_some());
    if fix_mode.is_some_and(|mode| !mode.write) {
        return print_diffs(&reports, &fixes, cli.lint.quiet, rules_ok);
    }
    if fix_mode.is_some() {
        let summary = fix::summary(&fixes, cli.lint.quiet, true);
        let _ = std::io::stderr().lock().write_all(summary.as_bytes());
    }
    if let Some(code) = ci::write_baseline(&options, &reports, cli.lint.quiet) {
        return if rules_ok { code } else { EXIT_ERROR };
    }

    let output = match cli.lint.format {
        OutputFormat::Human => {
            let mut out = String::new();
            let texts = report::Texts::of(&reports);
            for r in &reports {
                if cli.lint.quiet && r.diagnostics.is_empty() && r.error.is_none() {
                    continue;
                }
                let mut r = r.clone();
                if cli.lint.quiet {
                    r.skipped = None;
                }
                out.push_str(&report::human::render_file_in(&r, color, &texts));
            }
            if !cli.lint.quiet {
                out.push_str(&summary_line(&reports, color));
                if let Some(line) = ci::worst_line(&reports) {
                    out.push_str(&line);
                    out.push('\n');
                }
            }
            out
        }
        OutputFormat::Json => report::json::render(&reports),
        OutputFormat::Compact => report::compact::render(&reports),
        OutputFormat::Sarif => {
            // Every rule of every config's rule set, once.
            let mut rules: BTreeMap<String, RuleDoc> = BTreeMap::new();
            for profile in profiles.values().flatten() {
                for rule in profile.set.rules() {
                    rules
                        .entry(rule.id.clone())
                        .or_insert_with(|| RuleDoc::from(rule));
                }
            }
            if let Some(repo) = &options.repo {
                rules.extend(repo.rule_docs().into_iter().map(|r| (r.id.clone(), r)));
            }
            let rules: Vec<RuleDoc> = rules.into_values().collect();
            report::sarif::render(&reports, &rules)
        }
        OutputFormat::Github => report::github::render(&reports, !cli.lint.quiet),
        // Streamed as files were done.
        OutputFormat::Ndjson => String::new(),
    };
    let _ = std::io::stdout().lock().write_all(output.as_bytes());

    let failed_io = reports.iter().any(|r| r.error.is_some());
    let threshold = cli.lint.fail_on.severity();
    let findings = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity >= threshold);
    let over_score = ci::score_gate(&options, &reports);
    if failed_io || !rules_ok || fix_failed {
        EXIT_ERROR
    } else if findings || over_score {
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
    let mut report = FileReport::new(input.display(stdin_name));
    report.error = Some(format!("not linted: {config} has errors"));
    report
}

/// Lints a text: rules, accepted vocabulary, then inline suppression.
fn lint_text(profile: &Profile, text: &str, format: Format) -> Vec<Diagnostic> {
    lint_doc(profile, text, format).1
}

/// Lints a text and returns its document too.
fn lint_doc(profile: &Profile, text: &str, format: Format) -> (Document, Vec<Diagnostic>) {
    let doc = Document::parse_as(text, format);
    let mut diagnostics = profile.set.lint(&doc);
    profile.vocabulary.filter(&mut diagnostics, text);
    let diagnostics = crate::suppress::apply(diagnostics, &doc.suppressions, text, |id| {
        profile.set.knows(id) || id == crate::suppress::UNKNOWN_ID || crate::repo::knows(id)
    });
    (doc, diagnostics)
}

/// What the quality score and the repository-wide checks need from a linted document.
fn doc_facts(
    mut report: FileReport,
    doc: &Document,
    repo: Option<&crate::repo::Settings>,
) -> ci::Linted {
    report.words = crate::score::count_words(&doc.text);
    ci::Linted {
        facts: repo.map(|settings| crate::repo::facts(&report.path, doc, settings)),
        suppressions: match repo {
            Some(_) => doc.suppressions.clone(),
            None => Vec::new(),
        },
        report,
    }
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

/// Reads, parses and lints one input, and fixes it when asked; never fails, errors go into
/// the report.
fn lint_input(
    profile: &Profile,
    input: &Input,
    stdin_name: &str,
    fix_mode: Option<fix::Mode>,
    repo: Option<&crate::repo::Settings>,
) -> (ci::Linted, Option<fix::Outcome>) {
    match (fix_mode, read_and_lint(profile, input, stdin_name, repo)) {
        (Some(mode), (mut linted, Some(format))) => {
            let path = match input {
                Input::File { path, .. } => Some(path.as_path()),
                _ => None,
            };
            let outcome = fix::fix_report(mode, path, &mut linted.report, |text| {
                lint_text(profile, text, format)
            });
            // Written fixes changed the text: count words and collect facts from the new one.
            if mode.write && outcome.applied > 0 {
                let doc = Document::parse_as(&linted.report.text, format);
                linted = doc_facts(linted.report, &doc, repo);
            }
            (linted, Some(outcome))
        }
        (_, (linted, _)) => (linted, None),
    }
}

/// Reads and lints one input; the format is returned when it could be linted.
fn read_and_lint(
    profile: &Profile,
    input: &Input,
    stdin_name: &str,
    repo: Option<&crate::repo::Settings>,
) -> (ci::Linted, Option<Format>) {
    let mut report = FileReport::new(input.display(stdin_name));
    let (bytes, format) = match input {
        Input::Missing { error, .. } => {
            report.error = Some(error.clone());
            return (ci::Linted::new(report), None);
        }
        Input::Stdin => {
            let mut bytes = Vec::new();
            if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
                report.error = Some(format!("cannot read standard input: {e}"));
                return (ci::Linted::new(report), None);
            }
            let format =
                Format::from_path(std::path::Path::new(stdin_name)).unwrap_or(Format::Text);
            (bytes, format)
        }
        Input::File { path: p, format } => match std::fs::read(p) {
            Ok(bytes) => (bytes, *format),
            Err(e) => {
                report.error = Some(format!("cannot read: {e}"));
                return (ci::Linted::new(report), None);
            }
        },
    };
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(Unreadable::Binary) => {
            report.skipped = Some(Unreadable::Binary.to_string());
            return (ci::Linted::new(report), None);
        }
        Err(e) => {
            report.error = Some(e.to_string());
            return (ci::Linted::new(report), None);
        }
    };
    let (doc, diagnostics) = lint_doc(profile, &text, format);
    report.diagnostics = diagnostics;
    report.text = text;
    (doc_facts(report, &doc, repo), Some(format))
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
    if let Some(text) = crate::repo::Settings::builtin()
        .ok()
        .and_then(|repo| repo.explain(id))
    {
        let _ = std::io::stdout().lock().write_all(text.as_bytes());
        return EXIT_CLEAN;
    }
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
