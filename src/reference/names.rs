//! An index of canonical names by folded form, so that resolving a name costs one hash
//! probe rather than a case-folding comparison against every fact, event and alias.

use super::aliases::{folded, folded_cow, kind_slot};
use super::fast_hash::FastMap;
use super::{bundle, AliasKind, Reference};

/// For each vocabulary, the folded form of every canonical name → the name as first
/// written, in the priority order of [`Reference::canonical_name`]: facts, events
/// (entities only), alias targets, then [`bundle::VOCABULARY`].
#[derive(Debug, Clone, Default)]
pub(super) struct NameIndex {
    /// Per vocabulary (by [`kind_slot`]), folded name → canonical name as written.
    map: [FastMap<String, String>; 4],
    /// Lengths of `facts`, `events` and the alias rows when the index was built: the
    /// fields are public, and an index that no longer matches them is not used.
    built_for: (usize, usize, usize),
}

impl NameIndex {
    /// Indexes every canonical name of `r`.
    pub(super) fn build(r: &Reference) -> NameIndex {
        let mut map: [FastMap<String, String>; 4] = Default::default();
        let mut add = |kind: AliasKind, name: &str| {
            if !name.is_empty() {
                map[kind_slot(kind)]
                    .entry(folded(name))
                    .or_insert_with(|| name.to_string());
            }
        };
        // Facts in order, one vocabulary at a time: within a vocabulary the first fact wins.
        for f in &r.facts {
            add(AliasKind::Entity, &f.entity);
        }
        for f in &r.facts {
            add(AliasKind::Segment, &f.segment);
        }
        for f in &r.facts {
            add(AliasKind::Metric, &f.metric);
        }
        for e in &r.events {
            add(AliasKind::Entity, &e.entity);
        }
        for a in r.alias_entries() {
            add(a.kind, &a.canonical);
        }
        for (kind, name) in bundle::VOCABULARY {
            add(*kind, name);
        }
        NameIndex {
            map,
            built_for: (r.facts.len(), r.events.len(), r.alias_entries().len()),
        }
    }

    /// `Some(answer)` when the index is current for `r` (the reference that holds it),
    /// `None` when it must not be used.
    pub(super) fn lookup(
        &self,
        r: &Reference,
        kind: AliasKind,
        name: &str,
    ) -> Option<Option<&str>> {
        self.lookup_folded(r, kind, &folded_cow(name))
    }

    /// [`NameIndex::lookup`] for a name already in [`folded`] form.
    pub(super) fn lookup_folded(
        &self,
        r: &Reference,
        kind: AliasKind,
        folded: &str,
    ) -> Option<Option<&str>> {
        if self.built_for != (r.facts.len(), r.events.len(), r.alias_entries().len()) {
            return None;
        }
        Some(self.map[kind_slot(kind)].get(folded).map(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name the bundled data knows, in several spellings, resolves through the
    /// index exactly as through the scan.
    #[test]
    fn index_agrees_with_the_scan() {
        let mut r = Reference::bundled();
        r.add_text(
            "f.csv",
            "entity,segment,metric,period,value,unit,source,source_date,note\n\
             长风汽车,中国,采购,2024,1000,units,s,,\n",
        )
        .unwrap();
        let mut names: Vec<String> = Vec::new();
        for f in &r.facts {
            names.extend([f.entity.clone(), f.segment.clone(), f.metric.clone()]);
        }
        for a in r.alias_entries() {
            names.extend([a.alias.clone(), a.canonical.clone()]);
        }
        names.extend(["未知公司".into(), "nvidia".into(), " Huawei ".into()]);
        let spellings: Vec<String> = names
            .iter()
            .flat_map(|n| [n.clone(), n.to_uppercase(), format!(" {n}  ")])
            .collect();
        let kinds = [
            AliasKind::Entity,
            AliasKind::Segment,
            AliasKind::Metric,
            AliasKind::Scope,
        ];
        let mut hits = 0;
        for kind in kinds {
            for n in &spellings {
                let scan = r.canonical_name_scan(kind, n);
                assert_eq!(r.canonical_name(kind, n), scan, "{kind:?} {n:?}");
                hits += usize::from(scan.is_some());
            }
        }
        assert!(hits > 10, "the comparison must cover names that resolve");
    }

    /// Facts pushed directly, without a layer, are still seen (the index steps aside).
    #[test]
    fn direct_edits_are_not_hidden_by_the_index() {
        let mut r = Reference::bundled();
        let mut f = r.facts[0].clone();
        f.entity = "长风汽车".into();
        r.facts.push(f);
        assert_eq!(r.canonical(AliasKind::Entity, "长风汽车"), Some("长风汽车"));
    }
}
