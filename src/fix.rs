//! Applying fixes: choosing the edits of a run (`--fix`, `--fix-suggested`), applying them
//! until the text is stable, writing the result atomically, and showing it as a diff (`--diff`).
//!
//! Only a diagnostic with exactly one fix is fixed (several fixes mean an editor must choose),
//! and a fix that overlaps one already applied waits for the next pass. Writing never touches a
//! file that is read-only or whose bytes changed since they were linted. This module knows
//! nothing of rules: re-linting between passes is a closure the caller gives. It prints
//! nothing: messages are returned as text.

use std::io::Write;
use std::path::Path;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::report::FileReport;
use crate::span::Span;

/// At most this many fix-and-relint passes per file: a fix may uncover another
/// (`the the the` → `the the` → `the`), and a pair of rules that undo each other must not loop.
pub const MAX_PASSES: usize = 10;

/// Applies `edits` (span, replacement) to `text`. Edits are applied in span order; an edit that
/// overlaps one already applied is skipped. Returns the new text and how many were applied.
pub fn apply(text: &str, edits: &[(Span, &str)]) -> (String, usize) {
    let mut edits: Vec<&(Span, &str)> = edits.iter().collect();
    edits.sort_by_key(|(span, _)| (span.start, span.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut applied = 0;
    for (span, replacement) in edits {
        if span.start < cursor
            || span.end > text.len()
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            continue;
        }
        out.push_str(&text[cursor..span.start]);
        out.push_str(replacement);
        cursor = span.end;
        applied += 1;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
}

/// Whether a run fixing at `level` applies a fix of `applicability`: `Safe` takes safe fixes
/// only, `Suggested` takes every fix.
pub fn allows(level: Applicability, applicability: Applicability) -> bool {
    level == Applicability::Suggested || applicability == Applicability::Safe
}

/// The edits to make for `diagnostics` at `level`: the fix of each diagnostic that has exactly
/// one, when its applicability is allowed and it changes something.
pub fn edits<'a>(
    text: &str,
    diagnostics: &'a [Diagnostic],
    level: Applicability,
) -> Vec<(Span, &'a str)> {
    diagnostics
        .iter()
        .filter_map(|d| match d.fixes.as_slice() {
            [fix] if allows(level, fix.applicability) => Some(fix),
            _ => None,
        })
        .filter(|fix| text.get(fix.span.as_range()) != Some(fix.replacement.as_str()))
        .map(|fix| (fix.span, fix.replacement.as_str()))
        .collect()
}

/// The result of fixing one text.
#[derive(Debug, Clone)]
pub struct Fixed {
    pub text: String,
    /// Fixes applied over all passes.
    pub applied: usize,
    /// The diagnostics of the final text.
    pub remaining: Vec<Diagnostic>,
    /// False when fixes were still applicable after [`MAX_PASSES`] passes.
    pub stable: bool,
}

/// Applies fixes at `level` to `text`, whose diagnostics are `diagnostics`, re-linting with
/// `lint` after each pass until no fix applies (so a second run changes nothing).
pub fn fix_until_stable(
    text: &str,
    diagnostics: Vec<Diagnostic>,
    level: Applicability,
    lint: impl Fn(&str) -> Vec<Diagnostic>,
) -> Fixed {
    let mut current = text.to_string();
    let mut remaining = diagnostics;
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let todo = edits(&current, &remaining, level);
        if todo.is_empty() {
            return Fixed {
                text: current,
                applied,
                remaining,
                stable: true,
            };
        }
        let (next, n) = apply(&current, &todo);
        applied += n;
        remaining = lint(&next);
        current = next;
    }
    let stable = edits(&current, &remaining, level).is_empty();
    Fixed {
        text: current,
        applied,
        remaining,
        stable,
    }
}

/// Why a fixed file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("the file is read-only")]
    ReadOnly,
    #[error("the file changed since it was read; run mtlint again")]
    Changed,
    #[error("the file is gone")]
    Vanished,
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Replaces the file at `path` by `new`, if it still holds exactly `expected`.
///
/// The new text goes to a temporary file in the same folder, gets the old file's permissions,
/// and is renamed over the old one, so a reader never sees half a file. A symbolic link is
/// followed: its target is replaced, the link stays.
pub fn write_atomically(path: &Path, expected: &[u8], new: &str) -> Result<(), WriteError> {
    let not_found = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::NotFound {
            WriteError::Vanished
        } else {
            WriteError::Io(e)
        }
    };
    let target = std::fs::canonicalize(path).map_err(not_found)?;
    let metadata = std::fs::metadata(&target).map_err(not_found)?;
    if metadata.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    let current = std::fs::read(&target).map_err(not_found)?;
    if current != expected {
        return Err(WriteError::Changed);
    }
    let folder = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".mtlint-fix-")
        .tempfile_in(folder)?;
    temp.write_all(new.as_bytes())?;
    temp.as_file().sync_all()?;
    std::fs::set_permissions(temp.path(), metadata.permissions())?;
    temp.persist(&target).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

/// What `--fix`, `--fix-suggested` and `--diff` ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mode {
    pub level: Applicability,
    /// False for `--diff`: show, do not write.
    pub write: bool,
}

impl Mode {
    /// The mode for the command-line flags, `None` when no fixing was asked for.
    pub fn from_flags(fix: bool, fix_suggested: bool, diff: bool) -> Option<Mode> {
        let level = if fix_suggested {
            Applicability::Suggested
        } else if fix || diff {
            Applicability::Safe
        } else {
            return None;
        };
        Some(Mode {
            level,
            write: !diff,
        })
    }
}

/// What fixing one file did (or would do, with `--diff`).
#[derive(Debug, Clone)]
pub struct Outcome {
    pub path: String,
    pub applied: usize,
    /// The unified diff of the change (empty when nothing changes).
    pub diff: String,
    /// Why the file could not be written.
    pub error: Option<String>,
    pub stable: bool,
}

/// Fixes the linted file behind `report` (`path` is `None` for standard input) at `mode`,
/// re-linting with `lint`. When the fixed text is written, the report takes it and the
/// diagnostics left in it; otherwise the report is unchanged.
pub fn fix_report(
    mode: Mode,
    path: Option<&Path>,
    report: &mut FileReport,
    lint: impl Fn(&str) -> Vec<Diagnostic>,
) -> Outcome {
    let fixed = fix_until_stable(&report.text, report.diagnostics.clone(), mode.level, lint);
    let mut outcome = Outcome {
        path: report.path.clone(),
        applied: fixed.applied,
        diff: unified_diff(&report.path, &report.text, &fixed.text),
        error: None,
        stable: fixed.stable,
    };
    if !mode.write || fixed.text == report.text {
        return outcome;
    }
    let written = match path {
        Some(path) => {
            write_atomically(path, report.text.as_bytes(), &fixed.text).map_err(|e| e.to_string())
        }
        None => Err("standard input cannot be fixed in place; use --diff".to_string()),
    };
    match written {
        Ok(()) => {
            report.text = fixed.text;
            report.diagnostics = fixed.remaining;
        }
        Err(e) => {
            outcome.error = Some(e);
            outcome.applied = 0;
        }
    }
    outcome
}

/// What a fixing run says on stderr: errors and unstable files always; with `quiet` off, one
/// line per fixed file and a total (`written` false: "would fix", for `--diff`).
pub fn summary(outcomes: &[Outcome], quiet: bool, written: bool) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut out = String::new();
    for o in outcomes {
        if let Some(e) = &o.error {
            out.push_str(&format!("error: cannot fix {}: {e}\n", o.path));
        } else if written && !quiet && o.applied > 0 {
            out.push_str(&format!(
                "fixed {} problem{} in {}\n",
                o.applied,
                plural(o.applied),
                o.path
            ));
        }
        if !o.stable {
            out.push_str(&format!(
                "warning: {}: fixes still apply after {MAX_PASSES} passes; run again or check the rules\n",
                o.path
            ));
        }
    }
    if !quiet {
        let total: usize = outcomes.iter().map(|o| o.applied).sum();
        let files = outcomes.iter().filter(|o| o.applied > 0).count();
        out.push_str(&format!(
            "{} {total} problem{} in {files} file{}\n",
            if written { "fixed" } else { "would fix" },
            plural(total),
            plural(files)
        ));
    }
    out
}

/// A unified diff from `old` to `new` (empty when equal), headed `a/PATH` and `b/PATH` as git
/// does for a relative path (so `patch -p1` and `git apply` take it), `PATH` for an absolute one.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let (a, b) = if Path::new(path).is_absolute() {
        (path.to_string(), path.to_string())
    } else {
        (format!("a/{path}"), format!("b/{path}"))
    };
    let mut out = similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&a, &b)
        .to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::{Fix, RuleRef, Severity};

    #[test]
    fn overlapping_edits_are_skipped() {
        let edits = [
            (Span::new(4, 7), "X"),
            (Span::new(0, 3), "A"),
            (Span::new(5, 6), "Y"),
        ];
        assert_eq!(apply("abc def", &edits), ("A X".to_string(), 2));
    }

    fn diag(span: Span, fixes: &[(&str, Applicability)]) -> Diagnostic {
        Diagnostic {
            rule: Arc::new(RuleRef {
                id: "t/t".into(),
                pack: "t".into(),
                category: None,
            }),
            severity: Severity::Warning,
            span,
            message: String::new(),
            help: None,
            fixes: fixes
                .iter()
                .map(|(r, a)| Fix {
                    span,
                    replacement: r.to_string(),
                    applicability: *a,
                })
                .collect(),
            related: Vec::new(),
        }
    }

    #[test]
    fn edits_take_single_allowed_fixes_only() {
        use Applicability::*;
        let text = "aa bb cc dd";
        let diags = [
            diag(Span::new(0, 2), &[("A", Safe)]),
            diag(Span::new(3, 5), &[("B", Suggested)]),
            diag(Span::new(6, 8), &[("C", Safe), ("c", Safe)]),
            diag(Span::new(9, 11), &[("dd", Safe)]),
        ];
        let safe: Vec<_> = edits(text, &diags, Safe).iter().map(|e| e.1).collect();
        assert_eq!(safe, ["A"]);
        let all: Vec<_> = edits(text, &diags, Suggested).iter().map(|e| e.1).collect();
        assert_eq!(all, ["A", "B"]);
    }

    #[test]
    fn fixing_repeats_until_stable() {
        // A toy rule: every `xx` becomes `x`, one at a time per pass, overlaps left for later.
        let lint = |text: &str| -> Vec<Diagnostic> {
            text.match_indices("xx")
                .map(|(i, _)| diag(Span::new(i, i + 2), &[("x", Applicability::Safe)]))
                .collect()
        };
        let fixed = fix_until_stable("a xxxx b", lint("a xxxx b"), Applicability::Safe, lint);
        assert_eq!(fixed.text, "a x b");
        assert!(fixed.stable);
        assert!(fixed.remaining.is_empty());
        assert_eq!(fixed.applied, 3);
    }

    #[test]
    fn writes_atomically_and_refuses_changed_read_only_or_vanished_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, b"old", "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        // Only the file itself is left: no temporary files.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

        let err = write_atomically(&path, b"old", "newer").unwrap_err();
        assert!(matches!(err, WriteError::Changed), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");

        let mut perms = std::fs::metadata(&path).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&path, perms).unwrap();
        let err = write_atomically(&path, b"new", "newer").unwrap_err();
        assert!(matches!(err, WriteError::ReadOnly), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");

        let gone = dir.path().join("gone.md");
        let err = write_atomically(&gone, b"x", "y").unwrap_err();
        assert!(matches!(err, WriteError::Vanished), "{err}");
        assert!(!gone.exists());
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"old", "new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[test]
    fn diff_is_unified() {
        let d = unified_diff("x.md", "a\nb four -day\nc\n", "a\nb four-day\nc\n");
        assert!(d.starts_with("--- a/x.md\n+++ b/x.md\n@@"), "{d}");
        assert!(d.contains("-b four -day\n+b four-day\n"), "{d}");
        assert_eq!(unified_diff("x", "same", "same"), "");
    }
}
