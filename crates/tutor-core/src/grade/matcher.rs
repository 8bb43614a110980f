//! Free-text answer matching for short answers and cloze blanks (Moodle PMatch style).
//!
//! Answers are normalized, then read word by word against every known answer, where each word
//! may be inflected ("therapies"), replaced by a synonym and misspelled within its allowance,
//! but never replaced by a declared opposite. The nearest known answer decides, a known-wrong
//! one winning ties, so a near-miss on another drug is wrong. An answer that matches nothing
//! as a whole is judged in parts ("surgery followed by radiotherapy"): right when every part
//! is, wrong with feedback when any part is a known-wrong answer.

use super::compound::{self, Part};
use super::graph::{Graph, Lexicon};
use super::text::{normalize, normalize_with};
use super::word::Word;

/// Typed answers longer than this (in chars, normalized) are compared exactly only and not
/// split into parts, which keeps grading bounded on pasted junk.
const FUZZY_MAX_CHARS: usize = 1000;

/// Precomputed known answers of one free-text question.
pub struct Matcher {
    accepted: Vec<Known>,
    wrong: Vec<Known>,
}

/// Outcome of judging one typed answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Matches accepted answer `index` (in parts: every part matched one, `index` the first
    /// part's); `typo` when only within the typo allowance.
    Accepted { index: usize, typo: bool },
    /// Matches known-wrong answer `index` (in parts: the first part that is known wrong).
    KnownWrong { index: usize, typo: bool },
    /// Matches nothing known.
    Unknown,
    /// Nothing but spaces or punctuation.
    Empty,
}

/// A verdict, and for an answer judged in parts, each part with its own verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    pub verdict: Verdict,
    /// Empty unless the answer as a whole matched nothing and has several parts.
    pub parts: Vec<(Part, Verdict)>,
}

/// One known answer: its normalized text (for exact comparison of long input) and its graph.
struct Known {
    text: String,
    graph: Graph,
}

impl Matcher {
    /// `accepted`: correct answers; `wrong`: known-wrong answers (feedback is looked up by index);
    /// `synonyms`: groups of interchangeable words or phrases.
    pub fn new(accepted: &[String], wrong: &[String], synonyms: &[Vec<String>]) -> Matcher {
        Matcher::with_opposites(accepted, wrong, synonyms, &[])
    }

    /// [`Matcher::new`], with groups of words that are never taken as typos of one another
    /// ("maximize" and "minimize" are two edits apart).
    pub fn with_opposites(
        accepted: &[String],
        wrong: &[String],
        synonyms: &[Vec<String>],
        opposites: &[Vec<String>],
    ) -> Matcher {
        let normalized = |groups: &[Vec<String>]| -> Vec<Vec<String>> {
            groups
                .iter()
                .map(|g| g.iter().map(|w| normalize_with(w, false)).collect())
                .collect()
        };
        let lexicon = Lexicon::new(&normalized(synonyms), &normalized(opposites));
        let known = |list: &[String]| -> Vec<Known> {
            list.iter()
                .map(|a| {
                    let text = normalize(a);
                    let graph = Graph::new(&Word::split(&text), &lexicon);
                    Known { text, graph }
                })
                .collect()
        };
        Matcher {
            accepted: known(accepted),
            wrong: known(wrong),
        }
    }

    /// The verdict on `typed`; see [`Matcher::assess`].
    pub fn judge(&self, typed: &str) -> Verdict {
        self.assess(typed).verdict
    }

    /// Judges `typed` as a whole; when that matches nothing, in parts.
    pub fn assess(&self, typed: &str) -> Assessment {
        let norm = normalize(typed);
        let verdict = self.judge_whole(&norm);
        let fuzzy = norm.chars().count() <= FUZZY_MAX_CHARS;
        if verdict != Verdict::Unknown || !fuzzy {
            return Assessment {
                verdict,
                parts: Vec::new(),
            };
        }
        let parts = compound::split(typed);
        if parts.len() < 2 {
            return Assessment {
                verdict,
                parts: Vec::new(),
            };
        }
        let parts: Vec<(Part, Verdict)> = parts
            .into_iter()
            .map(|p| {
                let v = self.judge_whole(&p.text);
                (p, v)
            })
            .collect();
        Assessment {
            verdict: combine(parts.iter().map(|(_, v)| *v)),
            parts,
        }
    }

    /// The nearest accepted answer to `answer` as a whole, and how many edits away; `None`
    /// beyond the typo allowance. For `check`: a wrong answer near an accepted one.
    pub fn nearest_accepted(&self, answer: &str) -> Option<(usize, usize)> {
        let norm = normalize(answer);
        if norm.chars().count() > FUZZY_MAX_CHARS {
            let exact = self.accepted.iter().position(|k| k.text == norm);
            return exact.map(|index| (index, 0));
        }
        let words = Word::split(&norm);
        let mut buf = Vec::new();
        nearest(&self.accepted, &norm, &words, &mut buf)
    }

    /// Exact matches of the normalized text first; otherwise the nearest match, a wrong
    /// answer winning ties, because accepting a near-miss of a wrong answer is the costly
    /// mistake.
    fn judge_whole(&self, norm: &str) -> Verdict {
        if norm.is_empty() {
            return Verdict::Empty;
        }
        if let Some(index) = self.wrong.iter().position(|k| k.text == norm) {
            return Verdict::KnownWrong { index, typo: false };
        }
        if let Some(index) = self.accepted.iter().position(|k| k.text == norm) {
            return Verdict::Accepted { index, typo: false };
        }
        if norm.chars().count() > FUZZY_MAX_CHARS {
            return Verdict::Unknown;
        }
        let words = Word::split(norm);
        let mut buf = Vec::new();
        let wrong = nearest(&self.wrong, norm, &words, &mut buf);
        let accepted = nearest(&self.accepted, norm, &words, &mut buf);
        match (wrong, accepted) {
            (Some((w, dw)), Some((_, da))) if dw <= da => Verdict::KnownWrong {
                index: w,
                typo: dw > 0,
            },
            (_, Some((a, da))) => Verdict::Accepted {
                index: a,
                typo: da > 0,
            },
            (Some((w, dw)), None) => Verdict::KnownWrong {
                index: w,
                typo: dw > 0,
            },
            (None, None) => Verdict::Unknown,
        }
    }
}

/// The first of `known` nearest to the answer, with its distance.
fn nearest(
    known: &[Known],
    norm: &str,
    words: &[Word],
    buf: &mut Vec<usize>,
) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for (index, k) in known.iter().enumerate() {
        let d = if k.text == norm {
            Some(0)
        } else {
            k.graph.distance(words, buf)
        };
        if let Some(d) = d
            && best.is_none_or(|(_, b)| d < b)
        {
            best = Some((index, d));
        }
    }
    best
}

/// The verdict on an answer from its parts': the first known-wrong part; else right when
/// every part is right (a typo when any part has one); else unknown.
fn combine(parts: impl Iterator<Item = Verdict> + Clone) -> Verdict {
    if let Some(wrong) = parts
        .clone()
        .find(|v| matches!(v, Verdict::KnownWrong { .. }))
    {
        return wrong;
    }
    let mut first = None;
    let mut typo = false;
    for v in parts {
        match v {
            Verdict::Accepted { index, typo: t } => {
                first.get_or_insert(index);
                typo |= t;
            }
            _ => return Verdict::Unknown,
        }
    }
    first.map_or(Verdict::Unknown, |index| Verdict::Accepted { index, typo })
}

#[cfg(test)]
#[path = "matcher_tests.rs"]
mod tests;
