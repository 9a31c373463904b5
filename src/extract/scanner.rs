//! The one-pass scanner: walks the text, tracks clauses, parentheses and the paragraph topic,
//! and hands each position to the readers (words, periods, quantities).

use super::change::DOUBLINGS;
use super::change::{self, Lead};
use super::numeral::{is_arabic_digit, is_cn_numeral_char, parse_arabic};
use super::period::{self, PeriodCx, PeriodMatch};
use super::quantity::{BELOW_ZERO, SIGNS};
use super::special::{COMPANY_SUFFIXES, HALF_WORDS};
use super::subject::DOMESTIC_PREFIXES;
use super::subject::{self, Lexicon, TopicStack, WordKind};
use super::text::{self, char_at, starts_at, CharSet};
use super::{filter, magnitude, unit, ExtractOptions};
use crate::claim::{Claim, ClaimId, ClaimKind, Direction, Value};
use crate::document::Span;
use std::sync::OnceLock;

/// The running state of one pass over a document.
pub(super) struct Scanner<'a> {
    /// The document's text, untouched.
    pub(super) text: &'a str,
    /// Article date and caller entities.
    pub(super) opts: &'a ExtractOptions,
    /// Entity, segment and metric words.
    pub(super) lex: std::rc::Rc<Lexicon>,
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
        let mut i = 0;
        while let Some(c) = char_at(text, i) {
            let next = i + c.len_utf8();
            match c {
                '\n' => {
                    self.topic.reset();
                    self.respectively.end_sentence();
                    self.qizhong = false;
                    self.new_clause(next);
                }
                '。' | '！' | '？' | '!' | '?' | '；' | ';' => {
                    self.topic.end_sentence();
                    self.respectively.end_sentence();
                    self.qizhong = false;
                    self.new_clause(next);
                }
                '，' | ',' | '：' | ':' => {
                    self.respectively.clause_break();
                    self.new_clause(next);
                }
                '、' => self.new_clause(next),
                '(' | '（' => {
                    self.topic.open();
                    self.new_clause(next);
                }
                ')' | '）' => {
                    self.topic.close();
                    self.new_clause(next);
                }
                _ => {
                    // Most characters start no reader: skip the readers for them at once.
                    if self.may_start(c) {
                        if let Some(end) = self.try_at(i, c) {
                            i = end.max(next);
                            // Readers return char boundaries; never let a slip stop the scan.
                            while i < text.len() && !text.is_char_boundary(i) {
                                i += 1;
                            }
                            continue;
                        }
                    }
                    self.mark_change_words(i, c);
                }
            }
            i = next;
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

    /// False only when no reader of [`Scanner::try_at`] can match at a character `c`: then
    /// `try_at` would return `None` without touching the scanner. Each test mirrors the
    /// opening condition of a reader there; a reader added to `try_at` must be added here.
    pub(super) fn may_start(&self, c: char) -> bool {
        // URLs and Latin words (ASCII letters), digits in both widths, 一…亿 and 零下.
        c.is_ascii_alphanumeric()
            || is_arabic_digit(c)
            || is_cn_numeral_char(c)
            || PERIOD_LEADS.contains(&c)
            || SIGNS.contains(&c)
            || super::quantity::currency_sign(c).is_some()
            || word_firsts().contains(c)
            || self.lex.starts_with_char(c)
    }

    /// Tries every reader at byte `i`; returns where to continue, or `None` to step one char.
    pub(super) fn try_at(&mut self, i: usize, c: char) -> Option<usize> {
        let text = self.text;
        if let Some(end) = filter::url_at(text, i) {
            self.mentions += usize::from(text[i..end].chars().any(|c| c.is_ascii_digit()));
            return Some(end);
        }
        if c.is_ascii_alphabetic() {
            return Some(self.latin(i));
        }
        if let Some(end) = subject::domestic_name(text, i) {
            self.topic.top_mut().subject = Some(text[i..end].to_string());
            self.respectively.note(i, end, &text[i..end]);
            return Some(end);
        }
        if c == '某' {
            if let Some(end) = subject::mou_name(&self.lex, text, i) {
                self.topic.top_mut().subject = Some(text[i..end].to_string());
                self.respectively.note(i, end, &text[i..end]);
                return Some(end);
            }
        }
        // Lexicon names first: 百度, 三星, 第二产业 hold numerals but name things.
        if let Some(end) = self.lexicon_word(i) {
            return Some(end);
        }
        if let Some(end) = filter::non_numeral_word(text, i) {
            self.mentions += 1;
            return Some(end);
        }
        if let Some(end) = self.company(i) {
            return Some(end);
        }
        if let Some(end) = self.half(i) {
            return Some(end);
        }
        if let Some(end) = self.trend(i) {
            return Some(end);
        }
        if let Some(end) = self.doubling(i) {
            return Some(end);
        }
        if PERIOD_LEADS.contains(&c) || is_arabic_digit(c) || is_cn_numeral_char(c) {
            let cx = PeriodCx {
                article: self.opts.article_date,
                ctx_year: self.topic.top().year,
            };
            if let Some(m) = period::match_period(text, i, cx) {
                if m.start == i && m.end > i {
                    return Some(self.period_claim(m));
                }
            }
        }
        if is_arabic_digit(c)
            || is_cn_numeral_char(c)
            || starts_at(text, i, PERCENT_WORD)
            || self.sign_at(i).is_some()
            || (super::quantity::currency_sign(c).is_some()
                && char_at(text, i + c.len_utf8()).is_some_and(is_arabic_digit))
        {
            return self.quantity(i);
        }
        None
    }

    /// A lexicon word at `i` (entity, segment or metric) updates the topic: its end.
    pub(super) fn lexicon_word(&mut self, i: usize) -> Option<usize> {
        let text = self.text;
        let (w, kind, end) = self
            .lex
            .match_at(text, i)
            .filter(|&(w, _, end)| !reads_as_quantity(text, w, end))?;
        let w = w.to_string();
        let top = self.topic.top_mut();
        match kind {
            WordKind::Entity => {
                self.respectively.note(i, end, &w);
                // The same entity named again in a new sentence starts a new statement about
                // it; a new entity stays in the market described before (…全球出货量3.2亿部。
                // 其中，苹果出货量5850万部 is still 全球).
                if top.segment_carried && top.subject.as_deref() == Some(w.as_str()) {
                    top.segment = None;
                }
                top.segment_carried = false;
                top.subject = Some(w);
                self.last_entity_end = end;
            }
            WordKind::Segment => {
                self.respectively.note_segment(i, end, &w);
                top.segment = Some(w);
                top.segment_carried = false;
                top.segment_part = self.qizhong;
            }
            WordKind::Metric => top.set_metric(w),
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
        let top = self.topic.top();
        cl.period = top.period.clone();
        cl.subject = top.subject.clone();
        cl.segment = top.segment.clone();
        cl.metric = match metric_family(cl.kind) {
            Some(true) => top.share_metric.clone(),
            Some(false) => top.metric.clone(),
            None => top.last_metric.clone(),
        };
    }

    /// An empty claim of `kind` at `span`, in the right sentence.
    pub(super) fn blank(&mut self, span: Span, kind: ClaimKind) -> Claim {
        while self.sentence + 1 < self.sentences.len()
            && self.sentences[self.sentence].end <= span.start
        {
            self.sentence += 1;
        }
        Claim {
            id: self.claims.len(),
            span,
            kind,
            value: Value::None,
            bounds: Vec::new(),
            unit: None,
            magnitude: None,
            hedge: None,
            direction: None,
            period: None,
            subject: None,
            segment: None,
            metric: None,
            sentence: self.sentence,
            change_of: None,
            notes: Vec::new(),
        }
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
const PERIOD_LEADS: &[char] = &['今', '去', '明', '前', '每', '上', '下', '全', '第'];

/// The word that opens a percentage written out (百分之三十).
const PERCENT_WORD: &str = "百分之";

/// First characters of the fixed words some reader starts with: non-numeral words (百度,
/// 一些), company suffixes, 一半/半数/过半, 连续, 翻番, 国产/本土, 某, 百分之, 零下. Built once
/// from the readers' own lists.
fn word_firsts() -> &'static CharSet {
    static SET: OnceLock<CharSet> = OnceLock::new();
    SET.get_or_init(|| {
        let words = COMPANY_SUFFIXES
            .iter()
            .chain(HALF_WORDS)
            .chain(DOMESTIC_PREFIXES)
            .chain(DOUBLINGS.iter().map(|(w, _)| w))
            .chain(&[change::TREND_LEAD, "某", PERCENT_WORD, BELOW_ZERO]);
        words
            .filter_map(|w| w.chars().next())
            .chain(filter::non_numeral_firsts())
            .collect()
    })
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

/// True when a name that starts with a digit (360, 58同城) is followed by a magnitude or unit
/// (360亿元): then the digits are a figure, not the name.
fn reads_as_quantity(text: &str, word: &str, end: usize) -> bool {
    word.starts_with(|c: char| is_arabic_digit(c))
        && (unit::match_unit(text, end).is_some()
            || magnitude::match_magnitude(text, end).is_some()
            || matches!(char_at(text, end), Some('.' | '．' | ',')))
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

    /// The prefilter is exact: at every character of every fixture and seed article it rules
    /// out, `try_at` reads nothing and leaves the scanner as it was.
    #[test]
    fn prefilter_rules_out_only_characters_no_reader_takes() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        articles(&root.join("tests/fixtures"), &mut texts);
        articles(&root.join("seeds"), &mut texts);
        assert!(texts.len() > 10, "fixture articles not found");
        let opts = ExtractOptions::default();
        let (mut skipped, mut tried) = (0, 0);
        for text in &texts {
            let doc = Document::new("t.txt", text.as_str());
            let sentences = doc.sentences();
            let mut sc = scanner_for(&doc, &opts, &sentences);
            for (i, c) in text.char_indices() {
                if sc.may_start(c) {
                    tried += 1;
                    continue;
                }
                skipped += 1;
                let (claims, mentions) = (sc.claims.len(), sc.mentions);
                assert_eq!(sc.try_at(i, c), None, "{c} at {i}");
                assert_eq!((sc.claims.len(), sc.mentions), (claims, mentions));
            }
        }
        // Both sides are exercised: most characters are skipped, many are not.
        assert!(
            skipped > tried && tried > 1000,
            "{skipped} skipped, {tried} tried"
        );
    }
}
