//! Snapshots of every output format on hand-built reports, plus the properties each format
//! promises (caret alignment, windowing, escaping, coverage).

mod report_fixture;

use numcheck::report::full::FullWriter;
use numcheck::report::{claims_writer, writer, ClaimsFormat, Format, ReportOptions};
use report_fixture::{clean, flagged, render, render_reports};
use unicode_width::UnicodeWidthStr;

fn plain(format: Format) -> String {
    render(writer(format, ReportOptions::default()))
}

#[test]
fn full_snapshot() {
    insta::assert_snapshot!(plain(Format::Full));
}

#[test]
fn full_windows_long_lines_snapshot() {
    let out = render(Box::new(
        FullWriter::new(ReportOptions::default()).with_width(48),
    ));
    insta::assert_snapshot!(out);
}

#[test]
fn concise_snapshot() {
    insta::assert_snapshot!(plain(Format::Concise));
}

#[test]
fn table_snapshot() {
    insta::assert_snapshot!(plain(Format::Table));
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!(plain(Format::Json));
}

#[test]
fn jsonl_snapshot() {
    insta::assert_snapshot!(plain(Format::Jsonl));
}

#[test]
fn github_snapshot() {
    insta::assert_snapshot!(plain(Format::Github));
}

#[test]
fn sarif_snapshot() {
    insta::assert_snapshot!(plain(Format::Sarif));
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(plain(Format::Markdown));
}

#[test]
fn html_snapshot() {
    insta::assert_snapshot!(plain(Format::Html));
}

#[test]
fn claims_snapshots() {
    insta::assert_snapshot!("claims_table", render(claims_writer(ClaimsFormat::Table)));
    insta::assert_snapshot!("claims_json", render(claims_writer(ClaimsFormat::Json)));
    insta::assert_snapshot!("claims_csv", render(claims_writer(ClaimsFormat::Csv)));
}

/// In `full`, every caret row starts under the flagged text, counting wide characters as 2.
#[test]
fn full_carets_sit_under_chinese_text() {
    for width in [200, 48, 30] {
        let out = render(Box::new(
            FullWriter::new(ReportOptions::default()).with_width(width),
        ));
        let lines: Vec<&str> = out.lines().collect();
        let mut checked = 0;
        for (i, l) in lines.iter().enumerate() {
            let Some(src) = l.split_once(" | ").map(|(g, s)| (g.trim(), s)) else {
                continue;
            };
            if src.0.is_empty() || !src.0.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let source = src.1;
            // Caret rows follow the source line.
            for row in lines[i + 1..]
                .iter()
                .take_while(|r| r.trim_start().starts_with('|'))
            {
                let Some((_, marks)) = row.split_once("| ") else {
                    continue;
                };
                let col = marks.len() - marks.trim_start().len();
                let first = marks.trim_start().chars().next();
                if !matches!(first, Some('^') | Some('-')) {
                    continue;
                }
                let n = marks
                    .trim_start()
                    .chars()
                    .take_while(|&c| c == first.unwrap())
                    .count();
                // The underlined text is what lies in [col, col + n) display columns.
                let mut w = 0;
                let mut under = String::new();
                for c in source.chars() {
                    let cw = c.to_string().width();
                    if w >= col && w + cw <= col + n {
                        under.push(c);
                    }
                    w += cw;
                }
                assert!(
                    [
                        "30万-40辆",
                        "占比约为25%",
                        "约为300万-320万辆",
                        "海外销量为30万",
                        "16亿",
                        "超8000亿元",
                        "请输入验证码"
                    ]
                    .iter()
                    .any(|t| t.starts_with(&under) && !under.is_empty()),
                    "width {width}: underline `{under}` under `{source}`"
                );
                checked += 1;
            }
        }
        assert!(
            checked >= 7,
            "width {width}: only {checked} underlines seen"
        );
    }
}

/// Long paragraph lines are cut around the span, never printed whole.
#[test]
fn full_windows_source_lines() {
    let out = render(Box::new(
        FullWriter::new(ReportOptions::default()).with_width(48),
    ));
    // Source lines are the ones whose gutter holds a line number.
    let source = out.lines().filter_map(|l| {
        let (g, s) = l.split_once(" | ")?;
        (!g.trim().is_empty() && g.trim().chars().all(|c| c.is_ascii_digit())).then_some(s)
    });
    for src in source {
        let l = src;
        assert!(src.width() <= 48, "too wide: {l}");
    }
    assert!(out.contains("...其中海外销量为30万-40辆"), "{out}");
}

#[test]
fn full_colours_only_when_asked() {
    let plain = plain(Format::Full);
    assert!(!plain.contains('\x1b'));
    let coloured = render(writer(Format::Full, ReportOptions { color: true }));
    assert!(coloured.contains("\x1b[1;31merror[NC101]\x1b[0m"));
}

#[test]
fn github_escapes_data_and_properties() {
    let out = plain(Format::Github);
    let share = out
        .lines()
        .find(|l| l.starts_with("::warning"))
        .expect("warning line");
    assert!(share.starts_with("::warning file=news/比亚迪 销量.txt,line=3,col="));
    assert!(share.contains(",title=NC104 derived-share-mismatch::stated share 25%25 does not follow from the counts: 9.4%25–13.3%25,%0Asee the formula%0Astated: "));
    // Properties escape `:` and `,` too.
    let mut r = flagged();
    r.doc.path = "a,b:c%.txt".into();
    let mut w = writer(Format::Github, ReportOptions::default());
    let out = render_reports(&mut *w, &[r], false);
    assert!(
        out.contains("::error file=a%2Cb%3Ac%25.txt,line=3,"),
        "{out}"
    );
    assert_eq!(
        out.lines().count(),
        5,
        "one line per finding plus the summary"
    );
    assert!(out
        .lines()
        .filter(|l| l.starts_with("::"))
        .all(|l| !l.contains('\r')));
}

#[test]
fn markdown_escapes_pipes() {
    let mut r = flagged();
    r.findings[0].message = "a | b".into();
    let mut w = writer(Format::Markdown, ReportOptions::default());
    let out = render_reports(&mut *w, &[r], false);
    assert!(out.contains("a \\| b"));
    let row = out.lines().find(|l| l.contains("a \\| b")).unwrap();
    // Seven columns: six unescaped inner separators, the escaped pipe is not one.
    assert_eq!(row.matches(" | ").count(), 6, "{row}");
}

#[test]
fn every_format_reports_coverage() {
    for (name, f) in Format::ALL {
        let out = plain(f);
        // 13 numeric mentions over both documents, 10 claims, 6 checked, 4 unmatched.
        let has = |n: &str| out.contains(n);
        assert!(
            has("13") && has("10") && has("6") && has("4"),
            "{name}: {out}"
        );
        match f {
            Format::Json | Format::Jsonl | Format::Sarif => {
                assert!(has("\"numeric_mentions\":") && has("\"unmatched\":") && has("\"suppressed\":"), "{name}")
            }
            Format::Html | Format::Markdown | Format::Table => {
                assert!(has("numeric mentions") && has("unmatched") && has("suppressed"), "{name}")
            }
            _ => assert!(
                has("13 numeric mentions, 10 claims, 6 checked, 4 unmatched; 1 error, 1 warning, 2 infos, 1 suppressed"),
                "{name}: {out}"
            ),
        }
    }
}

#[test]
fn formats_survive_spans_off_character_boundaries() {
    let mut r = flagged();
    // A broken span (inside a character, past the end) must not panic any writer.
    r.findings[0].span = numcheck::document::Span::new(1, 10_000);
    r.claims[0].span = numcheck::document::Span::new(2, 5);
    for (_, f) in Format::ALL {
        let mut w = writer(f, ReportOptions::default());
        let _ = render_reports(&mut *w, &[r.clone(), clean()], true);
    }
    for (_, f) in ClaimsFormat::ALL {
        let mut w = claims_writer(f);
        let _ = render_reports(&mut *w, &[r.clone()], true);
    }
}

/// A span across a line break is cut at the line end in HTML and stays nested.
#[test]
fn html_cuts_spans_at_line_ends() {
    use numcheck::claim::{ClaimKind, Num, Value};
    use numcheck::document::{Document, Span};
    use numcheck::finding::Finding;
    use numcheck::report::{DocReport, Stats};
    let text = "销量增长\n30%，利润";
    let doc = Document::new("t.txt", text);
    let across = Span::new(text.find("增长").unwrap(), text.find('，').unwrap());
    let c = report_fixture::claim(
        0,
        across,
        ClaimKind::Growth,
        Value::Point(Num::new(30.0, 1.0)),
        None,
    );
    let f = Finding::new(
        &report_fixture::SHARE,
        Span::new(text.find("30").unwrap(), text.len()),
        "x",
    );
    let r = DocReport {
        doc,
        claims: vec![c],
        findings: vec![f],
        stats: Stats::default(),
        checked: Vec::new(),
        referenced: Vec::new(),
    };
    let mut w = writer(Format::Html, ReportOptions::default());
    let out = render_reports(&mut *w, &[r], false);
    assert!(
        out.contains("data-line=\"1\">销量<mark class=\"claim\" data-claim-id=\"0\""),
        "{out}"
    );
    assert!(out.contains(">增长</mark></p>\n<p class=\"line\" id=\"d0-L2\" data-line=\"2\"><mark class=\"claim\" data-claim-id=\"0\""), "{out}");
    assert!(
        out.contains(">30%</span></mark><span class=\"finding sev-warning\""),
        "{out}"
    );
    assert!(out.contains(">，利润</span></p>"), "{out}");
}
