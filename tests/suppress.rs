//! Inline suppression comments in Markdown and HTML: disable/enable regions, next-line, pack
//! names, comments inside code or script that must not count, and unknown ids reported.

#![allow(clippy::unwrap_used)] // test helpers: a panic is a failed test

use assert_cmd::Command;

/// `line:column rule` of each diagnostic, in order.
fn compact(path: &str) -> Vec<String> {
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .args(["--from", "fr", "--format", "compact", path])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let rest = l.strip_prefix(path).unwrap().trim_start_matches(':');
            let (pos, msg) = rest.split_once(": ").unwrap();
            let rule = msg.split_once('[').unwrap().1.split_once(']').unwrap().0;
            format!("{pos} {rule}")
        })
        .collect()
}

#[test]
fn markdown_directives() {
    assert_eq!(
        compact("fixtures/markdown/suppressed.md"),
        [
            "3:3 fr-en/pricing-war",
            // Only pricing-war is off here.
            "7:42 core/hyphen-space",
            "11:3 fr-en/pricing-war",
            // Line 14 is covered by disable-next-line; line 15 is not.
            "15:3 fr-en/pricing-war",
            // The unknown id, pointed at inside the comment.
            "17:27 mtlint/unknown-suppression",
            // `core` (a pack name) is off from line 17; the enable in the code block is code.
            "19:55 fr-en/pricing-war",
        ]
    );
}

#[test]
fn html_directives() {
    assert_eq!(
        compact("fixtures/html/suppressed.html"),
        [
            "1:6 fr-en/pricing-war",
            // After a bare disable, enabling one rule turns on that rule only; the
            // `mtlint-enable` inside <script> is script text.
            "7:35 core/hyphen-space",
            "10:35 core/hyphen-space",
            "11:6 fr-en/pricing-war",
            "12:6 mtlint/unknown-suppression",
        ]
    );
}

#[test]
fn unknown_suppression_json() {
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .args([
            "--format",
            "json",
            "--from",
            "fr",
            "fixtures/markdown/suppressed.md",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "mtlint/unknown-suppression")
        .unwrap()
        .clone();
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["text"], "fr-en/no-such-rule");
    assert_eq!(
        d["message"],
        "unknown rule or pack `fr-en/no-such-rule` in a suppression comment"
    );
}

#[test]
fn disabled_but_known_rules_are_not_unknown() {
    // A rule that exists but is not active in this run (no --from) is still a known id.
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("a.md");
    std::fs::write(
        &md,
        "<!-- mtlint-disable fr-en/pricing-war -->\n\nA pricing war.\n",
    )
    .unwrap();
    Command::cargo_bin("mtlint")
        .unwrap()
        .arg(&md)
        .assert()
        .code(0);
}
