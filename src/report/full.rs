//! `--format full` (default): per finding an annotated source snippet in the style of rustc,
//! with long lines windowed around the span and carets aligned under wide Chinese characters.
//!
//! ```text
//! error[NC101] range-magnitude-mismatch: the range's ends disagree in magnitude
//!   --> news.txt:3:12
//!    |
//!  3 | 预计全年销量为30万-40辆，同比增长
//!    |              ^^^^^^^^^
//!    |
//!    = stated: 30万-40辆
//!    = help: 30万-40万辆
//! ```

use super::{json::clamp, text, DocReport, ReportOptions, ReportWriter, Totals};
use crate::document::{Document, Span};
use crate::finding::{Finding, Severity};
use std::io::{self, Write};
use unicode_width::UnicodeWidthChar;

/// Display columns a source line may take before it is windowed around its spans.
const DEFAULT_WIDTH: usize = 100;

/// Marks the cut ends of a windowed line.
const ELLIPSIS: &str = "...";

/// The annotated-snippet writer.
#[derive(Debug, Clone)]
pub struct FullWriter {
    opts: ReportOptions,
    width: usize,
}

impl FullWriter {
    /// A writer with the default line width (100 columns).
    pub fn new(opts: ReportOptions) -> Self {
        FullWriter {
            opts,
            width: DEFAULT_WIDTH,
        }
    }

    /// The same writer windowing source lines to `width` display columns (at least 20).
    pub fn with_width(mut self, width: usize) -> Self {
        self.width = width.max(20);
        self
    }
}

/// ANSI styles, empty when colour is off.
struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn severity(&self, sev: Severity, s: &str) -> String {
        let code = match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.wrap(code, s)
    }
    fn gutter(&self, s: &str) -> String {
        self.wrap("1;34", s)
    }
    fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
}

/// One underlined span on a source line.
struct Mark {
    /// Character range on its line, `[a, b)`, with `b > a` unless the line is empty.
    a: usize,
    b: usize,
    primary: bool,
    label: String,
}

/// The marks shown on one rendering of one source line.
struct Group {
    line: usize,
    marks: Vec<Mark>,
    /// Smallest `a` and largest `b` of the marks, kept as marks are added.
    lo: usize,
    hi: usize,
}

/// Display width of a character as printed (tabs expand to 4 columns).
fn char_width(c: char) -> usize {
    if c == '\t' {
        4
    } else {
        c.width().unwrap_or(0)
    }
}

/// A character as printed: tabs as spaces, other control characters as a space.
fn printable(c: char) -> String {
    if c == '\t' {
        "    ".to_string()
    } else if c.is_control() {
        " ".to_string()
    } else {
        c.to_string()
    }
}

/// Display width of chars `[a, b)`.
fn width_of(chars: &[char], a: usize, b: usize) -> usize {
    chars[a.min(chars.len())..b.min(chars.len())]
        .iter()
        .map(|&c| char_width(c))
        .sum()
}

/// True when chars `[a, b)` are at most `budget` columns wide; stops counting past it, so
/// the test costs the budget, not the distance between two far-apart marks.
fn width_at_most(chars: &[char], a: usize, b: usize, budget: usize) -> bool {
    let mut used = 0;
    for &c in &chars[a.min(chars.len())..b.min(chars.len())] {
        used += char_width(c);
        if used > budget {
            return false;
        }
    }
    true
}

/// The window `[s, e)` of chars to print so that `[lo, hi)` shows with context in `budget`
/// columns, centred on the marks where the line allows.
fn window(chars: &[char], lo: usize, hi: usize, budget: usize) -> (usize, usize) {
    let n = chars.len();
    if width_at_most(chars, 0, n, budget) {
        return (0, n);
    }
    let (mut s, mut e) = (lo.min(n), hi.min(n));
    let mut used = width_of(chars, s, e);
    if used >= budget {
        // The marks alone overflow: keep their start and as much as fits.
        while e > s + 1 && used > budget {
            e -= 1;
            used -= char_width(chars[e]);
        }
        return (s, e);
    }
    let mut left = (budget - used) / 2;
    // Grow left up to half the slack, then right, then left again with what is left.
    for pass in 0..3 {
        loop {
            let grow_left = pass != 1;
            if grow_left && s > 0 && char_width(chars[s - 1]) <= left.min(budget - used) {
                s -= 1;
                used += char_width(chars[s]);
                left -= char_width(chars[s]).min(left);
            } else if !grow_left && e < n && char_width(chars[e]) <= budget - used {
                used += char_width(chars[e]);
                e += 1;
            } else {
                break;
            }
        }
        left = budget - used;
    }
    (s, e)
}

/// Character index of byte `offset` within the line starting at byte `line_start`.
fn char_index(doc: &Document, line_start: usize, offset: usize) -> usize {
    // From the document's block index: counting from the line start for every mark was
    // quadratic on one long line with thousands of marks.
    doc.chars_before(offset)
        .saturating_sub(doc.chars_before(line_start))
}

/// Places `span` on its first line as a [`Mark`] (spans running past the line end are cut there).
fn mark(doc: &Document, span: Span, primary: bool, label: &str) -> (usize, Mark) {
    let span = clamp(doc, span);
    let line = doc.line_index(span.start);
    let ls = doc.line_span(line);
    let start = span.start.clamp(ls.start, ls.end);
    let end = span.end.clamp(start, ls.end);
    let a = char_index(doc, ls.start, start);
    let b = char_index(doc, ls.start, end).max(a + 1);
    (
        line,
        Mark {
            a,
            b,
            primary,
            label: text::one_line(label),
        },
    )
}

impl FullWriter {
    /// Groups the finding's spans by line, as long as a group fits one window.
    fn groups(&self, doc: &Document, f: &Finding) -> Vec<Group> {
        let mut groups: Vec<Group> = Vec::new();
        let budget = self.budget();
        let marks = std::iter::once(mark(doc, f.span, true, "")).chain(
            f.related
                .iter()
                .map(|r| mark(doc, r.span, false, &r.message)),
        );
        // The chars of the line last looked at: a finding with thousands of related spans
        // on one long line must not collect that line once per span.
        // With the prefix sums of its char widths, any width on it is one subtraction.
        let mut cached: Option<(usize, Vec<usize>)> = None;
        for (line, m) in marks {
            if !matches!(&cached, Some((l, _)) if *l == line) {
                let mut prefix = vec![0];
                let mut sum = 0;
                for c in line_chars(doc, line) {
                    sum += char_width(c);
                    prefix.push(sum);
                }
                cached = Some((line, prefix));
            }
            let prefix = cached.as_ref().map_or(&[0][..], |(_, p)| p.as_slice());
            let at = |i: usize| prefix[i.min(prefix.len() - 1)];
            let fits = |g: &Group| {
                let (lo, hi) = (g.lo.min(m.a), g.hi.max(m.b));
                g.line == line && at(hi).saturating_sub(at(lo)) <= budget
            };
            match groups.iter_mut().find(|g| fits(g)) {
                Some(g) => {
                    g.lo = g.lo.min(m.a);
                    g.hi = g.hi.max(m.b);
                    g.marks.push(m);
                }
                None => groups.push(Group {
                    line,
                    lo: m.a,
                    hi: m.b,
                    marks: vec![m],
                }),
            }
        }
        groups
    }

    /// Columns for the source text itself, leaving room for both ellipses.
    fn budget(&self) -> usize {
        self.width.saturating_sub(2 * ELLIPSIS.len()).max(10)
    }

    /// Renders one group (`chars`: its line's characters): the windowed source line and one
    /// underline row per mark.
    fn render_group(
        &self,
        chars: &[char],
        g: &Group,
        sev: Severity,
        gw: usize,
        p: &Paint,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let lo = g.marks.iter().map(|m| m.a).min().unwrap_or(0);
        let hi = g.marks.iter().map(|m| m.b).max().unwrap_or(0);
        let (s, e) = window(chars, lo, hi, self.budget());
        let prefix = if s > 0 { ELLIPSIS } else { "" };
        let suffix = if e < chars.len() { ELLIPSIS } else { "" };
        let src: String = chars[s..e].iter().map(|&c| printable(c)).collect();
        let bar = p.gutter("|");
        writeln!(
            out,
            "{} {bar} {prefix}{src}{suffix}",
            p.gutter(&format!("{:>gw$}", g.line + 1))
        )?;
        for m in &g.marks {
            let a = m.a.clamp(s, e);
            let b = m.b.clamp(a, e);
            let pad = prefix.len() + width_of(chars, s, a);
            let len = width_of(chars, a, b).max(1);
            let (ch, label) = if m.primary {
                ('^', "")
            } else {
                ('-', m.label.as_str())
            };
            let under = ch.to_string().repeat(len);
            let under = if m.primary {
                p.severity(sev, &under)
            } else {
                p.gutter(&under)
            };
            let label = if label.is_empty() {
                String::new()
            } else {
                format!(" {label}")
            };
            writeln!(out, "{:gw$} {bar} {:pad$}{under}{label}", "", "")?;
        }
        Ok(())
    }

    /// Renders one finding.
    fn render(&self, doc: &Document, f: &Finding, out: &mut dyn Write) -> io::Result<()> {
        let p = Paint {
            on: self.opts.color,
        };
        let groups = self.groups(doc, f);
        let gw = groups
            .iter()
            .map(|g| (g.line + 1).to_string().len())
            .max()
            .unwrap_or(1);
        let loc = doc.locate(clamp(doc, f.span));
        let head = format!("{}[{}]", f.severity, f.rule.code);
        writeln!(
            out,
            "{} {}",
            p.severity(f.severity, &head),
            p.bold(&format!("{}: {}", f.rule.name, text::one_line(&f.message)))
        )?;
        writeln!(
            out,
            "{:gw$}{} {}:{}:{}",
            "",
            p.gutter("-->"),
            doc.path,
            loc.line,
            loc.column
        )?;
        let bar = p.gutter("|");
        writeln!(out, "{:gw$} {bar}", "")?;
        let mut cached: Option<(usize, Vec<char>)> = None;
        for (i, g) in groups.iter().enumerate() {
            if i > 0 {
                writeln!(out, "{:gw$} {bar}", "")?;
            }
            if !matches!(&cached, Some((l, _)) if *l == g.line) {
                cached = Some((g.line, line_chars(doc, g.line)));
            }
            let chars = cached.as_ref().map_or(&[][..], |(_, c)| c.as_slice());
            self.render_group(chars, g, f.severity, gw, &p, out)?;
        }
        let notes = [
            ("stated", &f.stated),
            ("expected", &f.expected),
            ("formula", &f.formula),
            ("tolerance", &f.tolerance),
            ("help", &f.suggestion),
        ];
        if notes.iter().any(|(_, v)| v.is_some()) {
            writeln!(out, "{:gw$} {bar}", "")?;
        }
        for (name, v) in notes {
            if let Some(v) = v {
                writeln!(
                    out,
                    "{:gw$} {} {}: {}",
                    "",
                    p.gutter("="),
                    p.bold(name),
                    text::one_line(v)
                )?;
            }
        }
        writeln!(out)
    }
}

/// The characters of 0-based line `line`, without its terminator.
fn line_chars(doc: &Document, line: usize) -> Vec<char> {
    let ls = doc.line_span(line);
    doc.text
        .get(ls.start..ls.end)
        .unwrap_or("")
        .chars()
        .collect()
}

impl ReportWriter for FullWriter {
    fn document(&mut self, r: &DocReport, out: &mut dyn Write) -> io::Result<()> {
        for f in &r.findings {
            self.render(&r.doc, f, out)?;
        }
        Ok(())
    }

    fn failure(
        &mut self,
        path: &str,
        error: &crate::error::Error,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let p = Paint {
            on: self.opts.color,
        };
        writeln!(
            out,
            "{}: {}\n",
            p.severity(Severity::Error, "failed"),
            text::failure(path, error)
        )
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        let p = Paint {
            on: self.opts.color,
        };
        writeln!(out, "{}: {}", p.bold("summary"), text::summary(totals))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_centres_on_the_marks() {
        let chars: Vec<char> = "甲".repeat(200).chars().collect();
        let (s, e) = window(&chars, 100, 102, 20);
        assert!(s < 100 && e > 102);
        assert!(width_of(&chars, s, e) <= 20);
        assert!((100 - s).abs_diff(e - 102) <= 1);
    }

    #[test]
    fn window_keeps_short_lines_whole() {
        let chars: Vec<char> = "收入171亿美元".chars().collect();
        assert_eq!(window(&chars, 2, 5, 40), (0, chars.len()));
    }

    #[test]
    fn window_at_line_end_grows_left() {
        let chars: Vec<char> = "a".repeat(50).chars().collect();
        let (s, e) = window(&chars, 48, 50, 10);
        assert_eq!((s, e), (40, 50));
    }
}
