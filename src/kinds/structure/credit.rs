//! `[structure.credit]`: a lone wire-agency credit glued to the end of a paragraph or standing
//! alone on a line (`… Ushakov added. Reuters`, `(AFP)`, `— dpa`).
//!
//! The credit must follow the end of a sentence (or fill the line), and end the line, so a
//! dateline at the start (`PARIS (Reuters) -`) and prose (`he told Reuters.`) are left alone.
//! Agency names are matched case-sensitively (`dpa` is spelled in lower case, `AP` in capitals).

use regex::Regex;
use serde::Deserialize;

use super::{Hit, hit};
use crate::document::Document;
use crate::kinds::KindError;
use crate::kinds::words;
use crate::span::Span;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditSpec {
    /// Agency names as they are written (`Reuters`, `AFP`, `dpa`).
    pub agencies: Vec<String>,
}

#[derive(Debug)]
pub struct Credit {
    regex: Regex,
}

pub fn compile(spec: CreditSpec) -> Result<Credit, KindError> {
    let mut names: Vec<&str> = spec.agencies.iter().map(|a| a.trim()).collect();
    if names.is_empty() || names.iter().any(|n| n.is_empty()) {
        return Err(KindError::new(
            "`agencies` is empty or has an empty name",
            None,
        ));
    }
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let alt = names
        .iter()
        .map(|n| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|");
    // After the start of the line or the end of a sentence: an optional dash, an optional
    // bracket and `with`, one or more agencies joined by `/`, `,` or `&`, an optional bracket
    // and full stop, then the end of the line.
    let pattern = format!(
        r#"(?:^|[.!?"”’»)]\s+)(?P<span>(?:[-—–]\s*)?[(\[]?(?:with\s+)?(?P<agency>{alt})(?:\s*[/,&]\s*(?:{alt}))*[)\]]?\.?)\s*$"#
    );
    let regex = Regex::new(&pattern)
        .map_err(|e| KindError::new(format!("cannot compile agency names: {e}"), None))?;
    Ok(Credit { regex })
}

impl Credit {
    pub fn check(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text.as_str();
        for line in words::lines(text) {
            let content = &text[line.as_range()];
            if let Some(caps) = self.regex.captures(content)
                && let Some(m) = caps.name("span")
            {
                let agency = caps.name("agency").map_or("", |a| a.as_str());
                hits.push(hit(
                    Span::new(line.start + m.start(), line.start + m.end()),
                    &[("agency", agency.to_string())],
                    Vec::new(),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<String> {
        let c = compile(
            toml::from_str(r#"agencies = ["Reuters", "AFP", "AP", "dpa", "Agence France-Presse"]"#)
                .unwrap(),
        )
        .unwrap();
        let doc = Document::plain(text);
        let mut hits = Vec::new();
        c.check(&doc, &mut hits);
        hits.iter().map(|h| doc.slice(h.span).to_string()).collect()
    }

    #[test]
    fn glued_and_alone() {
        assert_eq!(run("Putin will visit, Ushakov added. Reuters"), ["Reuters"]);
        assert_eq!(run("He left.\r\n\r\nReuters\r\n"), ["Reuters"]);
        assert_eq!(run("“We will win,” he said. (AFP)\nNext."), ["(AFP)"]);
        assert_eq!(run("It ended. — dpa/AP"), ["— dpa/AP"]);
        assert_eq!(run("AFP"), ["AFP"]);
    }

    #[test]
    fn datelines_and_prose_are_not_credits() {
        assert!(run("PARIS (Reuters) - France's president said on Monday.").is_empty());
        assert!(run("The minister told Reuters.\nHe spoke to AP").is_empty());
        assert!(run("Reuters reported that the talks ended.").is_empty());
        assert!(run("It ended. The ap").is_empty());
        assert!(run("").is_empty());
    }
}
