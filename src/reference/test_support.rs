//! Test helpers for the reference rules: the fictional reference of `tests/fixtures/ref/`
//! and hand-built claims placed on their text.

use super::Reference;
use crate::checks::{Check, Context, Outcome};
use crate::claim::{Claim, ClaimKind, Direction, Hedge, HedgeKind, Num, Unit, UnitKind, Value};
use crate::document::{Document, Span};

/// The fictional car maker and battery maker of `tests/fixtures/ref/reference/`.
pub fn fixture_reference() -> Reference {
    let mut r = Reference::empty();
    for (name, text) in [
        (
            "facts.csv",
            include_str!("../../tests/fixtures/ref/reference/facts.csv"),
        ),
        (
            "aliases.csv",
            include_str!("../../tests/fixtures/ref/reference/aliases.csv"),
        ),
    ] {
        if let Err(e) = r.add_text(name, text) {
            panic!("fixture reference invalid: {e}");
        }
    }
    r
}

/// A hedge.
pub fn hedge(text: &str, kind: HedgeKind) -> Option<Hedge> {
    Some(Hedge {
        text: text.into(),
        kind,
    })
}

/// A point claim over the first occurrence of `text` in `doc`, in sentence 0.
pub fn claim_on(
    doc: &Document,
    text: &str,
    kind: ClaimKind,
    value: f64,
    step: f64,
    unit: Option<Unit>,
) -> Claim {
    let start = doc.text.find(text).unwrap_or(0);
    let span = Span::new(start, start + text.len());
    let num = Num::new(value, step);
    Claim {
        value: Value::Point(num),
        unit,
        ..Claim::new(0, span, kind, 0)
    }
}

/// Sets subject, segment, metric and period.
pub fn about(
    mut c: Claim,
    subject: &str,
    segment: Option<&str>,
    metric: &str,
    period: &str,
) -> Claim {
    c.subject = Some(subject.into());
    c.segment = segment.map(str::to_string);
    c.metric = Some(metric.into());
    c.period = Some(period.into());
    c
}

/// A one-claim document about 长风汽车's 2024 deliveries (unit 辆).
pub fn car_doc(text: &str, claim_text: &str, value: f64, step: f64) -> (Document, Vec<Claim>) {
    let doc = Document::new("t.txt", text);
    let mut c = claim_on(
        &doc,
        claim_text,
        ClaimKind::Level,
        value,
        step,
        Some(Unit::new("辆", UnitKind::Measure)),
    );
    if claim_text.contains('万') {
        c.magnitude = Some("万".into());
    }
    let c = about(c, "长风汽车", None, "交付量", "2024");
    (doc, vec![c])
}

/// A growth claim (`同比增长N%`) over `text`.
pub fn growth_on(doc: &Document, text: &str, value: f64, step: f64, dir: Direction) -> Claim {
    let mut c = claim_on(
        doc,
        text,
        ClaimKind::Growth,
        value,
        step,
        Some(Unit::new("%", UnitKind::Percent)),
    );
    c.direction = Some(dir);
    c
}

/// Runs one rule over hand-built claims with the fixture reference.
pub fn run(rule: &dyn Check, doc: &Document, claims: &[Claim]) -> Outcome {
    let claims: Vec<Claim> = claims
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, mut c)| {
            c.id = i;
            c
        })
        .collect();
    let reference = fixture_reference();
    let sentences = vec![Span::new(0, doc.text.len())];
    let cx = Context {
        doc,
        claims: &claims,
        sentences: &sentences,
        reference: &reference,
        article_date: None,
    };
    let mut out = Outcome::new(claims.len());
    rule.run(&cx, &mut out);
    out
}
