//! `numcheck.toml`: per-project settings, found in the current directory or a parent.
//!
//! ```toml
//! fail-on = "warning"                 # error | warning | info | never
//! select = ["NC101", "range-inverted"]
//! ignore = ["page-residue"]
//! reference = ["data/extra"]          # relative to this file; a string also works
//! article-date = 2025-11-20           # TOML date or "YYYY-MM-DD"
//! no-bundled-reference = false
//! [rules]
//! NC302 = "off"                       # error | warning | info | off; code or name
//! ```
//! Unknown keys and rule names are errors naming the key, the file and its line:column,
//! because a typo that silently does nothing is worse than a refusal.

use crate::checks::find_rule;
use crate::error::Error;
use crate::finding::Severity;
use crate::settings::Date;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name looked for.
pub const FILE_NAME: &str = "numcheck.toml";

/// The file as written, before validation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    fail_on: Option<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    reference: Option<Spanned<OneOrMany>>,
    article_date: Option<Spanned<toml::Value>>,
    no_bundled_reference: Option<bool>,
    rules: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
}

/// A path or a list of paths.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// A validated configuration. `None` fields were not set and leave the defaults.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The file it was read from.
    pub path: PathBuf,
    /// `fail-on`: `Some(None)` is `never`.
    pub fail_on: Option<Option<Severity>>,
    /// `select`, as rule codes.
    pub select: Option<Vec<String>>,
    /// `ignore`, as rule codes.
    pub ignore: Option<Vec<String>>,
    /// `reference`, resolved against the file's directory.
    pub references: Vec<PathBuf>,
    /// `article-date`.
    pub article_date: Option<Date>,
    /// `no-bundled-reference`.
    pub no_bundled_reference: Option<bool>,
    /// `[rules]`: severity by rule code, `None` = off.
    pub severity: BTreeMap<String, Option<Severity>>,
}

/// Parses a `--fail-on` / `fail-on` value: `Ok(None)` means never fail on findings.
pub fn parse_fail_on(s: &str) -> Result<Option<Severity>, String> {
    match s {
        "never" => Ok(None),
        _ => s.parse::<Severity>().map(Some).map_err(|_| {
            format!("unknown fail-on level `{s}` (expected error, warning, info or never)")
        }),
    }
}

/// The rule code for a code (any case) or name, or an error naming the unknown rule.
pub fn rule_code(key: &str) -> Result<&'static str, String> {
    find_rule(key)
        .map(|r| r.info().code)
        .ok_or_else(|| format!("unknown rule `{key}` (see `numcheck rules`)"))
}

/// The nearest `numcheck.toml` in `dir` or one of its parents.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Reads and validates a configuration file.
pub fn load(path: &Path) -> Result<Config, Error> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::Data {
        path: shown.clone(),
        line: None,
        column: None,
        message: crate::input::io_message(&e),
    })?;
    parse(&text, path)
}

/// Parses configuration `text` read from `path` (relative references resolve against its directory).
pub fn parse(text: &str, path: &Path) -> Result<Config, Error> {
    let shown = path.display().to_string();
    // Every error points into the file, at line:column when a span is known.
    let err = |span: Option<std::ops::Range<usize>>, message: String| {
        let (line, column) = match span {
            Some(r) => {
                let (l, c) = line_col(text, r.start);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        Error::Data {
            path: shown.clone(),
            line,
            column,
            message,
        }
    };
    let raw: Raw = toml::from_str(text).map_err(|e| err(e.span(), e.message().to_string()))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut cfg = Config {
        path: path.to_path_buf(),
        no_bundled_reference: raw.no_bundled_reference,
        ..Config::default()
    };
    if let Some(f) = raw.fail_on {
        cfg.fail_on = Some(parse_fail_on(f.get_ref()).map_err(|m| err(Some(f.span()), m))?);
    }
    let codes = |list: Vec<Spanned<String>>| -> Result<Vec<String>, Error> {
        list.into_iter()
            .map(|r| {
                rule_code(r.get_ref())
                    .map(str::to_string)
                    .map_err(|m| err(Some(r.span()), m))
            })
            .collect()
    };
    cfg.select = raw.select.map(codes).transpose()?;
    cfg.ignore = raw.ignore.map(codes).transpose()?;
    if let Some(r) = raw.reference {
        let paths = match r.into_inner() {
            OneOrMany::One(p) => vec![p],
            OneOrMany::Many(ps) => ps,
        };
        cfg.references = paths.into_iter().map(|p| base.join(p)).collect();
    }
    if let Some(d) = raw.article_date {
        let span = d.span();
        let s = match d.into_inner() {
            toml::Value::String(s) => s,
            toml::Value::Datetime(dt) => dt.to_string(),
            other => other.to_string(),
        };
        cfg.article_date = Some(s.parse::<Date>().map_err(|m| err(Some(span), m))?);
    }
    for (key, level) in raw.rules.unwrap_or_default() {
        let code = rule_code(key.get_ref()).map_err(|m| err(Some(key.span()), m))?;
        let sev = match level.get_ref().as_str() {
            "off" => None,
            s => Some(s.parse::<Severity>().map_err(|_| {
                err(
                    Some(level.span()),
                    format!("unknown rule level `{s}` (expected error, warning, info or off)"),
                )
            })?),
        };
        cfg.severity.insert(code.to_string(), sev);
    }
    Ok(cfg)
}

/// 1-based line and character column of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() as u64 + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..offset].chars().count() as u64 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Config, String> {
        parse(s, Path::new("proj/numcheck.toml")).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_every_key_and_resolves_references() {
        let cfg = parse_str(
            "fail-on = \"never\"\nreference = \"extra\"\narticle-date = 2025-11-20\nno-bundled-reference = true\n",
        )
        .unwrap();
        assert_eq!(cfg.fail_on, Some(None));
        assert_eq!(cfg.references, vec![PathBuf::from("proj/extra")]);
        assert_eq!(cfg.article_date.unwrap().to_string(), "2025-11-20");
        assert_eq!(cfg.no_bundled_reference, Some(true));
        let cfg = parse_str("article-date = \"2024-02-29\"\nreference = [\"a\", \"b\"]").unwrap();
        assert_eq!(cfg.article_date.unwrap().to_string(), "2024-02-29");
        assert_eq!(cfg.references.len(), 2);
    }

    #[test]
    fn unknown_key_is_named_with_line_and_column() {
        let e = parse_str("fail-on = \"error\"\n  fail_level = 3\n").unwrap_err();
        assert!(e.starts_with("proj/numcheck.toml:2:3: "), "{e}");
        assert!(e.contains("fail_level"), "{e}");
        assert!(!e.contains('\n'));
    }

    #[test]
    fn bad_values_are_named() {
        let e = parse_str("fail-on = \"sometimes\"").unwrap_err();
        assert!(e.starts_with("proj/numcheck.toml:1:11: "), "{e}");
        assert!(e.contains("sometimes"), "{e}");
        let e = parse_str("article-date = \"2025-02-30\"").unwrap_err();
        assert!(e.contains("2025-02-30"), "{e}");
    }

    #[test]
    fn unknown_rule_names_are_named() {
        let e = parse_str("[rules]\nNC999 = \"off\"").unwrap_err();
        assert!(
            e.starts_with("proj/numcheck.toml:2:1: unknown rule `NC999`"),
            "{e}"
        );
        let e = parse_str("select = [\"no-such-rule\"]").unwrap_err();
        assert!(e.contains("`no-such-rule`"), "{e}");
    }

    #[test]
    fn fail_on_levels() {
        assert_eq!(parse_fail_on("warning"), Ok(Some(Severity::Warning)));
        assert_eq!(parse_fail_on("never"), Ok(None));
        assert!(parse_fail_on("fatal").is_err());
    }
}
