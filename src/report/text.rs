//! Small text helpers shared by the formats: coverage sentences, number display, one-line messages.

use super::{Stats, Totals};
use crate::claim::{Claim, Value};

/// `n word` or `n words`, English plural by `s`.
pub fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The coverage of a set of counts in one sentence, as every text format prints it:
/// `120 numeric mentions, 80 claims, 30 checked, 12 unmatched; 2 errors, 1 warning, 0 infos, 1 suppressed`.
pub fn coverage(stats: &Stats) -> String {
    format!(
        "{}, {}, {} checked, {} unmatched; {}, {}, {}, {} suppressed",
        count(stats.numeric_mentions, "numeric mention"),
        count(stats.claims, "claim"),
        stats.checked,
        stats.unmatched,
        count(stats.errors, "error"),
        count(stats.warnings, "warning"),
        count(stats.infos, "info"),
        stats.suppressed,
    )
}

/// The run summary: documents, failed inputs and coverage.
pub fn summary(totals: &Totals) -> String {
    let mut s = format!(
        "{}: {}",
        count(totals.documents, "document"),
        coverage(&totals.stats)
    );
    if totals.failed > 0 {
        s.push_str(&format!(
            "; {} could not be read",
            count(totals.failed, "input")
        ));
    }
    s
}

/// A message on one line: line breaks become spaces (for line-oriented formats).
pub fn one_line(s: &str) -> String {
    s.replace("\r\n", " ").replace(['\n', '\r'], " ")
}

/// A failed input on one line, naming the path once: `missing.txt: No such file`.
pub fn failure(path: &str, error: &crate::error::Error) -> String {
    let e = one_line(&error.to_string());
    if e.starts_with(path) {
        e
    } else {
        format!("{path}: {e}")
    }
}

/// A number for people: rounded to 12 significant digits (dropping float noise such as
/// `17100000000.000002`), printed without exponent or trailing zeros.
/// Not for machine output (JSON keeps its own rounding).
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let r: f64 = format!("{v:.11e}").parse().unwrap_or(v);
    // `{}` on f64 prints the shortest exact form, never with an exponent; `-0` reads badly.
    let s = r.to_string();
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

/// A claim's value for people: `485000`, `600000–800000`, or empty for dates and periods.
pub fn claim_value(claim: &Claim) -> String {
    match &claim.value {
        Value::Point(n) => number(n.value),
        Value::Range { low, high } => format!("{}–{}", number(low.value), number(high.value)),
        Value::None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_drop_float_noise() {
        assert_eq!(number(17_100_000_000.000_002), "17100000000");
        assert_eq!(number(13.1), "13.1");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(0.125), "0.125");
    }

    #[test]
    fn coverage_counts_plurals() {
        let s = Stats {
            numeric_mentions: 1,
            claims: 2,
            errors: 1,
            ..Stats::default()
        };
        assert_eq!(
            coverage(&s),
            "1 numeric mention, 2 claims, 0 checked, 0 unmatched; 1 error, 0 warnings, 0 infos, 0 suppressed"
        );
    }
}
