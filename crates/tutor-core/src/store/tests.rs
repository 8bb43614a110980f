//! Unit tests of the progress store, each in its own temporary data directory.

use super::*;
use crate::schedule::{DEFAULT_RETENTION, Scheduler};
use crate::time::{civil_from_days, utc_stamp};
use std::collections::BTreeMap;

const DAY: i64 = 86_400_000;
/// 2027-01-15T08:00:00Z.
const T0: i64 = 1_800_000_000_000;

fn scheduler() -> Scheduler {
    Scheduler::new(DEFAULT_RETENTION).expect("scheduler")
}

fn open(dir: &Path) -> Store {
    let opened = Store::open(dir, T0).expect("store opens");
    assert!(opened.moved_aside.is_none(), "nothing was moved aside");
    opened.store
}

/// A fixed item answered by `user` at `at_ms`.
fn item(user: &str, unit: &str, at_ms: i64, correct: bool) -> Attempt {
    Attempt {
        at_ms,
        user: user.to_owned(),
        course: "course-a".to_owned(),
        course_version: 3,
        question: format!("item-{unit}"),
        item: Some(format!("item-{unit}")),
        template: None,
        unit: unit.to_owned(),
        quiz_seed: 7,
        case_seed: None,
        vars: None,
        options: vec!["a".into(), "b".into(), "c".into()],
        answer: "B".to_owned(),
        correct,
        typo: false,
        seconds: 1.25,
        mode: Mode::Practice,
        drill: None,
        cites: vec!["s1".into()],
        timed_out: false,
        step: None,
    }
}

/// A generated case with every optional field set and seeds that do not fit in an i64.
fn case(user: &str, at_ms: i64) -> Attempt {
    let vars: BTreeMap<String, String> = [("age", "57"), ("site", "bone \"and\" liver, ünïcode")]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    Attempt {
        at_ms,
        user: user.to_owned(),
        course: "course-b".to_owned(),
        course_version: u32::MAX,
        question: format!("tmpl#{}", u64::MAX),
        item: None,
        template: Some("tmpl".to_owned()),
        unit: "tmpl".to_owned(),
        quiz_seed: u64::MAX,
        case_seed: Some(1 << 63),
        vars: Some(vars),
        options: vec![],
        answer: "local therapy; it's 'quoted'\nand two lines".to_owned(),
        correct: true,
        typo: true,
        seconds: 0.1 + 0.2,
        mode: Mode::Drill,
        drill: Some("lesson-local".to_owned()),
        cites: vec!["s3".into(), "s12".into()],
        timed_out: false,
        step: Some(3),
    }
}

fn pragma<T: rusqlite::types::FromSql>(s: &Store, name: &str) -> T {
    s.conn
        .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
        .expect("pragma")
}

fn rows(s: &Store, table: &str, user: &str) -> i64 {
    s.conn
        .query_row(
            &format!("SELECT count(*) FROM {table} WHERE user = ?1"),
            [user],
            |r| r.get(0),
        )
        .expect("count")
}

#[test]
fn record_and_attempts_round_trip_every_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = open(dir.path());
    let sch = scheduler();
    let a = item("ann", "obj-1", T0, false);
    let b = case("ann", T0 + 5);
    let c = item("bob", "obj-1", T0 + 1, true);
    let ida = s.record(&a, &sch).expect("record a");
    let idb = s.record(&b, &sch).expect("record b");
    s.record(&c, &sch).expect("record c");
    assert!(idb > ida, "row ids grow");

    assert_eq!(
        s.attempts(Some("ann"), None).expect("attempts"),
        vec![a.clone(), b.clone()]
    );
    assert_eq!(
        s.attempts(Some("ann"), Some("course-b")).expect("attempts"),
        vec![b.clone()]
    );
    assert_eq!(
        s.attempts(None, Some("course-a")).expect("attempts"),
        vec![a.clone(), c.clone()],
        "oldest first across users"
    );
    assert_eq!(s.attempts(None, None).expect("attempts").len(), 3);
    assert!(
        s.attempts(Some("nobody"), None)
            .expect("attempts")
            .is_empty()
    );

    let got = &s.attempts(Some("ann"), Some("course-b")).expect("attempts")[0];
    assert_eq!(got.quiz_seed, u64::MAX);
    assert_eq!(got.case_seed, Some(1 << 63));
    assert_eq!(got.seconds.to_bits(), (0.1f64 + 0.2).to_bits());

    assert_eq!(s.count("ann", "course-a").expect("count"), 1);
    assert_eq!(s.count("ann", "course-b").expect("count"), 1);
    assert_eq!(s.count("bob", "course-b").expect("count"), 0);
    assert!(s.seen("ann", "course-b", &b.question).expect("seen"));
    assert!(!s.seen("bob", "course-b", &b.question).expect("seen"));
    assert!(!s.seen("ann", "course-a", "item-other").expect("seen"));
}

#[test]
fn attempts_with_the_same_time_keep_insertion_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = open(dir.path());
    let sch = scheduler();
    let units = ["u3", "u1", "u2"];
    for u in units {
        s.record(&item("ann", u, T0, true), &sch).expect("record");
    }
    let got: Vec<String> = s
        .attempts(Some("ann"), None)
        .expect("attempts")
        .into_iter()
        .map(|a| a.unit)
        .collect();
    assert_eq!(got, units);
}

#[test]
fn summary_counts_answers_right_answers_due_units_and_the_streak() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = open(dir.path());
    let sch = scheduler();
    assert_eq!(
        s.summary("ann", "course-a", T0).expect("summary"),
        Summary::default()
    );
    // Three consecutive days ending yesterday, then a gap, then older days.
    let today = T0 - T0.rem_euclid(DAY);
    let plan = [
        (today - DAY + 10, "u1", true),
        (today - DAY + 20, "u2", false),
        (today - 2 * DAY + 5, "u3", true),
        (today - 3 * DAY + 5, "u1", true),
        (today - 5 * DAY, "u4", true),
    ];
    for (at, unit, ok) in plan {
        s.record(&item("ann", unit, at, ok), &sch).expect("record");
    }
    // Another user and another course do not count.
    s.record(&item("bob", "u1", T0, true), &sch)
        .expect("record");
    s.record(&case("ann", T0), &sch).expect("record");

    let sum = s.summary("ann", "course-a", T0).expect("summary");
    assert_eq!(sum.answered, 5);
    assert_eq!(sum.right, 4);
    assert_eq!(sum.started, 4, "u1..u4 reviewed");
    // u2 was wrong yesterday: due again within a day, so due now. The others were right
    // within the last days; u4 (5 days ago) may or may not be due, so compute it.
    let states = s.review_states("ann", "course-a").expect("states");
    let due_now = states.iter().filter(|(_, st)| st.due_ms <= T0).count() as u64;
    assert_eq!(sum.due, due_now);
    assert!(
        states.iter().any(|(u, st)| u == "u2" && st.due_ms <= T0),
        "{states:?}"
    );
    assert_eq!(
        sum.streak, 3,
        "yesterday, the day before, and the day before that"
    );

    // An answer today extends the streak; two days later without answers it is gone.
    s.record(&item("ann", "u5", T0, true), &sch)
        .expect("record");
    assert_eq!(s.summary("ann", "course-a", T0).expect("summary").streak, 4);
    assert_eq!(
        s.summary("ann", "course-a", T0 + DAY)
            .expect("summary")
            .streak,
        4,
        "still counts the next day"
    );
    assert_eq!(
        s.summary("ann", "course-a", T0 + 2 * DAY)
            .expect("summary")
            .streak,
        0
    );
    // Far in the future every unit is due.
    let later = s
        .summary("ann", "course-a", T0 + 3650 * DAY)
        .expect("summary");
    assert_eq!(later.due, later.started);
}

#[test]
fn the_streak_counts_utc_days_across_midnight() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = open(dir.path());
    let sch = scheduler();
    let midnight = T0 - T0.rem_euclid(DAY) + DAY;
    // One minute before and one minute after midnight: two days.
    s.record(&item("ann", "u1", midnight - 60_000, true), &sch)
        .expect("record");
    s.record(&item("ann", "u1", midnight + 60_000, true), &sch)
        .expect("record");
    assert_eq!(
        s.summary("ann", "course-a", midnight + 120_000)
            .expect("summary")
            .streak,
        2
    );
}

#[test]
fn a_right_answer_is_due_later_and_a_wrong_answer_soon() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = open(dir.path());
    let sch = scheduler();
    s.record(&item("ann", "good", T0, true), &sch)
        .expect("record");
    s.record(&item("ann", "bad", T0, false), &sch)
        .expect("record");
    let states: BTreeMap<String, crate::schedule::ReviewState> = s
        .review_states("ann", "course-a")
        .expect("states")
        .into_iter()
        .collect();
    let good = states["good"];
    let bad = states["bad"];
    assert_eq!((good.last_ms, bad.last_ms), (T0, T0));
    assert!(good.due_ms >= T0 + DAY, "right: at least a day later");
    assert!(
        bad.due_ms > T0 && bad.due_ms <= T0 + DAY,
        "wrong: within a day"
    );
    assert_eq!((good.reps, good.lapses), (1, 0));
    // Ordered by due time.
    let order: Vec<String> = s
        .review_states("ann", "course-a")
        .expect("states")
        .into_iter()
        .map(|(u, _)| u)
        .collect();
    assert_eq!(order, ["bad", "good"]);

    // Reviewing the right one again when due spaces it further; failing it lapses it.
    let at = good.due_ms;
    s.record(&item("ann", "good", at, true), &sch)
        .expect("record");
    let again = s.review_states("ann", "course-a").expect("states");
    let g2 = again.iter().find(|(u, _)| u == "good").expect("good").1;
    assert_eq!(g2.reps, 2);
    assert!(g2.due_ms - g2.last_ms > good.due_ms - good.last_ms);
    s.record(&item("ann", "good", g2.due_ms, false), &sch)
        .expect("record");
    let lapsed = s.review_states("ann", "course-a").expect("states");
    let g3 = lapsed.iter().find(|(u, _)| u == "good").expect("good").1;
    assert_eq!((g3.reps, g3.lapses), (3, 1));
    assert!(g3.due_ms - g3.last_ms <= DAY);
    // The state is exactly what the scheduler computes, one transaction per answer.
    assert_eq!(
        g3,
        sch.review(Some(g2), crate::schedule::Rating::Again, g2.due_ms)
    );
    // Other users have no state.
    assert!(
        s.review_states("bob", "course-a")
            .expect("states")
            .is_empty()
    );
}

#[test]
fn an_attempt_is_not_stored_when_its_review_cannot_be() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = open(dir.path());
    let sch = scheduler();
    s.record(&item("ann", "u1", T0, true), &sch)
        .expect("record");
    // Break the second half of the transaction: the attempt must roll back with it.
    s.conn
        .execute_batch("ALTER TABLE reviews RENAME TO reviews_gone")
        .expect("rename");
    let err = s
        .record(&item("ann", "u2", T0 + 1, true), &sch)
        .expect_err("the review write fails");
    assert!(err.to_string().contains("reviews"), "{err}");
    assert_eq!(s.count("ann", "course-a").expect("count"), 1);
}

#[test]
fn reopening_keeps_every_attempt_and_review() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sch = scheduler();
    let mut written = Vec::new();
    {
        let mut s = open(dir.path());
        for i in 0..50 {
            let a = if i % 7 == 0 {
                case("ann", T0 + i)
            } else {
                item("ann", &format!("u{}", i % 5), T0 + i, i % 3 != 0)
            };
            s.record(&a, &sch).expect("record");
            written.push(a);
        }
    }
    let s = open(dir.path());
    assert_eq!(s.attempts(Some("ann"), None).expect("attempts"), written);
    assert_eq!(s.review_states("ann", "course-a").expect("states").len(), 5);
    s.integrity_check().expect("integrity");
    // Closing the last connection checkpoints the log: only the database file remains.
    drop(s);
    assert!(dir.path().join(DB_FILE).is_file());
    assert!(!dir.path().join(format!("{DB_FILE}-wal")).exists());
}

mod faults;
mod migrations;
mod profiles;
