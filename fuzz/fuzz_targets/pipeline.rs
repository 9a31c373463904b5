//! Fuzz target: the whole pipeline from bytes to every output format — lossy UTF-8, then
//! `check_document` with the bundled reference, then every `check` and `claims` writer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use numcheck::document::Document;
use numcheck::reference::Reference;
use numcheck::report::{claims_writer, writer, ClaimsFormat, Format, ReportOptions, Totals};
use numcheck::settings::{Date, Settings};
use std::sync::OnceLock;

/// The bundled reference, loaded once per process (loading it is the slow part).
fn reference() -> &'static Reference {
    static R: OnceLock<Reference> = OnceLock::new();
    R.get_or_init(Reference::bundled)
}

fuzz_target!(|data: &[u8]| {
    // The first byte, when odd, sets an article date so 今年/去年 resolution runs too.
    let dated = data.first().is_some_and(|b| b % 2 == 1);
    let text = String::from_utf8_lossy(data).into_owned();
    let settings = Settings {
        article_date: if dated { Date::new(2025, 11, 20) } else { None },
        ..Settings::default()
    };
    let report = numcheck::check_document(Document::new("fuzz.txt", text), reference(), &settings);
    // Claims and findings must point inside the text, on character boundaries.
    let t = &report.doc.text;
    for c in &report.claims {
        assert!(c.span.start <= c.span.end && c.span.end <= t.len());
        assert!(t.is_char_boundary(c.span.start) && t.is_char_boundary(c.span.end));
    }
    for f in &report.findings {
        assert!(f.span.start <= f.span.end && f.span.end <= t.len());
        assert!(t.is_char_boundary(f.span.start) && t.is_char_boundary(f.span.end));
    }
    let mut totals = Totals {
        documents: 1,
        ..Totals::default()
    };
    totals.stats.add(&report.stats);
    let mut writers: Vec<_> = Format::ALL
        .iter()
        .flat_map(|&(_, f)| [false, true].map(|color| writer(f, ReportOptions { color })))
        .collect();
    writers.extend(ClaimsFormat::ALL.iter().map(|&(_, f)| claims_writer(f)));
    for mut w in writers {
        let mut out: Vec<u8> = Vec::new();
        w.begin(&mut out).expect("write to Vec");
        w.document(&report, &mut out).expect("write to Vec");
        w.finish(&totals, &mut out).expect("write to Vec");
    }
});
