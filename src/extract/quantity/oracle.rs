//! The one-end reader as it was before it read the character after a number once and
//! skipped the sign tests before a digit: the oracle of the property tests in [`super`]
//! (test builds only). Its `End` keeps the inner hedge as a `Hedge`.

use super::{currency_before, currency_sign, skip_cn, skip_code, skip_digits, unit_ref};
use crate::claim::{Hedge, Num, UnitKind};
use crate::extract::numeral::{is_arabic_digit, is_cn_numeral_char, parse_arabic, parse_chinese};
use crate::extract::scanner::Scanner;
use crate::extract::text::{self, char_at, prev_char, starts_at};
use crate::extract::{filter, hedge, magnitude, unit};

/// One end as the oracle read it (see `super::End`).
#[derive(Debug, Clone)]
pub(super) struct End {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) num: Num,
    pub(super) magnitude: Option<&'static str>,
    pub(super) factor: f64,
    pub(super) unit: Option<unit::UnitAt>,
    pub(super) scale: f64,
    pub(super) inner_hedge: Option<Hedge>,
    pub(super) chinese: bool,
    pub(super) single_char: bool,
    pub(super) ten: bool,
    pub(super) digit_string: bool,
    pub(super) decimal: bool,
}

/// What the oracle read.
#[derive(Debug)]
pub(super) enum Read {
    No,
    Skip(usize),
    Yes(End),
}

/// Reads one end (number, magnitude, 多/余, unit) at byte `i`.
pub(super) fn read_end(sc: &Scanner, i: usize) -> Read {
    let text = sc.text;
    let mut j = i;
    let pct_prefix = starts_at(text, j, "百分之");
    if pct_prefix {
        j += "百分之".len();
    }
    // $5亿, ￥100: a currency sign before the digits.
    let currency_sign = char_at(text, j).and_then(|c| {
        let code = currency_sign(c)?;
        char_at(text, j + c.len_utf8())
            .is_some_and(is_arabic_digit)
            .then_some((code, c.len_utf8()))
    });
    if let Some((_, len)) = currency_sign {
        j += len;
    }
    let mut sign = 1.0;
    if let Some((len, f)) = sc.sign_at(j) {
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
        // 电话：0757-82836083, 邮编528000: codes, with every dash-joined part.
        if a.leading_zero || filter::after_code_label(text, i) {
            return Read::Skip(skip_code(text, a.end));
        }
        // 麒麟9010, 小米17系列: model numbers, unless a unit, magnitude or period follows.
        if a.frac_digits == 0
            && (filter::product_noun_at(text, a.end)
                || (filter::after_product_line(text, j)
                    && unit::unit_at(text, a.end).is_none()
                    && magnitude::match_magnitude(text, a.end).is_none()
                    && !char_at(text, a.end).is_some_and(|c| "年月日号%％".contains(c))))
        {
            return Read::Skip(a.end);
        }
        // 1.2.3 (versions), 10:30 (times), 910B / 5G (codes).
        if matches!(char_at(text, a.end), Some('.' | ':'))
            && char_at(text, a.end + 1).is_some_and(|d| d.is_ascii_digit())
        {
            return Read::Skip(filter::latin_word(text, a.end + 1).0);
        }
        if let Some(end) = filter::glued_letters(text, a.end) {
            let latin_unit = unit::unit_at(text, a.end)
                .is_some_and(|u| u.kind == UnitKind::Measure && u.end == end);
            if !latin_unit {
                return Read::Skip(end);
            }
        }
        // 1/3, 3:1: fractions and ratios are not figures of their own.
        if let Some(slash @ ('/' | '／')) = char_at(text, a.end) {
            let d = a.end + slash.len_utf8();
            if char_at(text, d).is_some_and(is_arabic_digit) {
                return Read::Skip(skip_digits(text, d));
            }
        }
        // 10时30分, 9点30: clock times.
        if (starts_at(text, a.end, "时") || starts_at(text, a.end, "点"))
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
        if starts_at(text, a.end, "世纪")
            || starts_at(text, a.end, "年代")
            || (a.int_digits == 2
                && a.frac_digits == 0
                && starts_at(text, a.end, "后")
                && !char_at(text, a.end + "后".len()).is_some_and(is_arabic_digit))
        {
            return Read::Skip(a.end);
        }
        k = a.end;
        let spaced = text::pangu_space(text, k);
        if spaced > k
            && (magnitude::match_magnitude(text, spaced).is_some()
                || unit::unit_at(text, spaced).is_some())
        {
            k = spaced;
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
            Some(u) if u.scale > 1.0 && (decimal || magnitude.is_some() || num.value > 10.0) => {
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
