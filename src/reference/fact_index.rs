//! An index of facts by key, so that finding the fact at a claim's key costs one hash
//! probe instead of a scan of every fact (and a list and a period string per lookup).

use super::fast_hash::{FastHash, FastMap};
use super::period::Period;
use super::Fact;
use std::hash::{Hash, Hasher};

/// Facts by the hash of their key (entity, segment, metric, period), in load order.
#[derive(Debug, Clone, Default)]
pub(super) struct FactIndex {
    /// Hash of a key → indexes into `facts` of the facts that may have it, in load order.
    /// Hashes may collide: candidates are compared in full.
    by_key: FastMap<u64, Vec<usize>>,
    /// For each fact, whether its note or source calls it an estimate
    /// ([`super::compare::is_estimate`]), decided once here rather than at every comparison.
    estimate: Vec<bool>,
    /// Hashes of every (entity, segment, metric) some fact has, whatever its period: a key
    /// whose three are missing here finds no fact in any period.
    series: FastSet,
    /// For each fact, its period parsed once here, so that telling a hash collision from a
    /// hit does not parse it again at every lookup.
    periods: Vec<Option<Period>>,
    /// The length of `facts` when the index was built: the field is public, and an index
    /// that no longer matches it is not used.
    built_for: usize,
}

/// A set of hashes.
type FastSet = std::collections::HashSet<u64, std::hash::BuildHasherDefault<FastHash>>;

/// The hash a series (a key without its period) is filed under.
fn series_hash(entity: &str, segment: &str, metric: &str) -> u64 {
    let mut h = FastHash::default();
    (entity, segment, metric).hash(&mut h);
    h.finish()
}

/// The hash a key is filed under.
fn key_hash(entity: &str, segment: &str, metric: &str, period: Period) -> u64 {
    let mut h = FastHash::default();
    (entity, segment, metric, period).hash(&mut h);
    h.finish()
}

/// The hash state of a series (entity, segment, metric) on its way to a key's hash:
/// [`key_hash`] of the series in a period is this state with the period hashed on (a
/// tuple hashes its fields in order), so the periods of one series are looked up
/// without hashing its names again.
pub(super) fn series_state(entity: &str, segment: &str, metric: &str) -> FastHash {
    let mut h = FastHash::default();
    entity.hash(&mut h);
    segment.hash(&mut h);
    metric.hash(&mut h);
    h
}

impl FactIndex {
    /// Indexes every fact whose period is written the way [`Period`] prints it, which is
    /// every fact a [`Period`] can find: `fact.period == p.to_string()` holds exactly for
    /// those facts whose period parses to `p` and prints back the same.
    pub(super) fn build(facts: &[Fact]) -> FactIndex {
        let mut by_key: FastMap<u64, Vec<usize>> = FastMap::default();
        let mut series = FastSet::default();
        for (i, f) in facts.iter().enumerate() {
            series.insert(series_hash(&f.entity, &f.segment, &f.metric));
            let Some(p) = Period::parse(&f.period).filter(|p| p.to_string() == f.period) else {
                continue;
            };
            by_key
                .entry(key_hash(&f.entity, &f.segment, &f.metric, p))
                .or_default()
                .push(i);
        }
        FactIndex {
            by_key,
            series,
            periods: facts.iter().map(|f| Period::parse(&f.period)).collect(),
            estimate: facts.iter().map(super::compare::is_estimate).collect(),
            built_for: facts.len(),
        }
    }

    /// `Some(answer)` when the index is current for `facts` and `fact` is one of them:
    /// whether it is an estimate. `None` when it must be decided afresh.
    pub(super) fn is_estimate(&self, facts: &[Fact], fact: &Fact) -> Option<bool> {
        if self.built_for != facts.len() {
            return None;
        }
        // The fact's place in `facts`, if it is one of them (checked by address).
        let size = std::mem::size_of::<Fact>().max(1);
        let offset = (std::ptr::from_ref(fact) as usize).wrapping_sub(facts.as_ptr() as usize);
        let i = offset / size;
        let theirs = offset % size == 0 && facts.get(i).is_some_and(|f| std::ptr::eq(f, fact));
        theirs.then(|| self.estimate.get(i).copied()).flatten()
    }

    /// False only when no fact in `facts` has this entity, segment and metric (in any
    /// period), so that no key of theirs can find a fact; true when some may (hashes may
    /// collide) or the index is not current.
    pub(super) fn may_have_series(
        &self,
        facts: &[Fact],
        entity: &str,
        segment: &str,
        metric: &str,
    ) -> bool {
        self.built_for != facts.len() || self.series.contains(&series_hash(entity, segment, metric))
    }

    /// `Some(answer)` when the index is current for `facts`: the index into `facts` of the
    /// latest fact at the key, if any. `None` when the index must not be used.
    pub(super) fn lookup(
        &self,
        facts: &[Fact],
        entity: &str,
        segment: &str,
        metric: &str,
        period: Period,
    ) -> Option<Option<usize>> {
        // `lookup_from` checks that the index is current.
        self.lookup_from(
            facts,
            series_state(entity, segment, metric),
            entity,
            segment,
            metric,
            period,
        )
    }

    /// [`FactIndex::lookup`], the series' names hashed already (`state` is their
    /// [`series_state`]).
    pub(super) fn lookup_from(
        &self,
        facts: &[Fact],
        state: FastHash,
        entity: &str,
        segment: &str,
        metric: &str,
        period: Period,
    ) -> Option<Option<usize>> {
        if self.built_for != facts.len() {
            return None;
        }
        let mut h = state;
        period.hash(&mut h);
        let Some(candidates) = self.by_key.get(&h.finish()) else {
            return Some(None);
        };
        Some(candidates.iter().rev().copied().find(|&i| {
            facts.get(i).is_some_and(|f| {
                f.entity == entity
                    && f.segment == segment
                    && f.metric == metric
                    && self.periods.get(i) == Some(&Some(period))
            })
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::fixture_reference;
    use super::super::{Key, Reference};
    use super::*;

    /// Every key of the bundled and fixture facts, and keys next to them, find through
    /// the index what the scan finds.
    #[test]
    fn index_agrees_with_the_scan() {
        for r in [Reference::bundled(), fixture_reference()] {
            let mut checked = 0;
            for f in &r.facts {
                let Some(p) = Period::parse(&f.period) else {
                    continue;
                };
                for period in [Some(p), p.back(super::super::period::Step::Year)]
                    .into_iter()
                    .flatten()
                {
                    for segment in [f.segment.as_str(), "", "其他"] {
                        let key = Key {
                            entity: f.entity.clone(),
                            segment: segment.to_string(),
                            metric: f.metric.clone(),
                            period,
                            share_of_whole: false,
                        };
                        let scan = r.fact(&key.entity, segment, &key.metric, &period.to_string());
                        assert_eq!(r.fact_at(&key), scan, "{key:?}");
                        checked += usize::from(scan.is_some());
                    }
                }
            }
            assert!(checked >= r.facts.len());
        }
    }

    /// A series looked up period by period finds what `fact_of` finds, with the index
    /// current and with facts pushed directly (the index then steps aside).
    #[test]
    fn series_find_what_keys_find() {
        let mut edited = Reference::bundled();
        let mut f = edited.facts[0].clone();
        f.value += 1.0;
        edited.facts.push(f);
        for r in [Reference::bundled(), fixture_reference(), edited] {
            let mut found = 0;
            for f in &r.facts {
                let Some(p) = Period::parse(&f.period) else {
                    continue;
                };
                for segment in [f.segment.as_str(), "", "其他"] {
                    let series = r.series_of(&f.entity, segment, &f.metric);
                    for period in [Some(p), p.back(super::super::period::Step::Year)]
                        .into_iter()
                        .flatten()
                    {
                        let want = r.fact_of(&f.entity, segment, &f.metric, period);
                        assert_eq!(series.at(period), want, "{f:?} {segment:?} {period}");
                        found += usize::from(want.is_some());
                    }
                }
            }
            assert!(found >= r.facts.len());
        }
    }

    /// A series' hash state with a period hashed on is the key's hash.
    #[test]
    fn series_state_goes_on_to_the_key_hash() {
        for f in &Reference::bundled().facts {
            let Some(p) = Period::parse(&f.period) else {
                continue;
            };
            let mut h = series_state(&f.entity, &f.segment, &f.metric);
            p.hash(&mut h);
            assert_eq!(h.finish(), key_hash(&f.entity, &f.segment, &f.metric, p));
        }
    }

    /// The estimate flags decided at load are what the test decides for each fact, and a
    /// fact that is not one of the reference's is decided afresh.
    #[test]
    fn estimates_are_decided_once_and_alike() {
        let r = fixture_reference();
        for f in &r.facts {
            assert_eq!(
                r.fact_index.is_estimate(&r.facts, f),
                Some(super::super::compare::is_estimate(f))
            );
            let copy = f.clone();
            assert_eq!(r.fact_index.is_estimate(&r.facts, &copy), None);
        }
        assert!(r.facts.iter().any(super::super::compare::is_estimate));
    }

    /// Facts pushed directly, without a layer, are still found (the index steps aside).
    #[test]
    fn direct_edits_are_not_hidden_by_the_index() {
        let mut r = Reference::bundled();
        let mut f = r.facts[0].clone();
        f.value += 1.0;
        r.facts.push(f.clone());
        let key = Key {
            entity: f.entity.clone(),
            segment: f.segment.clone(),
            metric: f.metric.clone(),
            period: Period::parse(&f.period).unwrap(),
            share_of_whole: false,
        };
        assert_eq!(r.fact_at(&key), Some(&f));
    }
}
