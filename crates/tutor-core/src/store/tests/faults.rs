//! Damaged, foreign, newer and unreachable databases, bad names, and how SQLite's errors are
//! told apart: nothing is lost or deleted, and a store in use is never moved aside.

use super::*;

#[test]
fn a_file_that_is_not_a_database_is_moved_aside_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let garbage: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(dir.path().join(DB_FILE), &garbage).expect("write");
    let opened = Store::open(dir.path(), T0).expect("opens a fresh database");
    let moved = opened.moved_aside.expect("moved aside");
    assert_eq!(
        moved.file_name().and_then(|f| f.to_str()),
        Some("tutor.db.corrupt-20270115T080000Z")
    );
    assert_eq!(std::fs::read(&moved).expect("moved file"), garbage);
    let mut s = opened.store;
    assert!(s.attempts(None, None).expect("attempts").is_empty());
    s.record(&item("ann", "u1", T0, true), &scheduler())
        .expect("the fresh database works");
}

#[test]
fn moving_aside_never_overwrites_an_earlier_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join(DB_FILE);
    let mut moved = Vec::new();
    for n in 0..3u8 {
        std::fs::write(&db, vec![n + 1; 5000]).expect("write");
        let opened = Store::open(dir.path(), T0).expect("open");
        moved.push(opened.moved_aside.expect("moved"));
    }
    let names: Vec<String> = moved
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "tutor.db.corrupt-20270115T080000Z",
            "tutor.db.corrupt-20270115T080000Z-1",
            "tutor.db.corrupt-20270115T080000Z-2"
        ]
    );
    for (n, p) in moved.iter().enumerate() {
        assert_eq!(std::fs::read(p).expect("kept"), vec![n as u8 + 1; 5000]);
    }
}

/// A store of 200 answers whose middle page is then overwritten, as a failing disk would (an
/// index or table page that opening does not read), and the damaged bytes. No store is open
/// in this process while it is damaged, so the second descriptor drops no lock.
fn damaged_store() -> (tempfile::TempDir, Vec<u8>) {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let mut s = open(dir.path());
        for i in 0..200 {
            s.record(&item("ann", &format!("u{i}"), T0 + i, true), &scheduler())
                .expect("record");
        }
    }
    let db = dir.path().join(DB_FILE);
    let mut bytes = std::fs::read(&db).expect("read");
    let len = bytes.len();
    bytes[len / 2 / 4096 * 4096..][..4096].fill(0x5a);
    std::fs::write(&db, &bytes).expect("damage");
    (dir, bytes)
}

#[test]
fn recover_moves_a_damaged_database_aside_with_its_log() {
    let (dir, bytes) = damaged_store();
    let sch = scheduler();
    let mut s = open(dir.path());
    let moved = s
        .recover(T0)
        .expect("recover")
        .expect("the damaged database was moved");
    assert!(moved.is_file());
    assert!(s.attempts(None, None).expect("attempts").is_empty());
    s.record(&item("ann", "u2", T0, true), &sch)
        .expect("record");
    assert_eq!(
        std::fs::read(&moved).expect("moved"),
        bytes,
        "moved unchanged"
    );
}

#[test]
fn recover_keeps_a_whole_database_in_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = open(dir.path());
    let sch = scheduler();
    s.record(&item("ann", "u1", T0, true), &sch)
        .expect("record");
    assert_eq!(s.recover(T0).expect("recover"), None, "nothing moved");
    assert_eq!(s.attempts(None, None).expect("attempts").len(), 1);
}

#[test]
fn a_damaged_database_that_another_store_uses_is_left_in_place() {
    let (dir, bytes) = damaged_store();
    let db = dir.path().join(DB_FILE);
    let other = Store::open_reader(dir.path())
        .expect("a reader opens it")
        .expect("there is a store");
    let mut s = open(dir.path());
    let err = s.recover(T0).expect_err("not the only user");
    assert!(matches!(err, StoreError::DamagedInUse { .. }), "{err:?}");
    // The store is back on the file (whose damage a read may meet), not on a placeholder
    // where every later answer would fail with "no such table" and never recover.
    if let Err(e) = s.attempts(None, None) {
        assert!(e.is_corrupt(), "{e:?}");
    }
    assert!(err.to_string().contains("another tutor process"), "{err}");
    assert!(db.is_file(), "left in place");
    drop(other);
    let moved = s
        .recover(T0)
        .expect("alone now")
        .expect("moved once nobody else uses it");
    assert_eq!(std::fs::read(&moved).expect("moved"), bytes);
}

#[test]
fn a_database_from_a_newer_tutor_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let mut s = open(dir.path());
        s.record(&item("ann", "u1", T0, true), &scheduler())
            .expect("record");
        s.conn
            .pragma_update(None, "user_version", 99)
            .expect("set version");
    }
    let db = dir.path().join(DB_FILE);
    let before = std::fs::read(&db).expect("read");
    let err = Store::open(dir.path(), T0)
        .err()
        .expect("a newer schema is refused");
    assert!(
        matches!(err, StoreError::Newer { found: 99, .. }),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("newer tutor") && msg.contains("left untouched"),
        "{msg}"
    );
    assert_eq!(std::fs::read(&db).expect("read"), before, "byte-identical");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(
        names,
        [DB_FILE, LOCK_FILE],
        "nothing moved aside or left behind but the use lock"
    );
}

#[test]
fn a_data_directory_that_cannot_be_created_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("plain-file");
    std::fs::write(&file, "x").expect("write");
    let err = Store::open(&file.join("data"), T0)
        .err()
        .expect("a file is not a directory");
    assert!(matches!(err, StoreError::Dir { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("cannot use the data directory"),
        "{err}"
    );
    assert_eq!(std::fs::read(&file).expect("read"), b"x");
}

#[test]
fn a_directory_in_place_of_the_database_is_an_error_not_a_move() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join(DB_FILE)).expect("mkdir");
    std::fs::write(dir.path().join(DB_FILE).join("keep"), "k").expect("write");
    let err = Store::open(dir.path(), T0)
        .err()
        .expect("cannot open a directory");
    assert!(!err.is_corrupt(), "{err:?}");
    assert_eq!(
        std::fs::read(dir.path().join(DB_FILE).join("keep")).expect("kept"),
        b"k"
    );
}

#[test]
fn user_names_are_checked() {
    for ok in ["ann", "a", "bob-2", "x.y_z", "0", &"a".repeat(32)] {
        assert_eq!(valid_user(ok).expect("valid"), ok);
    }
    for bad in [
        "",
        "Alice",
        "../etc",
        "a/b",
        "a\\b",
        "-oProxyCommand",
        ".",
        "..",
        "_",
        "a b",
        "ann\n",
        "é",
        "\u{1b}[31mred",
        &"a".repeat(33),
        &"a".repeat(200),
    ] {
        let err = valid_user(bad).expect_err(bad);
        assert!(matches!(err, StoreError::BadUser(_)), "{bad:?}");
        let msg = err.to_string();
        assert!(msg.starts_with("invalid user name"), "{msg}");
        assert!(
            !msg.contains('\u{1b}'),
            "escape sequences are removed: {msg:?}"
        );
    }
}

#[test]
fn utc_stamps_are_gregorian_dates() {
    assert_eq!(utc_stamp(0), "19700101T000000Z");
    assert_eq!(utc_stamp(T0), "20270115T080000Z");
    assert_eq!(utc_stamp(951_786_061_000), "20000229T010101Z");
    assert_eq!(utc_stamp(4_102_444_799_999), "20991231T235959Z");
    assert_eq!(utc_stamp(-1), "19691231T235959Z");
    assert_eq!(civil_from_days(0), (1970, 1, 1));
    assert_eq!(civil_from_days(-1), (1969, 12, 31));
    assert_eq!(civil_from_days(11_016), (2000, 2, 29));
}

fn sqlite_error(extended: i32, msg: &str) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(extended), Some(msg.to_owned()))
}

#[test]
fn sqlite_errors_are_classified() {
    let p = Path::new("/x/tutor.db");
    let kind = |code: i32, msg: &str| StoreError::from_sql(p, sqlite_error(code, msg));
    assert!(
        kind(
            rusqlite::ffi::SQLITE_CORRUPT,
            "database disk image is malformed"
        )
        .is_corrupt()
    );
    assert!(kind(rusqlite::ffi::SQLITE_NOTADB, "file is not a database").is_corrupt());
    assert!(matches!(
        kind(rusqlite::ffi::SQLITE_FULL, "database or disk is full"),
        StoreError::Full { .. }
    ));
    assert!(matches!(
        kind(
            rusqlite::ffi::SQLITE_READONLY,
            "attempt to write a readonly database"
        ),
        StoreError::ReadOnly { .. }
    ));
    assert!(matches!(
        kind(
            rusqlite::ffi::SQLITE_CANTOPEN,
            "unable to open database file"
        ),
        StoreError::ReadOnly { .. }
    ));
    assert!(matches!(
        kind(rusqlite::ffi::SQLITE_BUSY, "database is locked"),
        StoreError::Sql { .. }
    ));
    let full = kind(rusqlite::ffi::SQLITE_FULL, "database or disk is full").to_string();
    assert!(full.contains("disk is full"), "{full}");
}

/// A write refused by the file size limit (RLIMIT_FSIZE, EFBIG) comes back from SQLite as
/// SQLITE_IOERR_WRITE with the message "disk I/O error": the word "write" is only in the
/// extended code, so the message match in `StoreError::from_sql` never fires.
#[test]
fn a_failed_write_is_reported_as_a_full_disk() {
    let e = StoreError::from_sql(
        Path::new("/x/tutor.db"),
        sqlite_error(rusqlite::ffi::SQLITE_IOERR_WRITE, "disk I/O error"),
    );
    assert!(matches!(e, StoreError::Full { .. }), "{e:?}");
}
