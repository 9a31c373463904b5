//! The claim and finding objects of the JSON reports, written from fixed text: every key,
//! with the separator and indentation before it, is one literal, so an object is a run of
//! fixed-size copies, numbers and string escapes.
//!
//! Both layouts the reports use are built from the same code: pretty at the depth where
//! `--format json` and `numcheck claims --format json` nest their claims and findings (the
//! elements of an array at depth 4), and compact (`jsonl`). `json.rs` keeps the `serde`
//! shapes these objects are tested against.

use super::emit::{escape_into, write_uint};
use super::json::{clamp, direction_name, hedge_kind_name, kind_name, severity_name, slice};
use crate::claim::{Claim, Value};
use crate::document::{Document, Location, Span};
use crate::finding::Finding;

/// Depth of the array whose elements the pretty objects here are written as.
pub(crate) const ELEMENT_DEPTH: usize = 4;

/// `2 * d` spaces: the indentation of depth `d` in pretty output.
macro_rules! pad {
    (4) => {
        "        "
    };
    (5) => {
        "          "
    };
    (6) => {
        "            "
    };
    (7) => {
        "              "
    };
    (8) => {
        "                "
    };
}

/// The bytes before an object member's value: its key, with what comes before it when it
/// opens the object (`open`, after `{`), or follows another member (`next`); pretty at
/// depth `d` when `$p`, else compact.
macro_rules! key {
    ($p:ident, open, $d:tt, $k:literal) => {
        if $p {
            concat!("{\n", pad!($d), "\"", $k, "\": ").as_bytes()
        } else {
            concat!("{\"", $k, "\":").as_bytes()
        }
    };
    ($p:ident, next, $d:tt, $k:literal) => {
        if $p {
            concat!(",\n", pad!($d), "\"", $k, "\": ").as_bytes()
        } else {
            concat!(",\"", $k, "\":").as_bytes()
        }
    };
}

/// The bytes before an array element at depth `d`: the first (`first`) or a later one.
macro_rules! element {
    ($p:ident, first, $d:tt) => {
        if $p {
            concat!("\n", pad!($d)).as_bytes()
        } else {
            b""
        }
    };
    ($p:ident, next, $d:tt) => {
        if $p {
            concat!(",\n", pad!($d)).as_bytes()
        } else {
            b","
        }
    }; // The separator before the element at index `$i` of an array: none before the first.
    ($p:ident, nth $i:expr, $d:tt) => {
        if $i == 0 {
            element!($p, first, $d)
        } else {
            element!($p, next, $d)
        }
    };
}

/// The closing bracket `$b` of a non-empty object or array whose own line is at depth `d`.
macro_rules! close {
    ($p:ident, $d:tt, $b:literal) => {
        if $p {
            concat!("\n", pad!($d), $b).as_bytes()
        } else {
            $b.as_bytes()
        }
    };
}

/// Writes a location object whose members are at depth `$d` and whose `}` is at `$c`.
macro_rules! location_at {
    ($name:ident, $d:tt, $c:tt) => {
        /// A location object (see the module doc for the layout).
        fn $name<const P: bool>(out: &mut Vec<u8>, l: Location) {
            out.extend_from_slice(key!(P, open, $d, "start"));
            write_uint(out, l.start as u64);
            out.extend_from_slice(key!(P, next, $d, "end"));
            write_uint(out, l.end as u64);
            out.extend_from_slice(key!(P, next, $d, "line"));
            write_uint(out, l.line as u64);
            out.extend_from_slice(key!(P, next, $d, "column"));
            write_uint(out, l.column as u64);
            out.extend_from_slice(key!(P, next, $d, "end_line"));
            write_uint(out, l.end_line as u64);
            out.extend_from_slice(key!(P, next, $d, "end_column"));
            write_uint(out, l.end_column as u64);
            out.extend_from_slice(close!(P, $c, "}"));
        }
    };
}

location_at!(location6, 6, 5);
location_at!(location8, 8, 7);

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

/// Writes a claim as [`super::json::ClaimJson`] serialises: pretty as an element of an array
/// at depth [`ELEMENT_DEPTH`] when `P`, else compact. Returns where the claim is, so the
/// findings written after it can reuse its location.
pub(crate) fn claim<const P: bool>(
    out: &mut Vec<u8>,
    doc: &Document,
    c: &Claim,
    verdict: Option<(bool, bool)>,
) -> Location {
    let cs = clamp(doc, c.span);
    out.extend_from_slice(key!(P, open, 5, "id"));
    write_uint(out, c.id as u64);
    out.extend_from_slice(key!(P, next, 5, "text"));
    escape_into(out, slice(doc, cs));
    out.extend_from_slice(key!(P, next, 5, "span"));
    let at = doc.locate(cs);
    location6::<P>(out, at);
    out.extend_from_slice(key!(P, next, 5, "kind"));
    name(out, kind_name(c.kind));
    match &c.value {
        Value::Point(n) => {
            out.extend_from_slice(key!(P, next, 5, "value"));
            number(out, n.value);
            out.extend_from_slice(key!(P, next, 5, "precision"));
            number(out, n.step);
        }
        Value::Range { low, high } => {
            out.extend_from_slice(key!(P, next, 5, "low"));
            number(out, low.value);
            out.extend_from_slice(key!(P, next, 5, "high"));
            number(out, high.value);
            out.extend_from_slice(key!(P, next, 5, "precision"));
            number(out, low.step.max(high.step));
        }
        Value::None => {
            out.extend_from_slice(key!(P, next, 5, "value"));
            out.extend_from_slice(b"null");
        }
    }
    out.extend_from_slice(key!(P, next, 5, "unit"));
    opt_str(out, c.unit.as_ref().map(|u| u.code.as_str()));
    out.extend_from_slice(key!(P, next, 5, "magnitude"));
    opt_str(out, c.magnitude.as_deref());
    out.extend_from_slice(key!(P, next, 5, "hedge"));
    opt_str(out, c.hedge.as_ref().map(|h| h.text.as_str()));
    out.extend_from_slice(key!(P, next, 5, "hedge_kind"));
    match &c.hedge {
        Some(h) => name(out, hedge_kind_name(h.kind)),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(key!(P, next, 5, "period"));
    opt_str(out, c.period.as_deref());
    out.extend_from_slice(key!(P, next, 5, "subject"));
    opt_str(out, c.subject.as_deref());
    out.extend_from_slice(key!(P, next, 5, "segment"));
    opt_str(out, c.segment.as_deref());
    out.extend_from_slice(key!(P, next, 5, "metric"));
    opt_str(out, c.metric.as_deref());
    out.extend_from_slice(key!(P, next, 5, "direction"));
    match c.direction {
        Some(d) => name(out, direction_name(d)),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(key!(P, next, 5, "bounds"));
    out.push(b'[');
    for (i, b) in c.bounds.iter().enumerate() {
        out.extend_from_slice(element!(P, nth i, 6));
        let bs = clamp(doc, b.span);
        out.extend_from_slice(key!(P, open, 7, "text"));
        escape_into(out, slice(doc, bs));
        out.extend_from_slice(key!(P, next, 7, "span"));
        // A claim of one end often is that end: its location is the claim's.
        let loc = if bs == cs {
            at
        } else {
            doc.locate_within(&at, bs)
        };
        location8::<P>(out, loc);
        out.extend_from_slice(key!(P, next, 7, "value"));
        number(out, b.num.value);
        out.extend_from_slice(key!(P, next, 7, "precision"));
        number(out, b.num.step);
        out.extend_from_slice(key!(P, next, 7, "magnitude"));
        opt_str(out, b.magnitude.as_deref());
        out.extend_from_slice(key!(P, next, 7, "unit"));
        opt_str(out, b.unit.as_ref().map(|u| u.code.as_str()));
        out.extend_from_slice(close!(P, 6, "}"));
    }
    if !c.bounds.is_empty() {
        out.extend_from_slice(close!(P, 5, "]"));
    } else {
        out.push(b']');
    }
    out.extend_from_slice(key!(P, next, 5, "notes"));
    out.push(b'[');
    for (i, n) in c.notes.iter().enumerate() {
        out.extend_from_slice(element!(P, nth i, 6));
        escape_into(out, n);
    }
    if !c.notes.is_empty() {
        out.extend_from_slice(close!(P, 5, "]"));
    } else {
        out.push(b']');
    }
    if let Some((checked, referenced)) = verdict {
        out.extend_from_slice(key!(P, next, 5, "checked"));
        boolean(out, checked);
        out.extend_from_slice(key!(P, next, 5, "referenced"));
        boolean(out, referenced);
    }
    out.extend_from_slice(close!(P, 4, "}"));
    at
}

/// Writes a finding as [`super::json::FindingJson`] serialises: pretty as an element of an
/// array at depth [`ELEMENT_DEPTH`] when `P`, else compact. `known` gives the location of
/// a (clamped) span already located, such as a claim's, or `None`.
pub(crate) fn finding<const P: bool>(
    out: &mut Vec<u8>,
    doc: &Document,
    f: &Finding,
    known: &dyn Fn(Span) -> Option<Location>,
) {
    out.extend_from_slice(key!(P, open, 5, "rule"));
    name(out, f.rule.name);
    out.extend_from_slice(key!(P, next, 5, "code"));
    name(out, f.rule.code);
    out.extend_from_slice(key!(P, next, 5, "severity"));
    name(out, severity_name(f.severity));
    out.extend_from_slice(key!(P, next, 5, "message"));
    escape_into(out, &f.message);
    let fs = clamp(doc, f.span);
    out.extend_from_slice(key!(P, next, 5, "span"));
    let at = known(fs).unwrap_or_else(|| doc.locate(fs));
    location6::<P>(out, at);
    out.extend_from_slice(key!(P, next, 5, "text"));
    escape_into(out, slice(doc, fs));
    out.extend_from_slice(key!(P, next, 5, "stated"));
    opt_str(out, f.stated.as_deref());
    out.extend_from_slice(key!(P, next, 5, "expected"));
    opt_str(out, f.expected.as_deref());
    out.extend_from_slice(key!(P, next, 5, "formula"));
    opt_str(out, f.formula.as_deref());
    out.extend_from_slice(key!(P, next, 5, "tolerance"));
    opt_str(out, f.tolerance.as_deref());
    out.extend_from_slice(key!(P, next, 5, "suggestion"));
    opt_str(out, f.suggestion.as_deref());
    out.extend_from_slice(key!(P, next, 5, "related"));
    out.push(b'[');
    for (i, r) in f.related.iter().enumerate() {
        out.extend_from_slice(element!(P, nth i, 6));
        let rs = clamp(doc, r.span);
        out.extend_from_slice(key!(P, open, 7, "span"));
        location8::<P>(out, known(rs).unwrap_or_else(|| doc.locate_within(&at, rs)));
        out.extend_from_slice(key!(P, next, 7, "text"));
        escape_into(out, slice(doc, rs));
        out.extend_from_slice(key!(P, next, 7, "message"));
        escape_into(out, &r.message);
        out.extend_from_slice(close!(P, 6, "}"));
    }
    if !f.related.is_empty() {
        out.extend_from_slice(close!(P, 5, "]"));
    } else {
        out.push(b']');
    }
    out.extend_from_slice(close!(P, 4, "}"));
}

/// Shifts the pretty lines written since `mark` from depth [`ELEMENT_DEPTH`] to `depth`:
/// every line after a break gains or loses `2 * |depth - 4|` spaces. Pretty JSON holds no
/// raw line break inside a string, and no line of an element is indented less than the
/// element itself, so this is exact.
pub(crate) fn reindent(out: &mut Vec<u8>, mark: usize, depth: usize) {
    if depth == ELEMENT_DEPTH {
        return;
    }
    let written = out.split_off(mark);
    let mut rest = &written[..];
    while let Some(i) = rest.iter().position(|&b| b == b'\n') {
        out.extend_from_slice(&rest[..=i]);
        rest = &rest[i + 1..];
        if depth > ELEMENT_DEPTH {
            out.resize(out.len() + 2 * (depth - ELEMENT_DEPTH), b' ');
        } else {
            let cut = (2 * (ELEMENT_DEPTH - depth)).min(rest.len());
            rest = &rest[cut..];
        }
    }
    out.extend_from_slice(rest);
}
