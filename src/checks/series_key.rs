//! Which series a figure belongs to: normalised subject, segment and metric, shared by NC103 and NC111.
//!
//! Two mentions meet only when all three agree after normalisation, so two different
//! subjects with the same metric are never compared.
//!
//! - **Subjects.** Leading indefinite determiners are dropped together with the evaluative
//!   words right after them (`某`, `某家`, `某款`, `一家`, `一款` … + `主流`, `知名`, `头部`,
//!   `领先`, `大型`): `某主流国产AI芯片` is an unnamed member of the class `国产AI芯片` and
//!   meets a later bare `国产AI芯片`. Without a determiner nothing is dropped
//!   (`主流国产AI芯片` stays itself). Reference entity aliases then map names to one entity
//!   (`英伟达` = `NVIDIA`); ASCII is case-folded.
//! - **Clause-local subjects.** A subject named in the figure's own clause, right before it,
//!   beats one carried from earlier sentences: in `…替代(国产AI芯片已实现30万枚出货` the
//!   figure is about 国产AI芯片 even if an earlier subject was carried. Only names that are
//!   some claim's subject in the same article count, so the lexicon is the article's own.
//!   A subject that is named neither there nor anywhere in the figure's sentence was carried
//!   from before by the extractor: a guess, so the figure gets no series and is not compared.
//! - **Segments.** Reference segment aliases; a trailing `市场` or `地区` is dropped
//!   (`中国市场` = `中国`, `中国大陆地区` = `中国大陆`), nothing else (`中国` ≠ `中国大陆`).
//! - **Metrics.** Reference metric aliases, then synonyms (`出货` = `出货量` = `发货量`,
//!   `营收` = `收入` = `营业收入`, `净利` = `净利润`, `销量` = `销售量`, `交付` = `交付量`).

use crate::checks::arith_cues::{trim_ws, SentenceIndex};
use crate::checks::Context;
use crate::claim::Claim;
use crate::reference::{AliasKind, Reference};
use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

/// Normalised identity of a series: subject, segment and metric.
///
/// Shared strings: the same few names recur across an article's figures, and a key is
/// built for each figure compared.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SeriesKey {
    /// Normalised subject.
    pub subject: Rc<str>,
    /// Normalised segment, empty for none.
    pub segment: Rc<str>,
    /// Normalised metric.
    pub metric: Rc<str>,
}

/// The article's subjects, as written and normalised, for clause-local resolution.
///
/// Built once per rule run. Resolving a name through the reference costs far more than
/// comparing two strings, so each distinct subject is normalised only when a key is first
/// asked of it, and metrics and segments are remembered by written form.
#[derive(Debug, Clone, Default)]
pub struct Subjects {
    /// The forms looked for in the text, listed when a clause is first searched for them
    /// (most figures name their own subject in their clause, and then none is searched).
    forms: OnceCell<Forms>,
    /// Each distinct claim subject as written, with its normalised key once computed.
    own: Vec<Own>,
    /// For each claim of the document (by position), the index into `own` of its subject
    /// (`NO_OWN` for none): a claim finds its subject without comparing strings.
    of_claim: Vec<u32>,
    /// Normalised metrics and segments met so far, by written form.
    memo: RefCell<Memo>,
}

/// The forms of an article's subjects looked for in a clause ([`Subjects::last_named`]).
#[derive(Debug, Clone, Default)]
struct Forms {
    /// The forms looked for in the text, longest first, each as (index into `own` of the
    /// subject it normalises as, whether it is that subject's determiner-free form):
    /// the text is the subject's own, so no copy is made.
    names: Vec<(usize, bool)>,
    /// (first character of a form, index into `names`), sorted, so a clause is scanned once
    /// instead of once per name.
    by_first: Vec<(char, usize)>,
    /// Bit `c % 64` set for the first character `c` of every form: most characters of a
    /// clause start no form, and one test tells them apart before a search of `by_first`.
    first_mask: u64,
}

impl Forms {
    /// The forms of `own`, listed and indexed by first character.
    fn new(own: &[Own]) -> Forms {
        let forms = listed_forms(own);
        let mut by_first: Vec<(char, usize)> = forms
            .iter()
            .enumerate()
            .filter_map(|(i, &(_, _, f, _))| f.chars().next().map(|c| (c, i)))
            .collect();
        let names: Vec<(usize, bool)> = forms.iter().map(|&(_, _, _, name)| name).collect();
        by_first.sort_unstable();
        let first_mask = by_first.iter().fold(0, |m, &(c, _)| m | first_bit(c));
        Forms {
            names,
            by_first,
            first_mask,
        }
    }
}

/// `of_claim` entry of a claim without a subject.
const NO_OWN: u32 = u32::MAX;

/// One distinct claim subject: as written, its two forms looked for in the text, and its
/// key once computed.
#[derive(Debug, Clone, Default)]
struct Own {
    /// The subject as written.
    raw: String,
    /// `raw` trimmed, as a byte range of `raw`.
    trimmed: std::ops::Range<usize>,
    /// `raw` without its determiners ([`strip_determiners`]), as a byte range of `raw`.
    stripped: std::ops::Range<usize>,
    /// The normalised key, computed on first use.
    key: OnceCell<Option<Rc<str>>>,
}

impl Own {
    fn new(raw: &str) -> Own {
        let range = |part: &str| {
            let start = part.as_ptr() as usize - raw.as_ptr() as usize;
            start..start + part.len()
        };
        // strip_determiners trims first: given the trimmed form, it trims nothing more.
        let trimmed = trim_ws(raw);
        Own {
            raw: raw.to_string(),
            trimmed: range(trimmed),
            stripped: range(strip_determiners(trimmed)),
            key: OnceCell::new(),
        }
    }

    fn trimmed(&self) -> &str {
        &self.raw[self.trimmed.clone()]
    }

    fn stripped(&self) -> &str {
        &self.raw[self.stripped.clone()]
    }
}

/// Normalisations remembered by written form (a handful per article, so a list).
#[derive(Debug, Clone, Default)]
struct Memo {
    metrics: Vec<(String, Option<Rc<str>>)>,
    segments: Vec<(String, Rc<str>)>,
    /// The empty segment, shared by every key without one.
    no_segment: Option<Rc<str>>,
}

impl Subjects {
    /// How to print a normalised subject: the shortest of the forms looked for in the
    /// text ([`listed_forms`]) that stand for it, the least in byte order among equals.
    ///
    /// Walks the subjects rather than the sorted list (built only when a clause is
    /// searched): a form stands for the first subject it was met with. Subjects whose key
    /// is known go first, so a subject whose forms cannot beat the best found so far is
    /// passed over without resolving its key (a lookup in the reference).
    pub fn display<'a>(&'a self, reference: &Reference, key: &'a str) -> &'a str {
        let mut best: Option<&'a str> = None;
        let better = |f: &str, best: Option<&str>| {
            best.map_or(true, |b| (f.len(), f.as_bytes()) < (b.len(), b.as_bytes()))
        };
        for known in [true, false] {
            for (o, entry) in self.own.iter().enumerate() {
                if entry.key.get().is_some() != known {
                    continue;
                }
                let forms = own_forms(entry);
                if !forms.clone().any(|(f, _)| better(f, best)) {
                    continue;
                }
                if !self.key_is(reference, o, key) {
                    continue;
                }
                for (f, _) in forms {
                    if better(f, best) && self.first_with(f) == Some(o) {
                        best = Some(f);
                    }
                }
            }
        }
        best.unwrap_or(key)
    }

    /// Whether distinct subject `o` normalises as `key`: compared with the key if it is
    /// known, else where the key would be made, without making (allocating) it.
    fn key_is(&self, reference: &Reference, o: usize, key: &str) -> bool {
        let Some(own) = self.own.get(o) else {
            return false;
        };
        if let Some(k) = own.key.get() {
            return k.as_deref() == Some(key);
        }
        // As subject_key: no key when nothing is left without the determiners, else the
        // canonical name, else the name with ASCII folded to lower case.
        let s = own.stripped();
        if s.is_empty() {
            return false;
        }
        match reference.canonical(AliasKind::Entity, s) {
            Some(c) => c == key,
            None => {
                s.len() == key.len()
                    && s.bytes()
                        .zip(key.bytes())
                        .all(|(a, b)| a.to_ascii_lowercase() == b)
            }
        }
    }

    /// The first subject (index into `own`) with `form` among its listed forms.
    fn first_with(&self, form: &str) -> Option<usize> {
        self.own
            .iter()
            .position(|entry| own_forms(entry).any(|(f, _)| f == form))
    }

    /// The normalised key of distinct subject `o`, computed on first use.
    fn key_of(&self, reference: &Reference, o: usize) -> Option<&Rc<str>> {
        let own = self.own.get(o)?;
        own.key
            .get_or_init(|| subject_key(reference, &own.raw))
            .as_ref()
    }
}

thread_local! {
    /// Whether a [`Scope`] is open on this thread.
    static SCOPE_OPEN: Cell<bool> = const { Cell::new(false) };
    /// The subjects built for the document being checked, with what they were built from.
    static SHARED: RefCell<Option<(Ident, Rc<Subjects>)>> = const { RefCell::new(None) };
    /// The claims-by-sentence index built for the document being checked (NC104–NC108
    /// each want one), with what it was built from.
    static SHARED_INDEX: RefCell<Option<(Ident, Rc<SentenceIndex>)>> =
        const { RefCell::new(None) };
}

/// Forgets what was shared for the last document.
fn clear_shared() {
    SHARED.with(|s| *s.borrow_mut() = None);
    SHARED_INDEX.with(|s| *s.borrow_mut() = None);
}

/// `cx`'s [`SentenceIndex`]: built once per document while a [`Scope`] is open, afresh
/// otherwise (see [`SentenceIndex::for_document`]).
pub(crate) fn sentence_index_for(cx: &Context<'_>) -> Rc<SentenceIndex> {
    if !SCOPE_OPEN.with(Cell::get) {
        return Rc::new(SentenceIndex::new(cx));
    }
    let id = ident(cx);
    let cached = SHARED_INDEX.with(|s| {
        s.borrow()
            .as_ref()
            .filter(|(i, _)| *i == id)
            .map(|(_, index)| Rc::clone(index))
    });
    cached.unwrap_or_else(|| {
        let index = Rc::new(SentenceIndex::new(cx));
        SHARED_INDEX.with(|s| *s.borrow_mut() = Some((id, Rc::clone(&index))));
        index
    })
}

/// What a shared [`Subjects`] was built from: the addresses of the claims, document and
/// reference, and the number of claims.
type Ident = (usize, usize, usize, usize);

fn ident(cx: &Context<'_>) -> Ident {
    (
        cx.claims.as_ptr() as usize,
        cx.claims.len(),
        cx.doc as *const _ as usize,
        cx.reference as *const _ as usize,
    )
}

/// While alive, the rules checking one document on this thread (NC103, NC111) share one
/// [`Subjects`] through [`Subjects::for_document`] instead of each building its own, and
/// NC104–NC108 one [`SentenceIndex`] through [`SentenceIndex::for_document`].
///
/// Opened by [`crate::check_document`] around one document; outside a scope every call
/// builds afresh, so nothing outlives the document it was built for.
pub struct Scope {
    /// Whether this scope opened the sharing (an inner scope leaves an outer one's alone).
    opened: bool,
}

impl Scope {
    /// Opens sharing for one document (or joins the scope already open on this thread).
    pub fn open() -> Scope {
        let opened = !SCOPE_OPEN.with(|o| o.replace(true));
        if opened {
            clear_shared();
        }
        Scope { opened }
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        if self.opened {
            clear_shared();
            SCOPE_OPEN.with(|o| o.set(false));
        }
    }
}

impl Subjects {
    /// The subjects of `cx`'s document: built once per document while a [`Scope`] is
    /// open, with every normalisation made so far; built afresh otherwise.
    pub fn for_document(cx: &Context<'_>) -> Rc<Subjects> {
        if !SCOPE_OPEN.with(Cell::get) {
            return Rc::new(Subjects::new(cx));
        }
        let id = ident(cx);
        let cached = SHARED.with(|s| {
            s.borrow()
                .as_ref()
                .filter(|(i, _)| *i == id)
                .map(|(_, subjects)| Rc::clone(subjects))
        });
        cached.unwrap_or_else(|| {
            let subjects = Rc::new(Subjects::new(cx));
            SHARED.with(|s| *s.borrow_mut() = Some((id, Rc::clone(&subjects))));
            subjects
        })
    }
}

/// True for the characters that end a clause when looking back from a figure
/// (`，,；;。()（）:：!！?？`, newline and quotes).
fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ','
            | '；'
            | ';'
            | '。'
            | '('
            | '（'
            | ')'
            | '）'
            | ':'
            | '：'
            | '!'
            | '！'
            | '?'
            | '？'
            | '\n'
            | '“'
            | '”'
            | '"'
    )
}

/// The first eight bytes of `s` (zero-padded) as a big-endian number: for two strings of
/// one length, ordered as the strings' first eight bytes are.
fn head(s: &str) -> u64 {
    let mut b = [0u8; 8];
    let n = s.len().min(8);
    b[..n].copy_from_slice(&s.as_bytes()[..n]);
    u64::from_be_bytes(b)
}

/// The bit of character `c` in [`Subjects`]' `first_mask`.
fn first_bit(c: char) -> u64 {
    1 << (u32::from(c) % 64)
}

/// The text of a listed form: subject `o`'s trimmed or determiner-free form.
fn form_of(own: &[Own], (o, stripped): (usize, bool)) -> &str {
    match own.get(o) {
        Some(r) if stripped => r.stripped(),
        Some(r) => r.trimmed(),
        None => "",
    }
}

/// The forms of one subject looked for in the text, in the order they are met, each with
/// whether it is the determiner-free one: none when nothing is left without the
/// determiners (see normalise_subject), and never a one-character form (国, 某 would match
/// almost anywhere).
fn own_forms(entry: &Own) -> impl Iterator<Item = (&str, bool)> + Clone {
    let (trimmed, stripped) = (entry.trimmed(), entry.stripped());
    // Without determiners the two forms are one string (`stripped` lies inside
    // `trimmed`): listed once, as the first of the two would be kept anyway.
    let distinct = stripped.len() != trimmed.len();
    let count = if stripped.is_empty() {
        0
    } else {
        1 + usize::from(distinct)
    };
    [(trimmed, false), (stripped, true)]
        .into_iter()
        .take(count)
        .filter(|(form, _)| form.chars().nth(1).is_some())
}

/// The forms of `own` looked for in the text, longest first (then by their bytes), each
/// listed once for the first subject it was met with, as (length, head, form, name).
fn listed_forms(own: &[Own]) -> Vec<(usize, u64, &str, (usize, bool))> {
    // Each form with its length and first eight bytes as a number, the sort keys
    // (computed once, not at every comparison).
    let mut forms: Vec<(usize, u64, &str, (usize, bool))> = Vec::with_capacity(2 * own.len());
    for (o, entry) in own.iter().enumerate() {
        for (form, stripped) in own_forms(entry) {
            forms.push((form.len(), head(form), form, (o, stripped)));
        }
    }
    // A form listed twice keeps its first subject: the sort is stable, so equal forms
    // end up side by side in the order they were met, and the first of each run stays.
    // Forms of one length are told apart by their first eight bytes as a number before
    // their text is compared (most differ there: a memcmp call less per comparison).
    forms.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.2.cmp(b.2))
    });
    forms.dedup_by(|b, a| a.2 == b.2);
    forms
}

/// How far back (in characters) a clause-local subject is looked for.
const CLAUSE_MAX_CHARS: usize = 30;

impl Subjects {
    /// Collects every claim subject of the article, with its determiner-free form.
    pub fn new(cx: &Context<'_>) -> Self {
        // Room for every distinct subject of an ordinary article up front (growing the list
        // one doubling at a time cost more than the rest of the build); at most one per
        // claim with a subject, and capped so an article of thousands of claims reserves
        // no more than the list would grow to anyway.
        let with_subject = cx.claims.iter().filter(|c| c.subject.is_some()).count();
        let mut own: Vec<Own> = Vec::with_capacity(with_subject.min(32));
        let mut of_claim: Vec<u32> = Vec::with_capacity(cx.claims.len());
        for c in cx.claims {
            let Some(raw) = c.subject.as_deref() else {
                of_claim.push(NO_OWN);
                continue;
            };
            // A subject written again adds nothing: its forms are already listed. Figures
            // in a row often share their subject, so the last one is tried first.
            let seen = of_claim
                .last()
                .copied()
                .filter(|&o| o != NO_OWN && own[o as usize].raw == raw)
                .map(|o| o as usize)
                .or_else(|| own.iter().position(|r| r.raw == raw));
            if let Some(o) = seen {
                of_claim.push(o as u32);
                continue;
            }
            let o = own.len();
            of_claim.push(o as u32);
            own.push(Own::new(raw));
        }
        Subjects {
            forms: OnceCell::new(),
            own,
            of_claim,
            memo: RefCell::default(),
        }
    }

    /// The index into `own` of `claim`'s subject `raw`: by the claim's position when it is
    /// one of the claims these subjects were built from, else by searching the list.
    fn own_index(&self, cx: &Context<'_>, claim: &Claim, raw: &str) -> Option<usize> {
        let by_position = cx
            .claims
            .get(claim.id)
            .filter(|c| std::ptr::eq(*c, claim))
            .and_then(|_| self.of_claim.get(claim.id))
            .filter(|&&o| o != NO_OWN)
            .map(|&o| o as usize)
            .filter(|&o| self.own.get(o).is_some_and(|r| r.raw == raw));
        by_position.or_else(|| self.own.iter().position(|r| r.raw == raw))
    }

    /// The distinct subject named last in `clause`; at equal ends, the form listed last in
    /// `names` (as `max_by_key` over every form's last occurrence would pick).
    fn last_named(&self, clause: &str) -> Option<usize> {
        let forms = self.forms.get_or_init(|| Forms::new(&self.own));
        let mut best: Option<(usize, usize)> = None;
        for (i, c) in clause.char_indices() {
            if forms.first_mask & first_bit(c) == 0 {
                continue;
            }
            let from = forms.by_first.partition_point(|&(f, _)| f < c);
            for &(_, n) in forms.by_first[from..].iter().take_while(|&&(f, _)| f == c) {
                let form = form_of(&self.own, forms.names[n]);
                if clause[i..].starts_with(form) {
                    let cand = (i + form.len(), n);
                    if best.map_or(true, |b| cand > b) {
                        best = Some(cand);
                    }
                }
            }
        }
        best.map(|(_, n)| forms.names[n].0)
    }

    /// The normalised subject of a claim: the one named last in its own clause before it,
    /// unless the claim's own subject is named there too; else the claim's own, provided it
    /// is named in the claim's sentence. A subject carried from an earlier sentence is a
    /// guess, and comparing on a guess would raise false alarms, so it yields `None`.
    pub fn of(&self, cx: &Context<'_>, claim: &Claim) -> Option<Rc<str>> {
        let raw = claim.subject.as_deref();
        let listed = raw.and_then(|r| self.own_index(cx, claim, r));
        // The subject's two forms, from the list when it is there (it always is for the
        // claims the list was built from).
        let (trimmed, stripped) = match (listed, raw) {
            (Some(o), _) => (self.own[o].trimmed(), self.own[o].stripped()),
            (None, Some(r)) => (trim_ws(r), strip_determiners(r)),
            (None, None) => ("", ""),
        };
        // `stripped` lies inside `trimmed`: of one length, they are one string, and a text
        // without the one has not the other.
        let distinct = !stripped.is_empty() && stripped.len() != trimmed.len();
        let named_in = |text: &str| {
            raw.is_some() && (text.contains(trimmed) || (distinct && text.contains(stripped)))
        };
        let own = || match (listed, raw) {
            (Some(o), _) => self.key_of(cx.reference, o).cloned(),
            (None, Some(r)) => subject_key(cx.reference, r),
            (None, None) => None,
        };
        let clause = clause_before(cx, claim);
        if named_in(clause) {
            return own();
        }
        // The name ending closest to the figure; at equal ends the one listed last.
        if let Some(o) = self.last_named(clause) {
            return self.key_of(cx.reference, o).cloned();
        }
        let sentence = cx
            .sentences
            .get(claim.sentence)
            .and_then(|s| cx.doc.text.get(s.start..s.end))
            .unwrap_or("");
        if named_in(sentence) {
            own()
        } else {
            None
        }
    }

    /// [`normalise_metric`], remembered by written form.
    fn metric(&self, reference: &Reference, metric: &str) -> Option<Rc<str>> {
        let mut memo = self.memo.borrow_mut();
        if let Some((_, m)) = memo.metrics.iter().find(|(w, _)| w == metric) {
            return m.clone();
        }
        let m: Option<Rc<str>> = metric_key(reference, metric);
        memo.metrics.push((metric.to_string(), m.clone()));
        m
    }

    /// The empty segment, allocated once.
    fn no_segment(&self) -> Rc<str> {
        let mut memo = self.memo.borrow_mut();
        Rc::clone(memo.no_segment.get_or_insert_with(|| Rc::from("")))
    }

    /// [`normalise_segment`], remembered by written form.
    fn segment(&self, reference: &Reference, segment: &str) -> Rc<str> {
        let mut memo = self.memo.borrow_mut();
        if let Some((_, s)) = memo.segments.iter().find(|(w, _)| w == segment) {
            return s.clone();
        }
        let s: Rc<str> = segment_key(reference, segment);
        memo.segments.push((segment.to_string(), s.clone()));
        s
    }
}

/// The text of a claim's clause before it (up to [`CLAUSE_MAX_CHARS`] characters).
fn clause_before<'a>(cx: &Context<'a>, claim: &Claim) -> &'a str {
    let text = &cx.doc.text;
    let end = claim.span.start.min(text.len());
    let mut start = end;
    for (n, (i, c)) in text[..end].char_indices().rev().enumerate() {
        if n >= CLAUSE_MAX_CHARS || is_clause_break(c) {
            break;
        }
        start = i;
    }
    &text[start..end]
}

/// The series a claim belongs to, if it has both a subject and a metric.
pub fn series_key(cx: &Context<'_>, subjects: &Subjects, claim: &Claim) -> Option<SeriesKey> {
    // The metric first: it is remembered by written form, and a claim without one needs no
    // subject resolved.
    let (metric, segment) = metric_and_segment(cx, subjects, claim)?;
    let subject = subjects.of(cx, claim)?;
    Some(SeriesKey {
        subject,
        segment,
        metric,
    })
}

/// The normalised metric and segment of a claim's series: [`series_key`] without the
/// subject, `None` when the claim has no metric (and so no series).
///
/// Both are remembered by written form, so this is cheap; resolving the subject is what
/// costs. A rule can use it to drop the figures that share metric and segment with no
/// other figure (and so can share a series with none) before resolving any subject.
pub fn metric_and_segment(
    cx: &Context<'_>,
    subjects: &Subjects,
    claim: &Claim,
) -> Option<(Rc<str>, Rc<str>)> {
    let metric = subjects.metric_of(cx, claim)?;
    Some((metric, subjects.segment_of(cx, claim)))
}

impl Subjects {
    /// The normalised metric of `claim`'s series (`None` without one), remembered by
    /// written form.
    pub fn metric_of(&self, cx: &Context<'_>, claim: &Claim) -> Option<Rc<str>> {
        self.metric(cx.reference, claim.metric.as_deref()?)
    }

    /// The normalised segment of `claim`'s series (empty without one), remembered by
    /// written form.
    pub fn segment_of(&self, cx: &Context<'_>, claim: &Claim) -> Rc<str> {
        claim
            .segment
            .as_deref()
            .map(|s| self.segment(cx.reference, s))
            .unwrap_or_else(|| self.no_segment())
    }
}

/// Indefinite determiners that introduce an unnamed member of a class.
const DETERMINERS: &[&str] = &[
    "某一", "某个", "某家", "某款", "某位", "某", "一家", "一款", "一个", "一位",
];
/// Evaluative words that may follow a determiner without narrowing the class named after them.
const EVALUATIVE: &[&str] = &["主流", "知名", "头部", "领先", "大型"];

/// A subject without a leading determiner phrase (`某主流国产AI芯片` → `国产AI芯片`).
pub fn strip_determiners(subject: &str) -> &str {
    let mut s = trim_ws(subject);
    // Every determiner starts with 某 (E6 9F 90) or 一 (E4 B8 80): most subjects are left
    // alone at one test of their first bytes, no character decoded.
    if !matches!(
        s.as_bytes(),
        [0xe6, 0x9f, 0x90, ..] | [0xe4, 0xb8, 0x80, ..]
    ) {
        return s;
    }
    if let Some(d) = DETERMINERS.iter().find(|d| s.starts_with(**d)) {
        s = &s[d.len()..];
        while let Some(e) = EVALUATIVE.iter().find(|e| s.starts_with(**e)) {
            s = &s[e.len()..];
        }
    }
    trim_ws(s)
}

/// A subject reduced to what identifies it; `None` when nothing is left.
pub fn normalise_subject(reference: &Reference, subject: &str) -> Option<String> {
    let s = strip_determiners(subject);
    (!s.is_empty()).then(|| canonical_or_folded(reference, AliasKind::Entity, s))
}

/// A segment reduced to the region or line it names (`中国市场` → `中国`).
pub fn normalise_segment(reference: &Reference, segment: &str) -> String {
    let s = segment.trim();
    if let Some(c) = reference.canonical(AliasKind::Segment, s) {
        return c.to_string();
    }
    match ["市场", "地区"]
        .iter()
        .find_map(|suffix| s.strip_suffix(suffix).filter(|r| !r.is_empty()))
    {
        Some(r) => canonical_or_folded(reference, AliasKind::Segment, r),
        // Nothing stripped: the lookup above already found no alias for `s`.
        None => s.to_ascii_lowercase(),
    }
}

/// Metric synonyms: every word in a row means its first word.
const METRIC_SYNONYMS: &[&[&str]] = &[
    &["出货", "出货量", "发货量", "发货"],
    &["收入", "营收", "营业收入", "总收入", "总营收"],
    &["净利润", "净利"],
    &["销量", "销售量"],
    &["交付量", "交付"],
    &["进出口", "进出口总值", "进出口额", "贸易总值"],
    &["贸易顺差", "顺差"],
    &["贸易逆差", "逆差"],
    &["净亏损", "亏损"],
    &["销售额", "销售收入"],
    &["份额", "市场份额", "市占率", "市场占有率"],
];

/// A metric reduced to its canonical word; `None` for an empty metric.
pub fn normalise_metric(reference: &Reference, metric: &str) -> Option<String> {
    let m = metric.trim();
    if m.is_empty() {
        return None;
    }
    if let Some(c) = reference.canonical(AliasKind::Metric, m) {
        return Some(c.to_string());
    }
    for row in METRIC_SYNONYMS {
        if row.contains(&m) {
            return Some(row[0].to_string());
        }
    }
    Some(m.to_ascii_lowercase())
}

// The keys are kept as `Rc<str>`: the `*_key` functions below make each in one allocation,
// where `Rc::from` of the `String` the `normalise_*` functions return makes a second one
// and copies. They answer as those functions do (a property test compares them).

/// [`normalise_subject`] as a shared string.
fn subject_key(reference: &Reference, subject: &str) -> Option<Rc<str>> {
    let s = strip_determiners(subject);
    (!s.is_empty()).then(|| canonical_or_folded_key(reference, AliasKind::Entity, s))
}

/// [`normalise_segment`] as a shared string.
fn segment_key(reference: &Reference, segment: &str) -> Rc<str> {
    let s = trim_ws(segment);
    if let Some(c) = reference.canonical(AliasKind::Segment, s) {
        return Rc::from(c);
    }
    match ["市场", "地区"]
        .iter()
        .find_map(|suffix| s.strip_suffix(suffix).filter(|r| !r.is_empty()))
    {
        Some(r) => canonical_or_folded_key(reference, AliasKind::Segment, r),
        None => folded_key(s),
    }
}

/// [`normalise_metric`] as a shared string.
fn metric_key(reference: &Reference, metric: &str) -> Option<Rc<str>> {
    let m = trim_ws(metric);
    if m.is_empty() {
        return None;
    }
    if let Some(c) = reference.canonical(AliasKind::Metric, m) {
        return Some(Rc::from(c));
    }
    for row in METRIC_SYNONYMS {
        if row.contains(&m) {
            return Some(Rc::from(row[0]));
        }
    }
    Some(folded_key(m))
}

/// [`canonical_or_folded`] as a shared string.
fn canonical_or_folded_key(reference: &Reference, kind: AliasKind, s: &str) -> Rc<str> {
    match reference.canonical(kind, s) {
        Some(c) => Rc::from(c),
        None => folded_key(s),
    }
}

/// `s` with ASCII folded to lower case, copied once (most names have no capital to fold).
fn folded_key(s: &str) -> Rc<str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Rc::from(s.to_ascii_lowercase())
    } else {
        Rc::from(s)
    }
}

fn canonical_or_folded(reference: &Reference, kind: AliasKind, s: &str) -> String {
    reference
        .canonical(kind, s)
        .map(str::to_string)
        .unwrap_or_else(|| s.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    #[test]
    fn strips_determiners_only_with_what_follows_them() {
        let r = Reference::empty();
        let n = |s| normalise_subject(&r, s).unwrap();
        assert_eq!(n("某主流国产AI芯片"), "国产ai芯片");
        assert_eq!(n("国产AI芯片"), "国产ai芯片");
        assert_eq!(n("主流国产AI芯片"), "主流国产ai芯片");
        assert_eq!(n("一家头部车企"), "车企");
        assert!(normalise_subject(&r, "某").is_none());
    }

    #[test]
    fn metric_synonyms_meet() {
        let r = Reference::empty();
        assert_eq!(normalise_metric(&r, "出货量"), normalise_metric(&r, "出货"));
        assert_eq!(normalise_metric(&r, "营收"), normalise_metric(&r, "收入"));
        assert_ne!(normalise_metric(&r, "营收"), normalise_metric(&r, "净利润"));
    }

    proptest::proptest! {
        /// The shared-string keys are the `normalise_*` strings, with the bundled aliases.
        #[test]
        fn keys_agree_with_the_normalised_strings(
            name in proptest::collection::vec(
                proptest::sample::select(vec![
                    "某", "一家", "主流", "头部", "英伟达", "NVIDIA", "Nvidia", "华为", "国产",
                    "AI", "ai", "芯片", "中国", "大陆", "市场", "地区", "全球", "出货", "量",
                    "营收", "收入", "净利", "润", "份额", " ", "\u{3000}", "Apple", "苹果",
                ]),
                0..5,
            )
            .prop_map(|v: Vec<&str>| v.concat())
        ) {
            let r = bundled();
            proptest::prop_assert_eq!(
                subject_key(r, &name).map(|k| k.to_string()),
                normalise_subject(r, &name)
            );
            proptest::prop_assert_eq!(segment_key(r, &name).to_string(), normalise_segment(r, &name));
            proptest::prop_assert_eq!(
                metric_key(r, &name).map(|k| k.to_string()),
                normalise_metric(r, &name)
            );
        }
    }

    /// The form list as `Subjects::new` built it before the sort keys were kept with the
    /// forms: both forms of every subject, sorted and deduplicated.
    fn listed_forms_before(own: &[Own]) -> Vec<(usize, bool)> {
        let mut forms: Vec<(&str, (usize, bool))> = Vec::new();
        for (o, entry) in own.iter().enumerate() {
            if entry.stripped().is_empty() {
                continue;
            }
            for (form, stripped) in [(entry.trimmed(), false), (entry.stripped(), true)] {
                if form.chars().nth(1).is_some() {
                    forms.push((form, (o, stripped)));
                }
            }
        }
        forms.sort_by(|a, b| {
            b.0.len()
                .cmp(&a.0.len())
                .then_with(|| head(a.0).cmp(&head(b.0)))
                .then_with(|| a.0.cmp(b.0))
        });
        forms.dedup_by(|b, a| a.0 == b.0);
        forms.into_iter().map(|(_, name)| name).collect()
    }

    proptest::proptest! {
        /// The forms, their order and the subject each stands for are as before.
        #[test]
        fn forms_listed_as_before(
            subjects in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "某", "一家", "主流", "头部", "英伟达", "国产", "AI", "芯片", "车企",
                        "比亚迪", " ", "国", "A", "华为海思半导体有限公司",
                    ]),
                    0..4,
                )
                .prop_map(|v: Vec<&str>| v.concat()),
                0..12,
            )
        ) {
            let own: Vec<Own> = subjects.iter().map(|r| Own::new(r)).collect();
            let now: Vec<(usize, bool)> = listed_forms(&own).into_iter().map(|f| f.3).collect();
            proptest::prop_assert_eq!(now, listed_forms_before(&own));
        }
    }

    /// [`Subjects::display`] as it was: a walk of the sorted form list, resolving the key
    /// of every listed subject. The oracle of the walk over the subjects.
    fn display_before<'a>(subjects: &'a Subjects, reference: &Reference, key: &'a str) -> &'a str {
        let names: Vec<(usize, bool)> = listed_forms(&subjects.own)
            .into_iter()
            .map(|f| f.3)
            .collect();
        names
            .iter()
            .filter(|(o, _)| subjects.key_of(reference, *o).map(|k| &**k) == Some(key))
            .map(|&name| form_of(&subjects.own, name))
            .min_by_key(|f| f.len())
            .unwrap_or(key)
    }

    proptest::proptest! {
        /// The subject printed for a key is the one the sorted form list gave, whichever
        /// keys were resolved before.
        #[test]
        fn display_agrees_with_the_form_list(
            subjects in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "某", "一家", "主流", "头部", "英伟达", "NVIDIA", "Nvidia", "国产", "AI",
                        "芯片", "车企", "比亚迪", " ", "国", "A", "华为", "苹果", "Apple",
                    ]),
                    0..4,
                )
                .prop_map(|v: Vec<&str>| v.concat()),
                0..10,
            ),
            resolved in proptest::collection::vec(proptest::bool::ANY, 10),
            extra in "[a-z国产]{0,3}",
        ) {
            let r = bundled();
            let make = || Subjects {
                forms: OnceCell::new(),
                own: subjects.iter().map(|raw| Own::new(raw)).collect(),
                of_claim: Vec::new(),
                memo: RefCell::default(),
            };
            let mut keys: Vec<String> = subjects
                .iter()
                .filter_map(|raw| subject_key(r, raw).map(|k| k.to_string()))
                .collect();
            keys.push(extra);
            for key in &keys {
                let (now, before) = (make(), make());
                // Some keys resolved beforehand, as a rule's comparisons leave them.
                for (o, _) in resolved.iter().enumerate().filter(|(_, yes)| **yes) {
                    let _ = now.key_of(r, o);
                }
                proptest::prop_assert_eq!(now.display(r, key), display_before(&before, r, key));
            }
        }
    }

    /// The bundled reference, loaded once for the property test.
    fn bundled() -> &'static Reference {
        static R: std::sync::OnceLock<Reference> = std::sync::OnceLock::new();
        R.get_or_init(Reference::bundled)
    }

    #[test]
    fn segments_drop_market_words_only() {
        let r = Reference::empty();
        assert_eq!(normalise_segment(&r, "中国市场"), "中国");
        assert_eq!(normalise_segment(&r, "中国大陆地区"), "中国大陆");
        assert_ne!(
            normalise_segment(&r, "中国"),
            normalise_segment(&r, "中国大陆")
        );
        assert_eq!(normalise_segment(&r, "市场"), "市场");
    }
}
