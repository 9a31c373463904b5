//! Hand-built reports for the format tests: a Chinese news article with claims and findings
//! (overlapping spans, a long paragraph line, a message full of `%`, `,`, `:` and a newline),
//! a clean article, and a failed input. Rules are defined here so the tests do not depend on
//! which rules the registry holds.

#![allow(dead_code)]

use numcheck::claim::{
    Bound, Claim, ClaimKind, Direction, Hedge, HedgeKind, Num, Unit, UnitKind, Value,
};
use numcheck::document::{Document, Span};
use numcheck::error::Error;
use numcheck::finding::{Finding, RuleInfo, Severity};
use numcheck::report::{DocReport, ReportWriter, Stats, Totals};

/// A rule for the tests, error by default.
pub static RANGE: RuleInfo = RuleInfo {
    code: "NC101",
    name: "range-magnitude-mismatch",
    severity: Severity::Error,
    summary: "range ends disagree in magnitude or unit",
    doc: "Flags a range whose ends disagree in magnitude (30万-40辆).\nNot flagged: 30万-40万辆.",
};

/// A rule for the tests, warning by default.
pub static SHARE: RuleInfo = RuleInfo {
    code: "NC104",
    name: "derived-share-mismatch",
    severity: Severity::Warning,
    summary: "a share said to follow from counts does not",
    doc: "Flags a share that the counts in the text do not give.",
};

/// A rule for the tests, info by default.
pub static CURRENCY: RuleInfo = RuleInfo {
    code: "NC302",
    name: "missing-currency",
    severity: Severity::Info,
    summary: "a money figure without a currency",
    doc: "Flags 16亿 next to 8000亿元.",
};

/// A rule for the tests, info by default.
pub static RESIDUE: RuleInfo = RuleInfo {
    code: "NC301",
    name: "page-residue",
    severity: Severity::Info,
    summary: "web-page residue in the text",
    doc: "Flags 请输入验证码.",
};

/// The article with problems. Line 3 is one long paragraph, as news sites deliver them.
pub const ARTICLE: &str = "【第一财经】比亚迪前三季度销量再创新高\n\n据乘联会最新统计，比亚迪今年前三季度新能源汽车销量约为300万-320万辆，同比增长18.5%，继续位居国内新能源车企首位。其中海外销量为30万-40辆，占比约为25%，较去年同期提高2个百分点。公司管理层在业绩说明会上表示，随着欧洲、东南亚和拉美工厂陆续投产，海外业务将成为未来三年最重要的增长引擎之一。\n财报显示，公司预计全年营收将超8000亿元，净利润16亿。\n请输入验证码\n";

/// A clean article: claims, no findings.
pub const CLEAN: &str = "国家统计局数据显示，1-10月全国规模以上工业增加值同比增长6.1%。\n";

/// Byte span of the `nth` (0-based) occurrence of `needle` in `text`.
pub fn find(text: &str, needle: &str, nth: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` #{nth} not in fixture"))
        .0;
    Span::new(start, start + needle.len())
}

fn unit(code: &str, kind: UnitKind) -> Option<Unit> {
    Some(Unit::new(code, kind))
}

/// A claim of `kind` at `span` with no context fields set.
pub fn claim(id: usize, span: Span, kind: ClaimKind, value: Value, unit: Option<Unit>) -> Claim {
    let bounds = match &value {
        Value::Point(n) => vec![Bound {
            span,
            num: *n,
            magnitude: None,
            unit: unit.clone(),
        }],
        Value::Range { low, high } => vec![
            Bound {
                span,
                num: *low,
                magnitude: Some("万".into()),
                unit: None,
            },
            Bound {
                span,
                num: *high,
                magnitude: None,
                unit: unit.clone(),
            },
        ],
        Value::None => Vec::new(),
    };
    Claim {
        value,
        bounds,
        unit,
        ..Claim::new(id, span, kind, 0)
    }
}

fn about() -> Option<Hedge> {
    Some(Hedge {
        text: "约为".into(),
        kind: HedgeKind::About,
    })
}

/// The report of [`ARTICLE`]: 8 claims and 4 findings of every severity.
pub fn flagged() -> DocReport {
    let t = ARTICLE;
    let doc = Document::new("news/比亚迪 销量.txt", t);
    let total = find(t, "约为300万-320万辆", 0);
    let overseas = find(t, "30万-40辆", 0);
    let share_claim = find(t, "约为25%", 0);
    let mut claims = vec![
        claim(
            0,
            find(t, "前三季度", 1),
            ClaimKind::Period,
            Value::None,
            None,
        ),
        claim(
            1,
            total,
            ClaimKind::Level,
            Value::Range {
                low: Num::new(3_000_000.0, 10_000.0),
                high: Num::new(3_200_000.0, 10_000.0),
            },
            unit("辆", UnitKind::Measure),
        ),
        claim(
            2,
            find(t, "同比增长18.5%", 0),
            ClaimKind::Growth,
            Value::Point(Num::new(18.5, 0.1)),
            unit("%", UnitKind::Percent),
        ),
        claim(
            3,
            overseas,
            ClaimKind::Level,
            Value::Range {
                low: Num::new(300_000.0, 10_000.0),
                high: Num::new(40.0, 1.0),
            },
            unit("辆", UnitKind::Measure),
        ),
        claim(
            4,
            share_claim,
            ClaimKind::Share,
            Value::Point(Num::new(25.0, 1.0)),
            unit("%", UnitKind::Percent),
        ),
        claim(
            5,
            find(t, "提高2个百分点", 0),
            ClaimKind::PointChange,
            Value::Point(Num::new(2.0, 1.0)),
            unit("个百分点", UnitKind::Points),
        ),
        claim(
            6,
            find(t, "超8000亿元", 0),
            ClaimKind::Level,
            Value::Point(Num::new(8.0e11, 1.0e8)),
            unit("CNY", UnitKind::Currency),
        ),
        claim(
            7,
            find(t, "16亿", 0),
            ClaimKind::Level,
            Value::Point(Num::new(1.6e9, 1.0e8)),
            None,
        ),
    ];
    claims[0].period = Some("2025Q1-Q3".into());
    claims[1].hedge = about();
    claims[1].magnitude = Some("万".into());
    claims[1].period = Some("2025Q1-Q3".into());
    claims[1].subject = Some("比亚迪".into());
    claims[1].metric = Some("销量".into());
    claims[2].direction = Some(Direction::Up);
    claims[2].subject = Some("比亚迪".into());
    claims[3].segment = Some("海外".into());
    claims[3].metric = Some("销量".into());
    claims[4].hedge = about();
    claims[4].metric = Some("占比".into());
    claims[6].hedge = Some(Hedge {
        text: "超".into(),
        kind: HedgeKind::Above,
    });
    claims[6].magnitude = Some("亿".into());
    claims[6].metric = Some("营收".into());
    claims[7].magnitude = Some("亿".into());
    claims[7].metric = Some("净利润".into());
    let findings = vec![
        Finding::new(
            &RANGE,
            overseas,
            "the range's ends disagree in magnitude: 30万 vs 40",
        )
        .stated("30万-40辆 (300000–40)")
        .expected("30万-40万辆 (300000–400000)")
        .suggestion("30万-40万辆")
        .related(total, "the total, stated in 万"),
        Finding::new(
            &SHARE,
            find(t, "占比约为25%", 0),
            "stated share 25% does not follow from the counts: 9.4%–13.3%,\nsee the formula",
        )
        .stated("约为25% (22.5%–27.5%)")
        .expected("9.4%–13.3%")
        .formula("30万/320万 = 9.4% … 40万/300万 = 13.3%")
        .tolerance("约: ±10% relative; written precision 1%")
        .related(find(t, "海外销量为30万", 0), "overseas count")
        .related(total, "total count"),
        Finding::new(
            &CURRENCY,
            find(t, "16亿", 0),
            "money figure without a currency among figures in 元",
        )
        .related(find(t, "超8000亿元", 0), "has a currency"),
        Finding::new(
            &RESIDUE,
            find(t, "请输入验证码", 0),
            "web-page residue, not article text",
        ),
    ];
    DocReport {
        doc,
        claims,
        findings,
        stats: Stats {
            numeric_mentions: 10,
            claims: 8,
            checked: 5,
            unmatched: 3,
            errors: 1,
            warnings: 1,
            infos: 2,
            suppressed: 1,
        },
        checked: Vec::new(),
        referenced: Vec::new(),
    }
}

/// The report of [`CLEAN`]: two claims, no findings.
pub fn clean() -> DocReport {
    let t = CLEAN;
    let mut period = claim(
        0,
        find(t, "1-10月", 0),
        ClaimKind::Period,
        Value::None,
        None,
    );
    period.period = Some("--01-10".into());
    let mut growth = claim(
        1,
        find(t, "同比增长6.1%", 0),
        ClaimKind::Growth,
        Value::Point(Num::new(6.1, 0.1)),
        unit("%", UnitKind::Percent),
    );
    growth.direction = Some(Direction::Up);
    growth.metric = Some("工业增加值".into());
    DocReport {
        doc: Document::new("news/统计局.md", t),
        claims: vec![period, growth],
        findings: Vec::new(),
        stats: Stats {
            numeric_mentions: 3,
            claims: 2,
            checked: 1,
            unmatched: 1,
            ..Stats::default()
        },
        checked: Vec::new(),
        referenced: Vec::new(),
    }
}

/// Runs a writer over the flagged report, the clean one and a failed input.
pub fn render(mut w: Box<dyn ReportWriter>) -> String {
    render_reports(&mut *w, &[flagged(), clean()], true)
}

/// Runs a writer over `reports` (and a failed input if `fail`), returning the output.
pub fn render_reports(w: &mut dyn ReportWriter, reports: &[DocReport], fail: bool) -> String {
    let mut out: Vec<u8> = Vec::new();
    let mut totals = Totals::default();
    w.begin(&mut out).expect("begin");
    for r in reports {
        w.document(r, &mut out).expect("document");
        totals.documents += 1;
        totals.stats.add(&r.stats);
    }
    if fail {
        let e = Error::input("missing.txt", "No such file or directory");
        w.failure("missing.txt", &e, &mut out).expect("failure");
        totals.failed += 1;
    }
    w.finish(&totals, &mut out).expect("finish");
    String::from_utf8(out).expect("utf-8 output")
}
