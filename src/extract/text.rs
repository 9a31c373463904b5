//! Small char-boundary-safe helpers for walking the article text by byte offsets.

use crate::document::utf8_len;

/// The character starting at byte `i`, or `None` at the end or off a char boundary.
pub fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// The character starting at byte `i` and its length in bytes, decoded straight from the
/// bytes for the scan loop; `None` at the end or off a char boundary (like [`char_at`]).
#[inline]
pub fn char_len_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = text.as_bytes();
    match b.get(i..i + 3) {
        Some(&[b0, ..]) if b0 < 0x80 => Some((char::from(b0), 1)),
        Some(&[b0, b1, b2]) if b0 & 0xf0 == 0xe0 => {
            let n =
                (u32::from(b0 & 0x0f) << 12) | (u32::from(b1 & 0x3f) << 6) | u32::from(b2 & 0x3f);
            // `text` is valid UTF-8, so a lead byte starts a whole, valid character.
            char::from_u32(n).map(|c| (c, 3))
        }
        _ => char_at(text, i).map(|c| (c, c.len_utf8())),
    }
}

/// The character ending right before byte `i`, if any.
pub fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// Byte offset after the character at `i` (or `i` at the end).
pub fn next_char_end(text: &str, i: usize) -> usize {
    char_at(text, i).map_or(i, |c| i + c.len_utf8())
}

/// True when the text at byte `i` starts with `word`.
///
/// Bytes are compared in line: the words are short and most differ at once, where a call
/// to the library comparison costs more than the comparison.
#[inline]
pub fn starts_at(text: &str, i: usize, word: &str) -> bool {
    // `i` is at most just past the text (an in-memory string, under isize::MAX bytes) and
    // words are short: the sum cannot overflow.
    let end = i + word.len();
    text.is_char_boundary(i)
        && text
            .as_bytes()
            .get(i..end)
            .is_some_and(|s| s.iter().zip(word.as_bytes()).all(|(a, b)| a == b))
}

/// The longest of `words` that the text starts with at byte `i`, with its index.
pub fn longest_at<'w>(text: &str, i: usize, words: &[&'w str]) -> Option<(usize, &'w str)> {
    let rest = text.get(i..)?;
    words
        .iter()
        .enumerate()
        .filter(|(_, w)| rest.starts_with(**w))
        .max_by_key(|(_, w)| w.len())
        .map(|(k, w)| (k, *w))
}

/// The slice of at most `max_chars` characters ending at byte `end`, not reaching before `floor`.
pub fn tail(text: &str, floor: usize, end: usize, max_chars: usize) -> &str {
    let Some(s) = text.get(floor.min(end)..end) else {
        return "";
    };
    match s.char_indices().rev().nth(max_chars.saturating_sub(1)) {
        Some((k, _)) if max_chars > 0 => &s[k..],
        _ if max_chars == 0 => "",
        _ => s,
    }
}

/// True for CJK ideographs (the letters of Chinese words).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// Skips ASCII and ideographic spaces from byte `i`.
pub fn skip_spaces(text: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(text, i) {
        if c == ' ' || c == '\u{3000}' || c == '\t' {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// One space between a digit and a Chinese word (`100 万辆`, `2024 年`, the "pangu" spacing
/// some outlets use): the byte after it, or `j` when there is none.
pub fn pangu_space(text: &str, j: usize) -> usize {
    match char_at(text, j) {
        Some(c @ (' ' | '\u{a0}'))
            if char_at(text, j + c.len_utf8())
                .is_some_and(|n| is_han(n) || matches!(n, '%' | '％')) =>
        {
            j + c.len_utf8()
        }
        _ => j,
    }
}

/// `pos` moved back over one space (the one before a number in pangu spacing: `约 100 万`).
pub fn before_space(text: &str, floor: usize, pos: usize) -> usize {
    match prev_char(text, pos) {
        Some(c @ (' ' | '\u{a0}')) if pos - c.len_utf8() >= floor => pos - c.len_utf8(),
        _ => pos,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pangu_spaces() {
        assert_eq!(pangu_space("100 万辆", 3), 4);
        assert_eq!(pangu_space("100 AI", 3), 3);
        assert_eq!(before_space("约 100", 0, 4), 3);
    }

    #[test]
    fn char_set_holds_what_was_inserted() {
        let set: CharSet = ['一', 'a', '𠀀', '\u{ffff}'].into_iter().collect();
        for c in ['一', 'a', '𠀀', '\u{ffff}'] {
            assert!(set.contains(c), "{c}");
        }
        for c in ['二', 'b', '𠀁', '\0'] {
            assert!(!set.contains(c), "{c}");
        }
        assert!(!CharSet::default().contains('一'));
    }

    #[test]
    fn char_len_at_decodes_like_char_at() {
        let t = "a\u{e9}一𠀀,\u{ffff}";
        for i in 0..=t.len() {
            assert_eq!(
                char_len_at(t, i),
                char_at(t, i).map(|c| (c, c.len_utf8())),
                "{i}"
            );
        }
    }

    #[test]
    fn word_index_finds_what_a_scan_of_the_list_finds() {
        let words: &[&'static str] = &[
            "中国",
            "中国市场",
            "中",
            "AMD",
            "A",
            "58同城",
            "𠀀𠀁",
            "𠀀",
            "座",
            "座",
            "é",
            "éa",
            "国产",
            "个月",
            "个",
        ];
        let text = "中国市场和中国AMD的A58同城𠀀𠀁𠀀座éaé个月个国产中";
        // With one-character words, and without them (then the pair filter is used).
        let longer: Vec<&'static str> = words
            .iter()
            .copied()
            .filter(|w| w.chars().count() > 1)
            .collect();
        for words in [words, &longer[..]] {
            let index = WordIndex::new(words);
            for i in 0..=text.len() {
                assert_eq!(index.longest_at(text, i), longest_at(text, i, words), "{i}");
            }
        }
    }

    #[test]
    fn word_index_grows_past_its_first_table() {
        let words: Vec<&'static str> = (0..5000u32)
            .filter_map(|k| {
                let a = char::from_u32(0x4e00 + k / 64)?;
                let b = char::from_u32(0x4e00 + k % 64)?;
                Some(&*Box::leak(format!("{a}{b}").into_boxed_str()))
            })
            .collect();
        let index = WordIndex::new(&words);
        for (k, w) in words.iter().enumerate() {
            assert_eq!(index.longest_at(w, 0), Some((k, *w)), "{w}");
        }
        assert_eq!(index.longest_at("甲乙", 0), None);
    }

    #[test]
    fn starts_at_agrees_with_str_starts_with() {
        let t = "a中国b";
        for w in ["", "a", "中", "中国", "国b", "b", "ab", "\u{fffd}"] {
            for i in 0..=t.len() + 1 {
                let expected = t.get(i..).is_some_and(|s| s.starts_with(w));
                assert_eq!(starts_at(t, i, w), expected, "{w} at {i}");
            }
        }
    }

    #[test]
    fn tail_takes_last_chars() {
        assert_eq!(tail("同比增长66", 0, "同比增长".len(), 2), "增长");
        assert_eq!(tail("增长", 0, "增长".len(), 5), "增长");
        assert_eq!(tail("增长", 3, 6, 5), "长");
        assert_eq!(tail("增长", 0, 6, 0), "");
    }
}

/// A set of characters tested by one bit per Basic Multilingual Plane character (8 KiB), for
/// membership tests at every position of a text; the rare characters beyond it are kept in
/// a list.
#[derive(Debug, Clone, Default)]
pub struct CharSet {
    /// Bit `c % 64` of word `c / 64` is set when `c` (below U+10000) is in the set.
    bmp: Vec<u64>,
    /// Members above U+FFFF.
    other: Vec<char>,
}

impl CharSet {
    /// Adds `c`.
    pub fn insert(&mut self, c: char) {
        let n = c as usize;
        if n < 0x10000 {
            if self.bmp.is_empty() {
                self.bmp = vec![0; 0x10000 / 64];
            }
            self.bmp[n / 64] |= 1 << (n % 64);
        } else if !self.other.contains(&c) {
            self.other.push(c);
        }
    }

    /// True when `c` is in the set.
    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let n = c as usize;
        if n < 0x10000 {
            self.bmp
                .get(n / 64)
                .is_some_and(|w| w & (1 << (n % 64)) != 0)
        } else {
            self.other.contains(&c)
        }
    }
}

impl FromIterator<char> for CharSet {
    fn from_iter<I: IntoIterator<Item = char>>(iter: I) -> Self {
        let mut set = CharSet::default();
        for c in iter {
            set.insert(c);
        }
        set
    }
}

/// A map keyed by character with a multiplicative hash: the scanner probes such maps at
/// every position of the text, where SipHash (the default, built to resist hash flooding
/// by untrusted keys) costs more than the rest of the lookup. Keys here are single
/// characters and the maps hold fixed word lists, so flooding is not a concern.
pub type CharMap<V> = std::collections::HashMap<char, V, std::hash::BuildHasherDefault<CharHash>>;

/// The hasher of [`CharMap`]: one multiply per character.
#[derive(Debug, Default, Clone, Copy)]
pub struct CharHash(u64);

impl std::hash::Hasher for CharHash {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u32(u32::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_u32(&mut self, n: u32) {
        // Fx-style mixing: the multiply spreads the code point over the high bits the
        // table uses for its control bytes; the rotate keeps earlier input in play.
        self.0 = (self.0.rotate_left(5) ^ u64::from(n)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// Words keyed by their first two characters (one-character words by their one), for
/// readers asked at many positions where few words can start: one probe of a small table
/// rules out most positions, and a hit leaves only the words sharing both first characters.
#[derive(Debug, Clone)]
pub struct PairIndex<T> {
    /// Open-addressed table, a power of two long and at most half full (it grows): 0 for
    /// empty, else 1 + an index into `lists`. Asked only when [`PairFilter`] does not name
    /// the list itself (keys sharing its bucket, one-character words).
    slots: Vec<u32>,
    /// Each key with its items, in the order they were added.
    lists: Vec<(u64, Vec<Entry<T>>)>,
    /// First characters of the words.
    firsts: CharSet,
    /// The same, as a list in the order first seen.
    first_list: Vec<char>,
    /// The quick test, which also names the list of most keys.
    filter: PairFilter,
}

/// An item of a [`PairIndex`] with up to four bytes of its word after the first two
/// characters packed for a first test by one comparison: the words of one list share their
/// first two characters and most differ in the third (中国大陆, 中国市场, 中国移动 …).
#[derive(Debug, Clone)]
pub struct Entry<T> {
    /// The word's bytes after its first two characters, the first four of them, little-endian.
    head: u32,
    /// Which bytes of `head` the word has (fewer than four when it ends sooner).
    mask: u32,
    /// The indexed item.
    pub item: T,
}

impl<T> Entry<T> {
    /// `item`, indexed under `word`.
    pub fn new(word: &str, item: T) -> Self {
        let tail = word
            .as_bytes()
            .get(two_chars_len(word)..)
            .unwrap_or_default();
        let n = tail.len().min(4);
        Entry {
            head: pack(&tail[..n]) as u32,
            mask: match n {
                0 => 0,
                4 => u32::MAX,
                n => (1 << (8 * n)) - 1,
            },
            item,
        }
    }

    /// True when `rest` (the text from the position asked) starts with `word`, the word of
    /// this entry, given that the text there starts with the word's first two characters,
    /// `known` bytes, and that `next` is [`next_four`]`(rest, known)`.
    #[inline]
    pub fn matches(&self, rest: &[u8], next: u32, word: &[u8], known: usize) -> bool {
        next & self.mask == self.head
            && match (rest.get(known + 4..word.len()), word.get(known + 4..)) {
                (Some(r), Some(w)) => r == w,
                // The word ends within the four bytes compared: the text must be as long.
                _ => word.len() <= known + 4 && rest.len() >= word.len(),
            }
    }
}

/// The byte length of the first two characters of `word` (all of it if shorter).
fn two_chars_len(word: &str) -> usize {
    word.char_indices().nth(2).map_or(word.len(), |(k, _)| k)
}

/// Up to four bytes of `rest` from byte `from`, little-endian (zero past its end): what
/// [`Entry::matches`] compares first.
#[inline]
pub fn next_four(rest: &[u8], from: usize) -> u32 {
    match rest.get(from..from + 4) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        _ => pack(rest.get(from..).unwrap_or_default()) as u32,
    }
}

/// The quick test of a [`PairIndex`], false only where no word of the index can start: a
/// table over a hash of the key of the text's first two characters. Empty buckets rule
/// positions out, and a bucket of one key names its list, so that the index is asked no
/// second hash.
#[derive(Debug, Clone)]
struct PairFilter {
    /// Some word has a single character (then every position may hold a word).
    singles: bool,
    /// Per [`PairFilter::bucket`]: 0 when no key of a word of two or more characters falls
    /// there, `n + 1` when only that of list `n` does, [`SHARED`] when more do.
    buckets: Vec<u16>,
}

/// A [`PairFilter`] bucket holding more than one key: the index's table is probed.
const SHARED: u16 = u16::MAX;

/// Buckets of a [`PairFilter`] (32 KiB). The lexicon has a few hundred two-character keys:
/// at 4,096 buckets one position in sixteen whose pair is no key still passed the filter
/// (and paid for a look at the lists), at 16,384 one in sixty-odd.
const FILTER_BITS: u32 = 14;

impl Default for PairFilter {
    fn default() -> Self {
        PairFilter {
            singles: false,
            buckets: vec![0; 1 << FILTER_BITS],
        }
    }
}

impl PairFilter {
    /// The bucket of `key`: the top bits of a multiplicative hash.
    #[inline]
    fn bucket(key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - FILTER_BITS)) as usize
    }

    /// Notes that list `n` has key `key` (of two characters).
    fn insert(&mut self, key: u64, n: usize) {
        let slot = &mut self.buckets[Self::bucket(key)];
        *slot = match u16::try_from(n + 1) {
            Ok(m) if *slot == 0 && m != SHARED => m,
            _ => SHARED,
        };
    }

    /// False only when no word can start at byte `i` (a char boundary) of `b` (valid UTF-8).
    #[inline]
    fn may_start_at(&self, b: &[u8], i: usize) -> bool {
        if self.singles {
            return true;
        }
        match pair_key_at(b, i) {
            Some((key, _)) => self.buckets[Self::bucket(key)] != 0,
            None => false,
        }
    }
}

impl<T> Default for PairIndex<T> {
    fn default() -> Self {
        PairIndex {
            slots: vec![0; PAIR_SLOTS],
            lists: Vec::new(),
            firsts: CharSet::default(),
            first_list: Vec::new(),
            filter: PairFilter::default(),
        }
    }
}

/// Marks the key of a one-character word: no UTF-8 text has the byte 0xFF.
const SINGLE_TAG: u64 = 0xff << 56;

/// Up to eight bytes, little-endian, in a `u64` (zero above them).
#[inline]
fn pack(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .take(8)
        .enumerate()
        .fold(0, |k, (n, &b)| k | (u64::from(b) << (8 * n)))
}

/// The key of the two characters at byte `i` of `b` (valid UTF-8, `i` a char boundary)
/// and their byte length: their bytes, packed as [`PairIndex`] keys are. Two different
/// pairs of characters never pack alike: UTF-8 is prefix-free and has no zero byte but NUL.
#[inline]
fn pair_key_at(b: &[u8], i: usize) -> Option<(u64, usize)> {
    if let Some(w) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        let k = u64::from_le_bytes(word);
        // Two three-byte characters (Chinese text): bytes 0 and 3 are both 0xE_ leads, so
        // the key is the six bytes, with no length decoding.
        if k & 0xf000_00f0 == 0xe000_00e0 {
            return Some((k & 0xffff_ffff_ffff, 6));
        }
    }
    let l1 = utf8_len(*b.get(i)?);
    let n = l1 + utf8_len(*b.get(i + l1)?);
    match b.get(i..i + 8) {
        // Whole words when the text goes on: one load and a mask.
        Some(w) => {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            let k = u64::from_le_bytes(word);
            Some((if n >= 8 { k } else { k & ((1 << (8 * n)) - 1) }, n))
        }
        None => Some((pack(b.get(i..i + n)?), n)),
    }
}

/// What [`PairIndex::quick`] read at a position it let through: the key of the text's first
/// two characters there, their byte length and the filter's bucket of the key (`None` when
/// the text holds fewer than two characters there).
#[derive(Debug, Clone, Copy)]
pub struct Quick {
    pair: Option<(u64, usize, u16)>,
}

/// Initial slots of a [`PairIndex`] table (16 KiB); it doubles when half full.
const PAIR_SLOTS: usize = 1 << 12;

impl<T> PairIndex<T> {
    /// The key of a word starting with `a` then `b` (`None` for a one-character word): the
    /// UTF-8 bytes of the two characters, as [`pair_key_at`] reads them from the text; one
    /// character's bytes with 0xFF (never a UTF-8 byte) in the top byte.
    fn key(a: char, b: Option<char>) -> u64 {
        let mut buf = [0u8; 8];
        let n = a.encode_utf8(&mut buf).len();
        match b {
            Some(b) => {
                let m = b.encode_utf8(&mut buf[n..]).len();
                pack(&buf[..n + m])
            }
            None => pack(&buf[..n]) | SINGLE_TAG,
        }
    }

    /// The slot where the probe for `key` starts: the top bits of a multiplicative hash.
    #[inline]
    fn slot(&self, key: u64) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
    }

    /// The items whose word has key `key` (empty when none).
    #[inline]
    fn list(&self, key: u64) -> &[Entry<T>] {
        let mask = self.slots.len() - 1;
        let mut s = self.slot(key);
        loop {
            match self.slots.get(s) {
                Some(&0) | None => return &[],
                Some(&n) => {
                    if let Some((k, items)) = self.lists.get(n as usize - 1) {
                        if *k == key {
                            return items;
                        }
                    }
                }
            }
            s = (s + 1) & mask;
        }
    }

    /// The items whose word has the two-character key `key`, given `slot`, the filter's
    /// bucket of `key`, which names the list unless keys share it.
    #[inline]
    fn list_in_bucket(&self, slot: u16, key: u64) -> &[Entry<T>] {
        match slot {
            0 => &[],
            SHARED => self.list(key),
            n => match self.lists.get(usize::from(n) - 1) {
                Some((k, items)) if *k == key => items,
                _ => &[],
            },
        }
    }

    /// Puts list `n` in the first free slot from its key's.
    fn place(&mut self, n: usize) {
        let mask = self.slots.len() - 1;
        let mut s = self.slot(self.lists[n].0);
        while self.slots[s] != 0 {
            s = (s + 1) & mask;
        }
        self.slots[s] = u32::try_from(n + 1).unwrap_or(u32::MAX);
    }

    /// The list of entries for `word`'s key, created empty if new, for the caller to add
    /// to (`None` for an empty word). Entries added must be made by [`Entry::new`] with a
    /// word of this key.
    pub fn list_for(&mut self, word: &str) -> Option<&mut Vec<Entry<T>>> {
        let mut cs = word.chars();
        let a = cs.next()?;
        let b = cs.next();
        self.filter.singles |= b.is_none();
        let key = Self::key(a, b);
        let mask = self.slots.len() - 1;
        let mut s = self.slot(key);
        let n = loop {
            match self.slots[s] {
                0 => {
                    self.lists.push((key, Vec::new()));
                    let n = self.lists.len() - 1;
                    if self.lists.len() * 2 > self.slots.len() {
                        // Half full: double the table and place every list again.
                        self.slots = vec![0; self.slots.len() * 2];
                        for k in 0..self.lists.len() {
                            self.place(k);
                        }
                    } else {
                        self.place(n);
                    }
                    if b.is_some() {
                        self.filter.insert(key, n);
                    }
                    break n;
                }
                n if self.lists[n as usize - 1].0 == key => break n as usize - 1,
                _ => s = (s + 1) & mask,
            }
        };
        if !self.firsts.contains(a) {
            self.firsts.insert(a);
            self.first_list.push(a);
        }
        Some(&mut self.lists[n].1)
    }

    /// False only when no word can start at byte `i` (a char boundary): no one-character
    /// word exists and no word starts with the text's first two characters there. Cheaper
    /// than [`PairIndex::candidates`] for the many positions where nothing starts.
    #[inline]
    pub fn may_start_at(&self, text: &str, i: usize) -> bool {
        self.filter.may_start_at(text.as_bytes(), i)
    }

    /// Every list, to sort.
    pub fn lists_mut(&mut self) -> impl Iterator<Item = &mut Vec<Entry<T>>> {
        self.lists.iter_mut().map(|(_, v)| v)
    }

    /// True when some word starts with `c`.
    pub fn starts_with_char(&self, c: char) -> bool {
        self.firsts.contains(c)
    }

    /// The first character of every word, each once.
    pub fn first_chars(&self) -> impl Iterator<Item = char> + '_ {
        self.first_list.iter().copied()
    }

    /// [`PairIndex::may_start_at`] that keeps what it read for [`PairIndex::candidates_after`]:
    /// `None` only when no word can start at byte `i` (a char boundary). The scan asks the
    /// quick test at many positions and the candidates at the few it lets through; handing
    /// the key and bucket on spares reading them twice.
    #[inline]
    pub fn quick(&self, text: &str, i: usize) -> Option<Quick> {
        let pair = pair_key_at(text.as_bytes(), i)
            .map(|(key, n)| (key, n, self.filter.buckets[PairFilter::bucket(key)]));
        (self.filter.singles || pair.is_some_and(|(_, _, slot)| slot != 0))
            .then_some(Quick { pair })
    }

    /// The entries whose word can start at byte `i`: those sharing the text's first two
    /// characters there, then those of one character equal to its first. Every word of the
    /// first group is longer than every word of the second. Also the byte length of the
    /// text's first two characters there, which every word of the first group starts with.
    #[inline]
    pub fn candidates(&self, text: &str, i: usize) -> (&[Entry<T>], &[Entry<T>], usize) {
        let pair = pair_key_at(text.as_bytes(), i)
            .map(|(key, n)| (key, n, self.filter.buckets[PairFilter::bucket(key)]));
        self.candidates_after(text, i, Quick { pair })
    }

    /// [`PairIndex::candidates`] at byte `i`, given `q`, what [`PairIndex::quick`] read there.
    #[inline(always)]
    pub fn candidates_after(
        &self,
        text: &str,
        i: usize,
        q: Quick,
    ) -> (&[Entry<T>], &[Entry<T>], usize) {
        let b = text.as_bytes();
        let (two, known) = match q.pair {
            Some((key, n, slot)) => (self.list_in_bucket(slot, key), n),
            None => (&[][..], 0),
        };
        let one = match b.get(i) {
            Some(&b0) if self.filter.singles => {
                let n = utf8_len(b0);
                b.get(i..i + n)
                    .map_or(&[][..], |c| self.list(pack(c) | SINGLE_TAG))
            }
            _ => &[],
        };
        (two, one, known)
    }
}

/// A fixed word list indexed by [`PairIndex`], answering [`longest_at`] exactly as a scan of
/// the whole list would.
#[derive(Debug, Clone)]
pub struct WordIndex {
    words: PairIndex<(usize, &'static str)>,
}

impl WordIndex {
    /// Indexes `words` (positions in it are what [`WordIndex::longest_at`] returns).
    pub fn new(words: &[&'static str]) -> Self {
        let mut index = PairIndex::default();
        for (k, &w) in words.iter().enumerate() {
            if let Some(list) = index.list_for(w) {
                list.push(Entry::new(w, (k, w)));
            }
        }
        WordIndex { words: index }
    }

    /// The first character of every word.
    pub fn first_chars(&self) -> impl Iterator<Item = char> + '_ {
        self.words.first_chars()
    }

    /// [`longest_at`] over the indexed list: the longest word the text starts with at byte
    /// `i`, the last of equally long ones, with its position in the list.
    ///
    /// The quick test is made in line, in the caller: most positions asked hold no word
    /// (a product noun is looked for at each character of a name), and they should not pay
    /// for a call.
    #[inline(always)]
    pub fn longest_at(&self, text: &str, i: usize) -> Option<(usize, &'static str)> {
        let q = self.words.quick(text, i)?;
        self.longest_after(text, i, q)
    }

    /// [`WordIndex::longest_at`] where the quick test let a word start, having read `q`.
    #[inline(never)]
    fn longest_after(&self, text: &str, i: usize, q: Quick) -> Option<(usize, &'static str)> {
        let rest = text.get(i..)?.as_bytes();
        let mut best: Option<(usize, &'static str)> = None;
        let (two, one, known) = self.words.candidates_after(text, i, q);
        if !two.is_empty() {
            let next = next_four(rest, known);
            for e in two {
                let (k, w) = e.item;
                if e.matches(rest, next, w.as_bytes(), known)
                    && best.map_or(true, |(_, b)| w.len() >= b.len())
                {
                    best = Some((k, w));
                }
            }
        }
        if best.is_some() {
            // Every word of one character is shorter.
            return best;
        }
        for e in one {
            let (k, w) = e.item;
            if rest.starts_with(w.as_bytes()) {
                best = Some((k, w));
            }
        }
        best
    }
}
