//! Unfolding cases through the built binary: the plain front end asks every step in order with
//! the case so far, each step is stored as an answer of its own, and the report analyses
//! each step as an item. (The TUI's steps: `tui_screens::unfolding_case_steps` and
//! `pty::an_unfolding_case_goes_on_in_a_real_terminal`.)

use crate::support::{output_with, tutor_in};
use serde_json::Value;
use std::path::Path;

/// The synthesis lesson's cases: two unfolding ones (4 and 3 steps) and a plain one, which
/// fill 8 questions exactly, whatever order they are drawn in (its items are left out).
const DRILL: [&str; 9] = [
    "drill",
    "--plain",
    "--cases-only",
    "--seed",
    "6",
    "--lessons",
    "lesson-one-patient",
    "--count",
    "8",
];

/// A student's plain drill, answering A, B, C in turn.
fn drill(data: &Path, user: &str) -> String {
    let out = output_with(
        {
            let mut c = tutor_in(data, user);
            c.args(DRILL);
            c
        },
        b"a\nb\nc\na\nb\nc\na\nb\n".to_vec(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn a_plain_drill_asks_each_step_in_order_with_the_case_so_far() {
    let data = tempfile::tempdir().expect("temp dir");
    let text = drill(data.path(), "ann");
    let steps: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("Unfolding case, step "))
        .collect();
    assert_eq!(steps.len(), 7, "{text}");
    // Two cases, each from step 1 to its last, in order.
    let numbers: Vec<(u32, u32)> = steps
        .iter()
        .map(|l| {
            let nums: Vec<u32> = l
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|n| n.parse().ok())
                .collect();
            (nums[0], nums[1])
        })
        .collect();
    let mut expected = Vec::new();
    for of in [numbers[0].1, numbers[numbers[0].1 as usize].1] {
        expected.extend((1..=of).map(|n| (n, of)));
    }
    assert_eq!(numbers, expected, "{text}");
    assert!(numbers.iter().any(|&(_, of)| of >= 3));
    // From step 2 on, the earlier facts are shown again before what happens next.
    let later = text
        .split("Unfolding case, step 2 of")
        .nth(1)
        .expect("a step 2");
    let so_far = later.find("So far:").expect("the case so far");
    let now = later.find("Now:").expect("what happens next");
    assert!(so_far < now);
    let first_stem = text
        .split("Unfolding case, step 1 of")
        .nth(1)
        .and_then(|s| s.lines().nth(1))
        .expect("step 1's stem");
    assert!(later[so_far..now].contains(first_stem.trim()), "{text}");
}

#[test]
fn each_step_is_stored_on_its_own_and_the_report_analyses_steps_as_items() {
    let data = tempfile::tempdir().expect("temp dir");
    for user in ["ann", "bob", "cat"] {
        drill(data.path(), user);
    }
    let mut export = tutor_in(data.path(), "ann");
    export.args(["export-progress", "--format", "json"]);
    let out = output_with(export, Vec::new());
    let attempts: Vec<Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(attempts.len(), 8, "one answer per question, one per step");
    let steps = attempts
        .iter()
        .filter_map(|a| Some((a, a["step"].as_u64()?)));
    assert_eq!(steps.clone().count(), 7, "the plain case has no step");
    for (a, step) in steps {
        let question = a["question"].as_str().expect("question");
        assert!(question.ends_with(&format!("/{step}")), "{question}");
        assert_eq!(a["unit"], a["template"], "a step reviews its template");
    }

    let mut report = tutor_in(data.path(), "ann");
    report.args(["report", "--format", "json"]);
    let out = output_with(report, Vec::new());
    let v: Value = serde_json::from_slice(&out.stdout).expect("report JSON");
    let items: Vec<&str> = v["drills"][0]["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["key"].as_str().expect("item key"))
        .collect();
    assert_eq!(items.len(), 8, "{items:?}");
    assert!(items.contains(&"case-first-treatment"), "{items:?}");
    for t in ["unfold-responder", "unfold-non-responder"] {
        let of = if t == "unfold-responder" { 4 } else { 3 };
        for n in 1..=of {
            let key = format!("{t} step {n}");
            assert!(items.contains(&key.as_str()), "{key} in {items:?}");
        }
    }
    let first = &v["drills"][0]["items"][0];
    assert_eq!(first["n"], 3, "every student answered every step: {first}");
}
