//! A practice quiz left after two answers, by Esc or by q, is offered at the next start on
//! the same data directory, and resuming lands on question 3 with both answers counted.

use super::{SEED, answer, open_quiz, tutor_bin};
use crate::support::tmux::{self, Tmux};

/// How the quiz is left, from question 3 to the tutor's exit.
#[derive(Debug, Clone, Copy)]
enum Leave {
    /// Esc, yes to leaving, then q on the home screen.
    Esc,
    /// q, yes to quitting.
    Quit,
}

/// Leaves the quiz on screen as `how` says, until the tutor exits.
fn leave(t: &Tmux, how: Leave) {
    let (key, asked) = match how {
        Leave::Esc => ("Escape", "Leave this quiz? It is kept"),
        Leave::Quit => ("q", "Quit the tutor? The quiz in progress is kept"),
    };
    t.keys(&[key]);
    t.wait_until(&format!("{asked:?}"), |s| tmux::boxed(s).contains(asked));
    t.keys(&["y"]);
    if let Leave::Esc = how {
        t.wait_until("home again", |s| {
            s.contains("▸ Practice quiz") && tmux::last_line(s).contains("q quit")
        });
        t.keys(&["q"]);
    }
}

/// Two runs of the tutor in one pane, on the test's own data directory (the pane's
/// `TUTOR_DATA_DIR`, see [`Tmux`]): the first answers two questions and leaves as `how`
/// says, the second is offered the quiz and resumes it.
fn resumed_after(how: Leave) {
    let run = format!("{} --seed {SEED}", tutor_bin());
    let t = Tmux::start(80, 24, &format!("{run}; {run}; sleep 60"));
    open_quiz(&t, "Practice quiz");
    for n in 2..=3 {
        answer(&t);
        t.keys(&["Enter"]);
        t.wait_until(&format!("question {n} with its footer"), |s| {
            s.contains(&format!("Question {n} of ")) && tmux::last_line(s).contains("answer")
        });
    }
    let before = t.screen();
    let header = before.lines().next().unwrap_or("").to_owned();
    assert!(
        header.contains("Question 3 of ") && header.contains("/2 ·"),
        "{how:?}: {before}"
    );
    leave(&t, how);
    let offer = t.wait_until("the offer to resume", |s| {
        tmux::boxed(s).contains("Resume your")
    });
    assert!(
        tmux::boxed(&offer)
            .contains("Resume your unfinished quiz? Practice quiz: 2 of 10 answered."),
        "{how:?}: {offer}"
    );
    t.keys(&["y"]);
    let resumed = t.wait_until("question 3 again", |s| {
        s.contains("Question 3 of ") && tmux::last_line(s).contains("answer") && !s.contains('┌')
    });
    assert_eq!(
        resumed.lines().next(),
        Some(header.as_str()),
        "{how:?}: {resumed}"
    );
    assert_eq!(
        resumed, before,
        "{how:?}: the same question, as it was left"
    );
}

#[test]
fn a_quiz_left_by_esc_resumes_at_question_3_with_two_answers() {
    if !tmux::available() {
        return;
    }
    resumed_after(Leave::Esc);
}

#[test]
fn a_quiz_left_by_q_resumes_at_question_3_with_two_answers() {
    if !tmux::available() {
        return;
    }
    resumed_after(Leave::Quit);
}
