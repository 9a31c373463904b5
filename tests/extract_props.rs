//! Property tests of the extractor: numbers round-trip through their written forms, spans lie
//! on char boundaries inside the text, and no input makes extraction panic.

use approx::relative_eq;
use numcheck::claim::Value;
use numcheck::document::Document;
use numcheck::extract::numeral::{parse_arabic, parse_chinese};
use numcheck::extract::{extract, ExtractOptions, Extraction};
use proptest::prelude::*;

fn run(text: &str) -> (Document, Extraction) {
    let doc = Document::new("p", text);
    let ex = extract(&doc, &ExtractOptions::default());
    (doc, ex)
}

/// The single point value of the only quantity claim of `text`.
fn only_value(text: &str) -> Option<f64> {
    let (_, ex) = run(text);
    let q: Vec<_> = ex.claims.iter().filter(|c| c.is_quantity()).collect();
    match q.as_slice() {
        [c] => match c.value {
            Value::Point(n) => Some(n.value),
            _ => None,
        },
        _ => None,
    }
}

/// `n` with thousands separators: 1234567 → 1,234,567.
fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// ASCII digits and point to full-width.
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
            '.' => '．',
            c => c,
        })
        .collect()
}

const CN_DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// A group below 10000 in Chinese, with 零 for inner gaps (1005 → 一千零五).
fn cn_group(n: u64) -> String {
    let mut out = String::new();
    let mut started = false;
    let mut zero = false;
    for (d, unit) in [
        (n / 1000 % 10, "千"),
        (n / 100 % 10, "百"),
        (n / 10 % 10, "十"),
        (n % 10, ""),
    ] {
        if d == 0 {
            zero |= started;
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        out.push_str(CN_DIGITS[d as usize]);
        out.push_str(unit);
        started = true;
    }
    out
}

/// A positive integer below 1e12 written in Chinese numerals (1234 → 一千二百三十四).
fn to_chinese(n: u64) -> String {
    let (yi, wan, unit) = (n / 100_000_000, n / 10_000 % 10_000, n % 10_000);
    let mut out = String::new();
    if yi > 0 {
        out.push_str(&cn_group(yi));
        out.push('亿');
    }
    if wan > 0 {
        if yi > 0 && wan < 1000 {
            out.push('零');
        }
        out.push_str(&cn_group(wan));
        out.push('万');
    }
    if unit > 0 {
        let gap = (yi > 0 || wan > 0) && (unit < 1000 || (wan == 0 && yi > 0));
        if gap {
            out.push('零');
        }
        out.push_str(&cn_group(unit));
    }
    out
}

#[test]
fn converter_writes_standard_forms() {
    assert_eq!(to_chinese(1234), "一千二百三十四");
    assert_eq!(to_chinese(10005), "一万零五");
    assert_eq!(to_chinese(100_000_005), "一亿零五");
    assert_eq!(to_chinese(105_000_000), "一亿零五百万");
}

proptest! {
    #[test]
    fn arabic_integers_round_trip(n in 0u64..10_000_000_000) {
        for s in [n.to_string(), grouped(n), full_width(&n.to_string())] {
            let a = parse_arabic(&s, 0).expect("parses");
            prop_assert_eq!(a.end, s.len());
            prop_assert!(relative_eq!(a.value, n as f64));
            let v = only_value(&format!("公司收入{s}元，同比持平。"));
            prop_assert!(v.is_some_and(|v| relative_eq!(v, n as f64)), "{s}: {v:?}");
        }
    }

    #[test]
    fn arabic_decimals_round_trip(int in 0u64..1_000_000, frac in 0u64..10_000, width in 1usize..5) {
        let frac = frac % 10u64.pow(width as u32);
        let plain = format!("{int}.{frac:0width$}");
        let expected: f64 = plain.parse().unwrap();
        for s in [plain.clone(), format!("{}.{frac:0width$}", grouped(int)), full_width(&plain)] {
            let a = parse_arabic(&s, 0).expect("parses");
            prop_assert!(relative_eq!(a.value, expected));
            prop_assert!(relative_eq!(a.step, 10f64.powi(-(width as i32))));
            let v = only_value(&format!("销量为{s}万辆。"));
            prop_assert!(v.is_some_and(|v| relative_eq!(v, expected * 1e4, max_relative = 1e-12)), "{s}: {v:?}");
        }
    }

    #[test]
    fn chinese_integers_round_trip(n in 1u64..1_000_000_000_000) {
        let s = to_chinese(n);
        let c = parse_chinese(&s, 0).expect("parses");
        prop_assert_eq!(c.end, s.len());
        prop_assert!(relative_eq!(c.value, n as f64), "{s} -> {}", c.value);
        // In text: a single numeral character before a measure word is not a figure (一位).
        if n >= 10 {
            let v = only_value(&format!("销量为{s}辆。"));
            prop_assert!(v.is_some_and(|v| relative_eq!(v, n as f64)), "{s}: {v:?}");
        }
    }

    #[test]
    fn spans_lie_on_char_boundaries(text in any::<String>()) {
        check_spans(&text)?;
    }

    #[test]
    fn news_like_text_never_breaks_spans(
        text in "[0-9０-９一二三四五六七八九十百千万亿两零〇点年月日号季度前第今去约为超过近逾远均多余左右以上下%％个百分点美元枚辆成倍从降到至增长同比连续翻番由某公司时分HARTXFYQ .,，。、（）()~～—－／/:+＋-]{0,80}"
    ) {
        check_spans(&text)?;
    }
}

#[test]
fn found_by_proptest() {
    // A hedge read back across the previous claim made two claims overlap.
    // A full-width slash after digits once returned a mid-character offset and ended the scan.
    for text in [
        "均九亿0",
        "约3万约4万",
        "超过1万超2万家",
        "1／2以上，销量为5万辆",
    ] {
        check_spans(text).unwrap();
    }
}

proptest! {
    #[test]
    fn a_figure_after_any_prefix_is_read(
        prefix in "[0-9０-９一二三四五六七八九十百千万亿两零〇点年月日季度前第约超近远均多余%％个百分点美元枚成倍从降到至增长连续翻番由某公司时分HRXFYQ .,。、（）()~～—－／/:+-]{0,40}"
    ) {
        let text = format!("{prefix}。\n销量为5万辆。");
        let (doc, ex) = run(&text);
        prop_assert!(ex.claims.iter().any(|c| doc.slice(c.span) == "5万辆"), "{:?}", ex.claims);
    }
}

fn check_spans(text: &str) -> Result<(), TestCaseError> {
    let (doc, ex) = run(text);
    let mut last_end = 0;
    for (i, c) in ex.claims.iter().enumerate() {
        prop_assert_eq!(c.id, i);
        prop_assert!(c.span.start < c.span.end && c.span.end <= text.len());
        prop_assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
        prop_assert!(
            c.span.start >= last_end,
            "claims overlap or are out of order"
        );
        last_end = c.span.end;
        for b in &c.bounds {
            prop_assert!(c.span.contains(b.span), "bound outside claim");
            prop_assert!(text.is_char_boundary(b.span.start) && text.is_char_boundary(b.span.end));
            prop_assert!(b.num.value.is_finite() && b.num.step > 0.0);
        }
        prop_assert!(c.sentence < doc.sentences().len().max(1));
    }
    prop_assert!(ex.numeric_mentions >= ex.claims.iter().filter(|c| c.is_quantity()).count());
    Ok(())
}

#[test]
fn huge_and_hostile_numbers_do_not_panic() {
    let long = "9".repeat(10_000);
    let grouped_huge = format!("1{}", ",000".repeat(200));
    let tiny = format!("0.{}1%", "0".repeat(5_000));
    let cn = "亿".repeat(500);
    let cn_big = format!("九{}", "亿".repeat(60));
    for text in [
        "10^400".to_string(),
        format!("收入{long}元"),
        format!("收入{grouped_huge}元"),
        format!("占比{tiny}"),
        format!("一{cn}元"),
        format!("{cn_big}美元"),
        format!("{long}.{long}万亿美元"),
    ] {
        let (_, ex) = run(&text);
        for c in &ex.claims {
            if let Some((lo, hi)) = c.interval() {
                assert!(lo.is_finite() && hi.is_finite(), "{text:.40}");
            }
        }
        assert!(ex.numeric_mentions >= 1, "{text:.40}");
    }
}

/// A megabyte of news text in one call: every paragraph of the sample yields its claims again.
/// (Quadratic work per position, such as copying the rest of the text, would make this crawl.)
#[test]
fn a_megabyte_of_text_yields_every_copy() {
    let sample = include_str!("../seeds/nvidia-china-export-controls.txt");
    let one = run(sample).1.claims.len();
    let copies = 1_000_000 / sample.len() + 1;
    let big = format!("{sample}\n").repeat(copies);
    let (_, ex) = run(&big);
    assert_eq!(ex.claims.len(), one * copies);
}

/// Whatever precedes it, a figure at the end of the text is still read: no reader may stop
/// the scan early.
#[test]
fn the_scan_reaches_the_end() {
    for prefix in [
        "1／2",
        "3/4",
        "10:30",
        "1.2.3",
        "H20",
        "https://a.cn/1",
        "13812345678",
        "〇〇",
    ] {
        let text = format!("{prefix}，销量为5万辆。");
        let (doc, ex) = run(&text);
        assert!(
            ex.claims.iter().any(|c| doc.slice(c.span) == "5万辆"),
            "{prefix}: {:?}",
            ex.claims
        );
    }
}
