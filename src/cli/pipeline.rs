//! A run over many inputs: gather, check in parallel in bounded chunks, write in input order.
//!
//! The calling thread gathers inputs into chunks and hands each to the rayon pool as it
//! fills; the `--jobs` pool threads check the documents and write them: whichever finishes
//! the chunk the output waits for writes it (`Ordered`), so `--jobs 1` is one thread doing
//! everything. Formats that render a document without writer state (json, jsonl, claims
//! json, full, concise, github; see `ReportWriter::renderer`) are rendered by the thread that
//! checked it, and a chunk's documents go out in one vectored write straight from their
//! buffers (`output::write_parts`). At most `IN_FLIGHT` chunks are out and unwritten, so
//! memory stays flat on any number of files or a JSONL dump of any size, and the output is
//! byte-identical whatever `--jobs` is.

use super::ordered::{Ordered, StopOnPanic};
use super::output::{is_broken_pipe, write_parts, Sink};
use super::plan::{self, Plan};
use super::progress::Progress;
use super::{CheckArgs, ClaimsArgs};
use crate::document::Document;
use crate::error::Error;
use crate::finding::Severity;
use crate::input::{self, Gathered, InputFormat, JsonLine, JsonLines, Loaded, Source};
use crate::reference::Reference;
use crate::report::{DocRenderer, DocReport, ReportOptions, ReportWriter, Stats, Totals};
use crate::settings::Settings;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// Documents per worker thread in a chunk. A chunk is the unit of output order and of
/// memory: every document of a chunk in flight holds its rendered output until the whole
/// chunk is written, so chunks stay small; yet the `IN_FLIGHT` chunks queued must keep
/// every thread busy while the calling thread gathers the next, so they grow with the
/// threads. 2,000 sample articles on two threads, 64-document chunks against the 256
/// used before: peak RSS 14 MB against 21 MB, and 128 ms against 163 ms in the median of
/// 20 interleaved runs timed as `compare-peers.sh` times them (README, Performance).
const CHUNK_DOCS_PER_THREAD: usize = 32;
/// Bytes of JSONL per chunk, so a dump of huge articles still moves in small steps.
const CHUNK_BYTES: usize = 8 << 20;

/// One unit of work, in output order.
enum Job {
    /// A text file or stdin: read, decode, check.
    File(input::Input),
    /// One JSONL line: parse, check.
    Line(JsonLine),
    /// An input that already failed while gathering or reading.
    Failed(Error),
}

/// What became of a job.
enum Done {
    /// Checked.
    Doc(Box<DocReport>),
    /// Checked and rendered on the worker; the report itself is already freed.
    Rendered {
        /// The document's output, or the error rendering it.
        bytes: std::io::Result<Vec<u8>>,
        /// Its counts, for the run's totals.
        stats: Stats,
    },
    /// Could not be read; reported and counted.
    Failed(Error),
    /// Not an article (binary file met in a directory); a note only.
    Skipped(String),
}

/// What a run does with each document.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Extract and check: `numcheck check`.
    Check,
    /// Extract only: `numcheck claims`.
    Claims,
}

/// `numcheck check`.
pub fn check(a: CheckArgs) -> Result<u8, Error> {
    let format = plan::check_format(&a.format)?;
    let plan = plan::resolve(&a.input, Some(&a))?;
    let reference = plan::load_reference(&plan)?;
    let opts = ReportOptions {
        color: plan.output.is_none()
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none(),
    };
    let writer = crate::report::writer(format, opts);
    let outcome = execute(&plan, &reference, Mode::Check, writer)?;
    Ok(exit_code(&outcome, plan.settings.fail_on))
}

/// `numcheck claims`.
pub fn claims(a: ClaimsArgs) -> Result<u8, Error> {
    let format = plan::claims_format(&a.format)?;
    let plan = plan::resolve(&a.input, None)?;
    let reference = plan::load_reference(&plan)?;
    let writer = crate::report::claims_writer(format);
    let outcome = execute(&plan, &reference, Mode::Claims, writer)?;
    Ok(exit_code(&outcome, None))
}

/// 2 if any input failed, else 1 if a finding reaches `fail_on`, else 0.
fn exit_code(t: &Totals, fail_on: Option<Severity>) -> u8 {
    if t.failed > 0 {
        return 2;
    }
    let worst = if t.stats.errors > 0 {
        Some(Severity::Error)
    } else if t.stats.warnings > 0 {
        Some(Severity::Warning)
    } else if t.stats.infos > 0 {
        Some(Severity::Info)
    } else {
        None
    };
    match (worst, fail_on) {
        (Some(w), Some(f)) if w >= f => 1,
        _ => 0,
    }
}

/// Refuses a `--output` that is one of the inputs: numcheck never overwrites an article.
fn guard_output(plan: &Plan, gathered: &[Gathered]) -> Result<(), Error> {
    let Some(out) = &plan.output else {
        return Ok(());
    };
    let Ok(out_c) = std::fs::canonicalize(out) else {
        return Ok(()); // does not exist yet, so it is no input
    };
    for g in gathered {
        if let Ok(input::Input {
            source: Source::File(p),
            ..
        }) = &g.item
        {
            if std::fs::canonicalize(p).is_ok_and(|c| c == out_c) {
                return Err(Error::Usage(format!(
                    "--output {} is also an input; refusing to overwrite it",
                    out.display()
                )));
            }
        }
    }
    Ok(())
}

/// The jobs for the gathered inputs, streaming JSONL files line by line.
fn jobs(gathered: Vec<Gathered>, format: InputFormat) -> impl Iterator<Item = Job> + Send {
    gathered
        .into_iter()
        .flat_map(move |g| -> Box<dyn Iterator<Item = Job> + Send> {
            match (g.item, format) {
                (Err(e), _) => Box::new(std::iter::once(Job::Failed(e))),
                (Ok(i), InputFormat::Text) => Box::new(std::iter::once(Job::File(i))),
                (Ok(i), InputFormat::Jsonl) => match input::open_lines(&i) {
                    Ok(r) => Box::new(JsonLines::new(i.path, r).map(|l| match l {
                        Ok(line) => Job::Line(line),
                        Err(e) => Job::Failed(e),
                    })),
                    Err(e) => Box::new(std::iter::once(Job::Failed(e))),
                },
            }
        })
}

/// Shared read-only state of the workers.
struct Worker<'a> {
    reference: &'a Reference,
    /// Extraction options, computed once for the run.
    options: crate::extract::ExtractOptions,
    settings: &'a Settings,
    lossy: bool,
    mode: Mode,
    /// Renders each document on the worker, when the format allows.
    renderer: Option<&'a dyn DocRenderer>,
}

impl Worker<'_> {
    /// Does one job.
    fn run(&self, job: Job) -> Done {
        let doc = match job {
            Job::Failed(e) => return Done::Failed(e),
            Job::Line(line) => match input::parse_line(line, self.lossy) {
                Ok(d) => d,
                Err(e) => return Done::Failed(e),
            },
            Job::File(i) => match input::load(&i, self.lossy) {
                Ok(Loaded::Text(t)) => Document::new(i.path, t),
                Ok(Loaded::Binary) if i.explicit => {
                    return Done::Failed(Error::input(
                        i.path,
                        "binary file (NUL bytes), not an article",
                    ))
                }
                Ok(Loaded::Binary) => {
                    return Done::Skipped(format!("{}: skipped: binary file (NUL bytes)", i.path))
                }
                Err(e) => return Done::Failed(e),
            },
        };
        let report = match self.mode {
            Mode::Check => {
                crate::check_document_with(doc, self.reference, self.settings, &self.options)
            }
            Mode::Claims => extract_only(doc, &self.options),
        };
        match self.renderer {
            Some(r) => Done::Rendered {
                bytes: render(r, &report),
                stats: report.stats,
            },
            None => Done::Doc(Box::new(report)),
        }
    }
}

thread_local! {
    /// Size of the last document this worker rendered: the next one gets that much room
    /// (plus an eighth) up front, so a ~40 KB output is neither grown step by step nor
    /// copied out of a scratch buffer.
    static LAST_SIZE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The most room a render buffer is given up front.
const MAX_HINT: usize = 1 << 20;

/// `report`'s output rendered by `r`.
fn render(r: &dyn DocRenderer, report: &DocReport) -> std::io::Result<Vec<u8>> {
    let hint = LAST_SIZE.get().min(MAX_HINT);
    let mut buf = Vec::with_capacity(hint + hint / 8);
    r.render(report, &mut buf)?;
    LAST_SIZE.set(buf.len());
    if buf.capacity() > 2 * buf.len() + 4096 {
        // A small document after a large one: queued outputs hold no more than they use.
        buf.shrink_to_fit();
    }
    Ok(buf)
}

/// The claims of a document with no rules run: what `numcheck claims` shows.
fn extract_only(doc: Document, options: &crate::extract::ExtractOptions) -> DocReport {
    let ex = crate::extract::extract(&doc, options);
    let stats = Stats {
        numeric_mentions: ex.numeric_mentions,
        claims: ex.claims.len(),
        ..Stats::default()
    };
    DocReport {
        doc,
        claims: ex.claims,
        findings: Vec::new(),
        stats,
        checked: Vec::new(),
        referenced: Vec::new(),
    }
}

/// The path an error names, for [`ReportWriter::failure`].
fn error_path(e: &Error) -> &str {
    match e {
        Error::Input { path, .. } | Error::Data { path, .. } => path,
        Error::Usage(_) | Error::Output(_) => "",
    }
}

/// A chunk's documents as the pool checks them, each on its own.
struct Pending {
    /// What became of each document, in input order; `None` until checked (or when the
    /// output stopped first and it was not).
    slots: Vec<Mutex<Option<Done>>>,
    /// Documents not yet checked.
    left: AtomicUsize,
}

impl Pending {
    fn new(docs: usize) -> Pending {
        Pending {
            slots: (0..docs).map(|_| Mutex::new(None)).collect(),
            left: AtomicUsize::new(docs),
        }
    }

    /// Checks the document in `slot` (unless the output has stopped); once it is the
    /// chunk's last, the chunk's results in order.
    fn fill<W>(
        &self,
        slot: usize,
        job: Job,
        worker: &Worker<'_>,
        output: &Ordered<Vec<Done>, W>,
    ) -> Option<Vec<Done>> {
        if !output.stopped() {
            let done = worker.run(job);
            *self.slots[slot]
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Some(done);
        }
        // AcqRel: the last document's thread sees every slot the others filled.
        if self.left.fetch_sub(1, Ordering::AcqRel) != 1 {
            return None;
        }
        let done = self
            .slots
            .iter()
            .filter_map(|s| s.lock().unwrap_or_else(PoisonError::into_inner).take());
        Some(done.collect())
    }
}

/// Chunks out and unwritten at once: the one being written (or whose last documents are
/// being checked), the one the threads work on, and one queued behind it, so no thread
/// runs dry while the calling thread gathers the next.
const IN_FLIGHT: usize = 3;

/// The output side of a run, used by whichever worker writes (see [`Ordered`]).
struct Output<'a> {
    writer: Box<dyn ReportWriter>,
    out: &'a mut (dyn std::io::Write + Send),
    totals: Totals,
    progress: &'a Progress,
    /// Why the output stopped, if it did.
    error: Option<std::io::Error>,
}

impl Output<'_> {
    /// Writes one chunk's documents in order; `false` once the output has failed.
    fn chunk(&mut self, batch: Vec<Done>) -> bool {
        match self.write(&batch) {
            Ok(()) => true,
            Err(e) => {
                self.error = Some(e);
                false
            }
        }
    }

    fn write(&mut self, batch: &[Done]) -> std::io::Result<()> {
        let out = &mut *self.out;
        // Rendered documents in a row go out in one vectored write, straight from the
        // workers' buffers: one system call per run of documents, not per document, and
        // no copy.
        let mut parts: Vec<&[u8]> = Vec::with_capacity(batch.len());
        for done in batch {
            match done {
                Done::Rendered {
                    bytes: Ok(bytes),
                    stats,
                } => {
                    parts.push(self.writer.rendered(bytes));
                    self.totals.documents += 1;
                    self.totals.stats.add(stats);
                }
                Done::Rendered { bytes: Err(e), .. } => {
                    write_parts(out, &mut parts)?;
                    return Err(std::io::Error::new(e.kind(), e.to_string()));
                }
                Done::Doc(report) => {
                    write_parts(out, &mut parts)?;
                    self.writer.document(report, out)?;
                    self.totals.documents += 1;
                    self.totals.stats.add(&report.stats);
                }
                Done::Failed(e) => {
                    write_parts(out, &mut parts)?;
                    self.progress.message(&e.to_string());
                    self.writer.failure(error_path(e), e, out)?;
                    self.totals.failed += 1;
                }
                Done::Skipped(note) => self.progress.message(note),
            }
            self.progress.tick();
        }
        write_parts(out, &mut parts)
    }
}

/// Runs every input of `plan` through `writer`; returns the run's totals. A closed stdout
/// stops the run quietly with the totals so far.
fn execute(
    plan: &Plan,
    reference: &Reference,
    mode: Mode,
    mut writer: Box<dyn ReportWriter>,
) -> Result<Totals, Error> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(plan.jobs)
        .build()
        .map_err(|e| Error::Usage(format!("--jobs: {e}")))?;
    let mut notes = Vec::new();
    let gathered = input::gather(&plan.paths, plan.input_format, &mut |n| notes.push(n));
    guard_output(plan, &gathered)?;
    let progress = Progress::new(match plan.input_format {
        InputFormat::Text => Some(gathered.len()),
        InputFormat::Jsonl => None,
    });
    for n in &notes {
        progress.message(n);
    }
    let mut sink = match &plan.output {
        Some(p) => Sink::file(p)?,
        None => Sink::stdout(),
    };
    let renderer = writer.renderer();
    let worker = Worker {
        reference,
        options: crate::extract_options(reference, &plan.settings),
        settings: &plan.settings,
        lossy: plan.lossy,
        mode,
        renderer: renderer.as_deref(),
    };
    let jobs = jobs(gathered, plan.input_format);
    let out = sink.writer();
    let written = writer.begin(out).and_then(|()| {
        let ordered = Ordered::new(
            Output {
                writer,
                out,
                totals: Totals::default(),
                progress: &progress,
                error: None,
            },
            IN_FLIGHT,
        );
        let chunk_docs = CHUNK_DOCS_PER_THREAD * pool.current_num_threads().max(1);
        // This thread only gathers chunks and hands them to the pool as they fill, without
        // waiting for the one before to finish, so no worker idles at a chunk's end (and
        // JSONL lines are read while the pool checks). The worker that finishes a chunk
        // writes it, if the output waits for it (see `Ordered`).
        pool.in_place_scope(|scope| {
            let ordered = &ordered;
            let worker = &worker;
            let hand_over = |chunk: Vec<Job>| -> bool {
                let Some(number) = ordered.reserve() else {
                    return false; // the output stopped (closed pipe or write error)
                };
                // One task per document, not a parallel iterator per chunk: no thread ever
                // waits in a join (where rayon has it run other chunks on top of the one it
                // waits for, so that chunk's output waits too), and the thread that checks a
                // chunk's last document hands the chunk to the output.
                let pending = Arc::new(Pending::new(chunk.len()));
                for (slot, job) in chunk.into_iter().enumerate() {
                    let pending = Arc::clone(&pending);
                    scope.spawn(move |_| {
                        let _stop = StopOnPanic(ordered);
                        if let Some(done) = pending.fill(slot, job, worker, ordered) {
                            ordered.finish(number, done, Output::chunk);
                        }
                    });
                }
                true
            };
            let mut chunk = Vec::with_capacity(chunk_docs);
            let mut bytes = 0;
            for job in jobs {
                if let Job::Line(l) = &job {
                    bytes += l.bytes.len();
                }
                chunk.push(job);
                if chunk.len() >= chunk_docs || bytes >= CHUNK_BYTES {
                    bytes = 0;
                    if !hand_over(std::mem::take(&mut chunk)) {
                        return;
                    }
                }
            }
            if !chunk.is_empty() {
                hand_over(chunk);
            }
        });
        let Output {
            mut writer,
            out,
            totals,
            error,
            ..
        } = ordered.into_inner();
        match error {
            Some(e) => Err(e),
            None => writer.finish(&totals, out).map(|()| totals),
        }
    });
    progress.finish();
    match written {
        Ok(totals) => {
            sink.commit()?;
            Ok(totals)
        }
        // The reader went away (`numcheck check … | head`): nothing more to say, and the
        // run counts as a success (DESIGN §2) whatever the documents written so far held,
        // so the exit code does not depend on how much fitted in the pipe.
        Err(e) if is_broken_pipe(&e) => Ok(Totals::default()),
        Err(e) => Err(Error::Output(input::io_message(&e))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_fail_on() {
        let mut t = Totals::default();
        assert_eq!(exit_code(&t, Some(Severity::Error)), 0);
        t.stats.warnings = 1;
        assert_eq!(exit_code(&t, Some(Severity::Error)), 0);
        assert_eq!(exit_code(&t, Some(Severity::Warning)), 1);
        assert_eq!(exit_code(&t, Some(Severity::Info)), 1);
        assert_eq!(exit_code(&t, None), 0);
        t.failed = 1;
        assert_eq!(exit_code(&t, None), 2);
    }
}
