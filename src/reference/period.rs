//! Reference periods (`2024`, `FY2025`, `2025Q3`, `2025Q1-Q3`, `2024H1`): strict parsing and stepping back in time.

use std::fmt;

/// A period key as written in fact CSVs and produced by the extractor.
///
/// Fiscal years are their own kind: `FY2025` is never the same period as `2025` or `2024`,
/// because companies end their fiscal years in different months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// A calendar year: `2024`.
    Year(i32),
    /// A fiscal year: `FY2025`.
    Fiscal(i32),
    /// One quarter: `2025Q3`.
    Quarter(i32, u8),
    /// Quarters `a` to `b` of one year: `2025Q1-Q3`.
    Quarters(i32, u8, u8),
    /// A half year: `2024H1`.
    Half(i32, u8),
}

/// How far a step back in time goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The same period one year earlier (同比, 连续N年).
    Year,
    /// The period just before (环比, 连续N个季度): the previous quarter or half.
    Previous,
}

/// Parses four ASCII digits as a plausible year.
fn year(s: &str) -> Option<i32> {
    if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|y| (1000..=9999).contains(y))
}

/// Parses `Qn` with n in 1..=4.
fn quarter(s: &str) -> Option<u8> {
    let n = s.strip_prefix('Q')?;
    match n {
        "1" => Some(1),
        "2" => Some(2),
        "3" => Some(3),
        "4" => Some(4),
        _ => None,
    }
}

impl Period {
    /// Parses a period key exactly as DESIGN §5 writes it; `None` for anything else.
    pub fn parse(s: &str) -> Option<Period> {
        if let Some(y) = s.strip_prefix("FY") {
            return year(y).map(Period::Fiscal);
        }
        if s.len() < 4 || !s.is_char_boundary(4) {
            return None;
        }
        let (y, rest) = s.split_at(4);
        let y = year(y)?;
        if rest.is_empty() {
            return Some(Period::Year(y));
        }
        match rest {
            "H1" => return Some(Period::Half(y, 1)),
            "H2" => return Some(Period::Half(y, 2)),
            _ => {}
        }
        if let Some((a, b)) = rest.split_once('-') {
            let (a, b) = (quarter(a)?, quarter(b)?);
            return (a < b).then_some(Period::Quarters(y, a, b));
        }
        quarter(rest).map(|q| Period::Quarter(y, q))
    }

    /// The year the period belongs to.
    pub fn year(&self) -> i32 {
        match *self {
            Period::Year(y)
            | Period::Fiscal(y)
            | Period::Quarter(y, _)
            | Period::Quarters(y, _, _)
            | Period::Half(y, _) => y,
        }
    }

    /// True for a whole year, calendar or fiscal.
    pub fn is_annual(&self) -> bool {
        matches!(self, Period::Year(_) | Period::Fiscal(_))
    }

    /// The period one step back, or `None` when that step means nothing for this shape
    /// (the quarter before `2025Q1-Q3`).
    pub fn back(&self, step: Step) -> Option<Period> {
        let y = self.year().checked_sub(1).filter(|y| *y >= 1000)?;
        Some(match (step, *self) {
            (Step::Year, Period::Year(_)) => Period::Year(y),
            (Step::Year, Period::Fiscal(_)) => Period::Fiscal(y),
            (Step::Year, Period::Quarter(_, q)) => Period::Quarter(y, q),
            (Step::Year, Period::Quarters(_, a, b)) => Period::Quarters(y, a, b),
            (Step::Year, Period::Half(_, h)) => Period::Half(y, h),
            (Step::Previous, Period::Quarter(cy, q)) => {
                if q > 1 {
                    Period::Quarter(cy, q - 1)
                } else {
                    Period::Quarter(y, 4)
                }
            }
            (Step::Previous, Period::Half(cy, h)) => {
                if h > 1 {
                    Period::Half(cy, 1)
                } else {
                    Period::Half(y, 2)
                }
            }
            (Step::Previous, Period::Year(_) | Period::Fiscal(_)) => return self.back(Step::Year),
            (Step::Previous, Period::Quarters(..)) => return None,
        })
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Fiscal(y) => write!(f, "FY{y}"),
            Period::Quarter(y, q) => write!(f, "{y}Q{q}"),
            Period::Quarters(y, a, b) => write!(f, "{y}Q{a}-Q{b}"),
            Period::Half(y, h) => write!(f, "{y}H{h}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_every_shape() {
        for s in ["2024", "FY2025", "2025Q3", "2025Q1-Q3", "2024H1", "2024H2"] {
            let p = Period::parse(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(p.to_string(), s);
        }
    }

    #[test]
    fn rejects_malformed_periods() {
        for s in [
            "",
            "24",
            "FY25",
            "2025Q5",
            "2025Q3-Q1",
            "2025H3",
            "2025 ",
            "２０２４",
            "2024年",
        ] {
            assert_eq!(Period::parse(s), None, "{s}");
        }
    }

    #[test]
    fn steps_back() {
        let p = |s| Period::parse(s).unwrap();
        assert_eq!(p("FY2025").back(Step::Year), Some(p("FY2024")));
        assert_eq!(p("2025Q1-Q3").back(Step::Year), Some(p("2024Q1-Q3")));
        assert_eq!(p("2025Q1").back(Step::Previous), Some(p("2024Q4")));
        assert_eq!(p("2025H2").back(Step::Previous), Some(p("2025H1")));
        assert_eq!(p("2025Q1-Q3").back(Step::Previous), None);
        assert_eq!(p("1000").back(Step::Year), None);
    }
}
