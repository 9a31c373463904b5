//! Parallel runs give byte-identical output to `--jobs 1`; JSONL input matches files.

mod cli_support;

use cli_support::*;
use std::path::Path;

/// Writes a corpus of `n` articles (more than one processing chunk) under `dir/corpus`,
/// varied from the fixtures so documents differ; returns their display paths.
fn corpus(dir: &Path, n: usize) -> Vec<String> {
    let bases: Vec<String> = [
        "articles/auto-sales.txt",
        "articles/sub/battery.md",
        "flagged-phones.txt",
    ]
    .iter()
    .map(|f| std::fs::read_to_string(fixture(f)).unwrap())
    .collect();
    (0..n)
        .map(|i| {
            let name = format!("corpus/{i:04}.txt");
            let text = format!(
                "{}\n第{}期，本期营收为{}.{}亿元。\n",
                bases[i % bases.len()],
                i + 1,
                i,
                i % 10
            );
            write(dir, &name, text);
            name
        })
        .collect()
}

#[test]
fn parallel_output_is_byte_identical_to_one_thread() {
    let d = scratch();
    corpus(d.path(), 300);
    for f in ["json", "jsonl", "concise", "sarif"] {
        let outs: Vec<(i32, String)> = ["1", "2", "3", "4"]
            .iter()
            .map(|j| {
                let (code, out, err) = run(numcheck_in(d.path()).args([
                    "check",
                    "--format",
                    f,
                    "--fail-on",
                    "never",
                    "--jobs",
                    j,
                    "corpus",
                ]));
                assert_eq!(code, 0, "{f} -j{j}: {err}");
                (code, out)
            })
            .collect();
        assert!(
            outs.windows(2).all(|w| w[0] == w[1]),
            "format {f} differs across --jobs"
        );
        assert!(outs[0].1.contains("corpus/0299.txt") || !f.starts_with("json"));
    }
}

#[test]
fn jsonl_input_gives_the_same_report_as_files() {
    let d = scratch();
    let names = corpus(d.path(), 260);
    let mut jsonl = String::new();
    for n in &names {
        let text = std::fs::read_to_string(d.path().join(n)).unwrap();
        jsonl.push_str(&serde_json::json!({"id": n, "text": text}).to_string());
        jsonl.push('\n');
    }
    write(d.path(), "dump.jsonl", &jsonl);
    for f in ["json", "concise"] {
        let (c1, files, e1) = run(numcheck_in(d.path()).args([
            "check",
            "--format",
            f,
            "--fail-on",
            "never",
            "corpus",
        ]));
        let (c2, lines, e2) = run(numcheck_in(d.path()).args([
            "check",
            "--format",
            f,
            "--fail-on",
            "never",
            "--input-format",
            "jsonl",
            "dump.jsonl",
        ]));
        assert_eq!((c1, c2), (0, 0), "{e1}{e2}");
        assert_eq!(files, lines, "format {f}");
    }
}

#[test]
fn malformed_jsonl_line_names_file_and_line_and_the_rest_is_checked() {
    let d = scratch();
    write(
        d.path(),
        "dump.jsonl",
        "{\"id\":\"a\",\"text\":\"营收为3亿元。\"}\n{\"id\":\"b\",\"text\":\n\n{\"id\":\"c\"}\n{\"id\":\"d\",\"text\":\"销量为2万辆。\",\"source\":\"新华社\"}\n",
    );
    let (code, out, err) = run(numcheck_in(d.path()).args([
        "check",
        "--format",
        "json",
        "--input-format",
        "jsonl",
        "dump.jsonl",
    ]));
    assert_eq!(code, 2);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].contains("dump.jsonl:2:"), "{err}");
    assert!(lines[1].contains("dump.jsonl:4: missing `text`"), "{err}");
    assert!(out.contains("\"a\"") || out.contains("a:"), "{out}");
    assert!(out.contains("\"d\"") || out.contains("d:"), "{out}");
}

#[test]
fn jsonl_on_stdin_matches_the_file() {
    let d = scratch();
    let dump = "{\"id\":\"xinhua-1\",\"text\":\"今年前三季度，全国新能源汽车销量为1122.8万辆，同比增长34.9%。\"}\n{\"id\":\"caixin-2\",\"text\":\"宁德时代前三季度营收为2830.7亿元。\"}\n";
    write(d.path(), "dump.jsonl", dump);
    let args = ["check", "--format", "jsonl", "--input-format", "jsonl"];
    let (c1, from_file, e1) = run(numcheck_in(d.path()).args(args).arg("dump.jsonl"));
    let (c2, from_stdin, e2) = run(numcheck_in(d.path()).args(args).arg("-").write_stdin(dump));
    assert_eq!((c1, c2), (0, 0), "{e1}{e2}");
    assert_eq!(from_file, from_stdin);
    assert!(from_file.contains("caixin-2"));
}
