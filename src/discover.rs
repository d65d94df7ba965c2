//! Discovery: which files a run lints. Folders are walked recursively, honouring .gitignore
//! and .ignore (the `ignore` crate); only text, Markdown and HTML files are taken from folders,
//! while a file named explicitly is always linted.

use std::path::{Path, PathBuf};

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

/// The inputs for `paths`, files sorted by display path, duplicates removed.
pub fn discover(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    let mut stdin = false;
    for path in paths {
        if path.as_os_str() == "-" {
            stdin = true;
            continue;
        }
        if path.is_file() {
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
        for entry in ignore::WalkBuilder::new(path).build() {
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
