//! The HTML report in a real headless Chromium: highlights and findings are in the DOM,
//! the article text survives the markup intact, the details panel opens, and a screenshot
//! is saved (target/…/report.png). Chromium is required: .ci/run installs Debian's package.

mod chromium_support;
mod report_fixture;

use chromium_support::run_chromium;
use numcheck::report::{writer, Format, ReportOptions};
use report_fixture::{render, ARTICLE, CLEAN};
use std::path::PathBuf;

/// The inner HTML of the first element starting with `open` (no nested element of its tag).
fn element<'a>(dom: &'a str, open: &str, close: &str) -> &'a str {
    let start = dom
        .find(open)
        .unwrap_or_else(|| panic!("`{open}` not in DOM"));
    let body = &dom[start..];
    let inner = &body[body.find('>').expect("tag end") + 1..];
    &inner[..inner.find(close).expect("close tag")]
}

/// Text content of an HTML fragment: tags dropped, the entities Chromium writes decoded.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
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
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

fn write_report() -> (PathBuf, PathBuf) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-html");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create test dir");
    let html = render(writer(Format::Html, ReportOptions::default()));
    let page = dir.join("report.html");
    std::fs::write(&page, html).expect("write report");
    (dir, page)
}

#[test]
fn html_report_in_headless_chromium() {
    let (dir, page) = write_report();
    let url = format!("file://{}", page.display());

    let dom = run_chromium(&url, &["--dump-dom".into()], &dir.join("profile-dom"));
    // Every claim is highlighted (10 over both documents), each finding marked in place.
    let mut ids: Vec<&str> = dom
        .match_indices("<mark class=\"claim\" data-claim-id=\"")
        .map(|(i, m)| {
            let rest = &dom[i + m.len()..];
            &rest[..rest.find('"').unwrap_or(0)]
        })
        .collect();
    ids.dedup();
    assert_eq!(ids.len(), 10, "claim highlights: {ids:?}");
    for needle in [
        "class=\"finding sev-error\" data-finding=\"d0-f0\"",
        "class=\"finding sev-warning\" data-finding=\"d0-f1\"",
        "class=\"finding sev-info\" data-finding=\"d0-f2\"",
        "class=\"finding sev-info\" data-finding=\"d0-f3\"",
        "class=\"related\" data-finding=\"d0-f1\"",
        "<li id=\"d0-f0\" class=\"sev-error\">",
        "<footer id=\"summary\">",
    ] {
        assert!(dom.contains(needle), "`{needle}` missing from the DOM");
    }
    // The markup splits the text at every boundary but loses and duplicates nothing.
    for (id, source) in [("d0", ARTICLE), ("d1", CLEAN)] {
        let open = format!("<section class=\"document\" id=\"{id}\"");
        let section = element(&dom, &open, "</section>");
        let article = element(section, "<div class=\"article\"", "</div>");
        let lines: Vec<String> = article
            .split("<p class=\"line\"")
            .skip(1)
            .map(|p| {
                let inner = &p[p.find('>').expect("p tag") + 1..];
                text_of(&inner[..inner.find("</p>").expect("p closes")])
            })
            .collect();
        let expected = source.strip_suffix('\n').unwrap_or(source);
        assert_eq!(lines.join("\n"), expected, "{id}");
    }

    // A link to a finding opens the details panel through the page's script.
    let dom = run_chromium(
        &format!("{url}#d0-f1"),
        &["--dump-dom".into()],
        &dir.join("profile-panel"),
    );
    let panel = element(&dom, "<aside id=\"panel\"", "</aside>");
    assert!(
        !dom.contains("<aside id=\"panel\" hidden"),
        "panel still hidden"
    );
    assert!(
        panel.contains("9.4%–13.3%") && panel.contains("derived-share-mismatch"),
        "{panel}"
    );

    // A screenshot for people (and the README).
    let shot = dir.join("report.png");
    run_chromium(
        &url,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,1600".into(),
        ],
        &dir.join("profile-shot"),
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000,
        "not a real screenshot"
    );
    // docs/report.png, the README's picture, is the sample article's report:
    // tests/accept_html_sample.rs writes it.
}

/// Without a browser: every tag opened in the article is closed in reverse order.
#[test]
fn html_article_markup_nests() {
    let html = render(writer(Format::Html, ReportOptions::default()));
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').expect("tag closes");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') || tag.ends_with('/') {
            continue;
        }
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if ["meta", "br", "hr", "img", "input"].contains(&name.as_str()) {
            continue;
        }
        if tag.starts_with('/') {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.as_str()),
                "misnested </{name}>"
            );
        } else {
            stack.push(name.clone());
        }
        if name == "style" || name == "script" {
            // Raw text: skip to the closing tag.
            let close = format!("</{name}>");
            let j = rest.find(&close).expect("raw text closes");
            rest = &rest[j + close.len()..];
            stack.pop();
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}
