//! Test builder for rule unit tests: an article plus hand-built claims located by their text,
//! so rules can be tested before (and independently of) the extractor.

#![allow(dead_code)] // a builder: not every test uses every setter
use crate::checks::{Check, Context, Outcome};
use crate::claim::{
    Bound, Claim, ClaimId, ClaimKind, Direction, Hedge, HedgeKind, Num, Unit, UnitKind, Value,
};
use crate::document::{Document, Span};
use crate::finding::Finding;
use crate::reference::Reference;

/// An article and the claims a test says the extractor found in it.
pub(crate) struct Kit {
    doc: Document,
    sentences: Vec<Span>,
    claims: Vec<Claim>,
    /// Byte offset after which the next claim's text is searched.
    cursor: usize,
}

/// A claim under construction; `push` adds it to the kit.
pub(crate) struct ClaimB<'k> {
    kit: &'k mut Kit,
    claim: Claim,
}

/// The step of the last written digit of a decimal literal, e.g. `48.5` → 0.1, `60` → 1.
fn step_of(v: f64) -> f64 {
    let s = format!("{v}");
    match s.split_once('.') {
        Some((_, d)) => 10f64.powi(-(d.len() as i32)),
        None => 1.0,
    }
}

impl Kit {
    /// A kit over `text`.
    pub(crate) fn new(text: &str) -> Kit {
        let doc = Document::new("test.txt", text);
        let sentences = doc.sentences();
        Kit {
            doc,
            sentences,
            claims: Vec::new(),
            cursor: 0,
        }
    }

    /// Starts a claim of `kind` written as `text`, the next occurrence after the previous claim.
    pub(crate) fn at(&mut self, text: &str, kind: ClaimKind) -> ClaimB<'_> {
        let start = self.doc.text[self.cursor..]
            .find(text)
            .map(|i| i + self.cursor)
            .unwrap_or_else(|| panic!("`{text}` not found after byte {}", self.cursor));
        let span = Span::new(start, start + text.len());
        let sentence = self
            .sentences
            .iter()
            .position(|s| s.start <= start && start < s.end)
            .unwrap_or(0);
        let id = self.claims.len();
        ClaimB {
            kit: self,
            claim: Claim::new(id, span, kind, sentence),
        }
    }

    /// Runs one rule and returns its outcome.
    pub(crate) fn run(&self, rule: &dyn Check) -> Outcome {
        let reference = Reference::empty();
        let cx = Context {
            doc: &self.doc,
            claims: &self.claims,
            sentences: &self.sentences,
            reference: &reference,
            article_date: None,
        };
        let mut out = Outcome::new(self.claims.len());
        rule.run(&cx, &mut out);
        out
    }

    /// Runs one rule and returns its findings.
    pub(crate) fn findings(&self, rule: &dyn Check) -> Vec<Finding> {
        self.run(rule).findings
    }

    /// The source text of a span.
    pub(crate) fn text(&self, span: Span) -> &str {
        self.doc.slice(span)
    }
}

impl ClaimB<'_> {
    /// A point value in display units times `mag` (e.g. `point(48.5, 1e4)` for 48.5万);
    /// the step comes from the decimals of `v`.
    pub(crate) fn point(mut self, v: f64, mag: f64) -> Self {
        let n = Num::new(v * mag, step_of(v) * mag);
        self.claim.value = Value::Point(n);
        self.claim.bounds = vec![Bound {
            span: self.claim.span,
            num: n,
            magnitude: None,
            unit: None,
        }];
        self
    }

    /// A range `a–b`, both ends times `mag`.
    pub(crate) fn range(mut self, a: f64, b: f64, mag: f64) -> Self {
        let lo = Num::new(a * mag, step_of(a) * mag);
        let hi = Num::new(b * mag, step_of(b) * mag);
        self.claim.value = Value::Range { low: lo, high: hi };
        self.claim.bounds = [lo, hi]
            .iter()
            .map(|n| Bound {
                span: self.claim.span,
                num: *n,
                magnitude: None,
                unit: None,
            })
            .collect();
        self
    }

    /// A percent unit.
    pub(crate) fn pct(mut self) -> Self {
        self.claim.unit = Some(Unit::new("%", UnitKind::Percent));
        self
    }

    /// A measure word unit (枚, 辆 …).
    pub(crate) fn measure(mut self, code: &str) -> Self {
        self.claim.unit = Some(Unit::new(code, UnitKind::Measure));
        self
    }

    /// A currency unit (USD, CNY …).
    pub(crate) fn money(mut self, code: &str) -> Self {
        self.claim.unit = Some(Unit::new(code, UnitKind::Currency));
        self
    }

    /// A percentage-point unit.
    pub(crate) fn points(mut self) -> Self {
        self.claim.unit = Some(Unit::new("个百分点", UnitKind::Points));
        self
    }

    /// A hedge.
    pub(crate) fn hedge(mut self, text: &str, kind: HedgeKind) -> Self {
        self.claim.hedge = Some(Hedge {
            text: text.to_string(),
            kind,
        });
        self
    }

    /// A direction.
    pub(crate) fn dir(mut self, d: Direction) -> Self {
        self.claim.direction = Some(d);
        self
    }

    /// A subject.
    pub(crate) fn subject(mut self, s: &str) -> Self {
        self.claim.subject = Some(s.to_string());
        self
    }

    /// A metric.
    pub(crate) fn metric(mut self, s: &str) -> Self {
        self.claim.metric = Some(s.to_string());
        self
    }

    /// A period.
    pub(crate) fn period(mut self, s: &str) -> Self {
        self.claim.period = Some(s.to_string());
        self
    }

    /// The from/to claims of a change.
    pub(crate) fn change_of(mut self, from: ClaimId, to: ClaimId) -> Self {
        self.claim.change_of = Some((from, to));
        self
    }

    /// Adds the claim and returns its id.
    pub(crate) fn push(self) -> ClaimId {
        let id = self.claim.id;
        self.kit.cursor = self.claim.span.end;
        self.kit.claims.push(self.claim);
        id
    }
}

/// The bundled reference, loaded once per test process.
pub(crate) fn bundled() -> &'static Reference {
    static R: std::sync::OnceLock<Reference> = std::sync::OnceLock::new();
    R.get_or_init(Reference::bundled)
}

/// `f` applied to the context of `text` as the extractor reads it with the bundled
/// reference: what a rule sees when it runs on that text.
pub(crate) fn with_extracted<T>(text: &str, f: impl FnOnce(&Context<'_>) -> T) -> T {
    let reference = bundled();
    let doc = Document::new("p.txt", text);
    let options = crate::extract_options(reference, &crate::settings::Settings::default());
    let ex = crate::extract::extract_in(&doc, &options, doc.sentence_spans());
    f(&Context {
        doc: &doc,
        claims: &ex.claims,
        sentences: doc.sentence_spans(),
        reference,
        article_date: None,
    })
}

/// The outcomes of `rule` and of `oracle` (the algorithm it replaced) on `text` as the
/// extractor reads it with the bundled reference, for the property tests that hold a rule
/// to its former algorithm.
pub(crate) fn against_oracle(
    text: &str,
    rule: &dyn Check,
    oracle: fn(&Context<'_>, &mut Outcome),
) -> (Outcome, Outcome) {
    with_extracted(text, |cx| {
        let n = cx.claims.len();
        let (mut now, mut before) = (Outcome::new(n), Outcome::new(n));
        rule.run(cx, &mut now);
        oracle(cx, &mut before);
        (now, before)
    })
}
