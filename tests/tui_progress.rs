//! The TUI with a real store behind it: answers are stored before the feedback frame, the
//! home screen shows stored figures, review sessions ask due units first, and a quiz left by
//! a quit is offered for resuming.

use std::sync::Arc;
use tutor::course::Course;
use tutor::progress::Progress;
use tutor::schedule::{DEFAULT_RETENTION, Scheduler};
use tutor::tui::app::{Ask, Overlay, Screen};
use tutor::tui::host::Host;
use tutor::tui::quiz::Phase;
use tutor::tui::{Action, App, Effect, Theme};

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

/// Sends `action` and carries out its effects as the event loop does.
fn act(app: &mut App, host: &mut Host, action: Action) -> Vec<Effect> {
    let mut all = Vec::new();
    let mut queue = vec![action];
    while let Some(a) = queue.pop() {
        let effects = app.update(a);
        for e in &effects {
            queue.extend(host.on_effect(e));
        }
        all.extend(effects);
    }
    all
}

fn answer_first_option(app: &mut App, host: &mut Host) {
    let typing = matches!(app.context(), tutor::tui::keys::Context::Text);
    if typing {
        for c in "surgery".chars() {
            act(app, host, Action::Input(c));
        }
        act(app, host, Action::Select);
    } else {
        act(app, host, Action::Choose(0));
        if matches!(app.context(), tutor::tui::keys::Context::Choice { .. }) {
            act(app, host, Action::Select);
        }
    }
}

#[test]
fn answers_are_stored_before_feedback_and_figures_follow() {
    let dir = tempfile::tempdir().expect("dir");
    let course = Arc::new(Course::embedded().expect("course"));
    let mut host = Host::new(course.clone(), Ok(open(dir.path(), &course)), clock);
    let mut app = App::new(course.clone(), 1, Theme::default());
    for a in host.start() {
        app.update(a);
    }
    assert_eq!(app.progress.as_ref().map(|p| p.summary.answered), Some(0));
    act(&mut app, &mut host, Action::Down);
    act(&mut app, &mut host, Action::Down);
    act(&mut app, &mut host, Action::Select); // case drill
    for _ in 0..3 {
        answer_first_option(&mut app, &mut host);
        // Feedback is on screen: the answer is already in the store.
        let Screen::Quiz(q) = app.screen() else {
            panic!("quiz")
        };
        assert_eq!(q.phase, Phase::Feedback);
        act(&mut app, &mut host, Action::Select);
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
        app.progress.as_ref().map(|p| p.summary.answered),
        Some(3),
        "home figures follow"
    );
}

#[test]
fn a_quit_quiz_is_offered_again_and_resumes_where_it_was() {
    let dir = tempfile::tempdir().expect("dir");
    let course = Arc::new(Course::embedded().expect("course"));
    let mut host = Host::new(course.clone(), Ok(open(dir.path(), &course)), clock);
    let mut app = App::new(course.clone(), 1, Theme::default());
    act(&mut app, &mut host, Action::Down);
    act(&mut app, &mut host, Action::Select); // practice quiz
    answer_first_option(&mut app, &mut host);
    act(&mut app, &mut host, Action::Select);
    answer_first_option(&mut app, &mut host);
    let Screen::Quiz(before) = app.screen() else {
        panic!("quiz")
    };
    let before = before.clone();
    // The process dies here (no clean quit): a new session starts.
    let mut host = Host::new(course.clone(), Ok(open(dir.path(), &course)), clock);
    let mut app = App::new(course.clone(), 99, Theme::default());
    for a in host.start() {
        app.update(a);
    }
    assert_eq!(app.overlay, Some(Overlay::Confirm(Ask::Resume)));
    act(&mut app, &mut host, Action::Confirm(true));
    let Screen::Quiz(after) = app.screen() else {
        panic!("resumed quiz")
    };
    assert_eq!(after.questions, before.questions);
    assert_eq!(
        (after.current, after.answered(), after.seed),
        (before.current, 2, before.seed)
    );
    // Declining forgets it.
    let mut host = Host::new(course.clone(), Ok(open(dir.path(), &course)), clock);
    let mut app = App::new(course.clone(), 99, Theme::default());
    for a in host.start() {
        app.update(a);
    }
    act(&mut app, &mut host, Action::Confirm(false));
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
    let course = Arc::new(Course::embedded().expect("course"));
    let mut host = Host::new(course.clone(), Ok(open(dir.path(), &course)), clock);
    let mut app = App::new(course.clone(), 1, Theme::default());
    act(&mut app, &mut host, Action::Down);
    act(&mut app, &mut host, Action::Down);
    act(&mut app, &mut host, Action::Select); // case drill: reviews case templates
    let mut answered = Vec::new();
    for _ in 0..4 {
        let Screen::Quiz(q) = app.screen() else {
            panic!("quiz")
        };
        answered.push(q.question().expect("q").clone());
        answer_first_option(&mut app, &mut host);
        act(&mut app, &mut host, Action::Select);
    }
    // Ten days later every reviewed unit is due.
    let mut host = Host::new(course.clone(), Ok(open(dir.path(), &course)), later);
    let mut app = App::new(course.clone(), 2, Theme::default());
    for a in host.start() {
        app.update(a);
    }
    // The unfinished drill is offered for resuming; decline it.
    assert_eq!(app.overlay, Some(Overlay::Confirm(Ask::Resume)));
    act(&mut app, &mut host, Action::Confirm(false));
    let due = app.progress.as_ref().map_or(0, |p| p.summary.due);
    let units: std::collections::BTreeSet<String> =
        answered.iter().map(|q| q.unit(&course)).collect();
    assert_eq!(due as usize, units.len());
    for _ in 0..3 {
        act(&mut app, &mut host, Action::Down);
    }
    act(&mut app, &mut host, Action::Select); // Review
    let Screen::Quiz(q) = app.screen() else {
        panic!("review")
    };
    assert_eq!(q.title, "Review");
    let first: Vec<String> = q
        .questions
        .iter()
        .take(units.len())
        .map(|x| x.unit(&course))
        .collect();
    assert!(
        first.iter().all(|u| units.contains(u)),
        "due units come first: {first:?}"
    );
    for fresh in q.questions.iter().take(units.len()) {
        assert!(
            !answered.iter().any(|old| old.id == fresh.id),
            "a fresh variant, not the same case"
        );
    }
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    app.update(Action::Resize(w, h));
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| f.render_widget(&*app, f.area())).expect("draw");
    t.backend().to_string()
}

/// A learner who answered four drill cases (right, wrong, right, wrong), ten days later.
fn seasoned(dir: &std::path::Path) -> (App, Host) {
    let course = Arc::new(Course::embedded().expect("course"));
    let mut host = Host::new(course.clone(), Ok(open(dir, &course)), clock);
    let mut app = App::new(course.clone(), 1, Theme::new(true));
    act(&mut app, &mut host, Action::Down);
    act(&mut app, &mut host, Action::Down);
    act(&mut app, &mut host, Action::Select);
    for i in 0..4 {
        let Screen::Quiz(q) = app.screen() else {
            panic!("quiz")
        };
        let question = q.question().expect("q").clone();
        let key = question.key()[0];
        let pick = if i % 2 == 0 {
            key
        } else {
            (key + 1) % question.options.len()
        };
        act(&mut app, &mut host, Action::Choose(pick));
        act(&mut app, &mut host, Action::Select);
    }
    let mut host = Host::new(course.clone(), Ok(open(dir, &course)), later);
    let mut app = App::new(course, 2, Theme::new(true));
    for a in host.start() {
        app.update(a);
    }
    act(&mut app, &mut host, Action::Confirm(false));
    (app, host)
}

#[test]
fn statistics_and_review_screens() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut app, mut host) = seasoned(dir.path());
    insta::assert_snapshot!("home_with_progress_80x24", screen(&mut app, 80, 24));
    for _ in 0..4 {
        act(&mut app, &mut host, Action::Down);
    }
    act(&mut app, &mut host, Action::Select); // Statistics
    let stats = app
        .stats
        .clone()
        .expect("the host answered NeedStats before the frame");
    assert_eq!((stats.answered, stats.right), (4, 2));
    assert_eq!(
        stats.forecast.iter().sum::<u32>() as usize,
        stats.started as usize
    );
    insta::assert_snapshot!("statistics_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("statistics_120x40", screen(&mut app, 120, 40));
    act(&mut app, &mut host, Action::Back);
    act(&mut app, &mut host, Action::Up);
    act(&mut app, &mut host, Action::Select); // Review
    insta::assert_snapshot!("review_question_80x24", screen(&mut app, 80, 24));
}

/// A store that cannot be written: every screen's header says so in words, and each answer
/// says it was not saved.
#[test]
fn a_store_that_cannot_be_written_is_said_in_the_header() {
    let course = Arc::new(Course::embedded().expect("course"));
    let why = "the progress database /data/tutor.db cannot be written: the disk is full";
    let mut host = Host::new(course.clone(), Err(why.to_owned()), clock);
    let mut app = App::new(course.clone(), 1, Theme::new(true));
    for a in host.start() {
        app.update(a);
    }
    let home = screen(&mut app, 80, 24);
    assert!(
        home.lines().next().is_some_and(|l| l.contains("NOT SAVED")),
        "{home}"
    );
    act(&mut app, &mut host, Action::Down);
    act(&mut app, &mut host, Action::Down);
    act(&mut app, &mut host, Action::Select);
    answer_first_option(&mut app, &mut host);
    insta::assert_snapshot!("unsaved_feedback_80x24", screen(&mut app, 80, 24));
    let wide = screen(&mut app, 120, 40);
    assert!(
        wide.lines().next().is_some_and(|l| l.contains("NOT SAVED")),
        "{wide}"
    );
}

#[path = "tui_progress/resume.rs"]
mod resume;
