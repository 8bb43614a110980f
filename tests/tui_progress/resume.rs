//! Saved work is never silently discarded: Esc and q keep a quiz alike, a second quiz never
//! overwrites the first, a drill goes on where it was, and a saved quiz this build cannot
//! read is reported and kept.

use super::{PRACTICE, answer_first_option, clock, done, open, quiz, session};
use crate::support::fixtures;
use crate::support::harness::Harness;
use ratatui::crossterm::event::KeyCode;
use std::sync::Arc;
use tutor::course::Course;
use tutor::quiz::drill::DrillSpec;
use tutor::session::Phase;
use tutor::tui::app::{Ask, Overlay, Screen};
use tutor::tui::host::Host;
use tutor::tui::{Action, App, Theme};

/// A new session on the store in `dir`: a fresh app and host, started.
fn restart(dir: &std::path::Path, course: &Arc<Course>) -> Harness {
    session(dir, course, 99, clock)
}

#[test]
fn esc_keeps_a_quiz_as_q_does_and_a_second_quiz_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("dir");
    let course = fixtures::embedded();
    let mut h = restart(dir.path(), &course);
    h.press(PRACTICE);
    answer_first_option(&mut h);
    let first = quiz(&h).clone();
    h.press("\x1b");
    assert_eq!(h.app.overlay, Some(Overlay::Confirm(Ask::LeaveQuiz)));
    h.press("y");
    assert!(matches!(h.app.screen(), Screen::Home { .. }));
    // A second quiz, from the first lesson, answered to its end.
    h.press("k\n\nc");
    let second = quiz(&h).title().to_owned();
    assert!(second.starts_with("Check yourself"), "{second}");
    while !done(&h) {
        answer_first_option(&mut h);
        h.press("\n");
    }
    // The first quiz is offered at the next start, where it was.
    let mut h = restart(dir.path(), &course);
    assert_eq!(h.app.overlay, Some(Overlay::Confirm(Ask::Resume)));
    h.press("y");
    let resumed = quiz(&h);
    assert_eq!(resumed.questions(), first.questions());
    assert_eq!((resumed.answered(), resumed.title()), (1, first.title()));
}

#[test]
fn esc_on_the_offer_keeps_the_quiz_and_n_discards_it() {
    let dir = tempfile::tempdir().expect("dir");
    let course = fixtures::embedded();
    let mut h = restart(dir.path(), &course);
    h.press(PRACTICE);
    answer_first_option(&mut h);
    let mut h = restart(dir.path(), &course);
    // "Esc cancel", as the dialog and its footer both say: the key itself, through the loop.
    let frame = h.frame(80, 24);
    assert!(frame.contains("Esc cancel"), "{frame}");
    assert!(
        frame
            .lines()
            .last()
            .is_some_and(|l| l.contains("Esc cancel")),
        "{frame}"
    );
    h.key(KeyCode::Esc);
    assert_eq!(h.app.overlay, None, "Esc closes the question");
    let mut h = restart(dir.path(), &course);
    assert_eq!(
        h.app.overlay,
        Some(Overlay::Confirm(Ask::Resume)),
        "still kept"
    );
    h.press("n"); // discard
    let h = restart(dir.path(), &course);
    assert_eq!(h.app.overlay, None, "discarded on request");
}

fn drill() -> DrillSpec {
    DrillSpec {
        seed: 11,
        count: 4,
        lessons: Vec::new(),
        cases_only: false,
        time_limit: None,
        exam: false,
        paced: false,
    }
}

/// A session of a class drill as `tutor serve --drill` and `tutor drill` start one.
fn drill_session(dir: &std::path::Path, course: &Arc<Course>) -> Harness {
    let mut host = Host::new(course.clone(), Ok(open(dir, course)), clock);
    let mut app = App::new(course.clone(), 99, Theme::default());
    app.open_drill(&drill());
    for a in host.start() {
        if !matches!(a, Action::OfferResume(_)) {
            app.update(a);
        }
    }
    Harness::attach(app, host)
}

#[test]
fn a_drill_goes_on_where_it_was_and_is_never_answered_twice() {
    let dir = tempfile::tempdir().expect("dir");
    let course = fixtures::embedded();
    let mut h = drill_session(dir.path(), &course);
    for _ in 0..2 {
        answer_first_option(&mut h);
        h.press("\n");
    }
    // The connection drops: the next session lands on question 3.
    let mut h = drill_session(dir.path(), &course);
    assert_eq!((quiz(&h).current(), quiz(&h).answered()), (2, 2));
    while !done(&h) {
        answer_first_option(&mut h);
        h.press("\n");
    }
    // Finished: coming back shows the results, not question 1.
    let h = drill_session(dir.path(), &course);
    assert_eq!(quiz(&h).phase(), Phase::Done);
    let p = open(dir.path(), &course);
    let stored = p.store.attempts(Some("alice"), None).expect("attempts");
    assert_eq!(stored.len(), 4, "each drill question answered once");
}

#[test]
fn a_saved_quiz_this_tutor_cannot_read_is_reported_and_kept() {
    let dir = tempfile::tempdir().expect("dir");
    let course = fixtures::embedded();
    let mut p = open(dir.path(), &course);
    let from_the_future = r#"{"format":99,"course":"x","version":1,"quiz":{}}"#;
    let id = course.meta.id.clone();
    p.store
        .save_quiz(
            "alice",
            &id,
            "quiz:1:Practice quiz",
            from_the_future,
            clock(),
        )
        .expect("save");
    let notices: Vec<String> = Host::new(course.clone(), Ok(p), clock)
        .start()
        .into_iter()
        .filter_map(|a| match a {
            Action::Notice(n) => Some(n),
            _ => None,
        })
        .collect();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("cannot be resumed") && n.contains("newer tutor")),
        "{notices:?}"
    );
    let p = open(dir.path(), &course);
    let kept = p.store.saved_quizzes("alice", &id).expect("list");
    assert_eq!(kept.len(), 1, "kept in the store");
    assert_eq!(kept[0].state, from_the_future);
}

/// A quiz left with Esc is offered again when the next quiz is chosen in the same session:
/// Esc on the offer keeps it for later, n discards it and opens the quiz chosen, y resumes.
#[test]
fn a_quiz_left_with_esc_is_offered_with_the_next_quiz() {
    let dir = tempfile::tempdir().expect("dir");
    let course = fixtures::embedded();
    let mut h = restart(dir.path(), &course);
    h.press(PRACTICE);
    answer_first_option(&mut h);
    h.press("\x1by"); // leave; kept
    assert!(matches!(h.app.screen(), Screen::Home { .. }));
    h.press("\n"); // Practice quiz again (the menu stays on it)
    assert_eq!(h.app.overlay, Some(Overlay::Confirm(Ask::Resume)));
    h.press("\x1b"); // not now
    assert_eq!(h.app.overlay, None);
    assert!(matches!(h.app.screen(), Screen::Home { .. }));
    h.press("\n");
    assert_eq!(
        h.app.overlay,
        Some(Overlay::Confirm(Ask::Resume)),
        "offered again"
    );
    h.press("y");
    assert_eq!(quiz(&h).answered(), 1, "resumed where it was left");
    h.press("\x1by");
    h.press("\n");
    h.press("n"); // discard it: the quiz chosen opens instead
    assert_eq!(h.app.overlay, None);
    assert_eq!(
        (quiz(&h).title(), quiz(&h).answered()),
        ("Practice quiz", 0)
    );
}
