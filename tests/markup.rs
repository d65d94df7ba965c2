//! Markup-aware linting: a phrase that appears in prose and in every kind of non-prose of a
//! Markdown or HTML file is reported exactly once, at the right bytes, line and column of the
//! original file (through front matter, CRLF, a BOM, entities and multi-byte characters).

#![allow(clippy::unwrap_used)] // test helpers: a panic is a failed test

use assert_cmd::Command;
use serde_json::Value;

fn lint_json(args: &[&str]) -> (String, Value) {
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let json: Value = serde_json::from_str(&stdout).unwrap();
    (stdout, json)
}

/// The one diagnostic of `path` (`--from fr`), checked against the file's bytes.
fn only_diagnostic(path: &str) -> (String, Value) {
    let (stdout, json) = lint_json(&["--from", "fr", path]);
    let diags = json["files"][0]["diagnostics"].as_array().unwrap().clone();
    assert_eq!(diags.len(), 1, "{stdout}");
    let d = diags[0].clone();
    let bytes = std::fs::read(path).unwrap();
    let (start, end) = (
        d["start"].as_u64().unwrap() as usize,
        d["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        String::from_utf8_lossy(&bytes[start..end]),
        d["text"].as_str().unwrap()
    );
    (stdout, d)
}

fn position(d: &Value) -> [u64; 6] {
    [
        d["start"].as_u64().unwrap(),
        d["end"].as_u64().unwrap(),
        d["line"].as_u64().unwrap(),
        d["column"].as_u64().unwrap(),
        d["end_line"].as_u64().unwrap(),
        d["end_column"].as_u64().unwrap(),
    ]
}

#[test]
fn markdown_prose_only() {
    let path = "fixtures/markdown/pricing-war.md";
    let (stdout, d) = only_diagnostic(path);
    assert_eq!(d["rule"], "fr-en/pricing-war");
    assert_eq!(d["text"], "pricing war");
    let text = std::fs::read_to_string(path).unwrap();
    let start = text.find("a pricing war with").unwrap() + 2;
    // Line 8; `Café` has a two-byte `é`, so the column is one less than the byte offset.
    let line_start = text[..start].rfind('\n').unwrap() + 1;
    let column = text[line_start..start].chars().count() as u64 + 1;
    assert_eq!(
        position(&d),
        [start as u64, start as u64 + 11, 8, column, 8, column + 11]
    );
    assert_eq!(column, 52);
    insta::assert_snapshot!("markdown_pricing_war", stdout);
}

#[test]
fn html_text_only() {
    let path = "fixtures/html/pricing-war.html";
    let (stdout, d) = only_diagnostic(path);
    assert_eq!(d["text"], "pricing war");
    let text = std::fs::read_to_string(path).unwrap();
    let start = text.find("a pricing war with").unwrap() + 2;
    let line_start = text[..start].rfind('\n').unwrap() + 1;
    let prefix = &text[line_start..start];
    assert!(prefix.contains("&amp;") && prefix.contains('é') && prefix.contains('’'));
    let column = prefix.chars().count() as u64 + 1;
    assert_eq!(
        position(&d),
        [start as u64, start as u64 + 11, 13, column, 13, column + 11]
    );
    // UTF-16 `character` equals the scalar count here: no astral characters on the line.
    assert_eq!(d["range"]["start"]["character"], column - 1);
    insta::assert_snapshot!("html_pricing_war", stdout);
}

#[test]
fn crlf_markdown_phrase_across_a_soft_line_break() {
    let path = "fixtures/markdown/crlf.md";
    let bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.windows(2).any(|w| w == b"\r\n"),
        "fixture lost its CRLF"
    );
    let (stdout, json) = lint_json(&["--from", "fr", path]);
    let diags = json["files"][0]["diagnostics"].as_array().unwrap();
    let got: Vec<_> = diags
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap(),
                d["text"].as_str().unwrap(),
                position(d),
            )
        })
        .collect();
    let text = String::from_utf8(bytes).unwrap();
    let p = text.find("pricing\r\nwar").unwrap() as u64;
    let f = text.find("four -day").unwrap() as u64;
    assert_eq!(
        got,
        [
            (
                "fr-en/pricing-war",
                "pricing\r\nwar",
                [p, p + 12, 5, 22, 6, 4]
            ),
            ("core/hyphen-space", "four -day", [f, f + 9, 8, 13, 8, 22]),
        ],
        "{stdout}"
    );
    // The fix of the spacing rule is offered: the span is prose verbatim.
    assert_eq!(diags[1]["fixes"][0]["replacement"], "four-day");
    insta::assert_snapshot!("crlf_markdown", stdout);
}

#[test]
fn bom_html() {
    let path = "fixtures/html/bom.html";
    let (stdout, d) = only_diagnostic(path);
    // Byte offsets count the BOM (3 bytes); columns do not.
    let text = std::fs::read_to_string(path).unwrap();
    let start = text.find("pricing war").unwrap() as u64;
    assert_eq!(position(&d), [start, start + 11, 1, 24, 1, 35]);
    insta::assert_snapshot!("bom_html", stdout);
}

#[test]
fn phrase_split_by_inline_markup_is_found_but_not_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("a.md");
    std::fs::write(
        &md,
        "An economic *rescue buoy* and an economic rescue buoy.\n",
    )
    .unwrap();
    let html = dir.path().join("a.html");
    std::fs::write(&html, "<p>An economic <b>rescue</b> buoy.</p>").unwrap();
    let (stdout, json) = lint_json(&["--from", "fr", md.to_str().unwrap(), html.to_str().unwrap()]);
    let files = json["files"].as_array().unwrap();
    let md_diags = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(".md"))
        .unwrap()["diagnostics"]
        .as_array()
        .unwrap();
    let texts: Vec<_> = md_diags
        .iter()
        .map(|d| d["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        ["economic *rescue buoy", "economic rescue buoy"],
        "{stdout}"
    );
    // Across markup a fix would destroy the markup: none is offered.
    assert_eq!(md_diags[0]["fixes"].as_array().unwrap().len(), 0);
    assert_eq!(md_diags[1]["fixes"].as_array().unwrap().len(), 1);
    let html_diags = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(".html"))
        .unwrap()["diagnostics"]
        .as_array()
        .unwrap();
    assert_eq!(html_diags.len(), 1, "{stdout}");
    assert_eq!(html_diags[0]["text"], "economic <b>rescue</b> buoy");
}

#[test]
fn blocks_do_not_join() {
    // `pricing` ends one paragraph (or list item, or cell) and `war` starts the next.
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("a.md");
    std::fs::write(
        &md,
        "A pricing\n\nwar.\n\n- pricing\n- war\n\n# pricing\nwar\n",
    )
    .unwrap();
    let html = dir.path().join("a.html");
    std::fs::write(&html, "<p>pricing</p><p>war</p><td>pricing<td>war").unwrap();
    let (stdout, json) = lint_json(&["--from", "fr", md.to_str().unwrap(), html.to_str().unwrap()]);
    for f in json["files"].as_array().unwrap() {
        assert_eq!(f["diagnostics"].as_array().unwrap().len(), 0, "{stdout}");
    }
}
