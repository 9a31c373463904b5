//! `--format json`: the DESIGN §7 document, streamed one document at a time; also the claim,
//! finding and span objects that `jsonl` and `numcheck claims --format json` share.
//!
//! Documents are written by the `emit_*` functions through the streaming [`Emitter`] (claims
//! and findings from fixed text, in `objects.rs`); the `serde` shapes ([`ClaimJson`],
//! [`FindingJson`], [`DocumentJson`] …) define the same objects field by field and are the
//! reference the emitter is tested against.

use super::emit::Emitter;
use super::objects;
use super::{DocRenderer, DocReport, ReportWriter, Stats, Totals};
use crate::claim::{Claim, ClaimKind, Direction, HedgeKind, Value};
use crate::document::{Document, Location, Span};
use crate::finding::{Finding, Severity};
use serde::Serialize;
use serde_json::Value as Json;
use std::io::{self, Write};

/// How a report number prints: `null`, an integer, or a float (in `serde_json`'s shortest form).
enum Printed {
    Null,
    Int(i64),
    Float(f64),
}

/// `v` as an integer when it is one within float noise and in the exact range of `i64`.
// Rounded by integer casts, not `f64::round` (a library call on the baseline target, and
// every number of a report passes here): below 9e15 < 2^53 the cast truncates exactly and
// the fraction left is exact, so adding one away from zero from a half up is `round`.
// `round` stays in the tests as the oracle.
fn integral(v: f64) -> Option<i64> {
    // NaN and infinities fail this test too; whatever rounds to 9e15 or more is refused.
    let in_range = v.abs() < 9.0e15;
    if !in_range {
        return None;
    }
    let t = v as i64;
    // A whole number (most values and precisions of a report) is its own rounding.
    if (t as f64).to_bits() == v.to_bits() {
        return Some(t);
    }
    let frac = v - t as f64;
    let r = if frac >= 0.5 {
        t + 1
    } else if frac <= -0.5 {
        t - 1
    } else {
        t
    };
    ((v - r as f64).abs() <= 1e-9 * v.abs().max(1.0) && r.unsigned_abs() < 9_000_000_000_000_000)
        .then_some(r)
}

/// Integers (within float noise) as integers, others rounded to 12 significant digits.
fn printed(v: f64) -> Printed {
    if !v.is_finite() {
        return Printed::Null;
    }
    if let Some(i) = integral(v) {
        return Printed::Int(i);
    }
    let rounded: f64 = format!("{v:.11e}").parse().unwrap_or(v);
    if rounded.is_finite() {
        Printed::Float(rounded)
    } else {
        Printed::Null
    }
}

/// Significant digits of a float in `serde_json`'s shortest form (`-0.00125`, `1.5e-7`): the digits before
/// any exponent, leading zeros left out (trailing zeros count, which only errs towards the
/// exact path).
fn significant_digits(t: &[u8]) -> usize {
    let mantissa = t.split(|&b| b == b'e' || b == b'E').next().unwrap_or(t);
    mantissa
        .iter()
        .filter(|b| b.is_ascii_digit())
        .skip_while(|&&b| b == b'0')
        .count()
}

/// A float for JSON: integers (within float noise) as integers, others rounded to 12
/// significant digits so `1.71 * 1e10` prints as `17100000000`, not `17100000000.000002`.
pub fn number(v: f64) -> Json {
    match printed(v) {
        Printed::Null => Json::Null,
        Printed::Int(i) => Json::from(i),
        Printed::Float(f) => serde_json::Number::from_f64(f)
            .map(Json::Number)
            .unwrap_or(Json::Null),
    }
}

/// Appends [`number`]`(v)` exactly as `serde_json` prints it, without building a value.
pub(crate) fn write_number(out: &mut Vec<u8>, v: f64) {
    if v.is_finite() {
        if let Some(i) = integral(v) {
            if i < 0 {
                out.push(b'-');
            }
            super::emit::write_uint(out, i.unsigned_abs());
            return;
        }
        // A float whose shortest form has at most 12 significant digits is its own 12-digit
        // rounding (no other 12-digit decimal is nearer to it), so the round trip through
        // decimal text in `printed` is needed only for longer ones.
        let mark = out.len();
        let _ = serde_json::to_writer(&mut *out, &v);
        if significant_digits(&out[mark..]) <= 12 {
            return;
        }
        out.truncate(mark);
    }
    match printed(v) {
        Printed::Null => out.extend_from_slice(b"null"),
        Printed::Int(i) => {
            let _ = serde_json::to_writer(&mut *out, &i);
        }
        Printed::Float(f) => {
            let _ = serde_json::to_writer(&mut *out, &f);
        }
    }
}

/// The DESIGN §7 span object: byte offsets plus 1-based lines and character columns.
pub fn span(doc: &Document, span: Span) -> Location {
    doc.locate(clamp(doc, span))
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

/// A claim's value fields: `value` for a point, `low`+`high` for a range, `value: null`
/// for dates and periods; `precision` is one unit of the last written digit.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum ValueJson {
    /// A single number.
    Point {
        /// The value in base units.
        value: Json,
        /// One unit of the last written digit.
        precision: Json,
    },
    /// A range as written.
    Range {
        /// The first end.
        low: Json,
        /// The second end.
        high: Json,
        /// The coarser precision of the two ends.
        precision: Json,
    },
    /// No numeric value.
    None {
        /// Always null.
        value: Option<f64>,
    },
}

/// One end of a claim as written.
#[derive(Debug, Serialize)]
pub struct BoundJson<'a> {
    /// Exact source text of this end.
    pub text: &'a str,
    /// Where it is.
    pub span: Location,
    /// Its value in base units.
    pub value: Json,
    /// One unit of its last written digit.
    pub precision: Json,
    /// Its own magnitude word.
    pub magnitude: Option<&'a str>,
    /// Its own unit code.
    pub unit: Option<&'a str>,
}

/// One claim as DESIGN §7 prints it, in its field order, plus `precision`, `hedge_kind`,
/// `direction`, `segment`, `bounds` (each end as written) and `notes`.
#[derive(Debug, Serialize)]
pub struct ClaimJson<'a> {
    /// Index in the document's claim list.
    pub id: usize,
    /// Exact source text.
    pub text: &'a str,
    /// Where it is.
    pub span: Location,
    /// Kind of statement.
    pub kind: ClaimKind,
    /// `value` or `low`+`high`, and `precision`.
    #[serde(flatten)]
    pub value: ValueJson,
    /// Unit code (`USD`, `%`, `枚` …).
    pub unit: Option<&'a str>,
    /// Magnitude word (`万`, `亿` …).
    pub magnitude: Option<&'a str>,
    /// Hedge as written (`约为`, `远超` …).
    pub hedge: Option<&'a str>,
    /// What the hedge means.
    pub hedge_kind: Option<HedgeKind>,
    /// Normalised period.
    pub period: Option<&'a str>,
    /// Entity as written.
    pub subject: Option<&'a str>,
    /// Segment as written.
    pub segment: Option<&'a str>,
    /// Metric word as written.
    pub metric: Option<&'a str>,
    /// Direction of a change.
    pub direction: Option<Direction>,
    /// The ends as written.
    pub bounds: Vec<BoundJson<'a>>,
    /// Problems the extractor saw in the written form.
    pub notes: &'a [String],
    /// Whether some rule verified this claim against other claims or the reference;
    /// absent where no rules ran (`numcheck claims`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked: Option<bool>,
    /// Whether this claim matched a reference fact; absent where no rules ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referenced: Option<bool>,
}

/// One claim as DESIGN §7 prints it (see [`ClaimJson`]).
pub fn claim<'a>(doc: &'a Document, c: &'a Claim) -> ClaimJson<'a> {
    let cs = clamp(doc, c.span);
    let value = match &c.value {
        Value::Point(n) => ValueJson::Point {
            value: number(n.value),
            precision: number(n.step),
        },
        Value::Range { low, high } => ValueJson::Range {
            low: number(low.value),
            high: number(high.value),
            precision: number(low.step.max(high.step)),
        },
        Value::None => ValueJson::None { value: None },
    };
    ClaimJson {
        id: c.id,
        text: slice(doc, cs),
        span: doc.locate(cs),
        kind: c.kind,
        value,
        unit: c.unit.as_ref().map(|u| u.code.as_str()),
        magnitude: c.magnitude.as_deref(),
        hedge: c.hedge.as_ref().map(|h| h.text.as_str()),
        hedge_kind: c.hedge.as_ref().map(|h| h.kind),
        period: c.period.as_deref(),
        subject: c.subject.as_deref(),
        segment: c.segment.as_deref(),
        metric: c.metric.as_deref(),
        direction: c.direction,
        bounds: c
            .bounds
            .iter()
            .map(|b| {
                let bs = clamp(doc, b.span);
                BoundJson {
                    text: slice(doc, bs),
                    span: doc.locate(bs),
                    value: number(b.num.value),
                    precision: number(b.num.step),
                    magnitude: b.magnitude.as_deref(),
                    unit: b.unit.as_ref().map(|u| u.code.as_str()),
                }
            })
            .collect(),
        notes: &c.notes,
        checked: None,
        referenced: None,
    }
}

/// One claim of a checked document: [`claim`] plus its `checked` and `referenced` flags.
pub fn checked_claim<'a>(r: &'a DocReport, c: &'a Claim) -> ClaimJson<'a> {
    let mut j = claim(&r.doc, c);
    if let Some((checked, referenced)) = r.verdict(c.id) {
        j.checked = Some(checked);
        j.referenced = Some(referenced);
    }
    j
}

/// Another span of a finding.
#[derive(Debug, Serialize)]
pub struct RelatedJson<'a> {
    /// Where.
    pub span: Location,
    /// Exact source text.
    pub text: &'a str,
    /// What it is to the finding.
    pub message: &'a str,
}

/// One finding as DESIGN §7 prints it, plus `stated`, `formula` and `tolerance`.
#[derive(Debug, Serialize)]
pub struct FindingJson<'a> {
    /// Rule name.
    pub rule: &'static str,
    /// Rule code.
    pub code: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// What is wrong.
    pub message: &'a str,
    /// Primary span.
    pub span: Location,
    /// Exact source text of the primary span.
    pub text: &'a str,
    /// The value as stated.
    pub stated: Option<&'a str>,
    /// The value or interval expected.
    pub expected: Option<&'a str>,
    /// How the expected value was computed.
    pub formula: Option<&'a str>,
    /// Tolerance used.
    pub tolerance: Option<&'a str>,
    /// A rewrite that would fix it.
    pub suggestion: Option<&'a str>,
    /// Every other span involved.
    pub related: Vec<RelatedJson<'a>>,
}

/// One finding as DESIGN §7 prints it (see [`FindingJson`]).
pub fn finding<'a>(doc: &'a Document, f: &'a Finding) -> FindingJson<'a> {
    let fs = clamp(doc, f.span);
    FindingJson {
        rule: f.rule.name,
        code: f.rule.code,
        severity: f.severity,
        message: &f.message,
        span: doc.locate(fs),
        text: slice(doc, fs),
        stated: f.stated.as_deref(),
        expected: f.expected.as_deref(),
        formula: f.formula.as_deref(),
        tolerance: f.tolerance.as_deref(),
        suggestion: f.suggestion.as_deref(),
        related: f
            .related
            .iter()
            .map(|r| {
                let rs = clamp(doc, r.span);
                RelatedJson {
                    span: doc.locate(rs),
                    text: slice(doc, rs),
                    message: &r.message,
                }
            })
            .collect(),
    }
}

/// The counts of DESIGN §7 `stats` (plus `unmatched` and `suppressed`).
pub fn stats(s: &Stats) -> Stats {
    *s
}

/// The run summary: documents, failed inputs and summed counts.
#[derive(Debug, Serialize)]
pub struct SummaryJson {
    /// Documents checked.
    pub documents: usize,
    /// Inputs that could not be read.
    pub failed: usize,
    /// Counts summed over documents.
    #[serde(flatten)]
    pub stats: Stats,
}

/// The run summary object.
pub fn summary(t: &Totals) -> SummaryJson {
    SummaryJson {
        documents: t.documents,
        failed: t.failed,
        stats: t.stats,
    }
}

/// An input that could not be read.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorJson {
    /// The input as given.
    pub path: String,
    /// The one-line error.
    pub message: String,
}

/// An input that could not be read, as `errors` and jsonl `error` lines print it.
pub fn error(path: &str, e: &crate::error::Error) -> ErrorJson {
    ErrorJson {
        path: path.to_string(),
        message: e.to_string(),
    }
}

/// The data of a jsonl `end` line: the document's path and counts.
#[derive(Debug, Serialize)]
pub struct EndJson<'a> {
    /// Display path.
    pub path: &'a str,
    /// Its counts.
    pub stats: Stats,
}

/// One document of `documents`.
#[derive(Debug, Serialize)]
pub struct DocumentJson<'a> {
    /// Display path.
    pub path: &'a str,
    /// Its claims.
    pub claims: Vec<ClaimJson<'a>>,
    /// Its findings.
    pub findings: Vec<FindingJson<'a>>,
    /// Its counts.
    pub stats: Stats,
}

/// One document with its claims, findings and stats.
pub fn document(r: &DocReport) -> DocumentJson<'_> {
    DocumentJson {
        path: &r.doc.path,
        claims: r.claims.iter().map(|c| checked_claim(r, c)).collect(),
        findings: r.findings.iter().map(|f| finding(&r.doc, f)).collect(),
        stats: r.stats,
    }
}

/// The snake_case name of a claim kind, as its `Serialize` impl prints it.
pub fn kind_name(k: ClaimKind) -> &'static str {
    match k {
        ClaimKind::Level => "level",
        ClaimKind::Share => "share",
        ClaimKind::Growth => "growth",
        ClaimKind::PointChange => "point_change",
        ClaimKind::Multiple => "multiple",
        ClaimKind::Rank => "rank",
        ClaimKind::Count => "count",
        ClaimKind::Trend => "trend",
        ClaimKind::Date => "date",
        ClaimKind::Period => "period",
    }
}

/// The snake_case name of a hedge kind, as its `Serialize` impl prints it (the JSON
/// objects write it as part of a literal member, held to this by the tests).
#[cfg(test)]
pub(crate) fn hedge_kind_name(k: HedgeKind) -> &'static str {
    match k {
        HedgeKind::About => "about",
        HedgeKind::Below => "below",
        HedgeKind::Above => "above",
        HedgeKind::WellAbove => "well_above",
        HedgeKind::AtLeast => "at_least",
        HedgeKind::AtMost => "at_most",
        HedgeKind::Each => "each",
    }
}

/// The name of a direction, as its `Serialize` impl prints it (the JSON objects write it
/// as part of a literal member, held to this by the tests).
#[cfg(test)]
pub(crate) fn direction_name(d: Direction) -> &'static str {
    match d {
        Direction::Up => "up",
        Direction::Down => "down",
    }
}

/// The name of a severity, as its `Serialize` impl prints it (the JSON objects write it as
/// part of a literal member, held to this by the tests).
#[cfg(test)]
pub(crate) fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// Emits a claim exactly as [`ClaimJson`] serialises (`verdict`: its `checked` and
/// `referenced` flags, when rules ran), at the emitter's place (an array element).
pub fn emit_claim(e: &mut Emitter, doc: &Document, c: &Claim, verdict: Option<(bool, bool)>) {
    emit_claim_located(e, doc, c, verdict, None);
}

/// [`emit_claim`], returning where the claim is and where its text and location were
/// written; `before`: the location of the claim written before it, if any (see
/// [`objects::claim`]).
fn emit_claim_located(
    e: &mut Emitter,
    doc: &Document,
    c: &Claim,
    verdict: Option<(bool, bool)>,
    before: Option<&Location>,
) -> objects::Written {
    objects::claim(e.raw(), doc, c, verdict, before)
}

/// Emits a finding exactly as [`FindingJson`] serialises, at the emitter's place (an array
/// element).
pub fn emit_finding(e: &mut Emitter, doc: &Document, f: &Finding) {
    emit_finding_with(e, doc, f, &[]);
}

/// [`emit_finding`], copying the text and location of a span from `written`, the claims
/// already written into the emitter's buffer, when one of them has that span.
fn emit_finding_with(e: &mut Emitter, doc: &Document, f: &Finding, written: &[objects::Written]) {
    objects::finding(e.raw(), doc, f, written);
}

/// Emits a [`Stats`] object, in its field order.
pub fn emit_stats(e: &mut Emitter, s: &Stats) {
    e.begin_object();
    e.field_uint("numeric_mentions", s.numeric_mentions);
    e.field_uint("claims", s.claims);
    e.field_uint("checked", s.checked);
    e.field_uint("unmatched", s.unmatched);
    e.field_uint("errors", s.errors);
    e.field_uint("warnings", s.warnings);
    e.field_uint("infos", s.infos);
    e.field_uint("suppressed", s.suppressed);
    e.end_object();
}

/// Appends one document of `documents` as [`DocumentJson`] serialises, in the report's
/// layout: compact, each claim and each finding on a line of its own (see [`JsonWriter`]).
pub fn render_document(r: &DocReport, out: &mut Vec<u8>) {
    let mut e = Emitter::new(out);
    e.begin_object();
    e.field_str("path", &r.doc.path);
    e.key("claims");
    e.begin_array();
    let mut written: Vec<objects::Written> = Vec::with_capacity(r.claims.len());
    for c in &r.claims {
        e.element_line();
        let before = written.last().map(|w| &w.at);
        let w = emit_claim_located(&mut e, &r.doc, c, r.verdict(c.id), before);
        written.push(w);
    }
    e.end_array_lines();
    // Claims come in text order; should they not, a lookup may miss, and the span is
    // located anew (a location is a function of the span alone).
    e.key("findings");
    e.begin_array();
    for f in &r.findings {
        e.element_line();
        emit_finding_with(&mut e, &r.doc, f, &written);
    }
    e.end_array_lines();
    e.key("stats");
    emit_stats(&mut e, &r.stats);
    e.end_object();
}

/// Renders `--format json` documents on worker threads (see [`DocRenderer`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct JsonRenderer;

impl DocRenderer for JsonRenderer {
    fn render(&self, report: &DocReport, out: &mut Vec<u8>) -> io::Result<()> {
        out.extend_from_slice(DOC_SEPARATOR);
        render_document(report, out);
        Ok(())
    }
}

/// What a rendered document of the `documents` array starts with: the separator before
/// it, so the writer hands each document on in one write. The first document of the array
/// drops the comma (see [`JsonWriter::take_rendered`]).
pub(crate) const DOC_SEPARATOR: &[u8] = b",\n";

/// Writes `v` pretty-printed, every line after the first indented by `indent` spaces, so a
/// streamed document nests inside the enclosing pretty output.
pub fn write_indented<T: Serialize + ?Sized>(
    out: &mut dyn Write,
    v: &T,
    indent: usize,
) -> io::Result<()> {
    // Serialised into bytes, then copied out a line at a time with the pad after each
    // break: pretty JSON holds no raw line breaks inside strings.
    let text = serde_json::to_vec_pretty(v).map_err(io::Error::other)?;
    let pad = " ".repeat(indent);
    let mut rest = &text[..];
    while let Some(i) = rest.iter().position(|&b| b == b'\n') {
        out.write_all(&rest[..=i])?;
        out.write_all(pad.as_bytes())?;
        rest = &rest[i + 1..];
    }
    out.write_all(rest)
}

/// A streaming writer of `{"version":1,"documents":[…],"errors":[…],"summary":{…}}`.
///
/// Only one document is held at a time, so memory stays flat over large batches. Inputs
/// that failed are listed in `errors` (`path`, `message`); `summary` totals the run.
///
/// The layout is compact JSON with a line break before each document, each claim, each
/// finding and each error, and before the `]` that closes such a list: one record per
/// line, for `grep` and `diff`, at half the size of an indented report (`jq .` indents
/// it). Line breaks are whitespace between tokens; the JSON is the same as compact.
#[derive(Debug, Default)]
pub struct JsonWriter {
    written: usize,
    errors: Vec<ErrorJson>,
    /// Reused buffer for documents rendered by `document`, in output order.
    scratch: Vec<u8>,
}

impl JsonWriter {
    /// Counts a document object already rendered (after [`DOC_SEPARATOR`]) and gives the
    /// bytes to write for it: the first document of the array goes without the comma.
    pub(crate) fn take_rendered<'a>(&mut self, bytes: &'a [u8]) -> &'a [u8] {
        let bytes = match bytes.strip_prefix(b",") {
            Some(rest) if self.written == 0 => rest,
            _ => bytes,
        };
        self.written += 1;
        bytes
    }

    /// Renders a document with `render` into the reused buffer and writes it in the array.
    pub(crate) fn write_with(
        &mut self,
        report: &DocReport,
        render: &dyn DocRenderer,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut buf = std::mem::take(&mut self.scratch);
        buf.clear();
        let written = render
            .render(report, &mut buf)
            .and_then(|()| out.write_all(self.take_rendered(&buf)));
        self.scratch = buf;
        written
    }

    /// Closes the documents array and writes `errors` and, when given, `summary`.
    pub(crate) fn close(
        &mut self,
        summary: Option<SummaryJson>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        out.write_all(if self.written == 0 { b"]" } else { b"\n]" })?;
        out.write_all(b",\"errors\":[")?;
        for (i, e) in self.errors.iter().enumerate() {
            out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut *out, e).map_err(io::Error::other)?;
        }
        out.write_all(if self.errors.is_empty() { b"]" } else { b"\n]" })?;
        self.errors.clear();
        if let Some(s) = summary {
            out.write_all(b",\"summary\":")?;
            serde_json::to_writer(&mut *out, &s).map_err(io::Error::other)?;
        }
        out.write_all(b"}\n")
    }

    /// Remembers a failed input for the `errors` array.
    pub(crate) fn push_error(&mut self, path: &str, error: &crate::error::Error) {
        self.errors.push(self::error(path, error));
    }
}

impl ReportWriter for JsonWriter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{\"version\":1,\"documents\":[")
    }

    fn document(&mut self, report: &DocReport, out: &mut dyn Write) -> io::Result<()> {
        self.write_with(report, &JsonRenderer, out)
    }

    fn renderer(&self) -> Option<Box<dyn DocRenderer>> {
        Some(Box::new(JsonRenderer))
    }

    fn rendered<'a>(&mut self, bytes: &'a [u8]) -> &'a [u8] {
        self.take_rendered(bytes)
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

    /// The `f64::round` version of [`integral`], kept as the oracle.
    fn integral_by_round(v: f64) -> Option<i64> {
        let r = v.round();
        ((v - r).abs() <= 1e-9 * v.abs().max(1.0) && r.abs() < 9.0e15).then_some(r as i64)
    }

    #[test]
    fn integral_matches_rounding() {
        let mut vals = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            -2.5,
            0.49999999999999994,
            -0.49999999999999994,
            4503599627370495.5,
            -4503599627370495.5,
            8.999_999_999_999_999e15,
            9.0e15,
            -9.0e15,
            8_999_999_999_999_999.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            5e-324,
            1.0 - 1e-10,
            -1.0 + 1e-10,
        ];
        let mut x = 0.000_123_f64;
        for _ in 0..3000 {
            vals.extend([x, -x * 1.37, (x * 1000.0).round() / 1000.0, x.round() + 0.5]);
            x *= 1.0137;
        }
        for v in vals {
            assert_eq!(integral(v), integral_by_round(v), "{v:e}");
        }
    }

    proptest::proptest! {
        #[test]
        fn integral_matches_rounding_anywhere(v in proptest::num::f64::ANY, k in -1e16f64..1e16) {
            proptest::prop_assert_eq!(integral(v), integral_by_round(v));
            proptest::prop_assert_eq!(integral(k), integral_by_round(k));
            let half = k.trunc() + 0.5;
            proptest::prop_assert_eq!(integral(half), integral_by_round(half));
        }
    }

    #[test]
    fn indented_output_is_the_pretty_text_with_lines_indented() {
        let v = serde_json::json!({"a": [1, {"b": "x\ny"}], "c": "寧"});
        let mut out = Vec::new();
        write_indented(&mut out, &v, 4).unwrap();
        let pretty = serde_json::to_string_pretty(&v).unwrap();
        let expected = pretty.lines().collect::<Vec<_>>().join("\n    ");
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn written_numbers_match_the_value_path() {
        let mut vals = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            13.1,
            0.1 + 0.2,
            1.71 * 1e10,
            9.0e15,
            9.5e15,
            1e16,
            1.5e16,
            1e300,
            1e-7,
            1.5e-7,
            2.0 / 3.0,
            -2.0 / 3.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            123_456_789_012.5,
            1_234_567_890_123.5,
            -1e-12,
        ];
        let mut x = 0.000_123_f64;
        for _ in 0..3000 {
            vals.extend([x, -x * 1.37, (x * 1000.0).round() / 1000.0]);
            x *= 1.0137;
        }
        for v in vals {
            let mut out = Vec::new();
            write_number(&mut out, v);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                number(v).to_string(),
                "{v:e}"
            );
        }
    }

    /// The articles the emitter is checked against: every fixture and seed.
    fn articles() -> Vec<(String, String)> {
        let mut out = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("tests/fixtures"), root.join("seeds")];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if let Ok(t) = std::fs::read_to_string(&p) {
                    out.push((p.display().to_string(), t));
                }
            }
        }
        out
    }

    #[test]
    fn rendered_documents_match_the_serde_shapes() {
        let reference = crate::reference::Reference::bundled();
        let settings = crate::settings::Settings::default();
        for (path, text) in articles() {
            let r = crate::check_document(Document::new(path.clone(), text), &reference, &settings);
            let mut fast = Vec::new();
            render_document(&r, &mut fast);
            let fast = String::from_utf8(fast).unwrap();
            // The line breaks are the only difference from serde's compact text (strings
            // hold none: they are escaped).
            assert_eq!(
                fast.replace('\n', ""),
                serde_json::to_string(&document(&r)).unwrap(),
                "{path}"
            );
            for c in &r.claims {
                let mut fast = Vec::new();
                emit_claim(&mut Emitter::new(&mut fast), &r.doc, c, None);
                assert_eq!(
                    fast,
                    serde_json::to_vec(&claim(&r.doc, c)).unwrap(),
                    "{path}"
                );
            }
            for f in &r.findings {
                let mut fast = Vec::new();
                emit_finding(&mut Emitter::new(&mut fast), &r.doc, f);
                assert_eq!(
                    fast,
                    serde_json::to_vec(&finding(&r.doc, f)).unwrap(),
                    "{path}"
                );
            }
        }
    }

    /// Variants of `c` whose ends differ from the claim in each part the emitter copies
    /// from the claim (span, value, precision, magnitude, unit) or agree with it where they
    /// did not, plus notes and flags that need escaping.
    fn claim_variants(c: &Claim) -> Vec<(Claim, Option<(bool, bool)>)> {
        let mut out = Vec::new();
        let mut v = c.clone();
        for b in &mut v.bounds {
            b.span = c.span;
            b.magnitude = c.magnitude.clone();
            b.unit = c.unit.clone();
            if let Value::Point(n) = c.value {
                b.num = n;
            }
        }
        out.push((v.clone(), Some((true, false))));
        let mut w = v.clone();
        for b in &mut w.bounds {
            b.num.value = -b.num.value;
            b.magnitude = Some("亿\"".to_string());
            b.unit = None;
            b.span = Span::new(c.span.start, c.span.end.saturating_sub(1).max(c.span.start));
        }
        w.notes = vec!["\"引号\"".to_string(), "b".to_string()];
        out.push((w, Some((false, true))));
        let mut x = v.clone();
        for b in &mut x.bounds {
            b.num.step *= 10.0;
            b.magnitude = None;
            b.unit = Some(crate::claim::Unit::new(
                "枚",
                crate::claim::UnitKind::Measure,
            ));
        }
        x.magnitude = None;
        out.push((x, Some((true, true))));
        let mut y = v;
        y.unit = None;
        y.value = Value::None;
        out.push((y, None));
        out
    }

    #[test]
    fn claims_whose_ends_differ_from_them_match_the_serde_shapes() {
        let reference = crate::reference::Reference::bundled();
        let settings = crate::settings::Settings::default();
        let mut seen = 0;
        for (path, text) in articles() {
            let r = crate::check_document(Document::new(path.clone(), text), &reference, &settings);
            for c in &r.claims {
                for (v, verdict) in claim_variants(c) {
                    let mut fast = Vec::new();
                    emit_claim(&mut Emitter::new(&mut fast), &r.doc, &v, verdict);
                    let mut shape = claim(&r.doc, &v);
                    if let Some((checked, referenced)) = verdict {
                        shape.checked = Some(checked);
                        shape.referenced = Some(referenced);
                    }
                    assert_eq!(
                        String::from_utf8(fast).unwrap(),
                        serde_json::to_string(&shape).unwrap(),
                        "{path}"
                    );
                    seen += 1;
                }
            }
        }
        assert!(seen > 400, "{seen}");
    }

    #[test]
    fn each_claim_and_finding_is_one_line() {
        let reference = crate::reference::Reference::bundled();
        let settings = crate::settings::Settings::default();
        let mut seen = (0, 0);
        for (path, text) in articles() {
            let r = crate::check_document(Document::new(path.clone(), text), &reference, &settings);
            let mut out = Vec::new();
            render_document(&r, &mut out);
            let out = String::from_utf8(out).unwrap();
            let lines: Vec<&str> = out.lines().collect();
            let shape = serde_json::to_value(document(&r)).unwrap();
            let record = |line: &str| {
                serde_json::from_str::<serde_json::Value>(line.strip_suffix(',').unwrap_or(line))
                    .unwrap()
            };
            let n = r.claims.len();
            for (i, line) in lines[1..1 + n].iter().enumerate() {
                assert_eq!(record(line), shape["claims"][i], "{path}");
            }
            // After the claims, `],"findings":[` has a line of its own; with no claims it
            // ends the first line.
            let from = if n > 0 { n + 2 } else { 1 };
            for (i, f) in r.findings.iter().enumerate() {
                let line = lines[from + i];
                assert_eq!(record(line), shape["findings"][i], "{path}");
                assert!(line.contains(f.rule.code), "{path}");
            }
            seen.0 += n;
            seen.1 += r.findings.len();
        }
        assert!(seen.0 > 100 && seen.1 > 10, "{seen:?}");
    }

    #[test]
    fn enum_names_match_serde() {
        use serde_json::to_value as v;
        for k in ClaimKind::ALL {
            assert_eq!(v(k).unwrap(), kind_name(k));
        }
        for h in HedgeKind::ALL {
            assert_eq!(v(h).unwrap(), hedge_kind_name(h));
        }
        for d in [Direction::Up, Direction::Down] {
            assert_eq!(v(d).unwrap(), direction_name(d));
        }
        for s in [Severity::Error, Severity::Warning, Severity::Info] {
            assert_eq!(v(s).unwrap(), severity_name(s));
        }
    }

    #[test]
    fn clamp_never_splits_a_character() {
        let doc = Document::new("t", "收入");
        let s = clamp(&doc, Span::new(1, 100));
        assert_eq!((s.start, s.end), (0, 6));
    }
}
