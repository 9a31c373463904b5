//! Units written after a number: %, 个百分点, currencies (美元 → USD), 倍, 成, and measure words.

use super::text::{char_at, CharSet, WordIndex};
use crate::claim::{Unit, UnitKind};
use std::sync::OnceLock;

/// A unit as matched in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitMatch {
    /// The canonical unit.
    pub unit: Unit,
    /// Byte offset after the unit words.
    pub end: usize,
    /// Factor converting the written number to the unit (成 → 10: 三成 = 30%).
    pub scale: f64,
}

/// A unit as matched in the text, borrowing its code from the word lists: what the
/// quantity reader keeps while it decides whether a figure is there at all (a `Unit` is
/// built, and its code allocated, only for a claim).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitAt {
    /// The canonical code (`USD`, `%`, `枚`).
    pub code: &'static str,
    /// Its family.
    pub kind: UnitKind,
    /// Byte offset after the unit words.
    pub end: usize,
    /// Factor converting the written number to the unit (成 → 10: 三成 = 30%).
    pub scale: f64,
}

impl UnitAt {
    /// The owned unit.
    pub fn unit(&self) -> Unit {
        Unit::new(self.code, self.kind)
    }
}

/// Currency words and their ISO codes.
const CURRENCIES: &[(&str, &str)] = &[
    ("美元", "USD"),
    ("美金", "USD"),
    ("元人民币", "CNY"),
    ("人民币", "CNY"),
    ("元", "CNY"),
    ("块钱", "CNY"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("欧元", "EUR"),
    ("日元", "JPY"),
    ("英镑", "GBP"),
    ("韩元", "KRW"),
    ("新台币", "TWD"),
    ("卢布", "RUB"),
];

/// Measure words and physical units, kept as written.
const MEASURES: &[&str] = &[
    "枚",
    "辆",
    "台",
    "部",
    "家",
    "人次",
    "人",
    "位",
    "个月",
    "个",
    "套",
    "吨",
    "吉瓦时",
    "吉瓦",
    "兆瓦时",
    "兆瓦",
    "千瓦时",
    "千瓦",
    "瓦",
    "度",
    "片",
    "颗",
    "块",
    "张",
    "款",
    "项",
    "座",
    "架",
    "艘",
    "只",
    "头",
    "件",
    "户",
    "名",
    "次",
    "条",
    "篇",
    "所",
    "间",
    "亩",
    "平方米",
    "平方公里",
    "公里",
    "千米",
    "米",
    "公斤",
    "千克",
    "克",
    "升",
    "桶",
    "立方米",
    "年",
    "天",
    "日",
    "小时",
    "分钟",
    "秒",
    "周",
    "笔",
    "份",
    "支",
    "根",
    "首",
    "批",
    "种",
    "岁",
    "座",
    "GWh",
    "GW",
    "MWh",
    "MW",
    "kWh",
    "TWh",
    "kg",
    "km",
    "个基点",
    "基点",
    "℃",
    "°C",
    "摄氏度",
    "毫米",
    "厘米",
    "公里",
    "千米",
];

/// One-character measure words that start a common word with the character after them
/// (RTX 4090首发价: 首发 is "debut", not 4090 songs; 3批发商, 5部分).
const MEASURE_WORD_STARTS: &[(&str, &str)] = &[
    ("首", "发次个日批款位家台届轮选"),
    ("批", "发准复"),
    ("部", "分门长署"),
    ("台", "湾阶"),
    ("家", "电庭居具"),
    ("位", "于置"),
    ("种", "植子类"),
    ("片", "区面"),
];

/// Percent and point words.
const PERCENTS: &[(&str, &str, UnitKind)] = &[
    ("%", "%", UnitKind::Percent),
    ("％", "%", UnitKind::Percent),
    ("个百分点", "个百分点", UnitKind::Points),
    ("百分点", "个百分点", UnitKind::Points),
    ("倍", "倍", UnitKind::Times),
];

/// The unit written at byte `i`, if any. `成` is read as a tenth (三成 = 30%) unless it starts
/// a word such as 成本, 成为, 成功 or the idiom 一成不变.
pub fn match_unit(text: &str, i: usize) -> Option<UnitMatch> {
    unit_at(text, i).map(|u| UnitMatch {
        unit: u.unit(),
        end: u.end,
        scale: u.scale,
    })
}

/// [`match_unit`] without building the unit: its code borrowed from the word lists.
pub fn unit_at(text: &str, i: usize) -> Option<UnitAt> {
    let rest = text.get(i..)?;
    let first = rest.chars().next()?;
    let (currencies, measures, firsts) = indexes();
    // Every unit word starts with one of these: after most numbers that are not followed
    // by a unit (万, 亿, punctuation, 的), one bit test answers.
    if !firsts.contains(first) {
        return None;
    }
    for (w, code, kind) in PERCENTS {
        // The character test first: most positions start no percent word.
        if w.starts_with(first) && rest.starts_with(w) {
            return Some(UnitAt {
                code,
                kind: *kind,
                end: i + w.len(),
                scale: 1.0,
            });
        }
    }
    if rest.starts_with('成') && !cheng_starts_word(text, i + '成'.len_utf8()) {
        return Some(UnitAt {
            code: "%",
            kind: UnitKind::Percent,
            end: i + '成'.len_utf8(),
            scale: 10.0,
        });
    }
    if let Some((k, w)) = currencies.longest_at(text, i) {
        return Some(UnitAt {
            code: CURRENCIES[k].1,
            kind: UnitKind::Currency,
            end: i + w.len(),
            scale: 1.0,
        });
    }
    let (_, w) = measures.longest_at(text, i)?;
    let end = i + w.len();
    // Latin units must end the word: 5GW yes, 5GWx no.
    if w.is_ascii() && char_at(text, end).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    if MEASURE_WORD_STARTS
        .iter()
        // Bytes compared in line: a call to compare two short words cost more than this.
        .any(|(m, next)| {
            m.bytes().eq(w.bytes()) && char_at(text, end).is_some_and(|c| next.contains(c))
        })
    {
        return None;
    }
    Some(UnitAt {
        code: w,
        kind: UnitKind::Measure,
        end,
        scale: 1.0,
    })
}

/// [`CURRENCIES`] and [`MEASURES`] indexed by their first two characters: every number is
/// followed by a look-up in each. Also the first character of every unit word (percents,
/// 成, currencies, measures).
fn indexes() -> &'static (WordIndex, WordIndex, CharSet) {
    static INDEXES: OnceLock<(WordIndex, WordIndex, CharSet)> = OnceLock::new();
    INDEXES.get_or_init(|| {
        let cur: Vec<&'static str> = CURRENCIES.iter().map(|(w, _)| *w).collect();
        let firsts = PERCENTS
            .iter()
            .map(|(w, _, _)| *w)
            .chain(["成"])
            .chain(cur.iter().copied())
            .chain(MEASURES.iter().copied())
            .filter_map(|w| w.chars().next())
            .collect();
        (WordIndex::new(&cur), WordIndex::new(MEASURES), firsts)
    })
}

/// True when the `成` before byte `j` is the first character of a word (成本, 成为 …).
fn cheng_starts_word(text: &str, j: usize) -> bool {
    matches!(
        char_at(text, j),
        Some(
            '本' | '为'
                | '功'
                | '交'
                | '长'
                | '立'
                | '熟'
                | '果'
                | '绩'
                | '员'
                | '型'
                | '品'
                | '就'
                | '效'
                | '分'
                | '都'
                | '了'
                | '不'
                | '是'
                | '会'
                | '要'
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> Option<String> {
        match_unit(s, 0).map(|m| m.unit.code)
    }

    #[test]
    fn units() {
        assert_eq!(code("美元").as_deref(), Some("USD"));
        assert_eq!(code("元人民币").as_deref(), Some("CNY"));
        assert_eq!(code("港元").as_deref(), Some("HKD"));
        assert_eq!(code("个百分点").as_deref(), Some("个百分点"));
        assert_eq!(code("个月").as_deref(), Some("个月"));
        assert_eq!(code("％").as_deref(), Some("%"));
        assert_eq!(code("成本"), None);
        assert_eq!(match_unit("成", 0).map(|m| m.scale), Some(10.0));
        assert_eq!(code("GWx"), None);
        assert_eq!(code("吉瓦时").as_deref(), Some("吉瓦时"));
    }
}
