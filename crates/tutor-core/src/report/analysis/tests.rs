//! Students as (directory, name), and the rule that nothing is left out silently: each kind
//! of answer the analysis does not count is counted in a note.

use super::*;
use std::path::Path;

/// Ann's answer to fixed item `q` (options a b c, key a) in drill d1 of course mini v1.
fn at(user: &str, at_ms: i64, q: &str, answer: &str) -> Attempt {
    Attempt {
        at_ms,
        user: user.into(),
        course: "mini".into(),
        course_version: 1,
        question: q.into(),
        item: Some(q.into()),
        template: None,
        unit: q.into(),
        quiz_seed: 1,
        case_seed: None,
        vars: None,
        options: ["a", "b", "c"].map(String::from).to_vec(),
        answer: answer.into(),
        correct: answer == "A",
        typo: false,
        seconds: 1.0,
        mode: Mode::Drill,
        drill: Some("d1".into()),
        cites: vec!["s1".into()],
        timed_out: false,
        step: None,
    }
}

fn source<'a>(dir: &'a str, attempts: &'a [Attempt]) -> Source<'a> {
    Source {
        dir: Path::new(dir),
        attempts,
    }
}

#[test]
fn the_same_name_in_two_directories_is_two_students() {
    let a = [at("ann", 0, "q1", "A"), at("bob", 1, "q1", "A")];
    let b = [at("ann", 2, "q1", "B")];
    let r = analyze_sources(
        &[source("/c/class-a", &a), source("/c/class-b", &b)],
        None,
        None,
    );
    let d = &r.drills[0];
    let users: Vec<(&str, Option<&str>, u32)> = d
        .students
        .iter()
        .map(|s| (s.user.as_str(), s.source.as_deref(), s.right))
        .collect();
    assert_eq!(
        users,
        [
            ("ann (class-a)", Some("/c/class-a"), 1),
            ("ann (class-b)", Some("/c/class-b"), 0),
            ("bob", None, 1),
        ]
    );
    assert_eq!((d.items[0].n, d.items[0].right), (3, 2));
    assert_eq!(
        r.warnings,
        ["user ann appears in 2 data directories (class-a, class-b): reported as 2 students"]
    );
    assert!(d.notes.is_empty(), "nothing left out: {:?}", d.notes);

    // One directory: the same answers merge under one name, and the second is counted.
    let all = [a.as_slice(), &b].concat();
    let one = analyze(&all, None, None);
    assert_eq!(one.drills[0].students.len(), 2);
    assert!(one.warnings.is_empty());
    assert!(one.drills[0].notes[0].starts_with("1 repeated answer not analysed"));
}

#[test]
fn practice_answers_and_answers_without_a_drill_id_are_counted() {
    let mut practice = at("ann", 1, "q1", "A");
    practice.mode = Mode::Practice;
    practice.drill = None;
    let mut review = practice.clone();
    review.mode = Mode::Review;
    let mut no_id = at("bob", 2, "q1", "A");
    no_id.drill = None;
    let r = analyze(
        &[at("ann", 0, "q1", "A"), practice, review, no_id],
        None,
        None,
    );
    let ids: Vec<&str> = r.drills.iter().map(|d| d.drill.as_str()).collect();
    assert_eq!(ids, ["d1"], "no drill with an empty id");
    assert_eq!(
        r.notes,
        [
            "2 answers given in practice or review not analysed: the report covers drills only",
            "1 drill answer without a drill id not analysed: it cannot be grouped into a drill",
        ]
    );
}

#[test]
fn answers_from_another_course_version_of_a_drill_are_counted() {
    let mut old = at("cat", 0, "q1", "A");
    old.course_version = 0;
    let v = [old, at("ann", 1, "q1", "A"), at("bob", 2, "q1", "B")];
    let d = &analyze(&v, None, None).drills[0];
    assert_eq!(d.summary.students, 2);
    assert_eq!(
        d.notes,
        [
            "1 answer from course mini version 0 not analysed: the drill id belongs to course mini version 1"
        ]
    );
}

#[test]
fn repeated_answers_are_counted() {
    let v = [
        at("ann", 0, "q1", "B"),
        at("ann", 1, "q2", "A"),
        at("ann", 2, "q1", "A"),
        at("ann", 3, "q2", "A"),
    ];
    let d = &analyze(&v, None, None).drills[0];
    assert_eq!(d.students[0].right, 1, "first attempts only");
    assert!(
        d.notes[0].starts_with("2 repeated answers not analysed (first attempts only)"),
        "{:?}",
        d.notes
    );
}

#[test]
fn letters_naming_no_option_are_counted() {
    let v = [
        at("ann", 0, "q1", "A"),
        at("bob", 1, "q1", "E"),
        at("cat", 2, "q1", "B, x"),
    ];
    let d = &analyze(&v, None, None).drills[0];
    let b = d.items[0].options.iter().find(|o| o.id == "b").expect("b");
    assert_eq!((d.items[0].n, b.chosen), (3, 1), "cat's B still counts");
    assert_eq!(
        d.notes,
        [
            "2 choice answers with letters that name no option shown (e.g. \"E\"): marked as recorded, left out of the option counts"
        ]
    );
}

#[test]
fn keys_the_course_cannot_give_are_inferred_and_said_so() {
    let course = Course::embedded().expect("course");
    let (id, version) = (course.meta.id.clone(), course.meta.version);
    let in_course = |user: &str, t: i64, q: &str, answer: &str, v: u32| {
        let mut a = at(user, t, q, answer);
        a.course = id.clone();
        a.course_version = v;
        a.drill = Some(format!("d-v{v}"));
        a.options = ["local", "cmf", "local-plus-caf", "taxol", "hdc"]
            .map(String::from)
            .to_vec();
        a
    };
    let v = [
        in_course("ann", 0, "sb-brain", "A", version),
        in_course("ann", 1, "gone", "A", version),
        // Another version of the course: its keys may differ, so none are taken from it.
        in_course("bob", 2, "sb-brain", "B", version + 1),
        in_course("cat", 3, "sb-brain", "A", version + 1),
    ];
    let r = analyze(&v, Some(&course), None);
    let [now, other] = &r.drills[..] else {
        panic!("two drills: {r:?}")
    };
    assert_eq!(
        now.notes,
        [
            "1 answer to items or case templates not in the course (gone): their keys are \
             inferred from the right answers"
        ]
    );
    assert_eq!(
        other.notes,
        [format!(
            "taken in course {id} version {}, not in the course given ({id} version \
             {version}): keys inferred from the right answers, sentence texts not shown",
            version + 1
        )]
    );
    // Bob chose cmf, the course's second option; no right answer chose it, so not a key.
    let keys: Vec<&str> = other.items[0]
        .options
        .iter()
        .filter(|o| o.key)
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(keys, ["local"]);
    assert!(other.sentences.iter().all(|s| s.text.is_none()));
}

/// `user`'s answer to step `step` of case `seed` of template `t`.
fn step_of(user: &str, at_ms: i64, t: &str, seed: u64, step: u32) -> Attempt {
    Attempt {
        question: format!("{t}#{seed}/{step}"),
        item: None,
        template: Some(t.into()),
        case_seed: Some(seed),
        step: Some(step),
        ..at(user, at_ms, t, "A")
    }
}

#[test]
fn each_step_of_an_unfolding_case_is_an_item_of_its_own() {
    let mut attempts = Vec::new();
    for (u, user) in ["ann", "bob"].into_iter().enumerate() {
        let seed = 10 + u as u64; // each student's own variant of the same place
        let t0 = u as i64 * 100;
        for step in 1..=3 {
            attempts.push(step_of(user, t0 + i64::from(step), "walk", seed, step));
        }
        // A second case of the same template in the same drill is a place of its own.
        for step in 1..=3 {
            attempts.push(step_of(
                user,
                t0 + 10 + i64::from(step),
                "walk",
                seed + 50,
                step,
            ));
        }
    }
    let r = analyze(&attempts, None, None);
    let keys: Vec<&str> = r.drills[0].items.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "walk step 1",
            "walk step 2",
            "walk step 3",
            "walk/2 step 1",
            "walk/2 step 2",
            "walk/2 step 3"
        ]
    );
    assert!(r.drills[0].items.iter().all(|i| i.n == 2), "both students");
}
