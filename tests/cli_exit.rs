//! CLI exit codes (DESIGN §6) and one-line usage errors, for every format and subcommand.

mod cli_support;

use cli_support::*;

#[test]
fn clean_article_exits_zero_in_every_format() {
    let d = scratch();
    let article = fixture("articles/auto-sales.txt");
    for f in FORMATS {
        let (code, out, err) = run(numcheck_in(d.path())
            .args(["check", "--format", f])
            .arg(&article));
        assert_eq!(code, 0, "format {f}: {err}");
        assert!(!err.contains("panicked"), "format {f}: {err}");
        assert!(
            !out.is_empty() || f == "concise" || f == "github",
            "format {f} wrote nothing"
        );
    }
}

#[test]
fn input_error_exits_two_in_every_format() {
    let d = scratch();
    for f in FORMATS {
        let (code, _, err) = run(numcheck_in(d.path()).args(["check", "--format", f, "nope.txt"]));
        assert_eq!(code, 2, "format {f}");
        assert_one_line_error(&err, &["nope.txt"]);
    }
}

#[test]
fn unknown_names_are_one_line_usage_errors() {
    let d = scratch();
    let a = fixture("articles/auto-sales.txt");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["check", "--format", "yaml"], "unknown format `yaml`"),
        (
            vec!["claims", "--format", "sarif"],
            "unknown claims format `sarif`",
        ),
        (vec!["check", "--select", "NC999"], "unknown rule `NC999`"),
        (
            vec!["check", "--ignore", "no-such-rule"],
            "unknown rule `no-such-rule`",
        ),
        (vec!["check", "--fail-on", "fatal"], "fatal"),
        (vec!["check", "--article-date", "2025-02-30"], "2025-02-30"),
        (
            vec!["check", "--input-format", "xml"],
            "unknown input format `xml`",
        ),
        (vec!["check", "--jobs", "many"], "many"),
        (vec!["check", "--no-such-flag"], "--no-such-flag"),
        (vec!["frobnicate"], "frobnicate"),
    ];
    for (args, needle) in cases {
        let (code, out, err) = run(numcheck_in(d.path()).args(&args).arg(&a));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert_one_line_error(&err, &[needle]);
        assert!(out.is_empty(), "{args:?} wrote {out}");
    }
    let (code, _, err) = run(numcheck_in(d.path()).args(["explain", "NC999"]));
    assert_eq!(code, 2);
    assert_one_line_error(&err, &["unknown rule `NC999`"]);
}

#[test]
fn no_subcommand_is_a_usage_error_and_help_is_not() {
    let d = scratch();
    let (code, _, err) = run(&mut numcheck_in(d.path()));
    assert_eq!(code, 2);
    assert!(err.contains("Usage"), "{err}");
    let (code, out, _) = run(numcheck_in(d.path()).arg("--help"));
    assert_eq!(code, 0);
    assert!(out.contains("check") && out.contains("explain"));
}

#[test]
fn missing_reference_is_a_data_error() {
    let d = scratch();
    let (code, out, err) = run(numcheck_in(d.path())
        .args(["check", "--reference", "no/such/dir"])
        .arg(fixture("articles/auto-sales.txt")));
    assert_eq!(code, 2);
    assert_one_line_error(&err, &["no/such/dir"]);
    assert!(out.is_empty());
}

#[test]
fn rules_lists_and_claims_runs() {
    let d = scratch();
    let (code, out, err) = run(numcheck_in(d.path()).arg("rules"));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("CODE"), "{out}");
    for f in ["table", "json", "csv"] {
        let (code, _, err) = run(numcheck_in(d.path())
            .args(["claims", "--format", f])
            .arg(fixture("articles")));
        assert_eq!(code, 0, "claims {f}: {err}");
    }
}

#[test]
fn flagged_article_exit_code_follows_fail_on_in_every_format() {
    let d = scratch();
    let article = fixture("flagged-residue.txt");
    for f in FORMATS {
        let code = |extra: &[&str]| {
            let (code, out, err) = run(numcheck_in(d.path())
                .args(["check", "--format", f])
                .args(extra)
                .arg(&article));
            assert!(!out.is_empty(), "format {f} {extra:?} wrote nothing");
            assert!(err.is_empty(), "format {f} {extra:?}: {err}");
            code
        };
        // The residue is an info finding: below the default fail-on level (error).
        assert_eq!(code(&[]), 0, "format {f}");
        assert_eq!(code(&["--fail-on", "info"]), 1, "format {f}");
        assert_eq!(code(&["--fail-on", "warning"]), 0, "format {f}");
        assert_eq!(code(&["--fail-on", "never"]), 0, "format {f}");
        assert_eq!(
            code(&["--fail-on", "info", "--ignore", "page-residue"]),
            0,
            "format {f}"
        );
        assert_eq!(
            code(&["--fail-on", "info", "--select", "NC101,nc110"]),
            0,
            "format {f}"
        );
        assert_eq!(
            code(&["--fail-on", "info", "--select", "nc301"]),
            1,
            "format {f}"
        );
    }
}

#[test]
fn failed_input_beats_findings_for_the_exit_code() {
    let d = scratch();
    let (code, out, err) = run(numcheck_in(d.path())
        .args([
            "check",
            "--format",
            "concise",
            "--fail-on",
            "info",
            "missing.txt",
        ])
        .arg(fixture("flagged-residue.txt")));
    assert_eq!(code, 2);
    assert_one_line_error(&err, &["missing.txt"]);
    assert!(
        out.contains("NC301"),
        "the readable file is still reported: {out}"
    );
}

#[test]
fn rules_lists_every_rule_and_explain_takes_code_or_name() {
    let d = scratch();
    let (_, list, _) = run(numcheck_in(d.path()).arg("rules"));
    for rule in numcheck::checks::registry() {
        let i = rule.info();
        let line = list
            .lines()
            .find(|l| l.starts_with(i.code))
            .unwrap_or_else(|| panic!("{} missing from {list}", i.code));
        assert!(
            line.contains(i.name) && line.contains(i.severity.as_str()) && line.contains(i.summary)
        );
        for key in [i.code, i.name, &i.code.to_lowercase()] {
            let (code, out, err) = run(numcheck_in(d.path()).args(["explain", key]));
            assert_eq!(code, 0, "{key}: {err}");
            assert!(out.starts_with(&format!("{} {}", i.code, i.name)), "{out}");
            assert!(out.contains(i.doc.trim()), "{key}");
        }
    }
}

#[test]
fn range_slip_fails_by_default_and_its_suppression_is_counted() {
    let d = scratch();
    for f in FORMATS {
        let (code, out, err) = run(numcheck_in(d.path())
            .args(["check", "--format", f])
            .arg(fixture("flagged-phones.txt")));
        assert_eq!(code, 1, "format {f}: {err}");
        assert!(out.contains("NC101"), "format {f} does not name the rule");
        let (code, _, err) = run(numcheck_in(d.path())
            .args(["check", "--format", f])
            .arg(fixture("suppressed-phones.md")));
        assert_eq!(code, 0, "format {f}: {err}");
    }
    let (_, out, _) = run(numcheck_in(d.path())
        .args(["check", "--format", "json"])
        .arg(fixture("suppressed-phones.md")));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["documents"][0]["stats"]["suppressed"], 1, "{out}");
}

#[test]
fn absurd_jobs_is_a_usage_error_and_dash_output_is_stdout() {
    let d = scratch();
    let a = fixture("articles/auto-sales.txt");
    let (code, _, err) = run(numcheck_in(d.path())
        .args(["check", "--jobs", "100000"])
        .arg(&a));
    assert_eq!(code, 2);
    assert_one_line_error(&err, &["--jobs"]);
    let (code, out, _) = run(numcheck_in(d.path())
        .args(["check", "--format", "json", "-o", "-"])
        .arg(&a));
    assert_eq!(code, 0);
    assert!(out.contains("auto-sales.txt"));
    assert!(!d.path().join("-").exists());
}
