//! The command line as users see it: what the seed articles produce, exit codes, error paths.

mod common;

use common::{diagnostics, json, mtlint};
use predicates::prelude::*;

const MT_SEED: &str = "fixtures/seeds/mt-article-fr-en.txt";
const CLEAN_SEED: &str = "fixtures/seeds/clean-article-with-dangling-headlines.txt";

/// (rule, flagged text, first suggested replacement) of every diagnostic.
fn found(report: &serde_json::Value) -> Vec<(String, String, Option<String>)> {
    diagnostics(report)
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default().to_string(),
                d["text"].as_str().unwrap_or_default().to_string(),
                d["fixes"][0]["replacement"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn seed_article_flags_the_issue_2_artifacts_with_suggestions() {
    let (report, code) = json(&["--from", "fr", MT_SEED]);
    assert_eq!(code, 1);
    let found = found(&report);
    let expect = [
        ("core/hyphen-space", "four -day", Some("four-day")),
        ("fr-en/pricing-war", "pricing war", Some("trade war")),
        (
            "fr-en/rescue-buoy",
            "economic rescue buoy",
            Some("economic lifeline"),
        ),
        (
            "fr-en/german-of-nazi",
            "the German of Nazi",
            Some("Nazi Germany"),
        ),
        (
            "fr-en/kremlin-aide",
            "a better assistant",
            Some("a top aide"),
        ),
        (
            "fr-en/kremlin-aide",
            "the best assistant",
            Some("a top aide"),
        ),
    ];
    for (rule, text, fix) in expect {
        assert!(
            found
                .iter()
                .any(|(r, t, f)| r == rule && t == text && f.as_deref() == fix),
            "missing {rule} on {text:?} with fix {fix:?}; found {found:#?}"
        );
    }
}

#[test]
fn without_from_the_french_pack_stays_off() {
    let (report, _) = json(&[MT_SEED]);
    assert!(
        found(&report)
            .iter()
            .all(|(rule, _, _)| !rule.starts_with("fr-en/"))
    );
}

#[test]
fn clean_article_body_gets_no_warning_or_error() {
    let text = String::from_utf8(common::read(CLEAN_SEED)).unwrap();
    let body_end = text.find("Ohio Man Indicted").unwrap();
    let (report, _) = json(&["--pack", "all", CLEAN_SEED]);
    for d in diagnostics(&report) {
        let start = d["start"].as_u64().unwrap() as usize;
        assert!(
            start >= body_end || d["severity"] == "info",
            "diagnostic in the article body: {d}"
        );
    }
}

#[test]
fn clean_stdin_exits_zero() {
    mtlint()
        .arg("-")
        .write_stdin("A clean sentence.\n")
        .assert()
        .code(0);
}

#[test]
fn stdin_is_linted_under_its_given_name() {
    mtlint()
        .args(["--format", "compact", "--stdin-filename", "draft.txt", "-"])
        .write_stdin("They met the the minister.\n")
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "draft.txt:1:10: warning[core/doubled-word]",
        ));
}

#[test]
fn fail_on_error_ignores_warnings() {
    mtlint()
        .args(["--fail-on", "error", "-"])
        .write_stdin("They met the the minister.\n")
        .assert()
        .code(0);
}

#[test]
fn broken_toml_rule_file_exits_2_with_position() {
    mtlint()
        .args([
            "--rules",
            "fixtures/rule-packs/broken-toml",
            "--color",
            "never",
            "-",
        ])
        .write_stdin("A clean sentence.\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "fixtures/rule-packs/broken-toml/unclosed.toml:3:",
        ));
}

#[test]
fn bad_regex_exits_2_with_position() {
    mtlint()
        .args([
            "--rules",
            "fixtures/rule-packs/bad-regex",
            "--color",
            "never",
            "-",
        ])
        .write_stdin("A clean sentence.\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid regex"))
        .stderr(predicate::str::contains(
            "fixtures/rule-packs/bad-regex/bad-regex.toml:6:9",
        ));
}

#[test]
fn broken_rules_still_lint_with_the_rest() {
    mtlint()
        .args([
            "--rules",
            "fixtures/rule-packs/bad-regex",
            "--format",
            "compact",
            "-",
        ])
        .write_stdin("They met the the minister.\n")
        .assert()
        .code(2)
        .stdout(predicate::str::contains("core/doubled-word"));
}

#[test]
fn user_pack_has_the_power_of_a_built_in_one() {
    mtlint()
        .args([
            "--rules",
            "fixtures/rule-packs/good-pack",
            "--format",
            "compact",
            "--fail-on",
            "info",
            "-",
        ])
        .write_stdin("Prices rose 3 percent.\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "info[good-pack/house-style]: house style writes `per cent`",
        ));
    mtlint()
        .args(["test", "fixtures/rule-packs/good-pack"])
        .assert()
        .code(0);
}

#[test]
fn duplicate_user_rule_ids_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a/good-pack", "b/good-pack"] {
        let d = dir.path().join(sub);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::copy(
            common::root().join("fixtures/rule-packs/good-pack/house-style.toml"),
            d.join("house-style.toml"),
        )
        .unwrap();
    }
    mtlint()
        .args(["--rules"])
        .arg(dir.path().join("a"))
        .arg("--rules")
        .arg(dir.path().join("b"))
        .arg("-")
        .write_stdin("ok\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "duplicate rule id `good-pack/house-style`",
        ));
}

#[test]
fn missing_path_and_invalid_utf8_are_per_file_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"caf\xe9 the the\n").unwrap();
    std::fs::write(dir.path().join("ok.txt"), "They met the the minister.\n").unwrap();
    std::fs::write(dir.path().join("blob.txt"), b"\0\x01binary").unwrap();
    let out = mtlint()
        .arg(dir.path())
        .arg("no/such/file.txt")
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = report["files"].as_array().unwrap();
    let by_name = |name: &str| {
        files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .unwrap()
    };
    assert!(
        by_name("latin1.txt")["error"]
            .as_str()
            .unwrap()
            .contains("not valid UTF-8")
    );
    assert!(
        by_name("file.txt")["error"]
            .as_str()
            .unwrap()
            .contains("no such file")
    );
    assert!(by_name("blob.txt")["error"].is_null());
    assert_eq!(
        by_name("ok.txt")["diagnostics"].as_array().unwrap().len(),
        1
    );
}

#[test]
fn unknown_source_language_is_a_usage_error() {
    mtlint()
        .args(["--from", "xx", "-"])
        .write_stdin("ok\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no pack for source language `xx`"));
}

#[test]
fn disable_and_enable() {
    mtlint()
        .args(["--disable", "core/doubled-word", "-"])
        .write_stdin("They met the the minister.\n")
        .assert()
        .code(0);
    mtlint()
        .args(["--enable", "fr-en/pricing-war", "--format", "compact", "-"])
        .write_stdin("A pricing war.\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("fr-en/pricing-war"));
}

#[test]
fn rules_json_lists_rules_with_example_counts() {
    let out = mtlint()
        .args(["rules", "--format", "json", "--from", "fr"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = v["rules"].as_array().unwrap();
    let rule = rules
        .iter()
        .find(|r| r["id"] == "fr-en/pricing-war")
        .unwrap();
    assert_eq!(rule["pack"], "fr-en");
    assert_eq!(rule["kind"], "substitution");
    assert_eq!(rule["active"], true);
    assert!(rule["examples"]["bad"].as_u64().unwrap() >= 1);
    assert!(rule["examples"]["good"].as_u64().unwrap() >= 1);
}

#[test]
fn explain_shows_message_help_and_examples() {
    mtlint()
        .args(["explain", "fr-en/rescue-buoy"])
        .assert()
        .success()
        .stdout(predicate::str::contains("bouée de sauvetage"))
        .stdout(predicate::str::contains(
            "bad: China launched an [[economic rescue buoy]]",
        ));
    mtlint().args(["explain", "nope/nope"]).assert().code(2);
}

#[test]
fn test_subcommand_reports_failing_examples() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("mine");
    std::fs::create_dir(&pack).unwrap();
    std::fs::write(
        pack.join("wrong-span.toml"),
        "summary = 's'\nseverity = 'warning'\nmessage = 'm'\n[existence]\nphrases = ['pricing war']\n\
         [[example]]\nbad = 'a [[pricing]] war'\n[[example]]\ngood = 'a trade war'\n",
    )
    .unwrap();
    mtlint()
        .arg("test")
        .arg(&pack)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("mine/wrong-span"))
        .stdout(predicate::str::contains("expected: 2..9 \"pricing\""))
        .stdout(predicate::str::contains("actual:   2..13 \"pricing war\""));
}

#[test]
fn every_rule_file_error_names_file_line_and_column() {
    let cases = [
        ("unknown-field", "r.toml:4:1", "unknown field `sevrity`"),
        ("missing-field", "r.toml:1:1", "missing field `severity`"),
        ("unknown-kind", "r.toml:5:2", "unknown field `occurrence`"),
        ("bad-example", "r.toml:8:1", "`[[` without `]]`"),
        ("two-kinds", "r.toml:8:1", "several kind tables"),
        (
            "bad-placeholder",
            "r.toml:3:11",
            "unknown placeholder `{fonud}`",
        ),
    ];
    for (dir, position, message) in cases {
        let path = format!("fixtures/rule-packs/errors/{dir}");
        let out = mtlint()
            .args(["--rules", &path, "--color", "never", "-"])
            .write_stdin("ok\n")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{dir}: {stderr}");
        assert!(
            stderr.contains(&format!("{path}/{position}")),
            "{dir}: {stderr}"
        );
        assert!(stderr.contains(message), "{dir}: {stderr}");
        assert!(!stderr.contains("panicked"), "{dir}: {stderr}");
    }
}
