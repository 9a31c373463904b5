//! Claim extraction: one pass over the text turning numbers, units, hedges, ranges and periods into claims.
//!
//! The scanner walks the text once, left to right. At each position it tries, in order: URLs
//! and Latin words (product codes such as H20 or GPT-4 are skipped), lexicon words (subjects,
//! segments, metrics, and words that merely contain numerals such as 之一), change forms
//! (连续三年下滑, 翻番), dates and periods, then numbers with their magnitude, unit, range end
//! and hedges. Subject, segment, metric and period are a running per-paragraph [`TopicStack`]:
//! a word updates it, a figure takes what is in force, a closing parenthesis forgets what was
//! said inside it. Look-backs for hedges and change verbs read at most a few characters of
//! the current clause, so the whole pass stays linear in the text.
//!
//! Choices a rule can rely on:
//! - `从A降到B`: both are claims; the B claim has `change_of = Some((A, B))` and the move's
//!   direction (see [`change`]).
//! - A level after a change verb (`减少5亿元`) has a direction: it is an absolute change.
//! - Dates and periods have `value == Value::None` and their normalised form in `period`;
//!   garbled or impossible ones have `period == None` and a note starting with
//!   [`period::NOTE_GARBLED`] or [`period::NOTE_IMPOSSIBLE`].

pub mod change;
pub mod filter;
pub mod hedge;
pub mod magnitude;
pub mod numeral;
pub mod period;
pub mod subject;
pub mod text;
pub mod unit;

use crate::claim::{
    Bound, Claim, ClaimId, ClaimKind, Direction, Hedge, Num, Unit, UnitKind, Value,
};
use crate::document::{Document, Span};
use crate::settings::Date;
use change::Lead;
use numeral::{is_arabic_digit, is_cn_numeral_char, parse_arabic, parse_chinese};
use period::{PeriodCx, PeriodMatch};
use subject::{Lexicon, TopicStack, WordKind};
use text::{char_at, prev_char, starts_at};

/// What the extractor needs besides the text.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Publication date, resolving 今年 and dates without a year.
    pub article_date: Option<Date>,
    /// Extra entity names to recognise as subjects (e.g. every entity alias of the reference).
    pub entities: Vec<String>,
}

/// The claims of one document.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// Claims in text order; `claims[i].id == i`.
    pub claims: Vec<Claim>,
    /// Every numeric mention seen, including those judged not to be claims (H20, 第一).
    pub numeric_mentions: usize,
}

/// Extracts every numeric claim of `doc`.
pub fn extract(doc: &Document, opts: &ExtractOptions) -> Extraction {
    let sentences = doc.sentences();
    let mut sc = Scanner {
        text: &doc.text,
        opts,
        lex: Lexicon::new(&opts.entities),
        claims: Vec::new(),
        mentions: 0,
        topic: TopicStack::default(),
        clause_start: 0,
        pending_from: None,
        from_marker: false,
        to_marker: None,
        last_entity_end: 0,
        last_claim_end: 0,
        sentences: &sentences,
        sentence: 0,
    };
    sc.run();
    Extraction {
        claims: sc.claims,
        numeric_mentions: sc.mentions,
    }
}

/// One end of a quantity as parsed: number, magnitude, inner hedge and unit.
#[derive(Debug, Clone)]
struct End {
    start: usize,
    end: usize,
    num: Num,
    magnitude: Option<String>,
    /// The magnitude factor applied (1 when none).
    factor: f64,
    unit: Option<Unit>,
    /// The unit's scale (成 = 10) already applied.
    scale: f64,
    inner_hedge: Option<Hedge>,
    chinese: bool,
    /// Chinese numeral of a single character (一, 两, 三 …).
    single_char: bool,
    /// Chinese numeral starting with 十 (十家, 十余家).
    ten: bool,
    digit_string: bool,
    decimal: bool,
}

/// The result of reading a number at some position.
enum Read {
    /// Not a number here.
    No,
    /// A numeral that is not a quantity (code, ID, look-alike): skip to this byte.
    Skip(usize),
    /// A quantity end.
    Yes(End),
}

/// Range separators between two ends.
const RANGE_SEPS: &[&str] = &["-", "－", "—", "–", "～", "~", "〜", "至", "到"];

struct Scanner<'a> {
    text: &'a str,
    opts: &'a ExtractOptions,
    lex: Lexicon,
    claims: Vec<Claim>,
    mentions: usize,
    topic: TopicStack,
    /// First byte of the current clause: look-backs never cross it.
    clause_start: usize,
    /// A `从A` claim waiting for its `到B`.
    pending_from: Option<ClaimId>,
    /// A 从 was passed in this clause and no figure has followed it yet.
    from_marker: bool,
    /// A 到/至 was passed after a `从A` claim: the direction of the verb before it.
    to_marker: Option<Option<Direction>>,
    /// End of the last lexicon entity (a company name written in full keeps that entity).
    last_entity_end: usize,
    /// End of the last claim pushed: look-backs never reach into it.
    last_claim_end: usize,
    sentences: &'a [Span],
    sentence: usize,
}

impl Scanner<'_> {
    fn run(&mut self) {
        let text = self.text;
        let mut i = 0;
        while let Some(c) = char_at(text, i) {
            let next = i + c.len_utf8();
            match c {
                '\n' => {
                    self.topic.reset();
                    self.new_clause(next);
                }
                '。' | '！' | '？' | '!' | '?' | '；' | ';' => {
                    self.topic.end_sentence();
                    self.new_clause(next);
                }
                '，' | ',' | '、' | '：' | ':' => self.new_clause(next),
                '(' | '（' => {
                    self.topic.open();
                    self.new_clause(next);
                }
                ')' | '）' => {
                    self.topic.close();
                    self.new_clause(next);
                }
                _ => {
                    if let Some(end) = self.try_at(i, c) {
                        i = end.max(next);
                        continue;
                    }
                    self.mark_change_words(i, c);
                }
            }
            i = next;
        }
    }

    fn new_clause(&mut self, at: usize) {
        self.clause_start = at;
        self.pending_from = None;
        self.from_marker = false;
        self.to_marker = None;
    }

    /// Notes 从 and 到/至 that no reader consumed (从2020年的30%提升至2024年的45%).
    fn mark_change_words(&mut self, i: usize, c: char) {
        match c {
            '从' => self.from_marker = true,
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

    /// Tries every reader at byte `i`; returns where to continue, or `None` to step one char.
    fn try_at(&mut self, i: usize, c: char) -> Option<usize> {
        let text = self.text;
        if let Some(end) = filter::url_at(text, i) {
            self.mentions += usize::from(text[i..end].chars().any(|c| c.is_ascii_digit()));
            return Some(end);
        }
        if c.is_ascii_alphabetic() {
            return Some(self.latin(i));
        }
        if c == '某' {
            if let Some(end) = subject::mou_name(&self.lex, text, i) {
                self.topic.top_mut().subject = Some(text[i..end].to_string());
                return Some(end);
            }
        }
        // Lexicon names first: 百度, 三星, 第二产业 hold numerals but name things.
        if let Some((w, kind, end)) = self.lex.match_at(text, i) {
            let w = w.to_string();
            let top = self.topic.top_mut();
            match kind {
                WordKind::Entity => {
                    top.subject = Some(w);
                    self.last_entity_end = end;
                }
                WordKind::Segment => top.segment = Some(w),
                WordKind::Metric => top.set_metric(w),
            }
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
        if let Some(t) = change::match_trend(text, i) {
            self.mentions += 1;
            let unit = Unit::new(t.unit.trim_start_matches('个'), UnitKind::Measure);
            let num = Num::new(t.count as f64, 1.0);
            let span = Span::new(t.count_span.0, t.count_span.1);
            let mut cl = self.blank(Span::new(i, t.end), ClaimKind::Trend);
            cl.value = Value::Point(num);
            cl.bounds = vec![Bound {
                span,
                num,
                magnitude: None,
                unit: Some(unit.clone()),
            }];
            cl.unit = Some(unit);
            cl.direction = Some(t.direction);
            self.fill_topic(&mut cl);
            self.push(cl);
            return Some(t.end);
        }
        if let Some((end, pct)) = change::match_doubling(text, i) {
            self.mentions += 1;
            let num = Num::new(pct, 1.0);
            let unit = Unit::new("%", UnitKind::Percent);
            let mut cl = self.blank(Span::new(i, end), ClaimKind::Growth);
            cl.value = Value::Point(num);
            cl.bounds = vec![Bound {
                span: Span::new(i, end),
                num,
                magnitude: None,
                unit: Some(unit.clone()),
            }];
            cl.unit = Some(unit);
            cl.direction = Some(Direction::Up);
            self.push(cl);
            return Some(end);
        }
        if matches!(
            c,
            '今' | '去' | '明' | '前' | '每' | '上' | '下' | '全' | '第'
        ) || is_arabic_digit(c)
            || is_cn_numeral_char(c)
        {
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
            || starts_at(text, i, "百分之")
            || self.sign_at(i).is_some()
        {
            return self.quantity(i);
        }
        None
    }

    /// 一半, 半数, 过半 (and 超过半数): a share of 50%.
    fn half(&mut self, i: usize) -> Option<usize> {
        let text = self.text;
        let (mut end, mut hedge) = if starts_at(text, i, "一半") || starts_at(text, i, "半数") {
            (i + "一半".len(), None)
        } else if starts_at(text, i, "过半") && prev_char(text, i) != Some('超') {
            let h = Hedge {
                text: "过".to_string(),
                kind: crate::claim::HedgeKind::Above,
            };
            (i + "过半".len(), Some(h))
        } else {
            return None;
        };
        let num_start = if hedge.is_some() { i + "过".len() } else { i };
        if hedge.is_some() && starts_at(text, end, "数") {
            end += "数".len();
        }
        let bound_end = end;
        let mut start = i;
        if hedge.is_none() {
            if let Some((h, s)) = hedge::prefix_hedge(text, self.floor(i), i) {
                hedge = Some(h);
                start = s;
            }
        }
        if let Some((h, e)) = hedge::suffix_hedge(text, end) {
            hedge.get_or_insert(h);
            end = e;
        }
        self.mentions += 1;
        let num = Num::new(50.0, 1.0);
        let unit = Unit::new("%", UnitKind::Percent);
        let mut cl = self.blank(Span::new(start, end), ClaimKind::Share);
        cl.value = Value::Point(num);
        cl.bounds = vec![Bound {
            span: Span::new(num_start, bound_end),
            num,
            magnitude: None,
            unit: Some(unit.clone()),
        }];
        cl.unit = Some(unit);
        cl.hedge = hedge;
        self.fill_topic(&mut cl);
        self.push(cl);
        Some(end)
    }

    /// `X公司`, `X有限公司`, `X集团` at byte `i` (the suffix): sets the subject to the full name
    /// unless a known entity was just read inside it (宁德时代新能源科技股份有限公司 stays 宁德时代).
    fn company(&mut self, i: usize) -> Option<usize> {
        let text = self.text;
        let suffix = ["股份有限公司", "有限责任公司", "有限公司", "公司", "集团"]
            .into_iter()
            .find(|w| starts_at(text, i, w))?;
        let end = i + suffix.len();
        let start = subject::company_name_start(text, self.clause_start.min(i), i)?;
        if self.last_entity_end > start {
            return Some(end);
        }
        self.topic.top_mut().subject = Some(text[start..end].to_string());
        Some(end)
    }

    /// A Latin word: entity name, FY2025/Q3 period, product code, or plain word.
    fn latin(&mut self, i: usize) -> usize {
        let text = self.text;
        if let Some((w, WordKind::Entity, end)) = self.lex.match_at(text, i) {
            self.topic.top_mut().subject = Some(w.to_string());
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
    fn period_claim(&mut self, m: PeriodMatch) -> usize {
        // 比上半年, 较去年: a comparison base, not the period of what follows.
        let before = text::tail(self.text, self.floor(m.start), m.start, 2);
        let base = ["比", "较", "相比", "与", "同"]
            .iter()
            .any(|w| before.ends_with(w));
        let top = self.topic.top_mut();
        if base {
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

    /// A sign at `i` that starts a signed number (同比-3.2%, 同比+12%): its byte length and
    /// factor (−1 or +1).
    fn sign_at(&self, i: usize) -> Option<(usize, f64)> {
        let text = self.text;
        let c = char_at(text, i)?;
        if !matches!(c, '-' | '−' | '－' | '负' | '+' | '＋') {
            return None;
        }
        let n = char_at(text, i + c.len_utf8())?;
        let digit_next = is_arabic_digit(n) || (c == '负' && is_cn_numeral_char(n));
        if !digit_next {
            return None;
        }
        // A minus after a verb or punctuation is a sign; after 年/月/a digit it is a dash.
        let prev_ok = match prev_char(text, i) {
            None => true,
            Some(p) => {
                c == '负'
                    || (text::is_han(p)
                        && !is_cn_numeral_char(p)
                        && !matches!(
                            p,
                            '年' | '月' | '日' | '号' | '季' | '度' | '期' | '末' | '底' | '初'
                        ))
                    || matches!(
                        p,
                        '(' | '（' | ' ' | ':' | '：' | ',' | '，' | '、' | '\n' | '“' | '"'
                    )
            }
        };
        let factor = if matches!(c, '+' | '＋') { 1.0 } else { -1.0 };
        prev_ok.then_some((c.len_utf8(), factor))
    }

    /// Reads one end (number, magnitude, 多/余, unit) at byte `i`.
    fn read_end(&self, i: usize) -> Read {
        let text = self.text;
        let mut j = i;
        let pct_prefix = starts_at(text, j, "百分之");
        if pct_prefix {
            j += "百分之".len();
        }
        let mut sign = 1.0;
        if let Some((len, f)) = self.sign_at(j) {
            sign = f;
            j += len;
        }
        let Some(c) = char_at(text, j) else {
            return Read::No;
        };
        let (num, mut k, magnitude, factor, chinese, single_char, ten, digit_string, decimal);
        if is_arabic_digit(c) {
            if filter::is_long_digit_run(text, j) {
                return Read::Skip(skip_digits(text, j));
            }
            let Some(a) = parse_arabic(text, j) else {
                return Read::Skip(skip_digits(text, j));
            };
            if a.leading_zero {
                return Read::Skip(a.end);
            }
            // 1.2.3 (versions), 10:30 (times), 910B / 5G (codes).
            if matches!(char_at(text, a.end), Some('.' | ':'))
                && char_at(text, a.end + 1).is_some_and(|d| d.is_ascii_digit())
            {
                return Read::Skip(filter::latin_word(text, a.end + 1).0);
            }
            if let Some(end) = filter::glued_letters(text, a.end) {
                let latin_unit = unit::match_unit(text, a.end)
                    .is_some_and(|u| u.unit.kind == UnitKind::Measure && u.end == end);
                if !latin_unit {
                    return Read::Skip(end);
                }
            }
            // 1/3, 3:1: fractions and ratios are not figures of their own.
            if matches!(char_at(text, a.end), Some('/' | '／'))
                && char_at(text, a.end + 1).is_some_and(is_arabic_digit)
            {
                return Read::Skip(skip_digits(text, a.end + 1));
            }
            // 10时30分, 9点30: clock times.
            if ["时", "点"].iter().any(|w| starts_at(text, a.end, w))
                && a.frac_digits == 0
                && char_at(text, a.end + 3).map_or(true, |c| {
                    is_arabic_digit(c) || matches!(c, '半' | '钟' | '整' | '许')
                })
            {
                let mut e = skip_digits(text, a.end + 3);
                for w in ["分钟", "分", "半"] {
                    if starts_at(text, e, w) {
                        e += w.len();
                        break;
                    }
                }
                return Read::Skip(e);
            }
            // 21世纪, 80年代, 90后: names of times and generations, not quantities.
            if ["世纪", "年代"].iter().any(|w| starts_at(text, a.end, w))
                || (a.int_digits == 2
                    && a.frac_digits == 0
                    && starts_at(text, a.end, "后")
                    && !char_at(text, a.end + "后".len()).is_some_and(is_arabic_digit))
            {
                return Read::Skip(a.end);
            }
            k = a.end;
            let mut n = Num::new(a.value, a.step);
            match magnitude::match_magnitude(text, k) {
                Some((w, f, e)) => {
                    n = n.scaled(f);
                    magnitude = Some(w.to_string());
                    factor = f;
                    k = e;
                }
                None => {
                    magnitude = None;
                    factor = 1.0;
                }
            }
            num = n;
            chinese = false;
            single_char = false;
            ten = false;
            digit_string = false;
            decimal = a.frac_digits > 0;
        } else if is_cn_numeral_char(c) {
            let Some(n) = parse_chinese(text, j) else {
                return Read::Skip(skip_cn(text, j));
            };
            // 百度, 千万不要; 几十万, 数百家, 好几千: no number is written.
            if (n.starts_with_power && !pct_prefix)
                || matches!(prev_char(text, j), Some('几' | '数' | '好' | '上' | '成'))
            {
                return Read::Skip(n.end);
            }
            k = n.end;
            num = Num::new(n.value, n.step);
            magnitude = n.magnitude.map(str::to_string);
            factor = n.magnitude.and_then(magnitude::factor_of).unwrap_or(1.0);
            chinese = true;
            single_char = n.chars == 1;
            ten = char_at(text, j) == Some('十');
            digit_string = n.digit_string;
            decimal = n.step < 1.0;
        } else {
            return Read::No;
        }
        let mut inner_hedge = None;
        let (mut magnitude, mut factor, mut num) = (magnitude, factor, num);
        if !pct_prefix {
            if let Some((h, e)) = hedge::inner_hedge(text, k) {
                // 3万多人, 100余家, and 二十多万辆 / 20多万 with the magnitude after the hedge.
                let mag_after = if magnitude.is_none() {
                    magnitude::match_magnitude(text, e)
                } else {
                    None
                };
                if let Some((w, f, e2)) = mag_after {
                    inner_hedge = Some(h);
                    num = num.scaled(f);
                    magnitude = Some(w.to_string());
                    factor = f;
                    k = e2;
                } else if magnitude.is_some() || unit::match_unit(text, e).is_some() {
                    inner_hedge = Some(h);
                    k = e;
                }
            }
        }
        let (unit, scale) = if pct_prefix {
            (Some(Unit::new("%", UnitKind::Percent)), 1.0)
        } else {
            match unit::match_unit(text, k) {
                // 成 only after Chinese numerals or when written as 成 after a hedge.
                Some(u) if u.scale > 1.0 && !chinese => (None, 1.0),
                Some(u) => {
                    k = u.end;
                    (Some(u.unit), u.scale)
                }
                None => (None, 1.0),
            }
        };
        let num = Num::new(sign * num.value * scale, num.step * scale);
        if !num.value.is_finite() || !num.step.is_finite() || num.step <= 0.0 {
            return Read::Skip(k);
        }
        Read::Yes(End {
            start: i,
            end: k,
            num,
            magnitude,
            factor,
            unit,
            scale,
            inner_hedge,
            chinese,
            single_char,
            ten,
            digit_string,
            decimal,
        })
    }

    /// True when a Chinese numeral end is a real quantity rather than part of a word.
    fn chinese_ok(e: &End) -> bool {
        if e.digit_string {
            return false;
        }
        match &e.unit {
            None => e.magnitude.is_some(),
            Some(u) => {
                // 一位, 两个, 三家: a single digit character before a measure word reads as
                // "a"/"a couple of", not as a figure worth checking (十家, 十余家 are counts).
                !(e.single_char
                    && !e.ten
                    && u.kind == UnitKind::Measure
                    && e.magnitude.is_none()
                    && e.inner_hedge.is_none())
            }
        }
    }

    /// A quantity claim starting at byte `i` (possibly a range).
    fn quantity(&mut self, i: usize) -> Option<usize> {
        let text = self.text;
        let low = match self.read_end(i) {
            Read::No => return None,
            Read::Skip(end) => {
                self.mentions += 1;
                return Some(end.max(i + 1));
            }
            Read::Yes(e) => e,
        };
        self.mentions += 1;
        if low.chinese && !Self::chinese_ok(&low) && !self.range_follows(&low) {
            return Some(low.end);
        }
        let floor = self.floor(i);
        let pre = hedge::prefix_hedge(text, floor, i);
        let lead_at = pre.as_ref().map_or(i, |(_, s)| *s);
        let lead = change::lead(text, floor, lead_at);

        let from_here = lead == Lead::From
            || (self.from_marker && self.pending_from.is_none() && !matches!(lead, Lead::Rate(_)));
        let to_here = match lead {
            Lead::Target(d) if self.pending_from.is_some() => Some(d),
            _ => self.to_marker.filter(|_| self.pending_from.is_some()),
        };
        // 1-9月, 3至5日: a span of months or days, not a quantity.
        if let Some(end) = self.month_span(&low) {
            self.mentions += 1;
            // Figures after 1-9月 are not about the month named before it.
            self.topic.top_mut().period = None;
            let cl = self.blank(Span::new(i, end), ClaimKind::Period);
            self.push(cl);
            return Some(end);
        }
        // A range: low, separator, high.
        let high = self.read_high(&low, from_here);
        if let Some(h) = &high {
            self.mentions += 1;
            // 400-820-8820: a third part makes it a phone number or code.
            if let Some(sep) = RANGE_SEPS.iter().find(|s| starts_at(text, h.end, s)) {
                if char_at(text, h.end + sep.len()).is_some_and(is_arabic_digit) {
                    return Some(skip_digits(text, h.end + sep.len()));
                }
            }
            // 2024-2025 (赛季): a span of years.
            let year_like = |e: &End| {
                !e.chinese
                    && e.unit.is_none()
                    && e.magnitude.is_none()
                    && e.end - e.start == 4
                    && (1900.0..=2100.0).contains(&e.num.value)
            };
            if year_like(&low) && year_like(h) && pre.is_none() {
                let mut cl = self.blank(Span::new(i, h.end), ClaimKind::Period);
                cl.period = Some(format!(
                    "{}-{}",
                    &text[low.start..low.end],
                    &text[h.start..h.end]
                ));
                self.push(cl);
                return Some(h.end);
            }
        }
        let low_bound = Bound {
            span: Span::new(low.start, low.end),
            num: low.num,
            magnitude: low.magnitude.clone(),
            unit: low.unit.clone(),
        };
        let mut end = high.as_ref().map_or(low.end, |h| h.end);
        // A bare year-like number (2025中国汽车论坛) names an event or a year, not a quantity.
        if high.is_none()
            && low.unit.is_none()
            && low.magnitude.is_none()
            && pre.is_none()
            && !low.chinese
            && low.end - low.start == 4
            && (1900.0..=2100.0).contains(&low.num.value)
        {
            return Some(low.end);
        }
        let mut hedge = pre.as_ref().map(|(h, _)| h.clone());
        let start = pre.as_ref().map_or(i, |(_, s)| *s);
        if hedge.is_none() {
            hedge = high
                .as_ref()
                .and_then(|h| h.inner_hedge.clone())
                .or(low.inner_hedge.clone());
        }
        if let Some((h, e)) = hedge::suffix_hedge(text, end) {
            if hedge.is_none() {
                hedge = Some(h);
            }
            end = e;
        }
        let (value, bounds, unit, magnitude, decimal) = match &high {
            None => (
                Value::Point(low.num),
                vec![low_bound],
                low.unit.clone(),
                low.magnitude.clone(),
                low.decimal,
            ),
            Some(h) => {
                // 60-80万枚: a bare low end shares the high end's magnitude and unit scale.
                let mut lnum = low.num;
                if low.magnitude.is_none() && low.unit.is_none() && h.magnitude.is_some() {
                    lnum = lnum.scaled(h.factor);
                }
                if low.unit.is_none() && h.scale > 1.0 {
                    lnum = lnum.scaled(h.scale);
                }
                let mut lb = low_bound;
                lb.num = lnum;
                let hb = Bound {
                    span: Span::new(h.start, h.end),
                    num: h.num,
                    magnitude: h.magnitude.clone(),
                    unit: h.unit.clone(),
                };
                (
                    Value::Range {
                        low: lnum,
                        high: h.num,
                    },
                    vec![lb, hb],
                    h.unit.clone().or(low.unit.clone()),
                    h.magnitude.clone(),
                    low.decimal || h.decimal,
                )
            }
        };
        let rank = prev_char(text, i) == Some('第');
        let negative = match &value {
            Value::Point(n) => n.value < 0.0,
            _ => false,
        };
        let (kind, direction) = match unit.as_ref().map(|u| u.kind) {
            // 第3名, 第1位: an ordinal, whatever measure word follows.
            _ if rank && high.is_none() => (ClaimKind::Rank, None),
            Some(UnitKind::Percent) => match lead {
                Lead::Rate(d) => (
                    ClaimKind::Growth,
                    Some(d.unwrap_or(if negative {
                        Direction::Down
                    } else {
                        Direction::Up
                    })),
                ),
                _ => (ClaimKind::Share, None),
            },
            Some(UnitKind::Points) => match lead {
                Lead::Rate(d) => (ClaimKind::PointChange, d),
                _ => (ClaimKind::PointChange, None),
            },
            Some(UnitKind::Times) => match lead {
                Lead::Rate(d) => (ClaimKind::Multiple, d),
                _ => (ClaimKind::Multiple, None),
            },
            Some(_) => match lead {
                Lead::Rate(d) => (ClaimKind::Level, d),
                _ => (ClaimKind::Level, None),
            },
            None => {
                let d = match lead {
                    Lead::Rate(d) => d,
                    _ => None,
                };
                if magnitude.is_some() || decimal {
                    (ClaimKind::Level, d)
                } else {
                    (ClaimKind::Count, d)
                }
            }
        };
        let mut cl = self.blank(Span::new(start, end), kind);
        cl.value = value;
        cl.bounds = bounds;
        cl.unit = unit;
        cl.magnitude = magnitude;
        cl.hedge = hedge;
        cl.direction = direction;
        self.fill_topic(&mut cl);
        // 60万-80万枚出货量: a metric word right after the figure names it.
        let after = if starts_at(text, end, "的") {
            end + "的".len()
        } else {
            end
        };
        if let Some((w, WordKind::Metric, _)) = self.lex.match_at(text, after) {
            if metric_family(cl.kind).map_or(true, |share| share == subject::is_share_metric(w)) {
                cl.metric = Some(w.to_string());
            }
        }
        let id = self.claims.len();
        if let (Some(d), Some(from)) = (to_here, self.pending_from) {
            cl.change_of = Some((from, id));
            cl.direction = d.or_else(|| self.compare(from, &cl.value));
            self.pending_from = None;
            self.to_marker = None;
            self.from_marker = false;
        } else if from_here {
            self.pending_from = Some(id);
            self.from_marker = false;
        }
        self.push(cl);
        Some(end)
    }

    /// True when a range separator and a second end follow (六十万至八十万: the low end of a
    /// Chinese range may lack the unit written on the high end).
    fn range_follows(&self, low: &End) -> bool {
        self.read_high(low, false).is_some()
    }

    /// The far end of a range after `low`, if a separator and a quantity follow.
    ///
    /// After 从, 到/至 introduce the value reached, not a range end. A far end that reads as
    /// a date or period (从2020年的10%到2024年的20%) is not a range end either.
    fn read_high(&self, low: &End, from: bool) -> Option<End> {
        let text = self.text;
        if low.digit_string {
            return None;
        }
        let sep = RANGE_SEPS.iter().find(|s| starts_at(text, low.end, s))?;
        if from && (*sep == "到" || *sep == "至") {
            return None;
        }
        let j = low.end + sep.len();
        let cx = PeriodCx {
            article: None,
            ctx_year: None,
        };
        if period::match_period(text, j, cx).is_some_and(|m| m.start == j && m.is_claim) {
            return None;
        }
        let Read::Yes(h) = self.read_end(j) else {
            return None;
        };
        let weighty =
            h.magnitude.is_some() || h.unit.as_ref().is_some_and(|u| u.kind != UnitKind::Measure);
        if h.chinese && !Self::chinese_ok(&h) && !weighty {
            return None;
        }
        // 三至五家 is a loose count; 三到五成 is a range of shares.
        if low.chinese && low.single_char && !weighty {
            return None;
        }
        Some(h)
    }

    /// The end of `1-9月` / `3至5日` when `low` is a bare integer starting such a span.
    fn month_span(&self, low: &End) -> Option<usize> {
        let text = self.text;
        if low.unit.is_some() || low.magnitude.is_some() || low.decimal {
            return None;
        }
        let sep = RANGE_SEPS.iter().find(|s| starts_at(text, low.end, s))?;
        let t = period::read_int(text, low.end + sep.len())?;
        ["月", "日", "号", "季度"]
            .iter()
            .find(|w| starts_at(text, t.end, w))
            .map(|w| t.end + w.len())
    }

    /// Direction from the `from` claim's value to `to`.
    fn compare(&self, from: ClaimId, to: &Value) -> Option<Direction> {
        let f = match &self.claims.get(from)?.value {
            Value::Point(n) => n.value,
            _ => return None,
        };
        let t = match to {
            Value::Point(n) => n.value,
            _ => return None,
        };
        if t > f {
            Some(Direction::Up)
        } else if t < f {
            Some(Direction::Down)
        } else {
            None
        }
    }

    /// Takes subject, segment, metric and period from the topic in force. Shares take the
    /// last share word (份额, 占比, …率), amounts the last amount word (收入, 出货量), changes
    /// and trends whichever came last, so 份额 is never carried onto 4300万部.
    fn fill_topic(&self, cl: &mut Claim) {
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
    fn blank(&mut self, span: Span, kind: ClaimKind) -> Claim {
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
    fn floor(&self, i: usize) -> usize {
        self.clause_start.max(self.last_claim_end).min(i)
    }

    fn push(&mut self, mut cl: Claim) {
        self.last_claim_end = self.last_claim_end.max(cl.span.end);
        cl.id = self.claims.len();
        self.claims.push(cl);
    }
}

/// Which metric words a claim kind takes: `Some(true)` share words, `Some(false)` amount
/// words, `None` whichever came last (changes and trends name either).
fn metric_family(kind: ClaimKind) -> Option<bool> {
    match kind {
        ClaimKind::Share | ClaimKind::PointChange => Some(true),
        ClaimKind::Growth | ClaimKind::Trend => None,
        _ => Some(false),
    }
}

/// Byte offset after the Arabic digits (and separators) starting at `i`.
fn skip_digits(text: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(text, i) {
        if is_arabic_digit(c) || matches!(c, ',' | '.' | '．') {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// Byte offset after the Chinese numeral characters starting at `i`.
fn skip_cn(text: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(text, i) {
        if is_cn_numeral_char(c) || c == '点' {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}
