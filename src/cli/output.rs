//! Where a report goes: stdout, or a file written through a temporary file and renamed
//! into place at the end, so a reader never sees a half-written report.

use crate::error::Error;
use crate::input::io_message;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Writes at least this long skip the buffer: a rendered document (tens of kilobytes of
/// JSON) goes from the worker's buffer straight to the file, not through a second copy.
const DIRECT_WRITE: usize = 8 << 10;

/// A buffered writer that passes long writes straight through (after whatever it holds).
pub struct Through<W: Write>(BufWriter<W>);

impl<W: Write> Through<W> {
    fn new(inner: W) -> Self {
        Through(BufWriter::with_capacity(1 << 16, inner))
    }
}

impl<W: Write> Write for Through<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.len() < DIRECT_WRITE {
            return self.0.write(buf);
        }
        self.drain()?;
        self.0.get_mut().write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if buf.len() < DIRECT_WRITE {
            return self.0.write_all(buf);
        }
        self.drain()?;
        self.0.get_mut().write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl<W: Write> Through<W> {
    /// Writes out the buffered bytes, so a direct write keeps the order.
    fn drain(&mut self) -> io::Result<()> {
        if self.0.buffer().is_empty() {
            Ok(())
        } else {
            self.0.flush()
        }
    }
}

/// Standard output without std's line buffering on top of ours (which would hold back
/// the tail of every long write after its last line break and cost a write call for it).
fn raw_stdout() -> Box<dyn Write> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(fs::File::from(fd));
        }
    }
    Box::new(io::stdout().lock())
}

/// An output destination.
pub enum Sink {
    /// Standard output, buffered.
    Stdout(Through<Box<dyn Write>>),
    /// A temporary file beside `dest`, renamed onto it by [`Sink::commit`].
    File {
        /// The temporary file, buffered.
        tmp: Through<NamedTempFile>,
        /// Where it goes when complete.
        dest: PathBuf,
    },
}

impl Sink {
    /// Buffered stdout.
    pub fn stdout() -> Sink {
        Sink::Stdout(Through::new(raw_stdout()))
    }

    /// A temporary file in `dest`'s directory (same file system, so the rename is atomic).
    pub fn file(dest: &Path) -> Result<Sink, Error> {
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".numcheck-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| Error::Output(format!("{}: {}", dest.display(), io_message(&e))))?;
        Ok(Sink::File {
            tmp: Through::new(tmp),
            dest: dest.to_path_buf(),
        })
    }

    /// The writer to render into.
    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(w) => w,
            Sink::File { tmp, .. } => tmp,
        }
    }

    /// Flushes and, for a file, moves it into place. Dropping a sink without committing
    /// deletes its temporary file.
    pub fn commit(self) -> Result<(), Error> {
        match self {
            Sink::Stdout(mut w) => quiet_pipe(w.flush()),
            Sink::File { tmp, dest } => {
                let shown = dest.display().to_string();
                let fail = |e: io::Error| Error::Output(format!("{shown}: {}", io_message(&e)));
                let tmp = tmp.0.into_inner().map_err(|e| fail(e.into_error()))?;
                tmp.as_file().sync_all().map_err(fail)?;
                set_permissions(tmp.path(), &dest).map_err(fail)?;
                tmp.persist(&dest).map_err(|e| fail(e.error))?;
                Ok(())
            }
        }
    }
}

/// Gives the new file the permissions of the one it replaces, or the usual 0644: a
/// report is for others to read, unlike the private mode temporary files start with.
fn set_permissions(tmp: &Path, dest: &Path) -> io::Result<()> {
    let perms = match fs::metadata(dest) {
        Ok(m) => m.permissions(),
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                fs::Permissions::from_mode(0o644)
            }
            #[cfg(not(unix))]
            {
                return Ok(());
            }
        }
    };
    fs::set_permissions(tmp, perms)
}

/// True for the error a write to a closed pipe gives, also when a writer wrapped it
/// (`io::Error::other(serde_json::Error)`, a csv error, or only its text).
pub fn is_broken_pipe(e: &io::Error) -> bool {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return true;
    }
    let mut cur: Option<&(dyn std::error::Error + 'static)> = e.get_ref().map(|r| r as _);
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<io::Error>() {
            if io.kind() == io::ErrorKind::BrokenPipe {
                return true;
            }
        }
        if let Some(j) = err.downcast_ref::<serde_json::Error>() {
            if j.io_error_kind() == Some(io::ErrorKind::BrokenPipe) {
                return true;
            }
        }
        if let Some(c) = err.downcast_ref::<csv::Error>() {
            if matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::BrokenPipe)
            {
                return true;
            }
        }
        // A writer that kept only the message still says so.
        if err.to_string().to_ascii_lowercase().contains("broken pipe") {
            return true;
        }
        cur = err.source();
    }
    false
}

/// Turns a write result into the CLI's: a broken pipe is quiet success, anything else an
/// output error.
pub fn quiet_pipe(r: io::Result<()>) -> Result<(), Error> {
    match r {
        Err(e) if !is_broken_pipe(&e) => Err(Error::Output(io_message(&e))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_pipe_is_seen_through_wrappers() {
        let pipe = || io::Error::from(io::ErrorKind::BrokenPipe);
        assert!(is_broken_pipe(&pipe()));
        let json = serde_json::Error::io(pipe());
        assert!(is_broken_pipe(&io::Error::other(json)));
        assert!(is_broken_pipe(&io::Error::other(pipe().to_string())));
        assert!(!is_broken_pipe(&io::Error::other("disk full")));
        assert!(!is_broken_pipe(&io::Error::from(
            io::ErrorKind::PermissionDenied
        )));
    }
}
