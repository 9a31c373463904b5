//! Command-line interface: the only place clap appears; turns arguments into plain settings and runs.
//!
//! Skeleton: the CLI helper fills in formats, batch input and configuration.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// numcheck: fact-checks the numbers in news articles.
#[derive(Debug, Parser)]
#[command(name = "numcheck", version, about)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check articles and report what does not add up.
    Check {
        /// Files, directories or - for stdin.
        paths: Vec<String>,
    },
    /// Show the claims the extractor found.
    Claims {
        /// Files, directories or - for stdin.
        paths: Vec<String>,
    },
}

/// Runs the parsed command and returns the process exit code.
pub fn run(args: Args) -> ExitCode {
    let _ = args;
    ExitCode::SUCCESS
}
