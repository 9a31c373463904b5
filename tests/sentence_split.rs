//! `Document::sentences` against the byte walk it replaced (kept here as the oracle): the same
//! spans on generated Chinese-news-like text full of terminators, closing quotes, the other
//! punctuation that shares their lead bytes (、，：（）「」), line breaks and odd characters.

use numcheck::document::{Document, Span};
use proptest::prelude::*;

/// The previous `Document::sentences`: a walk over every character of the text.
fn sentences_by_walk(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (end, next) = match b {
            0xe0..=0xef if b != 0xe3 && b != 0xef => {
                i += 3;
                continue;
            }
            b'\n' => (Some(i), i + 1),
            b'!' | b'?' | b';' => (Some(closing_quotes(text, i + 1)), i + 1),
            0xe3 | 0xef => {
                let term = matches!(text.get(i..i + 3), Some("。" | "！" | "？" | "；"));
                let next = i + 3;
                (term.then(|| closing_quotes(text, next)), next)
            }
            _ => (None, i + utf8_len(b)),
        };
        match end {
            Some(e) => {
                if e > start {
                    out.push(Span::new(start, e));
                }
                start = if b == b'\n' { i + 1 } else { e };
                i = next.max(start);
            }
            None => i = next,
        }
    }
    if start < text.len() {
        out.push(Span::new(start, text.len()));
    }
    out
}

fn closing_quotes(text: &str, mut i: usize) -> usize {
    while let Some(q) = text.get(i..).and_then(|r| r.chars().next()) {
        if !matches!(q, '”' | '’' | '"' | '」' | '』' | '）' | ')') {
            break;
        }
        i += q.len_utf8();
    }
    i
}

fn utf8_len(b: u8) -> usize {
    match b {
        0xf0..=0xff => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    }
}

/// Pieces of Chinese news text, weighted towards the characters the split looks at.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "英伟达",
        "出货量",
        "同比增长",
        "4300万部",
        "12.5%",
        "。",
        "！",
        "？",
        "；",
        "!",
        "?",
        ";",
        "\n",
        "\r\n",
        "”",
        "’",
        "\"",
        "」",
        "』",
        "）",
        ")",
        "“",
        "「",
        "（",
        "(",
        "、",
        "，",
        "：",
        "《",
        "》",
        "〇",
        "\u{3000}",
        "—",
        "…",
        "é",
        "𠀀",
        "\u{ffff}",
        "AI",
        " ",
        "㐀",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn sentences_match_the_character_walk(pieces in prop::collection::vec(piece(), 0..60)) {
        let text: String = pieces.concat();
        let doc = Document::new("p.txt", text.as_str());
        prop_assert_eq!(doc.sentences(), sentences_by_walk(&doc.text));
    }
}

#[test]
fn sentences_match_the_character_walk_on_the_fixtures() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for dir in ["tests/fixtures", "seeds"] {
        let mut stack = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if let Ok(text) = std::fs::read_to_string(&p) {
                    let doc = Document::new("f.txt", text.as_str());
                    assert_eq!(
                        doc.sentences(),
                        sentences_by_walk(&doc.text),
                        "{}",
                        p.display()
                    );
                    n += 1;
                }
            }
        }
    }
    assert!(n > 10, "fixture articles not found");
}
