//! The one-pass scanner: walks the text, tracks clauses, parentheses and the paragraph topic,
//! and hands each position to the readers (words, periods, quantities).

use super::change::{self, Lead};
use super::numeral::{is_arabic_digit, is_cn_numeral_char, parse_arabic};
use super::period::{self, PeriodCx, PeriodMatch};
use super::starts::{self, StartTable};
use super::subject::{self, Lexicon, Topic, TopicStack, WordKind};
use super::text::{self, char_at, starts_at, Quick};
use super::{filter, magnitude, unit, ExtractOptions};
use crate::claim::{Claim, ClaimId, ClaimKind, Direction};
use crate::document::Span;

/// The running state of one pass over a document.
pub(super) struct Scanner<'a> {
    /// The document's text, untouched.
    pub(super) text: &'a str,
    /// Article date and caller entities.
    pub(super) opts: &'a ExtractOptions,
    /// Entity, segment and metric words.
    pub(super) lex: std::rc::Rc<Lexicon>,
    /// The readers that can start at each character (built with `lex`).
    pub(super) starts: std::rc::Rc<StartTable>,
    /// Claims so far, in text order.
    pub(super) claims: Vec<Claim>,
    /// Numeric mentions so far, claims or not.
    pub(super) mentions: usize,
    /// What the paragraph is talking about.
    pub(super) topic: TopicStack,
    /// First byte of the current clause: look-backs never cross it.
    pub(super) clause_start: usize,
    /// A `从A` claim waiting for its `到B`.
    pub(super) pending_from: Option<ClaimId>,
    /// A 从 was passed in this clause and no figure has followed it yet.
    pub(super) from_marker: bool,
    /// A 到/至 was passed after a `从A` claim: the direction of the verb before it.
    pub(super) to_marker: Option<Option<Direction>>,
    /// End of the last lexicon entity (a company name written in full keeps that entity).
    pub(super) last_entity_end: usize,
    /// End of the last claim pushed: look-backs never reach into it.
    pub(super) last_claim_end: usize,
    /// End of the last quantity and the change verb before it (for lists: 增长5%、6%).
    pub(super) last_lead: Option<(usize, Lead)>,
    /// End and period of the last comparison-base period (较2024年的548.4GWh).
    pub(super) base_period: Option<(usize, Option<String>)>,
    /// The document's sentences.
    pub(super) sentences: &'a [Span],
    /// Index of the sentence at the scan position (only moves forward).
    pub(super) sentence: usize,
    /// Names of the sentence and the 分别 list pairing them with figures.
    pub(super) respectively: super::respectively::Respectively,
    /// 其中 was read in the current sentence: segments named after it are parts.
    pub(super) qizhong: bool,
}

impl Scanner<'_> {
    /// Walks the whole text once.
    pub(super) fn run(&mut self) {
        let text = self.text;
        let starts = std::rc::Rc::clone(&self.starts);
        let mut i = 0;
        while i < text.len() {
            // Most characters are neither punctuation nor the start of anything a reader
            // takes: one table lookup passes over each of them.
            let (loud, (bits, len, raw)) = starts.next_loud(text, i);
            i = loud;
            if i >= text.len() {
                break;
            }
            let next = i + len;
            if bits == 0 {
                i = next;
                continue;
            }
            // Readers end on char boundaries; were one to slip, `next_loud` steps off a
            // non-boundary one byte at a time (with no bits), so the scan never stops.
            if bits == starts::LEXICON {
                // Most characters a reader can start with start only lexicon words: try
                // that one reader without decoding the character or dispatching over all.
                match self.lexicon_word(i) {
                    Some(end) => i = end.max(next),
                    None => i = next,
                }
                continue;
            }
            if bits & starts::BREAK != 0 {
                // Told apart by their bytes: a third of the stops, none decoded.
                self.punctuation(Punct::of_bytes(len, raw), next);
                i = next;
                continue;
            }
            let Some(c) = char::from_u32(starts::decode(len, raw)) else {
                break;
            };
            if bits & starts::READERS != 0 {
                if let Some(end) = self.try_at(i, c, bits) {
                    i = end.max(next);
                    continue;
                }
            }
            if bits & starts::CHANGE != 0 {
                self.mark_change_words(i, c);
            }
            i = next;
        }
    }

    /// Clause and sentence punctuation `p`, ending right before byte `next`.
    fn punctuation(&mut self, p: Option<Punct>, next: usize) {
        match p {
            Some(Punct::Line) => {
                self.topic.reset();
                self.respectively.end_sentence();
                self.qizhong = false;
                self.new_clause(next);
            }
            Some(Punct::Sentence) => {
                self.topic.end_sentence();
                self.respectively.end_sentence();
                self.qizhong = false;
                self.new_clause(next);
            }
            Some(Punct::Clause) => {
                self.respectively.clause_break();
                self.new_clause(next);
            }
            Some(Punct::Enumeration) => self.new_clause(next),
            Some(Punct::Open) => {
                self.topic.open();
                self.new_clause(next);
            }
            Some(Punct::Close) => {
                self.topic.close();
                self.new_clause(next);
            }
            None => {}
        }
    }

    /// A clause starts at byte `at`: look-backs and 从…到 pairs do not cross it.
    pub(super) fn new_clause(&mut self, at: usize) {
        self.clause_start = at;
        self.pending_from = None;
        self.from_marker = false;
        self.to_marker = None;
    }

    /// Notes 从 and 到/至 that no reader consumed (从2020年的30%提升至2024年的45%).
    pub(super) fn mark_change_words(&mut self, i: usize, c: char) {
        if c == '分' && starts_at(self.text, i, "分别") {
            self.respectively.open(self.text, i);
        }
        if c == '其' && starts_at(self.text, i, "其中") {
            self.qizhong = true;
        }
        match c {
            // 从A到B, 由A增至B (but not 由于, "because").
            '从' => self.from_marker = true,
            '由' if char_at(self.text, i + c.len_utf8()) != Some('于') => self.from_marker = true,
            '到' | '至' if self.pending_from.is_some() => {
                let floor = self.floor(i);
                let d = match change::lead(self.text, floor, i + c.len_utf8()) {
                    Lead::Target(d) => d,
                    _ => None,
                };
                self.to_marker = Some(d);
            }
            _ => {}
        }
    }

    /// Tries the readers whose bit is set in `bits` (see [`starts`]) at byte `i`, in order;
    /// returns where to continue, or `None` to step one char.
    pub(super) fn try_at(&mut self, i: usize, c: char, bits: u16) -> Option<usize> {
        // Written out rather than looped over, so that each `read` folds to its one reader.
        macro_rules! attempt {
            ($($reader:ident),*) => {$(
                if bits & starts::$reader != 0 {
                    if let Some(end) = self.read(starts::$reader, i, c) {
                        return Some(end);
                    }
                }
            )*};
        }
        attempt!(
            URL,
            LATIN,
            DOMESTIC,
            MOU,
            LEXICON,
            NON_NUMERAL,
            COMPANY,
            HALF,
            TREND,
            DOUBLING,
            PERIOD,
            QUANTITY
        );
        None
    }

    /// Runs the one reader `reader` (a bit of [`starts`]) at byte `i`, holding `c`: where
    /// it ends, or `None` (and the scanner untouched) when it reads nothing there.
    #[inline(always)]
    pub(super) fn read(&mut self, reader: u16, i: usize, c: char) -> Option<usize> {
        let text = self.text;
        match reader {
            starts::URL => {
                let end = filter::url_at(text, i)?;
                self.mentions += usize::from(text[i..end].chars().any(|c| c.is_ascii_digit()));
                Some(end)
            }
            starts::LATIN => c.is_ascii_alphabetic().then(|| self.latin(i)),
            starts::DOMESTIC => {
                let end = subject::domestic_name(text, i)?;
                self.topic.top_mut().subject = Some(Span::new(i, end));
                self.respectively.note(i, end);
                Some(end)
            }
            starts::MOU => {
                if c != '某' {
                    return None;
                }
                let end = subject::mou_name(&self.lex, text, i)?;
                self.topic.top_mut().subject = Some(Span::new(i, end));
                self.respectively.note(i, end);
                Some(end)
            }
            // Lexicon names first: 百度, 三星, 第二产业 hold numerals but name things.
            starts::LEXICON => self.lexicon_word(i),
            starts::NON_NUMERAL => {
                let end = filter::non_numeral_word(text, i)?;
                self.mentions += 1;
                Some(end)
            }
            starts::COMPANY => self.company(i),
            starts::HALF => self.half(i),
            starts::TREND => self.trend(i),
            starts::DOUBLING => self.doubling(i),
            starts::PERIOD => {
                // Numerals first: most characters asked are digits, found by one test
                // rather than after a pass over the lead words.
                if !(is_arabic_digit(c) || is_cn_numeral_char(c) || PERIOD_LEADS.contains(&c)) {
                    return None;
                }
                let cx = PeriodCx {
                    article: self.opts.article_date,
                    ctx_year: self.topic.top().year,
                };
                let m = period::match_period(text, i, cx)?;
                (m.start == i && m.end > i).then(|| self.period_claim(m))
            }
            starts::QUANTITY => {
                let opens = is_arabic_digit(c)
                    || is_cn_numeral_char(c)
                    || starts_at(text, i, PERCENT_WORD)
                    || self.sign_at(i).is_some()
                    || (super::quantity::currency_sign(c).is_some()
                        && char_at(text, i + c.len_utf8()).is_some_and(is_arabic_digit));
                if opens {
                    self.quantity(i)
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// A lexicon word at `i` (entity, segment or metric) updates the topic: its end.
    ///
    /// The quick test is made here, in the caller: most positions asked hold no word, and
    /// they should not pay for entering the function that handles one.
    #[inline(always)]
    pub(super) fn lexicon_word(&mut self, i: usize) -> Option<usize> {
        let q = self.lex.quick_at(self.text, i)?;
        self.lexicon_word_found(i, q)
    }

    /// [`Scanner::lexicon_word`] where the lexicon's quick test let a word start, having
    /// read `q` there.
    #[inline(never)]
    fn lexicon_word_found(&mut self, i: usize, q: Quick) -> Option<usize> {
        let text = self.text;
        let m = self
            .lex
            .word_after(text, i, q)
            .filter(|m| !(m.digit && reads_as_quantity(text, m.end)))?;
        let (end, w) = (m.end, Span::new(i, m.end));
        let top = self.topic.top_mut();
        match m.kind {
            WordKind::Entity => {
                self.respectively.note(i, end);
                // The same entity named again in a new sentence starts a new statement about
                // it; a new entity stays in the market described before (…全球出货量3.2亿部。
                // 其中，苹果出货量5850万部 is still 全球).
                if top.segment_carried
                    && top.subject.and_then(|s| text.get(s.start..s.end)) == text.get(i..end)
                {
                    top.segment = None;
                }
                top.segment_carried = false;
                top.subject = Some(w);
                self.last_entity_end = end;
            }
            WordKind::Segment => {
                self.respectively.note_segment(i, end);
                top.segment = Some(w);
                top.segment_carried = false;
                top.segment_part = self.qizhong;
            }
            WordKind::Metric => top.set_metric(w, m.share),
        }
        Some(end)
    }

    /// A Latin word: entity name, FY2025/Q3 period, product code, or plain word.
    pub(super) fn latin(&mut self, i: usize) -> usize {
        let text = self.text;
        if let Some(end) = self.lexicon_word(i) {
            return end;
        }
        let (end, has_digit) = filter::latin_word(text, i);
        let word = &text[i..end];
        if let Some(y) = word.strip_prefix("FY").and_then(|y| y.parse::<i32>().ok()) {
            // FY2025, and FY25 for 2025.
            let y = if word.len() == 4 { 2000 + y } else { y };
            if (1000..=2999).contains(&y) && (word.len() == 6 || word.len() == 4) {
                let m = PeriodMatch {
                    start: i,
                    end,
                    kind: ClaimKind::Period,
                    period: Some(format!("FY{y}")),
                    notes: Vec::new(),
                    year: Some(y),
                    carries: true,
                    is_claim: true,
                };
                return self.period_claim(m);
            }
        }
        if let Some(q @ 1..=4) = word.strip_prefix('Q').and_then(|q| q.parse::<i32>().ok()) {
            let y = self
                .topic
                .top()
                .year
                .or(self.opts.article_date.map(|d| d.year));
            let norm = match y {
                Some(y) => format!("{y}Q{q}"),
                None => format!("--Q{q}"),
            };
            let m = PeriodMatch {
                start: i,
                end,
                kind: ClaimKind::Period,
                period: Some(norm),
                notes: Vec::new(),
                year: y,
                carries: true,
                is_claim: true,
            };
            return self.period_claim(m);
        }
        if has_digit {
            self.mentions += 1;
            return end;
        }
        if let Some(code_end) = filter::spaced_code(text, end) {
            // RTX 5060, iPhone 16 — unless a quantity word follows the digits (GDP 5%).
            let num_end = match parse_arabic(text, end + 1) {
                Some(a) => a.end,
                None => code_end,
            };
            let quantity_follows = unit::match_unit(text, num_end).is_some()
                || magnitude::match_magnitude(text, num_end).is_some();
            if !quantity_follows {
                self.mentions += 1;
                return code_end;
            }
        }
        end
    }

    /// Emits a date/period claim (or only updates the context year) and returns its end.
    pub(super) fn period_claim(&mut self, m: PeriodMatch) -> usize {
        // 比上半年, 较去年: a comparison base, not the period of what follows.
        let before = text::tail(self.text, self.floor(m.start), m.start, 2);
        // 2019年同期 is a base too, whatever comes before it.
        let base = ["比", "较", "相比", "与", "同"]
            .iter()
            .any(|w| before.ends_with(w))
            || starts_at(self.text, m.end, "同期");
        // 一、二、三季度 / 1月和2月: the last item of a list of periods names only part of what
        // follows, so nothing is carried (the figures after are usually 分别 per item).
        let mut back = self.text.get(..m.start).unwrap_or_default().chars().rev();
        let list = matches!(back.next(), Some('、' | '和' | '及' | '与'))
            && back.next().is_some_and(|c| {
                is_arabic_digit(c)
                    || is_cn_numeral_char(c)
                    || matches!(c, '年' | '月' | '度' | '季')
            });
        let top = self.topic.top_mut();
        if list {
            top.period = None;
        }
        if base {
            self.base_period = Some((m.end, m.period.clone()));
        }
        if base || list {
            if m.is_claim {
                self.mentions += 1;
                let mut cl = self.blank(Span::new(m.start, m.end), m.kind);
                cl.period = m.period;
                cl.notes = m.notes;
                self.push(cl);
            }
            return m.end;
        }
        if let Some(y) = m.year {
            top.year = Some(y);
        }
        if m.carries {
            top.period = if m.notes.is_empty() {
                m.period.clone()
            } else {
                None
            };
        }
        if m.is_claim {
            self.mentions += 1;
            let mut cl = self.blank(Span::new(m.start, m.end), m.kind);
            cl.period = m.period;
            cl.notes = m.notes;
            self.push(cl);
        }
        m.end
    }

    /// Takes subject, segment, metric and period from the topic in force. Shares take the
    /// last share word (份额, 占比, …率), amounts the last amount word (收入, 出货量), changes
    /// and trends whichever came last, so 份额 is never carried onto 4300万部.
    pub(super) fn fill_topic(&self, cl: &mut Claim) {
        let (text, top) = (self.text, self.topic.top());
        cl.period = top.period.clone();
        cl.subject = Topic::word(text, top.subject);
        cl.segment = Topic::word(text, top.segment);
        cl.metric = Topic::word(
            text,
            match metric_family(cl.kind) {
                Some(true) => top.share_metric,
                Some(false) => top.metric,
                None => top.last_metric,
            },
        );
    }

    /// An empty claim of `kind` at `span`, in the right sentence.
    pub(super) fn blank(&mut self, span: Span, kind: ClaimKind) -> Claim {
        while self.sentence + 1 < self.sentences.len()
            && self.sentences[self.sentence].end <= span.start
        {
            self.sentence += 1;
        }
        Claim::new(self.claims.len(), span, kind, self.sentence)
    }

    /// Where look-backs from byte `i` must stop: the clause start or the end of the last
    /// claim, whichever is later (均九亿0: the 均 belongs to 九亿, not to 0).
    pub(super) fn floor(&self, i: usize) -> usize {
        self.clause_start.max(self.last_claim_end).min(i)
    }

    /// Appends a claim with its id and moves the look-back floor past it.
    pub(super) fn push(&mut self, mut cl: Claim) {
        self.last_claim_end = self.last_claim_end.max(cl.span.end);
        cl.id = self.claims.len();
        self.claims.push(cl);
    }
}

/// Characters that open a period word besides numerals (今年, 去年, 明年, 前三季度, 每季度,
/// 上半年, 下半年, 全年, 第三季度): [`period::match_period`] is tried only at these.
pub(super) const PERIOD_LEADS: &[char] = &['今', '去', '明', '前', '每', '上', '下', '全', '第'];

/// The word that opens a percentage written out (百分之三十).
pub(super) const PERCENT_WORD: &str = "百分之";

/// What a clause or sentence punctuation mark does to the scan (see
/// [`Scanner::punctuation`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Punct {
    /// A new line: the paragraph's topic starts afresh.
    Line,
    /// 。！？；!?; end a sentence.
    Sentence,
    /// ，：,: end a clause.
    Clause,
    /// 、 separates list items.
    Enumeration,
    /// ( （ open a parenthesis.
    Open,
    /// ) ） close one.
    Close,
}

/// The three bytes of a three-byte UTF-8 character, little-endian, as the scan loop keeps
/// them (see [`starts::decode`]).
const fn wide(c: char) -> u64 {
    let n = c as u64;
    (0xe0 | n >> 12) | (0x80 | (n >> 6) & 0x3f) << 8 | (0x80 | n & 0x3f) << 16
}

impl Punct {
    /// The punctuation of the character the scan loop stopped at, from its length and
    /// bytes as [`StartTable::next_loud`] gives them (`None` for any other character).
    /// Compared as bytes so that the loop does not decode the character (every
    /// punctuation mark is ASCII or three bytes long).
    #[inline]
    pub(super) fn of_bytes(len: usize, raw: u64) -> Option<Punct> {
        const FULL_STOP: u64 = wide('。');
        const BANG: u64 = wide('！');
        const QUESTION: u64 = wide('？');
        const SEMI: u64 = wide('；');
        const COMMA: u64 = wide('，');
        const COLON: u64 = wide('：');
        const DUN: u64 = wide('、');
        const OPEN: u64 = wide('（');
        const CLOSE: u64 = wide('）');
        match len {
            1 => match raw {
                0x0a => Some(Punct::Line),
                0x21 | 0x3f | 0x3b => Some(Punct::Sentence),
                0x2c | 0x3a => Some(Punct::Clause),
                0x28 => Some(Punct::Open),
                0x29 => Some(Punct::Close),
                _ => None,
            },
            3 => match raw & 0xff_ffff {
                FULL_STOP | BANG | QUESTION | SEMI => Some(Punct::Sentence),
                COMMA | COLON => Some(Punct::Clause),
                DUN => Some(Punct::Enumeration),
                OPEN => Some(Punct::Open),
                CLOSE => Some(Punct::Close),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Which metric words a claim kind takes: `Some(true)` share words, `Some(false)` amount
/// words, `None` whichever came last (changes and trends name either).
pub(super) fn metric_family(kind: ClaimKind) -> Option<bool> {
    match kind {
        ClaimKind::Share | ClaimKind::PointChange => Some(true),
        ClaimKind::Growth | ClaimKind::Trend => None,
        _ => Some(false),
    }
}

/// True when a name that starts with a digit (360, 58同城), ending at byte `end`, is
/// followed by a magnitude or unit (360亿元): then the digits are a figure, not the name.
fn reads_as_quantity(text: &str, end: usize) -> bool {
    unit::match_unit(text, end).is_some()
        || magnitude::match_magnitude(text, end).is_some()
        || matches!(char_at(text, end), Some('.' | '．' | ','))
}

#[cfg(test)]
mod tests {
    use super::super::{scanner_for, ExtractOptions};
    use crate::document::Document;
    use std::path::Path;

    fn articles(dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                articles(&p, out);
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
    }

    /// The punctuation the scan loop handled before it was told apart by bytes (the oracle
    /// of [`super::Punct::of_bytes`]): a match on the decoded character.
    fn punct_of_char(c: char) -> Option<super::Punct> {
        use super::Punct;
        match c {
            '\n' => Some(Punct::Line),
            '。' | '！' | '？' | '!' | '?' | '；' | ';' => Some(Punct::Sentence),
            '，' | ',' | '：' | ':' => Some(Punct::Clause),
            '、' => Some(Punct::Enumeration),
            '(' | '（' => Some(Punct::Open),
            ')' | '）' => Some(Punct::Close),
            _ => None,
        }
    }

    /// Every character, read by the scan loop's step wherever it stands (alone, first or
    /// second of a pair of three-byte characters, whose bytes then carry what follows), is
    /// the same punctuation by its bytes as by the character; and every character the start
    /// table marks as punctuation is some punctuation.
    #[test]
    fn punctuation_by_bytes_is_punctuation_by_character() {
        use super::super::starts::BREAK;
        use super::Punct;
        let opts = ExtractOptions::default();
        let doc = Document::new("t.txt", "");
        let sc = scanner_for(&doc, &opts, &[]);
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let want = punct_of_char(c);
            assert_eq!(want.is_some(), sc.starts.get(c) & BREAK != 0, "{c:?}");
            for (text, at) in [
                (format!("{c}"), 0),
                (format!("{c}中文字"), 0),
                (format!("中{c}文字"), 3),
            ] {
                let (p, (_, len, raw)) = sc.starts.next_loud(&text, 0);
                if p == at {
                    assert_eq!(Punct::of_bytes(len, raw), want, "{c:?} in {text:?}");
                }
                let (_, len, raw) = sc.starts.at(&text, at);
                assert_eq!(Punct::of_bytes(len, raw), want, "{c:?} in {text:?}");
            }
        }
    }

    proptest::proptest! {
        /// At every stop of the scan loop's step over Chinese-news-like text with every kind
        /// of punctuation, the punctuation by bytes is that of the character stopped at.
        #[test]
        fn punctuation_by_bytes_at_every_stop(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "销量", "同比增长", "12.5%", "万辆", "。", "，", "\n", "、", "（", "）",
                    "(", ")", "！", "？", "!", "?", "；", ";", "：", ":", ",", "公司", "AI",
                    "其中", "约", "亿元", "𠀀", "é", "的", " ",
                ]),
                0..40,
            ),
        ) {
            let text: String = pieces.concat();
            let opts = ExtractOptions::default();
            let doc = Document::new("t.txt", "");
            let sc = scanner_for(&doc, &opts, &[]);
            let mut i = 0;
            while i < text.len() {
                let (p, (_, len, raw)) = sc.starts.next_loud(&text, i);
                let Some(c) = text.get(p..).and_then(|r| r.chars().next()) else {
                    break;
                };
                proptest::prop_assert_eq!(super::Punct::of_bytes(len, raw), punct_of_char(c));
                i = p + c.len_utf8();
            }
        }
    }

    /// The start table is exact: at every character of every fixture and seed article, each
    /// reader whose bit is clear reads nothing and leaves the scanner as it was.
    #[test]
    fn start_table_rules_out_only_readers_that_read_nothing() {
        use super::super::starts::*;
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        articles(&root.join("tests/fixtures"), &mut texts);
        articles(&root.join("seeds"), &mut texts);
        assert!(texts.len() > 10, "fixture articles not found");
        let opts = ExtractOptions::default();
        let readers = [
            URL,
            LATIN,
            DOMESTIC,
            MOU,
            LEXICON,
            NON_NUMERAL,
            COMPANY,
            HALF,
            TREND,
            DOUBLING,
            PERIOD,
            QUANTITY,
        ];
        let (mut skipped, mut tried) = (0, 0);
        for text in &texts {
            let doc = Document::new("t.txt", text.as_str());
            let sentences = doc.sentences();
            let mut sc = scanner_for(&doc, &opts, &sentences);
            for (i, c) in text.char_indices() {
                let bits = sc.starts.get(c);
                if bits & READERS == 0 {
                    skipped += 1;
                } else {
                    tried += 1;
                }
                for r in readers.iter().filter(|&&r| bits & r == 0) {
                    let (claims, mentions) = (sc.claims.len(), sc.mentions);
                    assert_eq!(sc.read(*r, i, c), None, "reader {r} at {c} {i}");
                    assert_eq!((sc.claims.len(), sc.mentions), (claims, mentions));
                }
            }
        }
        // Both sides are exercised: most characters are skipped, many are not.
        assert!(
            skipped > tried && tried > 1000,
            "{skipped} skipped, {tried} tried"
        );
    }
}
