//! Findings: what a rule reports, with its arithmetic, and the severities they carry.

use crate::document::Span;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// How sure a rule is that something is wrong. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look.
    Info,
    /// Probably wrong or overstated.
    Warning,
    /// Cannot be right as written.
    Error,
}

impl Severity {
    /// The lowercase name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity `{s}` (expected error, warning or info)"
            )),
        }
    }
}

/// The fixed identity and documentation of a rule (DESIGN §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable code, e.g. `NC101`.
    pub code: &'static str,
    /// Stable name, e.g. `range-magnitude-mismatch`.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One line: what it flags.
    pub summary: &'static str,
    /// Full documentation: what, why, flagged and clean examples, tolerance.
    pub doc: &'static str,
}

/// Another span a finding refers to, with what it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    /// Where.
    pub span: Span,
    /// What this span is to the finding, e.g. `first stated here as 30万-40万枚`.
    pub message: String,
}

/// One problem found, with the arithmetic that shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The rule that found it.
    pub rule: &'static RuleInfo,
    /// Severity after configuration (starts as the rule's default).
    pub severity: Severity,
    /// The primary span.
    pub span: Span,
    /// One sentence saying what is wrong.
    pub message: String,
    /// The value as stated, in words and numbers (`远超60% (> 60%)`).
    pub stated: Option<String>,
    /// The value or interval the rest of the text or the reference implies.
    pub expected: Option<String>,
    /// How the expected value was computed (`60万/(60万+40万) … 80万/(80万+30万)`).
    pub formula: Option<String>,
    /// The tolerance used and where it came from (written precision, hedge).
    pub tolerance: Option<String>,
    /// A rewrite that would fix it, when one is clear (`30万-40万枚`).
    pub suggestion: Option<String>,
    /// Every other span involved.
    pub related: Vec<Related>,
}

/// Joins `parts` into one string, allocated once.
///
/// Finding texts are fixed words around figures already written out: `format!` runs the
/// formatting machinery for every piece, several times what copying it costs, and the rules
/// build a handful of texts for every finding.
pub fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// `n` in decimal, as `n.to_string()` writes it, for [`cat`].
pub fn decimal(mut n: usize) -> String {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits[i..].iter().map(|&d| char::from(d)).collect()
}

impl Finding {
    /// A finding of `rule` at `span` with its default severity and no details yet.
    pub fn new(rule: &'static RuleInfo, span: Span, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: rule.severity,
            span,
            message: message.into(),
            stated: None,
            expected: None,
            formula: None,
            tolerance: None,
            suggestion: None,
            related: Vec::new(),
        }
    }

    /// Sets the stated value.
    pub fn stated(mut self, s: impl Into<String>) -> Self {
        self.stated = Some(s.into());
        self
    }

    /// Sets the expected value or interval.
    pub fn expected(mut self, s: impl Into<String>) -> Self {
        self.expected = Some(s.into());
        self
    }

    /// Sets the formula.
    pub fn formula(mut self, s: impl Into<String>) -> Self {
        self.formula = Some(s.into());
        self
    }

    /// Sets the tolerance.
    pub fn tolerance(mut self, s: impl Into<String>) -> Self {
        self.tolerance = Some(s.into());
        self
    }

    /// Sets the suggestion.
    pub fn suggestion(mut self, s: impl Into<String>) -> Self {
        self.suggestion = Some(s.into());
        self
    }

    /// Adds a related span.
    pub fn related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cat_and_decimal_write_what_format_writes() {
        for n in [0usize, 7, 10, 99, 100, 12345, usize::MAX] {
            assert_eq!(decimal(n), n.to_string());
        }
        assert_eq!(cat(&[]), "");
        assert_eq!(
            cat(&["`", "171亿", "` on line ", &decimal(3)]),
            format!("`{}` on line {}", "171亿", 3)
        );
    }
}
