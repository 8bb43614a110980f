//! Kill test (issue 4): the plain quiz is started again and again against one data directory,
//! answered, and SIGKILLed at a random moment. Afterwards the database passes SQLite's
//! integrity check and holds every answer whose feedback was printed (the quiz records each
//! answer before printing its feedback), and at most one more: the answer in flight.
//!
//! Reproducible: the moments are drawn from a seeded ChaCha8 generator (`KILL_TEST_SEED`
//! overrides the seed, `KILL_TEST_ROUNDS` the number of rounds).

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};
use tutor::store::Store;

const QUESTIONS: usize = 20;
const DEFAULT_ROUNDS: u64 = 100;
const DEFAULT_SEED: u64 = 0x4b11_7e57;

/// What the quiz printed before it died.
#[derive(Debug, Default)]
struct Transcript {
    /// One entry per feedback printed: whether it said the answer was right.
    feedback: Vec<bool>,
    not_saved: usize,
    text: String,
}

/// Reads the quiz's stdout until it closes: sends `()` for every answer prompt and collects
/// feedback lines. Prompts end without a newline, so bytes are read as they come.
fn read_quiz(mut out: impl Read, prompts: mpsc::Sender<()>) -> Transcript {
    let mut t = Transcript::default();
    let mut line = Vec::new();
    let mut prompted = false;
    let mut buf = [0u8; 4096];
    loop {
        let n = match out.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        for &b in &buf[..n] {
            if b == b'\n' {
                let l = String::from_utf8_lossy(&line).into_owned();
                if l == "Correct." || l.starts_with("Correct. (accepted with a typo") {
                    t.feedback.push(true);
                } else if l.starts_with("Incorrect. Correct answer:") {
                    t.feedback.push(false);
                } else if l.starts_with("Warning: this answer was not saved") {
                    t.not_saved += 1;
                }
                t.text.push_str(&l);
                t.text.push('\n');
                line.clear();
                prompted = false;
            } else {
                line.push(b);
            }
        }
        if !prompted && line.starts_with(b"Answer (") && line.ends_with(b": ") {
            prompted = true;
            let _ = prompts.send(());
        }
    }
    t.text.push_str(&String::from_utf8_lossy(&line));
    t
}

/// How a round ends.
#[derive(Debug, Clone, Copy)]
enum Kill {
    /// Answer `answers` questions one at a time (each after its prompt), then wait `delay`.
    AfterAnswers { answers: usize, delay: Duration },
    /// Pipe every answer at once and kill after `delay` from the start.
    AfterDelay { delay: Duration },
}

fn spawn(dir: &Path, seed: u64) -> Child {
    Command::new(env!("CARGO_BIN_EXE_tutor"))
        .args(["--data-dir"])
        .arg(dir)
        .args(["--user", "u", "quiz", "--plain", "--count"])
        .arg(QUESTIONS.to_string())
        .arg("--seed")
        .arg(seed.to_string())
        .env("TUTOR_CACHE_DIR", dir.join("cache"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tutor starts")
}

/// "A" is a valid answer to every question: a letter for choices, any text for free text.
fn answer(stdin: &mut ChildStdin) {
    // The quiz may already be dead: a broken pipe is expected then.
    let _ = stdin.write_all(b"A\n");
    let _ = stdin.flush();
}

/// Runs one round; returns the transcript and stderr.
fn round(dir: &Path, seed: u64, kill: Kill) -> (Transcript, String) {
    let mut child = spawn(dir, seed);
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let (tx, prompts) = mpsc::channel();
    let reader = thread::spawn(move || read_quiz(stdout, tx));
    let err_reader = thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    match kill {
        Kill::AfterAnswers { answers, delay } => {
            for _ in 0..answers {
                if prompts.recv_timeout(Duration::from_secs(20)).is_err() {
                    break; // the quiz ended or died: nothing more to answer
                }
                answer(&mut stdin);
            }
            spin(delay);
        }
        Kill::AfterDelay { delay } => {
            for _ in 0..QUESTIONS {
                answer(&mut stdin);
            }
            spin(delay);
        }
    }
    let _ = child.kill(); // SIGKILL; an error only means it had already exited
    child.wait().expect("reap");
    drop(stdin);
    let t = reader.join().expect("stdout reader");
    let e = err_reader.join().expect("stderr reader");
    (t, e)
}

/// Sleeps short delays precisely enough to land inside a commit.
fn spin(d: Duration) {
    let end = Instant::now() + d;
    if d > Duration::from_millis(2) {
        thread::sleep(d - Duration::from_millis(1));
    }
    while Instant::now() < end {
        std::hint::spin_loop();
    }
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn sigkill_at_random_moments_loses_no_acknowledged_answer() {
    let rounds = env_u64("KILL_TEST_ROUNDS", DEFAULT_ROUNDS);
    let rng_seed = env_u64("KILL_TEST_SEED", DEFAULT_SEED);
    let mut rng = ChaCha8Rng::seed_from_u64(rng_seed);
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("data");
    let started = Instant::now();
    let mut total = 0usize;
    let (mut killed_mid_quiz, mut in_flight) = (0, 0);
    for r in 0..rounds {
        let kill = if rng.random_bool(0.7) {
            Kill::AfterAnswers {
                answers: rng.random_range(0..=QUESTIONS),
                delay: Duration::from_micros(rng.random_range(0..=3_000)),
            }
        } else {
            Kill::AfterDelay {
                delay: Duration::from_micros(rng.random_range(0..=40_000)),
            }
        };
        // Distinct quiz seeds tell the rounds apart in the database.
        let quiz_seed = 1_000 + r;
        let (t, stderr) = round(&dir, quiz_seed, kill);
        let ctx = || {
            format!(
                "round {r} (KILL_TEST_SEED={rng_seed}), {kill:?}\nstderr:\n{stderr}\nstdout:\n{}",
                t.text
            )
        };
        assert!(!stderr.contains("panicked"), "{}", ctx());
        assert_eq!(t.not_saved, 0, "an answer was not saved\n{}", ctx());
        assert!(
            !stderr.contains("warning"),
            "the store warned of something\n{}",
            ctx()
        );

        let opened = Store::open(&dir, 0).unwrap_or_else(|e| panic!("open: {e}\n{}", ctx()));
        assert!(
            opened.moved_aside.is_none(),
            "the database was moved aside\n{}",
            ctx()
        );
        let store = opened.store;
        store
            .integrity_check()
            .unwrap_or_else(|e| panic!("integrity_check: {e}\n{}", ctx()));
        let all = store.attempts(Some("u"), None).expect("attempts");
        let saved: Vec<bool> = all
            .iter()
            .filter(|a| a.quiz_seed == quiz_seed)
            .map(|a| a.correct)
            .collect();
        // Every printed feedback is saved, in order; at most one answer was in flight.
        assert!(
            saved.len() >= t.feedback.len(),
            "{} feedbacks printed but {} attempts saved\n{}",
            t.feedback.len(),
            saved.len(),
            ctx()
        );
        assert!(
            saved.len() <= t.feedback.len() + 1,
            "{} attempts saved for {} feedbacks\n{}",
            saved.len(),
            t.feedback.len(),
            ctx()
        );
        assert_eq!(
            saved[..t.feedback.len()],
            t.feedback[..],
            "saved grades differ from the printed ones\n{}",
            ctx()
        );
        total += saved.len();
        assert_eq!(all.len(), total, "earlier rounds' attempts are all kept");
        drop(store);

        let corrupt: Vec<String> = std::fs::read_dir(&dir)
            .expect("list data dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".corrupt-"))
            .collect();
        assert!(corrupt.is_empty(), "{corrupt:?}\n{}", ctx());

        killed_mid_quiz += usize::from(t.feedback.len() < QUESTIONS);
        in_flight += usize::from(saved.len() > t.feedback.len());
    }
    eprintln!(
        "{rounds} rounds in {:.1?}: {total} attempts saved, {killed_mid_quiz} rounds killed mid-quiz, \
         {in_flight} with an answer saved but its feedback not yet printed",
        started.elapsed()
    );
    assert!(rounds >= 50, "the issue asks for at least 50 rounds");
    assert!(
        killed_mid_quiz * 2 >= rounds as usize,
        "most rounds should die mid-quiz ({killed_mid_quiz} of {rounds})"
    );
}
