//! What the class chose: the share of first attempts choosing each option, with distractors
//! that almost nobody chose flagged, and the most frequent wrong free-text answers.

use super::{OptionStat, WrongAnswer};
use crate::course::Course;
use crate::course::spec::ItemType;
use crate::store::Attempt;
use crate::text::letter;
use std::collections::{HashMap, HashSet};

/// A distractor chosen by fewer than this share of the learners shown it is non-functional.
pub const NON_FUNCTIONAL: f64 = 0.05;

/// How many wrong free-text answers an item lists.
pub const TOP_WRONG: usize = 3;

/// Option ids chosen in an attempt: its letters (`B`, `A,C`) mapped through the options in
/// the order shown. Free text and letters out of range give nothing.
pub fn chosen_ids(a: &Attempt) -> Vec<&str> {
    if a.options.is_empty() {
        return Vec::new();
    }
    a.answer
        .split(',')
        .filter_map(|t| match t.trim().as_bytes() {
            [c @ b'A'..=b'Z'] => a.options.get(usize::from(c - b'A')),
            _ => None,
        })
        .map(String::as_str)
        .collect()
}

/// Keys of attempts from the course: fixed items from their spec, cases by generating the
/// recorded variant again (once per template and seed, every step's options kept).
pub struct Keys<'c> {
    course: Option<&'c Course>,
    cases: HashMap<(String, u64), Option<Vec<Vec<crate::quiz::Choice>>>>,
}

impl<'c> Keys<'c> {
    pub fn new(course: Option<&'c Course>) -> Keys<'c> {
        Keys {
            course,
            cases: HashMap::new(),
        }
    }

    /// The course, when the attempt was made in it (that version: another may have other
    /// keys).
    fn course_of(&self, a: &Attempt) -> Option<&'c Course> {
        self.course
            .filter(|c| c.meta.id == a.course && c.meta.version == a.course_version)
    }

    /// Option ids of the key shown in this attempt, when the course says.
    fn of(&mut self, a: &Attempt) -> Option<Vec<String>> {
        let course = self.course_of(a)?;
        if let Some(id) = &a.item {
            let item = course.item(id)?;
            return Some(match item.kind {
                ItemType::TrueFalse => vec![item.answer?.to_string()],
                _ => item
                    .options
                    .iter()
                    .filter(|o| o.correct)
                    .map(|o| o.id.clone())
                    .collect(),
            });
        }
        let (t, seed) = (a.template.as_ref()?, a.case_seed?);
        self.cases
            .entry((t.clone(), seed))
            .or_insert_with(|| {
                let case = crate::quiz::generate(course.case_template(t)?, seed).ok()?;
                Some(case.into_iter().map(|q| q.options).collect())
            })
            .as_ref()
            .and_then(|steps| steps.get(step_index(a)))
            .map(|options| {
                options
                    .iter()
                    .filter(|o| o.correct)
                    .map(|o| o.id.clone())
                    .collect()
            })
    }

    /// The question of `a` as it was shown, when the attempt was made in this course.
    pub fn shown(&self, a: &Attempt) -> Option<crate::quiz::Question> {
        crate::report::regrade::question_as_shown(self.course_of(a)?, a)
    }

    /// Option ids of the item or template in course order.
    fn course_order(&self, a: &Attempt) -> Vec<String> {
        let Some(course) = self.course_of(a) else {
            return Vec::new();
        };
        if let Some(item) = a.item.as_deref().and_then(|id| course.item(id)) {
            return match item.kind {
                ItemType::TrueFalse => vec!["true".into(), "false".into()],
                _ => item.options.iter().map(|o| o.id.clone()).collect(),
            };
        }
        a.template
            .as_deref()
            .and_then(|t| course.case_template(t))
            .and_then(|t| {
                let decisions = crate::course::template::decisions(t);
                let options = decisions.get(step_index(a))?.options;
                Some(options.iter().map(|o| o.id.clone()).collect())
            })
            .unwrap_or_default()
    }
}

/// Which of its case's decisions an attempt answers (0 for a plain case).
fn step_index(a: &Attempt) -> usize {
    a.step.map_or(0, |s| (s as usize).saturating_sub(1))
}

#[derive(Default)]
struct Count {
    shown: u32,
    chosen: u32,
    as_key: u32,
    distractor_shown: u32,
    distractor_chosen: u32,
}

/// Per option of one item: how often it was shown, chosen and the key, its share of the
/// item's `firsts`, and whether it is a non-functional distractor (of the attempts that
/// showed it as a wrong option, under 5% chose it). Empty for free-text items.
pub fn option_stats(firsts: &[&Attempt], keys: &mut Keys<'_>) -> Vec<OptionStat> {
    let Some(first) = firsts.iter().find(|a| !a.options.is_empty()) else {
        return Vec::new();
    };
    // Without the course, a key is what some correct attempt chose.
    let inferred: HashSet<&str> = firsts
        .iter()
        .filter(|a| a.correct)
        .flat_map(|a| chosen_ids(a))
        .collect();
    let mut order = keys.course_order(first);
    let mut counts: HashMap<String, Count> = HashMap::new();
    for a in firsts {
        let key = keys.of(a);
        let is_key = |id: &str| match &key {
            Some(k) => k.iter().any(|k| k == id),
            None => inferred.contains(id),
        };
        let chosen = chosen_ids(a);
        for id in &a.options {
            if !order.contains(id) {
                order.push(id.clone());
            }
            let c = counts.entry(id.clone()).or_default();
            let picked = chosen.contains(&id.as_str());
            c.shown += 1;
            c.chosen += u32::from(picked);
            if is_key(id) {
                c.as_key += 1;
            } else {
                c.distractor_shown += 1;
                c.distractor_chosen += u32::from(picked);
            }
        }
    }
    let n = firsts.len() as f64;
    let shown = keys.shown(first);
    let letters = letters_shown(firsts);
    let mut stats: Vec<OptionStat> = order
        .into_iter()
        .map(|id| {
            let c = counts.remove(&id).unwrap_or_default();
            let distractor_share = f64::from(c.distractor_chosen) / f64::from(c.distractor_shown);
            OptionStat {
                key: c.as_key > 0,
                shown: c.shown,
                chosen: c.chosen,
                share: f64::from(c.chosen) / n,
                non_functional: c.distractor_shown > 0 && distractor_share < NON_FUNCTIONAL,
                letter: letters.get(id.as_str()).cloned(),
                text: shown
                    .as_ref()
                    .and_then(|q| q.options.iter().find(|o| o.id == id))
                    .map(|o| o.text.clone()),
                id,
            }
        })
        .collect();
    // As the class saw them: by letter, options no variant showed last.
    stats.sort_by(|a, b| (a.letter.is_none(), &a.letter).cmp(&(b.letter.is_none(), &b.letter)));
    stats
}

/// The letter each option was shown under: one drill shows everyone the same order, so
/// one letter; when variants differed, every letter it had, most frequent first (`B/C`).
fn letters_shown<'a>(firsts: &[&'a Attempt]) -> HashMap<&'a str, String> {
    let mut seen: HashMap<&str, Vec<(usize, u32)>> = HashMap::new();
    for a in firsts {
        for (i, id) in a.options.iter().enumerate() {
            let places = seen.entry(id.as_str()).or_default();
            match places.iter_mut().find(|(p, _)| *p == i) {
                Some((_, n)) => *n += 1,
                None => places.push((i, 1)),
            }
        }
    }
    seen.into_iter()
        .map(|(id, mut places)| {
            places.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let letters: Vec<String> = places.iter().map(|(i, _)| letter(*i).to_string()).collect();
            (id, letters.join("/"))
        })
        .collect()
}

/// A typed answer as counted: trimmed, lower case, inner white space as one space.
pub fn normalize(answer: &str) -> String {
    answer
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The most frequent wrong typed answers (at most [`TOP_WRONG`]), most frequent first, ties
/// in alphabetical order. Empty answers and answers cut off by a time limit are left out.
pub fn wrong_answers(firsts: &[&Attempt]) -> Vec<WrongAnswer> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    for a in firsts
        .iter()
        .filter(|a| a.options.is_empty() && !a.correct && !a.timed_out)
    {
        let t = normalize(&a.answer);
        if !t.is_empty() {
            *counts.entry(t).or_default() += 1;
        }
    }
    let mut list: Vec<WrongAnswer> = counts
        .into_iter()
        .map(|(answer, count)| WrongAnswer { answer, count })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.answer.cmp(&b.answer)));
    list.truncate(TOP_WRONG);
    list
}
