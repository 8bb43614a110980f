//! The TUI with a real store behind it, driven by keys through the event loop's own `apply`
//! ([`Harness`]): answers are stored before the feedback frame, the home screen shows stored
//! figures, review sessions ask due units first, and a quiz left by a quit is offered for
//! resuming. The snapshots render the small invented course (`tests/fixtures/valid/small`).

use crate::support::fixtures;
use crate::support::harness::Harness;
use std::sync::Arc;
use tutor::course::Course;
use tutor::progress::Progress;
use tutor::schedule::{DEFAULT_RETENTION, Scheduler};
use tutor::session::{Phase, Session};
use tutor::tui::app::{Ask, Overlay, Screen};
use tutor::tui::host::Host;
use tutor::tui::keys::Context;
use tutor::tui::{Action, App, Theme};

fn clock() -> i64 {
    1_800_000_000_000
}

fn later() -> i64 {
    // Ten days on: whatever was answered right is due again.
    1_800_000_000_000 + 10 * 86_400_000
}

fn open(dir: &std::path::Path, course: &Course) -> Progress {
    let sched = Scheduler::new(DEFAULT_RETENTION).expect("scheduler");
    Progress::open(dir, "alice", course, sched, clock())
        .expect("store")
        .0
}

/// A session of the app with quiz seed `seed` on the store in `dir`, started as the local
/// terminal starts one, its clock at `now`.
fn session(dir: &std::path::Path, course: &Arc<Course>, seed: u64, now: fn() -> i64) -> Harness {
    let host = Host::new(course.clone(), Ok(open(dir, course)), now);
    Harness::with_host(App::new(course.clone(), seed, Theme::new(true)), host)
}

/// The quiz on screen.
fn quiz(h: &Harness) -> &Session {
    match h.app.screen() {
        Screen::Quiz(q) => &q.session,
        other => panic!("a quiz on screen, not {other:?}"),
    }
}

/// Answers the open question: its first option, or a text.
fn answer_first_option(h: &mut Harness) {
    match h.app.context() {
        Context::Text => h.press("surgery\n"),
        Context::Choice { multi: true, .. } => h.press("a\n"),
        _ => h.press("a"),
    }
}

/// Home → Practice quiz.
const PRACTICE: &str = "j\n";
/// Home → Case drill.
const CASE_DRILL: &str = "jj\n";

#[test]
fn answers_are_stored_before_feedback_and_figures_follow() {
    let dir = tempfile::tempdir().expect("dir");
    let course = fixtures::embedded();
    let mut h = session(dir.path(), &course, 1, clock);
    assert_eq!(h.app.progress.as_ref().map(|p| p.summary.answered), Some(0));
    h.press(CASE_DRILL);
    for _ in 0..3 {
        answer_first_option(&mut h);
        // Feedback is on screen: the answer is already in the store.
        assert_eq!(h.app.context(), Context::Feedback);
        h.press("\n");
    }
    let store = open(dir.path(), &course);
    let attempts = store.store.attempts(Some("alice"), None).expect("attempts");
    assert_eq!(attempts.len(), 3);
    assert!(
        attempts
            .iter()
            .all(|a| a.template.is_some() && a.case_seed.is_some() && a.options.len() == 4)
    );
    assert_eq!(
        h.app.progress.as_ref().map(|p| p.summary.answered),
        Some(3),
        "home figures follow"
    );
}

#[test]
fn a_quit_quiz_is_offered_again_and_resumes_where_it_was() {
    let dir = tempfile::tempdir().expect("dir");
    let course = fixtures::embedded();
    let mut h = session(dir.path(), &course, 1, clock);
    h.press(PRACTICE);
    answer_first_option(&mut h);
    h.press("\n");
    answer_first_option(&mut h);
    let before = quiz(&h).clone();
    // The process dies here (no clean quit): a new session starts.
    let mut h = session(dir.path(), &course, 99, clock);
    assert_eq!(h.app.overlay, Some(Overlay::Confirm(Ask::Resume)));
    h.press("y");
    let after = quiz(&h);
    assert_eq!(after.questions(), before.questions());
    assert_eq!(
        (after.current(), after.answered(), after.seed()),
        (before.current(), 2, before.seed())
    );
    // Declining forgets it.
    let mut h = session(dir.path(), &course, 99, clock);
    h.press("n");
    let mut host = Host::new(course.clone(), Ok(open(dir.path(), &course)), clock);
    assert!(
        !host
            .start()
            .iter()
            .any(|a| matches!(a, Action::OfferResume(_))),
        "declined quiz is gone"
    );
}

#[test]
fn review_asks_due_units_first_with_fresh_variants() {
    let dir = tempfile::tempdir().expect("dir");
    let course = fixtures::embedded();
    let mut h = session(dir.path(), &course, 1, clock);
    h.press(CASE_DRILL); // reviews case templates
    let mut answered = Vec::new();
    for _ in 0..4 {
        answered.push(quiz(&h).question().expect("q").clone());
        answer_first_option(&mut h);
        h.press("\n");
    }
    // Ten days later every reviewed unit is due.
    let mut h = session(dir.path(), &course, 2, later);
    // The unfinished drill is offered for resuming; decline it.
    assert_eq!(h.app.overlay, Some(Overlay::Confirm(Ask::Resume)));
    h.press("n");
    let due = h.app.progress.as_ref().map_or(0, |p| p.summary.due);
    let units: std::collections::BTreeSet<String> = answered
        .iter()
        .map(|q| q.unit(&course).to_string())
        .collect();
    assert_eq!(due as usize, units.len());
    h.press("jjj\n"); // Review
    let q = quiz(&h);
    assert_eq!(q.title(), "Review");
    let first: Vec<String> = q
        .questions()
        .iter()
        .take(units.len())
        .map(|x| x.unit(&course).to_string())
        .collect();
    assert!(
        first.iter().all(|u| units.contains(u)),
        "due units come first: {first:?}"
    );
    for fresh in q.questions().iter().take(units.len()) {
        assert!(
            !answered.iter().any(|old| old.id == fresh.id),
            "a fresh variant, not the same case"
        );
    }
}

/// A learner who answered four drill cases of the small course (right, wrong, right, wrong),
/// ten days later.
fn seasoned(dir: &std::path::Path) -> Harness {
    let course = fixtures::small();
    let mut h = session(dir, &course, 1, clock);
    h.press(CASE_DRILL);
    for i in 0..4 {
        let question = quiz(&h).question().expect("q").clone();
        let key = question.key()[0];
        let pick = if i % 2 == 0 {
            key
        } else {
            (key + 1) % question.options.len()
        };
        h.press(&format!(
            "{}\n",
            tutor::text::letter(pick).to_ascii_lowercase()
        ));
    }
    let mut h = session(dir, &course, 2, later);
    h.press("n");
    h
}

#[test]
fn statistics_and_review_screens() {
    let dir = tempfile::tempdir().expect("dir");
    let mut h = seasoned(dir.path());
    insta::assert_snapshot!("home_with_progress_80x24", h.frame(80, 24));
    h.press("jjjj\n"); // Statistics
    let stats = h
        .app
        .stats
        .clone()
        .expect("the host answered NeedStats before the frame");
    assert_eq!((stats.answered, stats.right), (4, 2));
    assert_eq!(
        stats.forecast.iter().sum::<u32>() as usize,
        stats.started as usize
    );
    insta::assert_snapshot!("statistics_80x24", h.frame(80, 24));
    insta::assert_snapshot!("statistics_120x40", h.frame(120, 40));
    h.press("\x1bk\n"); // Review
    insta::assert_snapshot!("review_question_80x24", h.frame(80, 24));
}

/// A store that cannot be written: every screen's header says so in words, and each answer
/// says it was not saved.
#[test]
fn a_store_that_cannot_be_written_is_said_in_the_header() {
    let course = fixtures::small();
    let why = "the progress database /data/tutor.db cannot be written: the disk is full";
    let host = Host::new(course.clone(), Err(why.to_owned()), clock);
    let mut h = Harness::with_host(App::new(course, 1, Theme::new(true)), host);
    let home = h.frame(80, 24);
    assert!(
        home.lines().next().is_some_and(|l| l.contains("NOT SAVED")),
        "{home}"
    );
    h.press(CASE_DRILL);
    answer_first_option(&mut h);
    insta::assert_snapshot!("unsaved_feedback_80x24", h.frame(80, 24));
    let wide = h.frame(120, 40);
    assert!(
        wide.lines().next().is_some_and(|l| l.contains("NOT SAVED")),
        "{wide}"
    );
}

/// The quiz is over: the results are on screen.
fn done(h: &Harness) -> bool {
    quiz(h).phase() == Phase::Done
}

#[path = "tui_progress/resume.rs"]
mod resume;
#[path = "tui_progress/review.rs"]
mod review;
