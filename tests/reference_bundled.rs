//! Keeps the bundled reference data valid: strict parse, known units and periods, no
//! duplicate keys, and every alias pointing at a name the facts (or the vocabulary) use.

use numcheck::reference::bundle::{FILES, VOCABULARY};
use numcheck::reference::load::{self, Layer, KNOWN_UNITS};
use numcheck::reference::{AliasKind, Period, Reference};
use std::collections::HashSet;

#[test]
fn every_bundled_file_parses_strictly() {
    for (name, text) in FILES {
        if let Err(e) = load::parse(name, text) {
            panic!("{e}");
        }
    }
}

#[test]
fn facts_have_known_units_periods_and_sources() {
    let r = Reference::bundled();
    assert!(r.facts.len() >= 20);
    let mut keys = HashSet::new();
    for f in &r.facts {
        assert!(KNOWN_UNITS.contains(&f.unit.as_str()), "{f:?}");
        assert!(Period::parse(&f.period).is_some(), "{f:?}");
        assert!(!f.source.is_empty(), "{f:?}");
        assert!(
            keys.insert((&f.entity, &f.segment, &f.metric, &f.period)),
            "duplicate {f:?}"
        );
    }
}

#[test]
fn every_alias_points_at_a_known_name() {
    let mut facts = Vec::new();
    let mut events = Vec::new();
    let mut aliases = Vec::new();
    for (name, text) in FILES {
        match load::parse(name, text).expect("valid") {
            Layer::Facts(f) => facts.extend(f),
            Layer::Events(e) => events.extend(e),
            Layer::Aliases(a) => aliases.extend(a),
        }
    }
    assert!(!aliases.is_empty());
    for a in &aliases {
        let c = a.canonical.as_str();
        let known = match a.kind {
            AliasKind::Entity => {
                facts.iter().any(|f| f.entity == c) || events.iter().any(|e| e.entity == c)
            }
            AliasKind::Segment => facts.iter().any(|f| f.segment == c),
            AliasKind::Metric | AliasKind::Scope => facts.iter().any(|f| f.metric == c),
        } || VOCABULARY.contains(&(a.kind, c));
        assert!(known, "alias {a:?} points at an unknown name");
    }
}

#[test]
fn sample_vocabulary_resolves() {
    let r = Reference::bundled();
    let cases = [
        (AliasKind::Entity, "英伟达", "NVIDIA"),
        (AliasKind::Entity, "NVIDIA", "NVIDIA"),
        (AliasKind::Entity, "Nvidia", "NVIDIA"),
        (AliasKind::Entity, "微软", "Microsoft"),
        (AliasKind::Entity, "字节跳动", "ByteDance"),
        (AliasKind::Entity, "腾讯", "Tencent"),
        (AliasKind::Entity, "Meta", "Meta"),
        (AliasKind::Entity, "亚马逊", "Amazon"),
        (AliasKind::Entity, "谷歌", "Google"),
        (AliasKind::Entity, "寒武纪", "Cambricon"),
        (AliasKind::Entity, "华为", "Huawei"),
        (AliasKind::Segment, "中国大陆", "China incl. Hong Kong"),
        (AliasKind::Segment, "中国大陆地区", "China incl. Hong Kong"),
        (AliasKind::Segment, "美国", "United States"),
        (AliasKind::Metric, "收入", "revenue"),
        (AliasKind::Metric, "营收", "revenue"),
        (AliasKind::Metric, "营业收入", "revenue"),
        (AliasKind::Metric, "净利润", "net_profit"),
        (AliasKind::Metric, "归母净利润", "net_profit"),
        (AliasKind::Metric, "采购", "nvidia_hopper_gpu_purchases"),
        (AliasKind::Metric, "出货量", "shipments"),
    ];
    for (kind, alias, canonical) in cases {
        assert_eq!(r.canonical(kind, alias), Some(canonical), "{alias}");
    }
    // Different entities and estimates must not be merged into the article's subjects.
    assert_eq!(r.canonical(AliasKind::Entity, "xAI"), None);
    assert_eq!(r.canonical(AliasKind::Entity, "H20"), None);
    assert_eq!(r.canonical(AliasKind::Entity, "英伟达H20"), None);
    assert!(r.scopes("nvidia_hopper_gpu_purchases").contains(&"Hopper"));
}
