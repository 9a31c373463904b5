//! Headless Chromium for the HTML tests: finding the binary and running it with a timeout.

#![allow(dead_code)] // each test file uses a different subset

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The Chromium binary: `$NUMCHECK_CHROMIUM`, else `chromium` or `chromium-browser` on PATH.
pub fn chromium() -> PathBuf {
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
pub fn run_chromium(url: &str, extra: &[String], profile: &Path) -> String {
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
