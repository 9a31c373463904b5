//! Claim extraction: one pass over the text turning numbers, units, hedges, ranges and periods into claims.
//!
//! The scanner walks the text once, left to right. At each position it tries, in order: URLs
//! and Latin words (product codes such as H20 or GPT-4 are skipped), lexicon words (subjects,
//! segments, metrics, and words that merely contain numerals such as 之一), change forms
//! (连续三年下滑, 翻番), dates and periods, then numbers with their magnitude, unit, range end
//! and hedges. Subject, segment, metric and period are a running per-paragraph [`TopicStack`]:
//! a word updates it, a figure takes what is in force, a closing parenthesis forgets what was
//! said inside it. Look-backs for hedges and change verbs read at most a few characters of
//! the current clause, so the whole pass stays linear in the text.
//!
//! Choices a rule can rely on:
//! - `从A降到B`: both are claims; the B claim has `change_of = Some((A, B))` and the move's
//!   direction (see [`change`]).
//! - A level after a change verb (`减少5亿元`) has a direction: it is an absolute change.
//! - Dates and periods have `value == Value::None` and their normalised form in `period`;
//!   garbled or impossible ones have `period == None` and a note starting with
//!   [`period::NOTE_GARBLED`] or [`period::NOTE_IMPOSSIBLE`].

pub mod change;
pub mod filter;
pub mod hedge;
pub mod magnitude;
pub mod numeral;
pub mod period;
mod quantity;
mod scanner;
mod special;
pub mod subject;
pub mod text;
pub mod unit;

use crate::claim::Claim;
use crate::document::Document;
use crate::settings::Date;
use scanner::Scanner;
use subject::{Lexicon, TopicStack};

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
    let sentences = doc.sentences();
    let mut sc = Scanner {
        text: &doc.text,
        opts,
        lex: Lexicon::new(&opts.entities),
        claims: Vec::new(),
        mentions: 0,
        topic: TopicStack::default(),
        clause_start: 0,
        pending_from: None,
        from_marker: false,
        to_marker: None,
        last_entity_end: 0,
        last_claim_end: 0,
        sentences: &sentences,
        sentence: 0,
    };
    sc.run();
    Extraction {
        claims: sc.claims,
        numeric_mentions: sc.mentions,
    }
}
