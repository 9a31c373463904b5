//! `--output` is atomic and never touches inputs; a closed stdout ends the run quietly.

mod cli_support;

use cli_support::*;
use std::io::Read;
use std::process::Stdio;

/// Names of the entries of `dir`, sorted.
fn entries(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn output_file_holds_what_stdout_would() {
    let d = scratch();
    let article = fixture("articles/auto-sales.txt");
    let (code, stdout, _) = run(numcheck_in(d.path())
        .args(["check", "--format", "json"])
        .arg(&article));
    assert_eq!(code, 0);
    let (code, out, err) = run(numcheck_in(d.path())
        .args(["check", "--format", "json", "--output", "report.json"])
        .arg(&article));
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    assert_eq!(
        std::fs::read_to_string(d.path().join("report.json")).unwrap(),
        stdout
    );
    assert_eq!(
        entries(d.path()),
        vec!["report.json"],
        "no temporary file left"
    );
}

#[test]
fn no_output_file_is_left_on_error() {
    let d = scratch();
    let article = fixture("articles/auto-sales.txt");
    for bad in [
        vec!["--reference", "missing-ref"],
        vec!["--config", "missing.toml"],
        vec!["--select", "no-such-rule"],
    ] {
        let (code, _, err) = run(numcheck_in(d.path())
            .args(["check", "--output", "out.json"])
            .args(&bad)
            .arg(&article));
        assert_eq!(code, 2, "{bad:?}: {err}");
        assert!(
            entries(d.path()).is_empty(),
            "{bad:?} left {:?}",
            entries(d.path())
        );
    }
    let (code, _, err) = run(numcheck_in(d.path())
        .args(["check", "--output", "no/dir/out.json"])
        .arg(&article));
    assert_eq!(code, 2);
    assert_one_line_error(&err, &["no/dir/out.json"]);
    assert!(entries(d.path()).is_empty());
}

#[test]
fn output_never_overwrites_an_input() {
    let d = scratch();
    let text = "小米汽车交付量超过2万辆。";
    write(d.path(), "a.txt", text);
    let (code, _, err) = run(numcheck_in(d.path()).args(["check", "-o", "./a.txt", "a.txt"]));
    assert_eq!(code, 2);
    assert_one_line_error(&err, &["a.txt", "also an input"]);
    assert_eq!(
        std::fs::read_to_string(d.path().join("a.txt")).unwrap(),
        text
    );
}

#[test]
fn existing_report_is_replaced_whole() {
    let d = scratch();
    write(
        d.path(),
        "report.txt",
        "old report that is much longer than the new one ".repeat(200),
    );
    let (code, _, err) = run(numcheck_in(d.path())
        .args(["check", "--format", "concise", "-o", "report.txt"])
        .arg(fixture("articles/auto-sales.txt")));
    assert_eq!(code, 0, "{err}");
    let now = std::fs::read_to_string(d.path().join("report.txt")).unwrap();
    assert!(!now.contains("old report"), "{now}");
}

#[test]
fn broken_pipe_exits_quietly() {
    let d = scratch();
    // Enough output to overflow a pipe buffer several times over.
    let line =
        "{\"id\":\"x\",\"text\":\"第三季度国内智能手机出货量约为6800万台，同比增长3.2%。\"}\n";
    write(d.path(), "big.jsonl", line.repeat(20_000));
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("numcheck"))
        .current_dir(d.path())
        .args([
            "check",
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            "big.jsonl",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    let _ = stdout.read(&mut first);
    drop(stdout);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert_eq!(err, "");
}
