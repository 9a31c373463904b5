//! NC110 percent-out-of-range: a share of a whole below 0% or above 100%.

use crate::checks::nc103_repeated_figure_mismatch::hedged_interval;
use crate::checks::tolerance::{describe, fmt_interval, Interval};
use crate::checks::{Check, Context, Outcome};
use crate::claim::{Claim, ClaimKind, UnitKind, Value};
use crate::document::Document;
use crate::finding::{Finding, RuleInfo};

crate::declare_rule!(
    PercentOutOfRange,
    "NC110",
    "percent-out-of-range",
    Error,
    "a share or proportion below 0% or above 100%",
    "Flags a share of a whole stated below 0% or above 100%.

What it checks: share claims in percent whose metric, or the words just before the number,
name a part of a whole: 占, 占比, 份额, 市占率, 占有率, 比重, 比例, 渗透率, 构成. Growth
rates are a different kind of claim and may exceed 100% (`增长150%`); ratios that can
legitimately pass 100% (产能利用率, 完成率, 资产负债率 …) are not parts of a whole and are
left alone.

Why: no part is larger than its whole; `占比120%` is a typo (often for 12.0% or 20%).

Flagged: `海外收入占比达120%`, `市场份额为-5%`.

Not flagged: `同比增长150%`, `占比13.1%`, `市场份额从95%降到0%`, `产能利用率达105%`,
`目标完成比例为120%` (a share next to 完成, 达成, 利用, 负债, 超额, 增, 涨, 同比, 环比, 回报 or
收益 is a ratio to a target, capacity or past value, not a part of a whole).

Tolerance: written precision (`100.4%` is still 100% within its last digit) and the hedge
(`近100%` may be exactly 100%); only a value that cannot lie in [0%, 100%] is reported."
);

impl Check for PercentOutOfRange {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Outcome) {
        for c in cx.claims {
            // The value test is a few comparisons, the wording test a text search: the
            // wording is read only for a share that would be out of range.
            let Some(bad) = out_of_range(c) else {
                continue;
            };
            if !is_share_of_whole(cx.doc, c) {
                continue;
            }
            // Not marked checked: a bound of 0–100% is not another claim or the reference.
            out.findings.push(finding(cx.doc, c, &bad));
        }
    }
}

/// Words that make a percentage a part of a whole.
const PART_OF_WHOLE: &[&str] = &[
    "占",
    "份额",
    "市占率",
    "占有率",
    "比重",
    "比例",
    "渗透率",
    "构成",
];

/// True for a share claim in percent about a part of a whole.
fn is_share_of_whole(doc: &Document, c: &Claim) -> bool {
    if c.kind != ClaimKind::Share || !c.unit.as_ref().is_some_and(|u| u.kind == UnitKind::Percent) {
        return false;
    }
    let metric = c.metric.as_deref().unwrap_or("");
    let before = preceding(doc, c, 8);
    // 完成比例120%, 产能利用率105%: ratios to a target or capacity, not parts of a whole.
    if [metric, before]
        .iter()
        .any(|t| NOT_A_PART.iter().any(|w| t.contains(w)))
    {
        return false;
    }
    [metric, before]
        .iter()
        .any(|t| PART_OF_WHOLE.iter().any(|w| t.contains(w)))
}

/// Words marking a ratio to a target, a capacity or a past value, which may pass 100%.
const NOT_A_PART: &[&str] = &[
    "完成", "达成", "利用", "负债", "超额", "增", "涨", "同比", "环比", "回报", "收益",
];

/// Up to `n` characters of the text right before a claim, within its line.
fn preceding<'a>(doc: &'a Document, c: &Claim, n: usize) -> &'a str {
    let line = doc.line_span(doc.line_index(c.span.start));
    let before = doc.text.get(line.start..c.span.start).unwrap_or("");
    let cut = before
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &before[cut..]
}

/// The first end of a claim's value that cannot lie within 0%–100%, after its hedge.
fn out_of_range(c: &Claim) -> Option<Interval> {
    let h = c.hedge.as_ref().map(|h| h.kind);
    let nums = match c.value {
        Value::Point(n) => [Some(n), None],
        Value::Range { low, high } => [Some(low), Some(high)],
        Value::None => return None,
    };
    nums.into_iter()
        .flatten()
        .map(|n| hedged_interval(n, h))
        .find(|iv| iv.lo > 100.0 || iv.hi < 0.0)
}

/// The finding for a share whose end `bad` cannot lie within 0%–100%.
fn finding(doc: &Document, c: &Claim, bad: &Interval) -> Finding {
    let bad = *bad;
    let text = doc.slice(c.span);
    let side = if bad.lo > 100.0 {
        "above 100%"
    } else {
        "below 0%"
    };
    Finding::new(
        &INFO,
        c.span,
        format!("share `{text}` is {side}: a part cannot exceed its whole or be negative"),
    )
    .stated(format!("{text} = {}", fmt_interval(&bad, c.unit.as_ref())))
    .expected("a share within [0%, 100%]")
    .formula(format!(
        "{} ∩ [0%, 100%] = ∅",
        fmt_interval(&bad, c.unit.as_ref())
    ))
    .tolerance(describe(c))
}
