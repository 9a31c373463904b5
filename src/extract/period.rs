//! Dates and periods: 2024年, 2024年末, 2025财年, 今年4月9日, 7月, 前三季度, 上半年, 全年,
//! 每年1月末-次年1月末, and garbled forms (前25年前3季度, 13月, 2月30日) kept with a note.

use super::numeral::{
    char_at_inline, digit_at, is_arabic_digit, is_cn_numeral_char, parse_chinese, starts_at_inline,
    word_at,
};
use super::text::{pangu_space, prev_char};
use crate::claim::ClaimKind;
use crate::settings::{days_in_month, Date};

/// Note prefix on a period whose written form cannot be read as a real period (前25年前3季度).
pub const NOTE_GARBLED: &str = "garbled period";
/// Note prefix on a date that does not exist (2月30日, 13月).
pub const NOTE_IMPOSSIBLE: &str = "impossible date";

/// What the period reader needs from the surroundings.
#[derive(Debug, Clone, Copy, Default)]
pub struct PeriodCx {
    /// Publication date (resolves 今年 and dates without a year).
    pub article: Option<Date>,
    /// The year the paragraph is talking about (for 三季度, 上半年 without a year).
    pub ctx_year: Option<i32>,
}

/// A date or period found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodMatch {
    /// First byte (may precede the position asked for, e.g. the 前 of 前25年).
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// `Date` for day precision, `Period` otherwise.
    pub kind: ClaimKind,
    /// Normalised form (`2025-04-09`, `FY2025`, `2025Q1-Q3`), `None` when unknown or garbled.
    pub period: Option<String>,
    /// Problems with the written form.
    pub notes: Vec<String>,
    /// The explicit year written or resolved, for the paragraph's context.
    pub year: Option<i32>,
    /// True when later figures of the paragraph should take this period (years, quarters,
    /// fiscal years; not single days or recurring descriptions).
    pub carries: bool,
    /// False when nothing is claimed (今年 alone only sets the context year).
    pub is_claim: bool,
}

/// A small integer as written (Arabic or Chinese).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IntTok {
    /// Its value.
    pub value: i64,
    /// Byte offset after it.
    pub end: usize,
    /// Number of characters written.
    pub chars: usize,
    /// True for Arabic digits.
    pub arabic: bool,
}

/// Reads an integer of at most 9 digits at `i` (Arabic digit run or Chinese numeral).
pub fn read_int(text: &str, i: usize) -> Option<IntTok> {
    let b = text.as_bytes();
    if let Some((d, len)) = digit_at(b, i) {
        // Arabic digits read from the bytes (off a char boundary no digit is found).
        let (mut v, mut j, mut n) = (d as i64, i + len, 1usize);
        while let Some((d, len)) = digit_at(b, j) {
            n += 1;
            if n > 9 {
                return None;
            }
            v = v * 10 + d as i64;
            j += len;
        }
        // 2024.5 or 1,234 are not period numbers. (After a full-width point the byte
        // `j + 1` is inside it: only an ASCII point is followed by digits here.)
        if b.get(j) == Some(&b'.') && digit_at(b, j + 1).is_some() {
            return None;
        }
        return Some(IntTok {
            value: v,
            // One space (ASCII or NBSP, whose UTF-8 starts 0xC2) before a word.
            end: if matches!(b.get(j), Some(b' ' | 0xc2)) {
                pangu_space(text, j)
            } else {
                j
            },
            chars: n,
            arabic: true,
        });
    }
    let c = char_at_inline(text, i)?;
    if is_cn_numeral_char(c) {
        let n = parse_chinese(text, i)?;
        if n.starts_with_power || n.step < 1.0 || n.value > 1e9 || n.value.fract().abs() > 0.0 {
            return None;
        }
        return Some(IntTok {
            value: n.value as i64,
            end: n.end,
            chars: n.chars,
            arabic: false,
        });
    }
    None
}

/// Tries to read a date or period starting at byte `i`.
pub fn match_period(text: &str, i: usize, cx: PeriodCx) -> Option<PeriodMatch> {
    let c = char_at_inline(text, i)?;
    match c {
        '今' | '去' | '明' | '前' if starts_at_inline(text, i + 3, "年") => {
            relative_year(text, i, cx)
        }
        // Past 前年, what 前 and 第 open goes on with a number (前25年…, 前三季度, 第3季度).
        '前' | '第'
            if !char_at_inline(text, i + 3)
                .is_some_and(|n| is_arabic_digit(n) || is_cn_numeral_char(n)) =>
        {
            None
        }
        '前' => garbled_year(text, i, cx).or_else(|| quarter_or_half(text, i, cx, None)),
        '每' if starts_at_inline(text, i, "每年") => recurring(text, i),
        // At 上, 下 and 全 the quarter reader reads only 上半年, 下半年 and 全年 (no number
        // starts there): most of these characters (全球, 上市) are ruled out by a byte test.
        '上' | '下' if !word_at(text.as_bytes(), i + 3, "半年") => None,
        '全' if !word_at(text.as_bytes(), i + 3, "年") => None,
        '上' | '下' | '全' | '第' => quarter_or_half(text, i, cx, None),
        _ if is_arabic_digit(c) || is_cn_numeral_char(c) => {
            // Each reader below starts with the integer at `i`, and all but the year forms
            // need 年, 月, 季度 or 日 right after it: most numbers are ruled out here, with
            // one reading of the integer instead of four (and Chinese numerals of fewer
            // than four characters without reading them at all).
            if is_cn_numeral_char(c) && !cn_run_may_be_period(text, i) {
                return None;
            }
            let t = read_int(text, i)?;
            let b = text.as_bytes();
            if !is_year(&t)
                && !["年", "月", "季度", "日"]
                    .iter()
                    .any(|w| word_at(b, t.end, w))
            {
                return None;
            }
            // Each reader starts with this same integer at `i` (a numeral opens no half-year
            // word and no 前/第, so the quarter reader's number is at `i` too).
            year_form_with(text, i, t, cx)
                .or_else(|| month_day_with(text, i, t, cx.article.map(|d| d.year), false))
                .or_else(|| quarter_with(text, i, false, t, cx, None))
                .or_else(|| day_only_with(text, i, t))
        }
        _ => None,
    }
}

/// False when the Chinese numeral at `i` can be neither a year (four characters) nor
/// followed by 年, 月, 季 or 日. The run scanned (numeral characters and 点) holds the
/// numeral [`read_int`] would read, so where the run ends without those, so does it.
fn cn_run_may_be_period(text: &str, i: usize) -> bool {
    let mut n = 0;
    let mut j = i;
    while let Some(c) = char_at_inline(text, j) {
        if !(is_cn_numeral_char(c) || c == '点') {
            break;
        }
        n += 1;
        j += c.len_utf8();
    }
    n >= 4 || matches!(char_at_inline(text, j), Some('年' | '月' | '季' | '日'))
}

/// 今年/去年/明年/前年, alone (context only) or followed by a month, quarter or half.
fn relative_year(text: &str, i: usize, cx: PeriodCx) -> Option<PeriodMatch> {
    let delta = match char_at_inline(text, i)? {
        '今' => 0,
        '去' => -1,
        '明' => 1,
        '前' => -2,
        _ => return None,
    };
    let year = cx.article.map(|d| d.year + delta);
    let j = i + "今年".len();
    let inner = PeriodCx {
        ctx_year: year,
        ..cx
    };
    let sub = quarter_or_half(text, j, inner, year)
        .or_else(|| month_day(text, j, year, true, inner))
        .filter(|m| m.start == j);
    match sub {
        Some(mut m) => {
            m.start = i;
            if year.is_none() {
                m.year = None;
            }
            Some(m)
        }
        None => Some(PeriodMatch {
            start: i,
            end: j,
            kind: ClaimKind::Period,
            period: year.map(|y| norm(&[N(y.into(), 0)])),
            notes: Vec::new(),
            year,
            // Without an article date 明年 is still not the year said before: the carried
            // period is cleared rather than kept.
            carries: true,
            is_claim: false,
        }),
    }
}

/// One part of a normalised period: text, a character, or a number zero-padded to a width.
enum Part<'a> {
    /// Text as it is.
    S(&'a str),
    /// One character.
    C(char),
    /// A number in decimal with at least this many digits (`{n:0w$}`).
    N(i64, usize),
}
use Part::{C, N, S};

/// The normalised form made of `parts`: what `format!` writes for them, without the
/// formatting machinery (a period is normalised for every date and period read, and the
/// machinery cost more than the rest of the reading).
fn norm(parts: &[Part]) -> String {
    let mut out = String::with_capacity(16);
    for part in parts {
        match *part {
            S(s) => out.push_str(s),
            C(c) => out.push(c),
            N(n, width) if n < 0 => {
                use std::fmt::Write;
                // Never reached by a year or month read from digits; written as format! does.
                let _ = write!(out, "{n:0width$}");
            }
            N(n, width) => {
                let mut digits = [0u8; 20];
                let mut k = digits.len();
                let mut v = n.unsigned_abs();
                loop {
                    k -= 1;
                    digits[k] = b'0' + (v % 10) as u8;
                    v /= 10;
                    if v == 0 {
                        break;
                    }
                }
                for _ in digits.len() - k..width {
                    out.push('0');
                }
                for &d in &digits[k..] {
                    out.push(char::from(d));
                }
            }
        }
    }
    out
}

/// A period claim with the usual defaults.
fn period(start: usize, end: usize, norm: Option<String>, year: Option<i32>) -> PeriodMatch {
    PeriodMatch {
        start,
        end,
        kind: ClaimKind::Period,
        period: norm,
        notes: Vec::new(),
        year,
        carries: true,
        is_claim: true,
    }
}

/// True when a number that is a year: 4 Arabic digits 1000–2999 or a 4-character 二〇二五.
fn is_year(t: &IntTok) -> bool {
    t.chars == 4 && (1000..=2999).contains(&t.value)
}

/// 2024年, 2024年末, 2024年度, 2025财年, 2024-2025年, 2025年前三季度, 2025年4月9日, 二〇二五年:
/// `t` is the integer read at `i`.
fn year_form_with(text: &str, i: usize, t: IntTok, cx: PeriodCx) -> Option<PeriodMatch> {
    if !is_year(&t) {
        return short_year(text, i, &t, cx);
    }
    let y = t.value as i32;
    let j = t.end;
    for w in ["财年度", "财年", "财政年度"] {
        if starts_at_inline(text, j, w) {
            let k = j + w.len();
            // 2025财年第四财季: a quarter of the fiscal year, not the whole year.
            if let Some((q, end)) = fiscal_quarter(text, k) {
                return Some(period(
                    i,
                    end,
                    Some(norm(&[S("FY"), N(y.into(), 0), S("Q"), N(q.into(), 0)])),
                    Some(y),
                ));
            }
            return Some(period(
                i,
                k,
                Some(norm(&[S("FY"), N(y.into(), 0)])),
                Some(y),
            ));
        }
    }
    // 2025Q3, 2025H1 (and 2025 Q3).
    let g = if char_at_inline(text, j) == Some(' ') {
        j + 1
    } else {
        j
    };
    if let (Some(l @ ('Q' | 'H')), Some(d)) = (char_at_inline(text, g), char_at_inline(text, g + 1))
    {
        let max = if l == 'Q' { '4' } else { '2' };
        if ('1'..=max).contains(&d)
            && !char_at_inline(text, g + 2).is_some_and(|c| c.is_ascii_alphanumeric())
        {
            return Some(period(
                i,
                g + 2,
                Some(norm(&[N(y.into(), 0), C(l), C(d)])),
                Some(y),
            ));
        }
    }
    if let Some(m) = iso_date(text, i, j, y) {
        return Some(m);
    }
    // Year ranges: 2024-2025年, 2024至2025年.
    for sep in ["-", "－", "—", "–", "～", "~", "至", "到"] {
        if starts_at_inline(text, j, sep) {
            if let Some(t2) = read_int(text, j + sep.len()) {
                if is_year(&t2) && starts_at_inline(text, t2.end, "年") {
                    let norm = norm(&[N(y.into(), 0), S("-"), N(t2.value, 0)]);
                    return Some(period(i, t2.end + "年".len(), Some(norm), Some(y)));
                }
            }
        }
    }
    if !starts_at_inline(text, j, "年") || starts_at_inline(text, j, "年代") {
        return None;
    }
    let k = j + "年".len();
    let inner = PeriodCx {
        ctx_year: Some(y),
        ..cx
    };
    // A sub-period after 年 opens with a number or one of these characters (上半年, 下半年,
    // 全年, 前三季度, 第三季度); after most years neither follows.
    let sub_opens = char_at_inline(text, k).is_some_and(|c| {
        is_arabic_digit(c) || is_cn_numeral_char(c) || matches!(c, '上' | '下' | '全' | '前' | '第')
    });
    if let Some(mut m) = sub_opens
        .then(|| {
            quarter_or_half(text, k, inner, Some(y))
                .or_else(|| month_day(text, k, Some(y), true, inner))
        })
        .flatten()
        .filter(|m| m.start == k)
    {
        m.start = i;
        m.year = Some(y);
        return Some(m);
    }
    let mut end = k;
    for w in ["年末", "年底", "年初", "年中"] {
        // 2024年末: the 年 is already read; accept the second character.
        if starts_at_inline(text, j, w) {
            end = j + w.len();
        }
    }
    if starts_at_inline(text, k, "度") {
        end = k + "度".len();
    }
    Some(period(i, end, Some(norm(&[N(y.into(), 0)])), Some(y)))
}

/// `第四财季`, `第3财季`, `第二财务季度`, `第一季度` right at byte `k` (after a fiscal year):
/// the quarter number and the end.
fn fiscal_quarter(text: &str, k: usize) -> Option<(u32, usize)> {
    let k = if starts_at_inline(text, k, "的") {
        k + "的".len()
    } else {
        k
    };
    let k = if starts_at_inline(text, k, "第") {
        k + "第".len()
    } else {
        k
    };
    let c = char_at_inline(text, k)?;
    let q = match c {
        '一' | '1' => 1,
        '二' | '2' => 2,
        '三' | '3' => 3,
        '四' | '4' => 4,
        _ => return None,
    };
    let j = k + c.len_utf8();
    ["财季", "财务季度", "季度", "季"]
        .iter()
        .find(|w| starts_at_inline(text, j, w))
        .map(|w| (q, j + w.len()))
}

/// 2025-04-09 or 2025/4/9 after the year `y` read up to byte `j`.
fn iso_date(text: &str, i: usize, j: usize, y: i32) -> Option<PeriodMatch> {
    let sep = char_at_inline(text, j).filter(|c| matches!(c, '-' | '/'))?;
    let m = read_int(text, j + 1).filter(|m| m.arabic && m.chars <= 2)?;
    if char_at_inline(text, m.end) != Some(sep) {
        return None;
    }
    let d = read_int(text, m.end + 1).filter(|d| d.arabic && d.chars <= 2)?;
    let mut out = PeriodMatch {
        start: i,
        end: d.end,
        kind: ClaimKind::Date,
        period: None,
        notes: Vec::new(),
        year: Some(y),
        carries: false,
        is_claim: true,
    };
    let ok = u32::try_from(m.value)
        .ok()
        .zip(u32::try_from(d.value).ok())
        .and_then(|(mo, da)| Date::new(y, mo, da));
    match ok {
        Some(date) => out.period = Some(date.to_string()),
        None => out.notes.push(format!(
            "{NOTE_IMPOSSIBLE}: {}",
            text.get(i..d.end).unwrap_or_default()
        )),
    }
    Some(out)
}

/// A two-digit year with a sub-period, as in 25年前3季度 or 24年上半年 (20YY; 19YY from 70).
///
/// Only with a sub-period: 25年 alone is more often a duration. After 前 the garbled-year
/// reader has already taken it.
fn short_year(text: &str, i: usize, t: &IntTok, cx: PeriodCx) -> Option<PeriodMatch> {
    if !t.arabic
        || t.chars != 2
        || !starts_at_inline(text, t.end, "年")
        || prev_char(text, i) == Some('前')
    {
        return None;
    }
    let y = if t.value < 70 { 2000 } else { 1900 } + t.value as i32;
    let k = t.end + "年".len();
    let inner = PeriodCx {
        ctx_year: Some(y),
        ..cx
    };
    let mut m = quarter_or_half(text, k, inner, Some(y))
        .or_else(|| month_day(text, k, Some(y), false, inner))
        .filter(|m| m.start == k)?;
    m.start = i;
    m.year = Some(y);
    Some(m)
}

/// `前` + a number that is not a four-digit year + 年 + a sub-period: 前25年前3季度.
fn garbled_year(text: &str, i: usize, cx: PeriodCx) -> Option<PeriodMatch> {
    let j = i + "前".len();
    let t = read_int(text, j)?;
    if is_year(&t) || !starts_at_inline(text, t.end, "年") {
        return None;
    }
    let k = t.end + "年".len();
    let sub = quarter_or_half(text, k, cx, None)
        .or_else(|| month_day(text, k, None, true, cx))
        .filter(|m| m.start == k)?;
    Some(PeriodMatch {
        start: i,
        end: sub.end,
        kind: ClaimKind::Period,
        period: None,
        notes: vec![format!(
            "{NOTE_GARBLED}: `{}` is not a year",
            text.get(i..k).unwrap_or_default()
        )],
        year: None,
        carries: true,
        is_claim: true,
    })
}

/// 第三季度, 三季度, 一季度, 前三季度, 前3季度, 上半年, 下半年, 全年 (year from context).
fn quarter_or_half(text: &str, i: usize, cx: PeriodCx, year: Option<i32>) -> Option<PeriodMatch> {
    let b = text.as_bytes();
    let y = year.or(cx.ctx_year).or(cx.article.map(|d| d.year));
    for (w, h) in [("上半年", "H1"), ("下半年", "H2")] {
        if word_at(b, i, w) {
            return Some(period(i, i + w.len(), Some(with_year(y, h)), y));
        }
    }
    if word_at(b, i, "全年") {
        return Some(period(
            i,
            i + "全年".len(),
            y.map(|y| norm(&[N(y.into(), 0)])),
            y,
        ));
    }
    let (first, j) = if word_at(b, i, "前") {
        (true, i + "前".len())
    } else if word_at(b, i, "第") {
        (false, i + "第".len())
    } else {
        (false, i)
    };
    let t = read_int(text, j)?;
    quarter_with(text, i, first, t, cx, year)
}

/// `s` after the year `y`, or after `--` when the year is unknown (2025H1, --Q3).
fn with_year(y: Option<i32>, s: &str) -> String {
    match y {
        Some(y) => norm(&[N(y.into(), 0), S(s)]),
        None => norm(&[S("--"), S(s)]),
    }
}

/// The quarter whose number `t` has been read (after 前 when `first`): 三季度, 前3季度.
fn quarter_with(
    text: &str,
    i: usize,
    first: bool,
    t: IntTok,
    cx: PeriodCx,
    year: Option<i32>,
) -> Option<PeriodMatch> {
    if !word_at(text.as_bytes(), t.end, "季度") {
        return None;
    }
    let y = year.or(cx.ctx_year).or(cx.article.map(|d| d.year));
    let end = t.end + "季度".len();
    let n = t.value;
    if !(1..=4).contains(&n) {
        let mut m = period(i, end, None, None);
        m.notes
            .push(format!("{NOTE_GARBLED}: quarter {n} does not exist"));
        return Some(m);
    }
    let norm = if first && n > 1 {
        norm(&[S("Q1-Q"), N(n, 0)])
    } else {
        norm(&[S("Q"), N(n, 0)])
    };
    Some(period(i, end, Some(with_year(y, &norm)), y))
}

/// M月, M月D日, M月末 (year given, or the article's; `--MM-DD` when unknown).
///
/// `chinese_ok`: accept a Chinese-numeral month without a day (only after a year, since
/// 一月 alone is often "one month").
fn month_day(
    text: &str,
    i: usize,
    year: Option<i32>,
    chinese_ok: bool,
    _cx: PeriodCx,
) -> Option<PeriodMatch> {
    month_day_with(text, i, read_int(text, i)?, year, chinese_ok)
}

/// [`month_day`] with the month's integer `m` already read at `i`.
fn month_day_with(
    text: &str,
    i: usize,
    m: IntTok,
    year: Option<i32>,
    chinese_ok: bool,
) -> Option<PeriodMatch> {
    if !starts_at_inline(text, m.end, "月") || m.chars > 2 {
        return None;
    }
    // 个月 is a duration and never reaches here; 月份 is fine.
    let mut end = m.end + "月".len();
    let mut day: Option<i64> = None;
    if let Some(d) = read_int(text, end) {
        if d.chars <= 3
            && (starts_at_inline(text, d.end, "日") || starts_at_inline(text, d.end, "号"))
        {
            day = Some(d.value);
            end = d.end + "日".len();
        }
    }
    if day.is_none() && !m.arabic && !chinese_ok {
        return None;
    }
    if day.is_none() {
        for w in ["份", "末", "底", "初", "中旬", "上旬", "下旬"] {
            if starts_at_inline(text, end, w) {
                end += w.len();
                break;
            }
        }
    }
    let month = m.value;
    let mut out = PeriodMatch {
        start: i,
        end,
        kind: if day.is_some() {
            ClaimKind::Date
        } else {
            ClaimKind::Period
        },
        period: None,
        notes: Vec::new(),
        year,
        // A month (9月销量) is the period of the figures after it; a single day is not.
        carries: day.is_none(),
        is_claim: true,
    };
    let max = u32::try_from(month)
        .ok()
        .and_then(|mo| days_in_month(year.unwrap_or(2024), mo));
    let Some(max) = max else {
        out.notes.push(format!("{NOTE_IMPOSSIBLE}: month {month}"));
        return Some(out);
    };
    match day {
        Some(d) if d < 1 || d > i64::from(max) => {
            out.notes
                .push(format!("{NOTE_IMPOSSIBLE}: {month}月{d}日 does not exist"));
        }
        Some(d) => {
            out.period = Some(match year {
                Some(y) => norm(&[N(y.into(), 4), S("-"), N(month, 2), S("-"), N(d, 2)]),
                None => norm(&[S("--"), N(month, 2), S("-"), N(d, 2)]),
            });
        }
        None => {
            out.period = Some(match year {
                Some(y) => norm(&[N(y.into(), 4), S("-"), N(month, 2)]),
                None => norm(&[S("--"), N(month, 2)]),
            });
        }
    }
    Some(out)
}

/// A day of an unnamed month (20日起, 15日): a date claim without a normalised form; `d` is
/// the integer read at `i`.
///
/// Not 日元 (yen), 日本, 日均, nor durations (3日内, 5日前).
fn day_only_with(text: &str, i: usize, d: IntTok) -> Option<PeriodMatch> {
    if !(d.arabic && d.chars <= 2) {
        return None;
    }
    if !starts_at_inline(text, d.end, "日") {
        return None;
    }
    let end = d.end + "日".len();
    if matches!(
        char_at_inline(text, end),
        Some('元' | '本' | '均' | '韩' | '前' | '后' | '内' | '以' | '间' | '左' | '之')
    ) {
        return None;
    }
    let mut m = PeriodMatch {
        start: i,
        end,
        kind: ClaimKind::Date,
        period: None,
        notes: Vec::new(),
        year: None,
        carries: false,
        is_claim: true,
    };
    if !(1..=31).contains(&d.value) {
        m.notes
            .push(format!("{NOTE_IMPOSSIBLE}: day {} does not exist", d.value));
    }
    Some(m)
}

/// 每年1月末-次年1月末, 每年4月至次年3月: a recurring span, kept as one period with no single value.
fn recurring(text: &str, i: usize) -> Option<PeriodMatch> {
    let j = i + "每年".len();
    let first = month_day(text, j, None, true, PeriodCx::default())?;
    let mut end = first.end;
    for sep in ["-", "－", "—", "–", "～", "~", "至", "到"] {
        if starts_at_inline(text, end, sep) {
            let k = end + sep.len();
            let k = if starts_at_inline(text, k, "次年") {
                k + "次年".len()
            } else {
                k
            };
            if let Some(second) = month_day(text, k, None, true, PeriodCx::default()) {
                end = second.end;
            }
            break;
        }
    }
    let mut m = period(i, end, None, None);
    m.carries = false;
    Some(m)
}

#[cfg(test)]
mod oracle;

#[cfg(test)]
mod tests {
    use super::*;

    fn cx() -> PeriodCx {
        PeriodCx {
            article: Some(Date::new(2025, 11, 20).unwrap()),
            ctx_year: None,
        }
    }

    fn norm(s: &str) -> (Option<String>, usize, Vec<String>) {
        let m = match_period(s, 0, cx()).expect(s);
        (m.period, m.end, m.notes)
    }

    #[test]
    fn periods() {
        assert_eq!(norm("2024年，").0.as_deref(), Some("2024"));
        assert_eq!(norm("2024年末报告").1, "2024年末".len());
        assert_eq!(norm("2025财年").0.as_deref(), Some("FY2025"));
        assert_eq!(norm("2025财年第四财季").0.as_deref(), Some("FY2025Q4"));
        assert_eq!(norm("2026财年第三季度").0.as_deref(), Some("FY2026Q3"));
        assert_eq!(norm("今年4月9日").0.as_deref(), Some("2025-04-09"));
        assert_eq!(norm("7月15日").0.as_deref(), Some("2025-07-15"));
        assert_eq!(norm("7月，").0.as_deref(), Some("2025-07"));
        assert_eq!(norm("前三季度").0.as_deref(), Some("2025Q1-Q3"));
        assert_eq!(norm("2024年前3季度").0.as_deref(), Some("2024Q1-Q3"));
        assert_eq!(norm("第三季度").0.as_deref(), Some("2025Q3"));
        assert_eq!(norm("上半年").0.as_deref(), Some("2025H1"));
        assert_eq!(norm("二〇二五年").0.as_deref(), Some("2025"));
        let (p, end, notes) = norm("前25年前3季度实现");
        assert_eq!((p, end), (None, "前25年前3季度".len()));
        assert!(notes[0].starts_with(NOTE_GARBLED));
        assert!(norm("2月30日").2[0].starts_with(NOTE_IMPOSSIBLE));
        assert!(norm("13月").2[0].starts_with(NOTE_IMPOSSIBLE));
        assert_eq!(norm("每年1月末-次年1月末)").1, "每年1月末-次年1月末".len());
        assert_eq!(norm("25年前3季度").0.as_deref(), Some("2025Q1-Q3"));
        assert_eq!(norm("2025Q3营收").0.as_deref(), Some("2025Q3"));
        assert_eq!(norm("2024H1").0.as_deref(), Some("2024H1"));
        assert_eq!(norm("2025-04-09").0.as_deref(), Some("2025-04-09"));
        assert!(norm("2025-02-30").2[0].starts_with(NOTE_IMPOSSIBLE));
        assert!(norm("第5季度").2[0].starts_with(NOTE_GARBLED));
        assert_eq!(norm("20日起").1, "20日".len());
        assert!(match_period("100日元", 0, cx()).is_none());
        assert!(match_period("3日内", 0, cx()).is_none());
    }

    /// Every reading of the period reader agrees with the oracle's at every char boundary.
    fn same_periods(text: &str, cx: PeriodCx) {
        for i in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            assert_eq!(
                match_period(text, i, cx),
                oracle::match_period(text, i, cx),
                "{text:?} at {i}"
            );
            assert_eq!(
                read_int(text, i),
                oracle::read_int(text, i),
                "{text:?} at {i}"
            );
        }
    }

    #[test]
    fn periods_match_the_oracle_on_fixture_articles() {
        for text in crate::extract::numeral::news_gen::fixture_articles() {
            same_periods(&text, cx());
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

        #[test]
        fn periods_match_the_oracle(
            t in crate::extract::numeral::news_gen::text(),
            article in proptest::option::of(1990i32..2030),
            ctx_year in proptest::option::of(1990i32..2030),
        ) {
            let cx = PeriodCx {
                article: article.and_then(|y| Date::new(y, 6, 15)),
                ctx_year,
            };
            same_periods(&t, cx);
        }
    }

    proptest::proptest! {
        #[test]
        fn norm_writes_what_format_writes(
            n in proptest::num::i64::ANY,
            small in -99i64..3000,
            width in 0usize..30,
            text in "[a-zQ年-]{0,40}",
        ) {
            for v in [n, small] {
                proptest::prop_assert_eq!(
                    super::norm(&[S("FY"), N(v, width), C('Q'), S(&text)]),
                    format!("FY{v:0width$}Q{text}")
                );
            }
        }
    }
}
