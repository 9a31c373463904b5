//! Quantities: one end (number, magnitude, 多/余, unit), ranges, hedges, change leads and the
//! kind of claim they make (level, share, growth, point change, multiple, rank, count).

use super::change::{self, Lead};
use super::numeral::{
    char_at_inline, is_arabic_digit, is_cn_numeral_char, parse_arabic, parse_chinese,
    starts_at_inline, word_at,
};
use super::period::{self, PeriodCx};
use super::respectively::Role;
use super::scanner::{metric_family, Scanner, PERCENT_WORD};
use super::subject::{self, WordKind};
use super::text::{self, char_at, prev_char};
use super::{filter, hedge, magnitude, unit};
use crate::claim::{Bound, ClaimId, ClaimKind, Direction, Hedge, HedgeKind, Num, UnitKind, Value};
use crate::document::Span;

/// One end of a quantity as parsed: number, magnitude, inner hedge and unit.
#[derive(Debug, Clone)]
pub(super) struct End {
    /// First byte of the end (its sign or 百分之, no hedge).
    pub(super) start: usize,
    /// One past its last byte (after the unit).
    pub(super) end: usize,
    /// Its value in base units, sign, magnitude and unit scale applied.
    pub(super) num: Num,
    /// The magnitude word written on it (owned only once a claim is built).
    pub(super) magnitude: Option<&'static str>,
    /// The magnitude factor applied (1 when none).
    pub(super) factor: f64,
    /// The unit written on it (owned only once a claim is built).
    pub(super) unit: Option<unit::UnitAt>,
    /// The unit's scale (成 = 10) already applied.
    pub(super) scale: f64,
    /// 多/余 written between number and unit (a hedge of kind `Above`; its word only, so
    /// that an end is small enough to be moved without a call to copy it).
    pub(super) inner_hedge: Option<&'static str>,
    /// Written in Chinese numerals.
    pub(super) chinese: bool,
    /// Chinese numeral of a single character (一, 两, 三 …).
    pub(super) single_char: bool,
    /// Chinese numeral starting with 十 (十家, 十余家).
    pub(super) ten: bool,
    /// A digit-by-digit Chinese numeral (二〇二五): a year or code, not an amount.
    pub(super) digit_string: bool,
    /// Written with decimals.
    pub(super) decimal: bool,
}

/// The result of reading a number at some position.
#[derive(Debug)]
pub(super) enum Read {
    /// Not a number here.
    No,
    /// A numeral that is not a quantity (code, ID, look-alike): skip to this byte.
    Skip(usize),
    /// A quantity end.
    Yes(End),
}

/// A unit named by `code` and `kind` rather than read from the text (its `end` and `scale`
/// are not used: the reader keeps its own).
fn unit_ref(code: &'static str, kind: UnitKind) -> unit::UnitAt {
    unit::UnitAt {
        code,
        kind,
        end: 0,
        scale: 1.0,
    }
}

/// Range separators between two ends.
pub(super) const RANGE_SEPS: &[&str] = &["-", "－", "—", "–", "～", "~", "〜", "至", "到"];

/// The range separator at byte `i`, if any. Every separator is one character, so the
/// character there is compared with each (no substring search per separator).
pub(super) fn range_sep_at(text: &str, i: usize) -> Option<&'static str> {
    // Most figures are followed by no separator: a test of the first byte
    // (every separator is ASCII or starts 0xE2, 0xE3, 0xE5, 0xE8 or 0xEF) passes them.
    if !matches!(
        text.as_bytes().get(i),
        Some(b'-' | b'~' | 0xe2 | 0xe3 | 0xe5 | 0xe8 | 0xef)
    ) {
        return None;
    }
    let c = char_at_inline(text, i)?;
    let k = RANGE_SEP_CHARS.iter().position(|&s| s == c)?;
    RANGE_SEPS.get(k).copied()
}

/// [`RANGE_SEPS`] as characters, in the same order.
const RANGE_SEP_CHARS: &[char] = &['-', '－', '—', '–', '～', '~', '〜', '至', '到'];

/// Characters that sign a number written right after them (同比-3.2%, 负三): minus and plus
/// in their ASCII, Unicode and full-width forms, and 负.
pub(super) const SIGNS: &[char] = &['-', '−', '－', '负', '+', '＋'];

/// The word that signs a number below zero (零下25度).
pub(super) const BELOW_ZERO: &str = "零下";

impl Scanner<'_> {
    /// A sign at `i` that starts a signed number (同比-3.2%, 同比+12%): its byte length and
    /// factor (−1 or +1).
    pub(super) fn sign_at(&self, i: usize) -> Option<(usize, f64)> {
        let text = self.text;
        // 零下25度: below zero.
        if starts_at_inline(text, i, BELOW_ZERO) {
            let d = i + BELOW_ZERO.len();
            return char_at(text, d)
                .is_some_and(|n| is_arabic_digit(n) || (is_cn_numeral_char(n) && n != '零'))
                .then_some((BELOW_ZERO.len(), -1.0));
        }
        let c = char_at(text, i)?;
        if !SIGNS.contains(&c) {
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
    pub(super) fn read_end(&self, i: usize) -> Read {
        let text = self.text;
        let b = text.as_bytes();
        let mut j = i;
        let pct_prefix = word_at(b, j, PERCENT_WORD);
        if pct_prefix {
            j += PERCENT_WORD.len();
        }
        let mut currency_sign = None;
        let mut sign = 1.0;
        // Most ends start with an ASCII digit, which is neither a currency sign nor a sign.
        if !b.get(j).is_some_and(u8::is_ascii_digit) {
            // $5亿, ￥100: a currency sign before the digits.
            currency_sign = char_at(text, j).and_then(|c| {
                let code = self::currency_sign(c)?;
                char_at(text, j + c.len_utf8())
                    .is_some_and(is_arabic_digit)
                    .then_some((code, c.len_utf8()))
            });
            if let Some((_, len)) = currency_sign {
                j += len;
            }
            if let Some((len, f)) = self.sign_at(j) {
                sign = f;
                j += len;
            }
        }
        let Some(c) = char_at_inline(text, j) else {
            return Read::No;
        };
        let (num, mut k, magnitude, factor, chinese, single_char, ten, digit_string, decimal);
        if is_arabic_digit(c) {
            let Some(a) = parse_arabic(text, j) else {
                return Read::Skip(skip_digits(text, j));
            };
            // A phone or ID number. The run the filter counts is the numeral's first one,
            // so a numeral of fewer than 11 digits (the filter's bar) holds none.
            if a.int_digits + a.frac_digits >= 11 && filter::is_long_digit_run(text, j) {
                return Read::Skip(skip_digits(text, j));
            }
            // 电话：0757-82836083, 邮编528000: codes, with every dash-joined part.
            if a.leading_zero || filter::after_code_label(text, i) {
                return Read::Skip(skip_code(text, a.end));
            }
            // What follows the digits, read once for the tests below.
            let next = char_at_inline(text, a.end);
            // 麒麟9010, 小米17系列: model numbers, unless a unit, magnitude or period follows
            // (the cheap tests first).
            if a.frac_digits == 0
                && (filter::product_noun_at(text, a.end)
                    || (!matches!(next, Some('年' | '月' | '日' | '号' | '%' | '％'))
                        && magnitude::match_magnitude(text, a.end).is_none()
                        && unit::unit_at(text, a.end).is_none()
                        && filter::after_product_line(text, j)))
            {
                return Read::Skip(a.end);
            }
            // Each test below needs its own character right after the digits.
            match next {
                // 1.2.3 (versions), 10:30 (times).
                Some('.' | ':') if char_at(text, a.end + 1).is_some_and(|d| d.is_ascii_digit()) => {
                    return Read::Skip(filter::latin_word(text, a.end + 1).0);
                }
                // 910B / 5G (codes), unless the letters are a unit (5GW).
                Some(l) if l.is_ascii_alphabetic() => {
                    let end = filter::latin_word(text, a.end).0;
                    let latin_unit = unit::unit_at(text, a.end)
                        .is_some_and(|u| u.kind == UnitKind::Measure && u.end == end);
                    if !latin_unit {
                        return Read::Skip(end);
                    }
                }
                // 1/3, 3:1: fractions and ratios are not figures of their own.
                Some(slash @ ('/' | '／')) => {
                    let d = a.end + slash.len_utf8();
                    if char_at(text, d).is_some_and(is_arabic_digit) {
                        return Read::Skip(skip_digits(text, d));
                    }
                }
                // 10时30分, 9点30: clock times.
                Some('时' | '点')
                    if a.frac_digits == 0
                        && char_at(text, a.end + 3).map_or(true, |c| {
                            is_arabic_digit(c) || matches!(c, '半' | '钟' | '整' | '许')
                        }) =>
                {
                    let mut e = skip_digits(text, a.end + 3);
                    for w in ["分钟", "分", "半"] {
                        if word_at(b, e, w) {
                            e += w.len();
                            break;
                        }
                    }
                    return Read::Skip(e);
                }
                // 21世纪, 80年代, 90后: names of times and generations, not quantities.
                Some('世' | '年' | '后')
                    if word_at(b, a.end, "世纪")
                        || word_at(b, a.end, "年代")
                        || (a.int_digits == 2
                            && a.frac_digits == 0
                            && word_at(b, a.end, "后")
                            && !char_at(text, a.end + "后".len()).is_some_and(is_arabic_digit)) =>
                {
                    return Read::Skip(a.end);
                }
                _ => {}
            }
            k = a.end;
            // `100 万辆`: one space before the magnitude or unit (tested on its first byte:
            // a space, or the lead byte of a no-break space).
            if matches!(b.get(k), Some(b' ' | 0xc2)) {
                let spaced = text::pangu_space(text, k);
                if spaced > k
                    && (magnitude::match_magnitude(text, spaced).is_some()
                        || unit::unit_at(text, spaced).is_some())
                {
                    k = spaced;
                }
            }
            let mut n = Num::new(a.value, a.step);
            match magnitude::match_magnitude(text, k) {
                Some((w, f, e)) => {
                    n = n.scaled(f);
                    magnitude = Some(w);
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
            magnitude = n.magnitude;
            factor = n.magnitude.and_then(magnitude::factor_of).unwrap_or(1.0);
            chinese = true;
            single_char = n.chars == 1;
            ten = c == '十';
            digit_string = n.digit_string;
            decimal = n.step < 1.0;
        } else {
            return Read::No;
        }
        let mut inner_hedge = None;
        let (mut magnitude, mut factor, mut num) = (magnitude, factor, num);
        if !pct_prefix {
            if let Some((h, e)) = hedge::inner_hedge_word(text, k) {
                // 3万多人, 100余家, and 二十多万辆 / 20多万 with the magnitude after the hedge.
                let mag_after = if magnitude.is_none() {
                    magnitude::match_magnitude(text, e)
                } else {
                    None
                };
                if let Some((w, f, e2)) = mag_after {
                    inner_hedge = Some(h);
                    num = num.scaled(f);
                    magnitude = Some(w);
                    factor = f;
                    k = e2;
                } else if magnitude.is_some() || unit::unit_at(text, e).is_some() {
                    inner_hedge = Some(h);
                    k = e;
                }
            }
        }
        let (unit, scale) = if pct_prefix {
            (Some(unit_ref("%", UnitKind::Percent)), 1.0)
        } else {
            match unit::unit_at(text, k) {
                // 成 (tenths) only on whole numbers up to 10: 3成, 七成; 2.5成 is not written.
                Some(u)
                    if u.scale > 1.0 && (decimal || magnitude.is_some() || num.value > 10.0) =>
                {
                    (None, 1.0)
                }
                Some(u) if currency_sign.is_none() || u.kind == UnitKind::Currency => {
                    k = u.end;
                    (Some(u), u.scale)
                }
                _ => (
                    currency_sign.map(|(code, _)| unit_ref(code, UnitKind::Currency)),
                    1.0,
                ),
            }
        };
        // 港币0.20元, 美元5元: a currency named before the number names what 元 counts.
        let unit = match unit {
            Some(u) if u.code == "CNY" && text.get(..k).is_some_and(|t| t.ends_with('元')) => {
                Some(currency_before(text, i).map_or(u, |c| unit_ref(c, UnitKind::Currency)))
            }
            other => other,
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
    pub(super) fn chinese_ok(e: &End) -> bool {
        if e.digit_string {
            return false;
        }
        match &e.unit {
            None => e.magnitude.is_some(),
            Some(u) => {
                // 一位, 两个, 三家, 三元电池: a single digit character before a measure word
                // or 元 reads as "a"/"a couple of" or names a thing, not a figure worth
                // checking (十家, 十余家 are counts; 三成, 两倍 are figures).
                !(e.single_char
                    && !e.ten
                    && matches!(u.kind, UnitKind::Measure | UnitKind::Currency)
                    && e.magnitude.is_none()
                    && e.inner_hedge.is_none())
            }
        }
    }

    /// A quantity claim starting at byte `i` (possibly a range).
    pub(super) fn quantity(&mut self, i: usize) -> Option<usize> {
        let text = self.text;
        let mut low = match self.read_end(i) {
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
        // 前十家企业, 前3名, 前10个月: a rank range or a span, not a figure (periods such as
        // 前三季度 were read before). 目前, 此前, 之前 … are other words ending in 前.
        if i >= '前'.len_utf8()
            && word_at(text.as_bytes(), i - '前'.len_utf8(), "前")
            && !matches!(
                prev_char(text, i - '前'.len_utf8()),
                Some(
                    '目' | '此'
                        | '之'
                        | '当'
                        | '日'
                        | '以'
                        | '提'
                        | '空'
                        | '眼'
                        | '面'
                        | '事'
                        | '先'
                )
            )
            && low
                .unit
                .as_ref()
                .map_or(true, |u| u.kind == UnitKind::Measure)
        {
            // 前10个月: a span of months like 1-10月; the figures after it are not about the
            // single month named before.
            if low.unit.as_ref().is_some_and(|u| u.code == "个月") {
                let start = i - '前'.len_utf8();
                self.topic.top_mut().period = None;
                let cl = self.blank(Span::new(start, low.end), ClaimKind::Period);
                self.push(cl);
            }
            return Some(low.end);
        }
        let floor = self.floor(i);
        let pre = hedge::prefix_hedge(text, floor, i);
        let lead_at = pre.as_ref().map_or(i, |(_, s)| *s);
        let mut lead = change::lead(text, floor, lead_at);
        // 分别增长5.4%、5.2%和4.8%: a list item takes the change verb of the item before it.
        if let (Lead::Plain, Some((prev_end, prev_lead @ Lead::Rate(_)))) = (lead, self.last_lead) {
            let between = text.get(prev_end..lead_at).unwrap_or_default();
            if ["、", "和", "及", "与", "以及", "，", ","].contains(&between) {
                lead = prev_lead;
            }
        }

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
            if let Some(sep) = range_sep_at(text, h.end) {
                if char_at(text, h.end + sep.len()).is_some_and(is_arabic_digit) {
                    return Some(skip_digits(text, h.end + sep.len()));
                }
            }
            // 6-4, 118-110, 3-0: two bare small integers joined by a dash are a score, not a
            // range (a range names its unit or magnitude: 3-5家, 60-80万枚).
            if is_score(text, &low, h) && pre.is_none() {
                return Some(h.end);
            }
            // 2024-2025 (赛季): a span of years.
            // 2025-26赛季: a span of years whose second year keeps only its last two digits.
            if is_year_like(&low)
                && (is_year_like(h) || is_short_year_after(&low, h))
                && pre.is_none()
            {
                let mut cl = self.blank(Span::new(i, h.end), ClaimKind::Period);
                // Normalised with both years in full (2025-2026), never as a year-month.
                let second = if is_year_like(h) {
                    text[h.start..h.end].to_string()
                } else {
                    format!("{:.0}", low.num.value + 1.0)
                };
                cl.period = Some(format!("{}-{second}", &text[low.start..low.end]));
                self.push(cl);
                return Some(h.end);
            }
        }
        let low_bound = Bound {
            span: Span::new(low.start, low.end),
            num: low.num,
            magnitude: low.magnitude.map(str::to_string),
            unit: low.unit.map(|u| u.unit()),
        };
        let mut end = high.as_ref().map_or(low.end, |h| h.end);
        if high.is_none() && pre.is_none() && names_no_figure(text, &low) {
            return Some(low.end);
        }
        // The prefix hedge moves onto the claim (its word is not copied again).
        let start = pre.as_ref().map_or(i, |(_, s)| *s);
        let mut hedge = pre.map(|(h, _)| h);
        if hedge.is_none() {
            hedge = high
                .as_ref()
                .and_then(|h| h.inner_hedge)
                .or(low.inner_hedge)
                .map(|w| Hedge {
                    text: w.to_string(),
                    kind: HedgeKind::Above,
                });
        }
        if let Some((h, e)) = hedge::suffix_hedge(text, end) {
            if hedge.is_none() {
                hedge = Some(h);
            }
            end = e;
        }
        let (value, bounds, unit, magnitude, decimal) = match &high {
            // The low end is not read again: its unit and magnitude move to the claim.
            None => (
                Value::Point(low.num),
                vec![low_bound],
                low.unit.take().map(|u| u.unit()),
                low.magnitude.take().map(str::to_string),
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
                    magnitude: h.magnitude.map(str::to_string),
                    unit: h.unit.map(|u| u.unit()),
                };
                (
                    Value::Range {
                        low: lnum,
                        high: h.num,
                    },
                    vec![lb, hb],
                    h.unit.or(low.unit).map(|u| u.unit()),
                    h.magnitude.map(str::to_string),
                    low.decimal || h.decimal,
                )
            }
        };
        // The character before `i` is 第 (compared as bytes: `i` is a char boundary).
        let rank = i >= '第'.len_utf8() && word_at(text.as_bytes(), i - '第'.len_utf8(), "第");
        let negative = match &value {
            Value::Point(n) => n.value < 0.0,
            _ => false,
        };
        let shape = Shape {
            unit: unit.as_ref().map(|u| u.kind),
            rank: rank && high.is_none(),
            bare_amount: magnitude.is_some() || decimal,
            negative,
        };
        let (kind, direction) = classify(shape, lead);
        let mut cl = self.blank(Span::new(start, end), kind);
        cl.value = value;
        cl.bounds = bounds;
        cl.unit = unit;
        cl.magnitude = magnitude;
        cl.hedge = hedge;
        cl.direction = direction;
        self.fill_topic(&mut cl);
        // 零跑、小鹏和蔚来分别交付7万、4.2万和4万辆: each figure takes its own name.
        match self.respectively.take() {
            Some((Role::Subject, name)) => cl.subject = Some(name),
            Some((Role::Segment, name)) => cl.segment = Some(name),
            None => {}
        }
        // 较2024年的548.4GWh: the figure right after a comparison-base period belongs to it.
        if let Some((base_end, base)) = &self.base_period {
            let gap = text.get(*base_end..start).unwrap_or("-");
            if gap.is_empty() || gap == "的" {
                cl.period = base.clone();
            }
        }
        // 60万-80万枚出货量: a metric word right after the figure names it.
        let after = if starts_at_inline(text, end, "的") {
            end + "的".len()
        } else {
            end
        };
        // (The quick test first: after most figures no lexicon word starts.)
        let word = self
            .lex
            .quick_at(text, after)
            .and_then(|q| self.lex.match_after(text, after, q));
        if let Some((w, WordKind::Metric, _)) = word {
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
        self.last_lead = Some((end, lead));
        Some(end)
    }

    /// True when a range separator and a second end follow (六十万至八十万: the low end of a
    /// Chinese range may lack the unit written on the high end).
    pub(super) fn range_follows(&self, low: &End) -> bool {
        self.read_high(low, false).is_some()
    }

    /// The far end of a range after `low`, if a separator and a quantity follow.
    ///
    /// After 从, 到/至 introduce the value reached, not a range end. A far end that reads as
    /// a date or period (从2020年的10%到2024年的20%) is not a range end either.
    pub(super) fn read_high(&self, low: &End, from: bool) -> Option<End> {
        let text = self.text;
        if low.digit_string {
            return None;
        }
        let sep = range_sep_at(text, low.end)?;
        if from && (sep == "到" || sep == "至") {
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
        // 增长5%至950亿美元: a rate and an amount are different dimensions, so 至 introduces
        // the value reached, not the far end of a range. (30万吨-40万辆, two amounts in
        // different measures, is still a range for NC101 to flag.)
        if let (Some(a), Some(b)) = (&low.unit, &h.unit) {
            if is_rate_unit(a.kind) != is_rate_unit(b.kind) {
                return None;
            }
        }
        // 下跌0.3%至99.5: a bare number after a figure with a unit is the level reached (an
        // index), not the far end of a range; ranges write the unit on the far end (8%至13%,
        // 8至13%).
        if low.unit.is_some() && h.unit.is_none() && h.magnitude.is_none() {
            return None;
        }
        Some(h)
    }

    /// The end of `1-9月` / `3至5日` when `low` is a bare integer starting such a span.
    pub(super) fn month_span(&self, low: &End) -> Option<usize> {
        let text = self.text;
        if low.unit.is_some() || low.magnitude.is_some() || low.decimal {
            return None;
        }
        let sep = range_sep_at(text, low.end)?;
        let t = period::read_int(text, low.end + sep.len())?;
        ["月", "日", "号", "季度"]
            .iter()
            .find(|w| starts_at_inline(text, t.end, w))
            .map(|w| t.end + w.len())
    }

    /// Direction from the `from` claim's value to `to`.
    pub(super) fn compare(&self, from: ClaimId, to: &Value) -> Option<Direction> {
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
}

/// Byte offset after the Arabic digits (and separators) starting at `i`.
pub(super) fn skip_digits(text: &str, mut i: usize) -> usize {
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
pub(super) fn skip_cn(text: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(text, i) {
        if is_cn_numeral_char(c) || c == '点' {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// What decides a quantity's kind besides the words before it.
#[derive(Debug, Clone, Copy)]
struct Shape {
    /// Family of its unit, if any.
    unit: Option<UnitKind>,
    /// Written after 第 (and not a range).
    rank: bool,
    /// Without a unit: has a magnitude or decimals (16亿, 3880.5), so an amount, not a count.
    bare_amount: bool,
    /// Negative value (同比-3.5%).
    negative: bool,
}

/// Kind and direction of a quantity: a % after a change verb is a growth rate, otherwise a
/// share; 个百分点 a point change; 倍 a multiple; other units a level (with a direction when a
/// change verb precedes it: an absolute change); no unit a level or a count.
fn classify(shape: Shape, lead: Lead) -> (ClaimKind, Option<Direction>) {
    let rate = match lead {
        Lead::Rate(d) => Some(d),
        _ => None,
    };
    match shape.unit {
        // 第3名, 第1位: an ordinal, whatever measure word follows.
        _ if shape.rank => (ClaimKind::Rank, None),
        Some(UnitKind::Percent) => match rate {
            Some(d) => {
                let sign = if shape.negative {
                    Direction::Down
                } else {
                    Direction::Up
                };
                (ClaimKind::Growth, Some(d.unwrap_or(sign)))
            }
            None => (ClaimKind::Share, None),
        },
        Some(UnitKind::Points) => (ClaimKind::PointChange, rate.flatten()),
        Some(UnitKind::Times) => (ClaimKind::Multiple, rate.flatten()),
        Some(_) => (ClaimKind::Level, rate.flatten()),
        None if shape.bare_amount => (ClaimKind::Level, rate.flatten()),
        None => (ClaimKind::Count, rate.flatten()),
    }
}

/// True for a bare number that counts nothing: a list marker (1、 (1) 1. at a line start) or
/// a year-like number naming an event (2025中国汽车论坛).
fn names_no_figure(text: &str, low: &End) -> bool {
    if low.unit.is_some() || low.magnitude.is_some() || low.decimal {
        return false;
    }
    let before = prev_char(text, low.start);
    let after = char_at(text, low.end);
    let marker = matches!(after, Some('、'))
        || (matches!(before, Some('(' | '（')) && matches!(after, Some(')' | '）')))
        || (matches!(before, None | Some('\n')) && matches!(after, Some('.' | '．')));
    marker || (!low.chinese && is_year_like(low))
}

/// A bare two-digit Arabic number naming the year after `year` by its last two digits
/// (`2025-26`, `2099-00`): the short form of a season or fiscal-year span.
fn is_short_year_after(year: &End, h: &End) -> bool {
    !h.chinese
        && h.unit.is_none()
        && h.magnitude.is_none()
        && !h.decimal
        && h.end - h.start == 2
        && ((year.num.value + 1.0).rem_euclid(100.0) - h.num.value).abs() < 0.5
}

/// The end of a code starting before `i`: further digit groups joined by `-` are part of it
/// (0757-82836083, 400-820-8820).
fn skip_code(text: &str, mut i: usize) -> usize {
    while let Some(dash @ ('-' | '－')) = char_at(text, i) {
        let d = i + dash.len_utf8();
        if !char_at(text, d).is_some_and(is_arabic_digit) {
            break;
        }
        i = skip_digits(text, d);
    }
    i
}

/// True when `low`-`high` reads as a score: Arabic integers of at most three digits with
/// no unit, magnitude or hedge on either end, joined by a dash.
fn is_score(text: &str, low: &End, high: &End) -> bool {
    let bare = |e: &End| {
        !e.chinese
            && !e.decimal
            && e.unit.is_none()
            && e.magnitude.is_none()
            && e.inner_hedge.is_none()
            && e.end - e.start <= 3
    };
    let sep = text.get(low.end..high.start).unwrap_or_default();
    bare(low) && bare(high) && matches!(sep, "-" | "－" | "—" | "–")
}

/// Units that measure a rate or proportion (%, 个百分点, 倍) rather than an amount.
fn is_rate_unit(kind: UnitKind) -> bool {
    matches!(kind, UnitKind::Percent | UnitKind::Points | UnitKind::Times)
}

/// A bare four-digit Arabic number between 1900 and 2100.
fn is_year_like(e: &End) -> bool {
    !e.chinese
        && e.unit.is_none()
        && e.magnitude.is_none()
        && e.end - e.start == 4
        && (1900.0..=2100.0).contains(&e.num.value)
}

/// The ISO code of a foreign currency named right before byte `i` (港币0.20元).
fn currency_before(text: &str, i: usize) -> Option<&'static str> {
    let before = text.get(..i)?;
    [
        ("港币", "HKD"),
        ("港元", "HKD"),
        ("美元", "USD"),
        ("美金", "USD"),
        ("欧元", "EUR"),
        ("日元", "JPY"),
        ("新台币", "TWD"),
        ("澳门币", "MOP"),
    ]
    .iter()
    .find(|(w, _)| before.ends_with(w))
    .map(|(_, c)| *c)
}

/// Every character [`currency_sign`] accepts, for tables built from it.
pub(super) const CURRENCY_SIGNS: &[char] = &['$', '＄', '￥', '¥', '€', '£', '￡'];

/// The ISO code of a currency sign written before a number.
pub(super) fn currency_sign(c: char) -> Option<&'static str> {
    match c {
        '$' | '＄' => Some("USD"),
        '￥' | '¥' => Some("CNY"),
        '€' => Some("EUR"),
        '£' | '￡' => Some("GBP"),
        _ => None,
    }
}

#[cfg(test)]
mod oracle;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_sign_list_matches_the_function() {
        for c in (0..0x10000).filter_map(char::from_u32) {
            assert_eq!(
                currency_sign(c).is_some(),
                CURRENCY_SIGNS.contains(&c),
                "{c}"
            );
        }
    }
}

#[cfg(test)]
mod range_sep_tests {
    use super::*;

    #[test]
    fn range_separators_are_single_characters_found_like_a_scan() {
        assert_eq!(RANGE_SEPS.len(), RANGE_SEP_CHARS.len());
        for (s, c) in RANGE_SEPS.iter().zip(RANGE_SEP_CHARS) {
            assert!(s.chars().eq([*c]), "{s}");
        }
        for c in RANGE_SEP_CHARS {
            let mut buf = [0u8; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(
                matches!(lead, b'-' | b'~' | 0xe2 | 0xe3 | 0xe5 | 0xe8 | 0xef),
                "{c}"
            );
        }
        let t = "1-2－3—4–5～6~7〜8至9到0x";
        for i in 0..=t.len() {
            let scan = RANGE_SEPS
                .iter()
                .copied()
                .find(|s| crate::extract::text::starts_at(t, i, s));
            assert_eq!(range_sep_at(t, i), scan, "{i}");
        }
    }
}

#[cfg(test)]
mod read_end_tests {
    use super::{oracle, Read};
    use crate::document::Document;
    use crate::extract::{scanner_for, ExtractOptions};

    /// A reading as text, the same for the reader and its oracle.
    fn show(r: &Read) -> String {
        match r {
            Read::No => "No".into(),
            Read::Skip(e) => format!("Skip({e})"),
            Read::Yes(e) => format!(
                "{:?}",
                (
                    (
                        e.start,
                        e.end,
                        e.num,
                        e.magnitude,
                        e.factor,
                        e.unit,
                        e.scale
                    ),
                    e.inner_hedge,
                    (e.chinese, e.single_char, e.ten, e.digit_string, e.decimal),
                )
            ),
        }
    }

    /// The oracle's reading in the same text.
    fn show_oracle(r: &oracle::Read) -> String {
        match r {
            oracle::Read::No => "No".into(),
            oracle::Read::Skip(e) => format!("Skip({e})"),
            oracle::Read::Yes(e) => format!(
                "{:?}",
                (
                    (
                        e.start,
                        e.end,
                        e.num,
                        e.magnitude,
                        e.factor,
                        e.unit,
                        e.scale
                    ),
                    e.inner_hedge.as_ref().map(|h| {
                        assert_eq!(h.kind, crate::claim::HedgeKind::Above);
                        h.text.as_str()
                    }),
                    (e.chinese, e.single_char, e.ten, e.digit_string, e.decimal),
                )
            ),
        }
    }

    fn same_ends(text: &str) {
        let doc = Document::new("t.txt", text);
        let opts = ExtractOptions::default();
        let sentences = doc.sentences();
        let sc = scanner_for(&doc, &opts, &sentences);
        for i in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            assert_eq!(
                show(&sc.read_end(i)),
                show_oracle(&oracle::read_end(&sc, i)),
                "{text:?} at {i}"
            );
        }
    }

    #[test]
    fn ends_read_like_the_oracle_on_fixture_articles() {
        for t in crate::extract::numeral::news_gen::fixture_articles() {
            same_ends(&t);
        }
    }

    #[test]
    fn ends_read_like_the_oracle_on_codes_and_times() {
        for t in [
            "电话：0757-82836083",
            "13812345678人",
            "1234567890人",
            "1,234,567,890,123人",
            "麒麟9010芯片",
            "麒麟9010万台",
            "骁龙8年",
            "小米17系列",
            "910B",
            "5GW",
            "5GWh电池",
            "1/3",
            "10时30分",
            "9点",
            "9点半",
            "21世纪",
            "80年代",
            "90后",
            "90后5",
            "100 万辆",
            "100\u{a0}万辆",
            "$5亿",
            "￥100元",
            "同比-3.2%",
            "零下25度",
            "负三",
            "百分之三十",
            "港币0.20元",
            "3万多人",
            "二十多万辆",
            "三成",
            "2.5成",
        ] {
            same_ends(t);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

        #[test]
        fn ends_read_like_the_oracle(t in crate::extract::numeral::news_gen::text()) {
            same_ends(&t);
        }
    }
}
