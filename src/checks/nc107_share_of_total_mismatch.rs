//! NC107 share-of-total-mismatch: a part, its whole and the percentage said to link them disagree.

use super::arith_cues::{
    before_in_sentence, between, clause_before, is_amount, is_clause_break, is_list_glue, is_share,
    marks_whole, paragraph, periods_conflict, same_unit, SentenceIndex,
};
use super::tolerance::{self as tol, Interval};
use super::{Check, Context, Outcome};
use crate::claim::{Claim, ClaimId};
use crate::finding::{Finding, RuleInfo};

crate::declare_rule!(
    ShareOfTotalMismatch,
    "NC107",
    "share-of-total-mismatch",
    Error,
    "a part, its whole and its stated percentage disagree",
    "NC107 share-of-total-mismatch (error)

What: a sentence gives a whole, a part of it and the part's percentage, and part ÷ whole is not
the percentage. The whole is recognised by structure, not by names: `总销量120万辆，其中新能源车48
万辆，占比40%` (whole, 其中 part, 占比 share), `新能源车48万辆，占总销量120万辆的40%` (part, 占 whole 的
share), or a whole in the previous sentence of the same paragraph when the share's sentence
starts with 其中 or that whole is marked as one (总销量, 合计, 全年 …). Part and whole must have
the same unit and no conflicting periods.

Why: the three figures are printed side by side, so a reader trusts the percentage; when it
does not follow from the figures beside it, one of the three is wrong.

Flagged: `总销量120万辆，其中新能源车48万辆，占比45%` — 48万 ÷ 120万 = 40.0%, and 45% allows only
44.5%–45.5%.

Not flagged: `总销量120万辆，其中新能源车48万辆，占比40%`; `占比约41%` (约 widens 41% to
38.5%–43.5%, which holds 40.0%); `其中新能源车48万辆，占全国新能源车销量的3%` (the whole is not
written as a number here).

Tolerance: part and whole over their written precision and hedges (48万 is 47.5万–48.5万,
so 48万/120万 is 39.4%–40.6%); the stated share over its precision and hedge (约 ±max(5%,
one step), 超 above, 不到 below). Flagged only when the two intervals do not meet.
"
);

impl Check for ShareOfTotalMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Outcome) {
        let idx = SentenceIndex::for_document(cx);
        for s in cx.claims.iter().filter(|c| is_share(c)) {
            let Some(pw) = part_whole(cx, &idx, s) else {
                continue;
            };
            check(cx, s, &pw, out);
        }
        // Sentences without claims list no parts.
        // Each group comes with its claims: they are not searched for again by sentence.
        for (_, ids) in idx.groups() {
            for (s, pw) in listed_parts_of(cx, ids) {
                if let Some(s) = cx.claims.get(s) {
                    check(cx, s, &pw, out);
                }
            }
        }
    }
}

/// A part and its whole found for a share claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartWhole {
    /// The part (48万辆).
    pub part: ClaimId,
    /// The whole (总销量120万辆).
    pub whole: ClaimId,
}

/// How many claims back a whole is looked for (keeps huge sentences linear).
const LOOK_BACK: usize = 8;

/// Filler characters allowed around 占/占比 between a part and its share.
const FILLER: &[char] = &[
    '为', '达', '到', '约', '了', '的', '是', '其', '中', '所', '据', '左', '右',
];

/// Removes punctuation, spaces and the 占/占比/比重 cue words, leaving what else is said.
fn residue(text: &str) -> String {
    let mut t: String = text
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !is_clause_break(*c)
                && !matches!(c, '、' | '(' | ')' | '（' | '）')
        })
        .collect();
    for w in ["所占比例", "占比", "比重", "比例", "占"] {
        t = t.replace(w, "");
    }
    t.chars().filter(|c| !FILLER.contains(c)).collect()
}

/// True when `text` (between a part and its share) is just a 占/占比 cue, possibly naming the
/// whole already written earlier in the sentence (`占总销量的`, where 总销量 precedes the whole).
fn is_share_cue(text: &str, earlier: &str) -> bool {
    if !(text.contains('占') || text.contains("比重")) || text.contains("分别") {
        return false;
    }
    let r = residue(text);
    r.is_empty() || (marks_whole(&r) && earlier.contains(r.as_str()))
}

/// The nearest claim before `c` in its sentence.
fn prev_in_sentence<'a>(cx: &Context<'a>, idx: &SentenceIndex, c: &Claim) -> Option<&'a Claim> {
    // Claims are listed in text order, ids being positions: the claim listed just before
    // `c`, in the same (indexed) sentence, is the one before it there (no id lies between
    // them), told without searching the index. Otherwise the index is searched.
    let listed = cx
        .claims
        .get(c.id)
        .is_some_and(|x| x.id == c.id && x.sentence == c.sentence);
    if listed && c.sentence < cx.sentences.len() {
        if let Some(p) = c.id.checked_sub(1).and_then(|k| cx.claims.get(k)) {
            if p.id + 1 == c.id && p.sentence == c.sentence {
                return Some(p);
            }
        }
    }
    prev_by_search(cx, idx, c)
}

/// [`prev_in_sentence`] by a search of the sentence's claims in the index: the way when
/// the claim before `c` in the list is not in its sentence, and the test oracle.
fn prev_by_search<'a>(cx: &Context<'a>, idx: &SentenceIndex, c: &Claim) -> Option<&'a Claim> {
    let ids = idx.of(c.sentence);
    let pos = ids.binary_search(&c.id).ok()?;
    pos.checked_sub(1).and_then(|p| cx.claims.get(ids[p]))
}

/// Finds the part and whole a share is stated of, by sentence structure (see the rule docs).
pub fn part_whole(cx: &Context<'_>, idx: &SentenceIndex, s: &Claim) -> Option<PartWhole> {
    let prev = prev_in_sentence(cx, idx, s)?;
    if !is_amount(prev) {
        return None;
    }
    // Form A: part …占 whole 的 share.
    if let Some(p) = prev_in_sentence(cx, idx, prev) {
        let gap = between(cx, prev.span, s.span);
        let link = between(cx, p.span, prev.span);
        if is_amount(p)
            && same_unit(p.unit.as_ref(), prev.unit.as_ref())
            && link.contains('占')
            && !link.contains("分别")
            && !gap.chars().any(is_clause_break)
            && residue(gap).is_empty()
        {
            return valid(p, prev);
        }
    }
    // Form B: whole …其中 part，占比 share.
    let part = prev;
    let earlier = before_in_sentence(cx, part);
    if !is_share_cue(between(cx, part.span, s.span), earlier) {
        return None;
    }
    let ids = idx.of(part.sentence);
    let pos = ids.binary_search(&part.id).ok()?;
    let same = |c: &&Claim| is_amount(c) && same_unit(c.unit.as_ref(), part.unit.as_ref());
    if let Some(w) = ids[..pos]
        .iter()
        .rev()
        .take(LOOK_BACK)
        .filter_map(|&i| cx.claims.get(i))
        .find(same)
    {
        let link = between(cx, w.span, part.span);
        if link.contains("其中") || marks_whole(clause_before(cx, w)) {
            return valid(part, w);
        }
        return None;
    }
    // The whole in the previous sentence of the paragraph: the part's sentence opens with 其中,
    // or the whole is marked as one (全年总销量3000万辆。新能源车1200万辆，占比40%。).
    let prev_sentence = part.sentence.checked_sub(1)?;
    if paragraph(cx, prev_sentence) != paragraph(cx, part.sentence) {
        return None;
    }
    let w = idx
        .of(prev_sentence)
        .iter()
        .rev()
        .take(LOOK_BACK)
        .find_map(|&i| cx.claims.get(i).filter(same))?;
    if earlier.trim_start().starts_with("其中") || marks_whole(clause_before(cx, w)) {
        valid(part, w)
    } else {
        None
    }
}

/// Parts listed after 其中 and their shares listed after 占比分别为, paired in order:
/// `总销量120万辆，其中新能源车48万辆、燃油车72万辆，占比分别为40%和60%`. The number of parts
/// and shares must agree and the whole must stand before 其中; otherwise nothing is paired.
pub fn listed_parts(
    cx: &Context<'_>,
    idx: &SentenceIndex,
    sentence: usize,
) -> Vec<(ClaimId, PartWhole)> {
    listed_parts_of(cx, idx.of(sentence))
}

/// [`listed_parts`] of the sentence whose claims are `ids` (as [`SentenceIndex::of`] gives
/// them).
fn listed_parts_of(cx: &Context<'_>, ids: &[ClaimId]) -> Vec<(ClaimId, PartWhole)> {
    // A pairing needs a part and, after it, a share: most sentences have no such pair.
    if !ids
        .iter()
        .skip(1)
        .any(|&i| cx.claims.get(i).is_some_and(is_share))
    {
        return Vec::new();
    }
    let claims: Vec<&Claim> = ids
        .iter()
        .filter_map(|&i| cx.claims.get(i))
        .filter(|c| c.is_quantity())
        .collect();
    let mut out = Vec::new();
    for k in 1..claims.len() {
        let (last_part, first_share) = (claims[k - 1], claims[k]);
        let gap = between(cx, last_part.span, first_share.span);
        if !is_share(first_share)
            || !is_amount(last_part)
            || !gap.contains("分别")
            || !(gap.contains('占') || gap.contains("比重"))
        {
            continue;
        }
        let mut shares = vec![first_share];
        for c in &claims[k + 1..] {
            let prev = shares[shares.len() - 1];
            if is_share(c) && is_list_glue(between(cx, prev.span, c.span)) {
                shares.push(c);
            } else {
                break;
            }
        }
        // Walk back over the parts; the claim before them, across 其中, is the whole.
        let mut parts = vec![last_part];
        let mut whole = None;
        for c in claims[..k - 1].iter().rev() {
            let first = parts[parts.len() - 1];
            if !is_amount(c) || !same_unit(c.unit.as_ref(), first.unit.as_ref()) {
                break;
            }
            if between(cx, c.span, first.span).contains("其中") {
                whole = Some(*c);
                break;
            }
            parts.push(c);
        }
        let Some(whole) = whole else { continue };
        if parts.len() != shares.len() {
            continue;
        }
        parts.reverse();
        out.extend(
            parts
                .iter()
                .zip(&shares)
                .filter_map(|(p, s)| valid(p, whole).map(|pw| (s.id, pw))),
        );
    }
    out
}

/// Accepts a part/whole pair unless their periods conflict.
fn valid(part: &Claim, whole: &Claim) -> Option<PartWhole> {
    (part.id != whole.id && !periods_conflict(part, whole)).then_some(PartWhole {
        part: part.id,
        whole: whole.id,
    })
}

/// The interval an operand may stand for: precision and hedge, or precision alone when the
/// hedge leaves it unbounded (超48万 still tells us at least 47.5万, not an upper end).
pub fn operand(c: &Claim) -> Option<Interval> {
    tol::allowed(c)
        .filter(Interval::is_finite)
        .or_else(|| tol::written(c))
}

fn check(cx: &Context<'_>, s: &Claim, pw: &PartWhole, out: &mut Outcome) {
    let (Some(p), Some(w)) = (cx.claims.get(pw.part), cx.claims.get(pw.whole)) else {
        return;
    };
    let (Some(pn), Some(wn)) = (tol::nominal(p), tol::nominal(w)) else {
        return;
    };
    let (Some(pi), Some(wi)) = (operand(p), operand(w)) else {
        return;
    };
    let (Some(nominal), Some(wide), Some(stated)) = (
        tol::ratio_pct(&pn, &wn),
        tol::ratio_pct(&pi, &wi),
        tol::allowed(s),
    ) else {
        return;
    };
    if stated.overlaps(&wide) {
        for id in [s.id, p.id, w.id] {
            out.mark_checked(id);
        }
        return;
    }
    let text = cx.doc.slice(s.span);
    let expected = tol::fmt_pct_interval(&nominal);
    let f = Finding::new(
        &INFO,
        s.span,
        format!(
            "the share {text} does not follow from its part and whole: {} ÷ {} = {expected}",
            cx.doc.slice(p.span),
            cx.doc.slice(w.span)
        ),
    )
    .stated(format!("{text} ({})", tol::fmt_pct_interval(&stated)))
    .expected(expected.clone())
    .formula(format!(
        "{} ÷ {} × 100% = {expected}",
        tol::fmt_operand(p),
        tol::fmt_operand(w)
    ))
    .tolerance(format!(
        "part and whole over precision and hedge give {}; stated: {}",
        tol::fmt_pct_interval(&wide),
        tol::describe(s)
    ))
    .related(p.span, format!("the part: {}", cx.doc.slice(p.span)))
    .related(w.span, format!("the whole: {}", cx.doc.slice(w.span)));
    let f = if nominal.lo < nominal.hi {
        f
    } else {
        f.suggestion(format!("{}%", tol::fmt_trim(nominal.lo, 1)))
    };
    out.findings.push(f);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::tolerance::testkit::Kit;
    use crate::claim::{ClaimKind, HedgeKind};
    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// The claim before each claim in its sentence, told from the list, is the one the
        /// index search finds.
        #[test]
        fn previous_claim_agrees_with_the_index_search(
            text in proptest::collection::vec(
                proptest::sample::select(vec![
                    "2024年", "比亚迪", "销量", "30万辆", "总销量120万辆", "其中", "新能源车48万辆",
                    "占比40%", "占", "的", "60%", "，", "。", "\n", "约", "同比增长12%",
                ]),
                0..24,
            )
            .prop_map(|v| v.concat())
        ) {
            crate::checks::tolerance::testkit::with_extracted(&text, |cx| {
                let idx = SentenceIndex::new(cx);
                for c in cx.claims {
                    proptest::prop_assert_eq!(
                        prev_in_sentence(cx, &idx, c).map(|p| p.id),
                        prev_by_search(cx, &idx, c).map(|p| p.id)
                    );
                }
                Ok(())
            })?;
        }
    }

    fn sales(text: &str, share: f64, share_text: &str) -> Kit {
        let mut k = Kit::new(text);
        k.at("120万辆", ClaimKind::Level)
            .point(120.0, 1e4)
            .measure("辆")
            .push();
        k.at("48万辆", ClaimKind::Level)
            .point(48.0, 1e4)
            .measure("辆")
            .push();
        k.at(share_text, ClaimKind::Share)
            .point(share, 1.0)
            .pct()
            .push();
        k
    }

    #[test]
    fn flags_wrong_share_after_qizhong() {
        let k = sales(
            "今年总销量120万辆，其中新能源车48万辆，占比45%。",
            45.0,
            "45%",
        );
        let f = k.findings(&ShareOfTotalMismatch);
        assert_eq!(f.len(), 1);
        assert_eq!(k.text(f[0].span), "45%");
        assert_eq!(f[0].expected.as_deref(), Some("40.0%"));
        assert_eq!(f[0].related.len(), 2);
        assert_eq!(f[0].suggestion.as_deref(), Some("40%"));
    }

    #[test]
    fn passes_right_share() {
        let k = sales(
            "今年总销量120万辆，其中新能源车48万辆，占比40%。",
            40.0,
            "40%",
        );
        let out = k.run(&ShareOfTotalMismatch);
        assert!(out.findings.is_empty());
        assert!(out.checked.iter().all(|&c| c));
    }

    #[test]
    fn part_then_zhan_whole_de_share() {
        let mut k = Kit::new("新能源车销量48万辆，占总销量120万辆的45%。");
        k.at("48万辆", ClaimKind::Level)
            .point(48.0, 1e4)
            .measure("辆")
            .push();
        k.at("120万辆", ClaimKind::Level)
            .point(120.0, 1e4)
            .measure("辆")
            .push();
        k.at("45%", ClaimKind::Share).point(45.0, 1.0).pct().push();
        assert_eq!(k.findings(&ShareOfTotalMismatch).len(), 1);
    }

    #[test]
    fn whole_in_previous_sentence() {
        let mut k = Kit::new("全年营收100亿元。其中，海外业务30亿元，占比35%。");
        k.at("100亿元", ClaimKind::Level)
            .point(100.0, 1e8)
            .money("CNY")
            .push();
        k.at("30亿元", ClaimKind::Level)
            .point(30.0, 1e8)
            .money("CNY")
            .push();
        k.at("35%", ClaimKind::Share).point(35.0, 1.0).pct().push();
        assert_eq!(k.findings(&ShareOfTotalMismatch).len(), 1);
    }

    #[test]
    fn marked_whole_in_previous_sentence() {
        let mut k =
            Kit::new("全年汽车总销量3000万辆。新能源车销量1200万辆，占比45%。出口60万辆，占比2%。");
        k.at("3000万辆", ClaimKind::Level)
            .point(3000.0, 1e4)
            .measure("辆")
            .push();
        k.at("1200万辆", ClaimKind::Level)
            .point(1200.0, 1e4)
            .measure("辆")
            .push();
        k.at("45%", ClaimKind::Share).point(45.0, 1.0).pct().push();
        k.at("60万辆", ClaimKind::Level)
            .point(60.0, 1e4)
            .measure("辆")
            .push();
        k.at("2%", ClaimKind::Share).point(2.0, 1.0).pct().push();
        let f = k.findings(&ShareOfTotalMismatch);
        // 1200万 ÷ 3000万 = 40%; the second sentence's 1200万 is not marked as a whole.
        assert_eq!(f.len(), 1);
        assert_eq!(k.text(f[0].span), "45%");
    }

    #[test]
    fn hedged_share_within_margin_passes() {
        let mut k = Kit::new("总销量120万辆，其中新能源车48万辆，占比约42%。");
        k.at("120万辆", ClaimKind::Level)
            .point(120.0, 1e4)
            .measure("辆")
            .push();
        k.at("48万辆", ClaimKind::Level)
            .point(48.0, 1e4)
            .measure("辆")
            .push();
        k.at("约42%", ClaimKind::Share)
            .point(42.0, 1.0)
            .pct()
            .hedge("约", HedgeKind::About)
            .push();
        assert!(k.findings(&ShareOfTotalMismatch).is_empty());
    }

    #[test]
    fn share_of_an_unwritten_whole_is_not_checked() {
        let mut k = Kit::new("总销量120万辆，其中新能源车48万辆，占全国新能源车销量的3%。");
        k.at("120万辆", ClaimKind::Level)
            .point(120.0, 1e4)
            .measure("辆")
            .push();
        k.at("48万辆", ClaimKind::Level)
            .point(48.0, 1e4)
            .measure("辆")
            .push();
        k.at("3%", ClaimKind::Share).point(3.0, 1.0).pct().push();
        assert!(k.findings(&ShareOfTotalMismatch).is_empty());
    }

    #[test]
    fn listed_parts_pair_with_listed_shares() {
        let mut k =
            Kit::new("总销量120万辆，其中新能源车48万辆、燃油车72万辆，占比分别为40%和65%。");
        k.at("120万辆", ClaimKind::Level)
            .point(120.0, 1e4)
            .measure("辆")
            .push();
        k.at("48万辆", ClaimKind::Level)
            .point(48.0, 1e4)
            .measure("辆")
            .push();
        k.at("72万辆", ClaimKind::Level)
            .point(72.0, 1e4)
            .measure("辆")
            .push();
        k.at("40%", ClaimKind::Share).point(40.0, 1.0).pct().push();
        k.at("65%", ClaimKind::Share).point(65.0, 1.0).pct().push();
        let out = k.run(&ShareOfTotalMismatch);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(k.text(out.findings[0].span), "65%");
        assert_eq!(out.findings[0].expected.as_deref(), Some("60.0%"));
        assert!(out.checked[3]);
    }

    #[test]
    fn different_units_are_not_compared() {
        let mut k = Kit::new("总营收120亿元，其中海外销量48万辆，占比45%。");
        k.at("120亿元", ClaimKind::Level)
            .point(120.0, 1e8)
            .money("CNY")
            .push();
        k.at("48万辆", ClaimKind::Level)
            .point(48.0, 1e4)
            .measure("辆")
            .push();
        k.at("45%", ClaimKind::Share).point(45.0, 1.0).pct().push();
        assert!(k.findings(&ShareOfTotalMismatch).is_empty());
    }
}
