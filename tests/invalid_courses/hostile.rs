//! Course folders that try to hang, slow down or trick `tutor check`, made at test time (too big,
//! or not expressible in git: FIFOs, hard links). Each is refused quickly with a located
//! diagnostic, and nothing of a refused file reaches the output.

use super::{DEADLINE, check_ok, tutor_in};
use crate::support::fixtures::tiny_copy;
use std::path::Path;
use std::time::{Duration, Instant};

/// How long a refusal may take: generous, so that a loaded CI machine does not fail the test;
/// what was measured is printed.
fn bound() -> Duration {
    if cfg!(debug_assertions) {
        Duration::from_secs(5)
    } else {
        Duration::from_secs(2)
    }
}

/// Runs `tutor check` on `dir`, timed; fails on a timeout, a panic or an unlocated error line.
fn timed_check(dir: &Path, what: &str) -> (crate::support::Run, Duration) {
    let start = Instant::now();
    let run = check_ok(dir);
    let took = start.elapsed();
    println!("{what}: tutor check took {took:?}");
    for line in run.stderr().lines().filter(|l| l.contains(": error: ")) {
        let file = line.split(':').next().unwrap_or_default();
        assert!(
            file.ends_with(".yaml") || file.ends_with(".txt"),
            "{what}: a diagnostic names no file: {line}"
        );
    }
    (run, took)
}

#[test]
fn deep_nesting_is_refused_with_a_location_in_linear_time() {
    // Quadratic in libyaml before the gate: 100,000 `[` under a key took 21 s, 200,000 `{a: `
    // 354 s (release build).
    let cases = [
        ("200,000 `[`", String::new(), "["),
        ("200,000 `{a: `", String::new(), "{a: "),
        (
            "200,000 `[` under a key",
            "- id: q\n  cites: ".to_owned(),
            "[",
        ),
        (
            "200,000 `{a: ` under a key",
            "- id: q\n  cites: ".to_owned(),
            "{a: ",
        ),
        ("200,000 `- `", String::new(), "- "),
    ];
    for (what, prefix, unit) in cases {
        let dir = tiny_copy();
        let text = format!("{prefix}{}", unit.repeat(200_000));
        std::fs::write(dir.path().join("items.yaml"), text).expect("write items.yaml");
        let (run, took) = timed_check(dir.path(), what);
        let stderr = run.stderr();
        assert_eq!(run.code, Some(2), "{what}: {stderr}");
        let located = stderr.lines().any(|l| {
            let mut parts = l.splitn(4, ':');
            parts.next() == Some("items.yaml")
                && parts.next().is_some_and(|n| n.parse::<usize>().is_ok())
                && parts.next().is_some_and(|n| n.parse::<usize>().is_ok())
                && l.contains(": error: lists and mappings are nested too deeply")
        });
        assert!(located, "{what}: {stderr}");
        assert!(took < bound(), "{what}: took {took:?}");
    }
}

/// A template with 1,000 x 1,000 combinations and `rules` rules that all name both variables.
fn big_template(rules: usize) -> String {
    let mut t = String::from(
        "- id: big\n  title: \"Big\"\n  vars:\n    a: { range: [1, 1000] }\n    b: { range: [1, 1000] }\n  stem: \"Case {{a}} {{b}}.\"\n  lead_in: \"What now?\"\n  options:\n    - { id: local, text: \"Local therapy alone\", why: \"Fractures.\", cites: [s1] }\n    - { id: endo, text: \"Endocrine therapy alone\", why: \"Responders.\", cites: [s2] }\n  rules:\n",
    );
    for k in 0..rules {
        t.push_str(&format!(
            "    - {{ when: {{ a: [{}], b: [{}] }}, key: local, explanation: \"Rule {k}.\", cites: [s1] }}\n",
            k % 1000 + 1,
            k / 1000 + 1
        ));
    }
    t.push_str("    - { otherwise: true, key: endo, explanation: \"Otherwise.\", cites: [s2] }\n");
    t.push_str("  distractors: 1\n");
    t
}

#[test]
fn rules_times_combinations_over_the_cap_are_refused_quickly() {
    // 3,000 rules over 1,000,000 combinations took 52 s before the cap (release build).
    let dir = tiny_copy();
    std::fs::write(dir.path().join("cases.yaml"), big_template(3_000)).expect("write");
    let (run, took) = timed_check(dir.path(), "3,000 rules x 1,000,000 combinations");
    let stderr = run.stderr();
    assert_eq!(run.code, Some(1), "{stderr}");
    assert!(
        stderr.contains(": error: [0].rules: case template big: checking its rules would take"),
        "{stderr}"
    );
    assert!(stderr.starts_with("cases.yaml:"), "{stderr}");
    assert!(took < bound(), "took {took:?}");
}

#[test]
fn rules_under_the_cap_are_checked() {
    // 20 rules over 1,000,000 combinations: within the cap, so enumerated in full.
    let dir = tiny_copy();
    std::fs::write(dir.path().join("cases.yaml"), big_template(20)).expect("write");
    let (run, took) = timed_check(dir.path(), "20 rules x 1,000,000 combinations");
    assert!(
        run.stdout()
            .contains("case template big: 1000000 combinations checked"),
        "{}\n{}",
        run.stdout(),
        run.stderr()
    );
    assert!(took < bound() * 4, "took {took:?}");
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let _ = std::fs::remove_file(path);
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(
        made.expect("run mkfifo").success(),
        "mkfifo {}",
        path.display()
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_a_course_file_is_refused_without_blocking() {
    for name in ["items.yaml", "course.yaml", "source.txt"] {
        let dir = tiny_copy();
        mkfifo(&dir.path().join(name));
        // Before: `tutor check` blocked in open() until killed after DEADLINE.
        let (run, took) = timed_check(dir.path(), &format!("FIFO as {name}"));
        let stderr = run.stderr();
        assert_eq!(run.code, Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(&format!("{name}: error: "))
                && stderr.contains("is not a regular file"),
            "{name}: {stderr}"
        );
        assert!(took < bound() && took < DEADLINE, "{name}: took {took:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_hard_link_to_a_file_outside_the_course_is_refused_unread() {
    let outside = tempfile::tempdir().expect("temp dir");
    let secret = outside.path().join("secret");
    std::fs::write(&secret, "- TOP-SECRET-7f3a9c credentials\n").expect("write secret");
    for name in ["source.txt", "items.yaml"] {
        let dir = tiny_copy();
        let target = dir.path().join(name);
        std::fs::remove_file(&target).expect("remove");
        std::fs::hard_link(&secret, &target).expect("hard link");
        let (run, _) = timed_check(dir.path(), &format!("hard link as {name}"));
        let (stdout, stderr) = (run.stdout(), run.stderr());
        assert_eq!(run.code, Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(&format!("{name}: error: ")) && stderr.contains("hard links"),
            "{name}: {stderr}"
        );
        // Before: the sentence mismatch (or the YAML type error) quoted the file.
        for shown in [&stdout, &stderr] {
            assert!(
                !shown.contains("TOP-SECRET"),
                "{name}: bytes shown: {shown}"
            );
            assert!(
                !shown.contains("credentials"),
                "{name}: bytes shown: {shown}"
            );
        }
    }
}

#[test]
fn a_tampered_cache_entry_is_not_trusted() {
    let dir = tiny_copy();
    let cache = tempfile::tempdir().expect("temp cache");
    let args = [
        "--course".as_ref(),
        dir.path().as_os_str(),
        "cases".as_ref(),
        "--seed".as_ref(),
        "1".as_ref(),
        "--count".as_ref(),
        "1".as_ref(),
    ];
    let first = tutor_in(&args, cache.path());
    assert_eq!(first.code, Some(0), "{}", first.stderr());
    assert!(first.stdout().contains("metastatic breast cancer"));
    let entries: Vec<_> = std::fs::read_dir(cache.path())
        .expect("cache dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(entries.len(), 1, "one cache entry: {entries:?}");
    // Edit the stem the way someone with access to the cache could; a header, if any, is kept.
    let text = std::fs::read_to_string(&entries[0]).expect("read entry");
    let tampered = text.replace("metastatic breast cancer", "TAMPERED \\u001b[31m");
    assert_ne!(tampered, text);
    std::fs::write(&entries[0], tampered).expect("tamper");
    let second = tutor_in(&args, cache.path());
    assert_eq!(second.code, Some(0), "{}", second.stderr());
    assert!(!second.stdout().contains("TAMPERED"), "{}", second.stdout());
    assert_eq!(
        second.stdout(),
        first.stdout(),
        "rebuilt from the course files"
    );
}
