//! The pass NC201 and NC202 share: each level claim that may match a reference fact, next
//! to every fact it matched.

use crate::checks::{Context, Outcome};
use crate::claim::Claim;
use crate::reference::compare::{fmt_interval, level_pass_rows, LevelCheck};
use crate::reference::keys_memo::level_pass;

/// Calls `visit` with each comparable level claim and each comparison of it with a fact it
/// matched, after marking the claim referenced: the two rules differ only in which
/// comparisons they report (a plain mismatch, or one a power of ten explains). The
/// comparisons are worked out once per document for both rules (see
/// [`crate::reference::keys_memo`]).
pub fn each_level_check(
    cx: &Context<'_>,
    out: &mut Outcome,
    mut visit: impl FnMut(&Claim, &LevelCheck<'_>, &mut Outcome),
) {
    let rows = level_pass(cx.reference, cx.doc, cx.sentences, cx.claims, || {
        level_pass_rows(cx.reference, cx.doc, cx.sentences, cx.claims)
    });
    for row in rows.iter() {
        let (Some(claim), Some(check)) = (cx.claims.get(row.claim), row.check(cx.reference)) else {
            continue;
        };
        out.mark_referenced(claim.id);
        visit(claim, &check, out);
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
