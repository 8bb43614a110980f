//! Progress store benchmarks (issue 4): recording one answer with the store's durability
//! settings (WAL, synchronous=FULL), and opening a store of 100,000 attempts to compute the
//! home screen's figures.
//!
//! Run: `cargo build --release && cargo bench -p tutor-bench --bench store` (the other
//! writers run the release `tutor`, or `TUTOR_BIN`). Targets: one record p99 under 5 ms,
//! alone and with two other processes writing to the same store at once; open + summary of
//! 100,000 attempts under 30 ms. Criterion reports means and medians, not tails, so the p50/p99 of 2,000
//! separately timed records are printed first: alone, then while two `tutor quiz --plain`
//! processes answer into the same data directory as fast as their input comes (the three
//! writers take turns at SQLite's write lock). The same insert with synchronous=FULL and
//! with synchronous=OFF, in raw SQL, shows what durability costs.
//!
//! The databases live in a temporary directory under `TUTOR_BENCH_DIR` (default: the system
//! temporary directory); fsync cost depends on that file system.

use criterion::{Criterion, criterion_group, criterion_main};
use rusqlite::{Connection, params};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};
use tutor::schedule::{DEFAULT_RETENTION, Scheduler};
use tutor::store::{Attempt, DB_FILE, Mode, Store};

const DAY: i64 = 86_400_000;
/// 2027-01-15T08:00:00Z.
const NOW: i64 = 1_800_000_000_000;
const UNITS: u64 = 60;

fn temp_dir() -> tempfile::TempDir {
    match std::env::var_os("TUTOR_BENCH_DIR") {
        Some(d) => tempfile::tempdir_in(d),
        None => tempfile::tempdir(),
    }
    .expect("temporary directory")
}

/// A generated case answered in the plain quiz: the widest row the quiz writes.
fn attempt(i: u64, at_ms: i64) -> Attempt {
    let vars: BTreeMap<String, String> = [("age", "57"), ("site", "bone"), ("interval", "6 years")]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    Attempt {
        at_ms,
        user: "bench".to_owned(),
        course: "metastatic-breast-cancer".to_owned(),
        course_version: 1,
        question: format!("case-local-therapy#{i}"),
        item: None,
        template: Some("case-local-therapy".to_owned()),
        unit: format!("unit-{}", i % UNITS),
        quiz_seed: 42,
        case_seed: Some(i.wrapping_mul(0x9e37_79b9_7f4a_7c15)),
        vars: Some(vars),
        options: ["a", "b", "c", "d", "e"].map(str::to_owned).to_vec(),
        answer: "B".to_owned(),
        correct: !i.is_multiple_of(4),
        typo: false,
        seconds: 7.5,
        mode: Mode::Practice,
        drill: None,
        cites: vec!["s3".to_owned(), "s12".to_owned()],
        timed_out: false,
        step: None,
    }
}

const INSERT: &str =
    "INSERT INTO attempts (at_ms, user, course, course_version, question, item, template,
    unit, quiz_seed, case_seed, vars, options, answer, correct, typo, seconds, mode, drill, cites)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";

const REVIEW: &str =
    "INSERT INTO reviews (user, course, unit, stability, difficulty, last_ms, due_ms,
    reps, lapses) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
    ON CONFLICT (user, course, unit) DO UPDATE SET stability = ?4, difficulty = ?5,
    last_ms = ?6, due_ms = ?7, reps = ?8, lapses = ?9";

/// The row `Store::record` writes, in raw SQL (the baseline skips JSON and FSRS only).
fn insert_raw(c: &Connection, a: &Attempt) -> rusqlite::Result<()> {
    c.prepare_cached(INSERT)?.execute(params![
        a.at_ms,
        a.user,
        a.course,
        a.course_version,
        a.question,
        a.item,
        a.template,
        a.unit,
        a.quiz_seed as i64,
        a.case_seed.map(|s| s as i64),
        a.vars.as_ref().map(json),
        json(&a.options),
        a.answer,
        a.correct,
        a.typo,
        a.seconds,
        a.mode.as_str(),
        a.drill,
        json(&a.cites),
    ])?;
    c.prepare_cached(REVIEW)?.execute(params![
        a.user,
        a.course,
        a.unit,
        3.2f32,
        5.1f32,
        a.at_ms,
        a.at_ms + DAY,
        1,
        0
    ])?;
    Ok(())
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// A connection to a store-created database with the given `synchronous` setting.
fn raw(dir: &Path, synchronous: &str) -> Connection {
    drop(Store::open(dir, NOW).expect("store"));
    let c = Connection::open(dir.join(DB_FILE)).expect("open");
    c.pragma_update(None, "journal_mode", "WAL").expect("wal");
    c.pragma_update(None, "synchronous", synchronous)
        .expect("synchronous");
    c
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// The `tutor` binary the other writers run: `TUTOR_BIN`, or the release build beside this
/// benchmark (`cargo build --release` first: a benchmark package cannot build another
/// package's binary).
fn tutor_binary() -> std::path::PathBuf {
    if let Some(bin) = std::env::var_os("TUTOR_BIN") {
        return bin.into();
    }
    let exe = std::env::current_exe().expect("the benchmark's own path");
    // target/release/deps/store-HASH -> target/release/tutor
    let bin = exe
        .ancestors()
        .nth(2)
        .expect("a target directory")
        .join("tutor");
    assert!(
        bin.exists(),
        "{} is missing: run `cargo build --release` first, or set TUTOR_BIN",
        bin.display()
    );
    bin
}

/// Writers in other processes: `tutor quiz --plain` runs answering 100 questions from a
/// pipe, started again as each ends, until dropped. Returns how many answers they gave.
struct OtherWriters {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    threads: Vec<std::thread::JoinHandle<u64>>,
}

impl OtherWriters {
    fn start(dir: &Path, n: usize) -> OtherWriters {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let threads = (0..n)
            .map(|w| {
                let (dir, stop) = (dir.to_owned(), stop.clone());
                std::thread::spawn(move || {
                    let mut answers = 0;
                    let mut seed = 1u64;
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        let mut child = Command::new(tutor_binary())
                            .arg("--data-dir")
                            .arg(&dir)
                            .arg(format!("--user=writer{w}"))
                            .args(["quiz", "--plain", "--count", "100", "--seed"])
                            .arg(seed.to_string())
                            .stdin(Stdio::piped())
                            .stdout(Stdio::null())
                            .stderr(Stdio::null())
                            .spawn()
                            .expect("tutor starts");
                        if let Some(mut stdin) = child.stdin.take() {
                            let _ = stdin.write_all("A\n".repeat(100).as_bytes());
                        }
                        let _ = child.wait();
                        answers += 100;
                        seed += 1;
                    }
                    answers
                })
            })
            .collect();
        OtherWriters { stop, threads }
    }

    fn finish(self) -> u64 {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        self.threads
            .into_iter()
            .map(|t| t.join().unwrap_or(0))
            .sum()
    }
}

/// p50/p90/p99/max of 2,000 records, each timed on its own, after 100 not timed; with
/// `others` other processes writing to the same store meanwhile.
fn record_percentiles(others: usize) {
    let dir = temp_dir();
    let mut store = Store::open(dir.path(), NOW).expect("store").store;
    let sch = Scheduler::new(DEFAULT_RETENTION).expect("scheduler");
    let writers = (others > 0).then(|| OtherWriters::start(dir.path(), others));
    for i in 0..100 {
        store
            .record(&attempt(i, NOW + i as i64), &sch)
            .expect("record");
    }
    let mut times: Vec<Duration> = (100..2_100u64)
        .map(|i| {
            let a = attempt(i, NOW + i as i64);
            let t = Instant::now();
            store.record(black_box(&a), &sch).expect("record");
            t.elapsed()
        })
        .collect();
    let theirs = writers.map_or(0, OtherWriters::finish);
    times.sort_unstable();
    let p99 = percentile(&times, 0.99);
    let company = if others == 0 {
        "alone".to_owned()
    } else {
        format!("with {others} other processes writing ({theirs} answers meanwhile)")
    };
    println!(
        "record_attempt (WAL, synchronous=FULL) in {}, {company}: 2000 records: p50 {:.3?}  p90 {:.3?}  p99 {:.3?}  max {:.3?}  (target p99 < 5 ms: {})",
        dir.path().display(),
        percentile(&times, 0.5),
        percentile(&times, 0.9),
        p99,
        times[times.len() - 1],
        if p99 < Duration::from_millis(5) {
            "met"
        } else {
            "MISSED"
        }
    );
}

fn record(c: &mut Criterion) {
    record_percentiles(0);
    record_percentiles(2);

    let dir = temp_dir();
    let mut store = Store::open(dir.path(), NOW).expect("store").store;
    let sch = Scheduler::new(DEFAULT_RETENTION).expect("scheduler");
    let mut i = 0u64;
    c.bench_function("record_attempt", |b| {
        b.iter(|| {
            i += 1;
            store
                .record(black_box(&attempt(i, NOW + i as i64)), &sch)
                .expect("record")
        })
    });

    for (name, sync) in [
        ("sqlite_insert_sync_full", "FULL"),
        ("sqlite_insert_sync_off", "OFF"),
    ] {
        let dir = temp_dir();
        let mut conn = raw(dir.path(), sync);
        let mut i = 0u64;
        c.bench_function(name, |b| {
            b.iter(|| {
                i += 1;
                let a = attempt(i, NOW + i as i64);
                let tx = conn
                    .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                    .expect("begin");
                insert_raw(&tx, black_box(&a)).expect("insert");
                tx.commit().expect("commit");
            })
        });
    }
}

/// A data directory with `n` attempts of one user over the last year (most days answered,
/// so the streak is long and the summary reads every day), and a review state per unit.
fn big_store(dir: &Path, n: u64) {
    let conn = raw(dir, "OFF");
    let span = 365 * DAY;
    let start = NOW - span;
    let tx = conn.unchecked_transaction().expect("begin");
    for i in 0..n {
        let at = start + (span as u128 * u128::from(i) / u128::from(n)) as i64;
        insert_raw(&tx, &attempt(i, at)).expect("insert");
    }
    tx.commit().expect("commit");
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
}

fn open_and_summary(c: &mut Criterion) {
    let dir = temp_dir();
    let n = 100_000;
    let t = Instant::now();
    big_store(dir.path(), n);
    let size = std::fs::metadata(dir.path().join(DB_FILE))
        .expect("db")
        .len();
    println!(
        "built {n} attempts ({:.1} MB) in {:.1?}",
        size as f64 / 1e6,
        t.elapsed()
    );
    let course = "metastatic-breast-cancer";
    {
        let s = Store::open(dir.path(), NOW).expect("open").store;
        let sum = s.summary("bench", course, NOW).expect("summary");
        assert_eq!(sum.answered, n);
        assert_eq!(sum.started, UNITS);
        println!("summary of the big store: {sum:?}");
    }
    c.bench_function("open_100k_and_summary", |b| {
        b.iter(|| {
            let s = Store::open(black_box(dir.path()), NOW).expect("open").store;
            black_box(s.summary("bench", course, NOW).expect("summary"))
        })
    });
    let s = Store::open(dir.path(), NOW).expect("open").store;
    // The statistics screen's figures over the same store (grouped query over an index).
    let embedded = tutor::course::Course::embedded().expect("course");
    let sch = Scheduler::new(DEFAULT_RETENTION).expect("scheduler");
    c.bench_function("stats_compute_100k", |b| {
        b.iter(|| {
            black_box(tutor::report::compute(&embedded, &s, "bench", &sch, NOW).expect("stats"))
        })
    });
    c.bench_function("summary_100k_open_store", |b| {
        b.iter(|| black_box(s.summary("bench", black_box(course), NOW).expect("summary")))
    });
    c.bench_function("open_100k", |b| {
        b.iter(|| black_box(Store::open(black_box(dir.path()), NOW).expect("open")))
    });
}

criterion_group!(benches, record, open_and_summary);
criterion_main!(benches);
