//! Reference data: fact CSVs and aliases, bundled into the binary and layered with the user's.
//!
//! A [`Reference`] is built in layers: the bundled `data/` ([`Reference::bundled`]), then
//! every `--reference PATH` ([`Reference::add_path`]). Files are parsed strictly
//! ([`load`]); a file is either loaded whole or not at all. Rules find the facts a claim is
//! about through [`Reference::match_claim`] ([`matching`]) and compare with the tolerance
//! helpers of [`compare`].

pub mod aliases;
pub mod bundle;
pub mod compare;
mod fact_index;
mod fast_hash;
pub mod keys_memo;
pub mod load;
pub mod matching;
mod names;
pub mod period;
#[cfg(test)]
pub mod test_support;

use crate::error::Error;
use crate::settings::Date;
use aliases::AliasTable;
use load::Layer;
use std::path::Path;

pub use matching::Key;
pub use period::Period;

/// Which vocabulary an alias belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AliasKind {
    /// Companies and other actors: 英伟达 → NVIDIA.
    Entity,
    /// Regions or product lines: 中国大陆 → China incl. Hong Kong.
    Segment,
    /// What is measured: 收入 → revenue.
    Metric,
    /// A word that must appear in a claim's sentence for a metric to apply:
    /// `scope,Hopper,nvidia_hopper_gpu_purchases` keeps a generic word like 采购 from
    /// matching purchases of other chips. A metric without scope rows applies anywhere.
    Scope,
}

impl AliasKind {
    /// Parses the `kind` column of `aliases.csv`.
    pub fn parse(s: &str) -> Option<AliasKind> {
        match s {
            "entity" => Some(AliasKind::Entity),
            "segment" => Some(AliasKind::Segment),
            "metric" => Some(AliasKind::Metric),
            "scope" => Some(AliasKind::Scope),
            _ => None,
        }
    }

    /// The name used in `aliases.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            AliasKind::Entity => "entity",
            AliasKind::Segment => "segment",
            AliasKind::Metric => "metric",
            AliasKind::Scope => "scope",
        }
    }
}

/// Where a row came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// File path (or `bundled:data/facts.csv`).
    pub file: String,
    /// 1-based line.
    pub line: u64,
}

/// One checked fact (DESIGN §5).
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// Canonical entity, e.g. `NVIDIA`.
    pub entity: String,
    /// Canonical segment, empty for the whole entity.
    pub segment: String,
    /// Canonical metric, e.g. `revenue`.
    pub metric: String,
    /// Period: `2024`, `FY2025`, `2025Q3`, `2025Q1-Q3`, `2024H1`.
    pub period: String,
    /// Value in base units.
    pub value: f64,
    /// `USD`, `CNY`, `units`, `percent` …
    pub unit: String,
    /// Where the fact comes from.
    pub source: String,
    /// When the source was published.
    pub source_date: String,
    /// Free text.
    pub note: String,
    /// File and line it was read from.
    pub origin: Origin,
}

/// One dated event of an events CSV (`date,entity,event,source,note`).
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// When it happened.
    pub date: Date,
    /// Canonical entity.
    pub entity: String,
    /// What happened.
    pub event: String,
    /// Where it is reported.
    pub source: String,
    /// Free text.
    pub note: String,
    /// File and line it was read from.
    pub origin: Origin,
}

/// One row of `aliases.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasEntry {
    /// Its vocabulary.
    pub kind: AliasKind,
    /// The name as written in articles.
    pub alias: String,
    /// The canonical name used in facts.
    pub canonical: String,
    /// File and line it was read from.
    pub origin: Origin,
}

/// All reference facts and aliases in force for a run.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    /// Every fact, later layers after earlier ones.
    pub facts: Vec<Fact>,
    /// Every event, later layers after earlier ones.
    pub events: Vec<Event>,
    /// Every alias; later layers override earlier ones.
    alias_table: AliasTable,
    /// Canonical names by folded form, rebuilt whenever a layer is added, so a lookup is
    /// one hash probe instead of a folded comparison against every fact.
    names: names::NameIndex,
    /// Facts by key, rebuilt with `names`, so [`Reference::fact_at`] is one hash probe.
    fact_index: fact_index::FactIndex,
}

impl Reference {
    /// A reference with no facts and no aliases.
    pub fn empty() -> Self {
        Reference::default()
    }

    /// The reference data bundled into the binary (`data/*.csv`).
    ///
    /// The bundled files are checked by `tests/reference_bundled.rs`, so this cannot fail
    /// in a tested build; it panics only if the binary was built from invalid data.
    pub fn bundled() -> Self {
        let mut r = Reference::empty();
        for (name, text) in bundle::FILES {
            match load::parse(name, text) {
                Ok(layer) => r.push_layer(layer),
                Err(e) => panic!("bundled reference data is invalid: {e}"),
            }
        }
        // Indexed once for all the files rather than after each (as `add_text` must).
        r.reindex();
        r
    }

    /// Layers one CSV text on top (its header says whether it holds facts, events or
    /// aliases). On error nothing is added.
    pub fn add_text(&mut self, name: &str, text: &str) -> Result<(), Error> {
        let layer = load::parse(name, text)?;
        self.apply(layer);
        Ok(())
    }

    /// Layers a file, or every `*.csv` of a directory in name order, on top. Later layers
    /// win on the same fact key and the same alias. Every file is parsed before any is
    /// added, so on error nothing is added.
    pub fn add_path(&mut self, path: impl AsRef<Path>) -> Result<(), Error> {
        let path = path.as_ref();
        let shown = path.display().to_string();
        let data_err = |p: &str, m: String| Error::Data {
            path: p.to_string(),
            line: None,
            column: None,
            message: m,
        };
        let files = if path.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(path)
                .map_err(|e| data_err(&shown, format!("cannot read directory: {e}")))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv"))
                })
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(data_err(&shown, "no .csv files in directory".into()));
            }
            files
        } else {
            vec![path.to_path_buf()]
        };
        let mut layers = Vec::new();
        for file in files {
            let name = file.display().to_string();
            let bytes =
                std::fs::read(&file).map_err(|e| data_err(&name, format!("cannot read: {e}")))?;
            let text =
                String::from_utf8(bytes).map_err(|_| data_err(&name, "not valid UTF-8".into()))?;
            layers.push(load::parse(&name, &text)?);
        }
        for layer in layers {
            self.push_layer(layer);
        }
        self.reindex();
        Ok(())
    }

    /// Adds a parsed file.
    fn apply(&mut self, layer: Layer) {
        self.push_layer(layer);
        self.reindex();
    }

    /// Adds a parsed file without rebuilding the indexes: [`Reference::reindex`] must
    /// follow before any lookup (the indexes describe the data they were built from).
    fn push_layer(&mut self, layer: Layer) {
        match layer {
            Layer::Facts(f) => self.facts.extend(f),
            Layer::Events(e) => self.events.extend(e),
            Layer::Aliases(a) => self.alias_table.extend(a),
        }
    }

    /// Rebuilds the name and fact indexes from the data as it now stands.
    fn reindex(&mut self) {
        self.names = names::NameIndex::build(self);
        self.fact_index = fact_index::FactIndex::build(&self.facts);
    }

    /// Every alias row in force, in load order.
    pub fn alias_entries(&self) -> &[AliasEntry] {
        self.alias_table.entries()
    }

    /// True when `name` is a canonical name of vocabulary `kind`: used by a fact (or an
    /// event, for entities), named as an alias target, or listed in
    /// [`bundle::VOCABULARY`].
    fn canonical_name(&self, kind: AliasKind, name: &str) -> Option<&str> {
        if let Some(found) = self.names.lookup(self, kind, name) {
            return found;
        }
        self.canonical_name_scan(kind, name)
    }

    /// [`Reference::canonical_name`] of `name`, whose [`aliases::folded`] form is `folded`.
    fn canonical_name_folded(&self, kind: AliasKind, name: &str, folded: &str) -> Option<&str> {
        if let Some(found) = self.names.lookup_folded(self, kind, folded) {
            return found;
        }
        self.canonical_name_scan(kind, name)
    }

    /// [`Reference::canonical_name`] by a scan of every fact, event and alias: the
    /// definition the index reproduces, used when `facts` or `events` were edited directly.
    fn canonical_name_scan(&self, kind: AliasKind, name: &str) -> Option<&str> {
        let hit = |s: &str| aliases::same_name(s, name);
        let from_facts = self.facts.iter().find_map(|f| {
            let field = match kind {
                AliasKind::Entity => &f.entity,
                AliasKind::Segment => &f.segment,
                AliasKind::Metric => &f.metric,
                AliasKind::Scope => return None,
            };
            (!field.is_empty() && hit(field)).then_some(field.as_str())
        });
        from_facts
            .or_else(|| {
                (kind == AliasKind::Entity)
                    .then(|| self.events.iter().find(|e| hit(&e.entity)))
                    .flatten()
                    .map(|e| e.entity.as_str())
            })
            .or_else(|| {
                self.alias_entries()
                    .iter()
                    .find(|a| a.kind == kind && hit(&a.canonical))
                    .map(|a| a.canonical.as_str())
            })
            .or_else(|| {
                bundle::VOCABULARY
                    .iter()
                    .find(|(k, v)| *k == kind && hit(v))
                    .map(|(_, v)| *v)
            })
    }

    /// The canonical name of `alias` in vocabulary `kind`, if known. A canonical name
    /// maps to itself. Latin letters compare case-insensitively.
    pub fn canonical(&self, kind: AliasKind, alias: &str) -> Option<&str> {
        self.canonical_for(kind, alias, None)
    }

    /// [`Reference::canonical`] for a segment or metric of `entity`: when `name` is both
    /// an alias and itself a canonical name (a user's facts use segment `中国` while the
    /// bundled aliases send `中国` to `China incl. Hong Kong`), the reading for which
    /// `entity` has facts wins, so bundled aliases never hide a user's own names.
    pub fn canonical_for(&self, kind: AliasKind, name: &str, entity: Option<&str>) -> Option<&str> {
        if kind == AliasKind::Scope {
            return None;
        }
        match self.canonical_indexed(kind, name, entity) {
            Some(answer) => answer,
            None => self.canonical_by_lookups(kind, name, entity),
        }
    }

    /// [`Reference::canonical_for`] by one probe of the name index's resolutions, which
    /// hold both readings of every name and which one each entity asks for: a claim asks
    /// for its entity, segment and metric, and looking each up twice (and scanning the
    /// facts when both readings exist) cost several times the probe. `None` when the
    /// index must not be used (a name with a capital sigma, whose normal and folded forms
    /// differ, or facts edited since it was built).
    fn canonical_indexed(
        &self,
        kind: AliasKind,
        name: &str,
        entity: Option<&str>,
    ) -> Option<Option<&str>> {
        let table = self.names.resolutions(self, kind)?;
        // Most names are written as they are filed (英伟达, 采购): one probe as written
        // settles them, without reading them for their normal form first.
        if let Some(r) = table.get(name).filter(|r| r.normal_key()) {
            return Some(r.answer(entity));
        }
        let mut buf = [0u8; aliases::LOWERED_MAX];
        let normal;
        // The forms of `canonical_by_lookups`, which are both the normal and the folded
        // form of the name. A blank name's normal form is empty, which no name is filed
        // under: it resolves to nothing, as `canonical_by_lookups` says.
        let key = if aliases::already_normal(name) {
            // Filed as written, so not filed at all.
            return Some(None);
        } else if let Some(lower) = aliases::lowered_in(name, &mut buf) {
            lower
        } else if !name.contains('Σ') {
            normal = aliases::normalize(name);
            normal.as_str()
        } else {
            return None;
        };
        Some(table.get(key).and_then(|r| r.answer(entity)))
    }

    /// [`Reference::canonical_for`] by looking the name up as an alias and as a canonical
    /// name, and scanning the facts for the entity's when both exist: the definition
    /// [`Reference::canonical_indexed`] is tested against, and the answer when it steps aside.
    fn canonical_by_lookups(
        &self,
        kind: AliasKind,
        name: &str,
        entity: Option<&str>,
    ) -> Option<&str> {
        if kind == AliasKind::Scope || name.trim().is_empty() {
            return None;
        }
        // Without an entity an alias wins outright: the name itself is looked up only
        // when it may change the answer.
        let settled = |by_alias: Option<&str>| by_alias.is_some() && entity.is_none();
        // Most names are already in normal form: checked once for both lookups.
        let (by_alias, itself) = if aliases::already_normal(name) {
            let by_alias = self.alias_table.get_normalized(kind, name);
            if settled(by_alias) {
                return by_alias;
            }
            (by_alias, self.canonical_name_folded(kind, name, name))
        } else if let Some(lower) = aliases::lowered_in(name, &mut [0u8; aliases::LOWERED_MAX]) {
            // Only ASCII capitals to lower (Meta, xAI): the same forms, made without
            // allocating.
            let by_alias = self.alias_table.get_normalized(kind, lower);
            if settled(by_alias) {
                return by_alias;
            }
            (by_alias, self.canonical_name_folded(kind, name, lower))
        } else if !name.contains('Σ') {
            // Without a capital sigma (whose lowercase depends on its place in a word),
            // the normal and folded forms are the same string: made once for both.
            let normal = aliases::normalize(name);
            let by_alias = self.alias_table.get_normalized(kind, &normal);
            if settled(by_alias) {
                return by_alias;
            }
            (by_alias, self.canonical_name_folded(kind, name, &normal))
        } else {
            let by_alias = self.alias_table.get(kind, name);
            if settled(by_alias) {
                return by_alias;
            }
            (by_alias, self.canonical_name(kind, name))
        };
        let (Some(a), Some(b), Some(e)) = (by_alias, itself, entity) else {
            return by_alias.or(itself);
        };
        let used = |c: &str| {
            self.facts.iter().any(|f| {
                f.entity == e
                    && match kind {
                        AliasKind::Segment => f.segment == c,
                        AliasKind::Metric => f.metric == c,
                        _ => true,
                    }
            })
        };
        if !used(a) && used(b) {
            Some(b)
        } else {
            Some(a)
        }
    }

    /// Every fact for `entity`/`segment`/`metric` (canonical names; empty segment =
    /// the whole entity), over all periods, later layers first.
    pub fn series(&self, entity: &str, segment: &str, metric: &str) -> Vec<&Fact> {
        self.facts
            .iter()
            .rev()
            .filter(|f| f.entity == entity && f.segment == segment && f.metric == metric)
            .collect()
    }

    /// The fact for `entity`/`segment`/`metric` in `period`, from the latest layer that has one.
    pub fn fact(&self, entity: &str, segment: &str, metric: &str, period: &str) -> Option<&Fact> {
        self.series(entity, segment, metric)
            .into_iter()
            .find(|f| f.period == period)
    }

    /// Every alias of kind `kind` (for the extractor's subject lexicon), deduplicated,
    /// in load order.
    pub fn aliases(&self, kind: AliasKind) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        self.alias_table
            .of_kind(kind)
            .map(|a| a.alias.as_str())
            .filter(|a| seen.insert(aliases::normalized(a)))
            .collect()
    }

    /// The words that scope `metric` (see [`AliasKind::Scope`]); empty when it applies anywhere.
    pub fn scopes(&self, metric: &str) -> Vec<&str> {
        self.alias_table
            .with_target(AliasKind::Scope, metric)
            .map(|a| a.alias.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FACTS: &str = "entity,segment,metric,period,value,unit,source,source_date,note\n\
        宁德时代,,revenue,2024,362013000000,CNY,CATL annual report,2025-03-14,\n";
    const ALIASES: &str = "kind,alias,canonical\nentity,CATL,宁德时代\nmetric,营收,revenue\n";

    #[test]
    fn canonical_maps_aliases_and_itself() {
        let mut r = Reference::empty();
        r.add_text("f.csv", FACTS).unwrap();
        r.add_text("a.csv", ALIASES).unwrap();
        assert_eq!(r.canonical(AliasKind::Entity, "catl"), Some("宁德时代"));
        assert_eq!(r.canonical(AliasKind::Entity, "宁德时代"), Some("宁德时代"));
        assert_eq!(r.canonical(AliasKind::Metric, "REVENUE"), Some("revenue"));
        assert_eq!(r.canonical(AliasKind::Metric, "营收"), Some("revenue"));
        assert_eq!(r.canonical(AliasKind::Segment, "营收"), None);
        assert_eq!(r.canonical(AliasKind::Segment, ""), None);
        assert_eq!(r.aliases(AliasKind::Entity), vec!["CATL"]);
    }

    #[test]
    fn bundled_aliases_do_not_hide_a_users_own_names() {
        let mut r = Reference::bundled();
        r.add_text(
            "f.csv",
            "entity,segment,metric,period,value,unit,source,source_date,note\n\
             长风汽车,中国,采购,2024,1000,units,s,,\n",
        )
        .unwrap();
        assert_eq!(
            r.canonical_for(AliasKind::Segment, "中国", Some("长风汽车")),
            Some("中国")
        );
        assert_eq!(
            r.canonical_for(AliasKind::Segment, "中国", Some("NVIDIA")),
            Some("China incl. Hong Kong")
        );
        assert_eq!(
            r.canonical_for(AliasKind::Metric, "采购", Some("长风汽车")),
            Some("采购")
        );
        assert_eq!(
            r.canonical(AliasKind::Metric, "采购"),
            Some("nvidia_hopper_gpu_purchases")
        );
    }

    /// A reference where names have both readings: bundled aliases, a user's facts that
    /// use an alias as their own segment and metric, and an alias file of their own.
    fn two_readings() -> Reference {
        let mut r = Reference::bundled();
        r.add_text(
            "f.csv",
            "entity,segment,metric,period,value,unit,source,source_date,note\n\
             长风汽车,中国,采购,2024,1000,units,s,,\n\
             长风汽车,海外,deliveries,2024,100,units,s,,\n\
             Meta,Data Center,revenue,2024,5,USD,s,,\n",
        )
        .unwrap();
        r.add_text(
            "a.csv",
            "kind,alias,canonical\nsegment,海外,International\nmetric,交付量,deliveries\n\
             entity,长风,长风汽车\nsegment,Data  Center,数据中心\nmetric,Revenue,营收\n\
             entity,ΣΑΣ Motors,长风汽车\nentity,Élan,Élan\n",
        )
        .unwrap();
        r
    }

    /// Every name and entity the reference knows, in several spellings.
    fn spellings(r: &Reference) -> (Vec<String>, Vec<Option<String>>) {
        let mut names: Vec<String> = Vec::new();
        for f in &r.facts {
            names.extend([f.entity.clone(), f.segment.clone(), f.metric.clone()]);
        }
        for a in r.alias_entries() {
            names.extend([a.alias.clone(), a.canonical.clone()]);
        }
        names.extend(["未知".into(), "ΣΑΣ".into(), "  ".into(), "\u{b}海外".into()]);
        let names = names
            .iter()
            .flat_map(|n| {
                [
                    n.clone(),
                    n.to_uppercase(),
                    n.to_lowercase(),
                    format!(" {n}  "),
                    n.replace(' ', "\t "),
                ]
            })
            .collect();
        let mut entities: Vec<Option<String>> = vec![None, Some("未知公司".into())];
        entities.extend(r.facts.iter().map(|f| Some(f.entity.clone())));
        (names, entities)
    }

    /// The one-probe answer is the two-lookup answer for every name, vocabulary and entity.
    #[test]
    fn indexed_resolution_agrees_with_the_lookups() {
        let r = two_readings();
        let (names, entities) = spellings(&r);
        let kinds = [
            AliasKind::Entity,
            AliasKind::Segment,
            AliasKind::Metric,
            AliasKind::Scope,
        ];
        let (mut hits, mut itself) = (0, 0);
        for kind in kinds {
            for n in &names {
                for e in &entities {
                    let old = r.canonical_by_lookups(kind, n, e.as_deref());
                    assert_eq!(
                        r.canonical_for(kind, n, e.as_deref()),
                        old,
                        "{kind:?} {n:?} {e:?}"
                    );
                    hits += usize::from(old.is_some());
                    let alias = r.alias_table.get(kind, n);
                    itself += usize::from(alias.is_some() && old != alias);
                }
            }
        }
        assert!(hits > 100, "the comparison must cover names that resolve");
        assert!(itself > 0, "and names whose own reading beats the alias");
    }

    /// Facts pushed directly, without a layer, are seen: the index steps aside.
    #[test]
    fn indexed_resolution_steps_aside_for_direct_edits() {
        let mut r = two_readings();
        let mut f = r.facts[0].clone();
        f.entity = "NVIDIA".into();
        f.segment = "中国".into();
        f.metric = "nvidia_hopper_gpu_purchases".into();
        r.facts.push(f);
        let old = r.canonical_by_lookups(AliasKind::Segment, "中国", Some("NVIDIA"));
        assert_eq!(
            r.canonical_for(AliasKind::Segment, "中国", Some("NVIDIA")),
            old
        );
        assert_eq!(old, Some("China incl. Hong Kong"));
    }

    proptest::proptest! {
        /// Names glued from known names, spaces and case changes resolve alike both ways.
        #[test]
        fn indexed_resolution_agrees_on_generated_names(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "英伟达", "Nvidia", "NVIDIA", "中国", "海外", "Data", "Center", "center",
                    "交付量", "采购", "营收", "Revenue", "长风", "汽车", " ", "  ", "\t",
                    "\u{3000}", "Σ", "İ", "Meta", "xAI", "数据中心", "", "ΣΑΣ", "σας",
                    "Motors", "élan", "Élan",
                ]),
                0..4,
            ),
            kind in proptest::sample::select(vec![
                AliasKind::Entity, AliasKind::Segment, AliasKind::Metric, AliasKind::Scope,
            ]),
            entity in proptest::sample::select(vec![
                None, Some("长风汽车"), Some("NVIDIA"), Some("Meta"), Some("其他"),
            ]),
        ) {
            static R: std::sync::OnceLock<Reference> = std::sync::OnceLock::new();
            let r = R.get_or_init(two_readings);
            let name = parts.concat();
            proptest::prop_assert_eq!(
                r.canonical_for(kind, &name, entity),
                r.canonical_by_lookups(kind, &name, entity)
            );
        }
    }

    #[test]
    fn later_layers_win() {
        let mut r = Reference::empty();
        r.add_text("f.csv", FACTS).unwrap();
        let newer = FACTS.replace("362013000000", "362000000000");
        r.add_text("g.csv", &newer).unwrap();
        let f = r.fact("宁德时代", "", "revenue", "2024").unwrap();
        assert_eq!(f.origin.file, "g.csv");
    }

    #[test]
    fn failed_layer_adds_nothing() {
        let mut r = Reference::empty();
        let bad = format!("{FACTS}宁德时代,,revenue,2023,x,CNY,s,,\n");
        assert!(r.add_text("f.csv", &bad).is_err());
        assert!(r.facts.is_empty());
    }

    #[test]
    fn bundled_has_the_sample_vocabulary() {
        let r = Reference::bundled();
        assert_eq!(r.canonical(AliasKind::Entity, "英伟达"), Some("NVIDIA"));
        assert_eq!(r.canonical(AliasKind::Entity, "nvidia"), Some("NVIDIA"));
        assert!(r.fact("NVIDIA", "", "revenue", "FY2025").is_some());
        assert!(!r.events.is_empty());
    }
}
