//! Inline suppression: applying a document's `mtlint-disable` / `mtlint-enable` /
//! `mtlint-disable-next-line` directives to its diagnostics.
//!
//! A directive names rule ids or pack names (none = every rule). `disable` and `enable` take
//! effect from the end of their comment on; `disable all` then `enable X` leaves only `X` on.
//! `disable-next-line` covers diagnostics that start on the line after the one where its
//! comment ends. A name that is neither a known rule nor a known pack is itself reported
//! ([`UNKNOWN_ID`]), pointing at the name inside the comment, and so is a misspelt directive.
//! Parsing the comments is `document::directive`'s job.

use std::sync::Arc;

use crate::diagnostic::{Diagnostic, RuleRef, Severity};
use crate::document::{Directive, DirectiveKind};
use crate::span::LineIndex;

/// The rule id of diagnostics about suppression comments themselves.
pub const UNKNOWN_ID: &str = "mtlint/unknown-suppression";

/// Rule state at one point of a file, built by folding `disable`/`enable` directives.
#[derive(Default)]
struct State<'a> {
    /// Everything off (by a bare `disable`), except `exceptions`.
    all_off: bool,
    exceptions: Vec<&'a str>,
    off: Vec<&'a str>,
}

impl<'a> State<'a> {
    fn apply(&mut self, d: &'a Directive) {
        let ids = d.rules.iter().map(|(id, _)| id.as_str());
        match (d.kind, d.rules.is_empty()) {
            (DirectiveKind::Disable, true) => {
                self.all_off = true;
                self.exceptions.clear();
            }
            (DirectiveKind::Disable, false) => {
                if self.all_off {
                    self.exceptions
                        .retain(|e| !d.rules.iter().any(|(id, _)| id == e));
                } else {
                    self.off.extend(ids);
                }
            }
            (DirectiveKind::Enable, true) => *self = State::default(),
            (DirectiveKind::Enable, false) => {
                self.off.retain(|o| !d.rules.iter().any(|(id, _)| id == o));
                if self.all_off {
                    self.exceptions.extend(ids);
                }
            }
            _ => {}
        }
    }

    fn suppresses(&self, d: &Diagnostic) -> bool {
        let named = |ids: &[&str]| ids.iter().any(|id| names(id, d));
        (self.all_off && !named(&self.exceptions)) || named(&self.off)
    }
}

/// Whether a directive id names the diagnostic's rule (its id or its pack).
fn names(id: &str, d: &Diagnostic) -> bool {
    id == d.rule.id || id == d.rule.pack
}

/// Drops the diagnostics that `directives` suppress and adds one diagnostic per unknown id.
/// `known` says whether a name is a rule id or pack name of the catalogue (active or not).
/// `text` is the file as read (for line numbers). The result is sorted.
pub fn apply(
    diagnostics: Vec<Diagnostic>,
    directives: &[Directive],
    text: &str,
    known: impl Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    if directives.is_empty() {
        return diagnostics;
    }
    let index = LineIndex::new(text);
    let line = |offset: usize| index.position(text, offset).line;
    let next_lines: Vec<(usize, &Directive)> = directives
        .iter()
        .filter(|d| d.kind == DirectiveKind::DisableNextLine)
        .map(|d| (line(d.span.end.saturating_sub(1)) + 1, d))
        .collect();

    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|diag| {
            let mut state = State::default();
            for d in directives.iter().filter(|d| d.span.end <= diag.span.start) {
                state.apply(d);
            }
            if state.suppresses(diag) {
                return false;
            }
            let at = line(diag.span.start);
            !next_lines.iter().any(|(l, d)| {
                *l == at && (d.rules.is_empty() || d.rules.iter().any(|(id, _)| names(id, diag)))
            })
        })
        .collect();

    let rule = Arc::new(RuleRef {
        id: UNKNOWN_ID.to_string(),
        pack: "mtlint".to_string(),
        category: None,
    });
    for d in directives {
        for (id, span) in &d.rules {
            let message = if d.kind == DirectiveKind::Unknown {
                format!("unknown directive `{id}` in a suppression comment")
            } else if known(id) {
                continue;
            } else {
                format!("unknown rule or pack `{id}` in a suppression comment")
            };
            let help = if d.kind == DirectiveKind::Unknown {
                "write `mtlint-disable`, `mtlint-enable` or `mtlint-disable-next-line`"
            } else {
                "`mtlint rules` lists rule ids and packs"
            };
            kept.push(Diagnostic {
                rule: rule.clone(),
                severity: Severity::Warning,
                span: *span,
                message,
                help: Some(help.to_string()),
                fixes: Vec::new(),
                related: Vec::new(),
            });
        }
    }
    kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::markdown;
    use crate::span::Span;

    fn diag(id: &str, text: &str, needle: &str) -> Diagnostic {
        let start = text.find(needle).unwrap();
        Diagnostic {
            rule: Arc::new(RuleRef {
                id: id.to_string(),
                pack: id.split('/').next().unwrap().to_string(),
                category: None,
            }),
            severity: Severity::Warning,
            span: Span::new(start, start + needle.len()),
            message: String::new(),
            help: None,
            fixes: Vec::new(),
            related: Vec::new(),
        }
    }

    /// Rule ids of the diagnostics left, with the text they point at.
    fn left(text: &str, diags: Vec<Diagnostic>) -> Vec<(String, String)> {
        let doc = markdown::parse(text);
        apply(diags, &doc.suppressions, text, |id| {
            ["a/x", "a/y", "b/z", "a", "b"].contains(&id)
        })
        .into_iter()
        .map(|d| (d.rule.id.clone(), text[d.span.as_range()].to_string()))
        .collect()
    }

    #[test]
    fn disable_enable_regions() {
        let text =
            "one\n\n<!-- mtlint-disable a/x -->\n\ntwo\n\n<!-- mtlint-enable a/x -->\n\nthree\n";
        let diags = vec![
            diag("a/x", text, "one"),
            diag("a/x", text, "two"),
            diag("a/y", text, "two"),
            diag("a/x", text, "three"),
        ];
        let got = left(text, diags);
        let got: Vec<_> = got.iter().map(|(r, t)| format!("{r}:{t}")).collect();
        assert_eq!(got, ["a/x:one", "a/y:two", "a/x:three"]);
    }

    #[test]
    fn disable_all_with_exception_and_pack_names() {
        let text = "<!-- mtlint-disable -->\n<!-- mtlint-enable b -->\n\none two\n";
        let diags = vec![diag("a/x", text, "one"), diag("b/z", text, "two")];
        let got: Vec<_> = left(text, diags).into_iter().map(|(r, _)| r).collect();
        assert_eq!(got, ["b/z"]);
    }

    #[test]
    fn next_line_only() {
        let text = "<!-- mtlint-disable-next-line a/x, b -->\none two\nthree\n";
        let diags = vec![
            diag("a/x", text, "one"),
            diag("a/y", text, "two"),
            diag("b/z", text, "two"),
            diag("a/x", text, "three"),
        ];
        let got: Vec<_> = left(text, diags)
            .into_iter()
            .map(|(r, t)| format!("{r}:{t}"))
            .collect();
        assert_eq!(got, ["a/y:two", "a/x:three"]);
    }

    #[test]
    fn unknown_ids_are_reported_at_the_id() {
        let text = "<!-- mtlint-disable a/x nope/rule -->\n<!-- mtlint-disabel -->\n\ntext\n";
        let got = left(text, Vec::new());
        assert_eq!(
            got,
            [
                (UNKNOWN_ID.to_string(), "nope/rule".to_string()),
                (UNKNOWN_ID.to_string(), "mtlint-disabel".to_string()),
            ]
        );
    }
}
