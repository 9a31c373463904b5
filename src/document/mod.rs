//! The article as read: untouched text, byte spans into it, and the byte → line/column index.

use serde::Serialize;
use std::sync::OnceLock;

/// A half-open byte range `[start, end)` into a document's original text.
///
/// Spans always lie on UTF-8 character boundaries. Lines and columns are computed only
/// when a span is printed, through [`Document::locate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// The smallest span that covers both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A span resolved to 1-based lines and character columns, as the JSON contract prints it.
///
/// `end_line`/`end_column` point at the last character of the span (inclusive), so a
/// one-character span has `column == end_column`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Location {
    /// First byte (inclusive).
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// 1-based line of the first character.
    pub line: usize,
    /// 1-based character column of the first character.
    pub column: usize,
    /// 1-based line of the last character.
    pub end_line: usize,
    /// 1-based character column of the last character (inclusive).
    pub end_column: usize,
}

/// Block size of the character-count index behind [`Document::line_col`]: a lookup counts
/// at most one block of characters, and the index costs 16 bytes per block (under 2% of
/// the text). News paragraphs run to a few hundred characters, so most lookups count from
/// their line start anyway: smaller blocks (256, 128) cost more in building the index than
/// they spare in lookups (measured on the sample article), and a block still bounds the
/// count on a megabyte-long line.
const CHAR_BLOCK: usize = 1024;

/// One article: its display path and its text exactly as read.
///
/// The text is never rewritten; everything downstream refers to it through [`Span`]s.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path as given on the command line (or `-` for stdin, or a JSONL id).
    pub path: String,
    /// The original text. A UTF-8 BOM, if any, is kept; extraction simply skips it.
    pub text: String,
    /// Byte offset of the start of every line.
    line_starts: Vec<usize>,
    /// The character counts behind columns far into a long line and [`Document::chars_before`],
    /// built on first use: news lines are mostly shorter than a block, and a column within
    /// a block of its line start is counted from the line start without them, so most
    /// documents never count all their characters.
    char_index: OnceLock<CharIndex>,
    /// The spans [`Document::sentences`] returns, split once with the line index.
    sentences: Vec<Span>,
    /// Fields that came with the article besides its id and text (JSONL input), passed
    /// through to the machine-readable outputs. `None` for articles read from files.
    pub meta: Option<serde_json::Map<String, serde_json::Value>>,
}

impl Document {
    /// Wraps a text read from `path`.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        // Line starts come out of the sentence split, which stops at every `\n` anyway:
        // one vector search over the text for both instead of two more for the newlines.
        // Room for lines of 256 bytes on average (news paragraphs are longer), so the
        // list is rarely grown.
        let mut line_starts = Vec::with_capacity(text.len() / 256 + 2);
        line_starts.push(0);
        let sentences = split_sentences(&text, |i| line_starts.push(i + 1));
        Document {
            path: path.into(),
            text,
            line_starts,
            char_index: OnceLock::new(),
            sentences,
            meta: None,
        }
    }

    /// The character counts of the text, counted on first use.
    fn char_index(&self) -> &CharIndex {
        self.char_index
            .get_or_init(|| CharIndex::new(&self.text, &self.line_starts))
    }

    /// The exact source text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// Number of lines (a trailing newline does not start a new line of text).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line index holding byte `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte span of 0-based line `index`, without its line terminator (`\n` or `\r\n`).
    pub fn line_span(&self, index: usize) -> Span {
        let start = self.line_starts[index];
        let mut end = self
            .line_starts
            .get(index + 1)
            .map(|&n| n - 1)
            .unwrap_or(self.text.len());
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// 1-based (line, character column) of byte `offset`.
    ///
    /// A UTF-8 BOM at the start of the text is not a column: editors do not show it.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_index(offset);
        let mut col = self.col_in_line(line, offset) + 1;
        if line == 0 && offset > 0 && self.text.starts_with('\u{feff}') {
            col -= 1;
        }
        (line + 1, col)
    }

    /// Characters between the start of 0-based line `line` and byte `offset` on it: counted
    /// from the line start when that is within a block, else from the nearest block mark
    /// after the line start, so at most one block.
    fn col_in_line(&self, line: usize, offset: usize) -> usize {
        let start = self.line_starts[line];
        let on_boundary = self.text.is_char_boundary(offset);
        if on_boundary && offset - start <= CHAR_BLOCK {
            return count_chars(&self.text.as_bytes()[start..offset]);
        }
        let index = self.char_index();
        if !on_boundary {
            // Not a real position (callers clamp first): the plain block answer.
            return self.chars_before(offset) - index.line_chars[line];
        }
        let (at, n) = index.mark_before(offset);
        if at > start {
            n - index.line_chars[line] + count_chars(&self.text.as_bytes()[at..offset])
        } else {
            count_chars(&self.text.as_bytes()[start..offset])
        }
    }

    /// Number of characters in `text[..offset]` (`offset` on a char boundary), a BOM
    /// included; costs at most one block of counting.
    pub fn chars_before(&self, offset: usize) -> usize {
        let (at, n) = self.char_index().mark_before(offset);
        n + self
            .text
            .get(at..offset)
            .map_or(0, |s| count_chars(s.as_bytes()))
    }

    /// Resolves a span to lines and character columns.
    pub fn locate(&self, span: Span) -> Location {
        let (line, column) = self.line_col(span.start);
        self.locate_end(span, line, column)
    }

    /// Resolves `span` as [`Document::locate`] does, counting its start column from
    /// `outer`, a located span starting at or before it on the same line (the ends of a
    /// claim lie inside the claim), instead of from the line or a block mark.
    pub fn locate_within(&self, outer: &Location, span: Span) -> Location {
        let next_line = self
            .line_starts
            .get(outer.line)
            .copied()
            .unwrap_or(usize::MAX);
        // Offset 0 is left to `locate`: a BOM shifts columns after it only. A span further
        // than a block from `outer` is left to `locate` too, which counts at most one block:
        // counting from `outer` would make a finding with many far related spans (a share
        // list across a long sentence) quadratic.
        if outer.start == 0
            || span.start < outer.start
            || span.start - outer.start > CHAR_BLOCK
            || span.start >= next_line
            || !self.text.is_char_boundary(outer.start)
            || !self.text.is_char_boundary(span.start)
        {
            return self.locate(span);
        }
        let column = if span.start >= outer.end
            && outer.end > outer.start
            && outer.end_line == outer.line
            && self.text.is_char_boundary(outer.end)
        {
            // After `outer` on its line (the next claim): count on from its last character,
            // whose column is known, not over `outer` again.
            outer.end_column + 1 + count_chars(&self.text.as_bytes()[outer.end..span.start])
        } else {
            outer.column + count_chars(&self.text.as_bytes()[outer.start..span.start])
        };
        if span.end == outer.end && !span.is_empty() {
            // Same last character as `outer` (an end of a claim after its hedge): same end.
            return Location {
                start: span.start,
                end: span.end,
                line: outer.line,
                column,
                end_line: outer.end_line,
                end_column: outer.end_column,
            };
        }
        if !span.is_empty() && span.end <= next_line && self.text.is_char_boundary(span.end) {
            // Ends on `outer`'s line (the usual case; `span` starts on a character boundary
            // past offset 0, tested above): its last character is the last one it counts,
            // with no walk back to that character's start as `locate_end` does.
            let n = count_chars(&self.text.as_bytes()[span.start..span.end]);
            return Location {
                start: span.start,
                end: span.end,
                line: outer.line,
                column,
                end_line: outer.line,
                end_column: column + n - 1,
            };
        }
        self.locate_end(span, outer.line, column)
    }

    /// The location of `span`, whose start is at 1-based `line` and `column`.
    fn locate_end(&self, span: Span, line: usize, column: usize) -> Location {
        let last = if span.is_empty() {
            span.start
        } else {
            // Start of the last character of the span.
            let mut i = span.end - 1;
            while !self.text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        // A span within one line (the usual case) counts only its own characters for the
        // end column. Offset 0 is left to `line_col`: a BOM shifts columns after it only.
        let next_line = self.line_starts.get(line).copied().unwrap_or(usize::MAX);
        let (end_line, end_column) = if span.start > 0
            && span.start <= last
            && last < next_line
            && self.text.is_char_boundary(span.start)
        {
            let n = count_chars(&self.text.as_bytes()[span.start..last]);
            (line, column + n)
        } else {
            self.line_col(last)
        };
        Location {
            start: span.start,
            end: span.end,
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// Splits the text into sentences: byte spans ending after 。！？；!?; or a line break.
    ///
    /// Quotes that close right after the terminator stay with their sentence.
    pub fn sentences(&self) -> Vec<Span> {
        self.sentences.clone()
    }

    /// [`Document::sentences`], borrowed: the split made in [`Document::new`], for callers
    /// that only read it (the pipeline, once per document).
    pub fn sentence_spans(&self) -> &[Span] {
        &self.sentences
    }
}

/// Character counts at line starts and block marks, so a column or a character offset is
/// counted over at most one block of text.
#[derive(Debug, Clone)]
struct CharIndex {
    /// Characters before every line start (same indices as the line starts), so a column is
    /// counted from the line start or a block mark, whichever is nearer, never both.
    line_chars: Vec<usize>,
    /// `(byte, chars before it)` at the first char boundary of every [`CHAR_BLOCK`]-byte
    /// block, so a column costs at most one block of counting, not the whole line before it
    /// (a megabyte-long line with thousands of claims would otherwise be quadratic).
    char_marks: Vec<(usize, usize)>,
}

impl CharIndex {
    /// Counts the characters of `text` before every block mark and every line start (given
    /// in `line_starts`), in one walk taking the two sorted lists in step.
    fn new(text: &str, line_starts: &[usize]) -> Self {
        let bytes = text.as_bytes();
        let mut char_marks = Vec::with_capacity(text.len() / CHAR_BLOCK + 1);
        let mut line_chars = Vec::with_capacity(line_starts.len());
        let (mut at, mut chars, mut next_line) = (0, 0, 0);
        for k in 0..=text.len() / CHAR_BLOCK {
            let mut b = (k * CHAR_BLOCK).min(text.len());
            while !text.is_char_boundary(b) {
                b += 1;
            }
            while let Some(&start) = line_starts.get(next_line).filter(|&&s| s <= b) {
                chars += count_chars(&bytes[at..start]);
                at = start;
                line_chars.push(chars);
                next_line += 1;
            }
            chars += count_chars(&bytes[at..b]);
            at = b;
            char_marks.push((b, chars));
        }
        CharIndex {
            line_chars,
            char_marks,
        }
    }

    /// The last block mark `(byte, chars before it)` at or before `offset`.
    fn mark_before(&self, offset: usize) -> (usize, usize) {
        let mut k = (offset / CHAR_BLOCK).min(self.char_marks.len().saturating_sub(1));
        while k > 0 && self.char_marks[k].0 > offset {
            k -= 1;
        }
        self.char_marks.get(k).copied().unwrap_or((0, 0))
    }
}

/// The sentences of `text` as [`Document::sentences`] gives them; `newline(i)` is called
/// for every `\n` at byte `i`, in text order (the line index is built from them).
fn split_sentences(text: &str, newline: impl FnMut(usize)) -> Vec<Span> {
    let bytes = text.as_bytes();
    // Every terminator starts with `\n`, `!`, `?`, `;` or the byte 0xE3 (。) or 0xEF
    // (！？；), and none of these bytes occurs inside a character: a vectorised search
    // for them (memchr, 16 or 32 bytes a step) stops only where a sentence can end and
    // at the few other characters led by 0xE3 or 0xEF (、《》，：（）…), instead of a
    // step per character. Two searches of three bytes each, merged in text order.
    //
    // A sentence ends every hundred bytes or so, and memchr's own iterator pays for its
    // CPU dispatch (an indirect call and a wrapper) on every stop: where AVX2 is known to
    // be there, its searcher is called directly (the same search, found once per text).
    #[cfg(target_arch = "x86_64")]
    {
        use memchr::arch::x86_64::avx2::memchr::Three;
        if let (Some(wide), Some(ascii)) =
            (Three::new(b'\n', 0xe3, 0xef), Three::new(b'!', b'?', b';'))
        {
            return split_at_stops(text, wide.iter(bytes), ascii.iter(bytes), newline);
        }
    }
    split_at_stops(
        text,
        memchr::memchr3_iter(b'\n', 0xe3, 0xef, bytes),
        memchr::memchr3_iter(b'!', b'?', b';', bytes),
        newline,
    )
}

/// [`split_sentences`] given the positions of the bytes `\n`, 0xE3 and 0xEF (`wide`) and of
/// `!`, `?` and `;` (`ascii`), each in text order.
fn split_at_stops(
    text: &str,
    mut wide: impl Iterator<Item = usize>,
    mut ascii: impl Iterator<Item = usize>,
    mut newline: impl FnMut(usize),
) -> Vec<Span> {
    let bytes = text.as_bytes();
    // Room for sentences of 64 bytes (about twenty characters) on average: news
    // sentences are longer, so the list is rarely grown.
    let mut out = Vec::with_capacity(text.len() / 64 + 1);
    let mut start = 0;
    let (mut w, mut a) = (wide.next(), ascii.next());
    loop {
        let i = match (w, a) {
            (Some(x), Some(y)) if x < y => {
                w = wide.next();
                x
            }
            (_, Some(y)) => {
                a = ascii.next();
                y
            }
            (Some(x), None) => {
                w = wide.next();
                x
            }
            (None, None) => break,
        };
        // Closing quotes after a terminator (」』）) went with the sentence before.
        if i < start {
            continue;
        }
        let end = match bytes.get(i..).unwrap_or_default() {
            // (A newline is never skipped above: only closing quotes are.)
            [b'\n', ..] => {
                newline(i);
                i
            }
            [b'!' | b'?' | b';', ..] => closing_quotes(text, i + 1),
            // 。 ！ ？ ；
            [0xe3, 0x80, 0x82, ..] | [0xef, 0xbc, 0x81 | 0x9f | 0x9b, ..] => {
                closing_quotes(text, i + 3)
            }
            _ => continue,
        };
        if end > start {
            out.push(Span::new(start, end));
        }
        start = if end == i { i + 1 } else { end };
    }
    if start < text.len() {
        out.push(Span::new(start, text.len()));
    }
    out
}

/// Number of characters in `bytes`, a slice of valid UTF-8 cut at character boundaries:
/// its length less its continuation bytes (`10xxxxxx`), as `str::chars().count()` gives.
///
/// Columns count up to a block of text per span, and spans are mostly a few characters;
/// std's count goes a byte at a time below 32 bytes and a word at a time above. Here 32
/// byte lanes each count the continuation bytes in their column of 32-byte chunks (a loop
/// the compiler turns into a few vector compares and subtractions per chunk), summed once
/// at the end; the rest goes eight bytes at a time, the last word overlapping the one
/// before it with the bytes already counted shifted out.
pub(crate) fn count_chars(bytes: &[u8]) -> usize {
    let n = bytes.len();
    if n < 8 {
        return bytes.iter().filter(|&&b| !is_continuation(b)).count();
    }
    let mut conts = 0;
    let mut chunks = bytes.chunks_exact(LANES);
    if n >= LANES {
        let mut lanes = [0u8; LANES];
        // Chunks added into `lanes` since they were last summed: a lane must not pass 255.
        let mut pending = 0;
        for chunk in &mut chunks {
            for (lane, &b) in lanes.iter_mut().zip(chunk) {
                *lane += u8::from(is_continuation(b));
            }
            pending += 1;
            if pending == u8::MAX {
                conts += lane_sum(&lanes);
                lanes = [0; LANES];
                pending = 0;
            }
        }
        conts += lane_sum(&lanes);
    }
    let mut i = n - chunks.remainder().len();
    while i + 8 <= n {
        conts += word_conts(word_at(bytes, i));
        i += 8;
    }
    if i < n {
        // The word ending the text starts `overlap` (1..8) bytes before `i`: those were
        // counted, and shifting them out brings in zero bytes, which count nothing.
        let overlap = i - (n - 8);
        conts += word_conts(word_at(bytes, n - 8) >> (8 * overlap));
    }
    n - conts
}

/// Width of the chunks [`count_chars`] tests at once.
const LANES: usize = 32;

/// The sum of the lanes.
#[inline(always)]
fn lane_sum(lanes: &[u8; LANES]) -> usize {
    lanes.iter().map(|&l| usize::from(l)).sum()
}

/// The eight bytes of `bytes` from `i` as a little-endian word (zero when there are
/// fewer). Shared with the JSON emitter's escape test.
#[inline(always)]
pub(crate) fn word_at(bytes: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(
        bytes
            .get(i..i + 8)
            .and_then(|w| w.try_into().ok())
            .unwrap_or([0; 8]),
    )
}

/// Continuation bytes in a word: top bit set and the next one clear, summed by a multiply.
#[inline(always)]
fn word_conts(w: u64) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let marks = (w & !(w << 1) & HIGH) >> 7;
    (marks.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize
}

/// True for a UTF-8 continuation byte (`10xxxxxx`).
#[inline(always)]
fn is_continuation(b: u8) -> bool {
    (b as i8) < -0x40
}

/// Length of the UTF-8 character whose first byte is `lead` (1 for a continuation byte,
/// which a `str` never has at a character start): for byte walks over text.
#[inline]
pub fn utf8_len(lead: u8) -> usize {
    match lead {
        0xf0..=0xff => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    }
}

/// Byte offset after the closing quotes and brackets (”’"」』）)) right at byte `i`.
fn closing_quotes(text: &str, mut i: usize) -> usize {
    // By their bytes (” ’ 」 』 ） are E2 80 9D, E2 80 99, E3 80 8D, E3 80 8F, EF BC 89):
    // most sentence ends are followed by none, told by one byte without decoding a
    // character. Off a character boundary the byte is a continuation byte, never a match.
    let bytes = text.as_bytes();
    loop {
        i += match bytes.get(i..).unwrap_or_default() {
            [b'"' | b')', ..] => 1,
            [0xe2, 0x80, 0x9d | 0x99, ..]
            | [0xe3, 0x80, 0x8d | 0x8f, ..]
            | [0xef, 0xbc, 0x89, ..] => 3,
            _ => return i,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_chinese_columns() {
        let doc = Document::new("t", "第一行\n收入171亿美元");
        let start = doc.text.find("171").unwrap();
        let loc = doc.locate(Span::new(start, start + "171亿美元".len()));
        assert_eq!((loc.line, loc.column), (2, 3));
        assert_eq!((loc.end_line, loc.end_column), (2, 8));
    }

    /// Every character boundary of `text`, its end included.
    fn char_bounds(text: &str) -> Vec<usize> {
        (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect()
    }

    #[test]
    fn locate_agrees_with_line_col_for_every_span() {
        let long = "长".repeat(300);
        for text in [
            "\u{feff}收入171亿\r\n美元\n\n增长12%",
            "ab\n",
            &format!("\u{feff}{long}x{long}\n{long}"),
        ] {
            let doc = Document::new("t", text);
            let bounds = char_bounds(text);
            for (k, &a) in bounds.iter().enumerate() {
                for &b in bounds[k..].iter().step_by(7) {
                    let loc = doc.locate(Span::new(a, b));
                    let last = if a == b {
                        a
                    } else {
                        text[..b].char_indices().last().map_or(0, |(i, _)| i)
                    };
                    assert_eq!((loc.line, loc.column), doc.line_col(a), "{a}..{b}");
                    assert_eq!(
                        (loc.end_line, loc.end_column),
                        doc.line_col(last),
                        "{a}..{b}"
                    );
                }
            }
        }
    }

    #[test]
    fn locate_within_agrees_with_locate() {
        let long = "长".repeat(400);
        for text in [
            "\u{feff}收入171亿\r\n美元\n\n增长12%",
            &format!("\u{feff}{long}x{long}\n{long}ab\nc"),
        ] {
            let doc = Document::new("t", text);
            let bounds = char_bounds(text);
            for (k, &a) in bounds.iter().enumerate().step_by(3) {
                let outer = doc.locate(Span::new(a, bounds[(k + 4).min(bounds.len() - 1)]));
                for (j, &b) in bounds.iter().enumerate().step_by(5) {
                    let c = bounds[(j + 3).min(bounds.len() - 1)];
                    let span = Span::new(b, c);
                    assert_eq!(doc.locate_within(&outer, span), doc.locate(span), "{a} {b}");
                }
            }
        }
    }

    /// The line index as it was built before [`count_chars`]: `match_indices` and
    /// `chars().count()`, kept as the oracle of the faster build.
    fn index_by_chars(text: &str) -> (Vec<usize>, Vec<usize>, Vec<(usize, usize)>) {
        // Room for lines of 256 bytes on average (news paragraphs are longer), so the
        // list is rarely grown.
        let mut line_starts = Vec::with_capacity(text.len() / 256 + 2);
        line_starts.push(0);
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut char_marks = Vec::new();
        let mut line_chars = Vec::new();
        let (mut at, mut chars, mut next_line) = (0, 0, 0);
        for k in 0..=text.len() / CHAR_BLOCK {
            let mut b = (k * CHAR_BLOCK).min(text.len());
            while !text.is_char_boundary(b) {
                b += 1;
            }
            while let Some(&start) = line_starts.get(next_line).filter(|&&s| s <= b) {
                chars += text[at..start].chars().count();
                at = start;
                line_chars.push(chars);
                next_line += 1;
            }
            chars += text[at..b].chars().count();
            at = b;
            char_marks.push((b, chars));
        }
        (line_starts, line_chars, char_marks)
    }

    /// Chinese-news-like text: Han words, figures, ASCII, punctuation, line breaks, a BOM,
    /// two- and four-byte characters, in runs long enough to cross blocks and chunks.
    fn news_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let pieces =
            prop::sample::select(vec![
            "英伟达", "2025年", "收入", "171", "亿美元", "，", "。", "“", "”", "\n", "\r\n",
            "\n\n", "AI", " ", "\u{feff}", "é", "𝄞", "同比增长12.5%", "约", "万枚",
            "！", "？", "；", "!", "?", ";", "）", "」", "’", "\"", "、", "《", "》",
            "长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长",
        ]);
        prop::collection::vec(pieces, 0..300).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #[test]
        fn byte_count_matches_chars(text in news_text(), cut in 0usize..2000) {
            let bounds: Vec<usize> =
                (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let a = bounds[cut % bounds.len()];
            for &b in bounds.iter().filter(|&&b| b >= a).step_by(11) {
                proptest::prop_assert_eq!(
                    count_chars(&text.as_bytes()[a..b]),
                    text[a..b].chars().count()
                );
            }
        }

        #[test]
        fn line_col_matches_the_walk(text in news_text(), step in 1usize..9) {
            let doc = Document::new("t", text.as_str());
            for offset in char_bounds(&text).into_iter().step_by(step) {
                proptest::prop_assert_eq!(doc.line_col(offset), line_col_by_walk(&text, offset));
            }
        }

        #[test]
        fn chained_locate_within_matches_locate(text in news_text(), len in 1usize..12, gap in 0usize..40) {
            // Spans in text order, each located from the one before, as claims are.
            let doc = Document::new("t", text.as_str());
            let bounds = char_bounds(&text);
            let mut prev: Option<Location> = None;
            let mut k = 0;
            while k + len < bounds.len() {
                let span = Span::new(bounds[k], bounds[k + len]);
                let loc = match &prev {
                    Some(p) => doc.locate_within(p, span),
                    None => doc.locate(span),
                };
                proptest::prop_assert_eq!(loc, doc.locate(span));
                prev = Some(loc);
                k += len + gap;
            }
        }

        #[test]
        fn sentences_match_the_char_walk(text in news_text()) {
            let expected = sentences_by_walk(&text);
            proptest::prop_assert_eq!(&Document::new("t", text.as_str()).sentences(), &expected);
            proptest::prop_assert_eq!(&sentences_portable(&text), &expected);
        }

        #[test]
        fn line_index_matches_the_char_walk(text in news_text()) {
            let doc = Document::new("t", text.as_str());
            let (starts, chars, marks) = index_by_chars(&text);
            proptest::prop_assert_eq!(&doc.line_starts, &starts);
            proptest::prop_assert_eq!(&doc.char_index().line_chars, &chars);
            proptest::prop_assert_eq!(&doc.char_index().char_marks, &marks);
        }
    }

    /// 1-based (line, column) of `offset` by walking the characters from the text start,
    /// a leading BOM not counted as a column: the oracle of [`Document::line_col`].
    fn line_col_by_walk(text: &str, offset: usize) -> (usize, usize) {
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let mut col = before[line_start..].chars().count() + 1;
        if line_start == 0 && offset > 0 && text.starts_with('\u{feff}') {
            col -= 1;
        }
        (before.matches('\n').count() + 1, col)
    }

    #[test]
    fn columns_far_into_long_lines_match_the_walk() {
        let long = "长".repeat(700);
        let text = format!("\u{feff}{long}ab{long}\n短\n{long}x{long}{long}");
        let doc = Document::new("t", text.as_str());
        for offset in char_bounds(&text).into_iter().step_by(3) {
            assert_eq!(
                doc.line_col(offset),
                line_col_by_walk(&text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn line_span_strips_crlf() {
        let doc = Document::new("t", "甲\r\n乙");
        assert_eq!(doc.slice(doc.line_span(0)), "甲");
        assert_eq!(doc.slice(doc.line_span(1)), "乙");
    }

    /// The sentences of `t` by a walk over its characters: the oracle of the byte search.
    fn sentences_by_walk(t: &str) -> Vec<Span> {
        let mut expected = Vec::new();
        let mut start = 0;
        let mut chars = t.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let end = match c {
                '\n' => Some(i),
                '。' | '！' | '？' | '!' | '?' | '；' | ';' => {
                    let mut e = i + c.len_utf8();
                    while let Some(&(j, q)) = chars.peek() {
                        if matches!(q, '”' | '’' | '"' | '」' | '』' | '）' | ')') {
                            e = j + q.len_utf8();
                            chars.next();
                        } else {
                            break;
                        }
                    }
                    Some(e)
                }
                _ => None,
            };
            if let Some(e) = end {
                if e > start {
                    expected.push(Span::new(start, e));
                }
                start = if c == '\n' { i + 1 } else { e };
            }
        }
        if start < t.len() {
            expected.push(Span::new(start, t.len()));
        }
        expected
    }

    /// [`split_sentences`] on memchr's portable iterators, whatever the CPU.
    fn sentences_portable(t: &str) -> Vec<Span> {
        let b = t.as_bytes();
        split_at_stops(
            t,
            memchr::memchr3_iter(b'\n', 0xe3, 0xef, b),
            memchr::memchr3_iter(b'!', b'?', b';', b),
            |_| {},
        )
    }

    #[test]
    fn sentences_split_as_a_walk_over_the_characters_does() {
        // Terminators, quotes and line breaks among ASCII and Han characters.
        let t = "汉字汉字汉字a。”汉字！b?汉\n字；c;汉字汉字汉字汉字？）汉字汉字!\n\n汉字汉字汉字";
        let doc = Document::new("t", t);
        assert_eq!(doc.sentences(), sentences_by_walk(t));
        assert_eq!(sentences_portable(t), sentences_by_walk(t));
    }

    #[test]
    fn splits_sentences_and_keeps_closing_quotes() {
        let doc = Document::new("t", "他说：“好。”然后走了。\n下一段");
        let s: Vec<&str> = doc.sentences().iter().map(|&s| doc.slice(s)).collect();
        assert_eq!(s, vec!["他说：“好。”", "然后走了。", "下一段"]);
    }
}
