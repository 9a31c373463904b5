//! NC105 share-sum-exceeds-whole: shares of one whole that add up to more than 100%.

use super::arith_cues::{
    before_in_sentence, between, clause_before, is_list_glue, is_share, lists_top_n_groups,
    names_differ, names_total, periods_conflict, SentenceIndex,
};
use super::tolerance::{self as tol};
use super::{Check, Context, Outcome};
use crate::claim::{Claim, ClaimId, HedgeKind};
use crate::finding::{Finding, RuleInfo};

crate::declare_rule!(
    ShareSumExceedsWhole,
    "NC105",
    "share-sum-exceeds-whole",
    Error,
    "shares of one whole add up to more than 100%",
    "NC105 share-sum-exceeds-whole (error)

What: percentages that split one whole add up to more than 100%. Shares are grouped only when
the sentence says they split one whole:
- a list after 分别 whose lead names a share (`A、B、C的市场份额分别为45%、35%和30%`,
  `占比分别为…`), the shares separated only by 、，和 与 及;
- consecutive clauses each with 占 and the same whole named after it, or named once and then
  left out (`其中国内占60%，海外占45%`, `广东占全国的12%，浙江占9%`; `占中国市场的95%，占全球
  市场的80%` are different wholes and are not summed);
- consecutive clauses with 份额/市占率 whose subjects are known and all different.
A 其中 between two shares starts a new group (what follows is a part of the share before it),
a share called a total (`合计占比74%`) closes the group before it instead of joining it, a
list after nested top-N groups (`前3家、前5家、前10家…分别为`) holds cumulative shares and is
not summed,
shares linked as from/to of a change (`从95%降到0%`) or of different periods are never summed.

Why: parts of one whole cannot exceed it; a sum above 100% means one share is wrong or the
shares are of different wholes and the sentence says otherwise.

Flagged: `三家企业的市场份额分别为45%、35%和30%` — at least 44.5% + 34.5% + 29.5% = 108.5%.

Not flagged: `分别为45%、35%和20%` (100%); `新能源车占比40%，其中纯电动占比30%` (a part of a
part); `份额从95%降到0%`.

Tolerance: each share counts at the lowest value its written form allows: written precision
(45% ≥ 44.5%), then its hedge (约 −max(5%, one step); 超 from its written value; 不到 and 最多
count as 0; 均 counts once, a lower bound). Flagged only when even that sum exceeds 100%. The
verdict does not depend on the order of the shares.
"
);

impl Check for ShareSumExceedsWhole {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Outcome) {
        // The document's shared index (NC104–NC108 use the same), not one of its own.
        let idx = SentenceIndex::for_document(cx);
        // The ends of stated changes, flagged by claim id (ids are positions in the list):
        // a flag per claim is read without hashing.
        let mut linked = vec![false; cx.claims.len()];
        for id in cx
            .claims
            .iter()
            .filter_map(|c| c.change_of)
            .flat_map(|(a, b)| [a, b])
        {
            if id >= linked.len() {
                linked.resize(id + 1, false);
            }
            linked[id] = true;
        }
        let is_linked = |id: ClaimId| linked.get(id).copied().unwrap_or(false);
        // Sentences without claims hold no shares.
        for (_, ids) in idx.groups() {
            if ids.len() < 2 {
                continue; // fewer than two shares, whatever they are
            }
            let shares: Vec<&Claim> = ids
                .iter()
                .filter_map(|&i| cx.claims.get(i))
                .filter(|c| is_share(c) && c.change_of.is_none() && !is_linked(c.id))
                .collect();
            if shares.len() < 2 {
                continue;
            }
            for group in groups(cx, &shares) {
                check(cx, &group, out);
            }
        }
    }
}

/// What makes a share part of a split.
#[derive(Debug, Clone, PartialEq)]
enum Cue {
    /// `占 <whole> …`: the words naming the whole after 占 (often empty).
    Part(String),
    /// 份额/市占率: the subject's share of a market.
    Market,
}

/// Filler after 占 that does not name a whole.
fn whole_name(after_zhan: &str) -> String {
    after_zhan
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '比' | '据' | '到' | '为' | '了' | '达' | '约' | '的' | '分' | '别' | '是'
                )
        })
        .collect()
}

/// The share cue in the clause before a share, if any.
fn cue(clause: &str) -> Option<Cue> {
    if let Some(i) = clause.rfind('占') {
        return Some(Cue::Part(whole_name(&clause[i + '占'.len_utf8()..])));
    }
    ["份额", "市占率", "市场占有率", "比重"]
        .iter()
        .any(|w| clause.contains(w))
        .then_some(Cue::Market)
}

/// Region and market words: a list of these names several wholes, not parts of one.
const MARKETS: &[&str] = &[
    "国内",
    "海外",
    "境内",
    "境外",
    "国外",
    "中国",
    "美国",
    "欧洲",
    "日本",
    "韩国",
    "印度",
    "全球",
    "北美",
    "亚太",
    "东南亚",
    "拉美",
    "中东",
    "非洲",
    "线上",
    "线下",
    "城市",
    "农村",
    "市场",
    "地区",
    "区域",
    "大陆",
    "香港",
    "本土",
];

/// True when `lead` enumerates markets: a region word right before a list separator
/// (`国内和海外市场`, `中国、印度市场`), as opposed to companies (`小米、华为、苹果的份额`).
fn enumerates_markets(lead: &str) -> bool {
    lead.char_indices()
        .filter(|&(_, c)| matches!(c, '、' | '和' | '与' | '及' | '跟'))
        .any(|(i, _)| MARKETS.iter().any(|m| lead[..i].ends_with(m)))
}

/// True when `lead` places the figures in several wholes: a list after 在 (`在乘用车和商用车中
/// 的占比`, `在国内、海外市场的份额`), as opposed to several parts in one (`小米、华为在国内的份额`).
fn enumerates_wholes(lead: &str) -> bool {
    lead.rfind('在').is_some_and(|i| {
        lead[i..]
            .chars()
            .any(|c| matches!(c, '、' | '和' | '与' | '及' | '跟'))
    })
}

/// True when the clause before `a` opens a change that `b` ends (从30%提高到45%).
fn is_change_pair(cx: &Context<'_>, a: &Claim, b: &Claim) -> bool {
    let mut lead = clause_before(cx, a).to_string();
    for w in ["由于", "从而", "从事", "从未", "从不", "自由", "理由"] {
        lead = lead.replace(w, "");
    }
    let link = between(cx, a.span, b.span);
    (lead.contains('从') || lead.contains('由'))
        && ["到", "至", "降", "升", "增", "减", "变为"]
            .iter()
            .any(|w| link.contains(w))
}

/// Splits a sentence's shares into groups that each split one whole (see the rule docs).
fn groups<'a>(cx: &Context<'_>, shares: &[&'a Claim]) -> Vec<Vec<&'a Claim>> {
    let mut out = Vec::new();
    let mut cur: Vec<&'a Claim> = Vec::new();
    let mut cur_cue: Option<Cue> = None;
    let mut in_list = false;
    for &c in shares {
        let clause = clause_before(cx, c);
        let joins = cur.last().is_some_and(|&prev| {
            let link = between(cx, prev.span, c.span);
            // 其中 opens a part of the share before; 合计 closes the parts with their total.
            if link.contains("其中")
                || (!in_list && names_total(clause))
                || is_change_pair(cx, prev, c)
                || periods_conflict(prev, c)
            {
                return false;
            }
            if in_list {
                return is_list_glue(link);
            }
            match (&cur_cue, cue(clause)) {
                // A later clause may leave the whole out (广东占全国的12%，浙江占9%).
                (Some(Cue::Part(w1)), Some(Cue::Part(w2))) => *w1 == w2 || w2.is_empty(),
                // Compared with the latest members only, so huge lists stay linear.
                (Some(Cue::Market), Some(Cue::Market)) => cur.iter().rev().take(16).all(|m| {
                    names_differ(m.subject.as_deref(), c.subject.as_deref())
                        && !names_differ(m.segment.as_deref(), c.segment.as_deref())
                }),
                _ => false,
            }
        });
        if !joins {
            if cur.len() >= 2 {
                out.push(std::mem::take(&mut cur));
            }
            cur.clear();
            // A list: 分别 after a share word in the clause that leads to the first share.
            // A market-share list over several markets (在国内和海外市场的份额分别为) is
            // one subject in different wholes, not a split.
            in_list = clause.find("分别").is_some_and(|i| {
                let lead = &clause[..i];
                // 前3家、前5家、前10家的占比分别为: nested groups, cumulative shares (the
                // groups may be named in an earlier clause of the sentence).
                if lists_top_n_groups(before_in_sentence(cx, c)) {
                    return false;
                }
                match cue(lead) {
                    Some(Cue::Market) => !enumerates_markets(lead) && !enumerates_wholes(lead),
                    Some(Cue::Part(_)) => !enumerates_wholes(lead),
                    None => false,
                }
            });
            cur_cue = if in_list { None } else { cue(clause) };
            if !in_list && cur_cue.is_none() {
                continue;
            }
        }
        cur.push(c);
    }
    if cur.len() >= 2 {
        out.push(cur);
    }
    out
}

/// The lowest value a share in a split can stand for (0 when its hedge has no lower end).
pub fn lowest(c: &Claim) -> f64 {
    let lo = tol::allowed(c).map(|a| a.lo).unwrap_or(0.0);
    if lo.is_finite() {
        lo.max(0.0)
    } else {
        0.0
    }
}

/// The sum of the lowest values, when it exceeds 100% (order-independent: sorted first).
pub fn excess(lows: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = lows.to_vec();
    v.sort_by(f64::total_cmp);
    let sum: f64 = v.iter().sum();
    (sum > 100.0 + 1e-9).then_some(sum)
}

fn check(cx: &Context<'_>, group: &[&Claim], out: &mut Outcome) {
    let lows: Vec<f64> = group.iter().map(|c| lowest(c)).collect();
    let Some(sum) = excess(&lows) else {
        for c in group {
            out.mark_checked(c.id);
        }
        return;
    };
    let (Some(first), Some(last)) = (group.first(), group.last()) else {
        return;
    };
    let span = first.span.join(last.span);
    let texts: Vec<&str> = group.iter().map(|c| cx.doc.slice(c.span)).collect();
    let low_terms: Vec<String> = lows
        .iter()
        .map(|&l| format!("{}%", tol::fmt_trim(l, 2)))
        .collect();
    let each = group
        .iter()
        .any(|c| c.hedge.as_ref().is_some_and(|h| h.kind == HedgeKind::Each));
    let mut f = Finding::new(
        &INFO,
        span,
        format!(
            "shares of one whole add up to more than 100%: {} make at least {}",
            texts.join(" + "),
            tol::fmt_pct(sum)
        ),
    )
    .stated(format!(
        "{} = at least {}",
        texts.join(" + "),
        tol::fmt_pct(sum)
    ))
    .expected("≤ 100%")
    .formula(format!("{} = {}", low_terms.join(" + "), tol::fmt_pct(sum)))
    .tolerance(format!(
        "each share at the lowest value its written precision and hedge allow{}",
        if each { "; 均 counted once" } else { "" }
    ));
    for c in group {
        f = f.related(c.span, format!("share {}", cx.doc.slice(c.span)));
    }
    out.findings.push(f);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::tolerance::testkit::Kit;
    use crate::claim::ClaimKind;
    use proptest::prelude::*;

    fn list(values: &[u32]) -> Kit {
        let items: Vec<String> = values.iter().map(|v| format!("{v}%")).collect();
        let text = format!(
            "2024年，国内前几家企业的市场份额分别为{}。",
            items.join("、")
        );
        let mut k = Kit::new(&text);
        for (v, t) in values.iter().zip(&items) {
            k.at(t, ClaimKind::Share)
                .point(f64::from(*v), 1.0)
                .pct()
                .push();
        }
        k
    }

    #[test]
    fn flags_list_over_hundred() {
        let k = list(&[45, 35, 30]);
        let f = k.findings(&ShareSumExceedsWhole);
        assert_eq!(f.len(), 1);
        assert_eq!(k.text(f[0].span), "45%、35%、30%");
        assert_eq!(f[0].related.len(), 3);
        assert!(f[0].formula.as_deref().unwrap().contains("108.5%"));
    }

    #[test]
    fn passes_list_of_hundred() {
        let k = list(&[45, 35, 20]);
        let out = k.run(&ShareSumExceedsWhole);
        assert!(out.findings.is_empty());
        assert!(out.checked.iter().all(|&c| c));
    }

    #[test]
    fn zhan_clauses_same_whole() {
        let mut k = Kit::new("公司营收中，国内占60%，海外占45%。");
        k.at("60%", ClaimKind::Share).point(60.0, 1.0).pct().push();
        k.at("45%", ClaimKind::Share).point(45.0, 1.0).pct().push();
        assert_eq!(k.findings(&ShareSumExceedsWhole).len(), 1);
    }

    #[test]
    fn a_whole_named_once_carries_to_later_clauses() {
        let mut k = Kit::new("其中广东占全国的52%，浙江占39%，江苏占18%。");
        for (t, v) in [("52%", 52.0), ("39%", 39.0), ("18%", 18.0)] {
            k.at(t, ClaimKind::Share).point(v, 1.0).pct().push();
        }
        let f = k.findings(&ShareSumExceedsWhole);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].related.len(), 3);
    }

    #[test]
    fn different_wholes_and_nested_parts_pass() {
        let mut k = Kit::new(
            "英伟达占中国市场的95%，占全球市场的80%。新能源车占比90%，其中纯电动占比60%。",
        );
        for (t, v) in [("95%", 95.0), ("80%", 80.0), ("90%", 90.0), ("60%", 60.0)] {
            k.at(t, ClaimKind::Share).point(v, 1.0).pct().push();
        }
        assert!(k.findings(&ShareSumExceedsWhole).is_empty());
    }

    #[test]
    fn one_subject_in_several_markets_is_not_a_split() {
        let mut k = Kit::new("比亚迪在国内和海外市场的份额分别为45%和60%。小米在中国、印度市场的份额分别为18%和90%。");
        for (t, v) in [("45%", 45.0), ("60%", 60.0), ("18%", 18.0), ("90%", 90.0)] {
            k.at(t, ClaimKind::Share).point(v, 1.0).pct().push();
        }
        assert!(k.findings(&ShareSumExceedsWhole).is_empty());
        assert!(enumerates_markets("比亚迪在国内和海外市场的"));
        assert!(enumerates_wholes("新能源车在乘用车和商用车中的占比"));
        assert!(!enumerates_wholes("小米、华为在国内市场的份额"));
        assert!(!enumerates_markets(
            "国内市场排名前三的厂商小米、华为、苹果的市场"
        ));
    }

    #[test]
    fn change_pairs_are_not_summed() {
        let mut k = Kit::new("英伟达在中国的市场份额从95%降到60%。");
        k.at("95%", ClaimKind::Share).point(95.0, 1.0).pct().push();
        k.at("60%", ClaimKind::Share).point(60.0, 1.0).pct().push();
        assert!(k.findings(&ShareSumExceedsWhole).is_empty());
    }

    #[test]
    fn market_shares_need_distinct_subjects() {
        let mut k = Kit::new(
            "甲公司份额为60%，乙公司份额为50%。甲公司国内份额为90%，甲公司全球份额为30%。",
        );
        k.at("60%", ClaimKind::Share)
            .point(60.0, 1.0)
            .pct()
            .subject("甲公司")
            .push();
        k.at("50%", ClaimKind::Share)
            .point(50.0, 1.0)
            .pct()
            .subject("乙公司")
            .push();
        k.at("90%", ClaimKind::Share)
            .point(90.0, 1.0)
            .pct()
            .subject("甲公司")
            .push();
        k.at("30%", ClaimKind::Share)
            .point(30.0, 1.0)
            .pct()
            .subject("甲公司")
            .push();
        let f = k.findings(&ShareSumExceedsWhole);
        assert_eq!(f.len(), 1);
        assert_eq!(k.text(f[0].span), "60%，乙公司份额为50%");
    }

    #[test]
    fn precision_saves_a_rounded_list() {
        // 33 + 33 + 33 + 1.5 = 100.5 as written, but each may be rounded up: the lowest
        // values 32.5 × 3 + 1.45 = 98.95 fit in 100%.
        let mut k = Kit::new("三家的份额分别为33%、33%、33%和1.5%。");
        k.at("33%", ClaimKind::Share).point(33.0, 1.0).pct().push();
        k.at("33%", ClaimKind::Share).point(33.0, 1.0).pct().push();
        k.at("33%", ClaimKind::Share).point(33.0, 1.0).pct().push();
        k.at("1.5%", ClaimKind::Share).point(1.5, 1.0).pct().push();
        assert!(k.findings(&ShareSumExceedsWhole).is_empty());
    }

    proptest! {
        #[test]
        fn verdict_ignores_order(mut v in prop::collection::vec(0u32..60, 2..7), seed in any::<u64>()) {
            let before = list(&v).findings(&ShareSumExceedsWhole).len();
            // A deterministic shuffle from the seed.
            let n = v.len();
            let mut s = seed;
            for i in (1..n).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                v.swap(i, (s >> 33) as usize % (i + 1));
            }
            let after = list(&v).findings(&ShareSumExceedsWhole).len();
            prop_assert_eq!(before, after);
            // Each share at its lowest written reading, never below 0% (0% stands for 0–0.5%).
            let lows: f64 = v.iter().map(|&x| (f64::from(x) - 0.5).max(0.0)).sum();
            prop_assert_eq!(after == 1, lows > 100.0);
        }
    }
}
