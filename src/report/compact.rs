//! `path:line:column: severity[rule]: message`, one line per diagnostic (vim quickfix, emacs
//! compile-mode, grep-like tools). File errors are `path: error: message`.

use super::FileReport;
use crate::span::LineIndex;

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        if let Some(error) = &r.error {
            out.push_str(&format!("{}: error: {}\n", r.path, error));
        }
        let index = LineIndex::new(&r.text);
        for d in &r.diagnostics {
            let pos = index.position(&r.text, d.span.start);
            out.push_str(&format!(
                "{}:{}:{}: {}[{}]: {}\n",
                r.path,
                pos.line,
                pos.column,
                d.severity.as_str(),
                d.rule.id,
                d.message
            ));
        }
    }
    out
}
