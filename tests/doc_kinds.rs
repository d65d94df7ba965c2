//! The document-level kinds end to end: the seed articles give exactly the findings issue 3
//! asks for, clean human news gives none, and spans stay exact through BOM and CRLF.

#![allow(clippy::unwrap_used)] // test helpers: a panic is a test failure

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// The rules of the document-level kinds and the source-convention patterns.
const DOC_RULES: &[&str] = &[
    "core/casing-drift",
    "core/casing-drift-acronym",
    "core/variant-names",
    "core/variant-spelling",
    "core/dangling-metadata",
    "core/dangling-credit",
    "core/dangling-headlines",
    "core/dangling-leftover",
    "core/dangling-duplicate",
    "core/untranslated-word",
    "core/untranslated-function-words",
    "core/untranslated-sentence",
    "core/untranslated-script",
    "core/untranslated-fullwidth-punctuation",
    "news/honorific-full-name",
    "news/inverted-attribution",
];

fn mtlint() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mtlint"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Runs mtlint with `args` and parses its JSON report.
fn json(args: &[&str]) -> Value {
    let out = mtlint()
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Only the rules of the document-level kinds, for compact snapshots.
fn doc_rule_args() -> Vec<String> {
    let mut args = vec!["--no-default-packs".to_string()];
    for r in DOC_RULES {
        args.push("--enable".into());
        args.push(r.to_string());
    }
    args
}

fn diagnostics(report: &Value) -> Vec<Value> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap().clone())
        .collect()
}

fn of_rule<'a>(diags: &'a [Value], rule: &str) -> Vec<&'a Value> {
    diags.iter().filter(|d| d["rule"] == rule).collect()
}

const MT_SEED: &str = "fixtures/seeds/mt-article-fr-en.txt";
const CLEAN_SEED: &str = "fixtures/seeds/clean-article-with-dangling-headlines.txt";

#[test]
fn mt_seed_shows_every_document_level_artifact() {
    let report = json(&["--from", "fr", MT_SEED]);
    let diags = diagnostics(&report);
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(MT_SEED)).unwrap();

    // All three `Mr. XI`, each with a related span at a `Mr. Xi`, and a fix to `Xi`.
    let xi: Vec<&Value> = of_rule(&diags, "core/casing-drift")
        .into_iter()
        .filter(|d| d["text"] == "XI")
        .collect();
    assert_eq!(xi.len(), 3);
    assert_eq!(text.matches("Mr. XI").count(), 3);
    for d in &xi {
        let start = d["start"].as_u64().unwrap() as usize;
        assert_eq!(&text[start - 4..start + 2], "Mr. XI");
        assert_eq!(d["fixes"][0]["replacement"], "Xi");
        let rel = &d["related"][0];
        let (rs, re) = (
            rel["start"].as_u64().unwrap() as usize,
            rel["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[rs - 4..re], "Mr. Xi");
    }

    let kyiv = of_rule(&diags, "core/casing-drift");
    let kyiv: Vec<_> = kyiv.iter().filter(|d| d["text"] == "kyiv").collect();
    assert_eq!(kyiv.len(), 1);
    assert_eq!(kyiv[0]["fixes"][0]["replacement"], "Kyiv");
    assert_eq!(of_rule(&diags, "core/casing-drift").len(), 4);

    let texts = |rule: &str| -> Vec<String> {
        of_rule(&diags, rule)
            .iter()
            .map(|d| d["text"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(texts("core/untranslated-word"), ["stoké"]);
    assert_eq!(
        texts("core/dangling-metadata"),
        [" date 2025-05-06 Moscow –"]
    );
    assert_eq!(of_rule(&diags, "core/dangling-metadata")[0]["start"], 0);
    assert_eq!(texts("core/dangling-credit"), ["Reuters"]);
    assert_eq!(
        of_rule(&diags, "core/dangling-credit")[0]["end"]
            .as_u64()
            .unwrap() as usize,
        text.trim_end().len()
    );
    assert_eq!(texts("news/honorific-full-name"), ["Mr. Yuri Ushakov"]);
    assert_eq!(
        texts("news/inverted-attribution"),
        ["spokesperson for the Russian Ministry of Foreign Affairs said Maria Zakharova"]
    );

    // What the rule engine issue flags is still flagged.
    for (rule, found) in [
        ("core/hyphen-space", "four -day"),
        ("fr-en/pricing-war", "pricing war"),
        ("fr-en/rescue-buoy", "economic rescue buoy"),
        ("fr-en/german-of-nazi", "the German of Nazi"),
        ("fr-en/kremlin-aide", "a better assistant"),
    ] {
        assert!(texts(rule).iter().any(|t| t == found), "{rule}: {found}");
    }
}

#[test]
fn mt_seed_snapshots() {
    let out = mtlint()
        .args(doc_rule_args())
        .args(["--format", "compact", MT_SEED])
        .output()
        .unwrap();
    insta::assert_snapshot!("mt_seed_compact", String::from_utf8_lossy(&out.stdout));

    let out = mtlint()
        .args(doc_rule_args())
        .args(["--format", "json", MT_SEED])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let compact: Vec<Value> = diagnostics(&report)
        .into_iter()
        .map(|d| {
            serde_json::json!({
                "rule": d["rule"], "start": d["start"], "end": d["end"], "text": d["text"],
                "message": d["message"], "fixes": d["fixes"], "related": d["related"],
            })
        })
        .collect();
    insta::assert_snapshot!(
        "mt_seed_json",
        serde_json::to_string_pretty(&compact).unwrap()
    );
}

#[test]
fn clean_seed_has_one_headline_block_and_a_clean_body() {
    let report = json(&["--pack", "all", CLEAN_SEED]);
    let diags = diagnostics(&report);
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(CLEAN_SEED)).unwrap();
    let blocks = of_rule(&diags, "core/dangling-headlines");
    assert_eq!(blocks.len(), 1);
    let block = blocks[0];
    let first = "Ohio Man Indicted for Alleged Threat";
    let last = "Isaac Herzog’s Visit";
    assert_eq!(
        block["start"].as_u64().unwrap() as usize,
        text.find(first).unwrap()
    );
    assert_eq!(
        block["end"].as_u64().unwrap() as usize,
        text.find(last).unwrap() + last.len()
    );
    assert_eq!(block["line"], 9);
    assert_eq!(block["end_line"], 24);
    assert!(block["message"].as_str().unwrap().starts_with("16 lines"));
    // Nothing else at warning or error, in the body or anywhere.
    let others: Vec<_> = diags
        .iter()
        .filter(|d| d["rule"] != "core/dangling-headlines" && d["severity"] != "info")
        .collect();
    assert!(others.is_empty(), "{others:#?}");

    let out = mtlint()
        .args(doc_rule_args())
        .args(["--format", "compact", CLEAN_SEED])
        .output()
        .unwrap();
    insta::assert_snapshot!("clean_seed_compact", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn clean_news_gets_no_warning_from_any_pack() {
    let report = json(&["--pack", "all", "fixtures/clean"]);
    let files = report["files"].as_array().unwrap();
    assert!(
        files.len() >= 5,
        "expected the clean fixtures, got {}",
        files.len()
    );
    let loud: Vec<_> = diagnostics(&report)
        .into_iter()
        .filter(|d| d["severity"] != "info")
        .collect();
    assert!(loud.is_empty(), "{loud:#?}");
    assert_eq!(report["summary"]["warnings"], 0);
    assert_eq!(report["summary"]["errors"], 0);
}

#[test]
fn leftovers_fixture_snapshot() {
    let out = mtlint()
        .args(doc_rule_args())
        .args(["--format", "compact", "fixtures/doc-kinds/mt-leftovers.txt"])
        .output()
        .unwrap();
    let compact = String::from_utf8_lossy(&out.stdout).to_string();
    insta::assert_snapshot!("mt_leftovers_compact", compact);
    // Every document-level detector that the seeds do not show is shown here.
    for rule in [
        "core/variant-names",
        "core/variant-spelling",
        "core/casing-drift-acronym",
        "core/dangling-leftover",
        "core/dangling-duplicate",
        "core/untranslated-function-words",
        "core/untranslated-sentence",
        "core/untranslated-script",
        "core/untranslated-fullwidth-punctuation",
    ] {
        assert!(compact.contains(&format!("[{rule}]")), "{rule} missing");
    }
}

#[test]
fn spans_stay_exact_through_bom_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let original =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(MT_SEED)).unwrap();
    let crlf = format!("\u{feff}{}", original.replace('\n', "\r\n"));
    let path = dir.path().join("crlf.txt");
    std::fs::write(&path, &crlf).unwrap();
    let report = json(&["--from", "fr", path.to_str().unwrap()]);
    let lf = json(&["--from", "fr", MT_SEED]);
    let (a, b) = (diagnostics(&report), diagnostics(&lf));
    assert_eq!(a.len(), b.len());
    for (d, e) in a.iter().zip(&b) {
        let (s, t) = (
            d["start"].as_u64().unwrap() as usize,
            d["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(d["text"], e["text"]);
        assert_eq!(&crlf[s..t], d["text"].as_str().unwrap(), "{}", d["rule"]);
        assert_eq!(
            (d["line"].clone(), d["column"].clone()),
            (e["line"].clone(), e["column"].clone())
        );
        for r in d["related"].as_array().unwrap() {
            let (s, t) = (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
            );
            assert!(crlf.is_char_boundary(s) && crlf.is_char_boundary(t));
        }
    }
    // The metadata starts right after the BOM.
    let meta = of_rule(&a, "core/dangling-metadata");
    assert_eq!(meta[0]["start"], 3);
}

#[test]
fn empty_and_one_line_files() {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in [
        ("empty.txt", ""),
        ("blank.txt", "\r\n\r\n"),
        ("one.txt", "Reuters"),
        ("oneline.txt", "Mr. Xi met Mr. XI."),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, body).unwrap();
        let report = json(&["--pack", "all", path.to_str().unwrap()]);
        assert!(report["files"][0]["error"].is_null(), "{name}");
        let n = diagnostics(&report).len();
        match name {
            "one.txt" => assert_eq!(n, 1, "a lone credit is dangling"),
            _ => assert_eq!(n, 0, "{name}"),
        }
    }
}

#[test]
fn builtin_examples_pass() {
    let out = mtlint().arg("test").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains(": 0 failed"), "{stdout}");
}
