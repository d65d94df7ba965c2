//! Discovery: which files a run lints. Folders are walked recursively, honouring .gitignore
//! and .ignore (the `ignore` crate); only text, Markdown and HTML files are taken from folders,
//! while a file named explicitly is linted whatever its extension. A [`Filter`] (the config's
//! include/exclude globs) prunes folders during the walk and drops files, named ones included.
//! Paths also come from a list (`--files-from`) and from git (`--changed-since`).

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use crate::source::Format;

/// A file to lint, or a path that could not be walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File { path: PathBuf, format: Format },
    Missing { path: PathBuf, error: String },
}

impl Input {
    /// The path shown in reports.
    pub fn display(&self, stdin_name: &str) -> String {
        match self {
            Input::Stdin => stdin_name.to_string(),
            Input::File { path, .. } | Input::Missing { path, .. } => display_path(path),
        }
    }
}

/// A path as shown in reports: `./` stripped, `/` separators.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Decides whether a path (file, or folder when the flag is true) may be linted.
pub type Filter = Arc<dyn Fn(&Path, bool) -> bool + Send + Sync>;

/// The inputs for `paths`, files sorted by display path, duplicates removed.
pub fn discover(paths: &[PathBuf]) -> Vec<Input> {
    discover_filtered(paths, None)
}

/// [`discover`], keeping only the files and folders `filter` admits.
pub fn discover_filtered(paths: &[PathBuf], filter: Option<Filter>) -> Vec<Input> {
    let admits = |p: &Path, is_dir: bool| filter.as_ref().is_none_or(|f| f(p, is_dir));
    let mut inputs = Vec::new();
    let mut stdin = false;
    for path in paths {
        if path.as_os_str() == "-" {
            stdin = true;
            continue;
        }
        if path.is_file() {
            if !admits(path, false) {
                continue;
            }
            let format = Format::from_path(path).unwrap_or(Format::Text);
            inputs.push(Input::File {
                path: path.clone(),
                format,
            });
            continue;
        }
        if !path.is_dir() {
            inputs.push(Input::Missing {
                path: path.clone(),
                error: "no such file or folder".into(),
            });
            continue;
        }
        let mut walk = ignore::WalkBuilder::new(path);
        if let Some(f) = &filter {
            let f = f.clone();
            walk.filter_entry(move |e| f(e.path(), e.file_type().is_some_and(|t| t.is_dir())));
        }
        for entry in walk.build() {
            match entry {
                Ok(entry) => {
                    let p = entry.path();
                    if entry.file_type().is_some_and(|t| t.is_file())
                        && let Some(format) = Format::from_path(p)
                    {
                        inputs.push(Input::File {
                            path: p.to_path_buf(),
                            format,
                        });
                    }
                }
                Err(e) => inputs.push(Input::Missing {
                    path: path.clone(),
                    error: e.to_string(),
                }),
            }
        }
    }
    inputs.sort_by_key(|i| i.display("-"));
    inputs.dedup_by_key(|i| i.display("-"));
    if stdin {
        inputs.insert(0, Input::Stdin);
    }
    inputs
}

/// Reads a list of paths, one per line (`-` reads standard input); blank lines are skipped and
/// a trailing `\r` is dropped, so lists written on Windows work too.
pub fn read_path_list(list: &Path) -> Result<Vec<PathBuf>, String> {
    let text = if list.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .lock()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read the list of files from standard input: {e}"))?;
        text
    } else {
        std::fs::read_to_string(list)
            .map_err(|e| format!("cannot read the list of files {}: {e}", display_path(list)))?
    };
    Ok(text
        .lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !l.trim().is_empty())
        .map(PathBuf::from)
        .collect())
}

/// The files changed since git revision `rev` in the repository of the working folder:
/// changed, added or renamed (not deleted) between `rev` and the working tree, plus untracked
/// files that are not ignored. Paths are canonical (compare with [`canonical`]).
pub fn changed_since(rev: &str) -> Result<HashSet<PathBuf>, String> {
    let top = git(&["rev-parse", "--show-toplevel"], None)
        .map_err(|e| format!("--changed-since needs a git repository: {e}"))?;
    let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
    let changed = git(
        &[
            "diff",
            "--name-only",
            "--no-relative",
            "-z",
            "--diff-filter=d",
            rev,
            "--",
        ],
        Some(&top),
    )
    .map_err(|e| format!("cannot list files changed since `{rev}`: {e}"))?;
    let untracked = git(
        &["ls-files", "--others", "--exclude-standard", "-z"],
        Some(&top),
    )
    .map_err(|e| format!("cannot list untracked files: {e}"))?;
    Ok(changed
        .split('\0')
        .chain(untracked.split('\0'))
        .filter(|name| !name.is_empty())
        .filter_map(|name| top.join(name).canonicalize().ok())
        .collect())
}

/// A path resolved the way [`changed_since`] reports them (itself when it cannot be).
pub fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// Runs git and returns its standard output, or a message with its standard error.
fn git(args: &[&str], dir: Option<&Path>) -> Result<String, String> {
    let mut cmd = Command::new("git");
    if let Some(dir) = dir {
        cmd.arg("-C").arg(dir);
    }
    let out = cmd
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(stderr
            .trim()
            .lines()
            .next()
            .unwrap_or("git failed")
            .to_string());
    }
    String::from_utf8(out.stdout).map_err(|_| "git printed a path that is not UTF-8".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_prunes_folders_and_named_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("keep")).unwrap();
        std::fs::create_dir_all(root.join("skip/deep")).unwrap();
        std::fs::write(root.join("keep/a.md"), "a").unwrap();
        std::fs::write(root.join("skip/deep/b.md"), "b").unwrap();
        std::fs::write(root.join("c.txt"), "c").unwrap();
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = seen.clone();
        let filter: Filter = Arc::new(move |p: &Path, _| {
            log.lock().unwrap().push(p.to_path_buf());
            !p.ends_with("skip") && !p.ends_with("c.txt")
        });
        let inputs = discover_filtered(&[root.to_path_buf(), root.join("c.txt")], Some(filter));
        let names: Vec<String> = inputs
            .iter()
            .map(|i| i.display("-").rsplit('/').next().unwrap().to_string())
            .collect();
        assert_eq!(names, ["a.md"]);
        // The excluded folder was never entered.
        assert!(!seen.lock().unwrap().iter().any(|p| p.ends_with("deep")));
    }

    #[test]
    fn path_lists_skip_blank_lines_and_crlf() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("list");
        std::fs::write(&list, "a.md\r\n\n  \nb c.txt\n").unwrap();
        assert_eq!(
            read_path_list(&list).unwrap(),
            [PathBuf::from("a.md"), PathBuf::from("b c.txt")]
        );
        assert!(read_path_list(&dir.path().join("nope")).is_err());
    }
}
