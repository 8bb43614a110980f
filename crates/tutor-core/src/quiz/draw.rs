//! Composing a quiz: which items and cases, in which order, from one seed.

use super::{Question, case, from_item};
use crate::course::Course;
use crate::course::spec::ItemSpec;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashSet;

/// What to put in a quiz. The same spec on the same course always gives the same quiz.
#[derive(Debug, Clone, Default)]
pub struct QuizSpec {
    pub seed: u64,
    pub count: usize,
    /// Only these lessons' items and cases; all when empty.
    pub lessons: Vec<String>,
    /// Generated cases only, no fixed items.
    pub cases_only: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DrawError {
    #[error("unknown lesson `{0}`")]
    UnknownLesson(String),
    #[error("the chosen lessons have no questions")]
    Empty,
    #[error(transparent)]
    Case(#[from] case::CaseError),
}

/// Attempts at a new case variant before a template counts as exhausted.
const CASE_RETRIES: usize = 20;

/// Draws `spec.count` distinct questions (fewer if the pool is smaller): about a third
/// generated cases in a practice quiz, all cases with `cases_only`. Each step of an unfolding
/// case is a question; a case is drawn only when all its steps fit.
pub fn draw(course: &Course, spec: &QuizSpec) -> Result<Vec<Question>, DrawError> {
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let (mut items, mut templates) = pool(course, &spec.lessons)?;
    if spec.cases_only {
        items.clear();
    }
    if items.is_empty() && templates.is_empty() {
        return Err(DrawError::Empty);
    }
    items.shuffle(&mut rng);
    templates.shuffle(&mut rng);

    let want_cases = if templates.is_empty() {
        0
    } else if items.is_empty() {
        spec.count
    } else {
        spec.count
            .div_ceil(3)
            .max(spec.count.saturating_sub(items.len()))
    };
    let items = varied(&items, spec.count - want_cases.min(spec.count));
    let mut blocks: Vec<Vec<Question>> = items
        .iter()
        .map(|it| vec![from_item(course, it, &mut rng)])
        .collect();
    let mut asked = blocks.len();

    let mut seen = HashSet::new();
    let mut misses = 0;
    let mut next = 0;
    while asked < spec.count && !templates.is_empty() && misses < CASE_RETRIES * templates.len() {
        let t = templates[next % templates.len()];
        next += 1;
        let case = case::generate(t, rng.next_u64())?;
        let fits = asked + case.len() <= spec.count;
        let first_stem = case.first().map(|q| q.stem.clone()).unwrap_or_default();
        if fits && seen.insert((t.id.clone(), first_stem)) {
            asked += case.len();
            blocks.push(case);
        } else {
            misses += 1;
        }
    }
    // Steps of an unfolding case stay together and in order; whole questions are shuffled,
    // then ordered so that no two in a row rest on the same sentence.
    blocks.shuffle(&mut rng);
    Ok(arrange(blocks))
}

/// The sentence a question rests on first: the first its key cites.
pub fn primary(q: &Question) -> Option<&str> {
    q.cites.first().map(String::as_str)
}

/// `n` of the (shuffled) `items`, as many resting on different sentences as there are, then
/// the rest in order: a quiz spans the source instead of asking one fact three times.
fn varied<'a>(items: &[&'a ItemSpec], n: usize) -> Vec<&'a ItemSpec> {
    let mut seen: HashSet<&str> = HashSet::new();
    let (mut picked, mut later): (Vec<&ItemSpec>, Vec<&ItemSpec>) = (Vec::new(), Vec::new());
    for &it in items {
        match it.cites.first() {
            Some(s) if !seen.insert(s.as_str()) => later.push(it),
            _ => picked.push(it),
        }
    }
    picked.extend(later);
    picked.truncate(n);
    picked
}

/// The questions of `blocks` in an order where no question follows one that rests on the
/// same sentence, when one exists (found by a bounded search that tries the blocks in their
/// shuffled order); otherwise in their shuffled order.
fn arrange(blocks: Vec<Vec<Question>>) -> Vec<Question> {
    let ends: Vec<(Option<&str>, Option<&str>)> = blocks
        .iter()
        .map(|b| (b.first().and_then(primary), b.last().and_then(primary)))
        .collect();
    let mut order = Vec::with_capacity(blocks.len());
    let mut used = vec![false; blocks.len()];
    let mut budget = ARRANGE_BUDGET;
    // The search recurses once per block: a very long quiz keeps its shuffled order.
    let found =
        blocks.len() <= MAX_ARRANGED && search(&ends, None, &mut used, &mut order, &mut budget);
    if !found {
        order = (0..blocks.len()).collect();
    }
    let mut blocks: Vec<Option<Vec<Question>>> = blocks.into_iter().map(Some).collect();
    order
        .into_iter()
        .flat_map(|i| blocks[i].take().unwrap_or_default())
        .collect()
}

/// Most blocks a quiz is ordered for (a long drill's tail keeps its shuffled order).
const MAX_ARRANGED: usize = 100;

/// Steps the search for an order may take: a quiz's few dozen blocks need far fewer, and a
/// pool where no order exists must not cost more.
const ARRANGE_BUDGET: usize = 20_000;

/// Depth-first: extends `order` with unused blocks whose first sentence differs from `last`.
fn search(
    ends: &[(Option<&str>, Option<&str>)],
    last: Option<&str>,
    used: &mut [bool],
    order: &mut Vec<usize>,
    budget: &mut usize,
) -> bool {
    if order.len() == ends.len() {
        return true;
    }
    for i in 0..ends.len() {
        if used[i] || (last.is_some() && ends[i].0 == last) || *budget == 0 {
            continue;
        }
        *budget -= 1;
        used[i] = true;
        order.push(i);
        if search(ends, ends[i].1, used, order, budget) {
            return true;
        }
        order.pop();
        used[i] = false;
    }
    false
}

type Pool<'a> = (
    Vec<&'a crate::course::spec::ItemSpec>,
    Vec<&'a crate::course::spec::CaseTemplateSpec>,
);

/// Items and templates of the chosen lessons (all when none are chosen), each once.
fn pool<'a>(course: &'a Course, lessons: &[String]) -> Result<Pool<'a>, DrawError> {
    if lessons.is_empty() {
        return Ok((course.items.iter().collect(), course.cases.iter().collect()));
    }
    let mut items = Vec::new();
    let mut templates = Vec::new();
    for id in lessons {
        let lesson = course
            .lesson(id)
            .ok_or_else(|| DrawError::UnknownLesson(id.clone()))?;
        for it in lesson.items.iter().filter_map(|i| course.item(i)) {
            if !items.iter().any(|x: &&_| std::ptr::eq(*x, it)) {
                items.push(it);
            }
        }
        for t in lesson.cases.iter().filter_map(|c| course.case_template(c)) {
            if !templates.iter().any(|x: &&_| std::ptr::eq(*x, t)) {
                templates.push(t);
            }
        }
    }
    Ok((items, templates))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course() -> Course {
        Course::embedded().expect("embedded course loads")
    }

    #[test]
    fn same_seed_same_quiz_and_no_repeats() {
        let c = course();
        let spec = QuizSpec {
            seed: 7,
            count: 12,
            ..Default::default()
        };
        let a = draw(&c, &spec).unwrap();
        let b = draw(&c, &spec).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.len(), 12);
        let ids: HashSet<_> = a.iter().map(|q| q.stem.clone()).collect();
        assert_eq!(ids.len(), 12, "no question repeated");
        assert!(
            a.iter()
                .any(|q| matches!(q.origin, super::super::Origin::Case { .. }))
        );
        assert!(
            a.iter()
                .any(|q| matches!(q.origin, super::super::Origin::Item { .. }))
        );
    }

    /// A 10-question practice quiz never asks two questions in a row on the same sentence,
    /// spans at least 6 sentences, and asks no item twice.
    #[test]
    fn a_practice_quiz_spans_the_source_without_repeating_a_sentence_back_to_back() {
        let c = course();
        for seed in 0..300 {
            let spec = QuizSpec {
                seed,
                count: 10,
                ..Default::default()
            };
            let qs = draw(&c, &spec).unwrap();
            let primaries: Vec<&str> = qs.iter().filter_map(primary).collect();
            assert_eq!(primaries.len(), qs.len());
            let ids: Vec<&str> = qs.iter().map(|q| q.id.as_str()).collect();
            for pair in primaries.windows(2) {
                assert_ne!(pair[0], pair[1], "seed {seed}: {primaries:?} {ids:?}");
            }
            let distinct: HashSet<&&str> = primaries.iter().collect();
            assert!(distinct.len() >= 6, "seed {seed}: {primaries:?}");
            let ids: HashSet<&str> = qs.iter().map(|q| q.id.as_str()).collect();
            assert_eq!(ids.len(), qs.len(), "seed {seed}");
        }
    }

    #[test]
    fn cases_only_has_only_cases_and_unknown_lessons_are_errors() {
        let c = course();
        let spec = QuizSpec {
            seed: 1,
            count: 5,
            cases_only: true,
            ..Default::default()
        };
        let q = draw(&c, &spec).unwrap();
        assert!(
            q.iter()
                .all(|q| matches!(q.origin, super::super::Origin::Case { .. }))
        );
        let bad = QuizSpec {
            lessons: vec!["nope".into()],
            count: 3,
            ..Default::default()
        };
        assert_eq!(draw(&c, &bad), Err(DrawError::UnknownLesson("nope".into())));
    }
}
