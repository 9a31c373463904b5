//! Units written after a number: %, 个百分点, currencies (美元 → USD), 倍, 成, and measure words.

use super::numeral::{char_at_inline, word_at};
use super::text::{char_at, CharMap, CharSet};
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
///
/// The words that can start at `i` are listed by their first character, in the order the
/// lists are tried: percents (first match), 成, currencies then measures (each longest
/// first). The tests check this against a scan of the lists.
pub fn unit_at(text: &str, i: usize) -> Option<UnitAt> {
    // Decoded here rather than by a call: every number is followed by this look-up.
    let first = char_at_inline(text, i)?;
    let table = table();
    // Every unit word starts with one of these: after most numbers that are not followed
    // by a unit (万, 亿, punctuation, 的), one bit test answers.
    if !table.firsts.contains(first) {
        return None;
    }
    let b = text.as_bytes();
    for cand in table.by_first.get(&first)? {
        match *cand {
            Cand::Percent(w, code, kind) if word_at(b, i, w) => {
                return Some(UnitAt {
                    code,
                    kind,
                    end: i + w.len(),
                    scale: 1.0,
                });
            }
            Cand::Cheng if !cheng_starts_word(text, i + '成'.len_utf8()) => {
                return Some(UnitAt {
                    code: "%",
                    kind: UnitKind::Percent,
                    end: i + '成'.len_utf8(),
                    scale: 10.0,
                });
            }
            Cand::Currency(w, code) if word_at(b, i, w) => {
                return Some(UnitAt {
                    code,
                    kind: UnitKind::Currency,
                    end: i + w.len(),
                    scale: 1.0,
                });
            }
            Cand::Measure(w, latin, blocked) if word_at(b, i, w) => {
                let end = i + w.len();
                // Most measure words end with no test of the character after them.
                if latin || !blocked.is_empty() {
                    let next = char_at_inline(text, end);
                    // Latin units must end the word: 5GW yes, 5GWx no.
                    if latin && next.is_some_and(|c| c.is_ascii_alphanumeric()) {
                        return None;
                    }
                    // 首发, 部分, 台湾: the measure word starts another word.
                    // (A scan of the few characters: `str::contains` searches with memchr.)
                    if next.is_some_and(|c| blocked.chars().any(|x| x == c)) {
                        return None;
                    }
                }
                return Some(UnitAt {
                    code: w,
                    kind: UnitKind::Measure,
                    end,
                    scale: 1.0,
                });
            }
            _ => {}
        }
    }
    None
}

/// A unit word that can start at some character, as [`unit_at`] tries it.
#[derive(Debug, Clone, Copy)]
enum Cand {
    /// A [`PERCENTS`] word: (word, code, kind).
    Percent(&'static str, &'static str, UnitKind),
    /// 成, a tenth, unless it starts a word (成本).
    Cheng,
    /// A [`CURRENCIES`] word and its code.
    Currency(&'static str, &'static str),
    /// A [`MEASURES`] word, whether it is Latin (ASCII: 5GW, not 5GWx), and the characters
    /// that, right after it, make it the start of another word ([`MEASURE_WORD_STARTS`];
    /// empty for most).
    Measure(&'static str, bool, &'static str),
}

/// The unit words by first character, and the set of those characters.
struct Table {
    /// The candidates at each first character, in the order they are tried.
    by_first: CharMap<Vec<Cand>>,
    /// The first character of every unit word.
    firsts: CharSet,
}

/// The [`Table`], built once from the word lists.
fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        // Longest first within a list; a stable sort keeps list order among equals, and
        // equally long words starting alike are the same word (the lists repeat a few).
        let mut currencies: Vec<(&'static str, Cand)> = CURRENCIES
            .iter()
            .map(|&(w, code)| (w, Cand::Currency(w, code)))
            .collect();
        currencies.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let mut measures: Vec<(&'static str, Cand)> = MEASURES
            .iter()
            .map(|&w| {
                let blocked = MEASURE_WORD_STARTS
                    .iter()
                    .find(|(m, _)| *m == w)
                    .map_or("", |(_, next)| *next);
                (w, Cand::Measure(w, w.is_ascii(), blocked))
            })
            .collect();
        measures.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let all = PERCENTS
            .iter()
            .map(|&(w, code, kind)| (w, Cand::Percent(w, code, kind)))
            .chain([("成", Cand::Cheng)])
            .chain(currencies)
            .chain(measures);
        let mut by_first: CharMap<Vec<Cand>> = CharMap::default();
        let mut firsts = CharSet::default();
        for (w, cand) in all {
            if let Some(c) = w.chars().next() {
                by_first.entry(c).or_default().push(cand);
                firsts.insert(c);
            }
        }
        Table { by_first, firsts }
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

    /// The reader as it was (each list scanned in turn): the oracle of the tests.
    fn scan(text: &str, i: usize) -> Option<UnitAt> {
        use crate::extract::text::longest_at;
        let rest = text.get(i..)?;
        let first = rest.chars().next()?;
        for (w, code, kind) in PERCENTS {
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
        let cur: Vec<&'static str> = CURRENCIES.iter().map(|(w, _)| *w).collect();
        if let Some((k, w)) = longest_at(text, i, &cur) {
            return Some(UnitAt {
                code: CURRENCIES[k].1,
                kind: UnitKind::Currency,
                end: i + w.len(),
                scale: 1.0,
            });
        }
        let (_, w) = longest_at(text, i, MEASURES)?;
        let end = i + w.len();
        if w.is_ascii() && char_at(text, end).is_some_and(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        if MEASURE_WORD_STARTS
            .iter()
            .any(|(m, next)| *m == w && char_at(text, end).is_some_and(|c| next.contains(c)))
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

    #[test]
    fn every_unit_word_reads_like_the_scan() {
        let words = PERCENTS
            .iter()
            .map(|(w, _, _)| *w)
            .chain(CURRENCIES.iter().map(|(w, _)| *w))
            .chain(MEASURES.iter().copied())
            .chain(["成", "成本"]);
        let nexts: Vec<char> = MEASURE_WORD_STARTS
            .iter()
            .flat_map(|(_, n)| n.chars())
            .chain(['x', '5', '。', '人', '币'])
            .collect();
        for w in words {
            for n in &nexts {
                let t = format!("{w}{n}");
                for i in 0..=t.len() {
                    assert_eq!(unit_at(&t, i), scan(&t, i), "{t} at {i}");
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        #[test]
        fn units_read_like_the_scan(t in crate::extract::numeral::news_gen::text()) {
            for i in 0..=t.len() {
                proptest::prop_assert_eq!(unit_at(&t, i), scan(&t, i));
            }
        }
    }
}
