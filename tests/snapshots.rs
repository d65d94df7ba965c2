//! What users see, snapshotted: human, JSON and compact output on the seed article.
//! Review changes with `cargo insta review` (or the .snap.new files); never hand-edit.

mod common;

use common::mtlint;

fn output(args: &[&str]) -> String {
    let out = mtlint().args(args).output().expect("run mtlint");
    String::from_utf8(out.stdout).expect("utf-8 output")
}

const SEED: &str = "fixtures/seeds/mt-article-fr-en.txt";

#[test]
fn human_output_on_the_seed_article() {
    insta::assert_snapshot!(output(&["--from", "fr", "--color", "never", SEED]));
}

#[test]
fn json_output_on_the_seed_article() {
    insta::assert_snapshot!(output(&["--from", "fr", "--format", "json", SEED]));
}

#[test]
fn compact_output_on_the_seed_article() {
    insta::assert_snapshot!(output(&["--from", "fr", "--format", "compact", SEED]));
}
