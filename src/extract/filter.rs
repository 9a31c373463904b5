//! What looks numeric but is not a quantity: product and model codes (H20, GPT-4, RTX 5060,
//! 910B), URLs, and words that merely contain numeral characters (第一性原理, 之一, 统一).

use super::numeral::is_arabic_digit;
use super::text::{char_at, CharSet, WordIndex};
use std::sync::OnceLock;

/// Words holding numeral characters that are not numbers. Matched before any numeral reading.
const NON_NUMERAL_WORDS: &[&str] = &[
    "之一",
    "之二",
    "之三",
    "第一性",
    "统一",
    "单一",
    "唯一",
    "同一",
    "万一",
    "一度",
    "一些",
    "一起",
    "一直",
    "一方面",
    "一旦",
    "一定",
    "一般",
    "一切",
    "一样",
    "一致",
    "一体",
    "一同",
    "一流",
    "一线",
    "一举",
    "一再",
    "一向",
    "一时",
    "一边",
    "一下",
    "一带一路",
    "一味",
    "一连",
    "一律",
    "一概",
    "一手",
    "一路",
    "一心",
    "一贯",
    "一经",
    "一并",
    "一道",
    "一面",
    "一系列",
    "一批",
    "一站式",
    "进一步",
    "万物",
    "万众",
    "千万不",
    "千万别",
    "千万要",
    "三思",
    "一成不变",
    "百度",
    "百姓",
    "百货",
    "百科",
    "百强",
    "千篇一律",
    "一目了然",
    "不二",
    "独一无二",
    "二手",
    "五金",
    "三农",
    "两岸",
    "两会",
    "两者",
    "两用",
    "两极",
    "十足",
    "十分",
    "九州",
    "万亿级",
    "千亿级",
    "百亿级",
    "一季",
    "四面",
    "八方",
    "一侧",
    "一端",
    "一环",
    "一员",
    "一席",
    "一角",
    "一代",
    "双十一",
    "一把手",
    "第一",
    "第二",
    "第三",
    "第四",
    "第五",
    "两大",
    "三大",
    "四大",
    "五大",
    "一大",
    "上一",
    "下一",
    "每一",
    "任一",
    "其一",
    "一家一户",
];

/// [`NON_NUMERAL_WORDS`] indexed by their first two characters: 一 alone starts some sixty
/// of them, and the scanner asks at every 一.
fn index() -> &'static WordIndex {
    static INDEX: OnceLock<WordIndex> = OnceLock::new();
    INDEX.get_or_init(|| WordIndex::new(NON_NUMERAL_WORDS))
}

/// The first characters of [`NON_NUMERAL_WORDS`]: [`non_numeral_word`] finds nothing at any
/// other character.
pub fn non_numeral_firsts() -> impl Iterator<Item = char> {
    index().first_chars()
}

/// A non-numeral word at byte `i` (its end), longest first.
pub fn non_numeral_word(text: &str, i: usize) -> Option<usize> {
    let (_, w) = index().longest_at(text, i)?;
    // 一季度 is a period, not the word 一季; 十分钟 is ten minutes.
    let end = i + w.len();
    match w {
        "一季" if char_at(text, end) == Some('度') => None,
        "十分" if char_at(text, end) == Some('钟') => None,
        "第一" | "第二" | "第三" | "第四"
            if text.get(end..).is_some_and(|r| r.starts_with("季度")) =>
        {
            None
        }
        _ => Some(end),
    }
}

/// A URL starting at byte `i` (`http://`, `https://`, `www.`): its end.
pub fn url_at(text: &str, i: usize) -> Option<usize> {
    let rest = text.get(i..)?;
    // Compare bytes: slicing the text off a char boundary (or copying it) is not an option.
    let head = &rest.as_bytes()[..rest.len().min(8)];
    let starts = |p: &[u8]| head.len() >= p.len() && head[..p.len()].eq_ignore_ascii_case(p);
    if !(starts(b"http://") || starts(b"https://") || starts(b"www.")) {
        return None;
    }
    let len = rest
        .char_indices()
        .find(|(_, c)| !c.is_ascii_graphic() || matches!(c, '"' | '<' | '>' | '(' | ')'))
        .map_or(rest.len(), |(k, _)| k);
    Some(i + len)
}

/// A Latin word starting at byte `i` with the digits and `-`/`.`/`_` joined into it
/// (GPT-4, H100, iPhone, 5G when reached from its letter): (end, has_digit).
///
/// Read byte by byte: every character it takes is ASCII, and no byte of a longer UTF-8
/// character is, so the word stops where a decoding reader (the test oracle
/// `latin_word_by_chars`) would, without decoding each character.
pub fn latin_word(text: &str, i: usize) -> (usize, bool) {
    let b = text.as_bytes();
    let mut j = i;
    let mut digit = false;
    while let Some(&x) = b.get(j) {
        if x.is_ascii_alphanumeric() {
            digit |= x.is_ascii_digit();
            j += 1;
        } else if matches!(x, b'-' | b'.' | b'_' | b'+')
            && b.get(j + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            j += 1;
        } else {
            break;
        }
    }
    (j, digit)
}

/// [`latin_word`] as it was written, decoding each character: the oracle of its tests.
#[cfg(test)]
fn latin_word_by_chars(text: &str, i: usize) -> (usize, bool) {
    let mut j = i;
    let mut digit = false;
    while let Some(c) = char_at(text, j) {
        if c.is_ascii_alphanumeric() {
            digit |= c.is_ascii_digit();
            j += 1;
        } else if matches!(c, '-' | '.' | '_' | '+')
            && char_at(text, j + 1).is_some_and(|d| d.is_ascii_alphanumeric())
        {
            j += 1;
        } else {
            break;
        }
    }
    (j, digit)
}

/// A model number written after a brand word and a space (RTX 5060, iPhone 16): its end.
///
/// `word_end` is where the Latin word stops; the digits count as a code unless a magnitude,
/// unit or percent follows them (the caller checks that and passes `quantity_follows`).
pub fn spaced_code(text: &str, word_end: usize) -> Option<usize> {
    if char_at(text, word_end) != Some(' ') {
        return None;
    }
    let start = word_end + 1;
    if !char_at(text, start).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(latin_word(text, start).0)
}

/// An alphanumeric run glued after digits (910B, 5G, 3nm): its end, if letters follow.
pub fn glued_letters(text: &str, i: usize) -> Option<usize> {
    let c = char_at(text, i)?;
    if !c.is_ascii_alphabetic() {
        return None;
    }
    Some(latin_word(text, i).0)
}

/// A long digit run (phone or ID number, ≥ 11 digits): true when the run at `i` is one.
pub fn is_long_digit_run(text: &str, i: usize) -> bool {
    let mut n = 0;
    let mut j = i;
    while let Some(c) = char_at(text, j) {
        if !is_arabic_digit(c) {
            break;
        }
        n += 1;
        if n >= 11 {
            return true;
        }
        j += c.len_utf8();
    }
    false
}

/// Labels after which digits are a phone number, postcode or other code (电话：0757-…,
/// 邮编528000, 服务热线12121, 股票代码600519).
const CODE_LABELS: &[&str] = &[
    "电话",
    "热线",
    "邮编",
    "邮政编码",
    "传真",
    "手机号",
    "手机号码",
    "代码",
    "编号",
    "账号",
    "工号",
    "QQ",
    "qq",
    "微信号",
    "拨打",
    "ICP备",
    "公网安备",
    "浏览次数",
];

/// True when digits at `i` follow a code label, directly or after a colon or space.
pub fn after_code_label(text: &str, i: usize) -> bool {
    let before = text.get(..i).unwrap_or_default();
    let before = before.trim_end_matches([' ', '：', ':', '\u{3000}']);
    // Most numbers follow no label: the list is read only when the character before ends one.
    static LASTS: OnceLock<CharSet> = OnceLock::new();
    let lasts = LASTS.get_or_init(|| {
        CODE_LABELS
            .iter()
            .filter_map(|l| l.chars().next_back())
            .collect()
    });
    before
        .chars()
        .next_back()
        .is_some_and(|c| lasts.contains(c))
        && CODE_LABELS.iter().any(|l| before.ends_with(l))
}

/// Names of chip, OS and product lines whose numbers are model numbers (麒麟9010, 骁龙8,
/// 鸿蒙5): digits right after them are a code unless a unit or period follows.
const PRODUCT_LINES: &[&str] = &[
    "麒麟",
    "骁龙",
    "天玑",
    "昇腾",
    "鲲鹏",
    "龙芯",
    "鸿蒙",
    "澎湃",
    "玄戒",
    "猎户座",
];

/// True when digits at `i` follow a product-line name.
pub fn after_product_line(text: &str, i: usize) -> bool {
    let before = text.get(..i).unwrap_or_default();
    PRODUCT_LINES.iter().any(|l| before.ends_with(l))
}

/// Words right after a bare number that make it part of a product name (小米17系列,
/// 9020芯片): a model number, not a quantity.
const PRODUCT_NOUNS_AFTER: &[&str] = &["系列", "芯片", "处理器", "显卡", "机型", "型号"];

/// True when a product noun follows at `i`.
pub fn product_noun_at(text: &str, i: usize) -> bool {
    PRODUCT_NOUNS_AFTER
        .iter()
        .any(|w| text.get(i..).is_some_and(|t| t.starts_with(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_labels_product_lines_and_nouns() {
        let t = "联系电话：0757-82836083";
        assert!(after_code_label(t, t.find('0').unwrap()));
        let t = "邮编528000";
        assert!(after_code_label(t, t.find('5').unwrap()));
        let t = "销量528000辆";
        assert!(!after_code_label(t, t.find('5').unwrap()));
        let t = "麒麟9010";
        assert!(after_product_line(t, t.find('9').unwrap()));
        assert!(product_noun_at("17系列", 2));
        assert!(!product_noun_at("17辆", 2));
    }

    proptest::proptest! {
        /// The byte-wise Latin word reader stops where the decoding one does, at every
        /// byte (char boundary or not) of mixed Chinese and Latin news text.
        #[test]
        fn latin_word_agrees_with_decoding_each_character(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "GPT", "-", "4", ".", "5", "_", "+", "H100", "iPhone", " ", "的", "、",
                    "，", "5G", "é", "𠀀", "Q3", "FY2025", "x", "-的", "+亿", "。", "RTX",
                ]),
                0..16,
            ),
        ) {
            let text: String = pieces.concat();
            for i in 0..=text.len() + 1 {
                proptest::prop_assert_eq!(
                    latin_word(&text, i),
                    latin_word_by_chars(&text, i),
                    "at {} of {:?}",
                    i,
                    text
                );
            }
        }
    }

    #[test]
    fn codes_and_words() {
        assert_eq!(latin_word("GPT-4的", 0), (5, true));
        assert_eq!(latin_word("H100、", 0), (4, true));
        assert_eq!(latin_word("Cursor辅助", 0), (6, false));
        assert_eq!(spaced_code("RTX 5060显卡", 3), Some(8));
        assert!(non_numeral_word("第一性原理", 0).is_some());
        assert!(non_numeral_word("一季度", 0).is_none());
        assert!(non_numeral_word("之一。", 0).is_some());
        assert_eq!(url_at("https://a.cn/1 后", 0), Some(14));
        assert_eq!(url_at("HTTP://A.CN", 0), Some(11));
        assert_eq!(url_at("中文http", 0), None);
        assert_eq!(url_at("ww", 0), None);
        assert!(is_long_digit_run("13812345678", 0));
        assert!(!is_long_digit_run("1234567890", 0));
    }
}
