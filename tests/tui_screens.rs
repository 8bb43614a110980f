//! Screen snapshots (insta + TestBackend) of every screen at 80x24, and of the quiz and its
//! feedback at 120x40, reached by the same actions a person would send.

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use tutor::course::Course;
use tutor::tui::{Action, App, Theme};

fn app() -> App {
    let course = Arc::new(Course::embedded().expect("embedded course"));
    App::new(course, 1, Theme::new(true))
}

fn send(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(a.clone());
    }
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    app.update(Action::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| f.render_widget(&*app, f.area())).expect("draw");
    t.backend().to_string()
}

/// Down `n` times on the home menu, then Enter.
fn open(app: &mut App, n: usize) {
    for _ in 0..n {
        app.update(Action::Down);
    }
    app.update(Action::Select);
}

/// Answers the open question with its first option, or with a wrong text.
fn answer_first(app: &mut App) {
    let typing = matches!(app.context(), tutor::tui::keys::Context::Text);
    if typing {
        for c in "chemotherapy".chars() {
            app.update(Action::Input(c));
        }
        app.update(Action::Select);
    } else {
        app.update(Action::Choose(0));
        app.update(Action::Select);
    }
}

#[test]
fn home() {
    assert_snapshot!(screen(&mut app(), 80, 24));
}

#[test]
fn help_overlay() {
    let mut a = app();
    a.update(Action::Help);
    assert_snapshot!(screen(&mut a, 80, 24));
}

#[test]
fn lessons_list() {
    let mut a = app();
    open(&mut a, 0);
    a.update(Action::Down);
    assert_snapshot!(screen(&mut a, 80, 24));
}

#[test]
fn lesson_reader_with_a_glossary_term_open() {
    let mut a = app();
    open(&mut a, 0);
    send(
        &mut a,
        &[
            Action::Down,
            Action::Select,
            Action::NextTerm,
            Action::Bottom,
        ],
    );
    assert_snapshot!(screen(&mut a, 80, 24));
}

#[test]
fn lesson_reader_top() {
    let mut a = app();
    open(&mut a, 0);
    a.update(Action::Select);
    assert_snapshot!(screen(&mut a, 80, 24));
}

#[test]
fn quiz_question_80x24_and_120x40() {
    let mut a = app();
    open(&mut a, 2); // case drill: choice questions
    a.update(Action::Down);
    assert_snapshot!("case_question_80x24", screen(&mut a, 80, 24));
    assert_snapshot!("case_question_120x40", screen(&mut a, 120, 40));
}

#[test]
fn feedback_80x24_and_120x40() {
    let mut a = app();
    open(&mut a, 2);
    a.update(Action::Choose(0));
    assert_snapshot!("case_feedback_80x24", screen(&mut a, 80, 24));
    assert_snapshot!("case_feedback_120x40", screen(&mut a, 120, 40));
}

#[test]
fn practice_quiz_text_answer_and_its_feedback() {
    let mut a = app();
    open(&mut a, 1);
    // Walk to the first free-text question of this seeded quiz.
    for _ in 0..10 {
        if matches!(a.context(), tutor::tui::keys::Context::Text) {
            break;
        }
        answer_first(&mut a);
    }
    for c in "surgury".chars() {
        a.update(Action::Input(c));
    }
    assert_snapshot!("text_question_80x24", screen(&mut a, 80, 24));
    a.update(Action::Select);
    assert_snapshot!("text_feedback_80x24", screen(&mut a, 80, 24));
    assert_snapshot!("text_feedback_120x40", screen(&mut a, 120, 40));
}

#[test]
fn results_after_a_quiz() {
    let mut a = app();
    open(&mut a, 2);
    for _ in 0..10 {
        answer_first(&mut a);
    }
    assert_snapshot!(screen(&mut a, 80, 24));
}

#[test]
fn source_view_from_feedback() {
    let mut a = app();
    open(&mut a, 2);
    send(&mut a, &[Action::Choose(0), Action::OpenSource]);
    assert_snapshot!("source_80x24", screen(&mut a, 80, 24));
    a.update(Action::NextPane);
    assert_snapshot!("source_cited_by_120x40", screen(&mut a, 120, 40));
}

#[test]
fn quit_confirmation_during_a_quiz() {
    let mut a = app();
    open(&mut a, 2);
    send(&mut a, &[Action::Choose(0), Action::Select, Action::Quit]);
    assert_snapshot!(screen(&mut a, 80, 24));
}

#[test]
fn too_small() {
    assert_snapshot!(screen(&mut app(), 40, 10));
}
