//! The SARIF output validates against the official SARIF 2.1.0 JSON schema, bundled in
//! tests/schemas/sarif-2.1.0.json (the 2.1.0 "rtm.5" schema as published by the SARIF
//! authors, taken from Microsoft's @microsoft/jest-sarif package), and keeps the promises
//! code scanning relies on: rule indexes, exclusive end columns, stable fingerprints.

mod report_fixture;

use numcheck::document::Document;
use numcheck::report::sarif::SarifWriter;
use numcheck::report::{writer, DocReport, Format, ReportOptions};
use report_fixture::{clean, flagged, render, render_reports, CURRENCY, RANGE, RESIDUE, SHARE};
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/schemas/sarif-2.1.0.json"
    ))
    .expect("bundled schema");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

fn errors(v: &jsonschema::Validator, log: &Value) -> Vec<String> {
    v.iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}

fn sarif(rules: Vec<&'static numcheck::finding::RuleInfo>, reports: &[DocReport]) -> Value {
    let mut w = SarifWriter::new(rules);
    serde_json::from_str(&render_reports(&mut w, reports, true)).expect("SARIF is JSON")
}

#[test]
fn sarif_validates_against_the_schema() {
    let v = validator();
    let log = sarif(
        vec![&RANGE, &SHARE, &RESIDUE, &CURRENCY],
        &[flagged(), clean()],
    );
    assert_eq!(errors(&v, &log), Vec::<String>::new());
    // The factory's writer (rules from the registry, whatever it holds) is valid too.
    let out = render(writer(Format::Sarif, ReportOptions::default()));
    let log: Value = serde_json::from_str(&out).expect("SARIF is JSON");
    assert_eq!(errors(&v, &log), Vec::<String>::new());
    // And a run with no documents at all.
    let mut w = SarifWriter::new(Vec::new());
    let empty: Value = serde_json::from_str(&render_reports(&mut w, &[], false)).expect("JSON");
    assert_eq!(errors(&v, &empty), Vec::<String>::new());
}

#[test]
fn schema_rejects_a_broken_log() {
    // The validation above means something only if the schema catches mistakes.
    let v = validator();
    let mut log = sarif(vec![&RANGE], &[flagged()]);
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!errors(&v, &log).is_empty());
    let mut log = sarif(vec![&RANGE], &[flagged()]);
    log["runs"][0]["columnKind"] = Value::from("characters");
    assert!(!errors(&v, &log).is_empty());
}

#[test]
fn results_point_at_their_rules_and_spans() {
    // RESIDUE is not listed up front: the writer must add it and index it.
    let log = sarif(vec![&RANGE, &SHARE], &[flagged()]);
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), 4);
    for r in run["results"].as_array().expect("results") {
        let i = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        let region = &r["locations"][0]["physicalLocation"]["region"];
        let snippet = region["snippet"]["text"].as_str().expect("snippet");
        let width = region["endColumn"].as_u64().unwrap() - region["startColumn"].as_u64().unwrap();
        // Exclusive end column: a one-line span is as wide as its text in code points.
        assert_eq!(width as usize, snippet.chars().count(), "{region}");
    }
    let first = &run["results"][0];
    assert_eq!(first["ruleId"], "NC101");
    assert_eq!(first["level"], "error");
    assert_eq!(
        first["relatedLocations"][0]["message"]["text"],
        "the total, stated in 万"
    );
    assert_eq!(run["results"][2]["level"], "note");
    assert_eq!(rules[0]["defaultConfiguration"]["level"], "error");
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
}

#[test]
fn fingerprints_survive_edits_elsewhere() {
    let fps = |r: DocReport| -> Vec<Value> {
        let log = sarif(vec![], &[r]);
        log["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|x| x["partialFingerprints"]["numcheck/v1"].clone())
            .collect()
    };
    let before = fps(flagged());
    // Prepend a line: every byte offset and line number moves, the fingerprints must not.
    let mut moved = flagged();
    let extra = "编者按：本文数据来自公开资料。\n";
    moved.doc = Document::new(moved.doc.path.clone(), format!("{extra}{}", moved.doc.text));
    let shift = |s: numcheck::document::Span| {
        numcheck::document::Span::new(s.start + extra.len(), s.end + extra.len())
    };
    for f in &mut moved.findings {
        f.span = shift(f.span);
        for r in &mut f.related {
            r.span = shift(r.span);
        }
    }
    for c in &mut moved.claims {
        c.span = shift(c.span);
    }
    assert_eq!(before, fps(moved));
    // Different findings get different fingerprints.
    let mut unique = before.clone();
    unique.dedup();
    assert_eq!(unique.len(), before.len());
}
