//! Shared tolerance arithmetic for the consistency rules: what interval a claim's written form
//! allows (written precision, then its hedge), interval arithmetic for derived shares and growth
//! rates, and the formatting of numbers and intervals in findings (`60.0%–72.7%`, `48.5万`).
//!
//! # How a claim's interval is built
//!
//! 1. **Written precision.** A number stands for everything that rounds to it: `171亿` is
//!    170.5亿–171.5亿, `13.1%` is 13.05%–13.15% ([`crate::claim::Num::low`]/`high`). A range
//!    covers both ends' intervals.
//! 2. **Hedge.** The hedge bends that interval:
//!    - 约/大约/左右/上下 ([`HedgeKind::About`]): widened both ways by
//!      `max(5% of the value, one step of the last written digit)`. Five per cent is the
//!      rounding a reporter does when writing 约 over a computed figure (约65% for 64.3% or
//!      66.8%, 约100万亿 for 96万亿); one full step covers small numbers where 5% is less than
//!      the rounding already written (约3% for 2.6%).
//!    - 超/超过/逾/多/余/以上 ([`HedgeKind::Above`]) and 至少 ([`HedgeKind::AtLeast`]): from the
//!      written low end upwards, without an upper limit — 超50% is still true of 73%, and a
//!      false alarm costs more than a miss.
//!    - 远超 ([`HedgeKind::WellAbove`]): at least [`WELL_ABOVE_FACTOR`] (1.1×) the written low end.
//!      远超60% claims 66% or more; a smaller factor would make 远超 mean no more than 超, a
//!      larger one would flag honest uses such as 远超60% for 70%.
//!    - 近/将近/不到/不足 ([`HedgeKind::Below`]) and 最多/以下 ([`HedgeKind::AtMost`]): up to the
//!      written high end, without a lower limit.
//!    - 均 ([`HedgeKind::Each`]): the value holds for each of several subjects; the interval
//!      is the written one.
//!
//! Derived values (a share computed from two counts, a growth rate from two levels) are
//! computed over the operands' intervals, so every rule compares an interval with an interval.

use crate::claim::{Claim, HedgeKind, Num, Unit, UnitKind, Value};

/// Relative margin of 约/左右/上下: 5% of the stated value either way.
pub const ABOUT_REL: f64 = 0.05;

/// 远超 means at least this multiple of the written low end.
pub const WELL_ABOVE_FACTOR: f64 = 1.1;

/// Slack for float noise when comparing bounds that should touch (never a tolerance of the text).
const EPS: f64 = 1e-9;

/// A closed interval `[lo, hi]`; either end may be infinite (`超50%` is `[49.5, +∞)`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower end (may be `-∞`).
    pub lo: f64,
    /// Upper end (may be `+∞`).
    pub hi: f64,
}

impl Interval {
    /// The interval between two values, in either order.
    pub fn new(a: f64, b: f64) -> Self {
        Interval {
            lo: a.min(b),
            hi: a.max(b),
        }
    }

    /// A single value.
    pub fn point(v: f64) -> Self {
        Interval { lo: v, hi: v }
    }

    /// True when the two intervals share a value (touching counts, up to float noise).
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.lo <= other.hi + slack(other.hi) && other.lo <= self.hi + slack(self.hi)
    }

    /// True when `other` lies wholly inside this interval (up to float noise).
    pub fn contains(&self, other: &Interval) -> bool {
        self.lo <= other.lo + slack(other.lo) && other.hi <= self.hi + slack(self.hi)
    }

    /// True when `v` lies inside (up to float noise).
    pub fn contains_value(&self, v: f64) -> bool {
        self.contains(&Interval::point(v))
    }

    /// The smallest interval covering both.
    pub fn hull(&self, other: &Interval) -> Interval {
        Interval {
            lo: self.lo.min(other.lo),
            hi: self.hi.max(other.hi),
        }
    }

    /// Sum of two intervals.
    pub fn add(&self, other: &Interval) -> Interval {
        Interval {
            lo: self.lo + other.lo,
            hi: self.hi + other.hi,
        }
    }

    /// Both ends finite.
    pub fn is_finite(&self) -> bool {
        self.lo.is_finite() && self.hi.is_finite()
    }

    /// Middle of a finite interval.
    pub fn mid(&self) -> f64 {
        (self.lo + self.hi) / 2.0
    }
}

/// Float-noise slack relative to the magnitude of `v` (zero for infinities).
fn slack(v: f64) -> f64 {
    if v.is_finite() {
        EPS * v.abs().max(1.0)
    } else {
        0.0
    }
}

/// What the claim states, before precision: a point's value, or a range's ends as written.
///
/// This is what findings print as the operands (`60万`, `80万`), so `expected` intervals
/// read like a reader's own arithmetic (`60.0%–72.7%`).
pub fn nominal(claim: &Claim) -> Option<Interval> {
    match &claim.value {
        Value::Point(n) => Some(Interval::point(n.value)),
        Value::Range { low, high } => Some(Interval::new(low.value, high.value)),
        Value::None => None,
    }
}

/// The interval the written digits allow: written precision only, no hedge.
pub fn written(claim: &Claim) -> Option<Interval> {
    claim.interval().map(|(lo, hi)| Interval::new(lo, hi))
}

/// The ends of a claim's value: one for a point, two for a range.
fn ends(claim: &Claim) -> Vec<Num> {
    match &claim.value {
        Value::Point(n) => vec![*n],
        Value::Range { low, high } => vec![*low, *high],
        Value::None => Vec::new(),
    }
}

/// Margin that 约 adds on either side of a written value: `max(5% of |v|, one step)`.
pub fn about_margin(n: &Num) -> f64 {
    (ABOUT_REL * n.value.abs()).max(n.step.abs())
}

/// The interval a claim allows: written precision widened or bent by its hedge (module docs).
pub fn allowed(claim: &Claim) -> Option<Interval> {
    let w = written(claim)?;
    let kind = claim.hedge.as_ref().map(|h| h.kind);
    Some(match kind {
        None | Some(HedgeKind::Each) => w,
        Some(HedgeKind::About) => {
            let e = ends(claim);
            let lo = e
                .iter()
                .map(|n| n.low() - about_margin(n))
                .fold(f64::INFINITY, f64::min);
            let hi = e
                .iter()
                .map(|n| n.high() + about_margin(n))
                .fold(f64::NEG_INFINITY, f64::max);
            Interval { lo, hi }
        }
        Some(HedgeKind::Above) | Some(HedgeKind::AtLeast) => Interval {
            lo: w.lo,
            hi: f64::INFINITY,
        },
        Some(HedgeKind::WellAbove) => Interval {
            lo: w.lo * WELL_ABOVE_FACTOR,
            hi: f64::INFINITY,
        },
        Some(HedgeKind::Below) | Some(HedgeKind::AtMost) => Interval {
            lo: f64::NEG_INFINITY,
            hi: w.hi,
        },
    })
}

/// True when the claim's hedge states a bound (超, 远超, 至少, 不到, 最多 …) rather than an
/// estimate. A bound said to follow from the text must hold over the whole derived interval.
pub fn is_bound(claim: &Claim) -> bool {
    matches!(
        claim.hedge.as_ref().map(|h| h.kind),
        Some(
            HedgeKind::Above
                | HedgeKind::AtLeast
                | HedgeKind::WellAbove
                | HedgeKind::Below
                | HedgeKind::AtMost
        )
    )
}

/// Half a step of the coarsest written digit among a claim's ends, in base units.
fn half_step(claim: &Claim) -> f64 {
    ends(claim)
        .iter()
        .map(|n| n.step.abs() / 2.0)
        .fold(0.0, f64::max)
}

/// Says in words which interval a claim allows and why: written precision, then hedge.
///
/// E.g. `60% is written to ±0.5%; 远超 (well above) means ≥ 1.1 × 59.5% = 65.45%`.
// Written into one string piece by piece: a `format!` of up to eight freshly allocated
// value strings cost more than the words themselves (a finding's tolerance text is built
// for every finding). The `format!` version is kept in the tests as the oracle.
pub fn describe(claim: &Claim) -> String {
    let mut s = String::with_capacity(256);
    push_describe(&mut s, claim);
    s
}

/// Appends [`describe`]`(claim)` to `s`: a rule joining several descriptions writes them
/// into one string.
pub fn push_describe(s: &mut String, claim: &Claim) {
    let unit = claim.unit.as_ref();
    match (&claim.value, nominal(claim), written(claim)) {
        // A range: each end has its own written precision (and, when the ends disagree
        // in magnitude, very different ones), so say it end by end.
        (Value::Range { low, high }, _, _) => {
            s.push_str("the ends are written to ±");
            push_value(s, low.step.abs() / 2.0, unit);
            s.push_str(" and ±");
            push_value(s, high.step.abs() / 2.0, unit);
            for (i, end) in [low, high].into_iter().enumerate() {
                s.push_str(if i == 0 { ": " } else { ", " });
                push_value(s, end.value, unit);
                s.push_str(" (");
                push_value(s, end.low(), unit);
                s.push('–');
                push_value(s, end.high(), unit);
                s.push(')');
            }
        }
        (_, Some(n), Some(w)) => {
            push_interval(s, &n, unit);
            s.push_str(" is written to ±");
            push_value(s, half_step(claim), unit);
            s.push_str(" (");
            push_value(s, w.lo, unit);
            s.push('–');
            push_value(s, w.hi, unit);
            s.push(')');
        }
        _ => {
            s.push_str("no numeric value");
            return;
        }
    }
    let Some(h) = &claim.hedge else {
        return;
    };
    let Some(a) = allowed(claim) else {
        return;
    };
    s.push_str("; ");
    s.push_str(&h.text);
    match h.kind {
        HedgeKind::About => {
            s.push_str(" (about) widens by max(");
            push_trim(s, ABOUT_REL * 100.0, 1);
            s.push_str("%, one step) to ");
            push_interval(s, &a, unit);
        }
        HedgeKind::Above | HedgeKind::AtLeast => {
            s.push_str(" (above) means ");
            push_interval(s, &a, unit);
        }
        HedgeKind::WellAbove => {
            s.push_str(" (well above) means ≥ ");
            push_trim(s, WELL_ABOVE_FACTOR, 2);
            s.push_str("× the low end = ");
            push_value(s, a.lo, unit);
        }
        HedgeKind::Below | HedgeKind::AtMost => {
            s.push_str(" (below) means ");
            push_interval(s, &a, unit);
        }
        HedgeKind::Each => s.push_str(" (each) applies to every subject named"),
    }
}

/// `part / whole` over intervals of positive values, in percent. `None` if the whole can be ≤ 0.
pub fn ratio_pct(part: &Interval, whole: &Interval) -> Option<Interval> {
    if !(part.is_finite() && whole.is_finite()) || whole.lo <= 0.0 || part.lo < 0.0 {
        return None;
    }
    Some(Interval::new(
        part.lo / whole.hi * 100.0,
        part.hi / whole.lo * 100.0,
    ))
}

/// `part / (part + rest)` over intervals of non-negative values, in percent: the share of
/// one count in the sum of it and the others. Minimum at the smallest part and the largest
/// rest, maximum the other way round (60万–80万 against 30万–40万 gives 60.0%–72.7%).
pub fn share_of_sum_pct(part: &Interval, rest: &Interval) -> Option<Interval> {
    if !(part.is_finite() && rest.is_finite()) || part.lo < 0.0 || rest.lo < 0.0 {
        return None;
    }
    let lo_den = part.lo + rest.hi;
    let hi_den = part.hi + rest.lo;
    if lo_den <= 0.0 || hi_den <= 0.0 {
        return None;
    }
    Some(Interval::new(
        part.lo / lo_den * 100.0,
        part.hi / hi_den * 100.0,
    ))
}

/// Relative change `to / from − 1` in percent over intervals. `None` if `from` can be ≤ 0.
pub fn growth_pct(from: &Interval, to: &Interval) -> Option<Interval> {
    if !(from.is_finite() && to.is_finite()) || from.lo <= 0.0 {
        return None;
    }
    Some(Interval::new(
        (to.lo / from.hi - 1.0) * 100.0,
        (to.hi / from.lo - 1.0) * 100.0,
    ))
}

/// `v` with at most `decimals` decimals, trailing zeros dropped (`48.50` → `48.5`, `171.00` → `171`).
pub fn fmt_trim(v: f64, decimals: usize) -> String {
    // Room for any number written here: no reallocation while it is written.
    let mut s = String::with_capacity(24);
    push_trim(&mut s, v, decimals);
    s
}

/// Appends [`fmt_trim`]`(v, decimals)` to `out`: callers that add a magnitude word and a
/// unit write all of it into one string.
fn push_trim(out: &mut String, v: f64, decimals: usize) {
    // Whole numbers print as integers: the same text (trailing zeros and `-0` go anyway)
    // for a fraction of the cost of fixed-point float formatting. A fraction below the
    // smallest normal float is no fraction: above 1 it is 0 or at least 2^-52, and a
    // subnormal prints as 0 either way.
    // Below 1e15 the cast truncates exactly as `trunc` would (a library call on the
    // baseline target), and `v - n` is `v.fract()`, exactly.
    if v.abs() < 1e15 && (v - (v as i64) as f64).abs() < f64::MIN_POSITIVE {
        let n = v as i64;
        if n < 0 {
            out.push('-');
        }
        push_decimal(out, n.unsigned_abs(), 0);
        return;
    }
    // Trailing zeros are dropped from the scaled integer before it is written: the same
    // text as writing all the decimals and cutting the zeros (and a bare point) off, and a
    // value that rounds to zero loses its sign as `-0` did.
    if let Some((negative, mut n, mut d)) = fixed_parts(v, decimals) {
        while d > 0 && n % 10 == 0 {
            n /= 10;
            d -= 1;
        }
        if negative && n != 0 {
            out.push('-');
        }
        push_decimal(out, n, d);
        return;
    }
    let start = out.len();
    {
        use std::fmt::Write;
        // Writing to a String cannot fail.
        let _ = write!(out, "{:.*}", decimals, v);
    }
    // Trailing zeros (and a bare point) are cut off in place.
    let written = out.get(start..).unwrap_or_default();
    if written.contains('.') {
        let kept = written.trim_end_matches('0').trim_end_matches('.').len();
        out.truncate(start + kept);
    }
    if out.get(start..) == Some("-0") {
        out.truncate(start);
        out.push('0');
    }
}

/// `format!("{:.*}", decimals, v)` by integer arithmetic: `v` scaled by `10^decimals`
/// and rounded. Exact fixed-point formatting (Grisu, often falling back to Dragon4 with
/// bignums) rounds the exact binary value; the scaled product is within half a unit in its
/// last place of that value times `10^decimals`, so unless it lies within twice that of a
/// half, both round to the same integer; near a half the exact binary value is rounded
/// by integers ([`exact_scaled`]). `None` (format it the exact way) for more than six
/// decimals or beyond 2^53. (The writers use [`push_fixed`]; this is what the tests
/// compare with `format!`.)
#[cfg(test)]
fn fixed_by_integers(v: f64, decimals: usize) -> Option<String> {
    let mut s = String::with_capacity(24);
    push_fixed(&mut s, v, decimals).then_some(s)
}

/// Appends [`fixed_by_integers`]`(v, decimals)` to `out` and returns true, or returns
/// false (and appends nothing) where that is `None`.
fn push_fixed(out: &mut String, v: f64, decimals: usize) -> bool {
    let Some((negative, n, d)) = fixed_parts(v, decimals) else {
        return false;
    };
    // Formatting keeps the sign of a negative value that rounds to zero (`-0.0`).
    if negative {
        out.push('-');
    }
    push_decimal(out, n, d);
    true
}

/// `a` (finite, not negative) times `10^d` rounded to an integer as `format!` rounds it:
/// the exact binary value, a tie to the even integer. `a` is `m · 2^e` exactly, and
/// `m · 10^d` (below 2^53 · 10^6 < 2^73) fits in 128 bits, so the rounding is integer
/// arithmetic. `None` for `d` above 6 or a result beyond `u64`.
fn exact_scaled(a: f64, d: u32) -> Option<u64> {
    if d > 6 || !a.is_finite() || a.is_sign_negative() {
        return None;
    }
    let bits = a.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    // Subnormals have no hidden bit and the smallest exponent.
    let (m, e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    let n = u128::from(m) * u128::from(10u64.pow(d));
    if e >= 0 {
        // A whole number: no rounding, only a shift (small, or the result is too big).
        let e = u32::try_from(e).ok().filter(|&e| e < 64)?;
        let shifted = n.checked_mul(1u128 << e)?;
        return u64::try_from(shifted).ok();
    }
    let k = e.unsigned_abs();
    if k >= 128 {
        // Below 2^73 / 2^128: far under a half.
        return Some(0);
    }
    let whole = n >> k;
    let rest = n & ((1u128 << k) - 1);
    let half = 1u128 << (k - 1);
    let up = rest > half || (rest == half && whole & 1 == 1);
    u64::try_from(whole + u128::from(up)).ok()
}

/// `v` to `decimals` decimals as (negative, `|v|` scaled by `10^decimals` and rounded,
/// decimals), or `None` where [`fixed_by_integers`] is `None`.
fn fixed_parts(v: f64, decimals: usize) -> Option<(bool, u64, usize)> {
    // 10^d from a table: `pow` with a variable exponent is a loop.
    const POW10: [f64; 7] = [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6];
    let d = u32::try_from(decimals).ok().filter(|d| *d <= 6)?;
    let scaled = v.abs() * POW10[d as usize];
    // NaN and infinities are not finite; beyond 2^53 integers are no longer exact.
    if !scaled.is_finite() || scaled >= 9.0e15 {
        return None;
    }
    // `scaled` is in [0, 2^53): its integer part is the cast, exactly, and the fraction
    // left is exact too. (`floor` and `round` are library calls on the baseline target;
    // rounding half away from zero is the integer part plus one from a half up.) The casts
    // go through i64, which holds every such value: one instruction each way, where u64
    // casts take a branch and several on x86-64.
    let whole = scaled as i64;
    let frac = scaled - whole as f64;
    let whole = whole.unsigned_abs();
    if (frac - 0.5).abs() <= 2.0 * f64::EPSILON * scaled {
        // Too near a half for the product to tell: the exact binary value decides (what
        // `format!` rounds), where formatting it the exact way costs thousands of steps.
        return Some((v.is_sign_negative(), exact_scaled(v.abs(), d)?, d as usize));
    }
    Some((
        v.is_sign_negative(),
        whole + u64::from(frac >= 0.5),
        d as usize,
    ))
}

/// Appends `n / 10^d` with exactly `d` decimals (`d` at most 6): at least `d + 1` digits
/// (0.05 to two decimals is 5: `0.05`), the point before the last `d` of them, all
/// written into one buffer and pushed once.
fn push_decimal(out: &mut String, mut n: u64, d: usize) {
    // 20 digits of a u64, six more zeros at most, the point.
    let mut buf = [b'0'; 28];
    let mut i = buf.len();
    for _ in 0..d.min(6) {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    if d > 0 {
        i -= 1;
        buf[i] = b'.';
    }
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // ASCII digits and a point, pushed as characters: a UTF-8 check of a few bytes and a
    // copy call cost more than the pushes. The mask changes no byte (all are ASCII) but
    // shows each to be below 0x80, so every push is one byte without a test for a
    // two-byte encoding.
    for &b in &buf[i..] {
        out.push(char::from(b & 0x7f));
    }
}

/// A percentage with one decimal, as findings print derived shares: `60.0%`.
pub fn fmt_pct(v: f64) -> String {
    let mut s = String::with_capacity(16);
    push_pct(&mut s, v);
    s
}

/// Appends [`fmt_pct`]`(v)` to `out`.
fn push_pct(out: &mut String, v: f64) {
    let start = out.len();
    if !push_fixed(out, v, 1) {
        use std::fmt::Write;
        // Writing to a String cannot fail.
        let _ = write!(out, "{v:.1}");
    }
    out.push('%');
    if out.get(start..) == Some("-0.0%") {
        out.truncate(start);
        out.push_str("0.0%");
    }
}

/// A percentage interval with one decimal: `60.0%–72.7%`, or one value when both ends print alike.
pub fn fmt_pct_interval(iv: &Interval) -> String {
    let mut s = String::with_capacity(32);
    match (iv.lo.is_finite(), iv.hi.is_finite()) {
        (true, true) => {
            // Both ends written, then the second cut off again when it prints alike.
            push_pct(&mut s, iv.lo);
            let b = s.len();
            s.push('–');
            let c = s.len();
            push_pct(&mut s, iv.hi);
            if s.get(..b) == s.get(c..) {
                s.truncate(b);
            }
        }
        (true, false) => {
            s.push_str("≥ ");
            push_pct(&mut s, iv.lo);
        }
        (false, true) => {
            s.push_str("≤ ");
            push_pct(&mut s, iv.hi);
        }
        (false, false) => s.push_str("any value"),
    }
    s
}

/// A base-unit value with a Chinese magnitude, up to two decimals: `485000` → `48.5万`,
/// `1.71e10` → `171亿`, `2.5e12` → `2.5万亿`.
pub fn fmt_magnitude(v: f64) -> String {
    let mut s = String::with_capacity(24);
    push_magnitude(&mut s, v);
    s
}

/// Appends [`fmt_magnitude`]`(v)` to `out`.
fn push_magnitude(out: &mut String, v: f64) {
    let a = v.abs();
    let (div, word) = if a >= 1e12 {
        (1e12, "万亿")
    } else if a >= 1e8 {
        (1e8, "亿")
    } else if a >= 1e4 {
        (1e4, "万")
    } else {
        (1.0, "")
    };
    push_trim(out, v / div, 2);
    out.push_str(word);
}

/// How a unit reads after a number: `%`, `美元`, `元`, `枚` …
pub fn unit_suffix(unit: Option<&Unit>) -> String {
    unit_suffix_str(unit).to_string()
}

/// [`unit_suffix`] without the copy.
fn unit_suffix_str(unit: Option<&Unit>) -> &str {
    match unit {
        None => "",
        // Matched byte by byte: a string pattern compares through a library call per
        // currency, and most units (枚, 辆, 台 …) are three bytes like the codes.
        Some(u) => match u.code.as_bytes() {
            [b'U', b'S', b'D'] => "美元",
            [b'C', b'N', b'Y'] => "元",
            [b'H', b'K', b'D'] => "港元",
            [b'E', b'U', b'R'] => "欧元",
            [b'J', b'P', b'Y'] => "日元",
            [b'G', b'B', b'P'] => "英镑",
            _ => u.code.as_str(),
        },
    }
}

/// True for percent units (shares, growth rates).
pub fn is_percent(unit: Option<&Unit>) -> bool {
    matches!(unit.map(|u| u.kind), Some(UnitKind::Percent))
}

/// One value with its unit: percent with up to two decimals (`59.5%`), anything else with a
/// Chinese magnitude (`48.5万枚`, `171亿美元`). Infinite ends print as `∞`.
pub fn fmt_value(v: f64, unit: Option<&Unit>) -> String {
    // Built in one string, with room for the magnitude word and the unit: these run
    // for every operand of every finding.
    let mut s = String::with_capacity(32);
    push_value(&mut s, v, unit);
    s
}

/// Appends [`fmt_value`]`(v, unit)` to `out`.
fn push_value(out: &mut String, v: f64, unit: Option<&Unit>) {
    if !v.is_finite() {
        out.push_str(if v > 0.0 { "∞" } else { "−∞" });
    } else if is_percent(unit) {
        push_trim(out, v, 2);
        out.push('%');
    } else {
        push_magnitude(out, v);
        out.push_str(unit_suffix_str(unit));
    }
}

/// An interval with its unit: `59.5%–60.5%`, `≥ 65.45%`, `60万枚–80万枚`, or one value.
pub fn fmt_interval(iv: &Interval, unit: Option<&Unit>) -> String {
    let mut s = String::with_capacity(48);
    push_interval(&mut s, iv, unit);
    s
}

/// Appends [`fmt_interval`]`(iv, unit)` to `out`.
fn push_interval(out: &mut String, iv: &Interval, unit: Option<&Unit>) {
    match (iv.lo.is_finite(), iv.hi.is_finite()) {
        (true, true) => {
            // Both ends written, then the second cut off again when it prints alike.
            let a = out.len();
            push_value(out, iv.lo, unit);
            let b = out.len();
            out.push('–');
            let c = out.len();
            push_value(out, iv.hi, unit);
            if out.get(a..b) == out.get(c..) {
                out.truncate(b);
            }
        }
        (true, false) => {
            out.push_str("≥ ");
            push_value(out, iv.lo, unit);
        }
        (false, true) => {
            out.push_str("≤ ");
            push_value(out, iv.hi, unit);
        }
        (false, false) => out.push_str("any value"),
    }
}

/// A claim's nominal value for formulas: `60万`, `30万–40万` (unit left out).
pub fn fmt_operand(claim: &Claim) -> String {
    match nominal(claim) {
        Some(iv) if iv.lo < iv.hi => {
            // Both ends into one string (no `format!` of two fresh ones).
            let mut s = String::with_capacity(32);
            push_magnitude(&mut s, iv.lo);
            s.push('–');
            push_magnitude(&mut s, iv.hi);
            s
        }
        Some(iv) => fmt_magnitude(iv.lo),
        None => "?".to_string(),
    }
}

#[cfg(test)]
pub(crate) mod testkit;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{ClaimKind, Hedge};
    use crate::document::Span;

    fn share(value: Value, hedge: Option<(&str, HedgeKind)>) -> Claim {
        Claim {
            id: 0,
            span: Span::new(0, 0),
            kind: ClaimKind::Share,
            value,
            bounds: Vec::new(),
            unit: Some(Unit::new("%", UnitKind::Percent)),
            magnitude: None,
            hedge: hedge.map(|(t, k)| Hedge {
                text: t.to_string(),
                kind: k,
            }),
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

    fn pct(v: f64, step: f64) -> Value {
        Value::Point(Num::new(v, step))
    }

    #[test]
    fn written_precision_without_hedge() {
        let c = share(pct(13.1, 0.1), None);
        let a = allowed(&c).unwrap();
        assert!((a.lo - 13.05).abs() < 1e-9 && (a.hi - 13.15).abs() < 1e-9);
    }

    #[test]
    fn about_widens_both_ways_by_five_percent_or_a_step() {
        let a = allowed(&share(pct(65.0, 1.0), Some(("约", HedgeKind::About)))).unwrap();
        assert!((a.lo - 61.25).abs() < 1e-9 && (a.hi - 68.75).abs() < 1e-9);
        // Small numbers: one step is more than 5%.
        let b = allowed(&share(pct(3.0, 1.0), Some(("约", HedgeKind::About)))).unwrap();
        assert!((b.lo - 1.5).abs() < 1e-9 && (b.hi - 4.5).abs() < 1e-9);
    }

    #[test]
    fn directional_hedges() {
        let above = allowed(&share(pct(50.0, 1.0), Some(("超", HedgeKind::Above)))).unwrap();
        assert!((above.lo - 49.5).abs() < 1e-9 && above.hi.is_infinite());
        let well = allowed(&share(pct(60.0, 1.0), Some(("远超", HedgeKind::WellAbove)))).unwrap();
        assert!((well.lo - 65.45).abs() < 1e-9);
        let below = allowed(&share(pct(30.0, 1.0), Some(("不到", HedgeKind::Below)))).unwrap();
        assert!(below.lo.is_infinite() && (below.hi - 30.5).abs() < 1e-9);
        let each = allowed(&share(pct(20.0, 1.0), Some(("均", HedgeKind::Each)))).unwrap();
        assert!((each.lo - 19.5).abs() < 1e-9 && (each.hi - 20.5).abs() < 1e-9);
    }

    #[test]
    fn share_of_sum_over_ranges() {
        let d = share_of_sum_pct(&Interval::new(60e4, 80e4), &Interval::new(30e4, 40e4)).unwrap();
        assert_eq!(fmt_pct_interval(&d), "60.0%–72.7%");
    }

    #[test]
    fn growth_and_ratio() {
        let g = growth_pct(&Interval::point(100.0), &Interval::point(166.0)).unwrap();
        assert!((g.lo - 66.0).abs() < 1e-9);
        assert!(growth_pct(&Interval::point(0.0), &Interval::point(1.0)).is_none());
        let r = ratio_pct(&Interval::point(48e4), &Interval::point(120e4)).unwrap();
        assert_eq!(fmt_pct_interval(&r), "40.0%");
    }

    #[test]
    fn interval_relations() {
        let a = Interval::new(60.0, 72.7);
        assert!(a.overlaps(&Interval::new(72.7, 80.0)));
        assert!(!a.overlaps(&Interval::new(72.8, 80.0)));
        assert!(Interval::new(59.5, f64::INFINITY).contains(&a));
        assert!(!Interval::new(65.45, f64::INFINITY).contains(&a));
    }

    #[test]
    fn formats_magnitudes_and_units() {
        assert_eq!(fmt_magnitude(485000.0), "48.5万");
        assert_eq!(fmt_magnitude(1.71e10), "171亿");
        assert_eq!(fmt_magnitude(1.7108e10), "171.08亿");
        assert_eq!(fmt_magnitude(2.5e12), "2.5万亿");
        assert_eq!(fmt_magnitude(950.0), "950");
        let usd = Unit::new("USD", UnitKind::Currency);
        assert_eq!(fmt_value(1.71e10, Some(&usd)), "171亿美元");
        let pct = Unit::new("%", UnitKind::Percent);
        assert_eq!(
            fmt_interval(&Interval::new(59.5, f64::INFINITY), Some(&pct)),
            "≥ 59.5%"
        );
        assert_eq!(fmt_pct(-0.01), "0.0%");
    }

    /// `v` to `d` decimals by `format!`, trailing zeros and point dropped, `-0` as `0`: the
    /// slow reference the digit-pushing formatter is tested against.
    fn fixed_point_trimmed(v: f64, d: usize) -> String {
        let s = format!("{v:.d$}");
        let s = if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        };
        if s == "-0" {
            "0".to_string()
        } else {
            s
        }
    }

    /// The integer shortcut prints what fixed-point formatting and trimming print.
    #[test]
    fn whole_numbers_print_as_fixed_point_would() {
        let slow = fixed_point_trimmed;
        for v in [
            0.0,
            -0.0,
            1.0,
            -3.0,
            171.0,
            485_000.0,
            1.71e10,
            9.99e14,
            1e15,
            2.5,
            -0.004,
            1e-310,
            0.995,
            12.345,
            f64::INFINITY,
            f64::NAN,
        ] {
            for d in [0, 1, 2, 3, 4, 5, 6] {
                assert_eq!(fmt_trim(v, d), slow(v, d), "{v} to {d} decimals");
            }
        }
    }

    /// The integer path prints what fixed-point formatting and trimming print, over values
    /// of every size and the halves where rounding is decided by the binary value.
    #[test]
    fn fractions_print_as_fixed_point_would() {
        let slow = fixed_point_trimmed;
        let mut values = vec![
            0.125,
            0.005,
            1.005,
            2.675,
            1.115,
            0.045,
            48.5,
            171.08,
            13.1099,
            0.995,
            9.995,
            -0.004,
            -0.005,
            -2.675,
            1e-310,
            0.5,
            1.5,
            2.5,
            0.05,
            0.15,
            0.25,
            0.35,
            12.345,
            8.9e15,
            9.1e15,
            1234.5678,
            65.45,
            60.0,
            72.72727,
            f64::NAN,
            f64::INFINITY,
        ];
        // A fixed pseudo-random spread of magnitudes and digits.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let mantissa = (x >> 11) as f64 / (1u64 << 53) as f64;
            let exp = ((x >> 3) % 24) as i32 - 8;
            let sign = if x & 1 == 0 { 1.0 } else { -1.0 };
            values.push(sign * mantissa * 10f64.powi(exp));
            // Values written with a few decimals, as claims are: 41.23, 0.135 …
            let cents = (x >> 20) % 1_000_000;
            values.push(cents as f64 / 1000.0);
            values.push(cents as f64 / 100.0);
        }
        let mut prev = 0.0;
        for v in values {
            // Interval ends, including infinite and equal ones, as the `format!` version
            // that `fmt_pct_interval` replaced wrote them.
            for (lo, hi) in [
                (prev, v),
                (v, v),
                (v, f64::INFINITY),
                (f64::NEG_INFINITY, v),
            ] {
                let iv = Interval { lo, hi };
                let old = match (lo.is_finite(), hi.is_finite()) {
                    (true, true) => {
                        let (a, b) = (fmt_pct(lo), fmt_pct(hi));
                        if a == b {
                            a
                        } else {
                            format!("{a}–{b}")
                        }
                    }
                    (true, false) => format!("≥ {}", fmt_pct(lo)),
                    (false, true) => format!("≤ {}", fmt_pct(hi)),
                    (false, false) => "any value".to_string(),
                };
                assert_eq!(fmt_pct_interval(&iv), old, "{lo:e}–{hi:e}");
            }
            prev = v;
            for d in [0, 1, 2, 6] {
                assert_eq!(fmt_trim(v, d), slow(v, d), "{v:e} to {d} decimals");
                if let Some(fast) = fixed_by_integers(v, d) {
                    assert_eq!(fast, format!("{v:.d$}"), "{v:e} to {d} decimals");
                }
            }
            let pct = format!("{v:.1}%");
            let pct = if pct == "-0.0%" {
                "0.0%".to_string()
            } else {
                pct
            };
            assert_eq!(fmt_pct(v), pct, "{v:e} as a percentage");
        }
    }

    #[test]
    fn describes_hedged_claims() {
        let c = share(pct(60.0, 1.0), Some(("远超", HedgeKind::WellAbove)));
        let d = describe(&c);
        assert!(d.contains("±0.5%"), "{d}");
        assert!(d.contains("65.45%"), "{d}");
    }

    /// The `format!` version of [`describe`] it replaced, kept as the oracle.
    fn describe_by_format(claim: &Claim) -> String {
        let unit = claim.unit.as_ref();
        let interval = |iv: &Interval| match (iv.lo.is_finite(), iv.hi.is_finite()) {
            (true, true) => {
                let (a, b) = (fmt_value(iv.lo, unit), fmt_value(iv.hi, unit));
                if a == b {
                    a
                } else {
                    format!("{a}–{b}")
                }
            }
            (true, false) => format!("≥ {}", fmt_value(iv.lo, unit)),
            (false, true) => format!("≤ {}", fmt_value(iv.hi, unit)),
            (false, false) => "any value".to_string(),
        };
        let mut s = match (&claim.value, nominal(claim), written(claim)) {
            (Value::Range { low, high }, _, _) => format!(
                "the ends are written to ±{} and ±{}: {} ({}–{}), {} ({}–{})",
                fmt_value(low.step.abs() / 2.0, unit),
                fmt_value(high.step.abs() / 2.0, unit),
                fmt_value(low.value, unit),
                fmt_value(low.low(), unit),
                fmt_value(low.high(), unit),
                fmt_value(high.value, unit),
                fmt_value(high.low(), unit),
                fmt_value(high.high(), unit)
            ),
            (_, Some(n), Some(w)) => format!(
                "{} is written to ±{} ({}–{})",
                interval(&n),
                fmt_value(half_step(claim), unit),
                fmt_value(w.lo, unit),
                fmt_value(w.hi, unit)
            ),
            _ => return "no numeric value".to_string(),
        };
        let Some(h) = &claim.hedge else {
            return s;
        };
        let Some(a) = allowed(claim) else {
            return s;
        };
        let meaning = match h.kind {
            HedgeKind::About => format!(
                "{} (about) widens by max({}%, one step) to {}",
                h.text,
                fmt_trim(ABOUT_REL * 100.0, 1),
                interval(&a)
            ),
            HedgeKind::Above | HedgeKind::AtLeast => {
                format!("{} (above) means {}", h.text, interval(&a))
            }
            HedgeKind::WellAbove => format!(
                "{} (well above) means ≥ {}× the low end = {}",
                h.text,
                fmt_trim(WELL_ABOVE_FACTOR, 2),
                fmt_value(a.lo, unit)
            ),
            HedgeKind::Below | HedgeKind::AtMost => {
                format!("{} (below) means {}", h.text, interval(&a))
            }
            HedgeKind::Each => format!("{} (each) applies to every subject named", h.text),
        };
        s.push_str("; ");
        s.push_str(&meaning);
        s
    }

    proptest::proptest! {
        /// Near a half (ties written in decimal, their float neighbours, exact binary
        /// ties) the integer rounding writes what `format!` writes.
        #[test]
        fn near_halves_round_as_format_does(
            q in 0u64..20_000_000,
            d in 0usize..7,
            nudge in -3i64..4,
            tie in proptest::bool::ANY,
            sign in proptest::bool::ANY,
        ) {
            let v = if tie {
                // An exact binary tie: an odd multiple of a power of two.
                (2 * q + 1) as f64 / f64::from(1u32 << (d + 1))
            } else {
                (q as f64 + 0.5) / 10f64.powi(d as i32)
            };
            let v = f64::from_bits(v.to_bits().wrapping_add_signed(nudge));
            let v = if sign { -v } else { v };
            if let Some(fast) = fixed_by_integers(v, d) {
                proptest::prop_assert_eq!(fast, format!("{v:.d$}"), "{:e} to {} decimals", v, d);
            }
            proptest::prop_assert!(!v.is_finite() || v.abs() * 10f64.powi(d as i32) >= 9.0e15
                || fixed_by_integers(v, d).is_some());
        }
    }

    proptest::proptest! {
        /// [`describe`] writes exactly what the `format!` version wrote, for points, ranges
        /// and missing values in percent, currency, counted units or none, under every hedge.
        #[test]
        fn describe_matches_the_format_version(
            v in proptest::prop_oneof![
                0.0f64..100.0,
                0.0f64..1e13,
                proptest::num::f64::ANY,
            ],
            w in 0.0f64..1e13,
            steps in (0usize..9, 0usize..9),
            shape in 0u8..3,
            unit in 0usize..4,
            hedge in 0usize..8,
        ) {
            const STEPS: [f64; 9] = [0.01, 0.1, 1.0, 10.0, 1e4, 1e5, 1e8, 1e9, 0.0];
            let (a, b) = (Num::new(v, STEPS[steps.0]), Num::new(w, STEPS[steps.1]));
            let value = match shape {
                0 => Value::Point(a),
                1 => Value::Range { low: a, high: b },
                _ => Value::None,
            };
            let mut c = share(value, None);
            c.unit = match unit {
                0 => Some(Unit::new("%", UnitKind::Percent)),
                1 => Some(Unit::new("USD", UnitKind::Currency)),
                2 => Some(Unit::new("辆", UnitKind::Measure)),
                _ => None,
            };
            let kinds = [
                HedgeKind::About,
                HedgeKind::Above,
                HedgeKind::AtLeast,
                HedgeKind::WellAbove,
                HedgeKind::Below,
                HedgeKind::AtMost,
                HedgeKind::Each,
            ];
            c.hedge = kinds.get(hedge).map(|&k| Hedge { text: "约".to_string(), kind: k });
            proptest::prop_assert_eq!(describe(&c), describe_by_format(&c));
        }
    }
}
