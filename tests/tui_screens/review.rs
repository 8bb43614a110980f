//! Feedback as a full question review for the item types the other snapshots do not show: a
//! fixed single-best item answered right still shows its stem and every option with its own
//! rationale, and a true/false statement its verdict in words.

use super::{PRACTICE, answer_first, small};
use crate::support::harness::Harness;
use insta::assert_snapshot;
use tutor::course::spec::ItemType;
use tutor::quiz::{Origin, Question};
use tutor::tui::app::Screen;

/// The open question, if one is open.
fn open(h: &Harness) -> Option<Question> {
    match h.app.screen() {
        Screen::Quiz(q) => q.session.question().cloned(),
        _ => None,
    }
}

/// Walks the practice quiz to its first fixed item of `kind` and answers it right.
fn answer_right(kind: ItemType) -> Harness {
    let mut h = small();
    h.press(PRACTICE);
    for _ in 0..20 {
        if let Some(q) = open(&h).filter(|q| q.kind == kind)
            && matches!(q.origin, Origin::Item { .. })
        {
            let key = tutor::text::letter(q.key()[0]).to_ascii_lowercase();
            h.press(&key.to_string());
            return h;
        }
        answer_first(&mut h);
        h.press("\n");
    }
    panic!("the practice quiz has a fixed {kind:?} item");
}

/// Runs snapshot assertions with their files in `tests/snapshots`, beside the other screens'.
fn beside_the_others(f: impl FnOnce()) {
    insta::with_settings!({ snapshot_path => "../snapshots" }, { f() });
}

#[test]
fn a_right_answer_still_reviews_every_option() {
    let mut h = answer_right(ItemType::SingleBest);
    let q = open(&h).expect("the question stays on screen");
    let wide = h.frame(120, 40);
    assert!(wide.contains("your answer, correct"), "{wide}");
    assert_eq!(
        wide.matches("not chosen").count(),
        q.options.len() - 1,
        "every other option is marked, with its why: {wide}"
    );
    for o in &q.options {
        let start: String = o.why.chars().take(30).collect();
        assert!(wide.contains(&start), "{start:?}: {wide}");
    }
    beside_the_others(|| {
        assert_snapshot!("single_best_feedback_120x40", wide);
        assert_snapshot!("single_best_feedback_80x24", h.frame(80, 24));
    });
}

#[test]
fn a_true_false_statement_is_reviewed_in_words() {
    let mut h = answer_right(ItemType::TrueFalse);
    let wide = h.frame(120, 40);
    assert!(wide.contains("your answer, correct"), "{wide}");
    beside_the_others(|| {
        assert_snapshot!("true_false_feedback_120x40", wide);
        assert_snapshot!("true_false_feedback_80x24", h.frame(80, 24));
    });
}
