//! Per-feature fixture articles (tests/fixtures/extract/*.txt): every claim listed by hand with
//! kind, value, unit and hedge, plus look-alikes that must not become claims.

use approx::relative_eq;
use numcheck::claim::{Claim, ClaimKind, Direction, Value};
use numcheck::document::Document;
use numcheck::extract::{extract, ExtractOptions, Extraction};

fn load(name: &str, entities: &[&str]) -> (Document, Extraction) {
    let path = format!(
        "{}/tests/fixtures/extract/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("fixture");
    let doc = Document::new(path, text);
    let opts = ExtractOptions {
        article_date: "2025-11-20".parse().ok(),
        entities: entities.iter().map(|s| s.to_string()).collect(),
    };
    let ex = extract(&doc, &opts);
    (doc, ex)
}

/// Checks one claim against `value` written as `-` (none), `x` (point) or `lo..hi` (range).
fn value_is(c: &Claim, value: &str) -> bool {
    let eq = |a: f64, b: &str| {
        b.parse::<f64>()
            .is_ok_and(|b| relative_eq!(a, b, max_relative = 1e-12))
    };
    match (&c.value, value.split_once("..")) {
        (Value::None, _) => value == "-",
        (Value::Point(n), None) => eq(n.value, value),
        (Value::Range { low, high }, Some((l, h))) => eq(low.value, l) && eq(high.value, h),
        _ => false,
    }
}

/// Expected claims: (text, kind, value, unit code or "", hedge text or "").
type Row = (
    &'static str,
    ClaimKind,
    &'static str,
    &'static str,
    &'static str,
);

fn check_all(doc: &Document, ex: &Extraction, rows: &[Row]) {
    let got: Vec<&str> = ex.claims.iter().map(|c| doc.slice(c.span)).collect();
    assert_eq!(ex.claims.len(), rows.len(), "{}: got {got:?}", doc.path);
    for (c, (text, kind, value, unit, hedge)) in ex.claims.iter().zip(rows) {
        let what = format!("{} claim {} `{}`", doc.path, c.id, doc.slice(c.span));
        assert_eq!(doc.slice(c.span), *text, "{what}");
        assert_eq!(c.kind, *kind, "{what}");
        assert!(value_is(c, value), "{what}: {:?} vs {value}", c.value);
        assert_eq!(
            c.unit.as_ref().map_or("", |u| u.code.as_str()),
            *unit,
            "{what}"
        );
        assert_eq!(
            c.hedge.as_ref().map_or("", |h| h.text.as_str()),
            *hedge,
            "{what}"
        );
    }
}

fn claim<'a>(doc: &Document, ex: &'a Extraction, text: &str) -> &'a Claim {
    ex.claims
        .iter()
        .find(|c| doc.slice(c.span) == text)
        .unwrap_or_else(|| panic!("no claim `{text}`"))
}

#[test]
fn chinese_numerals_currencies_and_signs() {
    use ClaimKind::*;
    let (doc, ex) = load("numerals.txt", &[]);
    check_all(
        &doc,
        &ex,
        &[
            ("一千二百三十四万辆", Level, "12340000", "辆", ""),
            ("全年", Period, "-", "", ""),
            ("三百零五万辆", Level, "3050000", "辆", ""),
            ("二〇二四年", Period, "-", "", ""),
            ("三百六十点五万亿元", Level, "360.5e12", "CNY", ""),
            ("百分之八十五点三", Share, "85.3", "%", ""),
            ("约三成", Share, "30", "%", "约"),
            ("七成以上", Share, "70", "%", "以上"),
            ("全年", Period, "-", "", ""),
            ("三点五亿美元", Level, "3.5e8", "USD", ""),
            ("１２３亿港元", Level, "1.23e10", "HKD", ""),
            ("4,560万欧元", Level, "4.56e7", "EUR", ""),
            ("1,234,567日元", Level, "1234567", "JPY", ""),
            ("两千四百八十七万人", Level, "24870000", "人", ""),
            ("-1.2万人", Level, "-12000", "人", ""),
        ],
    );
    assert_eq!(
        claim(&doc, &ex, "二〇二四年").period.as_deref(),
        Some("2024")
    );
    let c = claim(&doc, &ex, "三点五亿美元");
    assert_eq!(c.magnitude.as_deref(), Some("亿"));
    assert!(relative_eq!(c.interval().unwrap().0, 3.45e8));
    // 三百六十点五万亿: a period carried from 二〇二四年 in the same paragraph.
    assert_eq!(
        claim(&doc, &ex, "三百六十点五万亿元").period.as_deref(),
        Some("2024")
    );
}

#[test]
fn ranges_and_hedges() {
    use ClaimKind::*;
    let (doc, ex) = load("ranges_hedges.txt", &[]);
    check_all(
        &doc,
        &ex,
        &[
            ("2.6亿-2.8亿部", Level, "2.6e8..2.8e8", "部", ""),
            ("约为600-800万台", Level, "6e6..8e6", "台", "约为"),
            ("3%-4%", Share, "3..4", "%", ""),
            ("5%~8%", Growth, "5..8", "%", ""),
            ("约为3至5周", Level, "3..5", "周", "约为"),
            ("超过30万人", Level, "300000", "人", "超过"),
            ("3万多人", Level, "30000", "人", "多"),
            ("100余家", Level, "100", "家", "余"),
            ("第二季度", Period, "-", "", ""),
            ("1.2亿部左右", Level, "1.2e8", "部", "左右"),
            ("2万家以上", Level, "20000", "家", "以上"),
            ("不足500台", Level, "500", "台", "不足"),
            ("去年全年", Period, "-", "", ""),
            ("将近4000万部", Level, "4e7", "部", "将近"),
            ("至少有12家", Level, "12", "家", "至少"),
            ("20条", Level, "20", "条", ""),
            ("30万-40台", Level, "300000..40", "台", ""),
        ],
    );
    // 600-800万台: the bare low end shares 万 but keeps no magnitude of its own.
    let r = claim(&doc, &ex, "约为600-800万台");
    assert_eq!(r.bounds[0].magnitude, None);
    assert_eq!(r.bounds[1].magnitude.as_deref(), Some("万"));
    assert_eq!(doc.slice(r.bounds[0].span), "600");
    // 30万-40台: kept as written for the range rule.
    let r = claim(&doc, &ex, "30万-40台");
    assert_eq!(r.bounds[0].magnitude.as_deref(), Some("万"));
    assert_eq!(r.bounds[1].magnitude, None);
    assert_eq!(claim(&doc, &ex, "去年全年").period.as_deref(), Some("2024"));
    assert_eq!(
        claim(&doc, &ex, "将近4000万部").period.as_deref(),
        Some("2024")
    );
}

#[test]
fn dates_periods_and_garbled_forms() {
    use ClaimKind::*;
    let (doc, ex) = load("periods.txt", &[]);
    let rows: &[Row] = &[
        ("2025年前三季度", Period, "-", "", ""),
        ("2830亿元", Level, "2.83e11", "CNY", ""),
        ("第三季度", Period, "-", "", ""),
        ("1041亿元", Level, "1.041e11", "CNY", ""),
        ("上半年", Period, "-", "", ""),
        ("128吉瓦时", Level, "128", "吉瓦时", ""),
        ("全年", Period, "-", "", ""),
        ("300吉瓦时", Level, "300", "吉瓦时", ""),
        ("2025财年", Period, "-", "", ""),
        ("FY2024", Period, "-", "", ""),
        ("120亿美元", Level, "1.2e10", "USD", ""),
        ("Q3", Period, "-", "", ""),
        ("25%", Share, "25", "%", ""),
        ("去年4月", Period, "-", "", ""),
        ("今年3月1日", Date, "-", "", ""),
        ("2月30日", Date, "-", "", ""),
        ("13月", Period, "-", "", ""),
        ("前24年前2季度", Period, "-", "", ""),
        ("2024-2025年", Period, "-", "", ""),
        ("超过500亿元", Level, "5e10", "CNY", "超过"),
    ];
    check_all(&doc, &ex, rows);
    let periods: Vec<Option<&str>> = ex.claims.iter().map(|c| c.period.as_deref()).collect();
    assert_eq!(
        periods,
        vec![
            Some("2025Q1-Q3"),
            Some("2025Q1-Q3"),
            Some("2025Q3"),
            Some("2025Q3"),
            Some("2025H1"),
            Some("2025H1"),
            Some("2025"),
            Some("2025"),
            Some("FY2025"),
            Some("FY2024"),
            Some("FY2024"),
            Some("2024Q3"),
            Some("2024Q3"),
            Some("2024-04"),
            Some("2025-03-01"),
            None,
            None,
            None,
            Some("2024-2025"),
            Some("2024-2025"),
        ]
    );
    let noted: Vec<&str> = ex
        .claims
        .iter()
        .filter(|c| !c.notes.is_empty())
        .map(|c| doc.slice(c.span))
        .collect();
    assert_eq!(noted, vec!["2月30日", "13月", "前24年前2季度"]);
    assert!(claim(&doc, &ex, "前24年前2季度").notes[0].starts_with("garbled period"));
    assert!(claim(&doc, &ex, "2月30日").notes[0].starts_with("impossible date"));
}

#[test]
fn dates_without_article_date_keep_unknown_year() {
    let doc = Document::new("t", "4月9日，公司发布公告；7月，销量回升。");
    let ex = extract(&doc, &ExtractOptions::default());
    let p: Vec<Option<&str>> = ex.claims.iter().map(|c| c.period.as_deref()).collect();
    assert_eq!(p, vec![Some("--04-09"), Some("--07")]);
}

#[test]
fn change_forms() {
    use ClaimKind::*;
    let (doc, ex) = load("changes.txt", &[]);
    check_all(
        &doc,
        &ex,
        &[
            ("前三季度", Period, "-", "", ""),
            ("5.2%", Growth, "5.2", "%", ""),
            ("三季度", Period, "-", "", ""),
            ("0.3%", Growth, "0.3", "%", ""),
            ("9月", Period, "-", "", ""),
            ("39.6万辆", Level, "396000", "辆", ""),
            ("39%", Growth, "39", "%", ""),
            ("翻番", Growth, "100", "%", ""),
            ("33%", Share, "33", "%", ""),
            ("35%", Share, "35", "%", ""),
            ("2个百分点", PointChange, "2", "个百分点", ""),
            ("5亿元", Level, "5e8", "CNY", ""),
            ("连续5年增长", Trend, "5", "年", ""),
            ("连续两年下降", Trend, "2", "年", ""),
            ("35%", Share, "35", "%", ""),
            ("31%", Share, "31", "%", ""),
            ("4个百分点", PointChange, "4", "个百分点", ""),
        ],
    );
    let dirs: Vec<Option<Direction>> = ex.claims.iter().map(|c| c.direction).collect();
    use Direction::*;
    assert_eq!(
        dirs,
        vec![
            None,
            Some(Up),
            None,
            Some(Down),
            None,
            None,
            Some(Up),
            Some(Up),
            None,
            Some(Up),
            Some(Up),
            Some(Down),
            Some(Up),
            Some(Down),
            None,
            Some(Down),
            Some(Down),
        ]
    );
    assert_eq!(ex.claims[9].change_of, Some((8, 9)));
    assert_eq!(ex.claims[15].change_of, Some((14, 15)));
    assert_eq!(ex.claims[5].period.as_deref(), Some("2025-09"));
    assert_eq!(ex.claims[1].period.as_deref(), Some("2025Q1-Q3"));
}

#[test]
fn look_alikes_are_not_claims() {
    use ClaimKind::*;
    let (doc, ex) = load("lookalikes.txt", &[]);
    check_all(
        &doc,
        &ex,
        &[
            // 人均 and 年均 are averages, not the hedge 均; 最近 is not 近; 节约 is not 约.
            ("3万元", Level, "30000", "CNY", ""),
            ("5%", Growth, "5", "%", ""),
            ("3年", Level, "3", "年", ""),
            ("30%", Share, "30", "%", ""),
        ],
    );
    // Codes, URLs, phone numbers, times and numeral words still count as mentions.
    assert!(ex.numeric_mentions >= 20, "{}", ex.numeric_mentions);
}

/// (claim text, subject, segment, metric, period).
type Topic<'a> = (
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

#[test]
fn subjects_segments_metrics_and_caller_entities() {
    let (doc, ex) = load("subjects.txt", &["示例新能源集团"]);
    let rows: Vec<Topic> = ex
        .claims
        .iter()
        .filter(|c| c.is_quantity())
        .map(|c| {
            (
                doc.slice(c.span),
                c.subject.as_deref(),
                c.segment.as_deref(),
                c.metric.as_deref(),
                c.period.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (
                "7771亿元",
                Some("比亚迪"),
                None,
                Some("营业收入"),
                Some("2024")
            ),
            (
                "402亿元",
                Some("比亚迪"),
                None,
                Some("净利润"),
                Some("2024")
            ),
            (
                "41.7万辆",
                Some("比亚迪"),
                Some("海外市场"),
                Some("销量"),
                Some("2024")
            ),
            ("178.9万辆", Some("特斯拉"), None, Some("交付量"), None),
            (
                "65.7万辆",
                Some("特斯拉"),
                Some("中国市场"),
                Some("交付"),
                None
            ),
            // The parenthesis closed: its segment and metric are forgotten.
            ("17.9%", Some("特斯拉"), None, Some("毛利率"), None),
            (
                "12.5万套",
                Some("示例新能源集团"),
                None,
                Some("出货量"),
                Some("2024")
            ),
            (
                "约为80万辆",
                Some("某头部车企"),
                None,
                Some("销量"),
                Some("2025H1")
            ),
        ]
    );
    // 21世纪 is a name, not a figure.
    assert!(!ex.claims.iter().any(|c| doc.slice(c.span).contains("21")));
}

#[test]
fn halves_chinese_ranges_and_from_to_across_periods() {
    use ClaimKind::*;
    let (doc, ex) = load("shares_from_to.txt", &[]);
    check_all(
        &doc,
        &ex,
        &[
            ("2020年", Period, "-", "", ""),
            ("5.4%", Share, "5.4", "%", ""),
            ("2024年", Period, "-", "", ""),
            ("47.6%", Share, "47.6", "%", ""),
            ("一半以上", Share, "50", "%", "以上"),
            ("超过半数", Share, "50", "%", "超过"),
            ("三到五成", Share, "30..50", "%", ""),
            ("过半", Share, "50", "%", "过"),
            ("全年", Period, "-", "", ""),
            ("六十万至八十万辆", Level, "6e5..8e5", "辆", ""),
            ("1-9月", Period, "-", "", ""),
            ("450万辆", Level, "4.5e6", "辆", ""),
            ("24年上半年", Period, "-", "", ""),
            ("12%", Growth, "12", "%", ""),
            ("15亿元", Level, "1.5e9", "CNY", ""),
            ("16.8亿元", Level, "1.68e9", "CNY", ""),
        ],
    );
    // 从2020年的5.4%提升至2024年的47.6%: periods between do not break the pair.
    let to = claim(&doc, &ex, "47.6%");
    assert_eq!(to.change_of, Some((1, 3)));
    assert_eq!(to.direction, Some(Direction::Up));
    assert_eq!(to.period.as_deref(), Some("2024"));
    assert_eq!(claim(&doc, &ex, "5.4%").period.as_deref(), Some("2020"));
    let to = claim(&doc, &ex, "16.8亿元");
    assert_eq!(to.change_of, Some((14, 15)));
    assert_eq!(to.subject.as_deref(), Some("深圳示例电子有限公司"));
    assert_eq!(
        claim(&doc, &ex, "24年上半年").period.as_deref(),
        Some("2024H1")
    );
    // 该公司 keeps the company named before.
    assert_eq!(
        claim(&doc, &ex, "12%").subject.as_deref(),
        Some("深圳示例电子有限公司")
    );
}

#[test]
fn codes_vague_amounts_and_glued_periods() {
    use ClaimKind::*;
    let (doc, ex) = load("codes_and_vague.txt", &[]);
    // 5G, 3D, COVID-19, C919, G20, 5nm are codes; 几十万, 数百家 write no number; 十四五 is a
    // plan's name; 上一季度 is "last quarter"; 长江三角洲, 零部件 hold numeral characters.
    check_all(
        &doc,
        &ex,
        &[
            ("2.1亿部", Level, "2.1e8", "部", ""),
            ("20多万台", Level, "2e5", "台", "多"),
            ("二十多万辆", Level, "2e5", "辆", "多"),
            ("十余家", Level, "10", "家", "余"),
            ("2025Q3", Period, "-", "", ""),
            ("FY25", Period, "-", "", ""),
            ("超过1000架", Level, "1000", "架", "超过"),
            ("2025年6月底", Period, "-", "", ""),
            ("10GWh", Level, "10", "GWh", ""),
            ("百分之九十", Share, "90", "%", ""),
            ("1名", Rank, "1", "名", ""),
        ],
    );
    let p: Vec<Option<&str>> = ex
        .claims
        .iter()
        .filter(|c| !c.is_quantity())
        .map(|c| c.period.as_deref())
        .collect();
    assert_eq!(p, vec![Some("2025Q3"), Some("FY2025"), Some("2025-06")]);
    assert_eq!(
        claim(&doc, &ex, "百分之九十").metric.as_deref(),
        Some("良率")
    );
}

#[test]
fn signs_clock_times_days_and_event_years() {
    use ClaimKind::*;
    let (doc, ex) = load("signs_times.txt", &[]);
    // 2025中国汽车论坛 names an event; 9点30分 is a clock time; 日均 is an average.
    check_all(
        &doc,
        &ex,
        &[
            ("11月20日", Date, "-", "", ""),
            ("20日", Date, "-", "", ""),
            ("10月", Period, "-", "", ""),
            ("+12.3%", Growth, "12.3", "%", ""),
            ("-3.5%", Growth, "-3.5", "%", ""),
            ("6.2万辆", Level, "62000", "辆", ""),
            ("3日", Level, "3", "日", ""),
            ("100日元", Level, "100", "JPY", ""),
            ("约4.7元人民币", Level, "4.7", "CNY", "约"),
        ],
    );
    assert_eq!(ex.claims[0].period.as_deref(), Some("2025-11-20"));
    assert_eq!(ex.claims[1].period, None);
    assert_eq!(ex.claims[3].direction, Some(Direction::Up));
    assert_eq!(ex.claims[4].direction, Some(Direction::Down));
}

#[test]
fn statistics_and_earnings_topics() {
    let (doc, ex) = load("statistics_and_earnings.txt", &[]);
    let rows: Vec<Topic> = ex
        .claims
        .iter()
        .filter(|c| c.is_quantity())
        .map(|c| {
            (
                doc.slice(c.span),
                c.subject.as_deref(),
                c.segment.as_deref(),
                c.metric.as_deref(),
                c.period.as_deref(),
            )
        })
        .collect();
    // Industries are segments (第一产业 is not 第一); 1—9月 ends the carry of 9月份; 比上半年
    // and 较去年 are comparison bases, not periods of what follows; 份额 is not carried onto
    // 4300万部; Mate 70, Pura 80 and Magic7 are model names.
    let expected: Vec<Topic> = vec![
        (
            "1015036亿元",
            Some("国家统计局"),
            None,
            Some("国内生产总值"),
            Some("2025Q1-Q3"),
        ),
        (
            "5.2%",
            Some("国家统计局"),
            None,
            Some("国内生产总值"),
            Some("2025Q1-Q3"),
        ),
        (
            "5.4%",
            Some("国家统计局"),
            None,
            Some("国内生产总值"),
            Some("2025Q1"),
        ),
        (
            "5.2%",
            Some("国家统计局"),
            None,
            Some("国内生产总值"),
            Some("2025Q2"),
        ),
        (
            "4.8%",
            Some("国家统计局"),
            None,
            Some("国内生产总值"),
            Some("2025Q3"),
        ),
        ("43433亿元", None, Some("第一产业"), Some("增加值"), None),
        ("3.8%", None, Some("第一产业"), Some("增加值"), None),
        ("355025亿元", None, Some("第二产业"), Some("增加值"), None),
        ("4.9%", None, Some("第二产业"), Some("增加值"), None),
        ("616578亿元", None, Some("第三产业"), Some("增加值"), None),
        ("5.4%", None, Some("第三产业"), Some("增加值"), None),
        (
            "41971亿元",
            None,
            None,
            Some("社会消费品零售总额"),
            Some("2025-09"),
        ),
        (
            "3.0%",
            None,
            None,
            Some("社会消费品零售总额"),
            Some("2025-09"),
        ),
        ("371535亿元", None, Some("全国"), Some("固定资产投资"), None),
        ("0.5%", None, Some("全国"), Some("固定资产投资"), None),
        ("5.2%", None, Some("城镇"), Some("失业率"), None),
        ("0.1个百分点", None, Some("城镇"), Some("失业率"), None),
        ("32509元", None, Some("全国"), Some("可支配收入"), None),
        ("5.1%", None, Some("全国"), Some("可支配收入"), None),
        (
            "3.2亿部",
            Some("IDC"),
            Some("全球"),
            Some("出货量"),
            Some("2025Q3"),
        ),
        (
            "2.6%",
            Some("IDC"),
            Some("全球"),
            Some("出货量"),
            Some("2025Q3"),
        ),
        (
            "5850万部",
            Some("苹果"),
            Some("全球"),
            Some("出货量"),
            Some("2025Q3"),
        ),
        (
            "18.2%",
            Some("苹果"),
            Some("全球"),
            Some("市场份额"),
            Some("2025Q3"),
        ),
        (
            "6100万部",
            Some("三星"),
            Some("全球"),
            Some("出货量"),
            Some("2025Q3"),
        ),
        (
            "19.0%",
            Some("三星"),
            Some("全球"),
            Some("份额"),
            Some("2025Q3"),
        ),
        (
            "4300万部",
            Some("小米"),
            Some("全球"),
            Some("出货量"),
            Some("2025Q3"),
        ),
        (
            "超过200万台",
            Some("荣耀"),
            Some("全球"),
            Some("出货"),
            Some("2025Q3"),
        ),
        (
            "1789亿元",
            Some("宁德时代"),
            None,
            Some("营业收入"),
            Some("2025H1"),
        ),
        (
            "7.3%",
            Some("宁德时代"),
            None,
            Some("营业收入"),
            Some("2025H1"),
        ),
        (
            "305亿元",
            Some("宁德时代"),
            None,
            Some("归母净利润"),
            Some("2025H1"),
        ),
        (
            "33%",
            Some("宁德时代"),
            None,
            Some("归母净利润"),
            Some("2025H1"),
        ),
        (
            "37.9%",
            Some("宁德时代"),
            Some("全球"),
            Some("市占率"),
            Some("2025H1"),
        ),
        (
            "0.5个百分点",
            Some("宁德时代"),
            Some("全球"),
            Some("市占率"),
            Some("2025H1"),
        ),
        (
            "8年",
            Some("宁德时代"),
            Some("全球"),
            Some("归母净利润"),
            Some("2025H1"),
        ),
    ];
    assert_eq!(rows, expected);
    let kinds: Vec<ClaimKind> = ex.claims.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == ClaimKind::Growth).count(),
        13
    );
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == ClaimKind::PointChange)
            .count(),
        2
    );
    let dates: Vec<(&str, Option<&str>)> = ex
        .claims
        .iter()
        .filter(|c| !c.is_quantity())
        .map(|c| (doc.slice(c.span), c.period.as_deref()))
        .collect();
    assert_eq!(
        dates,
        vec![
            ("10月20日", Some("2025-10-20")),
            ("20日", None),
            ("前三季度", Some("2025Q1-Q3")),
            ("一季度", Some("2025Q1")),
            ("二季度", Some("2025Q2")),
            ("三季度", Some("2025Q3")),
            ("9月份", Some("2025-09")),
            ("1—9月", None),
            ("上半年", Some("2025H1")),
            ("2025年第三季度", Some("2025Q3")),
            ("2025年上半年", Some("2025H1")),
        ]
    );
}

#[test]
fn car_sales_and_money_supply() {
    use ClaimKind::*;
    let (doc, ex) = load("auto_and_finance.txt", &[]);
    check_all(
        &doc,
        &ex,
        &[
            ("2025年10月", Period, "-", "", ""),
            ("226.3万辆", Level, "2263000", "辆", ""),
            ("0.5%", Growth, "0.5", "%", ""),
            ("7.5%", Growth, "7.5", "%", ""),
            ("1918.6万辆", Level, "19186000", "辆", ""),
            ("7.9%", Growth, "7.9", "%", ""),
            ("128.2万辆", Level, "1282000", "辆", ""),
            ("56.6%", Share, "56.6", "%", ""),
            ("4.9个百分点", PointChange, "4.9", "个百分点", ""),
            ("10月", Period, "-", "", ""),
            ("44.2万辆", Level, "442000", "辆", ""),
            ("30.7万辆", Level, "307000", "辆", ""),
            ("6.1万辆", Level, "61000", "辆", ""),
            ("11月", Period, "-", "", ""),
            // Two hedges: the first one is the claim's, the span covers both.
            ("约为240万辆左右", Level, "2400000", "辆", "约为"),
            ("全年", Period, "-", "", ""),
            ("突破2300万辆", Level, "23000000", "辆", "突破"),
            ("9月末", Period, "-", "", ""),
            ("335.38万亿元", Level, "335.38e12", "CNY", ""),
            ("8.4%", Growth, "8.4", "%", ""),
            ("270.39万亿元", Level, "270.39e12", "CNY", ""),
            ("6.6%", Growth, "6.6", "%", ""),
            ("前三季度", Period, "-", "", ""),
            ("14.75万亿元", Level, "14.75e12", "CNY", ""),
            ("1美元", Level, "1", "USD", ""),
            ("7.12元人民币", Level, "7.12", "CNY", ""),
            // An index level: no unit is written.
            ("3880.5", Level, "3880.5", "", ""),
            ("0.52%", Growth, "0.52", "%", ""),
            ("1.2万亿元", Level, "1.2e12", "CNY", ""),
        ],
    );
    // 今年以来 sets the year for what follows; 较去年同期 is only a comparison base.
    assert_eq!(
        claim(&doc, &ex, "1918.6万辆").period.as_deref(),
        Some("2025")
    );
    assert_eq!(
        claim(&doc, &ex, "4.9个百分点").period.as_deref(),
        Some("2025")
    );
    // 增加14.75万亿元 states a change, not a level.
    assert_eq!(
        claim(&doc, &ex, "14.75万亿元").direction,
        Some(Direction::Up)
    );
    assert_eq!(claim(&doc, &ex, "6.1万辆").metric.as_deref(), Some("批发"));
    assert_eq!(
        claim(&doc, &ex, "226.3万辆").metric.as_deref(),
        Some("零售")
    );
}

#[test]
fn chinese_dates_year_spans_phones_and_fractions() {
    use ClaimKind::*;
    let text = "二〇二五年四月九日，公司宣布十一月二十日起执行新规。2024-2025赛季，球队营收为3年前的两倍。\
                热线400-820-8820全天开放，约1/3的用户在30天以内完成注册，交付周期为1年多。";
    let doc = Document::new("inline", text);
    let opts = ExtractOptions {
        article_date: "2025-11-20".parse().ok(),
        entities: Vec::new(),
    };
    let ex = extract(&doc, &opts);
    check_all(
        &doc,
        &ex,
        &[
            ("二〇二五年四月九日", Date, "-", "", ""),
            ("十一月二十日", Date, "-", "", ""),
            ("2024-2025", Period, "-", "", ""),
            ("3年", Level, "3", "年", ""),
            ("两倍", Multiple, "2", "倍", ""),
            ("30天以内", Level, "30", "天", "以内"),
            ("1年多", Level, "1", "年", "多"),
        ],
    );
    let p: Vec<Option<&str>> = ex
        .claims
        .iter()
        .take(3)
        .map(|c| c.period.as_deref())
        .collect();
    assert_eq!(
        p,
        vec![Some("2025-04-09"), Some("2025-11-20"), Some("2024-2025")]
    );
}

#[test]
fn idioms_and_names_with_numerals_are_not_claims() {
    // 一个, 万一, 千万不要, 三思, 百度, 一方面, 中国大陆, 三星, 一汽, 一成不变, 十四五, 一千零一夜,
    // 三百六十行, 三天打鱼两天晒网, 半导体, 多半 …: numeral characters inside words and idioms.
    let (doc, ex) = load("idioms.txt", &[]);
    let got: Vec<&str> = ex.claims.iter().map(|c| doc.slice(c.span)).collect();
    assert!(got.is_empty(), "{got:?}");
    assert!(ex.numeric_mentions > 30);
}

#[test]
fn caller_entities_with_digits_do_not_eat_figures() {
    let doc = Document::new("inline", "360公司营收为360亿元，360的净利润为12亿元。");
    let opts = ExtractOptions {
        article_date: None,
        entities: vec!["360".to_string()],
    };
    let ex = extract(&doc, &opts);
    let got: Vec<(&str, Option<&str>)> = ex
        .claims
        .iter()
        .map(|c| (doc.slice(c.span), c.subject.as_deref()))
        .collect();
    assert_eq!(got, vec![("360亿元", Some("360")), ("12亿元", Some("360"))]);
}

#[test]
fn pangu_spacing_between_digits_and_words() {
    use ClaimKind::*;
    let text = "据 IDC 统计，2025 年第三季度中国手机出货量约 6870 万部，同比增长 0.6%，\
                英伟达 H20 芯片 2024 年出货量约为 100 万枚，份额超过 30 %。";
    let doc = Document::new("inline", text);
    let opts = ExtractOptions {
        article_date: "2025-11-20".parse().ok(),
        entities: Vec::new(),
    };
    let ex = extract(&doc, &opts);
    check_all(
        &doc,
        &ex,
        &[
            ("2025 年第三季度", Period, "-", "", ""),
            ("约 6870 万部", Level, "6.87e7", "部", "约"),
            ("0.6%", Growth, "0.6", "%", ""),
            ("2024 年", Period, "-", "", ""),
            ("约为 100 万枚", Level, "1e6", "枚", "约为"),
            ("超过 30 %", Share, "30", "%", "超过"),
        ],
    );
    assert_eq!(ex.claims[0].period.as_deref(), Some("2025Q3"));
    assert_eq!(ex.claims[4].period.as_deref(), Some("2024"));
    assert_eq!(ex.claims[2].direction, Some(Direction::Up));
}

/// (claim text, change_of, direction).
type Change<'a> = (&'a str, Option<(usize, usize)>, Option<Direction>);

#[test]
fn you_a_zeng_zhi_b_is_a_change_but_youyu_is_not() {
    let doc = Document::new(
        "inline",
        "公司营收由2023年的120亿元增至2024年的150亿元。由于需求回暖，销量为5万辆，到年底达6万辆。",
    );
    let ex = extract(&doc, &ExtractOptions::default());
    let got: Vec<Change> = ex
        .claims
        .iter()
        .filter(|c| c.is_quantity())
        .map(|c| (doc.slice(c.span), c.change_of, c.direction))
        .collect();
    assert_eq!(
        got,
        vec![
            ("120亿元", None, None),
            ("150亿元", Some((1, 3)), Some(Direction::Up)),
            ("5万辆", None, None),
            ("6万辆", None, None),
        ]
    );
}

#[test]
fn list_markers_are_not_counts() {
    let doc = Document::new(
        "inline",
        "1. 销量为5万辆。\n（2）营收3亿元；(3)净利润1亿元。\n三、市场份额为12%。",
    );
    let ex = extract(&doc, &ExtractOptions::default());
    let got: Vec<&str> = ex.claims.iter().map(|c| doc.slice(c.span)).collect();
    assert_eq!(got, vec!["5万辆", "3亿元", "1亿元", "12%"]);
}

#[test]
fn tenths_after_arabic_digits() {
    use ClaimKind::*;
    let doc = Document::new(
        "inline",
        "超5成用户选择国产，3-5成预算用于研发；5成本项目未变，2.5成交额不计。",
    );
    let ex = extract(&doc, &ExtractOptions::default());
    check_all(
        &doc,
        &ex,
        &[
            ("超5成", Share, "50", "%", "超"),
            ("3-5成", Share, "30..50", "%", ""),
            ("5", Count, "5", "", ""),
            ("2.5", Level, "2.5", "", ""),
        ],
    );
}

#[test]
fn latin_metrics_numeral_names_and_city_tiers() {
    let doc = Document::new(
        "inline",
        "GDP增长5%，零跑汽车销量为7万辆，一线城市房价下降2%。",
    );
    let ex = extract(&doc, &ExtractOptions::default());
    let got: Vec<Topic> = ex
        .claims
        .iter()
        .map(|c| {
            (
                doc.slice(c.span),
                c.subject.as_deref(),
                c.segment.as_deref(),
                c.metric.as_deref(),
                c.period.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("5%", None, None, Some("GDP"), None),
            ("7万辆", Some("零跑汽车"), None, Some("销量"), None),
            ("2%", Some("零跑汽车"), Some("一线城市"), Some("房价"), None),
        ]
    );
}

#[test]
fn lists_keep_the_change_verb_and_drop_a_partial_period() {
    use ClaimKind::*;
    let doc = Document::new(
        "inline",
        "一、二、三季度GDP分别增长5.4%、5.2%和4.8%，占比为30%、40%。",
    );
    let ex = extract(&doc, &ExtractOptions::default());
    check_all(
        &doc,
        &ex,
        &[
            ("三季度", Period, "-", "", ""),
            ("5.4%", Growth, "5.4", "%", ""),
            ("5.2%", Growth, "5.2", "%", ""),
            ("4.8%", Growth, "4.8", "%", ""),
            ("30%", Share, "30", "%", ""),
            ("40%", Share, "40", "%", ""),
        ],
    );
    // 三季度 ends a list of quarters: 5.4% is not a third-quarter figure.
    assert!(ex.claims.iter().skip(1).all(|c| c.period.is_none()));
}

#[test]
fn battery_installations() {
    use ClaimKind::*;
    let (doc, ex) = load("batteries.txt", &[]);
    // 三元电池 names a chemistry (not 3 yuan); 前十家 and 前10个月 are not figures.
    check_all(
        &doc,
        &ex,
        &[
            ("1-10月", Period, "-", "", ""),
            ("578.3GWh", Level, "578.3", "GWh", ""),
            ("42.4%", Growth, "42.4", "%", ""),
            ("107.1GWh", Level, "107.1", "GWh", ""),
            ("18.5%", Share, "18.5", "%", ""),
            ("8.6%", Growth, "8.6", "%", ""),
            ("471.0GWh", Level, "471.0", "GWh", ""),
            ("81.4%", Share, "81.4", "%", ""),
            ("61.1%", Growth, "61.1", "%", ""),
            ("248.6GWh", Level, "248.6", "GWh", ""),
            ("43.0%", Share, "43.0", "%", ""),
            ("124.6GWh", Level, "124.6", "GWh", ""),
            ("21.5%", Share, "21.5", "%", ""),
            ("94.4%", Share, "94.4", "%", ""),
            ("全年", Period, "-", "", ""),
            ("超过700GWh", Level, "700", "GWh", "超过"),
            ("2024年", Period, "-", "", ""),
            ("548.4GWh", Level, "548.4", "GWh", ""),
            ("约28%", Growth, "28", "%", "约"),
            ("612.5亿美元", Level, "6.125e10", "USD", ""),
            ("24.1%", Growth, "24.1", "%", ""),
            ("约四成", Share, "40", "%", "约"),
        ],
    );
    // 较2024年的548.4GWh: the base year's figure is about 2024; the forecast stays 2025.
    assert_eq!(claim(&doc, &ex, "548.4GWh").period.as_deref(), Some("2024"));
    assert_eq!(
        claim(&doc, &ex, "超过700GWh").period.as_deref(),
        Some("2025")
    );
    assert_eq!(claim(&doc, &ex, "约28%").period.as_deref(), Some("2025"));
    assert_eq!(
        claim(&doc, &ex, "248.6GWh").subject.as_deref(),
        Some("宁德时代")
    );
    assert_eq!(
        claim(&doc, &ex, "578.3GWh").metric.as_deref(),
        Some("装车量")
    );
}

#[test]
fn qian_before_a_number() {
    let doc = Document::new(
        "inline",
        "前十家企业合计份额为94.4%，目前已有300家企业入驻，此前5年累计投资80亿元，前5%的用户贡献了一半收入。",
    );
    let ex = extract(&doc, &ExtractOptions::default());
    let got: Vec<&str> = ex.claims.iter().map(|c| doc.slice(c.span)).collect();
    assert_eq!(got, vec!["94.4%", "300家", "5年", "80亿元", "5%", "一半"]);
}

#[test]
fn currency_signs_before_digits() {
    use ClaimKind::*;
    let doc = Document::new(
        "inline",
        "该公司估值约$50亿，售价￥3999起，欧洲市场营收€12.5亿美元。",
    );
    let ex = extract(&doc, &ExtractOptions::default());
    check_all(
        &doc,
        &ex,
        &[
            ("约$50亿", Level, "5e9", "USD", "约"),
            ("￥3999", Level, "3999", "CNY", ""),
            ("€12.5亿美元", Level, "1.25e9", "USD", ""),
        ],
    );
}

#[test]
fn holiday_travel_bases_and_changes() {
    use ClaimKind::*;
    let (doc, ex) = load("holiday_travel.txt", &[]);
    check_all(
        &doc,
        &ex,
        &[
            ("10月9日", Date, "-", "", ""),
            ("8天", Level, "8", "天", ""),
            ("8.88亿人次", Level, "8.88e8", "人次", ""),
            ("2024年", Period, "-", "", ""),
            ("7天", Level, "7", "天", ""),
            ("1.23亿人次", Level, "1.23e8", "人次", ""),
            ("8090.06亿元", Level, "8.09006e11", "CNY", ""),
            ("2024年", Period, "-", "", ""),
            ("1008.05亿元", Level, "1.00805e11", "CNY", ""),
            ("7700万人次", Level, "7.7e7", "人次", ""),
            ("1925万人次", Level, "1.925e7", "人次", ""),
            ("2019年", Period, "-", "", ""),
            ("104.4%", Share, "104.4", "%", ""),
            ("240.2万人次", Level, "2.402e6", "人次", ""),
            ("2.7%", Growth, "2.7", "%", ""),
            ("9月30日", Date, "-", "", ""),
            ("10月2日", Date, "-", "", ""),
            ("超过5%", Growth, "5", "%", "超过"),
        ],
    );
    // 较2024年 and 2019年同期 are bases: nothing after them is dated 2024 or 2019.
    assert!(ex
        .claims
        .iter()
        .filter(|c| c.is_quantity())
        .all(|c| c.period.is_none()));
    // 增加1.23亿人次 is a change, not a level; so is 增加1008.05亿元.
    assert_eq!(ex.claims[5].direction, Some(Direction::Up));
    assert_eq!(ex.claims[8].direction, Some(Direction::Up));
    // 三天 after a date range is not a figure; 超过5% keeps the verb of its clause.
    assert_eq!(ex.claims[17].direction, Some(Direction::Up));
}

#[test]
fn relative_years_replace_the_carried_period_even_without_a_date() {
    let doc = Document::new(
        "inline",
        "2024年，公司营收100亿元，公司预计明年营收将达150亿元。",
    );
    let ex = extract(&doc, &ExtractOptions::default());
    let got: Vec<(&str, Option<&str>)> = ex
        .claims
        .iter()
        .map(|c| (doc.slice(c.span), c.period.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("2024年", Some("2024")),
            ("100亿元", Some("2024")),
            ("150亿元", None)
        ]
    );
}
