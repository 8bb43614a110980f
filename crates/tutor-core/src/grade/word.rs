//! One word as free text is compared, and how far a typed word may be from a known one.

use super::stem::stem;

/// A normalized word, with its stem, as chars so that distances need no re-decoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Word {
    surface: Vec<char>,
    stem: Vec<char>,
    /// Words with digits are never fuzzy: a near-miss dose is a different dose.
    digit: bool,
}

impl Word {
    pub fn new(word: &str) -> Word {
        let surface: Vec<char> = word.chars().collect();
        Word {
            stem: stem(&surface),
            digit: surface.iter().any(|c| c.is_numeric()),
            surface,
        }
    }

    /// The words of a normalized text (single spaces between words).
    pub fn split(text: &str) -> Vec<Word> {
        text.split(' ')
            .filter(|w| !w.is_empty())
            .map(Word::new)
            .collect()
    }

    /// Same word up to inflection ("therapies" and "therapy").
    pub fn same_stem(&self, other: &Word) -> bool {
        self.stem == other.stem
    }
}

/// Edits allowed in one word, by the expected word's length in chars.
pub(super) fn allowance(expected_len: usize) -> usize {
    match expected_len {
        0..4 => 0,
        4..8 => 1,
        _ => 2,
    }
}

/// Edits from `typed` to `known`: 0 when their stems agree (an inflection is no typo),
/// otherwise the fewest edits between the words or between their stems, each within the
/// allowance for the known one; `None` beyond it, and for any difference in a word with digits.
/// `buf` is reused across calls so that comparing allocates once.
pub(super) fn distance(typed: &Word, known: &Word, buf: &mut Vec<usize>) -> Option<usize> {
    if typed.same_stem(known) {
        return Some(0);
    }
    if typed.digit || known.digit {
        return None;
    }
    let words = osa(
        &typed.surface,
        &known.surface,
        allowance(known.surface.len()),
        buf,
    );
    let stems = osa(&typed.stem, &known.stem, allowance(known.stem.len()), buf);
    match (words, stems) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Optimal-string-alignment distance (adjacent transposition = 1 edit), or `None` once it
/// must exceed `limit`. `buf` is reused across calls to avoid allocating per word.
pub(super) fn osa(a: &[char], b: &[char], limit: usize, buf: &mut Vec<usize>) -> Option<usize> {
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
