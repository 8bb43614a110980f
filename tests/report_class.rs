//! A simulated class: twenty students each take the same plain drill (`tutor drill --plain`)
//! into their own data directory, with scripted answers; `tutor report` over the twenty
//! directories must give the per-item, per-sentence and per-drill figures computed here from
//! the script alone, in JSON, CSV and table form.

use crate::report_fixture as fixture;

use crate::support::{self, report_cmd};
use fixture::{drill_spec, json_close, knows, plain_answer, scripted_answer, small_drill, text};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use tutor::course::Course;
use tutor::quiz::drill::DrillSpec;
use tutor::quiz::{Origin, Question};
use tutor::report::analysis::{Report, analyze};
use tutor::store::Store;

const STUDENTS: usize = 20;

/// Runs student `s`'s drill, answering each question when it is asked; the last student
/// says nothing to the last question, which times out.
fn take_drill(dir: &Path, s: usize, questions: &[Question]) {
    let spec = drill_spec();
    let mut child = crate::support::tutor_in(dir, &format!("s{s:02}"))
        .args(["drill", "--plain"])
        .args([
            "--seed",
            &spec.seed.to_string(),
            "--count",
            &spec.count.to_string(),
        ])
        .args(["--time-limit", &spec.time_limit.expect("limit").to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("tutor runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    for line in lines.map_while(Result::ok) {
        let asked = line
            .strip_prefix("Question ")
            .and_then(|r| r.split(' ').next());
        let Some(i) = asked.and_then(|n| n.parse::<usize>().ok()).map(|i| i - 1) else {
            continue;
        };
        if s + 1 == STUDENTS && i + 1 == questions.len() {
            continue;
        }
        let answer = scripted_answer(&questions[i], s, i, STUDENTS).display();
        writeln!(stdin, "{answer}").expect("answer");
    }
    drop(stdin);
    assert!(child.wait().expect("exit").success());
}

/// Runs `tutor drill --plain` of `spec` as `user` in data directory `dir`, giving each
/// answer line in turn (no time limit: they are piped at once).
fn take_plain_drill(dir: &std::path::Path, user: &str, spec: &DrillSpec, answers: &[String]) {
    let mut cmd = support::tutor_in(dir, user);
    cmd.args(["drill", "--plain"])
        .args(["--seed", &spec.seed.to_string()])
        .args(["--count", &spec.count.to_string()]);
    let input: String = answers.iter().map(|a| format!("{a}\n")).collect();
    let out = support::output_with(cmd, input.into_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `user` takes the small drill in `root/dir`, right on every question or on none.
fn take_small_drill(root: &std::path::Path, dir: &str, user: &str, right: bool) -> PathBuf {
    let (spec, questions) = small_drill();
    let answers: Vec<String> = questions.iter().map(|q| plain_answer(q, right)).collect();
    let path = root.join(dir);
    take_plain_drill(&path, user, &spec, &answers);
    path
}

fn right(s: usize, i: usize, k: usize) -> bool {
    knows(s, i, STUDENTS) && !(s + 1 == STUDENTS && i + 1 == k)
}

fn key(q: &Question) -> &str {
    match &q.origin {
        Origin::Item { id } => id,
        Origin::Case { template, .. } => template,
    }
}

fn report(dirs: &[PathBuf], args: &[&str]) -> String {
    report_with_stderr(dirs, args).0
}

/// `tutor report` on `dirs`: its stdout and stderr.
fn report_with_stderr(dirs: &[PathBuf], args: &[&str]) -> (String, String) {
    let out = report_cmd(dirs, args);
    let err = String::from_utf8(out.stderr.clone()).expect("utf-8");
    (text(&out), err)
}

fn close(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() < 1e-9, "{what}: got {got}, want {want}");
}

#[test]
fn a_scripted_class_gets_the_figures_computed_from_its_script() {
    let course = Course::embedded().expect("course");
    let questions = drill_spec().questions(&course).expect("drill");
    let (n, k) = (STUDENTS, questions.len());
    let tmp = tempfile::tempdir().expect("tempdir");
    let dirs: Vec<PathBuf> = (0..n)
        .map(|s| tmp.path().join(format!("s{s:02}")))
        .collect();
    std::thread::scope(|scope| {
        for (s, dir) in dirs.iter().enumerate() {
            let questions = &questions;
            scope.spawn(move || take_drill(dir, s, questions));
        }
    });

    // What the stores hold is what the script did.
    let (mut stored, mut recorded) = (Vec::new(), Vec::new());
    for (s, dir) in dirs.iter().enumerate() {
        let store = Store::open(dir, 0).expect("store").store;
        recorded.extend(store.drills().expect("drills"));
        let attempts = store.attempts(None, None).expect("read");
        let marks: Vec<bool> = attempts.iter().map(|a| a.correct).collect();
        assert_eq!(
            marks,
            (0..k).map(|i| right(s, i, k)).collect::<Vec<_>>(),
            "s{s:02}"
        );
        stored.extend(attempts);
    }
    let id = drill_spec().id(&course);

    // JSON: exactly the pure function on what was stored, and the script's figures.
    let json: serde_json::Value =
        serde_json::from_str(&report(&dirs, &["--format", "json"])).expect("json");
    let pure = analyze(&stored, Some(&course), None).with_settings(&recorded);
    let pure = serde_json::to_value(pure).expect("value");
    assert!(json_close(&json, &pure), "binary and pure function agree");
    let r: Report = serde_json::from_value(json).expect("report");
    let [d] = &r.drills[..] else {
        panic!("one drill")
    };
    assert_eq!(d.drill, id.as_str());
    assert_eq!(
        d.settings,
        Some(drill_spec().settings()),
        "each student's store recorded the drill's settings"
    );
    let scores: Vec<f64> = (0..n)
        .map(|s| (0..k).filter(|&i| right(s, i, k)).count() as f64)
        .collect();
    let mean = scores.iter().sum::<f64>() / n as f64;
    let ss = |x: &[f64], m: f64| x.iter().map(|v| (v - m).powi(2)).sum::<f64>();
    let mut sorted = scores.clone();
    sorted.sort_by(f64::total_cmp);
    close(d.summary.mean.expect("mean"), mean, "mean");
    close(
        d.summary.median.expect("median"),
        (sorted[9] + sorted[10]) / 2.0,
        "median",
    );
    close(
        d.summary.sd.expect("sd"),
        (ss(&scores, mean) / (n - 1) as f64).sqrt(),
        "sd",
    );
    // Alpha with population variances (the n/(n−1) factors cancel): Σ p(1−p) over var(total).
    let p: Vec<f64> = (0..k)
        .map(|i| (0..n).filter(|&s| right(s, i, k)).count() as f64 / n as f64)
        .collect();
    let item_var: f64 = p.iter().map(|p| p * (1.0 - p)).sum();
    let alpha = k as f64 / (k - 1) as f64 * (1.0 - item_var / (ss(&scores, mean) / n as f64));
    close(d.summary.alpha.expect("alpha"), alpha, "alpha");
    let last = &d.students[n - 1];
    assert_eq!(
        (last.answered, last.unanswered, last.timed_out),
        (k as u32 - 1, 1, 1)
    );

    for (i, q) in questions.iter().enumerate() {
        let row = d.items.iter().find(|r| r.key == key(q)).expect("item row");
        assert_eq!((row.position as usize, row.n as usize), (i + 1, n));
        close(row.facility.expect("facility"), p[i], key(q));
        // Discrimination by the computational formula, against the rest of the test.
        let x: Vec<f64> = (0..n)
            .map(|s| f64::from(u8::from(right(s, i, k))))
            .collect();
        let y: Vec<f64> = (0..n).map(|s| scores[s] - x[s]).collect();
        let sum = |v: &[f64]| v.iter().sum::<f64>();
        let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(a, b)| a * b).sum::<f64>();
        let nf = n as f64;
        let num = nf * dot(&x, &y) - sum(&x) * sum(&y);
        let den =
            ((nf * dot(&x, &x) - sum(&x).powi(2)) * (nf * dot(&y, &y) - sum(&y).powi(2))).sqrt();
        match row.discrimination {
            Some(dis) => close(dis, 100.0 * num / den, "discrimination"),
            None => assert!(den.abs() < 1e-9, "undefined only without variance"),
        }
        // Options: what the script chose, and a distractor nobody chose is non-functional.
        let mut chosen: HashMap<&str, u32> = HashMap::new();
        for s in 0..n {
            if let tutor::grade::Answer::Choices(c) = scripted_answer(q, s, i, n) {
                if s + 1 == n && i + 1 == k {
                    continue;
                }
                for j in c {
                    *chosen.entry(q.options[j].id.as_str()).or_default() += 1;
                }
            }
        }
        for o in &q.options {
            let stat = row.options.iter().find(|x| x.id == o.id).expect("option");
            let c = chosen.get(o.id.as_str()).copied().unwrap_or(0);
            assert_eq!(stat.chosen, c, "{} {}", key(q), o.id);
            assert_eq!(stat.key, o.correct);
            assert_eq!(
                stat.non_functional,
                !o.correct && (c as f64) < 0.05 * n as f64
            );
        }
    }

    // Sentences: the first attempts at every question citing each.
    let mut expect: HashMap<&str, (u32, u32)> = HashMap::new();
    for (i, q) in questions.iter().enumerate() {
        for c in &q.cites {
            let e = expect.entry(c.as_str()).or_default();
            e.0 += n as u32;
            e.1 += (0..n).filter(|&s| right(s, i, k)).count() as u32;
        }
    }
    assert_eq!(d.sentences.len(), expect.len());
    for srow in &d.sentences {
        assert_eq!(
            (srow.n, srow.right),
            expect[srow.id.as_str()],
            "{}",
            srow.id
        );
        assert!(srow.text.is_some(), "sentence text from the course");
    }

    // CSV: the same figures, one table at a time, every cell safe to open.
    let items = report(
        &dirs,
        &[
            "--format",
            "csv",
            "--table",
            "items",
            "--drill",
            id.as_str(),
        ],
    );
    let rows: Vec<Vec<&str>> = items.lines().map(|l| l.split(',').collect()).collect();
    for (i, q) in questions.iter().enumerate() {
        let row = rows
            .iter()
            .find(|r| r.get(2) == Some(&key(q)))
            .expect("csv row");
        close(row[6].parse().expect("facility"), p[i], "csv facility");
    }
    let drills = report(&dirs, &["--format", "csv", "--table", "drills"]);
    let row: Vec<&str> = drills.lines().nth(1).expect("row").split(',').collect();
    assert_eq!(row[0], id.as_str());
    close(row[6].parse().expect("alpha"), alpha, "csv alpha");
    for table in ["students", "options", "sentences"] {
        let text = report(&dirs, &["--format", "csv", "--table", table]);
        assert!(
            !text.contains(",=") && !text.contains(",\"="),
            "guarded: {text}"
        );
    }

    // Table: the summary as printed.
    let text = report(&dirs, &[]);
    let head =
        format!("Item analysis of drill \"{id}\": {n} students, {k} items (first attempts only)");
    assert!(text.lines().any(|l| l == head), "{text}");
    let score = format!(
        "Score (of {k}): mean {mean:.2}, median {:.2}, SD {:.2}; Cronbach's alpha {alpha:.3} ({} students answered every item)",
        (sorted[9] + sorted[10]) / 2.0,
        (ss(&scores, mean) / (n - 1) as f64).sqrt(),
        n
    );
    assert!(text.lines().any(|l| l == score), "{score}\n{text}");
}

#[test]
fn a_drill_with_a_64_bit_seed_reports_no_rounded_numbers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let spec = DrillSpec {
        seed: 5_802_627_622_154_515_547,
        count: 3,
        time_limit: None,
        ..drill_spec()
    };
    take_plain_drill(
        dir.path(),
        "ann",
        &spec,
        &["A".into(), "A".into(), "A".into()],
    );
    let dirs = [dir.path().to_path_buf()];
    let json: serde_json::Value =
        serde_json::from_str(&report(&dirs, &["--format", "json"])).expect("json");
    assert_eq!(json["drills"].as_array().map(Vec::len), Some(1), "{json}");
    assert!(crate::support::no_inexact_integers(&json), "{json}");
    for table in ["drills", "students", "items", "options", "sentences"] {
        let text = report(&dirs, &["--format", "csv", "--table", table]);
        // No seed-sized number (16 digits and more) a spreadsheet would round.
        let long = |c: &str| c.len() >= 16 && c.bytes().all(|b| b.is_ascii_digit());
        let mut cells = text.split([',', '\r', '\n', '"']);
        assert!(!cells.any(long), "{table}: {text}");
    }
}

#[test]
fn the_same_user_in_two_directories_is_two_students_in_every_format() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dirs = [
        take_small_drill(tmp.path(), "class-a", "ann", true),
        take_small_drill(tmp.path(), "class-b", "ann", false),
    ];
    let k = small_drill().1.len();
    let warning = "warning: user ann appears in 2 data directories (class-a, class-b): reported as 2 students";

    let (text, err) = report_with_stderr(&dirs, &[]);
    assert_eq!(err.lines().collect::<Vec<_>>(), [warning], "{err}");
    assert!(text.contains(&format!(": 2 students, {k} items")), "{text}");
    for (who, score) in [("ann (class-a)", k), ("ann (class-b)", 0)] {
        let row = format!("  {who}  {:>7}", format!("{score}/{k}"));
        assert!(
            text.lines().any(|l| l.starts_with(&row)),
            "{row:?} in\n{text}"
        );
    }

    let (json, err) = report_with_stderr(&dirs, &["--format", "json"]);
    assert!(err.contains(warning), "{err}");
    let r: Report = serde_json::from_str(&json).expect("json");
    assert_eq!(r.warnings, [&warning["warning: ".len()..]]);
    let d = &r.drills[0];
    let students: Vec<(&str, u32, bool)> = d
        .students
        .iter()
        .map(|s| (s.user.as_str(), s.right, s.source.is_some()))
        .collect();
    assert_eq!(
        students,
        [
            ("ann (class-a)", k as u32, true),
            ("ann (class-b)", 0, true)
        ]
    );
    for i in &d.items {
        assert_eq!((i.n, i.right, i.facility), (2, 1, Some(0.5)), "{}", i.key);
    }

    let (csv, err) = report_with_stderr(&dirs, &["--format", "csv", "--table", "students"]);
    assert!(err.contains(warning), "{err}");
    let users: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(1))
        .collect();
    assert_eq!(users, ["ann (class-a)", "ann (class-b)"]);
    let items = report(&dirs, &["--format", "csv"]);
    for row in items.lines().skip(1) {
        let cells: Vec<&str> = row.split(',').collect();
        assert_eq!((cells[4], cells[6]), ("2", "0.5"), "n and facility: {row}");
    }
}

#[test]
fn a_shared_lab_account_in_three_directories_is_three_students() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dirs: Vec<PathBuf> = ["lab1", "lab2", "lab3"]
        .iter()
        .enumerate()
        .map(|(i, d)| take_small_drill(tmp.path(), d, "lab", i != 1))
        .collect();
    let (json, err) = report_with_stderr(&dirs, &["--format", "json"]);
    assert!(
        err.contains(
            "warning: user lab appears in 3 data directories (lab1, lab2, lab3): reported as 3 students"
        ),
        "{err}"
    );
    let r: Report = serde_json::from_str(&json).expect("json");
    let d = &r.drills[0];
    let users: Vec<&str> = d.students.iter().map(|s| s.user.as_str()).collect();
    assert_eq!(users, ["lab (lab1)", "lab (lab2)", "lab (lab3)"]);
    assert_eq!(d.summary.students, 3);
    assert!(
        d.items.iter().all(|i| (i.n, i.right) == (3, 2)),
        "{:?}",
        d.items
    );
}

#[path = "report_class/offline.rs"]
mod offline;
#[path = "report_class/regrade.rs"]
mod regrade;
