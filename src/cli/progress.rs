//! The progress bar on stderr: shown only to a person watching a terminal, and only for
//! runs long enough to need one. Messages printed meanwhile go above the bar.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};

/// Fewer files than this finish before a bar would be worth drawing.
const MIN_FILES: usize = 50;

/// A progress bar, or nothing.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar over `files` files, or a counting spinner when the count is unknown
    /// (JSONL input); hidden unless stderr is a terminal.
    pub fn new(files: Option<usize>) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = match files {
            Some(n) if n >= MIN_FILES => {
                let style = ProgressStyle::with_template("{bar:40} {pos}/{len} files {per_sec}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar());
                ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr())
                    .with_style(style)
            }
            Some(_) => return Progress(None),
            None => {
                let style = ProgressStyle::with_template("{spinner} {pos} articles {per_sec}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner());
                ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(style)
            }
        };
        Progress(Some(bar))
    }

    /// One more item done.
    pub fn tick(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }

    /// Prints one line on stderr without tearing the bar.
    pub fn message(&self, line: &str) {
        let print = || {
            let _ = writeln!(std::io::stderr(), "numcheck: {line}");
        };
        match &self.0 {
            Some(b) => b.suspend(print),
            None => print(),
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}
