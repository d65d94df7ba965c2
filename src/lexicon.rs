//! Built-in English word list: tells an ordinary English word (`may`, `field`) from a name
//! written in lower case (`kyiv`). Data, not rules: kinds and repository checks consult it where
//! their TOML settings ask for it.

use std::sync::OnceLock;

use fnv::FnvHashSet;

/// Common English words, lower case, three letters or more (see the file's header).
const ENGLISH: &str = include_str!("lexicon/english-words.txt");

fn english() -> &'static FnvHashSet<&'static str> {
    // FNV: faster than the default hasher on short keys, and this is looked up for every word.
    static WORDS: OnceLock<FnvHashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        ENGLISH
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// True when `lower` (already lower-cased) is a common English word.
pub fn is_english_word(lower: &str) -> bool {
    english().contains(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_not_names() {
        assert!(is_english_word("may") && is_english_word("finance"));
        assert!(!is_english_word("kyiv") && !is_english_word("zelensky"));
        assert!(english().len() > 60_000 && !english().iter().any(|w| w.starts_with('#')));
    }
}
