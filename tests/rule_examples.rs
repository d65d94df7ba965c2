//! Rule examples are tests: every built-in rule's bad examples are flagged at exactly their
//! marked spans, fixes give the `fixed` text, good examples stay clean. Also the conventions
//! every pack follows.

use std::collections::BTreeSet;

use mtlint::rule::set::Catalog;
use mtlint::rule::{ExampleKind, examples};

#[test]
fn built_in_packs_load_without_errors() {
    let (_, errors) = Catalog::builtin();
    let messages: Vec<String> = errors.iter().map(|e| e.one_line()).collect();
    assert!(messages.is_empty(), "{messages:#?}");
}

#[test]
fn every_built_in_example_passes() {
    let (catalog, _) = Catalog::builtin();
    let ids: BTreeSet<String> = catalog.rules.iter().map(|r| r.id.clone()).collect();
    let set = catalog.into_set(&ids);
    let outcome = examples::run(&set);
    assert!(outcome.rules > 0);
    let report: Vec<String> = outcome.failures.iter().map(|f| f.to_string()).collect();
    assert!(
        report.is_empty(),
        "{} failing examples:\n{}",
        report.len(),
        report.join("\n")
    );
}

#[test]
fn conventions_hold_for_every_rule() {
    let (catalog, _) = Catalog::builtin();
    for rule in &catalog.rules {
        let bad = rule
            .examples
            .iter()
            .filter(|e| matches!(e.kind, ExampleKind::Bad { .. }))
            .count();
        let good = rule.examples.len() - bad;
        assert!(
            bad >= 1 && good >= 1,
            "{}: needs bad and good examples",
            rule.id
        );
        assert!(
            !rule.summary.trim().is_empty(),
            "{}: empty summary",
            rule.id
        );
        assert!(
            !rule.message.ends_with('.'),
            "{}: messages do not end with a period",
            rule.id
        );
        assert!(
            catalog
                .packs
                .iter()
                .any(|p| p.name == rule.pack && !p.description.is_empty()),
            "{}: pack needs a _pack.toml description",
            rule.id
        );
    }
}

#[test]
fn every_source_pack_is_reachable_with_from() {
    let (catalog, _) = Catalog::builtin();
    for pack in catalog.packs.iter().filter(|p| p.name.ends_with("-en")) {
        let lang = pack.name.trim_end_matches("-en");
        assert_eq!(
            pack.source.as_deref(),
            Some(lang),
            "{} needs source = {lang:?}",
            pack.name
        );
    }
}

#[test]
fn generated_rule_docs_are_fresh() {
    let (catalog, _) = Catalog::builtin();
    let expected = mtlint::rule::reference(&catalog);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is out of date: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
}

#[test]
fn every_built_in_matcher_builds() {
    // Regexes are built on first use; make sure none of the shipped ones fails then.
    let (catalog, _) = Catalog::builtin();
    for rule in &catalog.rules {
        if let mtlint::kinds::Matcher::Check(check) = &rule.matcher {
            assert_eq!(check.prepare(), Ok(()), "{}", rule.id);
        }
    }
}
