//! Which readers of the scanner can start at a character: one table lookup per character of
//! the text tells the scan loop whether a position needs any work, and which readers to try.
//!
//! Every reader opens on a fixed set of first characters (its word list's first characters,
//! digits, numerals), so a reader whose bit is clear at a character would find nothing there.
//! Skipping it is exact; the scanner's tests check that at every character of every fixture.

use super::change::{DOUBLINGS, TREND_LEAD};
use super::numeral::CN_NUMERAL_CHARS;
use super::quantity::{BELOW_ZERO, CURRENCY_SIGNS, SIGNS};
use super::special::{COMPANY_SUFFIXES, HALF_WORDS};
use super::subject::{Lexicon, DOMESTIC_PREFIXES};
use super::text::char_len_at;
use super::{filter, scanner};

/// Clause and sentence punctuation the scan loop handles itself (never a reader start).
pub(super) const BREAK: u16 = 1;
/// 分 其 从 由 到 至: words the scan loop notes when no reader took the position.
pub(super) const CHANGE: u16 = 1 << 1;
/// `http://`, `https://`, `www.` ([`filter::url_at`]).
pub(super) const URL: u16 = 1 << 2;
/// ASCII letters: Latin words, codes, FY/Q periods.
pub(super) const LATIN: u16 = 1 << 3;
/// 国产, 本土 names.
pub(super) const DOMESTIC: u16 = 1 << 4;
/// 某… names.
pub(super) const MOU: u16 = 1 << 5;
/// Lexicon words (entities, segments, metrics; the caller's entities included).
pub(super) const LEXICON: u16 = 1 << 6;
/// Words that merely contain numerals (之一, 百度).
pub(super) const NON_NUMERAL: u16 = 1 << 7;
/// Company suffixes (公司, 集团).
pub(super) const COMPANY: u16 = 1 << 8;
/// 一半, 半数, 过半.
pub(super) const HALF: u16 = 1 << 9;
/// 连续N年 trends.
pub(super) const TREND: u16 = 1 << 10;
/// 翻番 doublings.
pub(super) const DOUBLING: u16 = 1 << 11;
/// Dates and periods: digits, numerals and the period lead words.
pub(super) const PERIOD: u16 = 1 << 12;
/// Quantities: digits, numerals, 百分之, signs, 零下, currency signs.
pub(super) const QUANTITY: u16 = 1 << 13;
/// Any reader of [`scanner::Scanner::try_at`].
pub(super) const READERS: u16 = URL
    | LATIN
    | DOMESTIC
    | MOU
    | LEXICON
    | NON_NUMERAL
    | COMPANY
    | HALF
    | TREND
    | DOUBLING
    | PERIOD
    | QUANTITY;

/// The reader bits of every character: flat tables over the Basic Multilingual Plane
/// (132 KiB, zeroed by the allocator, so building them costs only the listed characters) and
/// a short list for the rest (only caller entities can start there).
///
/// Characters of one or two UTF-8 bytes are looked up by code point; those of three bytes
/// (all of Chinese text) by [`wide_key`] of their bytes, which the scan loop computes in
/// three operations where decoding the code point takes eight.
#[derive(Debug, Clone)]
pub(super) struct StartTable {
    /// Code points below U+0800.
    low: Box<[u16; 0x800]>,
    /// Three-byte characters (U+0800 to U+FFFF), by [`wide_key`].
    wide: Box<[u16; 0x10000]>,
    /// Four-byte characters.
    other: Vec<(char, u16)>,
}

/// A one-to-one key of the three-byte UTF-8 characters, read from their bytes `k`
/// (little-endian; only the low 24 bits are looked at, so what follows the character in
/// `k` does not matter). Lead and continuation bytes carry their fixed high bits, and
/// folding the word onto itself six bits down keeps the sixteen varying bits apart: the
/// test `wide_key_is_one_to_one` checks every character.
#[inline]
fn wide_key(k: u64) -> usize {
    ((k ^ (k >> 6)) & 0xffff) as usize
}

/// The code point of the three-byte UTF-8 character whose bytes are the low 24 bits of `k`
/// (little-endian).
#[inline]
fn wide_code(k: u64) -> u32 {
    ((k & 0x0f) << 12 | (k >> 2) & 0xfc0 | (k >> 16) & 0x3f) as u32
}

/// The code point of a character the scan loop stopped at, from what [`StartTable::at`] and
/// [`StartTable::next_loud`] give of it: its length in bytes and `raw`, its bytes
/// (little-endian, in the low 24 bits) when three, its code point otherwise. Decoding is left
/// to the caller because most stops (lexicon words) never look at the character.
#[inline]
pub(super) fn decode(len: usize, raw: u64) -> u32 {
    if len == 3 {
        wide_code(raw)
    } else {
        raw as u32
    }
}

/// The bytes of a three-byte UTF-8 character, little-endian, as the scan loop loads them.
fn wide_bytes(c: char) -> Option<u64> {
    let mut buf = [0u8; 4];
    match c.encode_utf8(&mut buf).as_bytes() {
        &[b0, b1, b2] => Some(u64::from(b0) | u64::from(b1) << 8 | u64::from(b2) << 16),
        _ => None,
    }
}

impl StartTable {
    /// The table for the built-in readers and the words of `lex`.
    pub(super) fn new(lex: &Lexicon) -> Self {
        let mut t = StartTable {
            low: Box::new([0; 0x800]),
            wide: Box::new([0; 0x10000]),
            other: Vec::new(),
        };
        for c in [
            '\n', '。', '！', '？', '!', '?', '；', ';', '，', ',', '：', ':', '、', '(', '（',
            ')', '）',
        ] {
            t.add(c, BREAK);
        }
        for c in ['分', '其', '从', '由', '到', '至'] {
            t.add(c, CHANGE);
        }
        for c in ['h', 'H', 'w', 'W'] {
            t.add(c, URL);
        }
        for c in ('a'..='z').chain('A'..='Z') {
            t.add(c, LATIN);
        }
        let firsts = |words: &[&str]| -> Vec<char> {
            words.iter().filter_map(|w| w.chars().next()).collect()
        };
        for c in firsts(DOMESTIC_PREFIXES) {
            t.add(c, DOMESTIC);
        }
        t.add('某', MOU);
        for c in lex.first_chars() {
            t.add(c, LEXICON);
        }
        for c in filter::non_numeral_firsts() {
            t.add(c, NON_NUMERAL);
        }
        for c in firsts(COMPANY_SUFFIXES) {
            t.add(c, COMPANY);
        }
        for c in firsts(HALF_WORDS) {
            t.add(c, HALF);
        }
        for c in firsts(&[TREND_LEAD]) {
            t.add(c, TREND);
        }
        for c in DOUBLINGS.iter().filter_map(|(w, _)| w.chars().next()) {
            t.add(c, DOUBLING);
        }
        for c in ('0'..='9')
            .chain('０'..='９')
            .chain(CN_NUMERAL_CHARS.chars())
        {
            t.add(c, PERIOD | QUANTITY);
        }
        for &c in CURRENCY_SIGNS {
            t.add(c, QUANTITY);
        }
        for &c in scanner::PERIOD_LEADS {
            t.add(c, PERIOD);
        }
        for c in SIGNS
            .iter()
            .copied()
            .chain(firsts(&[BELOW_ZERO, scanner::PERCENT_WORD]))
        {
            t.add(c, QUANTITY);
        }
        t
    }

    fn add(&mut self, c: char, bits: u16) {
        let slot = match wide_bytes(c) {
            Some(k) => self.wide.get_mut(wide_key(k)),
            None => self.low.get_mut(c as usize),
        };
        match slot {
            Some(b) => *b |= bits,
            None => match self.other.iter_mut().find(|(x, _)| *x == c) {
                Some((_, b)) => *b |= bits,
                None => self.other.push((c, bits)),
            },
        }
    }

    /// The bits of the readers that can start at the character at byte `i` of `text` (a char
    /// boundary), its length in bytes and the character as [`decode`] takes it: the scan
    /// loop's step, reading ASCII and three-byte characters (all of Chinese text but rare
    /// symbols) in line.
    #[inline]
    pub(super) fn at(&self, text: &str, i: usize) -> (u16, usize, u64) {
        let b = text.as_bytes();
        match b.get(i..i + 3) {
            Some(&[b0, ..]) if b0 < 0x80 => (self.low[usize::from(b0)], 1, u64::from(b0)),
            Some(&[b0, b1, b2]) if b0 & 0xf0 == 0xe0 => {
                let k = u64::from(b0) | u64::from(b1) << 8 | u64::from(b2) << 16;
                (self.wide[wide_key(k)], 3, k)
            }
            _ => match char_len_at(text, i) {
                Some((c, len)) => (self.get(c), len, u64::from(u32::from(c))),
                None => (0, 1, 0),
            },
        }
    }

    /// The first char boundary at or after `i` (a char boundary) where an ASCII or
    /// three-byte character with some bit set, or any other character, starts, with what
    /// [`StartTable::at`] says of it there; the text's length (and `(0, 0, 0)`) if none
    /// does. The scan loop's fast path over quiet prose: the character it stops at is
    /// decoded once.
    #[inline]
    pub(super) fn next_loud(&self, text: &str, mut i: usize) -> (usize, (u16, usize, u64)) {
        let b = text.as_bytes();
        // Two three-byte characters at a time while the text is Chinese: one load and one
        // test of both lead bytes per pair.
        while let Some(w) = b.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            let k = u64::from_le_bytes(word);
            if k & 0xf000_00f0 != 0xe000_00e0 {
                break;
            }
            let bits = self.wide[wide_key(k)];
            if bits != 0 {
                return (i, (bits, 3, k));
            }
            let bits = self.wide[wide_key(k >> 24)];
            if bits != 0 {
                return (i + 3, (bits, 3, k >> 24));
            }
            i += 6;
        }
        while let Some(&[b0, b1, b2]) = b.get(i..i + 3) {
            if b0 & 0xf0 == 0xe0 {
                let k = u64::from(b0) | u64::from(b1) << 8 | u64::from(b2) << 16;
                let bits = self.wide[wide_key(k)];
                if bits != 0 {
                    return (i, (bits, 3, k));
                }
                i += 3;
            } else if b0 < 0x80 {
                let bits = self.low[usize::from(b0)];
                if bits != 0 {
                    return (i, (bits, 1, u64::from(b0)));
                }
                i += 1;
            } else {
                return (i, self.at(text, i));
            }
        }
        if i < text.len() {
            (i, self.at(text, i))
        } else {
            (i, (0, 0, 0))
        }
    }

    /// The bits of the readers that can start at `c` (0 for most characters).
    #[inline]
    pub(super) fn get(&self, c: char) -> u16 {
        let slot = match wide_bytes(c) {
            Some(k) => self.wide.get(wide_key(k)),
            None => self.low.get(c as usize),
        };
        match slot {
            Some(&b) => b,
            None => self
                .other
                .iter()
                .find(|(x, _)| *x == c)
                .map_or(0, |&(_, b)| b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table's keys of three-byte characters never collide, and the code point comes
    /// back from the same bytes: looking them up by key is looking them up by character.
    #[test]
    fn wide_key_is_one_to_one() {
        let mut seen = vec![false; 0x10000];
        let mut n = 0;
        for c in (0x800..=0xffff).filter_map(char::from_u32) {
            let Some(k) = wide_bytes(c) else {
                panic!("{c:?} is three bytes");
            };
            assert_eq!(wide_code(k), u32::from(c));
            // What follows the character in the loaded word does not change its key.
            assert_eq!(wide_key(k), wide_key(k | 0xffff_ffff_ff00_0000));
            let key = wide_key(k);
            assert!(!seen[key], "{c:?} shares key {key:#x}");
            seen[key] = true;
            n += 1;
        }
        assert_eq!(n, 0x10000 - 0x800 - 0x800);
        assert_eq!(wide_bytes('a'), None);
        assert_eq!(wide_bytes('é'), None);
        assert_eq!(wide_bytes('𠀀'), None);
    }

    /// Off a char boundary (where a reader that slipped would leave the scan), the step
    /// stays put, with no bits and a length of one byte: the scan loop then moves on byte
    /// by byte to the next boundary, reading nothing in between.
    #[test]
    fn next_loud_steps_off_a_non_boundary_byte_by_byte() {
        let lx = Lexicon::new(&[]);
        let t = StartTable::new(&lx);
        let text = "英伟达H20芯片在中国市场的份额从95%降至0%，约为50%。\n𠀀é（注）";
        let mut off = 0;
        for i in (0..text.len()).filter(|&i| !text.is_char_boundary(i)) {
            assert_eq!(t.next_loud(text, i), (i, (0, 1, 0)), "at {i}");
            assert_eq!(t.at(text, i), (0, 1, 0), "at {i}");
            off += 1;
        }
        assert!(off > 30);
    }

    proptest::proptest! {
        /// The scan loop's step agrees with a lookup per character: `next_loud` stops at
        /// the first character with bits (or outside ASCII and three-byte UTF-8), with
        /// that character's bits, length and code point, on mixed Chinese-news-like text.
        #[test]
        fn next_loud_agrees_with_a_lookup_per_character(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "销量", "同比增长", "12.5%", "万辆", "。", "，", "\n", "公司", "比亚迪",
                    "Q3", "é", "𠀀", "约", "亿元", "其中", "分别", "从", "至", "的", " ",
                    "２０２５年", "百分之", "某车企", "http://x.cn", "翻番", "一半", "（",
                ]),
                0..40,
            ),
            extra in proptest::sample::select(vec!["", "示例集团", "𠀀字"]),
        ) {
            let extras: Vec<String> =
                std::iter::once(extra).filter(|e| !e.is_empty()).map(String::from).collect();
            let lx = Lexicon::new(&extras);
            let t = StartTable::new(&lx);
            let text: String = pieces.concat();
            // A character the loop may pass over: no bits, and ASCII or three bytes long.
            let quiet = |c: char| t.get(c) == 0 && matches!(c.len_utf8(), 1 | 3);
            let mut i = 0;
            loop {
                let (p, got) = t.next_loud(&text, i);
                // Everything passed over is quiet.
                let passed = text.get(i..p.min(text.len())).unwrap_or("\u{fffd}");
                proptest::prop_assert!(passed.chars().all(quiet), "{:?}", passed);
                let Some(c) = text.get(p..).and_then(|r| r.chars().next()) else {
                    proptest::prop_assert_eq!((p, got), (text.len(), (0, 0, 0)));
                    break;
                };
                // It stops on a loud character, or on any in the last two bytes (too short
                // for the three-byte step), decoded as a lookup would.
                proptest::prop_assert!(!quiet(c) || p + 3 > text.len(), "{:?} at {}", c, p);
                let (bits, len, raw) = got;
                proptest::prop_assert_eq!(
                    (bits, len, decode(len, raw)),
                    (t.get(c), c.len_utf8(), u32::from(c))
                );
                let (at_bits, at_len, at_raw) = t.at(&text, p);
                proptest::prop_assert_eq!((at_bits, at_len, decode(at_len, at_raw)), (bits, len, decode(len, raw)));
                i = p + c.len_utf8();
            }
        }
    }
}
