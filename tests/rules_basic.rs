//! Rule-level tests of NC101–NC103, NC109–NC111 and NC301–NC302 on hand-built claims.
//!
//! Each test writes a short article, builds the claims the extractor would produce for it
//! (so the rules are tested apart from extraction), runs one rule and asserts the exact
//! flagged texts. The second half runs fixture articles (tests/fixtures/nc1xx …, and the
//! sample article) through `check_document`, extractor included.

use numcheck::checks::{self, Check, Context, Outcome};
use numcheck::claim::{
    Bound, Claim, ClaimKind, Direction, Hedge, HedgeKind, Num, Unit, UnitKind, Value,
};
use numcheck::document::{Document, Span};
use numcheck::reference::Reference;
use numcheck::settings::Date;

/// An article and the claims built for it by hand.
struct Case {
    doc: Document,
    claims: Vec<Claim>,
    article_date: Option<Date>,
}

/// How to build one claim: defaults, overridden field by field.
#[derive(Clone, Default)]
struct Spec {
    kind: Option<ClaimKind>,
    unit: Option<Unit>,
    hedge: Option<(&'static str, HedgeKind)>,
    subject: Option<&'static str>,
    segment: Option<&'static str>,
    metric: Option<&'static str>,
    period: Option<&'static str>,
    direction: Option<Direction>,
    notes: Vec<String>,
}

fn unit(code: &str) -> Option<Unit> {
    let kind = match code {
        "USD" | "CNY" | "HKD" => UnitKind::Currency,
        "%" => UnitKind::Percent,
        _ => UnitKind::Measure,
    };
    Some(Unit::new(code, kind))
}

impl Case {
    fn new(text: &str) -> Self {
        Case {
            doc: Document::new("test.txt", text),
            claims: Vec::new(),
            article_date: None,
        }
    }

    /// Span of the `nth` (0-based) occurrence of `needle`.
    fn at(&self, needle: &str, nth: usize) -> Span {
        let (start, _) = self
            .doc
            .text
            .match_indices(needle)
            .nth(nth)
            .unwrap_or_else(|| panic!("`{needle}` #{nth} not in the test text"));
        Span::new(start, start + needle.len())
    }

    /// Span of `needle` searched inside `within`.
    fn inside(&self, within: Span, needle: &str) -> Span {
        let off = self.doc.slice(within).find(needle).expect("part of claim");
        Span::new(within.start + off, within.start + off + needle.len())
    }

    fn push(&mut self, span: Span, value: Value, bounds: Vec<Bound>, spec: Spec) -> usize {
        let sentence = self
            .doc
            .sentences()
            .iter()
            .position(|s| s.contains(span))
            .expect("claim inside one sentence");
        let id = self.claims.len();
        let magnitude = bounds.last().and_then(|b| b.magnitude.clone());
        self.claims.push(Claim {
            id,
            span,
            kind: spec.kind.unwrap_or(ClaimKind::Level),
            value,
            bounds,
            unit: spec.unit,
            magnitude,
            hedge: spec.hedge.map(|(t, kind)| Hedge {
                text: t.to_string(),
                kind,
            }),
            direction: spec.direction,
            period: spec.period.map(str::to_string),
            subject: spec.subject.map(str::to_string),
            segment: spec.segment.map(str::to_string),
            metric: spec.metric.map(str::to_string),
            sentence,
            change_of: None,
            notes: spec.notes,
        });
        id
    }

    /// A point claim: `text` (hedge included) at occurrence `nth`; `number` is the part
    /// without the hedge; value and step in base units.
    fn point(
        &mut self,
        text: &str,
        nth: usize,
        value: f64,
        step: f64,
        mag: Option<&str>,
        spec: Spec,
    ) -> usize {
        let span = self.at(text, nth);
        let hedge_len = spec.hedge.map_or(0, |(h, _)| h.len());
        let bspan = Span::new(span.start + hedge_len, span.end);
        let num = Num::new(value, step);
        let b = Bound {
            span: bspan,
            num,
            magnitude: mag.map(str::to_string),
            unit: spec.unit.clone(),
        };
        self.push(span, Value::Point(num), vec![b], spec)
    }

    /// A range claim: `text` at occurrence `nth`, with ends (`end text`, value, step,
    /// magnitude written on it, unit written on it).
    #[allow(clippy::type_complexity)]
    fn range(
        &mut self,
        text: &str,
        nth: usize,
        ends: [(&str, f64, f64, Option<&str>, Option<&str>); 2],
        spec: Spec,
    ) -> usize {
        let span = self.at(text, nth);
        let mut rest = span;
        let bounds: Vec<Bound> = ends
            .iter()
            .map(|(t, v, step, mag, u)| {
                let s = self.inside(rest, t);
                rest = Span::new(s.end, rest.end);
                Bound {
                    span: s,
                    num: Num::new(*v, *step),
                    magnitude: mag.map(str::to_string),
                    unit: u.and_then(unit),
                }
            })
            .collect();
        let value = Value::Range {
            low: bounds[0].num,
            high: bounds[1].num,
        };
        self.push(span, value, bounds, spec)
    }

    /// A date or period claim.
    fn period(
        &mut self,
        text: &str,
        nth: usize,
        kind: ClaimKind,
        period: Option<&'static str>,
        notes: &[&str],
    ) -> usize {
        let span = self.at(text, nth);
        let spec = Spec {
            kind: Some(kind),
            period,
            notes: notes.iter().map(|s| s.to_string()).collect(),
            ..Spec::default()
        };
        self.push(span, Value::None, Vec::new(), spec)
    }

    fn run(&self, rule: &str) -> (Outcome, Vec<(String, String)>) {
        let sentences = self.doc.sentences();
        let reference = Reference::empty();
        let cx = Context {
            doc: &self.doc,
            claims: &self.claims,
            sentences: &sentences,
            reference: &reference,
            article_date: self.article_date,
        };
        let check: &dyn Check = checks::find_rule(rule).expect("registered rule");
        let mut out = Outcome::new(self.claims.len());
        check.run(&cx, &mut out);
        let flagged = out
            .findings
            .iter()
            .map(|f| {
                assert_eq!(f.rule.code, rule);
                (
                    self.doc.slice(f.span).to_string(),
                    f.suggestion.clone().unwrap_or_default(),
                )
            })
            .collect();
        (out, flagged)
    }
}

fn flagged(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn measure(u: &str) -> Spec {
    Spec {
        unit: unit(u),
        ..Spec::default()
    }
}

#[test]
fn nc101_flags_a_lost_magnitude_and_mixed_units_only() {
    let mut c = Case::new(
        "国产芯片出货为30万-40枚。另一款为60-80万枚,也有人说60万-80万枚。占比为30%-40%。\
         营收为5000万-1.2亿元。员工1万-12000人。产量30万吨-40万辆。",
    );
    c.range(
        "30万-40枚",
        0,
        [
            ("30万", 3e5, 1e4, Some("万"), None),
            ("40枚", 40.0, 1.0, None, Some("枚")),
        ],
        measure("枚"),
    );
    c.range(
        "60-80万枚",
        0,
        [
            ("60", 6e5, 1e4, None, None),
            ("80万枚", 8e5, 1e4, Some("万"), Some("枚")),
        ],
        measure("枚"),
    );
    c.range(
        "60万-80万枚",
        0,
        [
            ("60万", 6e5, 1e4, Some("万"), None),
            ("80万枚", 8e5, 1e4, Some("万"), Some("枚")),
        ],
        measure("枚"),
    );
    c.range(
        "30%-40%",
        0,
        [
            ("30%", 30.0, 1.0, None, Some("%")),
            ("40%", 40.0, 1.0, None, Some("%")),
        ],
        measure("%"),
    );
    c.range(
        "5000万-1.2亿元",
        0,
        [
            ("5000万", 5e7, 1e4, Some("万"), None),
            ("1.2亿元", 1.2e8, 1e7, Some("亿"), Some("CNY")),
        ],
        measure("CNY"),
    );
    c.range(
        "1万-12000人",
        0,
        [
            ("1万", 1e4, 1e4, Some("万"), None),
            ("12000人", 12000.0, 1.0, None, Some("人")),
        ],
        measure("人"),
    );
    c.range(
        "30万吨-40万辆",
        0,
        [
            ("30万吨", 3e5, 1e4, Some("万"), Some("吨")),
            ("40万辆", 4e5, 1e4, Some("万"), Some("辆")),
        ],
        measure("辆"),
    );
    let (out, got) = c.run("NC101");
    assert_eq!(
        got,
        flagged(&[("30万-40枚", "30万-40万枚"), ("30万吨-40万辆", "")])
    );
    let f = &out.findings[0];
    assert_eq!(f.related.len(), 2);
    assert_eq!(
        f.expected.as_deref(),
        Some("30万枚 to 40万枚 with 万 on both ends")
    );
    assert!(f.formula.is_some() && f.tolerance.is_some());
}

#[test]
fn nc102_flags_backwards_ranges_unless_nc101_explains_them() {
    let mut c = Case::new(
        "销量为3.5万-2.8万辆。规模1.5-1.2亿元。销量2.8万-3.5万辆。出货30万-40枚。增速-3%至-5%。\
         投资1.2亿-8000万元。",
    );
    c.range(
        "3.5万-2.8万辆",
        0,
        [
            ("3.5万", 3.5e4, 1e3, Some("万"), None),
            ("2.8万辆", 2.8e4, 1e3, Some("万"), Some("辆")),
        ],
        measure("辆"),
    );
    c.range(
        "1.5-1.2亿元",
        0,
        [
            ("1.5", 1.5e8, 1e7, None, None),
            ("1.2亿元", 1.2e8, 1e7, Some("亿"), Some("CNY")),
        ],
        measure("CNY"),
    );
    c.range(
        "2.8万-3.5万辆",
        0,
        [
            ("2.8万", 2.8e4, 1e3, Some("万"), None),
            ("3.5万辆", 3.5e4, 1e3, Some("万"), Some("辆")),
        ],
        measure("辆"),
    );
    c.range(
        "30万-40枚",
        0,
        [
            ("30万", 3e5, 1e4, Some("万"), None),
            ("40枚", 40.0, 1.0, None, Some("枚")),
        ],
        measure("枚"),
    );
    c.range(
        "-3%至-5%",
        0,
        [
            ("-3%", -3.0, 1.0, None, Some("%")),
            ("-5%", -5.0, 1.0, None, Some("%")),
        ],
        measure("%"),
    );
    c.range(
        "1.2亿-8000万元",
        0,
        [
            ("1.2亿", 1.2e8, 1e7, Some("亿"), None),
            ("8000万元", 8e7, 1e4, Some("万"), Some("CNY")),
        ],
        measure("CNY"),
    );
    let (out, got) = c.run("NC102");
    assert_eq!(
        got,
        flagged(&[
            ("3.5万-2.8万辆", ""),
            ("1.5-1.2亿元", ""),
            ("1.2亿-8000万元", "")
        ])
    );
    assert!(out.findings[0]
        .formula
        .as_deref()
        .unwrap_or("")
        .contains("3.45万"));
}

fn chip(period: Option<&'static str>, subject: &'static str, metric: &'static str) -> Spec {
    Spec {
        unit: unit("枚"),
        subject: Some(subject),
        metric: Some(metric),
        period,
        ..Spec::default()
    }
}

#[test]
fn nc103_links_a_repeated_range_that_lost_its_magnitude() {
    let mut c = Case::new(
        "2024年,某主流国产AI芯片出货量约为30万-40万枚。英伟达出货量约为60万-80万枚。\n\
         业内人士称,国产AI芯片已实现30万-40枚出货。英伟达2024年曾有60万-80万枚出货量。\n\
         另一家海外芯片出货量为30万-40枚。",
    );
    let about = Spec {
        hedge: Some(("约为", HedgeKind::About)),
        ..chip(Some("2024"), "某主流国产AI芯片", "出货量")
    };
    let first = c.range(
        "约为30万-40万枚",
        0,
        [
            ("30万", 3e5, 1e4, Some("万"), None),
            ("40万枚", 4e5, 1e4, Some("万"), Some("枚")),
        ],
        about.clone(),
    );
    c.range(
        "约为60万-80万枚",
        0,
        [
            ("60万", 6e5, 1e4, Some("万"), None),
            ("80万枚", 8e5, 1e4, Some("万"), Some("枚")),
        ],
        Spec {
            subject: Some("英伟达"),
            ..about
        },
    );
    c.range(
        "30万-40枚",
        0,
        [
            ("30万", 3e5, 1e4, Some("万"), None),
            ("40枚", 40.0, 1.0, None, Some("枚")),
        ],
        chip(Some("2024"), "国产AI芯片", "出货"),
    );
    c.range(
        "60万-80万枚",
        1,
        [
            ("60万", 6e5, 1e4, Some("万"), None),
            ("80万枚", 8e5, 1e4, Some("万"), Some("枚")),
        ],
        chip(Some("2024"), "英伟达", "出货量"),
    );
    // Same metric, different subject: never compared.
    c.range(
        "30万-40枚",
        1,
        [
            ("30万", 3e5, 1e4, Some("万"), None),
            ("40枚", 40.0, 1.0, None, Some("枚")),
        ],
        chip(Some("2024"), "海外芯片", "出货量"),
    );
    let (out, got) = c.run("NC103");
    assert_eq!(got, flagged(&[("30万-40枚", "30万-40万枚")]));
    let f = &out.findings[0];
    assert_eq!(f.span, c.at("30万-40枚", 0));
    assert_eq!(f.related[0].span, c.claims[first].span);
    assert_eq!(c.doc.locate(f.related[0].span).line, 1);
    assert!(f.formula.as_deref().unwrap_or("").starts_with("high ends"));
    assert!(out.checked[first]);
}

#[test]
fn nc103_respects_hedges_periods_and_changes() {
    let mut c = Case::new(
        "中国拥有全球约50%的AI研究人员。中国50%AI研究人员。比亚迪2023年销量302万辆。\
         比亚迪2024年销量427万辆。比亚迪销量超400万辆。小米营收3659亿元。小米营收3600亿元。",
    );
    let share = Spec {
        kind: Some(ClaimKind::Share),
        unit: unit("%"),
        subject: Some("中国"),
        metric: Some("AI研究人员"),
        ..Spec::default()
    };
    c.point(
        "约50%",
        0,
        50.0,
        1.0,
        None,
        Spec {
            hedge: Some(("约", HedgeKind::About)),
            ..share.clone()
        },
    );
    c.point("50%", 1, 50.0, 1.0, None, share);
    let byd = |p| Spec {
        unit: unit("辆"),
        subject: Some("比亚迪"),
        metric: Some("销量"),
        period: p,
        ..Spec::default()
    };
    c.point("302万辆", 0, 3.02e6, 1e4, Some("万"), byd(Some("2023")));
    c.point("427万辆", 0, 4.27e6, 1e4, Some("万"), byd(Some("2024")));
    // No period stated: it could be either year, so not compared.
    c.point(
        "超400万辆",
        0,
        4e6,
        1e4,
        Some("万"),
        Spec {
            hedge: Some(("超", HedgeKind::Above)),
            ..byd(None)
        },
    );
    let xm = Spec {
        unit: unit("CNY"),
        subject: Some("小米"),
        metric: Some("营收"),
        period: Some("2024"),
        ..Spec::default()
    };
    c.point("3659亿元", 0, 3.659e11, 1e8, Some("亿"), xm.clone());
    c.point("3600亿元", 0, 3.6e11, 1e8, Some("亿"), xm);
    let (_, got) = c.run("NC103");
    assert_eq!(got, flagged(&[("3600亿元", "3659亿元")]));
}

#[test]
fn nc109_flags_impossible_and_garbled_periods() {
    let mut c = Case::new(
        "2月30日发布。13月上市。2024年2月29日。寒武纪前25年前3季度盈利。英伟达2025财年。7月15日。",
    );
    c.article_date = Some(Date::new(2025, 11, 20).expect("valid"));
    c.period("2月30日", 0, ClaimKind::Date, Some("--02-30"), &[]);
    c.period("13月", 0, ClaimKind::Period, Some("2025-13"), &[]);
    c.period("2024年2月29日", 0, ClaimKind::Date, Some("2024-02-29"), &[]);
    c.period(
        "前25年前3季度",
        0,
        ClaimKind::Period,
        None,
        &["garbled year `前25年`"],
    );
    c.period("2025财年", 0, ClaimKind::Period, Some("FY2025"), &[]);
    c.period("7月15日", 0, ClaimKind::Date, Some("--07-15"), &[]);
    let (out, got) = c.run("NC109");
    assert_eq!(
        got,
        flagged(&[
            ("2月30日", ""),
            ("13月", ""),
            ("前25年前3季度", "2025年前3季度")
        ])
    );
    assert!(out.findings[2].message.contains("garbled"));
}

#[test]
fn nc110_flags_shares_of_a_whole_outside_0_to_100() {
    let mut c = Case::new(
        "海外收入占比达120%。营收同比增长150%。产能利用率达105%。份额从95%降到0%。占比13.1%。\
         目标完成比例为120%。",
    );
    let share = |metric| Spec {
        kind: Some(ClaimKind::Share),
        unit: unit("%"),
        metric: Some(metric),
        ..Spec::default()
    };
    c.point("120%", 0, 120.0, 1.0, None, share("占比"));
    c.point(
        "150%",
        0,
        150.0,
        1.0,
        None,
        Spec {
            kind: Some(ClaimKind::Growth),
            direction: Some(Direction::Up),
            ..share("营收")
        },
    );
    c.point("105%", 0, 105.0, 1.0, None, share("产能利用率"));
    c.point("95%", 0, 95.0, 1.0, None, share("份额"));
    c.point("0%", 0, 0.0, 1.0, None, share("份额"));
    c.point("13.1%", 0, 13.1, 0.1, None, share("占比"));
    c.point("120%", 1, 120.0, 1.0, None, share("比例"));
    let (out, got) = c.run("NC110");
    assert_eq!(got, flagged(&[("120%", "")]));
    let f = &out.findings[0];
    assert_eq!(f.formula.as_deref(), Some("119.5%–120.5% ∩ [0%, 100%] = ∅"));
}

#[test]
fn nc111_flags_a_series_that_changes_currency() {
    let mut c = Case::new(
        "英伟达2023年营收609亿美元。英伟达2024年收入1305亿元。\
         英伟达中国区收入171亿美元(约合1216亿元)。寒武纪营收12亿元。\
         英伟达数据中心收入1151亿美元(8200亿元)。英伟达数据中心收入1151亿美元。",
    );
    let rev = |s, seg, p, u| Spec {
        unit: unit(u),
        subject: Some(s),
        segment: seg,
        metric: Some("营收"),
        period: Some(p),
        ..Spec::default()
    };
    c.point(
        "609亿美元",
        0,
        6.09e10,
        1e8,
        Some("亿"),
        rev("英伟达", None, "2023", "USD"),
    );
    c.point(
        "1305亿元",
        0,
        1.305e11,
        1e8,
        Some("亿"),
        rev("英伟达", None, "2024", "CNY"),
    );
    c.point(
        "171亿美元",
        0,
        1.71e10,
        1e8,
        Some("亿"),
        rev("英伟达", Some("中国区"), "2024", "USD"),
    );
    c.point(
        "1216亿元",
        0,
        1.216e11,
        1e8,
        Some("亿"),
        rev("英伟达", Some("中国区"), "2024", "CNY"),
    );
    c.point(
        "12亿元",
        0,
        1.2e9,
        1e8,
        Some("亿"),
        rev("寒武纪", None, "2024", "CNY"),
    );
    // A conversion in brackets, without 约合: the sentence states both currencies.
    let dc = |u| rev("英伟达", Some("数据中心"), "2024", u);
    c.point("1151亿美元", 0, 1.151e11, 1e8, Some("亿"), dc("USD"));
    c.point("8200亿元", 0, 8.2e11, 1e8, Some("亿"), dc("CNY"));
    c.point("1151亿美元", 1, 1.151e11, 1e8, Some("亿"), dc("USD"));
    let (out, got) = c.run("NC111");
    assert_eq!(got, flagged(&[("1305亿元", "")]));
    assert_eq!(out.findings[0].related[0].span, c.at("609亿美元", 0));
}

#[test]
fn nc301_flags_residue_lines_not_prose() {
    let c = Case::new(
        "中国工业报 王珊珊\n该网站要求请输入验证码后查看数据,引发用户不满。\n责任编辑:张明\n  请输入验证码  \n",
    );
    let (_, got) = c.run("NC301");
    assert_eq!(got, flagged(&[("责任编辑:张明", ""), ("请输入验证码", "")]));
}

#[test]
fn nc302_flags_bare_money_only_where_currencies_are_used() {
    let text = "英伟达收入171亿美元。寒武纪实现净利润16亿。出货量30万枚。寒武纪营收46亿元。";
    let build = |with_currency: bool| {
        let mut c = Case::new(text);
        let money = |m, u| Spec {
            unit: if with_currency { unit(u) } else { None },
            subject: Some("公司"),
            metric: Some(m),
            ..Spec::default()
        };
        c.point(
            "171亿美元",
            0,
            1.71e10,
            1e8,
            Some("亿"),
            money("收入", "USD"),
        );
        c.point(
            "16亿",
            0,
            1.6e9,
            1e8,
            Some("亿"),
            Spec {
                unit: None,
                ..money("净利润", "CNY")
            },
        );
        c.point(
            "30万枚",
            0,
            3e5,
            1e4,
            Some("万"),
            Spec {
                unit: unit("枚"),
                metric: Some("出货量"),
                ..Spec::default()
            },
        );
        c.point("46亿元", 0, 4.6e9, 1e8, Some("亿"), money("营收", "CNY"));
        c
    };
    let (out, got) = build(true).run("NC302");
    assert_eq!(got, flagged(&[("16亿", "")]));
    assert!(out.findings[0].message.contains("美元"));
    // No currency anywhere: the publication's default currency is assumed.
    let (_, got) = build(false).run("NC302");
    assert!(got.is_empty());
}

#[test]
fn every_rule_documents_itself() {
    for code in [
        "NC101", "NC102", "NC103", "NC109", "NC110", "NC111", "NC301", "NC302",
    ] {
        let info = checks::find_rule(code).expect("registered").info();
        for part in ["Flagged", "Not flagged", "Tolerance", "Why"] {
            assert!(info.doc.contains(part), "{code} doc lacks {part}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Whole-pipeline tests: fixture articles through `check_document`, extractor included.
// ---------------------------------------------------------------------------------------

/// This file's rules; findings of other rules are not asserted here.
const OURS: &[&str] = &[
    "NC101", "NC102", "NC103", "NC109", "NC110", "NC111", "NC301", "NC302",
];

/// Runs the pipeline on a fixture and returns (code, flagged text, suggestion) of this
/// file's rules, in text order.
fn check_fixture(path: &str, date: &str) -> Vec<(String, String, String)> {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    let settings = numcheck::settings::Settings {
        article_date: Some(date.parse().expect("valid date")),
        ..Default::default()
    };
    let report =
        numcheck::check_document(Document::new(path, text), &Reference::bundled(), &settings);
    report
        .findings
        .iter()
        .filter(|f| OURS.contains(&f.rule.code))
        .map(|f| {
            (
                f.rule.code.to_string(),
                report.doc.slice(f.span).to_string(),
                f.suggestion.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn expect(items: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    items
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

#[test]
fn fixture_nc301_copied_page() {
    assert_eq!(
        check_fixture("tests/fixtures/nc301/copied-page.txt", "2025-06-01"),
        expect(&[
            ("NC301", "责任编辑:张明", ""),
            ("NC301", "分享到:微信 微博 QQ空间", ""),
            ("NC301", "请输入验证码", ""),
        ])
    );
}

#[test]
fn fixture_nc101_lost_magnitude_in_a_delivery_range() {
    assert_eq!(
        check_fixture("tests/fixtures/nc101/ev-deliveries.txt", "2025-10-15"),
        expect(&[("NC101", "45万-50辆", "45万-50万辆")])
    );
}

#[test]
fn fixture_nc102_backwards_shipment_range() {
    assert_eq!(
        check_fixture("tests/fixtures/nc102/foldable-phones.txt", "2025-09-10"),
        expect(&[("NC102", "2800万-2500万台", "")])
    );
}

#[test]
fn fixture_nc103_swapped_digits_in_a_repeated_revenue() {
    assert_eq!(
        check_fixture("tests/fixtures/nc103/battery-earnings.txt", "2025-10-21"),
        expect(&[("NC103", "2380亿元", "2830亿元")])
    );
}

#[test]
fn fixture_clean_article_full_of_consistent_figures() {
    assert_eq!(
        check_fixture(
            "tests/fixtures/nc103/clean-smartphone-quarter.txt",
            "2025-11-05"
        ),
        expect(&[])
    );
}

#[test]
fn fixture_nc109_impossible_dates() {
    assert_eq!(
        check_fixture("tests/fixtures/nc109/policy-calendar.txt", "2025-12-01"),
        expect(&[("NC109", "2026年2月30日", ""), ("NC109", "2026年13月", "")])
    );
}

#[test]
fn fixture_nc110_share_above_the_whole() {
    assert_eq!(
        check_fixture("tests/fixtures/nc110/phone-market-share.txt", "2025-11-01"),
        expect(&[("NC110", "112%", "")])
    );
}

#[test]
fn fixture_nc111_revenue_series_switches_currency() {
    assert_eq!(
        check_fixture("tests/fixtures/nc111/byd-revenue.txt", "2025-04-01"),
        expect(&[("NC111", "1070亿美元", "")])
    );
}

#[test]
fn fixture_nc302_bare_profit_among_currencies() {
    assert_eq!(
        check_fixture("tests/fixtures/nc302/xiaomi-results.txt", "2025-03-20"),
        expect(&[("NC302", "272亿", "")])
    );
    assert_eq!(
        check_fixture(
            "tests/fixtures/nc302/no-currency-anywhere.txt",
            "2025-10-25"
        ),
        expect(&[])
    );
}

#[test]
fn sample_article_findings_of_these_rules() {
    let path = "seeds/nvidia-china-export-controls.txt";
    assert_eq!(
        check_fixture(path, "2025-11-20"),
        expect(&[
            ("NC101", "30万-40枚", "30万-40万枚"),
            ("NC103", "30万-40枚", "30万-40万枚"),
            ("NC109", "前25年前3季度", "2025年前3季度"),
            ("NC302", "16亿", ""),
            ("NC301", "请输入验证码", ""),
        ])
    );
    // NC103 links the first statement of the range, on line 17.
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .expect("sample article");
    let settings = numcheck::settings::Settings {
        article_date: Some("2025-11-20".parse().expect("valid date")),
        ..Default::default()
    };
    let report =
        numcheck::check_document(Document::new(path, text), &Reference::bundled(), &settings);
    let nc103 = report
        .findings
        .iter()
        .find(|f| f.rule.code == "NC103")
        .expect("NC103 finding");
    let first = &nc103.related[0];
    assert_eq!(report.doc.slice(first.span), "约为30万-40万枚");
    assert_eq!(report.doc.locate(first.span).line, 17);
    assert_eq!(report.doc.locate(nc103.span).line, 22);
    assert!(nc103.formula.as_deref().unwrap_or("").contains("high ends"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// No input makes these rules panic: fragments of figures, ranges, dates and residue,
    /// glued in any order with any punctuation.
    #[test]
    fn rules_never_panic(parts in proptest::collection::vec(proptest::sample::select(vec![
        "30万", "-", "40枚", "约为", "2月30日", "前25年", "前3季度", "占比", "120%", "营收",
        "16亿", "亿美元", "亿元", "英伟达", "某主流", "国产AI芯片", "出货量", "。", ",", "(",
        "\n", "请输入验证码", "责任编辑:", "2024年", "13月", "第5季度", "至", "~", "1.", "．",
    ]), 0..40)) {
        let text: String = parts.concat();
        let doc = Document::new("prop.txt", text);
        let settings = numcheck::settings::Settings {
            article_date: Date::new(2025, 11, 20),
            ..Default::default()
        };
        let report = numcheck::check_document(doc, &Reference::bundled(), &settings);
        for f in &report.findings {
            proptest::prop_assert!(f.span.end <= report.doc.text.len());
            proptest::prop_assert!(report.doc.text.is_char_boundary(f.span.start));
        }
    }
}

#[test]
fn nc103_resolves_clause_subjects_and_ignores_carried_ones() {
    let mut c = Case::new(
        "2024年,某主流国产AI芯片出货量约为30万-40万枚。英伟达出货量约为60万-80万枚。\n\
         另一方面,替代加速(国产AI芯片已实现30万-40枚出货)。全年出货量为90万枚。",
    );
    let about = Spec {
        hedge: Some(("约为", HedgeKind::About)),
        ..chip(Some("2024"), "某主流国产AI芯片", "出货量")
    };
    c.range(
        "约为30万-40万枚",
        0,
        [
            ("30万", 3e5, 1e4, Some("万"), None),
            ("40万枚", 4e5, 1e4, Some("万"), Some("枚")),
        ],
        about.clone(),
    );
    c.range(
        "约为60万-80万枚",
        0,
        [
            ("60万", 6e5, 1e4, Some("万"), None),
            ("80万枚", 8e5, 1e4, Some("万"), Some("枚")),
        ],
        Spec {
            subject: Some("英伟达"),
            ..about
        },
    );
    // The extractor carried 英伟达 here, but the clause names 国产AI芯片.
    c.range(
        "30万-40枚",
        0,
        [
            ("30万", 3e5, 1e4, Some("万"), None),
            ("40枚", 40.0, 1.0, None, Some("枚")),
        ],
        chip(Some("2024"), "英伟达", "出货"),
    );
    // Carried 英伟达, named nowhere in the sentence: a guess, never compared.
    c.point(
        "90万枚",
        0,
        9e5,
        1e4,
        Some("万"),
        chip(Some("2024"), "英伟达", "出货量"),
    );
    let (out, got) = c.run("NC103");
    assert_eq!(got, flagged(&[("30万-40枚", "30万-40万枚")]));
    assert!(out.findings[0].message.contains("国产AI芯片"));
    assert!(!out.checked[3]);
}

#[test]
fn fixture_clean_reports_raise_nothing() {
    // Shares, growth rates, ranges, conversions (约合) and repeated figures that agree.
    for (path, date) in [
        ("tests/fixtures/nc110/clean-gdp-quarterly.txt", "2025-10-20"),
        ("tests/fixtures/nc111/clean-nio-earnings.txt", "2025-09-03"),
    ] {
        assert_eq!(check_fixture(path, date), expect(&[]), "{path}");
    }
}
