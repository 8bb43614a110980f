//! A question missed in a practice quiz or a review comes back once in the same session, after
//! a few others, with its options in a new order: retrieval a little later is what makes a
//! correction stick. Drills and exams ask each question once (they measure, not teach).

use crate::quiz::Question;

/// Fewest and most other questions between a miss and its second asking.
pub const GAP: std::ops::RangeInclusive<usize> = 3..=5;

/// How many others come between question `index` and its second asking, from the session's
/// seed, so the same quiz always brings a miss back at the same place.
pub fn gap(seed: u64, index: usize) -> usize {
    let span = GAP.end() - GAP.start() + 1;
    GAP.start() + ((seed as usize) ^ index.wrapping_mul(0x9e37)) % span
}

/// Where the second asking of question `index` goes: after `gap` others (or at the end of a
/// shorter quiz), never between two steps of an unfolding case, and not next to a question on
/// the same sentence: at another gap of [`GAP`], else a later place, else a nearer one, if
/// one is clear.
pub fn position(questions: &[Question], again: &[bool], index: usize, gap: usize) -> usize {
    let sentence = questions.get(index).and_then(crate::quiz::draw::primary);
    // A place before a question already waiting to come back pushes it one further from its
    // miss: only where it stays within the gap.
    let is_again = |j: usize| again.get(j).copied().unwrap_or(false);
    let pushes_too_far = |at: usize| {
        (at..questions.len()).filter(|&j| is_again(j)).any(|j| {
            let id = &questions[j].id;
            let first = (0..j)
                .rev()
                .find(|&i| !is_again(i) && &questions[i].id == id);
            first.is_some_and(|o| j - o > *GAP.end())
        })
    };
    // The gaps of GAP first, then later places (near the end they all fall together), then
    // nearer ones.
    let gaps = (gap..=*GAP.end())
        .chain(*GAP.start()..gap)
        .chain(GAP.end() + 1..questions.len())
        .chain(0..*GAP.start());
    let places: Vec<usize> = gaps.map(|g| place(questions, index, g)).collect();
    let clear = |&at: &usize| {
        let before = at.checked_sub(1).and_then(|i| questions.get(i));
        [before, questions.get(at)]
            .into_iter()
            .flatten()
            .all(|q| crate::quiz::draw::primary(q) != sentence)
    };
    let fits = |at: &usize| clear(at) && !pushes_too_far(*at);
    let first_fit = places.iter().copied().find(fits);
    first_fit
        .or_else(|| places.iter().copied().find(clear))
        .unwrap_or_else(|| place(questions, index, gap))
}

/// After `gap` others (or at the end), moved past the later steps of an unfolding case.
fn place(questions: &[Question], index: usize, gap: usize) -> usize {
    let mut at = (index + 1 + gap).min(questions.len());
    while questions
        .get(at)
        .and_then(Question::step)
        .is_some_and(|s| s.number > 1)
    {
        at += 1;
    }
    at
}

/// `q` again with its options in a new order (see [`crate::quiz::fresh::reordered`]), so the
/// letter of the key is not what is remembered.
pub fn reshuffled(q: &Question, seed: u64, index: usize) -> Question {
    crate::quiz::fresh::reordered(q, seed ^ (index as u64).rotate_left(32))
}

impl super::Session {
    /// Question `index`'s number as the learner counts them: the first tries are 1 to N, and
    /// a question asked again keeps its number, so the count never grows during a quiz.
    pub fn number(&self, index: usize) -> usize {
        let first = |i: usize| !self.again_at(i);
        let qs = &self.questions;
        let original = match qs.get(index) {
            Some(q) if !first(index) => (0..index).rev().find(|&i| first(i) && qs[i].id == q.id),
            _ => None,
        };
        let at = original.unwrap_or(index);
        (0..=at.min(qs.len().saturating_sub(1)))
            .filter(|&i| first(i))
            .count()
            .max(1)
    }
}
