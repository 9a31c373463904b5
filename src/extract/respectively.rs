//! 分别 lists: `A、B和C的销量分别为1、2和3` pairs the names with the figures in order, so each
//! figure takes its own subject instead of the last name read before the list; a list of
//! segments (`在国内和海外的销量分别为`) pairs segments the same way.

/// What a listed name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// An entity, the figure's subject.
    Subject,
    /// A market or segment.
    Segment,
}

/// Names read in the current sentence and the 分别 list in force.
#[derive(Debug, Default)]
pub struct Respectively {
    /// Subjects named in the sentence so far: (start byte, end byte) of each name in the
    /// text (kept as spans: most are never listed, and a string per name cost more).
    names: Vec<(usize, usize)>,
    /// Segments named in the sentence so far, the same way.
    segments: Vec<(usize, usize)>,
    /// The names of the list in force, what they are, and how many figures took one.
    active: Option<(Vec<String>, Role, usize)>,
}

/// Text that joins two names of one list (`、`, `和`, `与`, `及`, `以及`, `,`).
fn is_name_glue(between: &str) -> bool {
    let t = between.trim();
    ["、", "和", "与", "及", "以及", "跟", "，", ","].contains(&t)
}

/// A short run of Han characters with no numeral or function word: a name the lexicon does
/// not know (中创新航), not a description (三个品牌的销量).
fn is_plain_name(piece: &str) -> bool {
    let n = piece.chars().count();
    (2..=6).contains(&n)
        && piece.chars().all(|c| {
            ('\u{4e00}'..='\u{9fff}').contains(&c)
                && !"的为是在了一二三四五六七八九十两个家万亿分别".contains(c)
        })
}

/// Records a name, replacing one read at the same start (a longer reading of it).
fn push_name(names: &mut Vec<(usize, usize)>, start: usize, end: usize) {
    if names.last().is_some_and(|(s, _)| *s == start) {
        names.pop();
    }
    names.push((start, end));
}

/// The list of at least two names right before 分别 at byte `at`, in order.
///
/// The list starts at the first of the trailing run of names joined by list glue and runs
/// to the clause break after the last of them (or to 分别). It is split at 、和与及; each
/// piece is the name read at its start, or else (with `unknown`) a short plain name the
/// lexicon does not know (宁德时代、比亚迪和中创新航: 中创新航 is still the third name).
fn list_before(
    names: &[(usize, usize)],
    text: &str,
    at: usize,
    unknown: bool,
) -> Option<Vec<String>> {
    let &(_, last_end) = names.last()?;
    let mut first = names.len() - 1;
    while first > 0
        && text
            .get(names[first - 1].1..names[first].0)
            .is_some_and(is_name_glue)
    {
        first -= 1;
    }
    let start = names[first].0;
    if start >= at || last_end > at {
        return None;
    }
    let tail = text.get(last_end..at).unwrap_or_default();
    let stop = tail
        .find(['，', ',', '：', ':', '（', '('])
        .map_or(at, |k| last_end + k);
    let segment = text.get(start..stop)?;
    let mut run: Vec<String> = Vec::new();
    let mut offset = start;
    for piece in segment.split(['、', '和', '与', '及']) {
        let here = offset;
        offset += piece.len() + '、'.len_utf8();
        if piece.is_empty() {
            continue;
        }
        if let Some(&(s, e)) = names.iter().find(|(s, _)| *s == here) {
            run.push(text.get(s..e)?.to_string());
        } else if unknown && is_plain_name(piece) {
            run.push(piece.to_string());
        } else {
            break;
        }
    }
    (run.len() >= 2).then_some(run)
}

/// `三个品牌分别占…`, `两家公司分别…`: a count right before 分别 (in its clause) refers back to
/// the last that many names of the sentence, in order.
fn counted_back(names: &[(usize, usize)], text: &str, at: usize) -> Option<Vec<String>> {
    let before = text.get(..at)?;
    let clause_start = before
        .rfind(['，', ',', '；', ';', '。', '：', ':'])
        .map_or(0, |k| {
            k + before[k..].chars().next().map_or(1, char::len_utf8)
        });
    let clause = &before[clause_start..];
    let mut chars = clause.chars();
    let count = match chars.next()? {
        '两' | '二' | '2' => 2,
        '三' | '3' => 3,
        '四' | '4' => 4,
        '五' | '5' => 5,
        '六' | '6' => 6,
        _ => return None,
    };
    if !matches!(chars.next(), Some('个' | '家' | '款' | '大' | '者')) {
        return None;
    }
    // Only names before this clause count, and exactly that many distinct ones.
    let earlier: Vec<&str> = names
        .iter()
        .filter(|(_, e)| *e <= clause_start)
        .filter_map(|&(s, e)| text.get(s..e))
        .collect();
    let mut last: Vec<String> = Vec::new();
    for &n in earlier.iter().rev() {
        if !last.iter().any(|x| x == n) {
            last.push(n.to_string());
        }
        if last.len() == count {
            break;
        }
    }
    last.reverse();
    (last.len() == count).then_some(last)
}

impl Respectively {
    /// A subject named at `start..end`.
    pub fn note(&mut self, start: usize, end: usize) {
        push_name(&mut self.names, start, end);
    }

    /// A segment named at `start..end`.
    pub fn note_segment(&mut self, start: usize, end: usize) {
        push_name(&mut self.segments, start, end);
    }

    /// 分别 read at byte `at` of `text`: the list of names before it, in order, becomes the
    /// list in force when it has at least two names. A list of subjects and a list of
    /// segments both before 分别 (A和B在国内和海外) pair in no clear order: neither is used.
    pub fn open(&mut self, text: &str, at: usize) {
        let subjects = list_before(&self.names, text, at, true)
            .or_else(|| counted_back(&self.names, text, at));
        let segments = list_before(&self.segments, text, at, false);
        self.active = match (subjects, segments) {
            (Some(n), None) => Some((n, Role::Subject, 0)),
            (None, Some(n)) => Some((n, Role::Segment, 0)),
            _ => None,
        };
    }

    /// The name of the next figure of the list in force and its role, if one is left.
    pub fn take(&mut self) -> Option<(Role, String)> {
        let (names, role, used) = self.active.as_mut()?;
        let role = *role;
        let name = names.get(*used).cloned();
        *used += 1;
        if *used >= names.len() {
            self.active = None;
        }
        name.map(|n| (role, n))
    }

    /// A clause break: a list that has started pairing stops (its figures are done).
    pub fn clause_break(&mut self) {
        if self.active.as_ref().is_some_and(|(_, _, used)| *used > 0) {
            self.active = None;
        }
    }

    /// A sentence ends: nothing carries over.
    pub fn end_sentence(&mut self) {
        self.names.clear();
        self.segments.clear();
        self.active = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_before_fenbie_takes_the_last_names() {
        let t = "甲品牌交付1辆，乙品牌交付2辆，丙品牌交付3辆，三个品牌分别占";
        let mut r = Respectively::default();
        for w in ["甲品牌", "乙品牌", "丙品牌"] {
            let s = t.find(w).unwrap();
            r.note(s, s + w.len());
        }
        r.open(t, t.find("分别").unwrap());
        assert_eq!(r.take().map(|t| t.1).as_deref(), Some("甲品牌"));
        assert_eq!(r.take().map(|t| t.1).as_deref(), Some("乙品牌"));
        assert_eq!(r.take().map(|t| t.1).as_deref(), Some("丙品牌"));
        // Fewer names than the count: no pairing.
        let t = "甲品牌交付1辆，三个品牌分别占";
        let mut r = Respectively::default();
        r.note(0, "甲品牌".len());
        r.open(t, t.find("分别").unwrap());
        assert_eq!(r.take(), None);
    }

    #[test]
    fn unknown_names_in_a_list_keep_their_place() {
        let t = "依次为宁德时代、比亚迪和中创新航，装车量分别为";
        let mut r = Respectively::default();
        for w in ["宁德时代", "比亚迪"] {
            let s = t.find(w).unwrap();
            r.note(s, s + w.len());
        }
        r.open(t, t.find("分别").unwrap());
        assert_eq!(r.take().map(|t| t.1).as_deref(), Some("宁德时代"));
        assert_eq!(r.take().map(|t| t.1).as_deref(), Some("比亚迪"));
        assert_eq!(r.take().map(|t| t.1).as_deref(), Some("中创新航"));
    }

    #[test]
    fn pairs_names_in_order_and_stops() {
        let t = "零跑、小鹏和蔚来分别为";
        let mut r = Respectively::default();
        let at = |w: &str| t.find(w).unwrap();
        r.note(at("零跑"), at("零跑") + "零跑".len());
        r.note(at("小鹏"), at("小鹏") + "小鹏".len());
        r.note(at("蔚来"), at("蔚来") + "蔚来".len());
        r.open(t, t.find("分别").unwrap());
        assert_eq!(r.take().map(|t| t.1).as_deref(), Some("零跑"));
        assert_eq!(r.take().map(|t| t.1).as_deref(), Some("小鹏"));
        assert_eq!(r.take().map(|t| t.1).as_deref(), Some("蔚来"));
        assert_eq!(r.take(), None);
    }

    #[test]
    fn names_apart_are_no_list() {
        let t = "零跑交付7万辆，蔚来分别为";
        let mut r = Respectively::default();
        r.note(0, "零跑".len());
        let s = t.find("蔚来").unwrap();
        r.note(s, s + "蔚来".len());
        r.open(t, t.find("分别").unwrap());
        assert_eq!(r.take(), None);
    }
}
