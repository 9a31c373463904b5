//! `--format jsonl`: one JSON object per line, `{"type", "path", "data"}`, streamed per document.
//!
//! Per document: `begin` (path), every `claim`, every `finding`, `end` (stats); failed
//! inputs give an `error` line; the run ends with one `summary` line.

use super::{json, DocReport, ReportWriter, Totals};
use serde_json::{json as j, Value as Json};
use std::io::{self, Write};

/// The streaming JSON Lines writer.
#[derive(Debug, Default)]
pub struct JsonlWriter;

/// Writes one line `{"type": kind, "path": path?, "data": data}`.
fn line(out: &mut dyn Write, kind: &str, path: Option<&str>, data: Json) -> io::Result<()> {
    let mut v = j!({ "type": kind });
    if let (Some(p), Json::Object(m)) = (path, &mut v) {
        m.insert("path".into(), j!(p));
    }
    if let Json::Object(m) = &mut v {
        m.insert("data".into(), data);
    }
    serde_json::to_writer(&mut *out, &v).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

impl ReportWriter for JsonlWriter {
    fn document(&mut self, r: &DocReport, out: &mut dyn Write) -> io::Result<()> {
        let path = Some(r.doc.path.as_str());
        line(out, "begin", path, j!({ "path": r.doc.path }))?;
        for c in &r.claims {
            line(out, "claim", path, json::claim(&r.doc, c))?;
        }
        for f in &r.findings {
            line(out, "finding", path, json::finding(&r.doc, f))?;
        }
        line(
            out,
            "end",
            path,
            j!({ "path": r.doc.path, "stats": json::stats(&r.stats) }),
        )
    }

    fn failure(
        &mut self,
        path: &str,
        error: &crate::error::Error,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        line(
            out,
            "error",
            Some(path),
            j!({ "path": path, "message": error.to_string() }),
        )
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        line(out, "summary", None, json::summary(totals))
    }
}
