//! Consistency and reference rules: the `Check` trait and the registry listing every rule.

pub mod arith_cues;
pub mod level_pass;
pub mod nc101_range_magnitude_mismatch;
pub mod nc102_range_inverted;
pub mod nc103_repeated_figure_mismatch;
pub mod nc104_derived_share_mismatch;
pub mod nc105_share_sum_exceeds_whole;
pub mod nc106_growth_rate_mismatch;
pub mod nc107_share_of_total_mismatch;
pub mod nc108_ranking_order_mismatch;
pub mod nc109_invalid_date;
pub mod nc110_percent_out_of_range;
pub mod nc111_unit_inconsistency;
pub mod nc201_reference_value_mismatch;
pub mod nc202_reference_magnitude_slip;
pub mod nc203_reference_growth_mismatch;
pub mod nc204_reference_share_mismatch;
pub mod nc205_reference_trend_mismatch;
pub mod nc301_page_residue;
pub mod nc302_missing_currency;
pub mod series_key;
pub mod tolerance;

use crate::claim::Claim;
use crate::document::{Document, Span};
use crate::finding::{Finding, RuleInfo};
use crate::reference::Reference;
use crate::settings::Date;

/// What a rule sees of one document.
pub struct Context<'a> {
    /// The article.
    pub doc: &'a Document,
    /// Its claims, in text order.
    pub claims: &'a [Claim],
    /// Its sentences (claim.sentence indexes this).
    pub sentences: &'a [Span],
    /// Reference facts and aliases.
    pub reference: &'a Reference,
    /// Publication date, if known.
    pub article_date: Option<Date>,
}

/// What rules report back: findings, and which claims were checked against something.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Findings, any order (sorted later).
    pub findings: Vec<Finding>,
    /// `checked[id]` is true once some rule verified claim `id` against other claims or the reference.
    pub checked: Vec<bool>,
    /// `referenced[id]` is true once claim `id` matched a reference fact.
    pub referenced: Vec<bool>,
}

impl Outcome {
    /// An empty outcome for `n` claims.
    pub fn new(n: usize) -> Self {
        Outcome {
            findings: Vec::new(),
            checked: vec![false; n],
            referenced: vec![false; n],
        }
    }

    /// Marks claim `id` as checked.
    pub fn mark_checked(&mut self, id: usize) {
        if let Some(c) = self.checked.get_mut(id) {
            *c = true;
        }
    }

    /// Marks claim `id` as matched to a reference fact (and so checked).
    pub fn mark_referenced(&mut self, id: usize) {
        self.mark_checked(id);
        if let Some(c) = self.referenced.get_mut(id) {
            *c = true;
        }
    }
}

/// One rule.
pub trait Check: Sync {
    /// Its fixed identity and documentation.
    fn info(&self) -> &'static RuleInfo;
    /// Examines the document and pushes findings into `out`.
    fn run(&self, cx: &Context<'_>, out: &mut Outcome);
}

/// Every rule, in code order.
pub fn registry() -> &'static [&'static dyn Check] {
    &[
        &nc101_range_magnitude_mismatch::RangeMagnitudeMismatch,
        &nc102_range_inverted::RangeInverted,
        &nc103_repeated_figure_mismatch::RepeatedFigureMismatch,
        &nc104_derived_share_mismatch::DerivedShareMismatch,
        &nc105_share_sum_exceeds_whole::ShareSumExceedsWhole,
        &nc106_growth_rate_mismatch::GrowthRateMismatch,
        &nc107_share_of_total_mismatch::ShareOfTotalMismatch,
        &nc108_ranking_order_mismatch::RankingOrderMismatch,
        &nc109_invalid_date::InvalidDate,
        &nc110_percent_out_of_range::PercentOutOfRange,
        &nc111_unit_inconsistency::UnitInconsistency,
        &nc201_reference_value_mismatch::ReferenceValueMismatch,
        &nc202_reference_magnitude_slip::ReferenceMagnitudeSlip,
        &nc203_reference_growth_mismatch::ReferenceGrowthMismatch,
        &nc204_reference_share_mismatch::ReferenceShareMismatch,
        &nc205_reference_trend_mismatch::ReferenceTrendMismatch,
        &nc301_page_residue::PageResidue,
        &nc302_missing_currency::MissingCurrency,
    ]
}

/// Finds a rule by code (`NC101`, any case) or name (`range-magnitude-mismatch`).
pub fn find_rule(key: &str) -> Option<&'static dyn Check> {
    registry().iter().copied().find(|c| {
        let i = c.info();
        i.code.eq_ignore_ascii_case(key) || i.name == key
    })
}

/// Declares a rule: a unit struct documented with the rule's full text, and its `INFO`.
///
/// The same text is the type's rustdoc and what `numcheck explain` prints, so the two
/// cannot drift apart. Use once per rule file:
/// `declare_rule!(RangeMagnitudeMismatch, "NC101", "range-magnitude-mismatch", Error, "summary", "full doc");`
#[macro_export]
macro_rules! declare_rule {
    ($ty:ident, $code:literal, $name:literal, $sev:ident, $summary:literal, $doc:literal) => {
        #[doc = $doc]
        pub struct $ty;
        /// Identity and documentation of this rule.
        pub static INFO: $crate::finding::RuleInfo = $crate::finding::RuleInfo {
            code: $code,
            name: $name,
            severity: $crate::finding::Severity::$sev,
            summary: $summary,
            doc: $doc,
        };
    };
}
