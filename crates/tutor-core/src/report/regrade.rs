//! Regrading stored answers against the course as it is now: after a key is corrected, the
//! report's marks follow the course, and the instructor sees what changed.
//!
//! Each answer is graded again as it was given: a choice by the option ids it was shown (its
//! letters mean the same options whatever the course's order now), a typed answer by the
//! item's current answers, synonyms and known wrong answers; a case by its template's case
//! for the stored seed (the same step of an unfolding one). An answer whose question the
//! course no longer has, or that ran out of time, keeps its mark.

use crate::course::Course;
use crate::grade::{self, Answer};
use crate::quiz::{Question, case, from_item};
use crate::store::Attempt;
use rand::SeedableRng;

/// One stored answer whose mark the current course changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub user: String,
    pub question: String,
    pub drill: Option<String>,
    /// The answer as recorded (letters or text).
    pub answer: String,
    /// The mark recorded, and the mark now.
    pub was: bool,
    pub now: bool,
}

/// Grades every attempt again against `course`, updating `correct` (and `typo`); returns
/// the changes.
pub fn regrade(course: &Course, attempts: &mut [Attempt]) -> Vec<Change> {
    let mut changes = Vec::new();
    for a in attempts.iter_mut() {
        let Some(now) = mark(course, a) else { continue };
        if now.0 != a.correct {
            changes.push(Change {
                user: a.user.clone(),
                question: a.question.clone(),
                drill: a.drill.clone(),
                answer: a.answer.clone(),
                was: a.correct,
                now: now.0,
            });
        }
        (a.correct, a.typo) = now;
    }
    changes
}

/// The mark (right, with a typo) the current course gives attempt `a`, if it can be given.
fn mark(course: &Course, a: &Attempt) -> Option<(bool, bool)> {
    if a.timed_out {
        return None;
    }
    let q = question_as_shown(course, a)?;
    let answer = if q.is_free_text() {
        Answer::Text(a.answer.clone())
    } else {
        Answer::Choices(grade::parse_choices(&q, &a.answer).ok()?)
    };
    let outcome = grade::grade(&q, &answer);
    Some((outcome.correct, outcome.typo))
}

/// The question of `a` as the current course makes it, its options in the order `a` was
/// shown them; `None` when the course no longer has them all.
pub fn question_as_shown(course: &Course, a: &Attempt) -> Option<Question> {
    let mut q = if let Some(id) = &a.item {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(0);
        from_item(course, course.item(id)?, &mut rng)
    } else {
        let t = course.case_template(a.template.as_deref()?)?;
        let all = case::generate(t, a.case_seed?).ok()?;
        all.into_iter()
            .find(|q| q.step().map(|s| s.number) == a.step)?
    };
    if !q.is_free_text() {
        let shown: Option<Vec<_>> = a
            .options
            .iter()
            .map(|id| q.options.iter().find(|o| &o.id == id).cloned())
            .collect();
        q.options = shown?;
    }
    Some(q)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Context;
    use crate::quiz::drill::DrillSpec;
    use crate::store::Mode;

    /// The attempts of one student who answered `spec`'s drill with each question's key.
    fn answered_right(course: &Course, spec: &DrillSpec) -> Vec<Attempt> {
        let ctx = Context {
            quiz_seed: spec.seed,
            mode: Mode::Drill,
            drill: Some("d".into()),
            drill_settings: None,
            seconds: 1.0,
            at_ms: 0,
            timed_out: false,
        };
        let qs = spec.questions(course).expect("drill");
        qs.iter()
            .map(|q| {
                let answer = match &q.free {
                    Some(f) => Answer::Text(f.accept[0].clone()),
                    None => Answer::Choices(q.key()),
                };
                let outcome = grade::grade(q, &answer);
                crate::progress::attempt_of(course, "ann", q, &answer, &outcome, &ctx)
            })
            .collect()
    }

    #[test]
    fn a_corrected_key_changes_the_marks_given_under_the_old_one_and_nothing_else() {
        let course = Course::embedded().expect("course");
        let spec = DrillSpec {
            seed: 3,
            count: 10,
            ..DrillSpec::default()
        };
        let mut attempts = answered_right(&course, &spec);
        assert!(
            regrade(&course, &mut attempts.clone()).is_empty(),
            "the same course"
        );
        // Move the key of the first choice item to another option.
        let choice = attempts
            .iter()
            .find(|a| a.item.is_some() && !a.options.is_empty())
            .expect("a fixed choice item")
            .clone();
        let mut fixed = course.clone();
        let item = fixed
            .items
            .iter_mut()
            .find(|i| Some(&i.id) == choice.item.as_ref())
            .expect("item");
        let old = item.options.iter().position(|o| o.correct).expect("a key");
        item.options[old].correct = false;
        let n = item.options.len();
        item.options[(old + 1) % n].correct = true;
        let changes = regrade(&fixed, &mut attempts);
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(
            (changes[0].question.as_str(), changes[0].was, changes[0].now),
            (choice.question.as_str(), true, false)
        );
        let regraded = attempts
            .iter()
            .find(|a| a.question == choice.question)
            .expect("it");
        assert!(!regraded.correct, "the report uses the new mark");
        assert_eq!(
            attempts.iter().filter(|a| a.correct).count(),
            attempts.len() - 1
        );
    }
}
