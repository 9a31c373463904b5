//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
//!
//! One run with `columnKind: unicodeCodePoints`. Results stream document by document;
//! `tool.driver.rules` is written at the end (JSON key order is free), so a finding of a
//! rule missing from the registry still gets a rule entry and a valid `ruleIndex`.

use super::{json, json::clamp, DocReport, ReportWriter, Totals};
use crate::document::{Document, Span};
use crate::finding::{Finding, RuleInfo, Severity};
use serde_json::{json as j, Map, Value as Json};
use std::collections::HashMap;
use std::io::{self, Write};

/// The schema URI written into every log.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF writer.
#[derive(Debug)]
pub struct SarifWriter {
    rules: Vec<&'static RuleInfo>,
    index: HashMap<&'static str, usize>,
    written: usize,
    failures: Vec<Json>,
}

impl SarifWriter {
    /// A writer listing `rules` (normally every rule of the registry) in `tool.driver.rules`.
    pub fn new(rules: Vec<&'static RuleInfo>) -> Self {
        let index = rules.iter().enumerate().map(|(i, r)| (r.code, i)).collect();
        SarifWriter {
            rules,
            index,
            written: 0,
            failures: Vec::new(),
        }
    }

    /// The rule's index in `tool.driver.rules`, adding it when first seen.
    fn rule_index(&mut self, rule: &'static RuleInfo) -> usize {
        if let Some(&i) = self.index.get(rule.code) {
            return i;
        }
        self.rules.push(rule);
        self.index.insert(rule.code, self.rules.len() - 1);
        self.rules.len() - 1
    }
}

/// The SARIF level of a severity.
pub fn level(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: `/` separators, everything but unreserved characters
/// percent-encoded (so Chinese file names stay valid), absolute paths as `file://` URIs.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// 64-bit FNV-1a: a small, fixed hash, stable across Rust versions and platforms.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Text without whitespace, so re-wrapping or re-indenting does not change fingerprints.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The fingerprint of a finding: rule, flagged text and up to 12 characters of context on
/// each side within its line. It ignores line numbers, so edits elsewhere keep it stable.
fn fingerprint(doc: &Document, f: &Finding) -> u64 {
    let s = clamp(doc, f.span);
    let line = doc.line_span(doc.line_index(s.start));
    let before: String = {
        let b = doc.text.get(line.start..s.start).unwrap_or("");
        let v: Vec<char> = b.chars().rev().take(12).collect();
        v.into_iter().rev().collect()
    };
    let after: String = doc
        .text
        .get(s.end..line.end.max(s.end))
        .unwrap_or("")
        .chars()
        .take(12)
        .collect();
    fnv1a(&[
        f.rule.code,
        &squeeze(json::slice(doc, s)),
        &squeeze(&before),
        &squeeze(&after),
    ])
}

/// A physical location for `span` in `doc` (SARIF `endColumn` is exclusive).
fn location(doc: &Document, span: Span) -> Json {
    let s = clamp(doc, span);
    let loc = doc.locate(s);
    let end_column = if s.is_empty() {
        loc.column
    } else {
        loc.end_column + 1
    };
    j!({
        "artifactLocation": { "uri": uri(&doc.path) },
        "region": {
            "startLine": loc.line,
            "startColumn": loc.column,
            "endLine": loc.end_line,
            "endColumn": end_column,
            "byteOffset": s.start,
            "byteLength": s.len(),
            "snippet": { "text": json::slice(doc, s) },
        }
    })
}

/// The message text: the finding's message and its arithmetic, one item per line.
fn message(f: &Finding) -> String {
    let mut s = f.message.clone();
    for (name, v) in [
        ("stated", &f.stated),
        ("expected", &f.expected),
        ("formula", &f.formula),
        ("tolerance", &f.tolerance),
        ("suggestion", &f.suggestion),
    ] {
        if let Some(v) = v {
            s.push_str(&format!("\n{name}: {v}"));
        }
    }
    s
}

/// A SARIF `reportingDescriptor` for a rule.
fn rule_descriptor(r: &RuleInfo) -> Json {
    j!({
        "id": r.code,
        "name": r.name,
        "shortDescription": { "text": r.summary },
        "fullDescription": { "text": r.doc },
        "help": { "text": r.doc },
        "defaultConfiguration": { "level": level(r.severity) },
    })
}

impl SarifWriter {
    /// One SARIF result.
    fn result(&mut self, doc: &Document, f: &Finding, occurrence: usize) -> Json {
        let related: Vec<Json> = f
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut l = location(doc, r.span);
                if let Json::Object(m) = &mut l {
                    // relatedLocations are full `location` objects.
                    let phys = Json::Object(std::mem::take(m));
                    m.insert("id".into(), j!(i + 1));
                    m.insert("physicalLocation".into(), phys);
                    m.insert("message".into(), j!({ "text": r.message }));
                }
                l
            })
            .collect();
        let mut props = Map::new();
        for (name, v) in [
            ("stated", &f.stated),
            ("expected", &f.expected),
            ("formula", &f.formula),
            ("tolerance", &f.tolerance),
            ("suggestion", &f.suggestion),
        ] {
            if let Some(v) = v {
                props.insert(name.into(), j!(v));
            }
        }
        let fp = format!("{:016x}:{occurrence}", fingerprint(doc, f));
        let mut r = j!({
            "ruleId": f.rule.code,
            "ruleIndex": self.rule_index(f.rule),
            "level": level(f.severity),
            "message": { "text": message(f) },
            "locations": [ { "physicalLocation": location(doc, f.span) } ],
            "partialFingerprints": { "numcheck/v1": fp },
            "properties": props,
        });
        if !related.is_empty() {
            if let Json::Object(m) = &mut r {
                m.insert("relatedLocations".into(), Json::Array(related));
            }
        }
        r
    }
}

impl ReportWriter for SarifWriter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "{{\n  \"$schema\": \"{SCHEMA_URI}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
        )
    }

    fn document(&mut self, r: &DocReport, out: &mut dyn Write) -> io::Result<()> {
        let mut seen: HashMap<u64, usize> = HashMap::new();
        for f in &r.findings {
            // Identical findings in identical context are told apart by their order.
            let n = seen.entry(fingerprint(&r.doc, f)).or_insert(0);
            let occurrence = *n;
            *n += 1;
            let v = self.result(&r.doc, f, occurrence);
            out.write_all(if self.written == 0 {
                b"\n        "
            } else {
                b",\n        "
            })?;
            json::write_indented(out, &v, 8)?;
            self.written += 1;
        }
        Ok(())
    }

    fn failure(
        &mut self,
        path: &str,
        error: &crate::error::Error,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        self.failures.push(j!({
            "level": "error",
            "message": { "text": error.to_string() },
            "locations": [ { "physicalLocation": { "artifactLocation": { "uri": uri(path) } } } ],
        }));
        Ok(())
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.written == 0 {
            b"],"
        } else {
            b"\n      ],"
        })?;
        let tool = j!({
            "driver": {
                "name": "numcheck",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": self.rules.iter().map(|r| rule_descriptor(r)).collect::<Vec<_>>(),
            }
        });
        let invocations = j!([{
            "executionSuccessful": totals.failed == 0,
            "toolExecutionNotifications": std::mem::take(&mut self.failures),
        }]);
        let props = j!({ "coverage": json::summary(totals) });
        for (key, v, last) in [
            ("tool", &tool, false),
            ("invocations", &invocations, false),
            ("properties", &props, true),
        ] {
            write!(out, "\n      \"{key}\": ")?;
            json::write_indented(out, v, 6)?;
            if !last {
                out.write_all(b",")?;
            }
        }
        out.write_all(b"\n    }\n  ]\n}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            uri("news/英伟达 报道.txt"),
            "news/%E8%8B%B1%E4%BC%9F%E8%BE%BE%20%E6%8A%A5%E9%81%93.txt"
        );
        assert_eq!(uri("/tmp/a.txt"), "file:///tmp/a.txt");
        assert_eq!(uri("dir\\a.txt"), "dir/a.txt");
    }

    #[test]
    fn fnv_is_the_published_function() {
        // FNV-1a 64 of "a" is af63dc4c8601ec8c; ours appends a 0xff separator per part.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        h ^= u64::from(b'a');
        h = h.wrapping_mul(0x0100_0000_01b3);
        assert_eq!(h, 0xaf63_dc4c_8601_ec8c);
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }
}
