use super::*;
use crate::course::Course;
use crate::quiz::{QuizSpec, draw};

fn course() -> Course {
    Course::embedded().expect("the embedded course loads")
}

/// Choice questions only, so an answer by index is possible for each.
fn choice_questions(course: &Course, n: usize) -> Vec<Question> {
    let all = draw(
        course,
        &QuizSpec {
            seed: 7,
            count: 30,
            lessons: vec![],
            cases_only: false,
        },
    )
    .expect("draw");
    let picked: Vec<Question> = all
        .into_iter()
        .filter(|q| !q.is_free_text())
        .take(n)
        .collect();
    assert_eq!(picked.len(), n, "enough choice questions");
    picked
}

fn right(q: &Question) -> Answer {
    Answer::Choices(q.key())
}

fn wrong(q: &Question) -> Answer {
    let key = q.key();
    let other = (0..q.options.len())
        .find(|i| !key.contains(i))
        .expect("a wrong option");
    Answer::Choices(vec![other])
}

fn drill(time_limit: Option<u32>, exam: bool) -> DrillInfo {
    let spec = crate::quiz::drill::DrillSpec {
        seed: 1,
        count: 3,
        lessons: vec![],
        cases_only: false,
        time_limit,
        exam,
        paced: false,
    };
    DrillInfo {
        id: spec.id(&course()),
        time_limit,
        exam,
        paced: false,
        settings: Some(spec.settings()),
    }
}

#[test]
fn a_practice_session_asks_gives_feedback_and_ends_with_the_score() {
    let c = course();
    let qs = choice_questions(&c, 2);
    let mut s = Session::new("Practice", 9, Mode::Practice, qs.clone());
    assert_eq!((s.phase(), s.current()), (Phase::Asking, 0));
    let first = s.answer(right(&qs[0])).expect("recorded");
    assert_eq!((first.index, first.outcome.correct), (0, true));
    assert_eq!(
        (first.quiz_seed, first.mode, first.drill.clone()),
        (9, Mode::Practice, None)
    );
    assert_eq!(s.phase(), Phase::Feedback);
    assert!(s.in_progress());
    assert_eq!(
        s.answer(right(&qs[0])),
        None,
        "no second answer to a question"
    );
    s.advance();
    assert_eq!((s.phase(), s.current()), (Phase::Asking, 1));
    let second = s.answer(wrong(&qs[1])).expect("recorded");
    assert!(!second.outcome.correct);
    s.advance();
    // A miss on the last question has nothing to come back after: the results list it.
    assert_eq!(s.phase(), Phase::Done);
    assert_eq!((s.score(), s.answered(), s.recovered()), (1, 2, 0));
    assert!(!s.in_progress());
    assert_eq!(s.missed(), vec![qs[1].clone()]);
    assert_eq!(s.keep(), Keep::Clear(s.slot()));
    let retry = s.retry_missed(&course()).expect("one missed");
    let (asked, again) = (&qs[1], &retry.questions()[0]);
    assert_eq!(retry.questions().len(), 1);
    assert_eq!(again.unit(&course()), asked.unit(&course()));
    assert_ne!(
        (&again.stem, &again.options),
        (&asked.stem, &asked.options),
        "a fresh variant: a new patient or a new order of the options"
    );
    assert_eq!((retry.seed(), retry.phase()), (9, Phase::Asking));
    assert!(
        s.reproducible() && !retry.reproducible(),
        "a retry is not made by its seed"
    );
    let review = Session::new("Review", 9, Mode::Review, qs.clone());
    assert!(!review.reproducible(), "nor is a review");
}

#[test]
fn an_exam_holds_feedback_until_every_question_is_answered() {
    let c = course();
    let qs = choice_questions(&c, 3);
    let mut s = Session::new("Drill", 1, Mode::Practice, qs.clone()).with_drill(drill(None, true));
    assert_eq!(s.mode(), Mode::Drill);
    for (i, q) in qs.iter().enumerate() {
        assert_eq!((s.phase(), s.current()), (Phase::Asking, i));
        let a = s.answer(right(q)).expect("recorded");
        assert_eq!(a.drill.as_ref(), s.drill().map(|d| &d.id));
    }
    // The review pass walks the held feedback from the first question.
    assert_eq!(
        (s.phase(), s.current(), s.reviewing()),
        (Phase::Feedback, 0, true)
    );
    s.advance();
    assert_eq!((s.phase(), s.current()), (Phase::Feedback, 1));
    s.advance();
    s.advance();
    assert_eq!(s.phase(), Phase::Done);
    assert_eq!(s.score(), 3);
    // A finished drill stays kept, so coming back shows its results.
    assert_eq!(s.keep(), Keep::Save);
}

#[test]
fn a_timed_question_counts_down_from_its_first_tick_and_runs_out_unanswered() {
    let c = course();
    let qs = choice_questions(&c, 2);
    let mut s = Session::new("Drill", 1, Mode::Drill, qs).with_drill(drill(Some(30), false));
    assert!(s.wants_ticks());
    assert_eq!(
        s.seconds_left(0),
        None,
        "no countdown before the first tick"
    );
    assert_eq!(s.tick(1_000), None);
    assert_eq!(s.seconds_left(1_000), Some(30));
    assert_eq!(s.seconds_left(30_500), Some(1));
    assert_eq!(s.tick(30_999), None);
    let out = s.tick(31_000).expect("the time ran out");
    assert!(out.timed_out && !out.outcome.correct);
    assert_eq!(out.answer, Answer::Choices(vec![]));
    assert!(s.timed_out_at(0));
    assert_eq!((s.phase(), s.deadline_ms()), (Phase::Feedback, None));
    assert!(!s.wants_ticks(), "no clock during feedback");
    s.advance();
    assert_eq!(
        s.tick(40_000),
        None,
        "the next question's countdown starts afresh"
    );
    assert_eq!(s.seconds_left(40_000), Some(30));
}

#[test]
fn an_untimed_session_ignores_the_clock() {
    let c = course();
    let mut s = Session::new("Practice", 1, Mode::Practice, choice_questions(&c, 1));
    assert!(!s.wants_ticks());
    assert_eq!(s.tick(i64::MAX), None);
    assert_eq!(s.phase(), Phase::Asking);
}

#[test]
fn an_empty_session_is_done_and_answers_nothing() {
    let mut s = Session::new("Empty", 1, Mode::Review, vec![]);
    assert_eq!(s.phase(), Phase::Done);
    assert_eq!(s.answer(Answer::Choices(vec![0])), None);
    assert_eq!(s.expire(), None);
    assert_eq!(s.retry_missed(&course()), None);
}

#[test]
fn slots_tell_drills_and_quizzes_apart() {
    let c = course();
    let quiz = Session::new("Practice quiz", 42, Mode::Practice, vec![]);
    assert_eq!(quiz.slot().key(), "quiz:42:Practice quiz");
    let d = drill(None, false);
    let key = format!("drill:{}", d.id);
    let drilled = Session::new("Drill", 42, Mode::Practice, choice_questions(&c, 1)).with_drill(d);
    assert_eq!(drilled.slot().key(), key);
}

#[test]
fn a_session_saved_by_the_screen_state_of_format_2_still_resumes() {
    let c = course();
    let mut s = Session::new("Practice quiz", 5, Mode::Practice, choice_questions(&c, 2));
    let q0 = s.question().cloned().expect("q");
    s.answer(right(&q0));
    let json = saved::write(&c, &s).expect("json");
    let mut old: serde_json::Value = serde_json::from_str(&json).expect("value");
    old["format"] = serde_json::json!(2);
    let quiz = old["quiz"].as_object_mut().expect("object");
    for (k, v) in [
        ("cursor", serde_json::json!(1)),
        ("marked", serde_json::json!([false, true])),
        ("field", serde_json::json!({"text": "abc", "cursor": 3})),
        ("scroll", serde_json::json!(4)),
        ("cite", serde_json::json!(0)),
        ("notice", serde_json::Value::Null),
        ("now_ms", serde_json::json!(123)),
    ] {
        quiz.insert(k.to_owned(), v);
    }
    assert_eq!(saved::read(&c, &old.to_string()), Ok(s));
}

/// A missed question comes back once, after 3 to 5 others, marked as asked again and with its
/// options reshuffled; a second miss does not bring it back again, and drills never do.
#[test]
fn misses_in_a_row_each_come_back_after_three_to_five_others() {
    let c = course();
    let qs = choice_questions(&c, 10);
    for seed in 0..50 {
        let mut s = Session::new("Practice", seed, Mode::Practice, qs.clone());
        // The first three wrong, everything after right, the questions asked again too.
        while s.phase() != Phase::Done {
            let q = s.question().expect("a question").clone();
            let first_three = !s.again_at(s.current()) && s.number(s.current()) <= 3;
            s.answer(if first_three { wrong(&q) } else { right(&q) });
            s.advance();
        }
        for j in (0..s.questions().len()).filter(|&j| s.again_at(j)) {
            let id = &s.questions()[j].id;
            let first = (0..j)
                .position(|i| &s.questions()[i].id == id)
                .expect("first try");
            let others = j - first - 1;
            assert!(
                (3..=5).contains(&others),
                "seed {seed}: {id} came back after {others} others"
            );
        }
    }
}

#[test]
fn a_miss_comes_back_once_a_few_questions_later_reshuffled() {
    let c = course();
    let qs = choice_questions(&c, 10);
    for seed in 0..20 {
        let mut s = Session::new("Practice", seed, Mode::Practice, qs.clone());
        s.answer(wrong(&qs[0])).expect("recorded");
        let back: Vec<usize> = (0..s.questions().len())
            .filter(|&i| s.again_at(i))
            .collect();
        let [at] = back[..] else {
            panic!("seed {seed}: asked again once: {back:?}")
        };
        assert!(
            (4..=6).contains(&at),
            "seed {seed}: after 3 to 5 others, at {at}"
        );
        let again = &s.questions()[at];
        assert_eq!(again.id, qs[0].id);
        let ids = |q: &Question| {
            let mut v: Vec<String> = q.options.iter().map(|o| o.id.clone()).collect();
            v.sort();
            v
        };
        assert_eq!(ids(again), ids(&qs[0]), "the same options");
        assert_ne!(again.options, qs[0].options, "seed {seed}: in a new order");
        // Missed again: not a third time.
        while s.current() + 1 < at {
            s.advance();
            let q = s.question().expect("a question").clone();
            s.answer(right(&q));
        }
        s.advance();
        let q = s.question().expect("asked again").clone();
        assert!(s.again_at(s.current()));
        s.answer(wrong(&q));
        assert_eq!(
            (0..s.questions().len()).filter(|&i| s.again_at(i)).count(),
            1
        );
        assert_eq!(s.questions().len(), 11);
        // Numbered as the learner counts: the one asked again keeps its number, the count
        // stays 10, and the questions after it go on from where they were.
        assert_eq!((s.number(at), s.number(0), s.first_try_count()), (1, 1, 10));
        assert_eq!(
            (s.number(at - 1), s.number(at + 1), s.number(10)),
            (at, at + 1, 10)
        );
    }
    let mut d = Session::new("Drill", 1, Mode::Drill, qs.clone()).with_drill(drill(None, false));
    d.answer(wrong(&qs[0]));
    assert_eq!(d.questions().len(), 10, "a drill asks each question once");
}

/// The score counts first tries, and a miss answered right the second time is recovered.
#[test]
fn a_miss_answered_right_the_second_time_counts_as_recovered_not_in_the_score() {
    let c = course();
    let qs = choice_questions(&c, 6);
    let mut s = Session::new("Practice", 3, Mode::Practice, qs.clone());
    while s.phase() != Phase::Done {
        let q = s.question().expect("a question").clone();
        let first_of_all = s.current() == 0;
        s.answer(if first_of_all { wrong(&q) } else { right(&q) });
        s.advance();
    }
    assert_eq!(s.questions().len(), 7);
    assert_eq!(
        (s.score(), s.answered(), s.first_try_count(), s.recovered()),
        (5, 6, 6, 1)
    );
    assert_eq!(s.missed(), vec![qs[0].clone()]);
    assert_eq!((s.second_try(0), s.second_try(1)), (Some(true), None));
}

#[test]
fn a_paused_question_keeps_its_time_left_and_resumes_with_it() {
    let c = course();
    let qs = choice_questions(&c, 2);
    let mut s = Session::new("Drill", 1, Mode::Drill, qs).with_drill(drill(Some(30), false));
    s.tick(1_000);
    s.pause(11_000);
    assert_eq!(s.seconds_left(50_000), Some(20), "the clock stands still");
    assert_eq!(s.deadline_ms(), None);
    assert_eq!(s.tick(50_000), None, "no time runs out while paused");
    s.pause(55_000);
    assert_eq!(
        s.seconds_left(55_000),
        Some(20),
        "pausing twice changes nothing"
    );
    s.resume(60_000);
    assert_eq!(s.deadline_ms(), Some(80_000), "the same 20 s left");
    s.resume(70_000);
    assert_eq!(
        s.deadline_ms(),
        Some(80_000),
        "resuming twice changes nothing"
    );
    assert_eq!(s.tick(79_999), None);
    assert!(s.tick(80_000).is_some_and(|a| a.timed_out));
}

#[test]
fn overlays_pause_the_clock_only_in_self_study() {
    let c = course();
    for exam in [false, true] {
        let qs = choice_questions(&c, 2);
        let mut s = Session::new("Drill", 1, Mode::Drill, qs).with_drill(drill(Some(30), exam));
        assert!(!s.pauses_under_overlays(), "a classroom drill or exam");
        s.tick_under(1_000, false);
        assert_eq!(s.tick_under(20_000, true), None);
        assert_eq!(s.seconds_left(20_000), Some(11), "it ran under the overlay");
        assert!(s.tick_under(31_000, true).is_some(), "and ran out under it");
    }
    // A timed self-study session (none is made today: only drills have a time limit).
    let qs = choice_questions(&c, 2);
    let timed = Session::new("Drill", 1, Mode::Drill, qs).with_drill(drill(Some(30), false));
    let mut s = Session {
        mode: Mode::Practice,
        ..timed
    };
    assert!(s.pauses_under_overlays());
    s.tick_under(1_000, false);
    assert_eq!(s.tick_under(11_000, true), None);
    assert_eq!(
        s.tick_under(100_000, true),
        None,
        "paused under the overlay"
    );
    assert_eq!(s.seconds_left(100_000), Some(20));
    assert_eq!(s.tick_under(200_000, false), None);
    assert_eq!(
        s.deadline_ms(),
        Some(220_000),
        "resumed with the same time left"
    );
}
