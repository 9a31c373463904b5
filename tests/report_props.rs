//! Property tests: on any text with any spans (even off character boundaries or past the
//! end), every writer finishes without panicking, JSON stays valid, and the HTML article
//! keeps the text exactly.

mod report_fixture;

use numcheck::claim::{ClaimKind, Num, Value};
use numcheck::document::{Document, Span};
use numcheck::finding::Finding;
use numcheck::report::{
    claims_writer, writer, ClaimsFormat, DocReport, Format, ReportOptions, Stats,
};
use proptest::prelude::*;
use report_fixture::{claim, render_reports, RANGE, SHARE};

/// Text drawn from Chinese, ASCII, wide and control characters, with line breaks.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just('约'),
            Just('万'),
            Just('亿'),
            Just('。'),
            Just('，'),
            Just('3'),
            Just('%'),
            Just('|'),
            Just('<'),
            Just('&'),
            Just('"'),
            Just('\n'),
            Just('\r'),
            Just('\t'),
            Just(' '),
            Just('😀'),
            Just('\u{301}'),
        ],
        0..120,
    )
    .prop_map(|v| v.into_iter().collect())
}

fn report(text: String, spans: Vec<(usize, usize)>) -> DocReport {
    let len = text.len() + 3;
    let mut claims = Vec::new();
    let mut findings = Vec::new();
    for (i, (a, b)) in spans.into_iter().enumerate() {
        let (a, b) = (a % len, b % len);
        let s = Span {
            start: a.min(b),
            end: a.max(b),
        };
        if i % 2 == 0 {
            claims.push(claim(
                claims.len(),
                s,
                ClaimKind::Level,
                Value::Point(Num::new(3.0, 1.0)),
                None,
            ));
        } else {
            let rule = if i % 4 == 1 { &RANGE } else { &SHARE };
            findings.push(Finding::new(rule, s, "50%, a: b\nc").related(
                Span {
                    start: s.end,
                    end: len,
                },
                "r",
            ));
        }
    }
    DocReport {
        doc: Document::new("p.txt", text),
        claims,
        findings,
        stats: Stats::default(),
        checked: Vec::new(),
        referenced: Vec::new(),
    }
}

/// The text of the HTML article: the `<p class="line">` contents, tags dropped, joined by `\n`.
fn article_text(html: &str) -> String {
    let start = html.find("<div class=\"article\">").expect("article");
    let body = &html[start..];
    let body = &body[..body.find("</div>").expect("article ends")];
    let lines: Vec<String> = body
        .split("<p class=\"line\"")
        .skip(1)
        .map(|p| {
            let inner = &p[p.find('>').expect("tag") + 1..p.find("</p>").expect("p ends")];
            let mut out = String::new();
            let mut in_tag = false;
            for c in inner.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' if in_tag => in_tag = false,
                    _ if !in_tag => out.push(c),
                    _ => {}
                }
            }
            out.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
        })
        .collect();
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn writers_never_panic_and_keep_the_text(t in text(), spans in proptest::collection::vec((0usize..400, 0usize..400), 0..8)) {
        let r = report(t.clone(), spans);
        for (name, f) in Format::ALL {
            let mut w = writer(f, ReportOptions { color: name == "full" });
            let out = render_reports(&mut *w, std::slice::from_ref(&r), true);
            match f {
                Format::Json | Format::Sarif => {
                    prop_assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok(), "{name}: {out}");
                }
                Format::Jsonl => {
                    for l in out.lines() {
                        prop_assert!(serde_json::from_str::<serde_json::Value>(l).is_ok(), "jsonl: {l}");
                    }
                }
                Format::Github => {
                    // One command per finding, one failure, one summary: no raw line breaks leak.
                    prop_assert_eq!(out.lines().count(), r.findings.len() + 2);
                }
                Format::Html => {
                    // Lines are split at \n; \r before \n is not shown, like any line terminator.
                    let shown: Vec<&str> = t.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
                    let mut expected = shown.join("\n");
                    if t.ends_with('\n') {
                        expected.truncate(expected.len() - 1);
                    }
                    prop_assert_eq!(article_text(&out), expected);
                }
                _ => {}
            }
        }
        for (_, f) in ClaimsFormat::ALL {
            let mut w = claims_writer(f);
            let _ = render_reports(&mut *w, std::slice::from_ref(&r), true);
        }
    }
}
