//! The JSON contract (DESIGN §7) on the binary's real output, parsed strictly: every object
//! into a typed struct that rejects unknown and missing fields, then cross-checked — spans
//! slice the source, columns count characters, stats count the findings, the summary sums
//! the documents. A field added to the output must be added here on purpose.

mod cli_support;

use cli_support::{numcheck_in, run};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    version: u32,
    documents: Vec<DocumentJ>,
    errors: Vec<ErrorJ>,
    summary: Summary,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrorJ {
    path: String,
    message: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentJ {
    path: String,
    claims: Vec<ClaimJ>,
    findings: Vec<FindingJ>,
    stats: StatsJ,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone, Copy)]
#[serde(deny_unknown_fields)]
struct SpanJ {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimJ {
    id: usize,
    text: String,
    span: SpanJ,
    kind: String,
    // A point has `value`; a range `low` and `high`; a date or period `value: null`.
    #[serde(default)]
    value: Option<f64>,
    #[serde(default)]
    low: Option<f64>,
    #[serde(default)]
    high: Option<f64>,
    #[serde(default)]
    precision: Option<f64>,
    unit: Option<String>,
    magnitude: Option<String>,
    hedge: Option<String>,
    hedge_kind: Option<String>,
    period: Option<String>,
    subject: Option<String>,
    segment: Option<String>,
    metric: Option<String>,
    direction: Option<String>,
    bounds: Vec<BoundJ>,
    notes: Vec<String>,
    checked: bool,
    referenced: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // read only to prove the field is there
struct BoundJ {
    text: String,
    span: SpanJ,
    value: f64,
    precision: f64,
    magnitude: Option<String>,
    unit: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FindingJ {
    rule: String,
    code: String,
    severity: String,
    message: String,
    span: SpanJ,
    text: String,
    stated: Option<String>,
    expected: Option<String>,
    formula: Option<String>,
    tolerance: Option<String>,
    suggestion: Option<String>,
    related: Vec<RelatedJ>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RelatedJ {
    span: SpanJ,
    text: String,
    message: String,
}

#[derive(Debug, Deserialize, Default, Clone, Copy)]
#[serde(deny_unknown_fields)]
struct StatsJ {
    numeric_mentions: usize,
    claims: usize,
    checked: usize,
    unmatched: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    suppressed: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    documents: usize,
    failed: usize,
    #[serde(flatten)]
    stats: StatsJ,
}

const SAMPLE: &str = "seeds/nvidia-china-export-controls.txt";
const CLEAN: &str = "tests/fixtures/accept/clean-ev-battery-october.txt";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `numcheck check --format json ARGS…` from the repository root and parses strictly.
fn report(args: &[&str]) -> (i32, Report) {
    let mut all = vec!["check", "--format", "json", "--article-date", "2025-11-20"];
    all.extend_from_slice(args);
    let (code, out, err) = run(numcheck_in(root()).args(&all));
    assert!(!err.contains("panicked"), "{err}");
    let r: Report = serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("output does not follow the contract: {e}\n{out}"));
    (code, r)
}

/// `span` lies in `source`, on character boundaries, and its line/columns are 1-based
/// character positions of its ends.
fn check_span(source: &str, span: SpanJ, text: &str, ctx: &str) {
    let got = source
        .get(span.start..span.end)
        .unwrap_or_else(|| panic!("{ctx}: span {span:?} off the text or a char boundary"));
    assert_eq!(got, text, "{ctx}: text is the source slice");
    let at = |byte: usize| {
        let before = &source[..byte];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, source[line_start..byte].chars().count() + 1)
    };
    assert_eq!((span.line, span.column), at(span.start), "{ctx}: start");
    // The end is the last character's column (inclusive), on the last character's line.
    let last = text.chars().last().map_or(0, char::len_utf8);
    let (end_line, end_col) = at(span.end - last);
    assert_eq!(
        (span.end_line, span.end_column),
        (end_line, end_col),
        "{ctx}: end of {text:?}"
    );
}

/// Every cross-field promise of one document.
fn check_document(d: &DocumentJ) {
    let source = std::fs::read_to_string(root().join(&d.path)).expect("read article");
    for (i, c) in d.claims.iter().enumerate() {
        let ctx = format!("{} claim {i} `{}`", d.path, c.text);
        assert_eq!(c.id, i, "{ctx}: ids in order");
        check_span(&source, c.span, &c.text, &ctx);
        assert!(
            [
                "level",
                "share",
                "growth",
                "point_change",
                "multiple",
                "rank",
                "count",
                "trend",
                "date",
                "period",
            ]
            .contains(&c.kind.as_str()),
            "{ctx}: kind {}",
            c.kind
        );
        let range = c.low.is_some() && c.high.is_some();
        assert!(!(range && c.value.is_some()), "{ctx}: value xor low/high");
        if matches!(c.kind.as_str(), "date" | "period") {
            assert!(c.value.is_none() && !range, "{ctx}: dates carry no value");
        } else {
            assert!(c.value.is_some() || range, "{ctx}: a quantity has a value");
            assert!(c.precision.is_some_and(|p| p > 0.0), "{ctx}: precision");
        }
        assert_eq!(c.hedge.is_some(), c.hedge_kind.is_some(), "{ctx}: hedge");
        for b in &c.bounds {
            check_span(&source, b.span, &b.text, &format!("{ctx} bound"));
            assert!(c.span.start <= b.span.start && b.span.end <= c.span.end);
            assert!(b.value.is_finite() && b.precision > 0.0, "{ctx}");
        }
        assert!(
            c.checked || !c.referenced,
            "{ctx}: referenced implies checked"
        );
        let _ = (&c.unit, &c.magnitude, &c.period, &c.subject, &c.segment);
        let _ = (&c.metric, &c.direction, &c.notes);
    }
    for f in &d.findings {
        let ctx = format!("{} {} `{}`", d.path, f.code, f.text);
        check_span(&source, f.span, &f.text, &ctx);
        assert!(f.code.starts_with("NC") && f.code.len() == 5, "{ctx}");
        assert!(!f.rule.is_empty() && !f.message.is_empty(), "{ctx}");
        assert!(
            ["error", "warning", "info"].contains(&f.severity.as_str()),
            "{ctx}"
        );
        for r in &f.related {
            check_span(&source, r.span, &r.text, &format!("{ctx} related"));
            assert!(!r.message.is_empty(), "{ctx}: related message");
        }
        let _ = (
            &f.stated,
            &f.expected,
            &f.formula,
            &f.tolerance,
            &f.suggestion,
        );
    }
    let count = |sev: &str| d.findings.iter().filter(|f| f.severity == sev).count();
    let s = d.stats;
    assert_eq!(
        (s.errors, s.warnings, s.infos),
        (count("error"), count("warning"), count("info")),
        "{}: stats count the findings",
        d.path
    );
    assert_eq!(s.claims, d.claims.len());
    assert!(s.numeric_mentions >= s.claims);
    assert_eq!(s.checked, d.claims.iter().filter(|c| c.checked).count());
    let quantities = d
        .claims
        .iter()
        .filter(|c| !matches!(c.kind.as_str(), "date" | "period"));
    assert!(s.unmatched <= quantities.count());
    let _ = s.suppressed;
}

#[test]
fn sample_and_clean_article_follow_the_contract() {
    let (code, r) = report(&[SAMPLE, CLEAN]);
    assert_eq!(code, 1);
    assert_eq!(r.version, 1);
    assert!(r.errors.is_empty());
    // Output ordered by path.
    let paths: Vec<&str> = r.documents.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, [SAMPLE, CLEAN]);
    let mut sum = StatsJ::default();
    for d in &r.documents {
        check_document(d);
        for (a, b) in [
            (&mut sum.numeric_mentions, d.stats.numeric_mentions),
            (&mut sum.claims, d.stats.claims),
            (&mut sum.checked, d.stats.checked),
            (&mut sum.unmatched, d.stats.unmatched),
            (&mut sum.errors, d.stats.errors),
            (&mut sum.warnings, d.stats.warnings),
            (&mut sum.infos, d.stats.infos),
        ] {
            *a += b;
        }
    }
    let t = r.summary.stats;
    assert_eq!((r.summary.documents, r.summary.failed), (2, 0));
    assert_eq!(
        (t.numeric_mentions, t.claims, t.checked, t.unmatched),
        (sum.numeric_mentions, sum.claims, sum.checked, sum.unmatched)
    );
    assert_eq!(
        (t.errors, t.warnings, t.infos),
        (sum.errors, sum.warnings, sum.infos)
    );
    assert!(r.documents[0].findings.iter().any(|f| f.code == "NC101"));
    assert!(r.documents[1].findings.is_empty());
}

#[test]
fn a_failed_input_is_listed_in_errors() {
    let missing = "tests/fixtures/accept/no-such-article.txt";
    let (code, r) = report(&[CLEAN, missing]);
    assert_eq!(code, 2);
    assert_eq!(r.documents.len(), 1);
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].path, missing);
    assert!(r.errors[0].message.contains("no-such-article.txt"));
    assert_eq!((r.summary.documents, r.summary.failed), (1, 1));
}

#[test]
fn jsonl_lines_carry_the_same_objects() {
    let (_, out, err) = run(numcheck_in(root()).args([
        "check",
        "--format",
        "jsonl",
        "--article-date",
        "2025-11-20",
        SAMPLE,
    ]));
    assert!(!err.contains("panicked"), "{err}");
    let (_, whole) = report(&[SAMPLE]);
    let doc = &whole.documents[0];
    let (mut claims, mut findings) = (0, 0);
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("one JSON object a line");
        let data = v["data"].clone();
        match v["type"].as_str() {
            Some("claim") => {
                let c: ClaimJ = serde_json::from_value(data).expect("strict claim");
                assert_eq!(c.text, doc.claims[claims].text);
                assert_eq!(c.checked, doc.claims[claims].checked);
                claims += 1;
            }
            Some("finding") => {
                let f: FindingJ = serde_json::from_value(data).expect("strict finding");
                assert_eq!(f.span, doc.findings[findings].span);
                findings += 1;
            }
            Some("begin" | "end" | "summary") => {}
            other => panic!("unexpected line type {other:?}"),
        }
    }
    assert_eq!((claims, findings), (doc.claims.len(), doc.findings.len()));
}
