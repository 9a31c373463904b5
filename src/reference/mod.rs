//! Reference data: fact CSVs and aliases, bundled into the binary and layered with the user's.
//!
//! Skeleton: the reference helper fills in loading and matching.

/// Which vocabulary an alias belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AliasKind {
    /// Companies and other actors: 英伟达 → NVIDIA.
    Entity,
    /// Regions or product lines: 中国大陆 → China incl. Hong Kong.
    Segment,
    /// What is measured: 收入 → revenue.
    Metric,
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

/// All reference facts and aliases in force for a run.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    /// Every fact, later layers after earlier ones.
    pub facts: Vec<Fact>,
}

impl Reference {
    /// A reference with no facts and no aliases.
    pub fn empty() -> Self {
        Reference::default()
    }
}

impl Reference {
    /// The canonical name of `alias` in vocabulary `kind`, if known. A canonical name
    /// maps to itself.
    ///
    /// Skeleton: returns `None` until aliases are loaded.
    pub fn canonical(&self, kind: AliasKind, alias: &str) -> Option<&str> {
        let _ = (kind, alias);
        None
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

    /// Every alias of kind `kind` (for the extractor's subject lexicon).
    ///
    /// Skeleton: empty until aliases are loaded.
    pub fn aliases(&self, kind: AliasKind) -> Vec<&str> {
        let _ = kind;
        Vec::new()
    }
}
