//! Reports: the only layer that turns results into text. `human` (codespan-reporting), `json`
//! (the contract in docs/json.md), `compact` (one line per diagnostic).

pub mod compact;
pub mod human;
pub mod json;
pub mod window;

use crate::diagnostic::{Diagnostic, Severity};

/// What a run produced for one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    /// The file's text as read (for spans); empty when it could not be read.
    pub text: String,
    /// Why the file could not be linted.
    pub error: Option<String>,
    /// A note that the file was skipped (binary), not an error.
    pub skipped: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Counts over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files with a per-file error.
    pub failed_files: usize,
    /// Files with at least one diagnostic.
    pub files_with_diagnostics: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for r in reports {
            if r.error.is_some() {
                s.failed_files += 1;
            }
            if !r.diagnostics.is_empty() {
                s.files_with_diagnostics += 1;
            }
            for d in &r.diagnostics {
                match d.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                }
            }
        }
        s
    }

    /// `7 warnings, 1 error in 2 files`, or `no problems in 3 files`.
    pub fn sentence(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(plural(self.errors, "error"));
        }
        if self.warnings > 0 {
            parts.push(plural(self.warnings, "warning"));
        }
        if self.infos > 0 {
            parts.push(plural(self.infos, "info"));
        }
        let mut out = if parts.is_empty() {
            format!("no problems in {}", plural(self.files, "file"))
        } else {
            format!(
                "{} in {}",
                parts.join(", "),
                plural(self.files_with_diagnostics, "file")
            )
        };
        if self.failed_files > 0 {
            out.push_str(&format!(
                "; {} could not be linted",
                plural(self.failed_files, "file")
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_sentence() {
        let s = Summary {
            files: 3,
            errors: 1,
            warnings: 7,
            infos: 0,
            failed_files: 0,
            files_with_diagnostics: 2,
        };
        assert_eq!(s.sentence(), "1 error, 7 warnings in 2 files");
        let s = Summary {
            files: 1,
            ..Summary::default()
        };
        assert_eq!(s.sentence(), "no problems in 1 file");
    }
}
