//! The progress bar of long runs: shown on standard error only when it is a terminal, the run
//! has many files and `--quiet` is off, so pipes, CI logs and editors never see it.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Runs with more files than this show a bar.
pub const MIN_FILES: usize = 20;

/// A progress bar, or nothing.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar for `files` files, when standard error is a terminal and `quiet` is off.
    pub fn new(files: usize, quiet: bool) -> Self {
        Progress::with_terminal(files, quiet, std::io::stderr().is_terminal())
    }

    fn with_terminal(files: usize, quiet: bool, terminal: bool) -> Self {
        if quiet || !terminal || files <= MIN_FILES {
            return Progress(None);
        }
        let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} linting {pos}/{len} files {wide_bar} {eta}")
        {
            bar.set_style(style);
        }
        Progress(Some(bar))
    }

    pub fn is_shown(&self) -> bool {
        self.0.is_some()
    }

    /// One more file done.
    pub fn inc(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// Removes the bar before the report is printed.
    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_only_on_a_terminal_for_many_files_without_quiet() {
        assert!(Progress::with_terminal(MIN_FILES + 1, false, true).is_shown());
        assert!(!Progress::with_terminal(MIN_FILES, false, true).is_shown());
        assert!(!Progress::with_terminal(500, true, true).is_shown());
        assert!(!Progress::with_terminal(500, false, false).is_shown());
    }
}
