//! NC205 reference-trend-mismatch: 连续N年增长/下滑 contradicted by the reference series.

use crate::checks::tolerance::ratio_pct;
use crate::checks::{Check, Context, Outcome};
use crate::claim::{Claim, ClaimKind, Direction, Value};
use crate::declare_rule;
use crate::finding::{Finding, RuleInfo};
use crate::reference::compare::{fmt_amount, fmt_num, Interval};
use crate::reference::matching::{matchable_period, Series, Surroundings};
use crate::reference::period::{Period, Step};
use crate::reference::{Fact, Reference};

declare_rule!(
    ReferenceTrendMismatch,
    "NC205",
    "reference-trend-mismatch",
    Warning,
    "连续N年增长/下滑 contradicted by the reference series",
    "Checks a run of periods said to move one way (连续三年下滑, 连续两年增长, 连续四个
季度下降) against the reference series of the same entity, segment and metric.

N years of decline means N year-on-year declines ending in the claim's period: 连续三年
下滑 as of FY2025 needs FY2022 > FY2023 > FY2024 > FY2025. For a share (收入占比,
份额, 比重 after the metric word, or a bare 占比 with the metric named in the sentence)
each period's value is the segment divided by the entity's total. Quarterly runs (个季度)
step back one quarter at a time. The trend claim needs a period (resolved by the
extractor); without one, or without reference values for all N+1 periods, it is left
unchecked.

Why: trend statements are easy to write from memory and hard for readers to verify.

Flagged:     长风汽车海外交付量占比已连续三年下滑。(2024: 7.9% → 11.0% → 13.3% → 14.8%, rising)
Not flagged: 长风汽车国内交付量占比已连续三年下滑。(92.1% → 89.0% → 86.7% → 85.2%)
Not flagged: 长风汽车交付量连续十年增长。(the reference has only four years: unchecked)

Tolerance: a step contradicts the stated direction only when the newer value is not
strictly beyond the older one; facts noted as estimates count ±5%, so a step between
two estimates contradicts only when their intervals do not allow the stated direction."
);

/// The value of one period: the fact itself, or the segment's share of the whole.
/// Its text ([`Point::shown`], [`Point::display`]) is written only for a finding.
struct Point<'r> {
    /// The period.
    period: Period,
    /// The interval it stands for.
    interval: Interval,
    /// The fact (the part, for a share).
    part: &'r Fact,
    /// The whole, for a share.
    whole: Option<&'r Fact>,
}

impl Point<'_> {
    /// The share in percent (for a share point).
    fn share_value(&self, whole: &Fact) -> f64 {
        self.part.value / whole.value * 100.0
    }

    /// How it was computed, for the formula.
    fn shown(&self) -> String {
        let part = self.part;
        match self.whole {
            None => format!(
                "{} {}",
                self.period,
                fmt_amount(part.value, &part.unit, None)
            ),
            Some(whole) => format!(
                "{} {}/{} = {}%",
                self.period,
                fmt_amount(part.value, &part.unit, None),
                fmt_amount(whole.value, &whole.unit, None),
                fmt_num(self.share_value(whole))
            ),
        }
    }

    /// The value with its unit, for messages.
    fn display(&self) -> String {
        match self.whole {
            None => fmt_amount(self.part.value, &self.part.unit, None),
            Some(whole) => format!("{}%", fmt_num(self.share_value(whole))),
        }
    }
}

/// The value of a key's series `part` in `period` (its share of the whole entity's
/// series `whole`, when given), or `None` when a fact is missing.
fn point<'r>(
    reference: &'r Reference,
    part: &Series<'r>,
    whole: Option<&Series<'r>>,
    period: Period,
) -> Option<Point<'r>> {
    let part = part.at(period)?;
    let p = reference.fact_value_interval(part);
    let Some(whole) = whole else {
        return Some(Point {
            period,
            interval: p,
            part,
            whole: None,
        });
    };
    let whole = whole.at(period)?;
    let w = reference.fact_value_interval(whole);
    if part.unit != whole.unit {
        return None;
    }
    let interval = ratio_pct(&p, &w)?;
    Some(Point {
        period,
        interval,
        part,
        whole: Some(whole),
    })
}

/// The number of periods a trend claim states, if it is a small whole number.
fn run_length(claim: &Claim) -> Option<usize> {
    let Value::Point(n) = claim.value else {
        return None;
    };
    let r = n.value.round();
    ((r - n.value).abs() < 1e-9 && (1.0..=30.0).contains(&r)).then_some(r as usize)
}

/// The step between periods of the run: quarters for 个季度, years otherwise.
fn step_of(claim: &Claim) -> Step {
    match &claim.unit {
        Some(u) if u.code.contains('季') => Step::Previous,
        _ => Step::Year,
    }
}

impl Check for ReferenceTrendMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Outcome) {
        // The kind first: it settles most claims without parsing their period, which
        // is parsed once (`may_match`) for matching too.
        for (claim, period) in cx
            .claims
            .iter()
            .filter(|c| c.kind == ClaimKind::Trend)
            .filter_map(|c| Some((c, matchable_period(c)?)))
        {
            let (Some(n), Some(dir)) = (run_length(claim), claim.direction) else {
                continue;
            };
            let step = step_of(claim);
            let around = Surroundings::shared(cx.doc, cx.sentences, claim);
            for key in cx.reference.keys_for_period(claim, period, &around).iter() {
                let share = key.share_of_whole;
                if share && key.segment.is_empty() {
                    continue;
                }
                if step == Step::Previous && !matches!(key.period, Period::Quarter(..)) {
                    continue;
                }
                // Newest first: the claim's period, then N periods back.
                let mut series = Vec::with_capacity(n + 1);
                let mut period = Some(key.period);
                // The series' names hashed once for all its periods.
                let part = cx
                    .reference
                    .series_of(&key.entity, &key.segment, &key.metric);
                let whole = share.then(|| cx.reference.series_of(&key.entity, "", &key.metric));
                for _ in 0..=n {
                    let Some(p) = period else { break };
                    match point(cx.reference, &part, whole.as_ref(), p) {
                        Some(pt) => series.push(pt),
                        None => break,
                    }
                    period = p.back(step);
                }
                if series.len() != n + 1 {
                    continue;
                }
                out.mark_referenced(claim.id);
                series.reverse();
                let against: Vec<&[Point]> = series
                    .windows(2)
                    .filter(|w| {
                        let (older, newer) = (&w[0].interval, &w[1].interval);
                        match dir {
                            Direction::Down => newer.lo >= older.hi,
                            Direction::Up => newer.hi <= older.lo,
                        }
                    })
                    .collect();
                let Some(first) = against.first() else {
                    continue;
                };
                let text = cx.doc.slice(claim.span);
                let (moved, wanted) = match dir {
                    Direction::Down => ("did not fall", "declines"),
                    Direction::Up => ("did not rise", "rises"),
                };
                let what = if share {
                    format!(
                        "the share of {} in {} {}",
                        key.segment, key.entity, key.metric
                    )
                } else if key.segment.is_empty() {
                    format!("{} {}", key.entity, key.metric)
                } else {
                    format!("{} ({}) {}", key.entity, key.segment, key.metric)
                };
                let path: Vec<String> = series.iter().map(Point::display).collect();
                let span_text = format!("{}–{}", series[0].period, key.period);
                let series_text: Vec<String> = series.iter().map(Point::shown).collect();
                let f = Finding::new(
                    &INFO,
                    claim.span,
                    format!(
                        "{text} is contradicted by the reference: {what} {moved} in {} of {n} steps, first from {} ({}) to {} ({})",
                        against.len(),
                        first[0].period,
                        first[0].display(),
                        first[1].period,
                        first[1].display()
                    ),
                )
                .stated(format!("{text} ({n} consecutive {wanted} up to {})", key.period))
                .expected(format!("{} ({span_text})", path.join(" → ")))
                .formula(series_text.join("; "))
                .tolerance(
                    "each step must move strictly the stated way; estimates ±5%".to_string(),
                );
                out.findings.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{Unit, UnitKind};
    use crate::document::Document;
    use crate::reference::test_support::*;

    fn trend(
        text: &str,
        claim_text: &str,
        n: f64,
        dir: Direction,
        segment: Option<&str>,
        metric: &str,
        period: &str,
    ) -> Outcome {
        let doc = Document::new("t.txt", text);
        let mut c = claim_on(
            &doc,
            claim_text,
            ClaimKind::Trend,
            n,
            1.0,
            Some(Unit::new("年", UnitKind::Measure)),
        );
        c.direction = Some(dir);
        let c = about(c, "长风汽车", segment, metric, period);
        run(&ReferenceTrendMismatch, &doc, &[c])
    }

    #[test]
    fn flags_a_share_said_to_fall_that_rose() {
        let out = trend(
            "长风汽车海外交付量占比已连续三年下滑。",
            "连续三年下滑",
            3.0,
            Direction::Down,
            Some("海外"),
            "交付量占比",
            "2024",
        );
        assert_eq!(out.findings.len(), 1);
        let f = &out.findings[0];
        assert!(
            f.message.contains("from 2021 (7.89%) to 2022 (11.04%)"),
            "{}",
            f.message
        );
        assert!(f
            .formula
            .as_deref()
            .unwrap()
            .contains("2024 6.1万/41.23万 = 14.8%"));
        assert!(out.referenced[0]);
    }

    #[test]
    fn passes_true_trends_of_shares_and_levels() {
        let out = trend(
            "长风汽车国内交付量占比已连续三年下滑。",
            "连续三年下滑",
            3.0,
            Direction::Down,
            Some("国内"),
            "交付量占比",
            "2024",
        );
        assert!(out.findings.is_empty());
        assert!(out.referenced[0]);
        let out = trend(
            "长风汽车交付量连续三年增长。",
            "连续三年增长",
            3.0,
            Direction::Up,
            None,
            "交付量",
            "2024",
        );
        assert!(out.findings.is_empty());
        assert!(out.referenced[0]);
    }

    #[test]
    fn quarterly_runs_step_back_one_quarter() {
        let doc = Document::new("t.txt", "蓝川电池营收已连续两个季度增长。");
        let mut c = claim_on(
            &doc,
            "连续两个季度增长",
            ClaimKind::Trend,
            2.0,
            1.0,
            Some(Unit::new("个季度", UnitKind::Measure)),
        );
        c.direction = Some(Direction::Up);
        // 2025Q1 102.9亿 → Q2 101.5亿 → Q3 114.8亿: Q2 fell.
        let c = about(c, "蓝川电池", None, "营收", "2025Q3");
        let out = run(&ReferenceTrendMismatch, &doc, std::slice::from_ref(&c));
        assert_eq!(out.findings.len(), 1);
        assert!(out.findings[0].message.contains("from 2025Q1"));
        // One quarter of growth is right.
        let mut one = c;
        one.value = Value::Point(crate::claim::Num::new(1.0, 1.0));
        assert!(run(&ReferenceTrendMismatch, &doc, &[one])
            .findings
            .is_empty());
    }

    #[test]
    fn flags_a_level_said_to_fall_and_skips_runs_beyond_the_data() {
        let out = trend(
            "长风汽车交付量连续两年下滑。",
            "连续两年下滑",
            2.0,
            Direction::Down,
            None,
            "交付量",
            "2024",
        );
        assert_eq!(out.findings.len(), 1);
        let out = trend(
            "长风汽车交付量连续十年增长。",
            "连续十年增长",
            10.0,
            Direction::Up,
            None,
            "交付量",
            "2024",
        );
        assert!(out.findings.is_empty());
        assert!(!out.referenced[0]);
    }
}
