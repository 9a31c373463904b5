//! Property tests: the reference rules never panic, whatever claims the extractor hands
//! them (odd spans, non-finite or negative values, any kind, hedge or subject).

use numcheck::checks::{registry, Context, Outcome};
use numcheck::claim::{Claim, ClaimKind, Direction, Hedge, HedgeKind, Num, Unit, UnitKind, Value};
use numcheck::document::{Document, Span};
use numcheck::reference::Reference;
use proptest::prelude::*;

const TEXT: &str = "英伟达2025财年在中国大陆收入171亿美元,同比增长66%。\n微软(48.5万枚)、字节跳动与腾讯(均采购23万枚),占比为13.1%,已连续三年下滑。";

fn kind() -> impl Strategy<Value = ClaimKind> {
    prop_oneof![
        Just(ClaimKind::Level),
        Just(ClaimKind::Share),
        Just(ClaimKind::Growth),
        Just(ClaimKind::Trend),
        Just(ClaimKind::Count),
        Just(ClaimKind::Date),
    ]
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(-1.71e10),
        Just(1.71e10),
        Just(66.0),
        Just(3.0),
        -1e12..1e12f64,
    ]
}

fn word() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        Just("英伟达".to_string()),
        Just("字节跳动与腾讯".to_string()),
        Just("中国大陆".to_string()),
        Just("收入".to_string()),
        Just("占比".to_string()),
        Just("采购".to_string()),
        Just("全球".to_string()),
        ".{0,6}",
    ])
}

fn period() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        Just("FY2025".to_string()),
        Just("2024".to_string()),
        Just("2025Q1-Q3".to_string()),
        Just("1000".to_string()),
        "[0-9FYQH-]{0,9}",
    ])
}

prop_compose! {
    fn claim()(
        kind in kind(),
        a in 0usize..200, b in 0usize..200,
        v in number(), step in number(), range in any::<bool>(),
        subject in word(), segment in word(), metric in word(), period in period(),
        hedge in prop::option::of(prop_oneof![
            Just(HedgeKind::About), Just(HedgeKind::Below), Just(HedgeKind::Above),
            Just(HedgeKind::WellAbove), Just(HedgeKind::Each), Just(HedgeKind::AtMost)]),
        dir in prop::option::of(prop_oneof![Just(Direction::Up), Just(Direction::Down)]),
        unit in prop::option::of(prop_oneof![
            Just(Unit::new("USD", UnitKind::Currency)), Just(Unit::new("%", UnitKind::Percent)),
            Just(Unit::new("枚", UnitKind::Measure)), Just(Unit::new("年", UnitKind::Measure))]),
        sentence in 0usize..6,
    ) -> Claim {
        // Spans land on character boundaries, as the extractor guarantees.
        let bounds: Vec<usize> = TEXT.char_indices().map(|(i, _)| i).chain([TEXT.len()]).collect();
        let (s, e) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
        let value = if range {
            Value::Range { low: Num::new(v, step.abs()), high: Num::new(step, v.abs()) }
        } else {
            Value::Point(Num::new(v, step.abs()))
        };
        Claim {
            id: 0,
            span: Span::new(s.min(e), s.max(e)),
            kind,
            value,
            bounds: Vec::new(),
            unit,
            magnitude: Some("亿".into()),
            hedge: hedge.map(|kind| Hedge { text: "约".into(), kind }),
            direction: dir,
            period,
            subject,
            segment,
            metric,
            sentence,
            change_of: None,
            notes: Vec::new(),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn reference_rules_never_panic(claims in prop::collection::vec(claim(), 0..6)) {
        let reference = Reference::bundled();
        let doc = Document::new("p.txt", TEXT);
        let claims: Vec<Claim> = claims
            .into_iter()
            .enumerate()
            .map(|(i, mut c)| { c.id = i; c })
            .collect();
        let sentences = doc.sentences();
        let cx = Context {
            doc: &doc,
            claims: &claims,
            sentences: &sentences,
            reference: &reference,
            article_date: None,
        };
        let mut out = Outcome::new(claims.len());
        for rule in registry().iter().filter(|r| r.info().code.starts_with("NC2")) {
            rule.run(&cx, &mut out);
        }
        for f in &out.findings {
            prop_assert!(f.span.end <= TEXT.len());
            let shown = format!("{} {:?} {:?}", f.message, f.stated, f.expected);
            prop_assert!(!shown.contains("NaN"), "{}", shown);
        }
    }
}
