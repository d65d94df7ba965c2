//! Helpers shared by the integration tests.
#![allow(clippy::unwrap_used)] // test helpers: a panic is a test failure
#![allow(dead_code)] // each test binary uses a different subset

use std::path::{Path, PathBuf};

/// The repository root (tests run with paths relative to it).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `mtlint` run from the repository root.
pub fn mtlint() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_mtlint"));
    cmd.current_dir(root()).env_remove("NO_COLOR");
    cmd
}

/// Runs mtlint with `--format json` and parses the report.
pub fn json(args: &[&str]) -> (serde_json::Value, i32) {
    let out = mtlint()
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("run mtlint");
    let value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (value, out.status.code().unwrap_or(-1))
}

/// The diagnostics of the first file of a JSON report.
pub fn diagnostics(report: &serde_json::Value) -> Vec<serde_json::Value> {
    report["files"][0]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

pub fn read(path: impl AsRef<Path>) -> Vec<u8> {
    std::fs::read(root().join(path)).expect("read fixture")
}
