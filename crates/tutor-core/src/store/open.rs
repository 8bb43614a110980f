//! Opening a store: writers create and migrate, readers only read, and a damaged database is
//! moved aside only by its only user.
//!
//! Nothing here opens `tutor.db`, `-wal` or `-shm` with a descriptor of its own: SQLite's
//! locks belong to the process, and closing any other descriptor of the file would drop them
//! under every connection this process has (see `lock`). Sizes come from `metadata` and
//! from the connection.

use super::lock::UseLock;
use super::{DB_FILE, Store, StoreError, schema};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A store and, when the previous database was unreadable, where it was moved.
pub struct Opened {
    pub store: Store,
    pub moved_aside: Option<PathBuf>,
}

impl Store {
    /// Opens (creating or migrating) the database in `dir` for writing. A corrupt database is
    /// moved aside and a fresh one started when this process is its only user
    /// (`moved_aside` says where it went); otherwise the damage is an error and the database
    /// stays where it is.
    pub fn open(dir: &Path, now_ms: i64) -> Result<Opened, StoreError> {
        let dir_err = |source| StoreError::Dir {
            dir: dir.to_owned(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(dir_err)?;
        let lock = UseLock::shared(dir).map_err(dir_err)?;
        let path = dir.join(DB_FILE);
        let (conn, moved_aside) = match connect_writer(&path) {
            Ok(conn) => (conn, None),
            Err(e) if e.is_corrupt() => {
                let moved = move_aside_if_alone(&lock, &path, now_ms, e)?;
                (connect_writer(&path)?, moved)
            }
            Err(e) => return Err(e),
        };
        let store = Store { conn, path, lock };
        Ok(Opened { store, moved_aside })
    }

    /// Opens the database in `dir` read-only: nothing is created, migrated, checkpointed or
    /// moved. `None` when no progress was ever recorded there.
    pub fn open_reader(dir: &Path) -> Result<Option<Store>, StoreError> {
        let path = dir.join(DB_FILE);
        if !path.exists() {
            return Ok(None);
        }
        let lock = UseLock::shared(dir).map_err(|source| StoreError::Dir {
            dir: dir.to_owned(),
            source,
        })?;
        let sql = |e| StoreError::from_sql(&path, e);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags).map_err(sql)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sql)?;
        // A reader that closes last must not fold the log into the file.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
            .map_err(sql)?;
        let version = user_version(&conn, &path)?;
        if version == 0 && table_count(&conn, &path)? == 0 {
            return Ok(None);
        }
        let (found, known) = (version, schema::current());
        if found > known {
            return Err(StoreError::Newer { path, found, known });
        }
        if found < schema::READABLE_FROM {
            return Err(StoreError::Older { path, found, known });
        }
        touch_tables(&conn, &path)?;
        if looks_truncated(&conn, &path)? {
            integrity_check(&conn, &path)?;
        }
        Ok(Some(Store { conn, path, lock }))
    }

    /// After a write found the database corrupt: moves it aside and starts a fresh one in its
    /// place, when this store is its only user, and returns where the old one went; `None`
    /// when a full check finds it whole after all (write again).
    ///
    /// Whatever happens, the store ends connected to the file again (the fresh one, or the
    /// damaged one left in place, whose writes keep failing until its other users have gone
    /// and a later call can move it), or to nothing that accepts a write.
    pub fn recover(&mut self, now_ms: i64) -> Result<Option<PathBuf>, StoreError> {
        // Read-only and empty: nothing written while the file is being judged can succeed.
        let nothing = Connection::open_in_memory_with_flags(OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| self.err(e))?;
        drop(std::mem::replace(&mut self.conn, nothing));
        let damage = StoreError::Corrupt {
            path: self.path.clone(),
            detail: "found damaged while recording".to_owned(),
        };
        let moved = move_aside_if_alone(&self.lock, &self.path, now_ms, damage);
        if let Ok(conn) = connect_writer(&self.path) {
            self.conn = conn;
        }
        moved
    }

    /// Runs SQLite's full integrity check; `Ok(())` when it says "ok".
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        integrity_check(&self.conn, &self.path)
    }
}

/// A read-write connection to `path`, created, in WAL mode and migrated.
fn connect_writer(path: &Path) -> Result<Connection, StoreError> {
    let sql = |e| StoreError::from_sql(path, e);
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(sql)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sql)?;
    // Reading the header first tells a foreign or damaged file from a database.
    let version = user_version(&conn, path)?;
    if version > schema::current() {
        // Closing the last connection would checkpoint a pending log into the file.
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            let _ = conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
        }
        return Err(StoreError::Newer {
            path: path.to_owned(),
            found: version,
            known: schema::current(),
        });
    }
    enter_wal(&conn, path)?;
    // FULL syncs the log on every commit, so an acknowledged answer survives a power cut,
    // not just a crash.
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(sql)?;
    migrate(&mut conn, path, version)?;
    touch_tables(&conn, path)?;
    // A file cut inside a page still opens and the touch above may not reach the cut: check
    // the whole file once (a full check: quick_check misses index rows lost with the cut).
    if looks_truncated(&conn, path)? {
        integrity_check(&conn, path)?;
    }
    Ok(conn)
}

/// WAL lets readers and one writer work at once across processes. Switching to it needs an
/// exclusive lock and SQLite does not call the busy handler for it: two processes creating
/// the database at once get SQLITE_BUSY, so retry.
fn enter_wal(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(e)
                if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            r => return r.map_err(|e| StoreError::from_sql(path, e)),
        }
    }
}

fn migrate(conn: &mut Connection, path: &Path, from: u32) -> Result<(), StoreError> {
    let sql = |e| StoreError::from_sql(path, e);
    if from == schema::current() {
        return Ok(());
    }
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(sql)?;
    // Another process may have migrated while we waited for the lock.
    let now: u32 = tx
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(sql)?;
    for m in schema::MIGRATIONS.iter().skip(now as usize) {
        tx.execute_batch(m).map_err(sql)?;
    }
    tx.pragma_update(None, "user_version", schema::current())
        .map_err(sql)?;
    tx.commit().map_err(sql)
}

fn user_version(conn: &Connection, path: &Path) -> Result<u32, StoreError> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| StoreError::from_sql(path, e))
}

fn table_count(conn: &Connection, path: &Path) -> Result<u32, StoreError> {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(|e| StoreError::from_sql(path, e))
}

/// Touches every table once so a damaged schema shows now, not mid-quiz.
fn touch_tables(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    conn.query_row(
        "SELECT (SELECT count(*) FROM sqlite_master), (SELECT max(id) FROM attempts)",
        [],
        |_| Ok(()),
    )
    .map_err(|e| StoreError::from_sql(path, e))
}

fn integrity_check(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let r: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| StoreError::from_sql(path, e))?;
    if r == "ok" {
        Ok(())
    } else {
        Err(StoreError::Corrupt {
            path: path.to_owned(),
            detail: r,
        })
    }
}

/// Whether the database file is not a whole number of pages, or (with no log to hold the
/// rest) shorter than the database the connection sees: what a copy or download that stopped
/// short leaves. The page size comes from the connection and the length from `metadata`, so
/// no second descriptor of the file is ever opened.
fn looks_truncated(conn: &Connection, path: &Path) -> Result<bool, StoreError> {
    let sql = |e| StoreError::from_sql(path, e);
    let page: u64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .map_err(sql)?;
    let pages: u64 = conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .map_err(sql)?;
    let len = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let file = len(path);
    let log_empty = len(Path::new(&wal)) == 0;
    Ok(page >= 512 && (!file.is_multiple_of(page) || (log_empty && pages * page > file)))
}

/// Moves the damaged database at `path` aside when this process, holding `lock` and no
/// connection to it, proves it is its only user; `Ok(None)` when it turned out whole once
/// every other user had let go. Otherwise the damage is reported and nothing moves.
fn move_aside_if_alone(
    lock: &UseLock,
    path: &Path,
    now_ms: i64,
    damage: StoreError,
) -> Result<Option<PathBuf>, StoreError> {
    if !lock.try_exclusive() {
        let _ = lock.share();
        let detail = match damage {
            StoreError::Corrupt { detail, .. } => detail,
            other => other.to_string(),
        };
        return Err(StoreError::DamagedInUse {
            path: path.to_owned(),
            detail,
        });
    }
    // Alone now: look again, all of it, since another process may have moved it aside
    // already, or the damage was seen through a connection that another process had broken.
    let result = match connect_writer(path).and_then(|conn| integrity_check(&conn, path)) {
        Ok(()) => Ok(None),
        Err(e) if e.is_corrupt() => super::aside::move_aside(path, now_ms).map(Some),
        Err(e) => Err(e),
    };
    let shared = lock.share().map_err(|source| StoreError::Dir {
        dir: path.parent().unwrap_or(Path::new(".")).to_owned(),
        source,
    });
    let moved = result?;
    shared?;
    Ok(moved)
}
