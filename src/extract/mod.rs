//! Claim extraction: one pass over the text turning numbers, units, hedges, ranges and periods into claims.
//!
//! The `scanner` walks the text once, left to right. At each position it tries, in order:
//! URLs and Latin words (product codes such as H20, GPT-4, RTX 5060 are skipped; FY2025 and
//! Q3 are periods), lexicon names (subjects, segments, metrics — 百度 and 第二产业 name things),
//! words that merely contain numerals (之一, 第一性, 千万不要: [`filter`]), company names and
//! word-built figures (`special`: 一半, 连续三年下滑, 翻番), dates and periods ([`period`]), then
//! quantities (`quantity`: number, magnitude, 多/余, unit, range end, hedges, change lead).
//!
//! Subject, segment, metric and period are a running per-paragraph [`TopicStack`]: a word
//! updates it, a figure takes what is in force, a closing parenthesis forgets what was said
//! inside it, a new line starts afresh. Look-backs for hedges and change verbs read at most a
//! few characters, never before the clause start or the previous claim, so the pass stays
//! linear in the text.
//!
//! Choices a rule can rely on:
//! - `从A降到B` / `由A增至B`: both are claims; the B claim has `change_of = Some((A, B))` and
//!   the move's direction (see [`change`]); A has neither.
//! - A level after a change verb (`减少5亿元`) has a direction: it is an absolute change.
//! - A `%` after a change verb (同比增长66%) is a `Growth`; any other `%`, 成 or 百分之 is a `Share`.
//! - Shares take the last share word (份额, 占比, …率) as metric, amounts the last amount word
//!   (收入, 出货量): 份额 is never carried onto 4300万部.
//! - Periods after 比/较 (比上半年, 较去年) are comparison bases: claims, but not carried.
//! - Dates and periods have `value == Value::None` and their normalised form in `period`;
//!   garbled or impossible ones have `period == None` and a note starting with
//!   [`period::NOTE_GARBLED`] or [`period::NOTE_IMPOSSIBLE`]. Notes mark problems only.
//! - A range keeps each end as written (`30万-40枚`: 300000 and 40); a bare low end shares
//!   the high end's magnitude (`60-80万枚`: 600000), with no magnitude on its own bound.
//! - Written precision: Arabic numbers step by their last digit (48.5万: 1000); Chinese ones
//!   by the place of their last digit (六十万: 1e5, 一千二百三十四万: 1e4).

pub mod change;
pub mod filter;
pub mod hedge;
pub mod magnitude;
pub mod numeral;
pub mod period;
mod quantity;
mod respectively;
mod scanner;
mod special;
mod starts;
pub mod subject;
pub mod text;
pub mod unit;

use crate::claim::Claim;
use crate::document::{Document, Span};
use crate::settings::Date;
use scanner::Scanner;
use starts::StartTable;
use std::cell::RefCell;
use std::rc::Rc;
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
    extract_in(doc, opts, doc.sentence_spans())
}

/// [`extract`] with the document's [`Document::sentences`] already split, for callers that
/// need them too (the pipeline splits each document once).
pub fn extract_in(doc: &Document, opts: &ExtractOptions, sentences: &[Span]) -> Extraction {
    let mut sc = scanner_for(doc, opts, sentences);
    sc.run();
    Extraction {
        claims: sc.claims,
        numeric_mentions: sc.mentions,
    }
}

/// A scanner at the start of `doc`, not yet run.
fn scanner_for<'a>(
    doc: &'a Document,
    opts: &'a ExtractOptions,
    sentences: &'a [Span],
) -> Scanner<'a> {
    let (lex, starts) = lexicon(&opts.entities);
    Scanner {
        text: &doc.text,
        opts,
        lex,
        starts,
        // About one claim per 256 bytes of news text (a figure every eighty characters or
        // so): the list is grown rarely, and each growth copies every claim so far.
        claims: Vec::with_capacity(doc.text.len() / 256 + 4),
        mentions: 0,
        topic: TopicStack::default(),
        clause_start: 0,
        pending_from: None,
        from_marker: false,
        to_marker: None,
        last_entity_end: 0,
        last_claim_end: 0,
        last_lead: None,
        base_period: None,
        sentences,
        sentence: 0,
        respectively: respectively::Respectively::default(),
        qizhong: false,
    }
}

/// The lexicon for `entities` and the scanner's start table over it, built once per thread
/// and entity list: every document of a run shares the same options, and building them
/// costs more than scanning a short article.
fn lexicon(entities: &[String]) -> (Rc<Lexicon>, Rc<StartTable>) {
    type Built = (Vec<String>, Rc<Lexicon>, Rc<StartTable>);
    thread_local! {
        static LAST: RefCell<Option<Built>> = const { RefCell::new(None) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((built_for, lx, st)) = last.as_ref() {
            if built_for.as_slice() == entities {
                return (Rc::clone(lx), Rc::clone(st));
            }
        }
        let lx = Rc::new(Lexicon::new(entities));
        let st = Rc::new(StartTable::new(&lx));
        *last = Some((entities.to_vec(), Rc::clone(&lx), Rc::clone(&st)));
        (lx, st)
    })
}
