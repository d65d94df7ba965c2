//! Repository-wide checks and the quality score, through the binary, over `fixtures/repo`: six
//! short articles, two of which write `Zelensky` differently, five of which end with the same
//! scraped footer, one of which has a `pricing war`.

#![allow(clippy::unwrap_used)] // a test may unwrap: a panic is a failure with its message

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn mtlint(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap()
}

/// Only `fr-en/pricing-war` among the packs, so the results do not move when packs grow.
const RULES: &[&str] = &["--no-default-packs", "--enable", "fr-en/pricing-war"];

fn run(extra: &[&str]) -> std::process::Output {
    let mut args: Vec<&str> = RULES.to_vec();
    args.extend_from_slice(extra);
    args.push("fixtures/repo");
    mtlint(&args)
}

fn json(out: &std::process::Output) -> Value {
    serde_json::from_str(&String::from_utf8_lossy(&out.stdout)).unwrap()
}

fn diagnostics<'a>(report: &'a Value, rule: &str) -> Vec<(&'a str, &'a Value)> {
    let mut found = Vec::new();
    for f in report["files"].as_array().unwrap() {
        for d in f["diagnostics"].as_array().unwrap() {
            if d["rule"] == rule {
                found.push((f["path"].as_str().unwrap(), d));
            }
        }
    }
    found
}

#[test]
fn name_written_differently_in_two_articles_is_found() {
    let report = json(&run(&["--repo-checks", "--format", "json"]));
    let names = diagnostics(&report, "repo/name-casing");
    assert_eq!(names.len(), 1, "{names:#?}");
    let (path, d) = names[0];
    assert_eq!(path, "fixtures/repo/paris-visit.md");
    assert_eq!(d["text"], "zelensky");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(1), Some(11))
    );
    assert_eq!(d["pack"], "repo");
    assert_eq!(d["category"], "inconsistency");
    assert_eq!(d["fixes"][0]["replacement"], "Zelensky");
    assert_eq!(d["fixes"][0]["applicability"], "suggested");
    let related = &d["related"][0];
    assert_eq!(related["path"], "fixtures/repo/kyiv-talks.md");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/repo/kyiv-talks.md"),
    )
    .unwrap();
    let start = related["start"].as_u64().unwrap() as usize;
    assert_eq!(
        &text[start..related["end"].as_u64().unwrap() as usize],
        "Zelensky"
    );
    assert_eq!(related["line"], 1);
}

#[test]
fn footer_repeated_in_five_files_is_found() {
    let report = json(&run(&["--repo-checks", "--format", "json"]));
    let repeated = diagnostics(&report, "repo/repeated-paragraph");
    let paths: Vec<&str> = repeated.iter().map(|(p, _)| *p).collect();
    assert_eq!(
        paths,
        [
            "fixtures/repo/election-preview.md",
            "fixtures/repo/energy-prices.md",
            "fixtures/repo/grain-deal.md",
            "fixtures/repo/kyiv-talks.md",
            "fixtures/repo/paris-visit.md",
        ]
    );
    for (_, d) in &repeated {
        assert!(
            d["text"]
                .as_str()
                .unwrap()
                .starts_with("Follow us on Facebook")
        );
        assert!(d["message"].as_str().unwrap().contains("5 files"));
        assert_eq!(d["line"], 5);
        assert_eq!(d["related"].as_array().unwrap().len(), 3);
    }
}

#[test]
fn repo_checks_are_opt_in() {
    let report = json(&run(&["--format", "json"]));
    assert!(diagnostics(&report, "repo/name-casing").is_empty());
    assert!(diagnostics(&report, "repo/repeated-paragraph").is_empty());
    assert_eq!(diagnostics(&report, "fr-en/pricing-war").len(), 1);
}

#[test]
fn repo_checks_human_and_compact_output() {
    let out = run(&["--repo-checks", "--format", "compact"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("repo_compact", String::from_utf8_lossy(&out.stdout));
    let out = run(&["--repo-checks"]);
    let human = String::from_utf8_lossy(&out.stdout);
    // The usual spelling in the other file is shown with its place.
    assert!(human.contains("fixtures/repo/kyiv-talks.md:1:"), "{human}");
}

#[test]
fn score_is_in_the_json_and_the_summary() {
    let report = json(&run(&["--format", "json"]));
    let files = report["files"].as_array().unwrap();
    let tariffs = files
        .iter()
        .find(|f| f["path"] == "fixtures/repo/tariffs.md")
        .unwrap();
    assert_eq!(tariffs["words"], 31);
    // One warning of category mistranslation (2 × 1.5), 31 words scored as 100.
    assert_eq!(tariffs["score"], 30.0);
    for f in files
        .iter()
        .filter(|f| f["path"] != "fixtures/repo/tariffs.md")
    {
        assert_eq!(f["score"], 0.0);
        assert!(f["words"].as_u64().unwrap() > 20);
    }
    let out = run(&[]);
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(
        human.contains("worst first: fixtures/repo/tariffs.md 30.00"),
        "{human}"
    );
}

#[test]
fn max_score_gates_ci() {
    // Only info-level findings would not fail the run; the score does.
    let out = run(&["--fail-on", "error", "--max-score", "10"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("above --max-score 10 in 1 file: fixtures/repo/tariffs.md (30.00)"),
        "{err}"
    );
    let out = run(&["--fail-on", "error", "--max-score", "30"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
    // The repository-wide findings count too.
    let out = run(&["--fail-on", "error", "--repo-checks", "--max-score", "30"]);
    assert_eq!(out.status.code(), Some(1));
    let out = mtlint(&["--max-score", "-1", "fixtures/repo"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn ndjson_streams_repo_diagnostics_last_with_related_places() {
    let out = run(&["--repo-checks", "--format", "ndjson"]);
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let rules: Vec<&str> = lines.iter().map(|l| l["rule"].as_str().unwrap()).collect();
    // The per-file diagnostic first (tariffs.md), then the repository-wide ones.
    assert_eq!(rules[0], "fr-en/pricing-war");
    assert!(
        rules[1..].iter().all(|r| r.starts_with("repo/")),
        "{rules:?}"
    );
    assert_eq!(rules.len(), 7);
    let casing = lines
        .iter()
        .find(|l| l["rule"] == "repo/name-casing")
        .unwrap();
    assert_eq!(casing["related"][0]["path"], "fixtures/repo/kyiv-talks.md");
    assert_eq!(casing["related"][0]["line"], 1);
    assert_eq!(casing["related"][0]["column"], 32);
}

#[test]
fn repo_diagnostics_go_into_the_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    let baseline = baseline.to_str().unwrap();
    let out = run(&["--repo-checks", "--write-baseline", baseline]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("7 diagnostics in 6 files"));
    let out = run(&["--repo-checks", "--baseline", baseline, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    assert!(
        report["files"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["diagnostics"].as_array().unwrap().is_empty())
    );
}

/// A copy of `fixtures/repo` in a temporary folder, to add a config or comments to.
fn repo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/repo");
    for entry in std::fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

fn run_in(dir: &Path, extra: &[&str]) -> std::process::Output {
    Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["--no-default-packs", "--repo-checks", "--format", "json"])
        .args(extra)
        .arg(".")
        .output()
        .unwrap()
}

#[test]
fn inline_suppression_and_vocabulary_apply_to_repo_diagnostics() {
    let dir = repo_copy();
    let p = dir.path();
    // The footer is accepted in one file; the name in another, by the config's vocabulary.
    let grain = std::fs::read_to_string(p.join("grain-deal.md")).unwrap();
    let grain = grain.replace(
        "Follow us",
        "<!-- mtlint-disable-next-line repo/repeated-paragraph -->\nFollow us",
    );
    std::fs::write(p.join("grain-deal.md"), grain).unwrap();
    let report = json(&run_in(p, &[]));
    let repeated = diagnostics(&report, "repo/repeated-paragraph");
    assert_eq!(repeated.len(), 4, "{repeated:#?}");
    assert!(repeated.iter().all(|(path, _)| *path != "grain-deal.md"));
    assert!(diagnostics(&report, "mtlint/unknown-suppression").is_empty());
    assert_eq!(diagnostics(&report, "repo/name-casing").len(), 1);

    std::fs::write(p.join(".mtlint.toml"), "vocabulary = [\"zelensky\"]\n").unwrap();
    let report = json(&run_in(p, &[]));
    assert!(diagnostics(&report, "repo/name-casing").is_empty());
}

#[test]
fn explain_knows_the_repo_rules() {
    let out = mtlint(&["explain", "repo/name-casing"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("## repo/name-casing\n"), "{text}");
    assert!(text.contains("--repo-checks"));
}

#[test]
fn config_file_overrides_score_weights() {
    let dir = repo_copy();
    let p = dir.path();
    let score_of = |out: &std::process::Output| {
        let report = json(out);
        report["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == "tariffs.md")
            .unwrap()["score"]
            .clone()
    };
    let lint = |extra: &[&str]| {
        Command::cargo_bin("mtlint")
            .unwrap()
            .current_dir(p)
            .args(RULES)
            .args(["--format", "json"])
            .args(extra)
            .arg(".")
            .output()
            .unwrap()
    };
    assert_eq!(score_of(&lint(&[])), 30.0);
    // Only the warning weight changes; mistranslation keeps its 1.5.
    std::fs::write(
        p.join(".mtlint.toml"),
        "[score]\nseverity = { warning = 1.0 }\n",
    )
    .unwrap();
    assert_eq!(score_of(&lint(&[])), 15.0);
    assert_eq!(lint(&["--max-score", "20"]).status.code(), Some(1));
    let out = lint(&["--fail-on", "error", "--max-score", "20"]);
    assert_eq!(out.status.code(), Some(0));

    std::fs::write(
        p.join(".mtlint.toml"),
        "[score]\nseverity = { warning = -1.0 }\n",
    )
    .unwrap();
    let out = lint(&[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("severity.warning"), "{err}");
    assert!(
        err.contains(".mtlint.toml:1:1") || err.contains(".mtlint.toml:2:"),
        "{err}"
    );
}
