//! Loading user reference files and directories: layering over the bundle, and errors that
//! name the file, line and column while adding nothing.

use numcheck::error::Error;
use numcheck::reference::{AliasKind, Reference};
use std::path::PathBuf;

/// A fresh, empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("numcheck-ref-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

const FACTS: &str = "entity,segment,metric,period,value,unit,source,source_date,note\n\
    长风汽车,,deliveries,2024,412300,units,长风汽车年报,2025-03-20,\n\
    长风汽车,,deliveries,2023,301800,units,长风汽车年报,2024-03-21,\n";
const ALIASES: &str = "kind,alias,canonical\nentity,长风,长风汽车\nmetric,交付量,deliveries\n";

#[test]
fn loads_a_directory_in_name_order_on_top_of_the_bundle() {
    let dir = scratch("dir");
    std::fs::write(dir.join("a_facts.csv"), FACTS).unwrap();
    std::fs::write(dir.join("aliases.csv"), ALIASES).unwrap();
    std::fs::write(dir.join("notes.txt"), "not a csv").unwrap();
    let mut r = Reference::bundled();
    let before = r.facts.len();
    r.add_path(&dir).expect("valid directory");
    assert_eq!(r.facts.len(), before + 2);
    assert_eq!(r.canonical(AliasKind::Entity, "长风"), Some("长风汽车"));
    assert_eq!(r.canonical(AliasKind::Entity, "英伟达"), Some("NVIDIA"));
    let f = r.fact("长风汽车", "", "deliveries", "2024").unwrap();
    assert!(f.origin.file.ends_with("a_facts.csv"));
    assert_eq!(f.origin.line, 2);
}

#[test]
fn a_later_file_overrides_the_bundle() {
    let dir = scratch("override");
    let file = dir.join("nvidia.csv");
    std::fs::write(
        &file,
        "entity,segment,metric,period,value,unit,source,source_date,note\n\
         NVIDIA,,revenue,FY2025,130500000000,USD,restated,2025-06-01,\n",
    )
    .unwrap();
    let mut r = Reference::bundled();
    r.add_path(&file).unwrap();
    let f = r.fact("NVIDIA", "", "revenue", "FY2025").unwrap();
    assert_eq!(f.source, "restated");
}

#[test]
fn a_bad_file_is_named_with_line_and_column_and_nothing_is_added() {
    let dir = scratch("bad");
    std::fs::write(dir.join("a.csv"), FACTS).unwrap();
    std::fs::write(
        dir.join("b.csv"),
        "entity,segment,metric,period,value,unit,source,source_date,note\n\
         长风汽车,,deliveries,2022,12万,units,年报,,\n",
    )
    .unwrap();
    let mut r = Reference::empty();
    let err = r.add_path(&dir).unwrap_err();
    match &err {
        Error::Data {
            path, line, column, ..
        } => {
            assert!(path.ends_with("b.csv"), "{path}");
            assert_eq!(*line, Some(2));
            assert_eq!(*column, Some(23));
        }
        other => panic!("unexpected {other:?}"),
    }
    let shown = err.to_string();
    assert!(shown.contains("b.csv:2:23:"), "{shown}");
    assert!(r.facts.is_empty(), "a.csv must not be half-loaded");
}

#[test]
fn missing_paths_and_empty_directories_are_data_errors() {
    let mut r = Reference::empty();
    assert!(matches!(
        r.add_path("/nonexistent/numcheck/ref.csv"),
        Err(Error::Data { .. })
    ));
    let dir = scratch("empty");
    assert!(matches!(r.add_path(&dir), Err(Error::Data { .. })));
}
