//! Free text as the grader sees it: normalization, and the word diff shown in feedback. The
//! matching itself is in [`Matcher`] (from `matcher.rs`, with its parts in `word.rs`,
//! `stem.rs`, `graph.rs` and `compound.rs`).

pub use super::compound::Part;
pub use super::matcher::{Assessment, Matcher, Verdict};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Largest LCS table `word_diff` builds; beyond it the differing middle is shown as a block.
const DIFF_MAX_CELLS: usize = 1 << 20;

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

/// Normalized form used for comparing (exposed for diffs and tests).
pub fn normalize(s: &str) -> String {
    normalize_with(s, true)
}

/// The normalized words of `s`, a leading article kept (for splitting an answer into parts).
pub(super) fn normalize_words(s: &str) -> Vec<String> {
    let norm = normalize_with(s, false);
    norm.split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// NFKC, lower case, punctuation to single spaces (keeping `%` and decimal points/commas,
/// since "6.5" and "65" differ), trimmed; optionally drops a leading article.
pub(super) fn normalize_with(s: &str, drop_article: bool) -> String {
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
