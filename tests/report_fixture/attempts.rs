//! Stored answers built in memory: one place that spells out every field of an `Attempt`;
//! tests change only the fields they are about (`Attempt { correct: false, ..to_item(..) }`).

use tutor::store::{Attempt, Mode};

/// A right answer by `user` to fixed item `id` (its own unit), answered `A` at time 0 of a
/// practice quiz with seed 0, in course `c` version 1, citing nothing.
pub fn to_item(user: &str, id: &str) -> Attempt {
    Attempt {
        at_ms: 0,
        user: user.to_owned(),
        course: "c".to_owned(),
        course_version: 1,
        question: id.to_owned(),
        item: Some(id.to_owned()),
        template: None,
        unit: id.to_owned(),
        quiz_seed: 0,
        case_seed: None,
        vars: None,
        options: Vec::new(),
        answer: "A".to_owned(),
        correct: true,
        typo: false,
        seconds: 1.0,
        mode: Mode::Practice,
        drill: None,
        cites: Vec::new(),
        timed_out: false,
        step: None,
    }
}

/// [`to_item`], but to the case of `template` drawn with `seed` (question `template#seed`,
/// the template its unit).
pub fn to_case(user: &str, template: &str, seed: u64) -> Attempt {
    Attempt {
        question: format!("{template}#{seed}"),
        item: None,
        template: Some(template.to_owned()),
        case_seed: Some(seed),
        ..to_item(user, template)
    }
}
