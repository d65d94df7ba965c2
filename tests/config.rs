//! The config file, repository walking, path lists, `--changed-since`, and the integration
//! commands (`init`, `completions`, `man`), run through the binary in temporary repositories.
#![allow(clippy::unwrap_used)] // tests may unwrap: a panic is a failed test

use std::path::Path;
use std::process::Command as StdCommand;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const ARTICLE: &str = "# Visit\n\nChina is in a pricing war with the United States and launched an \
economic rescue buoy. The stoké gas and the konbini shop were new.\n";

/// A user pack whose rule flags two words as untranslated leftovers.
const LEFTOVER_RULE: &str = r#"summary = "Flags leftover source-language words."
severity = "warning"
category = "untranslated"
message = "`{found}` looks untranslated"

[existence]
phrases = ["stoké", "konbini"]

[[example]]
bad = "The [[konbini]] was open."

[[example]]
good = "The shop was open."
"#;

const CONFIG: &str = r#"from = "fr"
rules = ["house"]
exclude = ["archive"]
vocabulary = ["Stoké"]

[overrides]
"fr-en/pricing-war" = "off"
"fr-en/rescue-buoy" = "error"
"#;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn git(root: &Path, args: &[&str]) {
    let status = StdCommand::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(root)
        .output()
        .unwrap();
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

/// A content repository: a config (disabled rule, severity override, excluded folder, accepted
/// word, user pack) and a .gitignore.
fn repo() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q"]);
    write(root, ".mtlint.toml", CONFIG);
    write(root, ".gitignore", "ignored/\n");
    write(root, "house/leftover.toml", LEFTOVER_RULE);
    write(root, "articles/a.md", ARTICLE);
    write(root, "archive/old.md", ARTICLE);
    write(root, "ignored/gen.md", ARTICLE);
    dir
}

fn mtlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mtlint").unwrap();
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

/// Runs with `--format json`; returns the report and the exit code.
fn json(dir: &Path, args: &[&str]) -> (Value, i32) {
    let out = mtlint(dir)
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: stdout {} stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (report, out.status.code().unwrap())
}

fn paths(report: &Value) -> Vec<String> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

/// `(rule, severity, text)` of a file's diagnostics.
fn found(report: &Value, path: &str) -> Vec<(String, String, String)> {
    let file = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("{path} not in {report}"));
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                d["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn triple(rule: &str, severity: &str, text: &str) -> (String, String, String) {
    (rule.into(), severity.into(), text.into())
}

#[test]
fn every_config_setting_takes_effect() {
    let dir = repo();
    let (report, code) = json(dir.path(), &[]);
    // `archive` is excluded by the config, `ignored/` by .gitignore.
    assert_eq!(paths(&report), ["articles/a.md"]);
    assert_eq!(
        found(&report, "articles/a.md"),
        [
            // pricing-war is off; rescue-buoy is raised to error; `stoké` is accepted
            // vocabulary, `konbini` is not.
            triple("fr-en/rescue-buoy", "error", "economic rescue buoy"),
            triple("house/leftover", "warning", "konbini"),
        ]
    );
    assert_eq!(code, 1);

    // The same files without the config: every setting undone.
    let (report, _) = json(
        dir.path(),
        &["--no-config", "--from", "fr", "--rules", "house"],
    );
    assert_eq!(paths(&report), ["archive/old.md", "articles/a.md"]);
    assert_eq!(
        found(&report, "articles/a.md"),
        [
            triple("fr-en/pricing-war", "warning", "pricing war"),
            triple("fr-en/rescue-buoy", "warning", "economic rescue buoy"),
            triple("core/untranslated-word", "warning", "stoké"),
            triple("house/leftover", "warning", "stoké"),
            triple("house/leftover", "warning", "konbini"),
        ]
    );
}

#[test]
fn vocabulary_matches_whole_words_only() {
    let dir = repo();
    write(
        dir.path(),
        "articles/a.md",
        "The Stokés and the STOKÉ gas.\n",
    );
    let (report, _) = json(dir.path(), &[]);
    // `Stokés` is another word; `STOKÉ` is the accepted word in other casing.
    assert_eq!(found(&report, "articles/a.md"), []);
    write(dir.path(), "articles/a.md", "A konbini-stoké shop.\n");
    let (report, _) = json(dir.path(), &[]);
    assert_eq!(
        found(&report, "articles/a.md"),
        [triple("house/leftover", "warning", "konbini")]
    );
}

#[test]
fn command_line_flags_win_over_the_config() {
    let dir = repo();
    let (report, _) = json(
        dir.path(),
        &[
            "--enable",
            "fr-en/pricing-war",
            "--disable",
            "house/leftover",
        ],
    );
    assert_eq!(
        found(&report, "articles/a.md"),
        [
            triple("fr-en/pricing-war", "warning", "pricing war"),
            triple("fr-en/rescue-buoy", "error", "economic rescue buoy"),
        ]
    );
}

#[test]
fn from_on_the_command_line_replaces_the_configs() {
    let dir = repo();
    let (report, _) = json(dir.path(), &["--from", "es"]);
    assert_eq!(
        found(&report, "articles/a.md"),
        [triple("house/leftover", "warning", "konbini")]
    );
}

#[test]
fn stdin_is_governed_by_the_config_of_its_given_name() {
    let dir = repo();
    let lint_stdin = |name: &str| {
        let out = mtlint(dir.path())
            .args(["--format", "json", "--stdin-filename", name, "-"])
            .write_stdin(ARTICLE)
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        found(&report, name)
    };
    assert_eq!(lint_stdin("articles/draft.md").len(), 2);
    // A config elsewhere governs a name under it.
    write(dir.path(), "other/.mtlint.toml", "");
    // (only the default packs: `core` still sees the untranslated `stoké`)
    assert_eq!(
        lint_stdin("other/draft.md"),
        [triple("core/untranslated-word", "warning", "stoké")]
    );
}

#[test]
fn severity_override_decides_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "A four -day visit.\n");
    mtlint(dir.path()).assert().code(1);
    write(dir.path(), ".mtlint.toml", "[overrides]\ncore = \"info\"\n");
    let (report, code) = json(dir.path(), &[]);
    assert_eq!(
        found(&report, "a.txt"),
        [triple("core/hyphen-space", "info", "four -day")]
    );
    assert_eq!(code, 0);
}

#[test]
fn nearest_config_wins() {
    let dir = repo();
    // The nested config is used alone (configs are not merged): pricing-war is back on, the
    // root's severity override and vocabulary do not apply below it.
    write(dir.path(), "articles/fr/.mtlint.toml", "from = \"fr\"\n");
    write(dir.path(), "articles/fr/b.md", ARTICLE);
    let (report, _) = json(dir.path(), &[]);
    assert_eq!(paths(&report), ["articles/a.md", "articles/fr/b.md"]);
    assert_eq!(
        found(&report, "articles/fr/b.md"),
        [
            triple("fr-en/pricing-war", "warning", "pricing war"),
            triple("fr-en/rescue-buoy", "warning", "economic rescue buoy"),
            triple("core/untranslated-word", "warning", "stoké"),
        ]
    );
    assert_eq!(found(&report, "articles/a.md").len(), 2);

    // Linting from inside the nested folder finds the same config.
    let (report, _) = json(&dir.path().join("articles/fr"), &["b.md"]);
    assert_eq!(found(&report, "b.md").len(), 3);
}

#[test]
fn configs_sharing_rules_keep_their_own_vocabulary_and_globs() {
    // The two configs compile to one rule set; vocabulary and excludes stay per config.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "house/leftover.toml", LEFTOVER_RULE);
    for (folder, word) in [("one", "stoké"), ("two", "konbini")] {
        write(
            root,
            &format!("{folder}/.mtlint.toml"),
            &format!(
                "rules = [\"../house\"]\nvocabulary = [\"{word}\"]\nexclude = [\"skip-{folder}\"]\n"
            ),
        );
        write(
            root,
            &format!("{folder}/a.md"),
            "The stoké gas, the konbini shop.\n",
        );
        write(
            root,
            &format!("{folder}/skip-{folder}/a.md"),
            "The stoké gas.\n",
        );
    }
    let (report, _) = json(root, &["one", "two"]);
    assert_eq!(paths(&report), ["one/a.md", "two/a.md"]);
    assert_eq!(
        found(&report, "one/a.md"),
        [triple("house/leftover", "warning", "konbini")]
    );
    assert_eq!(
        found(&report, "two/a.md"),
        [
            triple("core/untranslated-word", "warning", "stoké"),
            triple("house/leftover", "warning", "stoké")
        ]
    );
}

#[test]
fn explicit_config_governs_every_file() {
    let dir = repo();
    write(dir.path(), "articles/fr/.mtlint.toml", "from = \"fr\"\n");
    write(dir.path(), "articles/fr/b.md", ARTICLE);
    write(
        dir.path(),
        "ci/strict.toml",
        "from = \"fr\"\n[overrides]\n\"fr-en\" = \"error\"\n",
    );
    let (report, _) = json(dir.path(), &["--config", "ci/strict.toml", "articles"]);
    for path in ["articles/a.md", "articles/fr/b.md"] {
        assert_eq!(
            found(&report, path),
            [
                triple("fr-en/pricing-war", "error", "pricing war"),
                triple("fr-en/rescue-buoy", "error", "economic rescue buoy"),
                triple("core/untranslated-word", "warning", "stoké"),
            ],
            "{path}"
        );
    }
    mtlint(dir.path())
        .args(["--config", "nope.toml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("nope.toml: cannot read config"));
}

#[test]
fn bad_config_is_an_error_pointing_into_it() {
    let dir = repo();
    write(
        dir.path(),
        ".mtlint.toml",
        "from = \"fr\"\nexclud = [\"archive\"]\n",
    );
    mtlint(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(".mtlint.toml:2:1"))
        .stderr(predicates::str::contains("unknown field `exclud`"));

    write(
        dir.path(),
        ".mtlint.toml",
        "from = \"fr\"\n[overrides]\n\"fr-en/pricing-wars\" = \"off\"\n",
    );
    mtlint(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(".mtlint.toml:3:1"))
        .stderr(predicates::str::contains(
            "unknown rule or pack `fr-en/pricing-wars`",
        ));

    write(dir.path(), ".mtlint.toml", "from = \"xx\"\n");
    mtlint(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(".mtlint.toml:1:8"))
        .stderr(predicates::str::contains(
            "no pack for source language `xx`",
        ));

    write(dir.path(), ".mtlint.toml", "rules = [\"missing\"]\n");
    mtlint(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(".mtlint.toml:1:10"))
        .stderr(predicates::str::contains("rule folder"));
}

#[test]
fn files_under_a_bad_config_are_reported_and_the_others_still_linted() {
    let dir = repo();
    write(dir.path(), "articles/fr/.mtlint.toml", "from = 3\n");
    write(dir.path(), "articles/fr/b.md", ARTICLE);
    let (report, code) = json(dir.path(), &[]);
    assert_eq!(code, 2);
    assert_eq!(found(&report, "articles/a.md").len(), 2);
    let b = &report["files"][1];
    assert_eq!(b["path"], "articles/fr/b.md");
    assert_eq!(
        b["error"],
        "not linted: articles/fr/.mtlint.toml has errors"
    );
}

#[test]
fn files_from_a_list_or_stdin() {
    let dir = repo();
    write(dir.path(), "articles/b.txt", "A four -day visit.\n");
    write(dir.path(), "articles/c.txt", "A four -day visit.\n");
    // The config still applies: `archive/old.md` is excluded even when listed.
    write(
        dir.path(),
        "list.txt",
        "articles/b.txt\r\n\narchive/old.md\narticles/a.md\n",
    );
    let (report, _) = json(dir.path(), &["--files-from", "list.txt"]);
    assert_eq!(paths(&report), ["articles/a.md", "articles/b.txt"]);

    let out = mtlint(dir.path())
        .args(["--format", "json", "--files-from", "-"])
        .write_stdin("articles/c.txt\n")
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(paths(&report), ["articles/c.txt"]);

    mtlint(dir.path())
        .args(["--files-from", "missing.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("missing.txt"));
    mtlint(dir.path())
        .args(["--files-from", "-", "-"])
        .assert()
        .code(2);
}

#[test]
fn changed_since_lints_changed_and_untracked_files_only() {
    let dir = repo();
    let root = dir.path();
    write(root, "articles/b.md", ARTICLE);
    write(root, "articles/gone.md", ARTICLE);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "first"]);
    write(root, "articles/b.md", "Changed: a pricing war.\n");
    std::fs::remove_file(root.join("articles/gone.md")).unwrap();
    write(root, "articles/new.md", "New: a pricing war.\n");
    write(root, "ignored/new.md", "Ignored: a pricing war.\n");
    let (report, _) = json(root, &["--changed-since", "HEAD"]);
    assert_eq!(paths(&report), ["articles/b.md", "articles/new.md"]);

    // Relative to a sub-folder, and limited to the paths given.
    let (report, _) = json(
        &root.join("articles"),
        &["--changed-since", "HEAD", "new.md", "a.md"],
    );
    assert_eq!(paths(&report), ["new.md"]);

    mtlint(root)
        .args(["--changed-since", "no-such-rev"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no-such-rev"));

    let plain = tempfile::tempdir().unwrap();
    mtlint(plain.path())
        .args(["--changed-since", "HEAD"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("needs a git repository"));
}

#[test]
fn init_writes_a_starter_config_once() {
    let dir = tempfile::tempdir().unwrap();
    mtlint(dir.path()).arg("init").assert().code(0);
    let written = std::fs::read_to_string(dir.path().join(".mtlint.toml")).unwrap();
    assert!(written.contains("[overrides]"));
    assert!(written.contains("# vocabulary = ["));
    // The starter config is valid as written.
    write(dir.path(), "a.txt", "A clean sentence.\n");
    mtlint(dir.path()).assert().code(0);

    std::fs::write(dir.path().join(".mtlint.toml"), "# mine\n").unwrap();
    mtlint(dir.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".mtlint.toml")).unwrap(),
        "# mine\n"
    );
}

#[test]
fn rules_listing_follows_the_config() {
    let dir = repo();
    let out = mtlint(dir.path())
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let listing: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rule = |id: &str| {
        listing["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(rule("fr-en/pricing-war")["active"], false);
    assert_eq!(rule("fr-en/rescue-buoy")["active"], true);
    assert_eq!(rule("fr-en/rescue-buoy")["severity"], "error");
    assert_eq!(rule("house/leftover")["active"], true);
}

#[test]
fn completions_and_man_page_come_from_the_flags() {
    let dir = tempfile::tempdir().unwrap();
    let out = mtlint(dir.path())
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let script = String::from_utf8(out.stdout).unwrap();
    assert!(script.contains("_mtlint"), "{script}");
    assert!(script.contains("--changed-since"));

    let out = mtlint(dir.path()).arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH mtlint 1"), "{page}");
    assert!(page.contains("files\\-from"), "{page}");
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..30 {
        write(dir.path(), &format!("a{i:02}.txt"), "A clean sentence.\n");
    }
    mtlint(dir.path())
        .assert()
        .code(0)
        .stderr("")
        .stdout("no problems in 30 files\n");
}
