//! `--drill-file FILE`: the class drills as a small YAML file, which the instructor can edit
//! during class and have the server read again (SIGHUP):
//!
//! ```yaml
//! drills:
//!   - seed: 42
//!     count: 10          # optional, default 10 (1 to 200)
//!     time_limit: 60     # optional, seconds per question (1 to 3600)
//!     exam: false        # optional
//!     lessons: [l1, l2]  # optional
//!     cases_only: false  # optional
//! ```
//!
//! An error names the file, line, column and field, as a course file's does. The file is
//! read up to [`MAX_BYTES`] and passes the course files' token gate (no anchors, aliases or
//! deep nesting) before it is parsed.

use crate::quiz::drill::DrillSpec;
use serde::Deserialize;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest drill file read: a list of drills needs a few hundred bytes.
pub const MAX_BYTES: u64 = 1 << 20;
const DEFAULT_COUNT: usize = 10;
const MAX_COUNT: u64 = 200;
const MAX_TIME_LIMIT: u64 = 3600;

/// Why a drill file was refused, and where: `line` and `column` are 1-based, 0 when the
/// problem is the whole file; `field` is e.g. `drills[1].count`, empty for the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillFileError {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub field: String,
    pub message: String,
}

impl DrillFileError {
    fn whole(file: &Path, message: String) -> DrillFileError {
        DrillFileError {
            file: file.to_owned(),
            line: 0,
            column: 0,
            field: String::new(),
            message,
        }
    }
}

impl fmt::Display for DrillFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The field and message may quote the file: no escape reaches a terminal or the log.
        let line = crate::text::sanitize_line;
        write!(f, "{}", line(&self.file.display().to_string()))?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        if !self.field.is_empty() {
            write!(f, ": {}", line(&self.field))?;
        }
        write!(f, ": {}", line(&self.message))
    }
}

impl std::error::Error for DrillFileError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DrillFile {
    drills: Vec<Entry>,
}

/// One drill as the file writes it; its numbers are checked once parsed (see [`Entry::spec`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    seed: u64,
    count: Option<u64>,
    time_limit: Option<u64>,
    #[serde(default)]
    exam: bool,
    #[serde(default)]
    lessons: Vec<String>,
    #[serde(default)]
    cases_only: bool,
}

impl Entry {
    /// The drill, or the field out of range and why.
    fn spec(self) -> Result<DrillSpec, (&'static str, String)> {
        let count = match self.count {
            None => DEFAULT_COUNT,
            Some(n) => within(n, MAX_COUNT).ok_or((
                "count",
                format!("{n} questions: a drill has 1 to {MAX_COUNT}"),
            ))?,
        };
        let time_limit = match self.time_limit {
            None => None,
            Some(n) => Some(within(n, MAX_TIME_LIMIT).ok_or((
                "time_limit",
                format!("{n} seconds: a time limit is 1 to {MAX_TIME_LIMIT} seconds per question"),
            ))?),
        };
        Ok(DrillSpec {
            seed: self.seed,
            count,
            lessons: self.lessons,
            cases_only: self.cases_only,
            time_limit,
            exam: self.exam,
            paced: false,
        })
    }
}

/// `n` when it is 1 to `max`.
fn within<T: TryFrom<u64>>(n: u64, max: u64) -> Option<T> {
    (1..=max)
        .contains(&n)
        .then(|| T::try_from(n).ok())
        .flatten()
}

/// The drills of the file at `path`, in order, none of them paced.
pub fn read(path: &Path) -> Result<Vec<DrillSpec>, DrillFileError> {
    parse(path, &read_bounded(path)?)
}

/// The text of `path`, refused past [`MAX_BYTES`] or when it is not UTF-8.
fn read_bounded(path: &Path) -> Result<String, DrillFileError> {
    let cannot = |e: std::io::Error| DrillFileError::whole(path, format!("cannot read: {e}"));
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(DrillFileError::whole(
            path,
            format!("the file is larger than {MAX_BYTES} bytes; a drill file needs a few hundred"),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        DrillFileError::whole(path, format!("invalid UTF-8 at byte {at}"))
    })
}

/// The drills of `text`, the contents of `path`.
pub fn parse(path: &Path, text: &str) -> Result<Vec<DrillSpec>, DrillFileError> {
    if let Err(r) = crate::course::gate::check(text) {
        return Err(DrillFileError {
            line: r.line,
            column: r.column,
            ..DrillFileError::whole(path, r.message)
        });
    }
    let file: DrillFile = serde_yaml::from_str(text).map_err(|e| yaml_error(path, &e))?;
    let mut drills = Vec::with_capacity(file.drills.len());
    for (i, entry) in file.drills.into_iter().enumerate() {
        let spec = entry.spec().map_err(|(name, message)| {
            let field = format!("drills[{i}].{name}");
            // serde keeps no spans: the field is found again in the text.
            let at = crate::course::locate::index(text);
            let place = at.get(&format!(".{field}")).or_else(|| at.get(&field));
            let (line, column) = place.copied().unwrap_or((0, 0));
            DrillFileError {
                line,
                column,
                field,
                ..DrillFileError::whole(path, message)
            }
        })?;
        drills.push(spec);
    }
    Ok(drills)
}

/// A serde_yaml error with its location and field apart from its words.
fn yaml_error(path: &Path, e: &serde_yaml::Error) -> DrillFileError {
    let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
    let mut message = e.to_string();
    // serde_yaml appends " at line L column C"; the error already says where.
    if let Some(cut) = message.find(" at line ") {
        message.truncate(cut);
    }
    let (field, message) = match message.split_once(": ") {
        Some((p, m)) if !p.contains(' ') => (p.trim_start_matches('.').to_owned(), m.to_owned()),
        _ => (String::new(), message),
    };
    DrillFileError {
        line,
        column,
        field,
        ..DrillFileError::whole(path, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<Vec<DrillSpec>, DrillFileError> {
        parse(Path::new("drills.yaml"), text)
    }

    fn refused(text: &str) -> DrillFileError {
        parsed(text).expect_err("refused")
    }

    #[test]
    fn reads_every_field_and_fills_in_the_defaults() {
        let drills = parsed(
            "drills:\n  - seed: 42\n    count: 5\n    time_limit: 60\n    exam: true\n    lessons: [l1, l2]\n    cases_only: true\n  - seed: 7\n",
        )
        .unwrap();
        let first = DrillSpec {
            seed: 42,
            count: 5,
            lessons: vec!["l1".into(), "l2".into()],
            cases_only: true,
            time_limit: Some(60),
            exam: true,
            paced: false,
        };
        let second = DrillSpec {
            seed: 7,
            count: 10,
            ..DrillSpec::default()
        };
        assert_eq!(drills, vec![first, second]);
        assert_eq!(parsed("drills: []\n").unwrap(), Vec::new());
    }

    #[test]
    fn a_value_out_of_range_names_its_line_column_and_field() {
        let e = refused("drills:\n  - seed: 1\n  - seed: 2\n    count: 500\n");
        assert_eq!((e.line, e.column), (4, 12), "{e}");
        assert_eq!(e.field, "drills[1].count", "{e}");
        assert!(e.message.contains("1 to 200"), "{e}");
        assert_eq!(
            e.to_string(),
            format!("drills.yaml:4:12: drills[1].count: {}", e.message)
        );
        let e = refused("drills:\n  - seed: 1\n    time_limit: 0\n");
        assert_eq!(
            (e.line, e.field.as_str()),
            (3, "drills[0].time_limit"),
            "{e}"
        );
    }

    #[test]
    fn wrong_types_unknown_and_missing_fields_are_located() {
        let e = refused("drills:\n  - seed: forty\n");
        assert_eq!((e.line, e.field.as_str()), (2, "drills[0].seed"), "{e}");
        let e = refused("drills:\n  - seed: 1\n    shuffle: true\n");
        assert_eq!((e.line, e.field.as_str()), (3, "drills[0]"), "{e}");
        assert!(e.message.contains("unknown field `shuffle`"), "{e}");
        let e = refused("drills:\n  - count: 3\n");
        assert_eq!((e.line, e.field.as_str()), (2, "drills[0]"), "{e}");
        assert!(e.message.contains("missing field `seed`"), "{e}");
        let e = refused("drill:\n  - seed: 1\n");
        assert!(e.message.contains("unknown field `drill`"), "{e}");
    }

    #[test]
    fn syntax_errors_and_aliases_are_refused_with_where() {
        let e = refused("drills:\n  - seed: 1\n   bad: [\n");
        assert!(e.line >= 2 && e.column > 0, "{e}");
        let e = refused("drills:\n  - &a {seed: 1}\n  - *a\n");
        assert_eq!(e.line, 2, "{e}");
    }

    #[test]
    fn an_escape_in_the_file_does_not_reach_the_message() {
        let e = refused("drills:\n  - seed: 1\n    \u{1b}[2J: 3\n");
        assert!(!e.to_string().contains('\u{1b}'), "{e:?}");
    }

    #[test]
    fn a_file_past_the_bound_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("drills.yaml");
        let mut text = "drills:\n  - seed: 1\n".to_owned();
        text.push_str(&"#".repeat(MAX_BYTES as usize));
        std::fs::write(&path, text).unwrap();
        let e = read(&path).expect_err("too large");
        assert!(e.message.contains("larger than"), "{e}");
        let missing = read(&dir.path().join("none.yaml")).expect_err("missing");
        assert!(missing.message.starts_with("cannot read"), "{missing}");
    }
}
