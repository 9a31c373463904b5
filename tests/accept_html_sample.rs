//! The sample article's HTML report, made by the binary and opened in headless Chromium:
//! every claim highlighted, the six findings marked in place and listed, the summary present,
//! the Chinese text intact; then a screenshot of the whole page. With
//! NUMCHECK_UPDATE_SCREENSHOT=1 (or when it is missing) the screenshot becomes
//! docs/report.png, the README's picture of the report.

mod chromium_support;
mod cli_support;

use chromium_support::run_chromium;
use cli_support::{numcheck_in, run};
use std::path::{Path, PathBuf};

const SAMPLE: &str = "seeds/nvidia-china-export-controls.txt";

/// Writes the sample's HTML report with `-o` into a fresh directory; returns (dir, page).
fn write_report() -> (PathBuf, PathBuf) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("accept-html-sample");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create test dir");
    let page = dir.join("sample.html");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, out, err) = run(numcheck_in(root)
        .args([
            "check",
            "--format",
            "html",
            "--article-date",
            "2025-11-20",
            "-o",
        ])
        .arg(&page)
        .arg(SAMPLE));
    assert_eq!(code, 1, "the sample has errors: {err}");
    assert!(out.is_empty(), "-o writes the file, not stdout");
    (dir, page)
}

/// The number of distinct values of `attr="…"` that follow `prefix` in `dom`.
fn distinct(dom: &str, prefix: &str) -> usize {
    let mut seen: Vec<&str> = dom
        .match_indices(prefix)
        .map(|(i, m)| {
            let rest = &dom[i + m.len()..];
            &rest[..rest.find('"').unwrap_or(0)]
        })
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

#[test]
fn sample_html_report_in_headless_chromium() {
    let (dir, page) = write_report();
    let html = std::fs::read_to_string(&page).expect("report written");
    for external in ["src=\"http", "href=\"http", "@import", "url(http"] {
        assert!(!html.contains(external), "self-contained: {external}");
    }
    let url = format!("file://{}", page.display());
    let dom = run_chromium(&url, &["--dump-dom".into()], &dir.join("profile-dom"));

    // Every claim of the sample (34) highlighted; six findings marked and listed.
    assert_eq!(distinct(&dom, "<mark class=\"claim\" data-claim-id=\""), 34);
    assert_eq!(distinct(&dom, "data-finding=\"d0-f"), 6);
    for sev in ["error", "warning", "info"] {
        assert!(
            dom.contains(&format!("class=\"finding sev-{sev}\"")),
            "a {sev} marked in place"
        );
    }
    assert_eq!(dom.matches("<li id=\"d0-f").count(), 6, "findings listed");
    assert!(dom.contains("<footer id=\"summary\">"));
    // The explanations are in the page (shown on hover or click).
    for needle in ["60.0%–72.7%", "30万-40万枚", "range-magnitude-mismatch"] {
        assert!(dom.contains(needle), "`{needle}` in the DOM");
    }
    // Chinese survives Chromium's parse: a whole sentence of the article, markup dropped.
    let text: String = {
        let mut out = String::new();
        let mut in_tag = false;
        for c in dom.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out
    };
    assert!(text.contains("中国大陆地区在英伟达营收大盘中的占比为13.1%。"));

    let shot = dir.join("sample.png");
    run_chromium(
        &url,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,5000".into(),
        ],
        &dir.join("profile-shot"),
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000,
        "not a real screenshot"
    );
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report.png");
    if !docs.exists() || std::env::var_os("NUMCHECK_UPDATE_SCREENSHOT").is_some() {
        std::fs::create_dir_all(docs.parent().expect("docs dir")).expect("create docs/");
        std::fs::write(&docs, &png).expect("write docs/report.png");
    }
}
