//! A review session: due units first (most overdue first), then units never reviewed, in
//! course order; each unit asked as a fresh variant.

use super::unit::Unit;
use super::{Question, case, from_item};
use crate::course::Course;
use crate::schedule::{ReviewState, Scheduler};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;

/// Every learning unit of the course, in teaching order: each lesson's objectives that have
/// items, its items without an objective, then its case templates.
pub fn units(course: &Course) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut push = |u: Unit| {
        if !out.contains(&u) {
            out.push(u);
        }
    };
    for l in &course.lessons {
        for item in l.items.iter().filter_map(|id| course.item(id)) {
            push(Unit::of_item(item));
        }
        for t in &l.cases {
            push(Unit::Template(t.clone()));
        }
    }
    for item in &course.items {
        push(Unit::of_item(item));
    }
    for t in &course.cases {
        push(Unit::Template(t.id.clone()));
    }
    out
}

/// Units due at `now_ms`, most overdue first.
pub fn due(states: &[(String, ReviewState)], now_ms: i64) -> Vec<&str> {
    let mut d: Vec<(&str, i64)> = states
        .iter()
        .filter(|(_, s)| s.due_ms <= now_ms)
        .map(|(u, s)| (u.as_str(), s.due_ms))
        .collect();
    d.sort_by_key(|&(u, due)| (due, u));
    d.into_iter().map(|(u, _)| u).collect()
}

/// Questions for up to `count` units: due units first, then new ones. `seed` picks the
/// variants.
pub fn draw(
    course: &Course,
    states: &[(String, ReviewState)],
    now_ms: i64,
    seed: u64,
    count: usize,
) -> Vec<Question> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let known: HashMap<&str, &ReviewState> = states.iter().map(|(u, s)| (u.as_str(), s)).collect();
    let all = units(course);
    let keys: Vec<String> = all.iter().map(Unit::to_string).collect();
    let fresh = all
        .iter()
        .zip(&keys)
        .filter(|(_, k)| !known.contains_key(k.as_str()))
        .map(|(u, _)| u);
    let due = due(states, now_ms).into_iter();
    let due_in_course = due.filter_map(|k| keys.iter().position(|a| a == k).map(|i| &all[i]));
    due_in_course
        .chain(fresh)
        .take(count)
        .flat_map(|u| variant(course, u, &mut rng))
        .collect()
}

/// When the next review falls due after `now_ms`, if any is scheduled.
pub fn next_due(states: &[(String, ReviewState)], now_ms: i64) -> Option<i64> {
    let ahead = states.iter().map(|(_, s)| s.due_ms).filter(|&d| d > now_ms);
    ahead.min()
}

/// The course's units answered so far, likeliest forgotten within a week first, each with its
/// predicted recall in a week.
pub fn weakest_units(
    course: &Course,
    states: &[(String, ReviewState)],
    scheduler: &Scheduler,
    now_ms: i64,
) -> Vec<(Unit, f32)> {
    let known: HashMap<&str, &ReviewState> = states.iter().map(|(u, s)| (u.as_str(), s)).collect();
    let mut ranked: Vec<(Unit, f32)> = units(course)
        .into_iter()
        .filter_map(|u| {
            let state = known.get(u.to_string().as_str())?;
            Some((u, scheduler.recall_in_a_week(state, now_ms)))
        })
        .collect();
    ranked.sort_by(|a, b| a.1.total_cmp(&b.1));
    ranked
}

/// What the practice of the weakest sentences asks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Weakest {
    /// Answered sentences, lowest predicted recall in a week first, with it: the figure the
    /// statistics show for each sentence.
    pub sentences: Vec<(String, f32)>,
    /// For each of those sentences, the unit resting on it likeliest forgotten (each once).
    pub units: Vec<Unit>,
}

/// The `count` weakest sentences by the statistics' recall in a week, each with the unit
/// resting on it (an item's or a rule's first cite) that `ranked` (see [`weakest_units`])
/// puts first.
pub fn weakest_sentences(
    course: &Course,
    stats: &crate::report::Stats,
    ranked: &[(Unit, f32)],
    count: usize,
) -> Weakest {
    let mut sentences: Vec<(String, f32)> = stats
        .per_sentence
        .iter()
        .filter_map(|s| Some((s.id.clone(), s.recall_in_a_week?)))
        .collect();
    sentences.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut out = Weakest::default();
    for (id, recall) in sentences {
        let resting = ranked
            .iter()
            .map(|(u, _)| u)
            .find(|u| !out.units.contains(u) && rests_on(course, u, &id));
        if let Some(u) = resting {
            out.units.push(u.clone());
            out.sentences.push((id, recall));
        }
        if out.units.len() == count {
            break;
        }
    }
    out
}

/// Whether an item of unit `u`, or a rule of its template, rests first on sentence `id`.
fn rests_on(course: &Course, u: &Unit, id: &str) -> bool {
    let first = |cites: &[String]| cites.first().is_some_and(|c| c == id);
    match u {
        Unit::Template(t) => course
            .case_template(t)
            .is_some_and(|t| crate::course::template::all_rules(t).any(|r| first(&r.cites))),
        Unit::Item(i) => course.item(i).is_some_and(|i| first(&i.cites)),
        Unit::Objective(o) => course
            .items
            .iter()
            .any(|i| i.objective.as_ref() == Some(o) && first(&i.cites)),
    }
}

/// Practice of `units`, each as a fresh variant.
pub fn weakest(course: &Course, units: &[Unit], seed: u64) -> Vec<Question> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    units
        .iter()
        .flat_map(|u| variant(course, u, &mut rng))
        .collect()
}

/// Fresh questions for unit `u`: a random item of the objective, or a new case variant (every
/// step of an unfolding one).
fn variant(course: &Course, unit: &Unit, rng: &mut ChaCha8Rng) -> Vec<Question> {
    let items: Vec<_> = match unit {
        Unit::Template(id) => {
            let Some(t) = course.case_template(id) else {
                return Vec::new();
            };
            return case::generate(t, rng.next_u64()).unwrap_or_default();
        }
        Unit::Item(id) => course.item(id).into_iter().collect(),
        Unit::Objective(o) => course
            .items
            .iter()
            .filter(|i| i.objective.as_ref() == Some(o))
            .collect(),
    };
    items
        .choose(rng)
        .map(|item| vec![from_item(course, item, rng)])
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_units_come_first_then_new_units_in_course_order() {
        let course = Course::embedded().expect("course");
        let all = units(&course);
        assert!(all.len() >= 10, "objectives and templates: {all:?}");
        let st = |due_ms| ReviewState {
            stability: 1.0,
            difficulty: 5.0,
            last_ms: 0,
            due_ms,
            reps: 1,
            lapses: 0,
        };
        let states = vec![
            (all[3].to_string(), st(500)),
            (all[5].to_string(), st(100)),
            (all[0].to_string(), st(9_999)),
        ];
        let qs = draw(&course, &states, 1_000, 7, 4);
        assert_eq!(qs.len(), 4);
        let got: Vec<Unit> = qs.iter().map(|q| q.unit(&course)).collect();
        assert_eq!(got[0], all[5], "most overdue first");
        assert_eq!(got[1], all[3]);
        assert_eq!(
            got[2], all[1],
            "then the first unit never reviewed (all[0] is not due)"
        );
        assert_eq!(got[3], all[2]);
        assert_eq!(qs, draw(&course, &states, 1_000, 7, 4), "seeded");
        assert_eq!(next_due(&states, 1_000), Some(9_999));
        assert_eq!(next_due(&states, 9_999), None);
    }

    #[test]
    fn the_weakest_units_are_those_likeliest_forgotten_within_a_week() {
        use crate::schedule::{DEFAULT_RETENTION, Rating};
        let course = Course::embedded().expect("course");
        let all = units(&course);
        let sched = Scheduler::new(DEFAULT_RETENTION).expect("scheduler");
        let day = 86_400_000;
        let good = sched.review(None, Rating::Good, 0);
        let known_well = sched.review(Some(good), Rating::Good, 3 * day);
        let missed = sched.review(None, Rating::Again, 3 * day);
        let states = vec![
            (all[0].to_string(), known_well),
            (all[1].to_string(), missed),
            (all[2].to_string(), good),
        ];
        let now = 3 * day;
        let ranked = weakest_units(&course, &states, &sched, now);
        let order: Vec<&Unit> = ranked.iter().map(|(u, _)| u).collect();
        assert_eq!(order, [&all[1], &all[2], &all[0]], "{ranked:?}");
        let units: Vec<Unit> = ranked.iter().take(2).map(|(u, _)| u.clone()).collect();
        let qs = weakest(&course, &units, 5);
        let asked: Vec<Unit> = qs.iter().map(|q| q.unit(&course)).collect();
        assert_eq!(asked[0], all[1]);
        assert!(
            asked.iter().all(|u| *u == all[1] || *u == all[2]),
            "{asked:?}"
        );
        assert!(weakest(&course, &[], 5).is_empty(), "nothing answered");
    }
}
