//! A compiled-course cache, so that a large course does not pay for YAML parsing and checking
//! on every start.
//!
//! The key is a hash of the tutor version and every YAML text; the entry holds the course that
//! passed `check` with no error, as JSON (serde_json parses an order of magnitude faster than
//! YAML here). The document is compared on every hit. Any cache failure falls back to loading
//! from YAML: the cache can be deleted at any time.

use super::diag::Diagnostic;
use super::load::{self, Origin};
use super::spec::Compiled;
use super::{Course, FILES, check};
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
    let path = cache_dir
        .filter(|_| errors.is_empty())
        .map(|dir| dir.join(format!("{:016x}.json", key(&texts))));
    if let Some(course) = path.as_deref().and_then(|p| hit(origin, p)) {
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
    let stored = path.is_some_and(|p| store(&course, &p).is_ok());
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

fn hit(origin: &Origin, path: &Path) -> Option<Course> {
    let bytes = std::fs::read(path).ok()?;
    let e: Compiled = serde_json::from_slice(&bytes).ok()?;
    let current = load::read_document(origin, &e.document.0).ok()?;
    (current == e.document.1).then(|| Course::from_compiled(e))
}

/// Writes the entry atomically (temporary file, then rename), so readers never see half.
fn store(course: &Course, path: &Path) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let e = Compiled {
        meta: course.meta.clone(),
        glossary: course.glossary.clone(),
        lessons: course.lessons.clone(),
        items: course.items.clone(),
        cases: course.cases.clone(),
        document: course.document.clone(),
    };
    let json = serde_json::to_vec(&e).map_err(std::io::Error::other)?;
    let tmp: PathBuf = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, json)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy_default(dir: &Path) {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/metastatic-breast-cancer");
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
}
