//! Where a report goes: stdout, or a file written through a temporary file and renamed
//! into place at the end, so a reader never sees a half-written report.

use crate::error::Error;
use crate::input::io_message;
use std::fs;
use std::io::{self, BufWriter, IoSlice, Write};
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

    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        let total: usize = bufs.iter().map(|b| b.len()).sum();
        if total < DIRECT_WRITE {
            return self.0.write_vectored(bufs);
        }
        self.drain()?;
        self.0.get_mut().write_vectored(bufs)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Writes all of `parts`, in order, with as few (vectored) write calls as the system
/// takes, and empties the list.
pub fn write_parts(out: &mut dyn Write, parts: &mut Vec<&[u8]>) -> io::Result<()> {
    parts.retain(|p| !p.is_empty());
    let mut slices: Vec<IoSlice<'_>> = parts.iter().map(|p| IoSlice::new(p)).collect();
    let mut first = 0;
    while first < slices.len() {
        match out.write_vectored(&slices[first..]) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(mut n) => {
                // Skips the parts written whole; the rest of one written in part goes next.
                while first < parts.len() && n >= parts[first].len() {
                    n -= parts[first].len();
                    first += 1;
                }
                if n > 0 {
                    parts[first] = &parts[first][n..];
                    slices[first] = IoSlice::new(parts[first]);
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    parts.clear();
    Ok(())
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
/// Whichever worker thread writes a chunk uses it, so it must be `Send`; should the
/// descriptor not duplicate, std's own handle is used, line buffering and all (its lock
/// is not `Send`).
fn raw_stdout() -> Box<dyn Write + Send> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(fs::File::from(fd));
        }
    }
    Box::new(io::stdout())
}

/// An output destination.
pub enum Sink {
    /// Standard output, buffered.
    Stdout(Through<Box<dyn Write + Send>>),
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
    pub fn writer(&mut self) -> &mut (dyn Write + Send) {
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

    /// Takes at most `step` bytes from at most two slices per call, and is interrupted
    /// every third call: the worst a writer may do.
    struct Stingy {
        got: Vec<u8>,
        calls: usize,
        step: usize,
    }

    impl Write for Stingy {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.write_vectored(&[IoSlice::new(buf)])
        }
        fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
            self.calls += 1;
            if self.calls % 3 == 0 {
                return Err(io::ErrorKind::Interrupted.into());
            }
            let mut room = self.step;
            for b in bufs.iter().take(2) {
                let n = b.len().min(room);
                self.got.extend_from_slice(&b[..n]);
                room -= n;
            }
            Ok(self.step - room)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn parts_are_written_whole_and_in_order() {
        let texts = ["", "第一篇", "", "x", "第二篇，营收171亿元", "", "", "尾"];
        for step in [1, 2, 5, 7, 64] {
            let mut parts: Vec<&[u8]> = texts.iter().map(|t| t.as_bytes()).collect();
            let mut w = Stingy {
                got: Vec::new(),
                calls: 0,
                step,
            };
            write_parts(&mut w, &mut parts).unwrap();
            assert_eq!(String::from_utf8(w.got).unwrap(), texts.concat(), "{step}");
            assert!(parts.is_empty());
        }
        let mut none: Vec<&[u8]> = vec![b"", b""];
        let mut w = Stingy {
            got: Vec::new(),
            calls: 0,
            step: 4,
        };
        write_parts(&mut w, &mut none).unwrap();
        assert_eq!(w.calls, 0);
    }

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
