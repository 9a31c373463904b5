//! `--format jsonl`: one JSON object per line, `{"type", "path", "data"}`, streamed per document.
//!
//! Per document: `begin` (path), every `claim`, every `finding`, `end` (stats); failed
//! inputs give an `error` line; the run ends with one `summary` line.

use super::{json, DocReport, ReportWriter, Totals};
use serde::Serialize;
use serde_json::json as j;
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

impl ReportWriter for JsonlWriter {
    fn document(&mut self, r: &DocReport, out: &mut dyn Write) -> io::Result<()> {
        let path = Some(r.doc.path.as_str());
        line(out, "begin", path, j!({ "path": r.doc.path }))?;
        for c in &r.claims {
            line(out, "claim", path, json::checked_claim(r, c))?;
        }
        for f in &r.findings {
            line(out, "finding", path, json::finding(&r.doc, f))?;
        }
        line(
            out,
            "end",
            path,
            json::EndJson {
                path: &r.doc.path,
                stats: r.stats,
            },
        )
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
