//! Acceptance test of the extractor on the sample article: every claim, in order, with its
//! value, unit, hedge, kind and period, written out by hand; plus subjects and look-alikes.

use approx::relative_eq;
use numcheck::claim::{Claim, ClaimKind, Direction, Value};
use numcheck::document::Document;
use numcheck::extract::{extract, ExtractOptions, Extraction};

const SAMPLE: &str = include_str!("../seeds/nvidia-china-export-controls.txt");

/// An expected value: point, range (low, high) or none.
#[derive(Debug, Clone, Copy)]
enum V {
    P(f64),
    R(f64, f64),
    N,
}

/// One expected claim: text, kind, value, unit code, hedge text, period.
type Exp = (
    &'static str,
    ClaimKind,
    V,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

fn run() -> (Document, Extraction) {
    let doc = Document::new("sample", SAMPLE);
    let opts = ExtractOptions {
        article_date: "2025-11-20".parse().ok(),
        entities: Vec::new(),
    };
    let ex = extract(&doc, &opts);
    (doc, ex)
}

fn value_matches(c: &Claim, v: V) -> bool {
    let eq = |a: f64, b: f64| relative_eq!(a, b, max_relative = 1e-12);
    match (v, &c.value) {
        (V::P(x), Value::Point(n)) => eq(n.value, x),
        (V::R(l, h), Value::Range { low, high }) => eq(low.value, l) && eq(high.value, h),
        (V::N, Value::None) => true,
        _ => false,
    }
}

#[test]
fn every_claim_of_the_sample() {
    use ClaimKind::*;
    use V::*;
    let expected: Vec<Exp> = vec![
        (
            "约100万亿美元",
            Level,
            P(1e14),
            Some("USD"),
            Some("约"),
            None,
        ),
        ("95%", Share, P(95.0), Some("%"), None, None),
        ("0%", Share, P(0.0), Some("%"), None, None),
        ("约50%", Share, P(50.0), Some("%"), Some("约"), None),
        ("约50%", Share, P(50.0), Some("%"), Some("约"), None),
        ("今年4月9日", Date, N, None, None, Some("2025-04-09")),
        ("7月15日", Date, N, None, None, Some("2025-07-15")),
        ("7月", Period, N, None, None, Some("2025-07")),
        ("2024年", Period, N, None, None, Some("2024")),
        (
            "约为60万-80万枚",
            Level,
            R(6e5, 8e5),
            Some("枚"),
            Some("约为"),
            Some("2024"),
        ),
        (
            "约为30万-40万枚",
            Level,
            R(3e5, 4e5),
            Some("枚"),
            Some("约为"),
            Some("2024"),
        ),
        ("2024年", Period, N, None, None, Some("2024")),
        (
            "远超60%",
            Share,
            P(60.0),
            Some("%"),
            Some("远超"),
            Some("2024"),
        ),
        ("2024年末", Period, N, None, None, Some("2024")),
        (
            "48.5万枚",
            Level,
            P(485_000.0),
            Some("枚"),
            None,
            Some("2024"),
        ),
        (
            "均采购23万枚",
            Level,
            P(230_000.0),
            Some("枚"),
            Some("均"),
            Some("2024"),
        ),
        (
            "22.4万枚",
            Level,
            P(224_000.0),
            Some("枚"),
            None,
            Some("2024"),
        ),
        (
            "19.6万枚",
            Level,
            P(196_000.0),
            Some("枚"),
            None,
            Some("2024"),
        ),
        (
            "19.6万枚",
            Level,
            P(196_000.0),
            Some("枚"),
            None,
            Some("2024"),
        ),
        (
            "16.9万枚",
            Level,
            P(169_000.0),
            Some("枚"),
            None,
            Some("2024"),
        ),
        ("2025财年", Period, N, None, None, Some("FY2025")),
        ("2024年", Period, N, None, None, Some("2024")),
        ("每年1月末-次年1月末", Period, N, None, None, None),
        (
            "171亿美元",
            Level,
            P(1.71e10),
            Some("USD"),
            None,
            Some("FY2025"),
        ),
        ("66%", Growth, P(66.0), Some("%"), None, Some("FY2025")),
        ("13.1%", Share, P(13.1), Some("%"), None, Some("FY2025")),
        (
            "连续三年下滑",
            Trend,
            P(3.0),
            Some("年"),
            None,
            Some("FY2025"),
        ),
        ("连续三年下滑", Trend, P(3.0), Some("年"), None, None),
        ("2024年", Period, N, None, None, Some("2024")),
        (
            "60万-80万枚",
            Level,
            R(6e5, 8e5),
            Some("枚"),
            None,
            Some("2024"),
        ),
        ("50%", Share, P(50.0), Some("%"), None, Some("2024")),
        (
            "30万-40枚",
            Level,
            R(3e5, 40.0),
            Some("枚"),
            None,
            Some("2024"),
        ),
        ("前25年前3季度", Period, N, None, None, None),
        ("16亿", Level, P(1.6e9), None, None, None),
    ];
    let (doc, ex) = run();
    let got: Vec<String> = ex
        .claims
        .iter()
        .map(|c| format!("{} {:?}", doc.slice(c.span), c.kind))
        .collect();
    assert_eq!(ex.claims.len(), expected.len(), "claims: {got:#?}");
    for (c, (text, kind, v, unit, hedge, period)) in ex.claims.iter().zip(&expected) {
        let what = format!("claim {} `{}`", c.id, doc.slice(c.span));
        assert_eq!(doc.slice(c.span), *text, "{what}");
        assert_eq!(c.kind, *kind, "{what}");
        assert!(value_matches(c, *v), "{what}: {:?} vs {v:?}", c.value);
        assert_eq!(c.unit.as_ref().map(|u| u.code.as_str()), *unit, "{what}");
        assert_eq!(c.hedge.as_ref().map(|h| h.text.as_str()), *hedge, "{what}");
        assert_eq!(c.period.as_deref(), *period, "{what}");
    }
}

/// Finds the `n`th claim (0-based) whose text is `text`.
fn find<'a>(doc: &Document, ex: &'a Extraction, text: &str, n: usize) -> &'a Claim {
    ex.claims
        .iter()
        .filter(|c| doc.slice(c.span) == text)
        .nth(n)
        .unwrap_or_else(|| panic!("no claim `{text}` #{n}"))
}

#[test]
fn subjects_segments_and_metrics() {
    let (doc, ex) = run();
    let c = find(&doc, &ex, "171亿美元", 0);
    assert_eq!(c.subject.as_deref(), Some("英伟达"));
    assert_eq!(c.segment.as_deref(), Some("中国大陆"));
    assert_eq!(c.metric.as_deref(), Some("收入"));
    assert_eq!(c.magnitude.as_deref(), Some("亿"));
    assert!(relative_eq!(c.interval().unwrap().0, 1.705e10));
    let g = find(&doc, &ex, "66%", 0);
    assert_eq!(g.direction, Some(Direction::Up));
    let s = find(&doc, &ex, "13.1%", 0);
    assert_eq!(s.metric.as_deref(), Some("占比"));
    assert_eq!(s.segment.as_deref(), Some("中国大陆"));
    let t = find(&doc, &ex, "连续三年下滑", 0);
    assert_eq!(t.direction, Some(Direction::Down));
    let n = find(&doc, &ex, "16亿", 0);
    assert_eq!(n.subject.as_deref(), Some("寒武纪"));
    assert_eq!(n.metric.as_deref(), Some("净利润"));
    for (text, nth, subject) in [
        ("48.5万枚", 0, "微软"),
        ("均采购23万枚", 0, "腾讯"),
        ("22.4万枚", 0, "Meta"),
        ("19.6万枚", 0, "亚马逊"),
        ("19.6万枚", 1, "xAI"),
        ("16.9万枚", 0, "谷歌"),
    ] {
        let c = find(&doc, &ex, text, nth);
        assert_eq!(c.subject.as_deref(), Some(subject), "{text}");
        assert_eq!(c.metric.as_deref(), Some("采购"), "{text}");
    }
    let r = find(&doc, &ex, "约为60万-80万枚", 0);
    assert_eq!(
        (
            r.subject.as_deref(),
            r.segment.as_deref(),
            r.metric.as_deref()
        ),
        (Some("英伟达"), Some("中国市场"), Some("出货量"))
    );
    let r = find(&doc, &ex, "约为30万-40万枚", 0);
    assert_eq!(r.subject.as_deref(), Some("某主流国产AI芯片"));
    let r = find(&doc, &ex, "30万-40枚", 0);
    assert_eq!(r.subject.as_deref(), Some("国产AI芯片"));
    assert_eq!(r.metric.as_deref(), Some("出货"));
}

#[test]
fn from_to_and_flagged_forms() {
    let (doc, ex) = run();
    let from = find(&doc, &ex, "95%", 0);
    let to = find(&doc, &ex, "0%", 0);
    assert_eq!(to.change_of, Some((from.id, to.id)));
    assert_eq!(to.direction, Some(Direction::Down));
    assert_eq!(from.change_of, None);
    // 30万-40枚: each end keeps what is written on it.
    let r = find(&doc, &ex, "30万-40枚", 0);
    assert_eq!(r.bounds.len(), 2);
    assert_eq!(r.bounds[0].magnitude.as_deref(), Some("万"));
    assert_eq!(r.bounds[1].magnitude, None);
    assert_eq!(r.bounds[0].unit, None);
    assert_eq!(
        r.bounds[1].unit.as_ref().map(|u| u.code.as_str()),
        Some("枚")
    );
    let g = find(&doc, &ex, "前25年前3季度", 0);
    assert!(g.notes.iter().any(|n| n.starts_with("garbled period")));
    assert_eq!(g.period, None);
}

#[test]
fn no_claim_on_codes_or_numeral_words() {
    let (doc, ex) = run();
    for word in [
        "H20",
        "H100",
        "H200",
        "A100",
        "GPT-4",
        "一位",
        "之一",
        "第一性原理",
        "百度",
        "中国大陆",
        "一度",
        "两大",
        "一家",
        "一扇门",
        "一方面",
        "第二大",
        "单一",
        "一步",
        "一条",
    ] {
        let mut from = 0;
        while let Some(k) = doc.text[from..].find(word) {
            let at = from + k;
            let span = (at, at + word.len());
            for c in &ex.claims {
                let overlap = c.span.start < span.1 && span.0 < c.span.end;
                assert!(!overlap, "claim `{}` overlaps `{word}`", doc.slice(c.span));
            }
            from = at + word.len();
        }
    }
    // Mentions include the skipped codes and numeral words.
    assert!(ex.numeric_mentions > ex.claims.len());
}

#[test]
fn sentences_and_ids_are_consistent() {
    let (doc, ex) = run();
    let sentences = doc.sentences();
    for (i, c) in ex.claims.iter().enumerate() {
        assert_eq!(c.id, i);
        let s = sentences[c.sentence];
        assert!(s.contains(c.span), "claim {i} outside its sentence");
        for b in &c.bounds {
            assert!(c.span.contains(b.span));
        }
    }
}
