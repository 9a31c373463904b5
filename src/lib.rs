//! numcheck: extracts the numeric claims of a news article and checks them against each other and reference data.

pub mod checks;
pub mod claim;
pub mod cli;
pub mod config;
pub mod document;
pub mod error;
pub mod extract;
pub mod finding;
pub mod input;
pub mod reference;
pub mod report;
pub mod settings;
pub mod suppress;

use checks::{Context, Outcome};
use document::Document;
use finding::Severity;
use reference::Reference;
use report::{DocReport, Stats};
use settings::Settings;

/// Extraction options for a run: the article date and the reference's entity names
/// (every entity alias, then every canonical entity of a fact, each once).
pub fn extract_options(reference: &Reference, settings: &Settings) -> extract::ExtractOptions {
    let mut entities: Vec<String> = Vec::new();
    let names = reference
        .aliases(reference::AliasKind::Entity)
        .into_iter()
        .chain(reference.facts.iter().map(|f| f.entity.as_str()));
    for name in names {
        if !entities.iter().any(|e| e == name) {
            entities.push(name.to_string());
        }
    }
    extract::ExtractOptions {
        article_date: settings.article_date,
        entities,
    }
}

/// True when `settings` let the rule with this code and name run.
fn rule_enabled(settings: &Settings, code: &str, name: &str) -> bool {
    let hit = |k: &String| k.eq_ignore_ascii_case(code) || k == name;
    if !settings.select.is_empty() && !settings.select.iter().any(hit) {
        return false;
    }
    if settings.ignore.iter().any(hit) {
        return false;
    }
    !matches!(settings.severity.get(code), Some(None))
}

/// Extracts and checks one document: the whole pipeline, with no I/O.
pub fn check_document(doc: Document, reference: &Reference, settings: &Settings) -> DocReport {
    check_document_with(
        doc,
        reference,
        settings,
        &extract_options(reference, settings),
    )
}

/// [`check_document`] with the run's [`extract_options`] computed once by the caller:
/// they depend only on the reference and settings, and building them (every entity name,
/// each once) costs more per document than some rules.
pub fn check_document_with(
    doc: Document,
    reference: &Reference,
    settings: &Settings,
    options: &extract::ExtractOptions,
) -> DocReport {
    // Reference rules share their claim matching for this document.
    let memo = reference::keys_memo::Scope::open();
    // NC103 and NC111 share one resolution of the document's subjects.
    let subjects = checks::series_key::Scope::open();
    let sentences = doc.sentence_spans();
    let ex = extract::extract_in(&doc, options, sentences);
    let cx = Context {
        doc: &doc,
        claims: &ex.claims,
        sentences,
        reference,
        article_date: settings.article_date,
    };
    let mut out = Outcome::new(ex.claims.len());
    for rule in checks::registry() {
        let info = rule.info();
        if rule_enabled(settings, info.code, info.name) {
            rule.run(&cx, &mut out);
        }
    }
    drop(subjects);
    drop(memo);
    let mut findings = out.findings;
    for f in &mut findings {
        if let Some(Some(sev)) = settings.severity.get(f.rule.code) {
            f.severity = *sev;
        }
    }
    findings.sort_by(|a, b| (a.span, a.rule.code).cmp(&(b.span, b.rule.code)));
    // Inline `<!-- numcheck-disable … -->` comments silence findings; they are counted.
    // Every directive holds `numcheck-`, and a text without it has none (`apply` returns
    // the findings as they are): most articles are told so by one vector search.
    let (findings, suppressed) = if has_directive_marker(&doc.text) {
        suppress::apply(&doc, findings)
    } else {
        (findings, 0)
    };
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let stats = Stats {
        numeric_mentions: ex.numeric_mentions,
        claims: ex.claims.len(),
        checked: out.checked.iter().filter(|&&c| c).count(),
        unmatched: ex
            .claims
            .iter()
            .filter(|c| c.is_quantity() && !out.referenced[c.id])
            .count(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        suppressed,
    };
    DocReport {
        doc,
        claims: ex.claims,
        findings,
        stats,
        checked: out.checked,
        referenced: out.referenced,
    }
}

/// The text every inline suppression directive holds.
const DIRECTIVE_MARKER: &str = "numcheck-";

/// True when `text` holds [`DIRECTIVE_MARKER`]: a vector search with a finder built once
/// per run (`str::contains` builds its searcher anew and goes a few bytes at a time).
fn has_directive_marker(text: &str) -> bool {
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(DIRECTIVE_MARKER));
    FINDER.find(text.as_bytes()).is_some()
}

#[cfg(test)]
mod directive_tests {
    use super::*;
    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// The finder answers as `str::contains`, which `suppress` asks.
        #[test]
        fn marker_search_agrees_with_contains(
            text in proptest::collection::vec(
                proptest::sample::select(vec![
                    "numcheck-", "numcheck", "-disable", "<!--", "-->", "销量", "n", "um",
                    "check-", "。", " ", "英伟达",
                ]),
                0..40,
            )
            .prop_map(|v: Vec<&str>| v.concat())
        ) {
            proptest::prop_assert_eq!(has_directive_marker(&text), text.contains(DIRECTIVE_MARKER));
        }
    }
}
