//! Classroom drills from the command line: the same seed gives everyone the same drill, the
//! drill id is recorded with every answer, and a time limit records a question as unanswered.

use crate::support;
use std::io::{BufRead, BufReader, Write};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};
use tutor::store::{Mode, Store};

fn drill(data: &std::path::Path, user: &str, args: &[&str], stdin: &str) -> Output {
    let mut cmd = support::tutor_in(data, user);
    cmd.args(["drill", "--plain"]).args(args);
    support::output_with(cmd, stdin.as_bytes().to_vec())
}

#[test]
fn two_students_with_the_same_seed_get_the_same_drill() {
    let (a, b) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let answers = "A\nB\nC\nsurgery\nA\nB\nA\nA\n";
    let args = ["--seed", "5", "--count", "6", "--cases-only"];
    let one = drill(a.path(), "ann", &args, answers);
    let two = drill(b.path(), "ben", &args, answers);
    assert!(one.status.success() && two.status.success());
    let text = String::from_utf8(one.stdout.clone()).expect("utf-8");
    assert_eq!(
        support::without_clock_lines(&one.stdout),
        support::without_clock_lines(&two.stdout),
        "identical question sequences, variants and option orders"
    );
    let id = text
        .lines()
        .find_map(|l| l.strip_prefix("Drill "))
        .and_then(|l| l.split(':').next())
        .expect("drill id line");
    assert!(id.starts_with("d-"), "{id}");
    // Different settings, different drill.
    let other = drill(
        a.path(),
        "ann",
        &["--seed", "6", "--count", "6", "--cases-only"],
        answers,
    );
    assert_ne!(
        support::without_clock_lines(&other.stdout),
        support::without_clock_lines(&one.stdout)
    );
    // Every answer is stored as a drill attempt with the drill's id.
    let store = Store::open(a.path(), 0).expect("store").store;
    let attempts: Vec<_> = store
        .attempts(Some("ann"), None)
        .expect("attempts")
        .into_iter()
        .filter(|x| x.quiz_seed == 5)
        .collect();
    assert_eq!(attempts.len(), 6);
    assert!(
        attempts
            .iter()
            .all(|x| x.mode == Mode::Drill && x.drill.as_deref() == Some(id) && !x.timed_out)
    );
}

#[test]
fn an_exam_drill_holds_feedback_to_the_end() {
    let dir = tempfile::tempdir().expect("dir");
    let out = drill(
        dir.path(),
        "ann",
        &["--seed", "3", "--count", "3", "--cases-only", "--exam"],
        "A\nA\nA\n",
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let (during, after) = text
        .split_once("\nFeedback\n")
        .expect("a feedback section at the end");
    assert_eq!(during.matches("Answer recorded.").count(), 3);
    assert!(
        !during.contains("Why:"),
        "no feedback during the exam:\n{during}"
    );
    assert_eq!(after.matches("Why:").count(), 3);
}

#[test]
fn a_question_not_answered_in_time_is_recorded_unanswered() {
    let dir = tempfile::tempdir().expect("dir");
    let mut child = support::tutor_in(dir.path(), "ann")
        .args([
            "drill",
            "--plain",
            "--seed",
            "4",
            "--count",
            "2",
            "--cases-only",
            "--time-limit",
            "1",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("tutor runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let deadline = Instant::now() + Duration::from_secs(20);
    // Say nothing during question 1; answer question 2 once it is asked.
    let mut seen = Vec::new();
    while let Some(Ok(line)) = lines.next() {
        assert!(
            Instant::now() < deadline,
            "drill took too long:\n{}",
            seen.join("\n")
        );
        if line.starts_with("Question 2 of 2") {
            stdin.write_all(b"A\n").expect("answer");
        }
        seen.push(line);
    }
    drop(stdin);
    assert!(child.wait().expect("exit").success());
    let text = seen.join("\n");
    assert_eq!(text.matches("Time is up: unanswered.").count(), 1, "{text}");
    let store = Store::open(dir.path(), 0).expect("store").store;
    let attempts = store.attempts(Some("ann"), None).expect("attempts");
    assert_eq!(attempts.len(), 2);
    assert!(attempts[0].timed_out && !attempts[0].correct && attempts[0].answer.is_empty());
    assert!(!attempts[1].timed_out);
}

/// `--preview` prints the drill the class will get, each question with its key, why and
/// sources, and records nothing: the same questions, in the same order, as the drill itself.
#[test]
fn a_preview_shows_every_key_and_records_nothing() {
    let data = tempfile::tempdir().expect("dir");
    let args = ["--seed", "5", "--count", "4"];
    let mut cmd = support::tutor_in(data.path(), "teacher");
    cmd.args(["drill", "--preview"]).args(args);
    let out = support::output_with(cmd, Vec::new());
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.starts_with("Preview of drill d-"), "{text}");
    let paced = tutor::quiz::drill::DrillSpec {
        seed: 5,
        count: 4,
        paced: true,
        ..Default::default()
    };
    let course = tutor::course::Course::embedded().expect("course");
    assert!(
        text.contains(&format!(
            "served with tutor serve --paced is drill {}.",
            paced.id(&course)
        )),
        "the paced drill's id, as the report will name it: {text}"
    );
    for k in 1..=4 {
        assert!(text.contains(&format!("Question {k} of 4\n")), "{text}");
    }
    assert_eq!(
        text.matches("\nKey: ").count(),
        4,
        "one key line each: {text}"
    );
    assert_eq!(text.matches("\nWhy: ").count(), 4, "{text}");
    assert!(text.contains("\nSource s"), "{text}");
    assert!(
        !data.path().join("tutor.db").exists(),
        "a preview opens no store"
    );
    // The drill itself asks the same first question.
    let played = drill(data.path(), "ann", &args, "");
    let asked = String::from_utf8(played.stdout).expect("utf-8");
    let first = |t: &str| {
        t.split("Question 1 of 4\n")
            .nth(1)
            .and_then(|r| r.lines().next())
            .map(str::to_owned)
    };
    assert_eq!(first(&text), first(&asked));
}
