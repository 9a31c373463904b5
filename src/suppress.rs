//! Inline suppression: `<!-- numcheck-disable … -->` comments in an article silence findings.
//!
//! Directives (rules by code or name, comma separated; none means every rule; an optional
//! reason follows `--`):
//! - `<!-- numcheck-disable NC101,range-inverted -- 原文如此 -->` … `<!-- numcheck-enable -->`
//!   silences from the comment to the matching enable, or to the end of the article;
//!   `numcheck-enable RULE` ends only that rule's block.
//! - `<!-- numcheck-disable-next-line NC103 -->` silences the line after the comment.
//!
//! A finding is silenced when its primary span starts inside a region for its rule. Editors
//! silence what they have checked by hand, so silenced findings are counted, not hidden.

use crate::document::{Document, Span};
use crate::finding::Finding;

/// Rules a directive names: `None` means every rule.
type RuleSet = Option<Vec<String>>;

/// One stretch of text where some rules are silenced.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Region {
    span: Span,
    rules: RuleSet,
}

/// Every suppression region of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suppressions {
    regions: Vec<Region>,
}

/// A parsed directive comment.
#[derive(Debug, PartialEq, Eq)]
enum Directive {
    Disable(RuleSet),
    Enable(RuleSet),
    DisableNextLine(RuleSet),
}

/// Reads the inside of an HTML comment as a directive, if it is one.
fn directive(body: &str) -> Option<Directive> {
    let body = body.trim();
    // The reason after `--` is for human readers only.
    let body = match body.find("--") {
        Some(i) if body[..i].ends_with(char::is_whitespace) => &body[..i],
        _ => body,
    };
    let (word, rest) = match body.find(char::is_whitespace) {
        Some(i) => (&body[..i], &body[i..]),
        None => (body, ""),
    };
    let rules: Vec<String> = rest
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(|t| t.to_ascii_lowercase())
        .collect();
    let set = (!rules.is_empty()).then_some(rules);
    match word {
        "numcheck-disable" => Some(Directive::Disable(set)),
        "numcheck-enable" => Some(Directive::Enable(set)),
        "numcheck-disable-next-line" => Some(Directive::DisableNextLine(set)),
        _ => None,
    }
}

/// True when `set` names the rule with this code and name.
fn names(set: &RuleSet, code: &str, name: &str) -> bool {
    match set {
        None => true,
        Some(rules) => rules
            .iter()
            .any(|r| r.eq_ignore_ascii_case(code) || r == name),
    }
}

impl Suppressions {
    /// Finds every directive of `doc`.
    pub fn parse(doc: &Document) -> Suppressions {
        let text = doc.text.as_str();
        let mut regions = Vec::new();
        if !text.contains("numcheck-") {
            return Suppressions { regions };
        }
        // Open blocks: where each started and what it silences.
        let mut open: Vec<(usize, RuleSet)> = Vec::new();
        let mut pos = 0;
        while let Some(rel) = text[pos..].find("<!--") {
            let start = pos + rel;
            let body_start = start + 4;
            let Some(len) = text[body_start..].find("-->") else {
                break;
            };
            let body_end = body_start + len;
            let end = body_end + 3;
            pos = end;
            match directive(&text[body_start..body_end]) {
                Some(Directive::Disable(set)) => open.push((end, set)),
                Some(Directive::Enable(None)) => {
                    for (from, rules) in open.drain(..) {
                        regions.push(Region {
                            span: Span::new(from, start),
                            rules,
                        });
                    }
                }
                Some(Directive::Enable(Some(names_to_end))) => {
                    let mut still = Vec::new();
                    for (from, rules) in open.drain(..) {
                        match rules {
                            Some(rs) => {
                                let (ended, kept): (Vec<String>, Vec<String>) =
                                    rs.into_iter().partition(|r| names_to_end.contains(r));
                                if !ended.is_empty() {
                                    regions.push(Region {
                                        span: Span::new(from, start),
                                        rules: Some(ended),
                                    });
                                }
                                if !kept.is_empty() {
                                    still.push((from, Some(kept)));
                                }
                            }
                            // Enabling one rule inside a disable-all block cannot carve
                            // it out without a rule list; the block stays as written.
                            None => still.push((from, None)),
                        }
                    }
                    open = still;
                }
                Some(Directive::DisableNextLine(set)) => {
                    let next = doc.line_index(body_end) + 1;
                    if next < doc.line_count() {
                        let line = doc.line_span(next);
                        regions.push(Region {
                            span: Span::new(line.start, line.end.max(line.start + 1)),
                            rules: set,
                        });
                    }
                }
                None => {}
            }
        }
        for (from, rules) in open {
            regions.push(Region {
                span: Span::new(from, text.len()),
                rules,
            });
        }
        Suppressions { regions }
    }

    /// True when no directive was found.
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    /// True when `finding` starts inside a region that silences its rule.
    pub fn covers(&self, finding: &Finding) -> bool {
        let at = finding.span.start;
        self.regions.iter().any(|r| {
            r.span.start <= at
                && at < r.span.end
                && names(&r.rules, finding.rule.code, finding.rule.name)
        })
    }
}

/// Removes the findings `doc`'s directives silence; returns the rest and how many went.
pub fn apply(doc: &Document, findings: Vec<Finding>) -> (Vec<Finding>, usize) {
    let sup = Suppressions::parse(doc);
    if sup.is_empty() {
        return (findings, 0);
    }
    let before = findings.len();
    let kept: Vec<Finding> = findings.into_iter().filter(|f| !sup.covers(f)).collect();
    let gone = before - kept.len();
    (kept, gone)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{RuleInfo, Severity};

    static RANGE: RuleInfo = RuleInfo {
        code: "NC101",
        name: "range-magnitude-mismatch",
        severity: Severity::Error,
        summary: "",
        doc: "",
    };
    static REPEAT: RuleInfo = RuleInfo {
        code: "NC103",
        name: "repeated-figure-mismatch",
        severity: Severity::Error,
        summary: "",
        doc: "",
    };

    /// A finding of `rule` on the first occurrence of `needle` in `doc`.
    fn at(doc: &Document, rule: &'static RuleInfo, needle: &str) -> Finding {
        let s = doc.text.find(needle).expect("needle in fixture");
        Finding::new(rule, Span::new(s, s + needle.len()), "m")
    }

    fn kept(doc: &Document, fs: Vec<Finding>) -> (Vec<String>, usize) {
        let (k, n) = apply(doc, fs);
        let names = k
            .iter()
            .map(|f| format!("{}@{}", f.rule.code, doc.slice(f.span)))
            .collect();
        (names, n)
    }

    #[test]
    fn block_silences_named_rule_until_enable() {
        let doc = Document::new(
            "a.md",
            "比亚迪销量为30万-40辆。\n<!-- numcheck-disable NC101 -- 原文如此 -->\n理想销量为5万-6台。\n<!-- numcheck-enable -->\n蔚来销量为2万-3辆。",
        );
        let fs = vec![
            at(&doc, &RANGE, "30万-40辆"),
            at(&doc, &RANGE, "5万-6台"),
            at(&doc, &REPEAT, "5万-6台"),
            at(&doc, &RANGE, "2万-3辆"),
        ];
        let (k, n) = kept(&doc, fs);
        assert_eq!(n, 1);
        assert_eq!(k, vec!["NC101@30万-40辆", "NC103@5万-6台", "NC101@2万-3辆"]);
    }

    #[test]
    fn next_line_by_name_and_all_rules() {
        let doc = Document::new(
            "a.md",
            "<!-- numcheck-disable-next-line repeated-figure-mismatch -->\n华为出货量为3000万台。\n小米出货量为4000万台。\n<!-- numcheck-disable-next-line -->\nOPPO出货量为2万-3台。",
        );
        let fs = vec![
            at(&doc, &REPEAT, "3000万台"),
            at(&doc, &RANGE, "3000万台"),
            at(&doc, &REPEAT, "4000万台"),
            at(&doc, &RANGE, "2万-3台"),
            at(&doc, &REPEAT, "2万-3台"),
        ];
        let (k, n) = kept(&doc, fs);
        assert_eq!(n, 3);
        assert_eq!(k, vec!["NC101@3000万台", "NC103@4000万台"]);
    }

    #[test]
    fn unclosed_block_runs_to_end_and_enable_rule_ends_only_it() {
        let doc = Document::new(
            "a.md",
            "<!-- numcheck-disable nc101, NC103 -->宁德时代装机量为1万-2吉瓦时，<!-- numcheck-enable NC101 -->比亚迪装机量为3万-4吉瓦时。",
        );
        let fs = vec![
            at(&doc, &RANGE, "1万-2吉瓦时"),
            at(&doc, &REPEAT, "1万-2吉瓦时"),
            at(&doc, &RANGE, "3万-4吉瓦时"),
            at(&doc, &REPEAT, "3万-4吉瓦时"),
        ];
        let (k, n) = kept(&doc, fs);
        assert_eq!(n, 3);
        assert_eq!(k, vec!["NC101@3万-4吉瓦时"]);
    }

    #[test]
    fn ordinary_comments_and_lookalikes_silence_nothing() {
        let doc = Document::new(
            "a.md",
            "<!-- 编者按：numcheck-disable 不在开头 -->\n<!-- numcheck-disabled NC101 -->\n营收为1万-2元。<!-- numcheck-disable",
        );
        let (k, n) = kept(&doc, vec![at(&doc, &RANGE, "1万-2元")]);
        assert_eq!((k.len(), n), (1, 0));
    }

    #[test]
    fn next_line_on_last_line_is_harmless() {
        let doc = Document::new("a.md", "营收为1万-2元。<!-- numcheck-disable-next-line -->");
        let (k, n) = kept(&doc, vec![at(&doc, &RANGE, "1万-2元")]);
        assert_eq!((k.len(), n), (1, 0));
    }
}
