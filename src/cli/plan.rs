//! Turns flags and `numcheck.toml` into one plain plan for a run; flags override the file.

use super::{CheckArgs, InputArgs};
use crate::config::{self, parse_fail_on, rule_code, Config};
use crate::error::Error;
use crate::finding::Severity;
use crate::input::InputFormat;
use crate::reference::Reference;
use crate::report::{ClaimsFormat, Format};
use crate::settings::{Date, Settings};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// More worker threads than this only costs memory: checking is CPU-bound.
const MAX_JOBS: usize = 512;

/// Everything a run needs, with no clap types left.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Rule selection, severities, article date, fail-on.
    pub settings: Settings,
    /// Reference paths layered over the bundled data, config's first.
    pub references: Vec<PathBuf>,
    /// Load the bundled reference data.
    pub bundled: bool,
    /// How inputs are laid out.
    pub input_format: InputFormat,
    /// Replace invalid UTF-8 instead of failing.
    pub lossy: bool,
    /// Threads that check and write, 0 = one per core.
    pub jobs: usize,
    /// Report file, or stdout.
    pub output: Option<PathBuf>,
    /// Inputs as given.
    pub paths: Vec<String>,
}

/// The `check` output format named `s`.
pub fn check_format(s: &str) -> Result<Format, Error> {
    Ok(match s {
        "full" => Format::Full,
        "concise" => Format::Concise,
        "table" => Format::Table,
        "json" => Format::Json,
        "jsonl" => Format::Jsonl,
        "github" => Format::Github,
        "sarif" => Format::Sarif,
        "markdown" => Format::Markdown,
        "html" => Format::Html,
        _ => {
            return Err(Error::Usage(format!(
                "unknown format `{s}` (expected full, concise, table, json, jsonl, github, sarif, markdown or html)"
            )))
        }
    })
}

/// The `claims` output format named `s`.
pub fn claims_format(s: &str) -> Result<ClaimsFormat, Error> {
    Ok(match s {
        "table" => ClaimsFormat::Table,
        "json" => ClaimsFormat::Json,
        "csv" => ClaimsFormat::Csv,
        _ => {
            return Err(Error::Usage(format!(
                "unknown claims format `{s}` (expected table, json or csv)"
            )))
        }
    })
}

/// The configuration in force: `--config FILE`, else the nearest `numcheck.toml`.
fn load_config(explicit: Option<&str>) -> Result<Option<Config>, Error> {
    if let Some(p) = explicit {
        return config::load(Path::new(p)).map(Some);
    }
    let found = std::env::current_dir()
        .ok()
        .and_then(|d| config::discover(&d));
    found.map(|p| config::load(&p)).transpose()
}

/// Rule codes for `--select`/`--ignore` values, or an error naming the unknown one.
fn rule_codes(flag: &str, keys: &[String]) -> Result<Vec<String>, Error> {
    keys.iter()
        .filter(|k| !k.trim().is_empty())
        .map(|k| {
            rule_code(k.trim())
                .map(str::to_string)
                .map_err(|m| Error::Usage(format!("{flag}: {m}")))
        })
        .collect()
}

/// Builds the plan for `claims` (`check` = `None`) or `check`.
pub fn resolve(input: &InputArgs, check: Option<&CheckArgs>) -> Result<Plan, Error> {
    let cfg = load_config(input.config.as_deref())?.unwrap_or_default();
    let article_date = match &input.article_date {
        Some(s) => Some(
            s.parse::<Date>()
                .map_err(|m| Error::Usage(format!("--article-date: {m}")))?,
        ),
        None => cfg.article_date,
    };
    let input_format = match input.input_format.as_str() {
        "text" => InputFormat::Text,
        "jsonl" => InputFormat::Jsonl,
        s => {
            return Err(Error::Usage(format!(
                "unknown input format `{s}` (expected text or jsonl)"
            )))
        }
    };
    let mut settings = Settings {
        article_date,
        ..Settings::default()
    };
    if let Some(c) = check {
        settings.fail_on = match &c.fail_on {
            Some(s) => parse_fail_on(s).map_err(|m| Error::Usage(format!("--fail-on: {m}")))?,
            None => cfg.fail_on.unwrap_or(Some(Severity::Error)),
        };
        settings.select = if c.select.is_empty() {
            cfg.select.clone().unwrap_or_default()
        } else {
            rule_codes("--select", &c.select)?
        };
        settings.ignore = if c.ignore.is_empty() {
            cfg.ignore.clone().unwrap_or_default()
        } else {
            rule_codes("--ignore", &c.ignore)?
        };
        settings.severity = cfg.severity.clone();
    }
    let mut references = cfg.references.clone();
    references.extend(input.references.iter().map(PathBuf::from));
    let bundled = !(input.no_bundled_reference || cfg.no_bundled_reference.unwrap_or(false));
    if input.jobs > MAX_JOBS {
        return Err(Error::Usage(format!(
            "--jobs: {} is more threads than makes sense (at most {MAX_JOBS})",
            input.jobs
        )));
    }
    let mut paths = input.paths.clone();
    // With no path, read a pipe (`cat a.txt | numcheck check`), never wait on a terminal.
    if paths.is_empty() {
        if std::io::stdin().is_terminal() {
            return Err(Error::Usage(
                "no input: give files, directories or - for stdin (see --help)".into(),
            ));
        }
        paths.push("-".into());
    }
    Ok(Plan {
        settings,
        references,
        bundled,
        input_format,
        lossy: input.lossy,
        jobs: input.jobs,
        // `-o -` is stdout, as `-` is stdin for inputs.
        output: input
            .output
            .as_ref()
            .filter(|o| o.as_str() != "-")
            .map(PathBuf::from),
        paths,
    })
}

/// Loads the reference data the plan asks for; a malformed file fails the whole run.
pub fn load_reference(plan: &Plan) -> Result<Reference, Error> {
    let mut reference = if plan.bundled {
        Reference::bundled()
    } else {
        Reference::empty()
    };
    for p in &plan.references {
        reference.add_path(p)?;
    }
    Ok(reference)
}
