//! `--format jsonl`: one JSON object per line, `{"type", "path", "data"}`, streamed per document.
//!
//! Per document: `begin` (path), every `claim`, every `finding`, `end` (stats); failed
//! inputs give an `error` line; the run ends with one `summary` line.

use super::emit::{self, Emitter};
use super::{json, DocRenderer, DocReport, ReportWriter, Totals};
use serde::Serialize;
use std::io::{self, Write};

/// The streaming JSON Lines writer.
#[derive(Debug, Default)]
pub struct JsonlWriter;

/// One line of output.
#[derive(Serialize)]
struct Line<'a, T: Serialize> {
    /// `begin`, `claim`, `finding`, `end`, `error` or `summary`.
    #[serde(rename = "type")]
    kind: &'a str,
    /// The document the line belongs to (absent on `summary`).
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    /// The object itself.
    data: T,
}

/// Writes one line `{"type": kind, "path": path?, "data": data}`.
fn line<T: Serialize>(
    out: &mut dyn Write,
    kind: &str,
    path: Option<&str>,
    data: T,
) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &Line { kind, path, data }).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

/// Opens a line `{"type":kind,"path":path,"data":` (the data follows, then [`end_line`]).
fn begin_line(out: &mut Vec<u8>, kind: &str, path: &str) {
    out.extend_from_slice(b"{\"type\":\"");
    out.extend_from_slice(kind.as_bytes());
    out.extend_from_slice(b"\",\"path\":");
    emit::escape_into(out, path);
    out.extend_from_slice(b",\"data\":");
}

/// Closes a line opened by [`begin_line`].
fn end_line(out: &mut Vec<u8>) {
    out.extend_from_slice(b"}\n");
}

/// Appends the lines of one document: `begin`, claims, findings, `end`.
pub fn render_document(r: &DocReport, out: &mut Vec<u8>) {
    let path = r.doc.path.as_str();
    begin_line(out, "begin", path);
    out.extend_from_slice(b"{\"path\":");
    emit::escape_into(out, path);
    out.push(b'}');
    end_line(out);
    for c in &r.claims {
        begin_line(out, "claim", path);
        json::emit_claim(&mut Emitter::new(out), &r.doc, c, r.verdict(c.id));
        end_line(out);
    }
    for f in &r.findings {
        begin_line(out, "finding", path);
        json::emit_finding(&mut Emitter::new(out), &r.doc, f);
        end_line(out);
    }
    begin_line(out, "end", path);
    let mut e = Emitter::new(out);
    e.begin_object();
    e.field_str("path", path);
    e.key("stats");
    json::emit_stats(&mut e, &r.stats);
    e.end_object();
    end_line(out);
}

/// Renders jsonl documents on worker threads (see [`DocRenderer`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct JsonlRenderer;

impl DocRenderer for JsonlRenderer {
    fn render(&self, report: &DocReport, out: &mut Vec<u8>) -> io::Result<()> {
        render_document(report, out);
        Ok(())
    }
}

impl ReportWriter for JsonlWriter {
    fn document(&mut self, r: &DocReport, out: &mut dyn Write) -> io::Result<()> {
        let mut buf = Vec::new();
        render_document(r, &mut buf);
        out.write_all(&buf)
    }

    fn renderer(&self) -> Option<Box<dyn DocRenderer>> {
        Some(Box::new(JsonlRenderer))
    }

    fn failure(
        &mut self,
        path: &str,
        error: &crate::error::Error,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        line(out, "error", Some(path), json::error(path, error))
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        line(out, "summary", None, json::summary(totals))
    }
}
