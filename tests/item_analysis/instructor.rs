//! What the instructor asks of the report beyond the statistics: leaving out their own try,
//! and what to discuss next.

use super::fixture::{hand_example, store_per_user};
use crate::support::report_cmd;
use tutor::report::analysis::analyze;
use tutor::report::analysis::render::{self, Table};

/// `--exclude-user` leaves a learner's answers out (e.g. the instructor's own try), says how
/// many, and the analysis counts one student fewer.
#[test]
fn an_excluded_user_is_left_out_of_the_analysis() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let attempts = hand_example();
    let dirs = store_per_user(tmp.path(), &attempts);
    let students = |args: &[&str]| {
        let out = report_cmd(&dirs, args);
        assert!(out.status.success(), "{out:?}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let n = json["drills"][0]["students"].as_array().map_or(0, Vec::len);
        (n, String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (all, _) = students(&["--drill", "d1", "--format", "json"]);
    let who = attempts
        .iter()
        .find(|a| a.drill.as_deref() == Some("d1"))
        .expect("d1")
        .user
        .clone();
    let answers = attempts.iter().filter(|a| a.user == who).count();
    let (fewer, err) = students(&["--drill", "d1", "--format", "json", "--exclude-user", &who]);
    assert_eq!(fewer, all - 1, "{err}");
    assert!(
        err.contains(&format!(
            "note: left out {answers} answers of {who} (--exclude-user)"
        )),
        "{err}"
    );
}

/// The whole table ends with what to discuss next: the items of lowest facility first, each
/// with the sentence its answers cite first.
#[test]
fn the_report_lists_what_to_discuss_next_hardest_first() {
    let r = analyze(&hand_example(), None, Some("d1"));
    let d = &r.drills[0];
    let mut out = Vec::new();
    render::write_table(&mut out, &r, None).expect("table");
    let text = String::from_utf8(out).expect("utf-8");
    let part = text
        .split("Discuss next (lowest facility first)\n")
        .nth(1)
        .expect("the list");
    let hardest = d
        .items
        .iter()
        .filter(|i| i.facility.is_some())
        .min_by(|a, b| {
            a.facility
                .unwrap_or(1.0)
                .total_cmp(&b.facility.unwrap_or(1.0))
        })
        .expect("items");
    let first = part.lines().next().expect("an entry");
    assert!(
        first.starts_with(&format!("  1. #{} {}: ", hardest.position, hardest.key)),
        "{part}"
    );
    let cite = hardest.cites.first().expect("cites");
    assert!(
        part.lines()
            .nth(1)
            .is_some_and(|l| l.trim_start().starts_with(cite.as_str())),
        "{part}"
    );
    let mut only = Vec::new();
    render::write_table(&mut only, &r, Some(Table::Items)).expect("table");
    assert!(
        !String::from_utf8(only)
            .expect("utf-8")
            .contains("Discuss next"),
        "whole report only"
    );
}
