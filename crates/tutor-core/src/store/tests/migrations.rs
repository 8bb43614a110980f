//! The schema: a fresh database is migrated in WAL mode, older databases keep what they hold
//! through each migration, and readers read older schemas without migrating them.

use super::*;

#[test]
fn a_fresh_database_is_migrated_in_wal_mode_with_full_sync() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("nested/data");
    let s = open(&data);
    assert_eq!(s.path(), data.join(DB_FILE));
    assert!(s.path().is_file());
    assert_eq!(pragma::<u32>(&s, "user_version"), schema::current());
    assert!(schema::current() >= 1);
    assert_eq!(pragma::<String>(&s, "journal_mode"), "wal");
    assert_eq!(pragma::<i64>(&s, "synchronous"), 2, "synchronous=FULL");
    for table in ["attempts", "reviews", "lessons_read", "saved_quizzes"] {
        let n: i64 = s
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .expect("sqlite_master");
        assert_eq!(n, 1, "table {table}");
    }
    s.integrity_check().expect("integrity");
    // Opening again migrates nothing and keeps the version.
    drop(s);
    let s = open(&data);
    assert_eq!(pragma::<u32>(&s, "user_version"), schema::current());
}

#[test]
fn a_quiz_saved_before_slots_is_kept_by_the_migration() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let c = Connection::open(dir.path().join(DB_FILE)).expect("open");
        for m in &schema::MIGRATIONS[..4] {
            c.execute_batch(m).expect("migration");
        }
        c.pragma_update(None, "user_version", 4).expect("version");
        c.execute(
            "INSERT INTO resume (user, course, saved_ms, state) VALUES ('ann', 'c', 5, '{}')",
            [],
        )
        .expect("a saved quiz");
    }
    let s = open(dir.path());
    let kept = s.saved_quizzes("ann", "c").expect("list");
    assert_eq!(
        kept,
        [SavedQuiz {
            slot: "earlier".to_owned(),
            saved_ms: 5,
            state: "{}".to_owned()
        }]
    );
}

/// A reader (e.g. `tutor report` on a copied store) opens a store from before migration 6
/// without migrating it: its attempts read back with no step.
#[test]
fn a_reader_reads_attempts_from_before_steps_existed() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let c = Connection::open(dir.path().join(DB_FILE)).expect("open");
        for m in &schema::MIGRATIONS[..5] {
            c.execute_batch(m).expect("migration");
        }
        c.pragma_update(None, "user_version", 5).expect("version");
        c.execute(
            "INSERT INTO attempts (at_ms, user, course, course_version, question, item, unit,
                quiz_seed, options, answer, correct, typo, seconds, mode, cites)
             VALUES (1, 'ann', 'c', 1, 'i1', 'i1', 'u', 7, '[]', 'A', 1, 0, 1.0, 'practice', '[]')",
            [],
        )
        .expect("an attempt");
    }
    let reader = Store::open_reader(dir.path())
        .expect("a reader opens it")
        .expect("there is a store");
    let read = reader.attempts(None, None).expect("attempts");
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].step, None);
    assert_eq!(pragma::<u32>(&reader, "user_version"), 5, "not migrated");
}
