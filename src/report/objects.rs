//! The claim and finding objects of the JSON reports, written from fixed text: every key,
//! with the separator before it, is one literal, so an object is a run of fixed-size
//! copies, numbers and string escapes.
//!
//! The objects are compact; `--format json` and `numcheck claims --format json` put each
//! on a line of its own, `jsonl` inside its line. `json.rs` keeps the `serde` shapes these
//! objects are tested against.

use super::emit::{escape_into, write_uint};
use super::json::{clamp, direction_name, hedge_kind_name, kind_name, severity_name, slice};
use crate::claim::{Claim, Value};
use crate::document::{Document, Location, Span};
use crate::finding::Finding;

/// The bytes before an object member's value: its key, with what comes before it when it
/// opens the object (`open`, after `{`), or follows another member (`next`).
macro_rules! key {
    (open, $k:literal) => {
        concat!("{\"", $k, "\":").as_bytes()
    };
    (next, $k:literal) => {
        concat!(",\"", $k, "\":").as_bytes()
    };
}

/// The separator before the element at index `$i` of an array: none before the first.
macro_rules! element {
    (nth $i:expr) => {
        if $i == 0 {
            &b""[..]
        } else {
            &b","[..]
        }
    };
}

/// Writes a location object.
fn location(out: &mut Vec<u8>, l: Location) {
    out.extend_from_slice(key!(open, "start"));
    write_uint(out, l.start as u64);
    out.extend_from_slice(key!(next, "end"));
    write_uint(out, l.end as u64);
    out.extend_from_slice(key!(next, "line"));
    write_uint(out, l.line as u64);
    out.extend_from_slice(key!(next, "column"));
    write_uint(out, l.column as u64);
    out.extend_from_slice(key!(next, "end_line"));
    write_uint(out, l.end_line as u64);
    out.extend_from_slice(key!(next, "end_column"));
    write_uint(out, l.end_column as u64);
    out.push(b'}');
}

/// A string value, or `null`.
#[inline]
fn opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => escape_into(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// A plain ASCII name (an enum's name) as a string value: nothing in it to escape.
#[inline]
fn name(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
}

/// A report number (see [`super::json::number`]).
#[inline]
fn number(out: &mut Vec<u8>, v: f64) {
    super::json::write_number(out, v);
}

/// `true` or `false`.
#[inline]
fn boolean(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

/// Writes a claim as [`super::json::ClaimJson`] serialises (compact); `before` is the
/// location of a claim earlier in the text, if one was written, to count on from. Returns where the claim is, so the
/// findings written after it can reuse its location.
pub(crate) fn claim(
    out: &mut Vec<u8>,
    doc: &Document,
    c: &Claim,
    verdict: Option<(bool, bool)>,
    before: Option<&Location>,
) -> Location {
    let cs = clamp(doc, c.span);
    out.extend_from_slice(key!(open, "id"));
    write_uint(out, c.id as u64);
    out.extend_from_slice(key!(next, "text"));
    escape_into(out, slice(doc, cs));
    out.extend_from_slice(key!(next, "span"));
    // Claims come in text order: the column is counted on from the claim before when it
    // is close by on the same line (`locate_within` falls back to `locate` otherwise).
    let at = match before {
        Some(b) => doc.locate_within(b, cs),
        None => doc.locate(cs),
    };
    location(out, at);
    out.extend_from_slice(key!(next, "kind"));
    name(out, kind_name(c.kind));
    match &c.value {
        Value::Point(n) => {
            out.extend_from_slice(key!(next, "value"));
            number(out, n.value);
            out.extend_from_slice(key!(next, "precision"));
            number(out, n.step);
        }
        Value::Range { low, high } => {
            out.extend_from_slice(key!(next, "low"));
            number(out, low.value);
            out.extend_from_slice(key!(next, "high"));
            number(out, high.value);
            out.extend_from_slice(key!(next, "precision"));
            number(out, low.step.max(high.step));
        }
        Value::None => {
            out.extend_from_slice(key!(next, "value"));
            out.extend_from_slice(b"null");
        }
    }
    out.extend_from_slice(key!(next, "unit"));
    opt_str(out, c.unit.as_ref().map(|u| u.code.as_str()));
    out.extend_from_slice(key!(next, "magnitude"));
    opt_str(out, c.magnitude.as_deref());
    out.extend_from_slice(key!(next, "hedge"));
    opt_str(out, c.hedge.as_ref().map(|h| h.text.as_str()));
    out.extend_from_slice(key!(next, "hedge_kind"));
    match &c.hedge {
        Some(h) => name(out, hedge_kind_name(h.kind)),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(key!(next, "period"));
    opt_str(out, c.period.as_deref());
    out.extend_from_slice(key!(next, "subject"));
    opt_str(out, c.subject.as_deref());
    out.extend_from_slice(key!(next, "segment"));
    opt_str(out, c.segment.as_deref());
    out.extend_from_slice(key!(next, "metric"));
    opt_str(out, c.metric.as_deref());
    out.extend_from_slice(key!(next, "direction"));
    match c.direction {
        Some(d) => name(out, direction_name(d)),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(key!(next, "bounds"));
    out.push(b'[');
    for (i, b) in c.bounds.iter().enumerate() {
        out.extend_from_slice(element!(nth i));
        let bs = clamp(doc, b.span);
        out.extend_from_slice(key!(open, "text"));
        escape_into(out, slice(doc, bs));
        out.extend_from_slice(key!(next, "span"));
        // A claim of one end often is that end: its location is the claim's.
        let loc = if bs == cs {
            at
        } else {
            doc.locate_within(&at, bs)
        };
        location(out, loc);
        out.extend_from_slice(key!(next, "value"));
        number(out, b.num.value);
        out.extend_from_slice(key!(next, "precision"));
        number(out, b.num.step);
        out.extend_from_slice(key!(next, "magnitude"));
        opt_str(out, b.magnitude.as_deref());
        out.extend_from_slice(key!(next, "unit"));
        opt_str(out, b.unit.as_ref().map(|u| u.code.as_str()));
        out.push(b'}');
    }
    out.push(b']');
    out.extend_from_slice(key!(next, "notes"));
    out.push(b'[');
    for (i, n) in c.notes.iter().enumerate() {
        out.extend_from_slice(element!(nth i));
        escape_into(out, n);
    }
    out.push(b']');
    if let Some((checked, referenced)) = verdict {
        out.extend_from_slice(key!(next, "checked"));
        boolean(out, checked);
        out.extend_from_slice(key!(next, "referenced"));
        boolean(out, referenced);
    }
    out.push(b'}');
    at
}

/// Writes a finding as [`super::json::FindingJson`] serialises (compact). `known` gives the location of
/// a (clamped) span already located, such as a claim's, or `None`.
pub(crate) fn finding(
    out: &mut Vec<u8>,
    doc: &Document,
    f: &Finding,
    known: &dyn Fn(Span) -> Option<Location>,
) {
    out.extend_from_slice(key!(open, "rule"));
    name(out, f.rule.name);
    out.extend_from_slice(key!(next, "code"));
    name(out, f.rule.code);
    out.extend_from_slice(key!(next, "severity"));
    name(out, severity_name(f.severity));
    out.extend_from_slice(key!(next, "message"));
    escape_into(out, &f.message);
    let fs = clamp(doc, f.span);
    out.extend_from_slice(key!(next, "span"));
    let at = known(fs).unwrap_or_else(|| doc.locate(fs));
    location(out, at);
    out.extend_from_slice(key!(next, "text"));
    escape_into(out, slice(doc, fs));
    out.extend_from_slice(key!(next, "stated"));
    opt_str(out, f.stated.as_deref());
    out.extend_from_slice(key!(next, "expected"));
    opt_str(out, f.expected.as_deref());
    out.extend_from_slice(key!(next, "formula"));
    opt_str(out, f.formula.as_deref());
    out.extend_from_slice(key!(next, "tolerance"));
    opt_str(out, f.tolerance.as_deref());
    out.extend_from_slice(key!(next, "suggestion"));
    opt_str(out, f.suggestion.as_deref());
    out.extend_from_slice(key!(next, "related"));
    out.push(b'[');
    for (i, r) in f.related.iter().enumerate() {
        out.extend_from_slice(element!(nth i));
        let rs = clamp(doc, r.span);
        out.extend_from_slice(key!(open, "span"));
        location(out, known(rs).unwrap_or_else(|| doc.locate_within(&at, rs)));
        out.extend_from_slice(key!(next, "text"));
        escape_into(out, slice(doc, rs));
        out.extend_from_slice(key!(next, "message"));
        escape_into(out, &r.message);
        out.push(b'}');
    }
    out.push(b']');
    out.push(b'}');
}
