//! The plain quiz and `tutor cases`, run as a user runs them: the built binary, stdin and stdout.

use crate::support::{self, run_fresh};
use std::process::{Command, Stdio};
use tutor::course::Course;
use tutor::quiz::{self, QuizSpec};
use tutor::text::letter;

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
    right_lines(seed, count, key_letters)
}

/// A line for each question of the quiz for `seed` that it marks right: the first accepted
/// text, or what `choice` types for a choice question.
fn right_lines(seed: u64, count: usize, choice: impl Fn(&quiz::Question) -> String) -> String {
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
            None => format!("{}\n", choice(q)),
        })
        .collect()
}

/// The letters of the question's key, `A,C`.
fn key_letters(q: &quiz::Question) -> String {
    let keys: Vec<String> = q.key().into_iter().map(|i| letter(i).to_string()).collect();
    keys.join(",")
}

#[test]
fn a_scripted_quiz_is_completed_and_its_sources_are_verbatim() {
    let out = run_fresh(
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
    assert!(stdout.contains("\nScore: 5/5\n"), "{stdout}");
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
    // A drill: each question once (a practice quiz would ask the misses again).
    let out = run_fresh(
        &["drill", "--plain", "--seed", "11", "--count", "3"],
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
    assert!(stdout.contains("\nScore: 0/3\n"), "{stdout}");
    // Read aloud well: no backticks or diff brackets, what was chosen said in words, every
    // option of a choice question marked, and the misses listed before the score.
    for noise in ["`", "[-", "{+"] {
        assert!(!stdout.contains(noise), "{noise:?} in:\n{stdout}");
    }
    assert!(stdout.contains("Z is not an option; choose A"), "{stdout}");
    let choice_questions = qs.iter().filter(|q| q.free.is_none()).count();
    assert_eq!(
        stdout.matches("\nYou chose: ").count(),
        choice_questions,
        "{stdout}"
    );
    let free_questions = qs.len() - choice_questions;
    assert_eq!(
        stdout.matches("\nYou typed: no idea at all.").count(),
        free_questions
    );
    for q in qs.iter().filter(|q| q.free.is_none()) {
        let marked = q.options.iter().enumerate().filter(|(i, o)| {
            let words = if q.key().contains(i) {
                "correct answer, not chosen"
            } else {
                "not chosen"
            };
            stdout.contains(&format!("  {}) {}: ", letter(*i), o.text))
                && (stdout.contains(&format!("{}: {words}. ", o.text))
                    || stdout.contains(&format!("{}: your answer, wrong. ", o.text)))
        });
        assert_eq!(marked.count(), q.options.len(), "{}:\n{stdout}", q.id);
    }
    let tail = stdout
        .rsplit("\nMissed 3 of 3:\n")
        .next()
        .expect("a missed list");
    for n in 1..=3 {
        assert!(
            tail.contains(&format!("  Question {n}: correct answer ")),
            "{tail}"
        );
    }
}

#[test]
fn end_of_input_stops_early_with_the_score_so_far() {
    let answers: String = right_answers(5, 4)
        .lines()
        .take(2)
        .map(|l| format!("{l}\n"))
        .collect();
    let out = run_fresh(
        &["quiz", "--plain", "--seed", "5", "--count", "4"],
        &answers,
    );
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert!(stdout.contains("Question 3 of 4"));
    assert!(!stdout.contains("Question 4 of 4"));
    assert!(
        stdout.contains("\nScore: 2/2 (stopped after 2 of 4 questions)\nTime: "),
        "{stdout}"
    );
}

#[test]
fn the_same_seed_gives_the_same_quiz() {
    let a = run_fresh(&["quiz", "--plain", "--seed", "9", "--count", "6"], "");
    let b = run_fresh(&["quiz", "--plain", "--seed", "9", "--count", "6"], "");
    let text = |o: &std::process::Output| support::without_clock_lines(&o.stdout);
    assert_eq!(text(&a), text(&b));
    let c = run_fresh(&["quiz", "--plain", "--seed", "10", "--count", "6"], "");
    assert_ne!(text(&a), text(&c));
}

#[test]
fn cases_are_reproducible_valid_json_with_keys_among_options_and_verbatim_quotes() {
    let a = run_fresh(&["cases", "--seed", "1", "--count", "1000"], "");
    let b = run_fresh(&["cases", "--seed", "1", "--count", "1000"], "");
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout, "byte-identical on a second run");
    let course = Course::embedded().expect("course");
    let text = String::from_utf8(a.stdout).expect("utf-8");
    let mut templates = std::collections::BTreeSet::new();
    let mut n = 0;
    for line in text.lines() {
        n += 1;
        let v: serde_json::Value = serde_json::from_str(line).expect("valid JSON");
        for field in ["id", "template", "seed", "vars"] {
            assert!(v.get(field).is_some(), "missing {field}: {line}");
        }
        let template = v["template"].as_str().expect("template");
        templates.insert(template.to_owned());
        let t = course
            .case_template(template)
            .expect("a template of the course");
        let listed = v.get("steps").and_then(|s| s.as_array()).map(Vec::len);
        let unfolds = !t.steps.is_empty();
        assert_eq!(listed, unfolds.then_some(t.steps.len()), "{line}");
        assert_eq!(
            v.get("stem").is_some(),
            !unfolds,
            "steps or one stem: {line}"
        );
        // A plain case is one question; an unfolding case lists its steps.
        let steps = match v.get("steps") {
            Some(steps) => steps.as_array().expect("steps").iter().collect(),
            None => vec![&v],
        };
        for step in steps {
            check_case_question(&course, step, line);
        }
    }
    assert_eq!(n, 1000);
    assert_eq!(
        templates.len(),
        course.cases.len(),
        "every template is used"
    );
}

/// One question of a `tutor cases` line: every field, the answer among the options, no
/// unfilled placeholder, verbatim quotes of cited sentences that exist.
fn check_case_question(course: &Course, v: &serde_json::Value, line: &str) {
    for field in [
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

#[test]
fn cases_write_64_bit_seeds_as_exact_strings() {
    // Above 2^53: a JSON number this large is rounded by JavaScript and pandas.
    const BIG: u64 = 5_802_627_622_154_515_547;
    let out = run_fresh(&["cases", "--seed", &BIG.to_string(), "--count", "3"], "");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let course = Course::embedded().expect("course");
    let want: Vec<u64> = quiz::case::stream(&course, BIG)
        .take(3)
        .map(|case| match case.expect("case")[0].origin {
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

/// A 10 MB answer line is read and dropped, not stored, echoed or graded: the learner is
/// asked again and the quiz goes on (it was stored whole and printed twice; 200 MB aborted).
#[test]
fn a_ten_megabyte_answer_is_refused_and_the_quiz_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut input = vec![b'x'; 10 << 20];
    input.extend_from_slice(b"\nA\nA\nA\n");
    let mut cmd = support::tutor_in(dir.path(), "ann");
    cmd.args(["quiz", "--plain", "--seed", "3", "--count", "3"]);
    let out = support::output_with(cmd, input);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("That answer is too long: at most 2,000 characters"),
        "{stdout}"
    );
    assert!(stdout.contains("\nScore: "), "ends with its score");
    assert!(
        out.stdout.len() < 100_000,
        "{} bytes printed",
        out.stdout.len()
    );
    let store = tutor::store::Store::open_reader(dir.path())
        .expect("store")
        .expect("answers stored");
    let stored = store.attempts(Some("ann"), None).expect("attempts");
    assert_eq!(stored.len(), 3);
    assert!(stored.iter().all(|a| a.answer.len() <= 2_000));
}

/// Bytes that are not UTF-8 are an answer like any other (shown as U+FFFD), and the end of
/// input after them still ends with the score line.
#[test]
fn invalid_utf8_on_stdin_still_ends_with_the_score() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmd = support::tutor_in(dir.path(), "ann");
    cmd.args(["quiz", "--plain", "--seed", "3", "--count", "3"]);
    let out = support::output_with(cmd, b"\xff\xfe\nA\n\xc3".to_vec());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Score: "), "{stdout}");
}

/// The default course's folder copied to `dir`, with `edit` applied to its cases.yaml.
fn course_copy(dir: &std::path::Path, edit: impl Fn(&str) -> String) -> std::path::PathBuf {
    let from =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/metastatic-breast-cancer");
    let to = dir.join("course");
    std::fs::create_dir_all(&to).expect("dir");
    for entry in std::fs::read_dir(&from).expect("course folder") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        let name = path.file_name().expect("name");
        let text = if name == "cases.yaml" {
            edit(&text)
        } else {
            text
        };
        std::fs::write(to.join(name), text).expect("write");
    }
    to
}

/// A YAML key carrying escape sequences (an OSC title change, a screen clear, a newline that
/// would forge a diagnostic line) reaches no terminal raw from `check`, `quiz` or `serve`.
#[test]
fn escapes_in_course_keys_never_reach_the_terminal() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let hostile = r#""\e]0;OWNED\a\e[2Jx\nforged.yaml:1:1: error": { range: [1, 2] }"#;
    let course = course_copy(tmp.path(), |cases| {
        cases.replacen(
            "    age: { range: [38, 79] }",
            &format!("    {hostile}\n    age: {{ range: [38, 79] }}"),
            1,
        )
    });
    let course = course.to_str().expect("utf-8 path");
    let data = tmp.path().join("data");
    let runs: [(&str, Vec<&str>); 3] = [
        ("check", vec!["check", course]),
        (
            "quiz",
            vec!["--course", course, "quiz", "--plain", "--count", "2"],
        ),
        (
            "serve",
            vec![
                "--course",
                course,
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--no-dashboard",
            ],
        ),
    ];
    for (what, args) in runs {
        let mut cmd = support::tutor_in(&data, "ann");
        cmd.args(&args);
        let child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("tutor runs");
        // A server that started anyway is stopped after a moment.
        let pid = child.id();
        let stopper = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(3));
            let _ = Command::new("kill").arg(pid.to_string()).status();
        });
        let out = child.wait_with_output().expect("exits");
        drop(stopper);
        let all = [out.stdout.as_slice(), out.stderr.as_slice()].concat();
        let text = String::from_utf8_lossy(&all);
        assert!(
            text.contains("forged.yaml"),
            "{what}: the key is reported: {text}"
        );
        assert!(
            !all.contains(&0x1b) && !all.contains(&0x07),
            "{what}: raw escapes in {text:?}"
        );
        assert!(
            !text.lines().any(|l| l.starts_with("forged.yaml")),
            "{what}: a forged diagnostic line: {text}"
        );
    }
}

/// A bare `tutor` is read without clap (it is the start-up path); its options must still be
/// clap's: progress under `TUTOR_DATA_DIR`, the login name as the learner, and an empty
/// `TUTOR_DATA_DIR` refused exactly as every command refuses it.
#[test]
fn a_bare_tutor_reads_its_options_as_clap_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmd = support::tutor();
    cmd.env("TUTOR_DATA_DIR", dir.path())
        .env("USER", "bare.learner");
    let out = support::output_with(cmd, b"A\nA\nA\n".to_vec());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Score: "), "{stdout}");
    assert_eq!(support::stored(dir.path(), "bare.learner"), 3);

    let refused = |args: &[&str]| {
        let mut cmd = support::tutor();
        cmd.args(args).env("TUTOR_DATA_DIR", "");
        support::output(cmd)
    };
    let (bare, quiz) = (refused(&[]), refused(&["quiz", "--plain"]));
    assert_eq!(bare.status.code(), Some(2));
    assert_eq!(bare.stderr, quiz.stderr);
    assert!(String::from_utf8_lossy(&bare.stderr).contains("--data-dir"));
}

/// Each question block of a plain quiz: whether it was a second asking, its first cited
/// sentence (its primary sentence) and whether it was answered right, in order.
fn asked(stdout: &str) -> Vec<(bool, String, bool)> {
    stdout
        .split("\nQuestion ")
        .skip(1)
        .filter_map(|block| {
            let header = block.lines().next()?;
            let line = block.lines().find(|l| l.starts_with("Source s"))?;
            let sentence = line["Source ".len()..].split(':').next()?.to_owned();
            let right = block.lines().any(|l| l.starts_with("Correct."));
            Some((header.ends_with("(asked again)"), sentence, right))
        })
        .collect()
}

/// Over 10 seeds of `tutor quiz --plain --count 10`: no two questions in a row on the same
/// sentence, at least 6 sentences in each quiz, and every miss asked again once, marked so.
#[test]
fn plain_quizzes_span_the_source_and_bring_misses_back() {
    let mut brought_back = 0;
    for seed in 1..=10 {
        let seed = seed.to_string();
        let out = run_fresh(
            &["quiz", "--plain", "--seed", &seed, "--count", "10"],
            &"a\n".repeat(40),
        );
        assert!(out.status.success());
        let stdout = String::from_utf8(out.stdout).expect("utf-8");
        let q = asked(&stdout);
        let first: Vec<&(bool, String, bool)> = q.iter().filter(|x| !x.0).collect();
        assert_eq!(first.len(), 10, "seed {seed}:\n{stdout}");
        for pair in q.windows(2) {
            assert_ne!(pair[0].1, pair[1].1, "seed {seed}: {q:?}");
        }
        let distinct: std::collections::HashSet<&String> = first.iter().map(|x| &x.1).collect();
        assert!(distinct.len() >= 6, "seed {seed}: {q:?}");
        // Every miss comes back once, but one on the very last question (nothing follows it).
        let last_missed = q.last().is_some_and(|x| !x.0 && !x.2);
        let misses = first.iter().filter(|x| !x.2).count() - usize::from(last_missed);
        let again = q.len() - first.len();
        assert_eq!(again, misses, "seed {seed}: each miss once more: {q:?}");
        let right = first.iter().filter(|x| x.2).count();
        assert!(
            stdout.contains(&format!("\nScore: {right}/10")),
            "first tries count"
        );
        // The session summary: time, what to study next (a miss is made), what is due.
        let tail = stdout.rsplit_once("\nScore: ").map_or("", |t| t.1);
        assert!(
            tail.contains("\nTime: ") && tail.contains(" answering\n"),
            "{tail}"
        );
        assert!(tail.contains("\nStudy next: the lesson \""), "{tail}");
        let due_soon =
            ["9 min", "10 min"].map(|m| format!("\nDue for review: 0 now, the next in {m}"));
        assert!(
            due_soon.iter().any(|d| tail.contains(d.as_str())),
            "the misses are due again within the quarter hour: {tail}"
        );
        brought_back += again;
    }
    assert!(brought_back > 0, "answering A to everything misses some");
}

#[path = "cli_quiz/words.rs"]
mod words;
