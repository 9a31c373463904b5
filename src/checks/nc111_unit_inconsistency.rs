//! NC111 unit-inconsistency: one series (subject + metric) stated in different currencies.

use crate::checks::arith_cues::contains_any;
use crate::checks::series_key::{series_key, SeriesKey, Subjects};
use crate::checks::tolerance::unit_suffix;
use crate::checks::{Check, Context, Outcome};
use crate::claim::{Claim, ClaimKind, UnitKind};
use crate::finding::{Finding, RuleInfo};
use std::collections::{BTreeMap, BTreeSet};

crate::declare_rule!(
    UnitInconsistency,
    "NC111",
    "unit-inconsistency",
    Warning,
    "one series stated in different currencies (亿美元 vs 亿元)",
    "Flags a series of figures about one subject and metric given in different currencies.

What it checks: money levels are grouped by subject + segment + metric (normalised as in
NC103: `营收` = `收入`, `英伟达` = `NVIDIA` through the reference aliases), across periods,
because a series such as revenue by year is written in one currency. A mention whose
currency differs from the series' first mention is reported, linked to that mention.

Conversions are not inconsistencies: a figure in the same sentence as one in another
currency (`收入171亿美元(约合1216亿元)`), or written after 约合/折合/合/相当于/换算, is left
alone. Measure words are not compared (辆 and 台 are both used for cars), only currencies.

Why: `2023年营收609亿美元` and `2024年营收1305亿元` invite a growth comparison across
currencies, a sevenfold error hidden in one character.

Flagged: `2023年营收609亿美元。…2024年营收1305亿元。` (same subject, same metric).

Not flagged: `营收171亿美元(约合1216亿元人民币)`; `英伟达营收…美元` with `寒武纪营收…元`
(different subjects).

Tolerance: none; currencies are compared by ISO code."
);

impl Check for UnitInconsistency {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Outcome) {
        let money: Vec<&Claim> = cx
            .claims
            .iter()
            .filter(|c| {
                c.kind == ClaimKind::Level
                    && c.unit
                        .as_ref()
                        .is_some_and(|u| u.kind == UnitKind::Currency)
                    && !is_conversion(cx, c)
            })
            .collect();
        // A series stated once is checked against nothing (`check_series` needs two).
        if money.len() < 2 {
            return;
        }
        let subjects = Subjects::for_document(cx);
        // Mentions of one series share its metric, then its segment, known without
        // resolving a subject (remembered by written form): a figure sharing them with no
        // other money figure is alone in its series, and neither its segment nor its
        // subject (the costly part of a key) is looked up.
        let metrics: Vec<_> = money.iter().map(|c| subjects.metric_of(cx, c)).collect();
        let shared_metric = shared(&metrics);
        let parts: Vec<_> = money
            .iter()
            .zip(metrics)
            .zip(shared_metric)
            .map(|((c, m), shared)| Some((m.filter(|_| shared)?, subjects.segment_of(cx, c))))
            .collect();
        let shared_part = shared(&parts);
        let mut series: BTreeMap<SeriesKey, Vec<&Claim>> = BTreeMap::new();
        for (c, shared) in money.iter().zip(shared_part) {
            if !shared {
                continue;
            }
            if let Some(k) = series_key(cx, &subjects, c) {
                series.entry(k).or_default().push(c);
            }
        }
        for group in series.values() {
            check_series(cx, group, out);
        }
    }
}

/// For each entry, whether another entry has the same value (`None` has none).
fn shared<K: Ord>(keys: &[Option<K>]) -> Vec<bool> {
    let mut count: BTreeMap<&K, usize> = BTreeMap::new();
    for k in keys.iter().flatten() {
        *count.entry(k).or_default() += 1;
    }
    keys.iter()
        .map(|k| k.as_ref().is_some_and(|k| count.get(k) > Some(&1)))
        .collect()
}

/// Words that introduce a converted amount (not 合计, which is a total).
const CONVERSION: &[&str] = &["约合", "折合", "合人民币", "合约", "相当于", "换算"];

/// True when a claim is written as a conversion of another amount.
fn is_conversion(cx: &Context<'_>, c: &Claim) -> bool {
    let start = cx.doc.line_span(cx.doc.line_index(c.span.start)).start;
    let before = cx.doc.text.get(start..c.span.start).unwrap_or("");
    // The last six characters before the figure.
    let tail = before
        .char_indices()
        .rev()
        .nth(5)
        .map_or(before, |(i, _)| &before[i..]);
    contains_any(tail, CONVERSION, |c| {
        matches!(c, '约' | '折' | '合' | '相' | '换')
    }) || tail.ends_with('合')
}

fn currency(c: &Claim) -> &str {
    c.unit.as_ref().map_or("", |u| u.code.as_str())
}

/// Reports every mention whose currency differs from the series' first mention.
fn check_series(cx: &Context<'_>, group: &[&Claim], out: &mut Outcome) {
    let Some(first) = group.first() else {
        return;
    };
    // Sentences that state the series in more than one currency hold conversions.
    let mut by_sentence: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    for c in group {
        by_sentence
            .entry(c.sentence)
            .or_default()
            .insert(currency(c));
    }
    let mixed_sentence = |s: usize| by_sentence.get(&s).is_some_and(|u| u.len() > 1);
    // Mentions of a series with more than one mention are checked against each other.
    if group.len() > 1 {
        for c in group {
            out.mark_checked(c.id);
        }
    }
    for c in &group[1..] {
        let (u0, u1) = (currency(first), currency(c));
        if u0 == u1 || mixed_sentence(c.sentence) || mixed_sentence(first.sentence) {
            continue;
        }
        let (t0, t1) = (cx.doc.slice(first.span), cx.doc.slice(c.span));
        let line = cx.doc.line_index(first.span.start) + 1;
        let what = [
            c.subject.as_deref(),
            c.segment.as_deref(),
            c.metric.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        out.findings.push(
            Finding::new(
                &INFO,
                c.span,
                format!(
                    "`{t1}` is in {}, but the same series ({what}) is in {} on line {line} (`{t0}`)",
                    unit_suffix(c.unit.as_ref()),
                    unit_suffix(first.unit.as_ref())
                ),
            )
            .stated(format!("{t1} ({u1})"))
            .expected(format!("{} ({u0}), as in `{t0}`", unit_suffix(first.unit.as_ref())))
            .tolerance("none: currencies compared by ISO code")
            .related(first.span, format!("series first stated in {u0} here")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    /// The rule as it was before money figures were sorted out by metric and segment:
    /// a series key for every money figure. The oracle of the filter.
    fn run_before(cx: &Context<'_>, out: &mut Outcome) {
        let subjects = Subjects::for_document(cx);
        let mut series: BTreeMap<SeriesKey, Vec<&Claim>> = BTreeMap::new();
        for c in cx.claims {
            let money = c.kind == ClaimKind::Level
                && c.unit
                    .as_ref()
                    .is_some_and(|u| u.kind == UnitKind::Currency);
            if !money || is_conversion(cx, c) {
                continue;
            }
            if let Some(k) = series_key(cx, &subjects, c) {
                series.entry(k).or_default().push(c);
            }
        }
        for group in series.values() {
            check_series(cx, group, out);
        }
    }

    /// Findings and checked marks of the rule and of [`run_before`] on `text`.
    fn both(text: &str) -> (Outcome, Outcome) {
        crate::checks::tolerance::testkit::against_oracle(text, &UnitInconsistency, run_before)
    }

    proptest::proptest! {
        /// Leaving figures alone in their metric and segment unresolved changes no finding
        /// and no mark.
        #[test]
        fn filter_agrees_with_the_rule_before(
            text in proptest::collection::vec(
                proptest::sample::select(vec![
                    "英伟达", "华为", "比亚迪", "某家车企", "在", "中国市场", "中国", "全球",
                    "2024年", "的", "收入", "营收", "净利润", "销售额", "为", "达", "171亿美元",
                    "1200亿元", "16亿", "约合", "50亿欧元", "3000万港元", "，", "。", "\n",
                ]),
                0..40,
            )
            .prop_map(|v| v.concat())
        ) {
            let (now, before) = both(&text);
            proptest::prop_assert_eq!(now.findings, before.findings);
            proptest::prop_assert_eq!(now.checked, before.checked);
        }
    }

    #[test]
    fn a_series_in_two_currencies_is_still_flagged() {
        let text = "2024年，比亚迪在中国市场的收入为6000亿元。\n\
                    分析师指出，比亚迪在中国市场的收入达830亿美元。\n\
                    华为全球净利润为870亿元。";
        let (now, before) = both(text);
        assert_eq!(now.findings.len(), 1, "{:?}", now.findings);
        assert_eq!(now.findings, before.findings);
        assert_eq!(now.checked, before.checked);
    }
}
