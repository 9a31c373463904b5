//! NC202 reference-magnitude-slip: a figure off from its reference fact by a power of ten (万 vs 亿, a lost 万).

use crate::checks::level_pass::{each_level_check, stated_text};
use crate::checks::{Check, Context, Outcome};
use crate::declare_rule;
use crate::finding::{Finding, RuleInfo};
use crate::reference::compare::rewrite_magnitude;

declare_rule!(
    ReferenceMagnitudeSlip,
    "NC202",
    "reference-magnitude-slip",
    Error,
    "a figure is off from the reference by a power of ten",
    "Checks whether a figure that disagrees with its reference fact would agree once its
magnitude is corrected by 10^3 (千, thousand vs million), 10^4 (a lost or extra 万, 万 vs
亿), 10^8 (亿 vs a bare number, 万 vs 万亿) or 10^12, either way.

Claims are matched to facts exactly as for NC201 (subject, segment, metric and period
through the aliases, compatible units). A claim that matches nothing is unchecked.

Why: a slipped magnitude word is a typing error, not a different estimate: it is
reported as such, with the corrected magnitude, instead of as a plain mismatch.

Flagged:     长风汽车2024年交付量41.2辆。 (reference 41.23万辆: suggests 41.2万辆)
Flagged:     英伟达2025财年在中国大陆收入171万美元。 (reference 171.08亿美元: suggests 171亿美元)
Not flagged: 长风汽车2024年交付量41.2万辆。
Not flagged: 长风汽车2024年交付量50万辆。 (wrong, but not by a power of ten: NC201)

Tolerance: the same as NC201 (written precision, then hedge: 约 ±max(5%, one step),
近/不到 anything below, 超/逾 anything above; ±5% on facts noted as estimates),
applied after scaling the claim by the power of ten. Percentages never count as slips."
);

/// What a slip of `10^k` usually is, in words.
fn slip_words(k: i32) -> &'static str {
    match k.abs() {
        3 => "thousand vs million (10^3)",
        4 => "a missing or extra 万 (10^4)",
        8 => "亿 vs a bare number or 万 vs 万亿 (10^8)",
        _ => "万亿 vs a bare number (10^12)",
    }
}

impl Check for ReferenceMagnitudeSlip {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Outcome) {
        each_level_check(cx, out, |claim, check, out| {
            let Some(k) = check.slip() else {
                return;
            };
            let text = cx.doc.slice(claim.span);
            let expected = check.expected_text(claim);
            let direction = if k > 0 { "too small" } else { "too large" };
            let mut f = Finding::new(
                &INFO,
                claim.span,
                format!(
                    "{text} is 10^{} {direction} for {}: the reference is {expected}; looks like {}",
                    k.abs(),
                    check.key.describe(),
                    slip_words(k)
                ),
            )
            .stated(stated_text(text, claim, check))
            .expected(expected)
            .formula(format!("{} × 10^{k} meets {}", text, check.formula()))
            .tolerance(check.tolerance(claim));
            if let Some(s) = rewrite_magnitude(text, claim, k) {
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
    fn flags_a_lost_wan() {
        let (doc, claims) = car_doc("长风汽车2024年交付量41.2辆。", "41.2辆", 41.2, 0.1);
        let out = run(&ReferenceMagnitudeSlip, &doc, &claims);
        assert_eq!(out.findings.len(), 1);
        let f = &out.findings[0];
        assert_eq!(f.suggestion.as_deref(), Some("41.2万辆"));
        assert!(f.message.contains("10^4 too small"), "{}", f.message);
        assert!(out.referenced[0]);
    }

    #[test]
    fn flags_yi_written_for_wan() {
        let (doc, mut claims) = car_doc("长风汽车2024年交付量41.2亿辆。", "41.2亿辆", 4.12e9, 1e7);
        claims[0].magnitude = Some("亿".into());
        let out = run(&ReferenceMagnitudeSlip, &doc, &claims);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].suggestion.as_deref(), Some("41.2万辆"));
    }

    #[test]
    fn ignores_agreeing_and_plainly_wrong_figures() {
        let (doc, claims) = car_doc("长风汽车2024年交付量41.2万辆。", "41.2万辆", 412_000.0, 1e3);
        assert!(run(&ReferenceMagnitudeSlip, &doc, &claims)
            .findings
            .is_empty());
        let (doc, claims) = car_doc("长风汽车2024年交付量50万辆。", "50万辆", 500_000.0, 1e4);
        assert!(run(&ReferenceMagnitudeSlip, &doc, &claims)
            .findings
            .is_empty());
    }
}
