//! Item analysis of a class's drills, as Moodle's quiz statistics compute it: per student,
//! per item or case template, per source sentence and per drill, from first attempts only.
//! The definitions are in `docs/item-analysis.md`.
//!
//! Core module: a pure function of the attempts (and, when given, the course), no I/O.
//! A student is a user name in one data directory ([`source`]); every answer left out of
//! the analysis is counted in a note ([`audit`]).

mod audit;
pub mod csv;
pub mod discuss;
pub mod math;
mod model;
pub mod options;
pub mod render;
mod sentences;
pub mod source;
#[cfg(test)]
mod tests;

pub use model::{
    Cell, CellMark, Discuss, DrillReport, DrillSettings, DrillSummary, HISTOGRAM_BINS, ItemKind,
    ItemRow, OptionStat, Report, SentenceRow, StudentRow, WrongAnswer,
};

pub use source::Source;

use crate::course::Course;
use crate::store::{Attempt, Mode};
use source::{StudentId, Students};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

/// An attempt and the index of the source it was read from.
type Rec<'a> = (usize, &'a Attempt);

/// 1 for a right answer given in time, else 0.
pub fn mark(a: &Attempt) -> f64 {
    if a.correct && !a.timed_out { 1.0 } else { 0.0 }
}

/// Each student's first attempts in one drill, each with the item key it counts under.
type Firsts<'a> = BTreeMap<StudentId<'a>, Vec<(String, &'a Attempt)>>;

/// Each student's first attempt at each question of the drill (a retake of the drill repeats
/// question ids and is left out, and counted), in the order the student met them, keyed by
/// item: a fixed item's id, or a case's template, with `/2`, `/3` … for a template's second
/// and later cases in the same drill (each is its own place in the drill), and ` step 2` …
/// for each step of an unfolding case.
fn first_attempts<'a>(list: &[Rec<'a>]) -> (Firsts<'a>, usize) {
    let mut firsts: Firsts<'a> = BTreeMap::new();
    let mut seen: HashSet<(StudentId<'a>, &str)> = HashSet::new();
    let mut cases: HashMap<(StudentId<'a>, &str), u32> = HashMap::new();
    let mut repeated = 0;
    for &(source, a) in list {
        let user = (a.user.as_str(), source);
        if !seen.insert((user, a.question.as_str())) {
            repeated += 1;
            continue;
        }
        let key = match (&a.item, &a.template) {
            (None, Some(t)) => {
                // Each step of an unfolding case is an item of its own; its first step
                // counts the template's cases.
                let n = cases.entry((user, t.as_str())).or_insert(0);
                if a.step.is_none_or(|s| s <= 1) {
                    *n += 1;
                }
                let place = if *n <= 1 {
                    t.clone()
                } else {
                    format!("{t}/{n}")
                };
                match a.step {
                    Some(s) => format!("{place} step {s}"),
                    None => place,
                }
            }
            (Some(id), _) => id.clone(),
            (None, None) => a.question.clone(),
        };
        firsts.entry(user).or_default().push((key, a));
    }
    (firsts, repeated)
}

/// Item analysis of the drill attempts (`mode` drill) among `attempts`, per drill id, or of
/// drill `drill` only. The course, when given, supplies option keys and order and sentence
/// texts for attempts made in it; without it keys are inferred from right answers. The
/// attempts are from one store, so a student is a user name (see [`analyze_sources`]).
pub fn analyze(attempts: &[Attempt], course: Option<&Course>, drill: Option<&str>) -> Report {
    let source = Source {
        dir: Path::new(""),
        attempts,
    };
    analyze_sources(&[source], course, drill)
}

/// [`analyze`] over the attempts of several data directories: a student is a user name in
/// one of them, so the same name in two directories is two students, labelled by directory
/// (`ann (class-a)`), with a warning in [`Report::warnings`].
pub fn analyze_sources(
    sources: &[Source<'_>],
    course: Option<&Course>,
    drill: Option<&str>,
) -> Report {
    let mut by_drill: BTreeMap<&str, Vec<Rec<'_>>> = BTreeMap::new();
    let mut all_ids = BTreeSet::new();
    let mut outside = audit::Outside::default();
    for (s, source) in sources.iter().enumerate() {
        for a in source.attempts {
            if a.mode != Mode::Drill {
                outside.not_drill += 1;
                continue;
            }
            let Some(id) = a.drill.as_deref().filter(|d| !d.is_empty()) else {
                outside.no_drill_id += 1;
                continue;
            };
            all_ids.insert(id);
            if drill.is_none_or(|d| d == id) {
                by_drill.entry(id).or_default().push((s, a));
            }
        }
    }
    let students = Students::new(sources, by_drill.values().flatten().copied());
    let mut keys = options::Keys::new(course);
    let drills: Vec<DrillReport> = by_drill
        .into_iter()
        .map(|(id, list)| {
            let (mut list, notes) = audit::one_course_version(list);
            // Stable: attempts at the same millisecond keep their stored order.
            list.sort_by_key(|(_, a)| a.at_ms);
            let mut d = drill_report(id, &list, course, &mut keys, &students);
            d.notes.splice(0..0, notes);
            d
        })
        .collect();
    let note = match (drills.is_empty(), drill) {
        (false, _) => None,
        (true, Some(d)) if !all_ids.is_empty() => Some(format!(
            "no attempts of drill {d:?}; drills found: {}",
            all_ids.into_iter().collect::<Vec<_>>().join(", ")
        )),
        _ => Some(
            "no drill attempts found: the report covers drills only (answers given with mode drill)"
                .to_owned(),
        ),
    };
    Report {
        drill_filter: drill.map(str::to_owned),
        drills,
        note,
        warnings: students.warnings(),
        notes: outside.notes(),
    }
}

impl Report {
    /// The report with each drill's settings, from the drills the stores recorded.
    pub fn with_settings(mut self, recorded: &[crate::store::DrillRecord]) -> Report {
        for d in &mut self.drills {
            d.settings = recorded
                .iter()
                .find(|r| r.id == d.drill)
                .map(|r| r.settings.clone());
        }
        self
    }
}

fn drill_report(
    id: &str,
    list: &[Rec<'_>],
    given: Option<&Course>,
    keys: &mut options::Keys<'_>,
    students: &Students,
) -> DrillReport {
    // The course describes this drill only if the drill was taken in it (that version).
    let course = given.filter(|c| {
        list.iter()
            .any(|(_, a)| a.course == c.meta.id && a.course_version == c.meta.version)
    });
    let (firsts, repeated) = first_attempts(list);
    let taken = || firsts.values().flatten().map(|(_, a)| *a);
    let mut notes: Vec<String> = audit::repeated(repeated).into_iter().collect();
    notes.extend(audit::unread_choices(taken()));
    notes.extend(audit::keys_inferred(given, taken()));
    // An item's place: the earliest any student met it.
    let mut place: HashMap<&str, usize> = HashMap::new();
    for seq in firsts.values() {
        for (i, (key, _)) in seq.iter().enumerate() {
            let p = place.entry(key.as_str()).or_insert(i);
            *p = (*p).min(i);
        }
    }
    let mut order: Vec<&str> = place.keys().copied().collect();
    order.sort_by_key(|k| (place[k], *k));
    let index: HashMap<&str, usize> = order.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let k = order.len();
    // One row per student, one column per item.
    let grid: Vec<Vec<Option<&Attempt>>> = firsts
        .values()
        .map(|seq| {
            let mut row = vec![None; k];
            for (key, a) in seq {
                row[index[key.as_str()]] = Some(*a);
            }
            row
        })
        .collect();
    let totals: Vec<f64> = grid
        .iter()
        .map(|row| row.iter().flatten().map(|a| mark(a)).sum())
        .collect();

    let items: Vec<ItemRow> = (0..k)
        .map(|j| item_row(j, order[j], &grid, &totals, keys))
        .collect();
    let rows = firsts
        .iter()
        .zip(&grid)
        .map(|((&who, seq), row)| student_row(students, who, seq, row))
        .collect();
    let sentences = sentences::sentences(&firsts, course);
    DrillReport {
        drill: id.to_owned(),
        seed: one_seed(list),
        settings: None,
        summary: summary(&grid, &totals, k),
        notes,
        students: rows,
        discuss: discuss::discuss_next(&items, &sentences),
        items,
        sentences,
    }
}

/// The seed every answer of the drill recorded, if they agree.
fn one_seed(list: &[Rec<'_>]) -> Option<u64> {
    let first = list.first()?.1.quiz_seed;
    list.iter()
        .all(|(_, a)| a.quiz_seed == first)
        .then_some(first)
}

fn student_row(
    students: &Students,
    who: StudentId<'_>,
    seq: &[(String, &Attempt)],
    row: &[Option<&Attempt>],
) -> StudentRow {
    let k = row.len();
    let count = |f: &dyn Fn(&Attempt) -> bool| seq.iter().filter(|(_, a)| f(a)).count() as u32;
    let answered = count(&|a| !a.timed_out);
    StudentRow {
        user: students.label(who),
        source: students.source(who),
        right: count(&|a| mark(a) > 0.0),
        items: k as u32,
        answered,
        unanswered: k as u32 - answered,
        timed_out: count(&|a| a.timed_out),
        seconds: seq.iter().map(|(_, a)| a.seconds).sum(),
        answers: row.iter().map(|a| cell(*a)).collect(),
    }
}

/// A student's first attempt at an item, as the grid shows it.
fn cell(a: Option<&Attempt>) -> Cell {
    let Some(a) = a else {
        return Cell {
            mark: CellMark::NotAsked,
            answer: None,
        };
    };
    let mark = match (a.timed_out, mark(a) > 0.0) {
        (true, _) => CellMark::TimedOut,
        (false, true) => CellMark::Right,
        (false, false) => CellMark::Wrong,
    };
    let answer = (!a.answer.is_empty()).then(|| a.answer.clone());
    Cell { mark, answer }
}

fn item_row(
    j: usize,
    key: &str,
    grid: &[Vec<Option<&Attempt>>],
    totals: &[f64],
    keys: &mut options::Keys<'_>,
) -> ItemRow {
    let (mut taken, mut marks, mut rest) = (Vec::new(), Vec::new(), Vec::new());
    for (row, total) in grid.iter().zip(totals) {
        if let Some(a) = row[j] {
            taken.push(a);
            marks.push(mark(a));
            rest.push(total - mark(a));
        }
    }
    let seconds: Vec<f64> = taken.iter().map(|a| a.seconds).collect();
    let mut cites: Vec<String> = Vec::new();
    for c in taken.iter().flat_map(|a| &a.cites) {
        if !cites.contains(c) {
            cites.push(c.clone());
        }
    }
    let case = taken
        .first()
        .is_some_and(|a| a.item.is_none() && a.template.is_some());
    let shown = taken.first().and_then(|a| keys.shown(a));
    let text = |s: &str| (!s.trim().is_empty()).then(|| s.to_owned());
    ItemRow {
        position: j as u32 + 1,
        key: key.to_owned(),
        kind: if case { ItemKind::Case } else { ItemKind::Item },
        stem: shown.as_ref().and_then(|q| text(&q.stem)),
        lead_in: shown.as_ref().and_then(|q| text(&q.lead_in)),
        n: taken.len() as u32,
        right: marks.iter().sum::<f64>() as u32,
        facility: math::mean(&marks),
        sd: math::sample_sd(&marks),
        discrimination: math::pearson(&marks, &rest).map(|r| 100.0 * r),
        median_seconds: math::median(&seconds),
        options: options::option_stats(&taken, keys),
        wrong_answers: options::wrong_answers(&taken),
        cites,
    }
}

fn summary(grid: &[Vec<Option<&Attempt>>], totals: &[f64], k: usize) -> DrillSummary {
    let complete: Vec<Vec<f64>> = grid
        .iter()
        .filter(|row| row.iter().all(Option::is_some))
        .map(|row| row.iter().flatten().map(|a| mark(a)).collect())
        .collect();
    let mut histogram = [0; HISTOGRAM_BINS];
    for &t in totals {
        // Integer arithmetic: a score of exactly 30% lands in 30–39%, not 20–29%.
        let bin = (HISTOGRAM_BINS * t as usize) / k.max(1);
        histogram[bin.min(HISTOGRAM_BINS - 1)] += 1;
    }
    DrillSummary {
        students: grid.len() as u32,
        items: k as u32,
        mean: math::mean(totals),
        median: math::median(totals),
        sd: math::sample_sd(totals),
        alpha: math::cronbach_alpha(&complete),
        complete: complete.len() as u32,
        histogram,
    }
}
