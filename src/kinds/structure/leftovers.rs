//! `[structure.leftovers]`: page furniture copied with the article (`Read also: …`,
//! `Lire aussi`, `Share this article`, `Subscribe to our newsletter`), in English and in the
//! source languages. A line that starts with one of the phrases (after a bullet) and is short is
//! flagged whole; the phrase inside a sentence is prose.

use serde::Deserialize;

use super::{Hit, hit};
use crate::document::Document;
use crate::kinds::KindError;
use crate::kinds::words;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeftoversSpec {
    /// Phrases that open a leftover line, any case.
    pub phrases: Vec<String>,
    /// The most words a leftover line may have.
    #[serde(default = "default_max_words")]
    pub max_words: usize,
}

fn default_max_words() -> usize {
    16
}

#[derive(Debug)]
pub struct Leftovers {
    /// (normalised phrase, phrase as written)
    phrases: Vec<(String, String)>,
    max_words: usize,
}

pub fn compile(spec: LeftoversSpec) -> Result<Leftovers, KindError> {
    if spec.phrases.is_empty() || spec.phrases.iter().any(|p| p.trim().is_empty()) {
        return Err(KindError::new(
            "`phrases` is empty or has an empty phrase",
            None,
        ));
    }
    let mut phrases: Vec<(String, String)> = spec
        .phrases
        .iter()
        .map(|p| (words::normalise(p.trim()), p.trim().to_string()))
        .collect();
    phrases.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    Ok(Leftovers {
        phrases,
        max_words: spec.max_words,
    })
}

impl Leftovers {
    pub fn check(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text.as_str();
        for line in words::lines(text) {
            let span = words::trim(text, line);
            let content = &text[span.as_range()];
            if content.is_empty() || words::word_count(content) > self.max_words {
                continue;
            }
            let body = content
                .trim_start_matches(['-', '*', '•', '–', '—', '>', '»', '#', '|'])
                .trim_start();
            let normalised = words::normalise(body);
            let found = self.phrases.iter().find(|(p, _)| {
                normalised.starts_with(p.as_str())
                    && !normalised[p.len()..]
                        .chars()
                        .next()
                        .is_some_and(crate::kinds::is_word_char)
            });
            if let Some((_, phrase)) = found {
                hits.push(hit(span, &[("phrase", phrase.clone())], Vec::new()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<String> {
        let l = compile(
            toml::from_str(
                r#"phrases = ["Read also", "Lire aussi", "Share this article", "À lire aussi"]"#,
            )
            .unwrap(),
        )
        .unwrap();
        let doc = Document::plain(text);
        let mut hits = Vec::new();
        l.check(&doc, &mut hits);
        hits.iter().map(|h| doc.slice(h.span).to_string()).collect()
    }

    #[test]
    fn leftover_lines() {
        assert_eq!(
            run(
                "Xi arrived.\r\n  READ ALSO: Putin hosts Xi  \r\nHe left.\n» À lire aussi\nShare this article"
            ),
            [
                "READ ALSO: Putin hosts Xi",
                "» À lire aussi",
                "Share this article"
            ]
        );
    }

    #[test]
    fn phrases_in_prose_are_not_leftovers() {
        assert!(run("Readers who read also the annex know it.\nAlready read also.").is_empty());
        assert!(run("Read alsoX").is_empty());
        assert!(run("Read also the report by the commission, which found that the ministry had failed to act on the warnings it received").is_empty());
        assert!(run("").is_empty());
    }
}
