//! Review keeps its word: a miss is due again the same day, and Review with nothing due says
//! when the next review is and offers practice of the weakest sentences instead of an empty
//! quiz ("0 of 0 right").

use super::{CASE_DRILL, clock, done, quiz, session};
use crate::support::fixtures;
use crate::support::harness::Harness;
use tutor::schedule::RELEARN_STEP_MS;
use tutor::tui::app::Screen;
use tutor::tui::keys::Context;
use tutor::tui::review::WEAKEST;

/// Home → Review.
const REVIEW: &str = "jjj\n";

fn fifteen_minutes_later() -> i64 {
    clock() + RELEARN_STEP_MS + 5 * 60_000
}

/// Answers the open question right (every key option, or the first accepted text).
fn answer_right(h: &mut Harness) {
    let q = quiz(h).question().expect("a question").clone();
    match h.app.context() {
        Context::Text => {
            let free = q.free.as_ref().expect("free text");
            h.press(&format!("{}\n", free.accept[0]));
        }
        Context::Choice { multi, .. } => {
            for k in q.key() {
                h.press(&tutor::text::letter(k).to_ascii_lowercase().to_string());
            }
            if multi {
                h.press("\n");
            }
        }
        other => panic!("a question, not {other:?}"),
    }
}

/// Answers the open question wrong (a text no one would accept, or an option not in the key).
fn answer_wrong(h: &mut Harness) {
    let q = quiz(h).question().expect("a question").clone();
    match h.app.context() {
        Context::Text => h.press("xyzzy\n"),
        Context::Choice { multi, .. } => {
            let key = q.key();
            let wrong = (0..q.options.len())
                .find(|i| !key.contains(i))
                .expect("a wrong option");
            h.press(&tutor::text::letter(wrong).to_ascii_lowercase().to_string());
            if multi {
                h.press("\n");
            }
        }
        other => panic!("a question, not {other:?}"),
    }
}

#[test]
fn a_miss_is_due_again_the_same_day() {
    let dir = tempfile::tempdir().expect("dir");
    let course = fixtures::embedded();
    let mut h = session(dir.path(), &course, 1, clock);
    h.press(CASE_DRILL);
    let missed = quiz(&h).question().expect("q").unit(&course).to_string();
    answer_wrong(&mut h);
    h.press("\n");
    answer_right(&mut h);
    // Leave the rest: the miss is stored, the quiz kept.
    let mut h = session(dir.path(), &course, 2, fifteen_minutes_later);
    h.press("n"); // the kept drill is offered for resuming: not now
    let due = h.app.progress.as_ref().map_or(0, |p| p.summary.due);
    assert_eq!(due, 1, "the miss is due a quarter of an hour later");
    assert!(h.frame(80, 24).contains("1 due now"), "{}", h.frame(80, 24));
    h.press(REVIEW);
    let first = quiz(&h).questions()[0].unit(&course).to_string();
    assert_eq!(first, missed, "Review asks the miss first");
}

#[test]
fn review_with_nothing_due_says_when_and_offers_the_weakest_sentences() {
    let dir = tempfile::tempdir().expect("dir");
    let course = fixtures::small();
    let mut h = session(dir.path(), &course, 1, clock);
    // Review asks every unit never studied; answer them all, one wrong.
    h.press(REVIEW);
    let missed = quiz(&h).question().expect("q").unit(&course);
    answer_wrong(&mut h);
    h.press("\n");
    while !done(&h) {
        answer_right(&mut h);
        h.press("\n");
    }
    h.press("\n"); // results → home
    // The miss came back in the quiz and was answered right: a quarter of an hour later
    // nothing is due.
    let mut h = session(dir.path(), &course, 2, fifteen_minutes_later);
    // Nothing is due now: no empty quiz, but when the next review is and an offer.
    h.press(REVIEW);
    let Screen::NothingDue(n) = h.app.screen() else {
        panic!("the nothing-due screen, not {:?}", h.app.screen());
    };
    assert!(!n.questions.is_empty() && !n.sentences.is_empty());
    // The figures are the statistics' own, weakest first.
    let progress = super::open(dir.path(), &course);
    let stats = tutor::report::compute(
        &course,
        &progress.store,
        "alice",
        progress.scheduler(),
        fifteen_minutes_later(),
    )
    .expect("stats");
    for (id, recall) in &n.sentences {
        let shown = stats.per_sentence.iter().find(|s| &s.id == id);
        assert_eq!(
            shown.and_then(|s| s.recall_in_a_week),
            Some(*recall),
            "{id}"
        );
    }
    let lowest = stats
        .per_sentence
        .iter()
        .filter_map(|s| Some((s.id.clone(), s.recall_in_a_week?)))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    assert_eq!(n.sentences.first(), lowest.as_ref(), "the weakest first");
    let screen = h.frame(80, 24);
    assert!(
        screen.contains("Nothing is due for review now."),
        "{screen}"
    );
    assert!(screen.contains("The next review falls due in "), "{screen}");
    assert!(
        screen.contains("Enter practise weakest"),
        "the footer: {screen}"
    );
    // Beside the other screens' snapshots, not in a folder of this file's own.
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!("nothing_due_80x24", screen);
        insta::assert_snapshot!("nothing_due_120x40", h.frame(120, 40));
    });
    h.press("\n");
    assert_eq!(quiz(&h).title(), WEAKEST);
    let asked = quiz(&h).questions()[0].unit(&course);
    assert_eq!(
        asked, missed,
        "the unit missed comes first: likeliest forgotten"
    );
}

/// A clock that moves on 12 seconds at each reading.
fn ticking() -> i64 {
    static AT: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);
    clock() + AT.fetch_add(12_000, std::sync::atomic::Ordering::Relaxed)
}

#[test]
fn the_results_say_the_time_what_is_due_and_what_to_study_next() {
    let dir = tempfile::tempdir().expect("dir");
    let course = fixtures::small();
    let mut h = session(dir.path(), &course, 1, ticking);
    h.press(CASE_DRILL);
    answer_wrong(&mut h);
    h.press("\n");
    while !done(&h) {
        answer_right(&mut h);
        h.press("\n");
    }
    let screen = h.frame(80, 24);
    let results: String = screen
        .lines()
        .map(|l| l.trim_matches('"').trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(results.contains("Time: "), "{screen}");
    assert!(
        results.contains("Due for review: 0 now, the next in 23 h"),
        "the one template was missed, then right when asked again: due tomorrow: {screen}"
    );
    assert!(
        results
            .contains("Study next: the lesson \"Plants with needs of their own\" (1 of 5 missed)"),
        "{screen}"
    );
}

#[test]
fn the_lessons_list_shows_read_checked_and_recall() {
    let dir = tempfile::tempdir().expect("dir");
    let course = fixtures::small();
    let mut h = session(dir.path(), &course, 1, clock);
    h.press("\n"); // Lessons
    let list = h.frame(80, 24);
    assert_eq!(
        list.matches("not read yet · not checked yet").count(),
        2,
        "{list}"
    );
    h.press("\n"); // lesson 1
    h.press("c"); // check yourself
    answer_wrong(&mut h);
    h.press("\n");
    while !done(&h) {
        answer_right(&mut h);
        h.press("\n");
    }
    h.press("\n"); // results → the lesson
    h.press("\x1b"); // → the list
    assert!(matches!(h.app.screen(), Screen::Lessons { .. }));
    let list = h.frame(80, 24);
    assert!(list.contains("read · checked: "), "{list}");
    assert!(
        list.contains("right (") && list.contains("%) · recall "),
        "{list}"
    );
    assert!(
        list.contains("not read yet · not checked yet"),
        "lesson 2: {list}"
    );
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!("lessons_with_progress_80x24", list);
        insta::assert_snapshot!("lessons_with_progress_120x40", h.frame(120, 40));
    });
}
