//! NC104 derived-share-mismatch: a share said to follow from counts given just before does not.

use super::arith_cues::{
    before_in_sentence, clause_before, has_derivation_connector, is_amount, is_share, marks_whole,
    names_differ, names_match, paragraph, periods_conflict, same_unit, SentenceIndex,
};
use super::nc107_share_of_total_mismatch::{operand, part_whole};
use super::tolerance::{self as tol, Interval};
use super::{Check, Context, Outcome};
use crate::claim::{Claim, ClaimId};
use crate::finding::{cat, Finding, RuleInfo};

crate::declare_rule!(
    DerivedShareMismatch,
    "NC104",
    "derived-share-mismatch",
    Warning,
    "a share said to follow from counts in the text does not",
    "NC104 derived-share-mismatch (warning)

What: a share introduced as a consequence (也就是说, 即, 这意味着, 换言之, 由此可见, 据此 …, or
占 in a sentence that gives no figure of its own before the share) of counts given in the
sentences just before it, in the same paragraph (up to three sentences
back, or earlier in its own sentence), is not what those counts give. The share's subject
must be the subject of exactly one of the counts (the part); the other counts of the same
unit and metric are the rest of the market, and the share is part ÷ (part + rest); when one of
them is marked as the total (总出货量, 合计, 全行业 …) the share is part ÷ total. Ranges are
intervals: the smallest share takes the smallest part and the largest rest.

Why: the text presents the share as arithmetic the reader can redo; an overstated conclusion
(远超 where the counts give barely 60%) misleads while looking computed.

Flagged: `出货量约为60万-80万枚。某国产芯片出货量约为30万-40万枚。也就是说，A的份额远超60%。`
— A's share is 60/(60+40) = 60.0% to 80/(80+30) = 72.7%; 远超60% claims at least 66%, but the
counts allow as little as 60.0%.

Not flagged: the same counts with `份额超50%` (every value in 60.0%–72.7% is above 50%) or
`份额约65%` (an estimate inside the interval); a share with no connector; a share whose
whole is written as a number (NC107 checks those).

Tolerance: the derived interval is computed from the counts as written (60.0%–72.7%), and
widened by the counts' own precision and hedges (约 ±max(5%, one step)) where that favours the
text. Counts summed as the market may leave rivals unnamed, which only lowers the true share,
so there only an overstatement is flagged: a lower bound (超, 远超, 至少) above the derived low
end (远超 means at least 1.1× the written low end), or an estimate (plain or 约/左右) whose low
end is above the widened derived high end. Against a written total, a bound must hold over
the whole derived interval and an estimate must meet the widened one. A share of another
market than the counts' (全球 against 国内) is not checked.
"
);

impl Check for DerivedShareMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Outcome) {
        let idx = SentenceIndex::for_document(cx);
        for s in cx.claims.iter().filter(|c| is_share(c)) {
            if s.change_of.is_some() || !is_derived(cx, &idx, s) {
                continue;
            }
            if part_whole(cx, &idx, s).is_some() {
                continue; // a part of a written whole: NC107's business
            }
            if let Some(d) = derivation(cx, &idx, s) {
                check(cx, s, &d, out);
            }
        }
    }
}

/// True when the share is presented as following from counts before it: a derivation
/// connector earlier in its sentence (也就是说, 即, 这意味着 …), or 占 in its own clause when
/// its sentence gives no figure of its own before it (`…B公司300万台。A公司占62.5%。`).
fn is_derived(cx: &Context<'_>, idx: &SentenceIndex, s: &Claim) -> bool {
    if has_derivation_connector(before_in_sentence(cx, s)) {
        return true;
    }
    clause_before(cx, s).contains('占')
        && idx
            .of(s.sentence)
            .iter()
            .filter_map(|&i| cx.claims.get(i))
            .all(|c| c.span.start >= s.span.start || !c.is_quantity())
}

/// Metric words that name a share in general, compatible with any counted metric.
const SHARE_WORDS: &[&str] = &["份额", "占比", "市占率", "比重", "比例", "占有率"];

/// How far back, in sentences of the same paragraph, counts are looked for.
const WINDOW: usize = 3;

/// At most this many counts (the nearest) are considered for one share.
const MAX_COUNTS: usize = 12;

/// The counts a share is derived from.
struct Derivation {
    part: ClaimId,
    /// The other counts, or the one whole when a count is marked as the total (总量, 合计 …).
    rest: Vec<ClaimId>,
    /// True when `rest` is a single whole: the share is part ÷ whole, not part ÷ (part + rest).
    whole: bool,
}

/// The amounts a share may be derived from: earlier in its sentence, then up to [`WINDOW`]
/// sentences back in the same paragraph, in text order.
fn window<'a>(cx: &Context<'a>, idx: &SentenceIndex, s: &Claim) -> Vec<&'a Claim> {
    let para = paragraph(cx, s.sentence);
    let first = s.sentence.saturating_sub(WINDOW);
    let mut v = Vec::new();
    for sent in first..=s.sentence {
        if paragraph(cx, sent) != para {
            continue;
        }
        v.extend(
            idx.of(sent)
                .iter()
                .filter_map(|&i| cx.claims.get(i))
                .filter(|c| c.span.end <= s.span.start && is_amount(c)),
        );
    }
    // Only the nearest counts: a derivation names a handful, and huge lists stay linear.
    let skip = v.len().saturating_sub(MAX_COUNTS);
    v.split_off(skip)
}

/// Finds the part (the count whose subject is the share's) and the rest (same unit and metric).
fn derivation(cx: &Context<'_>, idx: &SentenceIndex, s: &Claim) -> Option<Derivation> {
    let counts: Vec<&Claim> = window(cx, idx, s)
        .into_iter()
        .filter(|c| !periods_conflict(c, s))
        .collect();
    // The part: its subject is the share's, or is named in the share's sentence before it.
    let pre = before_in_sentence(cx, s);
    let is_part = |c: &&&Claim| match (&s.subject, &c.subject) {
        (Some(_), Some(_)) => names_match(s.subject.as_deref(), c.subject.as_deref()),
        (None, Some(cs)) => !cs.is_empty() && pre.contains(cs.as_str()),
        _ => false,
    };
    let mut parts = counts.iter().filter(is_part);
    let part = *parts.next()?;
    if parts.next().is_some() {
        return None; // two counts of the same subject: not one part of a split
    }
    if names_differ(s.segment.as_deref(), part.segment.as_deref()) {
        return None; // the share is of another market (全球) than the counts (国内)
    }
    let generic = |m: &str| SHARE_WORDS.iter().any(|w| m.contains(w));
    if s.metric.as_deref().is_some_and(|m| !generic(m))
        && names_differ(s.metric.as_deref(), part.metric.as_deref())
    {
        return None; // a share of profit is not a share of units shipped
    }
    let rest: Vec<ClaimId> = counts
        .iter()
        .filter(|c| c.id != part.id && same_unit(c.unit.as_ref(), part.unit.as_ref()))
        .filter(|c| !names_differ(c.metric.as_deref(), part.metric.as_deref()))
        .filter(|c| !names_match(c.subject.as_deref(), part.subject.as_deref()))
        .map(|c| c.id)
        .collect();
    // A bound-hedged count (超30万) has no upper end, so no share interval follows from it.
    let bounded = |i: &ClaimId| cx.claims.get(*i).is_some_and(tol::is_bound);
    if rest.is_empty() || tol::is_bound(part) || rest.iter().any(bounded) {
        return None;
    }
    let wholes: Vec<ClaimId> = rest
        .iter()
        .copied()
        .filter(|&i| {
            cx.claims
                .get(i)
                .is_some_and(|c| marks_whole(clause_before(cx, c)))
        })
        .collect();
    match wholes.len() {
        0 => Some(Derivation {
            part: part.id,
            rest,
            whole: false,
        }),
        1 => Some(Derivation {
            part: part.id,
            rest: wholes,
            whole: true,
        }),
        _ => None,
    }
}

/// Whether the counts support the stated share (see the rule docs for the reasoning).
fn supported(
    stated: &Interval,
    nominal: &Interval,
    wide: &Interval,
    bound: bool,
    whole: bool,
) -> bool {
    match (whole, bound) {
        (true, true) => stated.contains(nominal),
        (true, false) => stated.overlaps(wide),
        // The counts may not be the whole market: unnamed rivals only lower the share, so
        // only a claim of more than the counts give is unsupported.
        (false, true) => Interval::new(f64::NEG_INFINITY, nominal.lo).contains_value(stated.lo),
        (false, false) => Interval::new(f64::NEG_INFINITY, wide.hi).contains_value(stated.lo),
    }
}

fn check(cx: &Context<'_>, s: &Claim, d: &Derivation, out: &mut Outcome) {
    let Some(part) = cx.claims.get(d.part) else {
        return;
    };
    let rest: Vec<&Claim> = d.rest.iter().filter_map(|&i| cx.claims.get(i)).collect();
    let sum = |f: &dyn Fn(&Claim) -> Option<Interval>| {
        rest.iter()
            .try_fold(Interval::point(0.0), |acc, c| Some(acc.add(&f(c)?)))
    };
    let (Some(pn), Some(rn), Some(pw), Some(rw)) = (
        tol::nominal(part),
        sum(&tol::nominal),
        operand(part),
        sum(&operand),
    ) else {
        return;
    };
    let derive = |p: &Interval, r: &Interval| {
        if d.whole {
            tol::ratio_pct(p, r)
        } else {
            tol::share_of_sum_pct(p, r)
        }
    };
    let (Some(nominal), Some(wide), Some(stated)) =
        (derive(&pn, &rn), derive(&pw, &rw), tol::allowed(s))
    else {
        return;
    };
    let bound = tol::is_bound(s);
    let ok = supported(&stated, &nominal, &wide, bound, d.whole);
    if ok {
        out.mark_checked(s.id);
        out.mark_checked(part.id);
        for c in &rest {
            out.mark_checked(c.id);
        }
        return;
    }
    let text = cx.doc.slice(s.span);
    let expected = tol::fmt_pct_interval(&nominal);
    let rest_text = rest
        .iter()
        .map(|c| tol::fmt_operand(c))
        .collect::<Vec<_>>()
        .join(" + ");
    let p = tol::fmt_operand(part);
    let formula = if d.whole {
        cat(&[&p, " ÷ ", &rest_text, " × 100% = ", &expected])
    } else if nominal.lo < nominal.hi {
        let (plo, phi) = (tol::fmt_magnitude(pn.lo), tol::fmt_magnitude(pn.hi));
        let (rlo, rhi) = (tol::fmt_magnitude(rn.lo), tol::fmt_magnitude(rn.hi));
        let (lo, hi) = (tol::fmt_pct(nominal.lo), tol::fmt_pct(nominal.hi));
        cat(&[
            &p, " ÷ (", &p, " + ", &rest_text, "): min ", &plo, " ÷ (", &plo, " + ", &rhi, ") = ",
            &lo, ", max ", &phi, " ÷ (", &phi, " + ", &rlo, ") = ", &hi,
        ])
    } else {
        cat(&[&p, " ÷ (", &p, " + ", &rest_text, ") = ", &expected])
    };
    let stated_text = tol::fmt_pct_interval(&stated);
    let why = cat(&[
        "they give ",
        &expected,
        ", and ",
        text,
        " means ",
        &stated_text,
    ]);
    let bound_note = match (d.whole, bound) {
        (true, true) => "a bound must hold over the whole derived interval".to_string(),
        (false, true) => cat(&[
            "unnamed rivals can only lower the share, so a lower bound must not exceed \
             the lowest derived share ",
            &tol::fmt_pct(nominal.lo),
        ]),
        (_, false) => cat(&[
            "with the counts' precision and hedges the share may be ",
            &tol::fmt_pct_interval(&wide),
        ]),
    };
    let mut f = Finding::new(
        &INFO,
        s.span,
        cat(&[text, " does not follow from the counts before it: ", &why]),
    )
    .stated(cat(&[text, " (", &stated_text, ")"]))
    .expected(expected.clone())
    .formula(formula)
    .tolerance(cat(&[&tol::describe(s), "; ", &bound_note]))
    .related(part.span, cat(&["the part: ", cx.doc.slice(part.span)]));
    let role = if d.whole { "the whole" } else { "the rest" };
    for c in &rest {
        f = f.related(c.span, cat(&[role, ": ", cx.doc.slice(c.span)]));
    }
    if nominal.hi - nominal.lo < 0.05 {
        f = f.suggestion(cat(&["约", &tol::fmt_trim(nominal.mid(), 0), "%"]));
    }
    out.findings.push(f);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::tolerance::testkit::Kit;
    use crate::claim::{ClaimKind, HedgeKind};

    const TEXT: &str = "2024年，甲公司芯片在国内的出货量约为60万-80万枚。乙公司芯片出货量约为30万-40万枚。也就是说，甲公司2024年在国内的份额SHARE。";

    fn kit(share_text: &str, v: f64, hedge: Option<(&str, HedgeKind)>) -> Kit {
        let text = TEXT.replace("SHARE", share_text);
        let mut k = Kit::new(&text);
        k.at("60万-80万枚", ClaimKind::Level)
            .range(60.0, 80.0, 1e4)
            .measure("枚")
            .hedge("约为", HedgeKind::About)
            .subject("甲公司")
            .metric("出货量")
            .push();
        k.at("30万-40万枚", ClaimKind::Level)
            .range(30.0, 40.0, 1e4)
            .measure("枚")
            .hedge("约为", HedgeKind::About)
            .subject("乙公司")
            .metric("出货量")
            .push();
        let mut b = k.at(share_text, ClaimKind::Share).point(v, 1.0).pct();
        if let Some((t, kd)) = hedge {
            b = b.hedge(t, kd);
        }
        b.subject("甲公司").metric("份额").push();
        k
    }

    #[test]
    fn well_above_not_supported_by_ranges() {
        let k = kit("远超60%", 60.0, Some(("远超", HedgeKind::WellAbove)));
        let f = k.findings(&DerivedShareMismatch);
        assert_eq!(f.len(), 1);
        assert_eq!(k.text(f[0].span), "远超60%");
        assert_eq!(f[0].expected.as_deref(), Some("60.0%–72.7%"));
        assert_eq!(f[0].related.len(), 2);
        assert!(f[0].formula.as_deref().unwrap().contains("72.7%"));
    }

    #[test]
    fn above_fifty_and_about_sixty_five_pass() {
        for (t, v, h) in [
            ("超50%", 50.0, Some(("超", HedgeKind::Above))),
            ("约65%", 65.0, Some(("约", HedgeKind::About))),
            ("为66%", 66.0, None),
        ] {
            let k = kit(t, v, h);
            let out = k.run(&DerivedShareMismatch);
            assert!(out.findings.is_empty(), "{t}");
            assert!(out.checked.iter().all(|&c| c), "{t}");
        }
    }

    #[test]
    fn estimate_far_off_is_flagged() {
        let k = kit("约90%", 90.0, Some(("约", HedgeKind::About)));
        assert_eq!(k.findings(&DerivedShareMismatch).len(), 1);
    }

    #[test]
    fn a_marked_total_is_the_whole() {
        let text = "甲公司出货量60万枚，行业总出货量200万枚。也就是说，甲公司份额约为40%。";
        let mut k = Kit::new(text);
        k.at("60万枚", ClaimKind::Level)
            .point(60.0, 1e4)
            .measure("枚")
            .subject("甲公司")
            .push();
        k.at("200万枚", ClaimKind::Level)
            .point(200.0, 1e4)
            .measure("枚")
            .push();
        k.at("约为40%", ClaimKind::Share)
            .point(40.0, 1.0)
            .pct()
            .hedge("约为", HedgeKind::About)
            .subject("甲公司")
            .push();
        let f = k.findings(&DerivedShareMismatch);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("30.0%"));
    }

    #[test]
    fn understatement_against_summed_counts_may_be_rivals() {
        // 60万 of 60万 + 30万 is 66.7%, but unnamed rivals may bring 甲 down to 20%.
        let text = "甲公司出货量60万枚。乙公司出货量30万枚。即甲公司份额为20%。";
        let mut k = Kit::new(text);
        k.at("60万枚", ClaimKind::Level)
            .point(60.0, 1e4)
            .measure("枚")
            .subject("甲公司")
            .push();
        k.at("30万枚", ClaimKind::Level)
            .point(30.0, 1e4)
            .measure("枚")
            .subject("乙公司")
            .push();
        k.at("20%", ClaimKind::Share)
            .point(20.0, 1.0)
            .pct()
            .subject("甲公司")
            .push();
        assert!(k.findings(&DerivedShareMismatch).is_empty());
    }

    #[test]
    fn zhan_after_counts_in_earlier_sentences() {
        let text = "甲公司出货量60万枚。乙公司出货量30万枚。甲公司占80%。";
        let mut k = Kit::new(text);
        k.at("60万枚", ClaimKind::Level)
            .point(60.0, 1e4)
            .measure("枚")
            .subject("甲公司")
            .push();
        k.at("30万枚", ClaimKind::Level)
            .point(30.0, 1e4)
            .measure("枚")
            .subject("乙公司")
            .push();
        k.at("80%", ClaimKind::Share)
            .point(80.0, 1.0)
            .pct()
            .subject("甲公司")
            .push();
        assert_eq!(k.findings(&DerivedShareMismatch).len(), 1);
    }

    #[test]
    fn share_of_another_metric_is_not_derived() {
        let text = "甲公司出货量60万枚。乙公司出货量30万枚。也就是说，甲公司拿走了80%的利润。";
        let mut k = Kit::new(text);
        k.at("60万枚", ClaimKind::Level)
            .point(60.0, 1e4)
            .measure("枚")
            .subject("甲公司")
            .metric("出货量")
            .push();
        k.at("30万枚", ClaimKind::Level)
            .point(30.0, 1e4)
            .measure("枚")
            .subject("乙公司")
            .metric("出货量")
            .push();
        k.at("80%", ClaimKind::Share)
            .point(80.0, 1.0)
            .pct()
            .subject("甲公司")
            .metric("利润")
            .push();
        assert!(k.findings(&DerivedShareMismatch).is_empty());
    }

    #[test]
    fn no_connector_no_check() {
        let text = "甲公司出货量60万枚。乙公司出货量30万枚。甲公司的份额为80%。";
        let mut k = Kit::new(text);
        k.at("60万枚", ClaimKind::Level)
            .point(60.0, 1e4)
            .measure("枚")
            .subject("甲公司")
            .push();
        k.at("30万枚", ClaimKind::Level)
            .point(30.0, 1e4)
            .measure("枚")
            .subject("乙公司")
            .push();
        k.at("80%", ClaimKind::Share)
            .point(80.0, 1.0)
            .pct()
            .subject("甲公司")
            .push();
        assert!(k.findings(&DerivedShareMismatch).is_empty());
    }

    #[test]
    fn other_paragraph_is_out_of_reach() {
        let text = "甲公司出货量60万枚。乙公司出货量30万枚。\n也就是说，甲公司的份额为80%。";
        let mut k = Kit::new(text);
        k.at("60万枚", ClaimKind::Level)
            .point(60.0, 1e4)
            .measure("枚")
            .subject("甲公司")
            .push();
        k.at("30万枚", ClaimKind::Level)
            .point(30.0, 1e4)
            .measure("枚")
            .subject("乙公司")
            .push();
        k.at("80%", ClaimKind::Share)
            .point(80.0, 1.0)
            .pct()
            .subject("甲公司")
            .push();
        assert!(k.findings(&DerivedShareMismatch).is_empty());
    }

    #[test]
    fn subject_found_in_text_when_share_has_none() {
        let text = "甲公司出货量60万枚。乙公司出货量30万枚。即甲公司份额为80%。";
        let mut k = Kit::new(text);
        k.at("60万枚", ClaimKind::Level)
            .point(60.0, 1e4)
            .measure("枚")
            .subject("甲公司")
            .push();
        k.at("30万枚", ClaimKind::Level)
            .point(30.0, 1e4)
            .measure("枚")
            .subject("乙公司")
            .push();
        k.at("80%", ClaimKind::Share).point(80.0, 1.0).pct().push();
        let f = k.findings(&DerivedShareMismatch);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("66.7%"));
    }
}
