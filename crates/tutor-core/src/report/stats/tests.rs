use super::*;
use crate::schedule::DEFAULT_RETENTION;
use crate::store::{Attempt, Mode};

/// Three lessons over four sentences. Units: `o1` (items i1, i2; lesson l1), `item:i3`
/// (lesson l2), template `t1` (lesson l2), `o2` (item i4; lesson l3).
const COURSE: &str = r#"{
  "meta": {"id": "mini", "title": "Mini", "version": 1, "source": {
    "title": "Doc", "attribution": "me", "note": "n", "document": "doc.txt",
    "sentences": [{"id": "s1", "text": "One."}, {"id": "s2", "text": "Two."},
                  {"id": "s3", "text": "Three."}, {"id": "s4", "text": "Four."}]}},
  "glossary": [],
  "lessons": [
    {"id": "l1", "title": "First", "objectives": [{"id": "o1", "text": "o"}], "body": "",
     "sentences": ["s1", "s2"], "key_points": [], "items": ["i1", "i2"]},
    {"id": "l2", "title": "Second", "objectives": [], "body": "", "sentences": ["s2", "s3"],
     "key_points": [], "items": ["i3"], "cases": ["t1"]},
    {"id": "l3", "title": "Third", "objectives": [{"id": "o2", "text": "o"}], "body": "",
     "sentences": ["s4"], "key_points": [], "items": ["i4"]}
  ],
  "items": [
    {"id": "i1", "type": "true_false", "cites": ["s1"], "objective": "o1", "answer": true,
     "explanation": "e"},
    {"id": "i2", "type": "true_false", "cites": ["s1", "s2"], "objective": "o1",
     "answer": true, "explanation": "e"},
    {"id": "i3", "type": "true_false", "cites": ["s2"], "answer": true, "explanation": "e"},
    {"id": "i4", "type": "true_false", "cites": ["s4"], "objective": "o2", "answer": true,
     "explanation": "e"}
  ],
  "cases": [
    {"id": "t1", "title": "T", "vars": {"x": {"values": ["a", "b"]}}, "stem": "{{x}}",
     "lead_in": "?", "options": [{"id": "k", "text": "K", "why": "w"},
                                 {"id": "d", "text": "D", "why": "w"}],
     "rules": [{"when": {"x": ["a"]}, "key": "k", "explanation": "e", "cites": ["s3"]},
               {"otherwise": true, "key": "d", "explanation": "e", "cites": ["s2", "s3"]}],
     "distractors": 1}
  ],
  "document": ["doc.txt", "One. Two. Three. Four."]
}"#;

const HOUR: i64 = 3_600_000;
/// Noon (UTC) on some day, so every attempt below falls well inside its day.
const NOW: i64 = 20_000 * DAY_MS + 12 * HOUR;

fn course() -> Course {
    Course::from_compiled(serde_json::from_str(COURSE).expect("mini course"))
}

fn attempt(at_ms: i64, origin: (&str, bool), unit: &str, correct: bool, cites: &[&str]) -> Attempt {
    let (id, is_case) = origin;
    Attempt {
        at_ms,
        user: "ann".into(),
        course: "mini".into(),
        course_version: 1,
        question: if is_case {
            format!("{id}#1")
        } else {
            id.into()
        },
        item: (!is_case).then(|| id.into()),
        template: is_case.then(|| id.into()),
        unit: unit.into(),
        quiz_seed: 1,
        case_seed: is_case.then_some(1),
        vars: None,
        options: vec!["k".into(), "d".into()],
        answer: "A".into(),
        correct,
        typo: false,
        seconds: 2.0,
        mode: Mode::Practice,
        drill: None,
        cites: cites.iter().map(|s| s.to_string()).collect(),
        timed_out: false,
        step: None,
    }
}

/// Five answers over three days: i1 right, i2 wrong (two days ago); i3 right, t1 right
/// (yesterday); t1 wrong (a second ago). Another user's answer must not count.
fn store_with_answers(dir: &std::path::Path, scheduler: &Scheduler) -> Store {
    let mut store = Store::open(dir, NOW).expect("store").store;
    let answers = [
        attempt(NOW - 2 * DAY_MS, ("i1", false), "o1", true, &["s1"]),
        attempt(
            NOW - 2 * DAY_MS + 1000,
            ("i2", false),
            "o1",
            false,
            &["s1", "s2"],
        ),
        attempt(NOW - DAY_MS, ("i3", false), "item:i3", true, &["s2"]),
        attempt(NOW - DAY_MS + 1000, ("t1", true), "t1", true, &["s3"]),
        attempt(NOW - 1000, ("t1", true), "t1", false, &["s2", "s3"]),
    ];
    for a in &answers {
        store.record(a, scheduler).expect("record");
    }
    let mut other = attempt(NOW - 5000, ("i4", false), "o2", true, &["s4"]);
    other.user = "bob".into();
    store.record(&other, scheduler).expect("record");
    store
}

#[test]
fn a_hand_checked_example() {
    let dir = tempfile::tempdir().expect("tempdir");
    let scheduler = Scheduler::new(DEFAULT_RETENTION).expect("scheduler");
    let store = store_with_answers(dir.path(), &scheduler);
    let course = course();
    let st = compute(&course, &store, "ann", &scheduler, NOW).expect("stats");

    assert_eq!((st.answered, st.right, st.streak), (5, 3, 3));
    assert_eq!(
        (st.units, st.started),
        (4, 3),
        "o1, item:i3, t1 of o1, item:i3, t1, o2"
    );
    let lessons: Vec<(&str, u64, u64)> = st
        .per_lesson
        .iter()
        .map(|l| (l.id.as_str(), l.answered, l.right))
        .collect();
    // Each answer under the first lesson presenting the sentence it rests on: i1, i2 (s1),
    // i3 (s2) and the wrong t1 (s2 first) under l1, though l2 lists i3 and t1; the right t1
    // (s3) under l2.
    assert_eq!(lessons, [("l1", 4, 2), ("l2", 1, 1), ("l3", 0, 0)]);
    assert_eq!(st.per_lesson[1].title, "Second");
    let sentences: Vec<(&str, u64, u64)> = st
        .per_sentence
        .iter()
        .map(|s| (s.id.as_str(), s.answered, s.right))
        .collect();
    assert_eq!(
        sentences,
        [("s1", 2, 1), ("s2", 3, 1), ("s3", 2, 1), ("s4", 0, 0)]
    );
    assert_eq!(st.per_lesson[0].accuracy(), Some(0.5));
    assert_eq!(st.per_lesson[2].accuracy(), None);
    assert_eq!(st.accuracy(), Some(0.6));

    // Retrievability: the mean over the reviewed units of each lesson / citing each sentence.
    let states: HashMap<String, ReviewState> = store
        .review_states("ann", "mini")
        .expect("states")
        .into_iter()
        .collect();
    let r = |u: &str| f64::from(scheduler.recall_in_a_week(&states[u], NOW));
    let (o1, i3, t1) = (r("o1"), r("item:i3"), r("t1"));
    let close = |got: Option<f32>, want: f64| {
        let got = f64::from(got.expect("reviewed"));
        assert!((got - want).abs() < 1e-6, "{got} != {want}");
    };
    // A unit counts toward the lessons presenting what its items or rules rest on: t1's
    // rules rest on s3 (l2) and s2 (l1).
    close(st.per_lesson[0].recall_in_a_week, (o1 + i3 + t1) / 3.0);
    close(st.per_lesson[1].recall_in_a_week, t1);
    assert_eq!(
        st.per_lesson[2].recall_in_a_week, None,
        "o2 never reviewed by ann"
    );
    close(st.per_sentence[0].recall_in_a_week, o1);
    close(st.per_sentence[1].recall_in_a_week, (o1 + i3 + t1) / 3.0);
    close(st.per_sentence[2].recall_in_a_week, t1);
    assert_eq!(st.per_sentence[3].recall_in_a_week, None);
    assert!(
        t1 < 0.9,
        "t1 was missed a second ago: a week ahead it is no longer sure: {t1}"
    );
    assert!(o1 < t1 && o1 > 0.0, "o1 lapsed two days ago: {o1}");

    // Forecast: o1 lapsed two days ago (due within a day of that: overdue); t1 lapsed a
    // second ago (due within 24 hours, not yet); item:i3, right yesterday, waits days.
    assert!(states["o1"].due_ms <= NOW);
    assert!(states["t1"].due_ms > NOW && states["t1"].due_ms < NOW + DAY_MS);
    let i3_day = usize::try_from((states["item:i3"].due_ms - NOW) / DAY_MS).expect("ahead");
    assert!((1..FORECAST_DAYS).contains(&i3_day), "day {i3_day}");
    let mut want = [0u32; FORECAST_DAYS];
    want[0] = 2;
    want[i3_day] = 1;
    assert_eq!(st.forecast, want);
    assert_eq!(st.due_now, 1);
}

#[test]
fn an_empty_store_gives_zeros_and_no_recall() {
    let dir = tempfile::tempdir().expect("tempdir");
    let scheduler = Scheduler::new(DEFAULT_RETENTION).expect("scheduler");
    let store = Store::open(dir.path(), NOW).expect("store").store;
    let st = compute(&course(), &store, "ann", &scheduler, NOW).expect("stats");
    assert_eq!((st.answered, st.right, st.streak, st.due_now), (0, 0, 0, 0));
    assert_eq!((st.units, st.started), (4, 0));
    assert_eq!(st.forecast, [0; FORECAST_DAYS]);
    assert!(st.per_lesson.iter().all(|l| l.recall_in_a_week.is_none()));
    assert_eq!(st.per_sentence.len(), 4);
    let json = serde_json::to_value(&st).expect("json");
    assert_eq!(
        json["forecast"].as_array().map(Vec::len),
        Some(FORECAST_DAYS)
    );
    assert!(json["per_lesson"][0]["recall_in_a_week"].is_null());
}

#[test]
fn groups_count_answers_by_item_template_and_cites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let scheduler = Scheduler::new(DEFAULT_RETENTION).expect("scheduler");
    let store = store_with_answers(dir.path(), &scheduler);
    let groups = attempt_groups(&store, "ann", "mini").expect("groups");
    let got: Vec<_> = groups
        .iter()
        .map(|g| {
            let (i, t) = (g.item.as_deref(), g.template.as_deref());
            (i, t, g.cites.len(), g.count, g.right)
        })
        .collect();
    assert_eq!(
        got,
        [
            (None, Some("t1"), 2, 1, 0),
            (None, Some("t1"), 1, 1, 1),
            (Some("i1"), None, 1, 1, 1),
            (Some("i2"), None, 2, 1, 0),
            (Some("i3"), None, 1, 1, 1),
        ]
    );
}

/// Every answer counts under one lesson (the first that lists its item), so the lessons add
/// up to the answers; a sentence or lesson never answered shows no recall, even when a unit
/// linked to it was reviewed.
#[test]
fn lessons_add_up_to_the_answers_and_nothing_unanswered_shows_recall() {
    let mut c = course();
    c.lessons[2].items.push("i1".into()); // i1 now in l1 and l3
    let dir = tempfile::tempdir().expect("tempdir");
    let scheduler = Scheduler::new(DEFAULT_RETENTION).expect("scheduler");
    let mut store = Store::open(dir.path(), NOW).expect("store").store;
    // i2 (unit o1, which also links s1 through i1) answered, citing s2 only.
    let a = attempt(NOW - 1000, ("i1", false), "o1", true, &["s1"]);
    store.record(&a, &scheduler).expect("record");
    let b = attempt(NOW - 500, ("i2", false), "o1", true, &["s2"]);
    store.record(&b, &scheduler).expect("record");
    let st = compute(&c, &store, "ann", &scheduler, NOW).expect("stats");
    let by_lesson: u64 = st.per_lesson.iter().map(|l| l.answered).sum();
    assert_eq!(by_lesson, st.answered, "each answer under one lesson");
    assert_eq!(st.per_lesson[2].answered, 0, "l3 lists i1 after l1 does");
    assert_eq!(st.per_lesson[2].recall_in_a_week, None);
    let s4 = &st.per_sentence[3];
    assert_eq!((s4.answered, s4.recall_in_a_week), (0, None));
    assert!(
        st.per_sentence[0].recall_in_a_week.is_some(),
        "s1 was answered"
    );
}
