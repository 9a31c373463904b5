//! A small streaming JSON emitter that writes exactly what `serde_json::to_writer` writes
//! (compact), straight into a byte buffer: no intermediate values, no per-field allocation.
//! The reports may put array elements on lines of their own ([`Emitter::element_line`]):
//! whitespace between tokens, which any JSON reader skips.
//!
//! The JSON reports are tens of kilobytes per article, so they are written at close to copy
//! speed; `json.rs` keeps the `serde` shapes as the reference the emitter is tested against.

use crate::document::word_at;

/// Writes compact JSON values into `out`, as `serde_json::to_writer` would.
///
/// Keys must be plain ASCII names (they are written unescaped); string values are escaped.
pub struct Emitter<'a> {
    out: &'a mut Vec<u8>,
    /// No value has been written yet in the innermost open object or array.
    first: bool,
}

impl<'a> Emitter<'a> {
    /// An emitter writing into `out`.
    pub fn new(out: &'a mut Vec<u8>) -> Self {
        Emitter { out, first: true }
    }

    /// The separator before a key or an array element.
    #[inline(always)]
    fn separate(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }

    /// Opens an object (`{`).
    pub fn begin_object(&mut self) {
        self.out.push(b'{');
        self.first = true;
    }

    /// Closes the innermost object (`}`).
    pub fn end_object(&mut self) {
        self.close(b'}');
    }

    /// Opens an array (`[`).
    pub fn begin_array(&mut self) {
        self.out.push(b'[');
        self.first = true;
    }

    /// Closes the innermost array (`]`).
    pub fn end_array(&mut self) {
        self.close(b']');
    }

    /// Closes an array whose elements were started with [`Emitter::element_line`]: the
    /// `]` goes on a line of its own after them (an empty array stays `[]`).
    pub fn end_array_lines(&mut self) {
        if !self.first {
            self.out.push(b'\n');
        }
        self.close(b']');
    }

    fn close(&mut self, bracket: u8) {
        self.out.push(bracket);
        // The enclosing container now holds a value.
        self.first = false;
    }

    /// The buffer, for writers that lay out a whole value themselves (`objects.rs`); that
    /// value counts as written.
    pub(crate) fn raw(&mut self) -> &mut Vec<u8> {
        self.first = false;
        self.out
    }

    /// Starts an array element: the separator before it.
    pub fn element(&mut self) {
        self.separate();
    }

    /// Starts an array element on a line of its own: the separator, then a line break.
    pub fn element_line(&mut self) {
        self.separate();
        self.out.push(b'\n');
    }

    /// Writes an object key (a plain ASCII name) and the colon after it.
    // Inlined at each call so the key's length is a constant and its copy a few moves.
    #[inline(always)]
    pub fn key(&mut self, k: &str) {
        self.separate();
        self.out.push(b'"');
        self.out.extend_from_slice(k.as_bytes());
        self.out.extend_from_slice(b"\":");
    }

    /// Writes a string value, escaped.
    pub fn str(&mut self, s: &str) {
        escape_into(self.out, s);
    }

    /// Writes a string value, or `null`.
    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    /// Writes `null`.
    pub fn null(&mut self) {
        self.out.extend_from_slice(b"null");
    }

    /// Writes `true` or `false`.
    pub fn bool(&mut self, b: bool) {
        self.out
            .extend_from_slice(if b { b"true" } else { b"false" });
    }

    /// Writes an unsigned integer.
    pub fn uint(&mut self, n: usize) {
        write_uint(self.out, n as u64);
    }

    /// Writes a report number as [`super::json::number`] would print it.
    pub fn number(&mut self, v: f64) {
        super::json::write_number(self.out, v);
    }

    /// `"k": "s"`.
    #[inline(always)]
    pub fn field_str(&mut self, k: &str, s: &str) {
        self.key(k);
        self.str(s);
    }

    /// `"k": "s"` or `"k": null`.
    #[inline(always)]
    pub fn field_opt_str(&mut self, k: &str, s: Option<&str>) {
        self.key(k);
        self.opt_str(s);
    }

    /// `"k": n`.
    #[inline(always)]
    pub fn field_uint(&mut self, k: &str, n: usize) {
        self.key(k);
        self.uint(n);
    }

    /// `"k": v` for a report number.
    #[inline(always)]
    pub fn field_number(&mut self, k: &str, v: f64) {
        self.key(k);
        self.number(v);
    }
}

/// Two-digit decimal pairs `00`..`99`.
const PAIRS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// Writes `n` in decimal, as `itoa` (and so `serde_json`) does.
// Inlined: offsets, lines and columns (under 10,000 in most articles) are most of the
// numbers of a report, and six of them make every location.
#[inline]
pub fn write_uint(out: &mut Vec<u8>, n: u64) {
    match u16::try_from(n) {
        Ok(small) if small < 10_000 => write_small(out, small),
        _ => write_large(out, n),
    }
}

/// The decimal digits of every number under 10,000 as a little-endian word, first digit in
/// the lowest byte, the bytes after the last digit zero: built at compile time, so the six
/// numbers of a location (and every id) are one load each instead of two divisions, three
/// compares and four pair loads ([`small_digits_by_pairs`], kept as the test oracle).
static SMALL_DIGITS: [u32; 10_000] = small_digit_words();

/// The table behind [`SMALL_DIGITS`].
const fn small_digit_words() -> [u32; 10_000] {
    let mut table = [0u32; 10_000];
    let mut n = 0;
    while n < 10_000 {
        let digits = 1 + (n >= 10) as u32 + (n >= 100) as u32 + (n >= 1000) as u32;
        // The last digit goes into byte `digits - 1`, the first into byte 0.
        let (mut word, mut m, mut k) = (0u32, n as u32, digits);
        while k > 0 {
            k -= 1;
            word |= (b'0' as u32 + m % 10) << (8 * k);
            m /= 10;
        }
        table[n] = word;
        n += 1;
    }
    table
}

/// The decimal digits of `n` (under 10,000) as a little-endian word, first digit in the
/// lowest byte, and their number: the digit bytes are never zero, so their number is the
/// word's length in bytes.
#[inline(always)]
fn small_digits(n: u16) -> (u32, usize) {
    match SMALL_DIGITS.get(usize::from(n)) {
        Some(&word) => (word, 4 - (word.leading_zeros() / 8) as usize),
        None => small_digits_by_pairs(n),
    }
}

/// [`small_digits`] computed from digit pairs (the former way; the oracle of the table, and
/// the answer for a number out of its range, which callers never pass).
#[inline(always)]
fn small_digits_by_pairs(n: u16) -> (u32, usize) {
    let (hi, lo) = ((n / 100) as usize * 2, (n % 100) as usize * 2);
    let digits = 1 + usize::from(n >= 10) + usize::from(n >= 100) + usize::from(n >= 1000);
    let padded = u32::from_le_bytes([PAIRS[hi], PAIRS[hi + 1], PAIRS[lo], PAIRS[lo + 1]]);
    // The four digits zero-padded, the leading zeros shifted out.
    (padded >> (8 * (4 - digits)), digits)
}

/// [`write_uint`] under 10,000: one fixed four-byte copy cut back to the real length.
#[inline(always)]
fn write_small(out: &mut Vec<u8>, n: u16) {
    let (word, digits) = small_digits(n);
    let len = out.len() + digits;
    out.extend_from_slice(&word.to_le_bytes());
    out.truncate(len);
}

/// Writes `key` (at most 12 bytes: an object key with its separator and colon) and then `n`
/// in decimal. Under 10,000 (most offsets, lines and columns) the two are one 16-byte
/// number, the key a constant where this is inlined: one fixed copy cut back to length.
#[inline(always)]
pub(crate) fn write_key_uint(out: &mut Vec<u8>, key: &[u8], n: usize) {
    match u16::try_from(n) {
        Ok(small) if small < 10_000 && key.len() <= 12 => {
            let (word, digits) = small_digits(small);
            let mut k = [0u8; 16];
            if let Some(dst) = k.get_mut(..key.len()) {
                dst.copy_from_slice(key);
            }
            let v = u128::from_le_bytes(k) | u128::from(word) << (8 * key.len());
            let len = out.len() + key.len() + digits;
            out.extend_from_slice(&v.to_le_bytes());
            out.truncate(len);
        }
        _ => {
            out.extend_from_slice(key);
            write_uint(out, n as u64);
        }
    }
}

/// Writes `n` in decimal and then `}` (the end of a location object): under 10,000 the two
/// are one fixed copy cut back to length.
#[inline(always)]
pub(crate) fn write_uint_closed(out: &mut Vec<u8>, n: usize) {
    match u16::try_from(n) {
        Ok(small) if small < 10_000 => {
            let (word, digits) = small_digits(small);
            let closed = u64::from(word) | u64::from(b'}') << (8 * digits);
            let len = out.len() + digits + 1;
            out.extend_from_slice(&closed.to_le_bytes());
            out.truncate(len);
        }
        _ => {
            write_uint(out, n as u64);
            out.push(b'}');
        }
    }
}

/// [`write_uint`] from 10,000 up.
#[inline(never)]
fn write_large(out: &mut Vec<u8>, mut n: u64) {
    // Digits fill `buf[..20]` from the right; a fixed 20-byte copy from the first digit
    // (the slack after it is never kept) avoids a memcpy call of variable length.
    let mut buf = [0u8; 40];
    let mut i = 20;
    while n >= 100 {
        let r = (n % 100) as usize * 2;
        n /= 100;
        i -= 2;
        buf[i..i + 2].copy_from_slice(&PAIRS[r..r + 2]);
    }
    if n >= 10 {
        let r = n as usize * 2;
        i -= 2;
        buf[i..i + 2].copy_from_slice(&PAIRS[r..r + 2]);
    } else {
        i -= 1;
        buf[i] = b'0' + n as u8;
    }
    let len = out.len() + 20 - i;
    out.extend_from_slice(&buf[i..i + 20]);
    out.truncate(len);
}

/// Whether byte `b` must be escaped in a JSON string (as `serde_json` escapes: control
/// characters, `"` and `\`; everything else, bytes >= 0x80 included, passes unchanged).
#[inline]
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Nonzero when any of the 8 bytes of `w` must be escaped: a control character, `"` or `\`
/// (the classic "has a zero / less-than byte" bit tricks, exact as to whether any byte
/// matches; bytes >= 0x80 never match).
#[inline]
fn escape_mask(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    below_space | has_zero(w ^ (ONES * u64::from(b'"'))) | has_zero(w ^ (ONES * u64::from(b'\\')))
}

/// Whether any of the 8 bytes of `w` must be escaped.
#[inline]
fn word_needs_escape(w: u64) -> bool {
    escape_mask(w) != 0
}

/// Whether any byte of `bytes` must be escaped, tested a word at a time without a branch
/// per byte: the last word of a long string overlaps the one before it, a short string
/// is read as overlapping halves (4..8 bytes) or its first, middle and last bytes padded
/// with spaces (1..4 bytes). Overlaps only test a byte twice.
#[inline]
fn any_needs_escape(bytes: &[u8]) -> bool {
    let n = bytes.len();
    let at8 = |i: usize| word_at(bytes, i);
    let at4 = |i: usize| word4(bytes, i);
    let word = if n >= 16 {
        return any_needs_escape_long(bytes);
    } else if n >= 8 {
        return (escape_mask(at8(0)) | escape_mask(at8(n - 8))) != 0;
    } else if n >= 4 {
        at4(0) | at4(n - 4) << 32
    } else if n > 0 {
        u64::from(bytes[0])
            | u64::from(bytes[n / 2]) << 8
            | u64::from(bytes[n - 1]) << 16
            | 0x2020_2020_2000_0000
    } else {
        return false;
    };
    word_needs_escape(word)
}

/// [`any_needs_escape`] for 16 bytes or more: 16-byte chunks tested in a loop the compiler
/// turns into vector compares (no early exit inside a chunk), the last chunk overlapping
/// the one before it.
#[inline(never)]
fn any_needs_escape_long(bytes: &[u8]) -> bool {
    let chunk_needs = |c: &[u8]| c.iter().fold(false, |any, &b| any | needs_escape(b));
    let mut chunks = bytes.chunks_exact(16);
    if chunks.by_ref().any(chunk_needs) {
        return true;
    }
    bytes.len() % 16 != 0 && chunk_needs(&bytes[bytes.len() - 16..])
}

/// The 4 bytes of `bytes` from `i` as a little-endian word (zero when there are fewer).
#[inline(always)]
fn word4(bytes: &[u8], i: usize) -> u64 {
    u64::from(u32::from_le_bytes(
        bytes
            .get(i..i + 4)
            .and_then(|w| w.try_into().ok())
            .unwrap_or([0; 4]),
    ))
}

/// Writes `s` as a quoted JSON string, escaped exactly as `serde_json` escapes it.
// Inlined: the usual string (names, figures, Chinese text) needs no escape, and is then
// one check and one copy between the quotes at the call site.
#[inline]
pub fn escape_into(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let n = bytes.len();
    if n >= 15 {
        return escape_long(out, bytes);
    }
    // Short strings (most values: units, names, periods, figures) are tested and written
    // from one or two overlapping words: the string with its quotes is at most 16 bytes,
    // written by one fixed-size copy cut back to its length, instead of a copy of variable
    // length (a memcpy call) between two pushes.
    if n >= 8 {
        let (a, b) = (word_at(bytes, 0), word_at(bytes, n - 8));
        if (escape_mask(a) | escape_mask(b)) != 0 {
            return escape_slow(out, bytes);
        }
        // The opening quote and the first seven bytes, then the bytes from the eighth on
        // (the top n-7 bytes of `b`, which holds bytes n-8..n) and the closing quote: two
        // words built with shifts within a word, not across a 128-bit number.
        let lo = u64::from(b'"') | a << 8;
        let hi = b >> (8 * (15 - n)) | u64::from(b'"') << (8 * (n - 7));
        let quoted = u128::from(lo) | u128::from(hi) << 64;
        let len = out.len() + n + 2;
        out.extend_from_slice(&quoted.to_le_bytes());
        out.truncate(len);
        return;
    }
    let (payload, clean) = if n >= 4 {
        let (a, b) = (word4(bytes, 0), word4(bytes, n - 4));
        let payload = a | (b >> (8 * (8 - n))) << 32;
        (payload, !word_needs_escape(a | b << 32))
    } else if n > 0 {
        // First, middle and last byte: all of a string of one to three bytes.
        let w = u64::from(bytes[0]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]) << 16;
        let payload = w & ((1u64 << (8 * n)) - 1);
        // The three bytes, padded with spaces (never escaped), tested as one word.
        (payload, !word_needs_escape(w | 0x2020_2020_2000_0000))
    } else {
        (0, true)
    };
    if !clean {
        return escape_slow(out, bytes);
    }
    // The quotes around at most seven bytes: the closing one in the first word, or for
    // seven bytes alone in the second (shifts within a word, as above).
    let open = u64::from(b'"') | payload << 8;
    let (lo, hi) = if n < 7 {
        (open | u64::from(b'"') << (8 * (n + 1)), 0)
    } else {
        (open, u64::from(b'"'))
    };
    let quoted = u128::from(lo) | u128::from(hi) << 64;
    let len = out.len() + n + 2;
    out.extend_from_slice(&quoted.to_le_bytes());
    out.truncate(len);
}

/// [`escape_into`] for a string of 15 bytes or more.
#[inline(never)]
fn escape_long(out: &mut Vec<u8>, bytes: &[u8]) {
    if any_needs_escape(bytes) {
        return escape_slow(out, bytes);
    }
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    out.extend_from_slice(bytes);
    out.push(b'"');
}

/// [`escape_into`] for a string with something to escape.
#[inline(never)]
fn escape_slow(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight clean bytes at a time: most text needs no escape at all.
        if let Some(w) = bytes.get(i..i + 8) {
            let w = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
            if !word_needs_escape(w) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        i += 1;
        if !needs_escape(b) {
            continue;
        }
        out.extend_from_slice(&bytes[start..i - 1]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[(b >> 4) as usize]);
                out.push(HEX[(b & 0xf) as usize]);
            }
        }
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_like_serde_json() {
        let samples = [
            "",
            "收入171亿美元",
            "a\"b\\c\nd\re\tf\u{8}g\u{c}h\u{1}i\u{1f}j\u{7f}k",
            "\u{feff}‘引号’“”",
            "收入171亿美元，同比增长12.5%，\"约为\"两成\\",
        ];
        let mut samples: Vec<String> = samples.iter().map(|s| s.to_string()).collect();
        // Every escape at every position around the 8-byte steps of the fast path.
        for c in ['"', '\\', '\n', '\u{1}', '\u{1f}', ' ', '\u{7f}', '亿'] {
            for at in 0..20 {
                let mut s = "abcdefghij收入klmnop".to_string();
                let at = (0..=at.min(s.len()))
                    .rev()
                    .find(|&i| s.is_char_boundary(i))
                    .unwrap_or(0);
                s.insert(at, c);
                samples.push(s);
            }
        }
        for s in samples {
            let mut out = Vec::new();
            escape_into(&mut out, &s);
            assert_eq!(out, serde_json::to_vec(&s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn strings_of_every_short_length_escape_like_serde_json() {
        // Lengths 0..40 around the word-sized paths (1..3, 4..7, 8..14, 15 and up), of ASCII,
        // Han and mixed text, with each escapable byte (and near misses) at every place.
        let fills = ["x", "收", "a收", "é"];
        for fill in fills {
            for len in 0..40 {
                let base: String = fill.repeat(len).chars().take(len).collect();
                let mut samples = vec![base.clone()];
                for c in ['"', '\\', '\n', '\u{0}', '\u{1f}', ' ', '\u{7f}', '!'] {
                    for at in 0..=base.len() {
                        if base.is_char_boundary(at) {
                            let mut s = base.clone();
                            s.insert(at, c);
                            samples.push(s);
                        }
                    }
                }
                for s in samples {
                    let mut out = b"[".to_vec();
                    escape_into(&mut out, &s);
                    assert_eq!(out[1..], serde_json::to_vec(&s).unwrap()[..], "{s:?}");
                }
            }
        }
    }

    #[test]
    fn escape_test_matches_byte_by_byte() {
        // Every length 0..70 (short words, vector chunks and their tails), with each
        // escapable byte (and near misses) at every place.
        for len in 0..70 {
            for at in 0..len.max(1) {
                for b in [b'a', b'"', b'\\', b'\n', 0x00, 0x1f, b' ', b'!', 0x7f, 0xe4] {
                    let mut v = vec![b'x'; len];
                    if let Some(slot) = v.get_mut(at) {
                        *slot = b;
                    }
                    let expected = v.iter().any(|&c| needs_escape(c));
                    assert_eq!(any_needs_escape(&v), expected, "{v:?}");
                }
            }
        }
    }

    #[test]
    fn every_small_integer_prints_like_serde_json() {
        for n in 0..20_000u64 {
            let mut out = b"x".to_vec();
            write_uint(&mut out, n);
            assert_eq!(out[1..], serde_json::to_vec(&n).unwrap()[..], "{n}");
        }
    }

    #[test]
    fn digit_table_matches_digit_pairs() {
        for n in 0..10_000u16 {
            assert_eq!(small_digits(n), small_digits_by_pairs(n), "{n}");
        }
    }

    #[test]
    fn keyed_integers_print_as_key_then_number() {
        let keys: [&[u8]; 4] = [b"", b",\"end\":", b",\"end_line\":", b",\"end_column\":"];
        for key in keys {
            for n in (0..20_000).step_by(7).chain([9_999, 10_000, usize::MAX]) {
                let mut out = b"x".to_vec();
                write_key_uint(&mut out, key, n);
                let mut expected = b"x".to_vec();
                expected.extend_from_slice(key);
                expected.extend_from_slice(n.to_string().as_bytes());
                assert_eq!(out, expected, "{n}");
            }
        }
    }

    #[test]
    fn closed_integers_print_as_number_then_brace() {
        for n in (0..20_000).chain([usize::MAX]) {
            let mut out = b"x".to_vec();
            write_uint_closed(&mut out, n);
            assert_eq!(out, format!("x{n}}}").into_bytes(), "{n}");
        }
    }

    #[test]
    fn integers_print_like_serde_json() {
        for n in [
            0u64,
            7,
            9,
            10,
            11,
            99,
            100,
            101,
            305,
            999,
            1000,
            1001,
            4096,
            9999,
            10000,
            12345,
            100000,
            u64::MAX,
        ] {
            let mut out = Vec::new();
            write_uint(&mut out, n);
            assert_eq!(out, serde_json::to_vec(&n).unwrap());
        }
    }

    #[test]
    fn deep_nesting_writes_like_serde_json() {
        for depth in [1, 15, 16, 17, 64, 65, 70] {
            let mut v = serde_json::json!([1, 2]);
            for _ in 1..depth {
                v = serde_json::json!([0, v]);
            }
            fn emit(e: &mut Emitter, v: &serde_json::Value) {
                match v {
                    serde_json::Value::Array(a) => {
                        e.begin_array();
                        for x in a {
                            e.element();
                            emit(e, x);
                        }
                        e.end_array();
                    }
                    serde_json::Value::Number(n) => e.uint(n.as_u64().unwrap_or(0) as usize),
                    _ => e.null(),
                }
            }
            let mut out = Vec::new();
            emit(&mut Emitter::new(&mut out), &v);
            assert_eq!(out, serde_json::to_vec(&v).unwrap(), "depth {depth}");
        }
    }

    /// Writes `{"a":[],"b":{},"c":[1,{"d":"x"}],"e":null}`, the elements of `c` on lines
    /// of their own when `lines`.
    fn sample(lines: bool) -> String {
        let end_array = |e: &mut Emitter| {
            if lines {
                e.end_array_lines()
            } else {
                e.end_array()
            }
        };
        let mut out = Vec::new();
        let mut e = Emitter::new(&mut out);
        e.begin_object();
        e.key("a");
        e.begin_array();
        end_array(&mut e);
        e.key("b");
        e.begin_object();
        e.end_object();
        e.key("c");
        e.begin_array();
        for i in 0..2 {
            if lines {
                e.element_line();
            } else {
                e.element();
            }
            if i == 0 {
                e.uint(1);
            } else {
                e.begin_object();
                e.field_str("d", "x");
                e.end_object();
            }
        }
        end_array(&mut e);
        e.key("e");
        e.null();
        e.end_object();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn layout_matches_serde_json_compact() {
        let v = serde_json::json!({"a": [], "b": {}, "c": [1, {"d": "x"}], "e": null});
        assert_eq!(sample(false), serde_json::to_string(&v).unwrap());
    }

    #[test]
    fn elements_on_lines_are_the_same_json() {
        let lined = sample(true);
        assert_eq!(
            lined,
            "{\"a\":[],\"b\":{},\"c\":[\n1,\n{\"d\":\"x\"}\n],\"e\":null}"
        );
        let parsed: serde_json::Value = serde_json::from_str(&lined).unwrap();
        assert_eq!(serde_json::to_string(&parsed).unwrap(), sample(false));
    }
}
