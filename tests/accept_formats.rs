//! Acceptance of issues 2–4 as a new user sees them: the real binary, run from the repository
//! root with relative paths, on the sample article and on a clean article; a snapshot of
//! every `check` format and of the `claims` table, and the exit codes 0/1/2 for every format.

mod cli_support;

use cli_support::{numcheck_in, run, FORMATS};
use std::path::Path;

/// The sample article, relative to the repository root.
const SAMPLE: &str = "seeds/nvidia-china-export-controls.txt";
/// The sample's publication date (今年4月9日 needs it).
const SAMPLE_DATE: &str = "2025-11-20";
/// A clean article of our own: correct growth rates, shares summing to 100%, a ranking, a
/// range and dates.
const CLEAN: &str = "tests/fixtures/accept/clean-ev-battery-october.txt";
/// Its publication date.
const CLEAN_DATE: &str = "2025-11-12";

/// `numcheck ARGS…` run from the repository root; (exit code, stdout, stderr).
fn numcheck(args: &[&str]) -> (i32, String, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    run(numcheck_in(root).args(args))
}

/// `numcheck check --format F --article-date D PATH`; asserts a clean stderr.
fn check(format: &str, date: &str, path: &str) -> (i32, String) {
    let (code, out, err) = numcheck(&["check", "--format", format, "--article-date", date, path]);
    assert!(
        !err.contains("panicked") && !err.contains("error:"),
        "{format} {path}: {err}"
    );
    (code, out)
}

/// The package version replaced by a placeholder, so a release does not churn snapshots.
fn redact_version(s: &str) -> String {
    s.replace(
        &format!("\"{}\"", env!("CARGO_PKG_VERSION")),
        "\"[version]\"",
    )
}

/// SARIF with each rule's long documentation (help, full description) replaced by a
/// marker, so the snapshot shows the results and the rule list, not every rule's docs.
fn sarif_digest(out: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(out).expect("sarif is JSON");
    let rules = v["runs"][0]["tool"]["driver"]["rules"]
        .as_array_mut()
        .expect("driver.rules");
    for r in rules.iter_mut() {
        let help = r["help"]["text"].as_str().unwrap_or("");
        assert!(
            help.len() > 40,
            "rule {} has no real help text",
            r["id"].as_str().unwrap_or("?")
        );
        r["help"]["text"] = serde_json::Value::from("[rule documentation]");
        if r["fullDescription"]["text"].is_string() {
            r["fullDescription"]["text"] = serde_json::Value::from("[rule documentation]");
        }
    }
    redact_version(&serde_json::to_string_pretty(&v).expect("serialize"))
}

/// The output of `format` as it goes into a snapshot.
fn snapshot_text(format: &str, out: &str) -> String {
    match format {
        "sarif" => sarif_digest(out),
        _ => redact_version(out),
    }
}

#[test]
fn sample_claims_table() {
    let (code, out, err) = numcheck(&["claims", "--article-date", SAMPLE_DATE, SAMPLE]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("sample_claims_table", out);
}

#[test]
fn sample_in_every_format() {
    for f in FORMATS {
        let (code, out) = check(f, SAMPLE_DATE, SAMPLE);
        assert_eq!(code, 1, "format {f}: the sample has errors");
        insta::assert_snapshot!(format!("sample_{f}"), snapshot_text(f, &out));
    }
}

#[test]
fn clean_article_in_every_format() {
    for f in FORMATS {
        let (code, out) = check(f, CLEAN_DATE, CLEAN);
        assert_eq!(code, 0, "format {f}: the clean article has no finding");
        insta::assert_snapshot!(format!("clean_{f}"), snapshot_text(f, &out));
    }
}

#[test]
fn exit_codes_are_the_same_for_every_format() {
    // (extra flags, path, expected exit code)
    let cases: [(&[&str], &str, i32); 7] = [
        (&[], SAMPLE, 1),
        (&["--fail-on", "error"], SAMPLE, 1),
        (&["--fail-on", "warning"], SAMPLE, 1),
        (&["--fail-on", "never"], SAMPLE, 0),
        (&[], CLEAN, 0),
        (&["--fail-on", "info"], CLEAN, 0),
        (&[], "tests/fixtures/accept/no-such-article.txt", 2),
    ];
    for f in FORMATS {
        for (flags, path, want) in cases {
            let mut args = vec!["check", "--format", f];
            args.extend_from_slice(flags);
            args.push(path);
            let (code, _, err) = numcheck(&args);
            assert_eq!(code, want, "format {f}, flags {flags:?}, {path}: {err}");
            assert!(!err.contains("panicked"), "{err}");
            if want == 2 {
                assert_eq!(err.lines().count(), 1, "one-line error: {err}");
                assert!(err.contains("no-such-article.txt"), "{err}");
            }
        }
    }
}

#[test]
fn a_missing_file_among_good_ones_still_exits_two_and_reports_the_rest() {
    for f in FORMATS {
        let (code, out, err) = numcheck(&[
            "check",
            "--format",
            f,
            "--fail-on",
            "never",
            CLEAN,
            "tests/fixtures/accept/no-such-article.txt",
        ]);
        assert_eq!(code, 2, "format {f}: {err}");
        assert!(err.contains("no-such-article.txt"), "{err}");
        assert!(
            !out.is_empty() || f == "concise" || f == "github",
            "format {f}: the readable file is still reported"
        );
    }
}

#[test]
fn real_sarif_validates_against_the_bundled_schema() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-2.1.0.json"),
    )
    .expect("bundled schema");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    let (code, out, err) = numcheck(&[
        "check",
        "--format",
        "sarif",
        "--article-date",
        SAMPLE_DATE,
        SAMPLE,
        CLEAN,
    ]);
    assert_eq!(code, 1, "{err}");
    let log: serde_json::Value = serde_json::from_str(&out).expect("SARIF is JSON");
    let problems: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(log["runs"][0]["columnKind"], "unicodeCodePoints");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(
        results.len(),
        6,
        "the sample's findings, none from the clean article"
    );
    assert!(results.iter().all(|r| r["partialFingerprints"].is_object()));
}

#[test]
fn readme_example_is_the_real_output_of_the_quick_start_command() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let (begin, end) = (
        "<!-- example:begin -->\n```text\n",
        "\n```\n<!-- example:end -->",
    );
    let start = readme.find(begin).expect("README has the example block") + begin.len();
    let shown = &readme[start..start + readme[start..].find(end).expect("block ends")];
    // The quick-start command, as a new user runs it (no --article-date).
    let (code, out, _) = numcheck(&["check", SAMPLE]);
    assert_eq!(code, 1, "the README says the sample exits with 1");
    assert_eq!(
        shown,
        out.trim_end_matches('\n'),
        "README's Example is stale: paste the output of `numcheck check {SAMPLE}`"
    );
}

#[test]
fn every_format_reports_coverage() {
    // Mentions found, claims, claims checked, claims matching no reference, findings by
    // severity: the same numbers, whatever the format.
    let (_, json) = check("json", SAMPLE_DATE, SAMPLE);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let s = &v["summary"];
    let keys = [
        "numeric_mentions",
        "claims",
        "checked",
        "unmatched",
        "errors",
        "warnings",
        "infos",
    ];
    let want: Vec<u64> = keys.iter().map(|k| s[k].as_u64().expect(k)).collect();
    for f in FORMATS {
        let (_, out) = check(f, SAMPLE_DATE, SAMPLE);
        let got: Vec<u64> = match f {
            "json" | "jsonl" | "sarif" => {
                let summary = match f {
                    "json" => v["summary"].clone(),
                    "jsonl" => {
                        let last = out.lines().last().expect("summary line");
                        serde_json::from_str::<serde_json::Value>(last).expect("jsonl")["data"]
                            .clone()
                    }
                    _ => serde_json::from_str::<serde_json::Value>(&out).expect("sarif")["runs"][0]
                        ["properties"]["coverage"]
                        .clone(),
                };
                keys.iter().filter_map(|k| summary[k].as_u64()).collect()
            }
            "full" | "concise" | "github" => {
                let line = format!(
                    "{} numeric mentions, {} claims, {} checked, {} unmatched; {} errors, {} warnings, {} infos",
                    want[0], want[1], want[2], want[3], want[4], want[5], want[6]
                );
                assert!(out.contains(&line), "{f}: no `{line}`");
                want.clone()
            }
            _ => {
                // Tables (table, markdown, html): every heading is there.
                for word in [
                    "numeric mentions",
                    "checked",
                    "unmatched",
                    "warnings",
                    "infos",
                ] {
                    assert!(out.contains(word), "{f}: no `{word}` in the output");
                }
                want.clone()
            }
        };
        assert_eq!(got, want, "{f}");
    }
}

/// The source text a run of `^` or `-` marks under a snippet line, matched by display width.
fn under(source: &str, start_col: usize, len: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut col = 0;
    let mut out = String::new();
    for c in source.chars() {
        let w = c.width().unwrap_or(0);
        if col >= start_col && col + w <= start_col + len {
            out.push(c);
        }
        col += w;
    }
    out
}

#[test]
fn full_output_underlines_exactly_the_spans_under_chinese_text() {
    let (_, json) = check("json", SAMPLE_DATE, SAMPLE);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let mut spans: Vec<String> = Vec::new();
    for f in v["documents"][0]["findings"].as_array().expect("findings") {
        spans.push(f["text"].as_str().unwrap_or("").to_string());
        for r in f["related"].as_array().expect("related") {
            spans.push(r["text"].as_str().unwrap_or("").to_string());
        }
    }
    let (_, full) = check("full", SAMPLE_DATE, SAMPLE);
    let mut source: Option<(usize, &str)> = None;
    let mut seen = 0;
    for line in full.lines() {
        let Some(bar) = line.find(" | ").or_else(|| line.find(" |")) else {
            continue;
        };
        let (gutter, rest) = line.split_at(bar);
        let body = rest.strip_prefix(" | ").unwrap_or("");
        if !gutter.trim().is_empty() {
            // `17 | …source…`: the text after "| " starts at display column 0.
            source = Some((bar + 3, body));
            continue;
        }
        let Some((_, src)) = source else { continue };
        // Runs of ^ or - in the marker line, in display columns relative to the source.
        let marks: Vec<char> = body.chars().collect();
        let mut i = 0;
        while i < marks.len() {
            let m = marks[i];
            if m == '^' || m == '-' {
                let j = (i..marks.len())
                    .find(|&k| marks[k] != m)
                    .unwrap_or(marks.len());
                if j - i >= 2 || m == '^' {
                    let text = under(src, i, j - i);
                    assert!(
                        spans.iter().any(|s| s == &text),
                        "`{}` underlines `{text}`, not a finding's span",
                        line
                    );
                    seen += 1;
                }
                // Only the first run on a line is a mark; the rest is its label.
                break;
            } else if m != ' ' {
                break;
            }
            i += 1;
        }
    }
    assert!(seen >= 8, "only {seen} underlines seen");
}
