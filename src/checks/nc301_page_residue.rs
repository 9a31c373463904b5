//! NC301 page-residue: lines left over from the web page the article was copied from.

use crate::checks::arith_cues::{trim_ws, FirstChars};
use crate::checks::{Check, Context, Outcome};
use crate::document::{count_chars, Document, Span};
use crate::finding::{cat, Finding, RuleInfo};
use std::borrow::Cow;

crate::declare_rule!(
    PageResidue,
    "NC301",
    "page-residue",
    Info,
    "web-page residue in the text (请输入验证码, 点击查看 …)",
    "Flags lines that are web-page furniture rather than article text.

What it checks: each line of the document. A line is residue when it holds at least one
page-furniture phrase (请输入验证码, 点击查看, 阅读原文, 责任编辑, 扫码关注, 分享到, 返回搜狐,
打开APP, 展开全文 …) and little else: once those phrases, the filler words that accompany them
(微信, 微博, 收藏, 点赞 …), punctuation and spaces are removed, at most 6 characters remain (room
for an editor's name after 责任编辑:). The line must also be short (at most 40 characters).
Portal boilerplate (`搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。`, `未经授权不得转载`) is
residue on any line of up to 80 characters, whatever else the line says.

Why: text copied from a web page drags in captcha prompts, share bars and editor credits;
they are not part of the article and should not be published or checked as such.

Flagged: a last line `请输入验证码`; `责任编辑:张明`; `分享到:微信 微博 QQ空间`.

Not flagged: `该网站要求用户请输入验证码后才能查看数据,引发不满。` (prose that mentions a
captcha), a byline `中国工业报 王珊珊 吴晨`.

Tolerance: at most 6 characters of other text on the line, at most 40 in all (80 for
boilerplate)."
);

impl Check for PageResidue {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn run(&self, cx: &Context<'_>, out: &mut Outcome) {
        for i in 0..cx.doc.line_count() {
            let span = trimmed(cx.doc, cx.doc.line_span(i));
            let line = cx.doc.slice(span);
            if let Some(phrase) = residue_phrase(line) {
                out.findings.push(
                    Finding::new(
                        &INFO,
                        span,
                        // Pieces joined in one allocation (`cat`), the text `format!` wrote.
                        cat(&[
                            "`",
                            line,
                            "` looks like web-page residue (",
                            phrase,
                            "), not article text",
                        ]),
                    )
                    .stated(line.to_string())
                    .expected("no page furniture in the article text")
                    .tolerance("at most 6 other characters on the line, at most 40 in all"),
                );
            }
        }
    }
}

/// Phrases that only page furniture uses.
const RESIDUE: &[&str] = &[
    "请输入验证码",
    "输入验证码",
    "点击查看",
    "点击阅读",
    "阅读原文",
    "责任编辑",
    "扫码关注",
    "扫描二维码",
    "长按识别二维码",
    "关注公众号",
    "分享到",
    "返回搜狐",
    "查看更多",
    "打开APP",
    "下载APP",
    "APP内打开",
    "展开全文",
    "点击加载更多",
    "相关阅读",
    "推荐阅读",
    "返回首页",
    "本文来源",
    "版权声明",
    "上一页",
    "下一页",
    "上一篇",
    "下一篇",
    "浏览次数",
];

/// Sentences only portals print (disclaimers, reprint notices): a line holding one is residue.
const BOILERPLATE: &[&str] = &[
    "仅提供信息存储空间服务",
    "未经授权不得转载",
    "未经授权，不得转载",
    "未经授权,不得转载",
    "转载请注明出处",
    "ICP备",
    "公网安备",
    "ALL RIGHTS RESERVED",
    "All Rights Reserved",
    "版权所有",
];

/// Words that accompany page furniture and do not count as other text.
const FILLER: &[&str] = &[
    "验证码",
    "微信",
    "微博",
    "朋友圈",
    "QQ空间",
    "QQ",
    "收藏",
    "点赞",
    "评论",
    "举报",
    "分享",
    "广告",
    "编辑",
    "来源",
    "更多",
    "原标题",
    "二维码",
    "第",
    "页",
    "共",
];

/// The first characters of the [`BOILERPLATE`] sentences.
const BOILERPLATE_FIRST: FirstChars = FirstChars::of(BOILERPLATE);

/// The first characters of the [`RESIDUE`] phrases.
const RESIDUE_FIRST: FirstChars = FirstChars::of(RESIDUE);

/// True for the first character of a [`BOILERPLATE`] sentence: the character walk of the
/// test oracle (the check walks [`BOILERPLATE_FIRST`] instead).
#[cfg(test)]
fn boilerplate_first(c: char) -> bool {
    matches!(c, '仅' | '未' | '转' | 'I' | '公' | 'A' | '版')
}

/// True for the first character of a [`RESIDUE`] phrase: the character walk of the test
/// oracle (the check walks [`RESIDUE_FIRST`] instead).
#[cfg(test)]
fn residue_first(c: char) -> bool {
    matches!(
        c,
        '请' | '输'
            | '点'
            | '阅'
            | '责'
            | '扫'
            | '长'
            | '关'
            | '分'
            | '返'
            | '查'
            | '打'
            | '下'
            | 'A'
            | '展'
            | '相'
            | '推'
            | '本'
            | '版'
            | '上'
            | '浏'
    )
}

/// The furniture phrase that makes `line` residue, if it is residue.
pub fn residue_phrase(line: &str) -> Option<&'static str> {
    // More than 320 bytes is more than 80 characters: too long for either kind of residue,
    // and most article lines are, so they are not even counted.
    if line.len() > 80 * 4 {
        return None;
    }
    let len = count_chars(line.as_bytes());
    // Portal boilerplate is residue however much text surrounds it on its line. Most lines
    // hold no character a sentence of it starts with, told by a walk over their bytes.
    // The search starts at the first character a sentence may start with: none starts
    // before it.
    if let Some(at) = (len <= 80)
        .then(|| BOILERPLATE_FIRST.first_in(line))
        .flatten()
    {
        let from = line.get(at..).unwrap_or(line);
        if let Some(b) = BOILERPLATE_FIRST.first_contained(from, BOILERPLATE) {
            return Some(b);
        }
    }
    if len > 40 {
        return None;
    }
    let upper = if has_ascii_lowercase(line.as_bytes()) {
        Cow::Owned(line.to_ascii_uppercase())
    } else {
        Cow::Borrowed(line)
    };
    let at = RESIDUE_FIRST.first_in(&upper)?;
    let phrase = RESIDUE_FIRST.first_contained(upper.get(at..).unwrap_or(&upper), RESIDUE)?;
    let mut rest = upper.into_owned();
    // Most words are absent: a test of their first character spares building a searcher
    // and a copy. Removing words never adds a character, so the line's characters are
    // listed once, before any removal, not searched for once per word.
    let chars = FirstChars::of_chars(&rest);
    for w in RESIDUE.iter().chain(FILLER) {
        if chars.may_begin(w) && rest.contains(w) {
            rest = rest.replace(w, "");
        }
    }
    let other = rest
        .chars()
        .filter(|c| c.is_alphanumeric() && !c.is_ascii_punctuation())
        .count();
    (other <= 6).then_some(phrase)
}

/// `bytes.iter().any(u8::is_ascii_lowercase)`, eight bytes a step: the test of a short
/// line before it is upper-cased (most lines are Chinese, with no Latin letter at all).
fn has_ascii_lowercase(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        let w = u64::from_le_bytes(b);
        // Per byte, on its low seven bits (no carry leaves a byte): at least `a`, and
        // not beyond `z`; a byte with its high bit set (not ASCII) is no letter.
        let low = w & (0x7f * ONES);
        let at_least_a = low + (0x80 - u64::from(b'a')) * ONES;
        let beyond_z = low + (0x80 - u64::from(b'z') - 1) * ONES;
        if at_least_a & !beyond_z & !w & (0x80 * ONES) != 0 {
            return true;
        }
    }
    words.remainder().iter().any(u8::is_ascii_lowercase)
}

/// `span` without leading and trailing whitespace (including full-width spaces).
fn trimmed(doc: &Document, span: Span) -> Span {
    let s = doc.slice(span);
    let t = trim_ws(s);
    if t.len() == s.len() {
        // Nothing to trim (most lines): told by their end bytes.
        return span;
    }
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    Span::new(start, end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::arith_cues::first_contained;

    #[test]
    fn prefilters_accept_every_first_character() {
        let first = |w: &str| w.chars().next().unwrap();
        assert!(BOILERPLATE.iter().all(|w| boilerplate_first(first(w))));
        assert!(RESIDUE.iter().all(|w| residue_first(first(w))));
    }

    /// `residue_phrase` as it was before the first-character walks: the exact searches on
    /// every line, kept as the oracle of the faster one.
    fn residue_phrase_by_scan(line: &str) -> Option<&'static str> {
        if line.len() > 80 * 4 {
            return None;
        }
        let len = line.chars().count();
        if len <= 80 {
            if let Some(b) = first_contained(line, BOILERPLATE, boilerplate_first) {
                return Some(b);
            }
        }
        if len > 40 {
            return None;
        }
        let upper = line.to_ascii_uppercase();
        let phrase = first_contained(&upper, RESIDUE, residue_first)?;
        let mut rest = upper;
        for w in RESIDUE.iter().chain(FILLER) {
            rest = rest.replace(w, "");
        }
        let other = rest
            .chars()
            .filter(|c| c.is_alphanumeric() && !c.is_ascii_punctuation())
            .count();
        (other <= 6).then_some(phrase)
    }

    /// Lines of news text and page furniture: prose, bylines, share bars, disclaimers, in
    /// either case, from empty to past the length limits.
    fn lines() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let words: Vec<&str> = RESIDUE
            .iter()
            .chain(BOILERPLATE)
            .chain(FILLER)
            .copied()
            .chain([
                "英伟达",
                "收入",
                "171亿美元",
                "，",
                "。",
                "：",
                " ",
                "张明",
                "app",
                "App",
                "all rights reserved",
                "同比增长12.5%",
                "据《财经》报道",
                "未经",
                "授权",
                "版",
            ])
            .collect();
        prop::collection::vec(prop::sample::select(words), 0..40).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        /// The eight-byte test finds a lower-case ASCII letter exactly where the byte
        /// test does: any bytes, letters at every place and next to the range ends.
        #[test]
        fn lowercase_test_agrees_with_the_byte_test(
            bytes in proptest::collection::vec(
                proptest::sample::select(vec![
                    0u8, b'`', b'a', b'm', b'z', b'{', b'A', b'Z', b'@', b'[', 0x7f, 0x80,
                    0xe1, 0xe6, 0xfa, 0xff, b' ', b'0',
                ]),
                0..30,
            )
        ) {
            proptest::prop_assert_eq!(
                has_ascii_lowercase(&bytes),
                bytes.iter().any(u8::is_ascii_lowercase)
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn first_character_walks_change_no_verdict(line in lines()) {
            proptest::prop_assert_eq!(residue_phrase(&line), residue_phrase_by_scan(&line));
        }
    }

    #[test]
    fn tells_furniture_from_prose() {
        assert!(residue_phrase("请输入验证码").is_some());
        assert!(residue_phrase("责任编辑:张明").is_some());
        assert!(residue_phrase("分享到:微信 微博 QQ空间").is_some());
        assert!(residue_phrase("打开App，阅读全文").is_some());
        assert!(residue_phrase("该网站要求用户请输入验证码后才能查看数据,引发不满。").is_none());
        assert!(residue_phrase("中国工业报 王珊珊 吴晨").is_none());
        assert!(residue_phrase("").is_none());
        assert!(residue_phrase(
            "声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。"
        )
        .is_some());
    }
}
