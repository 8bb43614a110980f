//! Nothing left out silently: every answer the stores hold is either in the analysis or
//! counted in a note of the report (why it is not analysed, or what the analysis could not
//! read in it). The rules are in `docs/item-analysis.md` ("What is counted").

use super::Rec;
use crate::course::Course;
use crate::store::Attempt;
use std::collections::BTreeMap;

/// `1 answer`, `12 answers` (or another noun).
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Answers of the stores that belong to no drill's analysis.
#[derive(Debug, Default)]
pub struct Outside {
    /// Given in practice or review (not `mode = drill`).
    pub not_drill: usize,
    /// Given in drill mode but recorded without a drill id.
    pub no_drill_id: usize,
}

impl Outside {
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.not_drill > 0 {
            notes.push(format!(
                "{} given in practice or review not analysed: the report covers drills only",
                count(self.not_drill, "answer")
            ));
        }
        if self.no_drill_id > 0 {
            notes.push(format!(
                "{} without a drill id not analysed: {} cannot be grouped into a drill",
                count(self.no_drill_id, "drill answer"),
                if self.no_drill_id == 1 { "it" } else { "they" }
            ));
        }
        notes
    }
}

/// A drill id belongs to one course version (the id is derived from it). Keeps the answers
/// of the course and version most of the drill's answers come from (ties: the newer
/// version, then the course id), and one note per other course version left out.
pub fn one_course_version(list: Vec<Rec<'_>>) -> (Vec<Rec<'_>>, Vec<String>) {
    let mut counts: BTreeMap<(&str, u32), usize> = BTreeMap::new();
    for (_, a) in &list {
        *counts
            .entry((a.course.as_str(), a.course_version))
            .or_default() += 1;
    }
    let Some((&(course, version), _)) = counts
        .iter()
        .max_by_key(|((c, v), n)| (**n, *v, std::cmp::Reverse(*c)))
    else {
        return (list, Vec::new());
    };
    let notes = counts
        .iter()
        .filter(|(k, _)| **k != (course, version))
        .map(|((c, v), n)| {
            format!(
                "{} from course {c} version {v} not analysed: the drill id belongs to course \
                 {course} version {version}",
                count(*n, "answer")
            )
        })
        .collect();
    let kept = list
        .into_iter()
        .filter(|(_, a)| a.course == course && a.course_version == version)
        .collect();
    (kept, notes)
}

/// Answers after a student's first attempt at a question of the drill.
pub fn repeated(n: usize) -> Option<String> {
    (n > 0).then(|| {
        format!(
            "{} not analysed (first attempts only): the same student answering a question \
             of the drill again (a retake, or one account shared by several people in one \
             data directory)",
            count(n, "repeated answer")
        )
    })
}

/// Parts of a choice answer (`B`, `A,C`) that name no option shown: not a single letter, or
/// a letter past the last option.
pub fn unread_letters(a: &Attempt) -> Vec<&str> {
    if a.options.is_empty() {
        return Vec::new();
    }
    a.answer
        .split(',')
        .map(str::trim)
        .filter(|t| match t.as_bytes() {
            [] => false,
            [c @ b'A'..=b'Z'] => usize::from(c - b'A') >= a.options.len(),
            _ => true,
        })
        .collect()
}

/// Analysed answers with letters that name no option shown: their mark stands as recorded,
/// but those letters are in no option's count.
pub fn unread_choices<'a>(firsts: impl Iterator<Item = &'a Attempt>) -> Option<String> {
    let mut n = 0;
    let mut example = None;
    for a in firsts {
        if let Some(t) = unread_letters(a).first() {
            n += 1;
            example.get_or_insert(*t);
        }
    }
    let example = crate::text::clip(example?, 20);
    Some(format!(
        "{} with letters that name no option shown (e.g. \"{example}\"): marked as recorded, \
         left out of the option counts",
        count(n, "choice answer")
    ))
}

/// What the course given could not say about a drill: the whole drill when it was taken in
/// another course or version, else the items and case templates it no longer has. Their
/// answers are analysed, with keys inferred from the right answers.
pub fn keys_inferred<'a>(
    course: Option<&Course>,
    firsts: impl Iterator<Item = &'a Attempt>,
) -> Vec<String> {
    let Some(course) = course else {
        return Vec::new();
    };
    let (mut n, mut missing, mut other) = (0, Vec::<&str>::new(), None);
    for a in firsts {
        if a.course != course.meta.id || a.course_version != course.meta.version {
            other.get_or_insert((a.course.as_str(), a.course_version));
            continue;
        }
        let gone = match (&a.item, &a.template) {
            (Some(id), _) => course.item(id).is_none().then_some(id),
            (None, Some(t)) => course.case_template(t).is_none().then_some(t),
            (None, None) => None,
        };
        if let Some(id) = gone {
            n += 1;
            if !missing.contains(&id.as_str()) {
                missing.push(id);
            }
        }
    }
    let mut notes = Vec::new();
    if let Some((c, v)) = other {
        notes.push(format!(
            "taken in course {c} version {v}, not in the course given ({} version {}): keys \
             inferred from the right answers, sentence texts not shown",
            course.meta.id, course.meta.version
        ));
    }
    if n > 0 {
        notes.push(format!(
            "{} to items or case templates not in the course ({}): their keys are inferred \
             from the right answers",
            count(n, "answer"),
            missing.join(", ")
        ));
    }
    notes
}
