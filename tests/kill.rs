//! Kill test (issue 4): the plain quiz is started again and again against one data directory,
//! answered, and SIGKILLed at a random moment. Afterwards the database passes SQLite's
//! integrity check and holds every answer whose feedback was printed (the quiz records each
//! answer before printing its feedback), and at most one more: the answer in flight.
//!
//! Reproducible: the moments are drawn from a seeded ChaCha8 generator (`KILL_TEST_SEED`
//! overrides the seed, `KILL_TEST_ROUNDS` the number of rounds).

use crate::support::{PlainQuiz, Transcript};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};
use tutor::store::Store;

const QUESTIONS: usize = 20;
const DEFAULT_ROUNDS: u64 = 100;
const DEFAULT_SEED: u64 = 0x4b11_7e57;

/// How a round ends.
#[derive(Debug, Clone, Copy)]
enum Kill {
    /// Answer `answers` questions one at a time (each after its prompt), then wait `delay`.
    AfterAnswers { answers: usize, delay: Duration },
    /// Pipe every answer at once and kill after `delay` from the start.
    AfterDelay { delay: Duration },
}

/// Runs one round; returns what the quiz printed.
fn round(dir: &Path, seed: u64, kill: Kill) -> Transcript {
    let mut quiz = PlainQuiz::start(dir, "u", seed, QUESTIONS);
    match kill {
        Kill::AfterAnswers { answers, delay } => {
            for _ in 0..answers {
                if !quiz.wait_prompt(Duration::from_secs(20)) {
                    break; // the quiz ended or died: nothing more to answer
                }
                quiz.send_answer();
            }
            spin(delay);
        }
        Kill::AfterDelay { delay } => {
            for _ in 0..QUESTIONS {
                quiz.send_answer();
            }
            spin(delay);
        }
    }
    quiz.kill() // SIGKILL
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
        let t = round(&dir, quiz_seed, kill);
        let stderr = &t.stderr;
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
