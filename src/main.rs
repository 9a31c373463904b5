//! The numcheck binary: parse arguments, run, exit with the code DESIGN §6 fixes.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    numcheck::cli::run(numcheck::cli::Args::parse())
}
