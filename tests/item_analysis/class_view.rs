//! The report as an instructor reads it after a real class: each question and option as the
//! students saw them (letters and text from the drill's own screen), the student x item
//! grid, what to discuss next, and the drill's settings, in text, CSV and JSON.

use super::fixture::{csv_rows, text};
use crate::support::{self, report_cmd};
use std::path::{Path, PathBuf};
use tutor::report::analysis::Report;

/// Each student's letters, one per question (a free-text question takes the letter as its
/// typed answer, and is wrong).
const CLASS: [(&str, &str); 3] = [("ann", "ABAB"), ("ben", "BBBB"), ("cat", "CDCD")];

/// Takes `tutor drill --plain` in `dir` as `user`, answering `letters`; the drill's output.
fn take(dir: &Path, user: &str, args: &[&str], letters: &str) -> String {
    let mut cmd = support::tutor_in(dir, user);
    cmd.args(["drill", "--plain"]).args(args);
    let input: String = letters.chars().map(|c| format!("{c}\n")).collect();
    let out = support::output_with(cmd, input.into_bytes());
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The `A) text` lines of a plain drill just above each answer prompt: the options exactly
/// as shown (the feedback lists them again, with words after them).
fn shown_options(drill: &str) -> Vec<(String, String)> {
    let (mut all, mut run) = (Vec::new(), Vec::new());
    for l in drill.lines() {
        let option = l
            .strip_prefix("  ")
            .and_then(|l| l.split_once(") "))
            .filter(|(letter, _)| {
                letter.len() == 1 && letter.chars().all(|c| c.is_ascii_uppercase())
            });
        match option {
            Some((letter, text)) => run.push((letter.to_owned(), text.to_owned())),
            None if l.starts_with("Answer (") => all.append(&mut run),
            // The time limit, between the options and the prompt.
            None if l.ends_with(" seconds)") => {}
            None => run.clear(),
        }
    }
    all
}

fn class(tmp: &Path, args: &[&str]) -> (Vec<PathBuf>, String) {
    let mut shown = String::new();
    let dirs = CLASS
        .iter()
        .map(|(user, letters)| {
            let dir = tmp.join(user);
            shown = take(&dir, user, args, letters);
            dir
        })
        .collect();
    (dirs, shown)
}

#[test]
fn the_report_shows_each_question_and_option_as_the_class_saw_them() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let args = ["--seed", "5", "--count", "4", "--time-limit", "90"];
    let (dirs, drill) = class(tmp.path(), &args);
    let table = text(&report_cmd(&dirs, &[]));
    assert!(
        table.contains("\nSettings: seed 5, 4 questions, 90 s per question\n"),
        "{table}"
    );
    // Every option as the drill showed it: the same letter, the same words.
    let options = shown_options(&drill);
    assert!(options.len() >= 4, "{drill}");
    for (letter, words) in &options {
        let line = format!("       {letter}) {words}");
        assert!(
            table.lines().any(|l| l.starts_with(&line)),
            "missing {line:?} in\n{table}"
        );
    }
    // The key is marked on each choice question, and the lead-in is printed.
    let json: Report =
        serde_json::from_slice(&report_cmd(&dirs, &["--format", "json"]).stdout).expect("json");
    let d = &json.drills[0];
    for item in &d.items {
        let lead = item.lead_in.as_deref().expect("the question asked");
        assert!(drill.contains(lead), "{lead:?} was asked");
        assert!(table.contains(&format!("       {lead}")), "{lead}");
        if !item.options.is_empty() {
            assert_eq!(item.options.iter().filter(|o| o.key).count(), 1);
        }
    }
    assert!(table.contains("  ✓ key\n"), "{table}");
    // The grid: each student's letters on choice questions, a mark on typed ones.
    for (user, letters) in CLASS {
        let s = d.students.iter().find(|s| s.user == user).expect("student");
        let cells: Vec<String> = s
            .answers
            .iter()
            .map(|c| c.mark.symbol().to_owned())
            .collect();
        let row = table
            .lines()
            .find(|l| l.starts_with(&format!("  {user} ")) && l.contains(&cells[0]))
            .expect("a grid row");
        for ((item, letter), cell) in d.items.iter().zip(letters.chars()).zip(&s.answers) {
            if !item.options.is_empty() {
                let right = item
                    .options
                    .iter()
                    .any(|o| o.key && o.letter.as_deref() == Some(&letter.to_string()));
                assert_eq!(cell.answer.as_deref(), Some(&*letter.to_string()));
                assert_eq!(cell.mark.as_str(), if right { "right" } else { "wrong" });
                assert!(
                    row.contains(&format!("{letter}{}", cell.mark.symbol())),
                    "{row}"
                );
            }
        }
    }
    // The grid and the discussion list in CSV: one row per student and item, and the
    // hardest item first.
    let grid = csv_rows(&text(&report_cmd(
        &dirs,
        &["--format", "csv", "--table", "grid"],
    )));
    assert_eq!(
        grid[0],
        ["drill", "user", "position", "item", "mark", "answer"]
    );
    assert_eq!(grid.len() - 1, CLASS.len() * d.items.len());
    let discuss = csv_rows(&text(&report_cmd(
        &dirs,
        &["--format", "csv", "--table", "discuss"],
    )));
    let lowest = d
        .items
        .iter()
        .filter_map(|i| i.facility)
        .fold(1.0, f64::min);
    assert_eq!(discuss[1][1], "1");
    assert_eq!(discuss[1][4].parse::<f64>().ok(), Some(lowest));
    assert_eq!(d.discuss.len(), d.items.len().min(5));
    assert!(d.discuss[0].text.is_some(), "the sentence verbatim");
    let hardest = d
        .items
        .iter()
        .find(|i| i.position == d.discuss[0].position)
        .expect("item");
    let question = d.discuss[0].question.as_deref().expect("its question");
    assert!(
        question.starts_with(hardest.lead_in.as_deref().expect("lead-in")),
        "the question asked comes first: {question}"
    );
}

#[test]
fn several_drills_each_say_whose_tables_they_are_and_with_what_settings() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (dirs, _) = class(tmp.path(), &["--seed", "5", "--count", "4"]);
    for (user, letters) in CLASS {
        take(
            &tmp.path().join(user),
            user,
            &["--seed", "6", "--count", "4", "--cases-only", "--exam"],
            letters,
        );
    }
    let table = text(&report_cmd(&dirs, &[]));
    let json: Report =
        serde_json::from_slice(&report_cmd(&dirs, &["--format", "json"]).stdout).expect("json");
    assert_eq!(json.drills.len(), 2);
    for d in &json.drills {
        for heading in [
            "Students",
            "Answers",
            "Items",
            "Source sentences",
            "Discuss next",
        ] {
            let labelled = format!("{heading} of drill \"{}\"", d.drill);
            assert!(
                table.contains(&labelled),
                "missing {labelled:?} in\n{table}"
            );
        }
    }
    assert!(table.contains("Settings: seed 5, 4 questions\n"), "{table}");
    assert!(
        table.contains("Settings: seed 6, 4 questions, cases only, exam (feedback at the end)\n"),
        "{table}"
    );
    let drills = csv_rows(&text(&report_cmd(
        &dirs,
        &["--format", "csv", "--table", "drills"],
    )));
    assert_eq!(drills.len(), 3, "{drills:?}");
}
