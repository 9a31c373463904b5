//! Numeral parsing: Arabic (ASCII or full-width, `1,234`, `12.5`) and Chinese (一千二百三十四万,
//! 三点五亿, 二〇二五) numerals, each with the value of its last written digit (its step).

use super::text::char_at;

/// An Arabic numeral as written: digits, optional thousands separators and decimals.
#[derive(Debug, Clone, PartialEq)]
pub struct ArabicNum {
    /// Byte offset one past the last character of the numeral.
    pub end: usize,
    /// Its value (no sign, no magnitude).
    pub value: f64,
    /// One unit of the last written digit (1 for integers, 0.1 for `12.5`).
    pub step: f64,
    /// Digits before the decimal point (separators not counted).
    pub int_digits: usize,
    /// Digits after the decimal point.
    pub frac_digits: usize,
    /// True when written with thousands separators (`1,234`).
    pub grouped: bool,
    /// True when the integer part has a leading zero and more than one digit (`010`): a code.
    pub leading_zero: bool,
}

/// The ASCII digit of an ASCII or full-width digit character.
pub fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// True for an ASCII or full-width decimal digit.
pub fn is_arabic_digit(c: char) -> bool {
    arabic_digit(c).is_some()
}

/// The Arabic digit whose UTF-8 encoding starts at byte `i` of `b`, with its byte length:
/// ASCII `0`–`9` (one byte) or full-width `０`–`９` (EF BC 90–99). Bytes are read directly:
/// every number of the text is read here, and decoding a `char` first cost more than the test.
#[inline]
pub(crate) fn digit_at(b: &[u8], i: usize) -> Option<(u64, usize)> {
    match b.get(i)? {
        &d @ b'0'..=b'9' => Some((u64::from(d - b'0'), 1)),
        0xef => match b.get(i + 1..i + 3)? {
            &[0xbc, d @ 0x90..=0x99] => Some((u64::from(d - 0x90), 3)),
            _ => None,
        },
        _ => None,
    }
}

/// True when the bytes of `b` at `i` are those of `word`: [`super::text::starts_at`] for
/// readers that work on bytes. A match needs no char-boundary test, since a word starts
/// with a lead byte, which no continuation byte equals. With a constant word the comparison
/// compiles to a few loads (the readers ask many times per number).
#[inline(always)]
pub(crate) fn word_at(b: &[u8], i: usize, word: &str) -> bool {
    // Byte by byte rather than a slice comparison, which calls `bcmp` for words not known
    // when compiling (those of the word tables).
    let w = word.as_bytes();
    b.get(i..i.wrapping_add(w.len()))
        .is_some_and(|s| s.iter().zip(w).all(|(x, y)| x == y))
}

/// True when `s` ends with `word`, compared byte by byte in line (no `memcmp` call).
#[inline(always)]
pub(crate) fn ends_with_word(s: &str, word: &str) -> bool {
    let (s, w) = (s.as_bytes(), word.as_bytes());
    s.len() >= w.len() && s[s.len() - w.len()..].iter().zip(w).all(|(x, y)| x == y)
}

/// [`word_at`] on the text: [`super::text::starts_at`], compiled in line.
#[inline(always)]
pub(crate) fn starts_at_inline(text: &str, i: usize, word: &str) -> bool {
    word_at(text.as_bytes(), i, word)
}

/// The character starting at byte `i`, as [`char_at`] reads it (`None` at the end or off a
/// char boundary), decoded in line for ASCII and three-byte characters (Chinese text):
/// the readers decode the characters around every number.
#[inline(always)]
pub(crate) fn char_at_inline(text: &str, i: usize) -> Option<char> {
    let b = text.as_bytes();
    match *b.get(i)? {
        b0 if b0 < 0x80 => Some(char::from(b0)),
        b0 if b0 & 0xf0 == 0xe0 => {
            let (b1, b2) = (*b.get(i + 1)?, *b.get(i + 2)?);
            let n =
                (u32::from(b0 & 0x0f) << 12) | (u32::from(b1 & 0x3f) << 6) | u32::from(b2 & 0x3f);
            // `text` is valid UTF-8: a lead byte starts a whole, valid character.
            char::from_u32(n)
        }
        _ => char_at(text, i),
    }
}

/// The digits starting at byte `i`: how many, the byte offset after them, and their value
/// when there are at most 19 (it then fits a `u64`; beyond, the value is not used).
#[inline]
fn digit_run_value(b: &[u8], i: usize) -> (usize, usize, u64) {
    let (mut n, mut j, mut v) = (0usize, i, 0u64);
    while let Some((d, len)) = digit_at(b, j) {
        if n < 19 {
            v = v * 10 + d;
        }
        n += 1;
        j += len;
    }
    (n, j, v)
}

/// Exact powers of ten as `f64` (every one up to 1e22 is representable).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Parses an Arabic numeral starting at byte `i` (which must hold a digit).
///
/// A `,` counts as a thousands separator only when the first group has 1–3 digits and every
/// later group exactly 3; otherwise it is left as punctuation (the sample article uses ASCII
/// commas between clauses). Values that overflow to infinity are rejected.
pub fn parse_arabic(text: &str, i: usize) -> Option<ArabicNum> {
    let b = text.as_bytes();
    // Off a char boundary the byte is a continuation byte, never a digit: like `char_at`.
    let (first, mut j, mut mantissa) = digit_run_value(b, i);
    if first == 0 {
        return None;
    }
    let leading_zero_digit = digit_at(b, i).is_some_and(|(d, _)| d == 0);
    let mut int_digits = first;
    let mut grouped = false;
    if first <= 3 {
        // Thousands groups: `,ddd` not followed by another digit.
        while b.get(j) == Some(&b',') {
            let (n, k, v) = digit_run_value(b, j + 1);
            if n != 3 {
                break;
            }
            // Beyond 19 digits the slow path reads the value: the mantissa is not used.
            mantissa = mantissa.wrapping_mul(1000).wrapping_add(v);
            int_digits += 3;
            grouped = true;
            j = k;
        }
    }
    let leading_zero = int_digits > 1 && leading_zero_digit;
    let mut frac_digits = 0;
    let point = match b.get(j..) {
        Some([b'.', ..]) => 1,
        // U+FF0E FULLWIDTH FULL STOP.
        Some([0xef, 0xbc, 0x8e, ..]) => 3,
        _ => 0,
    };
    if point > 0 {
        let (n, k, v) = digit_run_value(b, j + point);
        if n > 0 {
            frac_digits = n;
            if int_digits + n <= 19 {
                mantissa = mantissa * POW10_U64[n] + v;
            }
            j = k;
        }
    }
    // With at most 15 significant digits the mantissa is exact in an `f64`, and so is every
    // power of ten up to 1e22: one correctly rounded division gives the same `f64` as
    // parsing the decimal string would (the classic exact fast path). Longer numerals are
    // parsed from their digits.
    let value: f64 = if int_digits + frac_digits <= 15 {
        let m = mantissa as f64;
        if frac_digits == 0 {
            m
        } else {
            m / POW10[frac_digits]
        }
    } else {
        slow_value(text, i, j)?
    };
    let step = 10f64.powi(-(frac_digits.min(400) as i32));
    if !value.is_finite() || step <= 0.0 || step.is_nan() {
        return None;
    }
    Some(ArabicNum {
        end: j,
        value,
        step,
        int_digits,
        frac_digits,
        grouped,
        leading_zero,
    })
}

/// Powers of ten as `u64`, for appending up to 19 digits to a mantissa.
const POW10_U64: [u64; 20] = {
    let mut t = [1u64; 20];
    let mut k = 1;
    while k < 20 {
        t[k] = t[k - 1] * 10;
        k += 1;
    }
    t
};

/// The value of the numeral written in `text[i..end]` (digits, separators, point) parsed
/// from its ASCII digits: for numerals too long for the exact fast path.
fn slow_value(text: &str, i: usize, end: usize) -> Option<f64> {
    let mut digits = String::new();
    for c in text.get(i..end)?.chars() {
        if let Some(d) = arabic_digit(c) {
            digits.push(char::from(b'0' + d as u8));
        } else if matches!(c, '.' | '．') {
            digits.push('.');
        }
    }
    digits.parse().ok()
}

/// The value of a Chinese digit character (一…九, 〇/零, 两).
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of a Chinese power character below 万 (十 百 千).
fn cn_small_power(c: char) -> Option<f64> {
    match c {
        '十' => Some(10.0),
        '百' => Some(100.0),
        '千' => Some(1000.0),
        _ => None,
    }
}

/// Every character [`is_cn_numeral_char`] accepts, for tables built from it (the tests
/// check the two agree over the whole Basic Multilingual Plane).
pub const CN_NUMERAL_CHARS: &str = "〇零一二两三四五六七八九十百千万亿";

/// True for characters that can be part of a Chinese numeral (digits and powers).
pub fn is_cn_numeral_char(c: char) -> bool {
    cn_digit(c).is_some() || matches!(c, '十' | '百' | '千' | '万' | '亿')
}

/// A Chinese numeral as written.
#[derive(Debug, Clone, PartialEq)]
pub struct ChineseNum {
    /// Byte offset one past the last character.
    pub end: usize,
    /// Its value, magnitude included (三点五亿 = 3.5e8).
    pub value: f64,
    /// Place value of its last written digit (三点五亿: 1e7; 一千二百三十四万: 1e4).
    pub step: f64,
    /// The trailing magnitude word (万, 亿, 万亿, 千万, 百万, 千亿, 百亿), if it ends with one.
    pub magnitude: Option<&'static str>,
    /// Number of characters in the numeral.
    pub chars: usize,
    /// True for digit-by-digit numerals such as 二〇二五 (years, codes).
    pub digit_string: bool,
    /// True when the numeral starts with 百/千/万/亿 (百度, 千万不要, 万物): not a quantity on its own.
    pub starts_with_power: bool,
}

/// Parses a Chinese numeral starting at byte `i`.
///
/// Accepts digit strings (二〇二五), positional numerals with 十百千万亿 (一千二百三十四万,
/// 一万零五, 两百), the colloquial trailing digit (一万五 = 15000) and a decimal part with 点
/// (三点五亿). Returns `None` when the run is not a well-formed numeral or overflows.
pub fn parse_chinese(text: &str, i: usize) -> Option<ChineseNum> {
    // Collect the run: numeral characters, plus 点 when a digit follows. On the stack: every
    // Chinese numeral of the text is parsed (some twice), and numerals are short; a longer
    // run spills into a Vec.
    let mut buf = ['\0'; 24];
    let mut len = 0;
    let mut spill: Option<Vec<char>> = None;
    let mut push = |c: char| {
        if let Some(v) = &mut spill {
            v.push(c);
        } else if let Some(slot) = buf.get_mut(len) {
            *slot = c;
            len += 1;
        } else {
            let mut v = buf.to_vec();
            v.push(c);
            spill = Some(v);
        }
    };
    let mut count = 0;
    let mut j = i;
    let mut point_at: Option<usize> = None;
    while let Some(c) = char_at_inline(text, j) {
        if is_cn_numeral_char(c) {
            push(c);
            count += 1;
            j += c.len_utf8();
        } else if c == '点'
            && point_at.is_none()
            && count > 0
            && char_at_inline(text, j + c.len_utf8()).is_some_and(|d| cn_digit(d).is_some())
        {
            point_at = Some(count);
            push(c);
            count += 1;
            j += c.len_utf8();
        } else {
            break;
        }
    }
    let chars: &[char] = match &spill {
        Some(v) => v,
        None => &buf[..len],
    };
    if chars.is_empty() {
        return None;
    }
    let starts_with_power = matches!(chars[0], '百' | '千' | '万' | '亿');
    let n = chars.len();
    // Digit strings: two or more plain digits (no 两, no powers).
    if point_at.is_none() && n >= 2 && chars.iter().all(|&c| c != '两' && cn_digit(c).is_some()) {
        let mut v = 0f64;
        for &c in chars {
            v = v * 10.0 + f64::from(cn_digit(c)?);
        }
        return v.is_finite().then_some(ChineseNum {
            end: j,
            value: v,
            step: 1.0,
            magnitude: None,
            chars: n,
            digit_string: true,
            starts_with_power,
        });
    }
    let (int_part, frac_part) = match point_at {
        Some(p) => (&chars[..p], Some(&chars[p + 1..])),
        None => (chars, None),
    };
    let (value, step) = match frac_part {
        None => positional(int_part)?,
        Some(frac) => {
            // The fraction is a digit string, optionally followed by 万/亿 magnitudes.
            let digits: Vec<u32> = frac.iter().map_while(|&c| cn_digit(c)).collect();
            let mags = &frac[digits.len()..];
            if digits.is_empty() || !mags.iter().all(|&c| matches!(c, '万' | '亿')) {
                return None;
            }
            let (iv, istep) = positional(int_part)?;
            if istep > 1.0 {
                // 三十点五: fine; 三万点五 is not a numeral.
                if int_part.iter().any(|&c| matches!(c, '万' | '亿')) {
                    return None;
                }
            }
            let mut v = iv;
            let mut place = 1.0;
            for d in &digits {
                place /= 10.0;
                v += f64::from(*d) * place;
            }
            let mut factor = 1.0;
            for &c in mags {
                factor *= if c == '万' { 1e4 } else { 1e8 };
            }
            (v * factor, place * factor)
        }
    };
    if !value.is_finite() || !step.is_finite() || step <= 0.0 {
        return None;
    }
    Some(ChineseNum {
        end: j,
        value,
        step,
        magnitude: trailing_magnitude(chars),
        chars: n,
        digit_string: false,
        starts_with_power,
    })
}

/// The magnitude word a Chinese numeral ends with, as a reader would name it.
fn trailing_magnitude(chars: &[char]) -> Option<&'static str> {
    let n = chars.len();
    let last = *chars.last()?;
    if n >= 3 && chars[n - 2] == '万' && last == '亿' {
        return Some("万亿");
    }
    if !matches!(last, '万' | '亿') || n < 2 {
        return None;
    }
    // 三千万 reads as 三 + 千万; 一千二百万 as 一千二百 + 万.
    if n == 3 && cn_digit(chars[0]).is_some() {
        match (chars[1], last) {
            ('千', '万') => return Some("千万"),
            ('百', '万') => return Some("百万"),
            ('千', '亿') => return Some("千亿"),
            ('百', '亿') => return Some("百亿"),
            _ => {}
        }
    }
    Some(if last == '万' { "万" } else { "亿" })
}

/// Value and last-digit place of a positional numeral (no decimal point).
fn positional(chars: &[char]) -> Option<(f64, f64)> {
    if chars.is_empty() {
        return None;
    }
    let mut total = 0f64; // everything already multiplied by 亿
    let mut section = 0f64; // everything already multiplied by 万 (below 亿)
    let mut cur = 0f64; // below 万
    let mut digit: Option<f64> = None;
    let mut last_place = 1f64;
    let mut prev_power: Option<f64> = None;
    let mut zero_gap = false;
    let mut any_digit_or_ten = false;
    for &c in chars {
        if let Some(d) = cn_digit(c) {
            if digit.is_some() {
                return None; // two digits in a row: not a positional numeral
            }
            if d == 0 {
                zero_gap = true;
                continue;
            }
            digit = Some(f64::from(d));
            any_digit_or_ten = true;
        } else if let Some(p) = cn_small_power(c) {
            let d = match digit.take() {
                Some(d) => d,
                // 十五 = 15; a bare 百/千 needs a digit. The accumulators only ever hold
                // non-negative sums, so "nothing yet" is `<= 0.0` (no float equality).
                None if c == '十' && cur <= 0.0 => 1.0,
                None => return None,
            };
            if prev_power.is_some_and(|q| q <= p) && cur > 0.0 {
                return None; // 十百, 百千: out of order
            }
            any_digit_or_ten = true;
            cur += d * p;
            last_place = p;
            prev_power = Some(p);
            zero_gap = false;
        } else if c == '万' {
            let d = digit.take().unwrap_or(0.0);
            if d > 0.0 {
                last_place = 1.0;
            }
            let block = cur + d;
            if block <= 0.0 && section <= 0.0 && total <= 0.0 {
                return None; // a bare 万
            }
            section = (section + block) * 1e4;
            last_place *= 1e4;
            cur = 0.0;
            prev_power = Some(1e4);
            zero_gap = false;
        } else if c == '亿' {
            let d = digit.take().unwrap_or(0.0);
            if d > 0.0 {
                last_place = 1.0;
            }
            let block = section + cur + d;
            if block <= 0.0 && total <= 0.0 {
                return None;
            }
            total = (total + block) * 1e8;
            last_place *= 1e8;
            section = 0.0;
            cur = 0.0;
            prev_power = Some(1e8);
            zero_gap = false;
        } else {
            return None;
        }
    }
    if !any_digit_or_ten {
        return None; // only zeros
    }
    if let Some(d) = digit {
        // A trailing digit right after a power is abbreviated: 一万五 = 15000, 十五 = 15.
        let place = match prev_power {
            Some(p) if !zero_gap => (p / 10.0).max(1.0),
            _ => 1.0,
        };
        cur += d * place;
        last_place = place;
    }
    Some((total + section + cur, last_place))
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn whole_numbers_read_as_their_digits_parse() {
        for t in [
            "0",
            "7",
            "010",
            "999999999999999",
            "1,234",
            "１２３",
            "9999999999999999",
        ] {
            let a = parse_arabic(t, 0).unwrap();
            let digits: String = t
                .chars()
                .filter_map(arabic_digit)
                .map(|d| char::from(b'0' + d as u8))
                .collect();
            assert_eq!(
                a.value.to_bits(),
                digits.parse::<f64>().unwrap().to_bits(),
                "{t}"
            );
        }
    }

    #[test]
    fn long_numerals_spill_to_the_heap() {
        let t = "1".repeat(70) + ".5";
        let a = parse_arabic(&t, 0).unwrap();
        assert_eq!(a.end, t.len());
        assert_eq!(a.value.to_bits(), t.parse::<f64>().unwrap().to_bits());
        assert_eq!(a.frac_digits, 1);
    }

    #[test]
    fn long_chinese_numerals_spill_to_the_heap() {
        let t = "一".repeat(30) + "年";
        let n = parse_chinese(&t, 0).unwrap();
        assert_eq!(
            (n.end, n.chars, n.digit_string),
            ("一".len() * 30, 30, true)
        );
        let v = (0..30).fold(0f64, |v, _| v * 10.0 + 1.0);
        assert_eq!(n.value.to_bits(), v.to_bits());
    }

    #[test]
    fn numeral_char_list_matches_the_function() {
        for c in (0..0x10000).filter_map(char::from_u32) {
            assert_eq!(is_cn_numeral_char(c), CN_NUMERAL_CHARS.contains(c), "{c}");
        }
    }

    fn cn(s: &str) -> (f64, f64) {
        let n = parse_chinese(s, 0).expect(s);
        assert_eq!(n.end, s.len(), "{s}");
        (n.value, n.step)
    }

    #[test]
    fn chinese_values_and_steps() {
        assert_relative_eq!(cn("一千二百三十四万").0, 12_340_000.0);
        assert_relative_eq!(cn("一千二百三十四万").1, 1e4);
        assert_relative_eq!(cn("三点五亿").0, 3.5e8);
        assert_relative_eq!(cn("三点五亿").1, 1e7);
        assert_relative_eq!(cn("二〇二五").0, 2025.0);
        assert_relative_eq!(cn("十五").0, 15.0);
        assert_relative_eq!(cn("一万零五").0, 10005.0);
        assert_relative_eq!(cn("一万五").0, 15000.0);
        assert_relative_eq!(cn("三亿五千万").0, 3.5e8);
        assert_relative_eq!(cn("两百").0, 200.0);
        assert_relative_eq!(cn("一万亿").0, 1e12);
        assert_eq!(parse_chinese("三千万", 0).unwrap().magnitude, Some("千万"));
        assert!(parse_chinese("万", 0).is_none());
    }

    #[test]
    fn arabic_forms() {
        let n = parse_arabic("1,234,567.5万", 0).unwrap();
        assert_relative_eq!(n.value, 1_234_567.5);
        assert_relative_eq!(n.step, 0.1);
        let n = parse_arabic("１２３", 0).unwrap();
        assert_relative_eq!(n.value, 123.0);
        // A clause comma is not a thousands separator.
        let n = parse_arabic("2024,英伟达", 0).unwrap();
        assert_eq!(n.end, 4);
        let n = parse_arabic("12,3456", 0).unwrap();
        assert_eq!(n.end, 2);
    }

    /// The parser as it was before the exact fast path: the oracle of the property test.
    mod oracle {
        use super::super::{arabic_digit, is_arabic_digit, ArabicNum};
        use crate::extract::text::char_at;

        fn digit_run(text: &str, i: usize) -> (usize, usize) {
            let mut n = 0;
            let mut j = i;
            while let Some(c) = char_at(text, j) {
                if !is_arabic_digit(c) {
                    break;
                }
                n += 1;
                j += c.len_utf8();
            }
            (n, j)
        }

        fn push_digits(out: &mut String, s: &str) {
            for c in s.chars() {
                if let Some(d) = arabic_digit(c) {
                    out.push(char::from(b'0' + d as u8));
                }
            }
        }

        pub fn parse_arabic(text: &str, i: usize) -> Option<ArabicNum> {
            let (first, mut j) = digit_run(text, i);
            if first == 0 {
                return None;
            }
            let mut digits = String::new();
            push_digits(&mut digits, &text[i..j]);
            let mut int_digits = first;
            let mut grouped = false;
            if first <= 3 {
                loop {
                    if char_at(text, j) != Some(',') {
                        break;
                    }
                    let (n, k) = digit_run(text, j + 1);
                    if n != 3 {
                        break;
                    }
                    push_digits(&mut digits, &text[j + 1..k]);
                    int_digits += 3;
                    grouped = true;
                    j = k;
                }
            }
            let leading_zero = int_digits > 1 && digits.starts_with('0');
            let mut frac_digits = 0;
            if let Some(c @ ('.' | '．')) = char_at(text, j) {
                let (n, k) = digit_run(text, j + c.len_utf8());
                if n > 0 {
                    digits.push('.');
                    push_digits(&mut digits, &text[j + c.len_utf8()..k]);
                    frac_digits = n;
                    j = k;
                }
            }
            let value: f64 = if frac_digits == 0 && int_digits <= 15 {
                digits
                    .bytes()
                    .fold(0u64, |v, b| v * 10 + u64::from(b - b'0')) as f64
            } else {
                digits.parse().ok()?
            };
            let step = 10f64.powi(-(frac_digits.min(400) as i32));
            if !value.is_finite() || step <= 0.0 || step.is_nan() {
                return None;
            }
            Some(ArabicNum {
                end: j,
                value,
                step,
                int_digits,
                frac_digits,
                grouped,
                leading_zero,
            })
        }
    }

    /// Same result as the oracle, bit for bit, at every char boundary of generated text.
    fn same_arabic(text: &str) {
        for i in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let (a, b) = (parse_arabic(text, i), oracle::parse_arabic(text, i));
            match (&a, &b) {
                (Some(a), Some(b)) => {
                    assert_eq!(a.value.to_bits(), b.value.to_bits(), "{text:?} at {i}");
                    assert_eq!(a, b, "{text:?} at {i}");
                }
                _ => assert_eq!(a, b, "{text:?} at {i}"),
            }
        }
    }

    #[test]
    fn arabic_parse_matches_the_oracle_on_edge_numerals() {
        for t in [
            "0.1",
            "0.3",
            "123456789012345",
            "1234567890123456",
            "12345678901234.5",
            "1.000000000000000000001",
            "99999999999999999999.5",
            "１２．５",
            "1,234.5",
            "12,345,678.125",
            "0,123",
            "010.5",
            "3.",
            "5．x",
            &"9".repeat(400),
            &format!("0.{}", "3".repeat(30)),
        ] {
            same_arabic(t);
        }
    }

    #[test]
    fn words_are_found_where_starts_at_finds_them() {
        let t = "a中国b𠀀";
        for w in [
            "a", "中", "中国", "国b", "b", "ab", "\u{fffd}", "𠀀", "b𠀀x",
        ] {
            for i in 0..=t.len() + 4 {
                assert_eq!(
                    starts_at_inline(t, i, w),
                    crate::extract::text::starts_at(t, i, w),
                    "{w} at {i}"
                );
            }
        }
    }

    #[test]
    fn inline_decoding_reads_like_char_at() {
        let t = "a\u{e9}一𠀀,\u{ffff}\u{7ff}\u{800}";
        for i in 0..=t.len() + 1 {
            assert_eq!(char_at_inline(t, i), char_at(t, i), "{i}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        #[test]
        fn arabic_parse_matches_the_oracle(t in news_gen::text()) {
            same_arabic(&t);
        }

        #[test]
        fn decimals_parse_like_the_oracle(int in "[0-9]{1,12}", frac in "[0-9]{0,12}") {
            same_arabic(&format!("{int}.{frac}万"));
        }
    }
}

/// Generated text in the style of Chinese business news, for property tests comparing the
/// readers with the simpler versions they replaced: numbers (Arabic, full-width, Chinese,
/// grouped, decimal), magnitudes, units, hedges, period words, change verbs, punctuation,
/// Latin letters and a few characters beyond the Basic Multilingual Plane.
#[cfg(test)]
pub(crate) mod news_gen {
    use proptest::prelude::*;

    /// The pieces texts are made of.
    pub const PIECES: &[&str] = &[
        "0",
        "1",
        "2",
        "5",
        "9",
        "12",
        "30",
        "2024",
        "2025",
        "48.5",
        "0.20",
        "1,234",
        "１２",
        "０",
        "．",
        "一",
        "二",
        "两",
        "三",
        "四",
        "十",
        "百",
        "千",
        "万",
        "亿",
        "〇",
        "零",
        "点",
        "年",
        "月",
        "日",
        "号",
        "季度",
        "季",
        "半",
        "上半年",
        "下半年",
        "全年",
        "全球",
        "上",
        "下",
        "前",
        "第",
        "今年",
        "去年",
        "明年",
        "每年",
        "次年",
        "财年",
        "财季",
        "度",
        "末",
        "底",
        "初",
        "份",
        "%",
        "％",
        "个百分点",
        "百分点",
        "倍",
        "成",
        "成本",
        "美元",
        "元",
        "人民币",
        "港元",
        "港币",
        "枚",
        "辆",
        "部",
        "部分",
        "家",
        "个",
        "个月",
        "首",
        "首发",
        "人",
        "千瓦",
        "千克",
        "GWh",
        "GW",
        "kg",
        "km",
        "多",
        "余",
        "多元",
        "左右",
        "以上",
        "上下游",
        "约",
        "约为",
        "大约",
        "近",
        "最近",
        "将近",
        "超",
        "超过",
        "远超",
        "远超过",
        "赶超",
        "均",
        "人均",
        "不到",
        "至少",
        "突破",
        "有",
        "达",
        "在",
        "了",
        "占",
        "增长",
        "负增长",
        "同比",
        "环比",
        "下降",
        "降到",
        "增至",
        "到",
        "至",
        "从",
        "由",
        "为",
        "达到",
        "-",
        "－",
        "—",
        "~",
        "/",
        ".",
        ":",
        "：",
        ",",
        "，",
        "、",
        "。",
        "（",
        "）",
        " ",
        "\u{a0}",
        "\n",
        "的",
        "和",
        "收入",
        "出货量",
        "H",
        "Q",
        "FY",
        "A",
        "x",
        "B",
        "时",
        "分",
        "世纪",
        "年代",
        "后",
        "系列",
        "芯片",
        "麒麟",
        "电话",
        "$",
        "￥",
        "负",
        "+",
        "零下",
        "几",
        "数",
        "𠀀",
        "é",
        "连续",
    ];

    /// A text of up to `n` pieces.
    pub fn text_of(n: usize) -> impl Strategy<Value = String> {
        proptest::collection::vec(0..PIECES.len(), 0..n)
            .prop_map(|ks| ks.into_iter().map(|k| PIECES[k]).collect())
    }

    /// A text of up to 24 pieces.
    pub fn text() -> impl Strategy<Value = String> {
        text_of(24)
    }

    /// The text of every fixture and seed article of the repository (`.txt`, recursively).
    pub fn fixture_articles() -> Vec<String> {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "txt") {
                    out.push(std::fs::read_to_string(&p).unwrap_or_default());
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        walk(&root.join("tests/fixtures"), &mut out);
        walk(&root.join("seeds"), &mut out);
        assert!(out.len() > 10, "fixture articles not found");
        out
    }
}
