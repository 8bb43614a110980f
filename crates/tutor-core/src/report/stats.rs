//! Statistics of one learner in one course: answers and accuracy, streak, mastery per lesson
//! and per source sentence (accuracy of the questions citing it and FSRS's predicted recall
//! in a week of the units behind them), and a 14-day forecast of due reviews.

use crate::course::Course;
use crate::course::spec::ItemSpec;
use crate::quiz::unit::Unit;
use crate::schedule::{ReviewState, Scheduler};
use crate::store::{Store, StoreError, Summary};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Days in [`Stats::forecast`].
pub const FORECAST_DAYS: usize = 14;
const DAY_MS: i64 = 86_400_000;

/// Everything `tutor stats` shows and the home screen summarizes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Questions answered in the course.
    pub answered: u64,
    /// Of those, answered right (a typo that was accepted counts as right).
    pub right: u64,
    /// Consecutive days (UTC) with an answer, ending today or yesterday.
    pub streak: u32,
    /// Units of the course whose review is due now or overdue.
    pub due_now: u32,
    /// Learning units in the course (objectives, items without one, case templates).
    pub units: u32,
    /// Units of the course reviewed at least once.
    pub started: u32,
    /// One entry per lesson, in course order.
    pub per_lesson: Vec<LessonStat>,
    /// One entry per source sentence, in document order.
    pub per_sentence: Vec<SentenceStat>,
    /// Reviews due per day from now: `forecast[0]` counts units overdue, due now or due
    /// within 24 hours; `forecast[k]` those due in `[k, k+1)` days from now.
    pub forecast: [u32; FORECAST_DAYS],
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LessonStat {
    pub id: String,
    pub title: String,
    /// The learner has opened the lesson.
    #[serde(default)]
    pub read: bool,
    /// Answers to the lesson's items and to cases from its templates.
    pub answered: u64,
    pub right: u64,
    /// Mean predicted recall a week from now of the lesson's units answered so far (FSRS);
    /// `None` when none is.
    pub recall_in_a_week: Option<f32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceStat {
    pub id: String,
    /// Answers to questions citing the sentence.
    pub answered: u64,
    pub right: u64,
    /// Mean predicted recall a week from now of the answered units citing the sentence
    /// (FSRS); `None` when none.
    pub recall_in_a_week: Option<f32>,
}

/// Share answered right, `None` before the first answer.
fn share(right: u64, answered: u64) -> Option<f32> {
    (answered > 0).then(|| right as f32 / answered as f32)
}

impl Stats {
    pub fn accuracy(&self) -> Option<f32> {
        share(self.right, self.answered)
    }
}

impl LessonStat {
    pub fn accuracy(&self) -> Option<f32> {
        share(self.right, self.answered)
    }
}

impl SentenceStat {
    pub fn accuracy(&self) -> Option<f32> {
        share(self.right, self.answered)
    }
}

/// Answers grouped by what they count toward: one row per distinct item, template and list
/// of cited sentences, with how many were answered and how many right.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct AttemptGroup {
    pub item: Option<String>,
    pub template: Option<String>,
    pub cites: Vec<String>,
    pub count: u64,
    pub right: u64,
}

/// The grouped answers of `user` in `course` (the course id), read through
/// [`Store::attempts`] and counted here. That reads every column of every answer (about
/// 200 ms for 100,000 in a release build); a `GROUP BY item, template, cites` query in the
/// store would take about 10 ms with a covering index (see `timing_on_100k_attempts`).
pub fn attempt_groups(
    store: &Store,
    user: &str,
    course: &str,
) -> Result<Vec<AttemptGroup>, StoreError> {
    let mut groups: Vec<AttemptGroup> = store
        .attempt_groups(user, course)?
        .into_iter()
        .map(|(item, template, cites, count, right)| AttemptGroup {
            item,
            template,
            cites: serde_json::from_str(&cites).unwrap_or_default(),
            count,
            right,
        })
        .collect();
    groups.sort_unstable();
    Ok(groups)
}

/// The statistics of `user` in `course` at `now_ms`.
pub fn compute(
    course: &Course,
    store: &Store,
    user: &str,
    scheduler: &Scheduler,
    now_ms: i64,
) -> Result<Stats, StoreError> {
    let id = &course.meta.id;
    let summary = store.summary(user, id, now_ms)?;
    let groups = attempt_groups(store, user, id)?;
    let states = store.review_states(user, id)?;
    let read = store.lessons_read(user, id)?;
    let mut stats = from_parts(course, &summary, &groups, &states, scheduler, now_ms);
    for l in &mut stats.per_lesson {
        l.read = read.contains(&l.id);
    }
    Ok(stats)
}

/// What each learning unit counts toward: lessons that teach it and sentences it cites
/// (indices, sorted and distinct).
#[derive(Default)]
struct Links {
    lessons: Vec<usize>,
    sentences: Vec<usize>,
}

/// The stored key of an item's unit.
fn unit_of(item: &ItemSpec) -> String {
    Unit::of_item(item).to_string()
}

fn sort_dedup(v: &mut Vec<usize>) {
    v.sort_unstable();
    v.dedup();
}

/// The statistics from their parts: the store's summary (answers, streak), the grouped
/// answers and the review states of the course. Units and sentences not in the course are
/// ignored.
pub fn from_parts(
    course: &Course,
    summary: &Summary,
    groups: &[AttemptGroup],
    states: &[(String, ReviewState)],
    scheduler: &Scheduler,
    now_ms: i64,
) -> Stats {
    let index = Index::new(course);
    let (lesson_counts, sentence_counts) = accuracy(course, &index, groups);
    let memory = memory(course, &index, states, scheduler, now_ms);
    Stats {
        answered: summary.answered,
        right: summary.right,
        streak: summary.streak,
        due_now: memory.due_now,
        units: u32::try_from(index.units.len()).unwrap_or(u32::MAX),
        started: memory.started,
        per_lesson: course
            .lessons
            .iter()
            .enumerate()
            .map(|(i, l)| LessonStat {
                id: l.id.clone(),
                title: l.title.clone(),
                read: false,
                answered: lesson_counts[i].0,
                right: lesson_counts[i].1,
                // Nothing is shown for what was never answered.
                recall_in_a_week: mean(memory.lesson_recall[i]).filter(|_| lesson_counts[i].0 > 0),
            })
            .collect(),
        per_sentence: course
            .sentences()
            .iter()
            .enumerate()
            .map(|(i, s)| SentenceStat {
                id: s.id.clone(),
                answered: sentence_counts[i].0,
                right: sentence_counts[i].1,
                recall_in_a_week: mean(memory.sentence_recall[i])
                    .filter(|_| sentence_counts[i].0 > 0),
            })
            .collect(),
        forecast: memory.forecast,
    }
}

/// Where answers and reviews count in a course: each sentence's position, the lessons that
/// list each item and template, and what each learning unit links to (all index lists sorted
/// and distinct), so that counting costs one lookup per answer group or review state.
struct Index<'a> {
    sentence: HashMap<&'a str, usize>,
    item_lessons: HashMap<&'a str, Vec<usize>>,
    template_lessons: HashMap<&'a str, Vec<usize>>,
    units: HashMap<String, Links>,
}

impl<'a> Index<'a> {
    fn new(course: &'a Course) -> Self {
        let mut index = Index {
            sentence: course
                .sentences()
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.as_str(), i))
                .collect(),
            item_lessons: HashMap::new(),
            template_lessons: HashMap::new(),
            units: crate::quiz::review::units(course)
                .into_iter()
                .map(|u| (u.to_string(), Links::default()))
                .collect(),
        };
        index.link_lessons(course);
        index.link_sentences(course);
        for links in index.units.values_mut() {
            sort_dedup(&mut links.lessons);
            sort_dedup(&mut links.sentences);
        }
        for v in index
            .item_lessons
            .values_mut()
            .chain(index.template_lessons.values_mut())
        {
            sort_dedup(v);
        }
        index
    }

    /// Records the lessons that list each item and template (where an answer counts when
    /// its sentence is presented by no lesson).
    fn link_lessons(&mut self, course: &'a Course) {
        for (li, l) in course.lessons.iter().enumerate() {
            for id in &l.items {
                self.item_lessons.entry(id).or_default().push(li);
            }
            for t in &l.cases {
                self.template_lessons.entry(t).or_default().push(li);
            }
        }
    }

    /// Records the sentences each unit's items or template rules cite, and the lessons its
    /// answers count under: those presenting the sentence each item or rule rests on.
    fn link_sentences(&mut self, course: &Course) {
        let teaching = |cites: &[String]| cites.first().and_then(|s| course.lesson_teaching(s));
        for item in &course.items {
            if let Some(links) = self.units.get_mut(&unit_of(item)) {
                links.sentences.extend(indices(&self.sentence, &item.cites));
                links.lessons.extend(teaching(&item.cites));
            }
        }
        for t in &course.cases {
            if let Some(links) = self.units.get_mut(&t.id) {
                for r in crate::course::template::all_rules(t) {
                    links.sentences.extend(indices(&self.sentence, &r.cites));
                    links.lessons.extend(teaching(&r.cites));
                }
            }
        }
    }
}

/// Positions of the sentences among `ids` that the course has.
fn indices<'a>(
    sentence: &'a HashMap<&str, usize>,
    ids: &'a [String],
) -> impl Iterator<Item = usize> + 'a {
    ids.iter().filter_map(|s| sentence.get(s.as_str()).copied())
}

/// Answers and right answers, one pair per lesson or per sentence.
type Tally = Vec<(u64, u64)>;

/// Answers and right answers per lesson and per cited sentence. An answer counts under one
/// lesson (so the lessons add up to the answers): the first that presents the sentence its
/// question rests on, as [`crate::session::summary::lesson_of`] says; and once toward each
/// sentence it cites.
fn accuracy(course: &Course, index: &Index<'_>, groups: &[AttemptGroup]) -> (Tally, Tally) {
    let mut lesson_counts = vec![(0u64, 0u64); course.lessons.len()];
    let mut sentence_counts = vec![(0u64, 0u64); course.sentences().len()];
    let mut seen: Vec<usize> = Vec::new();
    for g in groups {
        let by_item = g.item.as_deref().and_then(|i| index.item_lessons.get(i));
        let by_template = g
            .template
            .as_deref()
            .and_then(|t| index.template_lessons.get(t));
        let teaching = g.cites.first().and_then(|s| course.lesson_teaching(s));
        let listing = by_item
            .into_iter()
            .chain(by_template)
            .flatten()
            .min()
            .copied();
        if let Some(l) = teaching.or(listing) {
            lesson_counts[l].0 += g.count;
            lesson_counts[l].1 += g.right;
        }
        seen.clear();
        seen.extend(indices(&index.sentence, &g.cites));
        sort_dedup(&mut seen);
        for &s in &seen {
            sentence_counts[s].0 += g.count;
            sentence_counts[s].1 += g.right;
        }
    }
    (lesson_counts, sentence_counts)
}

/// What the review states say about memory now.
struct Memory {
    /// Sum of recall in a week and number of reviewed units, per lesson and per sentence.
    lesson_recall: Vec<(f64, u32)>,
    sentence_recall: Vec<(f64, u32)>,
    forecast: [u32; FORECAST_DAYS],
    due_now: u32,
    started: u32,
}

/// Recall-in-a-week sums per lesson and sentence at `now_ms`, and when reviews fall due, from
/// the review states of the course's units (others are skipped).
fn memory(
    course: &Course,
    index: &Index<'_>,
    states: &[(String, ReviewState)],
    scheduler: &Scheduler,
    now_ms: i64,
) -> Memory {
    let mut m = Memory {
        lesson_recall: vec![(0f64, 0u32); course.lessons.len()],
        sentence_recall: vec![(0f64, 0u32); course.sentences().len()],
        forecast: [0u32; FORECAST_DAYS],
        due_now: 0,
        started: 0,
    };
    for (unit, state) in states {
        let Some(links) = index.units.get(unit.as_str()) else {
            continue;
        };
        m.started += 1;
        let r = f64::from(scheduler.recall_in_a_week(state, now_ms));
        for &l in &links.lessons {
            m.lesson_recall[l].0 += r;
            m.lesson_recall[l].1 += 1;
        }
        for &s in &links.sentences {
            m.sentence_recall[s].0 += r;
            m.sentence_recall[s].1 += 1;
        }
        let ahead = state.due_ms.saturating_sub(now_ms);
        m.due_now += u32::from(ahead <= 0);
        if let Some(day) = usize::try_from(ahead.max(0) / DAY_MS)
            .ok()
            .and_then(|d| m.forecast.get_mut(d))
        {
            *day += 1;
        }
    }
    m
}

/// Mean recall from a sum and a count; `None` when nothing was reviewed.
fn mean((sum, n): (f64, u32)) -> Option<f32> {
    (n > 0).then(|| (sum / f64::from(n)) as f32)
}

#[cfg(test)]
mod tests;
