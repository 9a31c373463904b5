//! An index of canonical names by folded form, so that resolving a name costs one hash
//! probe rather than a case-folding comparison against every fact, event and alias.

use super::aliases::{folded_cow, kind_slot};
use super::fast_hash::FastMap;
use super::{bundle, AliasKind, Reference};

/// For each vocabulary, the folded form of every canonical name → the name as first
/// written, in the priority order of [`Reference::canonical_name`]: facts, events
/// (entities only), alias targets, then [`bundle::VOCABULARY`]; and every name either
/// finds → its [`Resolution`].
#[derive(Debug, Clone, Default)]
pub(super) struct NameIndex {
    /// Per vocabulary (by [`kind_slot`]), folded name → canonical name as written.
    map: [FastMap<String, String>; 4],
    /// Per vocabulary (by [`kind_slot`]; none for scopes), every normalized alias and
    /// folded canonical name → what [`Reference::canonical_for`] answers for it.
    resolved: [FastMap<String, Resolution>; 4],
    /// Lengths of `facts`, `events` and the alias rows when the index was built: the
    /// fields are public, and an index that no longer matches them is not used.
    built_for: (usize, usize, usize),
}

impl NameIndex {
    /// Indexes every canonical name of `r`.
    pub(super) fn build(r: &Reference) -> NameIndex {
        let mut map: [FastMap<String, String>; 4] = Default::default();
        let mut add = |kind: AliasKind, name: &str| {
            let names = &mut map[kind_slot(kind)];
            // Most names are already folded: borrowed to look them up, copied only if new.
            let key = folded_cow(name);
            if !name.is_empty() && !names.contains_key(key.as_ref()) {
                names.insert(key.into_owned(), name.to_string());
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
        let mut resolved: [FastMap<String, Resolution>; 4] = Default::default();
        for kind in [AliasKind::Entity, AliasKind::Segment, AliasKind::Metric] {
            let slot = kind_slot(kind);
            let names = map[slot].keys().map(String::as_str);
            for key in names.chain(r.alias_table.normalized_aliases(kind)) {
                // No name is empty once normalized but a blank one, which resolves to nothing.
                if !key.is_empty() && !resolved[slot].contains_key(key) {
                    let res = Resolution::of(r, kind, key, map[slot].get(key));
                    resolved[slot].insert(key.to_string(), res);
                }
            }
        }
        NameIndex {
            map,
            resolved,
            built_for: (r.facts.len(), r.events.len(), r.alias_entries().len()),
        }
    }

    /// `Some(table)` when the index is current for `r` (the reference that holds it):
    /// the [`Resolution`] of every name of vocabulary `kind` by its
    /// [`super::aliases::normalize`]d form, which is also its [`super::aliases::folded`] form for every
    /// name without a capital sigma. `None` when the index must not be used.
    pub(super) fn resolutions(
        &self,
        r: &Reference,
        kind: AliasKind,
    ) -> Option<&FastMap<String, Resolution>> {
        if self.built_for != (r.facts.len(), r.events.len(), r.alias_entries().len()) {
            return None;
        }
        Some(&self.resolved[kind_slot(kind)])
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

    /// [`NameIndex::lookup`] for a name already in [`super::aliases::folded`] form.
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

/// Both readings of one name in one vocabulary, worked out once per reference rather
/// than looked up twice (and the facts scanned) at every claim: the canonical name it is
/// an alias of, the canonical name it is itself, and which reading an entity's facts
/// ask for when the two differ (see [`Reference::canonical_for`]).
#[derive(Debug, Clone, Default)]
pub(super) struct Resolution {
    /// What the alias table sends the name to.
    by_alias: Option<String>,
    /// The canonical name it is itself.
    itself: Option<String>,
    /// The entities whose facts use `itself` but not `by_alias` (in this vocabulary):
    /// for them `itself` wins. Empty unless both readings exist and differ.
    itself_for: Vec<String>,
    /// True when the key this is filed under is its own normal form, without a capital
    /// sigma: a name equal to the key resolves to this as written (see
    /// [`Resolution::normal_key`]).
    normal_key: bool,
}

impl Resolution {
    /// The readings of `key` (a normalized and folded name) of vocabulary `kind` in `r`,
    /// `itself` its entry in the name index.
    fn of(r: &Reference, kind: AliasKind, key: &str, itself: Option<&String>) -> Resolution {
        let by_alias = r.alias_table.get_normalized(kind, key);
        let mut itself_for: Vec<String> = Vec::new();
        if let (Some(a), Some(b)) = (by_alias, itself) {
            // `used` of `Reference::canonical_for`: an entity's facts use the name.
            let used = |e: &str, c: &str| {
                r.facts.iter().any(|f| {
                    f.entity == e
                        && match kind {
                            AliasKind::Segment => f.segment == c,
                            AliasKind::Metric => f.metric == c,
                            // Any fact of the entity uses either reading: `by_alias` wins.
                            _ => true,
                        }
                })
            };
            for f in &r.facts {
                let e = f.entity.as_str();
                if !itself_for.iter().any(|x| x == e) && !used(e, a) && used(e, b) {
                    itself_for.push(e.to_string());
                }
            }
        }
        Resolution {
            by_alias: by_alias.map(str::to_string),
            itself: itself.cloned(),
            itself_for,
            normal_key: super::aliases::normalized(key) == key && !key.contains('Σ'),
        }
    }

    /// True when a name written exactly as the key this is filed under resolves to this
    /// without being normalized first (almost every key: names are filed normalized).
    pub(super) fn normal_key(&self) -> bool {
        self.normal_key
    }

    /// The canonical name, for a segment or metric of `entity` when given.
    pub(super) fn answer(&self, entity: Option<&str>) -> Option<&str> {
        let by_alias = self.by_alias.as_deref();
        match (by_alias, self.itself.as_deref(), entity) {
            (Some(_), Some(b), Some(e)) if self.itself_for.iter().any(|x| x == e) => Some(b),
            (a, b, _) => a.or(b),
        }
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
