//! Acceptance of issue 3's precision promise through the binary: news articles full of correct
//! figures (growth rates that follow from their counts, shares that sum to 100%, ranges,
//! rankings in order, dates) produce no warning and no error — while their figures really are
//! checked, so the silence is not from reading nothing.

mod cli_support;

use cli_support::{numcheck_in, run};
use serde_json::Value;
use std::path::Path;

/// Clean articles of several styles and subjects, with their publication dates.
const CLEAN: [(&str, &str); 10] = [
    (
        "tests/fixtures/accept/clean-ev-battery-october.txt",
        "2025-11-12",
    ),
    (
        "tests/fixtures/arith-clean/auto-sales-2024.txt",
        "2025-01-10",
    ),
    (
        "tests/fixtures/arith-clean/battery-maker-q3-report.txt",
        "2025-10-30",
    ),
    (
        "tests/fixtures/arith-clean/car-retail-october.txt",
        "2025-11-10",
    ),
    ("tests/fixtures/arith-clean/gdp-q3.txt", "2025-10-20"),
    (
        "tests/fixtures/arith-clean/phone-market-canalys.txt",
        "2024-10-20",
    ),
    (
        "tests/fixtures/arith-clean/phone-shipments-q3.txt",
        "2024-10-25",
    ),
    (
        "tests/fixtures/nc103/clean-smartphone-quarter.txt",
        "2025-10-20",
    ),
    ("tests/fixtures/nc110/clean-gdp-quarterly.txt", "2025-10-20"),
    ("tests/fixtures/nc111/clean-nio-earnings.txt", "2025-09-03"),
];

/// The JSON document of one article checked with the bundled reference; asserts exit 0.
fn checked(path: &str, date: &str) -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, out, err) = run(numcheck_in(root).args([
        "check",
        "--format",
        "json",
        "--fail-on",
        "warning",
        "--article-date",
        date,
        path,
    ]));
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{path}: {e}: {err}"));
    let doc = v["documents"][0].clone();
    assert_eq!(
        code, 0,
        "{path}: a warning or error in a clean article: {:#}",
        doc["findings"]
    );
    doc
}

#[test]
fn clean_articles_raise_no_warning_or_error() {
    let mut well_checked = 0;
    for (path, date) in CLEAN {
        let doc = checked(path, date);
        let serious: Vec<&Value> = doc["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["severity"] != "info")
            .collect();
        assert!(serious.is_empty(), "{path}: {serious:#?}");
        let stats = &doc["stats"];
        assert!(
            stats["claims"].as_u64() >= Some(15),
            "{path}: a figure-rich article"
        );
        if stats["checked"].as_u64() >= Some(5) {
            well_checked += 1;
        }
    }
    assert!(
        well_checked >= 3,
        "at least three clean articles have five or more figures verified"
    );
}

#[test]
fn the_clean_battery_article_has_its_arithmetic_verified() {
    let doc = checked(CLEAN[0].0, CLEAN[0].1);
    let claims = doc["claims"].as_array().expect("claims");
    let is_checked = |text: &str| {
        claims
            .iter()
            .any(|c| c["text"] == text && c["checked"] == true)
    };
    // 24.0 → 36.2 吉瓦时 is +50.8%; the top three are ranked in descending order.
    for text in ["50.8%", "24.0吉瓦时", "19.5吉瓦时", "6.1吉瓦时"] {
        assert!(is_checked(text), "`{text}` verified: {claims:#?}");
    }
}
