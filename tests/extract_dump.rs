//! Temporary: prints claims of a file given by NUMCHECK_DUMP (ignored test).
use numcheck::document::Document;
use numcheck::extract::{extract, ExtractOptions};
#[test]
#[ignore]
fn dump() {
    let p = std::env::var("NUMCHECK_DUMP").unwrap();
    let text = std::fs::read_to_string(&p).unwrap();
    let doc = Document::new(p, text);
    let opts = ExtractOptions {
        article_date: "2025-11-20".parse().ok(),
        entities: vec![],
    };
    let ex = extract(&doc, &opts);
    for c in &ex.claims {
        println!("{:>3} {:?} [{}] {:?} u={:?} h={:?} d={:?} p={:?} s={:?} seg={:?} m={:?} co={:?} n={:?}", c.id, c.kind, doc.slice(c.span), c.value, c.unit.as_ref().map(|u| &u.code), c.hedge.as_ref().map(|h| &h.text), c.direction, c.period, c.subject, c.segment, c.metric, c.change_of, c.notes);
    }
    println!("mentions {}", ex.numeric_mentions);
}
