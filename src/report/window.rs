//! Windows onto long lines for the human report.
//!
//! codespan-reporting prints whole lines, and a news paragraph is often one line of a thousand
//! characters. When every span of a diagnostic sits on one long line, the report shows a window
//! of that line around the spans (`…` marks the cuts) while keeping the original line and column
//! numbers: [`Excerpt`] is a codespan `Files` whose only line is the window.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

/// Lines at most this long (in chars) are shown whole.
const MAX_LINE: usize = 120;
/// Context kept on each side of the spans (in chars).
const CONTEXT: usize = 40;
const ELLIPSIS: &str = "…";

/// A window of one line of a file, posing as the whole file for codespan.
pub struct Excerpt<'a> {
    name: &'a str,
    text: String,
    /// 1-based number of the original line.
    line_number: usize,
    /// Chars of the original line before the window, minus the `…` prefix's one char.
    column_shift: isize,
    /// Byte offset of the window's start in the original text, minus the prefix length.
    byte_shift: isize,
}

impl Excerpt<'_> {
    /// Maps an original byte range into the excerpt.
    pub fn shift(&self, range: Range<usize>) -> Range<usize> {
        let map = |b: usize| (b as isize - self.byte_shift).max(0) as usize;
        map(range.start)..map(range.end)
    }
}

/// An excerpt when all `spans` (byte ranges of `text`, BOM already removed) lie on one line
/// longer than [`MAX_LINE`] and close enough together to fit a window; else `None`.
pub fn excerpt<'a>(name: &'a str, text: &str, spans: &[Range<usize>]) -> Option<Excerpt<'a>> {
    let lo = spans.iter().map(|s| s.start).min()?;
    let hi = spans.iter().map(|s| s.end).max()?;
    let line_start = text[..lo].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[lo..].find('\n').map_or(text.len(), |i| lo + i);
    if hi > line_end {
        return None;
    }
    let line = text[line_start..line_end].trim_end_matches('\r');
    let line_end = line_start + line.len();
    if line.chars().count() <= MAX_LINE || text[lo..hi].chars().count() > 2 * MAX_LINE {
        return None;
    }
    let start = back_chars(text, line_start, lo, CONTEXT);
    let end = forward_chars(text, hi.max(lo), line_end, CONTEXT);
    let prefix = if start > line_start { ELLIPSIS } else { "" };
    let suffix = if end < line_end { ELLIPSIS } else { "" };
    let line_number = text[..line_start].matches('\n').count() + 1;
    let chars_before = text[line_start..start].chars().count();
    Some(Excerpt {
        name,
        text: format!("{prefix}{}{suffix}", &text[start..end]),
        line_number,
        column_shift: chars_before as isize - prefix.chars().count() as isize,
        byte_shift: start as isize - prefix.len() as isize,
    })
}

/// The offset `n` chars before `from`, not before `floor`.
fn back_chars(text: &str, floor: usize, from: usize, n: usize) -> usize {
    text[floor..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(floor, |(i, _)| floor + i)
}

/// The offset `n` chars after `from`, not after `ceiling`.
fn forward_chars(text: &str, from: usize, ceiling: usize, n: usize) -> usize {
    text[from..ceiling]
        .char_indices()
        .nth(n)
        .map_or(ceiling, |(i, _)| from + i)
}

impl<'f> Files<'f> for Excerpt<'_> {
    type FileId = ();
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, _: ()) -> Result<&'f str, Error> {
        Ok(self.name)
    }

    fn source(&'f self, _: ()) -> Result<&'f str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'f self, _: (), _: usize) -> Result<usize, Error> {
        Ok(0)
    }

    fn line_number(&'f self, _: (), _: usize) -> Result<usize, Error> {
        Ok(self.line_number)
    }

    fn column_number(&'f self, _: (), _: usize, byte_index: usize) -> Result<usize, Error> {
        let byte_index = byte_index.min(self.text.len());
        let chars = self.text[..byte_index].chars().count() as isize;
        Ok((chars + self.column_shift).max(0) as usize + 1)
    }

    fn line_range(&'f self, _: (), line_index: usize) -> Result<Range<usize>, Error> {
        if line_index == 0 {
            Ok(0..self.text.len())
        } else {
            Err(Error::LineTooLarge {
                given: line_index,
                max: 0,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_windowed_with_original_positions() {
        let line = format!("{}pricing war{}", "é".repeat(100), " tail".repeat(40));
        let text = format!("first\n{line}\nlast");
        let start = text.find("pricing").unwrap();
        let span = start..start + "pricing war".len();
        let e = excerpt("f", &text, std::slice::from_ref(&span)).unwrap();
        assert!(e.text.starts_with('…') && e.text.ends_with('…'));
        let shifted = e.shift(span);
        assert_eq!(&e.text[shifted.clone()], "pricing war");
        assert_eq!(e.line_number(), 2);
        assert_eq!(e.column_number((), 0, shifted.start).unwrap(), 101);
    }

    #[test]
    fn short_lines_and_multi_line_spans_are_left_whole() {
        assert!(excerpt("f", "a short line", std::slice::from_ref(&(2..5))).is_none());
        let text = format!("{}\n{}", "a".repeat(200), "b".repeat(200));
        assert!(excerpt("f", &text, &[10..12, 250..252]).is_none());
    }

    impl Excerpt<'_> {
        fn line_number(&self) -> usize {
            self.line_number
        }
    }
}
