//! Moving a damaged database out of the way, never over an earlier copy. Only `open` calls
//! this, once it has proved this process is the database's only user.

use super::{DB_FILE, StoreError};
use std::path::{Path, PathBuf};

/// Renames `path` (and its WAL and shared-memory files) to `path.corrupt-<UTC time>`, never
/// overwriting an earlier one.
pub(super) fn move_aside(path: &Path, now_ms: i64) -> Result<PathBuf, StoreError> {
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
