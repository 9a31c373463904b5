//! Matching claims to reference facts: subject, segment, metric and period through the
//! aliases, and claim units (枚, %, 美元) against fact units (units, percent, USD).

use super::period::Period;
use super::{AliasKind, Reference};
use crate::claim::{Claim, HedgeKind, Unit, UnitKind};

/// The canonical coordinates a claim is about. Facts are looked up by these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// Canonical entity (`NVIDIA`).
    pub entity: String,
    /// Canonical segment, empty for the whole entity.
    pub segment: String,
    /// Canonical metric (`revenue`).
    pub metric: String,
    /// The period.
    pub period: Period,
    /// True when the claim's metric word says it is the segment's share of the whole
    /// (`收入占比`, `营收中的占比`) rather than the metric itself.
    pub share_of_whole: bool,
}

impl Key {
    /// The same key in another period.
    pub fn at(&self, period: Period) -> Key {
        Key {
            period,
            ..self.clone()
        }
    }

    /// The same key for the whole entity (no segment).
    pub fn whole(&self) -> Key {
        Key {
            segment: String::new(),
            ..self.clone()
        }
    }

    /// `entity/segment/metric/period` for messages.
    pub fn describe(&self) -> String {
        if self.segment.is_empty() {
            format!("{} {} {}", self.entity, self.metric, self.period)
        } else {
            format!(
                "{} ({}) {} {}",
                self.entity, self.segment, self.metric, self.period
            )
        }
    }
}

/// Words that turn a metric into a segment's share of it (收入占比 → share of revenue).
const SHARE_SUFFIXES: [&str; 6] = ["所占比例", "所占比重", "占比", "比重", "份额", "比例"];
/// Words that turn a metric into its growth (营收增速 → growth of revenue).
const GROWTH_SUFFIXES: [&str; 5] = ["同比增长", "增长率", "增速", "增幅", "增长"];
/// Joiners between several subjects of one figure (字节跳动与腾讯均采购…).
const JOINERS: [&str; 6] = ["以及", "与", "和", "及", "、", "跟"];
/// Physical units that never compare with counted `units`.
const PHYSICAL_UNITS: [&str; 22] = [
    "吨",
    "千克",
    "公斤",
    "克",
    "瓦",
    "千瓦",
    "兆瓦",
    "吉瓦",
    "瓦时",
    "千瓦时",
    "兆瓦时",
    "吉瓦时",
    "GWh",
    "MW",
    "米",
    "公里",
    "千米",
    "平方米",
    "亩",
    "升",
    "桶",
    "立方米",
];

/// True when a claim's unit can be compared with a fact's unit: the same currency code,
/// `%` with `percent`, a measure word (枚, 辆, 台 …) with `units`. A claim without a unit
/// may compare with any non-percent fact once subject, metric and period matched (NC302
/// reports the missing currency separately).
pub fn unit_compatible(unit: Option<&Unit>, fact_unit: &str) -> bool {
    match unit {
        None => fact_unit != "percent",
        Some(u) => match u.kind {
            UnitKind::Currency => u.code == fact_unit,
            UnitKind::Percent => fact_unit == "percent",
            UnitKind::Measure => fact_unit == "units" && !PHYSICAL_UNITS.contains(&u.code.as_str()),
            UnitKind::Points | UnitKind::Times => false,
        },
    }
}

/// Strips `suffix` words (and a linking 的/中) from the end of `text`.
fn strip_suffix<'t>(text: &'t str, suffixes: &[&str]) -> Option<&'t str> {
    suffixes.iter().find_map(|s| {
        text.strip_suffix(s)
            .map(|p| p.trim_end_matches(['的', '中']).trim_end())
    })
}

impl Reference {
    /// The canonical metric a claim's metric word names, and whether the word asks for
    /// the segment's share of it. `营收` → (revenue, false); `收入占比` → (revenue, true).
    /// A bare share word (`占比`) takes the one metric named in `context`, if exactly one is.
    pub fn resolve_metric(&self, word: &str, context: &str) -> Option<(String, bool)> {
        let word = word.trim();
        if let Some(c) = self.canonical(AliasKind::Metric, word) {
            return Some((c.to_string(), false));
        }
        if let Some(base) = strip_suffix(word, &GROWTH_SUFFIXES) {
            return self
                .canonical(AliasKind::Metric, base)
                .map(|c| (c.to_string(), false));
        }
        let base = strip_suffix(word, &SHARE_SUFFIXES)?;
        if !base.is_empty() {
            return self
                .canonical(AliasKind::Metric, base)
                .map(|c| (c.to_string(), true));
        }
        self.metric_in(context).map(|c| (c, true))
    }

    /// The one canonical metric whose aliases occur in `context`, if exactly one does.
    fn metric_in(&self, context: &str) -> Option<String> {
        let mut found: Vec<&str> = self
            .alias_entries()
            .iter()
            .filter(|a| a.kind == AliasKind::Metric && context.contains(a.alias.as_str()))
            .map(|a| a.canonical.as_str())
            .collect();
        found.sort_unstable();
        found.dedup();
        match found.as_slice() {
            [one] => Some(one.to_string()),
            _ => None,
        }
    }

    /// True when `metric` applies in `context`: it has no scope words, or one occurs there.
    pub fn in_scope(&self, metric: &str, context: &str) -> bool {
        let scopes = self.scopes(metric);
        let lower = context.to_lowercase();
        scopes.is_empty() || scopes.iter().any(|s| lower.contains(&s.to_lowercase()))
    }

    /// The canonical entities a claim's subject names: one, or several for a figure given
    /// for each of a list (`字节跳动与腾讯(均采购23万枚)`). Empty when any is unknown.
    fn entities(&self, claim: &Claim) -> Vec<String> {
        let Some(subject) = claim.subject.as_deref() else {
            return Vec::new();
        };
        if let Some(e) = self.canonical(AliasKind::Entity, subject) {
            return vec![e.to_string()];
        }
        let each = claim
            .hedge
            .as_ref()
            .is_some_and(|h| h.kind == HedgeKind::Each);
        if !each {
            // A joint subject without 均 is a sum or a comparison; no single fact fits.
            return Vec::new();
        }
        let mut parts = vec![subject];
        for j in JOINERS {
            parts = parts.iter().flat_map(|p| p.split(j)).collect();
        }
        let names: Option<Vec<String>> = parts
            .iter()
            .map(|p| self.canonical(AliasKind::Entity, p).map(str::to_string))
            .collect();
        match names {
            Some(n) if n.len() > 1 => n,
            _ => Vec::new(),
        }
    }

    /// The reference keys a claim is about, resolved through the aliases: one per entity
    /// of its subject, with its segment (empty when none is written; an unknown segment
    /// matches nothing rather than the whole entity), metric and period. `context` is the
    /// claim's sentence, for bare share words and metric scopes. Empty when anything is
    /// missing or unknown: such a claim is unchecked, never an error.
    pub fn match_claim(&self, claim: &Claim, context: &str) -> Vec<Key> {
        let Some(period) = claim.period.as_deref().and_then(Period::parse) else {
            return Vec::new();
        };
        let Some((metric, share_of_whole)) = claim
            .metric
            .as_deref()
            .and_then(|m| self.resolve_metric(m, context))
        else {
            return Vec::new();
        };
        if !self.in_scope(&metric, context) {
            return Vec::new();
        }
        let segment = match claim.segment.as_deref() {
            None => String::new(),
            Some(s) => match self.canonical(AliasKind::Segment, s) {
                Some(c) => c.to_string(),
                None => return Vec::new(),
            },
        };
        self.entities(claim)
            .into_iter()
            .map(|entity| Key {
                entity,
                segment: segment.clone(),
                metric: metric.clone(),
                period,
                share_of_whole,
            })
            .collect()
    }

    /// The fact at `key`, from the latest layer that has one.
    pub fn fact_at(&self, key: &Key) -> Option<&super::Fact> {
        self.fact(
            &key.entity,
            &key.segment,
            &key.metric,
            &key.period.to_string(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{ClaimKind, Hedge, Num, Value};
    use crate::document::Span;

    fn reference() -> Reference {
        let mut r = Reference::empty();
        r.add_text(
            "f.csv",
            "entity,segment,metric,period,value,unit,source,source_date,note\n\
             蔚来,,deliveries,2024,221970,units,NIO,2025-01-01,\n\
             蔚来,中国,deliveries,2024,220000,units,NIO,2025-01-01,\n\
             小鹏,,deliveries,2024,190068,units,XPeng,2025-01-01,\n\
             蔚来,,revenue,2024,65730000000,CNY,NIO,2025-03-01,\n",
        )
        .unwrap();
        r.add_text(
            "a.csv",
            "kind,alias,canonical\nentity,NIO,蔚来\nmetric,交付量,deliveries\n\
             metric,营收,revenue\nsegment,国内,中国\nscope,汽车,deliveries\n",
        )
        .unwrap();
        r
    }

    fn claim(subject: &str, segment: Option<&str>, metric: &str, period: &str) -> Claim {
        Claim {
            id: 0,
            span: Span::new(0, 1),
            kind: ClaimKind::Level,
            value: Value::Point(Num::new(1.0, 1.0)),
            bounds: Vec::new(),
            unit: Some(Unit::new("辆", UnitKind::Measure)),
            magnitude: None,
            hedge: None,
            direction: None,
            period: Some(period.into()),
            subject: Some(subject.into()),
            segment: segment.map(str::to_string),
            metric: Some(metric.into()),
            sentence: 0,
            change_of: None,
            notes: Vec::new(),
        }
    }

    #[test]
    fn matches_through_aliases() {
        let r = reference();
        let keys = r.match_claim(&claim("NIO", None, "交付量", "2024"), "汽车交付量");
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].entity, "蔚来");
        assert!(r.fact_at(&keys[0]).is_some());
        let keys = r.match_claim(&claim("蔚来", Some("国内"), "交付量", "2024"), "汽车");
        assert_eq!(keys[0].segment, "中国");
    }

    #[test]
    fn unknown_parts_match_nothing() {
        let r = reference();
        assert!(r
            .match_claim(&claim("理想", None, "交付量", "2024"), "汽车")
            .is_empty());
        assert!(r
            .match_claim(&claim("蔚来", Some("欧洲"), "交付量", "2024"), "汽车")
            .is_empty());
        assert!(r
            .match_claim(&claim("蔚来", None, "交付量", "2024年"), "汽车")
            .is_empty());
        // Out of scope: the sentence is not about cars.
        assert!(r
            .match_claim(&claim("蔚来", None, "交付量", "2024"), "换电站")
            .is_empty());
    }

    #[test]
    fn each_splits_joint_subjects() {
        let r = reference();
        let mut c = claim("蔚来与小鹏", None, "交付量", "2024");
        assert!(r.match_claim(&c, "汽车").is_empty());
        c.hedge = Some(Hedge {
            text: "均".into(),
            kind: HedgeKind::Each,
        });
        let keys = r.match_claim(&c, "汽车");
        assert_eq!(keys.len(), 2);
        assert_eq!(keys[1].entity, "小鹏");
    }

    #[test]
    fn share_words_resolve_to_their_base_metric() {
        let r = reference();
        assert_eq!(
            r.resolve_metric("营收占比", ""),
            Some(("revenue".into(), true))
        );
        assert_eq!(
            r.resolve_metric("占比", "国内在蔚来营收中的占比"),
            Some(("revenue".into(), true))
        );
        assert_eq!(r.resolve_metric("占比", "国内的占比"), None);
        assert_eq!(
            r.resolve_metric("营收增速", ""),
            Some(("revenue".into(), false))
        );
    }

    #[test]
    fn units_compare_by_family() {
        let m = Unit::new("枚", UnitKind::Measure);
        assert!(unit_compatible(Some(&m), "units"));
        assert!(!unit_compatible(Some(&m), "USD"));
        let t = Unit::new("吨", UnitKind::Measure);
        assert!(!unit_compatible(Some(&t), "units"));
        let usd = Unit::new("USD", UnitKind::Currency);
        assert!(unit_compatible(Some(&usd), "USD"));
        assert!(!unit_compatible(Some(&usd), "CNY"));
        let pct = Unit::new("%", UnitKind::Percent);
        assert!(unit_compatible(Some(&pct), "percent"));
        assert!(!unit_compatible(None, "percent"));
        assert!(unit_compatible(None, "CNY"));
    }
}
