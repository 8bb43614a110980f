//! Progress that survives anything: one SQLite database per data directory, in WAL mode so
//! several processes and sessions share it, each answer committed in its own transaction.
//!
//! A corrupt database is moved aside with a timestamped name and a fresh one is started, but
//! only by a process that proves it is the database's only user (`lock`); a database from a
//! newer tutor is refused and left untouched. Readers open it read-only. Nothing here deletes
//! learner data except `reset`, which the user asks for.

mod aside;
mod attempt;
mod error;
mod lock;
mod open;
mod review;
pub mod schema;

pub use attempt::{Attempt, Mode};
pub use error::StoreError;
pub use lock::LOCK_FILE;
pub use open::Opened;
pub use review::Summary;

use lock::UseLock;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// File name of the database inside the data directory.
pub const DB_FILE: &str = "tutor.db";

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
