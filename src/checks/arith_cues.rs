//! Text cues and claim indexes shared by the arithmetic rules NC104–NC108: claims grouped by
//! sentence, text between claims, and the words that link figures (也就是说, 其中, 占, 分别 …).
//!
//! Everything here is an index built once per document (claims are in text order), so rules
//! look at a claim's sentence and its neighbours instead of comparing all pairs of claims.

use super::Context;
use crate::claim::{Claim, ClaimId, ClaimKind, Unit, UnitKind};
use crate::document::{utf8_len, Span};

/// Claim ids grouped by sentence index (`of(s)` lists sentence `s`'s claims in order).
///
/// Built in the claims' number, not the sentences': an article has far more sentences
/// than claims, and most sentences hold none.
pub struct SentenceIndex {
    /// Sentence of each entry of `ids`, ascending.
    sentences: Vec<usize>,
    /// Claim ids grouped by sentence, each group in claim order.
    ids: Vec<ClaimId>,
}

impl SentenceIndex {
    /// Groups the context's claims by the sentence they sit in.
    pub fn new(cx: &Context<'_>) -> Self {
        let n = cx.sentences.len();
        let mut sentences = Vec::with_capacity(cx.claims.len());
        let mut ids = Vec::with_capacity(cx.claims.len());
        let mut sorted = true;
        for c in cx.claims {
            if c.sentence < n {
                sorted &= sentences.last().map_or(true, |&l| l <= c.sentence);
                sentences.push(c.sentence);
                ids.push(c.id);
            }
        }
        // Claims come in text order, so this is already sorted; a stable sort keeps each
        // sentence's claims in claim order if not.
        if !sorted {
            let mut pairs: Vec<(usize, ClaimId)> = sentences.into_iter().zip(ids).collect();
            pairs.sort_by_key(|&(s, _)| s);
            (sentences, ids) = pairs.into_iter().unzip();
        }
        SentenceIndex { sentences, ids }
    }

    /// The index of `cx`'s document, shared by the rules checking it while a
    /// [`series_key::Scope`](crate::checks::series_key::Scope) is open (built once per
    /// document, not once per rule).
    pub fn for_document(cx: &Context<'_>) -> std::rc::Rc<SentenceIndex> {
        crate::checks::series_key::sentence_index_for(cx)
    }

    /// Each sentence that holds claims, ascending, with its claims in order.
    pub fn groups(&self) -> impl Iterator<Item = (usize, &[ClaimId])> + '_ {
        let mut from = 0;
        self.sentences.chunk_by(|a, b| a == b).map(move |run| {
            let group = (run[0], &self.ids[from..from + run.len()]);
            from += run.len();
            group
        })
    }

    /// The claims of sentence `s` (empty when out of range).
    pub fn of(&self, s: usize) -> &[ClaimId] {
        let from = self.sentences.partition_point(|&x| x < s);
        let to = from + self.sentences[from..].partition_point(|&x| x <= s);
        &self.ids[from..to]
    }
}

/// The span of a claim's sentence (the claim's own span if the index is off).
pub fn sentence_span(cx: &Context<'_>, claim: &Claim) -> Span {
    cx.sentences
        .get(claim.sentence)
        .copied()
        .filter(|s| s.start <= claim.span.start && claim.span.end <= s.end)
        .unwrap_or(claim.span)
}

/// The paragraph (0-based line) of sentence `s`, or `None` if out of range.
pub fn paragraph(cx: &Context<'_>, s: usize) -> Option<usize> {
    cx.sentences.get(s).map(|sp| cx.doc.line_index(sp.start))
}

/// The text strictly between two spans (empty if they overlap or are out of order).
pub fn between<'a>(cx: &Context<'a>, a: Span, b: Span) -> &'a str {
    if a.end <= b.start && b.start <= cx.doc.text.len() {
        cx.doc.text.get(a.end..b.start).unwrap_or("")
    } else {
        ""
    }
}

/// Bytes before a claim that [`before_in_sentence`] returns at most (about 340 Chinese
/// characters, longer than any real sentence): rules search it once per claim, and a
/// sentence that never ends (a scraped page without 。) must not make that quadratic.
const BEFORE_WINDOW: usize = 1024;

/// The text of the claim's sentence before the claim (at most [`BEFORE_WINDOW`] bytes).
pub fn before_in_sentence<'a>(cx: &Context<'a>, claim: &Claim) -> &'a str {
    let s = sentence_span(cx, claim);
    let text = &cx.doc.text;
    let mut start = s.start.max(claim.span.start.saturating_sub(BEFORE_WINDOW));
    while start < claim.span.start && !text.is_char_boundary(start) {
        start += 1;
    }
    text.get(start..claim.span.start).unwrap_or("")
}

/// Characters that end a clause inside a sentence.
pub fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '：' | ':' | '。')
}

/// The clause before a claim: text from the last clause break before it up to the claim.
pub fn clause_before<'a>(cx: &Context<'a>, claim: &Claim) -> &'a str {
    let pre = before_in_sentence(cx, claim);
    match pre.char_indices().rev().find(|&(_, c)| is_clause_break(c)) {
        Some((i, c)) => &pre[i + c.len_utf8()..],
        None => pre,
    }
}

/// True for a percent share (份额, 占比 …) with a value.
pub fn is_share(c: &Claim) -> bool {
    c.kind == ClaimKind::Share && c.is_quantity() && super::tolerance::is_percent(c.unit.as_ref())
}

/// True for an amount with a non-percent unit (60万枚, 171亿美元, 48万辆).
pub fn is_amount(c: &Claim) -> bool {
    c.kind == ClaimKind::Level
        && c.is_quantity()
        && matches!(
            c.unit.as_ref().map(|u| u.kind),
            Some(UnitKind::Currency | UnitKind::Measure)
        )
}

/// True when two units can be added or divided: same family and code.
pub fn same_unit(a: Option<&Unit>, b: Option<&Unit>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.kind == b.kind && a.code == b.code,
        _ => false,
    }
}

/// True when both claims name periods and the periods differ.
pub fn periods_conflict(a: &Claim, b: &Claim) -> bool {
    matches!((&a.period, &b.period), (Some(x), Some(y)) if x != y)
}

/// True when two optional names are both known and neither contains the other.
pub fn names_differ(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() => !(a.contains(b) || b.contains(a)),
        _ => false,
    }
}

/// True when two optional names are both known and one contains the other.
pub fn names_match(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() => a.contains(b) || b.contains(a),
        _ => false,
    }
}

/// True when `text` only joins list items (、，和 与 及 以及 and spaces).
pub fn is_list_glue(text: &str) -> bool {
    let t = text.replace("以及", "");
    t.chars()
        .all(|c| c.is_whitespace() || matches!(c, '、' | '，' | ',' | '和' | '与' | '及' | '跟'))
}

/// Words that announce a figure as a consequence of figures before it.
const DERIVATION: &[&str] = &[
    "也就是说",
    "这意味着",
    "意味着",
    "换言之",
    "换句话说",
    "由此可见",
    "由此计算",
    "据此计算",
    "据此",
    "测算",
    "算下来",
    "折合",
];

/// True when `text` holds a derivation connector (也就是说, 即, 这意味着, 换言之 …).
///
/// A bare 即 counts only as a connector, not inside 即使/即便/即将/立即/随即/当即/即可/即时.
/// One pass over `text` (it may be a whole sentence): a word is tried only where its first
/// character stands.
pub fn has_derivation_connector(text: &str) -> bool {
    // Only the places a connector may start are looked at (most texts hold none, and the
    // rest few), by the byte walk of [`CONNECTOR_FIRST`]; the characters around a 即 are
    // decoded where it stands. The text is walked once, no character decoded on the way.
    for i in CONNECTOR_FIRST.starts_in(text) {
        let rest = text.get(i..).unwrap_or_default();
        if rest.starts_with('即') {
            let prev = text.get(..i).and_then(|t| t.chars().next_back());
            let next = rest.get('即'.len_utf8()..).and_then(|t| t.chars().next());
            if !matches!(prev, Some('立' | '随' | '当' | '旋'))
                && !matches!(
                    next,
                    Some('使' | '便' | '将' | '可' | '时' | '刻' | '日' | '期' | '兴' | '位')
                )
            {
                return true;
            }
        } else if starts_any(rest, DERIVATION) {
            return true;
        }
    }
    false
}

/// [`has_derivation_connector`] as it was, decoding every character after a first test of
/// the text: the test oracle of the walk over first-character stops.
#[cfg(test)]
fn has_derivation_connector_by_chars(text: &str) -> bool {
    // Most texts hold none of the characters a connector starts with.
    if !CONNECTOR_FIRST.may_start_in(text) {
        return false;
    }
    let mut prev: Option<char> = None;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == '即' {
            let next = it.peek().map(|&(_, n)| n);
            if !matches!(prev, Some('立' | '随' | '当' | '旋'))
                && !matches!(
                    next,
                    Some('使' | '便' | '将' | '可' | '时' | '刻' | '日' | '期' | '兴' | '位')
                )
            {
                return true;
            }
        } else if derivation_first(c) && starts_any(&text[i..], DERIVATION) {
            return true;
        }
        prev = Some(c);
    }
    false
}

/// The characters [`has_derivation_connector`] acts on: 即 and those of
/// [`derivation_first`].
const CONNECTOR_FIRST: FirstChars =
    FirstChars::of(&["即", "也", "这", "意", "换", "由", "据", "测", "算", "折"]);

/// True for the first character of a [`DERIVATION`] word (the character walk of the test
/// oracle; the rule walks [`CONNECTOR_FIRST`]).
#[cfg(test)]
fn derivation_first(c: char) -> bool {
    matches!(
        c,
        '也' | '这' | '意' | '换' | '由' | '据' | '测' | '算' | '折'
    )
}

/// True when `text` starts with one of `words`.
pub fn starts_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| starts_with_word(text, w))
}

/// `text.starts_with(word)`, told apart first by the word's last byte: one compare, where
/// `starts_with` calls a library compare, and most words tried at a place (they share its
/// first character, often only its first byte) do not end as the text goes on.
fn starts_with_word(text: &str, word: &str) -> bool {
    match word.as_bytes().last() {
        Some(&last) => text.as_bytes().get(word.len() - 1) == Some(&last) && text.starts_with(word),
        None => true,
    }
}

/// `text.trim()`, answered from the bytes of the first and last characters when neither
/// is whitespace (names and lines of Chinese text almost never start or end with one), so
/// no character is decoded or looked up.
pub fn trim_ws(text: &str) -> &str {
    let b = text.as_bytes();
    if space_at_start(b) || space_at_end(b) {
        text.trim()
    } else {
        text
    }
}

// The Unicode White_Space characters `char::is_whitespace` knows, by their UTF-8 bytes:
// U+0009–U+000D, U+0020; U+0085, U+00A0 (C2 ..); U+1680 (E1 9A 80); U+2000–U+200A,
// U+2028, U+2029, U+202F (E2 80 ..); U+205F (E2 81 9F); U+3000 (E3 80 80).

/// True when `b` starts with a whitespace character.
fn space_at_start(b: &[u8]) -> bool {
    matches!(
        b,
        [0x09..=0x0d | 0x20, ..]
            | [0xc2, 0x85 | 0xa0, ..]
            | [0xe1, 0x9a, 0x80, ..]
            | [0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf, ..]
            | [0xe2, 0x81, 0x9f, ..]
            | [0xe3, 0x80, 0x80, ..]
    )
}

/// True when `b` ends with a whitespace character (a lead byte among the last bytes starts
/// the last character).
fn space_at_end(b: &[u8]) -> bool {
    matches!(
        b,
        [.., 0x09..=0x0d | 0x20]
            | [.., 0xc2, 0x85 | 0xa0]
            | [.., 0xe1, 0x9a, 0x80]
            | [.., 0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf]
            | [.., 0xe2, 0x81, 0x9f]
            | [.., 0xe3, 0x80, 0x80]
    )
}

/// True when `text` contains one of `words`, in one pass: a word is tried only where
/// `first` accepts the character, so `first` must accept the first character of every word.
pub fn contains_any(text: &str, words: &[&str], first: impl Fn(char) -> bool) -> bool {
    text.char_indices()
        .any(|(i, c)| first(c) && starts_any(&text[i..], words))
}

/// The first of `words` (in list order) that `text` contains, in one pass over `text`;
/// `first` must accept the first character of every word.
pub fn first_contained<'w>(
    text: &str,
    words: &[&'w str],
    first: impl Fn(char) -> bool,
) -> Option<&'w str> {
    let mut best: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if !first(c) {
            continue;
        }
        let rest = &text[i..];
        let limit = best.unwrap_or(words.len());
        if let Some(k) = words[..limit].iter().position(|w| rest.starts_with(w)) {
            best = Some(k);
            if k == 0 {
                break;
            }
        }
    }
    best.map(|k| words[k])
}

/// The first characters of a word list, for telling quickly that a text holds none of the
/// words: a walk over the text's bytes, no character decoded.
///
/// ASCII characters are kept exactly; others by the low twelve bits of their last two bytes
/// (for three-byte characters, Han among them) or by their length alone, so a text may be
/// said to hold a first character it lacks (then the exact search decides), never the
/// other way round.
#[derive(Debug, Clone, Copy)]
pub struct FirstChars {
    ascii: u128,
    /// Bit `(b1 & 63) << 6 | (b2 & 63)` for every three-byte first character `[lead, b1, b2]`.
    three: [u64; 64],
    /// Whether some first character takes two or four bytes.
    other: bool,
}

impl FirstChars {
    /// The first characters of `words`.
    pub const fn of(words: &[&str]) -> FirstChars {
        let mut set = FirstChars {
            ascii: 0,
            three: [0; 64],
            other: false,
        };
        let mut k = 0;
        while k < words.len() {
            let w = words[k].as_bytes();
            k += 1;
            if w.is_empty() {
                continue;
            }
            if w[0] < 0x80 {
                set.ascii |= 1 << w[0];
            } else if w[0] >= 0xe0 && w[0] < 0xf0 && w.len() >= 3 {
                let bit = three_bit(w[1], w[2]);
                set.three[bit / 64] |= 1 << (bit % 64);
            } else {
                set.other = true;
            }
        }
        set
    }

    /// Every character of `text`, as a set of first characters: [`FirstChars::may_begin`]
    /// then tells a word whose first character `text` lacks without searching for it.
    pub fn of_chars(text: &str) -> FirstChars {
        let mut set = FirstChars {
            ascii: 0,
            three: [0; 64],
            other: false,
        };
        let b = text.as_bytes();
        let mut i = 0;
        while let Some(&lead) = b.get(i) {
            match lead {
                0..=0x7f => set.ascii |= 1 << lead,
                0xe0..=0xef => match b.get(i + 1..i + 3) {
                    Some(&[x, y]) => {
                        let bit = three_bit(x, y);
                        set.three[bit / 64] |= 1 << (bit % 64);
                    }
                    _ => set.other = true,
                },
                _ => set.other = true,
            }
            i += utf8_len(lead).max(1);
        }
        set
    }

    /// False when `word`'s first character is not in the set (true when it may be); an
    /// empty word may begin anywhere.
    pub fn may_begin(&self, word: &str) -> bool {
        let b = word.as_bytes();
        match b {
            [] => true,
            [lead, ..] if *lead < 0x80 => self.ascii & (1 << lead) != 0,
            [0xe0..=0xef, x, y, ..] => {
                let bit = three_bit(*x, *y);
                self.three[bit / 64] & (1 << (bit % 64)) != 0
            }
            _ => self.other,
        }
    }

    /// The first characters of both sets.
    pub const fn union(mut self, other: FirstChars) -> FirstChars {
        self.ascii |= other.ascii;
        let mut k = 0;
        while k < self.three.len() {
            self.three[k] |= other.three[k];
            k += 1;
        }
        self.other |= other.other;
        self
    }

    /// The byte offsets of `text`, in order, where [`FirstChars::first_in`] stops: every
    /// place a word of the set may start (character boundaries), none decoded.
    pub fn starts_in<'a>(&'a self, text: &'a str) -> impl Iterator<Item = usize> + 'a {
        let mut at = 0;
        std::iter::from_fn(move || {
            let i = at + self.first_in(text.get(at..)?)?;
            at = i + text.as_bytes().get(i).map_or(1, |&b| utf8_len(b));
            Some(i)
        })
    }

    /// False when `text` holds none of the first characters (true when it may).
    pub fn may_start_in(&self, text: &str) -> bool {
        self.first_in(text).is_some()
    }

    /// Byte offset of the first character of `text` that may be a first character (a
    /// character boundary), `None` when there is none: no word of the list starts before
    /// it, so a search for the words may begin there.
    pub fn first_in(&self, text: &str) -> Option<usize> {
        let b = text.as_bytes();
        let mut i = 0;
        loop {
            // Runs of three-byte characters (Han, CJK punctuation: most of a Chinese text)
            // are walked by loops of their own, one test of the lead byte each, rather
            // than through the match over every kind of lead byte below: two characters
            // a step while six bytes remain, then one.
            while let Some(&[l0, x0, y0, l1, x1, y1]) = b.get(i..i + 6) {
                if (l0 & 0xf0 != 0xe0) | (l1 & 0xf0 != 0xe0) {
                    break;
                }
                let h0 = (self.three[usize::from(x0 & 63)] >> (y0 & 63)) & 1;
                let h1 = (self.three[usize::from(x1 & 63)] >> (y1 & 63)) & 1;
                if h0 | h1 != 0 {
                    return Some(if h0 != 0 { i } else { i + 3 });
                }
                i += 6;
            }
            while let Some(&[lead, x, y]) = b.get(i..i + 3) {
                if lead & 0xf0 != 0xe0 {
                    break;
                }
                if (self.three[usize::from(x & 63)] >> (y & 63)) & 1 != 0 {
                    return Some(i);
                }
                i += 3;
            }
            let &lead = b.get(i)?;
            match lead {
                0..=0x7f => {
                    if (self.ascii >> lead) & 1 != 0 {
                        return Some(i);
                    }
                    i += 1;
                }
                // A three-byte lead the loop above left: fewer than three bytes remain.
                0xe0..=0xef => i += 3,
                _ if self.other => return Some(i),
                0xf0..=0xff => i += 4,
                _ => i += 2,
            }
        }
    }

    /// [`FirstChars::first_in`] as it was, one match over the lead byte per character:
    /// the test oracle of the loop over runs of three-byte characters.
    #[cfg(test)]
    fn first_in_by_match(&self, text: &str) -> Option<usize> {
        let b = text.as_bytes();
        let mut i = 0;
        while let Some(&lead) = b.get(i) {
            match lead {
                0..=0x7f => {
                    if self.ascii & (1 << lead) != 0 {
                        return Some(i);
                    }
                    i += 1;
                }
                0xe0..=0xef => {
                    if let Some(&[x, y]) = b.get(i + 1..i + 3) {
                        let bit = three_bit(x, y);
                        if self.three[bit / 64] & (1 << (bit % 64)) != 0 {
                            return Some(i);
                        }
                    }
                    i += 3;
                }
                _ if self.other => return Some(i),
                0xf0..=0xff => i += 4,
                _ => i += 2,
            }
        }
        None
    }

    /// [`first_contained`]`(text, words, …)` for a set made [`FirstChars::of`] `words`:
    /// the starts tried are those the byte walk of [`FirstChars::first_in`] stops at, so
    /// no character of `text` is decoded and tested against a list of first characters.
    pub fn first_contained<'w>(&self, text: &str, words: &[&'w str]) -> Option<&'w str> {
        let mut best: Option<usize> = None;
        let mut at = 0;
        while let Some(rest) = text.get(at..) {
            let Some(off) = self.first_in(rest) else {
                break;
            };
            let rest = rest.get(off..).unwrap_or_default();
            let limit = best.unwrap_or(words.len());
            if let Some(k) = words[..limit]
                .iter()
                .position(|w| starts_with_word(rest, w))
            {
                best = Some(k);
                if k == 0 {
                    break;
                }
            }
            // The next start is past this character (`first_in` stops at boundaries).
            at += off + rest.as_bytes().first().map_or(1, |&b| utf8_len(b));
        }
        best.map(|k| words[k])
    }
}

/// The place of a three-byte character (last two bytes `x`, `y`) in [`FirstChars`].
const fn three_bit(x: u8, y: u8) -> usize {
    ((x as usize & 63) << 6) | (y as usize & 63)
}

/// Words that mark an amount as the whole others are parts of.
const WHOLE_MARKS: &[&str] = &[
    "总",
    "合计",
    "共计",
    "总计",
    "累计",
    "全年",
    "整体",
    "全部",
    "全行业",
    "全市场",
];

/// True when the clause before an amount marks it as a whole (总销量, 合计, 全年 …).
pub fn marks_whole(clause: &str) -> bool {
    contains_any(clause, WHOLE_MARKS, |c| {
        matches!(c, '总' | '合' | '共' | '累' | '全' | '整')
    })
}

/// Characters after 前N that make it a ranking (前三名, 前五大, 前十家, 销量前三的) rather than a
/// period (前三季度, 前5个月, 前两年).
fn ranks_after_qian(c: Option<char>) -> bool {
    matches!(
        c,
        Some('名' | '大' | '位' | '家' | '强' | '款' | '的' | '者' | '甲' | '座')
    )
}

/// How many times `text` names a top-N group (前3家, 前五大, 前十名).
pub fn top_n_count(text: &str) -> usize {
    if !text.contains('前') {
        return 0;
    }
    let mut n = 0;
    for (i, c) in text.char_indices() {
        if c != '前' {
            continue;
        }
        let mut digits = 0;
        let mut after = None;
        for d in text[i + c.len_utf8()..].chars() {
            if d.is_ascii_digit() || "一二三四五六七八九十两".contains(d) {
                digits += 1;
            } else {
                after = Some(d);
                break;
            }
        }
        if digits > 0 && ranks_after_qian(after) {
            n += 1;
        }
    }
    n
}

/// True when `lead` names several nested top-N groups (`前3家、前5家、前10家企业装车量分别为`):
/// each figure after it is a cumulative total of a larger group, so the figures neither rank
/// anything nor split one whole.
pub fn lists_top_n_groups(lead: &str) -> bool {
    top_n_count(lead) >= 2
}

/// Words that make a figure the total of the parts named before it (`合计占比74%`).
const TOTAL_WORDS: &[&str] = &["合计", "总计", "共计", "合共", "加起来", "累计占"];

/// True when the clause before a figure calls it a total of parts (`7nm及以下合计占比74%`).
pub fn names_total(clause: &str) -> bool {
    contains_any(clause, TOTAL_WORDS, |c| {
        matches!(c, '合' | '总' | '共' | '加' | '累')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    #[test]
    fn top_n_groups_and_totals() {
        assert!(lists_top_n_groups(
            "排名前3家、前5家、前10家动力电池企业装车量"
        ));
        assert!(!lists_top_n_groups("装车量排名前三的企业依次为"));
        assert!(!lists_top_n_groups("前三季度和前10个月"));
        assert!(names_total("7nm及以下先进工艺合计占比"));
        assert!(!names_total("5nm占"));
    }

    #[test]
    fn connectors() {
        assert!(has_derivation_connector("也就是说,英伟达的份额"));
        assert!(has_derivation_connector("，即市场份额"));
        assert!(!has_derivation_connector("即使份额"));
        assert!(!has_derivation_connector("随即宣布"));
        assert!(has_derivation_connector("亦即份额"));
        assert!(!has_derivation_connector("英伟达在中国市场的份额"));
    }

    #[test]
    fn prefilters_accept_every_first_character() {
        let first = |w: &str| w.chars().next().unwrap();
        assert!(DERIVATION.iter().all(|w| derivation_first(first(w))));
        for w in WHOLE_MARKS {
            assert!(marks_whole(w), "{w}");
        }
        for w in TOTAL_WORDS {
            assert!(names_total(w), "{w}");
        }
        for w in DERIVATION {
            assert!(has_derivation_connector(w), "{w}");
        }
        let words = ["乙丙", "甲", "丙"];
        let any = |_: char| true;
        assert_eq!(first_contained("x甲乙丙", &words, any), Some("乙丙"));
        assert_eq!(first_contained("丙甲", &words, any), Some("甲"));
        assert_eq!(first_contained("丁", &words, any), None);
    }

    #[test]
    fn trim_ws_knows_every_whitespace_character() {
        for c in (0..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
        {
            for text in [format!("{c}国"), format!("国{c}"), format!("{c}")] {
                assert_eq!(trim_ws(&text), text.trim(), "U+{:04X}", u32::from(c));
            }
        }
    }

    proptest::proptest! {
        /// Telling words apart by their last byte first changes no answer of `starts_with`.
        #[test]
        fn last_byte_test_agrees_with_starts_with(
            words in proptest::collection::vec("[a-c:：为分别依次是占比总计𝄞é]{0,4}", 0..6),
            text in "[a-c:：为分别依次是占比总计𝄞é]{0,8}",
        ) {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(
                starts_any(&text, &words),
                words.iter().any(|w| text.starts_with(w))
            );
            for w in &words {
                proptest::prop_assert_eq!(starts_with_word(&text, w), text.starts_with(w));
            }
        }
    }

    proptest::proptest! {
        /// The walk over runs of three-byte characters stops where the match over every
        /// lead byte stopped: any text, sets of any first characters (ASCII, two-, three-
        /// and four-byte ones).
        #[test]
        fn first_in_agrees_with_the_match_walk(
            words in proptest::collection::vec("[a-zA-Z0-9é𝄞占总合计份额前三名仅未转公版，。]{1,3}", 0..6),
            text in "[a-zA-Z0-9 é𝄞ß占总合计份额前三名仅未转公版英伟达，。、\\n]{0,40}",
        ) {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let set = FirstChars::of(&words);
            proptest::prop_assert_eq!(set.first_in(&text), set.first_in_by_match(&text));
            for cut in 0..text.len() {
                if let Some(tail) = text.get(cut..) {
                    proptest::prop_assert_eq!(set.first_in(tail), set.first_in_by_match(tail));
                }
            }
        }
    }

    proptest::proptest! {
        /// The walk over first-character stops finds the connectors the character walk
        /// found, 即 with its neighbours included.
        #[test]
        fn connector_walk_agrees_with_the_character_walk(
            text in proptest::collection::vec(
                proptest::sample::select(vec![
                    "即", "即使", "立即", "随即", "亦即", "即可", "也就是说", "也", "这意味着",
                    "意味着", "换言之", "换句话说", "由此可见", "由此", "据此计算", "据此", "据",
                    "测算", "算下来", "折合", "折", "英伟达", "份额", "，", "60%", "a", "𝄞",
                    "é", "使", "当", "旋", "时",
                ]),
                0..16,
            )
            .prop_map(|v| v.concat())
        ) {
            proptest::prop_assert_eq!(
                has_derivation_connector(&text),
                has_derivation_connector_by_chars(&text)
            );
        }
    }

    proptest::proptest! {
        /// A word whose first character is in a text may begin in its character set.
        #[test]
        fn char_sets_hold_every_character(
            text in "[a-zA-Z0-9验证码微博QQ分享é𝄞，。 ]{0,20}",
            word in "[a-zA-Z0-9验证码微博QQ分享é𝄞，。 ]{0,3}",
        ) {
            let set = FirstChars::of_chars(&text);
            if word.chars().next().map_or(true, |c| text.contains(c)) {
                proptest::prop_assert!(set.may_begin(&word));
            }
        }
    }

    proptest::proptest! {
        /// `trim_ws` answers as `str::trim`.
        #[test]
        fn trim_ws_agrees_with_trim(
            text in "[ \t\n\u{3000}\u{a0}\u{2003}\u{85}a国é𝄞，。\u{2000}-\u{2030}\u{3001}]{0,8}"
        ) {
            proptest::prop_assert_eq!(trim_ws(&text), text.trim());
        }
    }

    proptest::proptest! {
        /// The byte walk never misses a first character a walk over the characters finds.
        #[test]
        fn first_chars_never_miss(
            words in proptest::collection::vec("[a-zA-Z0-9é𝄞占总合计份额前三名仅未转公版]{1,4}", 1..6),
            text in "[a-zA-Z0-9é𝄞占总合计份额前三名仅未转公版，。 英伟达销量]{0,40}",
        ) {
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let set = FirstChars::of(&refs);
            let firsts: Vec<char> = refs.iter().filter_map(|w| w.chars().next()).collect();
            // The walk over the set's starts finds what the walk over the characters does.
            proptest::prop_assert_eq!(
                set.first_contained(&text, &refs),
                first_contained(&text, &refs, |c| firsts.contains(&c))
            );
            if let Some(at) = text.find(firsts.as_slice()) {
                proptest::prop_assert!(set.may_start_in(&text));
                // The first possible start is a character boundary at or before it.
                let first = set.first_in(&text);
                proptest::prop_assert!(first.is_some_and(|f| f <= at && text.is_char_boundary(f)));
            }
        }
    }

    #[test]
    fn connector_walk_knows_every_connector_start() {
        for c in ['即', '也', '这', '意', '换', '由', '据', '测', '算', '折'] {
            assert!(CONNECTOR_FIRST.may_start_in(&c.to_string()), "{c}");
        }
        // Every character `derivation_first` accepts is among them.
        for c in ('\u{4e00}'..='\u{9fff}').filter(|&c| derivation_first(c)) {
            assert!(CONNECTOR_FIRST.may_start_in(&c.to_string()), "{c}");
        }
    }

    #[test]
    fn first_chars_tell_texts_without_them() {
        let set = FirstChars::of(&["份额", "占比", "TOP"]);
        assert!(set.may_start_in("英伟达的市场份额"));
        assert!(set.may_start_in("排名TOP3"));
        assert!(!set.may_start_in("英伟达收入171亿美元"));
        assert!(!set.may_start_in(""));
    }

    #[test]
    fn whole_marks() {
        assert!(marks_whole("全年总销量"));
        assert!(!marks_whole("新能源车销量"));
    }
}
