//! Subjects, segments and metrics: a word lexicon (built-in names plus the caller's entities),
//! a few naming heuristics (某主流国产AI芯片), and the running per-paragraph state that carries
//! them from clause to clause.

use super::numeral::{is_arabic_digit, is_cn_numeral_char};
use super::text::{
    char_at, is_han, next_four, prev_char, starts_at, Entry, PairIndex, Quick, WordIndex,
};
use crate::document::Span;

/// What a lexicon word names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    /// A company or organisation (英伟达, 微软).
    Entity,
    /// A region or market segment (中国大陆, 海外).
    Segment,
    /// A metric (收入, 出货量, 份额).
    Metric,
}

/// Built-in entity names (companies and organisations often in Chinese business news).
const ENTITIES: &[&str] = &[
    "英伟达",
    "NVIDIA",
    "Nvidia",
    "微软",
    "Microsoft",
    "字节跳动",
    "腾讯",
    "腾讯云",
    "阿里巴巴",
    "阿里",
    "阿里云",
    "百度",
    "华为",
    "寒武纪",
    "海光信息",
    "摩尔线程",
    "壁仞科技",
    "沐曦",
    "Meta",
    "亚马逊",
    "Amazon",
    "AWS",
    "xAI",
    "谷歌",
    "Google",
    "苹果",
    "Apple",
    "小米",
    "比亚迪",
    "宁德时代",
    "特斯拉",
    "Tesla",
    "OpenAI",
    "AMD",
    "英特尔",
    "Intel",
    "台积电",
    "三星",
    "中芯国际",
    "联想",
    "京东",
    "美团",
    "拼多多",
    "网易",
    "蔚来",
    "理想汽车",
    "小鹏汽车",
    "小鹏",
    "吉利汽车",
    "吉利",
    "长城汽车",
    "长安汽车",
    "上汽集团",
    "上汽",
    "广汽",
    "一汽",
    "东风汽车",
    "OPPO",
    "vivo",
    "荣耀",
    "传音",
    "中兴通讯",
    "中兴",
    "高通",
    "联发科",
    "博通",
    "美光",
    "SK海力士",
    "海力士",
    "三一重工",
    "万科",
    "格力",
    "美的",
    "海尔",
    "中国移动",
    "中国联通",
    "中国电信",
    "国家统计局",
    "海关总署",
    "工信部",
    "中汽协",
    "乘联会",
    "IDC",
    "Omdia",
    "Canalys",
    "Counterpoint",
    "TrendForce",
    "集邦咨询",
    "国轩高科",
    "亿纬锂能",
    "LG新能源",
    "松下",
    "隆基绿能",
    "通威股份",
    "贵州茅台",
    "零跑汽车",
    "零跑",
    "问界",
    "赛力斯",
    "极氪",
    "长江存储",
    "长鑫存储",
    "地平线",
    "商汤",
    "科大讯飞",
    "大疆",
    "九号公司",
    "58同城",
    "36氪",
    "三六零",
    "中国人民银行",
    "央行",
    "财政部",
    "商务部",
    "国家发展改革委",
    "世界银行",
    "国际货币基金组织",
    "IMF",
    "五粮液",
    "中国石油",
    "中国石化",
    "工商银行",
    "建设银行",
    "农业银行",
    "中国银行",
];

/// Built-in segment words (regions, markets).
const SEGMENTS: &[&str] = &[
    "中国大陆",
    "中国内地",
    "中国市场",
    "中国香港",
    "中国台湾",
    "中国",
    "大陆市场",
    "海外市场",
    "海外",
    "国内市场",
    "国内",
    "国外",
    "全球市场",
    "全球",
    "美国市场",
    "美国",
    "欧洲市场",
    "欧洲",
    "北美",
    "日本",
    "韩国",
    "印度",
    "亚太",
    "东南亚",
    "拉美",
    "中东",
    "非洲",
    "香港",
    "台湾",
    "第一产业",
    "第二产业",
    "第三产业",
    "制造业",
    "服务业",
    "一线城市",
    "二线城市",
    "全国",
    "城镇",
    "农村",
    "乡村",
    "乘用车",
    "商用车",
    "纯电动",
    "插电混动",
    "华东",
    "华南",
    "华北",
    "西部",
];

/// Built-in metric words.
const METRICS: &[&str] = &[
    "营业收入",
    "营收",
    "收入",
    "总收入",
    "净利润",
    "归母净利润",
    "利润",
    "毛利率",
    "毛利",
    "净利率",
    "出货量",
    "出货",
    "销量",
    "销售量",
    "销售额",
    "采购量",
    "采购",
    "市场份额",
    "份额",
    "占比",
    "比重",
    "渗透率",
    "市占率",
    "产量",
    "装机量",
    "交付量",
    "交付",
    "营业额",
    "成交额",
    "进口额",
    "出口额",
    "进口",
    "出口",
    "经济规模",
    "市场规模",
    "规模",
    "用户数",
    "用户规模",
    "研发投入",
    "研发费用",
    "订单",
    "库存",
    "GDP",
    "国内生产总值",
    "增加值",
    "投资额",
    "融资",
    "估值",
    "市值",
    "营业利润",
    "现金流",
    "支出",
    "产值",
    "保有量",
    "零售额",
    "良率",
    "零售量",
    "装车量",
    "房价",
    "均价",
    "售价",
    "CPI",
    "PPI",
    "零售",
    "批发量",
    "批发",
    "余额",
    "贷款余额",
    "存款余额",
    "成交量",
    "零售总额",
    "社会消费品零售总额",
    "固定资产投资",
    "可支配收入",
    "营业成本",
    "毛利润",
    "出口量",
    "进口量",
    "产能",
    "订单量",
    "人口",
    "失业率",
    // Longer words holding a shorter metric: 进出口 is not 出口, 扣非净利润 not 净利润.
    "进出口",
    "进出口总值",
    "进出口额",
    "贸易总值",
    "贸易顺差",
    "贸易逆差",
    "顺差",
    "逆差",
    "扣非净利润",
    "扣非归母净利润",
    // Balance-sheet items: not revenue carried from the sentence before.
    "货币资金",
    "总资产",
    "净资产",
    "资产负债率",
    "募资",
    "募资净额",
    // Losses: 净亏损6.2亿元 is not revenue carried from the clause before.
    "净亏损",
    "亏损",
    "经调整净利润",
    "经调整净亏损",
    // Audience counts: 月活跃账户数14.1亿 is not revenue carried from the sentence before.
    "月活跃账户数",
    "月活跃用户数",
    "日活跃用户数",
    "月活",
    "日活",
    "阅读量",
    "播放量",
    "浏览量",
    "访问量",
    "下载量",
    "点击量",
    "用户总数",
];

/// Words after 某 that end a made-up name (某主流国产AI芯片出货量 → 某主流国产AI芯片).
const NAME_STOPS: &[char] = &[
    '的', '在', '是', '将', '已', '也', '和', '与', '及', '对', '为',
];

/// [`NAME_END_WORDS`] indexed: a 某… name is asked at each of its characters whether one
/// of them starts there, where trying each word in turn costs more than the rest of the
/// name's reading.
fn name_end_words() -> &'static WordIndex {
    static INDEX: std::sync::OnceLock<WordIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| WordIndex::new(NAME_END_WORDS))
}

/// Words that end a 某… name: periods, speakers and speech verbs (某头部车企人士透露).
const NAME_END_WORDS: &[&str] = &[
    "今年",
    "去年",
    "明年",
    "全年",
    "上半年",
    "下半年",
    "人士",
    "负责人",
    "高管",
    "表示",
    "透露",
    "称",
    "公告",
    "宣布",
    "数据",
    "财报",
    "报告",
    "同比",
    "环比",
];

/// A lexicon of names keyed by their first two characters, longest first.
///
/// The scanner asks it at every character that starts some word (中, 国, 出, 收 … are
/// common), and most of those positions hold no word: a [`PairIndex`] leaves one filter
/// test there, and rarely more than a couple of comparisons where a word does start.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    words: PairIndex<LexWord>,
}

/// A word of the [`Lexicon`] with what the scanner asks of it, worked out once.
#[derive(Debug, Clone)]
struct LexWord {
    word: String,
    kind: WordKind,
    /// A Latin word: it must not be glued to other Latin letters (see [`glued`]).
    latin: bool,
    /// A metric naming a proportion ([`is_share_metric`]).
    share: bool,
    /// The word starts with an Arabic digit (58同城, 360).
    digit: bool,
}

/// A lexicon word read in the text (see [`Lexicon::word_at`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordMatch {
    /// What the word names.
    pub kind: WordKind,
    /// Byte where it ends.
    pub end: usize,
    /// A metric naming a proportion ([`is_share_metric`]).
    pub share: bool,
    /// The word starts with an Arabic digit (58同城, 360): the digits may be a figure.
    pub digit: bool,
}

impl Lexicon {
    /// The built-in words plus `extra` entity names.
    pub fn new(extra: &[String]) -> Self {
        let mut lx = Lexicon::default();
        for w in ENTITIES {
            lx.add(w, WordKind::Entity);
        }
        for w in extra {
            lx.add(w, WordKind::Entity);
        }
        for w in SEGMENTS {
            lx.add(w, WordKind::Segment);
        }
        for w in METRICS {
            lx.add(w, WordKind::Metric);
        }
        // Stable: words of one length keep the order they were added in.
        for v in lx.words.lists_mut() {
            v.sort_by_key(|e| std::cmp::Reverse(e.item.word.len()));
        }
        lx
    }

    fn add(&mut self, w: &str, kind: WordKind) {
        let w = w.trim();
        let Some(list) = self.words.list_for(w) else {
            return;
        };
        if !list.iter().any(|e| e.item.word == w) {
            let word = LexWord {
                word: w.to_string(),
                kind,
                latin: w.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric),
                share: is_share_metric(w),
                digit: w.starts_with(is_arabic_digit),
            };
            list.push(Entry::new(w, word));
        }
    }

    /// True when some word of the lexicon starts with `c`: [`Lexicon::match_at`] finds
    /// nothing at a character for which this is false.
    pub fn starts_with_char(&self, c: char) -> bool {
        self.words.starts_with_char(c)
    }

    /// The first character of every word, each once.
    pub fn first_chars(&self) -> impl Iterator<Item = char> + '_ {
        self.words.first_chars()
    }

    /// False only when [`Lexicon::match_at`] finds nothing at byte `i`: a quick test for
    /// the many positions where no word starts.
    #[inline]
    pub fn may_match_at(&self, text: &str, i: usize) -> bool {
        self.words.may_start_at(text, i)
    }

    /// The longest word starting at byte `i`: (word, kind, end). Latin words must not be
    /// glued to other Latin letters (Meta, not Metadata).
    #[inline]
    pub fn match_at(&self, text: &str, i: usize) -> Option<(&str, WordKind, usize)> {
        self.find(text, i)
            .map(|w| (w.word.as_str(), w.kind, i + w.word.len()))
    }

    /// [`Lexicon::match_at`] for the scanner, which takes the word from the text.
    #[inline]
    pub fn word_at(&self, text: &str, i: usize) -> Option<WordMatch> {
        self.find(text, i).map(|w| WordMatch {
            kind: w.kind,
            end: i + w.word.len(),
            share: w.share,
            digit: w.digit,
        })
    }

    /// [`Lexicon::may_match_at`] that keeps what it read for [`Lexicon::word_after`]: the
    /// scanner's quick test, so that a position it lets through is not read again.
    #[inline]
    pub fn quick_at(&self, text: &str, i: usize) -> Option<Quick> {
        self.words.quick(text, i)
    }

    /// [`Lexicon::match_at`] at a position [`Lexicon::quick_at`] let through with `q`.
    #[inline]
    pub fn match_after(&self, text: &str, i: usize, q: Quick) -> Option<(&str, WordKind, usize)> {
        self.find_after(text, i, q)
            .map(|w| (w.word.as_str(), w.kind, i + w.word.len()))
    }

    /// [`Lexicon::word_at`] at a position [`Lexicon::quick_at`] let through with `q`.
    #[inline(always)]
    pub fn word_after(&self, text: &str, i: usize, q: Quick) -> Option<WordMatch> {
        self.find_after(text, i, q).map(|w| WordMatch {
            kind: w.kind,
            end: i + w.word.len(),
            share: w.share,
            digit: w.digit,
        })
    }

    #[inline]
    fn find(&self, text: &str, i: usize) -> Option<&LexWord> {
        self.match_candidates(text, i, self.words.candidates(text, i))
    }

    /// [`Lexicon::find`] given `q`, what [`Lexicon::quick_at`] read at `i`. Inlined into
    /// the scanner's one caller, which runs it at hundreds of positions per article: a
    /// call of its own costs a fifth of the work.
    #[inline(always)]
    fn find_after(&self, text: &str, i: usize, q: Quick) -> Option<&LexWord> {
        self.match_candidates(text, i, self.words.candidates_after(text, i, q))
    }

    /// The longest of the `candidates` of byte `i` that the text holds there.
    #[inline(always)]
    fn match_candidates<'a>(
        &'a self,
        text: &str,
        i: usize,
        candidates: (&'a [Entry<LexWord>], &'a [Entry<LexWord>], usize),
    ) -> Option<&'a LexWord> {
        // Candidates come longest first: words of two or more characters sharing the
        // text's first two, then those of one character. Most positions asked have none.
        let (two, one, known) = candidates;
        if two.is_empty() && one.is_empty() {
            return None;
        }
        let rest = text.get(i..)?.as_bytes();
        if !two.is_empty() {
            let next = next_four(rest, known);
            for e in two {
                let w = &e.item;
                if e.matches(rest, next, w.word.as_bytes(), known)
                    && !(w.latin && glued(text, i, &w.word))
                {
                    return Some(w);
                }
            }
        }
        one.iter()
            .map(|e| &e.item)
            .find(|w| rest.starts_with(w.word.as_bytes()) && !(w.latin && glued(text, i, &w.word)))
    }
}

/// True when the word `w`, read at byte `i`, is glued to Latin letters or digits (Meta in
/// Metadata): then a Latin word is not that word.
fn glued(text: &str, i: usize, w: &str) -> bool {
    let alnum = |x: Option<char>| x.is_some_and(|x| x.is_ascii_alphanumeric());
    alnum(prev_char(text, i)) || alnum(char_at(text, i + w.len()))
}

/// A made-up or unnamed subject starting with 某 at `i`: 某主流国产AI芯片, 某车企.
///
/// Runs to the first metric word, stop word or punctuation, at most 12 characters.
pub fn mou_name(lx: &Lexicon, text: &str, i: usize) -> Option<usize> {
    if char_at(text, i)? != '某' {
        return None;
    }
    let mut j = i + '某'.len_utf8();
    let mut n = 0;
    while let Some(c) = char_at(text, j) {
        if !(is_han(c) || c.is_ascii_alphanumeric()) || NAME_STOPS.contains(&c) || n >= 12 {
            break;
        }
        if lx
            .match_at(text, j)
            .is_some_and(|(_, k, _)| k == WordKind::Metric)
            || name_end_words().longest_at(text, j).is_some()
            || is_cn_numeral_char(c)
        {
            break;
        }
        j += c.len_utf8();
        n += 1;
    }
    (n >= 2).then_some(j)
}

/// Characters a company name never contains: function words and pronouns before it.
const COMPANY_STOPS: &[char] = &[
    '的', '在', '与', '和', '及', '是', '为', '对', '向', '从', '被', '将', '由', '了', '该', '本',
    '其', '这', '那', '各', '现', '原', '据', '称', '家', '等', '让', '给', '把',
];

/// Generic words that form no name with 公司/集团 (上市公司, 科技公司, 子公司).
const GENERIC_COMPANY: &[&str] = &[
    "上市",
    "科技",
    "互联网",
    "汽车",
    "芯片",
    "咨询",
    "研究",
    "投资",
    "证券",
    "控股",
    "外资",
    "国有",
    "民营",
    "跨国",
    "人工智能",
    "能源",
    "电池",
    "手机",
    "车企",
    "企业",
    "母",
    "子",
    "分",
    "我",
    "贵",
    "你",
];

/// Period words that end a stretch before a company name (前三季度公司实现…).
const NAME_PERIODS: &[&str] = &[
    "季度", "年度", "半年", "全年", "今年", "去年", "明年", "本月", "当月", "年", "月",
];

/// Start of the name before a company suffix at `suffix_at`: 2–10 Han characters back to a
/// clause boundary or function word, not after 的 (人工智能公司 there is a description).
pub fn company_name_start(text: &str, floor: usize, suffix_at: usize) -> Option<usize> {
    let mut start = suffix_at;
    let mut n = 0;
    while start > floor && n < 10 {
        let Some(c) = prev_char(text, start) else {
            break;
        };
        if !is_han(c) || COMPANY_STOPS.contains(&c) {
            if c == '的' {
                return None;
            }
            break;
        }
        start -= c.len_utf8();
        n += 1;
    }
    // A公司, AB集团: a placeholder name of one to three capital letters.
    if n == 0 {
        let caps = text
            .get(floor..suffix_at)?
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_uppercase())
            .count();
        let lead = suffix_at - caps;
        let alone =
            lead == floor || prev_char(text, lead).is_some_and(|c| !c.is_ascii_alphanumeric());
        return ((1..=3).contains(&caps) && alone).then_some(lead);
    }
    // 前三季度公司实现…: a period before 公司 is not part of the name.
    let mut name = text.get(start..suffix_at)?;
    let dated = |w: &str, p: usize| {
        w.chars().count() > 1
            || prev_char(name, p)
                .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十〇零".contains(c))
    };
    // Every period word holds 年, 月 or 季: most names hold none, and searching each word
    // from the end costs more than this one pass.
    let periods = if name.contains(['年', '月', '季']) {
        NAME_PERIODS
    } else {
        &[]
    };
    if let Some(k) = periods
        .iter()
        .filter_map(|w| name.rfind(w).filter(|&p| dated(w, p)).map(|p| p + w.len()))
        .max()
    {
        start += k;
        n = name[k..].chars().count();
        name = &name[k..];
    }
    // 三个品牌, 两家公司, 5家企业: a count of things, not a name.
    let mut cs = name.chars();
    if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
        if (a.is_ascii_digit() || is_cn_numeral_char(a) || a == '两' || a == '几')
            && matches!(b, '个' | '家' | '大' | '款' | '种' | '所')
        {
            return None;
        }
    }
    if !(2..10).contains(&n)
        || GENERIC_COMPANY
            .iter()
            // The length first: it rules most words out without comparing bytes.
            .any(|g| name.len() <= g.len() + 3 && name.ends_with(g))
    {
        return None;
    }
    Some(start)
}

/// Product nouns that close a 国产… name (国产AI芯片, 国产手机).
const PRODUCT_NOUNS: &[&str] = &[
    "芯片",
    "手机",
    "汽车",
    "电池",
    "大模型",
    "模型",
    "品牌",
    "厂商",
    "企业",
    "车企",
    "新能源车",
    "电动车",
    "光刻机",
    "操作系统",
    "软件",
    "服务器",
    "GPU",
    "CPU",
    "算力",
];

/// The words that open a class of domestic products (two characters each, see
/// [`domestic_name`]).
pub const DOMESTIC_PREFIXES: &[&str] = &["国产", "本土"];

/// A class of domestic products named as a subject at `i`: 国产 or 本土 + at most 8 characters
/// ending in a product noun (国产AI芯片已实现… → 国产AI芯片). Its end.
pub fn domestic_name(text: &str, i: usize) -> Option<usize> {
    if !DOMESTIC_PREFIXES.iter().any(|p| starts_at(text, i, p)) {
        return None;
    }
    let mut j = i + "国产".len();
    let mut best = None;
    static NOUNS: std::sync::OnceLock<WordIndex> = std::sync::OnceLock::new();
    let nouns = NOUNS.get_or_init(|| WordIndex::new(PRODUCT_NOUNS));
    for _ in 0..8 {
        if let Some((_, w)) = nouns.longest_at(text, j) {
            best = Some(j + w.len());
        }
        match char_at(text, j) {
            Some(c) if is_han(c) || c.is_ascii_alphanumeric() => j += c.len_utf8(),
            _ => break,
        }
    }
    best
}

/// What the paragraph is currently talking about.
///
/// Words are kept as the byte spans where they were read in the text (a word is set at
/// every lexicon hit and copied at every parenthesis, and most are never put on a claim):
/// [`Topic::word`] reads one back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Topic {
    /// Entity as written.
    pub subject: Option<Span>,
    /// Segment as written.
    pub segment: Option<Span>,
    /// Last amount metric word as written (收入, 出货量).
    pub metric: Option<Span>,
    /// Last share metric word as written (份额, 占比, 渗透率).
    pub share_metric: Option<Span>,
    /// Last metric word of either kind.
    pub last_metric: Option<Span>,
    /// Normalised period figures are about.
    pub period: Option<String>,
    /// Year for periods written without one (三季度, 上半年).
    pub year: Option<i32>,
    /// The segment was named in an earlier sentence: naming the same entity again drops it
    /// (比亚迪海外销量8.4万辆。比亚迪乘用车销量43.7万辆 — the second is not 海外).
    pub segment_carried: bool,
    /// The segment was named after 其中: it names a part of the sentence's whole
    /// (其中海外销量70.1万辆) and ends with the sentence.
    pub segment_part: bool,
}

impl Topic {
    /// Makes this topic a copy of `other`, reusing the period string already here.
    fn clone_from_topic(&mut self, other: &Topic) {
        let Topic {
            subject,
            segment,
            metric,
            share_metric,
            last_metric,
            period,
            year,
            segment_carried,
            segment_part,
        } = other;
        self.subject = *subject;
        self.segment = *segment;
        self.metric = *metric;
        self.share_metric = *share_metric;
        self.last_metric = *last_metric;
        self.period.clone_from(period);
        self.year = *year;
        self.segment_carried = *segment_carried;
        self.segment_part = *segment_part;
    }

    /// Records the metric word at `w` in its family (`share`: a proportion, see
    /// [`is_share_metric`]).
    pub fn set_metric(&mut self, w: Span, share: bool) {
        if share {
            self.share_metric = Some(w);
        } else {
            self.metric = Some(w);
        }
        self.last_metric = Some(w);
    }

    /// The word of `slot` (one of this topic's spans) as written in `text`.
    pub fn word(text: &str, slot: Option<Span>) -> Option<String> {
        slot.and_then(|s| text.get(s.start..s.end))
            .map(str::to_string)
    }
}

/// True for metric words that name a proportion (份额, 占比, 比重, 渗透率, 毛利率 …).
pub fn is_share_metric(w: &str) -> bool {
    w.ends_with('率') || w.ends_with("份额") || w.ends_with("占比") || w.ends_with("比重")
}

/// The running topic of a paragraph, with one saved copy per open parenthesis: words inside
/// `(…)` apply to figures inside it and are forgotten when it closes.
#[derive(Debug, Clone)]
pub struct TopicStack {
    stack: Vec<Topic>,
    /// Topics of closed parentheses, kept to be overwritten by the next one opened: their
    /// period strings are reused rather than allocated anew at every parenthesis.
    spare: Vec<Topic>,
}

impl Default for TopicStack {
    fn default() -> Self {
        TopicStack {
            stack: vec![Topic::default()],
            spare: Vec::new(),
        }
    }
}

/// Deepest parenthesis nesting tracked; deeper brackets are treated as text.
const MAX_DEPTH: usize = 8;

impl TopicStack {
    /// The topic in force.
    pub fn top(&self) -> &Topic {
        self.stack.last().unwrap_or(&self.stack[0])
    }

    /// The topic in force, to update.
    pub fn top_mut(&mut self) -> &mut Topic {
        let n = self.stack.len();
        &mut self.stack[n - 1]
    }

    /// An opening parenthesis.
    pub fn open(&mut self) {
        if self.stack.len() < MAX_DEPTH {
            let mut t = self.spare.pop().unwrap_or_default();
            t.clone_from_topic(self.top());
            self.stack.push(t);
        }
    }

    /// A closing parenthesis (unbalanced ones are ignored).
    pub fn close(&mut self) {
        if self.stack.len() > 1 {
            if let Some(t) = self.stack.pop() {
                self.spare.push(t);
            }
        }
    }

    /// True inside parentheses.
    pub fn nested(&self) -> bool {
        self.stack.len() > 1
    }

    /// End of a sentence: unclosed parentheses are forgotten, keeping the outer topic.
    pub fn end_sentence(&mut self) {
        while self.stack.len() > 1 {
            if let Some(t) = self.stack.pop() {
                self.spare.push(t);
            }
        }
        let top = self.top_mut();
        if top.segment_part {
            top.segment = None;
            top.segment_part = false;
        }
        top.segment_carried = top.segment.is_some();
    }

    /// A new paragraph: nothing carries over.
    pub fn reset(&mut self) {
        while self.stack.len() > 1 {
            if let Some(t) = self.stack.pop() {
                self.spare.push(t);
            }
        }
        if let Some(top) = self.stack.first_mut() {
            *top = Topic::default();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_longest_and_latin_boundaries() {
        let lx = Lexicon::new(&["示例集团".to_string()]);
        assert_eq!(
            lx.match_at("中国大陆收入", 0).map(|m| m.0),
            Some("中国大陆")
        );
        assert_eq!(lx.match_at("Metadata", 0), None);
        assert_eq!(lx.match_at("Meta(", 0).map(|m| m.1), Some(WordKind::Entity));
        assert_eq!(
            lx.match_at("示例集团", 0).map(|m| m.1),
            Some(WordKind::Entity)
        );
        let t = "现深圳东风环境有限公司副总裁";
        let at = t.find("有限公司").unwrap();
        assert_eq!(company_name_start(t, 0, at), Some("现".len()));
        let t = "最前沿的人工智能公司";
        assert_eq!(company_name_start(t, 0, t.find("公司").unwrap()), None);
        let t = "该上市公司";
        assert_eq!(company_name_start(t, 0, t.find("公司").unwrap()), None);
        let t = "国产AI芯片已实现30万枚出货";
        assert_eq!(domestic_name(t, 0), Some("国产AI芯片".len()));
        assert_eq!(domestic_name("国产化率", 0), None);
        let t = "某主流国产AI芯片出货量";
        assert_eq!(mou_name(&lx, t, 0), Some("某主流国产AI芯片".len()));
    }

    #[test]
    fn the_quick_test_rules_out_only_positions_without_a_word() {
        let lx = Lexicon::new(&["示例集团".to_string(), "X".to_string()]);
        let plain = Lexicon::new(&[]);
        let mut text: String = ENTITIES
            .iter()
            .chain(SEGMENTS)
            .chain(METRICS)
            .copied()
            .collect();
        text.push_str("中国的国内外X示例集团abc中");
        for (i, _) in text.char_indices() {
            for l in [&lx, &plain] {
                if !l.may_match_at(&text, i) {
                    assert_eq!(l.match_at(&text, i), None, "{i}");
                }
            }
        }
    }

    /// The lexicon's answer as a scan of its whole word list gives it: the longest word the
    /// text starts with (the first added of equally long ones), Latin words not glued to
    /// Latin letters or digits.
    fn match_by_scan<'a>(
        words: &'a [(String, WordKind)],
        text: &str,
        i: usize,
    ) -> Option<(&'a str, WordKind, usize)> {
        let rest = text.get(i..)?;
        let mut best: Option<&(String, WordKind)> = None;
        for e in words {
            let w = e.0.as_str();
            let latin = w.starts_with(|c: char| c.is_ascii_alphanumeric());
            if rest.starts_with(w)
                && !(latin && glued(text, i, w))
                && best.map_or(true, |b| w.len() > b.0.len())
            {
                best = Some(e);
            }
        }
        best.map(|(w, k)| (w.as_str(), *k, i + w.len()))
    }

    /// The words of `Lexicon::new(extra)` in the order it adds them, each once.
    fn lexicon_words(extra: &[String]) -> Vec<(String, WordKind)> {
        let mut out: Vec<(String, WordKind)> = Vec::new();
        let all = ENTITIES
            .iter()
            .map(|w| (w.to_string(), WordKind::Entity))
            .chain(extra.iter().map(|w| (w.clone(), WordKind::Entity)))
            .chain(SEGMENTS.iter().map(|w| (w.to_string(), WordKind::Segment)))
            .chain(METRICS.iter().map(|w| (w.to_string(), WordKind::Metric)));
        for (w, k) in all {
            let w = w.trim().to_string();
            if !w.is_empty() && !out.iter().any(|(x, _)| *x == w) {
                out.push((w, k));
            }
        }
        out
    }

    /// Pieces of news text around lexicon words: whole words, their first characters,
    /// Latin letters that glue, and plain characters.
    fn piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let words: Vec<String> = ENTITIES
            .iter()
            .chain(SEGMENTS)
            .chain(METRICS)
            .map(|w| w.to_string())
            .collect();
        let cut: Vec<String> = words
            .iter()
            .filter_map(|w| w.char_indices().nth(2).map(|(k, _)| w[..k].to_string()))
            .collect();
        let plain: Vec<String> = [
            "的", "在", "中", "国", "市", "场", "大", "收", "A", "I", "d", "7", "，", "。", "X",
            "示例", "集团", "é", "𠀀", " ",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        prop_oneof![
            prop::sample::select(words),
            prop::sample::select(cut),
            prop::sample::select(plain),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        /// The indexed lexicon answers as a scan of its word list, at every character.
        #[test]
        fn match_at_agrees_with_a_scan_of_the_words(
            pieces in proptest::collection::vec(piece(), 0..40),
            singles in proptest::prelude::any::<bool>(),
        ) {
            let mut extra = vec!["示例集团".to_string(), "Xd".to_string(), "中国市".to_string()];
            if singles {
                extra.extend(["X".to_string(), "中".to_string(), "𠀀".to_string()]);
            }
            let lx = Lexicon::new(&extra);
            let words = lexicon_words(&extra);
            let text: String = pieces.concat();
            for i in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let got = lx.match_at(&text, i);
                proptest::prop_assert_eq!(got, match_by_scan(&words, &text, i), "at {}", i);
                if !lx.may_match_at(&text, i) {
                    proptest::prop_assert_eq!(got, None);
                }
                // The scanner's path: the quick test's reading handed on finds the same.
                let q = lx.quick_at(&text, i);
                proptest::prop_assert_eq!(q.is_some(), lx.may_match_at(&text, i));
                if let Some(q) = q {
                    proptest::prop_assert_eq!(lx.match_after(&text, i, q), got, "at {}", i);
                    proptest::prop_assert_eq!(
                        lx.word_after(&text, i, q).map(|m| m.end),
                        got.map(|(_, _, end)| end)
                    );
                }
            }
        }
    }

    proptest::proptest! {
        /// The indexed end words of a 某… name are found exactly where trying each word in
        /// turn (the old reading, kept as the oracle) finds one, on 某… stretches of news text.
        #[test]
        fn name_end_index_agrees_with_trying_each_word(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "某", "头部", "车企", "人士", "人", "透露", "透", "称", "表示", "负责人",
                    "负责", "上半年", "上半", "今年", "今", "同比", "环比", "环", "公告", "公司",
                    "财报", "数据", "数", "报告", "报", "高管", "高", "宣布", "全年", "AI", "3",
                    "，", "𠀀", "é",
                ]),
                0..24,
            ),
        ) {
            let text: String = pieces.concat();
            for j in (0..=text.len()).filter(|&j| text.is_char_boundary(j)) {
                let oracle = NAME_END_WORDS.iter().any(|w| starts_at(&text, j, w));
                proptest::prop_assert_eq!(
                    name_end_words().longest_at(&text, j).is_some(),
                    oracle,
                    "at {} of {:?}",
                    j,
                    text
                );
            }
        }
    }

    #[test]
    fn name_periods_hold_a_period_character() {
        for w in NAME_PERIODS {
            assert!(w.contains(['年', '月', '季']), "{w}");
        }
    }

    #[test]
    fn parentheses_scope_topics() {
        let text = "中国大陆（中国香港）";
        let mut s = TopicStack::default();
        s.top_mut().segment = Some(Span::new(0, "中国大陆".len()));
        s.open();
        let hk = text.find("中国香港").unwrap_or_default();
        s.top_mut().segment = Some(Span::new(hk, hk + "中国香港".len()));
        assert_eq!(
            Topic::word(text, s.top().segment).as_deref(),
            Some("中国香港")
        );
        s.close();
        assert_eq!(
            Topic::word(text, s.top().segment).as_deref(),
            Some("中国大陆")
        );
    }
}
