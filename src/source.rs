//! Reading input: bytes → checked UTF-8 text, or a reason it cannot be linted.
//!
//! The text is kept exactly as read (BOM and CRLF included) so that byte offsets in diagnostics
//! are offsets into the file on disk. Deciding which files to read is `discover`'s job.

use std::path::Path;

/// The format of a file, which decides how its prose is extracted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    /// The format for a path, by extension; `None` for files that are not linted unless named.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

/// A file to lint: its display path and its whole text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    pub format: Format,
}

/// Why a file's bytes cannot be linted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Looks like a binary file (NUL bytes): skipped with a note, not an error.
    Binary,
    /// Not valid UTF-8: a per-file error.
    InvalidUtf8 { offset: usize },
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::Binary => write!(f, "binary file (contains NUL bytes), skipped"),
            Unreadable::InvalidUtf8 { offset } => write!(
                f,
                "not valid UTF-8 (first invalid byte at offset {offset}); convert it to UTF-8 to lint it"
            ),
        }
    }
}

/// Checks bytes and turns them into text.
pub fn decode(bytes: Vec<u8>) -> Result<String, Unreadable> {
    // Git's heuristic: a NUL in the first 8 KiB means binary.
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(Unreadable::Binary);
    }
    String::from_utf8(bytes).map_err(|e| Unreadable::InvalidUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Length of a UTF-8 byte-order mark at the start of `text` (0 or 3).
pub fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_rejects_binary_and_reports_invalid_offset() {
        assert_eq!(decode(b"ab\0cd".to_vec()), Err(Unreadable::Binary));
        assert_eq!(
            decode(b"abc\xffdef".to_vec()),
            Err(Unreadable::InvalidUtf8 { offset: 3 })
        );
        assert_eq!(decode("é".as_bytes().to_vec()).as_deref(), Ok("é"));
    }

    #[test]
    fn format_by_extension() {
        assert_eq!(
            Format::from_path(Path::new("a/B.MD")),
            Some(Format::Markdown)
        );
        assert_eq!(Format::from_path(Path::new("a.htm")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("a.rs")), None);
    }
}
