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
                }
            }
            i = next;
        }
    }

    fn new_clause(&mut self, at: usize) {
        self.clause_start = at;
        self.pending_from = None;
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
        if let Some(end) = filter::non_numeral_word(text, i) {
            self.mentions += 1;
            return Some(end);
        }
        if let Some((w, kind, end)) = self.lex.match_at(text, i) {
            let w = w.to_string();
            let top = self.topic.top_mut();
            match kind {
                WordKind::Entity => top.subject = Some(w),
                WordKind::Segment => top.segment = Some(w),
                WordKind::Metric => top.metric = Some(w),
            }
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
            if (1000..=2999).contains(&y) && word.len() == 6 {
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
        let top = self.topic.top_mut();
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

    /// A minus sign at `i` that starts a negative number: its byte length.
    fn sign_at(&self, i: usize) -> Option<usize> {
        let text = self.text;
        let c = char_at(text, i)?;
        if !matches!(c, '-' | '−' | '－' | '负') {
            return None;
        }
        let n = char_at(text, i + c.len_utf8())?;
        let digit_next = is_arabic_digit(n) || (c == '负' && is_cn_numeral_char(n));
        if !digit_next {
            return None;
        }
        let prev_ok = match prev_char(text, i) {
            None => true,
            Some(p) => {
                c == '负'
                    || matches!(
                        p,
                        '为' | '是'
                            | '长'
                            | '降'
                            | '比'
                            | '达'
                            | '至'
                            | '到'
                            | '('
                            | '（'
                            | ' '
                            | ':'
                            | '：'
                            | ','
                            | '，'
                            | '、'
                            | '\n'
                    )
            }
        };
        prev_ok.then_some(c.len_utf8())
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
        if let Some(len) = self.sign_at(j) {
            sign = -1.0;
            j += len;
        }
        let Some(c) = char_at(text, j) else {
            return Read::No;
        };
        let (num, mut k, magnitude, factor, chinese, single_char, digit_string, decimal);
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
            digit_string = false;
            decimal = a.frac_digits > 0;
        } else if is_cn_numeral_char(c) {
            let Some(n) = parse_chinese(text, j) else {
                return Read::Skip(skip_cn(text, j));
            };
            if n.starts_with_power && !pct_prefix {
                return Read::Skip(n.end);
            }
            k = n.end;
            num = Num::new(n.value, n.step);
            magnitude = n.magnitude.map(str::to_string);
            factor = n.magnitude.and_then(magnitude::factor_of).unwrap_or(1.0);
            chinese = true;
            single_char = n.chars == 1;
            digit_string = n.digit_string;
            decimal = n.step < 1.0;
        } else {
            return Read::No;
        }
        let mut inner_hedge = None;
        if !pct_prefix {
            if let Some((h, e)) = hedge::inner_hedge(text, k) {
                // Only when a unit follows or a magnitude precedes: 3万多人, 100余家.
                if magnitude.is_some() || unit::match_unit(text, e).is_some() {
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
                // 一位, 两个, 三家: a single numeral character before a measure word reads
                // as "a"/"a couple of", not as a figure worth checking.
                !(e.single_char && u.kind == UnitKind::Measure && e.magnitude.is_none())
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
        let floor = self.clause_start.min(i);
        let pre = hedge::prefix_hedge(text, floor, i);
        let lead_at = pre.as_ref().map_or(i, |(_, s)| *s);
        let lead = change::lead(text, floor, lead_at);

        // A range: low, separator, high.
        let mut high: Option<End> = None;
        for sep in RANGE_SEPS {
            if !starts_at(text, low.end, sep) {
                continue;
            }
            if lead == Lead::From && (*sep == "到" || *sep == "至") {
                break;
            }
            if let Read::Yes(h) = self.read_end(low.end + sep.len()) {
                if !h.chinese || Self::chinese_ok(&h) || h.unit.is_some() {
                    self.mentions += 1;
                    high = Some(h);
                }
            }
            break;
        }
        let low_bound = Bound {
            span: Span::new(low.start, low.end),
            num: low.num,
            magnitude: low.magnitude.clone(),
            unit: low.unit.clone(),
        };
        let mut end = high.as_ref().map_or(low.end, |h| h.end);
        // 月/日 right after a bare range: a span of months or days (7-9月), not a quantity.
        if let Some(h) = &high {
            if h.unit.is_none()
                && h.magnitude.is_none()
                && ["月", "日", "季度"].iter().any(|w| starts_at(text, end, w))
            {
                let w_end = ["月", "日", "季度"]
                    .iter()
                    .find(|w| starts_at(text, end, w))
                    .map_or(end, |w| end + w.len());
                let cl = self.blank(Span::new(i, w_end), ClaimKind::Period);
                self.push(cl);
                return Some(w_end);
            }
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
            None if rank => (ClaimKind::Rank, None),
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
            cl.metric = Some(w.to_string());
        }
        let id = self.claims.len();
        match lead {
            Lead::From => self.pending_from = Some(id),
            Lead::Target(d) => {
                if let Some(from) = self.pending_from.take() {
                    cl.change_of = Some((from, id));
                    cl.direction = d.or_else(|| self.compare(from, &cl.value));
                    if cl.kind == ClaimKind::Level && cl.unit.is_none() {
                        cl.kind = self.claims[from].kind;
                    }
                }
            }
            _ => {}
        }
        self.push(cl);
        Some(end)
    }

    /// True when a range separator and a second end follow (六十万至八十万: the low end of a
    /// Chinese range may lack the unit written on the high end).
    fn range_follows(&self, low: &End) -> bool {
        if low.digit_string || low.single_char {
            return false;
        }
        RANGE_SEPS.iter().any(|sep| {
            starts_at(self.text, low.end, sep)
                && matches!(self.read_end(low.end + sep.len()), Read::Yes(h) if h.unit.is_some() || h.magnitude.is_some())
        })
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

    /// Takes subject, segment, metric and period from the topic in force.
    fn fill_topic(&self, cl: &mut Claim) {
        let top = self.topic.top();
        cl.period = top.period.clone();
        cl.subject = top.subject.clone();
        cl.segment = top.segment.clone();
        cl.metric = top.metric.clone();
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

    fn push(&mut self, mut cl: Claim) {
        cl.id = self.claims.len();
        self.claims.push(cl);
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
