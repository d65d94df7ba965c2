//! Rule examples as tests: every bad example flagged exactly at its marked spans, its `fixed`
//! text what the first fixes produce and itself clean, every good example clean.

use super::set::RuleSet;
use super::{ExampleKind, Rule};
use crate::document::Document;
use crate::span::Span;

/// One example that did not behave as its rule file says.
#[derive(Debug, Clone)]
pub struct Failure {
    pub rule: String,
    pub origin: String,
    /// 1-based index among the rule's examples (0 for rule-level problems).
    pub example: usize,
    pub problem: String,
    pub text: String,
    pub expected: Vec<Span>,
    pub actual: Vec<Span>,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} ({}) example {}: {}",
            self.rule, self.origin, self.example, self.problem
        )?;
        if !self.text.is_empty() {
            writeln!(f, "  text:     {}", self.text)?;
            writeln!(f, "  expected: {}", show_spans(&self.text, &self.expected))?;
            writeln!(f, "  actual:   {}", show_spans(&self.text, &self.actual))?;
        }
        Ok(())
    }
}

fn show_spans(text: &str, spans: &[Span]) -> String {
    if spans.is_empty() {
        return "(nothing)".into();
    }
    spans
        .iter()
        .map(|s| {
            format!(
                "{}..{} {:?}",
                s.start,
                s.end,
                text.get(s.as_range()).unwrap_or("?")
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Summary of a test run.
#[derive(Debug, Default)]
pub struct Outcome {
    pub rules: usize,
    pub examples: usize,
    pub failures: Vec<Failure>,
}

/// Runs the examples of every rule in `set`.
pub fn run(set: &RuleSet) -> Outcome {
    let mut outcome = Outcome::default();
    for rule in set.rules() {
        outcome.rules += 1;
        check_rule(set, rule, &mut outcome);
    }
    outcome
}

fn lint_rule(set: &RuleSet, rule: &Rule, text: &str) -> Vec<crate::diagnostic::Diagnostic> {
    let doc = Document::plain(text);
    set.lint(&doc)
        .into_iter()
        .filter(|d| d.rule.id == rule.id)
        .collect()
}

fn check_rule(set: &RuleSet, rule: &Rule, outcome: &mut Outcome) {
    let failure =
        |example: usize, problem: String, text: &str, expected: Vec<Span>, actual: Vec<Span>| {
            Failure {
                rule: rule.id.clone(),
                origin: rule.origin.clone(),
                example,
                problem,
                text: text.to_string(),
                expected,
                actual,
            }
        };
    let has_bad = rule
        .examples
        .iter()
        .any(|e| matches!(e.kind, ExampleKind::Bad { .. }));
    let has_good = rule
        .examples
        .iter()
        .any(|e| matches!(e.kind, ExampleKind::Good));
    if !has_bad || !has_good {
        outcome.failures.push(failure(
            0,
            "a rule needs at least one bad and one good example".into(),
            "",
            vec![],
            vec![],
        ));
    }
    for (i, example) in rule.examples.iter().enumerate() {
        outcome.examples += 1;
        let n = i + 1;
        let diagnostics = lint_rule(set, rule, &example.text);
        let mut actual: Vec<Span> = diagnostics.iter().map(|d| d.span).collect();
        actual.sort();
        match &example.kind {
            ExampleKind::Good => {
                if !actual.is_empty() {
                    outcome.failures.push(failure(
                        n,
                        "good example is flagged".into(),
                        &example.text,
                        vec![],
                        actual,
                    ));
                }
            }
            ExampleKind::Bad { spans, fixed } => {
                if &actual != spans {
                    outcome.failures.push(failure(
                        n,
                        "bad example is not flagged at exactly the marked spans".into(),
                        &example.text,
                        spans.clone(),
                        actual,
                    ));
                    continue;
                }
                let Some(fixed) = fixed else { continue };
                let edits: Vec<(Span, &str)> = diagnostics
                    .iter()
                    .filter_map(|d| d.fixes.first().map(|f| (f.span, f.replacement.as_str())))
                    .collect();
                let (after, _) = crate::fix::apply(&example.text, &edits);
                if &after != fixed {
                    outcome.failures.push(failure(
                        n,
                        format!("applying the first fixes gives {after:?}, not the `fixed` text {fixed:?}"),
                        &example.text,
                        spans.clone(),
                        actual,
                    ));
                    continue;
                }
                let again: Vec<Span> = lint_rule(set, rule, fixed).iter().map(|d| d.span).collect();
                if !again.is_empty() {
                    outcome.failures.push(failure(
                        n,
                        "the `fixed` text is still flagged".into(),
                        fixed,
                        vec![],
                        again,
                    ));
                }
            }
        }
    }
}
