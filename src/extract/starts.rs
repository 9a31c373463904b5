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

/// The reader bits of every character: a flat table over the Basic Multilingual Plane
/// (128 KiB, zeroed by the allocator, so building it costs only the listed characters) and
/// a short list for the rest (only caller entities can start there).
#[derive(Debug, Clone)]
pub(super) struct StartTable {
    bmp: Box<[u16; 0x10000]>,
    other: Vec<(char, u16)>,
}

impl StartTable {
    /// The table for the built-in readers and the words of `lex`.
    pub(super) fn new(lex: &Lexicon) -> Self {
        let mut t = StartTable {
            bmp: Box::new([0; 0x10000]),
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
        match self.bmp.get_mut(c as usize) {
            Some(b) => *b |= bits,
            None => match self.other.iter_mut().find(|(x, _)| *x == c) {
                Some((_, b)) => *b |= bits,
                None => self.other.push((c, bits)),
            },
        }
    }

    /// The bits of the readers that can start at the character at byte `i` of `text` (a char
    /// boundary), its length in bytes and its code point: the scan loop's step, decoding
    /// ASCII and three-byte characters (all of Chinese text but rare symbols) in line.
    #[inline]
    pub(super) fn at(&self, text: &str, i: usize) -> (u16, usize, u32) {
        let b = text.as_bytes();
        match b.get(i..i + 3) {
            Some(&[b0, ..]) if b0 < 0x80 => (self.bmp[usize::from(b0)], 1, u32::from(b0)),
            Some(&[b0, b1, b2]) if b0 & 0xf0 == 0xe0 => {
                let n = (u32::from(b0 & 0x0f) << 12)
                    | (u32::from(b1 & 0x3f) << 6)
                    | u32::from(b2 & 0x3f);
                (self.bmp[(n & 0xffff) as usize], 3, n)
            }
            _ => match char_len_at(text, i) {
                Some((c, len)) => (self.get(c), len, u32::from(c)),
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
    pub(super) fn next_loud(&self, text: &str, mut i: usize) -> (usize, (u16, usize, u32)) {
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
            let code = |k: u64| ((k & 0x0f) << 12 | (k >> 2) & 0xfc0 | (k >> 16) & 0x3f) as u32;
            let c = code(k);
            let bits = self.bmp[c as usize];
            if bits != 0 {
                return (i, (bits, 3, c));
            }
            let c = code(k >> 24);
            let bits = self.bmp[c as usize];
            if bits != 0 {
                return (i + 3, (bits, 3, c));
            }
            i += 6;
        }
        while let Some(&[b0, b1, b2]) = b.get(i..i + 3) {
            if b0 & 0xf0 == 0xe0 {
                let n = (u32::from(b0 & 0x0f) << 12)
                    | (u32::from(b1 & 0x3f) << 6)
                    | u32::from(b2 & 0x3f);
                let bits = self.bmp[(n & 0xffff) as usize];
                if bits != 0 {
                    return (i, (bits, 3, n));
                }
                i += 3;
            } else if b0 < 0x80 {
                let bits = self.bmp[usize::from(b0)];
                if bits != 0 {
                    return (i, (bits, 1, u32::from(b0)));
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
        match self.bmp.get(c as usize) {
            Some(&b) => b,
            None => self
                .other
                .iter()
                .find(|(x, _)| *x == c)
                .map_or(0, |&(_, b)| b),
        }
    }
}
