//! A question asked once more, so that what is remembered is the reasoning, not the letter or
//! the patient: a case comes back as a new patient from the same template (the same step of an
//! unfolding case), a fixed item with its options in a new order.

use super::{Origin, Question, case};
use crate::course::Course;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Draws tried for a case that differs from the one missed.
const TRIES: usize = 8;

/// `q` as a fresh variant for `seed`: a new case of its template when one can be drawn that
/// differs from `q`, otherwise `q` with its options reordered.
pub fn variant(course: &Course, q: &Question, seed: u64) -> Question {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    if let Origin::Case { template, step, .. } = &q.origin
        && let Some(t) = course.case_template(template)
    {
        for _ in 0..TRIES {
            let drawn = case::generate(t, rng.random()).unwrap_or_default();
            let same_step = drawn.into_iter().find(|d| d.step() == *step);
            let new_patient = |d: &Question| (&d.context, &d.stem) != (&q.context, &q.stem);
            if let Some(d) = same_step.filter(new_patient) {
                return d;
            }
        }
    }
    reordered(q, seed)
}

/// `q` with its options in a new order, drawn from `seed`: the same order only when they
/// cannot change (fewer than two, or an order the course fixes).
pub fn reordered(q: &Question, seed: u64) -> Question {
    let mut again = q.clone();
    if again.options.len() < 2 || q.fixed_order {
        return again;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    for _ in 0..TRIES {
        again.options.shuffle(&mut rng);
        if again.options != q.options {
            break;
        }
    }
    again
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::{QuizSpec, draw};

    fn quiz(course: &Course, cases_only: bool) -> Vec<Question> {
        let spec = QuizSpec {
            seed: 3,
            count: 10,
            lessons: Vec::new(),
            cases_only,
        };
        draw(course, &spec).expect("quiz")
    }

    #[test]
    fn a_case_comes_back_as_a_new_patient_at_the_same_step() {
        let course = Course::embedded().expect("course");
        for (k, q) in quiz(&course, true).iter().enumerate() {
            let again = variant(&course, q, k as u64);
            assert_ne!(
                (&again.context, &again.stem),
                (&q.context, &q.stem),
                "{}",
                q.id
            );
            assert_eq!(again.step(), q.step());
            assert_eq!(again.unit(&course), q.unit(&course));
            assert_eq!(again, variant(&course, q, k as u64), "seeded");
        }
    }

    #[test]
    fn an_item_comes_back_reordered_unless_its_order_is_fixed() {
        let course = Course::embedded().expect("course");
        for (k, q) in quiz(&course, false).iter().enumerate() {
            let again = variant(&course, q, k as u64);
            if matches!(q.origin, Origin::Case { .. }) {
                continue;
            }
            let ids = |x: &Question| x.options.iter().map(|o| o.id.clone()).collect::<Vec<_>>();
            if q.options.len() >= 2 {
                assert_ne!(ids(&again), ids(q), "{}", q.id);
            }
            assert_eq!(again.stem, q.stem);
        }
        let item = course.item("sb-second-decade").expect("a fixed-order item");
        let q = crate::quiz::from_item(&course, item, &mut ChaCha8Rng::seed_from_u64(1));
        assert!(q.fixed_order);
        assert_eq!(reordered(&q, 5), q, "numbers stay in ascending order");
    }
}
