//! NC103 repeated-figure-mismatch: one subject, metric and period given different values in different places.
//!
//! Also home of the small helpers NC102, NC111 and NC302 share: the subject/metric key
//! normalisation, hedge-widened intervals and base-unit formatting.

use crate::checks::{Check, Context, Outcome};
use crate::claim::{Claim, ClaimKind, Direction, HedgeKind, Num, Value};
use crate::finding::{Finding, RuleInfo};
use crate::reference::{AliasKind, Reference};
use std::collections::{BTreeMap, BTreeSet};

crate::declare_rule!(
    RepeatedFigureMismatch,
    "NC103",
    "repeated-figure-mismatch",
    Error,
    "the same subject, metric and period given different values in different places",
    "Flags a figure repeated elsewhere in the article with a value that cannot be the same.

What it checks: quantity claims (levels, shares, growth, point changes, multiples) are indexed
by a key of subject + segment + metric + kind (+ direction for changes) + unit. Within one key,
claims in different sentences about the same period must agree. A claim without a period is
compared only when every other mention of the key names one and the same period (the period
is then unambiguous). Ranges are compared end by end; a range and a point must overlap.

Key normalisation (so that mentions of one thing meet and different things never do):
- subjects: leading indefinite determiners are dropped with the evaluative words that follow
  them (`某`, `某家`, `某款`, `一家`, `一款` + `主流`, `知名`, `头部`, `领先`, `大型`):
  `某主流国产AI芯片` and `国产AI芯片` are one subject, an unnamed member of the same class;
  `主流国产AI芯片` alone (no determiner) is kept as written. Reference aliases map names
  to one entity (`英伟达` = `NVIDIA`); ASCII is case-folded. A claim without a subject or a
  metric is never compared: two different subjects with one metric never meet.
- metrics: reference aliases, then synonyms (`出货` = `出货量` = `发货量`, `营收` = `收入` =
  `营业收入`, `净利` = `净利润`, `销量` = `销售量`).
- a figure that is the start or end of a stated change (`从A增长到B`) is not a repetition.

Why: when an article repeats a figure, one of the copies is often mistyped (a lost 万, a
swapped digit), and nothing else in the text reveals it.

Flagged: `某主流国产AI芯片出货量约为30万-40万枚` … `国产AI芯片已实现30万-40枚出货` (the high
ends 40万 and 40 cannot meet); the finding sits on the later mention and links the earlier.

Not flagged: `约为60万-80万枚` … `曾有60万-80万枚出货量`; `约50%的AI研究人员` … `50%AI研究人员`;
`英伟达收入171亿美元` … `微软收入2450亿美元` (different subjects).

Tolerance: written precision first (`171亿` is 170.5亿–171.5亿), then the hedge: 约/左右
±10%, 超/逾/多/以上/至少 the value or more, 远超 above the value, 近/不到 up to 20% below,
最多/以下 the value or less, 均 none."
);

impl Check for RepeatedFigureMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Outcome) {
        // Figures that are the ends of a stated change describe two moments, not one.
        let change_ends: BTreeSet<usize> = cx
            .claims
            .iter()
            .filter_map(|c| c.change_of)
            .flat_map(|(a, b)| [a, b])
            .collect();
        let mut groups: BTreeMap<FigureKey, Vec<&Claim>> = BTreeMap::new();
        for c in cx.claims {
            if change_ends.contains(&c.id) {
                continue;
            }
            if let Some(k) = figure_key(cx.reference, c) {
                groups.entry(k).or_default().push(c);
            }
        }
        for group in groups.values() {
            check_group(cx, group, out);
        }
    }
}

/// Normalised identity of a series: subject, segment and metric.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SeriesKey {
    /// Normalised subject.
    pub subject: String,
    /// Normalised segment, empty for none.
    pub segment: String,
    /// Normalised metric.
    pub metric: String,
}

/// The series a claim belongs to, if it names both a subject and a metric.
pub fn series_key(reference: &Reference, claim: &Claim) -> Option<SeriesKey> {
    let subject = normalise_subject(reference, claim.subject.as_deref()?)?;
    let metric = normalise_metric(reference, claim.metric.as_deref()?)?;
    let segment = claim
        .segment
        .as_deref()
        .map(|s| canonical_or_folded(reference, AliasKind::Segment, s.trim()))
        .unwrap_or_default();
    Some(SeriesKey {
        subject,
        segment,
        metric,
    })
}

/// The key under which repeated mentions of one figure meet (period handled apart).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct FigureKey {
    series: SeriesKey,
    kind: u8,
    direction: u8,
    unit: String,
}

fn figure_key(reference: &Reference, c: &Claim) -> Option<FigureKey> {
    let kind = match c.kind {
        ClaimKind::Level => 0,
        ClaimKind::Share => 1,
        ClaimKind::Growth => 2,
        ClaimKind::PointChange => 3,
        ClaimKind::Multiple => 4,
        _ => return None,
    };
    if !c.is_quantity() {
        return None;
    }
    let direction = match c.direction {
        None => 0,
        Some(Direction::Up) => 1,
        Some(Direction::Down) => 2,
    };
    Some(FigureKey {
        series: series_key(reference, c)?,
        kind,
        direction,
        unit: c.unit.as_ref().map(|u| u.code.clone()).unwrap_or_default(),
    })
}

/// Indefinite determiners that introduce an unnamed member of a class.
const DETERMINERS: &[&str] = &[
    "某一", "某个", "某家", "某款", "某位", "某", "一家", "一款", "一个", "一位",
];
/// Evaluative words that may follow a determiner without narrowing the class named after them.
const EVALUATIVE: &[&str] = &["主流", "知名", "头部", "领先", "大型"];

/// A subject reduced to what identifies it; `None` when nothing is left.
pub fn normalise_subject(reference: &Reference, subject: &str) -> Option<String> {
    let mut s = subject.trim();
    if let Some(d) = DETERMINERS.iter().find(|d| s.starts_with(**d)) {
        s = &s[d.len()..];
        while let Some(e) = EVALUATIVE.iter().find(|e| s.starts_with(**e)) {
            s = &s[e.len()..];
        }
    }
    let s = s.trim();
    (!s.is_empty()).then(|| canonical_or_folded(reference, AliasKind::Entity, s))
}

/// Metric synonyms: every word in a row means its first word.
const METRIC_SYNONYMS: &[&[&str]] = &[
    &["出货", "出货量", "发货量", "发货"],
    &["收入", "营收", "营业收入", "总收入", "总营收"],
    &["净利润", "净利"],
    &["销量", "销售量"],
    &["销售额", "销售收入"],
    &["份额", "市场份额", "市占率", "市场占有率"],
];

/// A metric reduced to its canonical word; `None` for an empty metric.
pub fn normalise_metric(reference: &Reference, metric: &str) -> Option<String> {
    let m = metric.trim();
    if m.is_empty() {
        return None;
    }
    if let Some(c) = reference.canonical(AliasKind::Metric, m) {
        return Some(c.to_string());
    }
    for row in METRIC_SYNONYMS {
        if row.contains(&m) {
            return Some(row[0].to_string());
        }
    }
    Some(m.to_ascii_lowercase())
}

fn canonical_or_folded(reference: &Reference, kind: AliasKind, s: &str) -> String {
    reference
        .canonical(kind, s)
        .map(str::to_string)
        .unwrap_or_else(|| s.to_ascii_lowercase())
}

/// Compares the mentions of one key; reports each later mention that disagrees with an
/// earlier one about the same period, linking the earlier one.
fn check_group(cx: &Context<'_>, group: &[&Claim], out: &mut Outcome) {
    let periods: BTreeSet<&str> = group.iter().filter_map(|c| c.period.as_deref()).collect();
    let same_period = |a: &Claim, b: &Claim| match (a.period.as_deref(), b.period.as_deref()) {
        (Some(x), Some(y)) => x == y,
        // An unstated period is the key's only stated one, or none is stated anywhere.
        _ => periods.len() <= 1,
    };
    for (i, later) in group.iter().enumerate() {
        for earlier in &group[..i] {
            if earlier.sentence == later.sentence || !same_period(earlier, later) {
                continue;
            }
            out.mark_checked(earlier.id);
            out.mark_checked(later.id);
            if let Some(f) = disagreement(cx, earlier, later) {
                out.findings.push(f);
                break;
            }
        }
    }
}

/// A finding when `later` cannot state the same figure as `earlier`.
fn disagreement(cx: &Context<'_>, earlier: &Claim, later: &Claim) -> Option<Finding> {
    let unit = later.unit.as_ref().map(|u| u.code.as_str());
    let a = Reading::of(earlier)?;
    let b = Reading::of(later)?;
    let formula = match (&a, &b) {
        (Reading::Range(al, ah), Reading::Range(bl, bh)) => {
            let low_ok = overlaps(*al, *bl);
            let high_ok = overlaps(*ah, *bh);
            if low_ok && high_ok {
                return None;
            }
            let (x, y, end) = if high_ok {
                (al, bl, "low")
            } else {
                (ah, bh, "high")
            };
            format!(
                "{end} ends: {} here vs {} before: no overlap",
                fmt_interval(*y, unit),
                fmt_interval(*x, unit)
            )
        }
        _ => {
            let (x, y) = (a.hull(), b.hull());
            if overlaps(x, y) {
                return None;
            }
            format!(
                "{} here vs {} before: no overlap",
                fmt_interval(y, unit),
                fmt_interval(x, unit)
            )
        }
    };
    let (ta, tb) = (cx.doc.slice(earlier.span), cx.doc.slice(later.span));
    let line = cx.doc.locate(earlier.span).line;
    let what = describe_key(later);
    Some(
        Finding::new(
            &INFO,
            later.span,
            format!("`{tb}` disagrees with `{ta}` on line {line} for the same {what}"),
        )
        .stated(format!("{tb} = {}", b.describe(unit)))
        .expected(format!("{ta} = {} (line {line})", a.describe(unit)))
        .formula(formula)
        .tolerance(TOLERANCE)
        .suggestion(
            ta.strip_prefix(hedge_text(earlier))
                .unwrap_or(ta)
                .to_string(),
        )
        .related(earlier.span, format!("first stated here as {ta}")),
    )
}

/// How the rules read hedges, for findings' tolerance lines.
pub const TOLERANCE: &str = "written precision (half a unit of the last digit), then the hedge: 约/左右 ±10%, 超/逾/以上 at or above, 远超 above, 近/不到 up to 20% below, 最多/以下 at or below";

fn hedge_text(c: &Claim) -> &str {
    c.hedge.as_ref().map_or("", |h| h.text.as_str())
}

fn describe_key(c: &Claim) -> String {
    let mut parts: Vec<&str> = Vec::new();
    parts.extend(c.subject.as_deref());
    parts.extend(c.segment.as_deref());
    parts.extend(c.metric.as_deref());
    parts.extend(c.period.as_deref());
    format!("subject/metric/period ({})", parts.join(" · "))
}

/// A claim's value as intervals after precision and hedge.
enum Reading {
    Point((f64, f64)),
    Range((f64, f64), (f64, f64)),
}

impl Reading {
    fn of(c: &Claim) -> Option<Reading> {
        let h = c.hedge.as_ref().map(|h| h.kind);
        match c.value {
            Value::Point(n) => Some(Reading::Point(hedged_interval(n, h))),
            Value::Range { low, high } => Some(Reading::Range(
                hedged_interval(low, h),
                hedged_interval(high, h),
            )),
            Value::None => None,
        }
    }

    fn hull(&self) -> (f64, f64) {
        match *self {
            Reading::Point(p) => p,
            Reading::Range(a, b) => (a.0.min(b.0), a.1.max(b.1)),
        }
    }

    fn describe(&self, unit: Option<&str>) -> String {
        match *self {
            Reading::Point(p) => fmt_interval(p, unit),
            Reading::Range(a, b) => format!(
                "low end {}, high end {}",
                fmt_interval(a, unit),
                fmt_interval(b, unit)
            ),
        }
    }
}

/// The interval a number stands for after written precision and hedge.
///
/// Open sides are infinite: `超60万` is `[59.5万, ∞)`.
pub fn hedged_interval(n: Num, hedge: Option<HedgeKind>) -> (f64, f64) {
    let (lo, hi) = (n.low(), n.high());
    let slack = n.value.abs();
    match hedge {
        None | Some(HedgeKind::Each) => (lo, hi),
        Some(HedgeKind::About) => (lo - 0.1 * slack, hi + 0.1 * slack),
        Some(HedgeKind::Above) | Some(HedgeKind::AtLeast) | Some(HedgeKind::WellAbove) => {
            (lo, f64::INFINITY)
        }
        Some(HedgeKind::Below) => (lo - 0.2 * slack, hi),
        Some(HedgeKind::AtMost) => (f64::NEG_INFINITY, hi),
    }
}

/// True when two closed intervals share a point.
pub fn overlaps(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// An interval in readable Chinese magnitudes, `[29.5万, 40.5万]枚`.
pub fn fmt_interval((lo, hi): (f64, f64), unit: Option<&str>) -> String {
    let side = |v: f64| {
        if v.is_infinite() {
            if v > 0.0 { "∞" } else { "-∞" }.to_string()
        } else {
            fmt_base(v, None)
        }
    };
    format!("[{}, {}]{}", side(lo), side(hi), unit_word(unit))
}

/// A base-unit value in Chinese magnitudes with its unit word: 3e5 `枚` → `30万枚`,
/// 1.71e10 `USD` → `171亿美元`, 13.1 `%` → `13.1%`.
pub fn fmt_base(v: f64, unit: Option<&str>) -> String {
    let a = v.abs();
    let (scaled, mag) = if a >= 1e12 {
        (v / 1e12, "万亿")
    } else if a >= 1e8 {
        (v / 1e8, "亿")
    } else if a >= 1e4 {
        (v / 1e4, "万")
    } else {
        (v, "")
    };
    let mut s = format!("{scaled:.4}");
    while s.contains('.') && (s.ends_with('0') || s.ends_with('.')) {
        s.pop();
    }
    if s == "-0" {
        s = "0".to_string();
    }
    format!("{s}{mag}{}", unit_word(unit))
}

/// The Chinese word for a unit code (`USD` → `美元`); measure words and `%` as they are.
pub fn unit_word(unit: Option<&str>) -> &str {
    match unit {
        None => "",
        Some("USD") => "美元",
        Some("CNY") => "元",
        Some("HKD") => "港元",
        Some("EUR") => "欧元",
        Some("JPY") => "日元",
        Some("GBP") => "英镑",
        Some(u) => u,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_base_values_in_chinese_magnitudes() {
        assert_eq!(fmt_base(3e5, Some("枚")), "30万枚");
        assert_eq!(fmt_base(1.71e10, Some("USD")), "171亿美元");
        assert_eq!(fmt_base(13.1, Some("%")), "13.1%");
        assert_eq!(fmt_base(295_000.0, None), "29.5万");
    }

    #[test]
    fn strips_determiners_only_with_what_follows_them() {
        let r = Reference::empty();
        let n = |s| normalise_subject(&r, s).unwrap();
        assert_eq!(n("某主流国产AI芯片"), "国产ai芯片");
        assert_eq!(n("国产AI芯片"), "国产ai芯片");
        assert_eq!(n("主流国产AI芯片"), "主流国产ai芯片");
        assert_eq!(n("一家头部车企"), "车企");
        assert!(normalise_subject(&r, "某").is_none());
    }

    #[test]
    fn metric_synonyms_meet() {
        let r = Reference::empty();
        assert_eq!(normalise_metric(&r, "出货量"), normalise_metric(&r, "出货"));
        assert_eq!(normalise_metric(&r, "营收"), normalise_metric(&r, "收入"));
        assert_ne!(normalise_metric(&r, "营收"), normalise_metric(&r, "净利润"));
    }

    #[test]
    fn hedges_widen_as_documented() {
        let n = Num::new(60.0, 1.0);
        let (lo, hi) = hedged_interval(n, Some(HedgeKind::About));
        assert!((lo - 53.5).abs() < 1e-9 && (hi - 66.5).abs() < 1e-9);
        assert!(hedged_interval(n, Some(HedgeKind::Above)).1.is_infinite());
        assert!(!overlaps((1.0, 2.0), (2.5, 3.0)));
    }
}
