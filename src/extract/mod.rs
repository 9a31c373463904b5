//! Claim extraction: one pass over the text turning numbers, units, hedges, ranges and periods into claims.
//!
//! Skeleton: the extraction helper fills this in.

use crate::claim::Claim;
use crate::document::Document;
use crate::settings::Date;

/// What the extractor needs besides the text.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Publication date, resolving 今年 and dates without a year.
    pub article_date: Option<Date>,
    /// Extra entity names to recognise as subjects (e.g. every entity alias of the reference).
    pub entities: Vec<String>,
}

/// The claims of one document.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// Claims in text order; `claims[i].id == i`.
    pub claims: Vec<Claim>,
    /// Every numeric mention seen, including those judged not to be claims (H20, 第一).
    pub numeric_mentions: usize,
}

/// Extracts every numeric claim of `doc`.
pub fn extract(doc: &Document, opts: &ExtractOptions) -> Extraction {
    let _ = (doc, opts);
    Extraction::default()
}
