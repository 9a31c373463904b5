//! A per-document memo of [`Reference::keys_for`]: several reference rules (NC201, NC202,
//! NC204 …) ask for the keys of the same claim in the same surroundings, and matching a
//! claim costs far more than looking the answer up.
//!
//! The memo is active only inside [`Scope`] (opened by [`crate::check_document`] around
//! one document) on the current thread, so answers never outlive the document they were
//! computed for; outside a scope every call computes afresh.
//!
//! An answer is reused only for the same inputs: every field of the claim, written out as
//! bytes ([`write_claim`]), and the four texts of its surroundings, compared in full.
//! Writing the claim costs a copy into a reused buffer, where cloning it cost a dozen
//! allocations per claim.

use super::fast_hash::FastMap;
use super::matching::{Key, Surroundings};
use super::Reference;
use crate::claim::{Bound, Claim, Hedge, Num, Unit, Value};
use crate::document::Span;
use std::cell::RefCell;
use std::rc::Rc;

/// One remembered call: its inputs, compared in full on lookup, and its answer.
struct Entry {
    /// Every field of the claim, as [`write_claim`] writes them.
    claim: Vec<u8>,
    /// The four texts of the surroundings, one after the other (one copy, not four).
    texts: String,
    /// The lengths of `sentence`, `before` and `clause` within `texts` (`lead` is the rest).
    lens: [usize; 3],
    /// The answer.
    keys: Rc<[Key]>,
}

impl Entry {
    /// The remembered surroundings, read back out of `texts`.
    fn surroundings(&self) -> Option<[&str; 4]> {
        let [a, b, c] = self.lens;
        let t = self.texts.as_str();
        let (sentence, t) = (t.get(..a)?, t.get(a..)?);
        let (before, t) = (t.get(..b)?, t.get(b..)?);
        let (clause, lead) = (t.get(..c)?, t.get(c..)?);
        Some([sentence, before, clause, lead])
    }

    /// True when this entry answers for the claim written to `claim` in `s`.
    fn answers(&self, claim: &[u8], s: &Surroundings<'_>) -> bool {
        self.claim == claim && self.surroundings() == Some([s.sentence, s.before, s.clause, s.lead])
    }
}

/// Remembered answers by reference address and claim id (the latest call for each), and
/// a buffer to write a claim to.
#[derive(Default)]
struct Memo {
    /// The latest call for each (reference address, claim id).
    entries: FastMap<(usize, usize), Entry>,
    /// Where a call's claim is written before it is looked up.
    scratch: Vec<u8>,
}

thread_local! {
    static MEMO: RefCell<Option<Memo>> = const { RefCell::new(None) };
}

/// While alive, [`Reference::keys_for`] on this thread remembers its answers.
pub struct Scope {
    /// Whether this scope opened the memo (an inner scope leaves an outer one's alone).
    opened: bool,
}

impl Scope {
    /// Opens a memo for one document (or joins the one already open on this thread).
    pub fn open() -> Scope {
        let opened = MEMO.with(|m| {
            let mut m = m.borrow_mut();
            if m.is_some() {
                false
            } else {
                *m = Some(Memo::default());
                true
            }
        });
        Scope { opened }
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        if self.opened {
            MEMO.with(|m| *m.borrow_mut() = None);
        }
    }
}

/// `compute()`'s answer for `claim` in `s`, remembered while a [`Scope`] is open.
pub(super) fn keys(
    reference: &Reference,
    claim: &Claim,
    s: &Surroundings<'_>,
    compute: impl FnOnce() -> Vec<Key>,
) -> Rc<[Key]> {
    let slot = (std::ptr::from_ref(reference) as usize, claim.id);
    // `None` outside a scope, `Ok` with the answer, or `Err` with the written claim.
    let looked_up = MEMO.with(|m| {
        let mut m = m.borrow_mut();
        let memo = m.as_mut()?;
        let mut written = std::mem::take(&mut memo.scratch);
        written.clear();
        write_claim(claim, &mut written);
        match memo.entries.get(&slot) {
            Some(e) if e.answers(&written, s) => {
                let keys = Rc::clone(&e.keys);
                memo.scratch = written;
                Some(Ok(keys))
            }
            _ => Some(Err(written)),
        }
    });
    let written = match looked_up {
        None => return compute().into(),
        Some(Ok(keys)) => return keys,
        Some(Err(written)) => written,
    };
    // Computed outside the borrow: matching never re-enters, but it need not rely on that.
    let keys: Rc<[Key]> = compute().into();
    let parts = [s.sentence, s.before, s.clause, s.lead];
    let mut texts = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        texts.push_str(p);
    }
    let entry = Entry {
        // An exact copy; the buffer, grown to fit claims, goes back for the next call.
        claim: written.clone(),
        texts,
        lens: [s.sentence.len(), s.before.len(), s.clause.len()],
        keys: Rc::clone(&keys),
    };
    MEMO.with(|m| {
        if let Some(memo) = m.borrow_mut().as_mut() {
            memo.entries.insert(slot, entry);
            memo.scratch = written;
        }
    });
    keys
}

/// Writes every field of `claim` to `out`, so that two claims write the same bytes only
/// when all their fields are the same: strings go with their length, options and variants
/// with a tag, numbers as their bits (equal bits always compute the same answer; `0.0`
/// and `-0.0` differ, which costs a recomputation, never a wrong answer). The claim is
/// taken apart field by field without `..`, so a field added to [`Claim`] does not
/// compile until it is written here.
fn write_claim(claim: &Claim, out: &mut Vec<u8>) {
    let Claim {
        id,
        span,
        kind,
        value,
        bounds,
        unit,
        magnitude,
        hedge,
        direction,
        period,
        subject,
        segment,
        metric,
        sentence,
        change_of,
        notes,
    } = claim;
    let mut w = Writer(out);
    w.int(*id);
    w.span(span);
    w.tag(*kind as u8);
    match value {
        Value::Point(n) => {
            w.tag(0);
            w.num(n);
        }
        Value::Range { low, high } => {
            w.tag(1);
            w.num(low);
            w.num(high);
        }
        Value::None => w.tag(2),
    }
    w.int(bounds.len());
    for b in bounds {
        let Bound {
            span,
            num,
            magnitude,
            unit,
        } = b;
        w.span(span);
        w.num(num);
        w.opt_text(magnitude.as_deref());
        w.unit(unit.as_ref());
    }
    w.unit(unit.as_ref());
    w.opt_text(magnitude.as_deref());
    match hedge {
        Some(Hedge { text, kind }) => {
            w.tag(1);
            w.text(text);
            w.tag(*kind as u8);
        }
        None => w.tag(0),
    }
    w.tag(direction.map_or(0, |d| 1 + d as u8));
    w.opt_text(period.as_deref());
    w.opt_text(subject.as_deref());
    w.opt_text(segment.as_deref());
    w.opt_text(metric.as_deref());
    w.int(*sentence);
    match change_of {
        Some((a, b)) => {
            w.tag(1);
            w.int(*a);
            w.int(*b);
        }
        None => w.tag(0),
    }
    w.int(notes.len());
    for n in notes {
        w.text(n);
    }
}

/// Appends values to a buffer in a form that reads back unambiguously.
struct Writer<'o>(&'o mut Vec<u8>);

impl Writer<'_> {
    fn tag(&mut self, t: u8) {
        self.0.push(t);
    }

    fn int(&mut self, n: usize) {
        self.0.extend_from_slice(&(n as u64).to_le_bytes());
    }

    fn float(&mut self, v: f64) {
        self.0.extend_from_slice(&v.to_bits().to_le_bytes());
    }

    fn text(&mut self, t: &str) {
        self.int(t.len());
        self.0.extend_from_slice(t.as_bytes());
    }

    fn opt_text(&mut self, t: Option<&str>) {
        match t {
            Some(t) => {
                self.tag(1);
                self.text(t);
            }
            None => self.tag(0),
        }
    }

    fn span(&mut self, span: &Span) {
        let Span { start, end } = span;
        self.int(*start);
        self.int(*end);
    }

    fn num(&mut self, n: &Num) {
        let Num { value, step } = n;
        self.float(*value);
        self.float(*step);
    }

    fn unit(&mut self, u: Option<&Unit>) {
        match u {
            Some(Unit { code, kind }) => {
                self.tag(1);
                self.text(code);
                self.tag(*kind as u8);
            }
            None => self.tag(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::test_support::*;

    #[test]
    fn remembers_only_inside_a_scope_and_only_the_same_inputs() {
        let r = Reference::empty();
        let (_, claims) = car_doc(
            "长风汽车2024年交付量41.2万辆。",
            "41.2万辆",
            412_000.0,
            1000.0,
        );
        let c = &claims[0];
        let s = Surroundings::plain("长风汽车2024年交付量41.2万辆。");
        let calls = std::cell::Cell::new(0);
        let count = || {
            calls.set(calls.get() + 1);
            Vec::new()
        };
        keys(&r, c, &s, count);
        keys(&r, c, &s, count);
        assert_eq!(calls.get(), 2, "no memo outside a scope");
        {
            let _scope = Scope::open();
            keys(&r, c, &s, count);
            keys(&r, c, &s, count);
            assert_eq!(calls.get(), 3, "the second call is remembered");
            let other = Surroundings::plain("长风汽车2024年交付量41.2万辆,其中海外6万辆。");
            keys(&r, c, &other, count);
            assert_eq!(calls.get(), 4, "other surroundings are computed");
            let mut changed = c.clone();
            changed.metric = Some("销量".into());
            keys(&r, &changed, &s, count);
            assert_eq!(calls.get(), 5, "another claim with the same id is computed");
            let mut hedged = changed.clone();
            hedged.hedge = hedge("约", crate::claim::HedgeKind::About);
            keys(&r, &hedged, &s, count);
            assert_eq!(calls.get(), 6, "a claim differing in its hedge is computed");
            keys(&r, &hedged, &s, count);
            assert_eq!(calls.get(), 6, "and then remembered");
        }
        keys(&r, c, &s, count);
        assert_eq!(calls.get(), 7, "the memo ends with its scope");
    }
}
