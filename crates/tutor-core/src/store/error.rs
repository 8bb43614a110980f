//! What can go wrong with a progress database, in words a learner or instructor can act on.

use rusqlite::ErrorCode;
use std::path::{Path, PathBuf};

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
    /// Damaged, but another process has it open: moving it aside would pull it from under
    /// that process, so it stays where it is and nothing is saved.
    #[error(
        "the progress database {path} is damaged ({detail}); another tutor process is using it, so it was left in place and nothing can be saved until every tutor using it has stopped"
    )]
    DamagedInUse { path: PathBuf, detail: String },
    #[error(
        "the progress database {path} was written by an older tutor (schema {found}; this one reads {known}); start a quiz or the tutor on it once to upgrade it"
    )]
    Older {
        path: PathBuf,
        found: u32,
        known: u32,
    },
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
    #[error("invalid user name {0:?}: use 1 to 32 of a-z, 0-9, _ . - with a letter or digit")]
    BadUser(String),
}

impl StoreError {
    pub(crate) fn from_sql(path: &Path, e: rusqlite::Error) -> StoreError {
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
