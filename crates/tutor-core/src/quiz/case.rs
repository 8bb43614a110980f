//! Generating a clinical case from a template: draw the variables with a seeded ChaCha8
//! generator, then for each decision (one, or each step of an unfolding case) fill the stem,
//! derive the key by the first matching rule, pick distractors (the rule's competing answers
//! first) and shuffle the options.

use super::{Choice, Origin, Question, Step};
use crate::course::spec::{CaseTemplateSpec, ItemType, RuleSpec};
use crate::course::template::{self, Assignment, Decision, Domain};
use crate::text::fill;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;

// Draws tried before a template whose constraints exclude nearly everything is given up:
// the same bound `check` judges a template's drawability by.
use crate::course::template::MAX_DRAWS;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    #[error("case template `{0}` has a variable that is not a valid finite set")]
    BadVariable(String),
    #[error("case template `{0}`: constraints excluded {MAX_DRAWS} draws in a row")]
    Excluded(String),
    #[error("case template `{0}`: no rule matches the drawn case, or its key is not an option")]
    NoKey(String),
}

/// The case of template `t` for `seed`: one question, or one per step of an unfolding case in
/// the order asked. The same seed always gives the same case.
pub fn generate(t: &CaseTemplateSpec, seed: u64) -> Result<Vec<Question>, CaseError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let assignment = draw_facts(t, &mut rng)?;
    let vars: BTreeMap<String, String> = assignment
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.to_string()))
        .collect();
    let fill_in = |s: &str| fill(s, |name| template::phrase(t, &assignment, name));
    let decisions = template::decisions(t);
    let of = u32::try_from(decisions.len()).unwrap_or(u32::MAX);
    let mut so_far: Vec<String> = Vec::new();
    let mut questions = Vec::with_capacity(decisions.len());
    for d in &decisions {
        let rule = template::first_rule(t, d.rules, &assignment)
            .and_then(|i| d.rules.get(i))
            .ok_or_else(|| CaseError::NoKey(t.id.clone()))?;
        let key = d
            .options
            .iter()
            .position(|o| o.id == rule.key)
            .ok_or_else(|| CaseError::NoKey(t.id.clone()))?;
        let options = shown_options(d, rule, key, &mut rng)
            .into_iter()
            .map(|i| {
                let o = &d.options[i];
                Choice {
                    id: o.id.clone(),
                    text: fill_in(&o.text),
                    correct: i == key,
                    why: fill_in(&o.why),
                    cites: o.cites.clone(),
                }
            })
            .collect();
        let step = d.step.map(|j| Step {
            number: u32::try_from(j + 1).unwrap_or(u32::MAX),
            of,
        });
        let stem = fill_in(d.stem);
        questions.push(Question {
            id: step.map_or_else(
                || format!("{}#{seed}", t.id),
                |s| format!("{}#{seed}/{}", t.id, s.number),
            ),
            origin: Origin::Case {
                template: t.id.clone(),
                seed,
                vars: vars.clone(),
                step,
            },
            kind: ItemType::SingleBest,
            context: so_far.clone(),
            stem: stem.clone(),
            lead_in: fill_in(d.lead_in),
            options,
            free: None,
            explanation: fill_in(&rule.explanation),
            cites: rule.cites.clone(),
            quotes: rule.quotes.clone(),
            fixed_order: false,
        });
        so_far.push(stem);
    }
    Ok(questions)
}

/// The facts of one case: every variable drawn in name order, redrawn while a constraint
/// excludes the combination.
fn draw_facts<'a>(
    t: &'a CaseTemplateSpec,
    rng: &mut ChaCha8Rng,
) -> Result<Assignment<'a>, CaseError> {
    let domains = t
        .vars
        .iter()
        .map(|(name, spec)| Domain::of(spec).map(|d| (name.as_str(), d)))
        .collect::<Option<Vec<_>>>()
        .filter(|ds| ds.iter().all(|(_, d)| !d.is_empty()))
        .ok_or_else(|| CaseError::BadVariable(t.id.clone()))?;
    let mut assignment = Assignment::new();
    for _ in 0..MAX_DRAWS {
        assignment.clear();
        for (name, d) in &domains {
            assignment.insert(name, d.value(draw_index(d, rng)));
        }
        if !template::excluded(t, &assignment) {
            return Ok(assignment);
        }
    }
    Err(CaseError::Excluded(t.id.clone()))
}

/// Which options a decision shows, in order: the key, the rule's competing answers, and
/// random others up to the decision's number of distractors, shuffled.
fn shown_options(
    d: &Decision<'_>,
    rule: &RuleSpec,
    key_index: usize,
    rng: &mut ChaCha8Rng,
) -> Vec<usize> {
    let competing: Vec<usize> = (0..d.options.len())
        .filter(|&i| i != key_index && rule.competing.contains(&d.options[i].id))
        .collect();
    let mut others: Vec<usize> = (0..d.options.len())
        .filter(|&i| i != key_index && !competing.contains(&i))
        .collect();
    others.shuffle(rng);
    let mut shown: Vec<usize> = competing
        .into_iter()
        .chain(others)
        .take(d.distractors)
        .chain(std::iter::once(key_index))
        .collect();
    shown.shuffle(rng);
    shown
}

/// A value index drawn in proportion to the weights.
fn draw_index(d: &Domain<'_>, rng: &mut ChaCha8Rng) -> usize {
    let total: u64 = (0..d.len()).map(|i| d.weight(i)).sum();
    if total == 0 {
        return rng.random_range(0..d.len());
    }
    let mut pick = rng.random_range(0..total);
    for i in 0..d.len() {
        let w = d.weight(i);
        if pick < w {
            return i;
        }
        pick -= w;
    }
    d.len() - 1
}

/// An endless stream of cases from `seed`: templates in turn, each case with its own seed
/// drawn from a ChaCha8 stream, so the whole sequence is reproducible and each case on its own
/// too. A case is its questions (several for an unfolding case). Empty when the course has no
/// templates.
pub fn stream(
    course: &crate::course::Course,
    seed: u64,
) -> impl Iterator<Item = Result<Vec<Question>, CaseError>> + '_ {
    use rand::Rng;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n = course.cases.len();
    (0..usize::MAX)
        .take_while(move |_| n > 0)
        .map(move |i| generate(&course.cases[i % n], rng.next_u64()))
}

/// The first `count` cases of [`stream`].
pub fn batch(
    course: &crate::course::Course,
    seed: u64,
    count: usize,
) -> Result<Vec<Vec<Question>>, CaseError> {
    stream(course, seed).take(count).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::Course;

    #[test]
    fn an_unfolding_case_is_its_steps_in_order_each_with_the_case_so_far() {
        let course = Course::embedded().expect("course");
        let t = course.case_template("unfold-responder").expect("template");
        let case = generate(t, 11).expect("generates");
        assert_eq!(case.len(), t.steps.len());
        for (k, q) in case.iter().enumerate() {
            let n = u32::try_from(k + 1).expect("small");
            let of = u32::try_from(t.steps.len()).expect("small");
            assert_eq!(q.step(), Some(Step { number: n, of }));
            assert_eq!(q.id, format!("unfold-responder#11/{n}"));
            let earlier: Vec<String> = case[..k].iter().map(|e| e.stem.clone()).collect();
            assert_eq!(q.context, earlier, "step {n} carries the stems before it");
            assert_eq!(
                q.origin_vars(),
                case[0].origin_vars(),
                "one patient throughout"
            );
        }
        assert_eq!(
            case,
            generate(t, 11).expect("again"),
            "same seed, same case"
        );
    }

    #[test]
    fn a_plain_case_is_one_question_without_a_step() {
        let course = Course::embedded().expect("course");
        let t = course.case_template("case-regimen").expect("template");
        let case = generate(t, 3).expect("generates");
        let [q] = &case[..] else {
            panic!("one question")
        };
        assert_eq!(q.step(), None);
        assert!(q.context.is_empty());
        assert_eq!(q.id, "case-regimen#3");
    }

    #[test]
    fn a_quiz_keeps_the_steps_of_a_case_together_and_in_order() {
        let course = Course::embedded().expect("course");
        for (seed, cases_only) in (0..50).flat_map(|s| [(s, true), (s, false)]) {
            let spec = crate::quiz::QuizSpec {
                seed,
                count: 8,
                lessons: vec!["lesson-one-patient".into()],
                cases_only,
            };
            let qs = crate::quiz::draw(&course, &spec).expect("draws");
            if cases_only {
                assert_eq!(
                    qs.len(),
                    8,
                    "two unfolding cases and a plain one fit exactly"
                );
            }
            let mut expected_next = 1;
            for q in &qs {
                let Some(s) = q.step() else {
                    assert_eq!(expected_next, 1, "seed {seed}: {} inside a case", q.id);
                    continue;
                };
                assert_eq!(s.number, expected_next, "seed {seed}: {}", q.id);
                expected_next = if s.number == s.of { 1 } else { s.number + 1 };
            }
            assert_eq!(expected_next, 1, "seed {seed}: the last case is whole");
        }
    }
}
