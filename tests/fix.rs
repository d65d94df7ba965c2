//! `--fix`, `--fix-suggested` and `--diff`: expected text on the seed article (snapshots), a
//! second run changes nothing, markup is left intact, and a file that cannot be written is
//! reported without stopping the others.

#![allow(clippy::unwrap_used)] // test helpers: a panic is a failed test

use std::path::Path;

use assert_cmd::Command;

const SEED: &str = "fixtures/seeds/mt-article-fr-en.txt";

fn mtlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mtlint").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// A temp folder holding a copy of the seed article as `article.txt`.
fn seed_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    // Write the text rather than copy the file: a copy would keep the fixture's permissions.
    std::fs::write(dir.path().join("article.txt"), std::fs::read(SEED).unwrap()).unwrap();
    dir
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn fix_applies_safe_fixes_only_and_is_idempotent() {
    let dir = seed_copy();
    let out = mtlint(dir.path())
        .args(["--from", "fr", "--fix", "article.txt"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("fixed 1 problem in article.txt"),
        "{stderr}"
    );
    // Findings without a safe fix remain: exit 1.
    assert_eq!(out.status.code(), Some(1));
    let fixed = read(dir.path(), "article.txt");
    let seed = std::fs::read_to_string(SEED).unwrap();
    assert_eq!(fixed, seed.replace("four -day", "four-day"));
    insta::assert_snapshot!("seed_fix_safe", fixed);

    let out = mtlint(dir.path())
        .args(["--from", "fr", "--fix", "article.txt"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("fixed 0 problems in 0 files")
    );
    assert_eq!(read(dir.path(), "article.txt"), fixed);
}

#[test]
fn fix_suggested_applies_rewordings_and_is_idempotent() {
    let dir = seed_copy();
    let out = mtlint(dir.path())
        .args([
            "--from",
            "fr",
            "--fix-suggested",
            "--format",
            "compact",
            "article.txt",
        ])
        .output()
        .unwrap();
    let fixed = read(dir.path(), "article.txt");
    insta::assert_snapshot!("seed_fix_suggested", fixed);
    // What is left is reported against the fixed text: `pricing war` has two candidate
    // fixes, so an editor must choose.
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("article.txt:3:38: warning[fr-en/pricing-war]"),
        "{stdout}"
    );
    assert!(fixed.contains("economic lifeline") && fixed.contains("four-day"));

    let out = mtlint(dir.path())
        .args(["--from", "fr", "--fix-suggested", "article.txt"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("fixed 0 problems in 0 files")
    );
    assert_eq!(read(dir.path(), "article.txt"), fixed);
}

#[test]
fn diff_shows_changes_and_writes_nothing() {
    let dir = seed_copy();
    let before = read(dir.path(), "article.txt");
    let out = mtlint(dir.path())
        .args(["--from", "fr", "--fix-suggested", "--diff", "article.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(read(dir.path(), "article.txt"), before);
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(
        diff.starts_with("--- a/article.txt\n+++ b/article.txt\n"),
        "{diff}"
    );
    insta::assert_snapshot!("seed_diff_suggested", diff);
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("would fix 11 problems in 1 file")
    );

    // Nothing to fix: empty diff, exit 0.
    std::fs::write(dir.path().join("clean.md"), "A clean sentence.\n").unwrap();
    mtlint(dir.path())
        .args(["--diff", "clean.md"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn markup_is_left_intact() {
    let dir = tempfile::tempdir().unwrap();
    let md = "# A four -day visit\n\nXi starts a *four -day* visit, a four -day trip.\n\n\
              ```\nfour -day\n```\n\nCode `four -day` stays.\n";
    std::fs::write(dir.path().join("a.md"), md).unwrap();
    let html =
        "<p title=\"four -day\">Caf&eacute; &amp; a four -day visit<code>four -day</code>.</p>\n";
    std::fs::write(dir.path().join("a.html"), html).unwrap();
    mtlint(dir.path())
        .args(["--fix", "a.md", "a.html"])
        .assert()
        .code(0);
    assert_eq!(
        read(dir.path(), "a.md"),
        "# A four-day visit\n\nXi starts a *four-day* visit, a four-day trip.\n\n\
         ```\nfour -day\n```\n\nCode `four -day` stays.\n"
    );
    assert_eq!(
        read(dir.path(), "a.html"),
        "<p title=\"four -day\">Caf&eacute; &amp; a four-day visit<code>four -day</code>.</p>\n"
    );
}

#[test]
fn crlf_and_bom_survive_a_fix() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "\u{feff}A four -day\r\nvisit , then home.\r\n",
    )
    .unwrap();
    mtlint(dir.path()).args(["--fix", "a.md"]).assert().code(0);
    assert_eq!(
        read(dir.path(), "a.md"),
        "\u{feff}A four-day\r\nvisit, then home.\r\n"
    );
}

#[test]
fn read_only_file_is_reported_and_others_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let text = "A four -day visit.\n";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    std::fs::write(dir.path().join("b.txt"), text).unwrap();
    std::fs::write(dir.path().join("c.txt"), text).unwrap();
    let ro = dir.path().join("b.txt");
    let mut perms = std::fs::metadata(&ro).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&ro, perms).unwrap();
    // mtlint checks the permission bits itself, so this holds when tests run as root too
    // (where the OS would let the write through).
    let out = mtlint(dir.path()).args(["--fix", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("error: cannot fix b.txt: the file is read-only"),
        "{stderr}"
    );
    assert_eq!(read(dir.path(), "a.txt"), "A four-day visit.\n");
    assert_eq!(read(dir.path(), "b.txt"), text);
    assert_eq!(read(dir.path(), "c.txt"), "A four-day visit.\n");
    // The read-only file's diagnostic is still reported.
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("b.txt"), "{stdout}");
}

#[test]
fn vanished_file_is_reported_and_others_fixed() {
    // A file that disappears between reading and writing cannot be staged from a test
    // without a race; `fix::write_atomically` has a unit test for that case. Here: a named
    // file that is gone before the run.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "A four -day visit.\n").unwrap();
    let out = mtlint(dir.path())
        .args(["--fix", "--format", "json", "gone.txt", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let gone = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "gone.txt")
        .unwrap();
    assert_eq!(gone["error"], "no such file or folder");
    assert_eq!(read(dir.path(), "a.txt"), "A four-day visit.\n");
}

#[test]
fn stdin_can_be_diffed_but_not_fixed() {
    let dir = tempfile::tempdir().unwrap();
    mtlint(dir.path())
        .args(["--diff", "-"])
        .write_stdin("A four -day visit.\n")
        .assert()
        .code(1)
        .stdout("--- a/-\n+++ b/-\n@@ -1 +1 @@\n-A four -day visit.\n+A four-day visit.\n");
    let out = mtlint(dir.path())
        .args(["--fix", "-"])
        .write_stdin("A four -day visit.\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("standard input cannot be fixed in place; use --diff")
    );
}
