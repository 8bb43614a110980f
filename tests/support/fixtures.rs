//! Course fixtures under `tests/fixtures/`: the valid courses, and the invalid cases, each
//! stored as only the files it changes and laid over the tiny valid course when a test runs.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use tutor::course::Course;

/// A case file with this suffix deletes the base file of the same name (`course.yaml.deleted`
/// removes `course.yaml`); its contents are ignored.
pub const DELETED: &str = ".deleted";

/// Files of an invalid case that are not course files.
const NOT_COURSE: [&str; 1] = ["expected.txt"];

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The tiny valid course: the base every invalid case changes.
pub fn tiny() -> PathBuf {
    fixtures().join("valid/tiny")
}

/// The small invented course the screen snapshots render: five sentences, two lessons, every
/// item type and one case template.
pub fn small_dir() -> PathBuf {
    fixtures().join("valid/small")
}

pub fn small() -> Arc<Course> {
    Arc::new(Course::from_dir(small_dir()).expect("the small fixture course loads"))
}

/// The small course with its second case template, an unfolding case of two steps, laid over
/// it from `tests/fixtures/valid/small-unfolding` (only the files that differ), so the other
/// snapshots of the small course stay as they are.
pub fn small_unfolding() -> Arc<Course> {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_into(&small_dir(), dir.path());
    copy_into(&fixtures().join("valid/small-unfolding"), dir.path());
    Arc::new(Course::from_dir(dir.path()).expect("the small unfolding course loads"))
}

/// The embedded default course, for the few tests that are about its content.
pub fn embedded() -> Arc<Course> {
    Arc::new(Course::embedded().expect("embedded course"))
}

/// Copies the files of `from` into `to` (made if missing), directories whole.
pub fn copy_into(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    let entries =
        std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        let target = to.join(path.file_name().expect("file name"));
        if path.is_dir() {
            copy_into(&path, &target);
        } else {
            std::fs::copy(&path, &target)
                .unwrap_or_else(|e| panic!("copy {}: {e}", path.display()));
        }
    }
}

/// A copy of the tiny valid course in a fresh temp dir, to change in place.
pub fn tiny_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_into(&tiny(), dir.path());
    dir
}

/// Names of the invalid cases (folders of `tests/fixtures/invalid/`), sorted.
pub fn invalid_cases() -> Vec<String> {
    let root = fixtures().join("invalid");
    let mut names: Vec<String> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("read {}: {e}", root.display()))
        .map(|e| e.expect("read fixture entry").path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The folder of invalid case `name`: its changed files, deletion markers and `expected.txt`.
pub fn invalid_case_dir(name: &str) -> PathBuf {
    fixtures().join("invalid").join(name)
}

/// An invalid case laid over the tiny course, in a temp dir; the course folder is
/// [`Overlaid::path`], named after the case (messages that name the folder read the same as
/// for a stored copy).
pub struct Overlaid {
    _root: tempfile::TempDir,
    path: PathBuf,
}

impl Overlaid {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The tiny course with case `name` laid over it: each of the case's files replaces the base
/// file of its name (a directory replaces a file), and each `<file>.deleted` removes `<file>`.
pub fn invalid(name: &str) -> Overlaid {
    let root = tempfile::tempdir().expect("temp dir");
    let path = root.path().join(name);
    copy_into(&tiny(), &path);
    let case = invalid_case_dir(name);
    let entries =
        std::fs::read_dir(&case).unwrap_or_else(|e| panic!("read {}: {e}", case.display()));
    for entry in entries {
        let from = entry.expect("directory entry").path();
        let file = from
            .file_name()
            .expect("file name")
            .to_string_lossy()
            .into_owned();
        if NOT_COURSE.contains(&file.as_str()) {
            continue;
        }
        if let Some(gone) = file.strip_suffix(DELETED) {
            std::fs::remove_file(path.join(gone))
                .unwrap_or_else(|e| panic!("{name}: delete {gone}: {e}"));
            continue;
        }
        let to = path.join(&file);
        if from.is_dir() {
            if to.is_file() {
                std::fs::remove_file(&to).expect("remove the base file");
            }
            copy_into(&from, &to);
        } else {
            std::fs::copy(&from, &to).unwrap_or_else(|e| panic!("{name}: copy {file}: {e}"));
        }
    }
    Overlaid { _root: root, path }
}
