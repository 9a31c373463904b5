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
    /// (form as written in the text, index into `own` of the subject it normalises as),
    /// longest form first.
    names: Vec<(String, usize)>,
    /// (first character of a form, index into `names`), sorted, so a clause is scanned once
    /// instead of once per name.
    by_first: Vec<(char, usize)>,
    /// Each distinct claim subject as written, with its normalised key once computed.
    own: Vec<(String, OnceCell<Option<Rc<str>>>)>,
    /// Normalised metrics and segments met so far, by written form.
    memo: RefCell<Memo>,
}

/// Normalisations remembered by written form (a handful per article, so a list).
#[derive(Debug, Clone, Default)]
struct Memo {
    metrics: Vec<(String, Option<Rc<str>>)>,
    segments: Vec<(String, Rc<str>)>,
}

impl Subjects {
    /// How to print a normalised subject: its first determiner-free form as written.
    pub fn display<'a>(&'a self, reference: &Reference, key: &'a str) -> &'a str {
        self.names
            .iter()
            .filter(|(_, o)| self.key_of(reference, *o).map(|k| &**k) == Some(key))
            .map(|(f, _)| f.as_str())
            .min_by_key(|f| f.len())
            .unwrap_or(key)
    }

    /// The normalised key of distinct subject `o`, computed on first use.
    fn key_of(&self, reference: &Reference, o: usize) -> Option<&Rc<str>> {
        let (raw, key) = self.own.get(o)?;
        key.get_or_init(|| normalise_subject(reference, raw).map(Rc::from))
            .as_ref()
    }
}

thread_local! {
    /// Whether a [`Scope`] is open on this thread.
    static SCOPE_OPEN: Cell<bool> = const { Cell::new(false) };
    /// The subjects built for the document being checked, with what they were built from.
    static SHARED: RefCell<Option<(Ident, Rc<Subjects>)>> = const { RefCell::new(None) };
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
/// [`Subjects`] through [`Subjects::for_document`] instead of each building its own.
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
            SHARED.with(|s| *s.borrow_mut() = None);
        }
        Scope { opened }
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        if self.opened {
            SHARED.with(|s| *s.borrow_mut() = None);
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

/// How far back (in characters) a clause-local subject is looked for.
const CLAUSE_MAX_CHARS: usize = 30;

impl Subjects {
    /// Collects every claim subject of the article, with its determiner-free form.
    pub fn new(cx: &Context<'_>) -> Self {
        let mut names: Vec<(String, usize)> = Vec::new();
        let mut own: Vec<(String, OnceCell<Option<Rc<str>>>)> = Vec::new();
        for raw in cx.claims.iter().filter_map(|c| c.subject.as_deref()) {
            // A subject written again adds nothing: its forms are already listed.
            if own.iter().any(|(r, _)| r == raw) {
                continue;
            }
            let o = own.len();
            own.push((raw.to_string(), OnceCell::new()));
            // No key when nothing is left without the determiners (see normalise_subject).
            if strip_determiners(raw).is_empty() {
                continue;
            }
            for form in [raw.trim(), strip_determiners(raw)] {
                // One-character forms (国, 某) would match almost anywhere.
                if form.chars().count() >= 2 && !names.iter().any(|(f, _)| f == form) {
                    names.push((form.to_string(), o));
                }
            }
        }
        names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let mut by_first: Vec<(char, usize)> = names
            .iter()
            .enumerate()
            .filter_map(|(i, (f, _))| f.chars().next().map(|c| (c, i)))
            .collect();
        by_first.sort_unstable();
        Subjects {
            names,
            by_first,
            own,
            memo: RefCell::default(),
        }
    }

    /// The normalised form of a claim's own subject, as [`normalise_subject`] gives it.
    fn own_key(&self, reference: &Reference, raw: &str) -> Option<Rc<str>> {
        match self.own.iter().position(|(r, _)| r == raw) {
            Some(o) => self.key_of(reference, o).cloned(),
            None => normalise_subject(reference, raw).map(Rc::from),
        }
    }

    /// The distinct subject named last in `clause`; at equal ends, the form listed last in
    /// `names` (as `max_by_key` over every form's last occurrence would pick).
    fn last_named(&self, clause: &str) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        for (i, c) in clause.char_indices() {
            let from = self.by_first.partition_point(|&(f, _)| f < c);
            for &(_, n) in self.by_first[from..].iter().take_while(|&&(f, _)| f == c) {
                let form = &self.names[n].0;
                if clause[i..].starts_with(form.as_str()) {
                    let cand = (i + form.len(), n);
                    if best.map_or(true, |b| cand > b) {
                        best = Some(cand);
                    }
                }
            }
        }
        best.map(|(_, n)| self.names[n].1)
    }

    /// The normalised subject of a claim: the one named last in its own clause before it,
    /// unless the claim's own subject is named there too; else the claim's own, provided it
    /// is named in the claim's sentence. A subject carried from an earlier sentence is a
    /// guess, and comparing on a guess would raise false alarms, so it yields `None`.
    pub fn of(&self, cx: &Context<'_>, claim: &Claim) -> Option<Rc<str>> {
        let named_in = |text: &str| {
            claim.subject.as_deref().is_some_and(|raw| {
                let stripped = strip_determiners(raw);
                text.contains(raw.trim()) || (!stripped.is_empty() && text.contains(stripped))
            })
        };
        let own = || {
            claim
                .subject
                .as_deref()
                .and_then(|s| self.own_key(cx.reference, s))
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
        let m: Option<Rc<str>> = normalise_metric(reference, metric).map(Rc::from);
        memo.metrics.push((metric.to_string(), m.clone()));
        m
    }

    /// [`normalise_segment`], remembered by written form.
    fn segment(&self, reference: &Reference, segment: &str) -> Rc<str> {
        let mut memo = self.memo.borrow_mut();
        if let Some((_, s)) = memo.segments.iter().find(|(w, _)| w == segment) {
            return s.clone();
        }
        let s: Rc<str> = Rc::from(normalise_segment(reference, segment));
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
    let subject = subjects.of(cx, claim)?;
    let metric = subjects.metric(cx.reference, claim.metric.as_deref()?)?;
    let segment = claim
        .segment
        .as_deref()
        .map(|s| subjects.segment(cx.reference, s))
        .unwrap_or_else(|| Rc::from(""));
    Some(SeriesKey {
        subject,
        segment,
        metric,
    })
}

/// Indefinite determiners that introduce an unnamed member of a class.
const DETERMINERS: &[&str] = &[
    "某一", "某个", "某家", "某款", "某位", "某", "一家", "一款", "一个", "一位",
];
/// Evaluative words that may follow a determiner without narrowing the class named after them.
const EVALUATIVE: &[&str] = &["主流", "知名", "头部", "领先", "大型"];

/// A subject without a leading determiner phrase (`某主流国产AI芯片` → `国产AI芯片`).
pub fn strip_determiners(subject: &str) -> &str {
    let mut s = subject.trim();
    // Every determiner starts with 某 or 一: most subjects are left alone at one test.
    if !s.starts_with(['某', '一']) {
        return s;
    }
    if let Some(d) = DETERMINERS.iter().find(|d| s.starts_with(**d)) {
        s = &s[d.len()..];
        while let Some(e) = EVALUATIVE.iter().find(|e| s.starts_with(**e)) {
            s = &s[e.len()..];
        }
    }
    s.trim()
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

fn canonical_or_folded(reference: &Reference, kind: AliasKind, s: &str) -> String {
    reference
        .canonical(kind, s)
        .map(str::to_string)
        .unwrap_or_else(|| s.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

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
