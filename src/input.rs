//! Gathering inputs: files, directories walked for articles, stdin, and JSONL dumps read line by line.
//!
//! Nothing here prints; notes (skipped symlink loops) are handed to a callback so the CLI
//! decides where they go. Every error names the file, and the line where there is one.

use crate::document::Document;
use crate::error::Error;
use std::collections::HashSet;
use std::fs;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

/// How the inputs are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// One article per file (`*.txt`, `*.md` when walking directories).
    #[default]
    Text,
    /// One JSON object `{"id", "text", …}` per line (`*.jsonl` when walking directories).
    Jsonl,
}

impl InputFormat {
    /// File extensions picked up when walking a directory.
    fn extensions(self) -> &'static [&'static str] {
        match self {
            InputFormat::Text => &["txt", "md"],
            InputFormat::Jsonl => &["jsonl"],
        }
    }
}

/// Where an input's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

/// One input found on the command line or in a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Display path: as given, or joined under the directory given.
    pub path: String,
    /// Where to read it.
    pub source: Source,
    /// True when named on the command line (a binary file named there is an error, one
    /// met while walking a directory is skipped).
    pub explicit: bool,
}

/// An input or the error met while looking for it, keyed by display path for ordering.
#[derive(Debug, Clone)]
pub struct Gathered {
    /// Display path used to order the run's output.
    pub path: String,
    /// The input, or why it could not be found.
    pub item: Result<Input, Error>,
}

/// Finds every input named by `args`, sorted by display path with duplicates removed.
///
/// Directories are walked recursively for the extensions of `format`; symlinks that loop
/// back to a directory being walked are skipped and reported through `note`.
pub fn gather(args: &[String], format: InputFormat, note: &mut dyn FnMut(String)) -> Vec<Gathered> {
    let mut out = Vec::new();
    for arg in args {
        if arg == "-" {
            out.push(Gathered {
                path: "-".into(),
                item: Ok(Input {
                    path: "-".into(),
                    source: Source::Stdin,
                    explicit: true,
                }),
            });
            continue;
        }
        let path = Path::new(arg);
        match fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                let before = out.len();
                let mut ancestors = HashSet::new();
                walk(path, format, &mut ancestors, &mut out, note);
                if out.len() == before {
                    let exts: Vec<String> = format
                        .extensions()
                        .iter()
                        .map(|e| format!("*.{e}"))
                        .collect();
                    out.push(failed(
                        arg,
                        format!("no articles ({}) in this directory", exts.join(", ")),
                    ));
                }
            }
            Ok(_) => out.push(Gathered {
                path: arg.clone(),
                item: Ok(Input {
                    path: arg.clone(),
                    source: Source::File(path.to_path_buf()),
                    explicit: true,
                }),
            }),
            Err(e) => out.push(failed(arg, io_message(&e))),
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out.dedup_by(|a, b| a.path == b.path);
    out
}

/// A gathering failure for `path`.
fn failed(path: &str, message: String) -> Gathered {
    Gathered {
        path: path.to_string(),
        item: Err(Error::input(path, message)),
    }
}

/// Walks `dir` depth first. `ancestors` holds the canonical paths of the directories
/// being walked, so a symlink back to one of them is seen as a loop.
fn walk(
    dir: &Path,
    format: InputFormat,
    ancestors: &mut HashSet<PathBuf>,
    out: &mut Vec<Gathered>,
    note: &mut dyn FnMut(String),
) {
    let shown = dir.display().to_string();
    let canonical = match fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            out.push(failed(&shown, io_message(&e)));
            return;
        }
    };
    if !ancestors.insert(canonical.clone()) {
        note(format!(
            "{shown}: skipped: symlink loop back to {}",
            canonical.display()
        ));
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            out.push(failed(&shown, io_message(&e)));
            ancestors.remove(&canonical);
            return;
        }
    };
    // The directory listing says what most children are (no system call per file); links
    // and anything it leaves unknown are looked up below.
    let mut children: Vec<(PathBuf, Option<fs::FileType>, usize)> = entries
        .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
        .map(|(path, kind)| {
            let at = name_start(&path);
            (path, kind, at)
        })
        .collect();
    // Every child is `dir` joined with one name, so paths order as their names do: the
    // names' bytes are compared instead of the paths component by component (where each
    // name is found once rather than at every comparison, which parses the path).
    children.sort_by(|a, b| name_bytes(&a.0, a.2).cmp(name_bytes(&b.0, b.2)));
    for (child, listed, _) in children {
        // What `display()` prints (invalid UTF-8 replaced), without the formatting machinery.
        let child_shown = child.to_string_lossy().into_owned();
        let wanted = child
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| format.extensions().contains(&e));
        // `metadata` follows symlinks: a dangling or self-referencing link fails here.
        let kind = match listed {
            Some(t) if t.is_file() || t.is_dir() => Ok(t),
            _ => fs::metadata(&child).map(|m| m.file_type()),
        };
        match kind {
            Ok(m) if m.is_dir() => walk(&child, format, ancestors, out, note),
            Ok(m) if m.is_file() && wanted => out.push(Gathered {
                path: child_shown.clone(),
                item: Ok(Input {
                    path: child_shown,
                    source: Source::File(child),
                    explicit: false,
                }),
            }),
            Ok(_) => {}
            Err(e) if wanted => out.push(failed(&child_shown, io_message(&e))),
            Err(e) => note(format!("{child_shown}: skipped: {}", io_message(&e))),
        }
    }
    ancestors.remove(&canonical);
}

/// The byte where the last component of `path` starts in its encoded bytes (its length
/// when it has none): what [`name_bytes`] compares.
fn name_start(path: &Path) -> usize {
    let all = path.as_os_str().as_encoded_bytes().len();
    let name = path.file_name().map_or(0, |n| n.as_encoded_bytes().len());
    all - name
}

/// The bytes of the last component of `path`, which starts at byte `at` ([`name_start`]):
/// ordered as the names are (`OsStr` orders by these bytes).
fn name_bytes(path: &Path, at: usize) -> &[u8] {
    path.as_os_str()
        .as_encoded_bytes()
        .get(at..)
        .unwrap_or_default()
}

/// An I/O error as a short lowercase message without the OS error number.
pub fn io_message(e: &io::Error) -> String {
    let s = e.to_string();
    let s = match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    };
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => s,
    }
}

/// What reading a text input gave.
#[derive(Debug)]
pub enum Loaded {
    /// The article.
    Text(String),
    /// The file holds NUL bytes: not an article.
    Binary,
}

/// Reads a whole text input.
pub fn load(input: &Input, lossy: bool) -> Result<Loaded, Error> {
    let bytes = match &input.source {
        Source::File(p) => fs::read(p).map_err(|e| Error::input(&input.path, io_message(&e)))?,
        Source::Stdin => {
            let mut buf = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map_err(|e| Error::input(&input.path, io_message(&e)))?;
            buf
        }
    };
    // A vector search: `<[u8]>::contains` tests a word or two at a time.
    if memchr::memchr(0, &bytes).is_some() {
        return Ok(Loaded::Binary);
    }
    decode(&input.path, bytes, lossy).map(Loaded::Text)
}

/// Decodes UTF-8, naming the first bad byte; with `lossy`, replaces bad bytes instead.
pub fn decode(path: &str, bytes: Vec<u8>, lossy: bool) -> Result<String, Error> {
    // std's validation costs ~10 instructions a byte on Chinese text (every character is
    // three bytes); simdutf8 checks valid text with vector instructions at a fraction of
    // that. Only its yes/no answer is used: invalid text goes through std below, which
    // names the first bad byte and does the lossy replacement exactly as before.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just validated `bytes` as UTF-8. The Vec becomes the
        // String without a copy.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => Err(Error::input(
            path,
            format!(
                "invalid UTF-8 at byte {} (use --lossy to replace invalid bytes)",
                e.utf8_error().valid_up_to()
            ),
        )),
    }
}

/// Opens a JSONL input for streaming.
pub fn open_lines(input: &Input) -> Result<Box<dyn BufRead + Send>, Error> {
    match &input.source {
        Source::File(p) => {
            let f = fs::File::open(p).map_err(|e| Error::input(&input.path, io_message(&e)))?;
            Ok(Box::new(io::BufReader::with_capacity(1 << 16, f)))
        }
        Source::Stdin => Ok(Box::new(io::BufReader::new(io::stdin()))),
    }
}

/// One raw line of a JSONL input, not yet parsed (parsing happens on worker threads).
#[derive(Debug, Clone)]
pub struct JsonLine {
    /// The JSONL file's display path.
    pub file: String,
    /// 1-based line number.
    pub line: u64,
    /// The line without its terminator.
    pub bytes: Vec<u8>,
}

/// Iterates over the non-blank lines of a JSONL stream, holding one line at a time.
pub struct JsonLines {
    file: String,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    done: bool,
}

impl JsonLines {
    /// Streams the lines of `reader`, reporting errors against `file`.
    pub fn new(file: impl Into<String>, reader: Box<dyn BufRead + Send>) -> Self {
        JsonLines {
            file: file.into(),
            reader,
            line: 0,
            done: false,
        }
    }
}

impl Iterator for JsonLines {
    type Item = Result<JsonLine, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let mut buf = Vec::new();
            match self.reader.read_until(b'\n', &mut buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line += 1;
                    while matches!(buf.last(), Some(b'\n' | b'\r')) {
                        buf.pop();
                    }
                    if buf.iter().all(|b| b.is_ascii_whitespace()) {
                        continue;
                    }
                    return Some(Ok(JsonLine {
                        file: self.file.clone(),
                        line: self.line,
                        bytes: buf,
                    }));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(Error::input(
                        format!("{}:{}", self.file, self.line + 1),
                        io_message(&e),
                    )));
                }
            }
        }
        None
    }
}

/// Parses one JSONL line into a document: `id` becomes its path, `text` its text, and
/// every other field is kept as its metadata.
pub fn parse_line(line: JsonLine, lossy: bool) -> Result<Document, Error> {
    let at = format!("{}:{}", line.file, line.line);
    let text = decode(&at, line.bytes, lossy)?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        Error::input(
            format!("{at}:{}", e.column()),
            format!("malformed JSON line: {e}"),
        )
    })?;
    let serde_json::Value::Object(mut map) = value else {
        return Err(Error::input(
            at,
            "expected a JSON object with `id` and `text`",
        ));
    };
    let id = match map.remove("id") {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(_) => return Err(Error::input(at, "`id` must be a string or a number")),
        None => return Err(Error::input(at, "missing `id`")),
    };
    let text = match map.remove("text") {
        Some(serde_json::Value::String(s)) => s,
        Some(_) => return Err(Error::input(at, "`text` must be a string")),
        None => return Err(Error::input(at, "missing `text`")),
    };
    let mut doc = Document::new(id, text);
    if !map.is_empty() {
        doc.meta = Some(map);
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Children of one directory order by name as `Path`'s own order (component by
        /// component) orders them, and their shown paths are what `display()` prints.
        #[test]
        fn children_order_by_name_as_by_path(
            names in proptest::collection::vec("[a-z0-9._ 汉-]{1,8}", 0..12)
        ) {
            let dir = Path::new("articles/2025");
            // `read_dir` never yields `.` or `..`.
            let mut by_path: Vec<PathBuf> = names
                .iter()
                .filter(|n| !matches!(n.as_str(), "." | ".."))
                .map(|n| dir.join(n))
                .collect();
            let mut by_name = by_path.clone();
            let mut by_bytes = by_path.clone();
            by_path.sort();
            by_name.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
            proptest::prop_assert_eq!(&by_path, &by_name);
            // What `walk` compares: each name's bytes, found once.
            for p in &by_bytes {
                let name = p.file_name().map(|n| n.as_encoded_bytes());
                proptest::prop_assert_eq!(Some(name_bytes(p, name_start(p))), name);
            }
            by_bytes.sort_by(|a, b| name_bytes(a, name_start(a)).cmp(name_bytes(b, name_start(b))));
            proptest::prop_assert_eq!(&by_path, &by_bytes);
            for p in &by_name {
                proptest::prop_assert_eq!(p.to_string_lossy(), p.display().to_string());
            }
        }
    }

    #[test]
    fn decode_names_the_first_bad_byte() {
        let mut bytes = "销量48.5万辆".as_bytes().to_vec();
        let at = bytes.len();
        bytes.extend_from_slice(&[0xff, b'x']);
        let err = decode("a.txt", bytes.clone(), false).unwrap_err();
        assert!(err.to_string().contains(&format!("byte {at}")), "{err}");
        let ok = decode("a.txt", bytes, true).unwrap();
        assert!(ok.ends_with("\u{fffd}x"));
    }

    #[test]
    fn json_lines_skip_blanks_and_count_lines() {
        let data =
            b"{\"id\":\"a\",\"text\":\"x\"}\r\n\n  \n{\"id\":2,\"text\":\"y\",\"src\":\"xinhua\"}";
        let lines: Vec<JsonLine> = JsonLines::new("d.jsonl", Box::new(&data[..]))
            .map(|l| l.unwrap())
            .collect();
        assert_eq!(lines.iter().map(|l| l.line).collect::<Vec<_>>(), vec![1, 4]);
        let doc = parse_line(lines[1].clone(), false).unwrap();
        assert_eq!((doc.path.as_str(), doc.text.as_str()), ("2", "y"));
        assert_eq!(doc.meta.unwrap()["src"], "xinhua");
        let first = parse_line(lines[0].clone(), false).unwrap();
        assert!(first.meta.is_none());
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let line = |s: &str| JsonLine {
            file: "d.jsonl".into(),
            line: 7,
            bytes: s.as_bytes().to_vec(),
        };
        let e = parse_line(line("{\"id\":1"), false)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("d.jsonl:7:"), "{e}");
        let e = parse_line(line("{\"id\":1}"), false)
            .unwrap_err()
            .to_string();
        assert_eq!(e, "d.jsonl:7: missing `text`");
        let e = parse_line(line("[1]"), false).unwrap_err().to_string();
        assert!(e.starts_with("d.jsonl:7: expected"), "{e}");
    }
}
