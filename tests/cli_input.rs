//! CLI input handling: directories, ordering, symlink loops, binary and bad files, stdin.

mod cli_support;

use cli_support::*;

/// Byte position of `needle` in `hay`, failing the test when absent.
fn pos(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in output:\n{hay}"))
}

#[test]
fn directories_are_walked_recursively_in_path_order() {
    let d = scratch();
    write(
        d.path(),
        "news/z-gdp.txt",
        "国家统计局数据显示，一季度国内生产总值同比增长5.3%。",
    );
    write(
        d.path(),
        "news/a/phones.md",
        "小米第二季度出货量为4230万台。",
    );
    write(d.path(), "news/m.txt", "宁德时代营收为3620亿元。");
    write(d.path(), "news/notes.csv", "not,an,article");
    write(d.path(), "lone.txt", "比亚迪销量为30万辆。");
    let (code, out, err) =
        run(numcheck_in(d.path()).args(["check", "--format", "json", "news", "lone.txt"]));
    assert_eq!(code, 0, "{err}");
    let order = [
        pos(&out, "lone.txt"),
        pos(&out, "news/a/phones.md"),
        pos(&out, "news/m.txt"),
        pos(&out, "news/z-gdp.txt"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{out}");
    assert!(!out.contains("notes.csv"));
}

#[cfg(unix)]
#[test]
fn links_in_a_directory_are_followed_to_files_and_directories() {
    let d = scratch();
    write(d.path(), "store/byd.txt", "比亚迪10月销量为50万辆。");
    write(d.path(), "store/more/catl.txt", "宁德时代营收为3620亿元。");
    write(d.path(), "corpus/own.txt", "小米第二季度出货量为4230万台。");
    std::os::unix::fs::symlink("../store/byd.txt", d.path().join("corpus/linked.txt")).unwrap();
    std::os::unix::fs::symlink("../store/more", d.path().join("corpus/shelf")).unwrap();
    let (code, out, err) = run(numcheck_in(d.path()).args(["check", "--format", "json", "corpus"]));
    assert_eq!(code, 0, "{err}");
    for name in [
        "corpus/linked.txt",
        "corpus/own.txt",
        "corpus/shelf/catl.txt",
    ] {
        assert_eq!(out.matches(name).count(), 1, "{name}: {out}");
    }
    assert!(out.contains("50万辆") && out.contains("3620亿元"), "{out}");
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_skipped_with_a_message() {
    let d = scratch();
    write(d.path(), "corpus/sub/a.txt", "营收为12亿元。");
    std::os::unix::fs::symlink("..", d.path().join("corpus/sub/up")).unwrap();
    std::os::unix::fs::symlink("self.txt", d.path().join("corpus/self.txt")).unwrap();
    let (code, out, err) = run(numcheck_in(d.path()).args(["check", "--format", "json", "corpus"]));
    assert!(
        err.contains("corpus/sub/up: skipped: symlink loop"),
        "{err}"
    );
    // A self-referencing link named like an article cannot be read: an error for that file.
    assert!(err.contains("corpus/self.txt"), "{err}");
    assert_eq!(code, 2, "{err}");
    assert_eq!(out.matches("corpus/sub/a.txt").count(), 1, "{out}");
}

#[test]
fn binary_file_in_directory_is_skipped_but_named_one_fails() {
    let d = scratch();
    write(d.path(), "dir/ok.txt", "净利润为16亿元。");
    write(d.path(), "dir/blob.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let (code, out, err) = run(numcheck_in(d.path()).args(["check", "--format", "json", "dir"]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("dir/blob.txt: skipped: binary file"), "{err}");
    assert!(out.contains("dir/ok.txt"));
    let (code, _, err) = run(numcheck_in(d.path()).args(["check", "dir/blob.txt"]));
    assert_eq!(code, 2);
    assert_one_line_error(&err, &["dir/blob.txt", "binary"]);
}

#[test]
fn invalid_utf8_names_byte_offset_and_lossy_goes_on() {
    let d = scratch();
    let mut bytes = "出货量为1200万台，".as_bytes().to_vec();
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xe4\xb8 tail");
    write(d.path(), "bad.txt", &bytes);
    write(d.path(), "good.txt", "营收为1.2万亿元。");
    let (code, out, err) =
        run(numcheck_in(d.path()).args(["check", "--format", "json", "bad.txt", "good.txt"]));
    assert_eq!(code, 2);
    assert_one_line_error(
        &err,
        &["bad.txt", &format!("invalid UTF-8 at byte {offset}")],
    );
    assert!(
        out.contains("good.txt"),
        "the other file is still checked: {out}"
    );
    let (code, _, err) = run(numcheck_in(d.path()).args(["check", "--lossy", "bad.txt"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read(d.path().join("bad.txt")).unwrap(),
        bytes,
        "input untouched"
    );
}

#[test]
fn empty_file_crlf_and_bom_are_fine() {
    let d = scratch();
    write(d.path(), "empty.txt", "");
    write(
        d.path(),
        "crlf.txt",
        "\u{feff}第一段，营收为3亿元。\r\n第二段。\r\n",
    );
    let (code, out, err) =
        run(numcheck_in(d.path()).args(["check", "--format", "json", "empty.txt", "crlf.txt"]));
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("empty.txt") && out.contains("crlf.txt"));
}

#[test]
fn missing_unreadable_and_articleless_inputs_fail_but_others_are_checked() {
    let d = scratch();
    write(d.path(), "ok.txt", "销量为5万辆。");
    std::fs::create_dir(d.path().join("empty-dir")).unwrap();
    write(d.path(), "walk/ok2.md", "出货量为3万台。");
    #[cfg(unix)]
    std::os::unix::fs::symlink("gone.txt", d.path().join("walk/dangling.txt")).unwrap();
    let (code, out, err) = run(numcheck_in(d.path()).args([
        "check",
        "--format",
        "json",
        "ok.txt",
        "missing.txt",
        "empty-dir",
        "walk",
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("missing.txt: no such file"), "{err}");
    assert!(err.contains("empty-dir: no articles"), "{err}");
    #[cfg(unix)]
    assert!(err.contains("walk/dangling.txt: no such file"), "{err}");
    assert!(!err.contains("panicked"));
    assert!(
        out.contains("ok.txt") && out.contains("walk/ok2.md"),
        "{out}"
    );
}

#[test]
fn stdin_is_read_for_dash_and_for_a_pipe() {
    let d = scratch();
    let (code, out, err) = run(numcheck_in(d.path())
        .args(["check", "--format", "json", "-"])
        .write_stdin("华为营收为8621亿元。"));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"-\"") || out.contains("-:"), "{out}");
    // Closed stdin: an empty article, not a hang or a crash.
    let (code, _, err) = run(numcheck_in(d.path()).args(["claims", "-"]).write_stdin(""));
    assert_eq!((code, err.as_str()), (0, ""));
}

#[test]
fn stdin_invalid_utf8_names_stdin() {
    let d = scratch();
    let (code, _, err) = run(numcheck_in(d.path())
        .args(["check", "-"])
        .write_stdin(b"ab\xffcd".to_vec()));
    assert_eq!(code, 2);
    assert_one_line_error(&err, &["-: invalid UTF-8 at byte 2"]);
}
