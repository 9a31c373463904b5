//! Command-line interface: the only place clap appears; turns arguments into plain settings and runs.
//!
//! Exit codes (DESIGN §6), the same for every format: 0 nothing at or above `--fail-on`,
//! 1 findings at or above it, 2 usage, input or reference-data error. Errors are one line
//! on stderr; a closed stdout (broken pipe) ends the run quietly with 0.

mod ordered;
mod output;
mod pipeline;
mod plan;
mod progress;
mod rules;

use crate::error::Error;
use clap::{Args as ClapArgs, Parser, Subcommand};
use std::io::Write;
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
    Check(CheckArgs),
    /// Show the claims the extractor found.
    Claims(ClaimsArgs),
    /// List every rule: code, name, default severity and summary.
    Rules,
    /// Print one rule's documentation.
    Explain {
        /// Rule code (NC101) or name (range-magnitude-mismatch).
        rule: String,
    },
}

/// Flags shared by `check` and `claims`: what to read and how.
#[derive(Debug, Clone, ClapArgs)]
pub struct InputArgs {
    /// Files, directories (searched recursively for *.txt and *.md) or - for stdin.
    pub paths: Vec<String>,
    /// Publication date YYYY-MM-DD, resolving 今年, 去年 and dates without a year.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub article_date: Option<String>,
    /// Extra reference data (a CSV file or a directory), layered over the bundled data.
    #[arg(long = "reference", value_name = "PATH")]
    pub references: Vec<String>,
    /// Do not load the bundled reference data.
    #[arg(long)]
    pub no_bundled_reference: bool,
    /// How inputs are laid out: text (one article per file) or jsonl (`{"id","text"}` per line).
    #[arg(long, value_name = "text|jsonl", default_value = "text")]
    pub input_format: String,
    /// Replace invalid UTF-8 with U+FFFD instead of failing the file.
    #[arg(long)]
    pub lossy: bool,
    /// Threads that check and write (0 = one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub jobs: usize,
    /// Configuration file (default: numcheck.toml in the current directory or a parent).
    #[arg(long, value_name = "FILE")]
    pub config: Option<String>,
    /// Write the report to FILE (atomically: complete or not at all) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<String>,
}

/// `numcheck check`.
#[derive(Debug, Clone, ClapArgs)]
pub struct CheckArgs {
    /// Inputs and how to read them.
    #[command(flatten)]
    pub input: InputArgs,
    /// full, concise, table, json, jsonl, github, sarif, markdown or html.
    #[arg(long, short = 'f', default_value = "full")]
    pub format: String,
    /// Lowest severity that fails the run (exit 1): error, warning, info or never.
    #[arg(long, value_name = "LEVEL")]
    pub fail_on: Option<String>,
    /// Run only these rules (codes or names, comma separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    pub select: Vec<String>,
    /// Never run these rules (codes or names, comma separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    pub ignore: Vec<String>,
}

/// `numcheck claims`.
#[derive(Debug, Clone, ClapArgs)]
pub struct ClaimsArgs {
    /// Inputs and how to read them.
    #[command(flatten)]
    pub input: InputArgs,
    /// table, json or csv.
    #[arg(long, short = 'f', default_value = "table")]
    pub format: String,
}

/// Exit code for usage, input and reference-data errors.
const EXIT_ERROR: u8 = 2;

/// Parses the process arguments and runs; what `main` calls.
pub fn main() -> ExitCode {
    match Args::try_parse() {
        Ok(args) => run(args),
        Err(e) => clap_error(e),
    }
}

/// Help and version go to stdout with 0; usage errors become one line on stderr with 2.
fn clap_error(e: clap::Error) -> ExitCode {
    if !e.use_stderr() {
        // A closed stdout while printing help is not worth reporting.
        let _ = write!(std::io::stdout(), "{}", e.render());
        return ExitCode::SUCCESS;
    }
    let text = e.render().to_string();
    if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        // `numcheck` alone: the help is the most useful answer, but it is still a usage error.
        let _ = write!(std::io::stderr(), "{text}");
        return ExitCode::from(EXIT_ERROR);
    }
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("invalid arguments");
    let line = line.strip_prefix("error: ").unwrap_or(line);
    report_error(&Error::Usage(format!("{line} (see --help)")));
    ExitCode::from(EXIT_ERROR)
}

/// Prints one error line on stderr, ignoring a closed stderr.
fn report_error(e: &Error) {
    let _ = writeln!(std::io::stderr(), "numcheck: {e}");
}

/// Runs the parsed command and returns the process exit code.
pub fn run(args: Args) -> ExitCode {
    let result = match args.command {
        Command::Check(a) => pipeline::check(a),
        Command::Claims(a) => pipeline::claims(a),
        Command::Rules => rules::list(),
        Command::Explain { rule } => rules::explain(&rule),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            report_error(&e);
            ExitCode::from(EXIT_ERROR)
        }
    }
}
