//! A lesson's check-yourself quiz asks only what has been taught by then: every sentence that
//! the keys of its items and case templates rest on is presented by that lesson or an
//! earlier one. Distractors may cite later sentences: their feedback only says why they are
//! wrong.

use super::{LESSONS, warn};
use crate::course::Course;
use crate::course::diag::Diagnostic;
use crate::course::template::all_rules;
use std::collections::HashSet;

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) {
    let mut taught: HashSet<&str> = HashSet::new();
    for (i, lesson) in course.lessons.iter().enumerate() {
        taught.extend(lesson.sentences.iter().map(String::as_str));
        for (j, id) in lesson.items.iter().enumerate() {
            let Some(item) = course.item(id) else {
                continue; // A dangling id, reported by `refs`.
            };
            let later = untaught(&taught, item.cites.iter().map(String::as_str));
            if !later.is_empty() {
                let what = format!("item {id} cites {}", later.join(", "));
                early(out, &lesson.id, format!("[{i}].items[{j}]"), &what);
            }
        }
        for (j, id) in lesson.cases.iter().enumerate() {
            let Some(t) = course.case_template(id) else {
                continue;
            };
            let cites = all_rules(t).flat_map(|r| r.cites.iter().map(String::as_str));
            let later = untaught(&taught, cites);
            if !later.is_empty() {
                let what = format!(
                    "case template {id} has keys that rest on {}",
                    later.join(", ")
                );
                early(out, &lesson.id, format!("[{i}].cases[{j}]"), &what);
            }
        }
    }
}

/// The sentences among `cites` not yet taught, each once, in the order met.
fn untaught<'a>(taught: &HashSet<&str>, cites: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut later: Vec<&str> = Vec::new();
    for c in cites.filter(|c| !taught.contains(c)) {
        if !later.contains(&c) {
            later.push(c);
        }
    }
    later
}

fn early(out: &mut Vec<Diagnostic>, lesson: &str, path: String, what: &str) {
    let m = format!(
        "lesson {lesson}: {what}, which no lesson up to this one presents, so its check-yourself quiz asks what has not been taught yet; list it in a later lesson (or the final one that brings the lessons together)"
    );
    warn(out, LESSONS, path, m);
}
