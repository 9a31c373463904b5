//! Alias lookup: written names (英伟达, Nvidia, 营收) to canonical names, case-insensitive for Latin script.

use super::fast_hash::FastMap;
use super::{AliasEntry, AliasKind};
use std::borrow::Cow;

/// The form names are compared in: trimmed, Latin letters lowercased, inner runs of
/// whitespace collapsed. Chinese text is unchanged.
pub fn normalize(name: &str) -> String {
    // The words joined in one buffer (no list of them), lowercased in place when ASCII.
    let mut joined = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    if joined.chars().all(|c| c.is_ascii() || is_caseless_cjk(c)) {
        joined.make_ascii_lowercase();
        joined
    } else {
        joined.to_lowercase()
    }
}

/// True for CJK ideographs, kana and CJK punctuation (U+3000–U+9FFF): characters that
/// lowercase to themselves (a test checks every one), so that lowercasing a name of
/// them and ASCII needs only its ASCII letters changed.
fn is_caseless_cjk(c: char) -> bool {
    ('\u{3000}'..='\u{9fff}').contains(&c)
}

/// True when two names are equal in [`normalize`]d form, without allocating (names are
/// compared against every fact, so this runs often).
pub fn same_name(a: &str, b: &str) -> bool {
    normalized_chars(a).eq(normalized_chars(b))
}

/// True when `name` is already in [`normalize`]d and [`folded`] form: no outer or doubled
/// whitespace, no whitespace but single spaces, no ASCII capitals, and no character
/// outside ASCII except CJK ideographs, kana and CJK punctuation (U+3000–U+9FFF), which
/// have no case. Most names looked up are Chinese words, and this spares their copy.
pub(super) fn already_normal(name: &str) -> bool {
    normal_but_case(name, false)
}

/// Longest name [`lowered_in`] lowercases into its buffer.
pub(super) const LOWERED_MAX: usize = 64;

/// [`normalize`]`(name)` (and so [`folded`]`(name)`, the two agreeing without a capital
/// sigma) written into `buf`, for a name whose only difference from its normal form is
/// ASCII capitals (`Meta`, `xAI`, `GPU采购`): the common case of a name not
/// [`already_normal`], whose copy then needs no allocation. `None` for any other name,
/// and for one longer than the buffer.
pub(super) fn lowered_in<'b>(name: &str, buf: &'b mut [u8; LOWERED_MAX]) -> Option<&'b str> {
    if name.len() > LOWERED_MAX || !normal_but_case(name, true) {
        return None;
    }
    let out = buf.get_mut(..name.len())?;
    out.copy_from_slice(name.as_bytes());
    // Only ASCII letters change, so the bytes stay UTF-8 (checked all the same).
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

/// [`already_normal`], with ASCII capitals allowed when `capitals`.
fn normal_but_case(name: &str, capitals: bool) -> bool {
    // By bytes rather than decoded characters: an ASCII byte is a whole character, and
    // U+3000–U+9FFF are exactly the three-byte characters led by E3–E9, of which only
    // U+3000 (E3 80 80, the ideographic space) is whitespace. Any other byte starts a
    // character outside that block.
    let b = name.as_bytes();
    let mut prev_space = true;
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            let ok = if x == b' ' {
                !prev_space
            } else {
                // A vertical tab is whitespace to `normalize` (split_whitespace) but
                // not to `is_ascii_whitespace`: a name holding one is not normal.
                let vertical_tab = x == 0x0B;
                let capital = !capitals && x.is_ascii_uppercase();
                !(capital || vertical_tab || x.is_ascii_whitespace())
            };
            if !ok {
                return false;
            }
            prev_space = x == b' ';
            i += 1;
        } else {
            if !(0xE3..=0xE9).contains(&x) || b.get(i..i + 3) == Some(&[0xE3, 0x80, 0x80][..]) {
                return false;
            }
            prev_space = false;
            i += 3;
        }
    }
    !prev_space || name.is_empty()
}

/// The character-by-character test [`already_normal`] replaced, kept as its oracle.
#[cfg(test)]
fn already_normal_by_chars(name: &str) -> bool {
    let mut prev_space = true;
    for c in name.chars() {
        let ok = if c == ' ' {
            !prev_space
        } else if c.is_ascii() {
            !c.is_ascii_uppercase() && !c.is_whitespace()
        } else {
            ('\u{3000}'..='\u{9fff}').contains(&c) && !c.is_whitespace()
        };
        if !ok {
            return false;
        }
        prev_space = c == ' ';
    }
    !prev_space || name.is_empty()
}

/// [`normalize`]`(name)`, borrowed when the name is already in that form.
pub fn normalized(name: &str) -> Cow<'_, str> {
    if already_normal(name) {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(normalize(name))
    }
}

/// [`folded`]`(name)`, borrowed when the name is already in that form.
pub fn folded_cow(name: &str) -> Cow<'_, str> {
    if already_normal(name) {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(folded(name))
    }
}

/// The form [`same_name`] compares: two names are the same exactly when their folded
/// forms are equal. (Unlike [`normalize`], every character is lowercased on its own.)
pub fn folded(s: &str) -> String {
    normalized_chars(s).collect()
}

/// The characters of [`normalize`]`(s)`, lazily.
fn normalized_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.split_whitespace()
        .enumerate()
        .flat_map(|(i, w)| (i > 0).then_some(' ').into_iter().chain(w.chars()))
        .flat_map(char::to_lowercase)
}

/// `text.to_lowercase().contains(&word.to_lowercase())`, without lowercasing `text` when
/// `word` is ASCII.
///
/// The only characters outside ASCII whose lowercase holds ASCII are `İ` (U+0130) and the
/// Kelvin sign (U+212A) (a test checks every character). In a text without them, an
/// ASCII word occurs in the lowercased text exactly where it occurs in the text with
/// ASCII letters compared case-insensitively. Sentences are long and searched once per
/// claim, so this spares a copy of each.
pub fn lowercase_contains(text: &str, word: &str) -> bool {
    // Two one-character searches (memchr) rather than one for either (char by char).
    // İ and K lowercase to ASCII (i̇, k): only a word with an i or a k can meet them, and
    // only then must the text be searched for them (two scans that cost more than the
    // search itself).
    let meets_special = || word.bytes().any(|b| matches!(b, b'i' | b'I' | b'k' | b'K'));
    if word.is_ascii()
        && (!meets_special() || (!text.contains('\u{130}') && !text.contains('\u{212a}')))
    {
        return contains_ascii_ci(text, word);
    }
    text.to_lowercase().contains(&word.to_lowercase())
}

/// True when `text` holds `word` with ASCII letters compared case-insensitively.
pub fn contains_ascii_ci(text: &str, word: &str) -> bool {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    let Some((&first, rest)) = w.split_first() else {
        return true;
    };
    let matches_at = |i: usize| {
        t.get(i + 1..i + 1 + rest.len())
            .is_some_and(|r| r.eq_ignore_ascii_case(rest))
    };
    if !first.is_ascii() {
        return t
            .iter()
            .enumerate()
            .any(|(i, &b)| b == first && matches_at(i));
    }
    // Both cases of the first letter are looked for in one memchr pass, which skips
    // through text (mostly Chinese, where ASCII is rare) far faster than a byte loop, and
    // reads the text once rather than once per case.
    let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    if lo == up {
        memchr::memchr_iter(lo, t).any(matches_at)
    } else {
        memchr::memchr2_iter(lo, up, t).any(matches_at)
    }
}

/// The key under which two rows of one alias file count as duplicates. Scope words may
/// scope several metrics, so for them the canonical is part of the key.
pub fn dedup_key(entry: &AliasEntry) -> String {
    let alias = normalize(&entry.alias);
    match entry.kind {
        AliasKind::Scope => format!("{alias}\u{0}{}", entry.canonical),
        _ => alias,
    }
}

/// The slot of `kind` in per-kind tables.
pub(super) fn kind_slot(kind: AliasKind) -> usize {
    match kind {
        AliasKind::Entity => 0,
        AliasKind::Segment => 1,
        AliasKind::Metric => 2,
        AliasKind::Scope => 3,
    }
}

/// Every alias row in force, and a lookup where later layers win.
#[derive(Debug, Clone, Default)]
pub struct AliasTable {
    /// Rows in load order.
    entries: Vec<AliasEntry>,
    /// Per kind (indexed by [`kind_slot`]), normalised alias → index into `entries` of the
    /// latest row defining it. Keyed by the alias alone so a lookup can borrow its key.
    map: [FastMap<String, usize>; 4],
    /// Per kind, indexes into `entries` of its rows, in load order: matching asks for one
    /// vocabulary's rows far more often than rows change.
    of_kind: [Vec<usize>; 4],
    /// Per kind, canonical name → indexes into `entries` of the rows naming it, in load order.
    by_target: [FastMap<String, Vec<usize>>; 4],
    /// `by_target` without the rows whose alias holds the alias of another row naming the
    /// same canonical (an earlier one, if the two are the same): wherever such a row's
    /// alias occurs the other's does, so asking whether any alias of a canonical occurs in
    /// a text needs only these (收入 stands for 营业收入 and 总收入).
    shortest_by_target: [FastMap<String, Vec<usize>>; 4],
}

impl AliasTable {
    /// Adds rows; a row redefining an alias of an earlier layer replaces it.
    pub fn extend(&mut self, rows: Vec<AliasEntry>) {
        for row in rows {
            let i = self.entries.len();
            let slot = kind_slot(row.kind);
            if row.kind != AliasKind::Scope {
                self.map[slot].insert(normalize(&row.alias), i);
            }
            self.of_kind[slot].push(i);
            self.by_target[slot]
                .entry(row.canonical.clone())
                .or_default()
                .push(i);
            self.entries.push(row);
        }
        self.shortest_by_target = self.by_target.clone().map(|targets| {
            targets
                .into_iter()
                .map(|(canonical, rows)| {
                    let alias = |i: usize| self.entries.get(i).map_or("", |e| e.alias.as_str());
                    let kept = rows
                        .iter()
                        .enumerate()
                        .filter(|&(k, &i)| {
                            let a = alias(i);
                            !rows.iter().enumerate().any(|(l, &j)| {
                                let b = alias(j);
                                l != k && a.contains(b) && (a != b || l < k)
                            })
                        })
                        .map(|(_, &i)| i)
                        .collect();
                    (canonical, kept)
                })
                .collect()
        });
    }

    /// The rows of [`AliasTable::with_target`] that no other of them stands for: some
    /// alias of `canonical` occurs in a text exactly when one of these does (compared
    /// as written, not case-folded). In load order.
    pub fn shortest_with_target<'t>(
        &'t self,
        kind: AliasKind,
        canonical: &str,
    ) -> impl Iterator<Item = &'t AliasEntry> + 't {
        self.shortest_by_target[kind_slot(kind)]
            .get(canonical)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.entries.get(i))
    }

    /// Every canonical name of kind `kind` with [`AliasTable::shortest_with_target`]'s
    /// rows for it, in no particular order.
    pub fn shortest_by_canonical(
        &self,
        kind: AliasKind,
    ) -> impl Iterator<Item = (&str, impl Iterator<Item = &AliasEntry> + '_)> + '_ {
        self.shortest_by_target[kind_slot(kind)]
            .iter()
            .map(|(c, rows)| (c.as_str(), rows.iter().filter_map(|&i| self.entries.get(i))))
    }

    /// Every row of kind `kind`, in load order.
    pub fn of_kind(&self, kind: AliasKind) -> impl Iterator<Item = &AliasEntry> + '_ {
        self.of_kind[kind_slot(kind)]
            .iter()
            .filter_map(|&i| self.entries.get(i))
    }

    /// Every row of kind `kind` whose canonical name is `canonical`, in load order.
    pub fn with_target<'t>(
        &'t self,
        kind: AliasKind,
        canonical: &str,
    ) -> impl Iterator<Item = &'t AliasEntry> + 't {
        self.by_target[kind_slot(kind)]
            .get(canonical)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.entries.get(i))
    }

    /// The canonical name `alias` stands for, if it is an alias of kind `kind`.
    pub fn get(&self, kind: AliasKind, alias: &str) -> Option<&str> {
        self.get_normalized(kind, &normalized(alias))
    }

    /// [`AliasTable::get`] for a name already in [`normalize`]d form.
    pub(super) fn get_normalized(&self, kind: AliasKind, normal: &str) -> Option<&str> {
        self.map[kind_slot(kind)]
            .get(normal)
            .and_then(|&i| self.entries.get(i))
            .map(|e| e.canonical.as_str())
    }

    /// Every alias of kind `kind` in [`normalize`]d form (the keys
    /// [`AliasTable::get_normalized`] finds), in no particular order.
    pub(super) fn normalized_aliases(&self, kind: AliasKind) -> impl Iterator<Item = &str> + '_ {
        self.map[kind_slot(kind)].keys().map(String::as_str)
    }

    /// Every row, in load order.
    pub fn entries(&self) -> &[AliasEntry] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {

    /// The definition [`normalize`] keeps: words joined by single spaces, lowercased.
    fn normalize_oracle(name: &str) -> String {
        name.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }

    #[test]
    fn cjk_characters_have_no_case() {
        for c in ('\u{3000}'..='\u{9fff}').filter(|&c| is_caseless_cjk(c)) {
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
        }
    }

    #[test]
    fn a_vertical_tab_is_whitespace_to_every_path() {
        for name in [
            "英伟达\u{b}H20",
            "英伟达\u{b}h20",
            "\u{b}英伟达",
            "英伟达\u{b}",
        ] {
            assert!(!already_normal(name), "{name:?}");
            assert_eq!(normalized(name), normalize(name), "{name:?}");
            let mut buf = [0u8; LOWERED_MAX];
            assert_eq!(lowered_in(name, &mut buf), None, "{name:?}");
        }
        assert_eq!(normalize("英伟达\u{b}H20"), "英伟达 h20");
    }

    proptest::proptest! {
        #[test]
        fn normalize_agrees_with_its_definition(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "英伟达", "Nvidia", "NVIDIA", "H20", "H20芯片", "ＡＩ", "〇", " ", "  ", "\t", "\u{b}", "\u{3000}",
                    "ΣΑΣ", "İ", "\u{212a}", "数据中心", "Data Center", "é", "É", "gpu",
                    "\u{2fff}", "\u{3001}", "\u{9fff}", "\u{a000}", "😀", "ぁ",
                ]),
                0..8,
            )
        ) {
            let name = parts.concat();
            proptest::prop_assert_eq!(normalize(&name), normalize_oracle(&name));
            proptest::prop_assert_eq!(already_normal(&name), already_normal_by_chars(&name));
            // What "normal" means: `normalize` would give the name back unchanged.
            if already_normal(&name) {
                proptest::prop_assert_eq!(normalize(&name), name.clone());
            }
            let mut buf = [0u8; LOWERED_MAX];
            if let Some(lower) = lowered_in(&name, &mut buf) {
                proptest::prop_assert_eq!(lower, normalize(&name));
                proptest::prop_assert_eq!(lower, folded(&name));
            } else {
                // Only names with something besides capitals to change, or long ones.
                let lowered = name.to_ascii_lowercase();
                proptest::prop_assert!(
                    name.len() > LOWERED_MAX || !already_normal_by_chars(&lowered),
                    "{:?}", name
                );
            }
        }
    }
    use super::*;
    use crate::reference::Origin;

    fn row(kind: AliasKind, alias: &str, canonical: &str) -> AliasEntry {
        AliasEntry {
            kind,
            alias: alias.into(),
            canonical: canonical.into(),
            origin: Origin {
                file: "t".into(),
                line: 2,
            },
        }
    }

    #[test]
    fn rows_by_kind_and_target_keep_load_order() {
        let mut t = AliasTable::default();
        t.extend(vec![
            row(AliasKind::Metric, "营收", "revenue"),
            row(AliasKind::Entity, "Nvidia", "NVIDIA"),
            row(AliasKind::Metric, "收入", "revenue"),
            row(AliasKind::Metric, "交付量", "deliveries"),
            row(AliasKind::Scope, "Hopper", "revenue"),
        ]);
        let aliases = |it: &mut dyn Iterator<Item = &AliasEntry>| -> Vec<String> {
            it.map(|a| a.alias.clone()).collect()
        };
        for kind in [
            AliasKind::Entity,
            AliasKind::Segment,
            AliasKind::Metric,
            AliasKind::Scope,
        ] {
            let scan: Vec<String> = t
                .entries()
                .iter()
                .filter(|a| a.kind == kind)
                .map(|a| a.alias.clone())
                .collect();
            assert_eq!(aliases(&mut t.of_kind(kind)), scan);
            for target in ["revenue", "deliveries", "NVIDIA", "none"] {
                let scan: Vec<String> = t
                    .entries()
                    .iter()
                    .filter(|a| a.kind == kind && a.canonical == target)
                    .map(|a| a.alias.clone())
                    .collect();
                assert_eq!(aliases(&mut t.with_target(kind, target)), scan);
            }
        }
    }

    #[test]
    fn later_rows_win_and_case_is_ignored() {
        let mut t = AliasTable::default();
        t.extend(vec![row(AliasKind::Entity, "Nvidia", "NVIDIA")]);
        assert_eq!(t.get(AliasKind::Entity, " NVIDIA "), Some("NVIDIA"));
        assert_eq!(t.get(AliasKind::Metric, "nvidia"), None);
        t.extend(vec![row(AliasKind::Entity, "nvidia", "Nvidia Corp")]);
        assert_eq!(t.get(AliasKind::Entity, "Nvidia"), Some("Nvidia Corp"));
    }

    #[test]
    fn borrowed_forms_equal_the_computed_ones() {
        for n in [
            "ΣΑΣ ΟΔΟΣ",
            "Tesla   and xAI",
            "英伟达",
            "nvidia",
            "NVIDIA",
            " tesla  and xai",
            "tesla and xai",
            "a ",
            "",
            " ",
            "中国\u{3000}大陆",
            "Ａ股",
            "ΣΑΣ",
            "数据中心 gpu",
            "h20\t芯片",
        ] {
            assert_eq!(normalized(n), normalize(n), "{n:?}");
            assert_eq!(folded_cow(n), folded(n), "{n:?}");
            // What canonical_for relies on: without a capital sigma both forms agree.
            if !n.contains('Σ') {
                assert_eq!(normalize(n), folded(n), "{n:?}");
            }
        }
        assert!(matches!(normalized("英伟达 h20"), Cow::Borrowed(_)));
    }

    /// Only two characters outside ASCII lowercase to something holding ASCII, the fact
    /// [`lowercase_contains`] relies on.
    #[test]
    fn lowercasing_makes_ascii_only_from_ascii_and_two_others() {
        let odd: Vec<char> = (0..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && c.to_lowercase().any(|l| l.is_ascii()))
            .collect();
        assert_eq!(odd, vec!['\u{130}', '\u{212a}']);
    }

    /// The search [`contains_ascii_ci`] replaced (one `str::find` pass per case of the
    /// first letter), kept as its oracle.
    fn contains_ascii_ci_by_find(text: &str, word: &str) -> bool {
        let (t, w) = (text.as_bytes(), word.as_bytes());
        let Some((&first, rest)) = w.split_first() else {
            return true;
        };
        let matches_at = |i: usize| {
            t.get(i + 1..i + 1 + rest.len())
                .is_some_and(|r| r.eq_ignore_ascii_case(rest))
        };
        if !first.is_ascii() {
            return t
                .iter()
                .enumerate()
                .any(|(i, &b)| b == first && matches_at(i));
        }
        let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
        let cases: &[u8] = if lo == up { &[lo][..] } else { &[lo, up][..] };
        cases.iter().any(|&c| {
            let mut from = 0;
            while let Some(at) = text.get(from..).and_then(|rest| rest.find(char::from(c))) {
                if matches_at(from + at) {
                    return true;
                }
                from += at + 1;
            }
            false
        })
    }

    proptest::proptest! {
        #[test]
        fn one_pass_case_search_finds_what_the_per_case_searches_find(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "英伟达", "H20", "Hopper", "hopper", "HOPPER", "芯片", "采购", "GPU",
                    "gpu", "Nvidia", "营收", "1", "-", " ", "h", "K", "\u{212a}", "估",
                ]),
                0..16,
            ),
            word in proptest::sample::select(vec![
                "hopper", "Hopper", "h", "gpu", "H20", "nvidia", "估", "采购", "", "-1", "k",
            ]),
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(
                contains_ascii_ci(&text, word),
                contains_ascii_ci_by_find(&text, word)
            );
        }
    }

    #[test]
    fn lowercase_contains_agrees_with_lowercasing() {
        let texts = [
            "英伟达H20芯片采购Hopper",
            "HOPPER",
            "hoppe",
            "",
            "K\u{212a}elvin",
            "\u{130}stanbul",
            "NVIDIA_Hopper_GPU_purchases",
            "ſ long s",
            "hohoppe HoPpEr",
            "hopp",
        ];
        let words = [
            "hopper",
            "Hopper",
            "",
            "kelvin",
            "k",
            "i",
            "\u{130}",
            "nvidia_hopper_gpu_purchases",
            "s",
            "采购",
            "英伟达h20",
        ];
        for t in texts {
            for w in words {
                let slow = t.to_lowercase().contains(&w.to_lowercase());
                assert_eq!(lowercase_contains(t, w), slow, "{t:?} {w:?}");
            }
        }
    }

    #[test]
    fn normalizes_whitespace_not_chinese() {
        assert_eq!(normalize("  Tesla   and xAI "), "tesla and xai");
        assert_eq!(normalize("英伟达"), "英伟达");
        assert!(same_name("  Tesla   and xAI ", "tesla AND xai"));
        assert!(same_name("NVIDIA", "Nvidia"));
        assert!(same_name("英伟达", " 英伟达"));
        assert!(!same_name("Meta", "Metax"));
        assert!(!same_name("英伟达", "英伟"));
    }
}
