//! Benchmark driver for adversarial documents (issue 6): builds one hostile document of a
//! given kind and scale, runs the whole pipeline and every `check` writer, and prints the
//! input size and wall time. `scripts/robust-bench.sh` runs it at 1× and 10× under
//! `/usr/bin/time` and prints the time and peak-memory ratios (linear ≈ 10).
//!
//! Usage: `cargo run --release --example adversarial -- KIND SCALE`
//! with KIND one of ranges, digits, brackets, shares, line.

use numcheck::document::Document;
use numcheck::reference::Reference;
use numcheck::report::{writer, Format, ReportOptions, Totals};
use numcheck::settings::Settings;
use std::time::Instant;

/// The hostile document of `kind` at `scale` (1 = the base size).
fn document(kind: &str, scale: usize) -> Option<String> {
    Some(match kind {
        // 10,000 ranges in a row per unit of scale, one sentence.
        "ranges" => "出货量约为30万-40万枚、".repeat(10_000 * scale),
        // A 1 MB line of digits per unit of scale.
        "digits" => format!("收入为{}元。", "9".repeat(1_000_000 * scale)),
        // 100,000 unclosed brackets and quotes, then figures.
        "brackets" => format!(
            "{}营收为3亿元，同比增长5%。",
            "（「“(【".repeat(100_000 * scale)
        ),
        // One sentence with 2,000 shares per unit of scale (NC105 groups, NC110 bounds).
        "shares" => format!(
            "2024年国内手机市场各厂商的市场份额分别为{}。",
            "约3.5%、".repeat(2_000 * scale)
        ),
        // A 1 MB single line of news text per unit of scale: no 。, one endless sentence.
        "line" => {
            let unit = "据行业机构统计，第三季度国内智能手机出货量约为6800万台，同比增长3.2%，\
                        其中华为份额为18.5%，小米出货量为1200万-1300万台，";
            unit.repeat(1_000_000 * scale / unit.len() + 1)
        }
        _ => return None,
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(kind), Some(scale)) = (
        args.get(1),
        args.get(2).and_then(|s| s.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: adversarial ranges|digits|brackets|shares|line SCALE");
        std::process::exit(2);
    };
    let Some(text) = document(kind, scale) else {
        eprintln!("unknown kind `{kind}`");
        std::process::exit(2);
    };
    let bytes = text.len();
    let reference = Reference::bundled();
    let t = Instant::now();
    let report = numcheck::check_document(
        Document::new("bench.txt", text),
        &reference,
        &Settings::default(),
    );
    let checked = t.elapsed();
    let mut totals = Totals {
        documents: 1,
        ..Totals::default()
    };
    totals.stats.add(&report.stats);
    for (_, f) in Format::ALL {
        let mut w = writer(f, ReportOptions::default());
        let mut out = std::io::sink();
        let r = w
            .begin(&mut out)
            .and_then(|()| w.document(&report, &mut out))
            .and_then(|()| w.finish(&totals, &mut out));
        if let Err(e) = r {
            eprintln!("{kind}: {e}");
        }
    }
    println!(
        "{kind} x{scale}: {bytes} bytes, {} claims, {} findings, check {:.3}s, total {:.3}s",
        report.claims.len(),
        report.findings.len(),
        checked.as_secs_f64(),
        t.elapsed().as_secs_f64()
    );
}
