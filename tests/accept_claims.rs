//! Acceptance of issue 2 through the binary: `numcheck claims` on the sample gives values in
//! base units with ISO currencies, ranges as low/high (a disagreeing range as written),
//! normalised periods (resolved by `--article-date`, year unknown without it), no claim on
//! product codes, and the same claims in JSON and CSV.

mod cli_support;

use cli_support::{numcheck_in, run};
use serde_json::Value;
use std::path::Path;

const SAMPLE: &str = "seeds/nvidia-china-export-controls.txt";

fn claims(format: &str, date: Option<&str>) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut args = vec!["claims", "--format", format];
    if let Some(d) = date {
        args.extend(["--article-date", d]);
    }
    args.push(SAMPLE);
    let (code, out, err) = run(numcheck_in(root).args(&args));
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    out
}

/// The sample's claim objects from `claims --format json`.
fn json_claims(date: Option<&str>) -> Vec<Value> {
    let v: Value = serde_json::from_str(&claims("json", date)).expect("JSON");
    assert_eq!(v["version"], 1);
    assert_eq!(v["documents"][0]["path"], SAMPLE);
    v["documents"][0]["claims"]
        .as_array()
        .expect("claims")
        .clone()
}

/// The first claim whose text is `text`.
fn by_text<'a>(cs: &'a [Value], text: &str) -> &'a Value {
    cs.iter()
        .find(|c| c["text"] == text)
        .unwrap_or_else(|| panic!("no claim `{text}`"))
}

#[test]
fn values_are_in_base_units() {
    let cs = json_claims(Some("2025-11-20"));
    for (text, want, unit) in [
        ("171亿美元", 1.71e10, "USD"),
        ("约100万亿美元", 1e14, "USD"),
        ("48.5万枚", 485_000.0, "枚"),
        ("均采购23万枚", 230_000.0, "枚"),
        ("95%", 95.0, "%"),
        ("13.1%", 13.1, "%"),
        ("16亿", 1.6e9, ""),
    ] {
        let c = by_text(&cs, text);
        let got = c["value"].as_f64().expect("a value");
        assert!(
            (got - want).abs() <= 1e-9 * want.max(1.0),
            "{text}: {got} vs {want}"
        );
        assert_eq!(c["unit"].as_str().unwrap_or(""), unit, "{text}");
    }
    let r = by_text(&cs, "约为60万-80万枚");
    assert_eq!(
        (r["low"].as_u64(), r["high"].as_u64()),
        (Some(600_000), Some(800_000))
    );
    assert_eq!(r["hedge"], "约为");
    // The range whose ends disagree is kept as written: 30万 and 40.
    let r = by_text(&cs, "30万-40枚");
    assert_eq!(
        (r["low"].as_u64(), r["high"].as_u64()),
        (Some(300_000), Some(40))
    );
    let g = by_text(&cs, "66%");
    assert_eq!(
        (g["kind"].as_str(), g["direction"].as_str()),
        (Some("growth"), Some("up"))
    );
    assert_eq!(by_text(&cs, "远超60%")["hedge"], "远超");
}

#[test]
fn periods_are_normalised_and_the_article_date_resolves_the_year() {
    let with = json_claims(Some("2025-11-20"));
    for (text, kind, period) in [
        ("今年4月9日", "date", "2025-04-09"),
        ("7月15日", "date", "2025-07-15"),
        ("2024年", "period", "2024"),
        ("2024年末", "period", "2024"),
        ("2025财年", "period", "FY2025"),
    ] {
        let c = by_text(&with, text);
        assert_eq!(
            (c["kind"].as_str(), c["period"].as_str()),
            (Some(kind), Some(period)),
            "{text}"
        );
    }
    // Garbled: kept as written, marked, no period.
    let g = by_text(&with, "前25年前3季度");
    assert!(g["period"].is_null());
    assert!(!g["notes"].as_array().expect("notes").is_empty());
    // Without --article-date the year of 今年4月9日 stays unknown.
    let without = json_claims(None);
    let d = by_text(&without, "今年4月9日");
    assert!(
        !d["period"].as_str().unwrap_or("").starts_with("2025"),
        "{d}"
    );
}

#[test]
fn no_claim_on_product_codes() {
    let cs = json_claims(Some("2025-11-20"));
    for c in &cs {
        let t = c["text"].as_str().unwrap_or("");
        for code in ["H20", "H100", "H200", "A100"] {
            assert!(!t.contains(code), "claim `{t}` on {code}");
        }
    }
}

#[test]
fn csv_has_the_same_claims_as_json() {
    let cs = json_claims(Some("2025-11-20"));
    let csv = claims("csv", Some("2025-11-20"));
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let header = rdr.headers().expect("header").clone();
    let text_col = header
        .iter()
        .position(|h| h == "text")
        .expect("text column");
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), cs.len());
    for (row, c) in rows.iter().zip(&cs) {
        assert_eq!(Some(row.get(text_col).unwrap_or("")), c["text"].as_str());
    }
}
