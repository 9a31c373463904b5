//! NC108 ranking-order-mismatch: a list introduced as a ranking whose values are out of order.

use super::arith_cues::{
    before_in_sentence, between, clause_before, is_clause_break, is_share, same_unit, starts_any,
    top_n_count, FirstChars, SentenceIndex,
};
use super::tolerance::{self as tol};
use super::{Check, Context, Outcome};
use crate::claim::{Claim, ClaimId, ClaimKind};
use crate::finding::{Finding, RuleInfo};

crate::declare_rule!(
    RankingOrderMismatch,
    "NC108",
    "ranking-order-mismatch",
    Warning,
    "a ranked list (分别是/依次为/前三) is not in order",
    "NC108 ranking-order-mismatch (warning)

What: a list introduced as a ranking — a ranking word (最大, 最高, 最多, 前N名/前三大/前五家,
排名, 排行, 榜首 for descending; 最小, 最低, 最少, 倒数 for ascending) in the clause that
introduces the list with 分别是/分别为/依次为/为/是/： — whose values are not in that order.
The list is the run of figures of one unit that follows, each separated from the next by a
short stretch of names (no sentence break, at most 30 characters). A 分别 list may take its
ranking from the clause before (`装车量排名前三的企业依次为A、B和C，装车量分别为…`) when that
clause names the figures' metric or the figures are shares.

Why: readers take the order of a ranked list as the ranking; a figure out of order means a
wrong figure or a wrong place in the list.

Flagged: `销量前三的车企依次为甲(30万辆)、乙(35万辆)、丙(20万辆)` — 35万 comes after 30万 in a
descending list.

Not flagged: `最大买家分别是A(48.5万枚)、B与C(均采购23万枚)、D(22.4万枚)、E(19.6万枚)、
F(19.6万枚)` (ties and 均 are fine); `A、B的销量分别为30万辆和50万辆` (分别 alone pairs names with
figures, it does not rank); `前3季度` (a period, not a ranking); `前3家、前5家、前10家企业装车量分别为61.5GWh、68.9GWh和
79.1GWh` (cumulative totals of nested groups, which grow).

Tolerance: two neighbours are out of order only when their intervals do not meet: written
precision (19.6万 is 19.55万–19.65万) and hedges (约, 超 …) first, so ties and rounding never
count.
"
);

impl Check for RankingOrderMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Outcome) {
        let idx = SentenceIndex::for_document(cx);
        // Sentences without claims hold no list.
        for (s, ids) in idx.groups() {
            // A list needs two figures, and every cue a ranking word or 前N inside the
            // sentence (both clauses looked at lie in it): most sentences have neither.
            if ids.len() < 2 {
                continue;
            }
            let Some(cue_at) = first_cue(cx, s, ids) else {
                continue;
            };
            let mut i = 0;
            while i < ids.len() {
                let Some(first) = cx.claims.get(ids[i]) else {
                    break;
                };
                // Both clauses a cue is read from lie in the sentence before the figure:
                // a figure no later than the sentence's first cue character has none, and
                // its clauses are not looked for.
                if first.span.start <= cue_at {
                    i += 1;
                    continue;
                }
                let clause = clause_before(cx, first);
                let Some(order) =
                    ranking_cue(clause).or_else(|| cue_in_clause_before(cx, first, clause))
                else {
                    i += 1;
                    continue;
                };
                let list = list_from(cx, &ids[i..]);
                if list.len() >= 2 {
                    check(cx, &list, order, out);
                }
                // Continue after the list's last item (periods inside it were skipped).
                let last = list.last().and_then(|c| ids.binary_search(&c.id).ok());
                i = last.map_or(i, |p| p.max(i)) + 1;
            }
        }
    }
}

/// The order a ranking cue promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Largest first (最大, 前三).
    Descending,
    /// Smallest first (最小, 最低).
    Ascending,
}

/// How many characters before the list marker a ranking word may stand.
const CUE_REACH: usize = 24;

/// Words that introduce the list (the first one in the clause counts).
const MARKERS: &[&str] = &[
    "分别是",
    "分别为",
    "依次为",
    "依次是",
    "为",
    "是",
    "：",
    ":",
    "包括",
];

/// Ranking words promising smallest first.
const ASCENDING: &[&str] = &["最小", "最低", "最少", "倒数", "垫底"];

/// Ranking words promising largest first.
const DESCENDING: &[&str] = &[
    "最大", "最高", "最多", "排名", "排行", "榜首", "TOP", "Top", "top",
];

/// The first characters of the [`MARKERS`], for a byte walk to the places one may start.
const MARKER_FIRST: FirstChars = FirstChars::of(MARKERS);

/// The first characters of the [`ASCENDING`] and [`DESCENDING`] words.
const RANKING_FIRST: FirstChars = FirstChars::of(ASCENDING).union(FirstChars::of(DESCENDING));

/// True for the first character of a [`MARKERS`] word: the character walk of the test
/// oracle (the check walks [`MARKER_FIRST`]).
#[cfg(test)]
fn marker_first(c: char) -> bool {
    matches!(c, '分' | '依' | '为' | '是' | '：' | ':' | '包')
}

/// True for the first character of an [`ASCENDING`] or [`DESCENDING`] word: the character
/// walk of the test oracle (the check walks [`RANKING_FIRST`]).
#[cfg(test)]
fn ranking_first(c: char) -> bool {
    matches!(c, '最' | '倒' | '垫' | '排' | '榜' | 'T' | 't')
}

/// The byte offset (in the document) of the first character a ranking cue starts with
/// (ranking words, 前N) in sentence `s` before the last figure that may open a list (of
/// `ids`); `None` when there is none, so no figure in it can open a ranked list. When the
/// sentence cannot be read, its start (nothing is known to lie before it).
///
/// Every cue is read from text before a list's first figure (its clause, or the clause
/// before that), and a list's first figure is `ids[i]` with a second item among
/// `ids[i + 1..]`: never the last of `ids`. So text after the last figure but one (in
/// `ids` order) is not walked.
fn first_cue(cx: &Context<'_>, s: usize, ids: &[ClaimId]) -> Option<usize> {
    let openers = ids.split_last().map_or(ids, |(_, rest)| rest);
    let last = openers
        .iter()
        .filter_map(|&i| cx.claims.get(i))
        .map(|c| c.span.start)
        .max();
    let Some(sp) = cx.sentences.get(s) else {
        return Some(0);
    };
    let end = last.map_or(sp.end, |l| l.max(sp.start).min(sp.end));
    match cx.doc.text.get(sp.start..end) {
        Some(text) => first_cue_in(text).map(|i| sp.start + i),
        None => Some(sp.start),
    }
}

/// True when `text` holds a character a ranking cue starts with ([`ranking_first`] or 前).
///
/// The byte walk of [`CUE_FIRST`] (its loop over runs of three-byte characters) finds the
/// places; as that set may also hold a character sharing a cue character's last two bytes,
/// each place is then told exactly by its bytes. No character is decoded.
fn may_rank(text: &str) -> bool {
    first_cue_in(text).is_some()
}

/// Byte offset of the first character of `text` a ranking cue starts with ([`may_rank`]).
fn first_cue_in(text: &str) -> Option<usize> {
    CUE_FIRST.starts_in(text).find(|&i| {
        matches!(
            text.as_bytes().get(i..),
            Some(
                [b'T' | b't', ..]
                    | [0xe6, 0x9c, 0x80, ..] // 最
                    | [0xe5, 0x80, 0x92, ..] // 倒
                    | [0xe5, 0x9e, 0xab, ..] // 垫
                    | [0xe6, 0x8e, 0x92, ..] // 排
                    | [0xe6, 0xa6, 0x9c, ..] // 榜
                    | [0xe5, 0x89, 0x8d, ..] // 前
            )
        )
    })
}

/// The characters a ranking cue starts with: those of the ranking words and 前.
const CUE_FIRST: FirstChars = RANKING_FIRST.union(FirstChars::of(&["前"]));

/// [`may_rank`] as it was, a match over every lead byte: the test oracle of the walk over
/// [`CUE_FIRST`].
#[cfg(test)]
fn may_rank_by_match(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&lead) = b.get(i) {
        match lead {
            b'T' | b't' => return true,
            0xe5 | 0xe6 => {
                if let Some(&[x, y]) = b.get(i + 1..i + 3) {
                    if matches!(
                        (lead, x, y),
                        (0xe6, 0x9c, 0x80) // 最
                            | (0xe5, 0x80, 0x92) // 倒
                            | (0xe5, 0x9e, 0xab) // 垫
                            | (0xe6, 0x8e, 0x92) // 排
                            | (0xe6, 0xa6, 0x9c) // 榜
                            | (0xe5, 0x89, 0x8d) // 前
                    ) {
                        return true;
                    }
                }
                i += 3;
            }
            0xf0..=0xff => i += 4,
            0xe0..=0xef => i += 3,
            0xc0..=0xdf => i += 2,
            _ => i += 1,
        }
    }
    false
}

/// Byte offset of the earliest list marker in `clause`: one pass, trying the markers only
/// where one may start.
fn first_marker(clause: &str) -> Option<usize> {
    MARKER_FIRST
        .starts_in(clause)
        .find(|&i| starts_any(clause.get(i..).unwrap_or_default(), MARKERS))
}

/// The order promised by the clause leading to a list, if it introduces a ranked list.
pub fn ranking_cue(clause: &str) -> Option<Order> {
    // Every cue holds a ranking word or 前N, whose first characters [`may_rank`] looks
    // for: a clause without one (most clauses) promises no order, and no marker is
    // searched in it.
    if !may_rank(clause) {
        return None;
    }
    cue_before(clause, first_marker(clause)?)
}

/// The order promised by the ranking words in `clause` before the list marker at byte
/// `marker`.
fn cue_before(clause: &str, marker: usize) -> Option<Order> {
    // The ranking word must sit near the marker (最大买家分别是, 排名前五的企业分别是), not
    // anywhere earlier in a long clause.
    let lead = &clause[..marker];
    let lead = lead
        .char_indices()
        .rev()
        .nth(CUE_REACH - 1)
        .map_or(lead, |(i, _)| &lead[i..]);
    let top_n = top_n_count(lead);
    // 前3家、前5家、前10家企业的装车量分别为: cumulative totals of growing groups, not a ranking.
    if top_n >= 2 {
        return None;
    }
    let (asc, desc) = ranking_words(lead);
    if asc {
        Some(Order::Ascending)
    } else if desc || top_n > 0 {
        Some(Order::Descending)
    } else {
        None
    }
}

/// Whether `lead` holds an [`ASCENDING`] word and whether it holds a [`DESCENDING`] one,
/// tried only where the byte walk of [`RANKING_FIRST`] stops.
fn ranking_words(lead: &str) -> (bool, bool) {
    let (mut asc, mut desc) = (false, false);
    for i in RANKING_FIRST.starts_in(lead) {
        let rest = lead.get(i..).unwrap_or_default();
        asc = asc || starts_any(rest, ASCENDING);
        desc = desc || starts_any(rest, DESCENDING);
    }
    (asc, desc)
}

/// [`ranking_cue`] of `gap` followed by 为, without building that string: the marker is
/// the first one in `gap`, else one that 为 completes at its end (分别为, 依次为), else 为.
fn ranking_cue_before_wei(gap: &str) -> Option<Order> {
    // As in [`ranking_cue`]: no ranking word or 前N, no cue.
    if !may_rank(gap) {
        return None;
    }
    let marker = first_marker(gap).unwrap_or_else(|| {
        ["分别", "依次"]
            .iter()
            .find(|p| gap.ends_with(**p))
            .map_or(gap.len(), |p| gap.len() - p.len())
    });
    cue_before(gap, marker)
}

/// `销量排名前三的企业依次为A、B和C，销量分别为…`: the ranking names the companies in one
/// clause and the next clause gives their figures with 分别. The order carries over only when
/// the figures measure what was ranked: the ranking clause names the figures' metric word,
/// or the figures are shares (份额 follow the ranked amounts).
///
/// `clause` is [`clause_before`] `first`, as the caller already has it.
fn cue_in_clause_before(cx: &Context<'_>, first: &Claim, clause: &str) -> Option<Order> {
    if !clause.contains("分别") {
        return None;
    }
    let pre = before_in_sentence(cx, first);
    let head = pre.strip_suffix(clause)?;
    let head = head.trim_end_matches(|c: char| is_clause_break(c));
    let prev = match head.char_indices().rev().find(|&(_, c)| is_clause_break(c)) {
        Some((i, c)) => &head[i + c.len_utf8()..],
        None => head,
    };
    if !["依次为", "依次是", "分别为", "分别是"]
        .iter()
        .any(|m| prev.contains(m))
    {
        return None;
    }
    let measures_ranked = first.metric.as_deref().is_some_and(|m| prev.contains(m))
        || (first.kind == ClaimKind::Share && is_share(first));
    if !measures_ranked {
        return None;
    }
    ranking_cue(prev)
}

/// Longest gap, in characters, between two items of one list.
const MAX_GAP: usize = 30;

/// The run of same-unit figures starting at `ids[0]`, each a short gap from the previous one.
fn list_from<'a>(cx: &Context<'a>, ids: &[usize]) -> Vec<&'a Claim> {
    let mut list: Vec<&'a Claim> = Vec::new();
    for &id in ids {
        let Some(c) = cx.claims.get(id) else { break };
        if !c.is_quantity() {
            continue; // dates and periods inside the list do not break it
        }
        if !matches!(c.kind, ClaimKind::Level | ClaimKind::Share) {
            break;
        }
        if let Some(prev) = list.last() {
            let gap = between(cx, prev.span, c.span);
            if !same_unit(prev.unit.as_ref(), c.unit.as_ref())
                || gap.chars().count() > MAX_GAP
                || gap
                    .chars()
                    .any(|ch| is_clause_break(ch) && ch != '，' && ch != ',')
                || starts_new_statement(gap)
            {
                break;
            }
        } else if c.unit.is_none() {
            break;
        }
        list.push(c);
    }
    list
}

/// True when the text between two figures starts another statement rather than naming the
/// next list item (`，前五大供应商采购额占比为`): a verb of being or a ranking word of its own.
///
/// The verb must end the gap (`…占比为40%`): 为 inside a name (华为) does not count.
fn starts_new_statement(gap: &str) -> bool {
    let g = gap.trim_end();
    ["为", "是", "占", "达", "达到", "：", ":"]
        .iter()
        .any(|w| g.ends_with(w))
        || ranking_cue_before_wei(gap).is_some()
}

fn check(cx: &Context<'_>, list: &[&Claim], order: Order, out: &mut Outcome) {
    for w in list.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (Some(ia), Some(ib)) = (tol::allowed(a), tol::allowed(b)) else {
            return;
        };
        let wrong = match order {
            Order::Descending => ib.lo > ia.hi,
            Order::Ascending => ib.hi < ia.lo,
        };
        if !wrong {
            continue;
        }
        let word = match order {
            Order::Descending => "descending",
            Order::Ascending => "ascending",
        };
        let (at, bt) = (cx.doc.slice(a.span), cx.doc.slice(b.span));
        // What the item should be at most (at least): the previous item as written.
        let prev = tol::nominal(a).unwrap_or(ia);
        let expected = match order {
            Order::Descending => format!("≤ {}", tol::fmt_value(prev.hi, a.unit.as_ref())),
            Order::Ascending => format!("≥ {}", tol::fmt_value(prev.lo, a.unit.as_ref())),
        };
        let listed: Vec<&str> = list.iter().map(|c| cx.doc.slice(c.span)).collect();
        let mut f = Finding::new(
            &INFO,
            b.span,
            format!("the list is introduced as a ranking ({word}) but {bt} follows {at}"),
        )
        .stated(format!("{bt} after {at}"))
        .expected(expected)
        .formula(format!("{} (expected {word} order)", listed.join(", ")))
        .tolerance(format!(
            "neighbours out of order only when their intervals do not meet: {}; {}",
            tol::describe(a),
            tol::describe(b)
        ))
        .related(a.span, format!("the item before: {at}"));
        for c in list {
            if c.id != a.id && c.id != b.id {
                f = f.related(c.span, format!("list item {}", cx.doc.slice(c.span)));
            }
        }
        out.findings.push(f);
        return;
    }
    for c in list {
        out.mark_checked(c.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::tolerance::testkit::Kit;
    use crate::claim::HedgeKind;

    use proptest::strategy::Strategy;

    /// [`first_marker`] as it was, a walk over the characters: the oracle of the byte walk.
    fn first_marker_by_chars(clause: &str) -> Option<usize> {
        clause
            .char_indices()
            .find(|&(i, c)| marker_first(c) && starts_any(&clause[i..], MARKERS))
            .map(|(i, _)| i)
    }

    /// [`ranking_words`] as it was, a walk over the characters: the oracle of the byte walk.
    fn ranking_words_by_chars(lead: &str) -> (bool, bool) {
        let (mut asc, mut desc) = (false, false);
        for (i, c) in lead.char_indices() {
            if ranking_first(c) {
                let rest = &lead[i..];
                asc = asc || starts_any(rest, ASCENDING);
                desc = desc || starts_any(rest, DESCENDING);
            }
        }
        (asc, desc)
    }

    proptest::proptest! {
        /// The byte walks find the markers and ranking words the character walks find.
        #[test]
        fn marker_and_cue_walks_agree_with_the_char_walks(
            text in proptest::collection::vec(
                proptest::sample::select(vec![
                    "最", "最大", "最少", "倒数", "垫底", "排名", "排行", "榜首", "TOP", "Top",
                    "top", "T", "分别是", "分别为", "依次为", "依次", "为", "是", "：", ":",
                    "包括", "包", "英伟达", "销量", "，", "。", "a", "5", "的", "𝄞", "é", "朂",
                    "徘", "剪", "份额",
                ]),
                0..30,
            )
            .prop_map(|v| v.concat())
        ) {
            proptest::prop_assert_eq!(first_marker(&text), first_marker_by_chars(&text));
            proptest::prop_assert_eq!(ranking_words(&text), ranking_words_by_chars(&text));
        }
    }

    /// The rule as it was, gating each sentence on all of its text: the oracle of the gate
    /// on the text before the sentence's last figure but one.
    fn run_before(cx: &Context<'_>, out: &mut Outcome) {
        let idx = SentenceIndex::for_document(cx);
        for (s, ids) in idx.groups() {
            let whole = cx
                .sentences
                .get(s)
                .and_then(|sp| cx.doc.text.get(sp.start..sp.end))
                .map_or(true, may_rank);
            if ids.len() < 2 || !whole {
                continue;
            }
            let mut i = 0;
            while i < ids.len() {
                let Some(first) = cx.claims.get(ids[i]) else {
                    break;
                };
                let clause = clause_before(cx, first);
                let Some(order) =
                    ranking_cue_ungated(clause).or_else(|| cue_in_clause_before(cx, first, clause))
                else {
                    i += 1;
                    continue;
                };
                let list = list_from(cx, &ids[i..]);
                if list.len() >= 2 {
                    check(cx, &list, order, out);
                }
                let last = list.last().and_then(|c| ids.binary_search(&c.id).ok());
                i = last.map_or(i, |p| p.max(i)) + 1;
            }
        }
    }

    /// Findings and checked marks of the rule and of [`run_before`] on `text`.
    fn both(text: &str) -> (Outcome, Outcome) {
        crate::checks::tolerance::testkit::against_oracle(text, &RankingOrderMismatch, run_before)
    }

    #[test]
    fn gate_keeps_a_misordered_ranking() {
        let (now, before) =
            both("2024年销量排名前三的车企分别为比亚迪30万辆、特斯拉40万辆、吉利25万辆。");
        assert_eq!(now.findings.len(), 1, "{:?}", now.findings);
        assert_eq!(now.findings, before.findings);
        assert_eq!(now.checked, before.checked);
    }

    proptest::proptest! {
        /// Gating on the text before the last figure but one changes no finding and no mark.
        #[test]
        fn gate_before_the_last_figure_agrees_with_the_whole_sentence(
            text in proptest::collection::vec(
                proptest::sample::select(vec![
                    "销量", "最高", "最少", "排名前三的", "前5", "车企", "分别是", "依次为",
                    "为", "：", "比亚迪", "特斯拉", "吉利", "30万辆", "25万辆", "40万辆",
                    "12%", "8%", "，", "、", "。", "\n", "榜首", "TOP3",
                ]),
                0..30,
            )
            .prop_map(|v| v.concat())
        ) {
            let (now, before) = both(&text);
            proptest::prop_assert_eq!(now.findings, before.findings);
            proptest::prop_assert_eq!(now.checked, before.checked);
        }
    }

    /// [`ranking_cue`] as it was, searching the marker in every clause: the oracle of the
    /// first-character gate.
    fn ranking_cue_ungated(clause: &str) -> Option<Order> {
        cue_before(clause, first_marker(clause)?)
    }

    proptest::proptest! {
        /// Clauses without a ranking word or 前N are passed over with the cue they had.
        #[test]
        fn gated_cues_agree_with_the_ungated_ones(
            text in proptest::collection::vec(
                proptest::sample::select(vec![
                    "最", "最大", "最少", "倒数", "垫底", "排名", "排行", "榜首", "TOP", "top",
                    "前", "前三", "前5", "前10家", "分别是", "分别为", "依次为", "依次", "为",
                    "是", "：", "包括", "英伟达", "销量", "买家", "的", "，", "5", "家", "𝄞",
                ]),
                0..20,
            )
            .prop_map(|v| v.concat())
        ) {
            proptest::prop_assert_eq!(ranking_cue(&text), ranking_cue_ungated(&text));
            let marker = first_marker(&text).unwrap_or_else(|| {
                ["分别", "依次"]
                    .iter()
                    .find(|p| text.ends_with(**p))
                    .map_or(text.len(), |p| text.len() - p.len())
            });
            proptest::prop_assert_eq!(ranking_cue_before_wei(&text), cue_before(&text, marker));
        }
    }

    proptest::proptest! {
        /// The byte walk finds exactly the texts a test of every character finds.
        #[test]
        fn may_rank_agrees_with_the_char_test(
            text in proptest::collection::vec(
                proptest::sample::select(vec![
                    "最", "倒", "垫", "排", "榜", "前", "T", "t", "英伟达", "销量", "为", "，",
                    "。", "a", "5", "分别", "依次", "的", "𝄞", "é", "朂", "排名", "徘", "剪",
                ]),
                0..30,
            )
            .prop_map(|v| v.concat())
        ) {
            let by_chars = text.contains(|c: char| ranking_first(c) || c == '前');
            proptest::prop_assert_eq!(may_rank(&text), by_chars);
            proptest::prop_assert_eq!(may_rank(&text), may_rank_by_match(&text));
        }
    }

    #[test]
    fn may_rank_knows_every_cue_character() {
        for c in ['最', '倒', '垫', '排', '榜', '前', 'T', 't'] {
            assert!(may_rank(&format!("销量{c}")), "{c}");
        }
        assert!(!may_rank("英伟达在中国市场的份额为50%"));
    }

    fn buyers(vals: &[(&str, f64)], lead: &str) -> Kit {
        let items: Vec<String> = vals
            .iter()
            .enumerate()
            .map(|(i, (t, _))| format!("公司{i}({t})"))
            .collect();
        let text = format!("{lead}{}。", items.join("、"));
        let mut k = Kit::new(&text);
        for (t, v) in vals {
            let b = k.at(t, ClaimKind::Level).point(*v, 1e4).measure("枚");
            let b = if t.starts_with('均') {
                b.hedge("均", HedgeKind::Each)
            } else {
                b
            };
            b.push();
        }
        k
    }

    #[test]
    fn descending_list_with_ties_and_each_passes() {
        let k = buyers(
            &[
                ("48.5万枚", 48.5),
                ("均采购23万枚", 23.0),
                ("22.4万枚", 22.4),
                ("19.6万枚", 19.6),
                ("19.6万枚", 19.6),
                ("16.9万枚", 16.9),
            ],
            "榜单中，最大买家分别是",
        );
        let out = k.run(&RankingOrderMismatch);
        assert!(out.findings.is_empty());
        assert!(out.checked.iter().all(|&c| c));
    }

    #[test]
    fn out_of_order_item_is_flagged() {
        let k = buyers(
            &[("30万枚", 30.0), ("35万枚", 35.0), ("20万枚", 20.0)],
            "采购量前三的企业依次为",
        );
        let f = k.findings(&RankingOrderMismatch);
        assert_eq!(f.len(), 1);
        assert_eq!(k.text(f[0].span), "35万枚");
        assert_eq!(f[0].expected.as_deref(), Some("≤ 30万枚"));
        assert_eq!(f[0].related.len(), 2);
    }

    #[test]
    fn ascending_when_smallest_first() {
        let k = buyers(
            &[("3.2万枚", 3.2), ("2.1万枚", 2.1)],
            "采购量最少的两家分别是",
        );
        assert_eq!(k.findings(&RankingOrderMismatch).len(), 1);
    }

    #[test]
    fn fenbie_alone_and_periods_are_not_rankings() {
        let k = buyers(
            &[("30万枚", 30.0), ("50万枚", 50.0)],
            "两家公司的采购量分别为",
        );
        assert!(k.findings(&RankingOrderMismatch).is_empty());
        let k = buyers(
            &[("30万枚", 30.0), ("50万枚", 50.0)],
            "前3季度两家采购量分别为",
        );
        assert!(k.findings(&RankingOrderMismatch).is_empty());
    }

    #[test]
    fn names_holding_wei_do_not_end_a_list() {
        let text = "出货量最大的厂商分别是小米(42万台)、华为(35万台)、荣耀(38万台)。";
        let mut k = Kit::new(text);
        for (t, v) in [("42万台", 42.0), ("35万台", 35.0), ("38万台", 38.0)] {
            k.at(t, ClaimKind::Level).point(v, 1e4).measure("台").push();
        }
        let f = k.findings(&RankingOrderMismatch);
        assert_eq!(f.len(), 1);
        assert_eq!(k.text(f[0].span), "38万台");
    }

    #[test]
    fn two_statements_are_not_one_list() {
        let mut k = Kit::new("前五大客户销售额占比为35%，前五大供应商采购额占比为40%。");
        k.at("35%", ClaimKind::Share).point(35.0, 1.0).pct().push();
        k.at("40%", ClaimKind::Share).point(40.0, 1.0).pct().push();
        assert!(k.findings(&RankingOrderMismatch).is_empty());
    }

    #[test]
    fn prefilters_accept_every_first_character() {
        let first = |w: &str| w.chars().next().unwrap();
        assert!(MARKERS.iter().all(|w| marker_first(first(w))));
        assert!(ASCENDING
            .iter()
            .chain(DESCENDING)
            .all(|w| ranking_first(first(w))));
        for gap in ["、乙公司", "排名前三分别", "最少的依次", "", "最大"] {
            assert_eq!(
                ranking_cue_before_wei(gap),
                ranking_cue(&format!("{gap}为")),
                "{gap}"
            );
        }
    }

    #[test]
    fn cues() {
        assert_eq!(ranking_cue("销量前三的车企依次为"), Some(Order::Descending));
        assert_eq!(ranking_cue("排名前五的企业分别是"), Some(Order::Descending));
        assert_eq!(ranking_cue("前三季度营收分别为"), None);
        assert_eq!(ranking_cue("最大买家"), None);
        assert_eq!(
            ranking_cue("最大的问题在于各地执行标准不一致导致统计口径差异很大两项指标分别为"),
            None
        );
    }
}
