//! Screen snapshots (insta + TestBackend) of every screen at 80x24, and of the quiz, its
//! feedback and the source view at 120x40, reached by the keys a person would press through
//! the event loop's own `apply` and `draw` ([`Harness`]).
//!
//! They render the small invented course of `tests/fixtures/valid/small`, so editing the
//! default course changes none of them; the case question and its feedback at 80x24 are also
//! kept on the default course, whose long sentences wrap.

use crate::support::fixtures;
use crate::support::harness::Harness;
use insta::assert_snapshot;
use tutor::tui::keys::Context;

/// The app on the small course, seed 1, on the home screen.
fn small() -> Harness {
    Harness::new(fixtures::small(), 1)
}

/// Home → Practice quiz.
const PRACTICE: &str = "j\n";
/// Home → Case drill.
const CASE_DRILL: &str = "jj\n";

/// Answers the open question with its first option, or with a wrong text.
fn answer_first(h: &mut Harness) {
    match h.app.context() {
        Context::Text => h.press("wrong\n"),
        Context::Choice { multi: true, .. } => h.press("a\n"),
        _ => h.press("a"),
    }
}

/// Answers questions with their first option (Enter after each feedback) until one of `kind`
/// is open; false if the quiz ended first.
fn walk_to(h: &mut Harness, kind: impl Fn(Context) -> bool) -> bool {
    for _ in 0..20 {
        if kind(h.app.context()) {
            return true;
        }
        answer_first(h);
        h.press("\n");
    }
    false
}

#[test]
fn home() {
    let mut h = small();
    assert_snapshot!("home_80x24", h.frame(80, 24));
    assert_snapshot!("home_120x40", h.frame(120, 40));
}

#[test]
fn help_overlay() {
    let mut h = small();
    h.press("?");
    assert_snapshot!(h.frame(80, 24));
}

#[test]
fn lessons_list() {
    let mut h = small();
    h.press("\nj");
    assert_snapshot!(h.frame(80, 24));
}

#[test]
fn lesson_reader_top() {
    let mut h = small();
    h.press("\n\n");
    assert_snapshot!(h.frame(80, 24));
}

#[test]
fn lesson_reader_with_a_glossary_term_open() {
    let mut h = small();
    // The second lesson, its first glossary term, scrolled to the bottom.
    h.press("\nj\ntG");
    assert_snapshot!(h.frame(80, 24));
}

#[test]
fn case_question_and_feedback() {
    let mut h = small();
    h.press(CASE_DRILL);
    h.press("j");
    assert_snapshot!("case_question_120x40", h.frame(120, 40));
    h.press("a");
    assert_snapshot!("case_feedback_120x40", h.frame(120, 40));
}

/// An unfolding case: the first step's feedback says the case goes on; the second step shows
/// the case so far above what happens next, at both sizes.
#[test]
fn unfolding_case_steps() {
    let mut h = Harness::new(fixtures::small_unfolding(), 1);
    h.press(CASE_DRILL);
    // The drill takes templates in turn: the plain case first, then the unfolding one.
    h.press("a\n");
    assert!(
        h.frame(80, 24).contains("step 1 of 2"),
        "{}",
        h.frame(80, 24)
    );
    h.press("a");
    assert_snapshot!("unfolding_step_feedback_80x24", h.frame(80, 24));
    h.press("\n");
    assert_snapshot!("unfolding_step_2_80x24", h.frame(80, 24));
    assert_snapshot!("unfolding_step_2_120x40", h.frame(120, 40));
}

/// The two screens kept on the default course: its sentences are long and wrap at 80.
#[test]
fn case_question_and_feedback_on_the_default_course_80x24() {
    let mut h = Harness::new(fixtures::embedded(), 1);
    h.press(CASE_DRILL);
    h.press("j");
    assert_snapshot!("case_question_80x24", h.frame(80, 24));
    let mut h = Harness::new(fixtures::embedded(), 1);
    h.press(CASE_DRILL);
    h.press("a");
    assert_snapshot!("case_feedback_80x24", h.frame(80, 24));
}

#[test]
fn multi_select_question_with_an_option_marked() {
    let mut h = small();
    h.press(PRACTICE);
    assert!(
        walk_to(&mut h, |c| matches!(c, Context::Choice { multi: true, .. })),
        "the practice quiz has a multi-select question"
    );
    h.press("b");
    assert_snapshot!("multi_select_question_80x24", h.frame(80, 24));
}

/// Multi-select feedback tells apart, in words, options chosen right, chosen wrong, missed
/// and not chosen.
#[test]
fn multi_select_feedback_marks_every_option() {
    let mut h = small();
    h.press(PRACTICE);
    assert!(walk_to(&mut h, |c| matches!(
        c,
        Context::Choice { multi: true, .. }
    )));
    h.press("ab\n");
    let screen = h.frame(120, 40);
    for words in [
        "your answer, correct",
        "your answer, wrong",
        "correct answer, not chosen",
    ] {
        assert!(screen.contains(words), "{words}:\n{screen}");
    }
    assert_snapshot!("multi_select_feedback_120x40", screen);
    assert_snapshot!("multi_select_feedback_80x24", h.frame(80, 24));
}

/// The kind of the open question, if a question is open.
fn open_kind(h: &Harness) -> Option<tutor::course::spec::ItemType> {
    match h.app.screen() {
        tutor::tui::app::Screen::Quiz(q) => q.session.question().map(|q| q.kind),
        _ => None,
    }
}

/// Cloze feedback shows the sentence with its blank again and highlights the blanked words in
/// the cited sentence.
#[test]
fn cloze_feedback_shows_the_sentence_and_its_source() {
    let mut h = small();
    h.press(PRACTICE);
    let cloze = Some(tutor::course::spec::ItemType::Cloze);
    for _ in 0..20 {
        if open_kind(&h) == cloze {
            break;
        }
        answer_first(&mut h);
        h.press("\n");
    }
    assert_eq!(open_kind(&h), cloze, "the practice quiz has a cloze");
    h.press("soil\n");
    let screen = h.frame(80, 24);
    assert!(
        screen.contains("Not in the answer: soil; missing: two centimetres"),
        "the difference in words, no diff brackets: {screen}"
    );
    assert_snapshot!("cloze_feedback_80x24", screen);
    assert_snapshot!("cloze_feedback_120x40", h.frame(120, 40));
}

#[test]
fn practice_quiz_text_answer_and_its_feedback() {
    let mut h = small();
    h.press(PRACTICE);
    assert!(
        walk_to(&mut h, |c| c == Context::Text),
        "the practice quiz has a free-text question"
    );
    h.press("fernz");
    assert_snapshot!("text_question_80x24", h.frame(80, 24));
    h.press("\n");
    assert_snapshot!("text_feedback_80x24", h.frame(80, 24));
    assert_snapshot!("text_feedback_120x40", h.frame(120, 40));
}

#[test]
fn results_after_a_quiz() {
    let mut h = small();
    h.press(CASE_DRILL);
    // Misses come back once, so a 10-question quiz asks more than 10 times.
    for _ in 0..30 {
        if matches!(h.app.context(), Context::Results { .. }) {
            break;
        }
        answer_first(&mut h);
        h.press("\n");
    }
    assert!(matches!(h.app.context(), Context::Results { .. }));
    assert_snapshot!(h.frame(80, 24));
}

#[test]
fn source_view_from_feedback() {
    let mut h = small();
    h.press(CASE_DRILL);
    h.press("as");
    assert_snapshot!("source_80x24", h.frame(80, 24));
    h.press("\t");
    assert_snapshot!("source_cited_by_120x40", h.frame(120, 40));
    // The first item of the list: its kind and its question's text, shortened to fit.
    h.press("j");
    assert_snapshot!("source_cited_by_80x24", h.frame(80, 24));
}

#[test]
fn quit_confirmation_during_a_quiz() {
    let mut h = small();
    h.press(CASE_DRILL);
    h.press("a\nq");
    assert_snapshot!(h.frame(80, 24));
}

/// Help over a timed drill question: the box says how long is left and that the clock runs
/// on (the header with the countdown is under the box).
#[test]
fn help_over_a_timed_drill_question() {
    let mut h = crate::tui_timers::timed_drill(false);
    h.send(tutor::tui::Action::Tick(17_400));
    h.press("?");
    assert_snapshot!("help_timed_drill_80x24", h.frame(80, 24));
}

#[test]
fn too_small() {
    assert_snapshot!(small().frame(40, 10));
}

/// Scroll is kept within the content when the loop draws (not in `update`): after End, one
/// Up shows one line more at the top at once, and Down goes back to the same last page.
#[test]
fn scrolling_up_after_overshooting_the_end_moves_at_once() {
    let mut h = Harness::new(fixtures::embedded(), 1);
    h.press("\n\n"); // Lessons, the first lesson
    let top = h.frame(60, 16);
    h.press("G");
    let bottom = h.frame(60, 16);
    assert_ne!(top, bottom, "the lesson is longer than the window");
    h.press("k");
    let up = h.frame(60, 16);
    assert_ne!(up, bottom, "one Up after End moves the text");
    h.press("j");
    assert_eq!(
        h.frame(60, 16),
        bottom,
        "and one Down is the last page again"
    );
}

/// A missed question comes back a few questions later, its header saying so.
#[test]
fn a_missed_question_comes_back_marked_asked_again() {
    let mut h = small();
    h.press(CASE_DRILL);
    for _ in 0..30 {
        if h.frame(80, 24)
            .lines()
            .next()
            .is_some_and(|l| l.contains("asked again"))
        {
            break;
        }
        answer_first(&mut h);
        h.press("\n");
    }
    assert_snapshot!("asked_again_80x24", h.frame(80, 24));
}

/// At 80 columns the footer of every quiz screen keeps Esc, help and quit, dropping the
/// screen's own hints first.
#[test]
fn the_footer_always_shows_esc_help_and_quit_at_80_columns() {
    let mut h = small();
    h.press(PRACTICE);
    for _ in 0..12 {
        let frame = h.frame(80, 24);
        let footer = frame.lines().last().unwrap_or("");
        // In an answer field letters type: help is F1 and there is no q.
        let text = h.app.context() == Context::Text;
        let help = if text { "F1 help" } else { "? help" };
        assert!(
            footer.contains("Esc back") && footer.contains(help),
            "{footer}"
        );
        assert!(text || footer.contains("q quit"), "{footer}");
        answer_first(&mut h);
        let feedback = h.frame(80, 24);
        let footer = feedback.lines().last().unwrap_or("");
        assert!(
            footer.contains("Esc back") && footer.contains("q quit"),
            "{footer}"
        );
        h.press("\n");
    }
}

/// Keys keep their word: the footer names the letters there are, a letter past the last
/// option says so, and after the last answer Enter's hint says what the body says.
#[test]
fn footer_and_body_agree_on_the_keys() {
    let mut h = small();
    h.press(CASE_DRILL);
    let Context::Choice { options, .. } = h.app.context() else {
        panic!("a choice question")
    };
    let last = (b'a' + u8::try_from(options - 1).expect("few options")) as char;
    let footer = h.frame(80, 24).lines().last().unwrap_or("").to_owned();
    assert!(
        footer.contains(&format!("\"a-{last} answer")),
        "{options} {last}: {footer}"
    );
    let past = (b'a' + u8::try_from(options).expect("few options")) as char;
    h.press(&past.to_string());
    let screen = h.frame(80, 24);
    assert!(
        screen.contains(&format!(
            "{past} is not an option here: choose a to {last}."
        )),
        "{screen}"
    );
    assert!(
        matches!(h.app.context(), Context::Choice { .. }),
        "still asking"
    );
    for _ in 0..30 {
        answer_first(&mut h);
        let screen = h.frame(80, 24);
        let footer = screen.lines().last().unwrap_or("").to_owned();
        let tutor::tui::app::Screen::Quiz(q) = h.app.screen() else {
            panic!("in the quiz")
        };
        let last = q.session.current() + 1 == q.session.questions().len();
        if last {
            assert!(footer.contains("Enter see the results"), "{footer}");
            return;
        }
        assert!(
            footer.contains("Enter next question") || footer.contains("Enter the case goes on"),
            "{footer}"
        );
        h.press("\n");
    }
    panic!("the quiz never reached its last question");
}

#[path = "tui_screens/review.rs"]
mod review;
