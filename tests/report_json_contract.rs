//! The JSON contract of DESIGN §7: required fields and their types, for `json`, `jsonl`
//! and `numcheck claims --format json`. Fields may be added, so unknown fields are allowed.

mod report_fixture;

use numcheck::report::{claims_writer, writer, ClaimsFormat, Format, ReportOptions};
use report_fixture::{render, ARTICLE};
use serde_json::Value;

fn field<'a>(v: &'a Value, key: &str, ctx: &str) -> &'a Value {
    v.get(key)
        .unwrap_or_else(|| panic!("{ctx}: missing field `{key}` in {v}"))
}

fn uint(v: &Value, key: &str, ctx: &str) -> u64 {
    field(v, key, ctx)
        .as_u64()
        .unwrap_or_else(|| panic!("{ctx}: `{key}` is not an unsigned integer"))
}

fn string<'a>(v: &'a Value, key: &str, ctx: &str) -> &'a str {
    field(v, key, ctx)
        .as_str()
        .unwrap_or_else(|| panic!("{ctx}: `{key}` is not a string"))
}

fn opt_string(v: &Value, key: &str, ctx: &str) {
    let f = field(v, key, ctx);
    assert!(
        f.is_null() || f.is_string(),
        "{ctx}: `{key}` is neither null nor a string"
    );
}

/// A span object; returns its text as sliced from `source` when given.
fn check_span(v: &Value, text: &str, source: Option<&str>, ctx: &str) {
    let s = field(v, "span", ctx);
    let (start, end) = (uint(s, "start", ctx) as usize, uint(s, "end", ctx) as usize);
    assert!(start <= end, "{ctx}: start after end");
    let (line, col) = (uint(s, "line", ctx), uint(s, "column", ctx));
    let (end_line, end_col) = (uint(s, "end_line", ctx), uint(s, "end_column", ctx));
    assert!(
        line >= 1 && col >= 1 && (end_line, end_col) >= (line, col),
        "{ctx}: bad lines/columns {s}"
    );
    if let Some(src) = source {
        assert_eq!(
            &src[start..end],
            text,
            "{ctx}: text is not the source slice of span"
        );
    }
}

fn check_claim(c: &Value, source: Option<&str>) {
    let ctx = "claim";
    uint(c, "id", ctx);
    let text = string(c, "text", ctx);
    check_span(c, text, source, ctx);
    string(c, "kind", ctx);
    let point = c.get("value").is_some();
    let range = c.get("low").is_some() && c.get("high").is_some();
    assert!(
        point ^ range,
        "claim has neither `value` nor `low`+`high` (or both): {c}"
    );
    if range {
        assert!(c["low"].is_number() && c["high"].is_number());
    } else {
        assert!(c["value"].is_number() || c["value"].is_null());
    }
    for k in ["unit", "magnitude", "hedge", "period", "subject", "metric"] {
        opt_string(c, k, ctx);
    }
}

fn check_finding(f: &Value, source: Option<&str>) {
    let ctx = "finding";
    let code = string(f, "code", ctx);
    assert!(code.starts_with("NC") && code.len() == 5, "code {code}");
    string(f, "rule", ctx);
    assert!(["error", "warning", "info"].contains(&string(f, "severity", ctx)));
    string(f, "message", ctx);
    let text = string(f, "text", ctx);
    check_span(f, text, source, ctx);
    for k in ["stated", "expected", "formula", "tolerance", "suggestion"] {
        opt_string(f, k, ctx);
    }
    for r in field(f, "related", ctx)
        .as_array()
        .expect("related is an array")
    {
        let t = string(r, "text", "related");
        check_span(r, t, source, "related");
        string(r, "message", "related");
    }
}

fn check_stats(s: &Value, ctx: &str) {
    for k in [
        "numeric_mentions",
        "claims",
        "checked",
        "unmatched",
        "errors",
        "warnings",
        "infos",
        "suppressed",
    ] {
        uint(s, k, ctx);
    }
}

#[test]
fn json_follows_design_section_7() {
    let out = render(writer(Format::Json, ReportOptions::default()));
    let v: Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["version"], 1);
    let docs = v["documents"].as_array().expect("documents array");
    assert_eq!(docs.len(), 2);
    for d in docs {
        let path = string(d, "path", "document");
        let source = (path.contains("比亚迪")).then_some(ARTICLE);
        for c in d["claims"].as_array().expect("claims") {
            check_claim(c, source);
        }
        for f in d["findings"].as_array().expect("findings") {
            check_finding(f, source);
        }
        check_stats(field(d, "stats", "document"), "stats");
    }
    assert_eq!(docs[0]["findings"].as_array().map(Vec::len), Some(4));
    assert_eq!(docs[0]["findings"][0]["suggestion"], "30万-40万辆");
    assert_eq!(docs[0]["claims"][1]["low"], 3_000_000);
    let errors = v["errors"].as_array().expect("errors array");
    assert_eq!(string(&errors[0], "path", "error"), "missing.txt");
    check_stats(&v["summary"], "summary");
    assert_eq!(uint(&v["summary"], "documents", "summary"), 2);
    assert_eq!(uint(&v["summary"], "failed", "summary"), 1);
}

#[test]
fn jsonl_streams_begin_claims_findings_end_then_summary() {
    let out = render(writer(Format::Jsonl, ReportOptions::default()));
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    let kinds: Vec<&str> = lines
        .iter()
        .map(|l| l["type"].as_str().expect("type"))
        .collect();
    let mut expected = vec!["begin"];
    expected.extend(["claim"; 8]);
    expected.extend(["finding"; 4]);
    expected.extend(["end", "begin", "claim", "claim", "end", "error", "summary"]);
    assert_eq!(kinds, expected);
    for l in &lines {
        let data = field(l, "data", "line");
        match l["type"].as_str() {
            Some("claim") if l["path"] == "news/比亚迪 销量.txt" => {
                check_claim(data, Some(ARTICLE))
            }
            Some("claim") => check_claim(data, None),
            Some("finding") => check_finding(data, Some(ARTICLE)),
            Some("begin") | Some("error") => {
                string(data, "path", "line");
            }
            Some("end") => check_stats(field(data, "stats", "end"), "end"),
            Some("summary") => check_stats(data, "summary"),
            _ => {}
        }
    }
}

#[test]
fn claims_json_shares_the_claim_objects() {
    let claims = render(claims_writer(ClaimsFormat::Json));
    let check = render(writer(Format::Json, ReportOptions::default()));
    let a: Value = serde_json::from_str(&claims).expect("valid JSON");
    let b: Value = serde_json::from_str(&check).expect("valid JSON");
    assert_eq!(a["version"], 1);
    assert_eq!(a["documents"][0]["claims"], b["documents"][0]["claims"]);
    assert_eq!(a["documents"][1]["path"], "news/统计局.md");
}

#[test]
fn claims_csv_has_one_row_per_claim() {
    let out = render(claims_writer(ClaimsFormat::Csv));
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let header = r.headers().expect("header").clone();
    assert_eq!(&header[0], "path");
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert_eq!(rows.len(), 10);
    let text = header
        .iter()
        .position(|h| h == "text")
        .expect("text column");
    assert_eq!(&rows[3][text], "30万-40辆");
}
