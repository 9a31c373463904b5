//! `--format concise`: `path:line:col: severity CODE rule: message`, one line per finding,
//! then one summary line with the coverage.

use super::{json::clamp, text, DocReport, ReportWriter, Totals};
use std::io::{self, Write};

/// The one-line-per-finding writer.
#[derive(Debug, Default)]
pub struct ConciseWriter;

impl ReportWriter for ConciseWriter {
    fn document(&mut self, r: &DocReport, out: &mut dyn Write) -> io::Result<()> {
        for f in &r.findings {
            let loc = r.doc.locate(clamp(&r.doc, f.span));
            writeln!(
                out,
                "{}:{}:{}: {} {} {}: {}",
                r.doc.path,
                loc.line,
                loc.column,
                f.severity,
                f.rule.code,
                f.rule.name,
                text::one_line(&f.message)
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
        writeln!(out, "failed: {}", text::failure(path, error))
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "summary: {}", text::summary(totals))
    }
}
