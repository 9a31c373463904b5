//! Reports: the result of checking documents, and one writer per output format.

use crate::claim::Claim;
use crate::document::Document;
use crate::finding::Finding;

/// Counts for one document (or summed over a run).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Numeric mentions seen, including those judged not to be claims.
    pub numeric_mentions: usize,
    /// Claims extracted.
    pub claims: usize,
    /// Claims verified against other claims or the reference.
    pub checked: usize,
    /// Quantity claims that matched no reference fact.
    pub unmatched: usize,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub infos: usize,
    /// Findings silenced by inline suppression comments.
    pub suppressed: usize,
}

/// Everything found in one document.
#[derive(Debug, Clone)]
pub struct DocReport {
    /// The document.
    pub doc: Document,
    /// Its claims.
    pub claims: Vec<Claim>,
    /// Its findings, sorted by position then code.
    pub findings: Vec<Finding>,
    /// Its counts.
    pub stats: Stats,
    /// `checked[id]`: claim `id` was verified against other claims or the reference.
    /// Empty when no rules ran (`numcheck claims`).
    pub checked: Vec<bool>,
    /// `referenced[id]`: claim `id` matched a reference fact. Empty when no rules ran.
    pub referenced: Vec<bool>,
}

impl DocReport {
    /// Whether claim `id` was checked and whether it matched the reference, when rules ran.
    pub fn verdict(&self, id: usize) -> Option<(bool, bool)> {
        Some((*self.checked.get(id)?, *self.referenced.get(id)?))
    }
}

/// Output formats of `numcheck check` (DESIGN §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Annotated source snippets (default).
    Full,
    /// `path:line:col: severity CODE rule: message`.
    Concise,
    /// A comfy-table table.
    Table,
    /// DESIGN §7 JSON.
    Json,
    /// One JSON object per line, streamed.
    Jsonl,
    /// GitHub Actions workflow commands.
    Github,
    /// SARIF 2.1.0.
    Sarif,
    /// A pull-request comment.
    Markdown,
    /// One self-contained page.
    Html,
}

/// Output formats of `numcheck claims`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimsFormat {
    /// A comfy-table table.
    Table,
    /// `{"version":1,"documents":[{"path","claims"}]}`.
    Json,
    /// One row per claim.
    Csv,
}

/// Options that shape rendering but not content.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportOptions {
    /// Use ANSI colours (only when writing to a terminal).
    pub color: bool,
}

/// Totals over a whole run, given to [`ReportWriter::finish`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Totals {
    /// Documents checked.
    pub documents: usize,
    /// Inputs that could not be read (reported through [`ReportWriter::failure`]).
    pub failed: usize,
    /// Counts summed over documents.
    pub stats: Stats,
}

/// A streaming writer: `begin`, then `document` per document in path order
/// (`failure` for inputs that could not be read), then `finish`.
pub trait ReportWriter: Send {
    /// Called once before any document.
    fn begin(&mut self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let _ = out;
        Ok(())
    }
    /// Called for each document, in output order.
    fn document(&mut self, report: &DocReport, out: &mut dyn std::io::Write)
        -> std::io::Result<()>;
    /// Called for an input that failed; the error is also printed on stderr by the CLI.
    fn failure(
        &mut self,
        path: &str,
        error: &crate::error::Error,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let _ = (path, error, out);
        Ok(())
    }
    /// Called once at the end with the run's totals.
    fn finish(&mut self, totals: &Totals, out: &mut dyn std::io::Write) -> std::io::Result<()>;

    /// A renderer for worker threads, for formats whose per-document output does not depend
    /// on what the writer remembers. When given, a run renders each document with it on
    /// the thread that checked it, before the document's turn to be written, and writes
    /// what [`ReportWriter::rendered`] makes of the bytes, in output order, instead of
    /// [`ReportWriter::document`]. `None` (the default) leaves all rendering to
    /// `document`, called in output order by whichever thread is writing.
    fn renderer(&self) -> Option<Box<dyn DocRenderer>> {
        None
    }

    /// Takes one document rendered by [`ReportWriter::renderer`] and gives the part of it
    /// to write, the document counted: all of it, or less a separator the writer's place
    /// in the output does not want (the first document's comma). Writing that part must
    /// equal what [`ReportWriter::document`] would have written. The run gathers the parts
    /// of many documents into one vectored write.
    fn rendered<'a>(&mut self, bytes: &'a [u8]) -> &'a [u8] {
        bytes
    }
}

/// Renders one document's output away from the writer (see [`ReportWriter::renderer`]).
pub trait DocRenderer: Send + Sync {
    /// Appends the bytes of `report` to `out`.
    fn render(&self, report: &DocReport, out: &mut Vec<u8>) -> std::io::Result<()>;
}

/// A format whose per-document output uses no writer state: workers render each document
/// with a fresh writer from `make`, the run's own writer does the rest.
struct Stateless<F> {
    writer: Box<dyn ReportWriter>,
    make: F,
}

/// Wraps the writer `make` builds as a [`Stateless`] one.
fn stateless<F>(make: F) -> Box<dyn ReportWriter>
where
    F: Fn() -> Box<dyn ReportWriter> + Clone + Send + Sync + 'static,
{
    Box::new(Stateless {
        writer: make(),
        make,
    })
}

impl<F> ReportWriter for Stateless<F>
where
    F: Fn() -> Box<dyn ReportWriter> + Clone + Send + Sync + 'static,
{
    fn begin(&mut self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.writer.begin(out)
    }
    fn document(
        &mut self,
        report: &DocReport,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        self.writer.document(report, out)
    }
    fn failure(
        &mut self,
        path: &str,
        error: &crate::error::Error,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        self.writer.failure(path, error, out)
    }
    fn finish(&mut self, totals: &Totals, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.writer.finish(totals, out)
    }
    fn renderer(&self) -> Option<Box<dyn DocRenderer>> {
        Some(Box::new(Fresh(self.make.clone())))
    }
}

/// Renders with a fresh writer per document (see [`Stateless`]).
struct Fresh<F>(F);

impl<F> DocRenderer for Fresh<F>
where
    F: Fn() -> Box<dyn ReportWriter> + Send + Sync,
{
    fn render(&self, report: &DocReport, out: &mut Vec<u8>) -> std::io::Result<()> {
        (self.0)().document(report, out)
    }
}

pub mod claims;
pub mod concise;
pub mod emit;
pub mod full;
pub mod github;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod markdown;
mod objects;
pub mod sarif;
pub mod table;
pub mod text;

impl Stats {
    /// Adds another document's counts to these.
    pub fn add(&mut self, other: &Stats) {
        self.numeric_mentions += other.numeric_mentions;
        self.claims += other.claims;
        self.checked += other.checked;
        self.unmatched += other.unmatched;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.suppressed += other.suppressed;
    }

    /// Findings of every severity.
    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// The writer for a `numcheck check` output format.
pub fn writer(format: Format, opts: ReportOptions) -> Box<dyn ReportWriter> {
    match format {
        // Per-document output of these depends on no writer state: rendered on workers.
        Format::Full => stateless(move || Box::new(full::FullWriter::new(opts))),
        Format::Concise => stateless(|| Box::new(concise::ConciseWriter)),
        Format::Table => Box::new(table::TableWriter),
        Format::Json => Box::new(json::JsonWriter::default()),
        Format::Jsonl => Box::new(jsonl::JsonlWriter),
        Format::Github => stateless(|| Box::new(github::GithubWriter)),
        Format::Sarif => Box::new(sarif::SarifWriter::new(
            crate::checks::registry().iter().map(|c| c.info()).collect(),
        )),
        Format::Markdown => Box::new(markdown::MarkdownWriter::default()),
        Format::Html => Box::new(html::HtmlWriter::default()),
    }
}

/// The writer for a `numcheck claims` output format.
pub fn claims_writer(format: ClaimsFormat) -> Box<dyn ReportWriter> {
    match format {
        ClaimsFormat::Table => Box::new(claims::ClaimsTableWriter),
        ClaimsFormat::Json => Box::new(claims::ClaimsJsonWriter::default()),
        ClaimsFormat::Csv => Box::new(claims::ClaimsCsvWriter),
    }
}

impl Format {
    /// Every format with its command-line name, in the order `--help` lists them.
    pub const ALL: [(&'static str, Format); 9] = [
        ("full", Format::Full),
        ("concise", Format::Concise),
        ("table", Format::Table),
        ("json", Format::Json),
        ("jsonl", Format::Jsonl),
        ("github", Format::Github),
        ("sarif", Format::Sarif),
        ("markdown", Format::Markdown),
        ("html", Format::Html),
    ];

    /// The format named `name` on the command line, if any.
    pub fn from_name(name: &str) -> Option<Format> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|&(_, f)| f)
    }
}

impl ClaimsFormat {
    /// Every claims format with its command-line name.
    pub const ALL: [(&'static str, ClaimsFormat); 3] = [
        ("table", ClaimsFormat::Table),
        ("json", ClaimsFormat::Json),
        ("csv", ClaimsFormat::Csv),
    ];

    /// The claims format named `name` on the command line, if any.
    pub fn from_name(name: &str) -> Option<ClaimsFormat> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|&(_, f)| f)
    }
}
