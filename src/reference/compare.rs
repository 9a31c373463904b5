//! Comparing claims with reference values: the interval a claim stands for (written
//! precision, then hedge), the interval a fact stands for (estimates widened), power-of-ten
//! slips, and number formatting for findings.

use super::Fact;
use crate::claim::{Claim, Hedge, HedgeKind, UnitKind};

/// Relative widening for 约/左右 (either way).
pub const ABOUT: f64 = 0.05;
/// Relative widening below for 近/将近/接近 (a little under).
pub const NEARLY: f64 = 0.10;
/// Relative widening of a fact whose note calls it an estimate or rough.
pub const ESTIMATE: f64 = 0.05;
/// Powers of ten that count as magnitude slips: 千 (10^3), 万 (10^4), 亿 (10^8), 万亿 (10^12).
pub const SLIP_EXPONENTS: [i32; 4] = [3, 4, 8, 12];

/// A closed interval of values; either end may be infinite for one-sided hedges.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lowest value.
    pub lo: f64,
    /// Highest value.
    pub hi: f64,
}

impl Interval {
    /// The interval `[lo, hi]` (ends swapped if given the wrong way round).
    pub fn new(lo: f64, hi: f64) -> Self {
        Interval {
            lo: lo.min(hi),
            hi: lo.max(hi),
        }
    }

    /// True when the two intervals share a value.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }

    /// Both ends multiplied by `factor` (> 0).
    pub fn scaled(&self, factor: f64) -> Interval {
        Interval::new(self.lo * factor, self.hi * factor)
    }

    /// The interval of `-x` for every `x` in this one.
    pub fn negated(&self) -> Interval {
        Interval::new(-self.hi, -self.lo)
    }

    /// Widened by `rel` of each end's magnitude, either way.
    pub fn widened(&self, rel: f64) -> Interval {
        Interval::new(self.lo - self.lo.abs() * rel, self.hi + self.hi.abs() * rel)
    }
}

/// True when a hedge's words mean "a little under" (近, 将近, 接近) rather than "under" (不到, 不足).
fn nearly(h: &Hedge) -> bool {
    h.text.contains('近')
}

/// The interval a claim's value stands for: written precision first, then its hedge
/// (约/左右 ±5%; 近 up to 10% below; 不到/不足 anything below; 超/逾/多/远超/至少
/// anything above; 最多 anything below), with a description of the tolerance used.
pub fn claim_interval(claim: &Claim) -> Option<(Interval, String)> {
    let (lo, hi) = claim.interval()?;
    let base = Interval::new(lo, hi);
    Some(hedged(base, claim.hedge.as_ref()))
}

/// Applies a hedge to a precision interval of a non-negative quantity.
pub fn hedged(base: Interval, hedge: Option<&Hedge>) -> (Interval, String) {
    let precision = "written precision".to_string();
    let Some(h) = hedge else {
        return (base, precision);
    };
    let pct = |r: f64| format!("{}%", fmt_num(r * 100.0));
    match h.kind {
        HedgeKind::Each => (base, precision),
        HedgeKind::About => (
            base.widened(ABOUT),
            format!("{precision}, ±{} for `{}`", pct(ABOUT), h.text),
        ),
        HedgeKind::Below if nearly(h) => (
            Interval::new(base.lo - base.lo.abs() * NEARLY, base.hi),
            format!("{precision}, up to {} below for `{}`", pct(NEARLY), h.text),
        ),
        HedgeKind::Below | HedgeKind::AtMost => (
            Interval::new(f64::NEG_INFINITY, base.hi),
            format!("{precision}, anything below for `{}`", h.text),
        ),
        HedgeKind::Above | HedgeKind::WellAbove | HedgeKind::AtLeast => (
            Interval::new(base.lo, f64::INFINITY),
            format!("{precision}, anything above for `{}`", h.text),
        ),
    }
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
    let exact = Interval::new(fact.value, fact.value);
    if is_estimate(fact) {
        (
            exact.widened(ESTIMATE),
            format!("reference ±{}% (an estimate)", fmt_num(ESTIMATE * 100.0)),
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
        .find(|&k| stated.scaled(10f64.powi(k)).overlaps(reference))
}

/// A number with at most `decimals` decimals, trailing zeros dropped.
pub fn fmt_fixed(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A number for messages: up to two decimals, or four for small values.
pub fn fmt_num(v: f64) -> String {
    if v.is_infinite() {
        return if v > 0.0 { "∞".into() } else { "-∞".into() };
    }
    let d = if v.abs() < 1.0 && v != 0.0 { 4 } else { 2 };
    fmt_fixed(v, d)
}

/// A base-unit value written the Chinese way: `17108000000` → `171.08亿`, `485000` → `48.5万`.
pub fn fmt_magnitude(v: f64) -> String {
    if !v.is_finite() {
        return fmt_num(v);
    }
    let a = v.abs();
    if a >= 1e12 {
        format!("{}万亿", fmt_num(v / 1e12))
    } else if a >= 1e8 {
        format!("{}亿", fmt_num(v / 1e8))
    } else if a >= 1e4 {
        format!("{}万", fmt_num(v / 1e4))
    } else {
        fmt_num(v)
    }
}

/// How a unit code is written after a number: USD → 美元, CNY → 元, percent → %, units → the
/// claim's measure word if it has one.
pub fn unit_suffix(code: &str, claim: Option<&Claim>) -> String {
    match code {
        "USD" => "美元".into(),
        "CNY" => "元".into(),
        "HKD" => "港元".into(),
        "EUR" => "欧元".into(),
        "JPY" => "日元".into(),
        "percent" | "%" => "%".into(),
        "units" => claim
            .and_then(|c| c.unit.as_ref())
            .filter(|u| u.kind == UnitKind::Measure)
            .map(|u| u.code.clone())
            .unwrap_or_default(),
        other => other.into(),
    }
}

/// A value with its unit, e.g. `171.08亿美元`, `13.11%`, `48.5万枚`.
pub fn fmt_amount(v: f64, unit: &str, claim: Option<&Claim>) -> String {
    let suffix = unit_suffix(unit, claim);
    if suffix == "%" {
        format!("{}%", fmt_num(v))
    } else {
        format!("{}{suffix}", fmt_magnitude(v))
    }
}

/// An interval for messages: one value when both ends agree to display precision.
pub fn fmt_interval(iv: &Interval, unit: &str, claim: Option<&Claim>) -> String {
    let (a, b) = (
        fmt_amount(iv.lo, unit, claim),
        fmt_amount(iv.hi, unit, claim),
    );
    if a == b {
        a
    } else if iv.hi.is_infinite() {
        format!("≥ {a}")
    } else if iv.lo.is_infinite() {
        format!("≤ {b}")
    } else {
        format!("{a} – {b}")
    }
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
    let decimals = written.split_once('.').map_or(0, |(_, d)| d.len());
    let new = fmt_fixed(value / multiplier, decimals);
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
    let new_word = magnitude_word(old * 10f64.powi(k))?;
    let after = &claim_text[e..];
    let old_word = claim.magnitude.as_deref().unwrap_or("");
    let rest = after.strip_prefix(old_word)?;
    Some(format!("{}{new_word}{rest}", &claim_text[..e]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{ClaimKind, Num, Unit, Value};
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
        assert!(!iv.overlaps(&Interval::new(1.72e10, 1.72e10)));
        let c = level(1.71e10, 1e8, Some("亿"), hedge("约", HedgeKind::About));
        let (iv, t) = claim_interval(&c).unwrap();
        assert!(iv.overlaps(&Interval::new(1.79e10, 1.79e10)));
        assert!(t.contains("±5%"));
        let c = level(1e6, 1e4, Some("万"), hedge("超", HedgeKind::Above));
        let (iv, _) = claim_interval(&c).unwrap();
        assert!(iv.hi.is_infinite() && iv.lo < 1e6);
        let c = level(1e6, 1e4, Some("万"), hedge("近", HedgeKind::Below));
        let (iv, _) = claim_interval(&c).unwrap();
        assert!(iv.overlaps(&Interval::new(9.2e5, 9.2e5)));
        assert!(!iv.overlaps(&Interval::new(8.5e5, 8.5e5)));
        let c = level(1e6, 1e4, Some("万"), hedge("不到", HedgeKind::Below));
        assert!(claim_interval(&c).unwrap().0.lo.is_infinite());
    }

    #[test]
    fn finds_slips() {
        let stated = Interval::new(48.45, 48.55);
        let reference = Interval::new(485000.0, 485000.0);
        assert_eq!(slip_exponent(&stated, &reference), Some(4));
        assert_eq!(slip_exponent(&reference.scaled(1e8), &reference), Some(-8));
        assert_eq!(slip_exponent(&reference, &reference), None);
        assert_eq!(slip_exponent(&Interval::new(20.0, 20.0), &reference), None);
    }

    #[test]
    fn formats_chinese_magnitudes() {
        assert_eq!(fmt_magnitude(17_108_000_000.0), "171.08亿");
        assert_eq!(fmt_magnitude(485_000.0), "48.5万");
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
