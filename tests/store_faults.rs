//! The progress store under faults (issue 4), driven through the built binary as a user runs
//! it: two processes at once, a truncated or foreign database file, a cut write-ahead log, a
//! database from a newer tutor, a read-only data directory, a full disk (file size limit, and
//! a tiny tmpfs where mounting is allowed) and hostile user names. Each must give a clear
//! message, no panic, and delete nothing.

use crate::support::{self, tutor_in};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use tutor::schedule::{DEFAULT_RETENTION, Scheduler};
use tutor::store::{Attempt, DB_FILE, LOCK_FILE, Store};

const NOW: i64 = 1_800_000_000_000;

fn quiz_args(seed: u64, count: usize) -> Vec<String> {
    [
        "quiz",
        "--plain",
        "--seed",
        &seed.to_string(),
        "--count",
        &count.to_string(),
    ]
    .map(str::to_owned)
    .to_vec()
}

fn start(mut cmd: Command) -> std::process::Child {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tutor starts")
}

/// Pipes `answers` lines of "A" (valid for every question) to a started quiz and waits.
fn feed(mut child: std::process::Child, answers: usize) -> Output {
    let mut stdin = child.stdin.take().expect("stdin");
    let input = "A\n".repeat(answers);
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().expect("tutor exits");
    writer.join().expect("writer");
    out
}

fn run(cmd: Command, answers: usize) -> Output {
    feed(start(cmd), answers)
}

fn quiz(dir: &Path, user: &str, seed: u64, count: usize) -> Output {
    let mut c = tutor_in(dir, user);
    c.args(quiz_args(seed, count));
    run(c, count)
}

struct Seen {
    stdout: String,
    stderr: String,
    feedback: usize,
    not_saved: usize,
}

/// Checks what every run must satisfy (exit 0, no panic, the quiz ran to its score) and
/// returns what it printed.
fn seen(out: &Output) -> Seen {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !stderr.contains("panicked") && !stdout.contains("panicked"),
        "panic:\n{stderr}"
    );
    assert!(
        out.status.success(),
        "exit {:?}\nstderr:\n{stderr}\nstdout:\n{stdout}",
        out.status
    );
    assert!(
        stdout.contains("\nScore: "),
        "the quiz ends with its score:\n{stdout}"
    );
    let feedback = stdout
        .lines()
        .filter(|l| *l == "Correct." || l.starts_with("Correct. (") || l.starts_with("Incorrect. "))
        .count();
    let not_saved = stdout.matches("Warning: this answer was not saved").count();
    Seen {
        stdout,
        stderr,
        feedback,
        not_saved,
    }
}

/// The quiz's first line when it cannot save anything; its last line must say so too.
fn unsaved_first_line(s: &Seen) -> &str {
    let first = s.stdout.lines().next().unwrap_or_default();
    let last = s.stdout.lines().last().unwrap_or_default();
    assert!(
        first.starts_with("Warning: progress is not being saved: ")
            && last.starts_with("Warning: progress was not saved: "),
        "first and last lines:\n{}",
        s.stdout
    );
    first
}

/// Asserts two byte strings are equal without printing them.
fn same_bytes(got: &[u8], want: &[u8], what: &str) {
    if got != want {
        let at = got.iter().zip(want).position(|(a, b)| a != b);
        panic!(
            "{what}: {} bytes, expected {}; first difference at {at:?}",
            got.len(),
            want.len()
        );
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("list dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn corrupt_copies(dir: &Path) -> Vec<PathBuf> {
    names(dir)
        .into_iter()
        .filter(|n| {
            n.starts_with(&format!("{DB_FILE}.corrupt-"))
                && !n.ends_with("-wal")
                && !n.ends_with("-shm")
        })
        .map(|n| dir.join(n))
        .collect()
}

fn open(dir: &Path) -> Store {
    let opened = Store::open(dir, NOW).expect("store opens");
    assert!(
        opened.moved_aside.is_none(),
        "nothing moved aside on reopening"
    );
    opened.store
}

/// Attempts of `user` in quiz `seed`, read with the library.
fn saved(dir: &Path, user: &str, seed: u64) -> Vec<Attempt> {
    let s = open(dir);
    s.integrity_check().expect("integrity_check");
    s.attempts(Some(user), None)
        .expect("attempts")
        .into_iter()
        .filter(|a| a.quiz_seed == seed)
        .collect()
}

fn attempt(i: u64) -> Attempt {
    let id = format!("q{i}");
    Attempt {
        at_ms: NOW + i as i64,
        unit: format!("unit-{}", i % 17),
        quiz_seed: i,
        options: vec!["a".into(), "b".into()],
        correct: !i.is_multiple_of(3),
        seconds: 2.0,
        cites: vec!["s1".into()],
        ..crate::report_fixture::attempts::to_item("lib", &id)
    }
}

fn random_bytes(seed: u64, n: usize) -> Vec<u8> {
    let mut v = vec![0u8; n];
    ChaCha8Rng::seed_from_u64(seed).fill_bytes(&mut v);
    v
}

/// A data directory holding quizzes 1..=`quizzes` of 20 answers each, made by the binary.
fn made_by_the_binary(dir: &Path, quizzes: u64) {
    for seed in 1..=quizzes {
        let s = seen(&quiz(dir, "u", seed, 20));
        assert_eq!((s.feedback, s.not_saved), (20, 0), "{}", s.stderr);
    }
    assert_eq!(
        names(dir),
        [DB_FILE, LOCK_FILE],
        "closed cleanly: no log left"
    );
}

// ----- two processes at once -------------------------------------------------------------

fn two_at_once(dir: &Path, round: u64, same_user: bool) {
    let (s1, s2) = (100 + 2 * round, 101 + 2 * round);
    let u2 = if same_user { "u" } else { "v" };
    let mut a = tutor_in(dir, "u");
    a.args(quiz_args(s1, 30));
    let mut b = tutor_in(dir, u2);
    b.args(quiz_args(s2, 30));
    // Both start before either is fed, so they open the store at the same moment.
    let (ca, cb) = (start(a), start(b));
    let (oa, ob) = (feed(ca, 30), feed(cb, 30));
    for (out, user, seed) in [(oa, "u", s1), (ob, u2, s2)] {
        let s = seen(&out);
        assert_eq!(s.feedback, 30, "round {round}:\n{}", s.stdout);
        assert_eq!(s.not_saved, 0, "round {round}: {}", s.stderr);
        assert!(s.stderr.is_empty(), "round {round}: {}", s.stderr);
        assert_eq!(
            saved(dir, user, seed).len(),
            30,
            "round {round}: all 30 of {user}"
        );
    }
}

#[test]
fn two_processes_answering_into_one_database_lose_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("data");
    seen(&quiz(&dir, "w", 1, 1));
    for round in 0..8 {
        two_at_once(&dir, round, round % 2 == 1);
    }
    let s = open(&dir);
    assert_eq!(s.attempts(None, None).expect("attempts").len(), 1 + 8 * 60);
}

/// Both processes find no database and create it at once. `PRAGMA journal_mode=WAL` needs
/// an exclusive lock and SQLite returns SQLITE_BUSY at once, without the busy handler, when
/// the other process holds a lock: one process says "progress will not be saved: ...
/// database is locked" and loses all 30 answers (about one round in four here).
#[test]
fn two_processes_creating_the_database_at_once_lose_nothing() {
    for round in 0..40 {
        let tmp = tempfile::tempdir().expect("tempdir");
        two_at_once(&tmp.path().join("data"), round, false);
    }
}

#[test]
fn four_connections_recording_at_once_lose_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().to_owned();
    drop(open(&dir));
    let threads: Vec<_> = (0..4u64)
        .map(|t| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let mut s = open(&dir);
                let sch = Scheduler::new(DEFAULT_RETENTION).expect("scheduler");
                for i in 0..150 {
                    s.record(&attempt(t * 1000 + i), &sch)
                        .expect("record under contention");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("thread");
    }
    let s = open(&dir);
    s.integrity_check().expect("integrity");
    let mut seeds: Vec<u64> = s
        .attempts(Some("lib"), None)
        .expect("attempts")
        .iter()
        .map(|a| a.quiz_seed)
        .collect();
    seeds.sort_unstable();
    let want: Vec<u64> = (0..4)
        .flat_map(|t| (0..150).map(move |i| t * 1000 + i))
        .collect();
    assert_eq!(seeds, want);
}

// ----- damaged files ---------------------------------------------------------------------

/// What became of a damaged database.
#[derive(Debug, PartialEq, Eq)]
enum Handled {
    /// Moved aside byte for byte, the user told where, a fresh database started.
    MovedAside,
    /// Still sound (SQLite reads it whole): used as it is, every old attempt kept.
    StillSound,
}

/// Runs a short quiz on a data directory whose `tutor.db` holds `bytes`. Either the file is
/// moved aside unchanged and the user told where, or it passes `PRAGMA integrity_check`
/// afterwards and holds its `old` attempts plus the new ones. Using a damaged database as
/// if it were sound is the one wrong outcome.
fn damaged_database(bytes: &[u8], what: &str, old: Option<usize>) -> Handled {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("data");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join(DB_FILE), bytes).expect("write");
    let s = seen(&quiz(&dir, "u", 9, 3));
    assert_eq!(
        (s.feedback, s.not_saved),
        (3, 0),
        "{what}:\n{}\n{}",
        s.stderr,
        s.stdout
    );
    let copies = corrupt_copies(&dir);
    if copies.is_empty() {
        assert!(s.stderr.is_empty(), "{what}: {}", s.stderr);
        let store = open(&dir);
        if let Err(e) = store.integrity_check() {
            panic!("{what}: the damaged database was used without a word: {e}");
        }
        let all = store.attempts(None, None);
        let all = all.unwrap_or_else(|e| panic!("{what}: attempts unreadable: {e}"));
        let old = old.unwrap_or_else(|| panic!("{what}: not a database, yet not moved aside"));
        assert_eq!(
            all.len(),
            old + 3,
            "{what}: old attempts kept, new ones added"
        );
        return Handled::StillSound;
    }
    assert_eq!(copies.len(), 1, "{what}: {:?}\n{}", names(&dir), s.stderr);
    let copy = &copies[0];
    assert!(
        s.stderr.contains("moved to") && s.stderr.contains(&copy.display().to_string()),
        "{what}: the user is told where it went:\n{}",
        s.stderr
    );
    assert!(
        s.stderr.contains("a fresh one was started"),
        "{what}: {}",
        s.stderr
    );
    assert_eq!(
        s.stderr.lines().count(),
        1,
        "{what}: one warning: {}",
        s.stderr
    );
    same_bytes(
        &std::fs::read(copy).expect("moved copy"),
        bytes,
        &format!("{what}: moved aside byte-identical"),
    );
    assert_eq!(
        saved(&dir, "u", 9).len(),
        3,
        "{what}: the fresh database took the answers"
    );
    assert_eq!(open(&dir).attempts(None, None).expect("attempts").len(), 3);
    Handled::MovedAside
}

/// 60 attempts made by the binary: the bytes of the database and the number of attempts.
fn small_database() -> (Vec<u8>, usize) {
    let tmp = tempfile::tempdir().expect("tempdir");
    made_by_the_binary(tmp.path(), 3);
    (std::fs::read(tmp.path().join(DB_FILE)).expect("read"), 60)
}

/// 3,000 attempts made with the library.
fn large_database() -> (Vec<u8>, usize) {
    let tmp = tempfile::tempdir().expect("tempdir");
    {
        let mut s = open(tmp.path());
        let sch = Scheduler::new(DEFAULT_RETENTION).expect("scheduler");
        for i in 0..3000 {
            s.record(&attempt(i), &sch).expect("record");
        }
    }
    (std::fs::read(tmp.path().join(DB_FILE)).expect("read"), 3000)
}

const PAGE: usize = 4096;

/// Whole pages cut off the end: caught on opening or by the first answer, moved aside.
#[test]
fn a_database_cut_to_whole_pages_is_moved_aside() {
    for (label, (full, n)) in [("small", small_database()), ("large", large_database())] {
        let pages = full.len() / PAGE;
        assert!(
            pages >= 10 && full.len() % PAGE == 0,
            "{label}: {} bytes",
            full.len()
        );
        for keep in [1, 2, pages / 4, pages / 2, pages * 9 / 10, pages - 1] {
            let what = format!("{label} database cut to {keep} of {pages} pages");
            let got = damaged_database(&full[..keep * PAGE], &what, Some(n));
            assert_eq!(got, Handled::MovedAside, "{what}");
        }
    }
}

#[test]
fn a_database_cut_inside_its_header_is_moved_aside() {
    let (full, n) = small_database();
    for cut in [50, 100, 1000] {
        let what = format!("cut to {cut} bytes");
        assert_eq!(
            damaged_database(&full[..cut], &what, Some(n)),
            Handled::MovedAside
        );
    }
}

/// A database cut inside its last page (a copy or a download that stopped short) still
/// opens: the header is intact and the check on opening reads only the rightmost leaf of
/// `attempts`. The zero-filled tail of the cut page reads as damaged rows ("Rowid 0 out of
/// order", NULL in NOT NULL columns) or lost index entries ("row 44 missing from index
/// attempts_groups", even for a one-byte cut), and new answers go into it without a word.
/// Moving it aside, or using it only when `integrity_check` passes, are both fine.
#[test]
fn a_database_cut_inside_a_page_is_not_used_while_damaged() {
    for (label, (full, n)) in [("small", small_database()), ("large", large_database())] {
        for back in [1, 492, 3000] {
            let cut = full.len() - back;
            let what = format!("{label} database of {} bytes cut to {cut}", full.len());
            damaged_database(&full[..cut], &what, Some(n));
        }
    }
}

#[test]
fn a_random_bytes_file_is_moved_aside_unchanged() {
    damaged_database(&random_bytes(1, 64 * 1024), "64 KiB of random bytes", None);
    damaged_database(&random_bytes(2, 200), "200 random bytes", None);
    let mut fake = b"SQLite format 3\0".to_vec();
    fake.extend(random_bytes(3, 16 * 1024));
    damaged_database(&fake, "an SQLite header on random bytes", None);
    damaged_database(b"name,answer\nann,B\n", "a CSV file", None);
}

/// A crash can leave committed answers in the write-ahead log only. When the log itself is
/// cut short or damaged, SQLite keeps the committed frames before the damage and drops the
/// rest: no error, a consistent database, and a prefix of the answers.
#[test]
fn a_cut_write_ahead_log_keeps_a_consistent_prefix() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let live = tmp.path().join("live");
    let mut s = open(&live);
    let sch = Scheduler::new(DEFAULT_RETENTION).expect("scheduler");
    for i in 0..40 {
        s.record(&attempt(i), &sch).expect("record");
    }
    // Copy while the store is open: the answers are in the log, not yet in the database.
    let db = std::fs::read(live.join(DB_FILE)).expect("db");
    let wal = std::fs::read(live.join(format!("{DB_FILE}-wal"))).expect("wal");
    drop(s);
    assert!(
        wal.len() > 40 * 4096,
        "the log holds the answers: {} bytes",
        wal.len()
    );

    let mut damaged = wal.clone();
    let half = damaged.len() / 2;
    let noise = random_bytes(4, damaged.len() - half);
    damaged[half..].copy_from_slice(&noise);
    for (what, log) in [
        ("cut in half", wal[..wal.len() / 2].to_vec()),
        ("cut by one byte", wal[..wal.len() - 1].to_vec()),
        ("second half random", damaged),
    ] {
        let dir = tmp.path().join(what.replace(' ', "-"));
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(dir.join(DB_FILE), &db).expect("db");
        std::fs::write(dir.join(format!("{DB_FILE}-wal")), &log).expect("wal");
        let out = seen(&quiz(&dir, "u", 77, 2));
        assert!(out.stderr.is_empty(), "{what}: {}", out.stderr);
        assert_eq!(out.not_saved, 0, "{what}");
        assert!(corrupt_copies(&dir).is_empty(), "{what}");
        assert_eq!(saved(&dir, "u", 77).len(), 2, "{what}");
        let kept: Vec<u64> = open(&dir)
            .attempts(Some("lib"), None)
            .expect("attempts")
            .iter()
            .map(|a| a.quiz_seed)
            .collect();
        let n = kept.len() as u64;
        assert_eq!(kept, (0..n).collect::<Vec<_>>(), "{what}: a prefix is kept");
        if what == "cut by one byte" {
            assert_eq!(n, 39, "only the last commit is lost");
        } else {
            assert!((5..40).contains(&n), "{what}: {n} of 40 kept");
        }
    }
}

// ----- a newer tutor ---------------------------------------------------------------------

fn set_user_version(db: &Path, v: u32) {
    let c = rusqlite::Connection::open(db).expect("open");
    c.pragma_update(None, "user_version", v)
        .expect("set user_version");
}

#[test]
fn a_database_from_a_newer_tutor_is_left_untouched() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("data");
    made_by_the_binary(&dir, 1);
    set_user_version(&dir.join(DB_FILE), 99);
    let before = std::fs::read(dir.join(DB_FILE)).expect("read");
    let s = seen(&quiz(&dir, "u", 5, 3));
    let first = unsaved_first_line(&s);
    assert!(
        first.contains("was written by a newer tutor (schema 99")
            && first.contains("left untouched"),
        "{first}"
    );
    assert_eq!(
        s.not_saved, 3,
        "each answer says it was not saved:\n{}",
        s.stdout
    );
    same_bytes(
        &std::fs::read(dir.join(DB_FILE)).expect("read"),
        &before,
        "tutor.db after refusing it",
    );
    assert_eq!(
        names(&dir),
        [DB_FILE, LOCK_FILE],
        "nothing moved aside or left behind"
    );
}

/// A newer tutor that crashed leaves its last commits in the log. Refusing the database must
/// not checkpoint that log into it: closing the connection does, unless told not to.
#[test]
fn a_newer_database_with_a_pending_log_is_left_untouched() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let live = tmp.path().join("live");
    made_by_the_binary(&live, 1);
    let c = rusqlite::Connection::open(live.join(DB_FILE)).expect("open");
    c.pragma_update(None, "wal_autocheckpoint", 0)
        .expect("no checkpoint");
    c.pragma_update(None, "user_version", 99)
        .expect("set version");
    let dir = tmp.path().join("data");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let mut before = Vec::new();
    for f in [DB_FILE.to_owned(), format!("{DB_FILE}-wal")] {
        let b = std::fs::read(live.join(&f)).expect("read");
        std::fs::write(dir.join(&f), &b).expect("copy");
        before.push((f, b));
    }
    drop(c);
    let s = seen(&quiz(&dir, "u", 5, 1));
    assert!(
        unsaved_first_line(&s).contains("newer tutor"),
        "{}",
        s.stdout
    );
    for (f, b) in before {
        let after = std::fs::read(dir.join(&f)).unwrap_or_default();
        same_bytes(&after, &b, &format!("{f} after refusing it"));
    }
}

// ----- read-only places ------------------------------------------------------------------

#[test]
fn a_data_directory_that_cannot_be_written_gives_a_clear_message() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "keep").expect("write");
    // Read-only even for root: /proc and /sys refuse new directories; a file cannot hold one.
    let places = [
        PathBuf::from(format!("/proc/tutor-test-{}", std::process::id())),
        PathBuf::from("/sys/tutor-test"),
        file.join("data"),
    ];
    for dir in places {
        let s = seen(&quiz(&dir, "u", 1, 2));
        let want = format!(
            "Warning: progress is not being saved: cannot use the data directory {}: ",
            dir.display()
        );
        assert!(unsaved_first_line(&s).starts_with(&want), "{}", s.stdout);
        assert!(s.stderr.is_empty(), "{}", s.stderr);
        assert_eq!((s.feedback, s.not_saved), (2, 2), "{}", s.stdout);
        assert!(!dir.exists());
    }
    assert_eq!(std::fs::read(&file).expect("read"), b"keep");
}

/// A tmpfs mounted for one test, unmounted when dropped. `None` where mounting is not
/// allowed (not root, no CAP_SYS_ADMIN, CI sandboxes): the test is then skipped.
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(at: &Path, size: &str) -> Option<Mount> {
        std::fs::create_dir_all(at).ok()?;
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0755"),
                "tmpfs",
            ])
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped: cannot mount a tmpfs here");
        }
        ok.then(|| Mount(at.to_owned()))
    }

    fn remount_read_only(&self) {
        let ok = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "remount read-only");
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn a_read_only_mount_leaves_the_database_untouched() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let Some(mount) = Mount::tmpfs(&tmp.path().join("mnt"), "4m") else {
        return;
    };
    let dir = mount.0.join("data");
    made_by_the_binary(&dir, 1);
    let before = std::fs::read(dir.join(DB_FILE)).expect("read");
    mount.remount_read_only();
    let s = seen(&quiz(&dir, "u", 2, 2));
    let first = unsaved_first_line(&s);
    assert!(
        first.contains("the progress database") && first.contains("cannot be written"),
        "{first}"
    );
    assert_eq!(s.not_saved, 2);
    same_bytes(
        &std::fs::read(dir.join(DB_FILE)).expect("read"),
        &before,
        "tutor.db on the read-only mount",
    );
    assert_eq!(names(&dir), [DB_FILE, LOCK_FILE]);
    // A new directory on the read-only mount cannot be made.
    let s = seen(&quiz(&mount.0.join("new"), "u", 2, 1));
    assert!(
        unsaved_first_line(&s).contains("cannot use the data directory"),
        "{}",
        s.stdout
    );
    drop(mount);
}

// ----- a full disk -----------------------------------------------------------------------

/// The binary under a file size limit of `limit` bytes (RLIMIT_FSIZE, via the shell's
/// `ulimit -f` in 512-byte blocks). SIGXFSZ is ignored so a write past the limit fails with
/// EFBIG instead of killing the process, as a full disk makes it fail with ENOSPC.
fn limited(dir: &Path, limit: u64, seed: u64, count: usize) -> Output {
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg("ulimit -f \"$1\" && trap '' XFSZ && shift && exec \"$@\"")
        .arg("sh")
        .arg(limit.div_ceil(512).to_string())
        .arg(support::bin())
        .arg("--data-dir")
        .arg(dir)
        .arg("--user=u")
        .args(quiz_args(seed, count))
        .env("TUTOR_CACHE_DIR", support::shared_cache());
    run(c, count)
}

/// Earlier answers are kept; each answer that cannot be written says so before its
/// feedback; those that could be written are all there.
fn full_disk_run(dir: &Path, run_quiz: impl FnOnce() -> Output) -> Seen {
    let before: Vec<Attempt> = open(dir).attempts(None, None).expect("attempts");
    let s = seen(&run_quiz());
    assert!(
        s.not_saved >= 1,
        "some answer hits the limit:\n{}",
        s.stdout
    );
    assert!(s.not_saved < 20, "the first answers fit:\n{}", s.stdout);
    assert_eq!(s.feedback, 20);
    let after: Vec<Attempt> = open(dir).attempts(None, None).expect("attempts");
    assert_eq!(
        after[..before.len()],
        before[..],
        "every earlier attempt is kept"
    );
    let new = after.len() - before.len();
    assert_eq!(
        new,
        s.feedback - s.not_saved,
        "the answers said saved are saved"
    );
    assert!(corrupt_copies(dir).is_empty());
    s
}

fn limit_for(dir: &Path) -> u64 {
    // The log starts empty and must stay under the limit: room for a few answers only.
    // (The 32 KiB shared-memory index must fit too.)
    std::fs::metadata(dir.join(DB_FILE)).expect("db").len() + 4096
}

#[test]
fn a_file_size_limit_loses_no_earlier_answer_and_says_not_saved() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("data");
    made_by_the_binary(&dir, 3);
    let limit = limit_for(&dir);
    let s = full_disk_run(&dir, || limited(&dir, limit, 9, 20));
    assert!(s.stderr.is_empty(), "{}", s.stderr);
}

#[test]
fn a_file_size_limit_says_the_disk_is_full() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("data");
    made_by_the_binary(&dir, 3);
    let limit = limit_for(&dir);
    let s = full_disk_run(&dir, || limited(&dir, limit, 9, 20));
    assert!(
        s.stdout.contains(
            "cannot be written: the disk is full, a file size limit was reached, or the disk failed"
        ),
        "{}",
        s.stdout
    );
}

#[test]
fn a_full_tmpfs_loses_no_earlier_answer_and_says_the_disk_is_full() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let Some(mount) = Mount::tmpfs(&tmp.path().join("mnt"), "2m") else {
        return;
    };
    let dir = mount.0.join("data");
    made_by_the_binary(&dir, 3);
    // Fill the disk, then free 128 KiB: the 32 KiB shared-memory index and a few answers'
    // log frames (4 KiB pages; an answer writes one page per table and index it changes).
    let filler = mount.0.join("filler");
    let mut f = std::fs::File::create(&filler).expect("filler");
    let chunk = vec![0u8; 4096];
    while f.write_all(&chunk).is_ok() {}
    let len = f.metadata().expect("len").len();
    f.set_len(len.saturating_sub(128 * 1024))
        .expect("free some space");
    f.sync_all().expect("sync");
    drop(f);
    let s = full_disk_run(&dir, || quiz(&dir, "u", 9, 20));
    assert!(
        s.stdout.contains(
            "cannot be written: the disk is full, a file size limit was reached, or the disk failed"
        ),
        "{}",
        s.stdout
    );
    // The last line counts what was lost.
    let last = s.stdout.lines().last().unwrap_or_default();
    let lost = format!("Warning: {} answers were not saved: ", s.not_saved);
    assert!(
        last.starts_with(&lost),
        "{lost:?} in the last line:\n{}",
        s.stdout
    );
    drop(mount);
}

// ----- user names ------------------------------------------------------------------------

#[test]
fn hostile_user_names_are_refused_before_the_first_question() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("data");
    let long = "a".repeat(200);
    for name in [
        "../etc",
        "a/b",
        "-oProxyCommand",
        long.as_str(),
        "Alice",
        "Ann",
        "José",
        "..",
        "",
        "a\u{1b}[2Jb",
    ] {
        let out = quiz(&dir, name, 1, 1);
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert_eq!(out.status.code(), Some(2), "{name:?}: {stderr}");
        assert!(
            stderr.contains("invalid user name")
                && stderr.contains("use 1 to 32 of a-z, 0-9, _ . -")
                && stderr.contains("for example --user "),
            "{name:?}: {stderr}"
        );
        assert!(!stderr.contains('\u{1b}'), "no escape reaches the terminal");
        assert!(!stdout.contains("Question 1"), "{name:?}: no quiz ran");
        assert!(!dir.exists(), "{name:?}: no data directory was made");
    }
}

/// A login name that is not a valid profile name becomes one, the same way every time, and
/// the learner is told which: nothing is answered into the void.
#[test]
fn a_login_name_is_made_into_a_profile_name_and_the_learner_told() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("data");
    for (login, profile) in [("José", "jose"), ("Ann Lee", "ann_lee")] {
        let mut c = support::tutor_data(&dir);
        c.args(quiz_args(1, 1))
            .env("USER", login)
            .env_remove("USERNAME");
        let s = seen(&run(c, 1));
        assert!(
            s.stderr.contains(&format!("progress is kept as {profile}")),
            "{}",
            s.stderr
        );
        assert_eq!((s.feedback, s.not_saved), (1, 0));
        assert_eq!(saved(&dir, profile, 1).len(), 1, "{login}");
    }
    // A valid name is used as it is, silently.
    let s = seen(&quiz(&dir, "alice", 1, 1));
    assert!(s.stderr.is_empty(), "{}", s.stderr);
    assert_eq!(saved(&dir, "alice", 1).len(), 1);
}
