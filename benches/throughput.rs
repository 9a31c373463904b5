//! Throughput benchmark: generates a corpus from the sample article and the test fixtures,
//! times the release binary on it (MB/s, articles/s, peak memory, 1 and 2 threads) and
//! times in-process extraction alone. Run with `cargo bench --bench throughput`.
//!
//! Environment: `NC_BENCH_N` (copies per article kind, default 2000), `NC_BENCH_RUNS`
//! (best of, default 3), `NC_BENCH_DIR` (where the corpus goes; a temporary directory
//! otherwise). Wall-clock figures depend on the machine's load; the best of several runs
//! is reported.

use numcheck::document::Document;
use numcheck::reference::Reference;
use numcheck::settings::Settings;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The articles the corpus is built from: the sample and every fixture article.
fn source_articles(root: &Path) -> Vec<String> {
    let mut paths = vec![root.join("seeds/nvidia-china-export-controls.txt")];
    let mut stack = vec![root.join("tests/fixtures")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt" || x == "md") {
                paths.push(p);
            }
        }
    }
    paths[1..].sort();
    paths
        .iter()
        .filter_map(|p| fs::read_to_string(p).ok())
        .collect()
}

/// One corpus to time: a name, the paths to pass, its size and its article count.
struct Corpus {
    name: &'static str,
    args: Vec<String>,
    bytes: u64,
    articles: u64,
}

/// Writes the corpora under `dir`: `n` copies of the sample as files, `n` files cycling
/// through every article, the same as one JSONL dump, and one document 100× the sample.
fn build(dir: &Path, articles: &[String], n: usize) -> Vec<Corpus> {
    let write_files = |sub: &str, pick: &dyn Fn(usize) -> usize| {
        let d = dir.join(sub);
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).expect("corpus directory");
        let mut bytes = 0;
        for i in 0..n {
            let text = &articles[pick(i)];
            bytes += text.len() as u64;
            fs::write(d.join(format!("a{i:06}.txt")), text).expect("corpus file");
        }
        (d, bytes)
    };
    let sample = &articles[0];
    let (d1, b1) = write_files("sample", &|_| 0);
    let (d2, b2) = write_files("mixed", &|i| i % articles.len());
    let mut jsonl = String::new();
    for i in 0..n {
        let line =
            serde_json::json!({"id": format!("a{i:06}"), "text": &articles[i % articles.len()]});
        jsonl.push_str(&line.to_string());
        jsonl.push('\n');
    }
    let jpath = dir.join("mixed.jsonl");
    fs::write(&jpath, &jsonl).expect("jsonl corpus");
    let long = sample.repeat(100);
    let lpath = dir.join("long.txt");
    fs::write(&lpath, &long).expect("long document");
    let spath = dir.join("one.txt");
    fs::write(&spath, sample).expect("one document");
    let s = |p: &PathBuf| p.display().to_string();
    vec![
        Corpus {
            name: "sample ×N files",
            args: vec![s(&d1)],
            bytes: b1,
            articles: n as u64,
        },
        Corpus {
            name: "mixed ×N files",
            args: vec![s(&d2)],
            bytes: b2,
            articles: n as u64,
        },
        Corpus {
            name: "mixed ×N JSONL",
            args: vec!["--input-format".into(), "jsonl".into(), s(&jpath)],
            bytes: b2,
            articles: n as u64,
        },
        Corpus {
            name: "one sample",
            args: vec![s(&spath)],
            bytes: sample.len() as u64,
            articles: 1,
        },
        Corpus {
            name: "one 100× sample",
            args: vec![s(&lpath)],
            bytes: long.len() as u64,
            articles: 1,
        },
    ]
}

/// Runs the binary once; wall time and the child's peak resident set in KiB.
// The child is reaped by wait4 (which also reports its own peak memory), not Child::wait.
#[allow(clippy::zombie_processes)]
fn run_once(bin: &str, args: &[String], jobs: usize, out: &Path) -> (Duration, i64) {
    let sink = fs::File::create(out).expect("output file");
    let start = Instant::now();
    let child = Command::new(bin)
        .arg("check")
        .args(args)
        .args(["--format", "json", "--fail-on", "never", "--jobs"])
        .arg(jobs.to_string())
        .stdout(Stdio::from(sink))
        .spawn()
        .expect("spawn numcheck");
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for the child we just spawned, which
    // nothing else waits for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert!(pid > 0, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "numcheck failed"
    );
    (elapsed, usage.ru_maxrss)
}

fn main() {
    // `cargo test --all-targets` runs bench targets too, without `--bench`, on a debug
    // build: timings from that run would be meaningless and slow CI, so only measure
    // when cargo bench asked for it.
    if !std::env::args().any(|a| a == "--bench") {
        println!("throughput: run with `cargo bench --bench throughput` to measure");
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bin = env!("CARGO_BIN_EXE_numcheck");
    let n: usize = std::env::var("NC_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let runs: usize = std::env::var("NC_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let tmp = tempfile::tempdir().expect("temporary directory");
    let dir = std::env::var("NC_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| tmp.path().to_path_buf());
    fs::create_dir_all(&dir).expect("bench directory");
    let articles = source_articles(&root);
    println!(
        "{} source articles, N = {n}, best of {runs} runs",
        articles.len()
    );
    let corpora = build(&dir, &articles, n);
    println!("| corpus | threads | MB | s | MB/s | articles/s | peak RSS MB |");
    println!("|---|---|---|---|---|---|---|");
    // Best time per (corpus, threads), for the ratios below.
    let mut times: Vec<[f64; 2]> = Vec::new();
    for c in &corpora {
        let mut pair = [0.0; 2];
        for jobs in [1, 2] {
            let mut best = Duration::MAX;
            let mut peak = 0;
            for _ in 0..runs {
                let (t, rss) = run_once(bin, &c.args, jobs, &dir.join("out.json"));
                best = best.min(t);
                peak = peak.max(rss);
            }
            let secs = best.as_secs_f64();
            pair[jobs - 1] = secs;
            let mb = c.bytes as f64 / 1e6;
            println!(
                "| {} | {jobs} | {mb:.1} | {secs:.3} | {:.1} | {:.0} | {:.1} |",
                c.name,
                mb / secs,
                c.articles as f64 / secs,
                peak as f64 / 1024.0
            );
        }
        times.push(pair);
    }
    println!(
        "two threads vs one on `{}`: {:.2}×",
        corpora[0].name,
        times[0][0] / times[0][1]
    );
    println!(
        "one 100× sample vs one sample (1 thread, start-up included): {:.1}× the time",
        times[4][0] / times[3][0]
    );
    // Extraction alone, in process, one thread: the library's extract() over every article.
    let reference = Reference::bundled();
    let opts = numcheck::extract_options(&reference, &Settings::default());
    let docs: Vec<Document> = (0..n)
        .map(|i| Document::new(format!("a{i}"), articles[i % articles.len()].clone()))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut best = Duration::MAX;
    let mut claims = 0;
    for _ in 0..runs {
        let start = Instant::now();
        claims = docs
            .iter()
            .map(|d| numcheck::extract::extract(d, &opts).claims.len())
            .sum::<usize>();
        best = best.min(start.elapsed());
    }
    let secs = best.as_secs_f64();
    println!(
        "extract() only, 1 thread: {:.1} MB in {secs:.3} s = {:.1} MB/s, {:.0} articles/s, {claims} claims",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs,
        n as f64 / secs
    );
}
