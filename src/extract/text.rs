//! Small char-boundary-safe helpers for walking the article text by byte offsets.

/// The character starting at byte `i`, or `None` at the end or off a char boundary.
pub fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
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
pub fn starts_at(text: &str, i: usize, word: &str) -> bool {
    text.get(i..).is_some_and(|s| s.starts_with(word))
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

    fn write_u32(&mut self, n: u32) {
        // Fx-style mixing: the multiply spreads the code point over the high bits the
        // table uses for its control bytes; the rotate keeps earlier input in play.
        self.0 = (self.0.rotate_left(5) ^ u64::from(n)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}
