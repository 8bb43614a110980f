//! Composing a quiz: which items and cases, in which order, from one seed.

use super::{Question, case, from_item};
use crate::course::Course;
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
    let mut blocks: Vec<Vec<Question>> = items
        .iter()
        .take(spec.count - want_cases.min(spec.count))
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
    // Steps of an unfolding case stay together and in order; whole questions are shuffled.
    blocks.shuffle(&mut rng);
    Ok(blocks.into_iter().flatten().collect())
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
