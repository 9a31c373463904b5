//! Output stays proportional to the input on adversarial documents (issue 6): regressions
//! for the quadratic cases the adversarial benchmark found (`scripts/robust-bench.sh`).
//! These check sizes and counts, not time; the endless-sentence cases (NC103, reference
//! matching, columns) are exercised by `robust_cli::long_single_line_file`.

use numcheck::document::Document;
use numcheck::reference::Reference;
use numcheck::report::{writer, Format, ReportOptions, Totals};
use numcheck::settings::Settings;

/// Bytes each format writes for `text` as one document.
fn sizes(text: &str) -> Vec<(&'static str, usize)> {
    let report = numcheck::check_document(
        Document::new("s.txt", text),
        &Reference::bundled(),
        &Settings::default(),
    );
    let mut totals = Totals {
        documents: 1,
        ..Totals::default()
    };
    totals.stats.add(&report.stats);
    Format::ALL
        .iter()
        .map(|&(name, f)| {
            let mut w = writer(f, ReportOptions::default());
            let mut out = Vec::new();
            w.begin(&mut out).unwrap();
            w.document(&report, &mut out).unwrap();
            w.finish(&totals, &mut out).unwrap();
            (name, out.len())
        })
        .collect()
}

/// A share list of `n` items in one sentence, over 100% in total (one NC105 finding whose
/// span holds every share).
fn share_list(n: usize) -> String {
    format!(
        "2024年国内手机市场各厂商的市场份额分别为{}。",
        "约3.5%、".repeat(n)
    )
}

#[test]
fn a_long_share_list_gives_reports_proportional_to_it() {
    // The HTML page once repeated the finding's title, which lists every share, on each of
    // the n pieces of the list: 2 GB for 6,000 shares.
    let small = sizes(&share_list(300));
    let large = sizes(&share_list(3000));
    for ((name, a), (_, b)) in small.iter().zip(&large) {
        let ratio = *b as f64 / (*a).max(1) as f64;
        assert!(
            ratio < 20.0,
            "{name}: {a} bytes for 300 shares, {b} for 3000"
        );
    }
}
