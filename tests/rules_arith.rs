//! Fixture-article tests of the arithmetic consistency rules NC104–NC108, run through the
//! whole pipeline (`numcheck::check_document`): each rule's article has a flagged part and a
//! clean look-alike, and the clean articles full of correct figures produce nothing.

use numcheck::document::Document;
use numcheck::finding::Finding;
use numcheck::reference::Reference;
use numcheck::settings::Settings;
use std::path::Path;

/// The rules under test; other rules' findings are not this file's business.
const ARITH: [&str; 5] = ["NC104", "NC105", "NC106", "NC107", "NC108"];

/// Checks one file and returns the text and findings of the arithmetic rules.
fn check(rel: &str) -> (String, Vec<Finding>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let text = std::fs::read_to_string(&path).expect("fixture readable");
    let report = numcheck::check_document(
        Document::new(rel, text.clone()),
        &Reference::empty(),
        &Settings::default(),
    );
    let mine = report
        .findings
        .into_iter()
        .filter(|f| ARITH.contains(&f.rule.code))
        .collect();
    (text, mine)
}

/// (code, span text) of each finding, in report order.
fn codes_and_spans(rel: &str) -> Vec<(String, String)> {
    let (text, findings) = check(rel);
    findings
        .iter()
        .map(|f| {
            (
                f.rule.code.to_string(),
                text[f.span.start..f.span.end].to_string(),
            )
        })
        .collect()
}

/// How many claims of a file some rule verified.
fn checked(rel: &str) -> usize {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let text = std::fs::read_to_string(&path).expect("fixture readable");
    numcheck::check_document(
        Document::new(rel, text),
        &Reference::empty(),
        &Settings::default(),
    )
    .stats
    .checked
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn nc104_flags_overstated_share_and_passes_supported_ones() {
    assert_eq!(
        codes_and_spans("tests/fixtures/nc104/ev-share-from-sales.txt"),
        pairs(&[("NC104", "远超80%")])
    );
    let (text, f) = check("tests/fixtures/nc104/ev-share-from-sales.txt");
    assert_eq!(f[0].expected.as_deref(), Some("75.0%–78.0%"));
    let related: Vec<&str> = f[0]
        .related
        .iter()
        .map(|r| &text[r.span.start..r.span.end])
        .collect();
    assert_eq!(related, vec!["约为300万-320万辆", "约为90万-100万辆"]);
    // The clean look-alikes (约为75%, 超过50%) are verified, each with its two counts.
    assert_eq!(checked("tests/fixtures/nc104/ev-share-from-sales.txt"), 6);
}

#[test]
fn nc105_flags_shares_over_a_whole() {
    assert_eq!(
        codes_and_spans("tests/fixtures/nc105/phone-market-shares.txt"),
        pairs(&[("NC105", "38%、35%和32%")])
    );
}

#[test]
fn nc106_flags_wrong_growth_rate() {
    assert_eq!(
        codes_and_spans("tests/fixtures/nc106/earnings-growth.txt"),
        pairs(&[("NC106", "35%")])
    );
    let (_, f) = check("tests/fixtures/nc106/earnings-growth.txt");
    assert_eq!(f[0].expected.as_deref(), Some("25.0%"));
}

#[test]
fn nc107_flags_share_that_does_not_match_part_and_whole() {
    assert_eq!(
        codes_and_spans("tests/fixtures/nc107/ev-penetration.txt"),
        pairs(&[("NC107", "45%")])
    );
    let (_, f) = check("tests/fixtures/nc107/ev-penetration.txt");
    assert_eq!(f[0].expected.as_deref(), Some("40.0%"));
}

#[test]
fn nc108_flags_out_of_order_ranking_only() {
    assert_eq!(
        codes_and_spans("tests/fixtures/nc108/battery-ranking.txt"),
        pairs(&[("NC108", "180万辆")])
    );
}

#[test]
fn clean_articles_produce_nothing() {
    for rel in [
        "tests/fixtures/arith-clean/auto-sales-2024.txt",
        "tests/fixtures/arith-clean/phone-shipments-q3.txt",
        "tests/fixtures/arith-clean/battery-maker-q3-report.txt",
    ] {
        assert_eq!(codes_and_spans(rel), Vec::new(), "{rel}");
    }
}

#[test]
fn clean_articles_get_their_figures_checked() {
    // Shares, growth rates, parts of totals and rankings are verified, not skipped.
    assert!(checked("tests/fixtures/arith-clean/auto-sales-2024.txt") >= 8);
    assert!(checked("tests/fixtures/arith-clean/phone-shipments-q3.txt") >= 8);
}

#[test]
fn sample_article_has_one_derived_share_warning() {
    let rel = "seeds/nvidia-china-export-controls.txt";
    assert_eq!(codes_and_spans(rel), pairs(&[("NC104", "远超60%")]));
    let (text, f) = check(rel);
    let f = &f[0];
    assert_eq!(f.severity, numcheck::finding::Severity::Warning);
    assert_eq!(f.expected.as_deref(), Some("60.0%–72.7%"));
    assert!(f.formula.is_some() && f.tolerance.is_some());
    let related: Vec<&str> = f
        .related
        .iter()
        .map(|r| &text[r.span.start..r.span.end])
        .collect();
    assert_eq!(related, vec!["约为60万-80万枚", "约为30万-40万枚"]);
}

/// Codes of the arithmetic findings for an in-memory article.
fn codes_for(text: &str) -> Vec<String> {
    numcheck::check_document(
        Document::new("mem.txt", text),
        &Reference::empty(),
        &Settings::default(),
    )
    .findings
    .iter()
    .filter(|f| ARITH.contains(&f.rule.code))
    .map(|f| f.rule.code.to_string())
    .collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// A list of market shares gets the same NC105 verdict in any order, and the verdict is
    /// "over 100%" exactly when the lowest values the written shares allow exceed 100%.
    #[test]
    fn share_list_verdict_ignores_order(
        values in proptest::collection::vec(1u32..60, 2..6),
        rotate in 0usize..6,
    ) {
        let render = |v: &[u32]| {
            let items: Vec<String> = v.iter().map(|x| format!("{x}%")).collect();
            format!("据统计，2024年国内前几家厂商的市场份额分别为{}。", items.join("、"))
        };
        let mut shuffled = values.clone();
        let n = shuffled.len();
        shuffled.rotate_left(rotate % n);
        shuffled.swap(0, n - 1);
        let a = codes_for(&render(&values));
        let b = codes_for(&render(&shuffled));
        proptest::prop_assert_eq!(&a, &b);
        let lows = f64::from(values.iter().sum::<u32>()) - 0.5 * n as f64;
        proptest::prop_assert_eq!(a.contains(&"NC105".to_string()), lows > 100.0);
    }
}

#[test]
fn long_articles_scale_by_repetition() {
    // The same flagged and clean paragraphs, repeated: every copy is judged alike.
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nc107/ev-penetration.txt");
    let one = std::fs::read_to_string(path).expect("fixture readable");
    let many = one.repeat(300);
    let codes = codes_for(&many);
    assert_eq!(codes.len(), 300);
    assert!(codes.iter().all(|c| c == "NC107"));
}

/// Pieces of news prose around figures, to assemble odd articles from.
const PIECES: &[&str] = &[
    "其中",
    "分别为",
    "依次为",
    "前三的",
    "最大",
    "最低",
    "占比",
    "占",
    "份额",
    "也就是说，",
    "即",
    "从",
    "到",
    "增长",
    "下降",
    "同比增长",
    "翻番",
    "总销量",
    "约",
    "超",
    "远超",
    "不到",
    "均",
    "个百分点",
    "30%",
    "45.5%",
    "0%",
    "120%",
    "48万辆",
    "120万辆",
    "60万-80万枚",
    "30万-40枚",
    "171亿美元",
    "16亿",
    "2024年",
    "前3季度",
    "，",
    "。",
    "、",
    "和",
    "\n",
    "比亚迪",
    "小米",
    "市场",
    "(",
    ")",
    "年均",
    "合计",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Whatever the prose, the arithmetic rules never panic and every span is a valid slice.
    #[test]
    fn odd_articles_never_panic(parts in proptest::collection::vec(0..PIECES.len(), 0..60)) {
        let text: String = parts.iter().map(|&i| PIECES[i]).collect();
        let report = numcheck::check_document(
            Document::new("odd.txt", text.clone()),
            &Reference::empty(),
            &Settings::default(),
        );
        for f in report.findings.iter().filter(|f| ARITH.contains(&f.rule.code)) {
            proptest::prop_assert!(text.get(f.span.start..f.span.end).is_some());
            for r in &f.related {
                proptest::prop_assert!(text.get(r.span.start..r.span.end).is_some());
            }
        }
    }
}
