//! Free-text answers as the grader will read them: the course's opposites are groups of single
//! words, and no known-wrong answer is also accepted (it would be graded wrong) or within the
//! typo allowance of an accepted one (a slip of one could be graded as the other).

use super::{COURSE, ITEMS, err, first_few, warn};
use crate::course::Course;
use crate::course::diag::Diagnostic;
use crate::course::spec::{ItemSpec, ItemType};
use crate::grade::text::{Matcher, normalize};

pub fn check(course: &Course, out: &mut Vec<Diagnostic>) {
    opposites(&course.meta.opposites, out);
    for (i, it) in course.items.iter().enumerate() {
        if matches!(it.kind, ItemType::ShortAnswer | ItemType::Cloze) {
            wrong_answers(course, i, it, out);
        }
    }
}

/// Each opposites group has two words or more, each a single word once normalized.
fn opposites(groups: &[Vec<String>], out: &mut Vec<Diagnostic>) {
    for (i, group) in groups.iter().enumerate() {
        if group.len() < 2 {
            err(
                out,
                COURSE,
                format!("opposites[{i}]"),
                "an opposites group needs at least two words".to_owned(),
            );
        }
        let (bad, more) = first_few(
            group
                .iter()
                .enumerate()
                .filter(|(_, w)| normalize(w).split(' ').count() != 1 || normalize(w).is_empty()),
        );
        for (j, w) in bad {
            err(
                out,
                COURSE,
                format!("opposites[{i}][{j}]"),
                format!("opposite {w:?} must be a single word"),
            );
        }
        if more > 0 {
            err(
                out,
                COURSE,
                format!("opposites[{i}]"),
                format!("{more} more opposites in this group are not single words"),
            );
        }
    }
}

/// Each `wrong` answer against the accepted ones (the blank first), with the item's synonyms
/// and the course's opposites: the same answer is an error, a near one a warning.
fn wrong_answers(course: &Course, i: usize, it: &ItemSpec, out: &mut Vec<Diagnostic>) {
    let accepted: Vec<String> = it.blank.iter().chain(&it.accept).cloned().collect();
    let matcher = Matcher::with_opposites(&accepted, &[], &it.synonyms, &course.meta.opposites);
    let near = it.wrong.iter().enumerate().filter_map(|(j, w)| {
        let (a, edits) = matcher.nearest_accepted(&w.answer)?;
        Some((j, &w.answer, accepted.get(a)?, edits))
    });
    let (near, more) = first_few(near);
    for (j, wrong, right, edits) in near {
        let path = format!("[{i}].wrong[{j}].answer");
        if edits == 0 {
            let msg = format!(
                "item {}: wrong answer {wrong:?} is also accepted (as {right:?}, with synonyms and inflections); it would be graded wrong",
                it.id
            );
            err(out, ITEMS, path, msg);
        } else {
            let plural = if edits == 1 { "" } else { "s" };
            let msg = format!(
                "item {}: wrong answer {wrong:?} is within the typo allowance of accepted {right:?} ({edits} edit{plural}); a slip of one may be graded as the other (declare `opposites` in course.yaml if they are opposites)",
                it.id
            );
            warn(out, ITEMS, path, msg);
        }
    }
    if more > 0 {
        warn(
            out,
            ITEMS,
            format!("[{i}].wrong"),
            format!(
                "item {}: {more} more wrong answers are accepted or within the typo allowance",
                it.id
            ),
        );
    }
}
