//! NC302 missing-currency: a money figure without a currency among figures that have one.

use crate::checks::tolerance::unit_suffix;
use crate::checks::{Check, Context, Outcome};
use crate::claim::{Claim, ClaimKind, Unit, UnitKind};
use crate::finding::{Finding, RuleInfo};
use std::collections::BTreeMap;

crate::declare_rule!(
    MissingCurrency,
    "NC302",
    "missing-currency",
    Info,
    "a money figure without a currency among others that have one",
    "Flags a money amount written without a currency in an article that gives currencies.

What it checks: level claims with a magnitude (万, 亿 …) but without any unit whose metric is a money metric (收入, 营收,
利润, 净利润, 毛利, 亏损, 融资, 募资, 估值, 市值, 销售额, 营业额, 成交额, 交易额, 投资, 支出,
开支, 资产, 金额 …), in an article where at least one other money figure names its currency
(美元, 元, 港元 …).

Why: an article mixing 美元 and a bare `16亿` leaves the reader to guess, and the guess
changes the figure sevenfold. When no figure in the article names a currency, the currency
is the publication's default (元 in mainland Chinese news) and nothing is reported, since
precision comes first.

No suggestion is made: which currency was meant cannot be read from the text; the
finding names the currencies used elsewhere.

Flagged: `寒武纪前3季度实现净利润16亿` in an article with `收入171亿美元`.

Not flagged: `净利润16亿元`; `净利润16亿` in an article with no currency anywhere;
`出货量30万枚` (not money).

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
        for c in cx.claims.iter().filter(|c| lacks_currency(c)) {
            let text = cx.doc.slice(c.span);
            let metric = c.metric.as_deref().unwrap_or("");
            out.findings.push(
                Finding::new(
                    &INFO,
                    c.span,
                    format!(
                        "money figure `{text}` ({metric}) has no currency, while other figures here are in {used}"
                    ),
                )
                .stated(format!("{text} (no currency)"))
                .expected(format!("a currency, as elsewhere in the article ({used})"))
                .tolerance("none: a missing word"),
            );
        }
    }
}

/// Metric words that measure money.
const MONEY_METRICS: &[&str] = &[
    "收入",
    "营收",
    "利润",
    "净利",
    "毛利",
    "亏损",
    "融资",
    "募资",
    "募集",
    "估值",
    "市值",
    "销售额",
    "营业额",
    "成交额",
    "交易额",
    "投资",
    "支出",
    "开支",
    "资产",
    "金额",
    "税收",
    "出口额",
    "进口额",
    "GMV",
];

/// True for a money level written without any unit.
fn lacks_currency(c: &Claim) -> bool {
    c.kind == ClaimKind::Level
        && c.is_quantity()
        && c.unit.is_none()
        && c.bounds.iter().all(|b| b.unit.is_none())
        // A bare number (`收入排第3`) is not an amount; amounts carry 万/亿.
        && (c.magnitude.is_some() || c.bounds.iter().any(|b| b.magnitude.is_some()))
        && c.metric
            .as_deref()
            .is_some_and(|m| MONEY_METRICS.iter().any(|w| m.contains(w)))
}
