//! Content that no lesson uses: an item in no lesson's `items`, a case template in no lesson's
//! `cases`, an objective that no item names as its `objective`. Each is written but never
//! asked (or, for an objective, never assessed), which is nearly always a slip.

use super::{CASES, ITEMS, LESSONS, warn};
use crate::course::Course;
use crate::course::diag::Diagnostic;
use std::collections::HashSet;

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) {
    let items: HashSet<&str> = course
        .lessons
        .iter()
        .flat_map(|l| l.items.iter().map(String::as_str))
        .collect();
    let cases: HashSet<&str> = course
        .lessons
        .iter()
        .flat_map(|l| l.cases.iter().map(String::as_str))
        .collect();
    let objectives: HashSet<&str> = course
        .items
        .iter()
        .filter_map(|i| i.objective.as_deref())
        .collect();
    for (i, it) in course.items.iter().enumerate() {
        if !items.contains(it.id.as_str()) {
            warn(
                out,
                ITEMS,
                format!("[{i}].id"),
                format!(
                    "item {} is in no lesson's `items`: no lesson's quiz asks it",
                    it.id
                ),
            );
        }
    }
    for (i, t) in course.cases.iter().enumerate() {
        if !cases.contains(t.id.as_str()) {
            warn(
                out,
                CASES,
                format!("[{i}].id"),
                format!(
                    "case template {} is in no lesson's `cases`: no lesson's quiz draws it",
                    t.id
                ),
            );
        }
    }
    for (i, l) in course.lessons.iter().enumerate() {
        for (j, o) in l.objectives.iter().enumerate() {
            if !objectives.contains(o.id.as_str()) {
                warn(
                    out,
                    LESSONS,
                    format!("[{i}].objectives[{j}].id"),
                    format!(
                        "objective {} of lesson {} is the `objective` of no item: nothing assesses it",
                        o.id, l.id
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::course::check::{LESSONS, testing};

    #[test]
    fn unused_items_templates_and_objectives_are_named() {
        let lessons = testing::LESSONS
            .replace("items: [sb-fracture, cz-local]", "items: [sb-fracture]")
            .replace("  cases: [case-first]\n", "")
            .replace(
                "    - { id: endo-who,",
                "    - { id: endo-new, text: \"Name the new endocrine agents.\" }\n    - { id: endo-who,",
            );
        let found = testing::warnings(&[(LESSONS, &lessons)], "no ");
        assert_eq!(
            found,
            [
                "cases.yaml:1:7: warning: [0].id: case template case-first is in no lesson's `cases`: no lesson's quiz draws it",
                "items.yaml:20:7: warning: [2].id: item cz-local is in no lesson's `items`: no lesson's quiz asks it",
                "lessons.yaml:13:13: warning: [1].objectives[0].id: objective endo-new of lesson endocrine is the `objective` of no item: nothing assesses it",
            ],
        );
    }
}
