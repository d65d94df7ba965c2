//! The JSON contract's positions agree with each other: for every diagnostic, `text` is the
//! file's bytes `start..end`, and line/column and the LSP `range` describe the same offsets.
//! Run over files with CRLF, a BOM, multi-byte characters and emoji.
#![allow(clippy::unwrap_used)] // test helpers: a panic is a test failure

mod common;

use common::{json, read};

/// Independent reference: (1-based line, 1-based column in chars, 0-based UTF-16 column) of a
/// byte offset, skipping a BOM on line 1.
fn position(text: &str, offset: usize) -> (usize, usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let prefix = before[line_start..].trim_start_matches('\u{feff}');
    (
        line,
        prefix.chars().count() + 1,
        prefix.encode_utf16().count(),
    )
}

fn check_file(path: &str, min_diagnostics: usize) {
    let bytes = read(path);
    let text = String::from_utf8(bytes.clone()).unwrap();
    let (report, _) = json(&["--pack", "all", path]);
    let diagnostics = common::diagnostics(&report);
    assert!(
        diagnostics.len() >= min_diagnostics,
        "{path}: too few diagnostics: {diagnostics:#?}"
    );
    for d in diagnostics {
        let start = d["start"].as_u64().unwrap() as usize;
        let end = d["end"].as_u64().unwrap() as usize;
        assert_eq!(
            d["text"].as_str().unwrap().as_bytes(),
            &bytes[start..end],
            "{path}: {d}"
        );
        let (line, column, utf16) = position(&text, start);
        assert_eq!(
            (
                d["line"].as_u64().unwrap() as usize,
                d["column"].as_u64().unwrap() as usize
            ),
            (line, column),
            "{d}"
        );
        assert_eq!(
            d["range"]["start"]["line"].as_u64().unwrap() as usize,
            line - 1
        );
        assert_eq!(
            d["range"]["start"]["character"].as_u64().unwrap() as usize,
            utf16
        );
        let (end_line, end_column, end_utf16) = position(&text, end);
        assert_eq!(
            (
                d["end_line"].as_u64().unwrap() as usize,
                d["end_column"].as_u64().unwrap() as usize
            ),
            (end_line, end_column)
        );
        assert_eq!(
            d["range"]["end"]["line"].as_u64().unwrap() as usize,
            end_line - 1
        );
        assert_eq!(
            d["range"]["end"]["character"].as_u64().unwrap() as usize,
            end_utf16
        );
        for fix in d["fixes"].as_array().unwrap() {
            let (fs, fe) = (
                fix["start"].as_u64().unwrap() as usize,
                fix["end"].as_u64().unwrap() as usize,
            );
            assert!(
                text.is_char_boundary(fs)
                    && text.is_char_boundary(fe)
                    && fs <= fe
                    && fe <= text.len()
            );
        }
        for r in d["related"].as_array().unwrap() {
            let rs = r["start"].as_u64().unwrap() as usize;
            assert_eq!(
                (
                    r["line"].as_u64().unwrap() as usize,
                    r["column"].as_u64().unwrap() as usize
                ),
                (position(&text, rs).0, position(&text, rs).1)
            );
        }
    }
}

#[test]
fn spans_agree_on_the_seed_article() {
    check_file("fixtures/seeds/mt-article-fr-en.txt", 6);
}

#[test]
fn spans_agree_on_crlf_with_bom() {
    check_file("fixtures/plain/crlf-bom.txt", 4);
}

#[test]
fn spans_agree_with_multibyte_and_emoji() {
    check_file("fixtures/plain/multibyte.txt", 4);
}

#[test]
fn crlf_columns_are_those_of_the_lf_file() {
    let (crlf, _) = json(&["fixtures/plain/crlf-bom.txt"]);
    let positions: Vec<(u64, u64)> = common::diagnostics(&crlf)
        .iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    // `The the` starts line 3 column 1 even though the file has a BOM and CRLF endings.
    assert!(positions.contains(&(3, 1)), "{positions:?}");
}
