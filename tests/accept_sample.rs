//! Acceptance of issue 3 on the sample article, spelled out rather than snapshotted: with the
//! bundled reference and `--article-date 2025-11-20`, exactly the six expected findings (each
//! with its arithmetic), nothing else at warning or error, and the reference-backed figures
//! counted as checked claim by claim. Read from the binary's `--format json`, as a CI would.

mod cli_support;

use cli_support::{numcheck_in, run};
use serde_json::Value;
use std::path::Path;

const SAMPLE: &str = "seeds/nvidia-china-export-controls.txt";

/// The sample's JSON document, and the exit code.
fn sample_json(extra: &[&str]) -> (i32, Value) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut args = vec!["check", "--format", "json", "--article-date", "2025-11-20"];
    args.extend_from_slice(extra);
    args.push(SAMPLE);
    let (code, out, err) = run(numcheck_in(root).args(&args));
    assert!(err.is_empty(), "stderr: {err}");
    let v: Value = serde_json::from_str(&out).expect("--format json parses");
    (code, v["documents"][0].clone())
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or("")
}

/// The one finding of rule `code` whose text is `text`.
fn finding<'a>(doc: &'a Value, code: &str, text: &str) -> &'a Value {
    let all = doc["findings"].as_array().expect("findings");
    let hits: Vec<&Value> = all
        .iter()
        .filter(|f| s(f, "code") == code && s(f, "text") == text)
        .collect();
    assert_eq!(hits.len(), 1, "{code} at `{text}`: {all:#?}");
    hits[0]
}

/// Every quantity finding states what was written, what was expected and the tolerance.
fn assert_explained(f: &Value) {
    for key in ["message", "stated", "expected", "tolerance"] {
        assert!(
            !s(f, key).is_empty(),
            "{} has no {key}: {f:#}",
            s(f, "code")
        );
    }
}

#[test]
fn the_six_expected_findings_and_nothing_else_at_warning_or_error() {
    let (code, doc) = sample_json(&[]);
    assert_eq!(code, 1, "the sample has errors");

    let f = finding(&doc, "NC101", "30万-40枚");
    assert_eq!(s(f, "severity"), "error");
    assert_eq!(s(f, "suggestion"), "30万-40万枚");
    assert!(!s(f, "formula").is_empty());
    assert_explained(f);

    let f = finding(&doc, "NC103", "30万-40枚");
    let related = f["related"].as_array().expect("related");
    assert!(
        related.iter().any(|r| r["span"]["line"] == 17
            && ["30万-40万枚", "约为30万-40万枚"].contains(&s(r, "text"))),
        "NC103 links the line-17 figure: {related:#?}"
    );
    assert!(!s(f, "formula").is_empty());
    assert_explained(f);

    let f = finding(&doc, "NC104", "远超60%");
    assert!(
        s(f, "expected").contains("60.0%–72.7%"),
        "{}",
        s(f, "expected")
    );
    assert!(s(f, "formula").contains("72.7%"), "{}", s(f, "formula"));
    assert_eq!(
        f["related"].as_array().map(Vec::len),
        Some(2),
        "both counts"
    );
    assert_explained(f);

    for (code, text) in [
        ("NC109", "前25年前3季度"),
        ("NC301", "请输入验证码"),
        ("NC302", "16亿"),
    ] {
        assert_explained(finding(&doc, code, text));
    }
    assert_eq!(finding(&doc, "NC301", "请输入验证码")["span"]["line"], 26);

    let mut serious: Vec<String> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| ["error", "warning"].contains(&s(f, "severity")))
        .map(|f| format!("{} {}", s(f, "code"), s(f, "text")))
        .collect();
    serious.sort();
    let mut allowed = [
        "NC101 30万-40枚",
        "NC103 30万-40枚",
        "NC104 远超60%",
        "NC109 前25年前3季度",
        "NC301 请输入验证码",
        "NC302 16亿",
    ];
    allowed.sort();
    for x in &serious {
        assert!(
            allowed.contains(&x.as_str()),
            "unexpected warning or error: {x}"
        );
    }
    for must in ["NC101 30万-40枚", "NC103 30万-40枚", "NC104 远超60%"] {
        assert!(serious.iter().any(|x| x == must), "{must} is not serious");
    }
}

/// The claims of the sample whose text is `text`, in order.
fn claims<'a>(doc: &'a Value, text: &str) -> Vec<&'a Value> {
    doc["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter(|c| s(c, "text") == text)
        .collect()
}

#[test]
fn reference_backed_figures_are_checked_against_the_reference_and_pass() {
    let (_, doc) = sample_json(&[]);
    // (claim text, which occurrence): the revenue paragraph and Omdia's purchase ranking.
    let referenced = [
        ("171亿美元", 0),
        ("66%", 0),
        ("13.1%", 0),
        ("连续三年下滑", 0),
        ("48.5万枚", 0),
        ("均采购23万枚", 0),
        ("22.4万枚", 0),
        ("19.6万枚", 0),
        ("16.9万枚", 0),
    ];
    let findings = doc["findings"].as_array().expect("findings");
    for (text, nth) in referenced {
        let c = claims(&doc, text)
            .get(nth)
            .copied()
            .unwrap_or_else(|| panic!("no claim `{text}` #{nth}"));
        assert_eq!(
            c["referenced"], true,
            "`{text}` matched the reference: {c:#}"
        );
        assert_eq!(c["checked"], true, "`{text}` counted as checked");
        let span = &c["span"];
        assert!(
            !findings.iter().any(|f| f["span"] == *span),
            "`{text}` passes: no finding on it"
        );
    }
    // xAI's 19.6万枚: the reference holds only Tesla and xAI combined (20万), so it is not
    // matched; it is still checked (its place in the ranking).
    let xai = claims(&doc, "19.6万枚")[1];
    assert_eq!(xai["subject"], "xAI");
    assert_eq!(xai["checked"], true);

    let stats = &doc["stats"];
    let flagged = doc["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter(|c| c["checked"] == true)
        .count() as u64;
    assert_eq!(stats["checked"].as_u64(), Some(flagged), "stats agree");
    assert!(flagged >= referenced.len() as u64);
}

#[test]
fn the_reference_is_what_checks_them() {
    // Without the bundled reference the same figures are not matched, and nothing is invented.
    let (_, doc) = sample_json(&["--no-bundled-reference"]);
    for text in ["171亿美元", "13.1%", "48.5万枚", "16.9万枚"] {
        assert_eq!(claims(&doc, text)[0]["referenced"], false, "{text}");
    }
}

#[test]
fn fail_on_levels_on_the_sample() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (level, want) in [("warning", 1), ("never", 0), ("error", 1), ("info", 1)] {
        let (code, _, err) = run(numcheck_in(root).args([
            "check",
            "--format",
            "concise",
            "--fail-on",
            level,
            SAMPLE,
        ]));
        assert_eq!(code, want, "--fail-on {level}: {err}");
    }
}
