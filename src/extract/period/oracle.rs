//! The period reader as it was before it read each number once and from its bytes: the
//! oracle of the property tests in [`super`] (test builds only).
//!
//! Dates and periods: 2024年, 2024年末, 2025财年, 今年4月9日, 7月, 前三季度, 上半年, 全年,
//! 每年1月末-次年1月末, and garbled forms (前25年前3季度, 13月, 2月30日) kept with a note.

use super::{IntTok, PeriodCx, PeriodMatch, NOTE_GARBLED, NOTE_IMPOSSIBLE};
use crate::claim::ClaimKind;
use crate::extract::numeral::{is_arabic_digit, is_cn_numeral_char, parse_chinese};
use crate::extract::text::{char_at, pangu_space, prev_char, starts_at};
use crate::settings::{days_in_month, Date};

/// Reads an integer of at most 9 digits at `i` (Arabic digit run or Chinese numeral).
pub(super) fn read_int(text: &str, i: usize) -> Option<IntTok> {
    let c = char_at(text, i)?;
    if is_arabic_digit(c) {
        let mut j = i;
        let mut v: i64 = 0;
        let mut n = 0;
        while let Some(d) = char_at(text, j).and_then(crate::extract::numeral::arabic_digit) {
            n += 1;
            if n > 9 {
                return None;
            }
            v = v * 10 + i64::from(d);
            j = char_at(text, j).map_or(j, |c| j + c.len_utf8());
        }
        // 2024.5 or 1,234 are not period numbers.
        if matches!(char_at(text, j), Some('.' | '．'))
            && char_at(text, j + 1).is_some_and(is_arabic_digit)
        {
            return None;
        }
        return Some(IntTok {
            value: v,
            end: pangu_space(text, j),
            chars: n,
            arabic: true,
        });
    }
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
pub(super) fn match_period(text: &str, i: usize, cx: PeriodCx) -> Option<PeriodMatch> {
    let c = char_at(text, i)?;
    match c {
        '今' | '去' | '明' | '前' if starts_at(text, i + 3, "年") => {
            relative_year(text, i, cx)
        }
        '前' => garbled_year(text, i, cx).or_else(|| quarter_or_half(text, i, cx, None)),
        '每' if starts_at(text, i, "每年") => recurring(text, i),
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
            if !is_year(&t)
                && !["年", "月", "季度", "日"]
                    .iter()
                    .any(|w| starts_at(text, t.end, w))
            {
                return None;
            }
            year_form(text, i, cx)
                .or_else(|| month_day(text, i, cx.article.map(|d| d.year), false, cx))
                .or_else(|| quarter_or_half(text, i, cx, None))
                .or_else(|| day_only(text, i))
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
    while let Some(c) = char_at(text, j) {
        if !(is_cn_numeral_char(c) || c == '点') {
            break;
        }
        n += 1;
        j += c.len_utf8();
    }
    n >= 4 || matches!(char_at(text, j), Some('年' | '月' | '季' | '日'))
}

/// 今年/去年/明年/前年, alone (context only) or followed by a month, quarter or half.
fn relative_year(text: &str, i: usize, cx: PeriodCx) -> Option<PeriodMatch> {
    let delta = match char_at(text, i)? {
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
            period: year.map(|y| y.to_string()),
            notes: Vec::new(),
            year,
            // Without an article date 明年 is still not the year said before: the carried
            // period is cleared rather than kept.
            carries: true,
            is_claim: false,
        }),
    }
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

/// 2024年, 2024年末, 2024年度, 2025财年, 2024-2025年, 2025年前三季度, 2025年4月9日, 二〇二五年.
fn year_form(text: &str, i: usize, cx: PeriodCx) -> Option<PeriodMatch> {
    let t = read_int(text, i)?;
    if !is_year(&t) {
        return short_year(text, i, &t, cx);
    }
    let y = t.value as i32;
    let j = t.end;
    for w in ["财年度", "财年", "财政年度"] {
        if starts_at(text, j, w) {
            let k = j + w.len();
            // 2025财年第四财季: a quarter of the fiscal year, not the whole year.
            if let Some((q, end)) = fiscal_quarter(text, k) {
                return Some(period(i, end, Some(format!("FY{y}Q{q}")), Some(y)));
            }
            return Some(period(i, k, Some(format!("FY{y}")), Some(y)));
        }
    }
    // 2025Q3, 2025H1 (and 2025 Q3).
    let g = if char_at(text, j) == Some(' ') {
        j + 1
    } else {
        j
    };
    if let (Some(l @ ('Q' | 'H')), Some(d)) = (char_at(text, g), char_at(text, g + 1)) {
        let max = if l == 'Q' { '4' } else { '2' };
        if ('1'..=max).contains(&d)
            && !char_at(text, g + 2).is_some_and(|c| c.is_ascii_alphanumeric())
        {
            return Some(period(i, g + 2, Some(format!("{y}{l}{d}")), Some(y)));
        }
    }
    if let Some(m) = iso_date(text, i, j, y) {
        return Some(m);
    }
    // Year ranges: 2024-2025年, 2024至2025年.
    for sep in ["-", "－", "—", "–", "～", "~", "至", "到"] {
        if starts_at(text, j, sep) {
            if let Some(t2) = read_int(text, j + sep.len()) {
                if is_year(&t2) && starts_at(text, t2.end, "年") {
                    let norm = format!("{y}-{}", t2.value);
                    return Some(period(i, t2.end + "年".len(), Some(norm), Some(y)));
                }
            }
        }
    }
    if !starts_at(text, j, "年") || starts_at(text, j, "年代") {
        return None;
    }
    let k = j + "年".len();
    let inner = PeriodCx {
        ctx_year: Some(y),
        ..cx
    };
    if let Some(mut m) = quarter_or_half(text, k, inner, Some(y))
        .or_else(|| month_day(text, k, Some(y), true, inner))
        .filter(|m| m.start == k)
    {
        m.start = i;
        m.year = Some(y);
        return Some(m);
    }
    let mut end = k;
    for w in ["年末", "年底", "年初", "年中"] {
        // 2024年末: the 年 is already read; accept the second character.
        if starts_at(text, j, w) {
            end = j + w.len();
        }
    }
    if starts_at(text, k, "度") {
        end = k + "度".len();
    }
    Some(period(i, end, Some(y.to_string()), Some(y)))
}

/// `第四财季`, `第3财季`, `第二财务季度`, `第一季度` right at byte `k` (after a fiscal year):
/// the quarter number and the end.
fn fiscal_quarter(text: &str, k: usize) -> Option<(u32, usize)> {
    let k = if starts_at(text, k, "的") {
        k + "的".len()
    } else {
        k
    };
    let k = if starts_at(text, k, "第") {
        k + "第".len()
    } else {
        k
    };
    let c = char_at(text, k)?;
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
        .find(|w| starts_at(text, j, w))
        .map(|w| (q, j + w.len()))
}

/// 2025-04-09 or 2025/4/9 after the year `y` read up to byte `j`.
fn iso_date(text: &str, i: usize, j: usize, y: i32) -> Option<PeriodMatch> {
    let sep = char_at(text, j).filter(|c| matches!(c, '-' | '/'))?;
    let m = read_int(text, j + 1).filter(|m| m.arabic && m.chars <= 2)?;
    if char_at(text, m.end) != Some(sep) {
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
        || !starts_at(text, t.end, "年")
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
    if is_year(&t) || !starts_at(text, t.end, "年") {
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
    let y = year.or(cx.ctx_year).or(cx.article.map(|d| d.year));
    let fmt = |s: String| match y {
        Some(y) => format!("{y}{s}"),
        None => format!("--{s}"),
    };
    for (w, h) in [("上半年", "H1"), ("下半年", "H2")] {
        if starts_at(text, i, w) {
            return Some(period(i, i + w.len(), Some(fmt(h.to_string())), y));
        }
    }
    if starts_at(text, i, "全年") {
        return Some(period(i, i + "全年".len(), y.map(|y| y.to_string()), y));
    }
    let (first, j) = if starts_at(text, i, "前") {
        (true, i + "前".len())
    } else if starts_at(text, i, "第") {
        (false, i + "第".len())
    } else {
        (false, i)
    };
    let t = read_int(text, j)?;
    if !starts_at(text, t.end, "季度") {
        return None;
    }
    let end = t.end + "季度".len();
    let n = t.value;
    if !(1..=4).contains(&n) {
        let mut m = period(i, end, None, None);
        m.notes
            .push(format!("{NOTE_GARBLED}: quarter {n} does not exist"));
        return Some(m);
    }
    let norm = if first && n > 1 {
        format!("Q1-Q{n}")
    } else {
        format!("Q{n}")
    };
    Some(period(i, end, Some(fmt(norm)), y))
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
    let m = read_int(text, i)?;
    if !starts_at(text, m.end, "月") || m.chars > 2 {
        return None;
    }
    // 个月 is a duration and never reaches here; 月份 is fine.
    let mut end = m.end + "月".len();
    let mut day: Option<i64> = None;
    if let Some(d) = read_int(text, end) {
        if d.chars <= 3 && (starts_at(text, d.end, "日") || starts_at(text, d.end, "号")) {
            day = Some(d.value);
            end = d.end + "日".len();
        }
    }
    if day.is_none() && !m.arabic && !chinese_ok {
        return None;
    }
    if day.is_none() {
        for w in ["份", "末", "底", "初", "中旬", "上旬", "下旬"] {
            if starts_at(text, end, w) {
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
                Some(y) => format!("{y:04}-{month:02}-{d:02}"),
                None => format!("--{month:02}-{d:02}"),
            });
        }
        None => {
            out.period = Some(match year {
                Some(y) => format!("{y:04}-{month:02}"),
                None => format!("--{month:02}"),
            });
        }
    }
    Some(out)
}

/// A day of an unnamed month (20日起, 15日): a date claim without a normalised form.
///
/// Not 日元 (yen), 日本, 日均, nor durations (3日内, 5日前).
fn day_only(text: &str, i: usize) -> Option<PeriodMatch> {
    let d = read_int(text, i).filter(|d| d.arabic && d.chars <= 2)?;
    if !starts_at(text, d.end, "日") {
        return None;
    }
    let end = d.end + "日".len();
    if matches!(
        char_at(text, end),
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
        if starts_at(text, end, sep) {
            let k = end + sep.len();
            let k = if starts_at(text, k, "次年") {
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
