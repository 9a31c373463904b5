//! NC106 growth-rate-mismatch: a stated growth rate (or point change) disagrees with the
//! from/to values written beside it.

use super::arith_cues::{
    between, clause_before, is_amount, is_clause_break, names_differ, same_unit, SentenceIndex,
};
use super::nc107_share_of_total_mismatch::operand;
use super::tolerance::{self as tol, Interval};
use super::{Check, Context, Outcome};
use crate::claim::{Claim, ClaimId, ClaimKind, Direction, UnitKind};
use crate::finding::{Finding, RuleInfo};
use std::collections::HashSet;

crate::declare_rule!(
    GrowthRateMismatch,
    "NC106",
    "growth-rate-mismatch",
    Error,
    "stated growth disagrees with the from/to values in the text",
    "NC106 growth-rate-mismatch (error)

What: a change is written with both ends and its rate — `从A增长到B，增长X%`,
`由A万辆增至B万辆，同比增长X%`, `翻番` (+100%) — and (B − A) ÷ A is not X. The ends come from
the extractor's from/to link (`change_of`) or, in the same sentence, from 从/由 A … 到/至 B
followed by the rate with no other figure between. When the ends are percentages
(`份额从30%提高到35%`) only a change in percentage points (`提高5个百分点`) is checked: a
relative rate of a share is ambiguous, and `从95%降到0%` with no rate states nothing to check.
Average or compound rates (年均, 复合, 平均, 每年) are per period and are not checked.

Why: the three figures sit in one sentence, so a reader takes the rate as arithmetic on the
other two; a rate that does not match means one of them is wrong.

Flagged: `销量由80万辆增至100万辆，同比增长35%` — (100万 − 80万) ÷ 80万 = 25.0%.

Not flagged: `销量由80万辆增至100万辆，同比增长25%`; `营收从50亿元增长到100亿元，实现翻番`;
`从2020年的80万辆增至2024年的200万辆，年均增长26%` (an average rate).

Tolerance: both ends over their written precision and hedges (80万 is 79.5万–80.5万), so the
derived rate is an interval; the stated rate over its precision and hedge (同比增长约25% is
±max(5%, one step)); a decline (下降, 减少) is a negative rate. Flagged only when the two
intervals do not meet.
"
);

impl Check for GrowthRateMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Outcome) {
        let idx = SentenceIndex::for_document(cx);
        let mut done: HashSet<ClaimId> = HashSet::new();
        for c in cx.claims {
            let Some(change) = find_change(cx, &idx, c) else {
                continue;
            };
            if done.insert(change.rate) {
                check(cx, &change, out);
            }
        }
    }
}

/// A change with both ends and its stated rate.
struct Change {
    from: ClaimId,
    to: ClaimId,
    rate: ClaimId,
}

/// How many claims back from a rate the from/to values are looked for.
const LOOK_BACK: usize = 6;

/// True for a stated rate this rule can check: a growth in percent or a change in points.
fn is_rate(c: &Claim) -> bool {
    let unit = c.unit.as_ref().map(|u| u.kind);
    c.is_quantity()
        && match c.kind {
            ClaimKind::Growth => matches!(unit, Some(UnitKind::Percent) | None),
            ClaimKind::PointChange => matches!(unit, Some(UnitKind::Points) | None),
            _ => false,
        }
}

/// True when the clause before a rate makes it an average or per-period rate.
fn is_average(clause: &str) -> bool {
    ["年均", "复合", "平均", "每年", "年化", "CAGR"]
        .iter()
        .any(|w| clause.contains(w))
}

/// The change whose rate is claim `c`, or whose to-claim is `c` (through `change_of`).
fn find_change(cx: &Context<'_>, idx: &SentenceIndex, c: &Claim) -> Option<Change> {
    if let Some((from, to)) = c.change_of {
        if is_rate(c) {
            return Some(Change {
                from,
                to,
                rate: c.id,
            });
        }
        // The link sits on another claim: the rate is the next figure in the to-claim's sentence.
        let to_claim = cx.claims.get(to)?;
        let ids = idx.of(to_claim.sentence);
        let pos = ids.binary_search(&to).ok()?;
        // Absolute changes (净增1000万) and durations (十年) may stand before the rate.
        let next = ids[pos + 1..]
            .iter()
            .take(LOOK_BACK)
            .filter_map(|&i| cx.claims.get(i))
            .filter(|n| n.is_quantity())
            .find(|n| !is_absolute_change(n) && !is_duration(n));
        if let Some(next) = next.filter(|n| is_rate(n)) {
            return Some(Change {
                from,
                to,
                rate: next.id,
            });
        }
        // The rate may come first: 同比增长42%，从720万台增至1020万台.
        let from_claim = cx.claims.get(from)?;
        let ids = idx.of(from_claim.sentence);
        let pos = ids.binary_search(&from).ok()?;
        let prev = ids[..pos]
            .iter()
            .rev()
            .filter_map(|&i| cx.claims.get(i))
            .find(|n| n.is_quantity())?;
        // Only punctuation may stand before the 从/由 that opens the change; what follows 从 is
        // the from-value's own period (从2023年同期的720万台). `营收增长10%，净利润从…` is
        // another metric's rate.
        let gap = between(cx, prev.span, from_claim.span);
        let adjacent = gap.find(['从', '由']).is_some_and(|i| {
            gap[..i]
                .chars()
                .all(|c| c.is_whitespace() || is_clause_break(c))
                && !gap[i..].chars().any(is_clause_break)
        });
        return (is_rate(prev) && adjacent).then_some(Change {
            from,
            to,
            rate: prev.id,
        });
    }
    if !is_rate(c) {
        return None;
    }
    // Same-sentence pattern: 从/由 A … 到/至 B … rate.
    let ids = idx.of(c.sentence);
    let pos = ids.binary_search(&c.id).ok()?;
    let mut back = ids[..pos]
        .iter()
        .rev()
        .take(LOOK_BACK)
        .filter_map(|&i| cx.claims.get(i))
        .filter(|n| n.is_quantity());
    let to = back.next()?;
    let from = back.next()?;
    let link = between(cx, from.span, to.span);
    // 由于/从而/从事 … hold 由/从 without opening a change.
    let mut lead = clause_before(cx, from).to_string();
    for w in ["由于", "从而", "从事", "从未", "从不", "自由", "理由"] {
        lead = lead.replace(w, "");
    }
    let opens = lead.contains('从') || lead.contains('由');
    let reaches = ["到", "至", "达"].iter().any(|w| link.contains(w));
    (opens && reaches).then_some(Change {
        from: from.id,
        to: to.id,
        rate: c.id,
    })
}

/// True for an amount stated as a change (净增1000万, 减少5亿元): a level with a direction.
fn is_absolute_change(c: &Claim) -> bool {
    c.kind == ClaimKind::Level && c.direction.is_some()
}

/// True for a span of time (十年, 3个月) between a change and its rate.
fn is_duration(c: &Claim) -> bool {
    matches!(
        c.unit.as_ref().map(|u| u.code.as_str()),
        Some("年" | "个月" | "月" | "天" | "日" | "周" | "季度")
    )
}

/// True for two levels a growth rate can be computed between: amounts of one unit, or bare
/// numbers with a magnitude and no unit on either side (用户数从2000万增至3000万).
fn comparable_levels(a: &Claim, b: &Claim) -> bool {
    let bare = |c: &Claim| c.kind == ClaimKind::Level && c.is_quantity() && c.unit.is_none();
    (is_amount(a) && is_amount(b) && same_unit(a.unit.as_ref(), b.unit.as_ref()))
        || (bare(a) && bare(b))
}

/// The stated rate as an interval in percent (or points), declines negative.
fn stated_rate(c: &Claim) -> Option<Interval> {
    let a = tol::allowed(c)?;
    Some(match c.direction {
        Some(Direction::Down) if a.lo >= 0.0 => Interval::new(-a.hi, -a.lo),
        _ => a,
    })
}

fn check(cx: &Context<'_>, ch: &Change, out: &mut Outcome) {
    let (Some(a), Some(b), Some(r)) = (
        cx.claims.get(ch.from),
        cx.claims.get(ch.to),
        cx.claims.get(ch.rate),
    ) else {
        return;
    };
    let percent_pair = tol::is_percent(a.unit.as_ref()) && tol::is_percent(b.unit.as_ref());
    if is_average(clause_before(cx, r)) || !(percent_pair || comparable_levels(a, b)) {
        return;
    }
    // A rate of something else (其中海外收入增长80%, 利润增长30%) is not this change's rate.
    let gap = between(cx, b.span, r.span);
    let differ = |x: Option<&str>, y: Option<&str>| names_differ(x, y);
    if gap.contains("其中")
        || differ(b.metric.as_deref(), r.metric.as_deref())
        || differ(b.subject.as_deref(), r.subject.as_deref())
        || differ(b.segment.as_deref(), r.segment.as_deref())
        || (r.segment.is_some() && b.segment.is_none())
    {
        return;
    }
    let percent_ends = percent_pair;
    let points = r.kind == ClaimKind::PointChange;
    let (Some(an), Some(bn), Some(aw), Some(bw), Some(stated)) = (
        tol::nominal(a),
        tol::nominal(b),
        operand(a),
        operand(b),
        stated_rate(r),
    ) else {
        return;
    };
    let (nominal, wide, formula) = match (percent_ends, points) {
        (true, true) => (
            Interval::new(bn.lo - an.hi, bn.hi - an.lo),
            Interval::new(bw.lo - aw.hi, bw.hi - aw.lo),
            format!(
                "{} − {} = {} 个百分点",
                cx.doc.slice(b.span),
                cx.doc.slice(a.span),
                fmt_points(&Interval::new(bn.lo - an.hi, bn.hi - an.lo))
            ),
        ),
        (false, false) => {
            let (Some(n), Some(w)) = (tol::growth_pct(&an, &bn), tol::growth_pct(&aw, &bw)) else {
                return;
            };
            let f = format!(
                "({} − {}) ÷ {} × 100% = {}",
                tol::fmt_operand(b),
                tol::fmt_operand(a),
                tol::fmt_operand(a),
                tol::fmt_pct_interval(&n)
            );
            (n, w, f)
        }
        _ => return,
    };
    if stated.overlaps(&wide) {
        for id in [a.id, b.id, r.id] {
            out.mark_checked(id);
        }
        return;
    }
    let expected = if points {
        format!("{} 个百分点", fmt_points(&nominal))
    } else {
        tol::fmt_pct_interval(&nominal)
    };
    let text = cx.doc.slice(r.span);
    let mut f = Finding::new(
        &INFO,
        r.span,
        format!(
            "{text} does not match the change from {} to {}: that is {expected}",
            cx.doc.slice(a.span),
            cx.doc.slice(b.span)
        ),
    )
    .stated(text.to_string())
    .expected(expected)
    .formula(formula)
    .tolerance(format!(
        "the ends over their precision and hedges give {}; stated: {}",
        if points {
            format!("{} 个百分点", fmt_points(&wide))
        } else {
            tol::fmt_pct_interval(&wide)
        },
        tol::describe(r)
    ))
    .related(a.span, format!("from {}", cx.doc.slice(a.span)))
    .related(b.span, format!("to {}", cx.doc.slice(b.span)));
    if nominal.hi - nominal.lo < 0.05 && !points {
        f = f.suggestion(format!("{}%", tol::fmt_trim(nominal.mid().abs(), 1)));
    }
    out.findings.push(f);
}

/// A point-change interval with one decimal: `5.0` or `4.9–5.1`.
fn fmt_points(iv: &Interval) -> String {
    let (a, b) = (tol::fmt_trim(iv.lo, 1), tol::fmt_trim(iv.hi, 1));
    if a == b {
        a
    } else {
        format!("{a}–{b}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::tolerance::testkit::Kit;
    use crate::claim::HedgeKind;

    fn sales(rate_text: &str, rate: f64) -> Kit {
        let text = format!("今年前三季度，该公司销量由80万辆增至100万辆，同比增长{rate_text}。");
        let mut k = Kit::new(&text);
        k.at("80万辆", ClaimKind::Level)
            .point(80.0, 1e4)
            .measure("辆")
            .push();
        k.at("100万辆", ClaimKind::Level)
            .point(100.0, 1e4)
            .measure("辆")
            .push();
        k.at(rate_text, ClaimKind::Growth)
            .point(rate, 1.0)
            .pct()
            .dir(Direction::Up)
            .push();
        k
    }

    #[test]
    fn flags_wrong_rate_from_pattern() {
        let k = sales("35%", 35.0);
        let f = k.findings(&GrowthRateMismatch);
        assert_eq!(f.len(), 1);
        assert_eq!(k.text(f[0].span), "35%");
        assert_eq!(f[0].expected.as_deref(), Some("25.0%"));
        assert_eq!(f[0].related.len(), 2);
    }

    #[test]
    fn passes_right_rate() {
        let k = sales("25%", 25.0);
        let out = k.run(&GrowthRateMismatch);
        assert!(out.findings.is_empty());
        assert!(out.checked.iter().all(|&c| c));
    }

    #[test]
    fn uses_change_of_and_direction() {
        let mut k = Kit::new("营收从50亿元下降到40亿元，下降了25%。");
        let a = k
            .at("50亿元", ClaimKind::Level)
            .point(50.0, 1e8)
            .money("CNY")
            .push();
        let b = k
            .at("40亿元", ClaimKind::Level)
            .point(40.0, 1e8)
            .money("CNY")
            .push();
        k.at("25%", ClaimKind::Growth)
            .point(25.0, 1.0)
            .pct()
            .dir(Direction::Down)
            .change_of(a, b)
            .push();
        let f = k.findings(&GrowthRateMismatch);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("-20.0%"));
    }

    #[test]
    fn doubling_is_a_hundred_percent() {
        let mut k = Kit::new("营收从50亿元增长到100亿元，实现翻番。");
        k.at("50亿元", ClaimKind::Level)
            .point(50.0, 1e8)
            .money("CNY")
            .push();
        k.at("100亿元", ClaimKind::Level)
            .point(100.0, 1e8)
            .money("CNY")
            .push();
        k.at("翻番", ClaimKind::Growth)
            .point(100.0, 1.0)
            .pct()
            .dir(Direction::Up)
            .push();
        assert!(k.findings(&GrowthRateMismatch).is_empty());
    }

    #[test]
    fn share_change_without_rate_and_average_rates_pass() {
        let mut k =
            Kit::new("份额从95%降到0%。销量从2020年的80万辆增至2024年的200万辆，年均增长26%。");
        let a = k.at("95%", ClaimKind::Share).point(95.0, 1.0).pct().push();
        let b = k.at("0%", ClaimKind::Share).point(0.0, 1.0).pct().push();
        let _ = (a, b);
        k.at("80万辆", ClaimKind::Level)
            .point(80.0, 1e4)
            .measure("辆")
            .push();
        k.at("200万辆", ClaimKind::Level)
            .point(200.0, 1e4)
            .measure("辆")
            .push();
        k.at("26%", ClaimKind::Growth)
            .point(26.0, 1.0)
            .pct()
            .dir(Direction::Up)
            .push();
        assert!(k.findings(&GrowthRateMismatch).is_empty());
    }

    #[test]
    fn point_change_between_shares() {
        let mut k = Kit::new("市场份额从30%提高到35%，提高了8个百分点。");
        k.at("30%", ClaimKind::Share).point(30.0, 1.0).pct().push();
        k.at("35%", ClaimKind::Share).point(35.0, 1.0).pct().push();
        k.at("8个百分点", ClaimKind::PointChange)
            .point(8.0, 1.0)
            .points()
            .dir(Direction::Up)
            .push();
        let f = k.findings(&GrowthRateMismatch);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("5 个百分点"));
    }

    #[test]
    fn rate_of_another_metric_is_not_compared() {
        let mut k = Kit::new("该公司营收从100亿元增长到150亿元，其中海外收入增长80%。");
        k.at("100亿元", ClaimKind::Level)
            .point(100.0, 1e8)
            .money("CNY")
            .metric("营收")
            .push();
        k.at("150亿元", ClaimKind::Level)
            .point(150.0, 1e8)
            .money("CNY")
            .metric("营收")
            .push();
        k.at("80%", ClaimKind::Growth)
            .point(80.0, 1.0)
            .pct()
            .dir(Direction::Up)
            .metric("收入")
            .push();
        assert!(k.findings(&GrowthRateMismatch).is_empty());
    }

    #[test]
    fn absolute_change_and_bare_numbers() {
        let mut k = Kit::new("用户数从2000万增至3000万，净增1000万，增长60%。");
        let a = k.at("2000万", ClaimKind::Level).point(2000.0, 1e4).push();
        k.at("3000万", ClaimKind::Level)
            .point(3000.0, 1e4)
            .dir(Direction::Up)
            .change_of(a, a + 1)
            .push();
        k.at("1000万", ClaimKind::Level)
            .point(1000.0, 1e4)
            .dir(Direction::Up)
            .push();
        k.at("60%", ClaimKind::Growth)
            .point(60.0, 1.0)
            .pct()
            .dir(Direction::Up)
            .push();
        let f = k.findings(&GrowthRateMismatch);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("50.0%"));
    }

    #[test]
    fn rate_before_the_change() {
        let mut k = Kit::new("华为出货量同比增长52%，从720万台增至1020万台。");
        k.at("52%", ClaimKind::Growth)
            .point(52.0, 1.0)
            .pct()
            .dir(Direction::Up)
            .push();
        let a = k
            .at("720万台", ClaimKind::Level)
            .point(720.0, 1e4)
            .measure("台")
            .push();
        k.at("1020万台", ClaimKind::Level)
            .point(1020.0, 1e4)
            .measure("台")
            .dir(Direction::Up)
            .change_of(a, a + 1)
            .push();
        let f = k.findings(&GrowthRateMismatch);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("41.7%"));
    }

    #[test]
    fn rate_of_another_metric_before_the_change() {
        let mut k = Kit::new("营收同比增长10%，净利润从20亿元增长到25亿元。");
        k.at("10%", ClaimKind::Growth)
            .point(10.0, 1.0)
            .pct()
            .dir(Direction::Up)
            .push();
        let a = k
            .at("20亿元", ClaimKind::Level)
            .point(20.0, 1e8)
            .money("CNY")
            .push();
        k.at("25亿元", ClaimKind::Level)
            .point(25.0, 1e8)
            .money("CNY")
            .dir(Direction::Up)
            .change_of(a, a + 1)
            .push();
        assert!(k.findings(&GrowthRateMismatch).is_empty());
    }

    #[test]
    fn hedged_rate_within_margin() {
        let mut k = Kit::new("销量由80万辆增至100万辆，同比增长约26%。");
        k.at("80万辆", ClaimKind::Level)
            .point(80.0, 1e4)
            .measure("辆")
            .push();
        k.at("100万辆", ClaimKind::Level)
            .point(100.0, 1e4)
            .measure("辆")
            .push();
        k.at("约26%", ClaimKind::Growth)
            .point(26.0, 1.0)
            .pct()
            .hedge("约", HedgeKind::About)
            .dir(Direction::Up)
            .push();
        assert!(k.findings(&GrowthRateMismatch).is_empty());
    }
}
