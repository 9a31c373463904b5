//! `--format html`: one self-contained page for an editor (inline CSS and JS, no network).
//!
//! Each document shows its counts, then the article with every claim highlighted
//! (`<mark class="claim" data-claim-id>`) and every finding marked in place
//! (`<span class="finding sev-…" data-finding>`, related spans `class="related"`), with the
//! explanation on hover (`title`) and on click (a details panel), then the list of findings.
//! Overlapping spans nest validly: the text is cut at every span boundary and each piece
//! opens and closes its own elements.

use super::{json::clamp, json::slice, text, DocReport, ReportWriter, Stats, Totals};
use crate::claim::Claim;
use crate::document::{Document, Span};
use crate::finding::Finding;
use std::io::{self, Write};

/// The page writer.
#[derive(Debug, Default)]
pub struct HtmlWriter {
    docs: usize,
    failures: Vec<String>,
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --err: #c62828; --warn: #b26a00; --info: #1565c0; --claim: #fff3b0; }
body { margin: 0; background: #f6f6f3; color: #1d1d1d;
  font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
    "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif; }
header, main > section, footer { max-width: 50em; margin: 1.5em auto; padding: 0 1.2em; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; word-break: break-all; }
section.document { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 1em 1.5em; }
.article { line-height: 1.8; font-size: 17px; letter-spacing: 0.02em; position: relative;
  overflow-wrap: anywhere; border-top: 1px solid #eee; padding-top: 0.8em; }
.article p.line { white-space: pre-wrap; margin: 0 0 0.75em; min-height: 0.4em; position: relative; }
.article p.line::before { content: attr(data-line); position: absolute; left: -3.2em; width: 2.6em;
  text-align: right; color: #aaa; font-size: 12px; line-height: 2.6; user-select: none; }
mark.claim { background: var(--claim); color: inherit; padding: 0 1px; }
.finding { cursor: pointer; text-decoration: underline wavy; text-underline-offset: 4px;
  text-decoration-thickness: 1.5px; }
.finding.sev-error { text-decoration-color: var(--err); background: #fde0dc; }
.finding.sev-warning { text-decoration-color: var(--warn); background: #ffecc7; }
.finding.sev-info { text-decoration-color: var(--info); background: #dcebfb; }
.related { cursor: pointer; border-bottom: 2px dotted #666; }
table.stats { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 14px; }
table.stats th, table.stats td { border: 1px solid #ddd; padding: 2px 8px; text-align: right; }
table.stats th { background: #f0f0ec; font-weight: 600; }
ol.findings { padding-left: 1.4em; line-height: 1.6; }
ol.findings li { margin: 0.6em 0; padding: 0.3em 0.6em; border-left: 4px solid #999; }
li.sev-error { border-color: var(--err) !important; } li.sev-warning { border-color: var(--warn) !important; }
li.sev-info { border-color: var(--info) !important; } li.active { background: #fff8d6; }
.badge { font-weight: 700; font-size: 0.85em; padding: 0 6px; border-radius: 3px; color: #fff; }
.sev-error .badge { background: var(--err); } .sev-warning .badge { background: var(--warn); }
.sev-info .badge { background: var(--info); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 0.8em; margin: 0.3em 0; }
dt { color: #666; } dd { margin: 0; }
#panel { position: fixed; right: 1em; bottom: 1em; max-width: 28em; background: #fff;
  border: 1px solid #bbb; border-radius: 6px; box-shadow: 0 4px 16px rgba(0,0,0,.15);
  padding: 0.8em 1em; line-height: 1.6; }
#panel button { float: right; }
"#;

const SCRIPT: &str = r#"
(function () {
  var panel = document.getElementById('panel');
  var body = document.getElementById('panel-body');
  function show(id) {
    var item = document.getElementById(id);
    if (!item || item.tagName !== 'LI') return;
    document.querySelectorAll('li.active').forEach(function (li) { li.classList.remove('active'); });
    item.classList.add('active');
    body.innerHTML = item.innerHTML;
    panel.hidden = false;
  }
  document.getElementById('panel-close').addEventListener('click', function () { panel.hidden = true; });
  document.addEventListener('click', function (e) {
    var el = e.target.closest ? e.target.closest('[data-finding]') : null;
    if (el) show(el.getAttribute('data-finding'));
  });
  // A link to #d0-f1 opens that finding's details.
  if (location.hash) show(decodeURIComponent(location.hash.slice(1)));
})();
"#;

/// What a highlighted interval stands for; the order is the nesting order, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    Claim(usize),
    /// Finding index and index in its `related` list.
    Related(usize, usize),
    Finding(usize),
}

/// The plain-text explanation of a finding, for `title` tooltips and the details list.
fn explain(f: &Finding) -> Vec<(&'static str, String)> {
    let mut v = vec![("message", f.message.clone())];
    for (name, x) in [
        ("stated", &f.stated),
        ("expected", &f.expected),
        ("formula", &f.formula),
        ("tolerance", &f.tolerance),
        ("suggestion", &f.suggestion),
    ] {
        if let Some(x) = x {
            v.push((name, x.clone()));
        }
    }
    v
}

/// The tooltip of a claim: its kind, value and context.
fn claim_title(c: &Claim) -> String {
    let kind = serde_json::to_value(c.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let mut parts = vec![format!("claim #{}: {kind}", c.id)];
    let value = text::claim_value(c);
    if !value.is_empty() {
        let unit = c.unit.as_ref().map(|u| u.code.as_str()).unwrap_or("");
        parts.push(format!("value {value} {unit}").trim_end().to_string());
    }
    for (name, v) in [
        ("hedge", c.hedge.as_ref().map(|h| &h.text)),
        ("period", c.period.as_ref()),
        ("subject", c.subject.as_ref()),
        ("segment", c.segment.as_ref()),
        ("metric", c.metric.as_ref()),
    ] {
        if let Some(v) = v {
            parts.push(format!("{name} {v}"));
        }
    }
    parts.join("\n")
}

/// Longest opening tag repeated on every piece of a finding; longer ones lose their title
/// after the first piece.
const TITLED_TAG_MAX: usize = 1024;

/// `tag` without its `title="…"` attribute (titles are escaped: no `"` inside).
fn untitled(tag: &str) -> String {
    match tag.find(" title=\"") {
        Some(i) => {
            let rest = &tag[i + " title=\"".len()..];
            let close = rest.find('"').map_or(rest.len(), |j| j + 1);
            format!("{}{}", &tag[..i], &rest[close..])
        }
        None => tag.to_string(),
    }
}

/// Opening tag of a layer's element for one piece of text.
fn open_tag(layer: Layer, doc_id: &str, r: &DocReport) -> String {
    match layer {
        Layer::Claim(i) => format!(
            "<mark class=\"claim\" data-claim-id=\"{}\" title=\"{}\">",
            r.claims[i].id,
            escape(&claim_title(&r.claims[i]))
        ),
        Layer::Finding(i) => {
            let f = &r.findings[i];
            let title: Vec<String> = std::iter::once(format!("{} {}", f.rule.code, f.rule.name))
                .chain(explain(f).into_iter().map(|(k, v)| format!("{k}: {v}")))
                .collect();
            format!(
                "<span class=\"finding sev-{}\" data-finding=\"{doc_id}-f{i}\" data-code=\"{}\" title=\"{}\">",
                f.severity,
                f.rule.code,
                escape(&title.join("\n"))
            )
        }
        Layer::Related(i, k) => {
            let f = &r.findings[i];
            let msg = f.related.get(k).map_or("", |x| x.message.as_str());
            format!(
                "<span class=\"related\" data-finding=\"{doc_id}-f{i}\" title=\"{}\">",
                escape(&format!("{} {}: {msg}", f.rule.code, f.rule.name))
            )
        }
    }
}

/// Closing tag of a layer's element.
fn close_tag(layer: Layer) -> &'static str {
    match layer {
        Layer::Claim(_) => "</mark>",
        _ => "</span>",
    }
}

/// The article, one `<p class="line">` per source line, with claims and findings marked.
///
/// The text is cut at every span boundary and every line end; each piece opens and closes
/// the elements of the spans covering it, so overlapping spans always nest validly.
fn article(r: &DocReport, doc_id: &str) -> String {
    let doc = &r.doc;
    let mut spans: Vec<(Span, Layer)> = Vec::new();
    for (i, c) in r.claims.iter().enumerate() {
        spans.push((clamp(doc, c.span), Layer::Claim(i)));
    }
    for (i, f) in r.findings.iter().enumerate() {
        spans.push((clamp(doc, f.span), Layer::Finding(i)));
        for (k, rel) in f.related.iter().enumerate() {
            spans.push((clamp(doc, rel.span), Layer::Related(i, k)));
        }
    }
    spans.retain(|(s, _)| !s.is_empty());
    spans.sort_unstable_by_key(|(s, _)| s.start);
    // A trailing newline does not start a line worth showing.
    let mut lines = doc.line_count();
    if lines > 1 && doc.text.ends_with('\n') {
        lines -= 1;
    }
    let mut out = String::with_capacity(doc.text.len() * 2);
    let mut next = 0; // next span (by start) not yet active
    let mut active: Vec<(Span, Layer)> = Vec::new();
    // A finding over a long list is cut into a piece per claim inside it; building (and
    // escaping) its title once per piece was quadratic in the list length.
    let mut tags: std::collections::BTreeMap<Layer, (String, String)> =
        std::collections::BTreeMap::new();
    for line in 0..lines {
        let ls = doc.line_span(line);
        out.push_str(&format!(
            "<p class=\"line\" id=\"{doc_id}-L{n}\" data-line=\"{n}\">",
            n = line + 1
        ));
        let mut cuts: Vec<usize> = vec![ls.start, ls.end];
        // Spans are cut to the line; look at those that can touch it.
        for (s, _) in spans
            .iter()
            .skip(next)
            .take_while(|(s, _)| s.start < ls.end)
        {
            cuts.push(s.start);
            cuts.push(s.end.min(ls.end));
        }
        for (s, _) in &active {
            cuts.push(s.end.min(ls.end));
        }
        cuts.retain(|&c| c >= ls.start && c <= ls.end);
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let piece = Span::new(w[0], w[1]);
            while next < spans.len() && spans[next].0.start <= piece.start {
                active.push(spans[next]);
                next += 1;
            }
            active.retain(|(s, _)| s.end > piece.start);
            let mut layers: Vec<Layer> = active
                .iter()
                .filter(|(s, _)| s.contains(piece))
                .map(|&(_, l)| l)
                .collect();
            layers.sort_unstable();
            layers.dedup();
            for &l in &layers {
                // A finding over a list of n claims is cut into n pieces; a title (hover
                // text) that lists the n shares, repeated on each, would make the page grow
                // as n². Long titles go on the first piece only.
                match tags.get(&l) {
                    Some((_, later)) if matches!(l, Layer::Finding(_)) => out.push_str(later),
                    Some((first, _)) => out.push_str(first),
                    None => {
                        let first = open_tag(l, doc_id, r);
                        out.push_str(&first);
                        let later = if first.len() <= TITLED_TAG_MAX {
                            first.clone()
                        } else {
                            untitled(&first)
                        };
                        tags.insert(l, (first, later));
                    }
                }
            }
            out.push_str(&escape(slice(doc, piece)));
            for &l in layers.iter().rev() {
                out.push_str(close_tag(l));
            }
        }
        out.push_str("</p>\n");
    }
    out
}

/// A one-row table of counts.
fn stats_table(s: &Stats, extra: &[(&str, usize)]) -> String {
    let mut cols: Vec<(&str, usize)> = extra.to_vec();
    cols.extend([
        ("numeric mentions", s.numeric_mentions),
        ("claims", s.claims),
        ("checked", s.checked),
        ("unmatched", s.unmatched),
        ("errors", s.errors),
        ("warnings", s.warnings),
        ("infos", s.infos),
        ("suppressed", s.suppressed),
    ]);
    let head: String = cols.iter().map(|(k, _)| format!("<th>{k}</th>")).collect();
    let row: String = cols.iter().map(|(_, v)| format!("<td>{v}</td>")).collect();
    format!("<table class=\"stats\"><tr>{head}</tr><tr>{row}</tr></table>\n")
}

/// The list item explaining one finding.
fn finding_item(doc: &Document, f: &Finding, id: &str) -> String {
    let s = clamp(doc, f.span);
    let loc = doc.locate(s);
    let mut h = format!(
        "<li id=\"{id}\" class=\"sev-{sev}\"><span class=\"badge\">{sev}</span> <b>{code}</b> {name} · {line}:{col} · 「{text}」<dl>",
        sev = f.severity,
        code = f.rule.code,
        name = escape(f.rule.name),
        line = loc.line,
        col = loc.column,
        text = escape(slice(doc, s)),
    );
    for (k, v) in explain(f) {
        h.push_str(&format!("<dt>{k}</dt><dd>{}</dd>", escape(&v)));
    }
    for rel in &f.related {
        let rs = clamp(doc, rel.span);
        let rl = doc.locate(rs);
        h.push_str(&format!(
            "<dt>related</dt><dd>{}:{} 「{}」 {}</dd>",
            rl.line,
            rl.column,
            escape(slice(doc, rs)),
            escape(&rel.message)
        ));
    }
    h.push_str("</dl></li>\n");
    h
}

impl ReportWriter for HtmlWriter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>numcheck report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
             <header><h1>numcheck report</h1><p>Claims are highlighted; findings are underlined \
             by severity (<span class=\"finding sev-error\">error</span> \
             <span class=\"finding sev-warning\">warning</span> \
             <span class=\"finding sev-info\">info</span>). Hover for the explanation, click for details.</p></header>\n<main>\n"
        )
    }

    fn document(&mut self, r: &DocReport, out: &mut dyn Write) -> io::Result<()> {
        let doc_id = format!("d{}", self.docs);
        self.docs += 1;
        write!(
            out,
            "<section class=\"document\" id=\"{doc_id}\" data-path=\"{}\">\n<h2>{}</h2>\n{}",
            escape(&r.doc.path),
            escape(&r.doc.path),
            stats_table(&r.stats, &[])
        )?;
        writeln!(
            out,
            "<div class=\"article\">\n{}</div>",
            article(r, &doc_id)
        )?;
        if r.findings.is_empty() {
            writeln!(out, "<p class=\"no-findings\">No findings.</p>")?;
        } else {
            writeln!(out, "<h3>Findings</h3>\n<ol class=\"findings\">")?;
            for (i, f) in r.findings.iter().enumerate() {
                out.write_all(finding_item(&r.doc, f, &format!("{doc_id}-f{i}")).as_bytes())?;
            }
            writeln!(out, "</ol>")?;
        }
        writeln!(out, "</section>")
    }

    fn failure(
        &mut self,
        _path: &str,
        error: &crate::error::Error,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        self.failures.push(error.to_string());
        Ok(())
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "</main>\n<footer id=\"summary\"><h2>Summary</h2>\n{}",
            stats_table(
                &totals.stats,
                &[("documents", totals.documents), ("failed", totals.failed)]
            )
        )?;
        if !self.failures.is_empty() {
            writeln!(
                out,
                "<h3>Inputs that could not be read</h3><ul class=\"failures\">"
            )?;
            for f in &self.failures {
                writeln!(out, "<li>{}</li>", escape(f))?;
            }
            writeln!(out, "</ul>")?;
        }
        write!(
            out,
            "</footer>\n<aside id=\"panel\" hidden><button id=\"panel-close\" type=\"button\">×</button>\
             <div id=\"panel-body\"></div></aside>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
    }
}
