//! CI output formats and baselines, through the binary: SARIF validated against the vendored
//! SARIF 2.1.0 schema, GitHub annotations and SARIF snapshots, ndjson matching the JSON report,
//! and the baseline round trip.

#![allow(clippy::unwrap_used)] // a test may unwrap: a panic is a failure with its message

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// Only two rules, so snapshots do not move when other packs grow.
const RULES: &[&str] = &[
    "--no-default-packs",
    "--enable",
    "fr-en/pricing-war",
    "--enable",
    "core/hyphen-space",
];

fn mtlint(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn with_rules<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all: Vec<&str> = RULES.to_vec();
    all.extend_from_slice(args);
    all
}

fn sarif_schema() -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(root().join("tests/schemas/sarif-schema-2.1.0.json")).unwrap();
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    // The `language` patterns of `run` and `toolComponent` have a stray `]` that the validator
    // rejects when it checks the schema itself. mtlint writes no `language`; the patterns are
    // corrected in memory, the vendored file stays as published.
    for owner in ["run", "toolComponent"] {
        let language = &mut schema["definitions"][owner]["properties"]["language"]["pattern"];
        assert_eq!(language, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$");
        *language = Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
    }
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid_sarif(log: &Value) {
    let validator = sarif_schema();
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF schema errors:\n{}",
        errors.join("\n")
    );
}

#[test]
fn sarif_is_valid_and_complete() {
    let out = mtlint(root(), &with_rules(&["--format", "sarif", "fixtures/ci"]));
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_valid_sarif(&log);

    // What GitHub code scanning needs, field by field.
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["tool"]["driver"]["name"], "mtlint");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["core/hyphen-space", "fr-en/pricing-war"]);
    for r in rules {
        assert!(!r["shortDescription"]["text"].as_str().unwrap().is_empty());
        assert!(!r["fullDescription"]["text"].as_str().unwrap().is_empty());
        assert!(r["help"]["text"].as_str().unwrap().contains("Message:"));
        assert_eq!(r["defaultConfiguration"]["level"], "warning");
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    for res in results {
        let i = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(res["ruleId"], rules[i]["id"]);
        assert!(res["partialFingerprints"]["mtlint/v1"].is_string());
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    }

    // `pricing war` after `Émilie Dupont’s`: columns count code points, offsets count bytes.
    let first = &results[0];
    let region = &first["locations"][0]["physicalLocation"]["region"];
    let line = "Émilie Dupont’s report says China is locked in a pricing war";
    let col = line.chars().count() - "pricing war".chars().count() + 1;
    assert_eq!(first["ruleId"], "fr-en/pricing-war");
    assert_eq!(region["startLine"], 1);
    assert_eq!(region["startColumn"], col);
    assert_eq!(region["endColumn"], col + "pricing war".len());
    assert_eq!(region["byteOffset"], line.len() - "pricing war".len());
    assert_eq!(region["byteLength"], "pricing war".len());
    assert_eq!(region["snippet"]["text"], "pricing war");
    // The fix is there, with its applicability.
    let fix = &first["fixes"][0];
    assert_eq!(
        fix["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "trade war"
    );

    insta::assert_snapshot!("sarif", stdout(&out));
}

#[test]
fn sarif_of_file_errors_and_repo_checks_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.txt"), b"caf\xe9\n").unwrap();
    for name in ["a", "b", "c", "d", "e"] {
        std::fs::write(
            dir.path().join(format!("{name}.md")),
            format!(
                "Story {name} says the pricing war goes on.\n\nShare this story with your friends on every social network today.\n"
            ),
        )
        .unwrap();
    }
    let out = mtlint(
        dir.path(),
        &with_rules(&["--format", "sarif", "--repo-checks", "."]),
    );
    assert_eq!(out.status.code(), Some(2));
    let log: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_valid_sarif(&log);
    let run = &log["runs"][0];
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("bad.txt")
    );
    let repeated: Vec<&Value> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == "repo/repeated-paragraph")
        .collect();
    assert_eq!(repeated.len(), 5);
    let related = repeated[0]["relatedLocations"].as_array().unwrap();
    assert_eq!(
        related[0]["physicalLocation"]["artifactLocation"]["uri"],
        "b.md"
    );
    assert_eq!(related[0]["physicalLocation"]["region"]["startLine"], 3);
    let ids: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"repo/name-casing") && ids.contains(&"repo/repeated-paragraph"));
}

#[test]
fn github_annotations() {
    let out = mtlint(root(), &with_rules(&["--format", "github", "fixtures/ci"]));
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.lines()
            .all(|l| l.starts_with("::warning ") || l.starts_with("mtlint: "))
    );
    insta::assert_snapshot!("github", text);
}

#[test]
fn ndjson_has_the_json_reports_diagnostics_in_order() {
    let json = mtlint(root(), &with_rules(&["--format", "json", "fixtures/ci"]));
    let report: Value = serde_json::from_str(&stdout(&json)).unwrap();
    let mut expected = Vec::new();
    for f in report["files"].as_array().unwrap() {
        for d in f["diagnostics"].as_array().unwrap() {
            let mut d = d.clone();
            d["path"] = f["path"].clone();
            expected.push(d);
        }
    }
    let nd = mtlint(root(), &with_rules(&["--format", "ndjson", "fixtures/ci"]));
    assert_eq!(nd.status.code(), Some(1));
    let lines: Vec<Value> = stdout(&nd)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines, expected);
    assert_eq!(lines[2]["path"], "fixtures/ci/crlf.txt");
    // CRLF: the column of line 2 does not count the `\r\n` of line 1.
    assert_eq!(lines[2]["line"], 2);
    assert_eq!(lines[2]["column"], "The firms fought a ".len() + 1);
}

#[test]
fn ndjson_order_is_deterministic_over_many_files() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..60 {
        let body = "A pricing war. ".repeat(1 + (60 - i) * 3);
        std::fs::write(dir.path().join(format!("f{i:02}.txt")), body).unwrap();
    }
    let out = mtlint(dir.path(), &with_rules(&["--format", "ndjson", "."]));
    let paths: Vec<String> = stdout(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["path"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), (1..=60).map(|n| 1 + n * 3).sum::<usize>());
}

fn json_diagnostics(out: &std::process::Output) -> Vec<(String, String, u64)> {
    let report: Value = serde_json::from_str(&stdout(out)).unwrap();
    let mut found = Vec::new();
    for f in report["files"].as_array().unwrap() {
        for d in f["diagnostics"].as_array().unwrap() {
            found.push((
                f["path"].as_str().unwrap().to_string(),
                d["text"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            ));
        }
    }
    found
}

#[test]
fn baseline_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let old = "China is locked in a pricing war with the United States.\n\nA four -day visit starts on Monday.\n";
    std::fs::write(p.join("old.md"), old).unwrap();

    let out = mtlint(p, &with_rules(&["--write-baseline", "baseline.json", "."]));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout(&out).is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 diagnostics"));
    let written = std::fs::read_to_string(p.join("baseline.json")).unwrap();
    let file: Value = serde_json::from_str(&written).unwrap();
    let findings = file["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2);
    let war = findings
        .iter()
        .find(|f| f["rule"] == "fr-en/pricing-war")
        .unwrap();
    assert_eq!(war["context"], "locked in a … with the United");
    assert_eq!(war["text"], "pricing war");
    assert_eq!(war["count"], 1);

    // Everything recorded: nothing reported, exit 0.
    let out = mtlint(
        p,
        &with_rules(&["--baseline", "baseline.json", "--format", "json", "."]),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(json_diagnostics(&out).is_empty());

    // A new artifact in a new file is reported; the old ones are not.
    std::fs::write(p.join("new.md"), "Airlines are in a pricing war again.\n").unwrap();
    let out = mtlint(
        p,
        &with_rules(&["--baseline", "baseline.json", "--format", "json", "."]),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        json_diagnostics(&out),
        [("new.md".to_string(), "pricing war".to_string(), 1)]
    );

    // Old findings moved to other lines (paragraphs added above, the sentence reflowed) stay
    // old; a second copy of the same sentence is new (multiplicity).
    let moved = "A new lead paragraph.\n\nAnother one.\n\nChina is locked in a pricing war with the\nUnited States.\n\nA four -day visit starts on Monday.\n\nChina is locked in a pricing war with the United States.\n";
    std::fs::write(p.join("old.md"), moved).unwrap();
    std::fs::remove_file(p.join("new.md")).unwrap();
    let out = mtlint(
        p,
        &with_rules(&["--baseline", "baseline.json", "--format", "json", "."]),
    );
    assert_eq!(
        json_diagnostics(&out),
        [("old.md".to_string(), "pricing war".to_string(), 10)]
    );
}

#[test]
fn bad_baselines_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("a.md"), "A pricing war.\n").unwrap();
    std::fs::write(
        p.join("b.json"),
        "{\n  \"version\": 1,\n  \"findings\": [ 3 ]\n}\n",
    )
    .unwrap();
    let out = mtlint(p, &with_rules(&["--baseline", "b.json", "a.md"]));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("b.json:3:"), "{err}");
    assert!(err.contains("not a valid mtlint baseline"), "{err}");

    let out = mtlint(p, &with_rules(&["--baseline", "missing.json", "a.md"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read baseline"));

    let out = mtlint(
        p,
        &["--baseline", "b.json", "--write-baseline", "c.json", "a.md"],
    );
    assert_eq!(out.status.code(), Some(2));
}
