//! Plain settings for a run (no clap here) and the calendar date type they use.

use crate::finding::Severity;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// A calendar date, validated on construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2025.
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day 1–31 (valid for the month).
    pub day: u32,
}

/// Days in `month` of `year` (Gregorian), or `None` for a month outside 1–12.
pub fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 => Some(if leap { 29 } else { 28 }),
        _ => None,
    }
}

impl Date {
    /// A date, or `None` if it does not exist (2月30日, 13月).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let max = days_in_month(year, month)?;
        (1..=max)
            .contains(&day)
            .then_some(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("invalid date `{s}` (expected YYYY-MM-DD)");
        let mut it = s.split('-');
        let (y, m, d) = (it.next(), it.next(), it.next());
        if it.next().is_some() {
            return Err(bad());
        }
        let y: i32 = y.and_then(|v| v.parse().ok()).ok_or_else(bad)?;
        let m: u32 = m.and_then(|v| v.parse().ok()).ok_or_else(bad)?;
        let d: u32 = d.and_then(|v| v.parse().ok()).ok_or_else(bad)?;
        Date::new(y, m, d).ok_or_else(bad)
    }
}

/// Everything a check run needs besides the text and the reference.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Publication date, resolving 今年, 去年 and dates without a year.
    pub article_date: Option<Date>,
    /// If non-empty, only these rules (codes or names) run.
    pub select: Vec<String>,
    /// These rules (codes or names) never run.
    pub ignore: Vec<String>,
    /// Per-rule severity overrides by code; `None` turns the rule off.
    pub severity: BTreeMap<String, Option<Severity>>,
    /// Lowest severity that makes the run fail (exit 1); `None` = never.
    pub fail_on: Option<Severity>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::new(2025, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!("2025-13-01".parse::<Date>().is_err());
        assert_eq!(
            "2025-04-09".parse::<Date>().unwrap().to_string(),
            "2025-04-09"
        );
    }
}
