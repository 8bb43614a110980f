//! Progress that survives anything: one SQLite database per data directory, in WAL mode so
//! several processes and sessions share it, each answer committed in its own transaction.
//!
//! An unreadable or corrupt database is moved aside with a timestamped name and a fresh one is
//! started; a database from a newer tutor is refused and left untouched. Nothing here deletes
//! learner data except `reset`, which the user asks for.

mod attempt;
mod review;
pub mod schema;

pub use attempt::{Attempt, Mode};
pub use review::Summary;

use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// File name of the database inside the data directory.
pub const DB_FILE: &str = "tutor.db";

/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot use the data directory {dir}: {source}")]
    Dir {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the progress database {path} was written by a newer tutor (schema {found}; this one knows up to {known}); it was left untouched: use the newer tutor or another --data-dir"
    )]
    Newer {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    #[error("the progress database {path} is corrupt: {detail}")]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "the progress database {path} cannot be written: the disk is full, a file size limit was reached, or the disk failed"
    )]
    Full { path: PathBuf },
    #[error("the progress database {path} cannot be written: {detail}")]
    ReadOnly { path: PathBuf, detail: String },
    #[error("the progress database {path}: {source}")]
    Sql {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("invalid user name {0:?}: use 1 to 32 of a-z, 0-9, _ . -")]
    BadUser(String),
}

impl StoreError {
    fn from_sql(path: &Path, e: rusqlite::Error) -> StoreError {
        let path = path.to_owned();
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Corrupt {
                path,
                detail: e.to_string(),
            },
            Some(ErrorCode::DiskFull) => StoreError::Full { path },
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                StoreError::ReadOnly {
                    path,
                    detail: e.to_string(),
                }
            }
            // A file size limit (RLIMIT_FSIZE, EFBIG) shows as SQLITE_IOERR_WRITE, whose
            // message is only "disk I/O error": look at the extended code.
            Some(ErrorCode::SystemIoFailure)
                if matches!(&e, rusqlite::Error::SqliteFailure(f, _)
                    if f.extended_code == rusqlite::ffi::SQLITE_IOERR_WRITE) =>
            {
                StoreError::Full { path }
            }
            _ => StoreError::Sql { path, source: e },
        }
    }

    pub fn is_corrupt(&self) -> bool {
        matches!(self, StoreError::Corrupt { .. })
    }
}

/// Checks a learner name: `[a-z0-9_.-]`, 1 to 32 characters. Names are stored, never used to
/// build a path.
pub fn valid_user(name: &str) -> Result<&str, StoreError> {
    let ok = (1..=32).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_.-".contains(&b))
        && !name.starts_with('-');
    if ok {
        Ok(name)
    } else {
        Err(StoreError::BadUser(crate::text::sanitize(name)))
    }
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// A store and, when the previous database was unreadable, where it was moved.
pub struct Opened {
    pub store: Store,
    pub moved_aside: Option<PathBuf>,
}

impl Store {
    /// Opens (creating or migrating) the database in `dir`. A corrupt database is moved aside
    /// and a fresh one started; `moved_aside` says where the old one went.
    pub fn open(dir: &Path, now_ms: i64) -> Result<Opened, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Dir {
            dir: dir.to_owned(),
            source,
        })?;
        let path = dir.join(DB_FILE);
        match Store::open_file(&path) {
            Err(e) if e.is_corrupt() => {
                let moved = move_aside(&path, now_ms)?;
                let store = Store::open_file(&path)?;
                Ok(Opened {
                    store,
                    moved_aside: Some(moved),
                })
            }
            other => other.map(|store| Opened {
                store,
                moved_aside: None,
            }),
        }
    }

    fn open_file(path: &Path) -> Result<Store, StoreError> {
        let sql = |e| StoreError::from_sql(path, e);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(sql)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sql)?;
        // Reading the header first tells a foreign or damaged file from a database.
        let version: u32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(sql)?;
        if version > schema::current() {
            // Closing the last connection would checkpoint a pending log into the file.
            let mut wal = path.as_os_str().to_owned();
            wal.push("-wal");
            if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
                let _ = conn.set_db_config(
                    rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
                    true,
                );
            }
            return Err(StoreError::Newer {
                path: path.to_owned(),
                found: version,
                known: schema::current(),
            });
        }
        // WAL lets readers and one writer work at once across processes; FULL syncs the log
        // on every commit, so an acknowledged answer survives a power cut, not just a crash.
        // Switching to WAL needs an exclusive lock and SQLite does not call the busy handler
        // for it: two processes creating the database at once get SQLITE_BUSY. Retry.
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        loop {
            match conn.pragma_update(None, "journal_mode", "WAL") {
                Err(e)
                    if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                        && std::time::Instant::now() < deadline =>
                {
                    std::thread::sleep(Duration::from_millis(5));
                }
                r => break r.map_err(sql)?,
            }
        }
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(sql)?;
        let mut store = Store {
            conn,
            path: path.to_owned(),
        };
        store.migrate(version)?;
        // Touch every table once so a damaged schema shows now, not mid-quiz.
        store
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM sqlite_master), (SELECT max(id) FROM attempts)",
                [],
                |_| Ok(()),
            )
            .map_err(sql)?;
        // A file cut inside a page still opens and the touch above may not reach the cut;
        // when the size is not what the header promises, check the whole file once (a full
        // check: quick_check misses index rows lost with the cut). A log that still holds
        // the missing pages passes, so a crash during a checkpoint is not taken for damage.
        if looks_truncated(path) {
            store.integrity_check()?;
        }
        Ok(store)
    }

    fn migrate(&mut self, from: u32) -> Result<(), StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::from_sql(&path, e);
        if from == schema::current() {
            return Ok(());
        }
        let tx = self
            .conn
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

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::from_sql(&self.path, e)
    }

    /// Moves this (corrupt) database aside and starts a fresh one in its place; returns where
    /// the old one went.
    pub fn recover(&mut self, now_ms: i64) -> Result<PathBuf, StoreError> {
        let fresh = Connection::open_in_memory().map_err(|e| self.err(e))?;
        drop(std::mem::replace(&mut self.conn, fresh));
        let moved = move_aside(&self.path, now_ms)?;
        *self = Store::open_file(&self.path)?;
        Ok(moved)
    }

    /// Runs SQLite's full integrity check; `Ok(())` when it says "ok".
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        let r: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if r == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt {
                path: self.path.clone(),
                detail: r,
            })
        }
    }
}

/// Whether the database file is shorter than its header says, or not a whole number of
/// pages: what a copy or download that stopped short leaves.
fn looks_truncated(path: &Path) -> bool {
    use std::io::Read;
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(len) = f.metadata().map(|m| m.len()) else {
        return false;
    };
    let mut h = [0u8; 100];
    if f.read_exact(&mut h).is_err() {
        return false;
    }
    let page = match u16::from_be_bytes([h[16], h[17]]) {
        1 => 65_536,
        p => u64::from(p),
    };
    if page < 512 {
        return false;
    }
    let pages = u64::from(u32::from_be_bytes([h[28], h[29], h[30], h[31]]));
    // The header's page count is valid when the change counter matches version-valid-for.
    let counted = h[24..28] == h[92..96] && pages > 0;
    !len.is_multiple_of(page) || (counted && pages * page > len)
}

/// Renames `path` (and its WAL and shared-memory files) to `path.corrupt-<UTC time>`, never
/// overwriting an earlier one.
fn move_aside(path: &Path, now_ms: i64) -> Result<PathBuf, StoreError> {
    let stamp = crate::time::utc_stamp(now_ms);
    let dir_err = |source| StoreError::Dir {
        dir: path.parent().unwrap_or(Path::new(".")).to_owned(),
        source,
    };
    let mut n = 0;
    let target = loop {
        let suffix = if n == 0 {
            String::new()
        } else {
            format!("-{n}")
        };
        let t = path.with_file_name(format!("{DB_FILE}.corrupt-{stamp}{suffix}"));
        if !t.exists() {
            break t;
        }
        n += 1;
    };
    std::fs::rename(path, &target).map_err(dir_err)?;
    for ext in ["-wal", "-shm"] {
        let side = path.with_file_name(format!("{DB_FILE}{ext}"));
        if side.exists() {
            let to = target.with_file_name(format!(
                "{}{ext}",
                target
                    .file_name()
                    .map_or_else(String::new, |f| f.to_string_lossy().into_owned())
            ));
            std::fs::rename(&side, to).map_err(dir_err)?;
        }
    }
    Ok(target)
}

#[cfg(test)]
mod tests;
