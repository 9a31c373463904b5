//! `numcheck.toml`: discovery in parent directories, `--config`, and errors naming the key.

mod cli_support;

use cli_support::*;

#[test]
fn unknown_key_is_named_with_file_line_and_column() {
    let d = scratch();
    write(
        d.path(),
        "numcheck.toml",
        "fail-on = \"warning\"\nfailon = \"error\"\n",
    );
    let (code, out, err) = run(numcheck_in(d.path())
        .arg("check")
        .arg(fixture("articles/auto-sales.txt")));
    assert_eq!(code, 2);
    assert_one_line_error(&err, &["numcheck.toml:2:1:", "failon"]);
    assert!(out.is_empty());
}

#[test]
fn config_is_found_in_a_parent_directory() {
    let d = scratch();
    write(d.path(), "numcheck.toml", "[rules]\nNC000 = \"off\"\n");
    let sub = d.path().join("desk/drafts");
    std::fs::create_dir_all(&sub).unwrap();
    let (code, _, err) = run(numcheck_in(&sub)
        .arg("check")
        .arg(fixture("articles/auto-sales.txt")));
    assert_eq!(code, 2);
    assert_one_line_error(&err, &["numcheck.toml:2:1:", "unknown rule `NC000`"]);
}

#[test]
fn explicit_config_wins_and_must_exist() {
    let d = scratch();
    write(d.path(), "numcheck.toml", "bogus = 1\n");
    write(
        d.path(),
        "ci.toml",
        "fail-on = \"never\"\narticle-date = 2025-03-12\n",
    );
    let (code, _, err) = run(numcheck_in(d.path())
        .args(["check", "--config", "ci.toml"])
        .arg(fixture("articles/auto-sales.txt")));
    assert_eq!(code, 0, "the discovered file is not read: {err}");
    let (code, _, err) = run(numcheck_in(d.path())
        .args(["check", "--config", "absent.toml"])
        .arg(fixture("articles/auto-sales.txt")));
    assert_eq!(code, 2);
    assert_one_line_error(&err, &["absent.toml"]);
}

#[test]
fn reference_paths_resolve_against_the_config_file() {
    let d = scratch();
    write(d.path(), "proj/numcheck.toml", "reference = \"ref-data\"\n");
    let (code, _, err) = run(numcheck_in(d.path())
        .args(["check", "--config", "proj/numcheck.toml"])
        .arg(fixture("articles/auto-sales.txt")));
    assert_eq!(code, 2);
    assert_one_line_error(&err, &["proj/ref-data"]);
}

#[test]
fn cli_flags_override_the_config() {
    let d = scratch();
    write(d.path(), "numcheck.toml", "article-date = \"2025-13-01\"\n");
    // The file is still parsed (and its error reported) even when a flag would override it:
    // a broken config is never silently ignored.
    let (code, _, err) = run(numcheck_in(d.path())
        .args(["check", "--article-date", "2025-03-12"])
        .arg(fixture("articles/auto-sales.txt")));
    assert_eq!(code, 2);
    assert_one_line_error(&err, &["numcheck.toml:1:16:", "2025-13-01"]);
    write(d.path(), "numcheck.toml", "fail-on = \"info\"\n");
    let (code, _, err) = run(numcheck_in(d.path())
        .args(["check", "--fail-on", "bogus"])
        .arg(fixture("articles/auto-sales.txt")));
    assert_eq!(code, 2);
    assert_one_line_error(&err, &["--fail-on", "bogus"]);
}

#[test]
fn rule_severity_and_off_from_config() {
    let d = scratch();
    let article = fixture("flagged-residue.txt");
    write(
        d.path(),
        "numcheck.toml",
        "[rules]\npage-residue = \"error\"\n",
    );
    let (code, out, err) = run(numcheck_in(d.path())
        .args(["check", "--format", "concise"])
        .arg(&article));
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("error") && out.contains("NC301"), "{out}");
    // The flag overrides the file's fail-on, not its rule levels.
    let (code, _, _) = run(numcheck_in(d.path())
        .args(["check", "--fail-on", "never"])
        .arg(&article));
    assert_eq!(code, 0);
    write(
        d.path(),
        "numcheck.toml",
        "fail-on = \"info\"\n[rules]\nNC301 = \"off\"\n",
    );
    let (code, out, _) = run(numcheck_in(d.path())
        .args(["check", "--format", "concise"])
        .arg(&article));
    assert_eq!(code, 0);
    assert!(!out.contains("NC301"), "{out}");
    write(
        d.path(),
        "numcheck.toml",
        "fail-on = \"info\"\nignore = [\"NC101\"]\n",
    );
    let (code, _, _) = run(numcheck_in(d.path()).arg("check").arg(&article));
    assert_eq!(code, 1, "config fail-on applies");
    let (code, _, _) = run(numcheck_in(d.path())
        .args(["check", "--ignore", "page-residue"])
        .arg(&article));
    assert_eq!(code, 0, "flag --ignore replaces the config's list");
}

#[test]
fn inline_suppression_is_counted_in_the_report() {
    let d = scratch();
    let (code, out, err) = run(numcheck_in(d.path())
        .args(["check", "--format", "json", "--fail-on", "info"])
        .arg(fixture("suppressed-residue.md")));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let doc = &v["documents"][0];
    assert_eq!(doc["findings"].as_array().map(Vec::len), Some(0), "{out}");
    assert_eq!(doc["stats"]["suppressed"], 1, "{out}");
}

/// The `period` of the claims of `flagged-phones.txt` that have one, as `claims` prints them.
fn periods(dir: &std::path::Path, extra: &[&str]) -> Vec<String> {
    let (code, out, err) = run(numcheck_in(dir)
        .args(["claims", "--format", "json"])
        .args(extra)
        .arg(fixture("flagged-phones.txt")));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v["documents"][0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "period")
        .filter_map(|c| c["period"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn article_date_comes_from_config_unless_the_flag_is_given() {
    let d = scratch();
    // 今年第三季度 needs the publication year.
    assert!(!periods(d.path(), &[]).contains(&"2025Q3".to_string()));
    write(d.path(), "numcheck.toml", "article-date = 2025-11-02\n");
    assert!(periods(d.path(), &[]).contains(&"2025Q3".to_string()));
    let flagged = periods(d.path(), &["--article-date", "2024-10-20"]);
    assert!(flagged.contains(&"2024Q3".to_string()), "{flagged:?}");
}
