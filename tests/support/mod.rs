//! Helpers shared by the integration tests: the built binary (with a data directory, to its
//! end, or bounded in time), a plain quiz driven answer by answer, what a store holds, which
//! files a process holds open; and, in submodules, the course fixtures, the TUI harness, one
//! tmux driver and one `tutor serve` starter. (The `Attempt` builders are in
//! `report_fixture::attempts`, which the report benchmark shares.)

#![allow(dead_code)]

pub mod fixtures;
pub mod harness;
pub mod serve;
pub mod tmux;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The built binary, or `TUTOR_TEST_BIN` to run the tests against another build (e.g. to show
/// that one fails before a fix).
pub fn bin() -> std::ffi::OsString {
    std::env::var_os("TUTOR_TEST_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_tutor").into())
}

/// [`bin`] as one single-quoted shell word.
pub fn bin_quoted() -> String {
    tmux::sh_quote(&bin().to_string_lossy())
}

/// The compiled-course cache every test shares (never the user's).
pub fn shared_cache() -> PathBuf {
    std::env::temp_dir().join("tutor-test-cache")
}

/// The binary with the [`shared_cache`] and no `NO_COLOR` of the caller.
pub fn tutor() -> Command {
    let mut c = Command::new(bin());
    c.env("TUTOR_CACHE_DIR", shared_cache())
        .env_remove("NO_COLOR");
    c
}

/// The binary with the data directory `dir` (`--data-dir`).
pub fn tutor_data(dir: &Path) -> Command {
    let mut c = tutor();
    c.arg("--data-dir").arg(dir);
    c
}

/// The binary with a data directory and a user (passed as `--user=NAME`, so a name starting
/// with `-` reaches the name check instead of the argument parser).
pub fn tutor_in(dir: &Path, user: &str) -> Command {
    let mut c = tutor_data(dir);
    c.arg(format!("--user={user}"));
    c
}

/// Runs the binary with `args` and `input` on stdin to its end, its progress in a fresh
/// temp dir (never the user's).
pub fn run_fresh(args: &[&str], input: &str) -> std::process::Output {
    let data = tempfile::tempdir().expect("temp dir");
    let mut cmd = tutor();
    cmd.args(args).env("TUTOR_DATA_DIR", data.path());
    output_with(cmd, input.as_bytes().to_vec())
}

/// Runs the built `tutor report` on `dirs` with `args`.
pub fn report_cmd(dirs: &[PathBuf], args: &[&str]) -> std::process::Output {
    let mut cmd = tutor();
    cmd.arg("report").env_remove("TUTOR_DATA_DIR");
    for d in dirs {
        cmd.arg("--data-dir").arg(d);
    }
    let out = cmd.args(args).output().expect("tutor runs");
    assert!(
        out.status.success(),
        "tutor report {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// What one bounded run of the binary did.
pub struct Run {
    /// `None` when killed by a signal or after the time limit.
    pub code: Option<i32>,
    pub timed_out: bool,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Run {
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// Runs `cmd` with empty stdin; kills it after `limit` and marks the run `timed_out`.
pub fn run_bounded(mut cmd: Command, limit: Duration) -> Run {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tutor");
    // Drain both pipes on their own threads so a chatty child cannot block on a full pipe.
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
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
        if start.elapsed() > limit {
            let _ = child.kill();
            break (child.wait().expect("wait for killed tutor"), true);
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        code: status.code().filter(|_| !timed_out),
        timed_out,
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
    }
}

/// Polls `f` until it returns true, for at most `limit`; false when it never did.
pub fn eventually(limit: Duration, f: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    f()
}

/// Whether the external `tools` are installed. Without them a test says so and passes, unless
/// `TUTOR_REQUIRE_PTY` is set (as CI does, after installing them), where that is a failure.
pub fn tools_available(tools: &[&str]) -> bool {
    let found = tools.iter().all(|tool| {
        Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let required = std::env::var_os("TUTOR_REQUIRE_PTY").is_some_and(|v| !v.is_empty());
    assert!(
        found || !required,
        "{} needed (apt-get install openssh-client tmux; .ci/run installs them)",
        tools.join(", ")
    );
    if !found {
        eprintln!("one of {} is missing: skipping this test", tools.join(", "));
    }
    found
}

/// What a plain quiz printed, line by line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
    /// `Answer (...): `, waiting for a line.
    Prompt,
    /// Feedback on an answer, right or not: it was recorded before this was printed.
    Feedback(bool),
    /// `Warning: this answer was not saved`.
    NotSaved,
}

/// All a plain quiz printed, read to the end of its output.
#[derive(Debug, Default)]
pub struct Transcript {
    pub text: String,
    /// One entry per feedback printed: whether it said the answer was right.
    pub feedback: Vec<bool>,
    /// Answers the quiz said it could not save.
    pub not_saved: usize,
    pub stderr: String,
}

/// `tutor quiz --plain` answered one question at a time, as a student at a keyboard would.
pub struct PlainQuiz {
    child: Child,
    stdin: Option<ChildStdin>,
    events: mpsc::Receiver<Event>,
    transcript: std::thread::JoinHandle<Transcript>,
    stderr: std::thread::JoinHandle<String>,
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
            .stderr(Stdio::piped())
            .spawn()
            .expect("tutor starts");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout");
        let mut err = child.stderr.take().expect("stderr");
        let (tx, events) = mpsc::channel();
        let transcript = std::thread::spawn(move || read_events(stdout, &tx));
        let stderr = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = err.read_to_string(&mut s);
            s
        });
        PlainQuiz {
            child,
            stdin,
            events,
            transcript,
            stderr,
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
        if !self.wait_prompt(limit) {
            return false;
        }
        self.send_answer();
        self.wait_for(Event::Feedback(true), limit)
    }

    /// Waits for the next prompt; false when the quiz ended or died first, or `limit` passed.
    pub fn wait_prompt(&mut self, limit: Duration) -> bool {
        self.wait_for(Event::Prompt, limit)
    }

    /// Types "A" (valid for every question) and Enter, without waiting.
    pub fn send_answer(&mut self) {
        if let Some(stdin) = &mut self.stdin {
            // A dead quiz gives a broken pipe: a wait after this then says so.
            let _ = stdin.write_all(b"A\n").and_then(|()| stdin.flush());
        }
    }

    /// Waits for `want` (any feedback, right or not, for a feedback).
    fn wait_for(&mut self, want: Event, limit: Duration) -> bool {
        let mut warned = false;
        loop {
            match self.events.recv_timeout(limit) {
                Ok(Event::NotSaved) => {
                    self.not_saved += 1;
                    warned = true;
                }
                Ok(Event::Feedback(_)) if matches!(want, Event::Feedback(_)) => {
                    if !warned {
                        self.acknowledged += 1;
                    }
                    return true;
                }
                Ok(e) if e == want => return true,
                Ok(_) => {}
                Err(_) => return false,
            }
        }
    }

    /// SIGKILLs the quiz (an error only means it had already exited) and returns what it
    /// printed.
    pub fn kill(mut self) -> Transcript {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.transcript()
    }

    /// Closes stdin and waits for the quiz to print its score and exit.
    pub fn finish(mut self) -> (std::process::ExitStatus, Transcript) {
        drop(self.stdin.take());
        let status = self.child.wait().expect("reap");
        (status, self.transcript())
    }

    fn transcript(mut self) -> Transcript {
        drop(self.stdin.take());
        let mut t = self.transcript.join().unwrap_or_default();
        t.stderr = self.stderr.join().unwrap_or_default();
        t
    }
}

/// Reads the quiz's stdout until it closes, sending an event per prompt, feedback and
/// warning; returns all it printed. Prompts end without a newline, so bytes are read as they
/// come.
fn read_events(mut out: impl Read, tx: &mpsc::Sender<Event>) -> Transcript {
    let mut t = Transcript::default();
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
            let event = if l == "Correct." || l.starts_with("Correct. (") {
                Some(Event::Feedback(true))
            } else if l.starts_with("Incorrect. Correct answer:") {
                Some(Event::Feedback(false))
            } else if l.starts_with("Warning: this answer was not saved") {
                Some(Event::NotSaved)
            } else {
                None
            };
            match event {
                Some(Event::Feedback(right)) => t.feedback.push(right),
                Some(Event::NotSaved) => t.not_saved += 1,
                _ => {}
            }
            if let Some(e) = event {
                let _ = tx.send(e);
            }
            t.text.push_str(&l);
            t.text.push('\n');
            line.clear();
            prompted = false;
        }
        if !prompted && line.starts_with(b"Answer (") && line.ends_with(b": ") {
            prompted = true;
            let _ = tx.send(Event::Prompt);
        }
    }
    t.text.push_str(&String::from_utf8_lossy(&line));
    t
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

/// A plain quiz's or drill's output without the lines that read the clock (time spent
/// answering, when the next review is due): two runs of one drill differ there by a second.
pub fn without_clock_lines(stdout: &[u8]) -> String {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter(|l| !l.starts_with("Time: ") && !l.starts_with("Due for review: "))
        .collect::<Vec<_>>()
        .join("\n")
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
