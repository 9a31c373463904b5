//! Matching claims to reference facts: subject, segment, metric and period through the
//! aliases, and claim units (枚, %, 美元) against fact units (units, percent, USD).

use super::period::{Period, Step};
use super::{AliasKind, Reference};
use crate::claim::{Claim, ClaimKind, HedgeKind, Unit, UnitKind};
use crate::document::{utf8_len, Document, Span};
use std::rc::Rc;
use std::sync::OnceLock;

/// The canonical coordinates a claim is about. Facts are looked up by these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// Canonical entity (`NVIDIA`).
    pub entity: String,
    /// Canonical segment, empty for the whole entity.
    pub segment: String,
    /// Canonical metric (`revenue`).
    pub metric: String,
    /// The period.
    pub period: Period,
    /// True when the claim's metric word says it is the segment's share of the whole
    /// (`收入占比`, `营收中的占比`) rather than the metric itself.
    pub share_of_whole: bool,
}

impl Key {
    /// The same key in another period.
    pub fn at(&self, period: Period) -> Key {
        Key {
            period,
            ..self.clone()
        }
    }

    /// The same key for the whole entity (no segment).
    pub fn whole(&self) -> Key {
        Key {
            segment: String::new(),
            ..self.clone()
        }
    }

    /// `entity/segment/metric/period` for messages.
    pub fn describe(&self) -> String {
        if self.segment.is_empty() {
            format!("{} {} {}", self.entity, self.metric, self.period)
        } else {
            format!(
                "{} ({}) {} {}",
                self.entity, self.segment, self.metric, self.period
            )
        }
    }
}

/// Words that turn a metric into a segment's share of it (收入占比 → share of revenue).
/// 份额 is left out on purpose: 市场份额 is a share of a market, not of the company's total.
const SHARE_SUFFIXES: [&str; 5] = ["所占比例", "所占比重", "占比", "比重", "比例"];
/// Words that turn a metric into its growth (营收增速 → growth of revenue).
const GROWTH_SUFFIXES: [&str; 5] = ["同比增长", "增长率", "增速", "增幅", "增长"];
/// Segment words that mean the whole entity (全球收入 is total revenue), not a segment.
pub const WHOLE_SEGMENTS: [&str; 7] = [
    "全球",
    "全球市场",
    "全世界",
    "世界",
    "整体",
    "总体",
    "全公司",
];
/// Joiners between several subjects of one figure (字节跳动与腾讯均采购…).
const JOINERS: [&str; 6] = ["以及", "与", "和", "及", "、", "跟"];
/// Physical units that never compare with counted `units`.
const PHYSICAL_UNITS: [&str; 22] = [
    "吨",
    "千克",
    "公斤",
    "克",
    "瓦",
    "千瓦",
    "兆瓦",
    "吉瓦",
    "瓦时",
    "千瓦时",
    "兆瓦时",
    "吉瓦时",
    "GWh",
    "MW",
    "米",
    "公里",
    "千米",
    "平方米",
    "亩",
    "升",
    "桶",
    "立方米",
];

/// True when a claim's unit can be compared with a fact's unit: the same currency code,
/// `%` with `percent`, a measure word (枚, 辆, 台 …) with `units`. A claim without a unit
/// may compare with any non-percent fact once subject, metric and period matched (NC302
/// reports the missing currency separately).
pub fn unit_compatible(unit: Option<&Unit>, fact_unit: &str) -> bool {
    match unit {
        None => fact_unit != "percent",
        Some(u) => match u.kind {
            UnitKind::Currency => u.code == fact_unit,
            UnitKind::Percent => fact_unit == "percent",
            UnitKind::Measure => fact_unit == "units" && !PHYSICAL_UNITS.contains(&u.code.as_str()),
            UnitKind::Points | UnitKind::Times => false,
        },
    }
}

/// `text.trim()`, settled by the first and last bytes for most names (a claim's subject,
/// segment and metric are trimmed at every match, and decoding characters from both ends
/// cost more than the rest of a lookup): a text that starts with a printable ASCII
/// character or a three-byte character from U+4000 on (lead byte E4–EF), and ends with
/// one, has no whitespace to trim (Unicode whitespace is ASCII up to the space, or U+0085,
/// U+00A0, U+1680, U+2000–U+205F or U+3000). Others are trimmed by `str::trim`; tests
/// compare the two.
pub(super) fn trimmed(text: &str) -> &str {
    let b = text.as_bytes();
    let clear_lead = |x: u8| (0x21..0x80).contains(&x) || (0xE4..=0xEF).contains(&x);
    let starts_clear = b.first().is_some_and(|&x| clear_lead(x));
    let ends_clear = match b.last() {
        Some(&x) if x < 0x80 => x > 0x20,
        // The last character is a three-byte one exactly when the byte three from the end
        // leads one (a `str` is whole characters).
        Some(_) => b
            .len()
            .checked_sub(3)
            .and_then(|i| b.get(i))
            .is_some_and(|&x| (0xE4..=0xEF).contains(&x)),
        None => true,
    };
    if starts_clear && ends_clear {
        text
    } else {
        text.trim()
    }
}

/// Strips `suffix` words (and a linking 的/中) from the end of `text`.
fn strip_suffix<'t>(text: &'t str, suffixes: &[&str]) -> Option<&'t str> {
    suffixes.iter().find_map(|s| {
        text.strip_suffix(s)
            .map(|p| p.trim_end_matches(['的', '中']).trim_end())
    })
}

impl Reference {
    /// The canonical metric a claim's metric word names, and whether the word asks for
    /// the segment's share of it. `营收` → (revenue, false); `收入占比` → (revenue, true).
    /// A bare share word (`占比`) takes the one metric named in `context`, if exactly one is.
    pub fn resolve_metric(&self, word: &str, context: &str) -> Option<(String, bool)> {
        self.resolve_metric_for(word, context, None)
    }

    /// [`Reference::resolve_metric`] for a metric of `entity` (see [`Reference::canonical_for`]).
    pub fn resolve_metric_for(
        &self,
        word: &str,
        context: &str,
        entity: Option<&str>,
    ) -> Option<(String, bool)> {
        self.resolve_metric_str(word, context, entity)
            .map(|(m, share)| (m.to_string(), share))
    }

    /// [`Reference::resolve_metric_for`], the metric borrowed from the reference: a claim
    /// that matches nothing in the end copies no names.
    fn resolve_metric_str(
        &self,
        word: &str,
        context: &str,
        entity: Option<&str>,
    ) -> Option<(&str, bool)> {
        let word = trimmed(word);
        let canon = |w: &str| self.canonical_for(AliasKind::Metric, w, entity);
        if let Some(c) = canon(word) {
            return Some((c, false));
        }
        if let Some(base) = strip_suffix(word, &GROWTH_SUFFIXES) {
            return canon(base).map(|c| (c, false));
        }
        let base = strip_suffix(word, &SHARE_SUFFIXES)?;
        if !base.is_empty() {
            return canon(base).map(|c| (c, true));
        }
        self.metric_in(context).map(|c| (c, true))
    }

    /// The one canonical metric whose aliases occur in `context`, if exactly one does.
    /// Each canonical is asked about through its shortest aliases only, and the search
    /// stops at a second canonical found.
    fn metric_in(&self, context: &str) -> Option<&str> {
        let mut found: Option<&str> = None;
        for (canonical, mut rows) in self.alias_table.shortest_by_canonical(AliasKind::Metric) {
            if !rows.any(|a| contains_word(context, &a.alias)) {
                continue;
            }
            match found {
                Some(f) if f != canonical => return None,
                _ => found = Some(canonical),
            }
        }
        found
    }

    /// True when `metric` applies in `context`: it has no scope words, or one occurs there.
    pub fn in_scope(&self, metric: &str, context: &str) -> bool {
        let mut scopes = self
            .alias_table
            .with_target(AliasKind::Scope, metric)
            .peekable();
        if scopes.peek().is_none() {
            return true;
        }
        scopes.any(|s| super::aliases::lowercase_contains(context, &s.alias))
    }

    /// True when the claim's sentence names its metric (the word as written, an alias of
    /// the canonical metric, or the canonical name). A metric carried over from an earlier
    /// sentence is not trusted for reference checks: `计划推出5款新车型` after a sentence on
    /// deliveries must not be compared with deliveries.
    fn names_metric(&self, claim: &Claim, metric: &str, context: &str) -> bool {
        let written = claim.metric.as_deref().map(trimmed).unwrap_or("");
        (!written.is_empty() && contains_word(context, written))
            || super::aliases::lowercase_contains(context, metric)
            || self
                .alias_table
                .shortest_with_target(AliasKind::Metric, metric)
                .any(|a| contains_word(context, &a.alias))
    }

    /// The canonical entities of a subject that is no entity itself but a list of them,
    /// for a figure given for each (`字节跳动与腾讯(均采购23万枚)`). Empty when any is
    /// unknown, or without 均 (a joint subject is then a sum or a comparison).
    fn joint_entities(&self, claim: &Claim, subject: &str) -> Vec<&str> {
        let each = claim
            .hedge
            .as_ref()
            .is_some_and(|h| h.kind == HedgeKind::Each);
        if !each {
            // A joint subject without 均 is a sum or a comparison; no single fact fits.
            return Vec::new();
        }
        let mut parts = vec![subject];
        for j in JOINERS {
            parts = parts.iter().flat_map(|p| p.split(j)).collect();
        }
        let names: Option<Vec<&str>> = parts
            .iter()
            .map(|p| self.canonical(AliasKind::Entity, p))
            .collect();
        match names {
            Some(n) if n.len() > 1 => n,
            _ => Vec::new(),
        }
    }

    /// The reference keys a claim is about, resolved through the aliases: one per entity
    /// of its subject, with its segment (empty when none is written; an unknown segment
    /// matches nothing rather than the whole entity; 全球 and other [`WHOLE_SEGMENTS`]
    /// mean the whole entity), metric and period. `context` is the claim's sentence, for
    /// bare share words and metric scopes; it must name the metric. Empty when anything
    /// is missing or unknown: such a claim is unchecked, never an error.
    pub fn match_claim(&self, claim: &Claim, context: &str) -> Vec<Key> {
        let Some(period) = claim.period.as_deref().and_then(Period::parse) else {
            return Vec::new();
        };
        self.match_claim_where(claim, period, context, false)
    }

    /// [`Reference::match_claim`], leaving out keys whose entity, segment and metric no fact
    /// has when `with_facts` (such keys find no fact in any period, so every rule skips
    /// them: checking that first spares the text searches for the scope and the metric).
    /// `period` is the claim's period, parsed (callers have parsed it already).
    fn match_claim_where(
        &self,
        claim: &Claim,
        period: Period,
        context: &str,
        with_facts: bool,
    ) -> Vec<Key> {
        // A share written without a metric word (占长风汽车全年交付量的18.5%) is a share of
        // the one metric its sentence names, like a bare 占比.
        let word = match claim.metric.as_deref() {
            Some(w) => w,
            None if claim.kind == ClaimKind::Share => "占比",
            None => return Vec::new(),
        };
        let mut keys = Vec::new();
        // A subject that is one entity (most) needs no list; a joint one is split.
        let one: [&str; 1];
        let joint: Vec<&str>;
        let entities: &[&str] = match claim
            .subject
            .as_deref()
            .map(|s| (s, self.canonical(AliasKind::Entity, s)))
        {
            None => &[],
            Some((_, Some(e))) => {
                one = [e];
                &one
            }
            Some((subject, None)) => {
                joint = self.joint_entities(claim, subject);
                &joint
            }
        };
        // Names stay borrowed from the reference until a key is made of them.
        for &entity in entities {
            let Some((metric, share_of_whole)) =
                self.resolve_metric_str(word, context, Some(entity))
            else {
                continue;
            };
            let segment = match claim.segment.as_deref().map(trimmed) {
                None => "",
                Some(s) if WHOLE_SEGMENTS.contains(&s) => "",
                Some(s) => match self.canonical_for(AliasKind::Segment, s, Some(entity)) {
                    Some(c) => c,
                    None => continue,
                },
            };
            if with_facts
                && !self
                    .fact_index
                    .may_have_series(&self.facts, entity, segment, metric)
            {
                continue;
            }
            // The claims of one sentence (a list of buyers, each with its figure) ask
            // this of the same metric, word and sentence: answered once for them.
            let written = claim.metric.as_deref().map(trimmed).unwrap_or("");
            let named = super::keys_memo::metric_named(self, metric, written, context, || {
                self.in_scope(metric, context) && self.names_metric(claim, metric, context)
            });
            if !named {
                continue;
            }
            keys.push(Key {
                entity: entity.to_string(),
                segment: segment.to_string(),
                metric: metric.to_string(),
                period,
                share_of_whole,
            });
        }
        keys
    }

    /// The keys of a claim that may be compared with reference values: [`Reference::match_claim`]
    /// on its sentence, or nothing when [`not_comparable`] says it is a forecast, a change or
    /// a partial figure. Keys whose entity, segment and metric no fact has are left out:
    /// they find no fact in any period. Every reference rule goes through here.
    pub fn keys_for(&self, claim: &Claim, s: &Surroundings<'_>) -> Rc<[Key]> {
        let Some(period) = matchable_period(claim) else {
            // Settled without reading the text: cheaper than remembering.
            return Rc::new([]);
        };
        self.keys_for_period(claim, period, s)
    }

    /// [`Reference::keys_for`] of a claim whose [`matchable_period`] is `period`, for a
    /// caller that has read it already (the level pass): parsed once, not twice.
    pub(crate) fn keys_for_period(
        &self,
        claim: &Claim,
        period: Period,
        s: &Surroundings<'_>,
    ) -> Rc<[Key]> {
        let compute = || {
            // Matching first, then the reach of the metric: most claims match nothing
            // or nothing within reach, and then their wording need not be read for
            // forecasts and partial figures (the answer is empty either way).
            let keys: Vec<Key> = self
                .match_claim_where(claim, period, s.sentence, true)
                .into_iter()
                .filter(|key| self.metric_within_reach(claim, &key.metric, s))
                .collect();
            if keys.is_empty() || not_comparable_in(claim, Some(period), s).is_some() {
                return Vec::new();
            }
            keys
        };
        if !asked_by_several_rules(claim) {
            // Asked once per document: remembering would only cost (a lookup that
            // misses, then an entry stored and dropped unread).
            return compute().into();
        }
        // Several rules ask for the same claim: remembered per document (see keys_memo).
        super::keys_memo::keys(self, claim, s, compute)
    }

    /// True when the claim's metric reaches it: its own clause names the metric, or the
    /// clause is a continuation that only makes sense with the metric carried: a growth
    /// phrase alone (`,同比增长66%`), or a list item naming its own subject or segment
    /// (`微软(48.5万枚)`, `,其中海外6.1万辆`). A clause with other words before the figure
    /// (`,H20芯片单价约1.2万美元`, `,研发人员1.2万人`) is about something else.
    fn metric_within_reach(&self, claim: &Claim, metric: &str, s: &Surroundings<'_>) -> bool {
        let named = |t: Option<&str>| {
            t.map(trimmed)
                .is_some_and(|t| !t.is_empty() && contains_word(s.clause, t))
        };
        // The list item's own name first (one short search; the metric may be asked
        // about through many aliases): the answer is the same in either order.
        if claim.kind != ClaimKind::Growth
            && (named(claim.subject.as_deref()) || named(claim.segment.as_deref()))
        {
            return true;
        }
        if self.names_metric(claim, metric, s.clause) {
            return true;
        }
        if claim.kind == ClaimKind::Growth {
            return only_growth_words(s.lead);
        }
        false
    }

    /// True when `text` names a segment other than `key`'s (through an alias or a
    /// segment name of the entity's facts): `海外交付量占国内交付量的17%` is a share of
    /// 国内, not of the whole.
    pub fn names_other_segment(&self, key: &Key, text: &str) -> bool {
        let by_alias = self.alias_table.of_kind(AliasKind::Segment).any(|a| {
            a.canonical != key.segment
                && !WHOLE_SEGMENTS.contains(&a.alias.as_str())
                && contains_word(text, &a.alias)
        });
        by_alias
            || self.facts.iter().any(|f| {
                // The segment's length first: facts of the whole entity settle on it.
                !f.segment.is_empty()
                    && f.entity == key.entity
                    && f.segment != key.segment
                    && contains_word(text, &f.segment)
            })
    }

    /// The fact at `key`, from the latest layer that has one.
    pub fn fact_at(&self, key: &Key) -> Option<&super::Fact> {
        self.facts.get(self.fact_position(key)?)
    }

    /// Where [`Reference::fact_at`]'s fact is in [`Reference::facts`].
    pub fn fact_position(&self, key: &Key) -> Option<usize> {
        self.position_of(&key.entity, &key.segment, &key.metric, key.period)
    }

    /// [`Reference::fact_at`] a key given by its parts (no key to build for another
    /// period or the whole entity).
    pub fn fact_of(
        &self,
        entity: &str,
        segment: &str,
        metric: &str,
        period: Period,
    ) -> Option<&super::Fact> {
        self.facts
            .get(self.position_of(entity, segment, metric, period)?)
    }

    /// The facts of one series (entity, segment, metric) by period, its names hashed
    /// once for all the periods asked about (a run of years, each with its whole).
    pub(crate) fn series_of<'r>(
        &'r self,
        entity: &'r str,
        segment: &'r str,
        metric: &'r str,
    ) -> Series<'r> {
        Series {
            reference: self,
            state: super::fact_index::series_state(entity, segment, metric),
            names: [entity, segment, metric],
        }
    }

    /// Where the fact of these parts is in [`Reference::facts`]: the latest layer's.
    fn position_of(
        &self,
        entity: &str,
        segment: &str,
        metric: &str,
        period: Period,
    ) -> Option<usize> {
        let indexed = self
            .fact_index
            .lookup(&self.facts, entity, segment, metric, period);
        if let Some(found) = indexed {
            return found.filter(|&i| i < self.facts.len());
        }
        // [`Reference::fact`]: the latest fact of the series in that period.
        let period = period.to_string();
        self.facts.iter().rposition(|f| {
            f.entity == entity && f.segment == segment && f.metric == metric && f.period == period
        })
    }
}

/// One series of a reference (see [`Reference::series_of`]).
pub(crate) struct Series<'r> {
    reference: &'r Reference,
    /// The names' hash state ([`super::fact_index::series_state`]).
    state: super::fast_hash::FastHash,
    /// Entity, segment and metric.
    names: [&'r str; 3],
}

impl<'r> Series<'r> {
    /// [`Reference::fact_of`] the series in `period`.
    pub(crate) fn at(&self, period: Period) -> Option<&'r super::Fact> {
        let r = self.reference;
        let [entity, segment, metric] = self.names;
        match r
            .fact_index
            .lookup_from(&r.facts, self.state, entity, segment, metric, period)
        {
            Some(found) => r.facts.get(found?),
            None => r.fact_of(entity, segment, metric, period),
        }
    }
}

/// True for the claims more than one rule asks [`Reference::keys_for`] about in a
/// document, whose keys are worth remembering: shares, asked by the level pass (NC201
/// and NC202, which share one pass: see [`super::keys_memo::level_pass`]) and by NC204.
/// Levels are asked only by the level pass, growth figures only by NC203, trends only by
/// NC205. The memo changes no answer, only what it costs: a rule that starts asking about
/// another kind is right either way, and should add the kind here to share the work.
fn asked_by_several_rules(claim: &Claim) -> bool {
    claim.kind == ClaimKind::Share
}

/// False when [`Reference::match_claim`] (and so [`Reference::keys_for`]) must find nothing
/// for `claim` whatever its text: it has no period key, no subject, or no metric word (and
/// is no share, which may take the metric its sentence names). Rules skip such claims
/// before working out their surroundings.
pub fn may_match(claim: &Claim) -> bool {
    matchable_period(claim).is_some()
}

/// The claim's period when [`may_match`] holds (parsed once for matching too).
pub(crate) fn matchable_period(claim: &Claim) -> Option<Period> {
    // The field tests first: most claims (dates, bare figures) fail them without a parse.
    if claim.subject.is_none() || (claim.metric.is_none() && claim.kind != ClaimKind::Share) {
        return None;
    }
    claim.period.as_deref().and_then(Period::parse)
}

/// Where a claim stands in its sentence: what rules read around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Surroundings<'d> {
    /// The whole sentence holding the claim.
    pub sentence: &'d str,
    /// The sentence from its start up to the claim.
    pub before: &'d str,
    /// The claim's clause through the claim's own words: from the last `,`/`，`/`;`/`：`
    /// before the claim to its end, where words like 同比 or 环比 qualify it (whether or
    /// not the extractor put them inside the claim's span).
    pub clause: &'d str,
    /// The clause up to the claim (without the claim's own text).
    pub lead: &'d str,
}

impl<'d> Surroundings<'d> {
    /// The surroundings of `claim` in `doc` (empty strings if its sentence index is off).
    pub fn of(doc: &'d Document, sentences: &[Span], claim: &Claim) -> Self {
        let sent = sentences
            .get(claim.sentence)
            .copied()
            .unwrap_or(Span::new(claim.span.start, claim.span.start));
        // Every rule searches these strings once per claim: a sentence that never ends (a
        // scraped page with no 。) would make that quadratic, so only a window of
        // WINDOW bytes either side of the claim counts as its sentence.
        let text = &doc.text;
        let lo = boundary_at_or_after(text, claim.span.start.saturating_sub(WINDOW));
        let hi = boundary_at_or_before(text, claim.span.end.saturating_add(WINDOW));
        let sent = Span::new(sent.start.max(lo), sent.end.min(hi).max(sent.start.max(lo)));
        let start = sent.start.min(claim.span.start);
        let sentence = doc.text.get(sent.start..sent.end).unwrap_or("");
        let before = doc.text.get(start..claim.span.start).unwrap_or("");
        let from = last_clause_break(before).map_or(start, |i| start + i);
        let clause = doc.text.get(from..claim.span.end).unwrap_or("");
        let lead = doc.text.get(from..claim.span.start).unwrap_or("");
        Surroundings {
            sentence,
            before,
            clause,
            lead,
        }
    }

    /// [`Surroundings::of`]. Once remembered per claim and document for the rules that
    /// ask for the same claims; cutting them afresh costs less than the memo did (a few
    /// byte scans from the claim), and gives the same texts, so the keys memo, which
    /// tells surroundings apart by their texts' addresses, finds its entries all the same.
    pub fn shared(doc: &'d Document, sentences: &[Span], claim: &Claim) -> Self {
        Surroundings::of(doc, sentences, claim)
    }

    /// Surroundings whose sentence, text before the claim, clause and lead are all `sentence`
    /// (for tests and callers without a document).
    pub fn plain(sentence: &'d str) -> Self {
        Surroundings {
            sentence,
            before: sentence,
            clause: sentence,
            lead: sentence,
        }
    }
}

/// Where the last clause break (`,`/`，`/`;`/`；`/`:`/`：`) in `text` starts:
/// `text.rfind([',', '，', ';', '；', ':', '：'])`, by bytes rather than by decoded
/// characters (the full-width marks are `EF BC 8C`, `EF BC 9B` and `EF BC 9A`): the last
/// ASCII mark by one memrchr3 pass, then the full-width ones after it by their `EF` lead
/// byte (which UTF-8 never uses inside a character). A clause can run a long way back
/// from its figure, and memchr skips through it many bytes at a time.
fn last_clause_break(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let ascii = memchr::memrchr3(b',', b';', b':', b);
    let from = ascii.map_or(0, |i| i + 1);
    let tail = b.get(from..).unwrap_or_default();
    memchr::memrchr_iter(0xEF, tail)
        .find(|&i| matches!(tail.get(i + 1..i + 3), Some([0xBC, 0x8C | 0x9B | 0x9A])))
        .map(|i| from + i)
        .or(ascii)
}

/// The eight-bytes-at-a-time search [`last_clause_break`] replaced, kept as its oracle.
#[cfg(test)]
fn last_clause_break_by_words(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let is_break = |i: usize| match b.get(i) {
        Some(b',' | b';' | b':') => true,
        Some(0xEF) => matches!(b.get(i + 1..i + 3), Some([0xBC, 0x8C | 0x9B | 0x9A])),
        _ => false,
    };
    let mut end = b.len();
    loop {
        let lo = end.saturating_sub(8);
        if let Some(word) = b.get(lo..end).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
            if !holds_any(u64::from_le_bytes(word), &[b',', b';', b':', 0xEF]) {
                end = lo;
                continue;
            }
        }
        if let Some(i) = (lo..end).rev().find(|&i| is_break(i)) {
            return Some(i);
        }
        if lo == 0 {
            return None;
        }
        end = lo;
    }
}

/// Bytes either side of a claim that [`Surroundings::of`] looks at (about 340 Chinese
/// characters: longer than any real sentence, short enough to keep matching linear).
const WINDOW: usize = 1024;

/// The first char boundary at or after `i` (clamped to the text).
fn boundary_at_or_after(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The last char boundary at or before `i` (clamped to the text).
fn boundary_at_or_before(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Words that may stand between a clause break and a growth figure whose metric was named
/// just before (`,同比增长66%`, `;较上年下降3.2%`).
const GROWTH_PHRASE: [&str; 28] = [
    "同比",
    "环比",
    "较上年同期",
    "较去年同期",
    "上年同期",
    "去年同期",
    "较上年",
    "比上年",
    "较去年",
    "比去年",
    "较上季度",
    "比上季度",
    "增长率",
    "增长",
    "增加",
    "上升",
    "提高",
    "提升",
    "下降",
    "下滑",
    "减少",
    "降低",
    "增幅",
    "增速",
    "达到",
    "为",
    "达",
    "了",
];
/// True when nothing alphanumeric is left of `lead` once every [`GROWTH_PHRASE`] word is
/// taken out of it, in the list's order. A word is searched only when the lead holds a
/// character that may start it (see [`char_bits`]): taking words out only removes
/// characters, so a word whose first character the lead lacks never occurs in what is
/// left, and most words are absent (one bit test each rather than a search).
fn only_growth_words(lead: &str) -> bool {
    let present = char_bits(lead);
    // Copied only once a phrase is taken out of it.
    let mut rest = std::borrow::Cow::Borrowed(lead);
    for w in GROWTH_PHRASE {
        if char_bits(first_char(w)) & !present != 0 {
            continue;
        }
        // Only words present change anything.
        if contains_word(&rest, w) {
            rest = without(&rest, w).into();
        }
    }
    rest.chars().all(|c| !c.is_alphanumeric())
}

/// `text.replace(word, "")` by comparing bytes at each place: leads are short, and the
/// substring searcher `replace` sets up cost more than such a whole pass. A match of a
/// whole UTF-8 word starts on a character boundary (its first byte is no continuation
/// byte), so the matches, taken left to right without overlapping, are `replace`'s.
fn without(text: &str, word: &str) -> String {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    if w.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let (mut from, mut i) = (0, 0);
    while i + w.len() <= t.len() {
        if t.get(i..i + w.len()) == Some(w) {
            out.push_str(text.get(from..i).unwrap_or_default());
            i += w.len();
            from = i;
        } else {
            i += 1;
        }
    }
    out.push_str(text.get(from..).unwrap_or_default());
    out
}

/// The search [`only_growth_words`] replaced, kept as its oracle.
#[cfg(test)]
fn only_growth_words_by_search(lead: &str) -> bool {
    let mut rest = std::borrow::Cow::Borrowed(lead);
    for w in GROWTH_PHRASE {
        if contains_word(&rest, w) {
            rest = rest.replace(w, "").into();
        }
    }
    rest.chars().all(|c| !c.is_alphanumeric())
}

/// The first character of `word` (empty for an empty word).
fn first_char(word: &str) -> &str {
    let len = word.bytes().next().map_or(0, utf8_len);
    word.get(..len).unwrap_or(word)
}

/// One bit (of 64) for each character of `text` that is three bytes long (bit
/// [`low_bits`] mod 64), and bit 0 for any other character: a character of `text` has
/// its bit set, so a text whose bits are not all among another's holds a character the
/// other lacks.
fn char_bits(text: &str) -> u64 {
    let b = text.as_bytes();
    let mut bits = 0u64;
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        let len = utf8_len(x);
        bits |= match b.get(i..i + 3) {
            Some(&[_, y, z]) if len == 3 => 1 << (low_bits(y, z) % 64),
            _ => 1,
        };
        i += len;
    }
    bits
}

/// Words before a figure that make it a forecast, target or plan, not a reported value.
const FORECAST_WORDS: [&str; 14] = [
    "预计", "预期", "预测", "目标", "计划", "有望", "力争", "争取", "指引", "规划", "将达", "或将",
    "可望", "展望",
];
/// Words in a figure's clause that make it a part, average or running total of the
/// period rather than the period's value.
const PARTIAL_WORDS: [&str; 21] = [
    "累计", "单月", "当月", "月度", "月均", "日均", "平均", "人均", "单季", "单周", "单日", "每月",
    "首月", "单价", "均价", "单车", "每股", "每辆", "每台", "每枚", "每吨",
];

/// True when the words before a share speak of a market rather than of the company's
/// own total: 份额, 占有率, or 占 … 市场 (`收入占当地AI芯片市场的60%`).
pub fn market_share_words(lead: &str) -> bool {
    if contains_word(lead, "份额") || contains_word(lead, "占有率") {
        return true;
    }
    lead.match_indices('占')
        .any(|(i, _)| lead.get(i..).is_some_and(|after| after.contains("市场")))
}

/// True when `text` writes a period: a year in digits, 季度, 月 or 半年.
fn names_period(text: &str) -> bool {
    let digits = text
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit));
    digits
        || ["季度", "月", "半年", "财年"]
            .iter()
            .any(|w| contains_word(text, w))
}

/// What [`not_comparable`] asks of the words before a claim.
struct BeforeWords {
    /// A forecast word occurs (and then `part_of_year` was not worked out).
    forecast: bool,
    /// After the last year written (a run of four digits or more) come words for a
    /// quarter or half (第三财季, 第四季度, 上半年, 前三个月, Q3): a claim given a whole
    /// year reads as part of it. `英伟达2025财年第三财季收入77亿美元` is not the fiscal
    /// year's revenue even if the period came out as FY2025.
    part_of_year: bool,
    /// Where the last clause break (`,`/`，`/`;`/`；`/`:`/`：`) in the text starts (0
    /// without one): [`Surroundings::lead`] starts there.
    lead_from: usize,
    /// A partial word (累计, 单月, 均价 …) lies wholly in the text from `lead_from` on.
    partial_in_lead: bool,
}

/// Where [`scan_before`] stands in a text: the position of the next character and what it
/// has found before it. Kept between the claims of one document (see
/// [`super::keys_memo::before_scan`]) so that the text before a later claim of the same
/// sentence, which starts with the text before an earlier one, is read from there on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct ScanState {
    /// Byte offset of the next character to read.
    i: usize,
    /// [`BeforeWords::lead_from`] so far.
    lead_from: usize,
    /// A partial word (of those starting with a three-byte character) since `lead_from`.
    partial: bool,
    /// ASCII digits in a row just before `i`.
    digits: usize,
    /// A part of a year was named since the last run of four digits or more.
    part: bool,
}

/// A text [`scan_before`] read, and the state it reached at a character whose every
/// look-ahead (see [`before_tables`]) stayed within that text: a longer text
/// starting with it is read on from that state with the same outcome.
pub(super) type ScanResume = (Vec<u8>, ScanState);

/// The tables of [`scan_before`]: the forecast words; bit [`low_bits`] of every
/// character at which something must be checked: the first characters of the forecast
/// words and of the words for parts of a year; and the most bytes a check at one
/// character reads from there (the longest forecast or partial word, 半年/个月, or `Q`
/// and a digit).
fn before_tables() -> &'static (WordSet, [u64; 64], usize) {
    /// The first characters of the words for parts of a year: 季, 半(年), 个(月).
    const PART_STARTS: [&str; 3] = ["季", "半", "个"];
    /// The full-width clause breaks [`read_before`] watches for.
    const CLAUSE_BREAKS: [&str; 3] = ["，", "；", "："];
    static TABLES: OnceLock<(WordSet, [u64; 64], usize)> = OnceLock::new();
    TABLES.get_or_init(|| {
        let forecasts = WordSet::new(&FORECAST_WORDS);
        let mut bits = forecasts.starts;
        for (b, p) in bits.iter_mut().zip(partial_words().starts) {
            *b |= p;
        }
        for c in PART_STARTS.iter().chain(&CLAUSE_BREAKS) {
            if let [_, y, z] = *c.as_bytes() {
                let h = low_bits(y, z);
                bits[h / 64] |= 1 << (h % 64);
            }
        }
        let longest = FORECAST_WORDS
            .iter()
            .chain(PARTIAL_WORDS.iter())
            .map(|w| w.len())
            .max()
            .unwrap_or(0);
        (forecasts, bits, longest.max("半年".len()))
    })
}

/// [`BeforeWords`] of `before` in one pass over its characters, rather than a pass for
/// the forecast words, one back to the last year and one over the rest for parts of a
/// year: `forecast` is `WordSet::new(&FORECAST_WORDS).found_in(before)`, `part_of_year` is
/// `names_part_of_year(&before[after_last_year(before)..])` (tests compare them).
/// The fresh reading [`scan_before_resuming`] is tested against.
#[cfg(test)]
fn scan_before(before: &str) -> BeforeWords {
    scan_before_resuming(before, &mut None)
}

/// [`scan_before`], read on from `resume` when `before` starts with the text it holds
/// (and from the start otherwise); `resume` is then set for `before` (a text with a
/// forecast word is not kept: the next one is read afresh). Tests compare the two.
fn scan_before_resuming(before: &str, resume: &mut Option<ScanResume>) -> BeforeWords {
    let (forecasts, watched, look_ahead) = before_tables();
    let partials = partial_words();
    let found = BeforeWords {
        forecast: true,
        part_of_year: false,
        lead_from: 0,
        partial_in_lead: false,
    };
    if forecasts.others || partials.others {
        // Words not starting with a three-byte character (no list has one) are searched
        // in the whole text: nothing to read on from.
        *resume = None;
        if forecasts.others_in(before) {
            return found;
        }
    }
    let b = before.as_bytes();
    // The last text's buffer is reused for this one (no allocation once grown).
    let (mut text, mut st) = match resume.take() {
        Some((text, st)) if b.starts_with(&text) && st.i <= b.len() => (text, st),
        Some((text, _)) => (text, ScanState::default()),
        None => (Vec::new(), ScanState::default()),
    };
    // Up to the last characters whose checks may read past the end, then the rest: the
    // state between the two reads on into any longer text starting with this one.
    let safe = b.len().saturating_sub(*look_ahead);
    if read_before(b, &mut st, safe, forecasts, watched, partials) {
        return found;
    }
    let kept = st;
    if read_before(b, &mut st, b.len(), forecasts, watched, partials) {
        return found;
    }
    let mut partial = st.partial;
    if partials.others {
        partial = partial_in(partials, before.get(st.lead_from..).unwrap_or_default());
    } else {
        text.clear();
        text.extend_from_slice(b);
        *resume = Some((text, kept));
    }
    BeforeWords {
        forecast: false,
        part_of_year: st.part && st.digits < 4,
        lead_from: st.lead_from,
        partial_in_lead: partial,
    }
}

/// Reads the characters of `b` from `st.i` while they start before `end`, updating `st`;
/// true as soon as a forecast word starts at one.
fn read_before(
    b: &[u8],
    st: &mut ScanState,
    end: usize,
    forecasts: &WordSet,
    watched: &[u64; 64],
    partials: &WordSet,
) -> bool {
    let ScanState {
        mut i,
        mut lead_from,
        mut partial,
        mut digits,
        mut part,
    } = *st;
    while i < end {
        let Some(&x) = b.get(i) else { break };
        // Three-byte characters (Chinese) first: most of the text. Only a character
        // whose bit is set in `watched` can start a word looked for.
        if x & 0xF0 == 0xE0 {
            if digits != 0 {
                if digits >= 4 {
                    part = false;
                }
                digits = 0;
            }
            // The rest of a run of three-byte characters is read here, without the
            // tests for other characters: no digits come in it, and most of its
            // characters are passed over by the one test of `watched`.
            let mut x = x;
            loop {
                if let Some(&[_, y, z]) = b.get(i..i + 3) {
                    let h = low_bits(y, z);
                    if watched[h / 64] & (1 << (h % 64)) != 0 {
                        // ，；： (EF BC 8C, EF BC 9B, EF BC 9A) break the clause (their
                        // bits are set in `watched` too: most characters are then
                        // passed over by the one test).
                        if x == 0xEF && y == 0xBC && matches!(z, 0x8C | 0x9B | 0x9A) {
                            lead_from = i;
                            partial = false;
                        } else {
                            let rest = b.get(i..).unwrap_or_default();
                            if forecasts.starts_here(rest, y, z) {
                                return true;
                            }
                            partial = partial || partials.starts_here(rest, y, z);
                            // 季, 半年, 个月.
                            part |= match (x, y, z) {
                                (0xE5, 0xAD, 0xA3) => true,
                                (0xE5, 0x8D, 0x8A) => rest
                                    .get(3..)
                                    .is_some_and(|r| r.starts_with("年".as_bytes())),
                                (0xE4, 0xB8, 0xAA) => rest
                                    .get(3..)
                                    .is_some_and(|r| r.starts_with("月".as_bytes())),
                                _ => false,
                            };
                        }
                    }
                }
                i += 3;
                match b.get(i) {
                    Some(&next) if i < end && next & 0xF0 == 0xE0 => x = next,
                    _ => break,
                }
            }
            continue;
        }
        if x.is_ascii_digit() {
            digits += 1;
            i += 1;
            continue;
        }
        if digits >= 4 {
            part = false;
        }
        digits = 0;
        if x < 0x80 {
            part |= x == b'Q' && matches!(b.get(i + 1), Some(b'1'..=b'4'));
            if matches!(x, b',' | b';' | b':') {
                lead_from = i;
                partial = false;
            }
        }
        i += utf8_len(x);
    }
    *st = ScanState {
        i,
        lead_from,
        partial,
        digits,
        part,
    };
    false
}

/// The partial words as a [`WordSet`], built once.
fn partial_words() -> &'static WordSet {
    static PARTIAL: OnceLock<WordSet> = OnceLock::new();
    PARTIAL.get_or_init(|| WordSet::new(&PARTIAL_WORDS))
}

/// True when one of `partials` occurs in `text`.
fn partial_in(partials: &WordSet, text: &str) -> bool {
    partials.found_in(text)
}

/// True when a partial word occurs in the claim's clause, using what [`scan_before`]
/// found in the lead when the surroundings are cut as [`Surroundings::of`] cuts them
/// (the lead the end of `before` from its last clause break, the clause the lead and
/// then the claim): then only the last bytes of the lead and the claim's own text are
/// searched. Otherwise the whole clause is.
fn partial_in_clause(s: &Surroundings<'_>, before: &BeforeWords) -> bool {
    let partials = partial_words();
    let at = |t: &str| t.as_ptr() as usize;
    let lead_is_tail = s.before.len().checked_sub(before.lead_from) == Some(s.lead.len())
        && at(s.before) + before.lead_from == at(s.lead);
    let lead_starts_clause = at(s.clause) == at(s.lead) && s.lead.len() <= s.clause.len();
    if !(lead_is_tail && lead_starts_clause) {
        return partial_in(partials, s.clause);
    }
    if before.partial_in_lead {
        return true;
    }
    // A word not wholly in the lead ends past it, so it starts in its last
    // `longest - 1` bytes or later.
    let longest = PARTIAL_WORDS.iter().map(|w| w.len()).max().unwrap_or(0);
    let mut cut = s.lead.len().saturating_sub(longest.saturating_sub(1));
    while !s.clause.is_char_boundary(cut) {
        cut -= 1;
    }
    partial_in(partials, s.clause.get(cut..).unwrap_or(s.clause))
}

/// Byte offset just past the last run of four ASCII digits in `text` (0 without one):
/// digit runs are found from the end, skipping the text between them, rather than by
/// testing four bytes at every offset.
/// Kept as the definition [`scan_before`] is tested against.
#[cfg(test)]
fn after_last_year(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    while let Some(last) = last_digit(bytes, end) {
        let first = bytes[..last]
            .iter()
            .rposition(|b| !b.is_ascii_digit())
            .map_or(0, |i| i + 1);
        if last + 1 - first >= 4 {
            return last + 1;
        }
        end = first;
    }
    0
}

/// Where the last ASCII digit of `bytes[..end]` is: `rposition(u8::is_ascii_digit)`, with
/// eight bytes at a time skipped while none is a digit (digits are rare in Chinese text).
#[cfg(test)]
fn last_digit(bytes: &[u8], end: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A digit is a byte of `word ^ 0x30…` below 10; this test is exact for "any byte
    // below 10" (it may misplace which, never miss one).
    let has_digit = |w: u64| {
        let t = w ^ (ONES * 0x30);
        t.wrapping_sub(ONES * 10) & !t & HIGHS != 0
    };
    let mut end = end.min(bytes.len());
    loop {
        let lo = end.saturating_sub(8);
        let word = bytes.get(lo..end).and_then(|w| <[u8; 8]>::try_from(w).ok());
        if !word.is_some_and(|w| !has_digit(u64::from_le_bytes(w))) {
            if let Some(i) = (lo..end)
                .rev()
                .find(|&i| bytes.get(i).is_some_and(u8::is_ascii_digit))
            {
                return Some(i);
            }
        }
        if lo == 0 {
            return None;
        }
        end = lo;
    }
}

/// True when `text` holds 季, 半年, 个月 or Q1–Q4. Each of these has a telling byte (the
/// last byte of 季, 半 or 个, or the Q) that Chinese text holds rarely, so eight bytes at
/// a time are skipped while none is one, and the words are tested only around those
/// bytes, rather than decoding every character.
/// Kept as the definition [`scan_before`] is tested against.
#[cfg(test)]
fn names_part_of_year(text: &str) -> bool {
    const JI: &[u8] = "季".as_bytes();
    const BAN_NIAN: &[u8] = "半年".as_bytes();
    const GE_YUE: &[u8] = "个月".as_bytes();
    let b = text.as_bytes();
    // A word matching at `p` has its telling byte at `p` (Q) or `p + 2`.
    let hit_at = |q: usize| match b.get(q) {
        Some(b'Q') => matches!(b.get(q + 1), Some(b'1'..=b'4')),
        Some(_) => q
            .checked_sub(2)
            .and_then(|p| b.get(p..))
            .is_some_and(|rest| {
                rest.starts_with(JI) || rest.starts_with(BAN_NIAN) || rest.starts_with(GE_YUE)
            }),
        None => false,
    };
    let telling = [b'Q', JI[2], BAN_NIAN[2], GE_YUE[2]];
    let mut from = 0;
    while from < b.len() {
        let to = (from + 8).min(b.len());
        let skip = b
            .get(from..to)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
            .is_some_and(|w| !holds_any(u64::from_le_bytes(w), &telling));
        if !skip && (from..to).any(|q| b.get(q).is_some_and(|c| telling.contains(c)) && hit_at(q)) {
            return true;
        }
        from = to;
    }
    false
}

/// True when one of the eight bytes of `word` is one of `bytes` (never false when one
/// is; a byte equal to `x` is a zero byte of `word ^ x` repeated).
#[cfg(test)]
fn holds_any(word: u64, bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS != 0;
    bytes
        .iter()
        .any(|&x| has_zero(word ^ (ONES * u64::from(x))))
}

/// Why a claim is not compared with reference values although it may match a fact key:
/// a forecast or target, a change (增加12亿元, 减少3.2万辆), a cumulative, monthly or
/// average figure. `None` when it can be compared.
pub fn not_comparable(claim: &Claim, s: &Surroundings<'_>) -> Option<&'static str> {
    let period = claim.period.as_deref().and_then(Period::parse);
    not_comparable_in(claim, period, s)
}

/// [`not_comparable`] of a claim whose period parses to `period` (parsed by the caller
/// already, for matching).
fn not_comparable_in(
    claim: &Claim,
    period: Option<Period>,
    s: &Surroundings<'_>,
) -> Option<&'static str> {
    // One pass over the words before the claim answers the questions on them.
    // Read on from the text before an earlier claim when this one's starts with it (the
    // claims of one sentence), while a document's memo is open.
    let before =
        super::keys_memo::before_scan(s.before, |resume| scan_before_resuming(s.before, resume));
    if before.forecast {
        return Some("a forecast or target");
    }
    if period.is_some_and(|p| p.is_annual()) && before.part_of_year {
        return Some("a quarter or half of the year its period names");
    }
    if partial_in_clause(s, &before) {
        return Some("a cumulative, partial or average figure");
    }
    if claim.segment.is_none() && qizhong_clause(s.before).is_some_and(|c| !names_period(c)) {
        // 其中纯电车型22万辆: a part of the figure before, of a kind the reference lacks
        // (其中第三季度… is a sub-period, which the claim's own period covers).
        return Some("a part introduced by 其中 without a known segment");
    }
    let level = matches!(claim.kind, ClaimKind::Level | ClaimKind::Share);
    if level && (claim.direction.is_some() || claim.change_of.is_some()) {
        return Some("a change, not a level");
    }
    None
}

/// `text.contains(word)` in one memchr pass: the places where the last byte of the
/// word's first character occurs (for a Chinese word a continuation byte, which only
/// one character in thirty or so of Chinese text shares) are where the word may start,
/// and each is compared there. Most words looked for are absent, and a substring
/// searcher costs more to set up than such a pass; the search it replaced looked for the
/// first character in one pass, then for the word with such a searcher (and byte by
/// byte in short texts). Tests compare it with `str::contains`.
fn contains_word(text: &str, word: &str) -> bool {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    let Some(&lead) = w.first() else {
        return true;
    };
    // `word` is a `str`, so its first character's length is its lead byte's.
    let first_len = utf8_len(lead).min(w.len());
    let Some(&key) = w.get(first_len - 1) else {
        return true;
    };
    memchr::memchr_iter(key, t).any(|p| {
        (p + 1)
            .checked_sub(first_len)
            .and_then(|start| t.get(start..))
            .is_some_and(|rest| rest.starts_with(w))
    })
}

/// Texts up to this many bytes are searched byte by byte ([`short_rfind`]): setting up a
/// substring searcher costs more than such a whole search.
const SHORT: usize = 64;

/// `text.rfind(word)` by comparing bytes at each place from the end: a match of a whole
/// UTF-8 word always starts on a character boundary, so the byte offsets are the same.
/// Linear in `text`, for short texts (see [`SHORT`]).
fn short_rfind(text: &str, word: &str) -> Option<usize> {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    let last = t.len().checked_sub(w.len())?;
    let Some(&first) = w.first() else {
        return Some(t.len());
    };
    (0..=last)
        .rev()
        .find(|&i| t.get(i) == Some(&first) && t.get(i..i + w.len()) == Some(w))
}

/// `text.rfind(word)`, byte by byte for a short text.
fn rfind_word(text: &str, word: &str) -> Option<usize> {
    if text.len() <= SHORT {
        short_rfind(text, word)
    } else {
        text.rfind(word)
    }
}

/// A fixed list of words looked for all at once: one pass over the text instead of one
/// substring search (and searcher set-up) per word, which made [`not_comparable`] cost
/// more than the rest of matching. Built once per run; building a regex alternation for
/// it cost more than a whole document's matching, this table costs next to nothing.
struct WordSet {
    /// The words.
    words: &'static [&'static str],
    /// Bit [`low_bits`] of the first character of every word that starts with a
    /// three-byte character (all Chinese ones): a three-byte character whose bit is clear
    /// starts none of them.
    starts: [u64; 64],
    /// The first eight bytes (fewer for a shorter word, the rest zero) of each word
    /// that starts with a three-byte character, as a little-endian number, with the mask
    /// of the bytes that count: a place whose next eight bytes, masked, differ from every
    /// one starts none of them.
    prefixes: Vec<(u64, u64, &'static str)>,
    /// True when some word starts otherwise (none of the lists does): such words are
    /// searched one by one.
    others: bool,
}

/// The low twelve bits of the code point of the three-byte character `[_, y, z]`
/// (a Chinese character is told apart from all but a few others by them).
fn low_bits(y: u8, z: u8) -> usize {
    (usize::from(y & 0x3F) << 6) | usize::from(z & 0x3F)
}

/// True when `w` starts with a three-byte character.
fn three_byte_start(w: &str) -> bool {
    w.as_bytes()
        .first()
        .is_some_and(|&x| (0xE0..0xF0).contains(&x))
}

/// The first eight bytes of `b` (zero past its end) as a little-endian number.
fn first_eight(b: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    let n = b.len().min(8);
    word[..n].copy_from_slice(&b[..n]);
    u64::from_le_bytes(word)
}

impl WordSet {
    /// The set of `words` (plain text).
    fn new(words: &'static [&'static str]) -> WordSet {
        let mut starts = [0u64; 64];
        let mut prefixes = Vec::new();
        let mut others = false;
        for w in words {
            match w.as_bytes() {
                [_, y, z, ..] if three_byte_start(w) => {
                    let h = low_bits(*y, *z);
                    starts[h / 64] |= 1 << (h % 64);
                    let n = w.len().min(8);
                    let mask = if n == 8 {
                        u64::MAX
                    } else {
                        (1u64 << (8 * n)) - 1
                    };
                    prefixes.push((first_eight(w.as_bytes()), mask, *w));
                }
                _ => others = true,
            }
        }
        WordSet {
            words,
            starts,
            prefixes,
            others,
        }
    }

    /// True when any of the words occurs in `text`: `words.iter().any(|w| text.contains(w))`.
    fn found_in(&self, text: &str) -> bool {
        if self.others_in(text) {
            return true;
        }
        let b = text.as_bytes();
        let mut i = 0;
        // Only three-byte characters can start the words left: the others are stepped
        // over by the length their first byte gives (a `str` is valid UTF-8, so `i` is
        // always a character start).
        while let Some(&[x, y, z]) = b.get(i..i + 3) {
            if x < 0xE0 {
                i += if x < 0x80 { 1 } else { 2 };
                continue;
            }
            if x >= 0xF0 {
                i += 4;
                continue;
            }
            // The table first, here: most characters start no word.
            let h = low_bits(y, z);
            if self.starts[h / 64] & (1 << (h % 64)) != 0
                && self.starts_here(b.get(i..).unwrap_or_default(), y, z)
            {
                return true;
            }
            i += 3;
        }
        false
    }

    /// True when one of the words that do not start with a three-byte character occurs
    /// in `text` (none of the lists has such a word).
    fn others_in(&self, text: &str) -> bool {
        self.others
            && self
                .words
                .iter()
                .any(|w| !three_byte_start(w) && text.contains(w))
    }

    /// True when one of the words that start with a three-byte character starts `rest`,
    /// whose first character is the three-byte `[_, y, z]`.
    fn starts_here(&self, rest: &[u8], y: u8, z: u8) -> bool {
        let h = low_bits(y, z);
        if self.starts[h / 64] & (1 << (h % 64)) == 0 {
            return false;
        }
        let next = first_eight(rest);
        self.prefixes.iter().any(|&(prefix, mask, w)| {
            next & mask == prefix
                && rest.len() >= w.len()
                && (w.len() <= 8 || rest.starts_with(w.as_bytes()))
        })
    }
}

/// The clause a figure stands in when 其中 opens it, directly (`其中海外6.1万辆`) or with a
/// comma after it (`其中，数据中心业务营收为1152亿美元`): the words from 其中 to the figure.
fn qizhong_clause(before: &str) -> Option<&str> {
    let at = before.rfind("其中")?;
    let rest = &before[at + "其中".len()..];
    let part = rest.trim_start_matches(['，', ',', ' ']);
    (!part.contains(['，', ',', '；', ';', '：', ':'])).then_some(&before[at..])
}

/// Every year written as four digits followed by 年 or 财年 in `text` (`较2021年`).
fn written_years(text: &str) -> Vec<i32> {
    let b = text.as_bytes();
    let mut years = Vec::new();
    for i in 0..b.len().saturating_sub(3) {
        // Most bytes are no digit: settled before slicing the rest of the text.
        if !b[i].is_ascii_digit() {
            continue;
        }
        let four = b[i..i + 4].iter().all(u8::is_ascii_digit);
        let alone =
            (i == 0 || !b[i - 1].is_ascii_digit()) && !b.get(i + 4).is_some_and(u8::is_ascii_digit);
        let rest = text.get(i + 4..).unwrap_or("");
        if four && alone && (rest.starts_with('年') || rest.starts_with("财年")) {
            if let Some(y) = text.get(i..i + 4).and_then(|y| y.parse().ok()) {
                years.push(y);
            }
        }
    }
    years
}

/// What a growth figure compares with, from the words before it in its clause:
/// 同比/较上年/去年同期 → the same period a year earlier, 环比/较上季度 → the period just
/// before, nothing → a year earlier for annual periods and unknown otherwise. A year
/// written in the clause other than the period's own (`较2021年增长171%`) must be the
/// year before, or the basis is unknown.
pub fn growth_basis(clause: &str, period: Period) -> Option<Step> {
    let other_years: Vec<i32> = written_years(clause)
        .into_iter()
        .filter(|&y| y != period.year())
        .collect();
    if !other_years.is_empty() {
        return other_years
            .iter()
            .all(|&y| y + 1 == period.year())
            .then_some(Step::Year);
    }
    const YEAR: [&str; 7] = [
        "同比",
        "较上年",
        "比上年",
        "较去年",
        "比去年",
        "上年同期",
        "去年同期",
    ];
    const PREV: [&str; 5] = ["环比", "较上季度", "比上季度", "较上月", "较上半年"];
    // A word whose first character the clause lacks is not in it: one bit test rather
    // than a search for most words (see `char_bits`).
    let present = char_bits(clause);
    let last = |words: &[&str]| {
        words
            .iter()
            .filter(|w| char_bits(first_char(w)) & !present == 0)
            .filter_map(|w| rfind_word(clause, w))
            .max()
    };
    match (last(&YEAR), last(&PREV)) {
        (Some(y), Some(p)) => Some(if y > p { Step::Year } else { Step::Previous }),
        (Some(_), None) => Some(Step::Year),
        (None, Some(_)) => Some(Step::Previous),
        (None, None) => period.is_annual().then_some(Step::Year),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{ClaimKind, Hedge, Num, Value};

    fn reference() -> Reference {
        let mut r = Reference::empty();
        r.add_text(
            "f.csv",
            "entity,segment,metric,period,value,unit,source,source_date,note\n\
             蔚来,,deliveries,2024,221970,units,NIO,2025-01-01,\n\
             蔚来,中国,deliveries,2024,220000,units,NIO,2025-01-01,\n\
             小鹏,,deliveries,2024,190068,units,XPeng,2025-01-01,\n\
             蔚来,,revenue,2024,65730000000,CNY,NIO,2025-03-01,\n",
        )
        .unwrap();
        r.add_text(
            "a.csv",
            "kind,alias,canonical\nentity,NIO,蔚来\nmetric,交付量,deliveries\n\
             metric,营收,revenue\nsegment,国内,中国\nscope,汽车,deliveries\n",
        )
        .unwrap();
        r
    }

    fn claim(subject: &str, segment: Option<&str>, metric: &str, period: &str) -> Claim {
        Claim {
            id: 0,
            span: Span::new(0, 1),
            kind: ClaimKind::Level,
            value: Value::Point(Num::new(1.0, 1.0)),
            bounds: Vec::new(),
            unit: Some(Unit::new("辆", UnitKind::Measure)),
            magnitude: None,
            hedge: None,
            direction: None,
            period: Some(period.into()),
            subject: Some(subject.into()),
            segment: segment.map(str::to_string),
            metric: Some(metric.into()),
            sentence: 0,
            change_of: None,
            notes: Vec::new(),
        }
    }

    #[test]
    fn matches_through_aliases() {
        let r = reference();
        let keys = r.match_claim(&claim("NIO", None, "交付量", "2024"), "汽车交付量");
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].entity, "蔚来");
        assert!(r.fact_at(&keys[0]).is_some());
        let keys = r.match_claim(&claim("蔚来", Some("国内"), "交付量", "2024"), "汽车交付量");
        assert_eq!(keys[0].segment, "中国");
        let keys = r.match_claim(&claim("蔚来", Some("全球"), "交付量", "2024"), "汽车交付量");
        assert_eq!(keys[0].segment, "");
    }

    #[test]
    fn unknown_parts_match_nothing() {
        let r = reference();
        assert!(r
            .match_claim(&claim("理想", None, "交付量", "2024"), "汽车交付量")
            .is_empty());
        assert!(r
            .match_claim(&claim("蔚来", Some("欧洲"), "交付量", "2024"), "汽车交付量")
            .is_empty());
        assert!(r
            .match_claim(&claim("蔚来", None, "交付量", "2024年"), "汽车交付量")
            .is_empty());
        // The metric was carried from another sentence.
        assert!(r
            .match_claim(&claim("蔚来", None, "交付量", "2024"), "汽车推出5款新车型")
            .is_empty());
        // Out of scope: the sentence is not about cars.
        assert!(r
            .match_claim(&claim("蔚来", None, "交付量", "2024"), "换电站")
            .is_empty());
    }

    #[test]
    fn each_splits_joint_subjects() {
        let r = reference();
        let mut c = claim("蔚来与小鹏", None, "交付量", "2024");
        assert!(r.match_claim(&c, "汽车交付量").is_empty());
        c.hedge = Some(Hedge {
            text: "均".into(),
            kind: HedgeKind::Each,
        });
        let keys = r.match_claim(&c, "汽车交付量");
        assert_eq!(keys.len(), 2);
        assert_eq!(keys[1].entity, "小鹏");
    }

    #[test]
    fn share_words_resolve_to_their_base_metric() {
        let r = reference();
        assert_eq!(
            r.resolve_metric("营收占比", ""),
            Some(("revenue".into(), true))
        );
        assert_eq!(
            r.resolve_metric("占比", "国内在蔚来营收中的占比"),
            Some(("revenue".into(), true))
        );
        assert_eq!(r.resolve_metric("占比", "国内的占比"), None);
        assert_eq!(
            r.resolve_metric("营收增速", ""),
            Some(("revenue".into(), false))
        );
    }

    #[test]
    fn forecasts_changes_and_partial_figures_are_not_comparable() {
        let c = claim("蔚来", None, "交付量", "2024");
        let s = |t| Surroundings::plain(t);
        assert!(not_comparable(&c, &s("蔚来2024年交付量")).is_none());
        assert!(not_comparable(&c, &s("蔚来预计2024年交付量")).is_some());
        assert!(not_comparable(&c, &s(",累计交付量")).is_some());
        assert!(not_comparable(&c, &s(",月均交付量")).is_some());
        assert!(not_comparable(&c, &s(",其中纯电车型交付量为")).is_some());
        let q4 = claim("蔚来", None, "交付量", "2024Q4");
        assert!(not_comparable(&q4, &s(";其中2024年第四季度交付量为")).is_none());
        assert!(not_comparable(&c, &s("蔚来2024年第三季度交付量")).is_some());
        assert!(not_comparable(&c, &s("蔚来2024年上半年交付量")).is_some());
        assert!(not_comparable(&c, &s("蔚来前三季度营收,2024年全年交付量")).is_none());
        assert!(not_comparable(&c, &s("蔚来2024年(截至2024年12月末)交付量")).is_none());
        let mut d = c.clone();
        d.direction = Some(crate::claim::Direction::Up);
        assert!(not_comparable(&d, &s("交付量增加")).is_some());
        let r = reference();
        assert!(r.keys_for(&d, &s("汽车交付量增加")).is_empty());
        assert_eq!(r.keys_for(&c, &s("汽车交付量")).len(), 1);
    }

    #[test]
    fn the_last_year_ends_where_the_window_search_ends_it() {
        for t in [
            "",
            "2024",
            "蔚来2024年第三季度",
            "12345",
            "123",
            "2024年与2025年Q3",
            "1 2345 67",
            "2024年123",
            "abc20241",
            "９９９９2024",
            "英伟达2025财年(约为2024年,英伟达的财年为每年1月末-次年1月末)报告显示,它在中国大陆",
            "一二三四五六七八九十一二三四五六七八九十",
            "12一二三四五六七八九十一二三四五六七八九十",
            "2024一二三四五六七八九十一二三四五六七八九十1",
            "abcdefgh12345678abcdefgh",
            "/:;<=>?@9",
        ] {
            let b = t.as_bytes();
            let want = (0..b.len().saturating_sub(3))
                .rev()
                .find(|&i| b[i..i + 4].iter().all(u8::is_ascii_digit))
                .map_or(0, |i| i + 4);
            assert_eq!(after_last_year(t), want, "{t:?}");
        }
    }

    #[test]
    fn parts_of_a_year_are_found_as_the_word_searches_find_them() {
        for t in [
            "",
            "第三财季",
            "上半年",
            "半",
            "半 年",
            "前三个月",
            "个",
            "Q3",
            "Q5",
            "Q",
            "QQ4",
            "q3",
            "年度收入",
            "下半年度",
            "两个季度",
            "个个月",
            "英伟达在中国市场的份额从95%降到0%,二〇二四年前三个月",
            "一二三四五六七八九十一二三四五六七八九十半年",
            "一二三四五六七八九十一二三四五六七八九十半 年",
            "abcdefghijklmnopQ3",
            "abcdefghijklmnoQ9Q",
            "一二三四五六七八九十一二三四五六七八九十季",
            "一二三四五六七八九十一二三四五六七八九十个",
            "一二三四五六七八九十个一二三四五六七八九十月",
            "amountsQ",
        ] {
            let want = t.contains('季')
                || ["半年", "个月", "Q1", "Q2", "Q3", "Q4"]
                    .iter()
                    .any(|w| t.contains(w));
            assert_eq!(names_part_of_year(t), want, "{t:?}");
        }
    }

    /// Chinese-news-like text made of pieces that hold the listed words, parts of them,
    /// their characters and other text.
    fn news_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let pieces: Vec<&'static str> = FORECAST_WORDS
            .iter()
            .chain(PARTIAL_WORDS.iter())
            .copied()
            .chain([
                "预",
                "计",
                "累",
                "单",
                "月",
                "均",
                "价",
                "有",
                "望",
                "年",
                "蔚来",
                "2024年",
                "交付量",
                "41.2万辆",
                "，",
                ",",
                "。",
                "；",
                "：",
                ";",
                ":",
                "（",
                "）",
                "同比增长",
                "%",
                "a",
                "Q3",
                "é",
                "😀",
                "营收",
                "净利润",
                "较上年",
                "其中",
                "市场份额",
            ])
            .collect();
        prop::collection::vec(prop::sample::select(pieces), 0..40).prop_map(|v| v.concat())
    }

    /// Text before a figure: news pieces with years, quarters, halves and months.
    fn before_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "2024",
            "2025",
            "财年",
            "年",
            "第三",
            "季",
            "季度",
            "财季",
            "上半年",
            "半",
            "半年",
            "前三个月",
            "个",
            "月",
            "个月",
            "Q",
            "Q3",
            "Q5",
            "1",
            "12",
            "123",
            "二〇二四",
            "英伟达",
            "收入",
            "预计",
            "计划",
            "有望",
            "有",
            "，",
            "。",
            "a",
            "é",
            "😀",
        ]);
        (news_text(), prop::collection::vec(pieces, 0..30))
            .prop_map(|(a, b)| format!("{}{}", b.concat(), a))
    }

    /// Whether a resumed reading of `part` found what a fresh reading finds (where the
    /// text before is no forecast, everything else it reads too).
    fn same_reading(
        got: &BeforeWords,
        fresh: &BeforeWords,
        part: &str,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        proptest::prop_assert_eq!(got.forecast, fresh.forecast, "{:?}", part);
        if !fresh.forecast {
            proptest::prop_assert_eq!(
                (got.part_of_year, got.lead_from, got.partial_in_lead),
                (fresh.part_of_year, fresh.lead_from, fresh.partial_in_lead),
                "{:?}",
                part
            );
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn one_pass_before_a_figure_finds_what_the_searches_find(text in before_text()) {
            let forecasts = WordSet::new(&FORECAST_WORDS);
            let got = scan_before(&text);
            let forecast = forecasts.found_in(&text);
            proptest::prop_assert_eq!(got.forecast, forecast, "{:?}", text);
            if !forecast {
                let after = &text[after_last_year(&text)..];
                proptest::prop_assert_eq!(got.part_of_year, names_part_of_year(after), "{:?}", text);
            }
        }

        #[test]
        fn reading_on_from_an_earlier_text_finds_what_a_fresh_reading_finds(
            texts in proptest::collection::vec(
                (before_text(), proptest::collection::vec(proptest::sample::select(vec![0.1, 0.3, 0.5, 0.7, 0.9, 0.97]), 0..4)),
                1..4,
            ),
        ) {
            // Each text read in growing prefixes cut at characters (the claims of one
            // sentence, cut anywhere, inside words too), then the next text, which does
            // not go on from the last (another sentence).
            let mut resume = None;
            for (text, cuts) in texts {
                let mut ends: Vec<usize> = cuts
                    .iter()
                    .map(|f| {
                        let mut at = (text.len() as f64 * f) as usize;
                        while !text.is_char_boundary(at) {
                            at -= 1;
                        }
                        at
                    })
                    .chain([text.len()])
                    .collect();
                ends.sort_unstable();
                for end in ends {
                    let part = &text[..end];
                    let fresh = scan_before(part);
                    let got = scan_before_resuming(part, &mut resume);
                    same_reading(&got, &fresh, part)?;
                }
            }
        }

        #[test]
        fn kept_scans_of_interleaved_sentences_find_what_a_fresh_reading_finds(
            sentences in proptest::collection::vec(before_text(), 1..6),
            asks in proptest::collection::vec((0usize..6, 0.0f64..=1.0), 1..16),
        ) {
            // Claims asked about out of sentence order, as rules do (one rule's claims
            // of several sentences, then another's): each reading may go on from any
            // kept scan, and must find what a fresh one finds.
            let _scope = super::super::keys_memo::Scope::open();
            for (which, f) in asks {
                let text = &sentences[which % sentences.len()];
                let mut at = (text.len() as f64 * f) as usize;
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let part = &text[..at];
                let fresh = scan_before(part);
                let got = super::super::keys_memo::before_scan(part, |r| scan_before_resuming(part, r));
                same_reading(&got, &fresh, part)?;
            }
        }

        #[test]
        fn growth_words_are_taken_out_as_the_search_takes_them_out(
            parts in proptest::collection::vec(
                proptest::sample::select(
                    GROWTH_PHRASE
                        .iter()
                        .copied()
                        .chain([
                            ",", "，", "；", "营收", "收入", "交付量", "同", "比", "增", "长", "上年",
                            "66", "%", "Q3", " ", "年", "较", "上", "期", "季度", "Ab", "é", "😀",
                        ])
                        .collect::<Vec<_>>(),
                ),
                0..8,
            ),
        ) {
            let lead: String = parts.concat();
            // The bit test that settles most words without a search never misses one
            // (what `only_growth_words` and `growth_basis` rely on).
            for w in GROWTH_PHRASE.iter().chain(&["环比", "较上季度", "é", "😀", "66", "Q3"]) {
                if char_bits(first_char(w)) & !char_bits(&lead) != 0 {
                    proptest::prop_assert!(!lead.contains(w), "{:?} {:?}", lead, w);
                }
            }
            for w in GROWTH_PHRASE.iter().chain(&["", "é", "😀", "66"]) {
                proptest::prop_assert_eq!(without(&lead, w), lead.replace(w, ""), "{:?} {:?}", lead, w);
            }
            proptest::prop_assert_eq!(
                only_growth_words(&lead),
                only_growth_words_by_search(&lead),
                "{:?}",
                lead
            );
        }

        #[test]
        fn the_clause_is_searched_as_a_whole_search_finds(
            lead in before_text(),
            claim_text in proptest::sample::select(vec!["3万辆", "均价3万元", "月销3万辆", "计3万辆", "5%"]),
            joiner in proptest::sample::select(vec!["", "，", ",", "；", "单", "累", "平"]),
        ) {
            let text = format!("{lead}{joiner}{claim_text}。");
            let doc = Document::new("t", &text);
            let start = lead.len() + joiner.len();
            let mut c = claim("蔚来", None, "营收", "2024");
            c.span = Span::new(start, start + claim_text.len());
            c.sentence = 0;
            let sentences = [Span::new(0, text.len())];
            let s = Surroundings::of(&doc, &sentences, &c);
            let before = scan_before(s.before);
            if !before.forecast {
                let cut = last_clause_break(s.before).unwrap_or(0);
                proptest::prop_assert_eq!(before.lead_from, cut, "{:?}", text);
                let in_lead = partial_words().found_in(&s.before[cut..]);
                proptest::prop_assert_eq!(before.partial_in_lead, in_lead, "{:?}", text);
                let whole = partial_words().found_in(s.clause);
                proptest::prop_assert_eq!(partial_in_clause(&s, &before), whole, "{:?}", text);
            }
            // Surroundings cut some other way are searched whole.
            let plain = Surroundings::plain(&text);
            let before = scan_before(plain.before);
            if !before.forecast {
                let whole = partial_words().found_in(&text);
                proptest::prop_assert_eq!(partial_in_clause(&plain, &before), whole, "{:?}", text);
            }
        }

        #[test]
        fn word_sets_find_what_contains_finds(text in news_text()) {
            // Words shorter than three bytes and not Chinese too, though no list has them.
            const MIXED: [&str; 5] = ["a", "Q3", "é", "单价", "😀年"];
            let sets: [&'static [&'static str]; 4] =
                [&FORECAST_WORDS, &PARTIAL_WORDS, &GROWTH_PHRASE, &MIXED];
            for w in sets.iter().flat_map(|s| s.iter()).chain(&["同比增长", "41.2万", "Q", ""]) {
                proptest::prop_assert_eq!(contains_word(&text, w), text.contains(w), "{:?} {:?}", text, w);
            }
            let want = text.rfind([',', '，', ';', '；', ':', '：']);
            proptest::prop_assert_eq!(last_clause_break(&text), want, "{:?}", text);
            proptest::prop_assert_eq!(last_clause_break_by_words(&text), want, "{:?}", text);
            for words in sets {
                let want = words.iter().any(|w| text.contains(w));
                proptest::prop_assert_eq!(WordSet::new(words).found_in(&text), want, "{:?}", text);
            }
        }
    }

    proptest::proptest! {
        /// The trim settled by the end bytes trims what `str::trim` trims.
        #[test]
        fn trimmed_is_str_trim(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "英伟达", "收入", "H20", "a", " ", "\t", "\u{b}", "\u{1c}", "\u{3000}",
                    "\u{85}", "\u{a0}", "\u{2009}", "\u{202f}", "\u{205f}", "\u{1680}",
                    "、", "。", "（", "é", "😀", "\u{feff}", "\u{e000}", "ー", "0",
                ]),
                0..5,
            )
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(trimmed(&text), text.trim());
        }
    }

    #[test]
    fn short_searches_find_what_str_finds() {
        let texts = [
            "",
            "同比增长66%",
            ",较上年同比",
            "a同比b同比",
            "同",
            "ab",
            "其中，其中",
        ];
        let words = ["", "同比", "同", "比", "b", "ab", "其中", "较上年", "x"];
        for t in texts {
            for w in words {
                assert_eq!(short_rfind(t, w), t.rfind(w), "{t:?} {w:?}");
                assert_eq!(contains_word(t, w), t.contains(w), "{t:?} {w:?}");
            }
        }
    }

    #[test]
    fn clause_breaks_are_found_as_rfind_finds_them() {
        for t in [
            "",
            "蔚来2024年营收657亿元,同比增长",
            "其中，数据中心；业务：营收",
            "a:b;c,d",
            "全角，逗号后无",
            "\u{ff0b}\u{ff0d}",
            "，",
            "无标点的句子",
            "一二三四五六七八九十,一二三四五六七八九十一二三四五六七八九十",
            "abcdefgh,abcdefghabcdefgh",
            ",abcdefgh",
            "abcdefg:",
            "全角，逗号后无全角，逗号后无全角，逗号后无全角（括号）无全角（括号）",
            "a；bcdefghijklmnopq",
        ] {
            let want = t.rfind([',', '，', ';', '；', ':', '：']);
            assert_eq!(last_clause_break(t), want, "{t:?}");
            assert_eq!(last_clause_break_by_words(t), want, "{t:?}");
        }
    }

    #[test]
    fn surroundings_split_sentence_and_clause() {
        let doc = Document::new("t", "前言。蔚来2024年营收657亿元,同比增长18%。");
        let start = doc.text.find("18%").unwrap();
        let mut c = claim("蔚来", None, "营收", "2024");
        c.span = Span::new(start, start + "18%".len());
        c.sentence = 1;
        let s = Surroundings::of(&doc, &doc.sentences(), &c);
        assert_eq!(s.sentence, "蔚来2024年营收657亿元,同比增长18%。");
        assert_eq!(s.before, "蔚来2024年营收657亿元,同比增长");
        assert_eq!(s.clause, ",同比增长18%");
    }

    #[test]
    fn notices_a_share_of_another_segment() {
        let r = reference();
        let c = claim("蔚来", Some("中国"), "交付量", "2024");
        let key = &r.match_claim(&c, "汽车交付量")[0];
        assert!(!r.names_other_segment(key, ",占蔚来国内交付量的"));
        assert!(!r.names_other_segment(key, ",占蔚来全球交付量的"));
        let mut other = key.clone();
        other.segment = "欧洲".into();
        assert!(r.names_other_segment(&other, ",占蔚来国内交付量的"));
    }

    #[test]
    fn a_share_without_metric_word_takes_the_one_its_sentence_names() {
        let r = reference();
        let mut c = claim("蔚来", Some("国内"), "x", "2024");
        c.metric = None;
        c.kind = ClaimKind::Share;
        let keys = r.match_claim(&c, "国内汽车交付量22万辆,占蔚来交付量的99%");
        assert_eq!(keys.len(), 1);
        assert!(keys[0].share_of_whole);
        assert_eq!(keys[0].metric, "deliveries");
        assert!(r
            .match_claim(&c, "国内汽车占蔚来营收与交付量的99%")
            .is_empty());
        c.kind = ClaimKind::Level;
        assert!(r.match_claim(&c, "国内汽车交付量22万辆").is_empty());
    }

    #[test]
    fn market_shares_are_told_apart() {
        assert!(market_share_words("英伟达在中国市场的份额约为"));
        assert!(market_share_words(",收入占当地AI芯片市场的"));
        assert!(!market_share_words("中国市场在英伟达营收中的占比为"));
        assert!(!market_share_words(",占长风汽车全年交付量的"));
        let r = reference();
        assert_eq!(r.resolve_metric("营收份额", ""), None);
    }

    #[test]
    fn growth_basis_follows_the_nearest_word() {
        let y = Period::parse("2025Q3").unwrap();
        assert_eq!(growth_basis(",营收同比增长", y), Some(Step::Year));
        assert_eq!(
            growth_basis(",同比增长20%,环比增长", y),
            Some(Step::Previous)
        );
        assert_eq!(growth_basis(",营收增长", y), None);
        let fy = Period::parse("FY2025").unwrap();
        assert_eq!(growth_basis(",较2021年的15.2万辆增长", fy), None);
        assert_eq!(growth_basis(",较2024财年增长", fy), Some(Step::Year));
        assert_eq!(growth_basis("2025财年营收同比增长", fy), Some(Step::Year));
        assert_eq!(growth_basis(",增长1332%", fy), Some(Step::Year));
        assert_eq!(
            growth_basis(",营收增长", Period::parse("FY2025").unwrap()),
            Some(Step::Year)
        );
    }

    #[test]
    fn units_compare_by_family() {
        let m = Unit::new("枚", UnitKind::Measure);
        assert!(unit_compatible(Some(&m), "units"));
        assert!(!unit_compatible(Some(&m), "USD"));
        let t = Unit::new("吨", UnitKind::Measure);
        assert!(!unit_compatible(Some(&t), "units"));
        let usd = Unit::new("USD", UnitKind::Currency);
        assert!(unit_compatible(Some(&usd), "USD"));
        assert!(!unit_compatible(Some(&usd), "CNY"));
        let pct = Unit::new("%", UnitKind::Percent);
        assert!(unit_compatible(Some(&pct), "percent"));
        assert!(!unit_compatible(None, "percent"));
        assert!(unit_compatible(None, "CNY"));
    }
}
