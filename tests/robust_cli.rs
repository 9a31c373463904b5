//! Hostile input through the CLI (issue 6): huge files, overflowing numbers, runs of ranges,
//! broken brackets, mixed punctuation, BOM/CRLF columns, bad reference CSVs, unreadable files,
//! truncated stdin and closed stdout. Each gives a correct result or one clear error line,
//! the DESIGN §6 exit code, no panic, no partial `--output` file, and untouched inputs.
//!
//! Cases already covered by `cli_input.rs`, `cli_output.rs` and `cli_exit.rs` (invalid UTF-8
//! offsets, binary files in directories, symlink loops, unknown rule/format names, the
//! JSONL broken pipe) are not repeated here.

mod cli_support;

use cli_support::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::SystemTime;

/// Bytes and modification time of every file under `dir`, to prove a run left them alone.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir") {
            let p = e.expect("entry").path();
            let m = std::fs::symlink_metadata(&p).expect("metadata");
            if m.is_dir() {
                stack.push(p);
            } else if m.is_file() {
                let bytes = std::fs::read(&p).unwrap_or_default();
                out.insert(p, (bytes, m.modified().expect("mtime")));
            }
        }
    }
    out
}

/// Runs `args` in `dir` and checks the invariants every hostile case shares: no panic, an
/// exit code of 0, 1 or 2, and every file that existed before is byte-for-byte unchanged.
fn run_clean(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let before = snapshot(dir);
    let r = run(numcheck_in(dir).args(args));
    assert!(!r.2.contains("panicked"), "{args:?}: {}", r.2);
    assert!(matches!(r.0, 0..=2), "{args:?}: exit {} {}", r.0, r.2);
    let after = snapshot(dir);
    for (p, v) in &before {
        assert_eq!(
            after.get(p),
            Some(v),
            "{} was changed by {args:?}",
            p.display()
        );
    }
    r
}

/// The claims of the only document of a `claims --format json` run.
fn claims_of(out: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(out).expect("claims JSON parses");
    v["documents"][0]["claims"]
        .as_array()
        .expect("claims array")
        .clone()
}

/// The findings of the only document of a `check --format json` run.
fn findings_of(out: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(out).expect("report JSON parses");
    v["documents"][0]["findings"]
        .as_array()
        .expect("findings array")
        .clone()
}

/// A claim's numeric value, or its low and high ends, all finite.
fn values(c: &Value) -> Vec<f64> {
    ["value", "low", "high"]
        .iter()
        .filter_map(|k| c.get(*k))
        .filter(|v| !v.is_null())
        .map(|v| {
            v.as_f64()
                .unwrap_or_else(|| panic!("non-numeric value in {c}"))
        })
        .collect()
}

/// A single line of news text of at least `bytes` bytes: figures, ranges and shares, no line break.
fn one_line_article(bytes: usize) -> String {
    let unit = "据行业机构统计，第三季度国内智能手机出货量约为6800万台，同比增长3.2%，\
                其中华为份额为18.5%，小米出货量为1200万-1300万台，";
    unit.repeat(bytes / unit.len() + 1)
}

/// `check` over one long single-line file: a report, not a crash, and the `--output` file
/// is whole. The default size keeps the debug run short; see `fifty_megabyte_single_line`.
fn long_line_case(bytes: usize) {
    let d = scratch();
    write(d.path(), "line.txt", one_line_article(bytes));
    let (code, out, err) = run_clean(
        d.path(),
        &[
            "check",
            "--format",
            "jsonl",
            "-o",
            "report.jsonl",
            "line.txt",
        ],
    );
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    let report = std::fs::read_to_string(d.path().join("report.jsonl")).unwrap();
    // Every JSONL line parses: the file was written whole.
    for line in report.lines() {
        serde_json::from_str::<Value>(line).expect("whole JSON line");
    }
    assert!(report.contains("line.txt"));
}

#[test]
fn long_single_line_file() {
    long_line_case(1_000_000);
}

/// The full-size case of the issue; run with `cargo test --release -- --ignored`.
#[test]
#[ignore = "50 MB: slow in debug builds"]
fn fifty_megabyte_single_line() {
    long_line_case(50_000_000);
}

#[test]
fn overflowing_numbers_are_finite_or_dropped() {
    let d = scratch();
    let digits = "9".repeat(10_000);
    let cases = [
        format!("收入为{digits}元。"),
        "全球数据量为10^400字节，约1e400。".to_string(),
        format!("市值为{digits}万亿美元。"),
        format!("规模为{digits}.{digits}亿元，占比{digits}%。"),
        format!("出货量为1{}台。", ",000".repeat(400)),
        format!("营收为九{}元。", "亿".repeat(80)),
    ];
    for (i, text) in cases.iter().enumerate() {
        let name = format!("n{i}.txt");
        write(d.path(), &name, text);
        let (code, out, err) = run_clean(d.path(), &["claims", "--format", "json", &name]);
        assert_eq!(code, 0, "{err}");
        for c in claims_of(&out) {
            for v in values(&c) {
                assert!(v.is_finite(), "case {i}: {c}");
            }
        }
        for f in FORMATS {
            let (code, _, err) = run_clean(d.path(), &["check", "--format", f, &name]);
            assert!(code <= 1, "case {i} format {f}: {err}");
        }
    }
}

#[test]
fn thousands_of_ranges_in_a_row_are_each_read() {
    let d = scratch();
    let n = 3000;
    let text = "出货量约为30万-40万枚、".repeat(n);
    write(d.path(), "ranges.txt", &text);
    let (code, out, err) = run_clean(d.path(), &["claims", "--format", "json", "ranges.txt"]);
    assert_eq!(code, 0, "{err}");
    let claims = claims_of(&out);
    assert_eq!(claims.len(), n, "one claim per range");
    for c in &claims {
        assert_eq!(c["text"], "约为30万-40万枚", "{c}");
        assert_eq!(values(c), vec![300_000.0, 400_000.0]);
    }
    let (code, out, err) = run_clean(d.path(), &["check", "--format", "json", "ranges.txt"]);
    assert_eq!(code, 0, "identical consistent ranges flag nothing: {err}");
    assert!(findings_of(&out).is_empty());
}

#[test]
fn nested_and_unbalanced_brackets_and_quotes() {
    let d = scratch();
    let cases = [
        "（（（「“据悉，公司营收为3亿元”」）））",
        "）））】」”公司营收为3亿元（（（【「“",
        "“他说「（营收为3亿元」",
        "\"\"\"((((营收为3亿元",
        "【（“‘营收为3亿元’”）】",
    ];
    for (i, text) in cases.iter().enumerate() {
        let name = format!("b{i}.txt");
        write(d.path(), &name, text);
        let (code, out, err) = run_clean(d.path(), &["claims", "--format", "json", &name]);
        assert_eq!(code, 0, "{err}");
        let claims = claims_of(&out);
        assert!(
            claims
                .iter()
                .any(|c| c["text"] == "3亿元" && values(c) == vec![3e8]),
            "{text}: {out}"
        );
    }
    // Deep nesting: ten thousand open brackets, then a figure, then none closed.
    let deep = format!("{}营收为3亿元。", "（「“(".repeat(10_000));
    write(d.path(), "deep.txt", &deep);
    let (code, out, err) = run_clean(d.path(), &["claims", "--format", "json", "deep.txt"]);
    assert_eq!(code, 0, "{err}");
    assert!(claims_of(&out).iter().any(|c| c["text"] == "3亿元"));
}

#[test]
fn mixed_full_width_and_ascii_punctuation() {
    let d = scratch();
    write(
        d.path(),
        "mixed.txt",
        "数据显示,第三季度销量为１２.５万辆，同比增长３．２%;其中出口占比为３０％.",
    );
    let (code, out, err) = run_clean(d.path(), &["claims", "--format", "json", "mixed.txt"]);
    assert_eq!(code, 0, "{err}");
    let claims = claims_of(&out);
    let find = |t: &str| {
        claims
            .iter()
            .find(|c| c["text"] == t)
            .unwrap_or_else(|| panic!("{t} not found in {out}"))
            .clone()
    };
    assert_eq!(values(&find("１２.５万辆")), vec![125_000.0]);
    assert_eq!(values(&find("３．２%")), vec![3.2]);
    assert_eq!(values(&find("３０％")), vec![30.0]);
}

#[test]
fn bom_and_crlf_keep_lines_and_columns_right() {
    let d = scratch();
    // Line 1 starts with a BOM; lines end in CRLF; the slipped range is on line 2.
    let text = "\u{feff}某国产芯片出货量约为30万-40万枚。\r\n此前出货30万-40枚。\r\n";
    write(d.path(), "bom.txt", text);
    let (code, out, err) = run_clean(
        d.path(),
        &["check", "--format", "json", "--select", "NC101", "bom.txt"],
    );
    assert_eq!(code, 1, "{err}");
    let f = &findings_of(&out)[0];
    let span = &f["span"];
    let start = span["start"].as_u64().unwrap() as usize;
    let end = span["end"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..end], f["text"].as_str().unwrap());
    assert_eq!(f["text"], "30万-40枚");
    assert_eq!(
        (span["line"].as_u64(), span["column"].as_u64()),
        (Some(2), Some(5))
    );
    assert_eq!(span["end_column"].as_u64(), Some(11));
    // On line 1 the BOM is not a column an editor shows: 约为30万-40万枚 starts at column 9.
    let (_, out, _) = run_clean(d.path(), &["claims", "--format", "json", "bom.txt"]);
    let first = &claims_of(&out)[0];
    assert_eq!(first["text"], "约为30万-40万枚");
    assert_eq!(first["span"]["line"].as_u64(), Some(1));
    assert_eq!(first["span"]["column"].as_u64(), Some(9), "{first}");
    // The concise format prints the same position.
    let (_, out, _) = run_clean(
        d.path(),
        &[
            "check", "--format", "concise", "--select", "NC101", "bom.txt",
        ],
    );
    assert!(out.contains("bom.txt:2:5:"), "{out}");
}

#[test]
fn malformed_reference_csv_names_file_line_and_column_and_writes_nothing() {
    let d = scratch();
    write(d.path(), "a.txt", "英伟达2024财年营收为609亿美元。");
    let header = "entity,segment,metric,period,value,unit,source,source_date,note\n";
    write(
        d.path(),
        "ref/facts.csv",
        format!("{header}NVIDIA,,revenue,FY2024,60922000000,USD,10-K,,\nNVIDIA,,revenue,FY2025,lots,USD,10-K,,\n"),
    );
    write(d.path(), "report.json", "previous report");
    let (code, out, err) = run_clean(
        d.path(),
        &["check", "--reference", "ref", "-o", "report.json", "a.txt"],
    );
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_one_line_error(&err, &["facts.csv:3:"]);
    assert_eq!(
        std::fs::read_to_string(d.path().join("report.json")).unwrap(),
        "previous report",
        "an existing report is kept when the run fails before writing"
    );
    // A ragged row (wrong number of fields) and a bad header are named the same way.
    write(d.path(), "ragged.csv", format!("{header}NVIDIA,,revenue\n"));
    write(d.path(), "badhead.csv", "entity,value\nNVIDIA,1\n");
    for (name, needle) in [
        ("ragged.csv", "ragged.csv:2"),
        ("badhead.csv", "badhead.csv:1"),
    ] {
        let (code, _, err) = run_clean(d.path(), &["check", "--reference", name, "a.txt"]);
        assert_eq!(code, 2, "{name}");
        assert_one_line_error(&err, &[needle]);
    }
    // Binary junk and invalid UTF-8 in a reference file are data errors, not panics.
    write(d.path(), "junk.csv", b"\xff\xfe\x00\x01entity\n\x00");
    let (code, _, err) = run_clean(d.path(), &["check", "--reference", "junk.csv", "a.txt"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, &["junk.csv"]);
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_one_error_and_the_rest_is_checked() {
    use std::os::unix::fs::PermissionsExt;
    let d = scratch();
    write(d.path(), "ok.txt", "销量为5万辆。");
    let locked = write(d.path(), "locked.txt", "营收为3亿元。");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        // Running as root: permissions do not stop reads, so there is nothing to test.
        return;
    }
    let (code, out, err) = run_clean(
        d.path(),
        &["check", "--format", "json", "ok.txt", "locked.txt"],
    );
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(code, 2);
    assert_one_line_error(&err, &["locked.txt", "permission denied"]);
    assert!(out.contains("ok.txt"), "{out}");
}

#[test]
fn stdin_cut_mid_character_is_an_input_error_and_lossy_reads_it() {
    let d = scratch();
    // A pipe closed in the middle of 元: the first two of its three bytes arrive.
    let mut bytes = "营收为3亿".as_bytes().to_vec();
    let offset = bytes.len();
    bytes.extend_from_slice(&"元".as_bytes()[..2]);
    let (code, out, err) = run(numcheck_in(d.path())
        .args(["claims", "--format", "json", "-"])
        .write_stdin(bytes.clone()));
    assert_eq!(code, 2);
    assert_one_line_error(&err, &[&format!("-: invalid UTF-8 at byte {offset}")]);
    assert!(!out.contains("3亿"), "{out}");
    let (code, out, err) = run(numcheck_in(d.path())
        .args(["claims", "--format", "json", "--lossy", "-"])
        .write_stdin(bytes));
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        claims_of(&out).iter().any(|c| values(c) == vec![3e8]),
        "{out}"
    );
}

#[test]
fn stdin_closed_before_anything_is_an_empty_article() {
    let d = scratch();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("numcheck"))
        .current_dir(d.path())
        .args(["check", "--format", "json", "-"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(
        v["documents"][0]["claims"].as_array().map(Vec::len),
        Some(0)
    );
}

/// Starts `args` with stdout piped, reads a few bytes, closes stdout and returns
/// (exit code, stderr).
fn close_stdout_early(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("numcheck"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdin.take());
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 8];
    let _ = stdout.read(&mut first);
    drop(stdout);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (child.wait().unwrap().code(), err)
}

#[test]
fn closed_stdout_ends_quietly_in_every_command_and_format() {
    let d = scratch();
    // Many flagged files: far more output than a pipe buffer holds, in every format.
    let article = "某国产芯片出货量约为30万-40万枚。此前出货30万-40枚。请输入验证码\n".repeat(400);
    for i in 0..20 {
        write(d.path(), &format!("corpus/a{i:02}.txt"), &article);
    }
    for f in FORMATS {
        let (code, err) = close_stdout_early(d.path(), &["check", "--format", f, "corpus"]);
        assert_eq!((code, err.as_str()), (Some(0), ""), "format {f}");
    }
    for f in ["table", "json", "csv"] {
        let (code, err) = close_stdout_early(d.path(), &["claims", "--format", f, "corpus"]);
        assert_eq!((code, err.as_str()), (Some(0), ""), "claims format {f}");
    }
}

#[test]
fn writing_stdin_that_numcheck_never_reads_does_not_hang_or_fail() {
    // Files are named, so stdin is ignored; a writer on the other end sees a closed pipe.
    let d = scratch();
    write(d.path(), "a.txt", "销量为5万辆。");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("numcheck"))
        .current_dir(d.path())
        .args(["check", "a.txt"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let _ = stdin.write_all(&vec![b'x'; 1 << 20]);
    drop(stdin);
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&o.stderr).contains("panicked"));
}

#[test]
fn bad_input_with_output_leaves_no_partial_file_and_no_temporary() {
    let d = scratch();
    write(d.path(), "bad.txt", b"\xe8\xbf\x99\xff");
    let (code, _, err) = run_clean(d.path(), &["check", "-o", "out/report.txt", "bad.txt"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, &["out/report.txt"]);
    std::fs::create_dir(d.path().join("out")).unwrap();
    let (code, _, err) = run_clean(
        d.path(),
        &[
            "check",
            "--format",
            "json",
            "-o",
            "out/report.json",
            "bad.txt",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert_one_line_error(&err, &["bad.txt", "invalid UTF-8 at byte 3"]);
    let names: Vec<String> = std::fs::read_dir(d.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    // Either the whole report (naming the failure) or nothing; never a temporary file.
    assert!(names.len() <= 1, "{names:?}");
    if let Some(n) = names.first() {
        assert_eq!(n, "report.json");
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(d.path().join("out").join(n)).unwrap())
                .expect("a whole JSON report");
        assert!(v.is_object());
    }
}
