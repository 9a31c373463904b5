//! `--format github`: GitHub Actions workflow commands, one annotation per finding.
//!
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`; warnings use
//! `::warning`, infos `::notice`. Values are escaped as the Actions runner expects.

use super::{json::clamp, text, DocReport, ReportWriter, Totals};
use crate::finding::{Finding, Severity};
use std::io::{self, Write};

/// The workflow-command writer.
#[derive(Debug, Default)]
pub struct GithubWriter;

/// Escapes the message part of a workflow command: `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as data, plus `:` and `,` which delimit properties.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The command name for a severity.
fn command(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The annotation body: the message, then the arithmetic on the following lines.
fn body(f: &Finding) -> String {
    let mut s = f.message.clone();
    let parts = [
        ("stated", &f.stated),
        ("expected", &f.expected),
        ("formula", &f.formula),
        ("tolerance", &f.tolerance),
        ("suggestion", &f.suggestion),
    ];
    for (name, v) in parts {
        if let Some(v) = v {
            s.push_str(&format!("\n{name}: {v}"));
        }
    }
    s
}

impl ReportWriter for GithubWriter {
    fn document(&mut self, r: &DocReport, out: &mut dyn Write) -> io::Result<()> {
        for f in &r.findings {
            let loc = r.doc.locate(clamp(&r.doc, f.span));
            writeln!(
                out,
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                command(f.severity),
                escape_property(&r.doc.path),
                loc.line,
                loc.column,
                loc.end_line,
                loc.end_column,
                escape_property(&format!("{} {}", f.rule.code, f.rule.name)),
                escape_data(&body(f)),
            )?;
        }
        Ok(())
    }

    fn failure(
        &mut self,
        path: &str,
        error: &crate::error::Error,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        writeln!(
            out,
            "::error file={},title={}::{}",
            escape_property(path),
            escape_property("numcheck: input failed"),
            escape_data(&error.to_string())
        )
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        // A plain log line: it shows in the job log without adding an annotation.
        writeln!(out, "numcheck: {}", text::summary(totals))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_runner() {
        assert_eq!(escape_data("50%\r\nx:y,z"), "50%25%0D%0Ax:y,z");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
