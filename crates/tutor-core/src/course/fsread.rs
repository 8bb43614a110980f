//! Reading a file that someone else may have prepared: a course file, or a cache entry.
//!
//! Every decision is taken on the opened file, not on its path, so that nothing can be swapped
//! in between a check and the read:
//!
//! - The file is opened without blocking (`O_NONBLOCK`): a FIFO in place of a file would
//!   otherwise block the open forever. What was opened must then be a regular file (no FIFO,
//!   device, socket or folder).
//! - Symbolic links are refused: the path is examined with `lstat` before opening, and the
//!   opened file must have the same device and inode (a file swapped for a link in between
//!   opens another inode).
//! - Hard links are refused: a file with more than one link may be another name of a file
//!   outside the folder (`ln /home/me/.ssh/id_ed25519 course/source.txt`), and no check on the
//!   folder can tell where the other names are (device and inode say only that they are on
//!   the same file system, which every hard link is). Course files are plain copies.
//! - Nothing is read from a refused file, so no message can show its bytes.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

/// Why a file was refused or could not be read; the message never quotes its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Not a plain file: symbolic link, hard link, FIFO, device, socket or folder.
    Refused(String),
    /// Larger than the limit.
    TooLarge(u64),
    Io(String),
}

#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut o = std::fs::OpenOptions::new();
    o.read(true).custom_flags(libc::O_NONBLOCK);
    o.open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// Same file: device and inode (on unix); elsewhere only the kind is compared.
#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    a.is_file() == b.is_file()
}

#[cfg(unix)]
fn links(m: &Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(m)
}

#[cfg(not(unix))]
fn links(_: &Metadata) -> u64 {
    1
}

/// Opens `path` for reading if it is a plain file: regular, not a symbolic link, one link.
/// `Ok(None)` when nothing is there.
pub fn open_plain(path: &Path) -> Result<Option<(File, Metadata)>, ReadError> {
    let shown = path.display();
    let link = || {
        ReadError::Refused(format!(
            "{shown} is a symbolic link; course files must be plain files"
        ))
    };
    // lstat, open, fstat, then compare: whatever the path named when it was examined is what
    // was opened, or the file is refused.
    let named = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(ReadError::Io(format!("cannot read {shown}: {e}"))),
    };
    if named.file_type().is_symlink() {
        return Err(link());
    }
    let not_regular = || ReadError::Refused(format!("{shown} is not a regular file"));
    // Refused before opening too, so a device is never opened (belt and braces,
    // this is also what keeps a FIFO from blocking, racily).
    if !named.is_file() {
        return Err(not_regular());
    }
    let file = match open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(ReadError::Io(format!("cannot open {shown}: {e}"))),
    };
    let meta = file
        .metadata()
        .map_err(|e| ReadError::Io(format!("cannot read {shown}: {e}")))?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    if !same_file(&meta, &named) {
        return Err(ReadError::Refused(format!(
            "{shown} was replaced while it was opened"
        )));
    }
    let n = links(&meta);
    if n > 1 {
        return Err(ReadError::Refused(format!(
            "{shown} has {n} hard links (it may be another name of a file outside the folder); course files must be plain copies"
        )));
    }
    Ok(Some((file, meta)))
}

/// The bytes of an opened plain file, at most `limit` of them.
pub fn read_opened(file: File, meta: &Metadata, limit: u64) -> Result<Vec<u8>, ReadError> {
    if meta.len() > limit {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Read one byte past the limit so a file that grew since `metadata` is still refused.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// [`open_plain`] then [`read_opened`].
pub fn read_plain(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, ReadError> {
    match open_plain(path)? {
        Some((file, meta)) => read_opened(file, &meta, limit).map(Some),
        None => Ok(None),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("items.yaml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let start = Instant::now();
        let r = read_plain(&fifo, 1024);
        assert!(start.elapsed() < Duration::from_secs(2));
        assert!(
            matches!(&r, Err(ReadError::Refused(m)) if m.contains("not a regular file")),
            "{r:?}"
        );
    }

    /// The flag's value is right: opening a FIFO with no writer returns at once.
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    #[test]
    fn opening_a_fifo_does_not_block() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("f");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.expect("mkfifo").success());
        let (tx, rx) = std::sync::mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || {
            let _ = tx.send(open(&path).map(|_| ()).map_err(|e| e.to_string()));
        });
        let opened = rx.recv_timeout(Duration::from_secs(5));
        if opened.is_err() {
            // Unblock the thread before failing.
            let _ = std::fs::OpenOptions::new().write(true).open(&fifo);
        }
        assert_eq!(opened, Ok(Ok(())));
    }

    #[test]
    fn links_are_refused_and_plain_files_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let plain = dir.path().join("a");
        std::fs::write(&plain, b"secret").expect("write");
        assert_eq!(read_plain(&plain, 100), Ok(Some(b"secret".to_vec())));
        assert_eq!(read_plain(&dir.path().join("none"), 100), Ok(None));
        assert_eq!(read_plain(&plain, 3), Err(ReadError::TooLarge(6)));

        let hard = dir.path().join("b");
        std::fs::hard_link(&plain, &hard).expect("hard link");
        let r = read_plain(&hard, 100);
        assert!(
            matches!(&r, Err(ReadError::Refused(m)) if m.contains("2 hard links")),
            "{r:?}"
        );
        std::fs::remove_file(&hard).expect("unlink");

        let soft = dir.path().join("c");
        std::os::unix::fs::symlink(&plain, &soft).expect("symlink");
        let r = read_plain(&soft, 100);
        assert!(
            matches!(&r, Err(ReadError::Refused(m)) if m.contains("symbolic link")),
            "{r:?}"
        );
        let dangling = dir.path().join("d");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).expect("symlink");
        assert!(matches!(
            read_plain(&dangling, 100),
            Err(ReadError::Refused(_))
        ));
        assert!(matches!(
            read_plain(Path::new("/dev/null"), 100),
            Err(ReadError::Refused(_))
        ));
        assert!(matches!(
            read_plain(dir.path(), 100),
            Err(ReadError::Refused(_))
        ));
    }
}
