//! NC102 range-inverted: a range whose low end lies above its high end once both are normalised.

use crate::checks::nc101_range_magnitude_mismatch::end_mismatch;
use crate::checks::tolerance::fmt_value;
use crate::checks::{Check, Context, Outcome};
use crate::claim::{Claim, Value};
use crate::document::Document;
use crate::finding::{Finding, RuleInfo};

crate::declare_rule!(
    RangeInverted,
    "NC102",
    "range-inverted",
    Error,
    "low end of a range above its high end after normalising",
    "Flags a range whose first end is above its second end once magnitudes are applied.

What it checks: every range claim, with each end in base units (a magnitude written only on
the second end applies to both: `1.5-1.2亿` is 1.5亿 to 1.2亿). A range is inverted when the
first end's lowest reading is above the second end's highest reading.

Why: an inverted range is a typo in one of its ends (`3.5万-2.8万辆`), and the reader cannot
tell which end is wrong.

Not reported when NC101 already explains it (the ends carry different or missing magnitudes,
or different units, as in `30万-40枚`), so one slip gives one finding. Ranges with a negative
end (`-3%至-5%`) are left alone: writers order those by size of the fall as often as by value.

Flagged: `销量为3.5万-2.8万辆`, `增速为12%-9%`.

Not flagged: `60-80万枚`, `2.8万-3.5万辆`, `5000万-1.2亿元`, `30万-40枚` (NC101's case).

Tolerance: written precision of each end (`1.2` stands for 1.15–1.25); no hedge applies
because a hedge widens both ends alike."
);

impl Check for RangeInverted {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Outcome) {
        for claim in cx.claims {
            if let Some(f) = check_claim(cx.doc, claim) {
                out.findings.push(f);
            }
            if claim.is_range() {
                out.mark_checked(claim.id);
            }
        }
    }
}

/// The finding for one range claim, if it runs backwards.
fn check_claim(doc: &Document, claim: &Claim) -> Option<Finding> {
    let Value::Range { low, high } = claim.value else {
        return None;
    };
    if low.value < 0.0 || high.value < 0.0 {
        return None;
    }
    if low.low() <= high.high() || end_mismatch(claim).is_some() {
        return None;
    }
    let unit = claim.unit.as_ref();
    let text = doc.slice(claim.span);
    let mut f = Finding::new(
        &INFO,
        claim.span,
        format!(
            "range `{text}` runs backwards: its first end {} is above its second end {}",
            fmt_value(low.value, unit),
            fmt_value(high.value, unit)
        ),
    )
    .stated(format!(
        "{} to {}",
        fmt_value(low.value, unit),
        fmt_value(high.value, unit)
    ))
    .expected(format!("first end ≤ {}", fmt_value(high.high(), unit)))
    .formula(format!(
        "{} (lowest reading of the first end) > {} (highest reading of the second end)",
        fmt_value(low.low(), unit),
        fmt_value(high.high(), unit)
    ))
    .tolerance("written precision of each end (half a unit of the last written digit)");
    if let [a, b] = claim.bounds.as_slice() {
        f = f
            .related(a.span, format!("first end `{}`", doc.slice(a.span)))
            .related(b.span, format!("second end `{}`", doc.slice(b.span)));
    }
    Some(f)
}
