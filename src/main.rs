//! The `mtlint` binary: parse flags, run, map to an exit code. Everything else is in the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = mtlint::cli::Cli::parse();
    mtlint::run::run(cli)
}
