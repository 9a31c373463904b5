//! The pass NC201 and NC202 share: each level claim that may match a reference fact, next
//! to every fact it matched.

use crate::checks::{Context, Outcome};
use crate::claim::Claim;
use crate::reference::compare::{fmt_interval, level_checks, level_comparable, LevelCheck};
use crate::reference::matching::{may_match, Surroundings};

/// Calls `visit` with each comparable level claim and each comparison of it with a fact it
/// matched, after marking the claim referenced: the two rules differ only in which
/// comparisons they report (a plain mismatch, or one a power of ten explains).
pub fn each_level_check(
    cx: &Context<'_>,
    out: &mut Outcome,
    mut visit: impl FnMut(&Claim, &LevelCheck<'_>, &mut Outcome),
) {
    for claim in cx
        .claims
        .iter()
        .filter(|c| level_comparable(c) && may_match(c))
    {
        let around = Surroundings::shared(cx.doc, cx.sentences, claim);
        for check in level_checks(cx.reference, claim, &around) {
            out.mark_referenced(claim.id);
            visit(claim, &check, out);
        }
    }
}

/// The stated side of a finding against a reference level: the claim's text and the
/// interval it stands for, in the fact's unit.
pub fn stated_text(text: &str, claim: &Claim, check: &LevelCheck<'_>) -> String {
    format!(
        "{text} ({})",
        fmt_interval(&check.stated, &check.fact.unit, Some(claim))
    )
}
