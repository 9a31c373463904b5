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
pub trait ReportWriter {
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
}
