//! Who is using a store: every connection to `tutor.db` holds a shared `flock` on a separate
//! file, `tutor.lock`, for as long as it is open. Only a holder that can take the lock
//! exclusively is the store's only user, and only such a process may move a damaged database
//! aside.
//!
//! The lock lives in its own file on purpose: SQLite's POSIX locks on `tutor.db` belong to the
//! process, and closing any other descriptor of that file drops them all (SQLite's "How To
//! Corrupt An SQLite Database File", 2.2). `flock` locks on another file are independent of
//! them, and belong to one open file description, so two stores in one process (two sessions
//! of `tutor serve`) count as two users.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

/// File name of the use lock inside the data directory.
pub const LOCK_FILE: &str = "tutor.lock";

/// A shared claim on a store; released when dropped.
#[derive(Debug)]
pub struct UseLock {
    /// `None` when the lock file can be neither created nor opened (a read-only directory
    /// that never held one): the holder then never claims to be the only user.
    file: Option<File>,
}

impl UseLock {
    /// Takes a shared claim on the store in `dir`, waiting while a process holds it
    /// exclusively (that takes as long as moving a damaged database aside).
    pub fn shared(dir: &Path) -> std::io::Result<UseLock> {
        let file = open(&dir.join(LOCK_FILE))?;
        if let Some(f) = &file {
            f.lock_shared()?;
        }
        Ok(UseLock { file })
    }

    /// Whether this is the store's only user, proved by taking the lock exclusively. Only a
    /// holder whose database connection is already closed may ask: a failed attempt leaves
    /// it with no lock until `share` takes the shared one again (flock converts a lock by
    /// dropping it first).
    pub fn try_exclusive(&self) -> bool {
        let Some(f) = &self.file else { return false };
        match f.try_lock() {
            Ok(()) => true,
            Err(TryLockError::WouldBlock | TryLockError::Error(_)) => false,
        }
    }

    /// Back to a shared claim, after `try_exclusive`.
    pub fn share(&self) -> std::io::Result<()> {
        match &self.file {
            Some(f) => f.lock_shared(),
            None => Ok(()),
        }
    }
}

/// Opens (creating if it can) the lock file; read-only when the directory is read-only.
fn open(path: &Path) -> std::io::Result<Option<File>> {
    match OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
    {
        Ok(f) => Ok(Some(f)),
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            Ok(File::open(path).ok())
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::UseLock;

    #[test]
    fn two_claims_are_two_users_and_one_alone_is_the_only_user() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = UseLock::shared(dir.path()).expect("a");
        let b = UseLock::shared(dir.path()).expect("b");
        assert!(!a.try_exclusive(), "b still holds the store");
        a.share().expect("a shares again");
        drop(b);
        assert!(a.try_exclusive(), "a is alone now");
        let waiting = std::thread::spawn({
            let dir = dir.path().to_owned();
            move || UseLock::shared(&dir).map(|_| ())
        });
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(
            !waiting.is_finished(),
            "a shared claim waits for the exclusive one"
        );
        a.share().expect("a shares again");
        waiting.join().expect("thread").expect("claimed");
    }
}
