//! Magnitude words written after a mantissa: 万, 亿, 万亿, 千万, 百万, 千亿 … (48.5万, 171亿).

use super::text::starts_at;

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
pub fn match_magnitude(text: &str, i: usize) -> Option<(&'static str, f64, usize)> {
    let rest = text.get(i..)?;
    // Every magnitude word starts with one of these: most positions asked hold none.
    if !rest.starts_with(['万', '亿', '千', '百', '十']) {
        return None;
    }
    let &(word, factor) = MAGNITUDES
        .iter()
        .filter(|(w, _)| rest.starts_with(w))
        .max_by_key(|(w, _)| w.len())?;
    let end = i + word.len();
    // 千瓦 is a unit; 万千瓦 is 万 + 千瓦.
    if UNITS_STARTING_WITH_MAGNITUDE
        .iter()
        .any(|u| starts_at(text, i, u))
    {
        return None;
    }
    Some((word, factor, end))
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
}
