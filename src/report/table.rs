//! `--format table`: one comfy-table of findings per document, then a coverage table.
//!
//! comfy-table measures cells with Unicode widths, so Chinese text stays aligned.

use super::{json::clamp, json::slice, text, DocReport, ReportWriter, Totals};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use std::io::{self, Write};

/// The table writer.
#[derive(Debug, Default)]
pub struct TableWriter;

/// A table with the preset every table of numcheck uses.
pub(crate) fn new_table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED);
    t.set_header(header.iter().copied());
    t
}

impl ReportWriter for TableWriter {
    fn document(&mut self, r: &DocReport, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "{}: {}",
            r.doc.path,
            text::count(r.findings.len(), "finding")
        )?;
        if r.findings.is_empty() {
            return Ok(());
        }
        let mut t = new_table(&[
            "location", "severity", "code", "rule", "text", "stated", "expected",
        ]);
        for f in &r.findings {
            let s = clamp(&r.doc, f.span);
            let loc = r.doc.locate(s);
            t.add_row(vec![
                format!("{}:{}:{}", r.doc.path, loc.line, loc.column),
                f.severity.to_string(),
                f.rule.code.to_string(),
                f.rule.name.to_string(),
                slice(&r.doc, s).to_string(),
                f.stated.clone().unwrap_or_default(),
                f.expected.clone().unwrap_or_default(),
            ]);
        }
        writeln!(out, "{t}")
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
        let s = &totals.stats;
        let mut t = new_table(&[
            "documents",
            "failed",
            "numeric mentions",
            "claims",
            "checked",
            "unmatched",
            "errors",
            "warnings",
            "infos",
            "suppressed",
        ]);
        t.add_row(
            [
                totals.documents,
                totals.failed,
                s.numeric_mentions,
                s.claims,
                s.checked,
                s.unmatched,
                s.errors,
                s.warnings,
                s.infos,
                s.suppressed,
            ]
            .map(|n| n.to_string()),
        );
        writeln!(out, "{t}")
    }
}
