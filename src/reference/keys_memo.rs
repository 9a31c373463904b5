//! A per-document memo of what the reference rules (NC201–NC205) work out for each claim:
//! its [`Reference::keys_for`] answer. Every rule asks for the same claims in the same
//! surroundings, and matching a claim costs far more than looking the answer up.
//! (Surroundings are not remembered: cutting them costs about what remembering them did.)
//!
//! The memo is active only inside [`Scope`] (opened by [`crate::check_document`] around
//! one document, whose text and claims stay borrowed, unchanged, while its rules run) on
//! the current thread, so answers never outlive the document they were computed for;
//! outside a scope every call computes afresh.
//!
//! Entries sit in a vector by claim id (no hashing, no copies) and are reused only for the
//! same inputs, told apart by identity rather than by content: the same claim object (its
//! address) with the same [`Fingerprint`], the same reference and the same four texts
//! of its surroundings (addresses and lengths). A claim edited in place changes its fingerprint;
//! a clone or a new text has another address. Comparing contents cost more than the
//! matching it saved.

use super::compare::LevelRow;
use super::matching::{Key, ScanResume, Surroundings};
use super::Reference;
use crate::claim::{Claim, ClaimKind, Direction, Hedge, HedgeKind};
use crate::document::{Document, Span};
use std::cell::RefCell;
use std::rc::Rc;

/// Address and length of a text.
type Ident = (usize, usize);

/// Address and length of `text`, which identify it while it is borrowed.
fn ident(text: &str) -> Ident {
    (text.as_ptr() as usize, text.len())
}

/// A claim as the memo tells claims apart: its address, and every field matching reads,
/// strings by their address and length (an edit in place allocates a new string).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    address: usize,
    id: usize,
    span: Span,
    sentence: usize,
    kind: ClaimKind,
    hedge: Option<HedgeKind>,
    direction: Option<Direction>,
    change_of: Option<(usize, usize)>,
    /// Period, subject, segment and metric.
    texts: [Option<Ident>; 4],
}

impl Fingerprint {
    /// The fingerprint of `claim`. The claim is taken apart without `..`, so that a field
    /// added to [`Claim`] does not compile until it is considered here.
    fn of(claim: &Claim) -> Fingerprint {
        let Claim {
            id,
            span,
            kind,
            // Neither matching nor surroundings read the figure, its unit or its notes.
            value: _,
            bounds: _,
            unit: _,
            magnitude: _,
            hedge,
            direction,
            period,
            subject,
            segment,
            metric,
            sentence,
            change_of,
            notes: _,
        } = claim;
        let text = |t: &Option<String>| t.as_deref().map(ident);
        Fingerprint {
            address: std::ptr::from_ref(claim) as usize,
            id: *id,
            span: *span,
            sentence: *sentence,
            kind: *kind,
            hedge: hedge.as_ref().map(|Hedge { kind, .. }| *kind),
            direction: *direction,
            change_of: *change_of,
            texts: [text(period), text(subject), text(segment), text(metric)],
        }
    }
}

/// The four texts of a [`Surroundings`], by identity.
fn idents(s: &Surroundings<'_>) -> [Ident; 4] {
    [s.sentence, s.before, s.clause, s.lead].map(ident)
}

/// What is remembered for one claim id.
struct Entry {
    /// The claim it was worked out for.
    claim: Fingerprint,
    /// The reference's address, the surroundings' texts and the keys, once asked for.
    keys: Option<(usize, [Ident; 4], Rc<[Key]>)>,
}

/// Remembered entries by claim id.
#[derive(Default)]
struct Memo {
    /// The latest entry of each claim id asked about, in id order. Only the few claims
    /// several rules ask about have entries (see `asked_by_several_rules` in
    /// [`super::matching`]), asked in id order: a short list searched by halves costs
    /// less than a slot for every claim of the document, set up and dropped.
    entries: Vec<Entry>,
    /// The latest level pass (see [`level_pass`]).
    level: Option<LevelPass>,
    /// The latest answer of [`metric_named`].
    named: Option<Named>,
    /// Where the latest scans of the texts before claims ended, oldest first, at most
    /// [`SCANS`] (see [`before_scan`]).
    scans: Vec<ScanResume>,
}

/// Longest metric word (in bytes) whose [`metric_named`] answer is kept: a copy of it is
/// kept with the answer, since each claim holds its own copy of the word.
const WRITTEN_MAX: usize = 48;

/// An answer of [`metric_named`] and what it was worked out from: the reference's and
/// its alias rows' addresses, the metric's (one of the reference's names), the context by
/// identity, and a copy of the metric word as written.
struct Named {
    reference: (usize, Ident),
    metric: Ident,
    context: Ident,
    written: [u8; WRITTEN_MAX],
    written_len: usize,
    answer: bool,
}

impl Named {
    /// True when this answer was worked out from these inputs.
    fn is_for(
        &self,
        reference: (usize, Ident),
        metric: Ident,
        context: Ident,
        written: &str,
    ) -> bool {
        self.reference == reference
            && self.metric == metric
            && self.context == context
            && self.written.get(..self.written_len) == Some(written.as_bytes())
    }
}

/// Scans of the texts before claims kept at once. The claims of one sentence are read
/// in turn, but one rule's claims skip from sentence to sentence past claims another
/// rule asks about later (the level pass reads a revenue figure, then a share in the
/// next sentence; NC203 then asks about the growth figure right after the revenue,
/// whose text before goes on from the revenue's): with one scan kept, that text was read
/// afresh from its sentence's start.
const SCANS: usize = 4;

/// A remembered level pass: what it was worked out from, and its rows.
struct LevelPass {
    /// The reference's address, and its facts' (address and count).
    reference: (usize, Ident),
    /// The document's text.
    text: Ident,
    /// The document's sentences (address and count).
    sentences: Ident,
    /// Every claim of the document, in order.
    claims: Vec<Fingerprint>,
    /// The rows.
    rows: Rc<[LevelRow]>,
}

impl Memo {
    /// The entry of `claim`, emptied first if it was for another claim.
    fn entry(&mut self, claim: Fingerprint) -> Option<&mut Entry> {
        // Most often past the last: rules ask about claims in id order.
        let at = match self.entries.last() {
            Some(last) if last.claim.id < claim.id => Err(self.entries.len()),
            None => Err(0),
            Some(_) => self.entries.binary_search_by_key(&claim.id, |e| e.claim.id),
        };
        let at = match at {
            Ok(i) => {
                let slot = self.entries.get_mut(i)?;
                if slot.claim != claim {
                    *slot = Entry { claim, keys: None };
                }
                i
            }
            Err(i) => {
                self.entries.insert(i, Entry { claim, keys: None });
                i
            }
        };
        self.entries.get_mut(at)
    }

    /// The kept scan whose text `before` goes on from (the longest, when several do),
    /// taken out; without one, the oldest when all [`SCANS`] slots are full (its buffer
    /// is reused; a scan whose text `before` does not start with reads afresh).
    fn take_scan(&mut self, before: &[u8]) -> Option<ScanResume> {
        let best = self
            .scans
            .iter()
            .enumerate()
            .filter(|(_, (text, _))| before.starts_with(text))
            .max_by_key(|(_, (text, _))| text.len())
            .map(|(i, _)| i);
        match best {
            Some(i) => Some(self.scans.remove(i)),
            None if self.scans.len() >= SCANS => Some(self.scans.remove(0)),
            None => None,
        }
    }

    /// Keeps the scan a reading left (the newest), dropping the oldest past [`SCANS`].
    fn keep_scan(&mut self, scan: Option<ScanResume>) {
        if let Some(scan) = scan {
            self.scans.push(scan);
            if self.scans.len() > SCANS {
                self.scans.remove(0);
            }
        }
    }

    /// The entry of `claim`, if there is one for it.
    fn get(&self, claim: &Fingerprint) -> Option<&Entry> {
        let i = self
            .entries
            .binary_search_by_key(&claim.id, |e| e.claim.id)
            .ok()?;
        self.entries.get(i).filter(|e| e.claim == *claim)
    }
}

thread_local! {
    static MEMO: RefCell<Option<Memo>> = const { RefCell::new(None) };
}

/// While alive, [`Reference::keys_for`] and [`Surroundings::shared`] on this thread
/// remember their answers.
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

/// `scan(resume)` for the text `before` a claim, with `resume` a scan this thread kept
/// while a [`Scope`] is open: the one whose text `before` goes on from, if any (the scan
/// checks that it does; see [`super::matching::ScanState`]), and a fresh `None` otherwise.
/// What the scan leaves in `resume` is kept for the next calls.
pub(super) fn before_scan<R>(before: &str, scan: impl FnOnce(&mut Option<ScanResume>) -> R) -> R {
    // Taken out, not borrowed across the scan: it never re-enters, but need not rely on it.
    let taken = MEMO.with(|m| {
        m.borrow_mut()
            .as_mut()
            .map(|memo| memo.take_scan(before.as_bytes()))
    });
    let Some(mut resume) = taken else {
        return scan(&mut None);
    };
    let answer = scan(&mut resume);
    MEMO.with(|m| {
        if let Some(memo) = m.borrow_mut().as_mut() {
            memo.keep_scan(resume);
        }
    });
    answer
}

/// `compute()`'s answer to whether `metric` (one of `reference`'s names) applies in
/// `context` and is named there (its scope words and `written`, the claim's metric word,
/// or its aliases: what matching asks after resolving a claim's names), remembered for
/// the latest inputs while a [`Scope`] is open. Several claims of a sentence ask it in
/// turn with the same inputs. `written` longer than [`WRITTEN_MAX`] is never remembered.
pub(super) fn metric_named(
    reference: &Reference,
    metric: &str,
    written: &str,
    context: &str,
    compute: impl FnOnce() -> bool,
) -> bool {
    let entries = reference.alias_entries();
    let at = (
        std::ptr::from_ref(reference) as usize,
        (entries.as_ptr() as usize, entries.len()),
    );
    let (metric_id, context_id) = (ident(metric), ident(context));
    // `None` outside a scope, `Some(None)` when not remembered.
    let looked_up = MEMO.with(|m| {
        let m = m.borrow();
        let memo = m.as_ref()?;
        Some(
            memo.named
                .as_ref()
                .filter(|n| n.is_for(at, metric_id, context_id, written))
                .map(|n| n.answer),
        )
    });
    match looked_up {
        None => return compute(),
        Some(Some(answer)) => return answer,
        Some(None) => {}
    }
    let answer = compute();
    let mut copy = [0u8; WRITTEN_MAX];
    if let Some(to) = copy.get_mut(..written.len()) {
        to.copy_from_slice(written.as_bytes());
        MEMO.with(|m| {
            if let Some(memo) = m.borrow_mut().as_mut() {
                memo.named = Some(Named {
                    reference: at,
                    metric: metric_id,
                    context: context_id,
                    written: copy,
                    written_len: written.len(),
                    answer,
                });
            }
        });
    }
    answer
}

/// `compute()`'s answer for `claim` in `s`, remembered while a [`Scope`] is open.
pub(super) fn keys(
    reference: &Reference,
    claim: &Claim,
    s: &Surroundings<'_>,
    compute: impl FnOnce() -> Vec<Key>,
) -> Rc<[Key]> {
    let at = std::ptr::from_ref(reference) as usize;
    let fp = Fingerprint::of(claim);
    let texts = idents(s);
    // `None` outside a scope, `Some(None)` when not remembered.
    let looked_up = MEMO.with(|m| {
        let m = m.borrow();
        let memo = m.as_ref()?;
        Some(match memo.get(&fp).and_then(|e| e.keys.as_ref()) {
            Some((r, t, keys)) if *r == at && *t == texts => Some(Rc::clone(keys)),
            _ => None,
        })
    });
    match looked_up {
        None => return compute().into(),
        Some(Some(keys)) => return keys,
        Some(None) => {}
    }
    // Computed outside the borrow: matching never re-enters, but it need not rely on that.
    let keys: Rc<[Key]> = compute().into();
    MEMO.with(|m| {
        if let Some(e) = m.borrow_mut().as_mut().and_then(|memo| memo.entry(fp)) {
            e.keys = Some((at, texts, Rc::clone(&keys)));
        }
    });
    keys
}

/// `compute()`'s rows for the level pass over `claims` of `doc`, remembered while a
/// [`Scope`] is open: NC201 and NC202 read the same checks, and working them out costs
/// far more than telling that the inputs are the same (by identity, as for keys).
pub(crate) fn level_pass(
    reference: &Reference,
    doc: &Document,
    sentences: &[Span],
    claims: &[Claim],
    compute: impl FnOnce() -> Vec<LevelRow>,
) -> Rc<[LevelRow]> {
    let inputs = (
        (
            std::ptr::from_ref(reference) as usize,
            (reference.facts.as_ptr() as usize, reference.facts.len()),
        ),
        ident(&doc.text),
        (sentences.as_ptr() as usize, sentences.len()),
    );
    let same = |p: &LevelPass| {
        (p.reference, p.text, p.sentences) == inputs
            && p.claims.len() == claims.len()
            && p.claims
                .iter()
                .zip(claims)
                .all(|(f, c)| *f == Fingerprint::of(c))
    };
    // `None` outside a scope, `Some(None)` when not remembered.
    let looked_up = MEMO.with(|m| {
        let m = m.borrow();
        let memo = m.as_ref()?;
        Some(
            memo.level
                .as_ref()
                .filter(|p| same(p))
                .map(|p| Rc::clone(&p.rows)),
        )
    });
    match looked_up {
        None => return compute().into(),
        Some(Some(rows)) => return rows,
        Some(None) => {}
    }
    // Computed outside the borrow: the pass asks the memo for surroundings and keys.
    let rows: Rc<[LevelRow]> = compute().into();
    MEMO.with(|m| {
        if let Some(memo) = m.borrow_mut().as_mut() {
            memo.level = Some(LevelPass {
                reference: inputs.0,
                text: inputs.1,
                sentences: inputs.2,
                claims: claims.iter().map(Fingerprint::of).collect(),
                rows: Rc::clone(&rows),
            });
        }
    });
    rows
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

    /// The scan handed to a reading: the kept one its text goes on from, else the
    /// oldest once every slot is taken, else none (and none outside a scope).
    #[test]
    fn hands_each_reading_the_scan_its_text_goes_on_from() {
        use crate::reference::matching::ScanState;
        // Keeps a scan of `before` and tells which text the scan it was handed holds.
        let read = |before: &str| {
            before_scan(before, |r| {
                let given = r
                    .as_ref()
                    .map(|(t, _)| String::from_utf8_lossy(t).into_owned());
                *r = Some((before.as_bytes().to_vec(), ScanState::default()));
                given
            })
        };
        assert_eq!(read("长风汽车"), None, "no memo outside a scope");
        assert_eq!(read("长风汽车2024年"), None, "nothing kept outside a scope");
        let _scope = Scope::open();
        assert_eq!(read("长风汽车"), None);
        assert_eq!(read("宁德时代"), None, "another sentence reads afresh");
        assert_eq!(read("长风汽车交付"), Some("长风汽车".into()));
        assert_eq!(read("宁德时代装机"), Some("宁德时代".into()));
        assert_eq!(
            read("长风"),
            None,
            "a shorter text does not go on from a longer one"
        );
        assert_eq!(
            read("长风汽车交付量"),
            Some("长风汽车交付".into()),
            "the longest"
        );
        assert_eq!(read("比亚迪"), None);
        // Four kept now (宁德时代装机, 长风, 长风汽车交付量, 比亚迪): the oldest goes.
        assert_eq!(read("小米"), Some("宁德时代装机".into()));
        assert_eq!(
            read("宁德时代装机量"),
            Some("长风".into()),
            "宁德时代装机 is gone: the oldest kept scan is handed on for its buffer"
        );
    }

    #[test]
    fn remembers_the_level_pass_for_the_same_document_and_claims_only() {
        let r = Reference::empty();
        let (doc, claims) = car_doc(
            "长风汽车2024年交付量41.2万辆。",
            "41.2万辆",
            412_000.0,
            1000.0,
        );
        let sentences = doc.sentences();
        let calls = std::cell::Cell::new(0);
        let count = || {
            calls.set(calls.get() + 1);
            Vec::new()
        };
        level_pass(&r, &doc, &sentences, &claims, count);
        level_pass(&r, &doc, &sentences, &claims, count);
        assert_eq!(calls.get(), 2, "no memo outside a scope");
        let _scope = Scope::open();
        level_pass(&r, &doc, &sentences, &claims, count);
        level_pass(&r, &doc, &sentences, &claims, count);
        assert_eq!(calls.get(), 3, "the second pass is remembered");
        let mut edited = claims.clone();
        edited[0].metric = Some("销量".into());
        level_pass(&r, &doc, &sentences, &edited, count);
        assert_eq!(calls.get(), 4, "other claims are worked out afresh");
        level_pass(&r, &doc, &sentences, &claims[..0], count);
        assert_eq!(calls.get(), 5, "fewer claims too");
        let other = Reference::empty();
        level_pass(&other, &doc, &sentences, &claims[..0], count);
        assert_eq!(calls.get(), 6, "another reference too");
    }
}
