//! `--format json`: the DESIGN §7 document, streamed one document at a time; also the claim,
//! finding and span objects that `jsonl` and `numcheck claims --format json` share.

use super::{DocReport, ReportWriter, Stats, Totals};
use crate::claim::{Claim, Value};
use crate::document::{Document, Location, Span};
use crate::finding::Finding;
use serde_json::{json, Map, Value as Json};
use std::io::{self, Write};

/// A float for JSON: integers (within float noise) as integers, others rounded to 12
/// significant digits so `1.71 * 1e10` prints as `17100000000`, not `17100000000.000002`.
pub fn number(v: f64) -> Json {
    if !v.is_finite() {
        return Json::Null;
    }
    let r = v.round();
    if (v - r).abs() <= 1e-9 * v.abs().max(1.0) && r.abs() < 9.0e15 {
        // In range and integral: exact as i64.
        return Json::from(r as i64);
    }
    let rounded: f64 = format!("{v:.11e}").parse().unwrap_or(v);
    serde_json::Number::from_f64(rounded)
        .map(Json::Number)
        .unwrap_or(Json::Null)
}

/// The DESIGN §7 span object: byte offsets plus 1-based lines and character columns.
pub fn span(doc: &Document, span: Span) -> Json {
    let Location {
        start,
        end,
        line,
        column,
        end_line,
        end_column,
    } = doc.locate(span);
    json!({
        "start": start, "end": end, "line": line, "column": column,
        "end_line": end_line, "end_column": end_column,
    })
}

/// The source text of a span, or empty when the span does not fit the text (never panics).
pub fn slice(doc: &Document, s: Span) -> &str {
    doc.text.get(s.start..s.end).unwrap_or("")
}

/// A span that is safe to locate: clamped to the text and to character boundaries.
pub fn clamp(doc: &Document, s: Span) -> Span {
    let fix = |mut i: usize| {
        i = i.min(doc.text.len());
        while !doc.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = fix(s.start);
    Span::new(start, fix(s.end).max(start))
}

/// One claim as DESIGN §7 prints it, plus `segment`, `direction`, `precision`, `bounds`
/// (each end as written) and `notes`. Points carry `value`, ranges `low` and `high`,
/// dates and periods `value: null`.
pub fn claim(doc: &Document, c: &Claim) -> Json {
    let cs = clamp(doc, c.span);
    let mut m = Map::new();
    m.insert("id".into(), json!(c.id));
    m.insert("text".into(), json!(slice(doc, cs)));
    m.insert("span".into(), span(doc, cs));
    m.insert("kind".into(), json!(c.kind));
    match &c.value {
        Value::Point(n) => {
            m.insert("value".into(), number(n.value));
            m.insert("precision".into(), number(n.step));
        }
        Value::Range { low, high } => {
            m.insert("low".into(), number(low.value));
            m.insert("high".into(), number(high.value));
            m.insert("precision".into(), number(low.step.max(high.step)));
        }
        Value::None => {
            m.insert("value".into(), Json::Null);
        }
    }
    m.insert("unit".into(), json!(c.unit.as_ref().map(|u| &u.code)));
    m.insert("magnitude".into(), json!(c.magnitude));
    m.insert("hedge".into(), json!(c.hedge.as_ref().map(|h| &h.text)));
    m.insert("hedge_kind".into(), json!(c.hedge.as_ref().map(|h| h.kind)));
    m.insert("direction".into(), json!(c.direction));
    m.insert("period".into(), json!(c.period));
    m.insert("subject".into(), json!(c.subject));
    m.insert("segment".into(), json!(c.segment));
    m.insert("metric".into(), json!(c.metric));
    let bounds: Vec<Json> = c
        .bounds
        .iter()
        .map(|b| {
            let bs = clamp(doc, b.span);
            json!({
                "text": slice(doc, bs),
                "span": span(doc, bs),
                "value": number(b.num.value),
                "precision": number(b.num.step),
                "magnitude": b.magnitude,
                "unit": b.unit.as_ref().map(|u| &u.code),
            })
        })
        .collect();
    m.insert("bounds".into(), Json::Array(bounds));
    m.insert("notes".into(), json!(c.notes));
    Json::Object(m)
}

/// One finding as DESIGN §7 prints it, plus `stated`, `formula` and `tolerance`.
pub fn finding(doc: &Document, f: &Finding) -> Json {
    let fs = clamp(doc, f.span);
    let related: Vec<Json> = f
        .related
        .iter()
        .map(|r| {
            let rs = clamp(doc, r.span);
            json!({ "span": span(doc, rs), "text": slice(doc, rs), "message": r.message })
        })
        .collect();
    json!({
        "rule": f.rule.name,
        "code": f.rule.code,
        "severity": f.severity,
        "message": f.message,
        "span": span(doc, fs),
        "text": slice(doc, fs),
        "stated": f.stated,
        "expected": f.expected,
        "formula": f.formula,
        "tolerance": f.tolerance,
        "suggestion": f.suggestion,
        "related": related,
    })
}

/// The counts of DESIGN §7 `stats` (plus `unmatched` and `suppressed`).
pub fn stats(s: &Stats) -> Json {
    serde_json::to_value(s).unwrap_or(Json::Null)
}

/// The run summary object: documents, failed inputs and summed counts.
pub fn summary(t: &Totals) -> Json {
    let mut v = stats(&t.stats);
    if let Json::Object(m) = &mut v {
        m.insert("documents".into(), json!(t.documents));
        m.insert("failed".into(), json!(t.failed));
    }
    v
}

/// One document with its claims, findings and stats.
pub fn document(r: &DocReport) -> Json {
    json!({
        "path": r.doc.path,
        "claims": r.claims.iter().map(|c| claim(&r.doc, c)).collect::<Vec<_>>(),
        "findings": r.findings.iter().map(|f| finding(&r.doc, f)).collect::<Vec<_>>(),
        "stats": stats(&r.stats),
    })
}

/// Writes `v` pretty-printed, every line after the first indented by `indent` spaces, so a
/// streamed document nests inside the enclosing pretty output.
pub fn write_indented(out: &mut dyn Write, v: &Json, indent: usize) -> io::Result<()> {
    let text = serde_json::to_string_pretty(v).map_err(io::Error::other)?;
    let pad = " ".repeat(indent);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            writeln!(out)?;
            out.write_all(pad.as_bytes())?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// A streaming writer of `{"version":1,"documents":[…],"errors":[…],"summary":{…}}`.
///
/// Only one document is held at a time, so memory stays flat over large batches. Inputs
/// that failed are listed in `errors` (`path`, `message`); `summary` totals the run.
#[derive(Debug, Default)]
pub struct JsonWriter {
    written: usize,
    errors: Vec<Json>,
}

impl JsonWriter {
    /// Shared by `numcheck claims --format json`: writes a document object in the array.
    pub(crate) fn write_item(&mut self, v: &Json, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.written == 0 {
            b"\n    "
        } else {
            b",\n    "
        })?;
        write_indented(out, v, 4)?;
        self.written += 1;
        Ok(())
    }

    /// Closes the documents array and writes `errors` and, when given, `summary`.
    pub(crate) fn close(&mut self, summary: Option<Json>, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.written == 0 { b"]" } else { b"\n  ]" })?;
        out.write_all(b",\n  \"errors\": ")?;
        write_indented(out, &Json::Array(std::mem::take(&mut self.errors)), 2)?;
        if let Some(s) = summary {
            out.write_all(b",\n  \"summary\": ")?;
            write_indented(out, &s, 2)?;
        }
        out.write_all(b"\n}\n")
    }

    /// Remembers a failed input for the `errors` array.
    pub(crate) fn push_error(&mut self, path: &str, error: &crate::error::Error) {
        self.errors
            .push(json!({ "path": path, "message": error.to_string() }));
    }
}

impl ReportWriter for JsonWriter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{\n  \"version\": 1,\n  \"documents\": [")
    }

    fn document(&mut self, report: &DocReport, out: &mut dyn Write) -> io::Result<()> {
        self.write_item(&document(report), out)
    }

    fn failure(
        &mut self,
        path: &str,
        error: &crate::error::Error,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        self.push_error(path, error);
        Ok(())
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        self.close(Some(summary(totals)), out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_integral_when_they_should_be() {
        assert_eq!(number(1.71 * 1e10).to_string(), "17100000000");
        assert_eq!(number(13.1).to_string(), "13.1");
        assert_eq!(number(0.1 + 0.2).to_string(), "0.3");
        assert_eq!(number(f64::NAN), Json::Null);
    }

    #[test]
    fn clamp_never_splits_a_character() {
        let doc = Document::new("t", "收入");
        let s = clamp(&doc, Span::new(1, 100));
        assert_eq!((s.start, s.end), (0, 6));
    }
}
