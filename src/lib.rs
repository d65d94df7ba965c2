//! mtlint: a linter for machine-translated English news.
//!
//! # Architecture
//!
//! Layers point one way, top to bottom; a lower module never imports a higher one.
//!
//! ```text
//! cli, run        flags → settings → discover → lint (parallel) → sort → report
//! ci              between lint and report: baseline, repo-wide checks, score, streaming, gates
//! fix             --fix/--diff: edits, fix-until-stable, atomic writes, diffs
//! suppress        inline `mtlint-disable` comments applied to a file's diagnostics
//! baseline        fingerprints that survive edits (rule, path, text, nearby words): --baseline
//! repo            checks across all files of a run (name spellings, repeated paragraphs)
//! profile         config + flags → compiled rule set and vocabulary, one per config
//! config          .mtlint.toml: discovery (nearest wins), include/exclude globs, overrides
//! score           quality score: weighted diagnostics per 1,000 words, weights from TOML
//! discover        paths / lists / git → the files to lint (.gitignore, config globs)
//! vocabulary      accepted words: drops untranslated/inconsistency diagnostics on them
//! progress        the progress bar of long runs on a terminal
//! parallel        parallel work handed over in input order (ndjson streams, order stays fixed)
//! source          bytes → checked UTF-8 text, kept exactly as read (BOM, CRLF)
//! document        text → prose + offset map back to the original bytes + blocks
//! rule            TOML packs → compiled rules; selection; RuleSet (one phrase automaton)
//! kinds           the engines rules use: existence, substitution, pattern, repetition, and the
//!                 document-level casing, variants, structure, untranslated (kinds/words: shared)
//! diagnostic      what was found, in original byte offsets
//! lexicon         the built-in English word list (ordinary words vs names)
//! span            byte spans, and the one place that derives lines and columns
//! report          human (codespan-reporting), json, compact, sarif, github, ndjson
//! ```
//!
//! # Vocabulary
//!
//! *rule*: one checked problem (id `pack/name`, docs, examples, one kind). *kind*: the engine a
//! rule uses. *pack*: a folder of rules. *document*: parsed input. *block*: a paragraph or
//! heading of a document. *span*: a byte range into the original file. *diagnostic*: one
//! problem found. *fix*: a replacement for a span.

pub mod baseline;
pub mod ci;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod fix;
pub mod kinds;
pub mod lexicon;
pub mod parallel;
pub mod profile;
pub mod progress;
pub mod repo;
pub mod report;
pub mod rule;
pub mod run;
pub mod score;
pub mod source;
pub mod span;
pub mod suppress;
pub mod vocabulary;
