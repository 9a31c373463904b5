//! Hedge words around a number: 约/约为/近/超过/远超/逾/均 before it, 多/余/左右/以上 after it.

use super::numeral::{char_at_inline, ends_with_word, word_at};
use super::text::{char_at, prev_char};
use crate::claim::{Hedge, HedgeKind};
use std::sync::OnceLock;

/// Hedges written right before the number (longest first where one contains another).
const PREFIX: &[(&str, HedgeKind)] = &[
    ("约为", HedgeKind::About),
    ("大约", HedgeKind::About),
    ("大概", HedgeKind::About),
    ("将近", HedgeKind::Below),
    ("接近", HedgeKind::Below),
    ("超过", HedgeKind::Above),
    ("远超", HedgeKind::WellAbove),
    ("远超过", HedgeKind::WellAbove),
    ("不到", HedgeKind::Below),
    ("不足", HedgeKind::Below),
    ("至少", HedgeKind::AtLeast),
    ("最多", HedgeKind::AtMost),
    ("高于", HedgeKind::Above),
    ("低于", HedgeKind::Below),
    ("约", HedgeKind::About),
    ("近", HedgeKind::Below),
    ("超", HedgeKind::Above),
    ("逾", HedgeKind::Above),
    ("突破", HedgeKind::Above),
];

/// The bytes of a three-byte UTF-8 character, little-endian in the low 24 bits: how the
/// look-back below compares characters without decoding them.
const fn key3(c: char) -> u32 {
    let n = c as u32;
    (0xe0 | n >> 12) | (0x80 | (n >> 6) & 0x3f) << 8 | (0x80 | n & 0x3f) << 16
}

/// The [`key3`] of the character ending right before byte `p` of `b` (a char boundary of
/// valid UTF-8) when that character is three bytes long and starts at or after `lo`.
/// Every [`PREFIX`] word, the link words and 均 end with such a character, and so does
/// every CJK ideograph [`super::text::is_han`] takes.
#[inline]
fn wide_before(b: &[u8], lo: usize, p: usize) -> Option<u32> {
    let s = p.checked_sub(3).filter(|&s| s >= lo)?;
    match *b.get(s..p)? {
        // A lead byte three before a boundary starts the character ending there.
        [b0, b1, b2] if b0 & 0xf0 == 0xe0 => {
            Some(u32::from(b0) | u32::from(b1) << 8 | u32::from(b2) << 16)
        }
        _ => None,
    }
}

/// [`super::text::is_han`] of the character whose [`key3`] is `k`.
#[inline]
fn is_han_key(k: u32) -> bool {
    let c = (k & 0x0f) << 12 | (k >> 2) & 0xfc0 | (k >> 16) & 0x3f;
    matches!(c, 0x4e00..=0x9fff | 0x3400..=0x4dbf)
}

/// The [`PREFIX`] words by the [`key3`] of their last character, longest first (a stable
/// sort keeps list order among equally long ones, as the scan of the list did), behind a
/// 64-bit filter: before most numbers the last character ends no hedge and one bit test
/// says so; before the others one or two words are compared.
struct PrefixIndex {
    /// Bit [`PrefixIndex::bit`] of every key.
    filter: u64,
    /// Each key with its words.
    lists: Vec<(u32, Vec<(&'static str, HedgeKind)>)>,
}

impl PrefixIndex {
    /// The filter bit of key `k`: the low six bits of the character's code point.
    #[inline]
    fn bit(k: u32) -> u64 {
        1 << ((k >> 16) & 0x3f)
    }

    /// The words ending with the character of key `k`, longest first.
    #[inline]
    fn words(&self, k: u32) -> Option<&[(&'static str, HedgeKind)]> {
        if self.filter & Self::bit(k) == 0 {
            return None;
        }
        self.lists
            .iter()
            .find(|(x, _)| *x == k)
            .map(|(_, v)| v.as_slice())
    }
}

fn prefix_index() -> &'static PrefixIndex {
    static INDEX: OnceLock<PrefixIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut ix = PrefixIndex {
            filter: 0,
            lists: Vec::new(),
        };
        for &(w, kind) in PREFIX {
            let Some(k) = w.chars().next_back().map(key3) else {
                continue;
            };
            ix.filter |= PrefixIndex::bit(k);
            match ix.lists.iter_mut().find(|(x, _)| *x == k) {
                Some((_, v)) => v.push((w, kind)),
                None => ix.lists.push((k, vec![(w, kind)])),
            }
        }
        for (_, words) in &mut ix.lists {
            words.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        ix
    })
}

/// Key of 均 (see [`key3`]).
const JUN: u32 = key3('均');

/// A hedge found before a number: the hedge and the byte where it starts.
///
/// Read from the bytes backwards (every number asks, and most have no hedge): the
/// characters compared are all three bytes long, so none is decoded. The reader that
/// decoded them is the oracle of the tests.
pub fn prefix_hedge(text: &str, floor: usize, pos: usize) -> Option<(Hedge, usize)> {
    let b = text.as_bytes();
    // One space or no-break space may sit between hedge and number (约 100).
    let pos = match pos.checked_sub(1).and_then(|p| b.get(p..pos)) {
        Some(b" ") if pos > floor => pos - 1,
        _ => match pos.checked_sub(2).and_then(|p| b.get(p..pos)) {
            Some(&[0xc2, 0xa0]) if pos - 2 >= floor => pos - 2,
            _ => pos,
        },
    };
    // 至少有12家, 超过了30万人, 约占30%: a linking word may sit between hedge and number.
    const LINKS: [u32; 5] = [key3('有'), key3('达'), key3('在'), key3('了'), key3('占')];
    let lo = floor.min(pos);
    if text.get(lo..pos).is_some() && wide_before(b, lo, pos).is_some_and(|k| LINKS.contains(&k)) {
        if let Some(found) = prefix_hedge_at(text, floor, pos - 3) {
            return Some(found);
        }
    }
    prefix_hedge_at(text, floor, pos)
}

/// A hedge ending exactly at byte `pos`.
///
/// Every [`PREFIX`] word has at most three characters and 均 is looked for among the last
/// four, so the whole clause before `pos` is read from its end rather than cut first.
fn prefix_hedge_at(text: &str, floor: usize, pos: usize) -> Option<(Hedge, usize)> {
    let lo = floor.min(pos);
    let before = text.get(lo..pos)?;
    let b = text.as_bytes();
    let last = wide_before(b, lo, pos);
    // The longest word the clause ends with.
    let best = last
        .and_then(|k| prefix_index().words(k))
        .and_then(|words| words.iter().find(|(w, _)| ends_with_word(before, w)));
    if let Some(&(w, kind)) = best {
        let start = pos - w.len();
        let prev = prev_char(text, start);
        // 最近, 附近, 节约, 制约, 签约, 赶超 are words, not hedges.
        let blocked = match w {
            "近" => matches!(prev, Some('最' | '附' | '邻' | '靠' | '亲' | '贴')),
            "约" => matches!(
                prev,
                Some(
                    '节' | '制'
                        | '签'
                        | '合'
                        | '条'
                        | '契'
                        | '违'
                        | '履'
                        | '公'
                        | '特'
                        | '邀'
                        | '预'
                )
            ),
            "超" => matches!(prev, Some('赶' | '高')),
            _ => false,
        };
        if !blocked && start >= floor {
            return Some((
                Hedge {
                    text: w.to_string(),
                    kind,
                },
                start,
            ));
        }
    }
    // 均: 均采购23万枚, 均为30%; but not 人均, 平均, 年均 (averages). Among the last four
    // characters, through Chinese ones only (all three bytes long: a character of another
    // length ends the search).
    // The loop below finds 均 only through three-byte characters, so only where its bytes
    // sit 3, 6, 9 or 12 bytes back: most numbers have it at none, and are done here.
    let jun_near = (1..=4).any(|n| {
        pos.checked_sub(3 * n)
            .is_some_and(|q| q >= lo && word_at(b, q, "均"))
    });
    if !jun_near {
        return None;
    }
    let mut p = pos;
    let mut k = last;
    for n in 0..4 {
        let c = k?;
        p -= 3;
        if c == JUN {
            let prev = prev_char(text, p);
            if p >= floor
                && !matches!(
                    prev,
                    Some('人' | '平' | '年' | '日' | '月' | '户' | '季' | '亩' | '周' | '场')
                )
            {
                return Some((
                    Hedge {
                        text: "均".to_string(),
                        kind: HedgeKind::Each,
                    },
                    p,
                ));
            }
            return None;
        }
        if n >= 3 || !is_han_key(c) {
            return None;
        }
        k = wide_before(b, lo, p);
    }
    None
}

/// 多/余 between the number (or its magnitude) and the unit: 3万多人, 100余家.
pub fn inner_hedge(text: &str, i: usize) -> Option<(Hedge, usize)> {
    inner_hedge_word(text, i).map(|(w, end)| {
        (
            Hedge {
                text: w.to_string(),
                kind: HedgeKind::Above,
            },
            end,
        )
    })
}

/// [`inner_hedge`] without building the hedge: its word (多 or 余, of kind `Above`) and end.
/// Read from the bytes: every number is followed by this test.
pub fn inner_hedge_word(text: &str, i: usize) -> Option<(&'static str, usize)> {
    let b = text.as_bytes();
    let w = ["多", "余"].into_iter().find(|w| word_at(b, i, w))?;
    let next = char_at(text, i + w.len());
    // 多元, 多样, 多种, 余额, 余下 start other words.
    if matches!(
        next,
        Some('元' | '样' | '方' | '数' | '次' | '额' | '下' | '量' | '地' | '国')
    ) {
        return None;
    }
    Some((w, i + w.len()))
}

/// Hedges after the unit: 左右, 上下, 以上, 以下, 以内, and a trailing 多/余 (3年多).
pub fn suffix_hedge(text: &str, i: usize) -> Option<(Hedge, usize)> {
    let b = text.as_bytes();
    // One character test rules out the words below after most figures.
    if char_at_inline(text, i).is_some_and(opens_suffix) {
        for &(w, kind) in SUFFIX {
            if word_at(b, i, w) {
                // 上下游, 上下班 are words.
                if w == "上下"
                    && matches!(
                        char_at(text, i + w.len()),
                        Some('游' | '班' | '文' | '级' | '车' | '楼')
                    )
                {
                    return None;
                }
                return Some((
                    Hedge {
                        text: w.to_string(),
                        kind,
                    },
                    i + w.len(),
                ));
            }
        }
    }
    // 3年多, 1个月余: 多/余 after the unit.
    inner_hedge(text, i)
}

/// Hedge words written after the unit.
const SUFFIX: &[(&str, HedgeKind)] = &[
    ("左右", HedgeKind::About),
    ("上下", HedgeKind::About),
    ("以上", HedgeKind::Above),
    ("以下", HedgeKind::AtMost),
    ("以内", HedgeKind::AtMost),
    ("之内", HedgeKind::AtMost),
];

/// True for the first character of a [`SUFFIX`] word (the tests check the list).
fn opens_suffix(c: char) -> bool {
    matches!(c, '左' | '上' | '以' | '之')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pre(s: &str) -> Option<String> {
        prefix_hedge(s, 0, s.len()).map(|(h, _)| h.text)
    }

    #[test]
    fn prefix_hedges() {
        assert_eq!(pre("预计约").as_deref(), Some("约"));
        assert_eq!(pre("出货量约为").as_deref(), Some("约为"));
        assert_eq!(pre("份额远超").as_deref(), Some("远超"));
        assert_eq!(pre("均采购").as_deref(), Some("均"));
        assert_eq!(pre("人均"), None);
        assert_eq!(pre("最近"), None);
        assert_eq!(pre("节约"), None);
        assert_eq!(pre("收入"), None);
        assert_eq!(pre("至少有").as_deref(), Some("至少"));
        assert_eq!(pre("约占").as_deref(), Some("约"));
    }

    #[test]
    fn suffix_hedges() {
        assert_eq!(inner_hedge("多人", 0).map(|h| h.0.text), Some("多".into()));
        assert_eq!(inner_hedge("多元化", 0), None);
        assert_eq!(
            suffix_hedge("左右", 0).map(|h| h.0.kind),
            Some(HedgeKind::About)
        );
        assert_eq!(suffix_hedge("上下游", 0), None);
        assert_eq!(suffix_hedge("多来", 0).map(|h| h.0.text), Some("多".into()));
        assert_eq!(
            suffix_hedge("以内", 0).map(|h| h.0.kind),
            Some(HedgeKind::AtMost)
        );
    }

    /// The reader as it was (reading a cut tail of the clause): the oracle of the tests.
    mod oracle {
        use super::super::PREFIX;
        use crate::claim::{Hedge, HedgeKind};
        use crate::extract::text::{before_space, is_han, prev_char, tail, CharSet};
        use std::sync::OnceLock;

        fn prefix_lasts() -> &'static CharSet {
            static SET: OnceLock<CharSet> = OnceLock::new();
            SET.get_or_init(|| {
                PREFIX
                    .iter()
                    .filter_map(|(w, _)| w.chars().next_back())
                    .collect()
            })
        }

        /// A hedge found before a number: the hedge and the byte where it starts.
        pub(super) fn prefix_hedge(text: &str, floor: usize, pos: usize) -> Option<(Hedge, usize)> {
            let pos = before_space(text, floor, pos);
            // 至少有12家, 超过了30万人, 约占30%: a linking word may sit between hedge and number.
            let before = tail(text, floor, pos, 1);
            for link in ["有", "达", "在", "了", "占"] {
                if before == link {
                    if let Some(found) = prefix_hedge_at(text, floor, pos - link.len()) {
                        return Some(found);
                    }
                }
            }
            prefix_hedge_at(text, floor, pos)
        }

        /// A hedge ending exactly at byte `pos`.
        fn prefix_hedge_at(text: &str, floor: usize, pos: usize) -> Option<(Hedge, usize)> {
            let before = tail(text, floor, pos, 4);
            let mut best: Option<(&str, HedgeKind)> = None;
            // Most numbers follow no hedge: the list is read only when the last character before
            // the number ends one of its words.
            let last = before.chars().next_back();
            if last.is_some_and(|c| prefix_lasts().contains(c)) {
                for &(w, kind) in PREFIX {
                    if before.ends_with(w) && best.map_or(true, |(b, _)| w.len() > b.len()) {
                        best = Some((w, kind));
                    }
                }
            }
            if let Some((w, kind)) = best {
                let start = pos - w.len();
                let prev = prev_char(text, start);
                // 最近, 附近, 节约, 制约, 签约, 赶超 are words, not hedges.
                let blocked = match w {
                    "近" => matches!(prev, Some('最' | '附' | '邻' | '靠' | '亲' | '贴')),
                    "约" => matches!(
                        prev,
                        Some(
                            '节' | '制'
                                | '签'
                                | '合'
                                | '条'
                                | '契'
                                | '违'
                                | '履'
                                | '公'
                                | '特'
                                | '邀'
                                | '预'
                        )
                    ),
                    "超" => matches!(prev, Some('赶' | '高')),
                    _ => false,
                };
                if !blocked && start >= floor {
                    return Some((
                        Hedge {
                            text: w.to_string(),
                            kind,
                        },
                        start,
                    ));
                }
            }
            // 均: 均采购23万枚, 均为30%; but not 人均, 平均, 年均 (averages).
            let mut offset = 0usize;
            for (n, c) in before.chars().rev().enumerate() {
                offset += c.len_utf8();
                if c == '均' {
                    let start = pos - offset;
                    let prev = prev_char(text, start);
                    if start >= floor
                        && !matches!(
                            prev,
                            Some(
                                '人' | '平' | '年' | '日' | '月' | '户' | '季' | '亩' | '周' | '场'
                            )
                        )
                    {
                        return Some((
                            Hedge {
                                text: "均".to_string(),
                                kind: HedgeKind::Each,
                            },
                            start,
                        ));
                    }
                    return None;
                }
                if n >= 3 || !is_han(c) {
                    return None;
                }
            }
            None
        }
    }

    fn same_hedges(t: &str) {
        for pos in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
            for floor in [0, pos.saturating_sub(3), pos.saturating_sub(7), pos] {
                assert_eq!(
                    prefix_hedge(t, floor, pos),
                    oracle::prefix_hedge(t, floor, pos),
                    "{t:?} {floor}..{pos}"
                );
            }
        }
    }

    #[test]
    fn prefix_hedges_read_like_the_oracle_on_fixture_articles() {
        for t in crate::extract::numeral::news_gen::fixture_articles() {
            same_hedges(&t);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

        #[test]
        fn prefix_hedges_read_like_the_oracle(t in crate::extract::numeral::news_gen::text()) {
            same_hedges(&t);
        }
    }

    /// The byte-wise look-back compares characters by [`key3`]: every hedge word ends with
    /// a three-byte character, and a key names its character's ideograph class exactly.
    #[test]
    fn prefix_words_end_with_three_byte_characters() {
        for (w, _) in PREFIX {
            assert!(
                w.chars().next_back().is_some_and(|c| c.len_utf8() == 3),
                "{w}"
            );
        }
        for c in (0x800..=0xffff).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let s: &str = c.encode_utf8(&mut buf);
            assert_eq!(wide_before(s.as_bytes(), 0, 3), Some(key3(c)), "{c:?}");
            assert_eq!(
                is_han_key(key3(c)),
                crate::extract::text::is_han(c),
                "{c:?}"
            );
        }
        assert_eq!(wide_before("a均".as_bytes(), 2, 4), None);
        assert_eq!(wide_before("é".as_bytes(), 0, 2), None);
    }

    #[test]
    fn every_suffix_word_opens_with_a_listed_character() {
        for (w, _) in SUFFIX {
            assert!(w.chars().next().is_some_and(opens_suffix), "{w}");
        }
    }
}
