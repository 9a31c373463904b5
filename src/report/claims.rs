//! `numcheck claims --format table|json|csv`: what the extractor found, without checking.

use super::emit::Emitter;
use super::{json, table::new_table, text, DocRenderer, DocReport, ReportWriter, Totals};
use crate::claim::{Claim, ClaimKind, Value};
use crate::document::Document;
use std::io::{self, Write};

/// The snake_case name of a claim kind, as JSON prints it.
fn kind_name(k: ClaimKind) -> String {
    json::kind_name(k).to_string()
}

/// One comfy-table per document: position, text, kind, value, unit and context.
#[derive(Debug, Default)]
pub struct ClaimsTableWriter;

impl ReportWriter for ClaimsTableWriter {
    fn document(&mut self, r: &DocReport, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "{}: {}, {}",
            r.doc.path,
            text::count(r.stats.numeric_mentions, "numeric mention"),
            text::count(r.claims.len(), "claim")
        )?;
        if r.claims.is_empty() {
            return Ok(());
        }
        let mut t = new_table(&[
            "line:col",
            "text",
            "kind",
            "value",
            "unit",
            "magnitude",
            "hedge",
            "period",
            "subject",
            "segment",
            "metric",
        ]);
        let opt = |s: Option<&String>| s.cloned().unwrap_or_default();
        for c in &r.claims {
            let s = json::clamp(&r.doc, c.span);
            let loc = r.doc.locate(s);
            t.add_row(vec![
                format!("{}:{}", loc.line, loc.column),
                json::slice(&r.doc, s).to_string(),
                kind_name(c.kind),
                text::claim_value(c),
                opt(c.unit.as_ref().map(|u| &u.code)),
                opt(c.magnitude.as_ref()),
                opt(c.hedge.as_ref().map(|h| &h.text)),
                opt(c.period.as_ref()),
                opt(c.subject.as_ref()),
                opt(c.segment.as_ref()),
                opt(c.metric.as_ref()),
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
        writeln!(
            out,
            "{}: {}, {}",
            text::count(totals.documents, "document"),
            text::count(totals.stats.numeric_mentions, "numeric mention"),
            text::count(totals.stats.claims, "claim")
        )
    }
}

/// Renders one document of `numcheck claims --format json`, `{"path","claims","stats"}`
/// with `stats` = `numeric_mentions` and `claims` only, after [`json::DOC_SEPARATOR`], in
/// the layout of [`json::JsonWriter`] (one claim per line); used on worker threads (see
/// [`DocRenderer`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct ClaimsJsonRenderer;

impl DocRenderer for ClaimsJsonRenderer {
    fn render(&self, r: &DocReport, out: &mut Vec<u8>) -> io::Result<()> {
        out.extend_from_slice(json::DOC_SEPARATOR);
        let mut e = Emitter::new(out);
        e.begin_object();
        e.field_str("path", &r.doc.path);
        e.key("claims");
        e.begin_array();
        for c in &r.claims {
            e.element_line();
            json::emit_claim(&mut e, &r.doc, c, None);
        }
        e.end_array_lines();
        e.key("stats");
        e.begin_object();
        e.field_uint("numeric_mentions", r.stats.numeric_mentions);
        e.field_uint("claims", r.claims.len());
        e.end_object();
        e.end_object();
        Ok(())
    }
}

/// `{"version":1,"documents":[{"path","claims":[…],"stats":{…}}],"errors":[…]}`, streamed,
/// with the same claim objects as `numcheck check --format json`.
#[derive(Debug, Default)]
pub struct ClaimsJsonWriter {
    inner: json::JsonWriter,
}

impl ReportWriter for ClaimsJsonWriter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.inner.begin(out)
    }

    fn document(&mut self, r: &DocReport, out: &mut dyn Write) -> io::Result<()> {
        self.inner.write_with(r, &ClaimsJsonRenderer, out)
    }

    fn renderer(&self) -> Option<Box<dyn DocRenderer>> {
        Some(Box::new(ClaimsJsonRenderer))
    }

    fn rendered<'a>(&mut self, bytes: &'a [u8]) -> &'a [u8] {
        self.inner.take_rendered(bytes)
    }

    fn failure(
        &mut self,
        path: &str,
        error: &crate::error::Error,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        self.inner.push_error(path, error);
        Ok(())
    }

    fn finish(&mut self, _totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        self.inner.close(None, out)
    }
}

/// One CSV row per claim, with a header; failed inputs are left to stderr.
#[derive(Debug, Default)]
pub struct ClaimsCsvWriter;

/// The CSV header, in column order.
pub const CSV_HEADER: [&str; 20] = [
    "path",
    "id",
    "line",
    "column",
    "end_line",
    "end_column",
    "start",
    "end",
    "text",
    "kind",
    "value",
    "low",
    "high",
    "unit",
    "magnitude",
    "hedge",
    "period",
    "subject",
    "segment",
    "metric",
];

/// One CSV record for a claim, in [`CSV_HEADER`] order.
fn csv_record(doc: &Document, c: &Claim) -> Vec<String> {
    let s = json::clamp(doc, c.span);
    let loc = doc.locate(s);
    let (value, low, high) = match &c.value {
        Value::Point(n) => (
            json::number(n.value).to_string(),
            String::new(),
            String::new(),
        ),
        Value::Range { low, high } => (
            String::new(),
            json::number(low.value).to_string(),
            json::number(high.value).to_string(),
        ),
        Value::None => Default::default(),
    };
    let opt = |s: Option<&String>| s.cloned().unwrap_or_default();
    vec![
        doc.path.clone(),
        c.id.to_string(),
        loc.line.to_string(),
        loc.column.to_string(),
        loc.end_line.to_string(),
        loc.end_column.to_string(),
        loc.start.to_string(),
        loc.end.to_string(),
        json::slice(doc, s).to_string(),
        kind_name(c.kind),
        value,
        low,
        high,
        opt(c.unit.as_ref().map(|u| &u.code)),
        opt(c.magnitude.as_ref()),
        opt(c.hedge.as_ref().map(|h| &h.text)),
        opt(c.period.as_ref()),
        opt(c.subject.as_ref()),
        opt(c.segment.as_ref()),
        opt(c.metric.as_ref()),
    ]
}

/// Writes one CSV record (quoted where needed) to `out`.
fn write_csv(out: &mut dyn Write, record: &[String]) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(record).map_err(io::Error::other)?;
    let bytes = w
        .into_inner()
        .map_err(|e| io::Error::other(e.to_string()))?;
    out.write_all(&bytes)
}

impl ReportWriter for ClaimsCsvWriter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write_csv(out, &CSV_HEADER.map(String::from))
    }

    fn document(&mut self, r: &DocReport, out: &mut dyn Write) -> io::Result<()> {
        for c in &r.claims {
            write_csv(out, &csv_record(&r.doc, c))?;
        }
        Ok(())
    }

    fn finish(&mut self, _totals: &Totals, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}
