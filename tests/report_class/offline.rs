//! An offline class: each student takes the drill on their own machine, writes a results
//! file with `tutor export-progress --format json` (safe while the tutor runs: a reader of
//! the store), and the instructor reads the files with `tutor report --import`.

use super::take_small_drill;
use crate::support;

/// `user`'s results file, exported from `dir` into `to`.
fn export(dir: &std::path::Path, user: &str, to: &std::path::Path) {
    let mut cmd = support::tutor_in(dir, user);
    cmd.args(["export-progress", "--format", "json"]);
    let out = support::output_with(cmd, Vec::new());
    assert!(out.status.success(), "{out:?}");
    std::fs::write(to, out.stdout).expect("results file");
}

fn report(args: &[&str]) -> std::process::Output {
    let mut cmd = support::tutor();
    cmd.arg("report").env_remove("TUTOR_DATA_DIR").args(args);
    support::output_with(cmd, Vec::new())
}

#[test]
fn results_files_imported_report_as_the_stores_they_came_from() {
    let root = tempfile::tempdir().expect("dir");
    let ann = take_small_drill(root.path(), "ann", "ann", true);
    let ben = take_small_drill(root.path(), "ben", "ben", false);
    let (a, b) = (root.path().join("ann.json"), root.path().join("ben.json"));
    export(&ann, "ann", &a);
    export(&ben, "ben", &b);
    let path = |p: &std::path::Path| p.display().to_string();
    let imported = report(&[
        "--import",
        &path(&a),
        "--import",
        &path(&b),
        "--format",
        "json",
    ]);
    assert!(imported.status.success(), "{imported:?}");
    let stores = report(&[
        "--data-dir",
        &path(&ann),
        "--data-dir",
        &path(&ben),
        "--format",
        "json",
    ]);
    let summary = |out: &std::process::Output| {
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        v["drills"][0]["summary"].clone()
    };
    assert_eq!(summary(&imported)["students"], 2);
    assert_eq!(
        summary(&imported),
        summary(&stores),
        "the same figures either way"
    );
    // A file that is not one says which and where.
    let bad = root.path().join("notes.txt");
    std::fs::write(&bad, "[{\"user\": 3}]").expect("write");
    let refused = report(&["--import", &path(&bad)]);
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("notes.txt: not a results file of `tutor drill --results` or `tutor export-progress --format json`")
            && err.contains("line 1 column"),
        "{err}"
    );
}

/// `tutor drill --results FILE` writes the student's answers to that drill with its settings,
/// whole (renamed into place); the report imports it, says the drill's settings, and gives
/// the figures the student's store gives.
#[test]
fn drill_results_files_carry_the_drill_settings_into_the_report() {
    let root = tempfile::tempdir().expect("dir");
    let mut files = Vec::new();
    for (user, letters) in [("ann", "A\nB\nC\nD\n"), ("ben", "B\nB\nB\nB\n")] {
        let file = root.path().join(format!("{user}.json"));
        let mut cmd = support::tutor_in(&root.path().join(user), user);
        cmd.args([
            "drill",
            "--plain",
            "--seed",
            "9",
            "--count",
            "4",
            "--cases-only",
        ])
        .args(["--time-limit", "120", "--results"])
        .arg(&file);
        let out = support::output_with(cmd, letters.as_bytes().to_vec());
        assert!(out.status.success(), "{out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("4 answers of {user} to drill d-")),
            "{err}"
        );
        assert!(!root.path().join(format!("{user}.part")).exists());
        files.push(file.display().to_string());
    }
    let imported = report(&["--import", &files[0], "--import", &files[1]]);
    assert!(imported.status.success(), "{imported:?}");
    let table = String::from_utf8_lossy(&imported.stdout);
    assert!(
        table.contains("\nSettings: seed 9, 4 questions, cases only, 120 s per question\n"),
        "{table}"
    );
    assert!(table.contains(": 2 students, 4 items"), "{table}");
    // The same file twice, by two paths, is read once.
    let again = root.path().join(".").join("ann.json").display().to_string();
    let twice = report(&["--import", &files[0], "--import", &again]);
    let (out, err) = (
        String::from_utf8_lossy(&twice.stdout),
        String::from_utf8_lossy(&twice.stderr),
    );
    assert!(out.contains(": 1 student, 4 items"), "{out}");
    assert!(err.contains("given more than once: read once"), "{err}");
    // A results file is refused only for what it is not.
    let other = root.path().join("other.json");
    std::fs::write(
        &other,
        r#"{"format": "something-else", "drills": [], "attempts": []}"#,
    )
    .expect("write");
    let refused = report(&["--import", &other.display().to_string()]);
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        !refused.status.success() && err.contains("format \"something-else\""),
        "{err}"
    );
}
