//! Fuzz target: the numeral parsers (`parse_arabic`, `parse_chinese`, `match_magnitude`)
//! at every character boundary of arbitrary text, checking the invariants callers rely on.
#![no_main]

use libfuzzer_sys::fuzz_target;
use numcheck::extract::magnitude::match_magnitude;
use numcheck::extract::numeral::{parse_arabic, parse_chinese};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;
    for (i, _) in text.char_indices() {
        if let Some(n) = parse_arabic(text, i) {
            // The end must be a char boundary past the start, inside the text.
            assert!(n.end > i && n.end <= text.len() && text.is_char_boundary(n.end));
            assert!(n.value.is_finite() && n.value >= 0.0);
            assert!(n.step.is_finite() && n.step > 0.0);
        }
        if let Some(n) = parse_chinese(text, i) {
            assert!(n.end > i && n.end <= text.len() && text.is_char_boundary(n.end));
            assert!(n.value.is_finite() && n.value >= 0.0);
            assert!(n.step.is_finite() && n.step > 0.0);
            assert!(n.chars > 0);
        }
        if let Some((word, factor, end)) = match_magnitude(text, i) {
            assert!(end > i && end <= text.len() && text.is_char_boundary(end));
            assert_eq!(&text[i..end], word);
            assert!(factor.is_finite() && factor > 1.0);
        }
    }
});
