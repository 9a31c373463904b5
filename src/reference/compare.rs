//! Comparing claims with reference values: the interval a claim stands for (the shared
//! [`crate::checks::tolerance`] rules: written precision, then hedge), the interval a fact
//! stands for (estimates widened), power-of-ten slips, and number formatting for findings.

use super::matching::{unit_compatible, Key, Surroundings};
use super::{aliases, Fact, Reference};
use crate::checks::tolerance::{self, fmt_trim};
use crate::claim::{Claim, ClaimKind, Hedge, HedgeKind, Unit, UnitKind};
use std::borrow::Cow;
use std::rc::Rc;

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

/// The interval of [`stated_interval`] alone: what rules compare. Its description
/// ([`stated_description`]) costs far more and is only needed for a finding.
pub fn stated_interval_only(claim: &Claim, s: &Surroundings<'_>) -> Option<Interval> {
    interval_only(&stated_claim(claim, s))
}

/// The description [`stated_interval`] returns with its interval.
pub fn stated_description(claim: &Claim, s: &Surroundings<'_>) -> String {
    tolerance::describe(&stated_claim(claim, s))
}

/// The verb right before an unhedged figure that [`stated_interval`] reads as its hedge.
fn past_word(claim: &Claim, s: &Surroundings<'_>) -> Option<&'static str> {
    if claim.hedge.is_some() {
        return None;
    }
    let before = s.before.trim_end();
    PAST_WORDS.iter().copied().find(|w| before.ends_with(w))
}

/// The claim as [`stated_interval`] reads it: with a verb right before an unhedged figure
/// (`突破`) taken as its hedge.
fn stated_claim<'c>(claim: &'c Claim, s: &Surroundings<'_>) -> Cow<'c, Claim> {
    hedged_by(claim, past_word(claim, s))
}

/// `claim` with `word` (a [`PAST_WORDS`] verb found by [`past_word`]) as its hedge.
fn hedged_by<'c>(claim: &'c Claim, word: Option<&'static str>) -> Cow<'c, Claim> {
    match word {
        Some(w) => {
            let mut hedged = claim.clone();
            hedged.hedge = Some(Hedge {
                text: w.to_string(),
                kind: HedgeKind::Above,
            });
            Cow::Owned(hedged)
        }
        None => Cow::Borrowed(claim),
    }
}

/// The interval of [`claim_interval`] without its description, which costs far more to
/// build than the interval and is only needed once a fact matched.
fn interval_only(claim: &Claim) -> Option<Interval> {
    let iv = tolerance::allowed(claim)?;
    let (lo, hi) = claim.interval()?;
    (lo.is_finite() && hi.is_finite()).then_some(iv)
}

/// Words in a fact's note or source that make it an estimate (English ones in any case).
const ESTIMATE_WORDS: [&str; 5] = ["estimate", "roughly", "approximately", "估", "约"];

/// True when a fact's note or source calls it an estimate or a rough figure.
///
/// This is `format!("{note} {source}").to_lowercase()` searched for [`ESTIMATE_WORDS`],
/// without the copy: no word holds a space, so none spans the two fields, and the only
/// characters outside ASCII whose lowercase holds ASCII letters are `İ` (to `i̇`, whose
/// dot stops a match: no word ends in `i`) and the Kelvin sign (to `k`, in no word), so
/// an ASCII case-insensitive search of each field (see [`aliases::lowercase_contains`])
/// finds exactly what the lowercased text holds. The reference decides it once per fact
/// at load ([`Reference::fact_value_interval`]).
pub fn is_estimate(fact: &Fact) -> bool {
    [fact.note.as_str(), fact.source.as_str()]
        .iter()
        .any(|field| {
            ESTIMATE_WORDS
                .iter()
                .any(|w| aliases::contains_ascii_ci(field, w))
        })
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

/// The interval of [`fact_interval`] without its description (what rules compare).
pub fn fact_value_interval(fact: &Fact) -> Interval {
    value_interval(fact, is_estimate(fact))
}

/// A fact's value, widened when it is an estimate.
fn value_interval(fact: &Fact, estimate: bool) -> Interval {
    let exact = Interval::point(fact.value);
    if estimate {
        widened(&exact, ESTIMATE)
    } else {
        exact
    }
}

impl Reference {
    /// [`fact_value_interval`] for a fact of this reference, whose estimate test was done
    /// once at load (any other fact is tested afresh).
    pub fn fact_value_interval(&self, fact: &Fact) -> Interval {
        let estimate = self
            .fact_index
            .is_estimate(&self.facts, fact)
            .unwrap_or_else(|| is_estimate(fact));
        value_interval(fact, estimate)
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
///
/// The tolerance text is not stored: it takes far longer to write than the comparison,
/// and most comparisons agree, so [`LevelCheck::tolerance`] writes it only for findings.
#[derive(Debug, Clone)]
pub struct LevelCheck<'r> {
    /// What the claim was matched to (borrowed from a remembered [`LevelRow`]).
    pub key: Cow<'r, Key>,
    /// The fact.
    pub fact: &'r Fact,
    /// What the claim stands for (precision and hedge).
    pub stated: Interval,
    /// What the fact stands for.
    pub reference: Interval,
    /// The verb right before the figure read as its hedge (`突破`), if any.
    past_word: Option<&'static str>,
    /// True when the clause speaks of a loss (亏) and the fact was compared negated.
    loss: bool,
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

    /// How the claim's interval was derived (`claim` is the one this check was made for).
    pub fn stated_tolerance(&self, claim: &Claim) -> String {
        tolerance::describe(&hedged_by(claim, self.past_word))
    }

    /// How the reference interval was derived.
    pub fn reference_tolerance(&self) -> String {
        let (_, mut text) = fact_interval(self.fact);
        if self.loss {
            text.push_str(", loss compared as a positive amount");
        }
        text
    }

    /// Both tolerances in one phrase (`claim` is the one this check was made for).
    pub fn tolerance(&self, claim: &Claim) -> String {
        format!(
            "{}; {}",
            self.stated_tolerance(claim),
            self.reference_tolerance()
        )
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

/// True for the claims [`level_checks`] compares (levels and shares): rules skip the others
/// before working out their surroundings.
pub fn level_comparable(claim: &Claim) -> bool {
    matches!(claim.kind, ClaimKind::Level | ClaimKind::Share)
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
    let Some((keys, found)) = level_matches(reference, claim, None, s) else {
        return Vec::new();
    };
    found
        .into_iter()
        .filter_map(|m| {
            Some(LevelCheck {
                key: Cow::Owned(keys.get(m.key)?.clone()),
                fact: reference.facts.get(m.fact)?,
                stated: m.stated,
                reference: m.reference,
                past_word: m.past_word,
                loss: m.loss,
            })
        })
        .collect()
}

/// A [`LevelCheck`] without its borrow of the reference: the fact by its position in
/// [`Reference::facts`], so that the checks of a document can be remembered between
/// the rules that read them (see [`super::keys_memo::level_pass`]).
#[derive(Debug, Clone)]
pub struct LevelRow {
    /// Position of the claim in the document's claims.
    pub claim: usize,
    /// The claim's keys ([`Reference::keys_for`]), shared by its rows rather than copied
    /// into each.
    keys: Rc<[Key]>,
    /// The comparison, its key by position in `keys`.
    found: LevelMatch,
}

/// One comparison of [`level_matches`]: a [`LevelCheck`] with its key and fact by position.
#[derive(Debug, Clone, Copy)]
struct LevelMatch {
    /// Position of [`LevelCheck::key`] in the claim's keys.
    key: usize,
    /// Position of [`LevelCheck::fact`] in [`Reference::facts`].
    fact: usize,
    /// [`LevelCheck::stated`].
    stated: Interval,
    /// [`LevelCheck::reference`].
    reference: Interval,
    /// [`LevelCheck::past_word`].
    past_word: Option<&'static str>,
    /// [`LevelCheck::loss`].
    loss: bool,
}

impl LevelRow {
    /// The check this row stands for, against `reference` (the one it was made with).
    pub fn check<'a>(&'a self, reference: &'a Reference) -> Option<LevelCheck<'a>> {
        let m = &self.found;
        Some(LevelCheck {
            key: Cow::Borrowed(self.keys.get(m.key)?),
            fact: reference.facts.get(m.fact)?,
            stated: m.stated,
            reference: m.reference,
            past_word: m.past_word,
            loss: m.loss,
        })
    }
}

/// The rows of [`level_checks`] for every claim of `claims` (at its index) that
/// [`level_comparable`] and [`super::matching::may_match`] admit, in order: what the
/// level rules NC201 and NC202 both go through.
pub fn level_pass_rows(
    reference: &Reference,
    doc: &crate::document::Document,
    sentences: &[crate::document::Span],
    claims: &[Claim],
) -> Vec<LevelRow> {
    let mut rows = Vec::new();
    for (at, claim) in claims.iter().enumerate() {
        if !level_comparable(claim) {
            continue;
        }
        // `may_match`, keeping the period it parsed for matching.
        let Some(period) = super::matching::matchable_period(claim) else {
            continue;
        };
        let around = Surroundings::shared(doc, sentences, claim);
        if let Some((keys, found)) = level_matches(reference, claim, Some(period), &around) {
            rows.extend(found.into_iter().map(|found| LevelRow {
                claim: at,
                keys: Rc::clone(&keys),
                found,
            }));
        }
    }
    rows
}

/// [`level_checks`] with each check's key and fact by position: in the claim's keys
/// (returned with them) and in [`Reference::facts`]. `None` when the claim has no keys.
/// `period` is the claim's matchable period when the caller has parsed it already.
fn level_matches(
    reference: &Reference,
    claim: &Claim,
    period: Option<super::period::Period>,
    s: &Surroundings<'_>,
) -> Option<(Rc<[Key]>, Vec<LevelMatch>)> {
    let percent_fact = match claim.kind {
        ClaimKind::Level => false,
        ClaimKind::Share => true,
        _ => return None,
    };
    let keys = match period {
        Some(p) => reference.keys_for_period(claim, p, s),
        None => reference.keys_for(claim, s),
    };
    if keys.is_empty() {
        // Most claims match no fact: neither their interval nor their clause (for a
        // loss) need be worked out. Matching does not read the figure, so the answer
        // is `None` in either order.
        return None;
    }
    let past_word = past_word(claim, s);
    let stated = interval_only(&hedged_by(claim, past_word))?;
    let loss = s.clause.contains('亏');
    let found = keys
        .iter()
        .enumerate()
        .filter(|(_, key)| !key.share_of_whole)
        .filter_map(|(k, key)| {
            let at = reference.fact_position(key)?;
            let fact = reference.facts.get(at)?;
            let ok = (fact.unit == "percent") == percent_fact
                && unit_compatible(claim.unit.as_ref(), &fact.unit);
            if !ok {
                return None;
            }
            let mut reference = reference.fact_value_interval(fact);
            if loss {
                // 亏损5亿元 states a loss as a positive amount: compare it with the
                // negated fact, and leave a loss said of a profitable period alone.
                if fact.value >= 0.0 || stated.lo < 0.0 {
                    return None;
                }
                reference = negated(&reference);
            }
            Some(LevelMatch {
                key: k,
                fact: at,
                stated,
                reference,
                past_word,
                loss,
            })
        })
        .collect();
    Some((keys, found))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{Num, Unit, Value};
    use crate::document::Span;

    fn level(value: f64, step: f64, magnitude: Option<&str>, hedge: Option<Hedge>) -> Claim {
        Claim {
            value: Value::Point(Num::new(value, step)),
            unit: Some(Unit::new("辆", UnitKind::Measure)),
            magnitude: magnitude.map(str::to_string),
            hedge,
            ..Claim::new(0, Span::new(0, 1), ClaimKind::Level, 0)
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

    /// The search without a copy finds what the lowercased copy holds.
    #[test]
    fn estimates_are_found_as_the_lowercased_text_would_find_them() {
        let old = |f: &Fact| {
            let text = format!("{} {}", f.note, f.source).to_lowercase();
            ESTIMATE_WORDS.iter().any(|w| text.contains(w))
        };
        let fields = [
            "",
            "Estimate",
            "ESTIMATED by analysts",
            "rough",
            "Roughly",
            "APPROXIMATELY",
            "approx",
            "业内估算",
            "约数",
            "estİmate",
            "ESTIMATE\u{212A}",
            "est imate",
            "TrendForce",
            "公司年报",
        ];
        let mut f = Reference::bundled().facts[0].clone();
        for note in fields {
            for source in fields {
                f.note = note.into();
                f.source = source.into();
                assert_eq!(is_estimate(&f), old(&f), "{note:?} {source:?}");
            }
        }
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
