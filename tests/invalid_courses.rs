//! Bad-input tests for `tutor check` and for commands given a bad `--course`.
//!
//! Every folder in `tests/fixtures/invalid/` is one defect of the tiny valid course of
//! `tests/fixtures/valid/tiny/`, stored as only the files it changes (a `<file>.deleted` marker
//! for a file it removes) and laid over a copy of that course when the test runs
//! ([`fixtures::invalid`]). Its `expected.txt` holds the exit code, then one or more lines that
//! stderr must each contain (with the `file:line:col` prefix where the defect has a position).
//! Each run must finish within [`DEADLINE`] and must not panic.

use crate::support::fixtures::{self, tiny};
use crate::support::{Run, run_bounded};
use std::path::Path;
use std::time::Duration;

/// Hostile course folders generated at test time: deep nesting, huge rule sets, FIFOs, hard
/// links, a tampered cache.
#[path = "invalid_courses/hostile.rs"]
mod hostile;

/// Longest a single run of the binary may take; a course must never hang the checker.
const DEADLINE: Duration = Duration::from_secs(20);

/// Fewest invalid fixtures; deleting fixtures makes the suite fail.
const MIN_INVALID_FIXTURES: usize = 68;

/// Runs the `tutor` binary with `args` and empty stdin; kills it after [`DEADLINE`] and marks
/// the run `timed_out`. The compiled-course cache goes to a fresh temp dir, so runs neither
/// read nor write the user's cache.
fn tutor(args: &[&std::ffi::OsStr]) -> Run {
    let cache = tempfile::tempdir().expect("temp cache dir");
    tutor_in(args, cache.path())
}

/// [`tutor`] with the compiled-course cache and the data in `cache`.
fn tutor_in(args: &[&std::ffi::OsStr], cache: &Path) -> Run {
    let mut cmd = crate::support::tutor();
    cmd.args(args)
        .env("TUTOR_CACHE_DIR", cache)
        .env("TUTOR_DATA_DIR", cache.join("data"));
    run_bounded(cmd, DEADLINE)
}

/// [`tutor`], failing the test when the run timed out or panicked.
fn tutor_ok(args: &[&std::ffi::OsStr]) -> Run {
    let run = tutor(args);
    assert!(
        !run.timed_out,
        "tutor {args:?} did not finish within {DEADLINE:?}; killed"
    );
    assert!(
        !run.stderr().contains("panicked"),
        "tutor {args:?} panicked:\n{}",
        run.stderr()
    );
    run
}

fn check(dir: &Path) -> Run {
    tutor(&["check".as_ref(), dir.as_os_str()])
}

fn check_ok(dir: &Path) -> Run {
    tutor_ok(&["check".as_ref(), dir.as_os_str()])
}

/// Exit code and stderr substrings from case `name`'s `expected.txt`.
fn expected(name: &str) -> (i32, Vec<String>) {
    let path = fixtures::invalid_case_dir(name).join("expected.txt");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let mut lines = text.lines();
    let code = lines
        .next()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("{}: line 1 must be the exit code", path.display()));
    let needles: Vec<String> = lines.filter(|l| !l.is_empty()).map(str::to_owned).collect();
    assert!(
        !needles.is_empty(),
        "{}: line 2 must be a stderr substring",
        path.display()
    );
    (code, needles)
}

/// Checks one fixture; returns a description of every way it failed.
fn verify(name: &str) -> Vec<String> {
    let (code, needles) = expected(name);
    let course = fixtures::invalid(name);
    let run = check(course.path());
    let stderr = run.stderr();
    let mut failures = Vec::new();
    if run.timed_out {
        failures.push(format!(
            "{name}: did not finish within {DEADLINE:?}; killed"
        ));
    }
    if stderr.contains("panicked") {
        failures.push(format!("{name}: panicked"));
    }
    if run.code != Some(code) {
        failures.push(format!("{name}: exit code {:?}, expected {code}", run.code));
    }
    for needle in needles.iter().filter(|n| !stderr.contains(n.as_str())) {
        failures.push(format!("{name}: stderr lacks {needle:?}"));
    }
    if !failures.is_empty() {
        failures.push(format!("{name}: stderr was:\n{stderr}"));
    }
    failures
}

#[test]
fn every_invalid_fixture_is_rejected_with_its_location() {
    let cases = fixtures::invalid_cases();
    assert!(
        cases.len() >= MIN_INVALID_FIXTURES,
        "only {} invalid fixtures, expected at least {MIN_INVALID_FIXTURES}",
        cases.len()
    );
    let failures: Vec<String> = cases.iter().flat_map(|c| verify(c)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Each case changes the tiny course, and stores only what it changes: every file it holds
/// differs from the base file of its name, and every deletion marker names a base file.
#[test]
fn every_invalid_fixture_holds_only_what_it_changes() {
    for name in fixtures::invalid_cases() {
        let dir = fixtures::invalid_case_dir(name.as_str());
        let mut changes = 0;
        for entry in std::fs::read_dir(&dir).expect("read fixture") {
            let path = entry.expect("entry").path();
            let file = path.file_name().unwrap_or_default().to_string_lossy();
            if file == "expected.txt" {
                continue;
            }
            changes += 1;
            if let Some(gone) = file.strip_suffix(fixtures::DELETED) {
                assert!(
                    tiny().join(gone).is_file(),
                    "{name}: {file} deletes no file of the tiny course"
                );
                continue;
            }
            let base = tiny().join(&*file);
            if path.is_file() && base.is_file() {
                assert_ne!(
                    std::fs::read(&path).expect("read case file"),
                    std::fs::read(&base).expect("read base file"),
                    "{name}: {file} equals the tiny course's: drop it from the case"
                );
            }
        }
        assert!(changes > 0, "{name} changes nothing of the tiny course");
    }
}

/// The base of the invalid cases, and the small course the screen snapshots render.
#[test]
fn the_valid_fixture_courses_pass_cleanly() {
    for dir in [tiny(), fixtures::small_dir()] {
        let run = check_ok(&dir);
        let stderr = run.stderr();
        assert_eq!(run.code, Some(0), "{}: stderr:\n{stderr}", dir.display());
        assert!(
            !stderr.contains("warning"),
            "{} should have no warnings:\n{stderr}",
            dir.display()
        );
        assert!(
            run.stdout().contains(": 0 errors, 0 warnings"),
            "{}",
            run.stdout()
        );
    }
}

#[test]
fn embedded_course_passes() {
    let run = tutor_ok(&["check".as_ref()]);
    let stderr = run.stderr();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        run.code,
        Some(0),
        "the embedded course has errors:\n{stderr}\n{}",
        run.stdout()
    );
}

#[test]
fn file_over_the_size_limit_is_refused() {
    let dir = fixtures::tiny_copy();
    // 50 MB of valid YAML comments: only the size makes it unreadable.
    let line = format!("#{}\n", "x".repeat(1023));
    let mut big = String::with_capacity(50 * 1024 * 1024);
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(&line);
    }
    std::fs::write(dir.path().join("items.yaml"), big).expect("write items.yaml");

    let run = check_ok(dir.path());
    let stderr = run.stderr();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(run.code, Some(2), "stderr:\n{stderr}");
    assert!(
        stderr.contains("items.yaml: error: file is too large"),
        "stderr:\n{stderr}"
    );
}

#[test]
fn quiz_refuses_a_course_with_errors() {
    let course = fixtures::invalid("dangling-cite");
    let run = tutor_ok(&[
        "--course".as_ref(),
        course.path().as_os_str(),
        "quiz".as_ref(),
        "--plain".as_ref(),
        "--count".as_ref(),
        "1".as_ref(),
    ]);
    let stderr = run.stderr();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(run.code, Some(1), "stderr:\n{stderr}");
    assert!(
        stderr.contains("items.yaml:13:15: error: [1].cites[1]: unknown sentence `s99`"),
        "stderr:\n{stderr}"
    );
    // Refused before the first question: nothing of the quiz is printed.
    assert!(!run.stdout().contains("Question"), "{}", run.stdout());
}

#[test]
fn escape_sequences_never_reach_the_terminal() {
    let course = fixtures::invalid("escape-sequence");
    let dir = course.path();
    let raw = std::fs::read_to_string(dir.join("items.yaml")).expect("read fixture");
    assert!(
        raw.contains("\\e[31m") && raw.contains("\\x1b[0m"),
        "the fixture must hold escape sequences"
    );
    let quiz = [
        "--course".as_ref(),
        dir.as_os_str(),
        "quiz".as_ref(),
        "--plain".as_ref(),
        "--seed".as_ref(),
        "1".as_ref(),
    ];
    let cases = [
        "--course".as_ref(),
        dir.as_os_str(),
        "cases".as_ref(),
        "--seed".as_ref(),
        "1".as_ref(),
    ];
    for run in [check_ok(dir), tutor_ok(&quiz), tutor_ok(&cases)] {
        assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
        assert_ne!(run.code, Some(0), "a course with escapes must be refused");
        assert!(
            !run.stdout.contains(&0x1b),
            "ESC on stdout: {:?}",
            run.stdout()
        );
        assert!(
            !run.stderr.contains(&0x1b),
            "ESC on stderr: {:?}",
            run.stderr()
        );
    }
}
