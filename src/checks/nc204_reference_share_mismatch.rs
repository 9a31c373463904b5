//! NC204 reference-share-mismatch: a segment's stated share of a whole that the reference part and total contradict.

use crate::checks::tolerance::ratio_pct;
use crate::checks::{Check, Context, Outcome};
use crate::claim::ClaimKind;
use crate::declare_rule;
use crate::finding::{Finding, RuleInfo};
use crate::reference::compare::{
    describe_fact, fact_interval, fmt_amount, fmt_num, rewrite_value, stated_description,
    stated_interval_only,
};
use crate::reference::matching::{market_share_words, matchable_period, Surroundings};

declare_rule!(
    ReferenceShareMismatch,
    "NC204",
    "reference-share-mismatch",
    Error,
    "a share disagrees with reference part/total",
    "Checks a stated share of a segment (中国大陆地区在英伟达营收中的占比为13.1%) against
the segment's reference value divided by the entity's total for the same metric and
period: 17108/130497 = 13.11%.

The share claim must name the entity, a segment, the metric (营收, or a share word such
as 收入占比/占比 with the metric named in the sentence) and the period, all resolved
through the aliases. Shares with no segment, or whose segment or total has no
reference fact, are left unchecked. Shares for which the reference holds a percentage
directly are NC201's.

Why: shares are recomputed by hand from two lines of a filing and easily slip.

Flagged:     长风汽车2024年海外交付量占比为18.5%。 (61000/412300 = 14.8%)
Not flagged: 长风汽车2024年海外交付量占比为14.8%。
Not flagged: 长风汽车2024年欧洲交付量占比为5%。 (no reference for 欧洲: unchecked)
Not flagged: 海外交付量6.1万辆,相当于国内交付量的17.4%。 (a share of another segment)
Not flagged: 英伟达中国大陆收入占当地AI芯片市场的60%。 (a market share, 份额/占…市场)

Tolerance: the stated share stands for its written precision (13.1% is 13.05%–13.15%)
bent by its hedge as in NC201 (约 ±max(5% of the share, one step), 超/逾 anything
above, 近/不到 anything below …);
part and total are exact unless noted as estimates (±5% each, combined at the
extremes). The rule fires only when the two intervals do not meet."
);

impl Check for ReferenceShareMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Outcome) {
        // The kind first: it settles most claims without parsing their period, which
        // is parsed once (`may_match`) for matching too.
        for (claim, period) in cx
            .claims
            .iter()
            .filter(|c| c.kind == ClaimKind::Share)
            .filter_map(|c| Some((c, matchable_period(c)?)))
        {
            let around = Surroundings::shared(cx.doc, cx.sentences, claim);
            // Keys first: most shares match no fact, and then nothing else need be read.
            let keys = cx.reference.keys_for_period(claim, period, &around);
            if keys.is_empty() {
                continue;
            }
            let Some(stated) = stated_interval_only(claim, &around) else {
                continue;
            };
            // A share of a market (份额, 占…市场) is not the segment's share of the total.
            if market_share_words(around.lead) {
                continue;
            }
            for key in keys.iter() {
                if key.segment.is_empty() {
                    continue;
                }
                let Some(part) = cx.reference.fact_at(key) else {
                    continue;
                };
                let Some(whole) = cx
                    .reference
                    .fact_of(&key.entity, "", &key.metric, key.period)
                else {
                    continue;
                };
                if part.unit == "percent" || part.unit != whole.unit || whole.value <= 0.0 {
                    continue;
                }
                // A share of another segment (占国内交付量的17%) is not a share of the
                // whole. (Asked last: it searches the clause for every segment name.)
                if cx.reference.names_other_segment(key, around.clause) {
                    continue;
                }
                out.mark_referenced(claim.id);
                let p = cx.reference.fact_value_interval(part);
                let w = cx.reference.fact_value_interval(whole);
                let Some(expected) = ratio_pct(&p, &w) else {
                    continue;
                };
                if stated.overlaps(&expected) {
                    continue;
                }
                let text = cx.doc.slice(claim.span);
                let mid = part.value / whole.value * 100.0;
                let exp_text = if expected.hi - expected.lo < 0.005 {
                    format!("{}%", fmt_num(mid))
                } else {
                    format!("{}% – {}%", fmt_num(expected.lo), fmt_num(expected.hi))
                };
                let mut f = Finding::new(
                    &INFO,
                    claim.span,
                    format!(
                        "{text} does not match the reference share of {} in {} {} {}: {exp_text}",
                        key.segment, key.entity, key.metric, key.period
                    ),
                )
                .stated(format!(
                    "{text} ({}% – {}%)",
                    fmt_num(stated.lo),
                    fmt_num(stated.hi)
                ))
                .expected(exp_text)
                .formula(format!(
                    "{} / {} = {}%; {}; {}",
                    fmt_amount(part.value, &part.unit, None),
                    fmt_amount(whole.value, &whole.unit, None),
                    fmt_num(mid),
                    describe_fact(part),
                    describe_fact(whole)
                ))
                .tolerance(format!(
                    "{}; {}",
                    stated_description(claim, &around),
                    fact_interval(part).1
                ));
                if let Some(s) = rewrite_value(text, claim, mid) {
                    f = f.suggestion(s);
                }
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

    fn share(
        text: &str,
        claim_text: &str,
        value: f64,
        step: f64,
        segment: Option<&str>,
        metric: &str,
    ) -> Outcome {
        let doc = Document::new("t.txt", text);
        let c = claim_on(
            &doc,
            claim_text,
            ClaimKind::Share,
            value,
            step,
            Some(Unit::new("%", UnitKind::Percent)),
        );
        let c = about(c, "长风汽车", segment, metric, "2024");
        run(&ReferenceShareMismatch, &doc, &[c])
    }

    #[test]
    fn flags_a_wrong_share() {
        let out = share(
            "长风汽车2024年海外交付量占比为18.5%。",
            "18.5%",
            18.5,
            0.1,
            Some("海外"),
            "交付量占比",
        );
        assert_eq!(out.findings.len(), 1);
        let f = &out.findings[0];
        assert_eq!(f.expected.as_deref(), Some("14.8%"));
        assert_eq!(f.suggestion.as_deref(), Some("14.8%"));
        assert!(f
            .formula
            .as_deref()
            .unwrap()
            .starts_with("6.1万 / 41.23万 = 14.8%"));
    }

    #[test]
    fn passes_a_right_share_with_the_metric_named_in_the_sentence() {
        let out = share(
            "海外市场在长风汽车2024年交付量中的占比为14.8%。",
            "14.8%",
            14.8,
            0.1,
            Some("海外市场"),
            "占比",
        );
        assert!(out.findings.is_empty());
        assert!(out.referenced[0]);
        let out = share(
            "长风汽车2024年国内交付量占比约85%。",
            "约85%",
            85.0,
            1.0,
            Some("国内"),
            "交付量占比",
        );
        assert!(out.findings.is_empty());
    }

    #[test]
    fn leaves_shares_of_another_segment_alone() {
        let out = share(
            "长风汽车2024年海外交付量6.1万辆,相当于国内交付量的17.4%。",
            "17.4%",
            17.4,
            0.1,
            Some("海外"),
            "交付量",
        );
        assert!(out.findings.is_empty());
        assert!(!out.referenced[0]);
    }

    #[test]
    fn leaves_market_shares_alone() {
        let out = share(
            "长风汽车2024年海外交付量占当地新能源汽车市场的3%。",
            "3%",
            3.0,
            1.0,
            Some("海外"),
            "交付量",
        );
        assert!(out.findings.is_empty());
        let out = share(
            "长风汽车2024年海外交付量在海外市场的份额约为3%。",
            "约为3%",
            3.0,
            1.0,
            Some("海外"),
            "交付量",
        );
        assert!(out.findings.is_empty());
    }

    #[test]
    fn leaves_unknown_segments_and_whole_shares_alone() {
        let out = share(
            "长风汽车2024年欧洲交付量占比为5%。",
            "5%",
            5.0,
            1.0,
            Some("欧洲"),
            "交付量占比",
        );
        assert!(out.findings.is_empty());
        assert!(!out.referenced[0]);
        let out = share(
            "长风汽车2024年交付量占比为5%。",
            "5%",
            5.0,
            1.0,
            None,
            "交付量占比",
        );
        assert!(!out.referenced[0]);
    }
}
