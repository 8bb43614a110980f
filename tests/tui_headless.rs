//! The TUI driven headless by actions, as the loop would drive it from keys: whole quizzes,
//! effects, retry of missed questions, quitting; and random key sequences that must never
//! panic or break the app's invariants.

use crate::support::harness::render;
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::Arc;
use tutor::course::Course;
use tutor::session::Phase;
use tutor::tui::app::Screen;
use tutor::tui::keys::{self, Context};
use tutor::tui::run::{self, Input};
use tutor::tui::{Action, App, Effect, Theme};

fn app(seed: u64) -> App {
    App::new(
        Arc::new(Course::embedded().expect("course")),
        seed,
        Theme::default(),
    )
}

fn quiz(app: &App) -> &tutor::session::Session {
    &quiz_view(app).session
}

/// The quiz on screen with its view state.
fn quiz_view(app: &App) -> &tutor::tui::quiz::QuizState {
    match app.screen() {
        Screen::Quiz(q) => q,
        other => panic!("not in a quiz: {other:?}"),
    }
}

/// Answers the open question right (`right`) or wrong, through actions only.
fn answer(app: &mut App, right: bool) -> Vec<Effect> {
    let q = quiz(app).question().expect("a question").clone();
    let mut effects = Vec::new();
    match &q.free {
        Some(free) => {
            let text = if right {
                free.accept[0].clone()
            } else {
                "zzzz qqqq".to_owned()
            };
            for c in text.chars() {
                effects.extend(app.update(Action::Input(c)));
            }
            effects.extend(app.update(Action::Select));
        }
        None => {
            let key = q.key();
            let picks: Vec<usize> = if right {
                key
            } else {
                vec![
                    (0..q.options.len())
                        .find(|i| !key.contains(i))
                        .expect("a distractor"),
                ]
            };
            if q.kind == tutor::course::spec::ItemType::MultiSelect {
                for i in picks {
                    effects.extend(app.update(Action::Choose(i)));
                }
                effects.extend(app.update(Action::Select));
            } else {
                effects.extend(app.update(Action::Choose(picks[0])));
            }
        }
    }
    effects
}

#[test]
fn a_whole_practice_quiz_answered_right_scores_ten_and_reports_every_answer() {
    let mut a = app(4);
    a.update(Action::Down);
    a.update(Action::Select); // Practice quiz
    let mut answered = 0;
    for i in 0..10 {
        assert_eq!(quiz(&a).current(), i);
        let effects = answer(&mut a, true);
        let recorded: Vec<&Effect> = effects
            .iter()
            .filter(|e| matches!(e, Effect::Answered(a) if a.outcome.correct && a.quiz_seed == 4))
            .collect();
        assert_eq!(
            recorded.len(),
            1,
            "one answered effect per question: {effects:?}"
        );
        answered += 1;
        assert_eq!(quiz(&a).phase(), Phase::Feedback);
        a.update(Action::Select);
    }
    assert_eq!(answered, 10);
    let q = quiz(&a);
    assert_eq!((q.phase(), q.score()), (Phase::Done, 10));
    assert_eq!((a.session.answered, a.session.right), (10, 10));
    // Nothing to retry: a notice, still on the results.
    a.update(Action::Retry);
    assert!(quiz_view(&a).notice.is_some());
    a.update(Action::Select);
    assert!(matches!(a.screen(), Screen::Home { .. }));
}

#[test]
fn retry_asks_the_missed_questions_again_as_new_patients() {
    let mut a = app(9);
    a.update(Action::Down);
    a.update(Action::Down);
    a.update(Action::Select); // Case drill
    let mut missed = Vec::new();
    let mut first_tries = 0;
    while quiz(&a).phase() != Phase::Done {
        // Every third first try wrong; a missed question asked again answered right.
        let s = quiz(&a);
        let again = s.again_at(s.current());
        let right = again || first_tries % 3 != 0;
        if !again {
            if !right {
                missed.push(s.question().expect("q").clone());
            }
            first_tries += 1;
        }
        answer(&mut a, right);
        a.update(Action::Select);
    }
    assert_eq!(first_tries, 10);
    assert_eq!(quiz(&a).score(), 10 - missed.len());
    a.update(Action::Retry);
    let q = quiz(&a);
    assert_eq!(q.phase(), Phase::Asking);
    let course = Course::embedded().expect("course");
    let units = |qs: &[tutor::quiz::Question]| -> Vec<String> {
        qs.iter().map(|q| q.unit(&course).to_string()).collect()
    };
    assert_eq!(
        units(q.questions()),
        units(&missed),
        "the same templates, in order"
    );
    for (again, before) in q.questions().iter().zip(&missed) {
        assert_ne!(
            (&again.context, &again.stem),
            (&before.context, &before.stem),
            "a new patient, not the case whose letter was seen"
        );
    }
}

#[test]
fn quitting_mid_quiz_asks_first_and_ctrl_c_does_not() {
    let mut a = app(1);
    a.update(Action::Down);
    a.update(Action::Select);
    // Nothing answered yet: nothing to lose, so Esc leaves at once.
    a.update(Action::Back);
    assert!(matches!(a.screen(), Screen::Home { .. }));
    a.update(Action::Select);
    answer(&mut a, true);
    a.update(Action::Select);
    assert!(a.update(Action::Quit).is_empty(), "asks first");
    assert_eq!(a.context(), Context::Confirm);
    assert!(a.update(Action::Confirm(false)).is_empty());
    assert!(a.update(Action::Back).is_empty(), "Esc in a quiz asks too");
    assert_eq!(a.context(), Context::Confirm);
    a.update(Action::Confirm(true));
    assert!(matches!(a.screen(), Screen::Home { .. }), "left the quiz");
    assert_eq!(
        a.update(Action::Quit),
        vec![Effect::Quit],
        "no quiz: quits at once"
    );
    let mut b = app(1);
    b.update(Action::Select);
    assert_eq!(b.update(Action::ForceQuit), vec![Effect::Quit]);
}

#[test]
fn below_the_minimum_size_keys_do_nothing_but_q_quits() {
    let mut a = app(1);
    a.update(Action::Down);
    a.update(Action::Select);
    answer(&mut a, true);
    a.update(Action::Resize(40, 10));
    assert!(a.update(Action::Choose(0)).is_empty());
    assert_eq!(quiz(&a).phase(), Phase::Feedback, "nothing changed unseen");
    assert_eq!(
        a.update(Action::Quit),
        vec![Effect::Quit],
        "q quits, as the notice says"
    );
}

#[test]
fn feedback_opens_the_source_view_at_the_cited_sentence() {
    let mut a = app(2);
    a.update(Action::Down);
    a.update(Action::Down);
    a.update(Action::Select);
    answer(&mut a, true);
    let cite = quiz(&a).outcome().expect("outcome").cites[0].clone();
    a.update(Action::OpenSource);
    let Screen::Source { selected, .. } = a.screen() else {
        panic!("source view")
    };
    assert_eq!(a.course.sentences()[*selected].id, cite);
    a.update(Action::Back);
    assert_eq!(
        quiz(&a).phase(),
        Phase::Feedback,
        "Esc returns to the feedback"
    );
}

#[test]
fn keys_map_by_context_and_letters_type_in_text_fields() {
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(keys::action(Context::Home, key('q')), Some(Action::Quit));
    assert_eq!(
        keys::action(Context::Text, key('q')),
        Some(Action::Input('q'))
    );
    assert_eq!(
        keys::action(
            Context::Choice {
                options: 4,
                multi: false
            },
            key('c')
        ),
        Some(Action::Choose(2))
    );
    assert_eq!(
        keys::action(
            Context::Choice {
                options: 4,
                multi: false
            },
            key('2')
        ),
        Some(Action::Choose(1))
    );
    assert_eq!(
        keys::action(
            Context::Choice {
                options: 4,
                multi: false
            },
            key('j')
        ),
        Some(Action::Down)
    );
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(keys::action(Context::Text, ctrl_c), Some(Action::ForceQuit));
    // Keys that would do nothing are neither in the footer nor in help.
    let labels = |rows: Vec<(String, &str)>| rows.into_iter().map(|(k, _)| k).collect::<Vec<_>>();
    assert!(!labels(keys::help(Context::Home)).contains(&"Esc".to_owned()));
    let done = keys::footer(Context::Results { retry: false });
    assert!(
        !done.iter().any(|(k, _)| *k == "r"),
        "nothing to retry: {done:?}"
    );
    assert!(
        done.iter().any(|&(k, w)| k == "Enter" && w == "close"),
        "{done:?}"
    );
    // Every key the footer shows is one the help lists.
    for ctx in [
        Context::Home,
        Context::Lesson,
        Context::Feedback,
        Context::Results { retry: true },
        Context::Results { retry: false },
        Context::Source,
        Context::Text,
    ] {
        let help: Vec<String> = keys::help(ctx).into_iter().map(|(k, _)| k).collect();
        for (k, _) in keys::footer(ctx) {
            assert!(
                help.iter().any(|h| h == k),
                "{k} in the footer of {ctx:?} but not in help"
            );
        }
    }
}

fn any_key() -> impl Strategy<Value = KeyEvent> {
    let code = prop_oneof![
        any::<char>().prop_map(KeyCode::Char),
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Tab),
        Just(KeyCode::Backspace),
        Just(KeyCode::Delete),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::F(1)),
        (b'a'..=b'z').prop_map(|b| KeyCode::Char(char::from(b))),
    ];
    (
        code,
        prop_oneof![
            Just(KeyModifiers::NONE),
            Just(KeyModifiers::SHIFT),
            Just(KeyModifiers::CONTROL),
            Just(KeyModifiers::ALT)
        ],
    )
        .prop_map(|(c, m)| KeyEvent::new(c, m))
}

fn any_input() -> impl Strategy<Value = Input> {
    prop_oneof![
        8 => any_key().prop_map(Input::Key),
        1 => ".{0,300}".prop_map(Input::Paste),
        1 => (1u16..200, 1u16..70).prop_map(|(w, h)| Input::Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any input in any state, through the event loop's own `apply` (keys mapped in the
    /// app's context, Alt+key as Esc then the key), does nothing harmful: no panic, the home
    /// screen stays at the bottom of the stack, a quiz's position stays in range, and every
    /// state draws.
    #[test]
    fn random_keys_never_panic_or_break_invariants(inputs in prop::collection::vec(any_input(), 1..120)) {
        let mut a = app(3);
        let mut size = (80u16, 24u16);
        for input in inputs {
            if let Input::Resize(w, h) = input {
                size = (w, h);
            }
            if run::apply(&mut a, input, &mut |_| Vec::new()).quit {
                break;
            }
            let home_at_bottom = matches!(a.screens[0], Screen::Home { .. });
            prop_assert!(home_at_bottom);
            if let Screen::Quiz(q) = a.screen() {
                let s = &q.session;
                prop_assert!(s.phase() == Phase::Done || s.current() < s.questions().len());
                prop_assert!(q.field.text().chars().count() <= tutor::tui::text_field::MAX_CHARS);
            }
            render(&mut a, size.0, size.1);
        }
    }
}

#[test]
fn a_100_kb_paste_into_the_answer_field_is_handled() {
    let mut a = app(8);
    a.update(Action::Down);
    a.update(Action::Select);
    assert_eq!(
        a.context(),
        Context::Text,
        "seed 8 starts with a free-text question"
    );
    a.update(Action::Paste("surgery ".repeat(12_800)));
    let q = quiz_view(&a);
    assert_eq!(
        q.field.text().chars().count(),
        tutor::tui::text_field::MAX_CHARS
    );
    render(&mut a, 80, 24);
    a.update(Action::Select);
    assert_eq!(quiz(&a).phase(), Phase::Feedback);
}

#[test]
fn escape_sequences_in_course_text_never_reach_the_screen() {
    // The loader reads this course (only `check` refuses it), so the views must clean it.
    let dir = crate::support::fixtures::invalid("escape-sequence");
    let course = Course::from_dir(dir.path()).expect("shape is valid");
    let mut a = App::new(Arc::new(course), 1, Theme::default());
    let draw = |a: &mut App| render(a, 100, 30);
    let mut frames = Vec::new();
    // Every lesson, then a whole practice quiz with its feedback screens.
    a.update(Action::Select);
    for _ in 0..a.course.lessons.len() {
        a.update(Action::Select);
        frames.push(draw(&mut a));
        a.update(Action::Back);
        a.update(Action::Down);
    }
    a.update(Action::Back);
    a.update(Action::Down);
    a.update(Action::Select);
    let mut seen_item = false;
    while quiz(&a).phase() != Phase::Done {
        frames.push(draw(&mut a));
        seen_item |= quiz(&a).question().is_some_and(|q| q.id == "sa-responder");
        answer(&mut a, false);
        frames.push(draw(&mut a));
        a.update(Action::Select);
    }
    assert!(
        seen_item,
        "the quiz showed the item whose stem holds the escape sequence"
    );
    for f in &frames {
        // ratatui drops a bare ESC itself; the rest of a sequence would still show.
        assert!(
            !f.contains('\u{1b}') && !f.contains("[31m") && !f.contains("[0m"),
            "an escape sequence reached the screen:\n{f}"
        );
    }
}

#[test]
fn a_timed_drill_counts_down_and_records_a_timeout_as_unanswered() {
    use tutor::quiz::drill::DrillSpec;
    let mut a = app(1);
    let spec = DrillSpec {
        seed: 42,
        count: 3,
        lessons: vec![],
        cases_only: false,
        time_limit: Some(3),
        exam: false,
        paced: false,
    };
    a.open_drill(&spec);
    assert!(
        a.tick_interval().is_some(),
        "a timed question asks for ticks"
    );
    assert!(a.update(Action::Tick(10_000)).is_empty());
    assert_eq!(quiz_view(&a).seconds_left(), Some(3));
    a.update(Action::Tick(11_200));
    assert_eq!(quiz_view(&a).seconds_left(), Some(2));
    let effects = a.update(Action::Tick(13_000));
    let timed: Vec<_> = effects.iter().filter(|e| matches!(e, Effect::Answered(x) if x.timed_out && !x.outcome.correct && x.drill.is_some())).collect();
    assert_eq!(timed.len(), 1, "{effects:?}");
    assert_eq!(quiz(&a).phase(), Phase::Feedback);
    assert!(
        a.tick_interval().is_none(),
        "no ticks while feedback is read"
    );
}

#[test]
fn an_exam_drill_holds_feedback_until_the_end() {
    use tutor::quiz::drill::DrillSpec;
    let mut a = app(1);
    let spec = DrillSpec {
        seed: 7,
        count: 3,
        lessons: vec![],
        cases_only: true,
        time_limit: None,
        exam: true,
        paced: false,
    };
    a.open_drill(&spec);
    for i in 0..3 {
        assert_eq!(
            (quiz(&a).phase(), quiz(&a).current()),
            (Phase::Asking, i),
            "no feedback between questions"
        );
        answer(&mut a, i != 1);
    }
    // The review pass shows each question's feedback in turn, then the results.
    for i in 0..3 {
        let q = quiz(&a);
        assert_eq!(
            (q.phase(), q.current(), q.reviewing()),
            (Phase::Feedback, i, true)
        );
        a.update(Action::Select);
    }
    assert_eq!((quiz(&a).phase(), quiz(&a).score()), (Phase::Done, 2));
}

/// Inputs from a script, as the terminal would deliver them.
struct Script(std::collections::VecDeque<Input>);

impl tutor::tui::Events for Script {
    fn next(&mut self) -> std::io::Result<Option<Input>> {
        Ok(self.0.pop_front())
    }
}

/// The whole event loop (`tui::run`) on a `TestBackend`: each key is applied with its
/// effects before the next frame is drawn, and a confirmed quit ends the loop.
#[test]
fn the_event_loop_runs_a_script_to_a_confirmed_quit() {
    let key = |c: char| Input::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let enter = Input::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let mut script = Script(
        [
            key('j'),
            enter.clone(),
            key('a'),
            enter,
            key('q'),
            key('y'),
            key('j'),
        ]
        .into(),
    );
    let mut a = app(1);
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
    let mut effects = Vec::new();
    tutor::tui::run(&mut terminal, &mut a, &mut script, |e| {
        effects.push(e.clone());
        Vec::new()
    })
    .expect("the loop ends cleanly");
    assert_eq!(
        script.0.len(),
        1,
        "the loop stopped at the quit: {:?}",
        script.0
    );
    assert!(a.quit);
    assert_eq!(
        effects
            .iter()
            .filter(|e| matches!(e, Effect::Answered(_)))
            .count(),
        1,
        "{effects:?}"
    );
    assert_eq!(effects.last(), Some(&Effect::Quit));
    // The last frame drawn asks whether to quit: nothing is drawn after the answer.
    let last = terminal.backend().to_string();
    assert!(last.contains("Quit the tutor?"), "{last}");
}

/// Start-up is judged by the first frame: the home screen draws from the course's head alone,
/// leaving the items and case templates (most of the embedded course) to be decoded later.
#[test]
fn the_home_screen_draws_without_decoding_the_question_bank() {
    let mut a = app(1);
    let home = render(&mut a, 120, 40);
    assert!(home.contains("Lessons"), "{home}");
    assert_eq!(format!("{:?}", a.course.items), "<not decoded yet>");
    assert_eq!(format!("{:?}", a.course.cases), "<not decoded yet>");
}

/// The results of a retry do not promise that the seed makes the quiz again.
#[test]
fn a_retry_does_not_claim_its_seed_makes_it_again() {
    let mut a = app(9);
    a.update(Action::Down);
    a.update(Action::Down);
    a.update(Action::Select); // Case drill
    while quiz(&a).phase() != Phase::Done {
        let first = quiz(&a).current() == 0;
        answer(&mut a, !first);
        a.update(Action::Select);
    }
    let results = render(&mut a, 120, 40);
    assert!(
        results.contains("the same seed gives the same quiz"),
        "{results}"
    );
    a.update(Action::Retry);
    while quiz(&a).phase() != Phase::Done {
        answer(&mut a, true);
        a.update(Action::Select);
    }
    let results = render(&mut a, 120, 40);
    assert!(
        !results.contains("the same seed gives the same quiz"),
        "{results}"
    );
    assert!(
        results.contains("the seed alone does not make it again"),
        "{results}"
    );
}

/// A lesson reached with n (or →) from the one before is recorded as read, as one opened
/// from the list is.
#[test]
fn lessons_read_by_moving_to_the_next_are_recorded() {
    let mut a = app(1);
    a.update(Action::Select); // Lessons
    let opened = a.update(Action::Select); // the first lesson
    let next = a.update(Action::Right);
    let back = a.update(Action::Left);
    let read = |effects: &[Effect]| -> Vec<String> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::LessonOpened(id) => Some(id.clone()),
                _ => None,
            })
            .collect()
    };
    let ids: Vec<&str> = a.course.lessons.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(read(&opened), [ids[0]]);
    assert_eq!(read(&next), [ids[1]]);
    assert_eq!(read(&back), [ids[0]]);
}

/// At 80 columns a lesson whose sentence list does not fit says so with an ellipsis, rather
/// than stopping mid-list without its closing parenthesis.
#[test]
fn the_lessons_list_cuts_what_does_not_fit_with_an_ellipsis() {
    let mut a = app(1);
    a.update(Action::Select); // Lessons
    let screen = render(&mut a, 80, 24);
    let last = screen
        .lines()
        .find(|l| l.contains("6. "))
        .expect("the sixth lesson");
    assert!(last.trim_end_matches([' ', '"']).ends_with('…'), "{last}");
}
