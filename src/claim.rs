//! The claim model: one numeric statement as written, with value, precision, unit, hedge, period and subject.

use crate::document::Span;
use serde::Serialize;

/// Index of a claim inside its document's claim list.
pub type ClaimId = usize;

/// A number as written, in base units, remembering its written precision.
///
/// `step` is the value of one unit in the last written digit, in base units: `171亿` has
/// value 1.71e10 and step 1e8, so it stands for anything in `[170.5亿, 171.5亿]`; `13.1%`
/// has value 13.1 and step 0.1. Compare through [`Num::low`]/[`Num::high`], never with `==`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Num {
    /// The value in base units (units, USD, percent points …).
    pub value: f64,
    /// One unit of the last written digit, in base units (> 0).
    pub step: f64,
}

impl Num {
    /// A number with its step.
    pub fn new(value: f64, step: f64) -> Self {
        Num { value, step }
    }

    /// Lowest value the written form can stand for (value − step/2).
    pub fn low(&self) -> f64 {
        self.value - self.step / 2.0
    }

    /// Highest value the written form can stand for (value + step/2).
    pub fn high(&self) -> f64 {
        self.value + self.step / 2.0
    }

    /// This number multiplied by `factor` (a magnitude such as 1e4), step included.
    pub fn scaled(&self, factor: f64) -> Num {
        Num::new(self.value * factor, self.step * factor)
    }
}

/// What kind of statement a claim makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// An amount: 171亿美元, 48.5万枚, 16亿.
    Level,
    /// A proportion or share in percent (or 成): 13.1%, 三成, 份额95%.
    Share,
    /// A relative change: 同比增长66%, 下降3.2%, 翻番.
    Growth,
    /// A change in percentage points: 提高2个百分点.
    PointChange,
    /// A multiple: 3倍.
    Multiple,
    /// A rank or ordinal position: 第三, 前三.
    Rank,
    /// A bare count without unit: 两大市场, 三年.
    Count,
    /// A run of periods moving one way: 连续三年下滑 (value 3, unit 年, direction down).
    Trend,
    /// A calendar date: 2025-04-09, 7月15日.
    Date,
    /// A period: 2024年, FY2025, 2025Q1-Q3, 上半年.
    Period,
}

#[cfg(test)]
impl ClaimKind {
    /// Every kind, for tests that go through them all.
    pub(crate) const ALL: [ClaimKind; 10] = [
        ClaimKind::Level,
        ClaimKind::Share,
        ClaimKind::Growth,
        ClaimKind::PointChange,
        ClaimKind::Multiple,
        ClaimKind::Rank,
        ClaimKind::Count,
        ClaimKind::Trend,
        ClaimKind::Date,
        ClaimKind::Period,
    ];
}

/// Direction of a stated change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// 增长, 提高, 上升, 增加.
    Up,
    /// 下降, 减少, 下滑, 降到.
    Down,
}

/// How a hedge word bends the stated value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HedgeKind {
    /// 约, 约为, 大约, 左右, 上下: roughly, either way.
    About,
    /// 近, 将近, 不到, 不足: a little below.
    Below,
    /// 超, 超过, 逾, 多, 余, 以上: above.
    Above,
    /// 远超: well above.
    WellAbove,
    /// 至少: at least.
    AtLeast,
    /// 最多, 以下: at most.
    AtMost,
    /// 均: each of several subjects.
    Each,
}

#[cfg(test)]
impl HedgeKind {
    /// Every hedge kind, for tests that go through them all.
    pub(crate) const ALL: [HedgeKind; 7] = [
        HedgeKind::About,
        HedgeKind::Below,
        HedgeKind::Above,
        HedgeKind::WellAbove,
        HedgeKind::AtLeast,
        HedgeKind::AtMost,
        HedgeKind::Each,
    ];
}

/// A hedge as written and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hedge {
    /// The words as written, e.g. `约为` or `远超`.
    pub text: String,
    /// Their meaning.
    pub kind: HedgeKind,
}

/// The family a unit belongs to; units of different families never compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// An ISO currency code: USD, CNY, HKD, EUR, JPY.
    Currency,
    /// Percent (%, ％, 百分之, 成 converted to percent).
    Percent,
    /// Percentage points (个百分点).
    Points,
    /// A multiple (倍).
    Times,
    /// A measure word (枚, 辆, 台, 人 …) or a physical unit (吨, 吉瓦时).
    Measure,
}

/// A unit: ISO code for money, `%`, `个百分点`, `倍`, or the measure word itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Unit {
    /// The canonical code: `USD`, `CNY`, `%`, `个百分点`, `倍`, `枚` …
    pub code: String,
    /// Its family.
    pub kind: UnitKind,
}

impl Unit {
    /// A unit from its code and family.
    pub fn new(code: impl Into<String>, kind: UnitKind) -> Self {
        Unit {
            code: code.into(),
            kind,
        }
    }
}

/// One end of a range, or the single number of a point value, as written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bound {
    /// Where this end is written (mantissa, magnitude and unit words, no hedge).
    pub span: Span,
    /// Its value in base units, including its own magnitude (or the one shared from the other end).
    pub num: Num,
    /// The magnitude word written on this end (`万`, `亿`, `万亿` …), if any.
    pub magnitude: Option<String>,
    /// The unit written on this end, if any.
    pub unit: Option<Unit>,
}

/// The value of a claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    /// A single number.
    Point(Num),
    /// A range `low–high` as written (low may exceed high when the text is wrong).
    Range {
        /// The first end as written.
        low: Num,
        /// The second end as written.
        high: Num,
    },
    /// No numeric value (dates and periods carry theirs in [`Claim::period`]).
    None,
}

/// One numeric statement found in an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// Position in the document's claim list.
    pub id: ClaimId,
    /// The whole claim as written: hedge, number(s), magnitude and unit.
    pub span: Span,
    /// What kind of statement it is.
    pub kind: ClaimKind,
    /// The value in base units.
    pub value: Value,
    /// The ends as written: one for a point, two for a range (each with its own magnitude/unit).
    pub bounds: Vec<Bound>,
    /// The unit that applies to the claim as a whole (shared by a range's ends), if any.
    pub unit: Option<Unit>,
    /// The magnitude word of the claim (of its last end for a range), if any.
    pub magnitude: Option<String>,
    /// The hedge, if any.
    pub hedge: Option<Hedge>,
    /// Direction of a growth or point change. On a `Level` it marks an absolute change
    /// (`净利润减少5亿元`), not a level; on the "to" claim of `从A降到B` it is the move's direction.
    pub direction: Option<Direction>,
    /// Normalised period: for date/period claims their own (`2025-04-09`, `2024`, `FY2025`,
    /// `2025Q1-Q3`, `2024H1`, `--07-15` when the year is unknown); for other claims the
    /// period they are about, taken from the same clause or carried from before.
    pub period: Option<String>,
    /// The entity the figure is about (英伟达, 微软 …) as written, if known.
    pub subject: Option<String>,
    /// The segment (region, product line) the figure is about (中国大陆 …) as written.
    pub segment: Option<String>,
    /// The metric word (收入, 出货量, 份额 …) as written.
    pub metric: Option<String>,
    /// Index of the sentence holding the claim (see [`crate::document::Document::sentences`]).
    pub sentence: usize,
    /// For a change stated as `从A增长到B`/`从95%降到0%`: the ids of the from and to claims.
    /// Set on the "to" claim only (B, here `0%`); the "from" claim has `None`.
    pub change_of: Option<(ClaimId, ClaimId)>,
    /// Problems the extractor saw in the written form (e.g. a garbled period `前25年`).
    pub notes: Vec<String>,
}

impl Claim {
    /// A claim of `kind` at `span` in sentence `sentence`, with no value, ends, unit,
    /// hedge, period, topic or notes yet: what the extractor starts from and fills in.
    pub fn new(id: ClaimId, span: Span, kind: ClaimKind, sentence: usize) -> Claim {
        Claim {
            id,
            span,
            kind,
            value: Value::None,
            bounds: Vec::new(),
            unit: None,
            magnitude: None,
            hedge: None,
            direction: None,
            period: None,
            subject: None,
            segment: None,
            metric: None,
            sentence,
            change_of: None,
            notes: Vec::new(),
        }
    }

    /// The lowest and highest value a claim's written form allows, before its hedge:
    /// written precision only. `None` for claims without a value.
    pub fn interval(&self) -> Option<(f64, f64)> {
        match &self.value {
            Value::Point(n) => Some((n.low(), n.high())),
            Value::Range { low, high } => {
                Some((low.low().min(high.low()), low.high().max(high.high())))
            }
            Value::None => None,
        }
    }

    /// True for quantity claims (anything with a value), false for dates and periods.
    pub fn is_quantity(&self) -> bool {
        !matches!(self.value, Value::None)
    }

    /// True when the claim is a range.
    pub fn is_range(&self) -> bool {
        matches!(self.value, Value::Range { .. })
    }
}
