//! The claim and finding objects of the JSON reports, written from fixed text: every key,
//! with the separator before it, is one literal, so an object is a run of fixed-size
//! copies, numbers and string escapes.
//!
//! The objects are compact; `--format json` and `numcheck claims --format json` put each
//! on a line of its own, `jsonl` inside its line. `json.rs` keeps the `serde` shapes these
//! objects are tested against.

use super::emit::{escape_into, write_key_uint, write_uint_closed};
use super::json::{clamp, slice};
use crate::claim::{Claim, ClaimKind, Direction, HedgeKind, Value};
use crate::document::{Document, Location, Span};
use crate::finding::{Finding, Severity};
use std::ops::Range;

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

/// Writes the member `,"key":"name"` of an enum value as one literal, each variant's with
/// its name spelled as its `Serialize` impl prints it (a test holds them to
/// `json::kind_name` and the other name functions): one fixed-size copy, where the key, the
/// name of variable length and the quotes were three.
macro_rules! enum_member {
    ($out:expr, $v:expr, $key:literal, $ty:ident { $($var:ident => $name:literal),* $(,)? }) => {
        match $v {
            $($ty::$var => $out.extend_from_slice(concat!(",\"", $key, "\":\"", $name, "\"").as_bytes()),)*
        }
    };
}

/// `,"kind":"…"` for a claim kind.
#[inline]
fn kind_member(out: &mut Vec<u8>, k: ClaimKind) {
    enum_member!(out, k, "kind", ClaimKind {
        Level => "level",
        Share => "share",
        Growth => "growth",
        PointChange => "point_change",
        Multiple => "multiple",
        Rank => "rank",
        Count => "count",
        Trend => "trend",
        Date => "date",
        Period => "period",
    });
}

/// `,"hedge_kind":"…"` for a hedge kind.
#[inline]
fn hedge_kind_member(out: &mut Vec<u8>, k: HedgeKind) {
    enum_member!(out, k, "hedge_kind", HedgeKind {
        About => "about",
        Below => "below",
        Above => "above",
        WellAbove => "well_above",
        AtLeast => "at_least",
        AtMost => "at_most",
        Each => "each",
    });
}

/// `,"direction":"…"` for a direction.
#[inline]
fn direction_member(out: &mut Vec<u8>, d: Direction) {
    enum_member!(out, d, "direction", Direction { Up => "up", Down => "down" });
}

/// `,"severity":"…"` for a finding's severity.
#[inline]
fn severity_member(out: &mut Vec<u8>, s: Severity) {
    enum_member!(out, s, "severity", Severity {
        Error => "error",
        Warning => "warning",
        Info => "info",
    });
}

/// Writes a location object: each key with the number after it as one copy where the
/// number is under 10,000 (see [`write_key_uint`]).
fn location(out: &mut Vec<u8>, l: Location) {
    write_key_uint(out, key!(open, "start"), l.start);
    write_key_uint(out, key!(next, "end"), l.end);
    write_key_uint(out, key!(next, "line"), l.line);
    write_key_uint(out, key!(next, "column"), l.column);
    write_key_uint(out, key!(next, "end_line"), l.end_line);
    // `,"end_column":` is too long to share a copy with four digits; the brace is not.
    out.extend_from_slice(key!(next, "end_column"));
    write_uint_closed(out, l.end_column);
}

/// A member after another: `key` and the string `s`, or `null_member` (the key and `null`
/// as one literal). Returns where the string went (empty for `null`).
#[inline(always)]
fn opt_value(out: &mut Vec<u8>, key: &[u8], s: Option<&str>, null_member: &[u8]) -> Range<usize> {
    match s {
        Some(s) => {
            out.extend_from_slice(key);
            let from = out.len();
            escape_into(out, s);
            from..out.len()
        }
        None => {
            out.extend_from_slice(null_member);
            0..0
        }
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

/// A claim as written into the output: where it is, and where in the output buffer its
/// escaped text (`"…"`) and its location object (`{…}`) are, so a finding on the same span
/// copies them instead of locating and escaping again.
#[derive(Debug, Clone)]
pub(crate) struct Written {
    /// The claim's location (of its clamped span).
    pub at: Location,
    /// Byte range of the claim's escaped text, quotes included, in the output.
    text: Range<usize>,
    /// Byte range of the claim's location object in the output.
    span: Range<usize>,
}

/// The claim among `written` (in text order, from one output buffer) whose span is exactly
/// `span`, if one is there: findings sit mostly on claims.
pub(crate) fn written_as(written: &[Written], span: Span) -> Option<&Written> {
    let from = written.partition_point(|w| w.at.start < span.start);
    written[from..]
        .iter()
        .take_while(|w| w.at.start == span.start)
        .find(|w| w.at.end == span.end)
}

/// A member `"k":"s"` or `"k":null` after another member: the key and `null` are one
/// literal when there is no value.
macro_rules! opt_field {
    ($out:expr, $k:literal, $v:expr) => {
        match $v {
            Some(s) => {
                $out.extend_from_slice(key!(next, $k));
                escape_into($out, s);
            }
            None => $out.extend_from_slice(concat!(",\"", $k, "\":null").as_bytes()),
        }
    };
}

/// Whether two numbers are the same value bit for bit, so they print the same.
#[inline]
fn same_number(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits()
}

/// Writes a claim as [`super::json::ClaimJson`] serialises (compact); `before` is the
/// location of a claim earlier in the text, if one was written, to count on from. Returns
/// where the claim is and where its text and location went in `out`, so the findings
/// written after it into the same buffer can copy them.
///
/// An end of a claim mostly repeats the claim: the same span (`95%`), the same value and
/// precision, the same magnitude and unit. Those parts are copied from the claim's own
/// text already written instead of being escaped, located and printed again (a value
/// prints as a function of its bits, a string as a function of its text).
pub(crate) fn claim(
    out: &mut Vec<u8>,
    doc: &Document,
    c: &Claim,
    verdict: Option<(bool, bool)>,
    before: Option<&Location>,
) -> Written {
    let cs = clamp(doc, c.span);
    write_key_uint(out, key!(open, "id"), c.id);
    // `"text":…,"span":{…}`, as a bound of the same span writes it after its `{`.
    let text_from = out.len() + 1;
    out.extend_from_slice(key!(next, "text"));
    let text = out.len();
    escape_into(out, slice(doc, cs));
    let text = text..out.len();
    out.extend_from_slice(key!(next, "span"));
    // Claims come in text order: the column is counted on from the claim before when it
    // is close by on the same line (`locate_within` falls back to `locate` otherwise).
    let at = match before {
        Some(b) => doc.locate_within(b, cs),
        None => doc.locate(cs),
    };
    let span = out.len();
    location(out, at);
    let span = span..out.len();
    let text_span = text_from..out.len();
    kind_member(out, c.kind);
    // `,"value":…,"precision":…` of a point, as a bound of the same number writes it.
    let value_from = out.len();
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
            out.extend_from_slice(b",\"value\":null");
        }
    }
    let value_span = value_from..out.len();
    let unit = c.unit.as_ref().map(|u| u.code.as_str());
    // Where the unit's and the magnitude's values went, for the ends that repeat them (a
    // `null` is never copied: the key and it are one literal).
    let unit_span = opt_value(out, key!(next, "unit"), unit, b",\"unit\":null");
    let magnitude = c.magnitude.as_deref();
    let magnitude_span = opt_value(
        out,
        key!(next, "magnitude"),
        magnitude,
        b",\"magnitude\":null",
    );
    match &c.hedge {
        Some(h) => {
            out.extend_from_slice(key!(next, "hedge"));
            escape_into(out, &h.text);
            hedge_kind_member(out, h.kind);
        }
        None => out.extend_from_slice(b",\"hedge\":null,\"hedge_kind\":null"),
    }
    opt_field!(out, "period", c.period.as_deref());
    opt_field!(out, "subject", c.subject.as_deref());
    opt_field!(out, "segment", c.segment.as_deref());
    opt_field!(out, "metric", c.metric.as_deref());
    match c.direction {
        Some(d) => {
            direction_member(out, d);
            out.extend_from_slice(b",\"bounds\":[");
        }
        None => out.extend_from_slice(b",\"direction\":null,\"bounds\":["),
    }
    for (i, b) in c.bounds.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"{" } else { b",{" });
        let bs = clamp(doc, b.span);
        if bs == cs {
            // A claim of one end often is that end: its text and location are the claim's.
            out.extend_from_within(text_span.clone());
        } else {
            out.extend_from_slice(b"\"text\":");
            escape_into(out, slice(doc, bs));
            out.extend_from_slice(key!(next, "span"));
            location(out, doc.locate_within(&at, bs));
        }
        match &c.value {
            Value::Point(n)
                if same_number(n.value, b.num.value) && same_number(n.step, b.num.step) =>
            {
                out.extend_from_within(value_span.clone());
            }
            _ => {
                out.extend_from_slice(key!(next, "value"));
                number(out, b.num.value);
                out.extend_from_slice(key!(next, "precision"));
                number(out, b.num.step);
            }
        }
        match b.magnitude.as_deref() {
            Some(m) if Some(m) == magnitude => {
                out.extend_from_slice(key!(next, "magnitude"));
                out.extend_from_within(magnitude_span.clone());
            }
            m => opt_field!(out, "magnitude", m),
        }
        match b.unit.as_ref().map(|u| u.code.as_str()) {
            Some(u) if Some(u) == unit => {
                out.extend_from_slice(key!(next, "unit"));
                out.extend_from_within(unit_span.clone());
            }
            u => opt_field!(out, "unit", u),
        }
        out.push(b'}');
    }
    if c.notes.is_empty() {
        // No notes (most claims): the empty list, the flags and the closing brace are one
        // literal.
        match verdict {
            None => out.extend_from_slice(b"],\"notes\":[]}"),
            Some((false, false)) => {
                out.extend_from_slice(b"],\"notes\":[],\"checked\":false,\"referenced\":false}")
            }
            Some((false, true)) => {
                out.extend_from_slice(b"],\"notes\":[],\"checked\":false,\"referenced\":true}")
            }
            Some((true, false)) => {
                out.extend_from_slice(b"],\"notes\":[],\"checked\":true,\"referenced\":false}")
            }
            Some((true, true)) => {
                out.extend_from_slice(b"],\"notes\":[],\"checked\":true,\"referenced\":true}")
            }
        }
    } else {
        out.extend_from_slice(b"],\"notes\":[");
        for (i, n) in c.notes.iter().enumerate() {
            out.extend_from_slice(element!(nth i));
            escape_into(out, n);
        }
        out.push(b']');
        // The flags and the closing brace, one literal.
        let tail: &[u8] = match verdict {
            None => b"}",
            Some((false, false)) => b",\"checked\":false,\"referenced\":false}",
            Some((false, true)) => b",\"checked\":false,\"referenced\":true}",
            Some((true, false)) => b",\"checked\":true,\"referenced\":false}",
            Some((true, true)) => b",\"checked\":true,\"referenced\":true}",
        };
        out.extend_from_slice(tail);
    }
    Written { at, text, span }
}

/// Writes a finding as [`super::json::FindingJson`] serialises (compact). `written`: the
/// claims already written into `out` (in text order), whose text and location a span of
/// the finding copies when it is a claim's span; empty when `out` holds none.
pub(crate) fn finding(out: &mut Vec<u8>, doc: &Document, f: &Finding, written: &[Written]) {
    out.extend_from_slice(key!(open, "rule"));
    name(out, f.rule.name);
    out.extend_from_slice(key!(next, "code"));
    name(out, f.rule.code);
    severity_member(out, f.severity);
    out.extend_from_slice(key!(next, "message"));
    escape_into(out, &f.message);
    out.extend_from_slice(key!(next, "span"));
    let at = span_and_text(out, doc, clamp(doc, f.span), written, None);
    opt_field!(out, "stated", f.stated.as_deref());
    opt_field!(out, "expected", f.expected.as_deref());
    opt_field!(out, "formula", f.formula.as_deref());
    opt_field!(out, "tolerance", f.tolerance.as_deref());
    opt_field!(out, "suggestion", f.suggestion.as_deref());
    out.extend_from_slice(b",\"related\":[");
    for (i, r) in f.related.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"{" } else { b",{" });
        out.extend_from_slice(b"\"span\":");
        span_and_text(out, doc, clamp(doc, r.span), written, Some(&at));
        out.extend_from_slice(key!(next, "message"));
        escape_into(out, &r.message);
        out.push(b'}');
    }
    out.extend_from_slice(b"]}");
}

/// Writes the location of the (clamped) span `s` and then `,"text":` and its text: copied
/// from a claim of the same span in `written`, else located (counting on from `near`, a
/// location before it on its line, when given) and escaped. Returns the location.
fn span_and_text(
    out: &mut Vec<u8>,
    doc: &Document,
    s: Span,
    written: &[Written],
    near: Option<&Location>,
) -> Location {
    if let Some(w) = written_as(written, s) {
        out.extend_from_within(w.span.clone());
        out.extend_from_slice(key!(next, "text"));
        out.extend_from_within(w.text.clone());
        return w.at;
    }
    let at = match near {
        Some(n) => doc.locate_within(n, s),
        None => doc.locate(s),
    };
    location(out, at);
    out.extend_from_slice(key!(next, "text"));
    escape_into(out, slice(doc, s));
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::json::{direction_name, hedge_kind_name, kind_name, severity_name};

    #[test]
    fn enum_members_spell_the_serde_names() {
        let member = |f: &dyn Fn(&mut Vec<u8>)| {
            let mut out = Vec::new();
            f(&mut out);
            String::from_utf8(out).unwrap()
        };
        for k in ClaimKind::ALL {
            let expected = format!(",\"kind\":\"{}\"", kind_name(k));
            assert_eq!(member(&|o| kind_member(o, k)), expected);
        }
        for h in HedgeKind::ALL {
            let expected = format!(",\"hedge_kind\":\"{}\"", hedge_kind_name(h));
            assert_eq!(member(&|o| hedge_kind_member(o, h)), expected);
        }
        for d in [Direction::Up, Direction::Down] {
            let expected = format!(",\"direction\":\"{}\"", direction_name(d));
            assert_eq!(member(&|o| direction_member(o, d)), expected);
        }
        for v in [Severity::Error, Severity::Warning, Severity::Info] {
            let expected = format!(",\"severity\":\"{}\"", severity_name(v));
            assert_eq!(member(&|o| severity_member(o, v)), expected);
        }
    }
}
