//! Embeds every `rules/<pack>/*.toml` into the binary: the folder is the registry, so adding a
//! rule file adds a rule with no list to keep in sync.

use std::fs;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=rules");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut files = Vec::new();
    if let Ok(packs) = fs::read_dir(&root) {
        for pack in packs.flatten() {
            let pack_path = pack.path();
            if !pack_path.is_dir() {
                continue;
            }
            println!("cargo:rerun-if-changed={}", pack_path.display());
            let Ok(entries) = fs::read_dir(&pack_path) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "toml") {
                    let rel = format!(
                        "{}/{}",
                        pack.file_name().to_string_lossy(),
                        entry.file_name().to_string_lossy()
                    );
                    files.push((rel, path));
                }
            }
        }
    }
    files.sort();
    let mut out = String::from("&[\n");
    for (rel, path) in &files {
        out.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    out.push_str("]\n");
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_rules.rs");
    fs::write(dest, out).expect("write builtin_rules.rs");
}
