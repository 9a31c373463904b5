//! NC201 reference-value-mismatch: a figure that disagrees with the reference fact it names.

use crate::checks::level_pass::{each_level_check, stated_text};
use crate::checks::{Check, Context, Outcome};
use crate::declare_rule;
use crate::finding::{Finding, RuleInfo};
use crate::reference::compare::rewrite_value;

declare_rule!(
    ReferenceValueMismatch,
    "NC201",
    "reference-value-mismatch",
    Error,
    "a figure disagrees with reference data",
    "Checks amounts, counts and percentages against the reference facts they name.

A claim is matched to a fact when its subject, segment, metric and period all resolve
through the reference aliases to one fact key (entity, segment, metric, period) and
its unit fits the fact's (美元 ↔ USD, 元 ↔ CNY, 枚/辆/台 ↔ units, % ↔ percent). A claim
that matches nothing is not an error, only unchecked. Matched claims count as checked.
The metric must be within reach: named in the claim's own clause, or carried into a
clause that is only a growth phrase (,同比增长66%) or a list item naming its own
subject or segment (微软(48.5万枚), ,其中海外6.1万辆) — never from another sentence.
Never compared, in all NC2xx rules: forecasts and targets (预计, 目标, 计划, 有望 …
before the figure), changes (增加12亿元, 减少3.2万辆), cumulative, monthly, average or
per-unit figures (累计, 单月, 平均, 单价 … in its clause), parts after 其中 without a
known segment, and figures for a quarter or half (第三财季, 上半年) whose period came
out as the whole year.

Why: a figure that contradicts the filing or survey it comes from is the most
damaging kind of error a report can carry.

Flagged:     英伟达2025财年在中国大陆收入181亿美元。 (reference: 171.08亿美元)
Not flagged: 英伟达2025财年在中国大陆收入171亿美元。 (171亿 stands for 170.5亿–171.5亿)
Not flagged: 微软2024年采购GPU 40万枚。 (no Hopper scope, or no matching fact: unchecked)

Tolerance: the claim stands for the interval its written precision allows (171亿 is
170.5亿–171.5亿), bent by its hedge as in every rule (checks::tolerance): 约/左右 widen
by max(5%, one step of the last digit); 近/将近/不到/不足/最多 mean anything below;
超/逾/多/余/至少 anything above (so does a bare 突破 right before the figure); 远超
at least 1.1× the written value. A fact whose note or source calls it an estimate or
rough figure stands for ±5% around its value. The rule fires only when the two
intervals do not meet. When scaling the claim by 10^3, 10^4, 10^8 or 10^12 would make
them meet, NC202 reports a magnitude slip instead."
);

impl Check for ReferenceValueMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Outcome) {
        each_level_check(cx, out, |claim, check, out| {
            if check.agrees() || check.slip().is_some() {
                return;
            }
            let text = cx.doc.slice(claim.span);
            let fact = check.fact;
            let expected = check.expected_text(claim);
            let mut f = Finding::new(
                &INFO,
                claim.span,
                format!(
                    "{text} does not match the reference for {}: {expected} ({})",
                    check.key.describe(),
                    fact.source
                ),
            )
            .stated(stated_text(text, claim, check))
            .expected(expected)
            .formula(check.formula())
            .tolerance(check.tolerance(claim));
            if let Some(s) = rewrite_value(text, claim, fact.value) {
                f = f.suggestion(s);
            }
            out.findings.push(f);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::test_support::*;

    #[test]
    fn flags_a_wrong_figure_and_suggests_the_reference() {
        let (doc, claims) = car_doc("长风汽车2024年交付量43.1万辆。", "43.1万辆", 431_000.0, 1e3);
        let out = run(&ReferenceValueMismatch, &doc, &claims);
        assert_eq!(out.findings.len(), 1);
        let f = &out.findings[0];
        assert_eq!(f.suggestion.as_deref(), Some("41.2万辆"));
        assert!(f.expected.as_deref().unwrap().contains("41.23万辆"));
        assert!(out.referenced[0]);
    }

    #[test]
    fn passes_within_written_precision_and_hedge() {
        let (doc, claims) = car_doc("长风汽车2024年交付量41.2万辆。", "41.2万辆", 412_000.0, 1e3);
        let out = run(&ReferenceValueMismatch, &doc, &claims);
        assert!(out.findings.is_empty());
        assert!(out.referenced[0]);
        let (doc, mut claims) =
            car_doc("长风汽车2024年交付量约40万辆。", "约40万辆", 400_000.0, 1e4);
        claims[0].hedge = hedge("约", crate::claim::HedgeKind::About);
        assert!(run(&ReferenceValueMismatch, &doc, &claims)
            .findings
            .is_empty());
    }

    #[test]
    fn compares_losses_as_positive_amounts() {
        use crate::claim::{ClaimKind, Unit, UnitKind};
        use crate::document::Document;
        let at = |text: &str, claim_text: &str, value: f64, period: &str| {
            let doc = Document::new("t.txt", text);
            let c = claim_on(
                &doc,
                claim_text,
                ClaimKind::Level,
                value,
                1e7,
                Some(Unit::new("CNY", UnitKind::Currency)),
            );
            let c = about(c, "蓝川电池", None, "净利润", period);
            run(&ReferenceValueMismatch, &doc, &[c])
        };
        let one =
            |text: &str, claim_text: &str, value: f64| at(text, claim_text, value, "2023Q1-Q3");
        let out = one(
            "蓝川电池2023年前三季度净利润亏损4.5亿元。",
            "4.5亿元",
            4.5e8,
        );
        assert!(out.findings.is_empty());
        assert!(out.referenced[0]);
        let out = one(
            "蓝川电池2023年前三季度净利润亏损6.5亿元。",
            "6.5亿元",
            6.5e8,
        );
        assert_eq!(out.findings.len(), 1);
        // A profit said where the reference has a loss is flagged.
        let out = one("蓝川电池2023年前三季度净利润4.5亿元。", "4.5亿元", 4.5e8);
        assert_eq!(out.findings.len(), 1);
        // A loss word next to a profitable period's figure (扭亏为盈, 减亏) is left alone.
        let out = at(
            "蓝川电池2024年前三季度扭亏为盈,净利润扭亏至21.5亿元。",
            "21.5亿元",
            2.15e9,
            "2024Q1-Q3",
        );
        assert!(out.findings.is_empty());
        assert!(!out.referenced[0]);
    }

    #[test]
    fn leaves_slips_to_nc202_and_unmatched_claims_alone() {
        let (doc, claims) = car_doc("长风汽车2024年交付量41.2辆。", "41.2辆", 41.2, 0.1);
        let out = run(&ReferenceValueMismatch, &doc, &claims);
        assert!(out.findings.is_empty());
        assert!(out.referenced[0]);
        let (doc, mut claims) =
            car_doc("远山汽车2024年交付量43.1万辆。", "43.1万辆", 431_000.0, 1e3);
        claims[0].subject = Some("远山汽车".into());
        let out = run(&ReferenceValueMismatch, &doc, &claims);
        assert!(out.findings.is_empty());
        assert!(!out.referenced[0]);
    }
}
