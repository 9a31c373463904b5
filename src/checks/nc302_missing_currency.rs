//! NC302 missing-currency: a money figure without a currency among figures that have one.

use crate::checks::arith_cues::trim_ws;
use crate::checks::tolerance::unit_suffix;
use crate::checks::{Check, Context, Outcome};
use crate::claim::{Claim, ClaimKind, Unit, UnitKind};
use crate::document::Document;
use crate::finding::{cat, Finding, RuleInfo};
use std::collections::BTreeMap;

crate::declare_rule!(
    MissingCurrency,
    "NC302",
    "missing-currency",
    Info,
    "a money figure without a currency among others that have one",
    "Flags a money amount written without a currency in an article that gives currencies.

What it checks: level claims with a magnitude (万, 亿 …) but without any unit whose metric
ends with a money word (收入, 营收, 利润, 净利, 毛利, 亏损, 融资, 募资, 估值, 市值, 投资, 投入,
支出, 开支, 资产, 税收, or anything in 额: 销售额, 成交额 …), in an article where at least one
other money figure names its currency
(美元, 元, 港元 …).

Why: an article mixing 美元 and a bare `16亿` leaves the reader to guess, and the guess
changes the figure sevenfold. When no figure in the article names a currency, the currency
is the publication's default (元 in mainland Chinese news) and nothing is reported, since
precision comes first.

No suggestion is made: which currency was meant cannot be read from the text; the
finding names the currencies used elsewhere.

Flagged: `寒武纪前3季度实现净利润16亿` in an article with `收入171亿美元`.

Not flagged: `净利润16亿元`; `净利润16亿` in an article with no currency anywhere;
`出货量30万枚` (not money); `营收破五千亿` on a headline (a short line without sentence
punctuation: headlines drop units by house style).

Tolerance: none; it reports a missing word, not a value."
);

impl Check for MissingCurrency {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Outcome) {
        let currencies: BTreeMap<&str, &Unit> = cx
            .claims
            .iter()
            .filter_map(|c| c.unit.as_ref())
            .filter(|u| u.kind == UnitKind::Currency)
            .map(|u| (u.code.as_str(), u))
            .collect();
        if currencies.is_empty() {
            return;
        }
        let used = currencies
            .values()
            .map(|u| unit_suffix(Some(u)))
            .collect::<Vec<_>>()
            .join(", ");
        for c in cx
            .claims
            .iter()
            .filter(|c| lacks_currency(c) && !in_headline(cx.doc, c.span.start))
        {
            let text = cx.doc.slice(c.span);
            let metric = c.metric.as_deref().unwrap_or("");
            out.findings.push(
                Finding::new(
                    &INFO,
                    c.span,
                    cat(&[
                        "money figure `",
                        text,
                        "` (",
                        metric,
                        ") has no currency, while other figures here are in ",
                        &used,
                    ]),
                )
                .stated(cat(&[text, " (no currency)"]))
                .expected(cat(&[
                    "a currency, as elsewhere in the article (",
                    &used,
                    ")",
                ]))
                .tolerance("none: a missing word"),
            );
        }
    }
}

/// Metric words that measure money (besides anything ending in 额: 销售额, 成交额 …).
const MONEY_METRICS: &[&str] = &[
    "收入", "营收", "利润", "净利", "毛利", "亏损", "融资", "募资", "估值", "市值", "投资", "投入",
    "支出", "开支", "资产", "税收", "GMV",
];

/// True when a metric names an amount of money: it ends with a money word or with 额
/// (`营业收入`, `净利润`, `融资额`), so `投资者` or `收入占比` do not count.
fn is_money_metric(metric: &str) -> bool {
    // trim_ws: `trim` answered from the end bytes (metrics seldom have spaces).
    let m = trim_ws(metric);
    m.ends_with('额') || MONEY_METRICS.iter().any(|w| m.ends_with(w))
}

/// Longest line, in characters, read as a headline.
const HEADLINE_MAX_CHARS: usize = 40;

/// True when byte `at` lies on a headline: a short line with no sentence-ending punctuation
/// (`比亚迪前三季度营收破五千亿 净利润增长超三成`). Headlines drop units by house style; the
/// body gives the figure with its currency.
fn in_headline(doc: &Document, at: usize) -> bool {
    // The document's own line index, not searches for the newlines around `at`: a figure
    // late in a long article sat behind a scan of everything before it.
    // trim_ws: `trim` answered from the end bytes (lines seldom start or end with spaces).
    let line = trim_ws(doc.slice(doc.line_span(doc.line_index(at))));
    // A character takes at most four bytes: a longer line has too many characters
    // without counting them.
    line.len() <= 4 * HEADLINE_MAX_CHARS
        && line.chars().count() <= HEADLINE_MAX_CHARS
        && !line.contains(['。', '！', '？', '；', '!', '?', ';'])
}

/// [`in_headline`] as it was, by searching the text for the newlines around `at`: the
/// oracle of the line-index version.
#[cfg(test)]
fn in_headline_by_search(text: &str, at: usize) -> bool {
    let start = text
        .get(..at)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(at..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| at + i);
    let line = text.get(start..end).unwrap_or_default().trim();
    line.chars().count() <= HEADLINE_MAX_CHARS
        && !line.contains(['。', '！', '？', '；', '!', '?', ';'])
}

/// True for a money level written without any unit.
fn lacks_currency(c: &Claim) -> bool {
    c.kind == ClaimKind::Level
        && c.is_quantity()
        && c.unit.is_none()
        && c.bounds.iter().all(|b| b.unit.is_none())
        // A bare number (`收入排第3`) is not an amount; amounts carry 万/亿.
        && (c.magnitude.is_some() || c.bounds.iter().any(|b| b.magnitude.is_some()))
        && c.metric.as_deref().is_some_and(is_money_metric)
}

#[cfg(test)]
mod tests {
    use super::{in_headline, in_headline_by_search, is_money_metric};
    use crate::document::Document;
    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// The line index finds the headlines the newline searches found, at every
        /// character of texts with short and long lines, CRLF and blank lines.
        #[test]
        fn headlines_by_line_index_agree_with_the_search(
            text in proptest::collection::vec(
                proptest::sample::select(vec![
                    "英伟达营收16亿", "净利润3亿", "。", "！", "?", "\n", "\r\n", " ", "\u{3000}",
                    "据报道，", "寒武纪2025年前三季度净利润约16亿元人民币，同比扭亏为盈",
                    "a", "é", "𝄞",
                ]),
                0..30,
            )
            .prop_map(|v| v.concat())
        ) {
            let doc = Document::new("h.txt", text.as_str());
            for (at, _) in text.char_indices() {
                proptest::prop_assert_eq!(
                    in_headline(&doc, at),
                    in_headline_by_search(&text, at),
                    "at byte {}", at
                );
            }
        }
    }

    #[test]
    fn money_metrics_end_with_a_money_word() {
        for m in ["营业收入", "净利润", "融资额", "市值", "研发投入", "GMV"] {
            assert!(is_money_metric(m), "{m}");
        }
        for m in ["投资者", "收入占比", "出货量", "员工"] {
            assert!(!is_money_metric(m), "{m}");
        }
    }
}
