//! Bad-input tests for `tutor check` and for commands given a bad `--course`.
//!
//! Every folder in `tests/fixtures/invalid/` is the tiny valid course of
//! `tests/fixtures/valid/tiny/` with one defect. Its `expected.txt` holds two lines: the exit
//! code, then a substring that stderr must contain (with the `file:line:col` prefix where the
//! defect has a position). Each run must finish within [`DEADLINE`] and must not panic.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Hostile course folders generated at test time: deep nesting, huge rule sets, FIFOs, hard
/// links, a tampered cache.
#[path = "invalid_courses/hostile.rs"]
mod hostile;

/// Longest a single run of the binary may take; a course must never hang the checker.
const DEADLINE: Duration = Duration::from_secs(20);

/// Fewest invalid fixtures; deleting fixtures makes the suite fail.
const MIN_INVALID_FIXTURES: usize = 47;

/// What one run of the binary did.
struct Run {
    /// `None` when killed by a signal or after [`DEADLINE`].
    code: Option<i32>,
    timed_out: bool,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

impl Run {
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn tiny() -> PathBuf {
    fixtures().join("valid/tiny")
}

/// Runs the `tutor` binary with `args` and empty stdin; kills it after [`DEADLINE`] and marks
/// the run `timed_out`. The compiled-course cache goes to a fresh temp dir, so runs neither read nor write the
/// user's cache.
fn tutor(args: &[&std::ffi::OsStr]) -> Run {
    let cache = tempfile::tempdir().expect("temp cache dir");
    tutor_in(args, cache.path())
}

/// [`tutor`] with the compiled-course cache and the data in `cache`.
fn tutor_in(args: &[&std::ffi::OsStr], cache: &Path) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tutor"))
        .args(args)
        .env("TUTOR_CACHE_DIR", cache)
        .env("TUTOR_DATA_DIR", cache.join("data"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tutor");
    // Drain both pipes on their own threads so a chatty child cannot block on a full pipe.
    let drain = |mut r: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            buf
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout")));
    let err = drain(Box::new(child.stderr.take().expect("stderr")));
    let start = Instant::now();
    let (status, timed_out) = loop {
        if let Some(status) = child.try_wait().expect("wait for tutor") {
            break (status, false);
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            break (child.wait().expect("wait for killed tutor"), true);
        }
        thread::sleep(Duration::from_millis(10));
    };
    Run {
        code: status.code().filter(|_| !timed_out),
        timed_out,
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
    }
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

/// Fixture folders under `tests/fixtures/<group>/`, sorted by name.
fn fixture_dirs(group: &str) -> Vec<PathBuf> {
    let root = fixtures().join(group);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("read {}: {e}", root.display()))
        .map(|e| e.expect("read fixture entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Exit code and stderr substring from a fixture's `expected.txt`.
fn expected(dir: &Path) -> (i32, String) {
    let path = dir.join("expected.txt");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let mut lines = text.lines();
    let code = lines
        .next()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("{}: line 1 must be the exit code", path.display()));
    let needle = lines
        .next()
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| panic!("{}: line 2 must be the stderr substring", path.display()));
    (code, needle.to_owned())
}

/// Checks one fixture; returns a description of every way it failed.
fn verify(dir: &Path) -> Vec<String> {
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    let (code, needle) = expected(dir);
    let run = check(dir);
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
    if !stderr.contains(&needle) {
        failures.push(format!("{name}: stderr lacks {needle:?}"));
    }
    if !failures.is_empty() {
        failures.push(format!("{name}: stderr was:\n{stderr}"));
    }
    failures
}

#[test]
fn every_invalid_fixture_is_rejected_with_its_location() {
    let dirs = fixture_dirs("invalid");
    assert!(
        dirs.len() >= MIN_INVALID_FIXTURES,
        "only {} invalid fixtures, expected at least {MIN_INVALID_FIXTURES}",
        dirs.len()
    );
    let failures: Vec<String> = dirs.iter().flat_map(|d| verify(d)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_invalid_fixture_differs_from_the_tiny_course() {
    // A fixture that accidentally equals the valid course would test nothing.
    let files = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
            .expect("read fixture")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.file_name().is_some_and(|n| n != "expected.txt"))
            .map(|p| {
                let name = p
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                (name, std::fs::read(&p).unwrap_or_default())
            })
            .collect();
        v.sort();
        v
    };
    let base = files(&tiny());
    for dir in fixture_dirs("invalid") {
        assert_ne!(
            files(&dir),
            base,
            "{} equals the tiny course",
            dir.display()
        );
    }
}

#[test]
fn tiny_valid_course_passes_cleanly() {
    let run = check_ok(&tiny());
    let stderr = run.stderr();
    assert_eq!(run.code, Some(0), "stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        !stderr.contains("warning"),
        "the base course should have no warnings:\n{stderr}"
    );
    assert!(
        run.stdout().contains(": 0 errors, 0 warnings"),
        "{}",
        run.stdout()
    );
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
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(tiny()).expect("read tiny course") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.path().join(path.file_name().expect("file name")))
            .expect("copy tiny course");
    }
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
    let dir = fixtures().join("invalid/dangling-cite");
    let run = tutor_ok(&[
        "--course".as_ref(),
        dir.as_os_str(),
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
    let dir = fixtures().join("invalid/escape-sequence");
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
    for run in [check_ok(&dir), tutor_ok(&quiz), tutor_ok(&cases)] {
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
