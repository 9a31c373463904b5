//! Comparing claims with reference values: the interval a claim stands for (the shared
//! [`crate::checks::tolerance`] rules: written precision, then hedge), the interval a fact
//! stands for (estimates widened), power-of-ten slips, and number formatting for findings.

use super::matching::{unit_compatible, Key, Surroundings};
use super::{Fact, Reference};
use crate::checks::tolerance::{self, fmt_trim};
use crate::claim::{Claim, ClaimKind, Hedge, HedgeKind, Unit, UnitKind};
use std::borrow::Cow;

pub use crate::checks::tolerance::Interval;

/// Relative widening of a fact whose note or source calls it an estimate or rough.
pub const ESTIMATE: f64 = 0.05;
/// Powers of ten that count as magnitude slips: 千 (10^3), 万 (10^4), 亿 (10^8), 万亿 (10^12).
pub const SLIP_EXPONENTS: [i32; 4] = [3, 4, 8, 12];

/// `iv` with both ends multiplied by `factor` (> 0).
pub fn scaled(iv: &Interval, factor: f64) -> Interval {
    Interval::new(iv.lo * factor, iv.hi * factor)
}

/// The interval of `-x` for every `x` in `iv`.
pub fn negated(iv: &Interval) -> Interval {
    Interval::new(-iv.hi, -iv.lo)
}

/// `iv` widened by `rel` of each end's magnitude, either way.
pub fn widened(iv: &Interval, rel: f64) -> Interval {
    Interval::new(iv.lo - iv.lo.abs() * rel, iv.hi + iv.hi.abs() * rel)
}

/// The interval a claim's value stands for, as every rule reads it
/// ([`tolerance::allowed`]: written precision, then 约 ±max(5%, one step), 超/至少 anything
/// above, 远超 ≥ 1.1×, 近/不到/最多 anything below), with the reading in words. `None` for
/// claims without a finite value.
pub fn claim_interval(claim: &Claim) -> Option<(Interval, String)> {
    let iv = tolerance::allowed(claim)?;
    let (lo, hi) = claim.interval()?;
    (lo.is_finite() && hi.is_finite()).then(|| (iv, tolerance::describe(claim)))
}

/// Verbs right before an unhedged figure that mean "went past it" (交付量突破40万辆).
const PAST_WORDS: [&str; 6] = ["突破", "超越", "跨越", "站上", "迈上", "破"];

/// [`claim_interval`], reading a verb right before an unhedged figure as its hedge:
/// `突破40万辆` means above 40万, like `超40万辆`.
pub fn stated_interval(claim: &Claim, s: &Surroundings<'_>) -> Option<(Interval, String)> {
    claim_interval(&stated_claim(claim, s))
}

/// The claim as [`stated_interval`] reads it: with a verb right before an unhedged figure
/// (`突破`) taken as its hedge.
fn stated_claim<'c>(claim: &'c Claim, s: &Surroundings<'_>) -> Cow<'c, Claim> {
    if claim.hedge.is_none() {
        let before = s.before.trim_end();
        if let Some(w) = PAST_WORDS.iter().find(|w| before.ends_with(*w)) {
            let mut hedged = claim.clone();
            hedged.hedge = Some(Hedge {
                text: (*w).to_string(),
                kind: HedgeKind::Above,
            });
            return Cow::Owned(hedged);
        }
    }
    Cow::Borrowed(claim)
}

/// The interval of [`claim_interval`] without its description, which costs far more to
/// build than the interval and is only needed once a fact matched.
fn interval_only(claim: &Claim) -> Option<Interval> {
    let iv = tolerance::allowed(claim)?;
    let (lo, hi) = claim.interval()?;
    (lo.is_finite() && hi.is_finite()).then_some(iv)
}

/// True when a fact's note or source calls it an estimate or a rough figure.
pub fn is_estimate(fact: &Fact) -> bool {
    let text = format!("{} {}", fact.note, fact.source).to_lowercase();
    ["estimate", "roughly", "approximately", "估", "约"]
        .iter()
        .any(|w| text.contains(w))
}

/// The interval a fact stands for: exact, or ±5% when it is an estimate.
pub fn fact_interval(fact: &Fact) -> (Interval, String) {
    let exact = Interval::point(fact.value);
    if is_estimate(fact) {
        (
            widened(&exact, ESTIMATE),
            format!(
                "reference ±{}% (an estimate)",
                fmt_trim(ESTIMATE * 100.0, 1)
            ),
        )
    } else {
        (exact, "reference exact".to_string())
    }
}

/// The power of ten `k` (±3, ±4, ±8, ±12) such that the stated interval times `10^k`
/// meets the reference interval, when the two do not meet as they are.
pub fn slip_exponent(stated: &Interval, reference: &Interval) -> Option<i32> {
    if stated.overlaps(reference) {
        return None;
    }
    SLIP_EXPONENTS
        .iter()
        .flat_map(|&k| [k, -k])
        .find(|&k| scaled(stated, 10f64.powi(k)).overlaps(reference))
}

/// A number for messages: up to two decimals.
pub fn fmt_num(v: f64) -> String {
    if v.is_infinite() {
        return if v > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        };
    }
    fmt_trim(v, 2)
}

/// The unit a fact's values print in: its currency, `%` for `percent`, and for `units`
/// the claim's measure word (枚, 辆) when it has one.
pub fn fact_unit(code: &str, claim: Option<&Claim>) -> Option<Unit> {
    match code {
        "percent" => Some(Unit::new("%", UnitKind::Percent)),
        "units" => claim
            .and_then(|c| c.unit.clone())
            .filter(|u| u.kind == UnitKind::Measure),
        c => Some(Unit::new(c, UnitKind::Currency)),
    }
}

/// A value in a fact's unit, e.g. `171.08亿美元`, `13.11%`, `48.5万枚`.
pub fn fmt_amount(v: f64, unit: &str, claim: Option<&Claim>) -> String {
    tolerance::fmt_value(v, fact_unit(unit, claim).as_ref())
}

/// An interval in a fact's unit: one value when both ends print alike.
pub fn fmt_interval(iv: &Interval, unit: &str, claim: Option<&Claim>) -> String {
    tolerance::fmt_interval(iv, fact_unit(unit, claim).as_ref())
}

/// Byte range and text of the first ASCII decimal number (`171`, `48.5`, `1,234`) in `text`.
fn first_number(text: &str) -> Option<(usize, usize)> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let len = text[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(text.len() - start);
    let end = start + text[start..start + len].trim_end_matches(['.', ',']).len();
    Some((start, end))
}

/// The claim's text with its number rewritten to `value` (base units) at the written
/// precision and magnitude: `181亿美元` with 1.7108e10 → `171亿美元`. `None` for ranges,
/// numbers not written in ASCII digits, or when the rewrite would read the same.
pub fn rewrite_value(claim_text: &str, claim: &Claim, value: f64) -> Option<String> {
    let crate::claim::Value::Point(num) = claim.value else {
        return None;
    };
    let (s, e) = first_number(claim_text)?;
    let written = &claim_text[s..e];
    let mantissa: f64 = written.replace(',', "").parse().ok()?;
    if mantissa.abs() < f64::MIN_POSITIVE || !value.is_finite() {
        return None;
    }
    let multiplier = num.value / mantissa;
    if !(multiplier.is_finite() && multiplier > 0.0) {
        return None;
    }
    let decimals = written.split_once('.').map_or(0, |(_, d)| d.len());
    let new = fmt_trim(value / multiplier, decimals);
    (new != written).then(|| format!("{}{new}{}", &claim_text[..s], &claim_text[e..]))
}

/// The magnitude word for a multiplier, if Chinese news writes one.
fn magnitude_word(multiplier: f64) -> Option<&'static str> {
    [
        (1.0, ""),
        (1e3, "千"),
        (1e4, "万"),
        (1e6, "百万"),
        (1e7, "千万"),
        (1e8, "亿"),
        (1e12, "万亿"),
    ]
    .iter()
    .find(|(m, _)| (multiplier / m - 1.0).abs() < 1e-9)
    .map(|(_, w)| *w)
}

/// The claim's text with its magnitude multiplied by `10^k`: `48.5枚` with k = 4 →
/// `48.5万枚`, `171万美元` with k = 4 → `171亿美元`. `None` when no magnitude word fits or
/// the number is not written in ASCII digits.
pub fn rewrite_magnitude(claim_text: &str, claim: &Claim, k: i32) -> Option<String> {
    let crate::claim::Value::Point(num) = claim.value else {
        return None;
    };
    let (s, e) = first_number(claim_text)?;
    let mantissa: f64 = claim_text[s..e].replace(',', "").parse().ok()?;
    if mantissa.abs() < f64::MIN_POSITIVE {
        return None;
    }
    let old = num.value / mantissa;
    if !(old.is_finite() && old > 0.0) {
        return None;
    }
    let new_word = magnitude_word(old * 10f64.powi(k))?;
    let after = &claim_text[e..];
    let old_word = claim.magnitude.as_deref().unwrap_or("");
    let rest = after.strip_prefix(old_word)?;
    Some(format!("{}{new_word}{rest}", &claim_text[..e]))
}

/// A level or share claim next to the reference fact it matched.
#[derive(Debug, Clone)]
pub struct LevelCheck<'r> {
    /// What the claim was matched to.
    pub key: Key,
    /// The fact.
    pub fact: &'r Fact,
    /// What the claim stands for (precision and hedge).
    pub stated: Interval,
    /// How `stated` was derived.
    pub stated_tolerance: String,
    /// What the fact stands for.
    pub reference: Interval,
    /// How `reference` was derived.
    pub reference_tolerance: String,
}

impl LevelCheck<'_> {
    /// True when the claim and the reference agree within tolerance.
    pub fn agrees(&self) -> bool {
        self.stated.overlaps(&self.reference)
    }

    /// The power of ten the claim is off by, when it disagrees by exactly a slip.
    /// Percentages have no magnitude words to slip, so they never do.
    pub fn slip(&self) -> Option<i32> {
        if self.fact.unit == "percent" {
            return None;
        }
        slip_exponent(&self.stated, &self.reference)
    }

    /// The reference value for messages, with its interval when it is an estimate:
    /// `171.08亿美元`, `48.5万枚 (46.08万枚–50.92万枚)`.
    pub fn expected_text(&self, claim: &Claim) -> String {
        let value = fmt_amount(self.fact.value.abs(), &self.fact.unit, Some(claim));
        let value = if self.reference.lo < 0.0 && self.reference.hi <= 0.0 {
            format!("-{value}")
        } else {
            value
        };
        let range = fmt_interval(&self.reference, &self.fact.unit, Some(claim));
        if range == value {
            value
        } else {
            format!("{value} ({range})")
        }
    }

    /// Both tolerances in one phrase.
    pub fn tolerance(&self) -> String {
        format!("{}; {}", self.stated_tolerance, self.reference_tolerance)
    }

    /// The reference row for a formula line:
    /// `NVIDIA/China incl. Hong Kong/revenue/FY2025 = 17108000000 USD (source, date)`.
    pub fn formula(&self) -> String {
        describe_fact(self.fact)
    }
}

/// A fact as one line: key, raw value, unit and source.
pub fn describe_fact(f: &Fact) -> String {
    let mut s = format!(
        "{}/{}/{}/{} = {} {} ({}",
        f.entity,
        f.segment,
        f.metric,
        f.period,
        fmt_trim(f.value, 6),
        f.unit,
        f.source
    );
    if !f.source_date.is_empty() {
        s.push_str(", ");
        s.push_str(&f.source_date);
    }
    s.push(')');
    s
}

/// Every fact a comparable ([`Reference::keys_for`]) level claim (amount, count) or share
/// claim (against a percentage fact) matched, with both intervals. Claims of other kinds,
/// claims whose metric asks for a share of a whole, and facts in units the claim cannot
/// be compared with are left out.
pub fn level_checks<'r>(
    reference: &'r Reference,
    claim: &Claim,
    s: &Surroundings<'_>,
) -> Vec<LevelCheck<'r>> {
    let percent_fact = match claim.kind {
        ClaimKind::Level => false,
        ClaimKind::Share => true,
        _ => return Vec::new(),
    };
    let stated_claim = stated_claim(claim, s);
    let Some(stated) = interval_only(&stated_claim) else {
        return Vec::new();
    };
    // Described only when some fact matched: most claims match none.
    let mut stated_tolerance: Option<String> = None;
    reference
        .keys_for(claim, s)
        .into_iter()
        .filter(|key| !key.share_of_whole)
        .filter_map(|key| {
            let fact = reference.fact_at(&key)?;
            let ok = (fact.unit == "percent") == percent_fact
                && unit_compatible(claim.unit.as_ref(), &fact.unit);
            if !ok {
                return None;
            }
            let (mut reference, mut reference_tolerance) = fact_interval(fact);
            if s.clause.contains('亏') {
                // 亏损5亿元 states a loss as a positive amount: compare it with the
                // negated fact, and leave a loss said of a profitable period alone.
                if fact.value >= 0.0 || stated.lo < 0.0 {
                    return None;
                }
                reference = negated(&reference);
                reference_tolerance.push_str(", loss compared as a positive amount");
            }
            Some(LevelCheck {
                key,
                fact,
                stated,
                stated_tolerance: stated_tolerance
                    .get_or_insert_with(|| tolerance::describe(&stated_claim))
                    .clone(),
                reference,
                reference_tolerance,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{Num, Unit, Value};
    use crate::document::Span;

    fn level(value: f64, step: f64, magnitude: Option<&str>, hedge: Option<Hedge>) -> Claim {
        Claim {
            id: 0,
            span: Span::new(0, 1),
            kind: ClaimKind::Level,
            value: Value::Point(Num::new(value, step)),
            bounds: Vec::new(),
            unit: Some(Unit::new("辆", UnitKind::Measure)),
            magnitude: magnitude.map(str::to_string),
            hedge,
            direction: None,
            period: None,
            subject: None,
            segment: None,
            metric: None,
            sentence: 0,
            change_of: None,
            notes: Vec::new(),
        }
    }

    fn hedge(text: &str, kind: HedgeKind) -> Option<Hedge> {
        Some(Hedge {
            text: text.into(),
            kind,
        })
    }

    #[test]
    fn precision_then_hedge() {
        let c = level(1.71e10, 1e8, Some("亿"), None);
        let (iv, _) = claim_interval(&c).unwrap();
        assert!(iv.lo < 1.7108e10 && 1.7108e10 < iv.hi);
        assert!(!iv.overlaps(&Interval::point(1.72e10)));
        let c = level(1.71e10, 1e8, Some("亿"), hedge("约", HedgeKind::About));
        let (iv, t) = claim_interval(&c).unwrap();
        assert!(iv.overlaps(&Interval::point(1.79e10)));
        assert!(!iv.overlaps(&Interval::point(1.81e10)));
        assert!(t.contains("约"), "{t}");
        let c = level(1e6, 1e4, Some("万"), hedge("超", HedgeKind::Above));
        let (iv, _) = claim_interval(&c).unwrap();
        assert!(iv.hi.is_infinite() && iv.lo < 1e6);
        let c = level(1e6, 1e4, Some("万"), hedge("不到", HedgeKind::Below));
        assert!(claim_interval(&c).unwrap().0.lo.is_infinite());
        let c = level(f64::NAN, 1.0, None, None);
        assert!(claim_interval(&c).is_none());
    }

    #[test]
    fn a_bare_breakthrough_verb_reads_as_above() {
        let c = level(4e5, 1e4, Some("万"), None);
        let (iv, t) = stated_interval(&c, &Surroundings::plain("交付量突破")).unwrap();
        assert!(iv.hi.is_infinite());
        assert!(t.contains("突破"));
        let (iv, _) = stated_interval(&c, &Surroundings::plain("交付量为")).unwrap();
        assert!(iv.hi.is_finite());
    }

    #[test]
    fn finds_slips() {
        let stated = Interval::new(48.45, 48.55);
        let reference = Interval::new(485000.0, 485000.0);
        assert_eq!(slip_exponent(&stated, &reference), Some(4));
        assert_eq!(
            slip_exponent(&scaled(&reference, 1e8), &reference),
            Some(-8)
        );
        assert_eq!(slip_exponent(&reference, &reference), None);
        assert_eq!(slip_exponent(&Interval::new(20.0, 20.0), &reference), None);
    }

    #[test]
    fn formats_chinese_magnitudes() {
        assert_eq!(fmt_amount(17_108_000_000.0, "USD", None), "171.08亿美元");
        assert_eq!(fmt_amount(485_000.0, "units", None), "48.5万");
        assert_eq!(fmt_amount(13.1099, "percent", None), "13.11%");
        assert_eq!(fmt_amount(1.605e9, "CNY", None), "16.05亿元");
    }

    #[test]
    fn rewrites_value_and_magnitude() {
        let c = level(1.81e10, 1e8, Some("亿"), None);
        assert_eq!(
            rewrite_value("181亿美元", &c, 1.7108e10).as_deref(),
            Some("171亿美元")
        );
        let c = level(48.5, 0.1, None, None);
        assert_eq!(
            rewrite_magnitude("48.5枚", &c, 4).as_deref(),
            Some("48.5万枚")
        );
        let c = level(1.71e6, 1e4, Some("万"), None);
        assert_eq!(
            rewrite_magnitude("171万美元", &c, 4).as_deref(),
            Some("171亿美元")
        );
        assert_eq!(rewrite_magnitude("171万美元", &c, 5), None);
    }
}
