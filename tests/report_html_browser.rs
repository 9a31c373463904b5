//! The HTML report in a real headless Chromium: highlights and findings are in the DOM,
//! the article text survives the markup intact, the details panel opens, and a screenshot
//! is saved (target/…/report.png; docs/report.png for the README when missing or when
//! NUMCHECK_UPDATE_SCREENSHOT=1). Chromium is required: .ci/run installs Debian's package.

mod report_fixture;

use numcheck::report::{writer, Format, ReportOptions};
use report_fixture::{render, ARTICLE, CLEAN};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The Chromium binary: `$NUMCHECK_CHROMIUM`, else `chromium` or `chromium-browser` on PATH.
fn chromium() -> PathBuf {
    if let Some(p) = std::env::var_os("NUMCHECK_CHROMIUM") {
        return PathBuf::from(p);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser"] {
            let p = dir.join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!(
        "headless Chromium not found: install Debian's `chromium` package \
         (apt-get install -y chromium, as .ci/run does) or set NUMCHECK_CHROMIUM"
    );
}

/// Runs Chromium headless on `url` with `extra` flags; returns stdout. Fails after 120 s.
fn run_chromium(url: &str, extra: &[String], profile: &Path) -> String {
    let mut cmd = Command::new(chromium());
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .args(extra)
    .arg(url)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    let mut child = cmd.spawn().expect("start chromium");
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).map(|_| s)
    });
    let start = Instant::now();
    loop {
        match child.try_wait().expect("wait for chromium") {
            Some(status) => {
                assert!(status.success(), "chromium failed: {status}");
                break;
            }
            None if start.elapsed() > Duration::from_secs(120) => {
                let _ = child.kill();
                panic!("chromium did not finish within 120 s");
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    reader
        .join()
        .expect("reader thread")
        .expect("read chromium output")
}

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
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report.png");
    if !docs.exists() || std::env::var_os("NUMCHECK_UPDATE_SCREENSHOT").is_some() {
        std::fs::create_dir_all(docs.parent().expect("docs dir")).expect("create docs/");
        std::fs::write(&docs, &png).expect("write docs/report.png");
    }
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
