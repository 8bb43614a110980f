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
        err.contains("notes.txt: not a results file of `tutor export-progress --format json`")
            && err.contains("line 1 column"),
        "{err}"
    );
}
