//! `numcheck rules` and `numcheck explain RULE`: the registry, printed for people.

use super::output::quiet_pipe;
use crate::checks::{find_rule, registry};
use crate::error::Error;
use std::io::Write;

/// Lists every rule: code, name, default severity, summary; one per line, aligned.
pub fn list() -> Result<u8, Error> {
    let rules: Vec<_> = registry().iter().map(|r| r.info()).collect();
    let width = rules.iter().map(|r| r.name.len()).max().unwrap_or(4).max(4);
    let mut out = std::io::stdout().lock();
    let mut text = format!(
        "{:<6} {:<width$} {:<8} SUMMARY\n",
        "CODE", "NAME", "DEFAULT"
    );
    for r in rules {
        text.push_str(&format!(
            "{:<6} {:<width$} {:<8} {}\n",
            r.code,
            r.name,
            r.severity.as_str(),
            r.summary
        ));
    }
    quiet_pipe(out.write_all(text.as_bytes()).and_then(|_| out.flush()))?;
    Ok(0)
}

/// Prints the documentation of the rule with this code or name.
pub fn explain(key: &str) -> Result<u8, Error> {
    let rule = find_rule(key)
        .ok_or_else(|| Error::Usage(format!("unknown rule `{key}` (see `numcheck rules`)")))?;
    let i = rule.info();
    let text = format!(
        "{} {} (default severity: {})\n{}\n\n{}\n",
        i.code,
        i.name,
        i.severity,
        i.summary,
        i.doc.trim_end()
    );
    let mut out = std::io::stdout().lock();
    quiet_pipe(out.write_all(text.as_bytes()).and_then(|_| out.flush()))?;
    Ok(0)
}
