//! A compiled-course cache, so that a large course does not pay for YAML parsing and checking
//! on every start.
//!
//! The key is a hash of the tutor version and every YAML text; the entry holds the course that
//! passed `check` with no error, as JSON (serde_json parses an order of magnitude faster than
//! YAML here). The document is compared on every hit. Any cache failure falls back to loading
//! from YAML: the cache can be deleted at any time.
//!
//! An entry is never trusted as found. It is the line `tutor-cache 1 KEY SUM`, then the JSON;
//! on a hit the key must be the one computed from the course's texts and the sum the hash of the
//! key and the JSON, so a truncated, edited or misplaced entry is a miss and is rebuilt. A sum
//! anyone can compute does not stop a deliberate forger, so an entry must also be a plain file
//! (no link, FIFO or device: see [`super::fsread`]) that only its owner can read or write (mode
//! `0600`, as it is written): read successfully, such a file belongs to the reader, and whoever
//! can write as the reader needs no cache to fool them.

use super::diag::Diagnostic;
use super::load::{self, Origin};
use super::spec::Compiled;
use super::{Course, FILES, check, fsread};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

/// Whether a load used the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    Hit,
    /// Loaded from YAML and checked; `stored` when the entry was written.
    Miss {
        stored: bool,
    },
}

/// Why a course was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Files missing, unreadable, or not of the course format.
    Unreadable(Vec<Diagnostic>),
    /// Read, but `check` found errors (only the errors are kept).
    Invalid(Vec<Diagnostic>),
}

/// A checked course: from the cache in `cache_dir` when its files are unchanged, otherwise
/// loaded and checked, then cached when it has no errors.
pub fn load_checked(origin: &Origin, cache_dir: Option<&Path>) -> Result<(Course, Use), Refused> {
    let (texts, errors) = load::read_texts(origin);
    let key = key(&texts);
    let path = cache_dir
        .filter(|_| errors.is_empty())
        .map(|dir| dir.join(format!("{key:016x}.json")));
    if let Some(course) = path.as_deref().and_then(|p| hit(origin, p, key)) {
        return Ok((course, Use::Hit));
    }
    let course = load::from_texts(origin, texts, errors).map_err(Refused::Unreadable)?;
    let report = check::run(&course);
    if report.has_errors() {
        let errors = report
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        return Err(Refused::Invalid(errors));
    }
    let stored = path.is_some_and(|p| store(&course, &p, key).is_ok());
    Ok((course, Use::Miss { stored }))
}

fn key(texts: &load::Texts) -> u64 {
    let mut h = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    for name in FILES {
        name.hash(&mut h);
        texts.get(name).hash(&mut h);
    }
    h.finish()
}

/// Largest cache entry read: every course file and the document, with room for JSON escapes.
const MAX_ENTRY_BYTES: u64 = 16 * load::MAX_FILE_BYTES;

/// First word of an entry's header line, with the format version.
const MAGIC: &str = "tutor-cache 1";

/// Hash of an entry's key and body, stored in its header.
fn sum(key: u64, body: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    MAGIC.hash(&mut h);
    key.hash(&mut h);
    body.hash(&mut h);
    h.finish()
}

/// Whether only the owner may read or write the entry.
#[cfg(unix)]
fn private(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o077 == 0
}

#[cfg(not(unix))]
fn private(_: &std::fs::Metadata) -> bool {
    true
}

/// The body of the entry at `path` when its header matches `key` and its sum.
fn verified(path: &Path, key: u64) -> Option<Vec<u8>> {
    let (file, meta) = fsread::open_plain(path).ok()??;
    if !private(&meta) {
        return None;
    }
    let bytes = fsread::read_opened(file, &meta, MAX_ENTRY_BYTES).ok()?;
    let newline = bytes.iter().position(|&b| b == b'\n')?;
    let (header, body) = (
        std::str::from_utf8(&bytes[..newline]).ok()?,
        &bytes[newline + 1..],
    );
    let rest = header.strip_prefix(MAGIC)?;
    let mut words = rest.split_whitespace();
    let stored_key = u64::from_str_radix(words.next()?, 16).ok()?;
    let stored_sum = u64::from_str_radix(words.next()?, 16).ok()?;
    let whole = words.next().is_none() && stored_key == key && stored_sum == sum(key, body);
    whole.then(|| body.to_vec())
}

fn hit(origin: &Origin, path: &Path, key: u64) -> Option<Course> {
    let body = verified(path, key)?;
    let e: Compiled = serde_json::from_slice(&body).ok()?;
    let current = load::read_document(origin, &e.document.0).ok()?;
    (current == e.document.1).then(|| Course::from_compiled(e))
}

/// Writes the entry atomically (temporary file, then rename), so readers never see half.
fn store(course: &Course, path: &Path, key: u64) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let e = Compiled {
        meta: course.meta.clone(),
        glossary: course.glossary.clone(),
        lessons: course.lessons.clone(),
        items: course.items.to_vec(),
        cases: course.cases.to_vec(),
        document: course.document.clone(),
    };
    let json = serde_json::to_vec(&e).map_err(std::io::Error::other)?;
    let header = format!("{MAGIC} {key:016x} {:016x}\n", sum(key, &json));
    let tmp: PathBuf = path.with_extension(format!("tmp{}", std::process::id()));
    let written = write_private(&tmp, &[header.as_bytes(), &json]);
    written
        .and_then(|()| std::fs::rename(&tmp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
}

/// Writes a new file that only its owner can read or write. Whatever was at `path` is removed,
/// not written through: it may be a link someone else placed there.
fn write_private(path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    use std::io::Write;
    let _ = std::fs::remove_file(path);
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let mut f = o.open(path)?;
    for p in parts {
        f.write_all(p)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy_default(dir: &Path) {
        let src =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/metastatic-breast-cancer");
        for e in std::fs::read_dir(src).expect("content dir") {
            let e = e.expect("entry");
            std::fs::copy(e.path(), dir.join(e.file_name())).expect("copy");
        }
    }

    #[test]
    fn second_load_hits_and_an_edit_misses() {
        let course_dir = tempfile::tempdir().expect("tempdir");
        let cache = tempfile::tempdir().expect("tempdir");
        copy_default(course_dir.path());
        let origin = Origin::Dir(course_dir.path().to_owned());
        let (first, u1) = load_checked(&origin, Some(cache.path())).expect("loads");
        assert_eq!(u1, Use::Miss { stored: true });
        let (second, u2) = load_checked(&origin, Some(cache.path())).expect("loads");
        assert_eq!(u2, Use::Hit);
        assert_eq!(first.items.len(), second.items.len());
        assert_eq!(first.document, second.document);

        // Editing the document alone invalidates the entry.
        let doc = course_dir.path().join("source.txt");
        let mut text = std::fs::read_to_string(&doc).expect("doc");
        text.push_str(" Extra.");
        std::fs::write(&doc, text).expect("write");
        assert!(load_checked(&origin, Some(cache.path())).is_err());
    }

    #[test]
    fn a_corrupt_entry_is_a_miss() {
        let course_dir = tempfile::tempdir().expect("tempdir");
        let cache = tempfile::tempdir().expect("tempdir");
        copy_default(course_dir.path());
        let origin = Origin::Dir(course_dir.path().to_owned());
        load_checked(&origin, Some(cache.path())).expect("loads");
        for e in std::fs::read_dir(cache.path()).expect("cache") {
            std::fs::write(e.expect("entry").path(), b"{not json").expect("corrupt");
        }
        let (_, u) = load_checked(&origin, Some(cache.path())).expect("loads");
        assert_eq!(u, Use::Miss { stored: true });
    }

    /// The only entry in `cache`.
    fn entry(cache: &Path) -> PathBuf {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(cache)
            .expect("cache")
            .map(|e| e.expect("entry").path())
            .collect();
        assert_eq!(entries.len(), 1, "{entries:?}");
        entries.remove(0)
    }

    /// A cached course after `tamper` changed its entry: not a hit, and the course is the one
    /// its files say.
    fn rebuilt_after(tamper: impl FnOnce(&Path)) {
        let course_dir = tempfile::tempdir().expect("tempdir");
        let cache = tempfile::tempdir().expect("tempdir");
        copy_default(course_dir.path());
        let origin = Origin::Dir(course_dir.path().to_owned());
        let (original, _) = load_checked(&origin, Some(cache.path())).expect("loads");
        tamper(&entry(cache.path()));
        let (course, u) = load_checked(&origin, Some(cache.path())).expect("loads");
        assert_eq!(u, Use::Miss { stored: true });
        assert_eq!(course.items[0].explanation, original.items[0].explanation);
        // Rebuilt: the next load hits again.
        let (_, u) = load_checked(&origin, Some(cache.path())).expect("loads");
        assert_eq!(u, Use::Hit);
    }

    #[test]
    fn an_edited_entry_is_not_trusted() {
        rebuilt_after(|p| {
            let text = std::fs::read_to_string(p).expect("entry");
            let (_, json) = text.split_once('\n').expect("header");
            let mut v: serde_json::Value = serde_json::from_str(json).expect("json");
            v["items"][0]["explanation"] = "Tampered \u{1b}[31m".into();
            let json = serde_json::to_string(&v).expect("json");
            let header = text.lines().next().expect("header");
            std::fs::write(p, format!("{header}\n{json}")).expect("tamper");
        });
    }

    #[test]
    fn an_entry_without_its_header_is_not_trusted() {
        // What an entry looked like before it carried a sum: valid JSON of a whole course.
        rebuilt_after(|p| {
            let text = std::fs::read_to_string(p).expect("entry");
            let (_, json) = text.split_once('\n').expect("header");
            std::fs::write(p, json).expect("strip header");
        });
    }

    #[test]
    fn a_truncated_entry_is_not_trusted() {
        rebuilt_after(|p| {
            let bytes = std::fs::read(p).expect("entry");
            std::fs::write(p, &bytes[..bytes.len() / 2]).expect("truncate");
        });
    }

    #[cfg(unix)]
    #[test]
    fn an_entry_others_may_write_is_not_trusted() {
        use std::os::unix::fs::PermissionsExt;
        rebuilt_after(|p| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o666)).expect("chmod");
        });
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_in_place_of_an_entry_is_a_miss() {
        rebuilt_after(|p| {
            std::fs::remove_file(p).expect("remove");
            let made = std::process::Command::new("mkfifo").arg(p).status();
            assert!(made.expect("mkfifo").success());
        });
    }
}
