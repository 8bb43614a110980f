//! A paced drill on a student's screen, driven by the instructor's moves as the host passes
//! them on ([`Action::Pace`]): it waits, takes one answer for the open question, holds it,
//! and at the reveal shows the feedback with the class's answers beside each option.

use crate::support::fixtures;
use crate::support::harness::Harness;
use insta::assert_snapshot;
use tutor::quiz::drill::DrillSpec;
use tutor::session::Phase;
use tutor::session::pace::{ClassAnswers, Pace, PaceUpdate};
use tutor::tui::app::Screen;
use tutor::tui::keys::Context;
use tutor::tui::{Action, Effect};

fn spec() -> DrillSpec {
    DrillSpec {
        seed: 5,
        count: 3,
        paced: true,
        ..DrillSpec::default()
    }
}

fn student() -> Harness {
    let mut h = Harness::new(fixtures::small(), 1);
    h.app.open_drill(&spec());
    h
}

fn pace(h: &mut Harness, pace: Pace, class: Option<ClassAnswers>) {
    let drill = spec().id(&h.app.course);
    h.send(Action::Pace(Box::new(PaceUpdate { drill, pace, class })));
}

fn session(h: &Harness) -> &tutor::session::Session {
    match h.app.screen() {
        Screen::Quiz(q) => &q.session,
        other => panic!("the drill, not {other:?}"),
    }
}

#[test]
fn a_paced_question_opens_holds_the_answer_and_reveals_the_class() {
    let mut h = student();
    assert_eq!(h.app.context(), Context::Waiting);
    let waiting = h.frame(80, 24);
    assert!(
        waiting.contains("Waiting for the instructor to open the first question."),
        "{waiting}"
    );
    assert_snapshot!("paced_waiting_80x24", waiting);
    h.press("a\n");
    assert_eq!(
        session(&h).answered(),
        0,
        "no answer before the question opens"
    );
    pace(&mut h, Pace::Open(0), None);
    assert_eq!(session(&h).phase(), Phase::Asking);
    assert!(h.take_effects().contains(&Effect::Shown), "its time starts");
    // The small course's drill opens with a choice question: answer B.
    h.press("b");
    if matches!(h.app.context(), Context::Choice { .. }) {
        h.press("\n");
    }
    assert_eq!(session(&h).phase(), Phase::Held);
    let held = h.frame(80, 24);
    assert!(held.contains("Your answer is in: B."), "{held}");
    assert!(
        held.contains("· score 0/0 ·"),
        "right or wrong is not shown before the reveal: {held}"
    );
    assert!(
        held.contains("Waiting for the instructor to reveal the answer."),
        "{held}"
    );
    assert_snapshot!("paced_held_80x24", held);
    h.press("\n");
    assert_eq!(session(&h).phase(), Phase::Held, "Enter does not move on");
    let options = session(&h).question().map_or(0, |q| q.options.len());
    let class = ClassAnswers {
        question: 0,
        chose: (0..options as u32).map(|i| i + 1).collect(),
        answered: (1..=options as u32).sum(),
        right: 3,
        present: 12,
    };
    pace(&mut h, Pace::Revealed(0), Some(class));
    assert_eq!(h.app.context(), Context::PacedFeedback);
    let revealed = h.frame(120, 40);
    assert!(revealed.contains("· class: 2 of "), "{revealed}");
    assert!(revealed.contains("Class: "), "{revealed}");
    assert_snapshot!("paced_revealed_120x40", revealed);
    assert_snapshot!("paced_revealed_80x24", h.frame(80, 24));
    h.press("\n");
    assert_eq!(
        (session(&h).phase(), session(&h).current()),
        (Phase::Feedback, 0)
    );
    pace(&mut h, Pace::Open(1), None);
    assert_eq!(
        (session(&h).phase(), session(&h).current()),
        (Phase::Asking, 1)
    );
}

#[test]
fn a_question_closed_before_an_answer_is_recorded_unanswered_once() {
    let mut h = student();
    pace(&mut h, Pace::Open(0), None);
    h.take_effects();
    pace(&mut h, Pace::Locked(0), None);
    let recorded = |effects: &[Effect]| {
        effects
            .iter()
            .filter(|e| matches!(e, Effect::Answered(a) if a.timed_out))
            .count()
    };
    assert_eq!(recorded(&h.take_effects()), 1);
    assert!(
        h.frame(80, 24)
            .contains("Answers are closed: you did not answer this one.")
    );
    pace(&mut h, Pace::Revealed(0), None);
    assert_eq!(recorded(&h.take_effects()), 0, "once");
    let revealed = h.frame(100, 30);
    assert!(
        revealed.contains("Answers were closed before yours") && !revealed.contains("Time ran out"),
        "an untimed drill's question was closed, not timed out: {revealed}"
    );
    pace(&mut h, Pace::Finished, None);
    assert!(matches!(h.app.context(), Context::Results { .. }));
}
