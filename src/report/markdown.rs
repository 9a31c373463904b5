//! `--format markdown`: a coverage summary and a findings table, fit for a pull-request comment.
//!
//! Rows are collected while documents stream by (a comment is small) so the summary,
//! known only at the end, can come first.

use super::{json::clamp, json::slice, text, DocReport, ReportWriter, Totals};
use std::io::{self, Write};

/// The pull-request comment writer.
#[derive(Debug, Default)]
pub struct MarkdownWriter {
    rows: Vec<String>,
    failures: Vec<String>,
}

/// Escapes text for a Markdown table cell: pipes, emphasis and HTML characters are
/// neutralised and line breaks become `<br>`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

impl ReportWriter for MarkdownWriter {
    fn document(&mut self, r: &DocReport, _out: &mut dyn Write) -> io::Result<()> {
        for f in &r.findings {
            let s = clamp(&r.doc, f.span);
            let loc = r.doc.locate(s);
            let opt = |v: &Option<String>| v.as_deref().map(escape).unwrap_or_default();
            let mut message = escape(&f.message);
            if let Some(sug) = &f.suggestion {
                message.push_str(&format!("<br>suggestion: {}", escape(sug)));
            }
            self.rows.push(format!(
                "| {}:{}:{} | {} | {} {} | {} | {} | {} | {} |",
                escape(&r.doc.path),
                loc.line,
                loc.column,
                f.severity,
                f.rule.code,
                escape(f.rule.name),
                escape(slice(&r.doc, s)),
                message,
                opt(&f.stated),
                opt(&f.expected),
            ));
        }
        Ok(())
    }

    fn failure(
        &mut self,
        path: &str,
        error: &crate::error::Error,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        self.failures
            .push(format!("- {}", escape(&text::failure(path, error))));
        Ok(())
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        let s = &totals.stats;
        writeln!(out, "## numcheck report\n")?;
        writeln!(
            out,
            "| documents | numeric mentions | claims | checked | unmatched | errors | warnings | infos | suppressed |"
        )?;
        writeln!(out, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|")?;
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            totals.documents,
            s.numeric_mentions,
            s.claims,
            s.checked,
            s.unmatched,
            s.errors,
            s.warnings,
            s.infos,
            s.suppressed
        )?;
        if self.rows.is_empty() {
            writeln!(out, "No findings.")?;
        } else {
            writeln!(out, "### Findings\n")?;
            writeln!(
                out,
                "| location | severity | rule | text | message | stated | expected |"
            )?;
            writeln!(out, "|---|---|---|---|---|---|---|")?;
            for row in &self.rows {
                writeln!(out, "{row}")?;
            }
        }
        if !self.failures.is_empty() {
            writeln!(out, "\n### Inputs that could not be read\n")?;
            for f in &self.failures {
                writeln!(out, "{f}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_table_breakers() {
        assert_eq!(escape("a|b\nc<d>"), "a\\|b<br>c&lt;d&gt;");
    }
}
