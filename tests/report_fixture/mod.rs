//! Fixtures of the item-analysis tests: a hand-computed class of five, and the scripted
//! answers of a simulated class taking a seeded drill on the embedded course.
#![allow(dead_code)]

/// Stored answers built in memory, each field spelled out once (the tests use them too).
pub mod attempts;

use std::path::PathBuf;
use tutor::course::Course;
use tutor::grade::{self, Answer};
use tutor::quiz::drill::DrillSpec;
use tutor::quiz::{Origin, Question};
use tutor::schedule::Scheduler;
use tutor::store::{Attempt, Mode, Store};

pub const T0: i64 = 1_800_000_000_000;

/// An attempt of `user` in drill `drill` of course `mini`.
#[allow(clippy::too_many_arguments)]
pub fn attempt(
    user: &str,
    at: i64,
    key: &str,
    case_seed: Option<u64>,
    options: &[&str],
    answer: &str,
    correct: bool,
    seconds: f64,
    cites: &[&str],
) -> Attempt {
    let base = match case_seed {
        Some(seed) => attempts::to_case(user, key, seed),
        None => attempts::to_item(user, key),
    };
    Attempt {
        at_ms: T0 + at,
        course: "mini".into(),
        quiz_seed: 7,
        options: options.iter().map(|o| (*o).to_owned()).collect(),
        answer: answer.into(),
        correct,
        seconds,
        mode: Mode::Drill,
        drill: Some("d1".into()),
        cites: cites.iter().map(|c| (*c).to_owned()).collect(),
        ..base
    }
}

/// The hand-computed example: five students, four items, marks
///
/// ```text
///        i1 i2 t1 i4 | total   seconds i1 i2 t1 i4
///   ann   1  1  1  1 |   4             10  5 12  1
///   bob   1  1  0  1 |   3             20  6 14  2
///   cat   1  0  1  0 |   2             30  7 16  3
///   dan   1  0  0  1 |   2             40  8 18  4
///   eve   0  1  0  0 |   1             50  9 20 60 (i4 timed out)
/// ```
///
/// i1: single best, options a (key) b c d; cat was shown them reversed. i2: true/false, key
/// true. t1: a case template; seed 11 shows k1 x y (key k1), seed 12 shows y k2 x (key k2).
/// i4: free text. Plus attempts the report must ignore: ann's second answer to her t1 case,
/// a practice answer, and an answer in drill d2.
pub fn hand_example() -> Vec<Attempt> {
    let abcd = ["a", "b", "c", "d"];
    let tf = ["true", "false"];
    let v11 = ["k1", "x", "y"];
    let v12 = ["y", "k2", "x"];
    let mut v = vec![
        attempt("ann", 0, "i1", None, &abcd, "A", true, 10.0, &["s1"]),
        attempt("bob", 1, "i1", None, &abcd, "A", true, 20.0, &["s1"]),
        attempt(
            "cat",
            2,
            "i1",
            None,
            &["d", "c", "b", "a"],
            "D",
            true,
            30.0,
            &["s1"],
        ),
        attempt("dan", 3, "i1", None, &abcd, "A", true, 40.0, &["s1"]),
        attempt("eve", 4, "i1", None, &abcd, "B", false, 50.0, &["s1"]),
        attempt("ann", 100, "i2", None, &tf, "A", true, 5.0, &["s1", "s2"]),
        attempt("bob", 101, "i2", None, &tf, "A", true, 6.0, &["s1", "s2"]),
        attempt("cat", 102, "i2", None, &tf, "B", false, 7.0, &["s1", "s2"]),
        attempt("dan", 103, "i2", None, &tf, "B", false, 8.0, &["s1", "s2"]),
        attempt("eve", 104, "i2", None, &tf, "A", true, 9.0, &["s1", "s2"]),
        attempt("ann", 200, "t1", Some(11), &v11, "A", true, 12.0, &["s3"]),
        attempt(
            "bob",
            201,
            "t1",
            Some(12),
            &v12,
            "A",
            false,
            14.0,
            &["s3", "s4"],
        ),
        attempt(
            "cat",
            202,
            "t1",
            Some(12),
            &v12,
            "B",
            true,
            16.0,
            &["s3", "s4"],
        ),
        attempt("dan", 203, "t1", Some(11), &v11, "B", false, 18.0, &["s3"]),
        attempt("eve", 204, "t1", Some(11), &v11, "C", false, 20.0, &["s3"]),
        attempt("ann", 300, "i4", None, &[], "surgery", true, 1.0, &["s2"]),
        attempt("bob", 301, "i4", None, &[], "Surgery", true, 2.0, &["s2"]),
        attempt(
            "cat",
            302,
            "i4",
            None,
            &[],
            "  Chemo  Therapy",
            false,
            3.0,
            &["s2"],
        ),
        attempt("dan", 303, "i4", None, &[], "surgery", true, 4.0, &["s2"]),
        attempt("eve", 304, "i4", None, &[], "rad", false, 60.0, &["s2"]),
        // Ignored: ann's retake of her t1 case (not a first attempt), a practice answer,
        // and an answer in drill d2.
        attempt("ann", 400, "t1", Some(11), &v11, "B", false, 9.0, &["s3"]),
    ];
    v[19].timed_out = true;
    let mut practice = attempt("bob", 500, "i1", None, &abcd, "B", false, 1.0, &["s1"]);
    practice.mode = Mode::Practice;
    practice.drill = None;
    let mut other = attempt("eve", 501, "i1", None, &abcd, "A", true, 1.0, &["s1"]);
    other.drill = Some("d2".into());
    v.extend([practice, other]);
    v
}

/// Writes `attempts` into one data directory per user (in `root`); returns the directories
/// in user order.
pub fn store_per_user(root: &std::path::Path, attempts: &[Attempt]) -> Vec<PathBuf> {
    let scheduler = Scheduler::new(0.9).expect("scheduler");
    let mut users: Vec<&str> = attempts.iter().map(|a| a.user.as_str()).collect();
    users.sort_unstable();
    users.dedup();
    users
        .into_iter()
        .map(|u| {
            let dir = root.join(u);
            let mut store = Store::open(&dir, T0).expect("store").store;
            for a in attempts.iter().filter(|a| a.user == u) {
                store.record(a, &scheduler).expect("record");
            }
            dir
        })
        .collect()
}

/// How a simulated student answers question `i`: right when a fixed pseudo-random draw is
/// below the student's ability (20% for the first student up to 80%), so stronger students
/// do better on most items.
pub fn knows(student: usize, i: usize, students: usize) -> bool {
    let ability = 20 + 60 * student / students.max(1);
    let h = (student * 7919 + i * 104_729 + 17) % 101;
    h < ability
}

/// The classroom drill the simulated class takes: seed 42, 12 questions of the embedded
/// course, 2 seconds per question.
pub fn drill_spec() -> DrillSpec {
    DrillSpec {
        seed: 42,
        count: 12,
        lessons: Vec::new(),
        cases_only: false,
        time_limit: Some(2),
        exam: false,
        paced: false,
    }
}

/// The answer student `s` of `n` gives to question `i`: the key when [`knows`], else a
/// wrong option (the first or second distractor) or a wrong text (`chemotherapy`, or `=1+1`
/// to try formula injection).
pub fn scripted_answer(q: &Question, s: usize, i: usize, n: usize) -> Answer {
    let right = knows(s, i, n);
    match &q.free {
        Some(f) if right => Answer::Text(f.accept[0].clone()),
        Some(_) => Answer::Text(["chemotherapy", "=1+1"][s % 2].to_owned()),
        None if right => Answer::Choices(q.key()),
        None => {
            let wrong: Vec<usize> = (0..q.options.len())
                .filter(|j| !q.options[*j].correct)
                .collect();
            Answer::Choices(vec![wrong[(s % 2).min(wrong.len() - 1)]])
        }
    }
}

/// The class's attempts built in memory, as `tutor drill` records them (no store): `n`
/// students `s00`, `s01`, … taking the drill of `questions`.
pub fn class_in_memory(
    course: &Course,
    questions: &[Question],
    n: usize,
    drill: &(impl std::fmt::Display + ?Sized),
) -> Vec<Attempt> {
    let mut all = Vec::new();
    for s in 0..n {
        for (i, q) in questions.iter().enumerate() {
            let answer = scripted_answer(q, s, i, n);
            let outcome = grade::grade(q, &answer);
            let user = format!("s{s:02}");
            let base = match &q.origin {
                Origin::Item { id } => attempts::to_item(&user, id),
                Origin::Case { template, seed, .. } => attempts::to_case(&user, template, *seed),
            };
            let step = q.step().map(|s| s.number);
            all.push(Attempt {
                at_ms: T0 + (i * 1000 + s) as i64,
                course: course.meta.id.clone(),
                course_version: course.meta.version,
                question: q.id.clone(),
                unit: q.unit(course).to_string(),
                quiz_seed: 42,
                options: q.options.iter().map(|o| o.id.clone()).collect(),
                answer: answer.display(),
                correct: outcome.correct,
                typo: outcome.typo,
                seconds: 5.0 + (s + i) as f64,
                mode: Mode::Drill,
                drill: Some(drill.to_string()),
                cites: q.cites.clone(),
                step,
                ..base
            });
        }
    }
    all
}

/// Whether two JSON values are equal, numbers to 1e-12 relative (JSON text may not give
/// back the last bit of a float).
pub fn json_close(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as V;
    match (a, b) {
        (V::Number(x), V::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            (x - y).abs() <= 1e-12 * x.abs().max(y.abs()).max(1.0)
        }
        (V::Array(x), V::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_close(x, y))
        }
        (V::Object(x), V::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_close(v, w)))
        }
        _ => a == b,
    }
}

/// The answer to `q` as typed in a plain drill: the key when `right`, else the first
/// distractor (or a wrong text).
pub fn plain_answer(q: &Question, right: bool) -> String {
    match (&q.free, right) {
        (Some(f), true) => f.accept[0].clone(),
        (Some(_), false) => "xyzzy".to_owned(),
        (None, true) => Answer::Choices(q.key()).display(),
        (None, false) => {
            let wrong = (0..q.options.len()).find(|j| !q.options[*j].correct);
            Answer::Choices(wrong.into_iter().collect()).display()
        }
    }
}

/// A short drill for students of their own: seed 42, 4 questions, no time limit.
pub fn small_drill() -> (DrillSpec, Vec<Question>) {
    let spec = DrillSpec {
        count: 4,
        time_limit: None,
        ..drill_spec()
    };
    let questions = spec
        .questions(&Course::embedded().expect("course"))
        .expect("drill");
    (spec, questions)
}

pub fn text(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

/// RFC 4180 rows (no quoted line breaks in these tables).
pub fn csv_rows(s: &str) -> Vec<Vec<String>> {
    s.split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}
