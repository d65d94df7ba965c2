//! `[untranslated.words]`: a lower-case word with letters that English does not use
//! (`stoké`, `año`, `über`) and that is not an English loanword from the allow-list (`café`,
//! `résumé`, `naïve`, `coup d'état`). Capitalised words are names (`São Paulo`, `Erdoğan`) and
//! left alone.

use serde::Deserialize;

use super::AllowList;
use crate::document::Document;
use crate::kinds::words::{self as w, PieceKind};
use crate::kinds::{Hit, KindError};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordsSpec {
    /// English words and phrases with diacritics (loanwords); an `s`/`es` plural is included.
    #[serde(default)]
    pub allow: Vec<String>,
}

#[derive(Debug)]
pub struct Words {
    allow: AllowList,
}

pub fn compile(spec: WordsSpec) -> Result<Words, KindError> {
    Ok(Words {
        allow: AllowList::new(&spec.allow)?,
    })
}

/// A Latin letter outside ASCII: `é`, `ñ`, `ğ`, `ß`, `ø`.
pub fn is_foreign_latin(c: char) -> bool {
    c.is_alphabetic() && !c.is_ascii() && matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

impl Words {
    pub fn check(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text.as_str();
        let allowed = self.allow.in_text(text);
        for piece in w::pieces(text) {
            if piece.kind != PieceKind::Word
                || !piece.text.chars().any(is_foreign_latin)
                || piece.text.chars().any(char::is_uppercase)
                || allowed.allows(piece.span())
            {
                continue;
            }
            hits.push(Hit {
                span: piece.span(),
                vars: vec![("language", String::new())],
                ..Hit::default()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<String> {
        let d = compile(WordsSpec {
            allow: vec![
                "café".into(),
                "résumé".into(),
                "naïve".into(),
                "coup d'état".into(),
            ],
        })
        .unwrap();
        let doc = Document::plain(text);
        let mut hits = Vec::new();
        d.check(&doc, &mut hits);
        hits.iter().map(|h| doc.slice(h.span).to_string()).collect()
    }

    #[test]
    fn diacritic_words() {
        assert_eq!(run("accused the United States of stoké war"), ["stoké"]);
        assert_eq!(run("stoké"), ["stoké"]);
        assert_eq!(
            run("a naïve café owner\r\nplotted a coup d’état; très bien"),
            ["très"]
        );
        assert!(run("São Paulo, Erdoğan and the Bundestag. Two cafés, two résumés.").is_empty());
        assert!(run("").is_empty());
    }
}
