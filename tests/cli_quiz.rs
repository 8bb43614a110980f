//! The plain quiz and `tutor cases`, run as a user runs them: the built binary, stdin and stdout.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use tutor::course::Course;
use tutor::quiz::{self, QuizSpec};
use tutor::text::letter;

fn tutor(args: &[&str], stdin: &str) -> Output {
    // Each run keeps its progress in a directory of its own, never the user's.
    let data = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tutor"))
        .args(args)
        .env("TUTOR_DATA_DIR", data.path())
        .env(
            "TUTOR_CACHE_DIR",
            std::env::temp_dir().join("tutor-test-cache"),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tutor runs");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin.as_bytes()).expect("write stdin");
    drop(input);
    child.wait_with_output().expect("tutor exits")
}

fn seed_text() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/seed/metastatic-breast-cancer.txt"
    ))
    .or_else(|_| {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/content/metastatic-breast-cancer/source.txt"
        ))
    })
    .expect("seed text")
}

/// The answers that the quiz for `seed` marks right: key letters, or the first accepted text.
fn right_answers(seed: u64, count: usize) -> String {
    let course = Course::embedded().expect("embedded course");
    let spec = QuizSpec {
        seed,
        count,
        ..Default::default()
    };
    quiz::draw(&course, &spec)
        .expect("quiz")
        .iter()
        .map(|q| match &q.free {
            Some(f) => format!("{}\n", f.accept[0]),
            None => {
                let keys: Vec<String> =
                    q.key().into_iter().map(|i| letter(i).to_string()).collect();
                format!("{}\n", keys.join(","))
            }
        })
        .collect()
}

#[test]
fn a_scripted_quiz_is_completed_and_its_sources_are_verbatim() {
    let out = tutor(
        &["quiz", "--plain", "--seed", "3", "--count", "5"],
        &right_answers(3, 5),
    );
    assert!(out.status.success(), "exit: {:?}", out.status);
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    for i in 1..=5 {
        assert!(
            stdout.contains(&format!("Question {i} of 5")),
            "question {i} missing:\n{stdout}"
        );
    }
    assert_eq!(stdout.matches("\nCorrect.").count(), 5, "{stdout}");
    assert!(stdout.trim_end().ends_with("Score: 5/5"), "{stdout}");
    let seed = seed_text();
    let sources: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("Source s"))
        .collect();
    assert!(sources.len() >= 5, "every answer shows its source");
    for line in sources {
        let (_, sentence) = line.split_once(": ").expect("Source sN: text");
        assert!(
            seed.contains(sentence),
            "not verbatim in the seed: {sentence}"
        );
    }
}

#[test]
fn wrong_answers_say_the_correct_one_and_invalid_input_is_asked_again() {
    let course = Course::embedded().expect("course");
    let qs = quiz::draw(
        &course,
        &QuizSpec {
            seed: 11,
            count: 3,
            ..Default::default()
        },
    )
    .expect("quiz");
    // First an impossible option, then a wrong but valid answer, for each question.
    let script: String = qs
        .iter()
        .map(|q| match &q.free {
            Some(_) => "\nno idea at all\n".to_owned(),
            None => {
                let wrong = (0..q.options.len())
                    .find(|i| !q.key().contains(i))
                    .expect("a wrong option");
                format!("Z\n{}\n", letter(wrong))
            }
        })
        .collect();
    let out = tutor(
        &["quiz", "--plain", "--seed", "11", "--count", "3"],
        &script,
    );
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(
        stdout.matches("Incorrect. Correct answer: ").count(),
        3,
        "{stdout}"
    );
    let asked_again = stdout.matches("is not an option").count()
        + stdout.matches("Please type an answer").count();
    assert_eq!(
        asked_again, 3,
        "each invalid line is refused, not graded:\n{stdout}"
    );
    assert!(stdout.trim_end().ends_with("Score: 0/3"), "{stdout}");
}

#[test]
fn end_of_input_stops_early_with_the_score_so_far() {
    let answers: String = right_answers(5, 4)
        .lines()
        .take(2)
        .map(|l| format!("{l}\n"))
        .collect();
    let out = tutor(
        &["quiz", "--plain", "--seed", "5", "--count", "4"],
        &answers,
    );
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert!(stdout.contains("Question 3 of 4"));
    assert!(!stdout.contains("Question 4 of 4"));
    assert!(
        stdout
            .trim_end()
            .ends_with("Score: 2/2 (stopped after 2 of 4 questions)"),
        "{stdout}"
    );
}

#[test]
fn the_same_seed_gives_the_same_quiz() {
    let a = tutor(&["quiz", "--plain", "--seed", "9", "--count", "6"], "");
    let b = tutor(&["quiz", "--plain", "--seed", "9", "--count", "6"], "");
    assert_eq!(a.stdout, b.stdout);
    let c = tutor(&["quiz", "--plain", "--seed", "10", "--count", "6"], "");
    assert_ne!(a.stdout, c.stdout);
}

#[test]
fn cases_are_reproducible_valid_json_with_keys_among_options_and_verbatim_quotes() {
    let a = tutor(&["cases", "--seed", "1", "--count", "1000"], "");
    let b = tutor(&["cases", "--seed", "1", "--count", "1000"], "");
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout, "byte-identical on a second run");
    let course = Course::embedded().expect("course");
    let text = String::from_utf8(a.stdout).expect("utf-8");
    let mut templates = std::collections::BTreeSet::new();
    let mut n = 0;
    for line in text.lines() {
        n += 1;
        let v: serde_json::Value = serde_json::from_str(line).expect("valid JSON");
        for field in [
            "id",
            "template",
            "seed",
            "vars",
            "stem",
            "lead_in",
            "options",
            "answer",
            "explanation",
            "cites",
            "quotes",
        ] {
            assert!(v.get(field).is_some(), "missing {field}: {line}");
        }
        templates.insert(v["template"].as_str().expect("template").to_owned());
        let keys: Vec<&str> = v["options"]
            .as_array()
            .expect("options")
            .iter()
            .map(|o| o["key"].as_str().expect("key"))
            .collect();
        let answer = v["answer"].as_array().expect("answer");
        assert_eq!(answer.len(), 1);
        assert!(
            keys.contains(&answer[0].as_str().expect("key")),
            "answer not among options: {line}"
        );
        assert!(
            !v["stem"].as_str().expect("stem").contains("{{"),
            "unfilled placeholder: {line}"
        );
        for q in v["quotes"].as_array().expect("quotes") {
            let s = course
                .sentence(q["sentence"].as_str().expect("id"))
                .expect("quoted sentence exists");
            assert!(
                s.text.contains(q["text"].as_str().expect("text")),
                "quote not verbatim: {line}"
            );
        }
        for c in v["cites"].as_array().expect("cites") {
            assert!(course.sentence(c.as_str().expect("id")).is_some());
        }
    }
    assert_eq!(n, 1000);
    assert_eq!(
        templates.len(),
        course.cases.len(),
        "every template is used"
    );
}

#[test]
fn cases_write_64_bit_seeds_as_exact_strings() {
    // Above 2^53: a JSON number this large is rounded by JavaScript and pandas.
    const BIG: u64 = 5_802_627_622_154_515_547;
    let out = tutor(&["cases", "--seed", &BIG.to_string(), "--count", "3"], "");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let course = Course::embedded().expect("course");
    let want: Vec<u64> = quiz::case::stream(&course, BIG)
        .take(3)
        .map(|q| match q.expect("case").origin {
            quiz::Origin::Case { seed, .. } => seed,
            quiz::Origin::Item { .. } => panic!("not a case"),
        })
        .collect();
    assert!(want.iter().any(|&s| s > 1 << 53), "{want:?}");
    let got: Vec<String> = text
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("valid JSON");
            let seed = v["seed"]
                .as_str()
                .unwrap_or_else(|| panic!("seed is a string: {line}"));
            let id = v["id"].as_str().expect("id");
            assert!(id.ends_with(&format!("#{seed}")), "{line}");
            seed.to_owned()
        })
        .collect();
    let want: Vec<String> = want.iter().map(u64::to_string).collect();
    assert_eq!(got, want);
}
