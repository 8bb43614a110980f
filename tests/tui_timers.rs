//! A timed drill question under overlays: its clock keeps running under help, the leave-quiz
//! question and notices (a classroom drill is fair to everyone), and each of them shows the
//! time left so the student is never surprised.

use crate::support::fixtures;
use crate::support::harness::Harness;
use tutor::quiz::drill::DrillSpec;
use tutor::session::Phase;
use tutor::tui::app::Screen;
use tutor::tui::{Action, Effect};

/// A drill of three questions, 30 s each, on the small course, its first question's
/// countdown started at 10 s (so it runs out at 40 s).
pub fn timed_drill(exam: bool) -> Harness {
    let mut h = Harness::new(fixtures::small(), 1);
    h.app.open_drill(&DrillSpec {
        seed: 5,
        count: 3,
        lessons: vec![],
        cases_only: false,
        time_limit: Some(30),
        exam,
        paced: false,
    });
    h.send(Action::Tick(10_000));
    h
}

fn seconds_left(h: &Harness) -> Option<i64> {
    match h.app.screen() {
        Screen::Quiz(q) => q.seconds_left(),
        other => panic!("not in a quiz: {other:?}"),
    }
}

fn phase(h: &Harness) -> Phase {
    match h.app.screen() {
        Screen::Quiz(q) => q.session.phase(),
        other => panic!("not in a quiz: {other:?}"),
    }
}

#[test]
fn help_over_a_timed_drill_question_shows_the_time_left_and_the_clock_runs_on() {
    for exam in [false, true] {
        let mut h = timed_drill(exam);
        h.press("?");
        h.send(Action::Tick(25_000));
        assert_eq!(seconds_left(&h), Some(15), "the clock ran under help");
        let screen = h.frame(80, 24);
        assert!(
            screen.contains("time left: 15 s · still running"),
            "{screen}"
        );
        h.take_effects();
        h.send(Action::Tick(40_000));
        let timed_out = h
            .take_effects()
            .iter()
            .any(|e| matches!(e, Effect::Answered(a) if a.timed_out && !a.outcome.correct));
        assert!(timed_out, "the time ran out under help (exam: {exam})");
    }
}

#[test]
fn the_leave_quiz_question_and_a_notice_show_the_time_left() {
    let mut h = timed_drill(false);
    // First question answered and read; the second's countdown starts at 50 s.
    h.press("a\n");
    assert_eq!(phase(&h), Phase::Asking);
    h.send(Action::Tick(50_000));
    h.send(Action::Tick(58_000));
    h.press("\x1b");
    let screen = h.frame(80, 24);
    assert!(screen.contains("Leave this quiz?"), "{screen}");
    assert!(screen.contains("time left: 22 s"), "{screen}");
    h.press("\x1b");
    // A letter past the last option: a notice in the footer.
    h.press("z");
    let screen = h.frame(80, 24);
    let footer = screen.lines().last().unwrap_or_default();
    assert!(footer.contains("not an option"), "{footer}");
    assert!(footer.contains("time left: 22 s"), "{footer}");
}
