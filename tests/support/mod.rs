//! Helpers shared by the test crates that run the built `tutor` binary: the command with a
//! data directory, a plain quiz driven answer by answer, what a store holds, and which files
//! a process holds open.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The built binary (or `TUTOR_TEST_BIN`, to run a test against another build, e.g. to show
/// that it fails before a fix), with a compiled-course cache shared by every test.
pub fn tutor() -> Command {
    let bin =
        std::env::var_os("TUTOR_TEST_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_tutor").into());
    let mut c = Command::new(bin);
    c.env(
        "TUTOR_CACHE_DIR",
        std::env::temp_dir().join("tutor-test-cache"),
    )
    .env_remove("NO_COLOR");
    c
}

/// The binary with a data directory and a user (passed as `--user=NAME`, so a name starting
/// with `-` reaches the name check instead of the argument parser).
pub fn tutor_in(dir: &Path, user: &str) -> Command {
    let mut c = tutor();
    c.arg("--data-dir").arg(dir).arg(format!("--user={user}"));
    c
}

/// What a plain quiz printed, line by line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
    /// `Answer (...): `, waiting for a line.
    Prompt,
    /// Feedback on an answer: it was recorded before this was printed.
    Feedback,
    /// `Warning: this answer was not saved`.
    NotSaved,
}

/// `tutor quiz --plain` answered one question at a time, as a student at a keyboard would.
pub struct PlainQuiz {
    child: Child,
    stdin: Option<ChildStdin>,
    events: mpsc::Receiver<Event>,
    transcript: std::thread::JoinHandle<String>,
    /// Answers whose feedback was printed with no "not saved" warning: the quiz promised
    /// these are stored.
    pub acknowledged: usize,
    /// Answers the quiz said it could not save.
    pub not_saved: usize,
}

impl PlainQuiz {
    pub fn start(dir: &Path, user: &str, seed: u64, count: usize) -> PlainQuiz {
        let mut cmd = tutor_in(dir, user);
        cmd.args(["quiz", "--plain", "--seed", &seed.to_string()])
            .args(["--count", &count.to_string()]);
        PlainQuiz::spawn(cmd)
    }

    pub fn spawn(mut cmd: Command) -> PlainQuiz {
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("tutor starts");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout");
        let (tx, events) = mpsc::channel();
        let transcript = std::thread::spawn(move || read_events(stdout, &tx));
        PlainQuiz {
            child,
            stdin,
            events,
            transcript,
            acknowledged: 0,
            not_saved: 0,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits for the next prompt, answers "A" (valid for every question) and waits for its
    /// feedback; false when the quiz ended or died first, or `limit` passed.
    pub fn answer(&mut self, limit: Duration) -> bool {
        if !self.wait_for(Event::Prompt, limit) {
            return false;
        }
        if let Some(stdin) = &mut self.stdin {
            // A dead quiz gives a broken pipe: the wait below then says so.
            let _ = stdin.write_all(b"A\n").and_then(|()| stdin.flush());
        }
        self.wait_for(Event::Feedback, limit)
    }

    fn wait_for(&mut self, want: Event, limit: Duration) -> bool {
        let mut warned = false;
        loop {
            match self.events.recv_timeout(limit) {
                Ok(Event::NotSaved) => {
                    self.not_saved += 1;
                    warned = true;
                }
                Ok(e) if e == want => {
                    if e == Event::Feedback && !warned {
                        self.acknowledged += 1;
                    }
                    return true;
                }
                Ok(_) => {}
                Err(_) => return false,
            }
        }
    }

    /// SIGKILLs the quiz (an error only means it had already exited) and returns what it
    /// printed.
    pub fn kill(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        drop(self.stdin.take());
        self.transcript.join().unwrap_or_default()
    }

    /// Closes stdin and waits for the quiz to print its score and exit.
    pub fn finish(mut self) -> (std::process::ExitStatus, String) {
        drop(self.stdin.take());
        let status = self.child.wait().expect("reap");
        (status, self.transcript.join().unwrap_or_default())
    }
}

/// Reads the quiz's stdout until it closes, sending an event per prompt, feedback and
/// warning; returns all it printed. Prompts end without a newline, so bytes are read as they
/// come.
fn read_events(mut out: impl Read, tx: &mpsc::Sender<Event>) -> String {
    let mut text = String::new();
    let mut line = Vec::new();
    let mut prompted = false;
    let mut buf = [0u8; 4096];
    while let Ok(n @ 1..) = out.read(&mut buf) {
        for &b in &buf[..n] {
            if b != b'\n' {
                line.push(b);
                continue;
            }
            let l = String::from_utf8_lossy(&line).into_owned();
            let feedback = l == "Correct."
                || l.starts_with("Correct. (")
                || l.starts_with("Incorrect. Correct answer:");
            let event = if feedback {
                Some(Event::Feedback)
            } else if l.starts_with("Warning: this answer was not saved") {
                Some(Event::NotSaved)
            } else {
                None
            };
            if let Some(e) = event {
                let _ = tx.send(e);
            }
            text.push_str(&l);
            text.push('\n');
            line.clear();
            prompted = false;
        }
        if !prompted && line.starts_with(b"Answer (") && line.ends_with(b": ") {
            prompted = true;
            let _ = tx.send(Event::Prompt);
        }
    }
    text.push_str(&String::from_utf8_lossy(&line));
    text
}

/// Every integer in `v` is exact in a double (at most 2^53): JavaScript and pandas read it
/// as written.
pub fn no_inexact_integers(v: &serde_json::Value) -> bool {
    use serde_json::Value;
    match v {
        Value::Number(n) => n.as_u64().is_none_or(|n| n <= 1 << 53),
        Value::Array(a) => a.iter().all(no_inexact_integers),
        Value::Object(o) => o.values().all(no_inexact_integers),
        _ => true,
    }
}

/// Runs a command to its end with `input` on stdin (written by a thread, so a large input
/// cannot deadlock against a full stdout pipe).
pub fn output_with(mut cmd: Command, input: Vec<u8>) -> std::process::Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tutor runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("tutor exits");
    let _ = writer.join();
    out
}

/// Runs a command to its end with no input; panics if it does not start.
pub fn output(mut cmd: Command) -> std::process::Output {
    cmd.stdin(Stdio::null()).output().expect("tutor runs")
}

/// Answers stored for `user` in the store of `dir`, read read-only after checking the whole
/// database.
pub fn stored(dir: &Path, user: &str) -> usize {
    let store = tutor::store::Store::open_reader(dir)
        .expect("the store opens")
        .expect("there is a store");
    store.integrity_check().expect("integrity_check is ok");
    store.attempts(Some(user), None).expect("attempts").len()
}

/// Files named `tutor.db*` that process `pid` holds open although they were deleted: what a
/// checkpoint that thought it was alone leaves behind under a live writer.
pub fn deleted_store_files(pid: u32) -> Vec<String> {
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return Vec::new();
    };
    fds.filter_map(|fd| std::fs::read_link(fd.ok()?.path()).ok())
        .map(|target| target.to_string_lossy().into_owned())
        .filter(|t| t.contains("tutor.db") && t.ends_with(" (deleted)"))
        .collect()
}

/// Every file in `dir` whose name says it was moved aside as corrupt.
pub fn moved_aside(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().contains(".corrupt-"))
                })
                .collect()
        })
        .unwrap_or_default()
}
