//! Applying fixes to a text: sorted, non-overlapping edits of the original bytes.

use crate::span::Span;

/// Applies `edits` (span, replacement) to `text`. Edits are applied in span order; an edit that
/// overlaps one already applied is skipped. Returns the new text and how many were applied.
pub fn apply(text: &str, edits: &[(Span, &str)]) -> (String, usize) {
    let mut edits: Vec<&(Span, &str)> = edits.iter().collect();
    edits.sort_by_key(|(span, _)| (span.start, span.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut applied = 0;
    for (span, replacement) in edits {
        if span.start < cursor || span.end > text.len() {
            continue;
        }
        out.push_str(&text[cursor..span.start]);
        out.push_str(replacement);
        cursor = span.end;
        applied += 1;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_edits_are_skipped() {
        let edits = [
            (Span::new(4, 7), "X"),
            (Span::new(0, 3), "A"),
            (Span::new(5, 6), "Y"),
        ];
        assert_eq!(apply("abc def", &edits), ("A X".to_string(), 2));
    }
}
