//! The reference rules NC201–NC205 on whole articles: fixture articles with a fictional
//! reference (flagged and clean), and the sample article with the bundled reference.

use numcheck::checks::{registry, Context, Outcome};
use numcheck::document::Document;
use numcheck::finding::Finding;
use numcheck::reference::Reference;
use numcheck::settings::Settings;

const FIXTURES: &str = "tests/fixtures/ref";

/// The bundled reference with the fixture reference directory on top.
fn fixture_reference() -> Reference {
    let mut r = Reference::bundled();
    r.add_path(format!("{FIXTURES}/reference"))
        .expect("fixture reference is valid");
    r
}

fn read(path: &str) -> Document {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Document::new(path, text)
}

/// The NC2xx findings of a fixture article.
fn ref_findings(name: &str, reference: &Reference) -> (Document, Vec<Finding>) {
    let doc = read(&format!("{FIXTURES}/{name}"));
    let report = numcheck::check_document(doc.clone(), reference, &Settings::default());
    let found = report
        .findings
        .into_iter()
        .filter(|f| f.rule.code.starts_with("NC2"))
        .collect();
    (doc, found)
}

/// The source text of every claim the NC2xx rules matched to a reference fact.
fn referenced(doc: &Document, reference: &Reference) -> Vec<String> {
    let ex = numcheck::extract::extract(
        doc,
        &numcheck::extract_options(reference, &Settings::default()),
    );
    let sentences = doc.sentences();
    let cx = Context {
        doc,
        claims: &ex.claims,
        sentences: &sentences,
        reference,
        article_date: None,
    };
    let mut out = Outcome::new(ex.claims.len());
    for rule in registry()
        .iter()
        .filter(|r| r.info().code.starts_with("NC2"))
    {
        rule.run(&cx, &mut out);
    }
    ex.claims
        .iter()
        .filter(|c| out.referenced[c.id])
        .map(|c| doc.slice(c.span).to_string())
        .collect()
}

/// One line per finding: code, flagged text, suggestion.
fn summary(doc: &Document, findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            format!(
                "{} {} -> {}",
                f.rule.code,
                doc.slice(f.span),
                f.suggestion.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

/// Every finding carries its arithmetic.
fn assert_complete(findings: &[Finding]) {
    for f in findings {
        assert!(!f.message.is_empty());
        assert!(f.stated.is_some(), "{f:?}");
        assert!(f.expected.is_some(), "{f:?}");
        assert!(f.formula.is_some(), "{f:?}");
        assert!(f.tolerance.is_some(), "{f:?}");
    }
}

fn assert_clean(name: &str, reference: &Reference, min_referenced: usize) {
    let (doc, found) = ref_findings(name, reference);
    assert!(found.is_empty(), "{name}: {:?}", summary(&doc, &found));
    let hits = referenced(&doc, reference);
    assert!(
        hits.len() >= min_referenced,
        "{name}: only {hits:?} matched the reference"
    );
}

#[test]
fn nc201_flags_a_wrong_delivery_figure() {
    let r = fixture_reference();
    let (doc, found) = ref_findings("nc201_flagged.txt", &r);
    assert_eq!(summary(&doc, &found), ["NC201 45.6万辆 -> 41.2万辆"]);
    assert_complete(&found);
    assert!(found[0].expected.as_deref() == Some("41.23万辆"));
    assert_clean("nc201_clean.txt", &r, 4);
}

#[test]
fn nc202_flags_lost_magnitudes() {
    let r = fixture_reference();
    let (doc, found) = ref_findings("nc202_flagged.txt", &r);
    assert_eq!(
        summary(&doc, &found),
        ["NC202 1254.3万元 -> 1254.3亿元", "NC202 6.1辆 -> 6.1万辆"]
    );
    assert_complete(&found);
    assert_clean("nc202_clean.txt", &r, 3);
}

#[test]
fn nc203_flags_growth_rates_the_reference_contradicts() {
    let r = fixture_reference();
    let (doc, found) = ref_findings("nc203_flagged.txt", &r);
    assert_eq!(
        summary(&doc, &found),
        ["NC203 45% -> 37%", "NC203 11.5% -> -"]
    );
    assert_complete(&found);
    assert!(found[0]
        .formula
        .as_deref()
        .unwrap()
        .contains("41.23万 / 30.18万 − 1"));
    // 同比, 环比 and a hedged rate, all right.
    assert_clean("nc203_clean.txt", &r, 8);
}

#[test]
fn nc204_flags_a_wrong_segment_share() {
    let r = fixture_reference();
    let (doc, found) = ref_findings("nc204_flagged.txt", &r);
    assert_eq!(summary(&doc, &found), ["NC204 18.5% -> 14.8%"]);
    assert_complete(&found);
    assert_clean("nc204_clean.txt", &r, 3);
}

#[test]
fn nc205_flags_a_trend_the_series_contradicts() {
    let r = fixture_reference();
    let (doc, found) = ref_findings("nc205_flagged.txt", &r);
    assert_eq!(summary(&doc, &found), ["NC205 连续三年下滑 -> -"]);
    assert_complete(&found);
    assert!(found[0]
        .formula
        .as_deref()
        .unwrap()
        .contains("2024 6.1万/41.23万 = 14.8%"));
    assert_clean("nc205_clean.txt", &r, 3);
}

#[test]
fn forecasts_changes_and_partial_figures_are_not_compared() {
    // Targets, changes, cumulative, monthly, average and per-unit figures next to the very
    // metrics the reference holds, parts introduced by 其中, and figures whose metric was
    // carried from another sentence or clause.
    let r = fixture_reference();
    assert_clean("lookalikes_clean.txt", &r, 5);
    let (doc, _) = ref_findings("lookalikes_clean.txt", &r);
    let hits = referenced(&doc, &r);
    for never in [
        "50万辆",
        "60万辆",
        "26.7亿元",
        "11万辆",
        "100万辆",
        "5.2万辆",
        "3.4万辆",
        "5款",
        "2座",
        "30.4万元",
        "1.2万人",
        "22万辆",
        "1.2万美元",
        "5%",
    ] {
        assert!(
            !hits
                .iter()
                .any(|h| h == never || *h == format!("约{never}")),
            "{never} should not be compared: {hits:?}"
        );
    }
}

#[test]
fn correct_figures_pass_the_bundled_reference() {
    // An article of its own on NVIDIA's and Cambricon's results, every figure right:
    // levels, growth, segment shares (美国 约47%), fiscal years, quarters.
    let r = Reference::bundled();
    assert_clean("bundled_clean.txt", &r, 13);
}

#[test]
fn quarters_halves_and_calendar_years_are_not_fiscal_years() {
    // Fiscal quarters and halves, a calendar year next to fiscal-year facts, a segment the
    // reference lacks after 其中: none of them is compared with a fiscal-year fact.
    let r = Reference::bundled();
    assert_clean("bundled_lookalikes_clean.txt", &r, 3);
    let (doc, _) = ref_findings("bundled_lookalikes_clean.txt", &r);
    let hits = referenced(&doc, &r);
    for never in ["77亿美元", "560.8亿美元", "约150亿美元", "1152亿美元"] {
        assert!(!hits.iter().any(|h| h == never), "{never}: {hits:?}");
    }
}

#[test]
fn altered_sample_figures_are_caught_by_the_bundled_reference() {
    // Lines 18-19 of the sample article with six figures altered.
    let r = Reference::bundled();
    let (doc, found) = ref_findings("sample_mutated.txt", &r);
    assert_eq!(
        summary(&doc, &found),
        [
            "NC202 48.5枚 -> 48.5万枚",
            "NC202 16.9亿枚 -> 16.9万枚",
            "NC201 181亿美元 -> 171亿美元",
            "NC203 76% -> 66%",
            "NC204 15.1% -> 13.1%",
            "NC205 连续三年增长 -> -",
        ]
    );
    assert_complete(&found);
}

#[test]
fn fixtures_need_their_reference() {
    // Without the fictional reference nothing matches, so nothing is flagged.
    let r = Reference::bundled();
    for name in [
        "nc201_flagged.txt",
        "nc202_flagged.txt",
        "nc205_flagged.txt",
    ] {
        let (doc, found) = ref_findings(name, &r);
        assert!(found.is_empty(), "{name}: {:?}", summary(&doc, &found));
        assert!(referenced(&doc, &r).is_empty());
    }
}

#[test]
fn sample_article_passes_the_bundled_reference() {
    let r = Reference::bundled();
    let doc = read("seeds/nvidia-china-export-controls.txt");
    let report = numcheck::check_document(doc.clone(), &r, &Settings::default());
    let nc2: Vec<Finding> = report
        .findings
        .iter()
        .filter(|f| f.rule.code.starts_with("NC2"))
        .cloned()
        .collect();
    assert!(nc2.is_empty(), "{:?}", summary(&doc, &nc2));

    let hits = referenced(&doc, &r);
    let has = |needle: &str| hits.iter().filter(|t| t.contains(needle)).count();
    for needle in [
        "171亿美元",
        "66%",
        "13.1%",
        "48.5万",
        "23万",
        "22.4万",
        "16.9万",
    ] {
        assert_eq!(has(needle), 1, "{needle} not matched once: {hits:?}");
    }
    assert!(has("连续三年下滑") >= 1, "{hits:?}");
    // 亚马逊's 19.6万 matches Amazon; xAI's 19.6万 must not match `Tesla and xAI`.
    assert_eq!(has("19.6万"), 1, "{hits:?}");
    // The H20 shipment estimate from 《财经》 is not compared with SemiAnalysis's.
    assert_eq!(has("60万-80万"), 0, "{hits:?}");
    assert!(report.stats.checked >= 9);
}

#[test]
fn every_reference_rule_documents_itself() {
    let codes: Vec<&str> = registry()
        .iter()
        .map(|r| r.info().code)
        .filter(|c| c.starts_with("NC2"))
        .collect();
    assert_eq!(codes, ["NC201", "NC202", "NC203", "NC204", "NC205"]);
    for rule in registry()
        .iter()
        .filter(|r| r.info().code.starts_with("NC2"))
    {
        let doc = rule.info().doc;
        for part in ["Why:", "Flagged:", "Not flagged:", "Tolerance:"] {
            assert!(doc.contains(part), "{} lacks {part}", rule.info().code);
        }
    }
}
