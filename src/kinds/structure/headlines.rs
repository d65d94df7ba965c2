//! `[structure.headlines]`: a block of scraped, unrelated headlines after the article's end
//! (a "most read" list copied with the text), flagged as one diagnostic from its first headline
//! to its last.
//!
//! Walks back from the end of the document over headline-like lines (short, in title case, not
//! ending like a sentence, not list items; blank lines between them allowed) and flags the run
//! when it has at least `min_lines` lines and article prose comes before it.

use serde::Deserialize;

use super::{Hit, hit};
use crate::document::Document;
use crate::kinds::KindError;
use crate::kinds::words;
use crate::span::Span;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadlinesSpec {
    /// The fewest headline lines that make a block.
    #[serde(default = "default_min_lines")]
    pub min_lines: usize,
    /// The most words a headline may have.
    #[serde(default = "default_max_words")]
    pub max_words: usize,
    /// The least share of a headline's words of four or more letters that are capitalised.
    #[serde(default = "default_title_ratio")]
    pub title_ratio: f64,
}

fn default_min_lines() -> usize {
    3
}
fn default_max_words() -> usize {
    20
}
fn default_title_ratio() -> f64 {
    0.6
}

#[derive(Debug)]
pub struct Headlines {
    min_lines: usize,
    max_words: usize,
    title_ratio: f64,
}

pub fn compile(spec: HeadlinesSpec) -> Result<Headlines, KindError> {
    if spec.min_lines < 2 {
        return Err(KindError::new("`min_lines` must be at least 2", None));
    }
    if !(0.0..=1.0).contains(&spec.title_ratio) {
        return Err(KindError::new(
            "`title_ratio` must be between 0 and 1",
            None,
        ));
    }
    Ok(Headlines {
        min_lines: spec.min_lines,
        max_words: spec.max_words,
        title_ratio: spec.title_ratio,
    })
}

/// True for a line that starts like a list item (`- `, `* `, `• `, `1. `, `2) `).
fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with(['-', '*', '•', '–', '—', '>']) {
        return true;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && t[digits..].starts_with(['.', ')'])
}

impl Headlines {
    fn is_headline(&self, line: &str) -> bool {
        let n = words::word_count(line);
        (2..=self.max_words).contains(&n)
            && (!words::ends_like_sentence(line) || words::ends_with_dotted_abbreviation(line))
            && !is_list_item(line)
            && words::is_title_case_line(line, self.title_ratio)
    }

    pub fn check(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text.as_str();
        let lines = words::lines(text);
        let mut block: Vec<Span> = Vec::new(); // headline lines, last first
        let mut before = 0; // index of the first line before the block
        for (i, line) in lines.iter().enumerate().rev() {
            let content = &text[line.as_range()];
            if content.trim().is_empty() {
                continue;
            }
            if self.is_headline(content) {
                block.push(words::trim(text, *line));
                continue;
            }
            before = i + 1;
            break;
        }
        if block.len() < self.min_lines || before == 0 {
            return;
        }
        // Article prose must come before the block: at least one line that ends a sentence.
        let has_article = lines[..before]
            .iter()
            .any(|l| words::ends_like_sentence(&text[l.as_range()]));
        let (Some(last), Some(first)) = (block.first(), block.last()) else {
            return;
        };
        if has_article {
            hits.push(hit(
                Span::new(first.start, last.end),
                &[("count", block.len().to_string())],
                Vec::new(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<String> {
        let h = compile(toml::from_str("").unwrap()).unwrap();
        let doc = Document::plain(text);
        let mut hits = Vec::new();
        h.check(&doc, &mut hits);
        hits.iter().map(|h| doc.slice(h.span).to_string()).collect()
    }

    const HEADLINES: &str = "Ohio Man Indicted for Alleged Threat Against Vice President\n\
        Trump Signs Executive Order Threatening Tariffs\n\
        Israel Approves West Bank Measures Expanding Settler Access \n";

    #[test]
    fn block_after_the_article() {
        let text = format!("Xi will visit Russia. He said so.\n\n\n{HEADLINES}\n\n");
        assert_eq!(run(&text), [HEADLINES.trim_end()]);
        // Glued to the last paragraph, CRLF.
        let text = format!(
            "Xi will visit Russia.\r\n{}",
            HEADLINES.replace('\n', "\r\n")
        );
        assert_eq!(run(&text), [HEADLINES.trim_end().replace('\n', "\r\n")]);
    }

    #[test]
    fn not_headlines() {
        // Too few lines; no article before; a list; sentences; empty.
        let two: String = HEADLINES.lines().take(2).collect::<Vec<_>>().join("\n");
        assert!(run(&format!("Xi will visit.\n{two}")).is_empty());
        assert!(run(HEADLINES).is_empty());
        assert!(run("Xi will visit.\n- First Item Of The List\n- Second Item Of The List\n- Third Item Of The List").is_empty());
        assert!(run("Xi will visit.\nHe Said So Today Again.\nShe Said So Today Too.\nThey Said So Today.").is_empty());
        assert!(run("").is_empty());
        assert!(run("One Paragraph Only In Title Case").is_empty());
    }
}
