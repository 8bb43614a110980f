//! Free-text answer matching for short answers and cloze blanks (Moodle PMatch style).
//!
//! Answers are normalized, synonyms mapped to the first word of their group, then compared
//! with every known answer. Typos are tolerated per word, but a misspelling nearest to a
//! known-wrong answer is graded as that wrong answer, so a near-miss on another drug is wrong.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Typed answers longer than this (in chars, normalized) are compared exactly only,
/// which keeps grading bounded on pasted junk.
const FUZZY_MAX_CHARS: usize = 1000;
/// Largest LCS table `word_diff` builds; beyond it the differing middle is shown as a block.
const DIFF_MAX_CELLS: usize = 1 << 20;

/// Precomputed known answers of one free-text question.
pub struct Matcher {
    accepted: Vec<Known>,
    wrong: Vec<Known>,
    /// (phrase words, canonical), longest phrase first so it wins over its own prefix.
    synonyms: Vec<(Vec<String>, String)>,
}

/// Outcome of judging one typed answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Matches accepted answer `index`; `typo` when only within the typo allowance.
    Accepted { index: usize, typo: bool },
    /// Matches known-wrong answer `index`.
    KnownWrong { index: usize, typo: bool },
    /// Matches nothing known.
    Unknown,
    /// Nothing but spaces or punctuation.
    Empty,
}

/// One part of a word-level diff, for feedback.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DiffPart {
    /// Words in both.
    Same(String),
    /// Words in the typed answer but not the expected one.
    Typed(String),
    /// Expected words that are missing or different.
    Expected(String),
}

/// A normalized answer split into words as char slices, so distances need no re-decoding.
struct Known {
    text: String,
    chars: Vec<char>,
    /// (start, end, contains a digit) into `chars`.
    words: Vec<(usize, usize, bool)>,
}

impl Known {
    fn new(text: String) -> Known {
        let mut chars = Vec::with_capacity(text.len());
        let mut words = Vec::new();
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let start = chars.len();
            chars.extend(word.chars());
            let digit = chars[start..].iter().any(|c| c.is_numeric());
            words.push((start, chars.len(), digit));
        }
        Known { text, chars, words }
    }

    fn word(&self, i: usize) -> (&[char], bool) {
        let (s, e, d) = self.words[i];
        (&self.chars[s..e], d)
    }
}

impl Matcher {
    /// `accepted`: correct answers; `wrong`: known-wrong answers (feedback is looked up by index);
    /// `synonyms`: groups, first is canonical.
    pub fn new(accepted: &[String], wrong: &[String], synonyms: &[Vec<String>]) -> Matcher {
        let mut syn = Vec::new();
        for group in synonyms {
            let Some(canonical) = group.first().map(|c| normalize_with(c, false)) else {
                continue;
            };
            if canonical.is_empty() {
                continue;
            }
            for member in group {
                let m = normalize_with(member, false);
                if !m.is_empty() {
                    let words = m.split(' ').map(str::to_owned).collect();
                    syn.push((words, canonical.clone()));
                }
            }
        }
        // Stable: among equal lengths the earlier group wins.
        syn.sort_by_key(|(w, _): &(Vec<String>, String)| std::cmp::Reverse(w.len()));
        let mut m = Matcher {
            accepted: Vec::new(),
            wrong: Vec::new(),
            synonyms: syn,
        };
        m.accepted = accepted.iter().map(|a| Known::new(m.prepare(a))).collect();
        m.wrong = wrong.iter().map(|w| Known::new(m.prepare(w))).collect();
        m
    }

    /// Normalized and synonym-mapped form, the only form answers are compared in.
    fn prepare(&self, s: &str) -> String {
        self.map_synonyms(&normalize(s))
    }

    fn map_synonyms(&self, text: &str) -> String {
        if self.synonyms.is_empty() || text.is_empty() {
            return text.to_owned();
        }
        let words: Vec<&str> = text.split(' ').collect();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < words.len() {
            let rest = &words[i..];
            let hit = self
                .synonyms
                .iter()
                .find(|(p, _)| p.len() <= rest.len() && rest.iter().zip(p).all(|(a, b)| *a == b));
            if !out.is_empty() {
                out.push(' ');
            }
            match hit {
                Some((p, canonical)) => {
                    out.push_str(canonical);
                    i += p.len();
                }
                None => {
                    out.push_str(words[i]);
                    i += 1;
                }
            }
        }
        out
    }

    /// Exact matches first; otherwise the nearest typo-tolerant match, a wrong answer winning
    /// ties, because accepting a near-miss of a wrong answer is the costly mistake.
    pub fn judge(&self, typed: &str) -> Verdict {
        let norm = normalize(typed);
        if norm.is_empty() {
            return Verdict::Empty;
        }
        let text = self.map_synonyms(&norm);
        if let Some(index) = self.wrong.iter().position(|k| k.text == text) {
            return Verdict::KnownWrong { index, typo: false };
        }
        if let Some(index) = self.accepted.iter().position(|k| k.text == text) {
            return Verdict::Accepted { index, typo: false };
        }
        if text.chars().count() > FUZZY_MAX_CHARS {
            return Verdict::Unknown;
        }
        let typed = Known::new(text);
        let mut scratch = Vec::new();
        // (distance, is_accepted, index): wrong sorts before accepted on equal distance.
        let mut best: Option<(usize, bool, usize)> = None;
        let lists = [(false, &self.wrong), (true, &self.accepted)];
        for (is_acc, list) in lists {
            for (index, known) in list.iter().enumerate() {
                if let Some(d) = fuzzy_distance(&typed, known, &mut scratch) {
                    let cand = (d, is_acc, index);
                    if best.is_none_or(|b| cand < b) {
                        best = Some(cand);
                    }
                }
            }
        }
        match best {
            Some((_, true, index)) => Verdict::Accepted { index, typo: true },
            Some((_, false, index)) => Verdict::KnownWrong { index, typo: true },
            None => Verdict::Unknown,
        }
    }
}

/// Edits allowed in one word, by the expected word's length in chars.
fn allowance(expected_len: usize) -> usize {
    match expected_len {
        0..4 => 0,
        4..8 => 1,
        _ => 2,
    }
}

/// Total edit distance when every word is within its allowance; words with digits must be
/// equal, since a near-miss dose is a different dose.
fn fuzzy_distance(typed: &Known, known: &Known, scratch: &mut Vec<usize>) -> Option<usize> {
    if typed.words.len() != known.words.len() {
        return None;
    }
    let mut total = 0;
    for i in 0..known.words.len() {
        let (t, t_digit) = typed.word(i);
        let (k, k_digit) = known.word(i);
        if t_digit || k_digit {
            if t != k {
                return None;
            }
            continue;
        }
        total += osa(t, k, allowance(k.len()), scratch)?;
    }
    Some(total)
}

/// Optimal-string-alignment distance (adjacent transposition = 1 edit), or `None` once it
/// must exceed `limit`. `buf` is reused across calls to avoid allocating per word.
fn osa(a: &[char], b: &[char], limit: usize, buf: &mut Vec<usize>) -> Option<usize> {
    if a == b {
        return Some(0);
    }
    if limit == 0 || a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let w = b.len() + 1;
    buf.clear();
    buf.resize(3 * w, 0);
    for (j, cell) in buf[..w].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = ((i % 3) * w, ((i - 1) % 3) * w, ((i + 1) % 3) * w);
        buf[cur] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (buf[prev + j] + 1)
                .min(buf[cur + j - 1] + 1)
                .min(buf[prev + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(buf[prev2 + j - 2] + 1);
            }
            buf[cur + j] = v;
            row_min = row_min.min(v);
        }
        // Safe for OSA too: a transposition from row i-1 is never cheaper than row i's best + 1.
        if row_min > limit {
            return None;
        }
    }
    let d = buf[(a.len() % 3) * w + b.len()];
    (d <= limit).then_some(d)
}

/// Normalized form used for comparing (exposed for diffs and tests).
pub fn normalize(s: &str) -> String {
    normalize_with(s, true)
}

/// NFKC, lower case, punctuation to single spaces (keeping `%` and decimal points/commas,
/// since "6.5" and "65" differ), trimmed; optionally drops a leading article.
fn normalize_with(s: &str, drop_article: bool) -> String {
    // ASCII is already in NFKC form; skipping the decomposition makes grading several times
    // faster for the usual answer.
    if s.is_ascii() {
        normalize_chars(
            s.chars().map(|c| c.to_ascii_lowercase()),
            s.len(),
            drop_article,
        )
    } else {
        normalize_chars(s.nfkc().flat_map(char::to_lowercase), s.len(), drop_article)
    }
}

fn normalize_chars(chars: impl Iterator<Item = char>, len: usize, drop_article: bool) -> String {
    let mut out = String::with_capacity(len);
    let mut chars = chars.peekable();
    let mut prev = ' ';
    let mut gap = false;
    while let Some(c) = chars.next() {
        let keep = c.is_alphanumeric()
            || c == '%'
            || is_combining_mark(c)
            || ((c == '.' || c == ',')
                && prev.is_numeric()
                && chars.peek().is_some_and(|n| n.is_numeric()));
        prev = c;
        if !keep {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        out.push(c);
    }
    if drop_article {
        // Only when words follow: an answer of just "a" (e.g. a vitamin) stays.
        for article in ["a ", "an ", "the "] {
            if out.starts_with(article) {
                out.replace_range(..article.len(), "");
                break;
            }
        }
    }
    out
}

/// Word-level diff of typed vs expected (both shown normalized), for feedback.
/// Runs of the same kind are merged; in a replacement the typed words come first.
pub fn word_diff(typed: &str, expected: &str) -> Vec<DiffPart> {
    let (t_norm, e_norm) = (normalize(typed), normalize(expected));
    let t: Vec<&str> = t_norm.split(' ').filter(|w| !w.is_empty()).collect();
    let e: Vec<&str> = e_norm.split(' ').filter(|w| !w.is_empty()).collect();
    let pre = t.iter().zip(&e).take_while(|(a, b)| a == b).count();
    let (t_rest, e_rest) = (&t[pre..], &e[pre..]);
    let suf = t_rest
        .iter()
        .rev()
        .zip(e_rest.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (tm, em) = (&t_rest[..t_rest.len() - suf], &e_rest[..e_rest.len() - suf]);

    let mut parts = Vec::new();
    for w in &t[..pre] {
        push(&mut parts, DiffPart::Same, w);
    }
    let (n, m) = (tm.len(), em.len());
    if n.saturating_mul(m) > DIFF_MAX_CELLS {
        tm.iter().for_each(|w| push(&mut parts, DiffPart::Typed, w));
        em.iter()
            .for_each(|w| push(&mut parts, DiffPart::Expected, w));
    } else {
        // lcs[i * (m + 1) + j] = LCS length of tm[i..] and em[j..].
        let mut lcs = vec![0u32; (n + 1) * (m + 1)];
        let at = |i: usize, j: usize| i * (m + 1) + j;
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[at(i, j)] = if tm[i] == em[j] {
                    lcs[at(i + 1, j + 1)] + 1
                } else {
                    lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && tm[i] == em[j] {
                push(&mut parts, DiffPart::Same, tm[i]);
                (i, j) = (i + 1, j + 1);
            } else if i < n && (j == m || lcs[at(i + 1, j)] >= lcs[at(i, j + 1)]) {
                push(&mut parts, DiffPart::Typed, tm[i]);
                i += 1;
            } else {
                push(&mut parts, DiffPart::Expected, em[j]);
                j += 1;
            }
        }
    }
    for w in &t_rest[t_rest.len() - suf..] {
        push(&mut parts, DiffPart::Same, w);
    }
    parts
}

/// Appends `word` to the last part when it is the same kind, else starts a new part.
fn push(parts: &mut Vec<DiffPart>, kind: fn(String) -> DiffPart, word: &str) {
    let new = kind(word.to_owned());
    if let Some(last) = parts.last_mut() {
        let same_kind = std::mem::discriminant(last) == std::mem::discriminant(&new);
        if same_kind {
            let (DiffPart::Same(s) | DiffPart::Typed(s) | DiffPart::Expected(s)) = last;
            s.push(' ');
            s.push_str(word);
            return;
        }
    }
    parts.push(new);
}

#[cfg(test)]
#[path = "text_tests.rs"]
mod tests;
