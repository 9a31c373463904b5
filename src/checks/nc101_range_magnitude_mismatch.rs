//! NC101 range-magnitude-mismatch: a range whose two ends disagree in magnitude or unit as written.

use crate::checks::tolerance::fmt_value;
use crate::checks::{Check, Context, Outcome};
use crate::claim::{Bound, Claim};
use crate::document::Document;
use crate::finding::{cat, Finding, RuleInfo};

crate::declare_rule!(
    RangeMagnitudeMismatch,
    "NC101",
    "range-magnitude-mismatch",
    Error,
    "range ends disagree in magnitude or unit as written (`30万-40枚`)",
    "Flags a range whose two ends disagree in magnitude (万, 亿 …) or unit as written.

What it checks: every range claim (`A-B`, `A至B`, `A到B`) is read end by end, each end with the
magnitude and unit written on it. Chinese writes a shared magnitude or unit once, on the
second end (`60-80万枚`, `30-40%`); so an end without a magnitude borrows the other's. Two
cases cannot be right:
- the first end carries a magnitude the second end lacks, and the second end as written is
  below the first (`30万-40枚`: 30万 up to 40 is not a range);
- both ends carry units and the units differ (`30万吨-40万辆`, `5亿元-8亿美元`).
Two ends that both carry (different) magnitudes were each written deliberately; if such a
range runs backwards (`1.2亿-8000万`) that is NC102's inverted range, not a lost magnitude.

Why: a dropped 万 or 亿 changes a figure ten-thousandfold, and readers copy ranges verbatim.

Flagged: `国产AI芯片已实现30万-40枚出货` (low end 30万, high end 40: the 万 is missing);
suggestion `30万-40万枚`.

Not flagged: `60-80万枚` and `60万-80万枚` (shared or repeated magnitude), `30%-40%`,
`5000万-1.2亿元` (different magnitudes, but the range runs upwards), `1万-12000人`.

Tolerance: none needed; the test is on the magnitudes and units as written, and a magnitude
difference is reported only when it makes the range run backwards beyond written precision."
);

impl Check for RangeMagnitudeMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Outcome) {
        for claim in cx.claims {
            // Nothing is marked checked: a range's ends are checked against each other,
            // not against other claims or the reference (Stats::checked).
            if let Some(f) = check_claim(cx.doc, claim) {
                out.findings.push(f);
            }
        }
    }
}

/// What is wrong with a range's ends, if anything.
#[derive(Debug, Clone, PartialEq)]
pub enum EndMismatch {
    /// The first end has magnitude `.0`, the second none, and the range runs backwards.
    MissingMagnitude(String),
    /// Both ends have units and they differ (codes `.0`, `.1`).
    DifferentUnits(String, String),
}

/// The disagreement between a range's two written ends, if there is one.
///
/// Shared with NC102, which stays silent when this explains an inverted range.
pub fn end_mismatch(claim: &Claim) -> Option<EndMismatch> {
    if !claim.is_range() || claim.bounds.len() != 2 {
        return None;
    }
    let (a, b) = (&claim.bounds[0], &claim.bounds[1]);
    if let (Some(ua), Some(ub)) = (&a.unit, &b.unit) {
        if ua != ub {
            return Some(EndMismatch::DifferentUnits(
                ua.code.clone(),
                ub.code.clone(),
            ));
        }
    }
    // Backwards beyond written precision: the second end's highest reading is below the
    // first end's lowest.
    let backwards = b.num.high() < a.num.low();
    match (&a.magnitude, &b.magnitude) {
        (Some(ma), None) if backwards => Some(EndMismatch::MissingMagnitude(ma.clone())),
        _ => None,
    }
}

/// The finding for one claim, if its ends disagree.
fn check_claim(doc: &Document, claim: &Claim) -> Option<Finding> {
    let mismatch = end_mismatch(claim)?;
    let text = doc.slice(claim.span);
    let (a, b) = (&claim.bounds[0], &claim.bounds[1]);
    let (sa, sb) = (doc.slice(a.span), doc.slice(b.span));
    let unit = claim.unit.as_ref();
    let mut f = match &mismatch {
        EndMismatch::MissingMagnitude(m) => {
            let mut f = Finding::new(
                &INFO,
                claim.span,
                cat(&[
                    "range `",
                    text,
                    "`: the low end `",
                    sa,
                    "` has ",
                    m,
                    ", the high end `",
                    sb,
                    "` has none",
                ]),
            );
            // Values that appear in several texts are written once.
            let low = fmt_value(a.num.value, unit);
            f = f.stated(cat(&[
                &low,
                " to ",
                &fmt_value(b.num.value, unit),
                " as written",
            ]));
            f = match magnitude_factor(m) {
                Some(k) => {
                    let high = fmt_value(b.num.value * k, unit);
                    f.expected(cat(&[&low, " to ", &high, " with ", m, " on both ends"]))
                        .formula(cat(&[
                            &fmt_value(a.num.low(), unit),
                            " (low end) > ",
                            &fmt_value(b.num.high(), unit),
                            " (high end): backwards as written; ",
                            &fmt_value(b.num.value, None),
                            " × ",
                            &fmt_value(k, None),
                            " = ",
                            &high,
                        ]))
                }
                None => f.expected(cat(&["both ends in ", m])),
            };
            if let Some(s) = restore_magnitude(doc, claim, b, m) {
                f = f.suggestion(s);
            }
            f
        }
        EndMismatch::DifferentUnits(ua, ub) => Finding::new(
            &INFO,
            claim.span,
            cat(&[
                "range `",
                text,
                "`: the ends are in different units (",
                ua,
                " and ",
                ub,
                ")",
            ]),
        )
        .stated(cat(&[sa, " to ", sb]))
        .expected("both ends in the same unit"),
    };
    f = f
        .tolerance("as written: magnitudes and units compared word for word; backwards beyond written precision")
        .related(a.span, cat(&["low end `", sa, "`"]))
        .related(b.span, cat(&["high end `", sb, "`"]));
    Some(f)
}

/// The claim text with magnitude `m` inserted into end `b` right after its number.
///
/// `30万-40枚` with `万` becomes `30万-40万枚`. `None` when the end's number cannot be
/// delimited in its text (then no suggestion is clear).
fn restore_magnitude(doc: &Document, claim: &Claim, b: &Bound, m: &str) -> Option<String> {
    if !claim.span.contains(b.span) {
        return None;
    }
    let end_text = doc.slice(b.span);
    let digits = number_prefix_len(end_text);
    if digits == 0 {
        return None;
    }
    let cut = b.span.start + digits;
    let before = doc.text.get(claim.span.start..cut)?;
    let after = doc.text.get(cut..claim.span.end)?;
    Some(cat(&[before, m, after]))
}

/// The factor of a magnitude word (`万` → 1e4), `None` for one this rule does not know.
fn magnitude_factor(word: &str) -> Option<f64> {
    Some(match word {
        "十" => 1e1,
        "百" => 1e2,
        "千" => 1e3,
        "万" => 1e4,
        "十万" => 1e5,
        "百万" => 1e6,
        "千万" => 1e7,
        "亿" => 1e8,
        "十亿" => 1e9,
        "百亿" => 1e10,
        "千亿" => 1e11,
        "万亿" => 1e12,
        _ => return None,
    })
}

/// Byte length of the number at the start of `s`: ASCII or full-width digits, decimal
/// points, thousands separators, or Chinese numerals (not the magnitudes 万/亿).
fn number_prefix_len(s: &str) -> usize {
    let mut len = 0;
    for c in s.chars() {
        let numeric = c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || matches!(
                c,
                '.' | '．'
                    | ','
                    | '，'
                    | '零'
                    | '〇'
                    | '一'
                    | '二'
                    | '两'
                    | '三'
                    | '四'
                    | '五'
                    | '六'
                    | '七'
                    | '八'
                    | '九'
                    | '十'
                    | '百'
                    | '千'
                    | '点'
            );
        if !numeric {
            break;
        }
        len += c.len_utf8();
    }
    // A trailing separator belongs to the prose, not the number.
    while len > 0 && s[..len].ends_with([',', '，', '.', '．']) {
        len -= s[..len].chars().next_back().map_or(1, char::len_utf8);
    }
    len
}

#[cfg(test)]
mod tests {
    use super::number_prefix_len;

    #[test]
    fn delimits_the_number_of_an_end() {
        assert_eq!(number_prefix_len("40枚"), 2);
        assert_eq!(number_prefix_len("1,234.5亿元"), "1,234.5".len());
        assert_eq!(number_prefix_len("四十枚"), "四十".len());
        assert_eq!(number_prefix_len("枚"), 0);
    }
}
