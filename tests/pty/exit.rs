//! Leaving the tutor, however it happens, gives the terminal back: after q, q in a quiz
//! (which asks first), Ctrl-C, SIGTERM and a panic, the shell the tutor ran under reads its
//! exit status and finds the terminal in cooked mode.

use super::{SEED, first_answered_then_q, open_case_drill, tutor_bin};
use crate::support::tmux::{self, Tmux, sh_quote};
use std::process::Command;

/// Starts the tutor under a shell that outlives it and then prints its exit status and the
/// terminal modes: `EXIT=<status>`, then `stty -a`. The tutor's pid is written to
/// [`Tmux::pid_file`] (an inner shell writes its own pid, then execs the tutor). `env` is
/// e.g. `NO_COLOR=1`.
fn tutor_then_stty(env: &str) -> Tmux {
    let dir = tempfile::tempdir().expect("temp dir");
    let pid_file = dir.path().join("pid");
    let inner = format!(
        "echo $$ > {}; exec env {env} {} --seed {SEED}",
        sh_quote(&pid_file.to_string_lossy()),
        tutor_bin()
    );
    let cmd = format!(
        "sh -c {}; echo EXIT=$?; stty -a; echo STTY_DONE; sleep 60",
        sh_quote(&inner)
    );
    Tmux::start_in(dir, 100, 30, &cmd)
}

/// Waits for `EXIT=<status>` and the `stty -a` output after it; returns both.
fn wait_for_exit(t: &Tmux) -> (i32, String) {
    let screen = t.wait_until_in("EXIT= and stty -a output", Tmux::capture_all, |s| {
        s.split_once("EXIT=")
            .is_some_and(|(_, after)| after.contains("STTY_DONE"))
    });
    let after = screen.split_once("EXIT=").map(|(_, a)| a).unwrap_or("");
    let code = tmux::exit_status(&screen).unwrap_or_else(|| panic!("no exit status in:\n{screen}"));
    (code, after.to_owned())
}

/// `stty -a` shows cooked mode: canonical input and echo on.
fn assert_cooked(stty: &str) {
    let words: Vec<&str> = stty.split_whitespace().collect();
    for flag in ["icanon", "echo"] {
        assert!(
            words.contains(&flag) && !words.contains(&format!("-{flag}").as_str()),
            "terminal not back in cooked mode ({flag}):\n{stty}"
        );
    }
}

#[test]
fn q_exits_zero_and_restores_cooked_mode() {
    if !tmux::available() {
        return;
    }
    let t = tutor_then_stty("");
    t.wait_for("▸ Lessons");
    t.keys(&["q"]);
    let (code, stty) = wait_for_exit(&t);
    assert_eq!(code, 0, "exit status after q");
    assert_cooked(&stty);
}

#[test]
fn q_in_a_quiz_asks_first() {
    if !tmux::available() {
        return;
    }
    let t = tutor_then_stty("");
    open_case_drill(&t);
    // With one answer given, quitting would lose it: the tutor asks.
    first_answered_then_q(&t);
    t.keys(&["n"]);
    let screen = t.wait_until("the question again", |s| {
        !s.contains("Quit the tutor?") && s.contains("Question 2 of ")
    });
    assert!(!screen.contains("EXIT="), "quit on n:\n{screen}");
    t.keys(&["q"]);
    t.wait_for("Quit the tutor?");
    t.keys(&["y"]);
    let (code, stty) = wait_for_exit(&t);
    assert_eq!(code, 0, "exit status after q, y");
    assert_cooked(&stty);
}

#[test]
fn ctrl_c_in_a_quiz_exits_zero_and_restores_cooked_mode() {
    if !tmux::available() {
        return;
    }
    let t = tutor_then_stty("");
    open_case_drill(&t);
    t.keys(&["C-c"]);
    let (code, stty) = wait_for_exit(&t);
    assert_eq!(code, 0, "exit status after Ctrl-C");
    assert_cooked(&stty);
}

#[test]
fn sigterm_restores_cooked_mode() {
    if !tmux::available() {
        return;
    }
    let t = tutor_then_stty("");
    open_case_drill(&t);
    let pid = std::fs::read_to_string(t.pid_file()).expect("pid file");
    let pid = pid.trim();
    assert!(
        !pid.is_empty() && pid.chars().all(|c| c.is_ascii_digit()),
        "bad pid {pid:?}"
    );
    // The shell's own `kill`: a /bin/kill may not be installed.
    let killed = Command::new("sh")
        .args(["-c", &format!("kill -TERM {pid}")])
        .status()
        .expect("sh runs");
    assert!(killed.success(), "kill -TERM {pid} failed");
    let (code, stty) = wait_for_exit(&t);
    // The tutor catches SIGTERM and exits normally; dying of the signal would be 143.
    assert!(
        code == 0 || code == 128 + 15,
        "exit status {code} after SIGTERM"
    );
    assert_cooked(&stty);
}

/// A panic inside the event loop still restores the terminal. Debug builds of the tutor
/// panic on F12 when `TUTOR_TEST_PANIC_KEY` is set (a test hook in `src/tui/local.rs`);
/// release builds have no such hook, so the test is skipped there.
#[test]
fn panic_restores_cooked_mode() {
    if !cfg!(debug_assertions) || !tmux::available() {
        return;
    }
    let t = tutor_then_stty("TUTOR_TEST_PANIC_KEY=1");
    open_case_drill(&t);
    t.keys(&["F12"]);
    let (code, stty) = wait_for_exit(&t);
    assert_eq!(code, 101, "exit status after a panic");
    assert_cooked(&stty);
    let screen = t.capture_all();
    assert!(
        screen.contains("test panic requested"),
        "panic message not shown on the restored screen:\n{screen}"
    );
}
