//! The article as read: untouched text, byte spans into it, and the byte → line/column index.

use serde::Serialize;

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

/// Bytes between two marks of [`Document`]'s character count index.
const COLUMN_STEP: usize = 4096;

/// The character count marks of `text` (see `Document::char_marks`).
fn char_marks(text: &str) -> Vec<(usize, usize)> {
    let mut marks = Vec::with_capacity(text.len() / COLUMN_STEP + 1);
    let (mut at, mut before) = (0, 0);
    for k in 0..=text.len() / COLUMN_STEP {
        let mut target = (k * COLUMN_STEP).min(text.len());
        while !text.is_char_boundary(target) {
            target += 1;
        }
        before += text[at..target].chars().count();
        at = target;
        marks.push((at, before));
    }
    marks
}

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
    /// For every [`COLUMN_STEP`] bytes of text: (the first char boundary at or after
    /// `k * COLUMN_STEP`, the number of characters before it). Columns on long lines are
    /// counted from the nearest mark instead of the line start, so locating every claim
    /// of a one-line dump stays linear.
    char_marks: Vec<(usize, usize)>,
    /// Fields that came with the article besides its id and text (JSONL input), passed
    /// through to the machine-readable outputs. `None` for articles read from files.
    pub meta: Option<serde_json::Map<String, serde_json::Value>>,
}

impl Document {
    /// Wraps a text read from `path`.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let char_marks = char_marks(&text);
        Document {
            path: path.into(),
            text,
            line_starts,
            char_marks,
            meta: None,
        }
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
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let col = if offset - start <= COLUMN_STEP {
            self.text[start..offset].chars().count()
        } else {
            self.chars_before(offset) - self.chars_before(start)
        };
        (line + 1, col + 1)
    }

    /// Number of characters before byte `offset` (a char boundary), counted from the
    /// nearest mark at or before it.
    fn chars_before(&self, offset: usize) -> usize {
        let k = offset / COLUMN_STEP;
        let mark = self
            .char_marks
            .get(..=k.min(self.char_marks.len().saturating_sub(1)))
            .and_then(|m| m.iter().rev().find(|&&(at, _)| at <= offset));
        let (at, before) = mark.copied().unwrap_or((0, 0));
        before + self.text.get(at..offset).map_or(0, |t| t.chars().count())
    }

    /// Resolves a span to lines and character columns.
    pub fn locate(&self, span: Span) -> Location {
        let (line, column) = self.line_col(span.start);
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
        let (end_line, end_column) = self.line_col(last);
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
        let mut out = Vec::new();
        let mut start = 0;
        let mut chars = self.text.char_indices().peekable();
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
                    out.push(Span::new(start, e));
                }
                start = if c == '\n' { i + 1 } else { e };
            }
        }
        if start < self.text.len() {
            out.push(Span::new(start, self.text.len()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns on lines far longer than a mark step equal a count from the line start.
    #[test]
    fn columns_on_long_lines_match_a_direct_count() {
        let line = "营收120亿元，同比增长5%；abc 第三季度。".repeat(700);
        let text = format!("短行\n{line}\n{line}");
        let doc = Document::new("t", text.clone());
        let mut checked = 0;
        for (offset, _) in text.char_indices().step_by(97) {
            let line = doc.line_index(offset);
            let start = doc.line_starts[line];
            let direct = text[start..offset].chars().count() + 1;
            assert_eq!(doc.line_col(offset), (line + 1, direct), "offset {offset}");
            checked += 1;
        }
        assert!(checked > 300);
        assert_eq!(doc.line_col(text.len()).0, 3);
    }

    #[test]
    fn locates_chinese_columns() {
        let doc = Document::new("t", "第一行\n收入171亿美元");
        let start = doc.text.find("171").unwrap();
        let loc = doc.locate(Span::new(start, start + "171亿美元".len()));
        assert_eq!((loc.line, loc.column), (2, 3));
        assert_eq!((loc.end_line, loc.end_column), (2, 8));
    }

    #[test]
    fn line_span_strips_crlf() {
        let doc = Document::new("t", "甲\r\n乙");
        assert_eq!(doc.slice(doc.line_span(0)), "甲");
        assert_eq!(doc.slice(doc.line_span(1)), "乙");
    }

    #[test]
    fn splits_sentences_and_keeps_closing_quotes() {
        let doc = Document::new("t", "他说：“好。”然后走了。\n下一段");
        let s: Vec<&str> = doc.sentences().iter().map(|&s| doc.slice(s)).collect();
        assert_eq!(s, vec!["他说：“好。”", "然后走了。", "下一段"]);
    }
}
