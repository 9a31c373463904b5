//! Helpers shared by the CLI tests: the binary, fixture paths and scratch directories.

#![allow(dead_code)] // each test file uses a different subset

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The fixture directory of the CLI tests.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli")
}

/// A fixture file's path.
pub fn fixture(name: &str) -> PathBuf {
    fixtures().join(name)
}

/// `numcheck` run in `dir`, with no colour and no stdin.
pub fn numcheck_in(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("numcheck").expect("binary built");
    c.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("RUST_LOG");
    c
}

/// A scratch directory holding no `numcheck.toml`.
pub fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Writes `content` to `dir/name`, creating parent directories.
pub fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&p, content).expect("write fixture");
    p
}

/// Output of a finished command: (exit code, stdout, stderr).
pub fn run(c: &mut Command) -> (i32, String, String) {
    let o = c.output().expect("run numcheck");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Asserts stderr is exactly one line and contains every `needle`.
pub fn assert_one_line_error(stderr: &str, needles: &[&str]) {
    assert_eq!(
        stderr.lines().count(),
        1,
        "expected one line, got: {stderr:?}"
    );
    for n in needles {
        assert!(stderr.contains(n), "{n:?} not in {stderr:?}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Every check output format.
pub const FORMATS: [&str; 9] = [
    "full", "concise", "table", "json", "jsonl", "github", "sarif", "markdown", "html",
];
