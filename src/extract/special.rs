//! Word-built claims: 一半/半数/过半 (50%), 连续N年 trends, 翻番 doublings, and X公司 subjects.

use super::scanner::Scanner;
use super::text::{prev_char, starts_at};
use super::{change, hedge, subject};
use crate::claim::{Bound, ClaimKind, Direction, Hedge, HedgeKind, Num, Unit, UnitKind, Value};
use crate::document::Span;

/// Company-name suffixes, longest first (股份有限公司 before 公司).
pub(super) const COMPANY_SUFFIXES: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "公司",
    "集团",
    "品牌",
];

/// The words [`Scanner::half`] reads as 50%.
pub(super) const HALF_WORDS: &[&str] = &["一半", "半数", "过半"];

impl Scanner<'_> {
    /// 一半, 半数, 过半 (and 超过半数): a share of 50%.
    pub(super) fn half(&mut self, i: usize) -> Option<usize> {
        let text = self.text;
        let (mut end, mut hedge) = if starts_at(text, i, "一半") || starts_at(text, i, "半数") {
            (i + "一半".len(), None)
        } else if starts_at(text, i, "过半") && prev_char(text, i) != Some('超') {
            let h = Hedge {
                text: "过".to_string(),
                kind: HedgeKind::Above,
            };
            (i + "过半".len(), Some(h))
        } else {
            return None;
        };
        let num_start = if hedge.is_some() { i + "过".len() } else { i };
        if hedge.is_some() && starts_at(text, end, "数") {
            end += "数".len();
        }
        let bound_end = end;
        let mut start = i;
        if hedge.is_none() {
            if let Some((h, s)) = hedge::prefix_hedge(text, self.floor(i), i) {
                hedge = Some(h);
                start = s;
            }
        }
        if let Some((h, e)) = hedge::suffix_hedge(text, end) {
            hedge.get_or_insert(h);
            end = e;
        }
        self.mentions += 1;
        let num = Num::new(50.0, 1.0);
        let unit = Unit::new("%", UnitKind::Percent);
        let mut cl = self.blank(Span::new(start, end), ClaimKind::Share);
        cl.value = Value::Point(num);
        cl.bounds = vec![Bound {
            span: Span::new(num_start, bound_end),
            num,
            magnitude: None,
            unit: Some(unit.clone()),
        }];
        cl.unit = Some(unit);
        cl.hedge = hedge;
        self.fill_topic(&mut cl);
        self.push(cl);
        Some(end)
    }

    /// `X公司`, `X有限公司`, `X集团` at byte `i` (the suffix): sets the subject to the full name
    /// unless a known entity was just read inside it (宁德时代新能源科技股份有限公司 stays 宁德时代).
    pub(super) fn company(&mut self, i: usize) -> Option<usize> {
        let text = self.text;
        let suffix = COMPANY_SUFFIXES
            .iter()
            .copied()
            .find(|w| starts_at(text, i, w))?;
        let end = i + suffix.len();
        // 归属于上市公司股东的净利润 names a metric, not a company.
        if starts_at(text, end, "股东") {
            return Some(end);
        }
        let start = subject::company_name_start(text, self.clause_start.min(i), i)?;
        // A brand is narrower than its maker: 蔚来品牌 is one of 蔚来's brands (beside 乐道品牌),
        // so its figures are not 蔚来's totals. A company suffix keeps the entity read inside.
        if self.last_entity_end > start && suffix != "品牌" {
            return Some(end);
        }
        self.topic.top_mut().subject = Some(Span::new(start, end));
        self.respectively.note(start, end);
        Some(end)
    }

    /// 连续三年下滑: a trend claim (value 3, unit 年, direction down).
    pub(super) fn trend(&mut self, i: usize) -> Option<usize> {
        let t = change::match_trend(self.text, i)?;
        self.mentions += 1;
        let unit = Unit::new(t.unit.trim_start_matches('个'), UnitKind::Measure);
        let num = Num::new(t.count as f64, 1.0);
        let span = Span::new(t.count_span.0, t.count_span.1);
        let mut cl = self.blank(Span::new(i, t.end), ClaimKind::Trend);
        cl.value = Value::Point(num);
        cl.bounds = vec![Bound {
            span,
            num,
            magnitude: None,
            unit: Some(unit.clone()),
        }];
        cl.unit = Some(unit);
        cl.direction = Some(t.direction);
        self.fill_topic(&mut cl);
        self.push(cl);
        Some(t.end)
    }

    /// 翻番, 翻一番, 翻两番: a growth claim of +100% or +300%.
    pub(super) fn doubling(&mut self, i: usize) -> Option<usize> {
        let (end, pct) = change::match_doubling(self.text, i)?;
        self.mentions += 1;
        let num = Num::new(pct, 1.0);
        let unit = Unit::new("%", UnitKind::Percent);
        let mut cl = self.blank(Span::new(i, end), ClaimKind::Growth);
        cl.value = Value::Point(num);
        cl.bounds = vec![Bound {
            span: Span::new(i, end),
            num,
            magnitude: None,
            unit: Some(unit.clone()),
        }];
        cl.unit = Some(unit);
        cl.direction = Some(Direction::Up);
        self.fill_topic(&mut cl);
        self.push(cl);
        Some(end)
    }
}
