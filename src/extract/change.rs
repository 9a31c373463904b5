//! Change forms: the verb before a number (同比增长66%, 下降3.2%, 增幅为, 降到0%, 从95%),
//! runs (连续三年下滑) and doubling words (翻番, 翻一番 = +100%).
//!
//! `从A降到B` yields two claims: A (the "from") and B (the "to"). The "to" claim carries
//! `change_of = Some((from_id, to_id))` and the direction of the move; the "from" claim has
//! neither. A level preceded by a change verb (`净利润减少5亿元`) keeps kind `Level` but gets a
//! direction: it states an absolute change, not a level.

use super::numeral::{ends_with_word, starts_at_inline};
use super::period::read_int;
use super::text::{before_space, char_at, CharMap, WordIndex};
use crate::claim::Direction;
use std::sync::OnceLock;

/// What the words right before a number say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lead {
    /// A rate or amount of change (增长66%); direction `None` for 同比/环比 alone.
    Rate(Option<Direction>),
    /// The value reached (降到0%, 增长至); direction of the verb, if any.
    Target(Option<Direction>),
    /// The starting value (从95%).
    From,
    /// Nothing special.
    Plain,
}

/// Change verbs and their direction, longest first where one ends another.
const VERBS: &[(&str, Direction)] = &[
    ("负增长", Direction::Down),
    ("增长", Direction::Up),
    ("增加", Direction::Up),
    ("上升", Direction::Up),
    ("提高", Direction::Up),
    ("提升", Direction::Up),
    ("上涨", Direction::Up),
    ("增幅", Direction::Up),
    ("涨幅", Direction::Up),
    ("增速", Direction::Up),
    ("攀升", Direction::Up),
    ("跃升", Direction::Up),
    ("飙升", Direction::Up),
    ("扩大", Direction::Up),
    ("上调", Direction::Up),
    ("增", Direction::Up),
    ("涨", Direction::Up),
    ("升", Direction::Up),
    ("下降", Direction::Down),
    ("下滑", Direction::Down),
    ("减少", Direction::Down),
    ("降低", Direction::Down),
    ("下跌", Direction::Down),
    ("回落", Direction::Down),
    ("降幅", Direction::Down),
    ("跌幅", Direction::Down),
    ("萎缩", Direction::Down),
    ("收窄", Direction::Down),
    ("缩减", Direction::Down),
    ("下调", Direction::Down),
    ("降", Direction::Down),
    ("跌", Direction::Down),
    ("减", Direction::Down),
];

/// The verb `s` ends with, if any (longest match).
fn verb_at_end(s: &str) -> Option<Direction> {
    // Most words before a number end in no verb; before the others the few verbs ending in
    // that character are compared, longest first.
    let words = verbs_by_last().get(&s.chars().next_back()?)?;
    words.iter().find(|(w, _)| s.ends_with(w)).map(|(_, d)| *d)
}

/// [`VERBS`] by their last character, longest first (no two verbs are alike, so the order
/// among equally long ones does not matter).
fn verbs_by_last() -> &'static CharMap<Vec<(&'static str, Direction)>> {
    static MAP: OnceLock<CharMap<Vec<(&'static str, Direction)>>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: CharMap<Vec<(&'static str, Direction)>> = CharMap::default();
        for &(w, d) in VERBS {
            if let Some(c) = w.chars().next_back() {
                map.entry(c).or_default().push((w, d));
            }
        }
        for words in map.values_mut() {
            words.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        map
    })
}

/// Reads the words before byte `pos` (not before `floor`, the clause start).
///
/// Every word looked for ends the clause after at most four characters are stripped, and
/// none is longer than three: the clause is read from its end rather than cut first.
pub fn lead(text: &str, floor: usize, pos: usize) -> Lead {
    let pos = before_space(text, floor, pos);
    let mut s = text.get(floor.min(pos)..pos).unwrap_or_default();
    if ends_with_word(s, "从") {
        return Lead::From;
    }
    for conn in ["达到", "了", "为", "达", "约"] {
        if let Some(x) = strip_word(s, conn) {
            s = x;
            break;
        }
    }
    if let Some(x) = strip_word(s, "了") {
        s = x;
    }
    if let Some(x) = strip_word(s, "到").or_else(|| strip_word(s, "至")) {
        return Lead::Target(verb_at_end(x));
    }
    if let Some(d) = verb_at_end(s) {
        return Lead::Rate(Some(d));
    }
    if ends_with_word(s, "同比") || ends_with_word(s, "环比") {
        return Lead::Rate(None);
    }
    Lead::Plain
}

/// `s` without `word` at its end, if it ends with it (a whole word off the end of a string
/// leaves a string).
#[inline(always)]
fn strip_word<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    if ends_with_word(s, word) {
        s.get(..s.len() - word.len())
    } else {
        None
    }
}

/// A run of periods moving one way: 连续三年下滑.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// Byte offset after the verb.
    pub end: usize,
    /// Where the count and its unit are written (三年).
    pub count_span: (usize, usize),
    /// Number of periods.
    pub count: i64,
    /// The period unit as written (年, 个季度, 个月).
    pub unit: &'static str,
    /// Direction of the run.
    pub direction: Direction,
}

/// Reads `连续N年/个季度/个月 + verb` at byte `i`.
pub fn match_trend(text: &str, i: usize) -> Option<Trend> {
    if !starts_at_inline(text, i, TREND_LEAD) {
        return None;
    }
    let j = i + TREND_LEAD.len();
    let n = read_int(text, j)?;
    let unit = ["年", "个季度", "季度", "个月", "月", "周", "天"]
        .into_iter()
        .find(|u| starts_at_inline(text, n.end, u))?;
    let mut k = n.end + unit.len();
    for filler in ["的", "出现", "保持", "实现", "录得"] {
        if starts_at_inline(text, k, filler) {
            k += filler.len();
            break;
        }
    }
    text.get(k..)?;
    let (w, d) = trend_verb(text, k)?;
    Some(Trend {
        end: k + w.len(),
        count_span: (j, n.end + unit.len()),
        count: n.value,
        unit,
        direction: d,
    })
}

/// The longest [`VERBS`] word of two or more characters starting at byte `k` of `text`,
/// with its direction (连续三年下滑 ends in 下滑).
///
/// Indexed once: checking every verb (counting its characters, then comparing it with the
/// text) cost more than the rest of the trend's reading.
fn trend_verb(text: &str, k: usize) -> Option<(&'static str, Direction)> {
    type Verbs = (WordIndex, Vec<Direction>);
    static INDEX: OnceLock<Verbs> = OnceLock::new();
    let (index, directions) = INDEX.get_or_init(|| {
        let (words, directions): (Vec<&'static str>, Vec<Direction>) = VERBS
            .iter()
            .filter(|(w, _)| w.chars().count() > 1)
            .copied()
            .unzip();
        (WordIndex::new(&words), directions)
    });
    // No two verbs are alike, so the longest one is the one the list's scan would take.
    let (n, w) = index.longest_at(text, k)?;
    Some((w, *directions.get(n)?))
}

/// Doubling words at byte `i`: (end, percent increase). 翻番/翻一番/翻倍 = +100%, 翻两番 = +300%.
pub fn match_doubling(text: &str, i: usize) -> Option<(usize, f64)> {
    if char_at(text, i)? != '翻' {
        return None;
    }
    for &(w, pct) in DOUBLINGS {
        if starts_at_inline(text, i, w) {
            return Some((i + w.len(), pct));
        }
    }
    None
}

/// The word that opens a trend (连续三年下滑).
pub const TREND_LEAD: &str = "连续";

/// Doubling words and the growth each states in percent, longest first where one is a
/// prefix of another.
pub const DOUBLINGS: &[(&str, f64)] = &[
    ("翻了两番", 300.0),
    ("翻两番", 300.0),
    ("翻了一番", 100.0),
    ("翻一番", 100.0),
    ("翻番", 100.0),
    ("翻了一倍", 100.0),
    ("翻一倍", 100.0),
    ("翻倍", 100.0),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn l(s: &str) -> Lead {
        lead(s, 0, s.len())
    }

    #[test]
    fn leads() {
        assert_eq!(l("同比增长"), Lead::Rate(Some(Direction::Up)));
        assert_eq!(l("增长了"), Lead::Rate(Some(Direction::Up)));
        assert_eq!(l("环比下降"), Lead::Rate(Some(Direction::Down)));
        assert_eq!(l("增幅为"), Lead::Rate(Some(Direction::Up)));
        assert_eq!(l("份额从"), Lead::From);
        assert_eq!(l("降到"), Lead::Target(Some(Direction::Down)));
        assert_eq!(l("增幅达到"), Lead::Rate(Some(Direction::Up)));
        assert_eq!(l("占比为"), Lead::Plain);
    }

    #[test]
    fn trends_and_doubling() {
        let t = match_trend("连续三年下滑。", 0).unwrap();
        assert_eq!((t.count, t.unit, t.direction), (3, "年", Direction::Down));
        assert_eq!(t.end, "连续三年下滑".len());
        assert!(match_trend("连续三年", 0).is_none());
        assert_eq!(match_doubling("翻一番", 0).map(|d| d.1), Some(100.0));
    }

    /// The reader as it was (reading the last eight characters): the oracle of the tests.
    mod oracle {
        use super::super::{Lead, VERBS};
        use crate::claim::Direction;
        use crate::extract::text::{before_space, tail, CharSet};
        use std::sync::OnceLock;

        /// The verb `s` ends with, if any (longest match).
        pub(super) fn verb_at_end(s: &str) -> Option<Direction> {
            // Most words before a number end in no verb: the list is read only when the last
            // character ends one.
            static LASTS: OnceLock<CharSet> = OnceLock::new();
            let lasts = LASTS.get_or_init(|| {
                VERBS
                    .iter()
                    .filter_map(|(w, _)| w.chars().next_back())
                    .collect()
            });
            if !s.chars().next_back().is_some_and(|c| lasts.contains(c)) {
                return None;
            }
            VERBS
                .iter()
                .filter(|(w, _)| s.ends_with(w))
                .max_by_key(|(w, _)| w.len())
                .map(|(_, d)| *d)
        }

        /// Reads the words before byte `pos` (not before `floor`, the clause start).
        pub(super) fn lead(text: &str, floor: usize, pos: usize) -> Lead {
            let pos = before_space(text, floor, pos);
            let mut s = tail(text, floor, pos, 8);
            if s.ends_with('从') {
                return Lead::From;
            }
            for conn in ["达到", "了", "为", "达", "约"] {
                if let Some(x) = s.strip_suffix(conn) {
                    s = x;
                    break;
                }
            }
            if let Some(x) = s.strip_suffix('了') {
                s = x;
            }
            if let Some(x) = s.strip_suffix('到').or_else(|| s.strip_suffix('至')) {
                return Lead::Target(verb_at_end(x));
            }
            if let Some(d) = verb_at_end(s) {
                return Lead::Rate(Some(d));
            }
            if s.ends_with("同比") || s.ends_with("环比") {
                return Lead::Rate(None);
            }
            Lead::Plain
        }
    }

    /// The trend verb as it was read before it was indexed: the oracle of [`trend_verb`].
    fn trend_verb_by_scan(text: &str, k: usize) -> Option<(&'static str, Direction)> {
        let rest = text.get(k..)?;
        VERBS
            .iter()
            .filter(|(w, _)| w.chars().count() > 1 && rest.starts_with(w))
            .max_by_key(|(w, _)| w.len())
            .copied()
    }

    fn same_trend_verbs(t: &str) {
        for k in (0..=t.len()).filter(|&k| t.is_char_boundary(k)) {
            assert_eq!(
                super::trend_verb(t, k),
                trend_verb_by_scan(t, k),
                "{t:?} at {k}"
            );
        }
    }

    #[test]
    fn trend_verbs_read_like_the_scan_of_the_list() {
        for t in crate::extract::numeral::news_gen::fixture_articles() {
            same_trend_verbs(&t);
        }
        // Every verb, glued to what may follow or cut short.
        for (w, _) in VERBS {
            same_trend_verbs(&format!("连续三年{w}"));
            same_trend_verbs(&format!("{w}了，"));
            let cut: String = w.chars().take(w.chars().count() - 1).collect();
            same_trend_verbs(&cut);
        }
    }

    fn same_leads(t: &str) {
        for pos in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
            for floor in [0, pos.saturating_sub(3), pos.saturating_sub(9), pos] {
                assert_eq!(
                    lead(t, floor, pos),
                    oracle::lead(t, floor, pos),
                    "{t:?} {floor}..{pos}"
                );
            }
        }
    }

    #[test]
    fn leads_read_like_the_oracle_on_fixture_articles() {
        for t in crate::extract::numeral::news_gen::fixture_articles() {
            same_leads(&t);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

        #[test]
        fn leads_read_like_the_oracle(t in crate::extract::numeral::news_gen::text()) {
            same_leads(&t);
        }

        #[test]
        fn trend_verbs_read_like_the_oracle(t in crate::extract::numeral::news_gen::text()) {
            same_trend_verbs(&t);
        }
    }

    #[test]
    fn verbs_read_like_the_scan_of_the_list() {
        let ends: Vec<String> = VERBS
            .iter()
            .flat_map(|(w, _)| [w.to_string(), format!("同比{w}"), format!("{w}了")])
            .chain(["".into(), "收入".into(), "增长率".into()])
            .collect();
        for s in &ends {
            assert_eq!(verb_at_end(s), oracle::verb_at_end(s), "{s}");
        }
    }
}
