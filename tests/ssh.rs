//! End-to-end tests of `tutor serve` with the real OpenSSH client on loopback: each test runs
//! its own server (127.0.0.1, any free port, a temporary data directory with a fresh host
//! key) and drives `ssh -tt` in tmux, asserting on `tmux capture-pane`; the load test drives
//! 100 scripted russh clients at once, then kills 20 real `ssh` processes mid-question.
//!
//! Without `ssh`, `ssh-keygen` or `tmux` these tests say so and pass, unless
//! `TUTOR_REQUIRE_PTY` is set (as CI does, after installing openssh-client and tmux).

/// A tokio runtime for the scripted clients (two workers, as many as this machine's cores).
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

#[path = "ssh/client.rs"]
pub mod client;

use crate::support::eventually;
use crate::support::serve::{self as server, Server};
use crate::support::tmux::{Tmux, sh_quote};
use std::process::{Command, Stdio};
use std::time::Duration;
use tutor::ssh::AuthMode;

/// Whether `ssh`, `ssh-keygen` and `tmux` are installed ([`crate::support::tools_available`]).
fn tools_available() -> bool {
    crate::support::tools_available(&["ssh", "ssh-keygen", "tmux"])
}

/// The options every real `ssh` of the tests takes: no configuration, and no host key
/// checked or kept (each test server has a fresh one).
pub const SSH_OPTIONS: [&str; 6] = [
    "-o",
    "StrictHostKeyChecking=no",
    "-o",
    "UserKnownHostsFile=/dev/null",
    "-F",
    "/dev/null",
];

/// The `ssh` command line for `user` on the test server: a forced pty, [`SSH_OPTIONS`],
/// bounded in time; `extra` goes before the destination.
pub fn ssh_command(port: u16, user: &str, extra: &str) -> String {
    format!(
        "timeout --foreground 60 ssh -tt -p {port} {} {extra} -l {} 127.0.0.1",
        SSH_OPTIONS.join(" "),
        sh_quote(user)
    )
}

/// Answers the question on the pane's screen (first option, or `x` in a text field).
fn answer(t: &Tmux, screen: &str) {
    match client::answer_keys(screen) {
        b"a" => t.keys(&["a"]),
        b"a\r" => t.keys(&["a", "Enter"]),
        _ => t.keys(&["x", "Enter"]),
    }
}

/// Opens the practice quiz from home and answers `n` questions; the last feedback stays.
fn practice(t: &Tmux, n: usize) {
    t.wait_for("▸ Lessons");
    t.keys(&["j", "Enter"]);
    for i in 1..=n {
        let screen = t.wait_until(&format!("question {i}"), |s| {
            client::progress(s).is_some_and(|p| p.0 == i && p.2 + 1 == i)
        });
        answer(t, &screen);
        t.wait_until(&format!("feedback {i}"), |s| {
            client::progress(s).is_some_and(|p| p.0 == i && p.2 == i)
        });
        if i < n {
            t.keys(&["Enter"]);
        }
    }
}

#[test]
fn home_screen_answer_stored_resize_relayout_and_q_closes() {
    if !tools_available() {
        return;
    }
    let server = Server::in_process(|_| {});
    let t = Tmux::run(100, 30, &ssh_command(server.port, "alice", ""));
    let home = t.wait_for("alice: 0 answered");
    for entry in ["Lessons", "Practice quiz", "Case drill", "Review", "Quit"] {
        assert!(home.contains(entry), "{entry} missing:\n{home}");
    }
    practice(&t, 1);
    // Stored under alice before the feedback was drawn.
    let stored = server.attempts("alice");
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!(stored[0].user, "alice");
    let wide = t.screen();
    let header_width = |s: &str| s.lines().next().unwrap_or("").trim_end().chars().count();
    assert!(
        header_width(&wide) > 80,
        "header not at the right edge:\n{wide}"
    );
    t.resize(72, 20);
    let narrow = t.wait_until("the header laid out for 72 columns", |s| {
        let w = header_width(s);
        s.contains("Question 1 of ") && w <= 72 && w > 60
    });
    assert!(
        narrow.lines().count() <= 20 && narrow.contains("Enter"),
        "{narrow}"
    );
    t.keys(&["q"]);
    t.wait_for("Are you sure?");
    t.keys(&["y"]);
    assert_eq!(t.wait_exit(), 0, "{}", t.capture_all());
    let mut server = server;
    server.wait_log("the disconnect", Duration::from_secs(10), |log| {
        (server::sessions_in(log) == 0 && log.contains("disconnect")).then_some(())
    });
}

#[test]
fn two_learners_each_see_only_their_own_progress() {
    if !tools_available() {
        return;
    }
    let server = Server::in_process(|_| {});
    let alice = Tmux::run(100, 30, &ssh_command(server.port, "alice", ""));
    let bob = Tmux::run(100, 30, &ssh_command(server.port, "bob", ""));
    practice(&alice, 1);
    practice(&bob, 2);
    for (t, me, n) in [(&alice, "alice", 1), (&bob, "bob", 2)] {
        t.keys(&["Escape"]);
        t.wait_for("Are you sure?");
        t.keys(&["y"]);
        let home = t.wait_for(&format!("{me}: {n} answered"));
        let other = if me == "alice" { "bob" } else { "alice" };
        assert!(!home.contains(other), "{me} sees {other}:\n{home}");
        let stored = server.attempts(me);
        assert_eq!(stored.len(), n, "{me}: {stored:?}");
        assert!(stored.iter().all(|a| a.user == me));
    }
}

#[test]
fn invalid_names_are_refused_with_a_message() {
    if !tools_available() {
        return;
    }
    let mut server = Server::in_process(|_| {});
    let long = "a".repeat(200);
    let names = ["../etc", "a/b", "-oProxyCommand", long.as_str(), "Alice"];
    let rt = runtime();
    for name in names {
        let let_in = rt.block_on(client::login_none(server.port, name)).unwrap();
        assert!(!let_in, "{name:?} was let in");
    }
    // The real client is refused too, and told why (OpenSSH itself already refuses a
    // name starting with `-`).
    for name in ["a/b", "../etc", long.as_str()] {
        let t = Tmux::run(120, 30, &ssh_command(server.port, name, ""));
        let code = t.wait_exit();
        let all = t.capture_all();
        assert_eq!(code, 255, "{all}");
        assert!(all.contains("is not a valid learner name"), "{all}");
    }
    server.wait_log("the refusals", Duration::from_secs(10), |log| {
        (log.matches("auth fail").count() >= 3).then_some(())
    });
    let log = server.log();
    assert!(!log.contains("session id="), "a session started:\n{log}");
    assert!(!log.contains("auth ok"), "{log}");
}

/// Makes an Ed25519 key pair at `path` (and `path.pub`).
fn keygen(path: &std::path::Path) -> String {
    let out = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "test", "-f"])
        .arg(path)
        .output()
        .expect("ssh-keygen runs");
    assert!(out.status.success(), "{out:?}");
    std::fs::read_to_string(path.with_extension("pub")).unwrap()
}

/// `ssh` without a terminal, for refusals: `(exit status, stderr)`.
fn ssh_batch(port: u16, user: &str, extra: &[&str]) -> (i32, String) {
    let out = Command::new("timeout")
        .args(["30", "ssh", "-p", &port.to_string()])
        .args(SSH_OPTIONS)
        .args(["-l", user])
        .args(extra)
        .stdin(Stdio::null())
        .env_remove("SSH_AUTH_SOCK")
        .output()
        .expect("ssh runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn keys_mode_lets_the_roster_in_and_refuses_an_unknown_key() {
    if !tools_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let alice_key = dir.path().join("alice");
    let stranger = dir.path().join("stranger");
    let alice_pub = keygen(&alice_key);
    keygen(&stranger);
    let roster = dir.path().join("roster");
    std::fs::write(&roster, format!("# class\nalice {alice_pub}")).unwrap();
    let server = Server::in_process(|s| s.auth = AuthMode::keys_from(&roster).unwrap().into());
    let key_opts = |k: &std::path::Path| {
        vec![
            "-i".to_owned(),
            k.display().to_string(),
            "-o".into(),
            "IdentitiesOnly=yes".into(),
            "-o".into(),
            "BatchMode=yes".into(),
        ]
    };
    let opts = key_opts(&stranger);
    let mut args: Vec<&str> = opts.iter().map(String::as_str).collect();
    args.push("127.0.0.1");
    let (code, err) = ssh_batch(server.port, "alice", &args);
    assert_eq!(code, 255, "{err}");
    assert!(err.contains("Permission denied"), "{err}");
    // Alice's own key opens her tutor.
    let extra = format!(
        "-i {} -o IdentitiesOnly=yes",
        sh_quote(&alice_key.display().to_string())
    );
    let t = Tmux::run(100, 30, &ssh_command(server.port, "alice", &extra));
    t.wait_for("alice: 0 answered");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    let log = server.log();
    assert!(
        log.contains("auth fail user=\"alice\" method=publickey"),
        "{log}"
    );
    assert!(
        log.contains("auth ok user=\"alice\" method=publickey"),
        "{log}"
    );
}

#[test]
fn password_mode_refuses_a_wrong_password_and_takes_the_right_one() {
    if !tools_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut hash = crate::support::tutor()
        .args(["--user", "alice", "serve", "hash-password"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    hash.stdin
        .take()
        .unwrap()
        .write_all(b"s3cret pass\n")
        .unwrap();
    let out = hash.wait_with_output().unwrap();
    let line = String::from_utf8(out.stdout).unwrap();
    assert!(line.starts_with("alice $argon2id$"), "{line}");
    assert!(!line.contains("s3cret"), "{line}");
    let roster = dir.path().join("passwords");
    std::fs::write(&roster, &line).unwrap();
    let server = Server::in_process(|s| s.auth = AuthMode::passwords_from(&roster).unwrap().into());
    let extra = "-o PubkeyAuthentication=no -o NumberOfPasswordPrompts=3";
    let t = Tmux::run(100, 30, &ssh_command(server.port, "alice", extra));
    t.wait_for("assword:");
    t.keys(&["wrong", "Enter"]);
    t.wait_until("a second prompt", |s| s.matches("assword:").count() >= 2);
    assert!(
        server
            .log()
            .contains("auth fail user=\"alice\" method=password")
    );
    t.keys(&["s3cret pass", "Enter"]);
    t.wait_for("alice: 0 answered");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    assert!(
        server
            .log()
            .contains("auth ok user=\"alice\" method=password")
    );
}

#[test]
fn exec_and_sessions_without_a_pty_are_refused_with_a_message() {
    if !tools_available() {
        return;
    }
    let server = Server::in_process(|_| {});
    let (code, err) = ssh_batch(server.port, "alice", &["127.0.0.1", "cat", "/etc/passwd"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("commands are not available"), "{err}");
    let (code, err) = ssh_batch(server.port, "alice", &["-T", "127.0.0.1"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("needs a terminal"), "{err}");
    let log = server.log();
    assert!(
        log.contains("refuse exec") && log.contains("refuse shell without pty"),
        "{log}"
    );
    assert!(eventually(Duration::from_secs(10), || server.sessions() == 0));
}

#[path = "ssh/backoff.rs"]
mod backoff;
#[path = "ssh/dashboard.rs"]
mod dashboard;
#[path = "ssh/flood.rs"]
mod flood;
#[path = "ssh/load.rs"]
mod load;
#[path = "ssh/paced.rs"]
mod paced;
#[path = "ssh/preauth.rs"]
mod preauth;
#[path = "ssh/reload.rs"]
mod reload;
#[path = "ssh/resume.rs"]
mod resume;
#[path = "ssh/unfolding.rs"]
mod unfolding;

#[test]
fn a_second_login_takes_over_and_an_idle_session_is_warned_then_closed() {
    if !tools_available() {
        return;
    }
    let server = Server::in_process(|s| s.idle_timeout = Some(Duration::from_secs(4)));
    let first = Tmux::run(100, 30, &ssh_command(server.port, "alice", ""));
    first.wait_for("alice: 0 answered");
    let second = Tmux::run(100, 30, &ssh_command(server.port, "alice", ""));
    second.wait_for("alice: 0 answered");
    first.wait_exit();
    let told = first.capture_all();
    assert!(told.contains("took over this session"), "{told}");
    // Nobody types in the second: a warning, then the session closes with a message.
    second.wait_for("No key pressed for 2 seconds");
    assert_eq!(second.wait_exit(), 0);
    let closed = second.capture_all();
    assert!(
        closed.contains("closed after 4 seconds without a key press"),
        "{closed}"
    );
    let log = server.log();
    assert!(log.contains("takeover user=\"alice\""), "{log}");
    assert!(log.contains("Idle(4s)"), "{log}");
}

#[test]
fn a_full_server_tells_the_next_student() {
    if !tools_available() {
        return;
    }
    let server = Server::in_process(|s| s.max_sessions = 1);
    let alice = Tmux::run(100, 30, &ssh_command(server.port, "alice", ""));
    alice.wait_for("alice: 0 answered");
    let bob = Tmux::run(120, 30, &ssh_command(server.port, "bob", ""));
    assert_eq!(bob.wait_exit(), 255);
    let told = bob.capture_all();
    assert!(
        told.contains("the tutor is full (at most 1 at once)"),
        "{told}"
    );
    assert!(!server.log().contains("auth fail"), "{}", server.log());
}
