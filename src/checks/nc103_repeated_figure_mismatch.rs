//! NC103 repeated-figure-mismatch: one subject, metric and period given different values in different places.
//!
//! Also home of per-end hedged intervals (ranges compare end by end); the subject/metric
//! key normalisation lives in [`series_key`](crate::checks::series_key).

use crate::checks::arith_cues::contains_any;
use crate::checks::series_key::{SeriesKey, Subjects};
use crate::checks::tolerance::{
    about_margin, fmt_interval, push_describe, Interval, WELL_ABOVE_FACTOR,
};
use crate::checks::{Check, Context, Outcome};
use crate::claim::{Claim, ClaimKind, Direction, HedgeKind, Num, Unit, Value};
use crate::finding::{cat, decimal, Finding, RuleInfo};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

crate::declare_rule!(
    RepeatedFigureMismatch,
    "NC103",
    "repeated-figure-mismatch",
    Error,
    "the same subject, metric and period given different values in different places",
    "Flags a figure repeated elsewhere in the article with a value that cannot be the same.

What it checks: quantity claims (levels, shares, growth, point changes, multiples) are indexed
by a key of subject + segment + metric + kind (+ direction for changes) + unit. Within one key,
claims in different sentences about the same period must agree: a mention is reported when
it agrees with none of the earlier ones (if it agrees with one, the slip is not here), and
linked to the most precise of them. Periods must be equal; a claim without a period meets
only other claims without one (timeless figures such as `全球约50%的AI研究人员`), never a
dated one, since its period could be any. Ranges are compared end by end; a range and a
point must overlap. A mention is compared with at most the first 64 earlier mentions of its
key, so the rule stays linear however often an article repeats a figure.

Key normalisation (so that mentions of one thing meet and different things never do):
- subjects: leading indefinite determiners are dropped with the evaluative words that follow
  them (`某`, `某家`, `某款`, `一家`, `一款` + `主流`, `知名`, `头部`, `领先`, `大型`):
  `某主流国产AI芯片` and `国产AI芯片` are one subject, an unnamed member of the same class;
  `主流国产AI芯片` alone (no determiner) is kept as written. Reference aliases map names
  to one entity (`英伟达` = `NVIDIA`); ASCII is case-folded. A subject named in the figure's
  own clause, right before it, beats one carried from earlier sentences; a subject named
  neither there nor in the figure's sentence was only carried, a guess, and is not compared.
  A claim without a subject or a metric is never compared: two different subjects with one
  metric never meet.
- segments: a trailing `市场`/`地区` is dropped (`中国市场` = `中国`, but `中国` ≠ `中国大陆`).
- metrics: reference aliases, then synonyms (`出货` = `出货量` = `发货量`, `营收` = `收入` =
  `营业收入`, `净利` = `净利润`, `销量` = `销售量`).
- a figure that is the start or end of a stated change (`从A增长到B`) is not a repetition.
- a change against the previous month or quarter (环比, 较上月) is a different figure from a
  change against the same period a year before (同比, or no base said): `环比增长9.8%` never
  meets `同比增长17%`.

Why: when an article repeats a figure, one of the copies is often mistyped (a lost 万, a
swapped digit), and nothing else in the text reveals it.

Flagged: `某主流国产AI芯片出货量约为30万-40万枚` … `国产AI芯片已实现30万-40枚出货` (the high
ends 40万 and 40 cannot meet); the finding sits on the later mention and links the earlier.

Not flagged: `约为60万-80万枚` … `曾有60万-80万枚出货量`; `约50%的AI研究人员` … `50%AI研究人员`;
`英伟达收入171亿美元` … `微软收入2450亿美元` (different subjects).

Tolerance: written precision first (`171亿` is 170.5亿–171.5亿), then the hedge, end by end:
约/左右 ± max(5%, one step of the last digit), 超/逾/多/以上/至少 the value or more, 远超 at
least 1.1× the value, 近/不到/最多/以下 the value or less, 均 none."
);

impl Check for RepeatedFigureMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Outcome) {
        // Figures that are the ends of a stated change describe two moments, not one.
        // Marked by claim id in a flag per claim: ids are positions in the claim list.
        let mut change_end = vec![false; cx.claims.len()];
        for (a, b) in cx.claims.iter().filter_map(|c| c.change_of) {
            for id in [a, b] {
                if id >= change_end.len() {
                    change_end.resize(id + 1, false);
                }
                change_end[id] = true;
            }
        }
        let is_change_end = |id: usize| change_end.get(id).copied().unwrap_or(false);
        // Sized for every claim: a filtered collect grows the list step by step.
        let mut candidates: Vec<&Claim> = Vec::with_capacity(cx.claims.len());
        candidates.extend(
            cx.claims
                .iter()
                .filter(|c| !is_change_end(c.id) && kind_code(c).is_some() && c.is_quantity()),
        );
        let quick: Vec<_> = candidates.iter().map(|c| Some(quick_key(c))).collect();
        let (meets, class) = meet_classes(&candidates, &quick);
        if !meets.contains(&true) {
            return;
        }
        let subjects = Subjects::for_document(cx);
        // Mentions of one series also share its metric, then its segment, both known
        // without resolving a subject (remembered by written form): a figure that shares
        // them with no figure of another sentence is never compared, and neither its
        // segment nor its subject (the costly part of a key) is looked up. Each finer key
        // holds the class of the coarser one (a number) rather than that key again, so
        // it is hashed and compared as a number and one name.
        let metrics: Vec<Option<Rc<str>>> = candidates
            .iter()
            .zip(&meets)
            .map(|(c, m)| if *m { subjects.metric_of(cx, c) } else { None })
            .collect();
        let by_metric: Vec<Option<(usize, &Rc<str>)>> = metrics
            .iter()
            .zip(&class)
            .map(|(m, k)| Some((*k, m.as_ref()?)))
            .collect();
        let (meets, class) = meet_classes(&candidates, &by_metric);
        let segments: Vec<Option<Rc<str>>> = candidates
            .iter()
            .zip(&meets)
            .map(|(c, m)| m.then(|| subjects.segment_of(cx, c)))
            .collect();
        let by_segment: Vec<Option<(usize, &Rc<str>)>> = segments
            .iter()
            .zip(&class)
            .map(|(s, k)| Some((*k, s.as_ref()?)))
            .collect();
        let (meets, _) = meet_classes(&candidates, &by_segment);
        let mut groups: BTreeMap<FigureKey<'_>, Vec<&Claim>> = BTreeMap::new();
        for (((c, metric), segment), _) in candidates
            .iter()
            .zip(&metrics)
            .zip(&segments)
            .zip(&meets)
            .filter(|(_, m)| **m)
        {
            // A meeting figure has its metric and segment (`None` meets nothing).
            let (Some(metric), Some(segment)) = (metric, segment) else {
                continue;
            };
            if let Some(k) =
                figure_key_with(cx, &subjects, c, Rc::clone(metric), Rc::clone(segment))
            {
                groups.entry(k).or_default().push(c);
            }
        }
        for (key, group) in &groups {
            // How the subject is printed is looked up only for a finding.
            let subject = || subjects.display(cx.reference, &key.series.subject);
            check_group(cx, &subject, group, out);
        }
    }
}

/// The key under which repeated mentions of one figure meet (period handled apart).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct FigureKey<'c> {
    series: SeriesKey,
    kind: u8,
    direction: u8,
    /// For changes: 1 against the previous period (环比), 0 otherwise.
    base: u8,
    unit: &'c str,
}

/// Words saying a change is measured against the period just before (环比, 较上月 …).
const SEQUENTIAL_BASES: &[&str] = &[
    "环比",
    "比上月",
    "较上月",
    "比上季",
    "较上季",
    "比上周",
    "较上周",
    "比上一季度",
    "较上一季度",
    "比前一",
    "较前一",
];

/// 1 when the text of the figure's clause before it measures a change against the previous
/// period, 0 otherwise.
fn change_base(cx: &Context<'_>, c: &Claim) -> u8 {
    if !matches!(c.kind, ClaimKind::Growth | ClaimKind::PointChange) {
        return 0;
    }
    let clause = crate::checks::arith_cues::clause_before(cx, c);
    u8::from(contains_any(clause, SEQUENTIAL_BASES, |ch| {
        matches!(ch, '环' | '比' | '较')
    }))
}

/// The kind's place in a [`FigureKey`]; `None` for kinds that are never compared.
fn kind_code(c: &Claim) -> Option<u8> {
    match c.kind {
        ClaimKind::Level => Some(0),
        ClaimKind::Share => Some(1),
        ClaimKind::Growth => Some(2),
        ClaimKind::PointChange => Some(3),
        ClaimKind::Multiple => Some(4),
        _ => None,
    }
}

/// The direction's place in a [`FigureKey`].
fn direction_code(c: &Claim) -> u8 {
    match c.direction {
        None => 0,
        Some(Direction::Up) => 1,
        Some(Direction::Down) => 2,
    }
}

/// The part of a [`FigureKey`] read off the claim alone: kind, direction, unit and period
/// (compared mentions share all four).
///
/// Units and periods are short (`USD`, `枚`, `2025Q1-Q3`): held as numbers ([`packed`]),
/// keys hash and compare as integers rather than through string compares. Two claims
/// with equal parts get equal keys either way (whether a part packs depends only on its
/// length), and equal keys mean equal parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum QuickKey<'c> {
    /// Kind (plus one, 0 for none), direction and whether a period is stated in one
    /// word; the unit and the period (0 for none) packed.
    Packed(u32, u128, u128),
    /// A unit or period too long to pack, as written.
    Text(Option<u8>, u8, &'c str, Option<&'c str>),
}

fn quick_key(c: &Claim) -> QuickKey<'_> {
    let (kind, direction) = (kind_code(c), direction_code(c));
    let unit = c.unit.as_ref().map_or("", |u| u.code.as_str());
    let period = c.period.as_deref();
    match (packed(unit), period.map_or(Some(0), packed)) {
        (Some(u), Some(p)) => QuickKey::Packed(
            u32::from(kind.map_or(0, |k| k + 1))
                | u32::from(direction) << 8
                | u32::from(period.is_some()) << 16,
            u,
            p,
        ),
        _ => QuickKey::Text(kind, direction, unit, period),
    }
}

/// `s` as a number when it has at most 15 bytes: its bytes, and its length in the top
/// byte, so two strings pack alike exactly when they are equal.
fn packed(s: &str) -> Option<u128> {
    let b = s.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let bytes = b.iter().rev().fold(0u128, |w, &x| w << 8 | u128::from(x));
    Some(bytes | (b.len() as u128) << 120)
}

/// For each candidate, whether some other candidate in another sentence has the same key
/// in `keys` (`None` meets nothing). Only such pairs are ever compared (same key, same
/// period, different sentences) when the keys are parts of [`FigureKey`] and the period,
/// so the others need no series key: resolving a key through the reference is what costs,
/// and most figures of an article are stated once.
///
/// Candidates are sorted by a hash of their key (a number compare, where the keys' own
/// compare runs through strings); a run of one hash whose keys are not all one key (a
/// collision) is sorted again by the keys themselves.
#[cfg(test)]
fn meets_another<K: Ord + Hash>(cands: &[&Claim], keys: &[Option<K>]) -> Vec<bool> {
    meet_classes(cands, keys).0
}

/// [`meets_another`], with each meeting candidate's class: the index of one candidate
/// holding the same key, the same for all of them. Among meeting candidates, equal classes
/// mean equal keys, so a finer key can hold the class in place of this key.
fn meet_classes<K: Ord + Hash>(cands: &[&Claim], keys: &[Option<K>]) -> (Vec<bool>, Vec<usize>) {
    // Sized for every candidate: a filtered collect grows the list step by step.
    let mut order: Vec<(u64, usize)> = Vec::with_capacity(cands.len());
    for (k, key) in keys.iter().enumerate().take(cands.len()) {
        if let Some(key) = key {
            order.push((key_hash(key), k));
        }
    }
    order.sort_unstable();
    let mut meets = vec![false; cands.len()];
    let mut class = vec![0; cands.len()];
    for run in order.chunk_by(|a, b| a.0 == b.0) {
        // A key held by one candidate meets nothing (most keys): no key is compared.
        let [(_, first), rest @ ..] = run else {
            continue;
        };
        if rest.is_empty() {
            continue;
        }
        let first = &keys[*first];
        if rest.iter().all(|&(_, k)| keys[k] == *first) {
            mark_if_apart(cands, run.iter().map(|&(_, k)| k), &mut meets, &mut class);
            continue;
        }
        let mut run: Vec<usize> = run.iter().map(|&(_, k)| k).collect();
        run.sort_unstable_by(|&a, &b| keys[a].cmp(&keys[b]));
        for same in run.chunk_by(|&a, &b| keys[a] == keys[b]) {
            mark_if_apart(cands, same.iter().copied(), &mut meets, &mut class);
        }
    }
    (meets, class)
}

/// Marks the candidates of `run` (one key) as meeting when they are in more than one
/// sentence, all of the class of the first of them.
fn mark_if_apart(
    cands: &[&Claim],
    run: impl Iterator<Item = usize> + Clone,
    meets: &mut [bool],
    class: &mut [usize],
) {
    let mut rest = run.clone();
    let Some(first) = rest.next() else {
        return;
    };
    let s0 = cands[first].sentence;
    if rest.any(|k| cands[k].sentence != s0) {
        for k in run {
            meets[k] = true;
            class[k] = first;
        }
    }
}

/// A hash of a [`meets_another`] key, Fx-style: keys are a few short words and numbers,
/// for which SipHash costs more than the sort it replaces the compares of.
///
/// Equal keys hash alike and [`meets_another`] compares the keys of one hash, so the hash
/// decides only how fast candidates are sorted out, never which ones meet.
fn key_hash<K: Hash>(key: &K) -> u64 {
    /// Fx-style hashing, eight bytes per multiply.
    struct Fx(u64);
    impl Fx {
        fn add(&mut self, word: u64) {
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
    impl Hasher for Fx {
        fn finish(&self) -> u64 {
            self.0
        }
        fn write(&mut self, bytes: &[u8]) {
            // Whole words read as such, the tail byte by byte: a copy of each piece into
            // a zeroed word went through a library call (the pieces are a few bytes).
            let mut words = bytes.chunks_exact(8);
            for w in &mut words {
                let mut b = [0u8; 8];
                b.copy_from_slice(w);
                self.add(u64::from_le_bytes(b));
            }
            let tail = words.remainder();
            if !tail.is_empty() {
                self.add(tail.iter().rev().fold(0, |w, &b| w << 8 | u64::from(b)));
            }
        }
        // The numbers of a key (kinds, enum tags, the 0xff after each string) are one
        // word each, not bytes to cut into words.
        fn write_u8(&mut self, i: u8) {
            self.add(u64::from(i));
        }
        fn write_u32(&mut self, i: u32) {
            self.add(u64::from(i));
        }
        fn write_u64(&mut self, i: u64) {
            self.add(i);
        }
        fn write_usize(&mut self, i: usize) {
            self.add(i as u64);
        }
        fn write_isize(&mut self, i: isize) {
            self.add(i as u64);
        }
    }
    let mut h = Fx(0);
    key.hash(&mut h);
    h.finish()
}

/// The [`FigureKey`] of a claim, its series resolved whole (`series_key`): what the rule
/// computed before metric and segment were known beforehand; the test oracle's path.
#[cfg(test)]
fn figure_key<'c>(cx: &Context<'_>, subjects: &Subjects, c: &'c Claim) -> Option<FigureKey<'c>> {
    let kind = kind_code(c)?;
    if !c.is_quantity() {
        return None;
    }
    let direction = direction_code(c);
    Some(FigureKey {
        series: crate::checks::series_key::series_key(cx, subjects, c)?,
        kind,
        direction,
        base: change_base(cx, c),
        unit: c.unit.as_ref().map_or("", |u| u.code.as_str()),
    })
}

/// The [`FigureKey`] of a claim whose series metric and segment are known
/// ([`Subjects::metric_of`], [`Subjects::segment_of`]): only the subject is resolved.
fn figure_key_with<'c>(
    cx: &Context<'_>,
    subjects: &Subjects,
    c: &'c Claim,
    metric: Rc<str>,
    segment: Rc<str>,
) -> Option<FigureKey<'c>> {
    let kind = kind_code(c)?;
    if !c.is_quantity() {
        return None;
    }
    Some(FigureKey {
        series: SeriesKey {
            subject: subjects.of(cx, c)?,
            segment,
            metric,
        },
        kind,
        direction: direction_code(c),
        base: change_base(cx, c),
        unit: c.unit.as_ref().map_or("", |u| u.code.as_str()),
    })
}

/// How many earlier mentions of one key a mention is compared with (the first ones), so a
/// document repeating one key thousands of times stays linear.
const MAX_EARLIER: usize = 64;

/// Compares the mentions of one key; reports each later mention that agrees with no
/// earlier mention of the same period, linking the most precise of them.
fn check_group<'s>(
    cx: &Context<'_>,
    subject: &dyn Fn() -> &'s str,
    group: &[&Claim],
    out: &mut Outcome,
) {
    // An unstated period meets only another unstated one: guessing it could pair a figure
    // with last year's.
    let same_period = |a: &Claim, b: &Claim| a.period == b.period;
    for (i, later) in group.iter().enumerate() {
        // Mentions come in text order, so those of `later`'s own sentence are the tail of
        // `group[..i]`: cut it off rather than filter it, or one endless sentence repeating
        // a key (a page with no 。) is scanned once per mention — quadratic.
        let before = group[..i].partition_point(|e| e.sentence < later.sentence);
        let earlier = group[..before]
            .iter()
            .copied()
            .filter(|e| e.sentence != later.sentence && same_period(e, later))
            .take(MAX_EARLIER);
        let mut conflicts: Vec<&Claim> = Vec::new();
        for e in earlier {
            out.mark_checked(e.id);
            out.mark_checked(later.id);
            if disagree(e, later) {
                conflicts.push(e);
            } else {
                // Agreeing with one earlier mention: if anything is wrong, it is not this one.
                conflicts.clear();
                break;
            }
        }
        // Link the most precise earlier statement (no hedge, then 约, then bounds), first in text.
        let rank = |c: &Claim| match c.hedge.as_ref().map(|h| h.kind) {
            None | Some(HedgeKind::Each) => 0,
            Some(HedgeKind::About) => 1,
            Some(_) => 2,
        };
        let best = (0..conflicts.len()).min_by_key(|&k| rank(conflicts[k]));
        if let Some(k) = best {
            // Only the finding that is reported is written out.
            let e = conflicts.swap_remove(k);
            let Some(mut f) = disagreement(cx, subject(), e, later) else {
                continue;
            };
            for other in &conflicts {
                f = f.related(
                    other.span,
                    cat(&["also stated here as ", cx.doc.slice(other.span)]),
                );
            }
            out.findings.push(f);
        }
    }
}

/// True when `later` cannot state the same figure as `earlier` (what [`disagreement`]
/// reports, without writing the finding).
fn disagree(earlier: &Claim, later: &Claim) -> bool {
    let (Some(a), Some(b)) = (Reading::of(earlier), Reading::of(later)) else {
        return false;
    };
    match (&a, &b) {
        (Reading::Range(al, ah), Reading::Range(bl, bh)) => !(al.overlaps(bl) && ah.overlaps(bh)),
        _ => !a.hull().overlaps(&b.hull()),
    }
}

/// A finding when `later` cannot state the same figure as `earlier`.
fn disagreement(
    cx: &Context<'_>,
    subject: &str,
    earlier: &Claim,
    later: &Claim,
) -> Option<Finding> {
    let unit = later.unit.as_ref();
    let a = Reading::of(earlier)?;
    let b = Reading::of(later)?;
    // Each end is written once and reused by the formula and the stated/expected texts.
    let (ea, eb) = (a.ends_text(unit), b.ends_text(unit));
    let formula = match (&a, &b) {
        (Reading::Range(al, ah), Reading::Range(bl, bh)) => {
            let low_ok = al.overlaps(bl);
            let high_ok = ah.overlaps(bh);
            if low_ok && high_ok {
                return None;
            }
            let (k, end) = if high_ok { (0, "low") } else { (1, "high") };
            cat(&[
                end,
                " ends: ",
                &eb[k],
                " here vs ",
                &ea[k],
                " before: no overlap",
            ])
        }
        _ => {
            let (x, y) = (a.hull(), b.hull());
            if x.overlaps(&y) {
                return None;
            }
            cat(&[
                &b.hull_text(&eb, unit),
                " here vs ",
                &a.hull_text(&ea, unit),
                " before: no overlap",
            ])
        }
    };
    let (ta, tb) = (cx.doc.slice(earlier.span), cx.doc.slice(later.span));
    // 1-based line of the start, as `locate` gives it (without counting columns).
    let line = decimal(cx.doc.line_index(earlier.span.start) + 1);
    let what = describe_key(subject, later, earlier);
    Some(
        Finding::new(
            &INFO,
            later.span,
            cat(&[
                "`",
                tb,
                "` disagrees with `",
                ta,
                "` on line ",
                &line,
                " for the same ",
                &what,
            ]),
        )
        .stated(cat(&[tb, " = ", &b.describe(&eb)]))
        .expected(cat(&[ta, " = ", &a.describe(&ea), " (line ", &line, ")"]))
        .formula(formula)
        .tolerance(tolerance_text(later, earlier))
        .suggestion(
            ta.strip_prefix(hedge_text(earlier))
                .unwrap_or(ta)
                .to_string(),
        )
        .related(earlier.span, cat(&["first stated here as ", ta])),
    )
}

/// `here: … ; before: …`, both descriptions written into one string.
fn tolerance_text(later: &Claim, earlier: &Claim) -> String {
    let mut s = String::with_capacity(512);
    s.push_str("here: ");
    push_describe(&mut s, later);
    s.push_str("; before: ");
    push_describe(&mut s, earlier);
    s
}

fn hedge_text(c: &Claim) -> &str {
    c.hedge.as_ref().map_or("", |h| h.text.as_str())
}

/// `subject · segment · metric · period` of a mention (the subject as resolved), each part
/// taken from the other mention when this one leaves it unstated.
fn describe_key(subject: &str, c: &Claim, other: &Claim) -> String {
    const HEAD: &str = "subject/metric/period (";
    const SEP: &str = " · ";
    let parts = [
        c.segment.as_deref().or(other.segment.as_deref()),
        c.metric.as_deref().or(other.metric.as_deref()),
        c.period.as_deref().or(other.period.as_deref()),
    ];
    // Sized once: pushing the parts onto a string sized for the head alone reallocated
    // (and copied) it up to three times.
    let len = HEAD.len()
        + subject.len()
        + parts
            .iter()
            .flatten()
            .map(|p| SEP.len() + p.len())
            .sum::<usize>()
        + 1;
    let mut s = String::with_capacity(len);
    s.push_str(HEAD);
    s.push_str(subject);
    for part in parts.into_iter().flatten() {
        s.push_str(SEP);
        s.push_str(part);
    }
    s.push(')');
    s
}

/// A claim's value as intervals after precision and hedge.
enum Reading {
    Point(Interval),
    Range(Interval, Interval),
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

    fn hull(&self) -> Interval {
        match self {
            Reading::Point(p) => *p,
            Reading::Range(a, b) => a.hull(b),
        }
    }

    /// Each end written out: one for a point, low and high for a range.
    fn ends_text(&self, unit: Option<&Unit>) -> Vec<String> {
        match self {
            Reading::Point(p) => vec![fmt_interval(p, unit)],
            Reading::Range(a, b) => vec![fmt_interval(a, unit), fmt_interval(b, unit)],
        }
    }

    /// The hull written out; `ends` is [`Reading::ends_text`] (a point is its own hull).
    fn hull_text(&self, ends: &[String], unit: Option<&Unit>) -> String {
        match self {
            Reading::Point(_) => ends[0].clone(),
            Reading::Range(..) => fmt_interval(&self.hull(), unit),
        }
    }

    /// The reading in words; `ends` is [`Reading::ends_text`].
    fn describe(&self, ends: &[String]) -> String {
        match self {
            Reading::Point(_) => ends[0].clone(),
            Reading::Range(..) => cat(&["low end ", &ends[0], ", high end ", &ends[1]]),
        }
    }
}

/// The interval one written number stands for after written precision and hedge, with the
/// hedge meanings of [`tolerance`](crate::checks::tolerance): 约 widens by
/// `max(5%, one step)`, 超/至少 open upwards, 远超 from 1.1× the low end, 近/不到/最多 open
/// downwards. Range ends are bent one by one, so ranges compare end by end.
pub fn hedged_interval(n: Num, hedge: Option<HedgeKind>) -> Interval {
    let (lo, hi) = (n.low(), n.high());
    match hedge {
        None | Some(HedgeKind::Each) => Interval::new(lo, hi),
        Some(HedgeKind::About) => {
            let m = about_margin(&n);
            Interval::new(lo - m, hi + m)
        }
        Some(HedgeKind::Above) | Some(HedgeKind::AtLeast) => Interval {
            lo,
            hi: f64::INFINITY,
        },
        Some(HedgeKind::WellAbove) => Interval {
            lo: lo * WELL_ABOVE_FACTOR,
            hi: f64::INFINITY,
        },
        Some(HedgeKind::Below) | Some(HedgeKind::AtMost) => Interval {
            lo: f64::NEG_INFINITY,
            hi,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    /// The rule as it was before figures were sorted out by metric and segment: every
    /// candidate meeting another on kind, direction, unit and period gets a full series
    /// key. The oracle of the finer filter.
    fn run_before(cx: &Context<'_>, out: &mut Outcome) {
        let mut change_end = vec![false; cx.claims.len()];
        for (a, b) in cx.claims.iter().filter_map(|c| c.change_of) {
            for id in [a, b] {
                if id >= change_end.len() {
                    change_end.resize(id + 1, false);
                }
                change_end[id] = true;
            }
        }
        let is_change_end = |id: usize| change_end.get(id).copied().unwrap_or(false);
        let candidates: Vec<&Claim> = cx
            .claims
            .iter()
            .filter(|c| !is_change_end(c.id) && kind_code(c).is_some() && c.is_quantity())
            .collect();
        let quick: Vec<_> = candidates.iter().map(|c| Some(quick_tuple(c))).collect();
        let meets = meets_another(&candidates, &quick);
        if !meets.contains(&true) {
            return;
        }
        let subjects = Subjects::for_document(cx);
        let mut groups: BTreeMap<FigureKey<'_>, Vec<&Claim>> = BTreeMap::new();
        for (c, _) in candidates.iter().zip(&meets).filter(|(_, m)| **m) {
            if let Some(k) = figure_key(cx, &subjects, c) {
                groups.entry(k).or_default().push(c);
            }
        }
        for (key, group) in &groups {
            let subject = || subjects.display(cx.reference, &key.series.subject);
            check_group(cx, &subject, group, out);
        }
    }

    /// The quick key as it was, its unit and period as strings: the oracle of [`QuickKey`].
    fn quick_tuple(c: &Claim) -> (Option<u8>, u8, &str, Option<&str>) {
        (
            kind_code(c),
            direction_code(c),
            c.unit.as_ref().map_or("", |u| u.code.as_str()),
            c.period.as_deref(),
        )
    }

    proptest::proptest! {
        /// Packed quick keys are equal exactly when the parts they pack are, short or
        /// long (unpacked), period stated or not.
        #[test]
        fn packed_quick_keys_are_equal_when_their_parts_are(
            a in (0u8..3, "[a-c枚%]{0,7}", proptest::option::of("[0-9Q年-]{0,17}")),
            b in (0u8..3, "[a-c枚%]{0,7}", proptest::option::of("[0-9Q年-]{0,17}")),
        ) {
            let claim = |(dir, unit, period): &(u8, String, Option<String>)| {
                let mut c = Claim::new(0, crate::document::Span::new(0, 0), ClaimKind::Level, 0);
                c.direction = [None, Some(Direction::Up), Some(Direction::Down)][*dir as usize];
                c.unit = Some(Unit::new(unit.as_str(), crate::claim::UnitKind::Measure));
                c.period = period.clone();
                c
            };
            let (ca, cb) = (claim(&a), claim(&b));
            proptest::prop_assert_eq!(
                quick_key(&ca) == quick_key(&cb),
                quick_tuple(&ca) == quick_tuple(&cb)
            );
        }
    }

    /// Findings and checked marks of the rule and of [`run_before`] on `text`.
    fn both(text: &str) -> (Outcome, Outcome) {
        crate::checks::tolerance::testkit::against_oracle(text, &RepeatedFigureMismatch, run_before)
    }

    /// News-like sentences repeating figures of a few subjects, segments and metrics.
    fn article() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                "英伟达",
                "某主流国产AI芯片",
                "国产AI芯片",
                "华为",
                "微软",
                "比亚迪",
                "在",
                "中国市场",
                "中国",
                "全球",
                "中国大陆",
                "2024年",
                "2023年",
                "的",
                "出货量",
                "出货",
                "收入",
                "营收",
                "销量",
                "净利润",
                "份额",
                "约为",
                "达",
                "30万-40万枚",
                "30万-40枚",
                "60万辆",
                "61万辆",
                "171亿美元",
                "170亿元",
                "50%",
                "约50%",
                "同比增长17%",
                "环比增长9.8%",
                "增长20%",
                "，",
                "。",
                "\n",
            ]),
            0..40,
        )
        .prop_map(|v| v.concat())
    }

    proptest::proptest! {
        /// Sorting figures out by metric and segment first changes no finding and no mark.
        #[test]
        fn finer_filter_agrees_with_the_rule_before(text in article()) {
            let (now, before) = both(&text);
            proptest::prop_assert_eq!(now.findings, before.findings);
            proptest::prop_assert_eq!(now.checked, before.checked);
        }
    }

    #[test]
    fn finer_filter_keeps_the_repeated_figure() {
        let text = "2024年，某主流国产AI芯片在中国市场的出货量约为30万-40万枚。\n\
                    微软2024年采购48.5万枚，腾讯采购23万枚。\n\
                    2024年，国产AI芯片在中国的出货达30万-40枚。";
        let (now, before) = both(text);
        assert_eq!(now.findings.len(), 1, "{:?}", now.findings);
        assert_eq!(now.findings, before.findings);
        assert_eq!(now.checked, before.checked);
    }

    /// [`meets_another`] as it was: the candidates sorted by their keys themselves.
    fn meets_by_sorting<K: Ord>(cands: &[&Claim], keys: &[Option<K>]) -> Vec<bool> {
        let mut order: Vec<usize> = (0..cands.len()).filter(|&k| keys[k].is_some()).collect();
        order.sort_unstable_by(|&a, &b| keys[a].cmp(&keys[b]));
        let mut meets = vec![false; cands.len()];
        for run in order.chunk_by(|&a, &b| keys[a] == keys[b]) {
            let s0 = cands[run[0]].sentence;
            if run.iter().any(|&k| cands[k].sentence != s0) {
                for &k in run {
                    meets[k] = true;
                }
            }
        }
        meets
    }

    proptest::proptest! {
        /// Sorting by key hashes (a colliding run sorted again) marks what sorting by the
        /// keys marked.
        #[test]
        fn hashed_meets_agree_with_sorted_meets(
            cands in proptest::collection::vec(
                (0usize..4, proptest::option::of((0u8..3, "[a-c枚%]{0,5}"))),
                0..24,
            ),
        ) {
            let claims: Vec<Claim> = cands
                .iter()
                .enumerate()
                .map(|(id, &(sentence, _))| {
                    Claim::new(id, crate::document::Span::new(0, 0), ClaimKind::Level, sentence)
                })
                .collect();
            let refs: Vec<&Claim> = claims.iter().collect();
            let keys: Vec<Option<(u8, String)>> = cands.iter().map(|(_, k)| k.clone()).collect();
            proptest::prop_assert_eq!(
                meets_another(&refs, &keys),
                meets_by_sorting(&refs, &keys)
            );
            // Every key hashing alike: all runs collide and are sorted again.
            let colliding: Vec<Option<Colliding>> =
                keys.iter().map(|k| k.clone().map(Colliding)).collect();
            proptest::prop_assert_eq!(
                meets_another(&refs, &colliding),
                meets_by_sorting(&refs, &keys)
            );
        }
    }

    /// A key whose hash is the same for every value.
    #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
    struct Colliding((u8, String));

    impl Hash for Colliding {
        fn hash<H: Hasher>(&self, _: &mut H) {}
    }

    #[test]
    fn hedges_widen_as_documented() {
        let n = Num::new(60.0, 1.0);
        let iv = hedged_interval(n, Some(HedgeKind::About));
        assert!((iv.lo - 56.5).abs() < 1e-9 && (iv.hi - 63.5).abs() < 1e-9);
        assert!(hedged_interval(n, Some(HedgeKind::Above)).hi.is_infinite());
        assert!(hedged_interval(n, Some(HedgeKind::Below)).lo.is_infinite());
    }
}
