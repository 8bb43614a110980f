//! The footer at 80 columns, in a real terminal: on a question and on its feedback the last
//! line names Esc, ? and q, and each of them does what the footer says, in colour and
//! under NO_COLOR alike.

use super::{answer, has_colour, open_quiz, tutor};
use crate::support::tmux::{self, Tmux};

/// The hints every quiz screen's footer keeps, whatever its width.
const ALWAYS: [&str; 3] = ["Esc back", "? help", "q quit"];

/// The footer on screen names Esc, ? and q; `?` opens help and Esc closes it, back to the
/// same screen. Returns the footer.
fn footer_names_its_keys(t: &Tmux, what: &str) -> String {
    let screen = t.screen();
    let footer = tmux::last_line(&screen).to_owned();
    for hint in ALWAYS {
        assert!(
            footer.contains(hint),
            "{what}: no {hint:?} in the footer:\n{screen}"
        );
    }
    t.keys(&["?"]);
    t.wait_until(&format!("help over {what}"), |s| {
        // The box stays above the footer, which names its keys whole.
        s.contains("Keys on this screen") && tmux::last_line(s).starts_with("Esc/? close help")
    });
    t.keys(&["Escape"]);
    back_to(t, what, &footer);
    footer
}

/// Waits until the screen `what` with its `footer` is back, no box over it.
fn back_to(t: &Tmux, what: &str, footer: &str) {
    t.wait_until(&format!("{what} again"), |s| {
        tmux::last_line(s) == footer && !s.contains('┌')
    });
}

/// With an answer given, Esc asks to leave the quiz and q to quit, both saying the quiz is
/// kept; `n` stays where it was.
fn esc_and_q_ask_first(t: &Tmux, what: &str, footer: &str) {
    for (key, asked) in [
        ("Escape", "Leave this quiz? It is kept"),
        ("q", "Quit the tutor? The quiz in progress is kept"),
    ] {
        t.keys(&[key]);
        t.wait_until(&format!("{asked:?} over {what}"), |s| {
            tmux::boxed(s).contains(asked)
        });
        t.keys(&["n"]);
        back_to(t, what, footer);
    }
}

/// One run at 80x24 with `env`: question 1 (where nothing is lost yet), its feedback and
/// question 2; then Esc leaves for home, and q there ends the tutor.
fn footer_at_80_columns(env: &str) {
    let t = tutor(80, 24, env, "");
    open_quiz(&t, "Practice quiz");
    footer_names_its_keys(&t, "question 1");
    answer(&t);
    let footer = footer_names_its_keys(&t, "the feedback on question 1");
    esc_and_q_ask_first(&t, "the feedback on question 1", &footer);
    // Enter does what the footer says first: the next question.
    assert!(footer.starts_with("Enter next question"), "{env}: {footer}");
    t.keys(&["Enter"]);
    t.wait_until("question 2 with its footer", |s| {
        s.contains("Question 2 of ") && tmux::last_line(s).contains("answer")
    });
    let footer = footer_names_its_keys(&t, "question 2");
    esc_and_q_ask_first(&t, "question 2", &footer);
    let styled = t.capture_styled();
    assert_eq!(has_colour(&styled), env.is_empty(), "{env}: {styled:?}");
    t.keys(&["Escape"]);
    t.wait_until("the offer to leave", |s| tmux::boxed(s).contains("Leave"));
    t.keys(&["y"]);
    t.wait_until("home", |s| {
        s.contains("▸ Practice quiz") && tmux::last_line(s).contains("q quit")
    });
    t.keys(&["q"]);
    t.wait_until("the tutor gone", |s| s.is_empty());
}

#[test]
fn the_footer_keeps_esc_help_and_quit_at_80_columns_and_they_work() {
    if !tmux::available() {
        return;
    }
    footer_at_80_columns("");
}

#[test]
fn the_footer_keeps_esc_help_and_quit_at_80_columns_without_colour() {
    if !tmux::available() {
        return;
    }
    footer_at_80_columns("NO_COLOR=1");
}
