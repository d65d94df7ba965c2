//! Byte spans into the original file, and the one place that turns them into lines and columns.
//!
//! Every diagnostic carries a [`Span`]: a byte range into the file exactly as it was read (BOM
//! included). Line/column (1-based, counting Unicode scalar values) and LSP positions (0-based,
//! UTF-16 code units) are derived here and nowhere else.

use serde::Serialize;

/// A half-open byte range `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(&self) -> usize {
        // Saturating: a reversed span is a bug elsewhere, but must not panic here.
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn as_range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// A position as editors count it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in Unicode scalar values.
    pub column: usize,
    /// 0-based column in UTF-16 code units (LSP `character`).
    pub utf16: usize,
}

/// Line starts of a text, for turning byte offsets into positions.
///
/// A line ends at `\n`; a `\r` before it belongs to the line ending, so CRLF files get the same
/// columns as LF files. A leading BOM is not counted as a column: editors do not show it.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    bom_len: usize,
    /// Every [`CHECKPOINT`] bytes (on a char boundary): (offset, scalar values before it,
    /// UTF-16 units before it), so a column is found without counting from the line start
    /// (counting made reports quadratic on a long single-line file).
    checkpoints: Vec<(usize, usize, usize)>,
}

/// Distance between two [`LineIndex`] checkpoints, in bytes.
const CHECKPOINT: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bom_len = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut checkpoints = vec![(0, 0, 0)];
        let (mut chars, mut utf16, mut next) = (0, 0, CHECKPOINT);
        for (i, c) in text.char_indices() {
            if i >= next {
                checkpoints.push((i, chars, utf16));
                next = i + CHECKPOINT;
            }
            chars += 1;
            utf16 += c.len_utf16();
        }
        LineIndex {
            line_starts,
            bom_len,
            checkpoints,
        }
    }

    /// (Scalar values, UTF-16 units) before byte `offset` (a char boundary) of `text`.
    fn counts(&self, text: &str, offset: usize) -> (usize, usize) {
        let i = self.checkpoints.partition_point(|c| c.0 <= offset) - 1;
        let (at, chars, utf16) = self.checkpoints[i];
        match text.get(at..offset) {
            Some(rest) => (
                chars + rest.chars().count(),
                utf16 + rest.encode_utf16().count(),
            ),
            // Not the indexed text: count from the start rather than panic.
            None => {
                let before = &text[..offset];
                (before.chars().count(), before.encode_utf16().count())
            }
        }
    }

    /// Position of byte `offset` of `text`, the text the index was built from (clamped to the
    /// text, and to a char boundary below it).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let mut start = self.line_starts[line];
        if line == 0 {
            start = start.max(self.bom_len.min(offset));
        }
        let (chars, utf16) = self.counts(text, offset);
        let (chars_before, utf16_before) = self.counts(text, start);
        Position {
            line: line + 1,
            column: chars - chars_before + 1,
            utf16: utf16 - utf16_before,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_on_a_long_line_agree_with_counting() {
        // Checkpoints must give the columns counting from the line start gives, across
        // multi-byte characters, a BOM and several lines.
        let text = format!("\u{feff}{}\n{}", "é😀a ".repeat(3000), "ß中x".repeat(5000));
        let idx = LineIndex::new(&text);
        for offset in (0..text.len()).step_by(997).chain([text.len()]) {
            let pos = idx.position(&text, offset);
            let mut at = offset;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let prefix = text[start..at].trim_start_matches('\u{feff}');
            assert_eq!(pos.column, prefix.chars().count() + 1, "{offset}");
            assert_eq!(pos.utf16, prefix.encode_utf16().count(), "{offset}");
        }
    }

    #[test]
    fn columns_count_scalar_values_and_utf16_units() {
        let text = "a😀b\ncafé x";
        let idx = LineIndex::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(
            idx.position(text, b),
            Position {
                line: 1,
                column: 3,
                utf16: 3
            }
        );
        let x = text.find('x').unwrap();
        assert_eq!(
            idx.position(text, x),
            Position {
                line: 2,
                column: 6,
                utf16: 5
            }
        );
    }

    #[test]
    fn crlf_and_bom() {
        let text = "\u{feff}ab\r\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 3).column, 1);
        let c = text.find('c').unwrap();
        assert_eq!(
            (idx.position(text, c).line, idx.position(text, c).column),
            (2, 1)
        );
        // The \r is on line 1, after `b`.
        assert_eq!(idx.position(text, 5).column, 3);
    }
}
