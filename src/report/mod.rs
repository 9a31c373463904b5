//! Reports: the result of checking documents, and one writer per output format.

use crate::claim::Claim;
use crate::document::Document;
use crate::finding::Finding;

/// Counts for one document (or summed over a run).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Numeric mentions seen, including those judged not to be claims.
    pub numeric_mentions: usize,
    /// Claims extracted.
    pub claims: usize,
    /// Claims verified against other claims or the reference.
    pub checked: usize,
    /// Quantity claims that matched no reference fact.
    pub unmatched: usize,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub infos: usize,
    /// Findings silenced by inline suppression comments.
    pub suppressed: usize,
}

/// Everything found in one document.
#[derive(Debug, Clone)]
pub struct DocReport {
    /// The document.
    pub doc: Document,
    /// Its claims.
    pub claims: Vec<Claim>,
    /// Its findings, sorted by position then code.
    pub findings: Vec<Finding>,
    /// Its counts.
    pub stats: Stats,
}
