//! Generating a clinical case from a template: draw the variables with a seeded ChaCha8
//! generator, fill the stem, derive the key by the first matching rule, pick distractors (the
//! rule's competing answers first) and shuffle the options.

use super::{Choice, Origin, Question};
use crate::course::spec::{CaseTemplateSpec, ItemType, RuleSpec};
use crate::course::template::{self, Assignment, Domain};
use crate::text::fill;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

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

/// The case of template `t` for `seed`; the same seed always gives the same case.
pub fn generate(t: &CaseTemplateSpec, seed: u64) -> Result<Question, CaseError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let domains = t
        .vars
        .iter()
        .map(|(name, spec)| Domain::of(spec).map(|d| (name.as_str(), d)))
        .collect::<Option<Vec<_>>>()
        .filter(|ds| ds.iter().all(|(_, d)| !d.is_empty()))
        .ok_or_else(|| CaseError::BadVariable(t.id.clone()))?;

    let mut assignment = Assignment::new();
    let mut allowed = false;
    for _ in 0..MAX_DRAWS {
        assignment.clear();
        for (name, d) in &domains {
            assignment.insert(name, d.value(draw_index(d, &mut rng)));
        }
        if !template::excluded(t, &assignment) {
            allowed = true;
            break;
        }
    }
    if !allowed {
        return Err(CaseError::Excluded(t.id.clone()));
    }

    let no_key = || CaseError::NoKey(t.id.clone());
    let rule = template::first_rule(t, &assignment)
        .and_then(|i| t.rules.get(i))
        .ok_or_else(no_key)?;
    let key_index = t
        .options
        .iter()
        .position(|o| o.id == rule.key)
        .ok_or_else(no_key)?;

    let fill_in = |s: &str| fill(s, |name| template::phrase(t, &assignment, name));
    let options = shown_options(t, rule, key_index, &mut rng)
        .into_iter()
        .map(|i| {
            let o = &t.options[i];
            Choice {
                id: o.id.clone(),
                text: fill_in(&o.text),
                correct: i == key_index,
                why: fill_in(&o.why),
                cites: o.cites.clone(),
            }
        })
        .collect();

    let vars = assignment
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.to_string()))
        .collect();
    Ok(Question {
        id: format!("{}#{seed}", t.id),
        origin: Origin::Case {
            template: t.id.clone(),
            seed,
            vars,
        },
        kind: ItemType::SingleBest,
        stem: fill_in(&t.stem),
        lead_in: fill_in(&t.lead_in),
        options,
        free: None,
        explanation: fill_in(&rule.explanation),
        cites: rule.cites.clone(),
        quotes: rule.quotes.clone(),
    })
}

/// Which options a case shows, in order: the key, the rule's competing answers, and random
/// others up to the template's number of distractors, shuffled.
fn shown_options(
    t: &CaseTemplateSpec,
    rule: &RuleSpec,
    key_index: usize,
    rng: &mut ChaCha8Rng,
) -> Vec<usize> {
    let competing: Vec<usize> = (0..t.options.len())
        .filter(|&i| i != key_index && rule.competing.contains(&t.options[i].id))
        .collect();
    let mut others: Vec<usize> = (0..t.options.len())
        .filter(|&i| i != key_index && !competing.contains(&i))
        .collect();
    others.shuffle(rng);
    let mut shown: Vec<usize> = competing
        .into_iter()
        .chain(others)
        .take(t.distractors)
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
/// too. Empty when the course has no templates.
pub fn stream(
    course: &crate::course::Course,
    seed: u64,
) -> impl Iterator<Item = Result<Question, CaseError>> + '_ {
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
) -> Result<Vec<Question>, CaseError> {
    stream(course, seed).take(count).collect()
}
