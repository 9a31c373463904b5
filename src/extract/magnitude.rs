//! Magnitude words written after a mantissa: 万, 亿, 万亿, 千万, 百万, 千亿 … (48.5万, 171亿).

use super::numeral::word_at;

/// Magnitude words and their factors; the longest match wins (万亿 before 万).
const MAGNITUDES: &[(&str, f64)] = &[
    ("万亿", 1e12),
    ("千亿", 1e11),
    ("百亿", 1e10),
    ("十亿", 1e9),
    ("亿", 1e8),
    ("千万", 1e7),
    ("百万", 1e6),
    ("十万", 1e5),
    ("万", 1e4),
    ("千", 1e3),
];

/// Units that start with a magnitude character and must not be read as one (5千瓦, 3千克).
const UNITS_STARTING_WITH_MAGNITUDE: &[&str] = &["千瓦", "千克", "千米", "千伏", "千卡", "千帕"];

/// A magnitude word at byte `i`: (word, factor, end).
///
/// Read from the bytes with the longest word first (every number is followed by this
/// look-up); the same words as [`MAGNITUDES`], which the tests check against a scan of it.
pub fn match_magnitude(text: &str, i: usize) -> Option<(&'static str, f64, usize)> {
    let b = text.as_bytes();
    // The second character, when it makes a two-character word with the first.
    let second = |w: &str| word_at(b, i + 3, w);
    let (word, factor) = if word_at(b, i, "万") {
        if second("亿") {
            ("万亿", 1e12)
        } else {
            ("万", 1e4)
        }
    } else if word_at(b, i, "亿") {
        ("亿", 1e8)
    } else if word_at(b, i, "千") {
        if second("亿") {
            ("千亿", 1e11)
        } else if second("万") {
            ("千万", 1e7)
        } else if UNITS_STARTING_WITH_MAGNITUDE
            .iter()
            .any(|u| word_at(b, i, u))
        {
            // 千瓦 is a unit; 万千瓦 is 万 + 千瓦.
            return None;
        } else {
            ("千", 1e3)
        }
    } else if word_at(b, i, "百") || word_at(b, i, "十") {
        // 百 and 十 alone are no magnitude words (一百, 十家).
        let ten = word_at(b, i, "十");
        if second("亿") {
            if ten {
                ("十亿", 1e9)
            } else {
                ("百亿", 1e10)
            }
        } else if second("万") {
            if ten {
                ("十万", 1e5)
            } else {
                ("百万", 1e6)
            }
        } else {
            return None;
        }
    } else {
        return None;
    };
    Some((word, factor, i + word.len()))
}

/// The factor of a magnitude word as written on a bound (`万` → 1e4).
pub fn factor_of(word: &str) -> Option<f64> {
    MAGNITUDES.iter().find(|(w, _)| *w == word).map(|(_, f)| *f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magnitude_words_start_with_the_listed_characters() {
        for (w, _) in MAGNITUDES {
            assert!(w.starts_with(['万', '亿', '千', '百', '十']), "{w}");
        }
    }

    #[test]
    fn longest_magnitude_wins() {
        assert_eq!(match_magnitude("万亿美元", 0).map(|m| m.0), Some("万亿"));
        assert_eq!(match_magnitude("万枚", 0).map(|m| m.0), Some("万"));
        assert_eq!(match_magnitude("千瓦", 0), None);
        assert_eq!(match_magnitude("万千瓦", 0).map(|m| m.0), Some("万"));
        assert_eq!(factor_of("千万"), Some(1e7));
    }

    /// The scan of [`MAGNITUDES`] this reader replaced: the oracle of the tests.
    fn scan(text: &str, i: usize) -> Option<(&'static str, f64, usize)> {
        let rest = text.get(i..)?;
        let &(word, factor) = MAGNITUDES
            .iter()
            .filter(|(w, _)| rest.starts_with(w))
            .max_by_key(|(w, _)| w.len())?;
        if UNITS_STARTING_WITH_MAGNITUDE
            .iter()
            .any(|u| rest.starts_with(u))
        {
            return None;
        }
        Some((word, factor, i + word.len()))
    }

    #[test]
    fn every_word_and_pair_reads_like_the_scan() {
        let chars = ["万", "亿", "千", "百", "十", "瓦", "克", "元", "一", "a"];
        for a in chars {
            for b in chars {
                for t in [format!("{a}{b}"), format!("x{a}{b}"), a.to_string()] {
                    for i in 0..=t.len() {
                        assert_eq!(match_magnitude(&t, i), scan(&t, i), "{t} at {i}");
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        #[test]
        fn magnitudes_read_like_the_scan(t in crate::extract::numeral::news_gen::text()) {
            for i in 0..=t.len() {
                proptest::prop_assert_eq!(match_magnitude(&t, i), scan(&t, i));
            }
        }
    }
}
