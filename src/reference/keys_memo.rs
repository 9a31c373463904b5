//! A per-document memo of [`Reference::keys_for`]: several reference rules (NC201, NC202,
//! NC204 …) ask for the keys of the same claim in the same surroundings, and matching a
//! claim costs far more than looking the answer up.
//!
//! The memo is active only inside [`Scope`] (opened by [`crate::check_document`] around
//! one document) on the current thread, so answers never outlive the document they were
//! computed for; outside a scope every call computes afresh.

use super::matching::{Key, Surroundings};
use super::Reference;
use crate::claim::Claim;
use std::cell::RefCell;
use std::collections::HashMap;

/// One remembered call: its inputs, compared in full on lookup, and its answer.
struct Entry {
    claim: Claim,
    sentence: String,
    before: String,
    clause: String,
    lead: String,
    keys: Vec<Key>,
}

impl Entry {
    /// True when this entry answers for `claim` in `s`. Claims compare field by field
    /// (derived equality): identity of the input, not a numeric comparison.
    fn answers(&self, claim: &Claim, s: &Surroundings<'_>) -> bool {
        self.sentence == s.sentence
            && self.before == s.before
            && self.clause == s.clause
            && self.lead == s.lead
            && self.claim == *claim
    }
}

/// Remembered answers by reference address and claim id.
type Memo = HashMap<(usize, usize), Vec<Entry>>;

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
                *m = Some(HashMap::new());
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
) -> Vec<Key> {
    let slot = (std::ptr::from_ref(reference) as usize, claim.id);
    let found = MEMO.with(|m| {
        let m = m.borrow();
        let entries = m.as_ref()?.get(&slot)?;
        entries
            .iter()
            .find(|e| e.answers(claim, s))
            .map(|e| e.keys.clone())
    });
    if let Some(keys) = found {
        return keys;
    }
    // Computed outside the borrow: matching never re-enters, but it need not rely on that.
    let keys = compute();
    MEMO.with(|m| {
        if let Some(memo) = m.borrow_mut().as_mut() {
            memo.entry(slot).or_default().push(Entry {
                claim: claim.clone(),
                sentence: s.sentence.to_string(),
                before: s.before.to_string(),
                clause: s.clause.to_string(),
                lead: s.lead.to_string(),
                keys: keys.clone(),
            });
        }
    });
    keys
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
        }
        keys(&r, c, &s, count);
        assert_eq!(calls.get(), 6, "the memo ends with its scope");
    }
}
