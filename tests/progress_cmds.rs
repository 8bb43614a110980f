//! `tutor stats`, `tutor reset` and `tutor export-progress`, run as a user runs them: the built
//! binary on a progress database in a temporary directory, filled by a scripted plain quiz.

use crate::support;
use serde_json::Value;
use std::path::Path;
use std::process::Output;
use tutor::course::Course;
use tutor::quiz::{self, QuizSpec};
use tutor::text::letter;

/// Runs `tutor --data-dir DATA ARGS` with `stdin` piped in.
fn tutor(data: &Path, args: &[&str], stdin: &str) -> Output {
    let mut cmd = support::tutor_data(data);
    cmd.args(args);
    support::output_with(cmd, stdin.as_bytes().to_vec())
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Answers for the quiz of `seed`: the key of every choice question, and `=1+1` (wrong) for
/// every free-text one; with the number of right answers.
fn answers(seed: u64, count: usize) -> (String, u64) {
    let course = Course::embedded().expect("embedded course");
    let spec = QuizSpec {
        seed,
        count,
        ..Default::default()
    };
    let mut right = 0;
    let text = quiz::draw(&course, &spec)
        .expect("quiz")
        .iter()
        .map(|q| match &q.free {
            Some(_) => "=1+1\n".to_owned(),
            None => {
                right += 1;
                let keys: Vec<String> =
                    q.key().into_iter().map(|i| letter(i).to_string()).collect();
                format!("{}\n", keys.join(","))
            }
        })
        .collect();
    (text, right)
}

/// RFC 4180 reader: rows of cells.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(
        !quoted && cell.is_empty() && row.is_empty(),
        "unterminated CSV"
    );
    rows
}

fn stats_json(data: &Path, user: &str) -> Value {
    let out = tutor(data, &["--user", user, "stats", "--json"], "");
    assert!(out.status.success(), "stats: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("stats JSON")
}

#[test]
fn stats_export_and_reset_after_a_scripted_quiz() {
    let data = tempfile::tempdir().expect("temp dir");
    let data = data.path();
    let (input, right) = answers(3, 5);
    assert!(right < 5, "seed 3 asks a free-text question: {input}");
    let quiz = [
        "--user", "ann", "quiz", "--plain", "--seed", "3", "--count", "5",
    ];
    let out = tutor(data, &quiz, &input);
    assert!(out.status.success(), "quiz: {}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("Score: {right}/5")),
        "{}",
        stdout(&out)
    );
    // Someone else's answer, which ann's reset must leave alone.
    let (one, _) = answers(4, 1);
    let other = [
        "--user", "bob", "quiz", "--plain", "--seed", "4", "--count", "1",
    ];
    assert!(tutor(data, &other, &one).status.success());

    // stats --json
    let st = stats_json(data, "ann");
    assert_eq!(st["answered"], 5);
    assert_eq!(st["right"], right);
    assert_eq!(st["streak"], 1);
    let started = st["started"].as_u64().expect("started");
    assert!((1..=5).contains(&started), "{st}");
    let forecast: Vec<u64> = st["forecast"]
        .as_array()
        .expect("forecast")
        .iter()
        .map(|n| n.as_u64().expect("count"))
        .collect();
    assert_eq!(forecast.len(), 14);
    assert_eq!(
        forecast.iter().sum::<u64>(),
        started,
        "every unit due within days"
    );
    let lessons = st["per_lesson"].as_array().expect("lessons");
    let lesson_answers: u64 = lessons
        .iter()
        .map(|l| l["answered"].as_u64().unwrap_or(0))
        .sum();
    assert!(
        lesson_answers >= 5,
        "each answer counts toward its lessons: {st}"
    );
    assert!(
        lessons
            .iter()
            .filter_map(|l| l["recall_in_a_week"].as_f64())
            .all(|r| r > 0.0 && r < 1.0),
        "recall a week ahead is below 100% even right after an answer: {st}"
    );
    assert_eq!(st["per_sentence"].as_array().map(Vec::len), Some(14));

    // stats as text
    let out = tutor(data, &["--user", "ann", "stats"], "");
    assert!(out.status.success(), "stats: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("  answered   5\n"), "{text}");
    assert!(text.contains(&format!("  right      {right} (")), "{text}");
    assert!(text.contains("Reviews due in the next 14 days"), "{text}");
    assert!(text.contains("  day 13 │"), "{text}");
    assert!(text.contains('█'), "bars: {text}");

    // export-progress --format csv
    let out = tutor(
        data,
        &["--user", "ann", "export-progress", "--format", "csv"],
        "",
    );
    assert!(out.status.success(), "export: {}", stderr(&out));
    let rows = parse_csv(&stdout(&out));
    assert_eq!(rows.len(), 6, "header and five answers: {rows:?}");
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    let col = |name: &str| rows[0].iter().position(|h| h == name).expect(name);
    assert!(rows[1..].iter().all(|r| r[col("user")] == "ann"));
    let typed: Vec<&str> = rows[1..]
        .iter()
        .map(|r| r[col("answer")].as_str())
        .collect();
    assert!(typed.contains(&"'=1+1"), "guarded: {typed:?}");
    let risky = |c: &String| c.starts_with(['=', '+', '-', '@']);
    assert!(
        !rows.iter().flatten().any(risky),
        "no cell starts a formula"
    );
    let correct = rows[1..].iter().filter(|r| r[col("correct")] == "true");
    assert_eq!(correct.count() as u64, right);

    // export-progress --format json: the answers as stored
    let out = tutor(
        data,
        &["--user", "ann", "export-progress", "--format", "json"],
        "",
    );
    assert!(out.status.success(), "export: {}", stderr(&out));
    let all: Vec<Value> = serde_json::from_str(&stdout(&out)).expect("JSON array");
    assert_eq!(all.len(), 5);
    assert!(all.iter().any(|a| a["answer"] == "=1+1"));
    assert!(
        all.iter()
            .all(|a| a["user"] == "ann" && a["cites"].is_array())
    );

    // reset without --yes on piped stdin refuses and deletes nothing
    let out = tutor(data, &["--user", "ann", "reset"], "y\n");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert_eq!(stats_json(data, "ann")["answered"], 5);

    // reset --yes removes ann's progress only
    let out = tutor(data, &["reset", "--user", "ann", "--yes"], "");
    assert!(out.status.success(), "reset: {}", stderr(&out));
    assert!(
        stdout(&out).contains("Removed 5 answers of ann"),
        "{}",
        stdout(&out)
    );
    let st = stats_json(data, "ann");
    assert_eq!(
        (st["answered"].as_u64(), st["started"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(stats_json(data, "bob")["answered"], 1);
    let out = tutor(
        data,
        &["export-progress", "--format", "csv", "--all-users"],
        "",
    );
    let rows = parse_csv(&stdout(&out));
    assert_eq!(rows.len(), 2, "only bob's answer is left: {rows:?}");
    assert_eq!(rows[1][col("user")], "bob");
}

#[test]
fn nothing_recorded_yet_exports_only_a_header_and_creates_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("never-used");
    let out = tutor(
        &data,
        &["--user", "ann", "export-progress", "--format", "csv"],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(parse_csv(&stdout(&out)).len(), 1);
    let out = tutor(
        &data,
        &["--user", "ann", "export-progress", "--format", "json"],
        "",
    );
    assert_eq!(stdout(&out), "[]\n");
    let out = tutor(&data, &["--user", "ann", "reset", "--yes"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!data.exists(), "no database was created");
}

#[test]
fn errors_are_messages_and_exit_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A name that is not a profile name is a usage error, refused before anything runs.
    let out = tutor(dir.path(), &["--user", "Not Valid", "stats"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("invalid user name"),
        "{}",
        stderr(&out)
    );
    // A directory where the database should be.
    let unusable = dir.path().join("unusable");
    std::fs::create_dir_all(unusable.join("tutor.db")).expect("dir");
    for args in [
        &["--user", "ann", "stats"][..],
        &["--user", "ann", "stats", "--json"],
        &["--user", "ann", "export-progress", "--format", "json"],
        &["--user", "ann", "reset", "--yes"],
    ] {
        let out = tutor(&unusable, args, "");
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.starts_with("error: ") && !err.contains("panicked"),
            "{err}"
        );
    }
    // A database that is not one.
    let bad = dir.path().join("bad");
    std::fs::create_dir(&bad).expect("dir");
    std::fs::write(bad.join("tutor.db"), vec![7u8; 4096]).expect("write");
    let out = tutor(
        &bad,
        &["--user", "ann", "export-progress", "--format", "csv"],
        "",
    );
    // A reader only reads: it reports the damage and leaves the file where it is.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("corrupt"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(bad.join("tutor.db")).expect("read"),
        vec![7u8; 4096],
        "left untouched"
    );
    assert!(
        !std::fs::read_dir(&bad).expect("list").any(|e| e
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .contains("corrupt")),
        "nothing moved aside by a reader"
    );
}

#[test]
fn exports_write_64_bit_seeds_as_exact_strings() {
    const BIG: &str = "5802627622154515547";
    let data = tempfile::tempdir().expect("temp dir");
    let data = data.path();
    let quiz = ["--user", "ann", "quiz", "--plain", "--cases-only"];
    let out = tutor(
        data,
        &[&quiz[..], &["--seed", BIG, "--count", "3"]].concat(),
        "A\nA\nA\n",
    );
    assert!(out.status.success(), "quiz: {}", stderr(&out));

    // JSON: quiz_seed and case_seed are strings of the exact digits.
    let out = tutor(
        data,
        &["--user", "ann", "export-progress", "--format", "json"],
        "",
    );
    assert!(out.status.success(), "export: {}", stderr(&out));
    let all: Vec<Value> = serde_json::from_str(&stdout(&out)).expect("JSON array");
    assert_eq!(all.len(), 3);
    let mut case_seeds = Vec::new();
    for a in &all {
        assert_eq!(a["quiz_seed"], BIG, "{a}");
        let case = a["case_seed"].as_str().expect("case_seed is a string");
        assert!(case.parse::<u64>().is_ok(), "{a}");
        let question = a["question"].as_str().expect("question");
        assert!(question.ends_with(&format!("#{case}")), "{a}");
        case_seeds.push(case.to_owned());
    }
    assert!(
        all.iter().all(crate::support::no_inexact_integers),
        "{all:?}"
    );

    // CSV: the same digits, unguarded.
    let out = tutor(
        data,
        &["--user", "ann", "export-progress", "--format", "csv"],
        "",
    );
    let rows = parse_csv(&stdout(&out));
    let col = |name: &str| rows[0].iter().position(|h| h == name).expect(name);
    assert!(
        rows[1..].iter().all(|r| r[col("quiz_seed")] == BIG),
        "{rows:?}"
    );
    let csv_seeds: Vec<&str> = rows[1..]
        .iter()
        .map(|r| r[col("case_seed")].as_str())
        .collect();
    assert_eq!(csv_seeds, case_seeds);

    // stats --json has no seed, and no number a double would round.
    assert!(crate::support::no_inexact_integers(&stats_json(
        data, "ann"
    )));
}

/// After quizzes: `tutor stats --json` shows no recall for a sentence or lesson never
/// answered, and the lesson rows add up to the answers.
#[test]
fn stats_show_nothing_for_the_unanswered_and_lessons_add_up() {
    let data = tempfile::tempdir().expect("temp dir");
    for seed in ["3", "4"] {
        let out = tutor(
            data.path(),
            &[
                "--user", "ann", "quiz", "--plain", "--seed", seed, "--count", "10",
            ],
            &"a\n".repeat(40),
        );
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let v = stats_json(data.path(), "ann");
    let answered = v["answered"].as_u64().expect("answered");
    let lessons = v["per_lesson"].as_array().expect("lessons");
    let sum: u64 = lessons
        .iter()
        .map(|l| l["answered"].as_u64().expect("n"))
        .sum();
    assert_eq!(sum, answered, "{v}");
    let rows = lessons
        .iter()
        .chain(v["per_sentence"].as_array().expect("sentences"));
    let mut unanswered = 0;
    for row in rows {
        if row["answered"] == 0 {
            unanswered += 1;
            assert!(
                row["recall_in_a_week"].is_null(),
                "recall for nothing: {row}"
            );
        }
    }
    assert!(
        unanswered > 0,
        "two quizzes leave something unanswered: {v}"
    );
}
