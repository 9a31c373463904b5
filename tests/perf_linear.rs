//! Long documents stay linear: repeating a paragraph k times repeats its claims and its
//! findings k times (no pairwise blow-up in extraction or the rules), and a document of
//! about 2 MB of repeated ranges and figures is checked to the end. No timing assertions:
//! the structure of the output is what is asserted.

use numcheck::document::Document;
use numcheck::reference::Reference;
use numcheck::settings::Settings;
use std::collections::BTreeMap;

/// A paragraph dense in ranges, hedges, shares and repeated figures, about a company the
/// bundled reference does not know (so every claim is checked against the others only).
const PARAGRAPH: &str = "据统计，长风汽车2024年交付量为30万-40万辆，同比增长12%至15%，\
约占全国市场的3%-5%。其营收约为120亿元至150亿元，其中海外收入20亿-30亿元。\
长风汽车2024年交付量为30万-40万辆，排名第三。\n";

/// A paragraph with a flaw, so findings can be counted too: a range written backwards.
const FLAWED: &str = "星河电池2024年营收为85亿元，同比增长20%。\
公司2024年销量为50万至30万辆，毛利率约为18%。\n";

/// Claims per kind and findings per rule of `text` checked with the bundled reference.
fn profile(text: &str) -> (usize, BTreeMap<&'static str, usize>) {
    let reference = Reference::bundled();
    let report = numcheck::check_document(
        Document::new("long.txt", text),
        &reference,
        &Settings::default(),
    );
    let mut rules = BTreeMap::new();
    for f in &report.findings {
        *rules.entry(f.rule.code).or_insert(0) += 1;
    }
    (report.claims.len(), rules)
}

#[test]
fn repeating_a_paragraph_repeats_its_claims_and_findings() {
    let unit = format!("{PARAGRAPH}{FLAWED}");
    let (claims1, rules1) = profile(&unit);
    assert!(
        claims1 >= 10,
        "the paragraph must be claim-dense: {claims1}"
    );
    assert!(!rules1.is_empty(), "the flawed paragraph must be flagged");
    let k = 50;
    let (claims_k, rules_k) = profile(&unit.repeat(k));
    assert_eq!(claims_k, k * claims1, "claims must scale with the text");
    // Each copy repeats its paragraph's findings; copies may add findings against
    // earlier copies only through bounded look-backs, never a product of copies.
    for (rule, n) in &rules_k {
        let one = rules1.get(rule).copied().unwrap_or(0);
        assert!(
            *n <= k * (one + 1),
            "{rule}: {n} findings for {k} copies of a paragraph with {one}"
        );
    }
}

#[test]
fn a_two_megabyte_document_of_repeated_ranges_is_checked_to_the_end() {
    let copies = 2_000_000 / PARAGRAPH.len();
    let text = PARAGRAPH.repeat(copies);
    let (claims1, _) = profile(PARAGRAPH);
    let (claims, _) = profile(&text);
    assert_eq!(claims, copies * claims1);
}

#[test]
fn a_long_single_line_is_located_to_the_end() {
    // One line of ~400 KB (a JSONL article without line breaks): every claim located.
    let line = PARAGRAPH.trim_end().repeat(2_000);
    let reference = Reference::bundled();
    let report = numcheck::check_document(
        Document::new("line.txt", line.as_str()),
        &reference,
        &Settings::default(),
    );
    let last = report.claims.last().expect("claims");
    let loc = report.doc.locate(last.span);
    assert_eq!(loc.line, 1);
    assert_eq!(
        loc.column,
        line[..last.span.start].chars().count() + 1,
        "column of the last claim"
    );
}
