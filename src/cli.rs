//! Command-line flags (clap derive). Only definitions: `run` gives them meaning.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::diagnostic::Severity;

#[derive(Debug, Parser)]
#[command(
    name = "mtlint",
    version,
    about = "A linter for machine-translated English news",
    long_about = "A linter for machine-translated English news: calques, false friends, \
                  untranslated words, broken typography and dangling sections.\n\n\
                  Lints text, Markdown and HTML files and folders (default: the current folder). \
                  `-` reads standard input.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub lint: LintArgs,

    #[command(flatten)]
    pub rules: RuleArgs,

    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every loaded rule and whether this run would use it.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Show a rule's message, explanation and examples.
    Explain {
        /// A rule id, e.g. `fr-en/pricing-war`.
        rule: String,
    },
    /// Run the examples of rule files or folders as tests (default: the built-in packs).
    Test {
        /// Rule files, pack folders or folders of packs.
        paths: Vec<PathBuf>,
    },
    /// Write a commented starter `.mtlint.toml` (never overwrites one).
    Init {
        /// The folder to write it in.
        #[arg(default_value = ".")]
        folder: PathBuf,
    },
    /// Print a shell completion script, e.g. `mtlint completions bash > /etc/bash_completion.d/mtlint`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `mtlint man > mtlint.1`.
    Man,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files or folders to lint; `-` reads standard input.
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// When to colour human output (`NO_COLOR` is honoured with `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Exit with code 1 when a diagnostic at or above this severity is found.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,

    /// The name to show for standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    /// Print nothing but diagnostics (no summary line, no notes, no progress bar).
    #[arg(long, short)]
    pub quiet: bool,

    /// Also lint the paths listed in FILE, one per line (`-` reads standard input).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,

    /// Lint only files changed since the git revision REV (and untracked files).
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Use this config file for every file instead of the nearest `.mtlint.toml`.
    #[arg(long, value_name = "FILE", global = true, conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore `.mtlint.toml` files.
    #[arg(long, global = true)]
    pub no_config: bool,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// Source language of the text (e.g. `fr`): enables its pack (`fr-en`).
    #[arg(long, value_name = "LANG", global = true)]
    pub from: Option<String>,

    /// Extra rules: a rule file, a pack folder or a folder of packs (repeatable).
    #[arg(long = "rules", value_name = "PATH", global = true)]
    pub rules: Vec<PathBuf>,

    /// Enable a built-in pack (repeatable); `all` enables every pack.
    #[arg(long = "pack", value_name = "NAME", global = true)]
    pub packs: Vec<String>,

    /// Do not enable the default packs (`core`, `news`).
    #[arg(long, global = true)]
    pub no_default_packs: bool,

    /// Enable a rule or pack (repeatable).
    #[arg(long, value_name = "RULE_OR_PACK", global = true)]
    pub enable: Vec<String>,

    /// Disable a rule or pack (repeatable).
    #[arg(long, value_name = "RULE_OR_PACK", global = true)]
    pub disable: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
    Compact,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
    /// The rule reference, docs/rules.md.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}
