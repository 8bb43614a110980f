//! Saved work is never silently discarded: Esc and q keep a quiz alike, a second quiz never
//! overwrites the first, a drill goes on where it was, and a saved quiz this build cannot
//! read is reported and kept.

use super::{act, answer_first_option, clock, open};
use std::sync::Arc;
use tutor::course::Course;
use tutor::quiz::drill::DrillSpec;
use tutor::tui::app::{Ask, Overlay, Screen};
use tutor::tui::host::Host;
use tutor::tui::quiz::Phase;
use tutor::tui::{Action, App, Theme};

fn course() -> Arc<Course> {
    Arc::new(Course::embedded().expect("course"))
}

/// A new session on the store in `dir`: a fresh app and host, started.
fn restart(dir: &std::path::Path, course: &Arc<Course>) -> (App, Host) {
    let mut host = Host::new(course.clone(), Ok(open(dir, course)), clock);
    let mut app = App::new(course.clone(), 99, Theme::default());
    for a in host.start() {
        app.update(a);
    }
    (app, host)
}

fn quiz(app: &App) -> &tutor::tui::quiz::QuizState {
    match app.screen() {
        Screen::Quiz(q) => q,
        other => panic!("a quiz on screen, not {other:?}"),
    }
}

#[test]
fn esc_keeps_a_quiz_as_q_does_and_a_second_quiz_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("dir");
    let course = course();
    let (mut app, mut host) = restart(dir.path(), &course);
    act(&mut app, &mut host, Action::Down);
    act(&mut app, &mut host, Action::Select); // practice quiz
    answer_first_option(&mut app, &mut host);
    let first = quiz(&app).clone();
    act(&mut app, &mut host, Action::Back);
    assert_eq!(app.overlay, Some(Overlay::Confirm(Ask::LeaveQuiz)));
    act(&mut app, &mut host, Action::Confirm(true));
    assert!(matches!(app.screen(), Screen::Home { .. }));
    // A second quiz, from a lesson, answered to its end.
    act(&mut app, &mut host, Action::Up);
    act(&mut app, &mut host, Action::Select); // lessons
    act(&mut app, &mut host, Action::Select); // the first lesson
    act(&mut app, &mut host, Action::CheckYourself);
    let second = quiz(&app).title.clone();
    assert!(second.starts_with("Check yourself"), "{second}");
    while quiz(&app).phase != Phase::Done {
        answer_first_option(&mut app, &mut host);
        act(&mut app, &mut host, Action::Select);
    }
    // The first quiz is offered at the next start, where it was.
    let (mut app, mut host) = restart(dir.path(), &course);
    assert_eq!(app.overlay, Some(Overlay::Confirm(Ask::Resume)));
    act(&mut app, &mut host, Action::Confirm(true));
    let resumed = quiz(&app);
    assert_eq!(resumed.questions, first.questions);
    assert_eq!(
        (resumed.answered(), resumed.title.as_str()),
        (1, first.title.as_str())
    );
}

#[test]
fn esc_on_the_offer_keeps_the_quiz_and_n_discards_it() {
    let dir = tempfile::tempdir().expect("dir");
    let course = course();
    let (mut app, mut host) = restart(dir.path(), &course);
    act(&mut app, &mut host, Action::Down);
    act(&mut app, &mut host, Action::Select);
    answer_first_option(&mut app, &mut host);
    let (mut app, mut host) = restart(dir.path(), &course);
    act(&mut app, &mut host, Action::Back); // not now
    let (mut app, mut host) = restart(dir.path(), &course);
    assert_eq!(
        app.overlay,
        Some(Overlay::Confirm(Ask::Resume)),
        "still kept"
    );
    act(&mut app, &mut host, Action::Confirm(false)); // discard
    let (app, _) = restart(dir.path(), &course);
    assert_eq!(app.overlay, None, "discarded on request");
}

fn drill() -> DrillSpec {
    DrillSpec {
        seed: 11,
        count: 4,
        lessons: Vec::new(),
        cases_only: false,
        time_limit: None,
        exam: false,
    }
}

/// A session of a class drill as `tutor serve --drill` and `tutor drill` start one.
fn drill_session(dir: &std::path::Path, course: &Arc<Course>) -> (App, Host) {
    let mut host = Host::new(course.clone(), Ok(open(dir, course)), clock);
    let mut app = App::new(course.clone(), 99, Theme::default());
    app.open_drill(&drill());
    for a in host.start() {
        if !matches!(a, Action::OfferResume(_)) {
            app.update(a);
        }
    }
    (app, host)
}

#[test]
fn a_drill_goes_on_where_it_was_and_is_never_answered_twice() {
    let dir = tempfile::tempdir().expect("dir");
    let course = course();
    let (mut app, mut host) = drill_session(dir.path(), &course);
    for _ in 0..2 {
        answer_first_option(&mut app, &mut host);
        act(&mut app, &mut host, Action::Select);
    }
    // The connection drops: the next session lands on question 3.
    let (mut app, mut host) = drill_session(dir.path(), &course);
    assert_eq!((quiz(&app).current, quiz(&app).answered()), (2, 2));
    while quiz(&app).phase != Phase::Done {
        answer_first_option(&mut app, &mut host);
        act(&mut app, &mut host, Action::Select);
    }
    // Finished: coming back shows the results, not question 1.
    let (app, _) = drill_session(dir.path(), &course);
    assert_eq!(quiz(&app).phase, Phase::Done);
    let p = open(dir.path(), &course);
    let stored = p.store.attempts(Some("alice"), None).expect("attempts");
    assert_eq!(stored.len(), 4, "each drill question answered once");
}

#[test]
fn a_saved_quiz_this_tutor_cannot_read_is_reported_and_kept() {
    let dir = tempfile::tempdir().expect("dir");
    let course = course();
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
