//! Reading a course folder (or the embedded default course) into [`Course`].
//!
//! Every file is parsed even after another failed, so an author sees all read errors at once.
//! Nothing here panics on any input: size, encoding and YAML errors become diagnostics.

use super::diag::Diagnostic;
use super::spec::{CaseTemplateSpec, CourseFile, ItemSpec, LessonSpec, TermSpec};
use super::{Course, FILES};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Largest course file read; a bigger one is refused before parsing.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Where course files come from.
pub enum Origin {
    /// A folder on disk.
    Dir(PathBuf),
    /// Files compiled into the binary, by name.
    Embedded(&'static [(&'static str, &'static str)]),
}

impl Origin {
    /// The text of `name`, `Ok(None)` when it does not exist.
    fn read(&self, name: &str) -> Result<Option<String>, Diagnostic> {
        match self {
            Origin::Embedded(files) => Ok(files
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| (*t).to_owned())),
            Origin::Dir(dir) => {
                if !dir.is_dir() {
                    let what = if dir.exists() {
                        "is not a folder"
                    } else {
                        "does not exist"
                    };
                    let m = format!("the course folder {} {what}", dir.display());
                    return Err(Diagnostic::error(name, "", m));
                }
                read_file(&dir.join(name), name)
            }
        }
    }

    /// How the course is named in messages.
    pub fn describe(&self) -> String {
        match self {
            Origin::Dir(dir) => dir.display().to_string(),
            Origin::Embedded(_) => "the embedded default course".to_owned(),
        }
    }
}

fn read_file(path: &Path, name: &str) -> Result<Option<String>, Diagnostic> {
    use super::fsread::{ReadError, read_plain};
    let whole = |m: String| Diagnostic::error(name, "", m);
    // Links, FIFOs and devices are refused on the opened file, before a byte is read.
    let mut bytes = match read_plain(path, MAX_FILE_BYTES) {
        Ok(Some(b)) => b,
        Ok(None) => return Ok(None),
        Err(ReadError::TooLarge(n)) => {
            return Err(whole(format!(
                "file is too large ({n} bytes; a course file may have at most {MAX_FILE_BYTES} bytes)"
            )));
        }
        Err(ReadError::Refused(m) | ReadError::Io(m)) => return Err(whole(m)),
    };
    // A byte-order mark is legal at the start of a UTF-8 file but not part of the YAML.
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map(Some).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let (line, column) = line_col(e.as_bytes(), at);
        Diagnostic {
            line,
            column,
            ..whole(format!("invalid UTF-8 at byte {at}"))
        }
    })
}

/// 1-based line and column (in characters) of byte offset `at`.
fn line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

/// Parses one YAML file; `Ok(None)` for an optional file that is absent.
pub(super) fn parse<T: DeserializeOwned>(
    name: &str,
    text: Option<&str>,
    required: bool,
) -> Result<Option<T>, Diagnostic> {
    let Some(text) = text else {
        return if required {
            Err(Diagnostic::error(
                name,
                "",
                "required file is missing".into(),
            ))
        } else {
            Ok(None)
        };
    };
    // One linear token pass before the parser sees the text: nesting depth, anchors, tags.
    if let Err(r) = super::gate::check(text) {
        let whole = Diagnostic {
            line: r.line,
            column: r.column,
            ..Diagnostic::error(name, "", r.message)
        };
        // libyaml words syntax errors better: let it read what was checked, and take its
        // error when it finds one before the scanner's.
        let Some(at) = r.scanned else {
            return Err(whole);
        };
        return Err(
            match serde_yaml::from_str::<serde::de::IgnoredAny>(&text[..at]) {
                Err(e)
                    if e.location()
                        .is_some_and(|l| (l.line(), l.column()) < (r.line, r.column)) =>
                {
                    yaml_error(name, e)
                }
                _ => whole,
            },
        );
    }
    serde_yaml::from_str(text)
        .map(Some)
        .map_err(|e| yaml_error(name, e))
}

/// A serde_yaml error as a located diagnostic.
pub(super) fn yaml_error(name: &str, e: serde_yaml::Error) -> Diagnostic {
    let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
    let mut message = e.to_string();
    // serde_yaml appends " at line L column C"; the diagnostic already says where.
    if let Some(cut) = message.find(" at line ") {
        message.truncate(cut);
    }
    let (path, message) = match message.split_once(": ") {
        // serde_yaml writes a root sequence's elements as `.[1]`; the checker says `[1]`.
        Some((p, m)) if !p.contains(' ') => (p.trim_start_matches('.').to_owned(), m.to_owned()),
        _ => (String::new(), message),
    };
    Diagnostic {
        line,
        column,
        ..Diagnostic::error(name, path, message)
    }
}

/// The value of `r`, or `None` with its error recorded.
fn take<T>(r: Result<Option<T>, Diagnostic>, errors: &mut Vec<Diagnostic>) -> Option<T> {
    r.unwrap_or_else(|d| {
        errors.push(d);
        None
    })
}

/// The value of `r`, or `None` with its errors recorded.
fn take_all<T>(r: Result<Option<T>, Vec<Diagnostic>>, errors: &mut Vec<Diagnostic>) -> Option<T> {
    r.unwrap_or_else(|d| {
        errors.extend(d);
        None
    })
}

/// YAML texts of a course by file name; absent optional files are missing from the map.
pub type Texts = HashMap<&'static str, String>;

/// Reads every file of the course. On failure, returns every read error found.
pub fn load(origin: &Origin) -> Result<Course, Vec<Diagnostic>> {
    let (texts, errors) = read_texts(origin);
    from_texts(origin, texts, errors)
}

/// Reads the YAML files, collecting read errors instead of stopping at the first.
pub fn read_texts(origin: &Origin) -> (Texts, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let mut texts = Texts::new();
    for name in FILES {
        match origin.read(name) {
            Ok(Some(t)) => {
                texts.insert(name, t);
            }
            Ok(None) => {}
            Err(d) => errors.push(d),
        }
    }
    (texts, errors)
}

/// Reads the original document named by `course.yaml`, which must sit inside the folder.
pub fn read_document(origin: &Origin, name: &str) -> Result<String, Diagnostic> {
    let course_name = FILES[0];
    let mut parts = std::path::Path::new(name).components();
    let single =
        matches!(parts.next(), Some(std::path::Component::Normal(_))) && parts.next().is_none();
    let plain = single && !name.contains(['/', '\\', ':']);
    if !plain {
        return Err(Diagnostic::error(
            course_name,
            "source.document",
            format!("`{name}` must be a file name inside the course folder"),
        ));
    }
    origin.read(name)?.ok_or_else(|| {
        Diagnostic::error(
            course_name,
            "source.document",
            format!("the document `{name}` is missing from the course folder"),
        )
    })
}

/// Parses the texts read by [`read_texts`] into a course.
pub fn from_texts(
    origin: &Origin,
    texts: Texts,
    mut errors: Vec<Diagnostic>,
) -> Result<Course, Vec<Diagnostic>> {
    let [
        course_name,
        glossary_name,
        lessons_name,
        items_name,
        cases_name,
    ] = FILES;
    let text = |name: &str| texts.get(name).map(String::as_str);
    let meta: Option<CourseFile> = take(parse(course_name, text(course_name), true), &mut errors);
    let glossary: Option<Vec<TermSpec>> = take_all(
        super::entries::parse_list(glossary_name, text(glossary_name)),
        &mut errors,
    );
    let lessons: Option<Vec<LessonSpec>> = take_all(
        super::entries::parse_list(lessons_name, text(lessons_name)),
        &mut errors,
    );
    let items: Option<Vec<ItemSpec>> = take_all(
        super::entries::parse_list(items_name, text(items_name)),
        &mut errors,
    );
    let cases: Option<Vec<CaseTemplateSpec>> = take_all(
        super::entries::parse_list(cases_name, text(cases_name)),
        &mut errors,
    );

    let document = meta.as_ref().and_then(|m| {
        let name = m.source.document.as_str();
        read_document(origin, name)
            .map_err(|d| errors.push(d))
            .ok()
            .map(|t| (name.to_owned(), t))
    });

    if !errors.is_empty() {
        super::locate::resolve(&mut errors, |f| texts.get(f).cloned());
        return Err(errors);
    }
    let (Some(meta), Some((document_name, document))) = (meta, document) else {
        return Err(vec![Diagnostic::error(
            course_name,
            "",
            "course could not be read".into(),
        )]);
    };
    Ok(Course::new(
        meta,
        glossary.unwrap_or_default(),
        lessons.unwrap_or_default(),
        items.unwrap_or_default(),
        cases.unwrap_or_default(),
        document_name,
        document,
        texts.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::line_col;

    #[test]
    fn line_col_counts_lines_and_chars() {
        let b = "ab\ncdé f".as_bytes();
        assert_eq!(line_col(b, 0), (1, 1));
        assert_eq!(line_col(b, 3), (2, 1));
        assert_eq!(line_col(b, 7), (2, 4));
    }
}
