//! The stages of a lint run that serve CI, between linting files and rendering the report:
//! the baseline filter, repository-wide checks, the quality score, streaming `ndjson` output,
//! `--write-baseline` and the `--max-score` gate. `run` drives them; nothing here parses
//! flags or lints a file.
//!
//! Order: each file, as it is done (in input order), is filtered by the baseline and, with
//! `--format ndjson`, printed at once. When all are done, the repository-wide checks run (their
//! diagnostics filtered and, for ndjson, printed last), then every file is scored with its
//! config's weights.

use std::io::Write;
use std::path::PathBuf;

use crate::baseline::{self, Baseline};
use crate::cli::{LintArgs, OutputFormat};
use crate::diagnostic::Diagnostic;
use crate::document::Directive;
use crate::repo::{self, FileFacts};
use crate::report::{FileReport, Texts, ndjson};
use crate::rule::LoadError;
use crate::score::{self, Weights};
use crate::suppress;

/// How many of the worst-scoring files the human summary names.
pub const WORST_SHOWN: usize = 5;

/// What the CI stages of a run need, loaded before any file is linted.
pub struct Options {
    pub baseline: Option<Baseline>,
    pub write_baseline: Option<PathBuf>,
    /// Settings of the repository-wide checks; `None` when they are off.
    pub repo: Option<repo::Settings>,
    pub weights: Weights,
    pub max_score: Option<f64>,
    /// Print each file's diagnostics as one JSON line as soon as it is done.
    pub stream: bool,
}

impl Options {
    /// Options from the flags; a baseline that cannot be read is an error for the caller to
    /// render.
    pub fn from_args(args: &LintArgs) -> Result<Options, LoadError> {
        let baseline = match &args.baseline {
            Some(path) => Some(Baseline::load(path)?),
            None => None,
        };
        let internal = |message: String| LoadError::new("mtlint", "", message, None);
        let repo = if args.repo_checks {
            Some(repo::Settings::builtin().map_err(internal)?)
        } else {
            None
        };
        if let Some(max) = args.max_score
            && !(max.is_finite() && max >= 0.0)
        {
            return Err(LoadError::new(
                "--max-score",
                "",
                format!("must be a number of 0 or more, not {max}"),
                None,
            ));
        }
        Ok(Options {
            baseline,
            write_baseline: args.write_baseline.clone(),
            repo,
            weights: Weights::builtin().map_err(internal)?,
            max_score: args.max_score,
            stream: args.format == OutputFormat::Ndjson && args.write_baseline.is_none(),
        })
    }
}

/// One linted file and, with repository-wide checks on, what it contributes to them and its
/// inline suppression comments (which apply to their diagnostics too).
pub struct Linted {
    pub report: FileReport,
    pub facts: Option<FileFacts>,
    pub suppressions: Vec<Directive>,
}

impl Linted {
    /// A file with nothing to contribute (not read, or not linted).
    pub fn new(report: FileReport) -> Self {
        Linted {
            report,
            facts: None,
            suppressions: Vec::new(),
        }
    }
}

/// Collects the files of a run as they are done.
pub struct Collector<'a> {
    options: &'a Options,
    reports: Vec<FileReport>,
    facts: Vec<FileFacts>,
    suppressions: Vec<Vec<Directive>>,
}

impl<'a> Collector<'a> {
    pub fn new(options: &'a Options) -> Self {
        Collector {
            options,
            reports: Vec::new(),
            facts: Vec::new(),
            suppressions: Vec::new(),
        }
    }

    /// Takes one file, in input order.
    pub fn file_done(&mut self, linted: Linted) {
        let Linted {
            mut report,
            facts,
            suppressions,
        } = linted;
        if let Some(b) = &self.options.baseline {
            b.filter(&mut report);
        }
        if self.options.stream {
            let line = ndjson::render_file(&report, &Texts::default());
            let _ = std::io::stdout().lock().write_all(line.as_bytes());
            // The text is only needed later to place related spans of repository-wide checks.
            if self.options.repo.is_none() {
                report.text = String::new();
            }
        }
        if self.options.repo.is_some() {
            self.facts
                .push(facts.unwrap_or_else(|| FileFacts::empty(&report.path)));
            self.suppressions.push(suppressions);
        }
        self.reports.push(report);
    }

    /// Runs the repository-wide checks; returns the reports in input order (to be scored with
    /// [`score`]). `accept(i, text, diagnostics)` drops the repository-wide diagnostics of file
    /// `i` that its config accepts (vocabulary); inline suppression applies to them as well.
    pub fn finish(self, accept: impl Fn(usize, &str, &mut Vec<Diagnostic>)) -> Vec<FileReport> {
        let Collector {
            options,
            mut reports,
            facts,
            suppressions,
        } = self;
        if let Some(settings) = &options.repo {
            let mut added: Vec<Vec<Diagnostic>> = vec![Vec::new(); reports.len()];
            for (i, d) in repo::check(&facts, settings) {
                if let Some(list) = added.get_mut(i) {
                    list.push(d);
                }
            }
            for (i, (r, extra)) in reports.iter().zip(added.iter_mut()).enumerate() {
                if extra.is_empty() {
                    continue;
                }
                accept(i, &r.text, extra);
                let directives = suppressions.get(i).map_or(&[][..], Vec::as_slice);
                // Unknown names in the comments were reported with the file's own diagnostics.
                *extra = suppress::apply(std::mem::take(extra), directives, &r.text, |_| true)
                    .into_iter()
                    .filter(|d| d.rule.id != suppress::UNKNOWN_ID)
                    .collect();
            }
            // Filtered on their own, so what was streamed already stays as it was.
            if let Some(b) = &options.baseline {
                for (r, extra) in reports.iter().zip(added.iter_mut()) {
                    b.filter_diagnostics(&r.path, &r.text, extra);
                }
            }
            if options.stream {
                let texts = Texts::of(&reports);
                let mut streamed = String::new();
                for (r, extra) in reports.iter().zip(&added) {
                    streamed.push_str(&ndjson::render_diagnostics(r, extra, &texts));
                }
                let _ = std::io::stdout().lock().write_all(streamed.as_bytes());
            }
            for (r, extra) in reports.iter_mut().zip(added) {
                if !extra.is_empty() {
                    r.diagnostics.extend(extra);
                    r.diagnostics
                        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                }
            }
        }
        reports
    }
}

/// Scores every file: with the weights `weights_of(i)` gives for file `i` (its config's), else
/// the run's.
pub fn score<'w>(
    options: &'w Options,
    reports: &mut [FileReport],
    weights_of: impl Fn(usize) -> Option<&'w Weights>,
) {
    for (i, r) in reports.iter_mut().enumerate() {
        let weights = weights_of(i).unwrap_or(&options.weights);
        score::score_reports(std::slice::from_mut(r), weights);
    }
}

/// Writes the baseline of `reports` when asked to; `Some(exit code)` when it did.
pub fn write_baseline(options: &Options, reports: &[FileReport], quiet: bool) -> Option<u8> {
    let path = options.write_baseline.as_ref()?;
    match baseline::write(path, reports) {
        Ok(n) => {
            if !quiet {
                let files = reports.iter().filter(|r| !r.diagnostics.is_empty()).count();
                let plural = |n: usize| if n == 1 { "" } else { "s" };
                eprintln!(
                    "wrote {}: {n} diagnostic{} in {files} file{} recorded",
                    path.display(),
                    plural(n),
                    plural(files),
                );
            }
            let failed = reports.iter().any(|r| r.error.is_some());
            Some(if failed {
                crate::run::EXIT_ERROR
            } else {
                crate::run::EXIT_CLEAN
            })
        }
        Err(e) => {
            eprintln!("error: cannot write baseline {}: {e}", path.display());
            Some(crate::run::EXIT_ERROR)
        }
    }
}

/// The `--max-score` gate: true (and a message on stderr) when a file scores above it.
pub fn score_gate(options: &Options, reports: &[FileReport]) -> bool {
    let Some(max) = options.max_score else {
        return false;
    };
    let over = score::over(reports, max);
    if over.is_empty() {
        return false;
    }
    let list: Vec<String> = over
        .iter()
        .map(|(path, s)| format!("{path} ({s:.2})"))
        .collect();
    eprintln!(
        "error: quality score above --max-score {max} in {} file{}: {}",
        over.len(),
        if over.len() == 1 { "" } else { "s" },
        list.join(", ")
    );
    true
}

/// The human summary's score line: the worst files, or nothing when every score is 0.
pub fn worst_line(reports: &[FileReport]) -> Option<String> {
    let worst = score::worst(reports, WORST_SHOWN);
    if worst.is_empty() {
        return None;
    }
    let list: Vec<String> = worst
        .iter()
        .map(|(path, s)| format!("{path} {s:.2}"))
        .collect();
    Some(format!(
        "score (weighted diagnostics per 1,000 words), worst first: {}",
        list.join(", ")
    ))
}
