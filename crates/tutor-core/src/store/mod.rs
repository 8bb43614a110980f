//! Progress that survives anything: one SQLite database per data directory, in WAL mode so
//! several processes and sessions share it, each answer committed in its own transaction.
//!
//! A corrupt database is moved aside with a timestamped name and a fresh one is started, but
//! only by a process that proves it is the database's only user (`lock`); a database from a
//! newer tutor is refused and left untouched. Readers open it read-only. Nothing here deletes
//! learner data except `reset`, which the user asks for.

mod aside;
mod attempt;
mod drill;
mod error;
mod lock;
mod open;
mod review;
mod saved;
pub mod schema;

pub use attempt::{Attempt, Mode};
pub use drill::DrillRecord;
pub use error::StoreError;
pub use lock::LOCK_FILE;
pub use open::Opened;
pub use review::Summary;
pub use saved::SavedQuiz;

use lock::UseLock;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// File name of the database inside the data directory.
pub const DB_FILE: &str = "tutor.db";

/// Checks a learner name: `[a-z0-9_.-]`, 1 to 32 characters with a letter or digit among
/// them, not starting with `-`. Names are stored, never used to build a path, but `.` and
/// `..` would read as one in a report's labels and a log.
pub fn valid_user(name: &str) -> Result<&str, StoreError> {
    let ok = (1..=32).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_.-".contains(&b))
        && !name.starts_with('-')
        && name.bytes().any(|b| b.is_ascii_alphanumeric());
    if ok {
        Ok(name)
    } else {
        Err(StoreError::BadUser(crate::text::sanitize(name)))
    }
}

/// A valid learner name made from a login name that is not one (`José` → `jose`,
/// `Jean Luc` → `jean_luc`), the same every time: accents dropped, upper case lowered, other
/// characters `_`. A name with no Latin letter or digit left becomes `user-` and a hash of it.
pub fn profile_name_from(login: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let mut name = String::new();
    for c in login.nfkd().filter(|c| !is_combining_mark(*c)) {
        let c = c.to_ascii_lowercase();
        let keep = c.is_ascii_lowercase() || c.is_ascii_digit() || "_.-".contains(c);
        if name.len() < 32 {
            name.push(if keep { c } else { '_' });
        }
    }
    let name = name.trim_start_matches('-');
    if name.bytes().any(|b| b.is_ascii_alphanumeric()) && valid_user(name).is_ok() {
        return name.to_owned();
    }
    // FNV-1a: stable across versions and platforms, unlike std's hasher.
    let hash = login.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("user-{:08x}", hash >> 32)
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Held as long as the connection is open: this store is one of the database's users.
    lock: UseLock,
}

impl Store {
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::from_sql(&self.path, e)
    }
}

#[cfg(test)]
mod tests;
