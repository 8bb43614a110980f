//! A known answer as a small word graph: every path from start to end is one way of writing
//! the answer, with each word or phrase that has synonyms replaced by any of them. Typed words
//! are read along it with typo costs, so a misspelled synonym ("radiotherpy") matches as well
//! as a misspelled head word.

use super::word::{Word, distance};

/// Synonyms inside synonyms are expanded this deep ("palliative treatment" inside a group
/// also matches "palliative therapy" when therapy/treatment is a group), and no deeper.
const MAX_DEPTH: usize = 2;
/// Edges one answer's graph may grow to by synonym expansion; beyond it a phrase is kept only
/// as written, so a course with huge synonym groups cannot make grading slow.
const MAX_EDGES: usize = 2_048;

const START: usize = 0;
const END: usize = 1;

/// The synonym groups and opposites of one question, as words.
pub(super) struct Lexicon {
    /// Every synonym phrase with its group, longest first (an earlier group first among
    /// equals), so a phrase wins over its own prefix.
    phrases: Vec<(Vec<Word>, usize)>,
    /// Each group's phrases, as indices into `phrases`.
    groups: Vec<Vec<usize>>,
    opposites: Vec<Vec<Word>>,
}

impl Lexicon {
    /// `synonyms` and `opposites` as normalized texts, one group per list; empty members are
    /// left out.
    pub fn new(synonyms: &[Vec<String>], opposites: &[Vec<String>]) -> Lexicon {
        let mut phrases: Vec<(Vec<Word>, usize)> = Vec::new();
        for (group, members) in synonyms.iter().enumerate() {
            for member in members {
                let words = Word::split(member);
                if !words.is_empty() {
                    phrases.push((words, group));
                }
            }
        }
        // Stable: among equal lengths the earlier group wins.
        phrases.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let mut groups = vec![Vec::new(); synonyms.len()];
        for (i, (_, group)) in phrases.iter().enumerate() {
            groups[*group].push(i);
        }
        let opposites = opposites
            .iter()
            .map(|g| g.iter().flat_map(|w| Word::split(w)).collect())
            .collect();
        Lexicon {
            phrases,
            groups,
            opposites,
        }
    }

    /// The longest synonym phrase that `words` starts with, not of group `skip`: its length
    /// and group.
    fn phrase_at(&self, words: &[Word], skip: Option<usize>) -> Option<(usize, usize)> {
        self.phrases
            .iter()
            .find(|(p, g)| {
                Some(*g) != skip
                    && p.len() <= words.len()
                    && p.iter().zip(words).all(|(a, b)| a.same_stem(b))
            })
            .map(|(p, g)| (p.len(), *g))
    }

    /// Words declared opposite to `w`: the others of every opposites group holding it.
    fn opposites_of(&self, w: &Word) -> Vec<Word> {
        self.opposites
            .iter()
            .filter(|g| g.iter().any(|o| o.same_stem(w)))
            .flatten()
            .filter(|o| !o.same_stem(w))
            .cloned()
            .collect()
    }
}

/// One word to read between two nodes.
struct Edge {
    from: usize,
    to: usize,
    word: Word,
    /// A typed word within the typo allowance of one of these is never taken for `word`.
    opposites: Vec<Word>,
}

impl Edge {
    fn cost(&self, typed: &Word, buf: &mut Vec<usize>) -> Option<usize> {
        let d = distance(typed, &self.word, buf)?;
        let opposite = d > 0
            && self
                .opposites
                .iter()
                .any(|o| distance(typed, o, buf).is_some());
        (!opposite).then_some(d)
    }
}

pub(super) struct Graph {
    edges: Vec<Edge>,
    nodes: usize,
}

impl Graph {
    /// The graph of a known answer's `words` (empty words give a graph nothing matches).
    pub fn new(words: &[Word], lexicon: &Lexicon) -> Graph {
        let mut g = Graph {
            edges: Vec::new(),
            nodes: 2,
        };
        g.add_path(words, START, END, lexicon, 0, None);
        g
    }

    fn new_node(&mut self) -> usize {
        self.nodes += 1;
        self.nodes - 1
    }

    /// Paths from `from` to `to` reading `words`, each synonym phrase (not of group `within`,
    /// whose member this is) widened to its whole group: as written first, then the others
    /// while the edge budget lasts.
    fn add_path(
        &mut self,
        words: &[Word],
        from: usize,
        to: usize,
        lexicon: &Lexicon,
        depth: usize,
        within: Option<usize>,
    ) {
        let mut at = from;
        let mut i = 0;
        while i < words.len() {
            let phrase = (depth < MAX_DEPTH)
                .then(|| lexicon.phrase_at(&words[i..], within))
                .flatten();
            let len = phrase.map_or(1, |(len, _)| len);
            let next = if i + len == words.len() {
                to
            } else {
                self.new_node()
            };
            self.add_literal(&words[i..i + len], at, next, lexicon);
            if let Some((_, group)) = phrase {
                for &p in &lexicon.groups[group] {
                    if self.edges.len() >= MAX_EDGES {
                        break;
                    }
                    let member = &lexicon.phrases[p].0;
                    if member[..] != words[i..i + len] {
                        self.add_path(member, at, next, lexicon, depth + 1, Some(group));
                    }
                }
            }
            at = next;
            i += len;
        }
    }

    /// One path reading `words` exactly as given.
    fn add_literal(&mut self, words: &[Word], from: usize, to: usize, lexicon: &Lexicon) {
        let mut at = from;
        for (i, w) in words.iter().enumerate() {
            let next = if i + 1 == words.len() {
                to
            } else {
                self.new_node()
            };
            self.edges.push(Edge {
                from: at,
                to: next,
                word: w.clone(),
                opposites: lexicon.opposites_of(w),
            });
            at = next;
        }
    }

    /// Fewest edits, summed over words, to read `typed` along some path from start to end;
    /// `None` when no path takes every word within its allowance. Work is bounded by the
    /// words times the edges, and stops once no path is left.
    pub fn distance(&self, typed: &[Word], buf: &mut Vec<usize>) -> Option<usize> {
        let mut cur = vec![usize::MAX; self.nodes];
        let mut next = vec![usize::MAX; self.nodes];
        cur[START] = 0;
        for t in typed {
            next.fill(usize::MAX);
            let mut reached = false;
            for e in &self.edges {
                let Some(before) = cur.get(e.from).copied().filter(|&c| c != usize::MAX) else {
                    continue;
                };
                if let Some(d) = e.cost(t, buf) {
                    let slot = &mut next[e.to];
                    *slot = (*slot).min(before + d);
                    reached = true;
                }
            }
            if !reached {
                return None;
            }
            std::mem::swap(&mut cur, &mut next);
        }
        Some(cur[END]).filter(|&d| d != usize::MAX)
    }
}
