//! NC109 invalid-date: dates and periods that do not exist or are garbled as written.

use crate::checks::{Check, Context, Outcome};
use crate::claim::{Claim, ClaimKind};
use crate::finding::{cat, decimal, Finding, RuleInfo};
use crate::settings::{days_in_month, Date};
use std::collections::BTreeSet;

crate::declare_rule!(
    InvalidDate,
    "NC109",
    "invalid-date",
    Warning,
    "impossible or garbled dates and periods (2月30日, 13月, 第5季度, 前25年)",
    "Flags dates and periods that cannot exist or that the extractor found garbled.

What it checks: every date and period claim.
- Calendar dates (`2025-02-30`, or `--02-30` when the year is unknown) must exist: month
  1–12, day within the month (29 February is accepted when the year is unknown or leap).
- Months (`2025-13`) must be 1–12; quarters (`2025Q5`, `2025Q3-Q1`) 1–4 and in order;
  halves (`2025H3`) 1 or 2.
- A date or period the extractor marked as garbled (its notes), such as `前25年前3季度`.
When the garbled form holds a two-digit year (`25年`) and exactly one year of the article's
other dates and periods, or its publication year, ends in those digits, the suggestion
restores it (`2025年前3季度`; a `前` left before the year is the garble and is dropped).

Why: a period that cannot exist makes every figure attached to it unverifiable, and typos
in dates are common in fast-moving news copy.

Flagged: `2月30日`, `13月`, `第5季度`, `寒武纪前25年前3季度实现净利润16亿` (with `2025财年`
elsewhere: suggestion `2025年前3季度`).

Not flagged: `2024年2月29日`, `2月29日` (year unknown), `2025年前3季度`, `第四季度`, `上半年`.

Tolerance: none; the calendar is exact."
);

impl Check for InvalidDate {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Outcome) {
        // Each period is judged once: what is wrong with it, and (for the years that may
        // repair a garbled one) whether it is valid.
        // Sized for every claim: a filtered collect grows the list step by step.
        let mut judged: Vec<(&Claim, Option<String>)> = Vec::with_capacity(cx.claims.len());
        judged.extend(
            cx.claims
                .iter()
                .filter(|c| matches!(c.kind, ClaimKind::Date | ClaimKind::Period))
                .map(|c| (c, c.period.as_deref().and_then(period_problem))),
        );
        if judged
            .iter()
            .all(|(c, p)| p.is_none() && c.notes.is_empty())
        {
            return;
        }
        // The article's years, gathered once and only if some period needs repair.
        let mut years: Option<BTreeSet<i32>> = None;
        let valid: Vec<(&Claim, bool)> = judged.iter().map(|(c, p)| (*c, p.is_none())).collect();
        for (c, period_problem) in judged {
            // Not marked checked: the calendar is not another claim or the reference.
            let problem =
                period_problem.or_else(|| (!c.notes.is_empty()).then(|| c.notes.join("; ")));
            let Some(problem) = problem else {
                continue;
            };
            let text = cx.doc.slice(c.span);
            let mut f = Finding::new(
                &INFO,
                c.span,
                // Pieces joined in one allocation (`cat`), the text `format!` wrote.
                cat(&["`", text, "` is not a valid date or period: ", &problem]),
            )
            .stated(match c.period.as_deref() {
                Some(p) => cat(&[text, " (read as ", p, ")"]),
                None => text.to_string(),
            })
            .expected("an existing calendar date or period")
            .tolerance("none: months 1–12, days within the month, quarters 1–4, halves 1–2");
            let years = years.get_or_insert_with(|| years_of(&valid, cx));
            if let Some(s) = restore_two_digit_year(text, years) {
                f = f.suggestion(s);
            }
            out.findings.push(f);
        }
    }
}

/// What is impossible about a normalised period string, if anything.
///
/// Understands `YYYY-MM-DD`, `--MM-DD`, `YYYY-MM`, `YYYYQn`, `YYYYQa-Qb` and `YYYYHn`;
/// anything else (`2024`, `FY2025`, `2024-2025` …) is taken as valid.
pub fn period_problem(p: &str) -> Option<String> {
    let num = |s: &str| s.parse::<u32>().ok();
    if let Some(md) = p.strip_prefix("--") {
        let (m, d) = md.split_once('-')?;
        // Year unknown: a leap year accepts 29 February.
        return check_day(2024, num(m)?, num(d)?);
    }
    let year: i32 = p.get(..4)?.parse().ok()?;
    let rest = &p[4..];
    if let Some(md) = rest.strip_prefix('-') {
        // `2024-2025` is a span of years, not a month.
        if md.len() > 2 && !md.contains('-') {
            return None;
        }
        return match md.split_once('-') {
            Some((m, d)) => check_day(year, num(m)?, num(d)?),
            None => {
                let m = num(md)?;
                days_in_month(year, m)
                    .is_none()
                    .then(|| format!("month {m} does not exist"))
            }
        };
    }
    if let Some(q) = rest.strip_prefix('Q') {
        let (a, b) = match q.split_once("-Q") {
            Some((a, b)) => (num(a)?, num(b)?),
            None => (num(q)?, num(q)?),
        };
        return if !(1..=4).contains(&a) || !(1..=4).contains(&b) {
            Some(format!(
                "quarter {} does not exist",
                if (1..=4).contains(&a) { b } else { a }
            ))
        } else if a > b {
            Some(format!("quarters run backwards (Q{a} to Q{b})"))
        } else {
            None
        };
    }
    if let Some(h) = rest.strip_prefix('H') {
        let h = num(h)?;
        return (!(1..=2).contains(&h)).then(|| format!("half {h} does not exist"));
    }
    None
}

fn check_day(year: i32, month: u32, day: u32) -> Option<String> {
    match days_in_month(year, month) {
        None => Some(format!("month {month} does not exist")),
        Some(max) if Date::new(year, month, day).is_none() => Some(format!(
            "day {day} does not exist in month {month} (1–{max})"
        )),
        Some(_) => None,
    }
}

/// [`valid_years`] from the article's dates and periods already judged, each with whether
/// its period (if any) is valid: no period is judged a second time.
fn years_of(judged: &[(&Claim, bool)], cx: &Context<'_>) -> BTreeSet<i32> {
    let mut years: BTreeSet<i32> = judged
        .iter()
        .filter(|(c, valid)| *valid && c.notes.is_empty())
        .filter_map(|(c, _)| c.period.as_deref())
        .filter_map(leading_year)
        .collect();
    years.extend(cx.article_date.map(|d| d.year));
    years
}

/// Years named by the article's valid dates and periods, and its publication year (a
/// flagged claim's own period is invalid or unknown, so it never vouches for itself): the
/// test oracle of [`years_of`].
#[cfg(test)]
fn valid_years(cx: &Context<'_>) -> BTreeSet<i32> {
    let mut years: BTreeSet<i32> = cx
        .claims
        .iter()
        .filter(|c| matches!(c.kind, ClaimKind::Date | ClaimKind::Period) && c.notes.is_empty())
        .filter_map(|c| c.period.as_deref())
        .filter(|p| period_problem(p).is_none())
        .filter_map(leading_year)
        .collect();
    years.extend(cx.article_date.map(|d| d.year));
    years
}

/// The four-digit year a normalised period starts with (`FY2025` → 2025).
fn leading_year(p: &str) -> Option<i32> {
    let p = p.strip_prefix("FY").unwrap_or(p);
    let y = p.get(..4)?;
    y.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| y.parse().ok())
        .flatten()
}

/// `text` with a lone two-digit year `NN年` written out in full, when exactly one of
/// `years` ends in `NN`; a `前` right before it (the garble) is dropped.
pub fn restore_two_digit_year(text: &str, years: &BTreeSet<i32>) -> Option<String> {
    let (start, after, year) = two_digit_year(text, years)?;
    // Joined in one allocation (`cat`): the text `format!` wrote, for less.
    let digits = decimal(year.unsigned_abs() as usize);
    let sign = if year < 0 { "-" } else { "" };
    Some(cat(&[&text[..start], sign, &digits, &text[after..]]))
}

/// Where [`restore_two_digit_year`] rewrites `text`: the byte range of the first lone
/// `NN年` (from a `前` right before it) and the one year of `years` ending in `NN`; `None`
/// when that `NN年` fits no year or several.
fn two_digit_year(text: &str, years: &BTreeSet<i32>) -> Option<(usize, usize, i32)> {
    // At most one character per byte: sized once.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(text.len());
    chars.extend(text.char_indices());
    for i in 0..chars.len().saturating_sub(2) {
        let (c0, c1, c2) = (chars[i].1, chars[i + 1].1, chars[i + 2].1);
        let digit_before = i > 0 && chars[i - 1].1.is_ascii_digit();
        if !(c0.is_ascii_digit() && c1.is_ascii_digit() && c2 == '年') || digit_before {
            continue;
        }
        let nn = (c0 as i32 - '0' as i32) * 10 + (c1 as i32 - '0' as i32);
        let mut fits = years.iter().filter(|y| **y % 100 == nn);
        let (Some(&year), None) = (fits.next(), fits.next()) else {
            return None;
        };
        let start = if i > 0 && chars[i - 1].1 == '前' {
            chars[i - 1].0
        } else {
            chars[i].0
        };
        return Some((start, chars[i + 2].0, year));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    /// The rule as it was: every period judged again for the years, the repaired text
    /// written by `format!`. The oracle of the rule judging each period once.
    fn run_before(cx: &Context<'_>, out: &mut Outcome) {
        let mut years: Option<BTreeSet<i32>> = None;
        for c in cx.claims {
            if !matches!(c.kind, ClaimKind::Date | ClaimKind::Period) {
                continue;
            }
            let problem = c
                .period
                .as_deref()
                .and_then(period_problem)
                .or_else(|| (!c.notes.is_empty()).then(|| c.notes.join("; ")));
            let Some(problem) = problem else {
                continue;
            };
            let text = cx.doc.slice(c.span);
            let mut f = Finding::new(
                &INFO,
                c.span,
                format!("`{text}` is not a valid date or period: {problem}"),
            )
            .stated(match c.period.as_deref() {
                Some(p) => format!("{text} (read as {p})"),
                None => text.to_string(),
            })
            .expected("an existing calendar date or period")
            .tolerance("none: months 1–12, days within the month, quarters 1–4, halves 1–2");
            let years = years.get_or_insert_with(|| valid_years(cx));
            if let Some(s) = restore_by_format(text, years) {
                f = f.suggestion(s);
            }
            out.findings.push(f);
        }
    }

    /// [`restore_two_digit_year`] writing its text with `format!`, as it did; the search
    /// for the year is the one it had, unchanged.
    fn restore_by_format(text: &str, years: &BTreeSet<i32>) -> Option<String> {
        let (start, after, year) = two_digit_year(text, years)?;
        Some(format!("{}{year}{}", &text[..start], &text[after..]))
    }

    proptest::proptest! {
        /// Judging each period once changes no finding: garbled and impossible periods
        /// among valid ones, with and without a year that repairs them.
        #[test]
        fn judging_once_agrees_with_the_rule_before(
            text in proptest::collection::vec(
                proptest::sample::select(vec![
                    "2024年", "2025年", "1925年", "前25年", "25年", "前3季度", "第5季度",
                    "2月30日", "2月29日", "13月", "上半年", "第四季度", "2025财年", "寒武纪",
                    "实现净利润16亿元", "销量", "30万辆", "，", "。", "\n",
                ]),
                0..20,
            )
            .prop_map(|v| v.concat())
        ) {
            let (now, before) = crate::checks::tolerance::testkit::against_oracle(
                &text,
                &InvalidDate,
                run_before,
            );
            proptest::prop_assert_eq!(now.findings, before.findings);
            proptest::prop_assert_eq!(now.checked, before.checked);
        }
    }

    #[test]
    fn garbled_year_is_repaired_as_before() {
        let text = "2025财年，寒武纪前25年前3季度实现净利润16亿元。";
        let (now, before) =
            crate::checks::tolerance::testkit::against_oracle(text, &InvalidDate, run_before);
        assert_eq!(now.findings.len(), 1, "{:?}", now.findings);
        assert_eq!(now.findings, before.findings);
    }

    #[test]
    fn finds_impossible_periods() {
        assert!(period_problem("2025-02-30").is_some());
        assert!(period_problem("--02-29").is_none());
        assert!(period_problem("2025-02-29").is_some());
        assert!(period_problem("--01-32").is_some());
        assert!(period_problem("2025-13").is_some());
        assert!(period_problem("2025Q5").is_some());
        assert!(period_problem("2025Q3-Q1").is_some());
        assert!(period_problem("2025Q1-Q3").is_none());
        assert!(period_problem("2025H3").is_some());
        assert!(period_problem("FY2025").is_none());
        assert!(period_problem("2024").is_none());
        assert!(period_problem("2024-2025").is_none());
    }

    #[test]
    fn restores_a_two_digit_year_only_when_unambiguous() {
        let years: BTreeSet<i32> = [2024, 2025].into();
        assert_eq!(
            restore_two_digit_year("前25年前3季度", &years).as_deref(),
            Some("2025年前3季度")
        );
        assert_eq!(restore_two_digit_year("前26年前3季度", &years), None);
        assert_eq!(restore_two_digit_year("2025年前3季度", &years), None);
        let two: BTreeSet<i32> = [1925, 2025].into();
        assert_eq!(restore_two_digit_year("25年", &two), None);
    }
}
