//! Diagnostics: what a run found, in original-file coordinates, ready for any report.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// How serious a rule's diagnostics are. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity `{s}` (expected error, warning or info)"
            )),
        }
    }
}

/// Whether a fix can be applied without an editor's review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// A mechanical repair (spacing, typography).
    Safe,
    /// A rewording an editor should confirm.
    #[default]
    Suggested,
}

/// A replacement for a span of the original file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
    pub applicability: Applicability,
}

/// A secondary span that explains a diagnostic (e.g. the usual spelling of a name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub message: String,
    /// The file the span is in, when it is not the diagnostic's own file (repository-wide
    /// checks point at other files); `None` for the same file.
    pub path: Option<String>,
}

impl Related {
    /// A related span in the diagnostic's own file.
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Related {
            span,
            message: message.into(),
            path: None,
        }
    }
}

/// Identity of the rule behind a diagnostic, shared by all its diagnostics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleRef {
    pub id: String,
    pub pack: String,
    pub category: Option<String>,
}

/// One problem found in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: Arc<RuleRef>,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub fixes: Vec<Fix>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// The order reports use: by position, then rule.
    pub fn sort_key(&self) -> (usize, usize, &str) {
        (self.span.start, self.span.end, &self.rule.id)
    }
}

/// A rule's documentation, for reports that describe the rules they used (SARIF lists them in
/// `tool.driver.rules`). Built from compiled rules and from the repository-wide checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleDoc {
    pub id: String,
    pub pack: String,
    pub summary: String,
    /// The message template (placeholders unfilled).
    pub message: String,
    pub why: Option<String>,
    pub help: Option<String>,
    pub severity: Severity,
    pub category: Option<String>,
}
