//! `repo/name-casing`: a name written with other capitals or another spelling than in the other
//! articles of a run (`zelensky` or `ZELENSKY` in one file, `Zelensky` in three; `Zelenskyy`
//! in one, `Zelensky` in four).
//!
//! Words are grouped by a skeleton (case, accents, apostrophes, doubled letters and y/i folded
//! away). In a group, the usual form is the one most files use, and it must look like a name:
//! a capital in the middle of a sentence. A capital at the start of a sentence or in a heading
//! says nothing and is ignored, as are all-caps words next to other all-caps words (a shouted
//! line) and short all-caps words (acronyms). A lower-case form is only a variant when it is
//! not a common word (a list, and never after `the`, `a`, `his`, …). Variants are flagged in
//! files that do not use the usual form themselves: within one file, the document-level
//! consistency rules speak.

use std::collections::{BTreeMap, HashMap};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

use super::{FileFacts, NameSettings, Settings, files, rule_ref};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Related};
use crate::document::{BlockKind, Document};
use crate::rule::render_template;
use crate::span::Span;

pub const RULE: &str = "repo/name-casing";

/// True for a common word, from the built-in list or the settings' own.
fn common_word(lower: &str, settings: &NameSettings) -> bool {
    crate::lexicon::is_english_word(lower) || settings.common_words.contains(lower)
}

/// Characters skipped when looking back for the end of the previous sentence.
const OPENERS: &[char] = &[
    '"', '\'', '“', '”', '‘', '’', '(', '[', '«', '»', '—', '–', '-', '*', '_', '>', '#', '•', '¿',
    '¡',
];

/// How a word is capitalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    /// `zelensky`
    Lower,
    /// `Zelensky`
    Title,
    /// `ZELENSKY`
    Upper,
    /// `McDonald`, `iPhone`, `ZeLensky`
    Mixed,
}

fn case_of(form: &str) -> Case {
    let (mut letters, mut upper, mut first_upper) = (0, 0, false);
    for c in form.chars().filter(|c| c.is_alphabetic()) {
        if c.is_uppercase() {
            first_upper |= letters == 0;
            upper += 1;
        }
        letters += 1;
    }
    if upper == 0 {
        Case::Lower
    } else if upper == letters && letters > 1 {
        Case::Upper
    } else if first_upper && upper == 1 {
        Case::Title
    } else {
        Case::Mixed
    }
}

/// Written like a name: a capital first letter, and not all capitals.
fn name_like(form: &str) -> bool {
    form.chars().next().is_some_and(char::is_uppercase)
        && matches!(case_of(form), Case::Title | Case::Mixed)
}

fn letters(form: &str) -> usize {
    form.chars().filter(|c| c.is_alphabetic()).count()
}

/// The form a group of variants shares: lower case, no accents or apostrophes, `y` as `i`,
/// doubled letters single.
fn skeleton(form: &str) -> String {
    let mut out = String::with_capacity(form.len());
    for c in form
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
    {
        let c = if c == 'y' { 'i' } else { c };
        if !c.is_alphabetic() || out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

/// `Zelensky's` → `Zelensky`.
fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// Letters with apostrophes inside (`O'Brien`), nothing else.
fn is_word(form: &str) -> bool {
    let first = form.chars().next();
    let last = form.chars().next_back();
    first.is_some_and(char::is_alphabetic)
        && last.is_some_and(char::is_alphabetic)
        && form
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
}

/// True when the word at `at` starts a sentence (or a line): its capital says nothing.
fn sentence_initial(text: &str, at: usize, settings: &NameSettings) -> bool {
    for (i, c) in text[..at].char_indices().rev() {
        if c == '\n' {
            return true;
        }
        if c.is_whitespace() || OPENERS.contains(&c) {
            continue;
        }
        return match c {
            '!' | '?' | ':' | '…' => true,
            '.' => {
                let before = &text[..i];
                let word_start = before
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| c.is_alphabetic())
                    .last()
                    .map_or(i, |(j, _)| j);
                let word = &before[word_start..];
                let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                !(initial || settings.abbreviations.contains(&word.to_lowercase()))
            }
            _ => false,
        };
    }
    true
}

/// The uses of one form in one file.
#[derive(Clone, Debug, Default)]
struct FormUse {
    /// Spans in the original file, and whether a fix may rewrite them (verbatim prose).
    spans: Vec<(Span, bool)>,
    /// Uses with a capital in the middle of a sentence.
    name_evidence: usize,
    /// Used after a determiner (`the`, `his`, …) at least once.
    after_determiner: bool,
}

/// The words of one file, by form.
#[derive(Clone, Debug, Default)]
pub struct FileNames {
    forms: HashMap<String, FormUse>,
}

/// Collects the words of a document that the check compares.
pub fn collect(doc: &Document, settings: &NameSettings) -> FileNames {
    let mut forms: HashMap<String, FormUse> = HashMap::new();
    for block in doc.blocks.iter().filter(|b| b.kind != BlockKind::Heading) {
        let text = doc.slice(block.span);
        let tokens: Vec<(usize, &str)> = text.unicode_word_indices().collect();
        let upper_at = |k: usize| {
            tokens
                .get(k)
                .is_some_and(|(_, w)| letters(w) > 1 && case_of(w) == Case::Upper)
        };
        for (k, &(at, word)) in tokens.iter().enumerate() {
            let form = strip_possessive(word);
            if !is_word(form) || letters(form) < settings.min_length {
                continue;
            }
            let case = case_of(form);
            let name_evidence = match case {
                Case::Lower => false,
                Case::Upper => {
                    // A shouted line (`BREAKING NEWS`), or a dateline (`MOSCOW, May 6`,
                    // `Xinhua, MOSCOW (Reuters) -`): not a name in capitals.
                    let next = text[at + word.len()..].trim_start_matches([' ', '\t']);
                    if (k > 0 && upper_at(k - 1))
                        || upper_at(k + 1)
                        || sentence_initial(text, at, settings)
                        || next.starts_with([',', '('])
                    {
                        continue;
                    }
                    false
                }
                Case::Title | Case::Mixed => {
                    let capital = form.chars().next().is_some_and(char::is_uppercase);
                    if capital && sentence_initial(text, at, settings) {
                        continue;
                    }
                    capital
                }
            };
            // Lower-case common words are most of a text and never variants: not kept. Nor
            // are contractions (`don't`): names with apostrophes have capitals (`O'Brien`).
            if case == Case::Lower && (common_word(form, settings) || form.contains(['\'', '’']))
            {
                continue;
            }
            // Only a lower-case form can be a common noun after `the`.
            let after_determiner = case == Case::Lower
                && k > 0
                && settings
                    .determiners
                    .contains(&tokens[k - 1].1.to_lowercase());
            let prose = Span::new(block.span.start + at, block.span.start + at + form.len());
            if !forms.contains_key(form) {
                forms.insert(form.to_string(), FormUse::default());
            }
            let Some(entry) = forms.get_mut(form) else {
                continue;
            };
            entry
                .spans
                .push((doc.map.span(prose), doc.map.is_verbatim(prose)));
            entry.name_evidence += usize::from(name_evidence);
            entry.after_determiner |= after_determiner;
        }
    }
    FileNames { forms }
}

/// One form across the run.
#[derive(Default)]
struct Form<'a> {
    /// Uses by file index.
    per_file: BTreeMap<usize, &'a FormUse>,
    count: usize,
    name_evidence: usize,
    after_determiner: bool,
}

impl Form<'_> {
    fn files(&self) -> usize {
        self.per_file.len()
    }
}

/// True when `form` is a variant of `usual` worth flagging.
fn is_variant(form: &str, f: &Form, usual: &str, u: &Form, s: &NameSettings) -> bool {
    let lower = form.to_lowercase();
    if lower == usual.to_lowercase() {
        match case_of(form) {
            Case::Lower => {
                !common_word(&lower, s)
                    && !f.after_determiner
                    && (f.count as f64) <= s.max_variant_share * (f.count + u.count) as f64
            }
            // `DEFENSE` beside `Defense`: a common word in capitals is emphasis, not a name.
            Case::Upper => letters(form) > s.max_acronym_length && !common_word(&lower, s),
            Case::Title | Case::Mixed => f.files() <= u.files(),
        }
    } else {
        name_like(form)
            && letters(form).min(letters(usual)) >= s.min_spelling_length
            && f.files() < u.files()
    }
}

pub fn check(all: &[FileFacts], settings: &Settings) -> Vec<(usize, Diagnostic)> {
    let s = &settings.names;
    let mut groups: BTreeMap<String, BTreeMap<&str, Form>> = BTreeMap::new();
    for (i, file) in all.iter().enumerate() {
        for (form, uses) in &file.names.forms {
            let f = groups
                .entry(skeleton(form))
                .or_default()
                .entry(form.as_str())
                .or_default();
            f.per_file.insert(i, uses);
            f.count += uses.spans.len();
            f.name_evidence += uses.name_evidence;
            f.after_determiner |= uses.after_determiner;
        }
    }
    let doc = s.doc();
    let rule = rule_ref(RULE, &doc);
    let mut out = Vec::new();
    for forms in groups.values().filter(|g| g.len() > 1) {
        // The usual form: most files, then most uses, then the first in code-point order.
        let Some((&usual, u)) = forms
            .iter()
            .filter(|(form, f)| name_like(form) && f.name_evidence > 0)
            .max_by(|(a, fa), (b, fb)| {
                (fa.files(), fa.count)
                    .cmp(&(fb.files(), fb.count))
                    .then(b.cmp(a))
            })
        else {
            continue;
        };
        // When a form that is not name-like is more widespread (`COVID` against `Covid`,
        // `finance` against `Finance`), the word is an acronym or a common word.
        if forms
            .iter()
            .any(|(form, f)| !name_like(form) && f.files() > u.files())
        {
            continue;
        }
        for (&form, f) in forms {
            if form == usual
                || settings.vocabulary.contains(form)
                || !is_variant(form, f, usual, u, s)
            {
                continue;
            }
            let vars = [
                ("found", form),
                ("usual", usual),
                ("files", &files(u.files())),
            ];
            let message = render_template(doc.message, &vars);
            let help = doc.help.map(|h| render_template(h, &vars));
            let related_message = render_template(doc.related, &vars);
            for (&i, uses) in &f.per_file {
                if u.per_file.contains_key(&i) {
                    continue;
                }
                let related: Vec<Related> = u
                    .per_file
                    .iter()
                    .take(s.max_related)
                    .filter_map(|(&j, uj)| {
                        Some(Related {
                            span: uj.spans.first()?.0,
                            message: related_message.clone(),
                            path: Some(all[j].path.clone()),
                        })
                    })
                    .collect();
                for &(span, fixable) in &uses.spans {
                    let fixes = if fixable {
                        vec![Fix {
                            span,
                            replacement: usual.to_string(),
                            applicability: Applicability::Suggested,
                        }]
                    } else {
                        Vec::new()
                    };
                    out.push((
                        i,
                        Diagnostic {
                            rule: rule.clone(),
                            severity: doc.severity,
                            span,
                            message: message.clone(),
                            help: help.clone(),
                            fixes,
                            related: related.clone(),
                        },
                    ));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::facts;
    use super::*;

    fn run(texts: &[&str]) -> Vec<(usize, String, String)> {
        let settings = Settings::builtin().unwrap();
        let all: Vec<FileFacts> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| facts(&format!("{i}.txt"), &Document::plain(t), &settings))
            .collect();
        // The module's entry point, which sorts by file and span.
        crate::repo::check(&all, &settings)
            .into_iter()
            .filter(|(_, d)| d.rule.id == RULE)
            .map(|(i, d)| (i, texts[i][d.span.as_range()].to_string(), d.message))
            .collect()
    }

    #[test]
    fn skeletons_fold_case_accents_and_transliteration() {
        assert_eq!(skeleton("Zelenskyy"), skeleton("zelensky"));
        assert_eq!(skeleton("Zelenskiy"), skeleton("ZELENSKY"));
        assert_eq!(skeleton("Erdoğan"), skeleton("Erdogan"));
        assert_ne!(skeleton("Iran"), skeleton("Iraq"));
    }

    #[test]
    fn casing_and_spelling_variants_across_files() {
        let found = run(&[
            "The talks, said President Volodymyr Zelensky, went well. Zelensky's aides agreed.",
            "On Monday, zelensky flew to Paris.",
            "Talks with ZELENSKY's team resumed on Monday.",
            "Later, Mr. Zelenskyy met Macron in Paris.",
            "In Kyiv, officials said Zelensky would travel.",
        ]);
        let got: Vec<(usize, &str)> = found.iter().map(|(i, t, _)| (*i, t.as_str())).collect();
        assert_eq!(got, [(1, "zelensky"), (2, "ZELENSKY"), (3, "Zelenskyy")]);
        assert!(found[0].2.contains("`Zelensky`"), "{}", found[0].2);
        assert!(found[0].2.contains("2 files"), "{}", found[0].2);
    }

    #[test]
    fn near_misses_are_not_flagged() {
        let found = run(&[
            // A sentence-initial capital and a heading-like shouted line say nothing.
            "Bill Gates spoke. The bill passed.\n\nBREAKING NEWS FROM KYIV",
            "President Macron spoke to the president of the commission.",
            "NATO met in Brussels. Nato officials said little.",
            "Ana met officials in Madrid, where Anna had met them before.",
            "Sunny weather in Kyiv. The news from Kyiv was good.",
            "Reports say kyiv residents sheltered overnight in Madrid.",
            // Same-file inconsistency is for the document-level rules.
            "Ana Palacio, with Madrid officials and madrid residents.",
            // Common words capitalised in names, and a dateline in capitals.
            "The Ministry of Finance said, MADRID (Reuters) reported.",
            "He studied finance and don't ask.",
            "Don't worry, said officials in Madrid.",
        ]);
        // `kyiv` (lower case, in a file without `Kyiv`) is the only variant.
        let got: Vec<&str> = found.iter().map(|(_, t, _)| t.as_str()).collect();
        assert_eq!(got, ["kyiv"]);
    }
}
