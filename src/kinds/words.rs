//! Words and their surroundings, for the document-level kinds (`casing`, `variants`,
//! `structure`, `untranslated`).
//!
//! Splits prose into pieces with Unicode word segmentation and answers the questions those kinds
//! share: is this word at the start of a sentence, what shape is its casing, which line is it on,
//! is that line a heading in capitals or in title case. Nothing here reads rule files: lists such
//! as abbreviations are passed in by the kind that owns them.

use std::collections::HashSet;

use unicode_segmentation::UnicodeSegmentation;

use crate::span::Span;

/// What a piece of text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PieceKind {
    /// Contains a letter or digit.
    Word,
    /// Spaces or tabs.
    Space,
    /// A line break (`\n`, `\r\n` or a lone `\r`).
    Break,
    /// Punctuation or a symbol.
    Mark,
}

/// One piece of prose from Unicode word segmentation.
#[derive(Clone, Copy, Debug)]
pub struct Piece<'a> {
    pub start: usize,
    pub text: &'a str,
    pub kind: PieceKind,
}

impl Piece<'_> {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.start + self.text.len())
    }
}

/// Splits `text` into pieces; their spans cover the text without gaps.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    text.split_word_bound_indices()
        .map(|(start, piece)| {
            let kind = if piece.chars().any(char::is_alphanumeric) {
                PieceKind::Word
            } else if piece.contains(['\n', '\r']) {
                PieceKind::Break
            } else if piece.chars().all(char::is_whitespace) {
                PieceKind::Space
            } else {
                PieceKind::Mark
            };
            Piece {
                start,
                text: piece,
                kind,
            }
        })
        .collect()
}

/// The casing shape of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    /// `kyiv`
    Lower,
    /// `Kyiv`
    Title,
    /// `NATO`, `XI` (two or more letters, all upper case)
    Upper,
    /// `McDonald`, `iPhone`
    Mixed,
}

impl Shape {
    pub fn of(word: &str) -> Option<Shape> {
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        let first = *letters.first()?;
        let cased = |c: &&char| c.is_uppercase() || c.is_lowercase();
        if !letters.iter().any(|c| cased(&c)) {
            return None;
        }
        let upper = letters.iter().filter(|c| c.is_uppercase()).count();
        let lower = letters.iter().filter(|c| c.is_lowercase()).count();
        Some(if upper == 0 {
            Shape::Lower
        } else if lower == 0 {
            if letters.len() >= 2 {
                Shape::Upper
            } else {
                Shape::Title
            }
        } else if first.is_uppercase() && upper == 1 {
            Shape::Title
        } else {
            Shape::Mixed
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Lower => "lower",
            Shape::Title => "title",
            Shape::Upper => "upper",
            Shape::Mixed => "mixed",
        }
    }
}

/// A word without a trailing possessive (`Xi's` → `Xi`), so `Mr. XI's` and `Mr. Xi` compare.
pub fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return stem;
        }
    }
    word
}

/// Opening and closing quotes and brackets: transparent when looking for a sentence start.
fn is_wrapper(piece: &str) -> bool {
    piece.chars().all(|c| {
        matches!(
            c,
            '"' | '\''
                | '“'
                | '”'
                | '‘'
                | '’'
                | '«'
                | '»'
                | '„'
                | '('
                | ')'
                | '['
                | ']'
                | '*'
                | '_'
                | '¿'
                | '¡'
        )
    })
}

/// True for an opening quote or bracket at `j`; a straight quote opens when it follows a space,
/// a line break or the start of the text.
fn is_opening(pieces: &[Piece], j: usize) -> bool {
    let p = &pieces[j];
    if p.text
        .chars()
        .all(|c| matches!(c, '“' | '‘' | '«' | '„' | '(' | '[' | '¿' | '¡'))
    {
        return true;
    }
    if p.text.chars().all(|c| c == '"' || c == '\'') {
        return j == 0 || matches!(pieces[j - 1].kind, PieceKind::Space | PieceKind::Break);
    }
    false
}

/// Marks after which a new sentence (or a heading's text) starts; a capital after `;` is no
/// evidence of a name either.
fn ends_sentence(piece: &str) -> bool {
    matches!(
        piece,
        "." | "!" | "?" | "…" | ":" | ";" | "—" | "–" | "-" | "|" | "•" | "#" | ">" | "·"
    ) || piece.chars().all(|c| matches!(c, '.' | '!' | '?'))
}

/// True when the word piece at `i` starts a sentence: it follows the start of the text, a line
/// break, or sentence-ending punctuation (through quotes and brackets). A full stop after an
/// abbreviation (`Mr.`, lower-cased in `abbreviations`) or a single letter (`J.`, `U.S.`) does
/// not end a sentence.
pub fn is_sentence_start(pieces: &[Piece], i: usize, abbreviations: &HashSet<String>) -> bool {
    let mut j = i;
    while j > 0 {
        j -= 1;
        let p = &pieces[j];
        match p.kind {
            PieceKind::Space => continue,
            PieceKind::Break => return true,
            PieceKind::Word => return false,
            PieceKind::Mark => {
                if is_opening(pieces, j) {
                    // The first word of a quotation or parenthesis: `he said, “Good luck”`.
                    return true;
                }
                if is_wrapper(p.text) {
                    continue;
                }
                if !ends_sentence(p.text) {
                    return false;
                }
                if p.text == "." {
                    // `Mr.` / `U.S.`: the word glued before the full stop decides.
                    if let Some(prev) = j.checked_sub(1).map(|k| &pieces[k])
                        && prev.kind == PieceKind::Word
                    {
                        let w = prev.text.trim_end_matches('.');
                        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
                        if abbreviations.contains(&w.to_lowercase())
                            || (letters == 1 && w.chars().count() == 1)
                            || w.contains('.')
                        {
                            return false;
                        }
                    }
                }
                return true;
            }
        }
    }
    true
}

/// The previous word piece before `i` on the same line, skipping spaces and one full stop
/// (`Mr. Xi` → `Mr`).
pub fn previous_word<'a>(pieces: &[Piece<'a>], i: usize) -> Option<&'a str> {
    let mut j = i;
    let mut stops = 0;
    while j > 0 {
        j -= 1;
        match pieces[j].kind {
            PieceKind::Space => continue,
            PieceKind::Word => return Some(pieces[j].text),
            PieceKind::Mark if pieces[j].text == "." && stops == 0 => stops += 1,
            _ => return None,
        }
    }
    None
}

/// Spans of the lines of `text` without their line endings (`\n`, `\r\n`), blank lines
/// included.
pub fn lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        out.push(Span::new(start, start + content.len()));
        start += line.len();
    }
    out
}

/// `span` narrowed to exclude surrounding whitespace.
pub fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.as_range()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    Span::new(span.start + lead, span.start + lead + trimmed.len())
}

/// Words (pieces with a letter) of a string.
pub fn word_count(s: &str) -> usize {
    s.split_word_bounds()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
}

/// True for a line written in capitals (`BREAKING NEWS`): at least one word of two or more
/// letters and no lower-case letter.
pub fn is_caps_line(line: &str) -> bool {
    let has_long_word = line
        .split_word_bounds()
        .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    has_long_word && !line.chars().any(char::is_lowercase) && line.chars().any(char::is_uppercase)
}

/// True for a line in headline title case (`Trump Signs Executive Order on Tariffs`): at least
/// three words, no sentence-ending full stop (a final `U.S.` is not one), and at least `ratio` of
/// its words of four or more letters capitalised.
pub fn is_title_case_line(line: &str, ratio: f64) -> bool {
    let trimmed = line.trim();
    if ends_like_sentence(trimmed) && !ends_with_dotted_abbreviation(trimmed) {
        return false;
    }
    let words: Vec<&str> = trimmed
        .split_word_bounds()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    if words.len() < 3 {
        return false;
    }
    let long: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    if long.is_empty() {
        return false;
    }
    let capitalised = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    capitalised as f64 >= ratio * long.len() as f64
}

/// True when a line ends like a sentence: a full stop, comma, semicolon or colon, possibly
/// inside closing quotes or brackets.
pub fn ends_like_sentence(line: &str) -> bool {
    let core = line.trim_end().trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']') || c.is_whitespace()
    });
    core.ends_with(['.', ',', ';', ':'])
}

/// Spans of quoted passages (`“…”`, `"…"`) in title case, such as titles of works and
/// campaigns (`“Watch Poverty Alleviation Livecast from Villages”`): their capitals say nothing.
pub fn title_case_quotes(text: &str, ratio: f64) -> Vec<Span> {
    let mut out = Vec::new();
    for line in lines(text) {
        let s = &text[line.as_range()];
        let mut open: Option<usize> = None;
        for (i, c) in s.char_indices() {
            match (c, open) {
                ('“', _) | ('"', None) => open = Some(i + c.len_utf8()),
                ('”', Some(o)) | ('"', Some(o)) => {
                    let inner = &s[o..i];
                    let trimmed = inner.trim_end_matches([',', '.', '!', '?']);
                    if is_title_case_line(trimmed, ratio) {
                        out.push(Span::new(line.start + o, line.start + i));
                    }
                    open = None;
                }
                _ => {}
            }
        }
    }
    out
}

/// True when a line ends with a dotted abbreviation (`the U.S.`), which need not end a sentence.
pub fn ends_with_dotted_abbreviation(line: &str) -> bool {
    let last = line
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    let core = last.trim_end_matches('.');
    core.contains('.') && core.chars().all(|c| c.is_alphabetic() || c == '.')
}

/// Unicode word boundaries around `start..end` in `text` (no word character just outside).
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start]
        .chars()
        .next_back()
        .is_some_and(super::is_word_char);
    let after = text[end..].chars().next().is_some_and(super::is_word_char);
    !before && !after
}

/// Lower-cases and turns typographic apostrophes into ASCII ones, for comparing list entries.
pub fn normalise(s: &str) -> String {
    s.to_lowercase().replace(['’', 'ʼ'], "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn abbreviations() -> HashSet<String> {
        ["mr", "dr"].iter().map(|s| s.to_string()).collect()
    }

    fn starts(text: &str) -> Vec<&str> {
        let ps = pieces(text);
        let abbr = abbreviations();
        (0..ps.len())
            .filter(|&i| ps[i].kind == PieceKind::Word && is_sentence_start(&ps, i, &abbr))
            .map(|i| ps[i].text)
            .collect()
    }

    #[test]
    fn sentence_starts_skip_abbreviations_and_initials() {
        assert_eq!(
            starts("He met Mr. Xi. “The U.S. Army,” he said. J. Smith left.\r\nNext line"),
            ["He", "The", "J", "Next"]
        );
        assert_eq!(starts("MOSCOW — The visit"), ["MOSCOW", "The"]);
        assert_eq!(
            starts("the film “Good luck” and \"Bad luck\" (Involving cases); There"),
            ["the", "Good", "Bad", "Involving", "There"]
        );
        assert!(starts("").is_empty());
    }

    #[test]
    fn shapes() {
        assert_eq!(Shape::of("kyiv"), Some(Shape::Lower));
        assert_eq!(Shape::of("Kyiv"), Some(Shape::Title));
        assert_eq!(Shape::of("XI"), Some(Shape::Upper));
        assert_eq!(Shape::of("I"), Some(Shape::Title));
        assert_eq!(Shape::of("McDonald"), Some(Shape::Mixed));
        assert_eq!(Shape::of("iPhone"), Some(Shape::Mixed));
        assert_eq!(Shape::of("Erdoğan"), Some(Shape::Title));
        assert_eq!(Shape::of("2025"), None);
        assert_eq!(strip_possessive("Xi’s"), "Xi");
        assert_eq!(strip_possessive("'s"), "'s");
    }

    #[test]
    fn line_classes() {
        assert!(is_caps_line("BREAKING NEWS: NATO SUMMIT"));
        assert!(!is_caps_line("NATO met in Brussels"));
        assert!(!is_caps_line("2025 — 12"));
        assert!(is_title_case_line(
            "Trump Signs Executive Order Threatening 25% Tariffs on Countries",
            0.6
        ));
        assert!(!is_title_case_line("Trump signed an order on Monday.", 0.6));
        assert!(!is_title_case_line("Trump Signs Order.", 0.6));
        assert!(is_title_case_line("Trump Signs Order on the U.S.", 0.6));
        assert!(ends_like_sentence("he added.” "));
        assert!(ends_with_dotted_abbreviation("Route to the U.S."));
        assert!(!ends_with_dotted_abbreviation("Route to the US."));
        let text = "He said “Watch Livecast from Villages” and “no way”.";
        let quotes: Vec<&str> = title_case_quotes(text, 0.6)
            .iter()
            .map(|s| &text[s.as_range()])
            .collect();
        assert_eq!(quotes, ["Watch Livecast from Villages"]);
        assert_eq!(
            lines("a\r\n\nb"),
            [Span::new(0, 1), Span::new(3, 3), Span::new(4, 5)]
        );
    }
}
