//! NC203 reference-growth-mismatch: a stated growth rate that the reference values of both periods contradict.

use crate::checks::tolerance::growth_pct;
use crate::checks::{Check, Context, Outcome};
use crate::claim::{Claim, ClaimKind, Direction, UnitKind};
use crate::declare_rule;
use crate::finding::{Finding, RuleInfo};
use crate::reference::compare::{
    describe_fact, fact_interval, fmt_amount, fmt_num, negated, rewrite_value, stated_description,
    stated_interval_only, Interval,
};
use crate::reference::matching::{growth_basis, matchable_period, Surroundings};

declare_rule!(
    ReferenceGrowthMismatch,
    "NC203",
    "reference-growth-mismatch",
    Error,
    "a growth rate disagrees with reference values",
    "Checks a stated growth rate (同比增长66%, 下降3.2%) against the reference values of the
same entity, segment and metric in the claim's period and the period it compares with.

The comparison period comes from the words before the figure in its clause: 同比,
较上年, 去年同期 → the same period a year earlier (FY2025 → FY2024, 2025Q1-Q3 →
2024Q1-Q3); 环比, 较上季度 → the period just before (2025Q3 → 2025Q2). Without such a
word, annual periods compare with the year before and other periods are left
unchecked; a rate against another written year (较2021年增长171%) is left unchecked
unless that year is the one before. The growth claim needs its own subject, metric and period (resolved
through the aliases); 增长 counts as up, 下降/下滑/减少 as down.

Why: growth rates are often recomputed, rounded or copied from another line of a
filing; the two reference values settle them.

Flagged:     长风汽车2024年交付量同比增长45%。 (412300/301800 − 1 = 36.6%)
Not flagged: 长风汽车2024年交付量同比增长36.6%。
Not flagged: 蓝川电池前三季度营收增长11%。 (quarterly period, no 同比/环比: unchecked)

Tolerance: the stated rate stands for its written precision (66% is 65.5%–66.5%)
bent by its hedge as in NC201 (约 ±max(5% of the rate, one step), 超 anything above,
近/不到 anything below …);
the expected rate is computed from both facts, each ±5% when noted as an estimate.
The rule fires only when the two intervals do not meet."
);

/// The stated rate as a signed interval in percent (its tolerance description is written
/// by [`stated_description`] only for a finding).
fn stated_rate(claim: &Claim, around: &Surroundings<'_>) -> Option<Interval> {
    if claim.kind != ClaimKind::Growth {
        return None;
    }
    if claim
        .unit
        .as_ref()
        .is_some_and(|u| u.kind != UnitKind::Percent)
    {
        return None;
    }
    let iv = stated_interval_only(claim, around)?;
    Some(match claim.direction {
        Some(Direction::Down) => negated(&iv),
        _ => iv,
    })
}

/// A signed rate for messages: `+66%`, `-3.2%`.
fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{}%", fmt_num(v))
    } else {
        format!("{}%", fmt_num(v))
    }
}

impl Check for ReferenceGrowthMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Outcome) {
        // The kind first: it settles most claims without parsing their period, which
        // is parsed once (`may_match`) for matching too.
        for (claim, period) in cx
            .claims
            .iter()
            .filter(|c| c.kind == ClaimKind::Growth)
            .filter_map(|c| Some((c, matchable_period(c)?)))
        {
            let around = Surroundings::shared(cx.doc, cx.sentences, claim);
            // Keys first: most growth figures match no fact, and then their stated
            // rate need not be worked out.
            let keys = cx.reference.keys_for_period(claim, period, &around);
            if keys.is_empty() {
                continue;
            }
            let Some(stated) = stated_rate(claim, &around) else {
                continue;
            };
            for key in keys.iter() {
                if key.share_of_whole {
                    continue;
                }
                let Some(prev_period) =
                    growth_basis(around.clause, key.period).and_then(|s| key.period.back(s))
                else {
                    continue;
                };
                let Some(cur) = cx.reference.fact_at(key) else {
                    continue;
                };
                let Some(prev) =
                    cx.reference
                        .fact_of(&key.entity, &key.segment, &key.metric, prev_period)
                else {
                    continue;
                };
                if cur.unit != prev.unit || cur.unit == "percent" || prev.value <= 0.0 {
                    continue;
                }
                out.mark_referenced(claim.id);
                let c = cx.reference.fact_value_interval(cur);
                let p = cx.reference.fact_value_interval(prev);
                let Some(expected) = growth_pct(&p, &c) else {
                    continue;
                };
                if stated.overlaps(&expected) {
                    continue;
                }
                let text = cx.doc.slice(claim.span);
                let mid = (cur.value / prev.value - 1.0) * 100.0;
                let exp_text = if expected.hi - expected.lo < 0.005 {
                    signed(mid)
                } else {
                    format!("{} … {}", signed(expected.lo), signed(expected.hi))
                };
                let mut f = Finding::new(
                    &INFO,
                    claim.span,
                    format!(
                        "{text} does not match the reference growth of {} from {} to {}: {exp_text}",
                        key.describe(),
                        prev.period,
                        cur.period
                    ),
                )
                .stated(format!(
                    "{text} ({} … {})",
                    signed(stated.lo),
                    signed(stated.hi)
                ))
                .expected(exp_text)
                .formula(format!(
                    "{} / {} − 1 = {}; {}; {}",
                    fmt_amount(cur.value, &cur.unit, None),
                    fmt_amount(prev.value, &prev.unit, None),
                    signed(mid),
                    describe_fact(cur),
                    describe_fact(prev)
                ))
                .tolerance(format!(
                    "{}; {}",
                    stated_description(claim, &around),
                    fact_interval(cur).1
                ));
                let same_sign = (mid > 0.0) == !matches!(claim.direction, Some(Direction::Down));
                if same_sign {
                    if let Some(s) = rewrite_value(text, claim, mid.abs()) {
                        f = f.suggestion(s);
                    }
                }
                out.findings.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::Direction;
    use crate::document::Document;
    use crate::reference::test_support::*;

    fn one(
        text: &str,
        claim_text: &str,
        value: f64,
        step: f64,
        dir: Direction,
        period: &str,
    ) -> Outcome {
        let doc = Document::new("t.txt", text);
        let c = growth_on(&doc, claim_text, value, step, dir);
        let (subject, metric) = if text.contains("蓝川") {
            ("蓝川电池", "营收")
        } else {
            ("长风汽车", "交付量")
        };
        let c = about(c, subject, None, metric, period);
        run(&ReferenceGrowthMismatch, &doc, &[c])
    }

    #[test]
    fn flags_a_wrong_rate_with_its_arithmetic() {
        let out = one(
            "长风汽车2024年交付量同比增长45%。",
            "同比增长45%",
            45.0,
            1.0,
            Direction::Up,
            "2024",
        );
        assert_eq!(out.findings.len(), 1);
        let f = &out.findings[0];
        assert_eq!(f.expected.as_deref(), Some("+36.61%"));
        assert!(f
            .formula
            .as_deref()
            .unwrap()
            .starts_with("41.23万 / 30.18万 − 1"));
        assert_eq!(f.suggestion.as_deref(), Some("同比增长37%"));
        assert!(out.referenced[0]);
    }

    #[test]
    fn flags_a_wrong_direction() {
        let out = one(
            "长风汽车2024年交付量同比下降36.6%。",
            "同比下降36.6%",
            36.6,
            0.1,
            Direction::Down,
            "2024",
        );
        assert_eq!(out.findings.len(), 1);
        assert!(out.findings[0].suggestion.is_none());
    }

    #[test]
    fn passes_correct_rates_and_uses_the_right_basis() {
        let out = one(
            "长风汽车2024年交付量同比增长36.6%。",
            "同比增长36.6%",
            36.6,
            0.1,
            Direction::Up,
            "2024",
        );
        assert!(out.findings.is_empty());
        assert!(out.referenced[0]);
        // 31.92/28.64 − 1 = 11.45% year on year.
        let out = one(
            "蓝川电池前三季度营收同比增长11.5%。",
            "同比增长11.5%",
            11.5,
            0.1,
            Direction::Up,
            "2025Q1-Q3",
        );
        assert!(out.findings.is_empty());
        // 11.48/10.15 − 1 = 13.1% quarter on quarter.
        let out = one(
            "蓝川电池第三季度营收环比增长13.1%。",
            "环比增长13.1%",
            13.1,
            0.1,
            Direction::Up,
            "2025Q3",
        );
        assert!(out.findings.is_empty());
        assert!(out.referenced[0]);
    }

    #[test]
    fn growth_over_several_years_is_not_year_on_year() {
        // 412300 / 152000 − 1 = 171%: against 2021, not against 2023.
        let out = one(
            "长风汽车2024年交付量41.2万辆,较2021年的15.2万辆增长171%。",
            "171%",
            171.0,
            1.0,
            Direction::Up,
            "2024",
        );
        assert!(out.findings.is_empty());
        assert!(!out.referenced[0]);
    }

    #[test]
    fn leaves_ambiguous_quarterly_growth_unchecked() {
        let out = one(
            "蓝川电池前三季度营收增长50%。",
            "增长50%",
            50.0,
            1.0,
            Direction::Up,
            "2025Q1-Q3",
        );
        assert!(out.findings.is_empty());
        assert!(!out.referenced[0]);
    }
}
