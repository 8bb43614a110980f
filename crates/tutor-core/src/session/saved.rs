//! The saved-quiz format: a session kept for resuming, with the format's version and the
//! course version it was drawn from. A saved quiz that cannot be read is reported and left in
//! the store, never dropped.

use super::Session;
use crate::course::Course;
use serde::{Deserialize, Serialize};

/// The version this build writes. 0: written before the format had a version (the same
/// shape as 1). 2: seeds as strings, read from numbers too. 3: the session alone, without
/// the screen's cursor, marks, typed text and scroll (which 0 to 2 held and are ignored).
pub const FORMAT: u32 = 3;

/// What is read back; `format` is checked before, on the raw JSON.
#[derive(Deserialize)]
struct Saved {
    course: String,
    version: u32,
    quiz: Session,
}

/// Why a saved quiz cannot be resumed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    #[error("it was saved by a newer tutor (format {0}; this one reads up to {FORMAT})")]
    Newer(u32),
    #[error("it was made for version {found} of the course, and this is version {now}")]
    CourseVersion { found: u32, now: u32 },
    #[error("it belongs to another course ({0})")]
    OtherCourse(String),
    #[error("it cannot be read: {0}")]
    Damaged(String),
}

/// The JSON kept for `quiz` in `course`.
pub fn write(course: &Course, quiz: &Session) -> serde_json::Result<String> {
    serde_json::to_string(&SavedRef {
        format: FORMAT,
        course: &course.meta.id,
        version: course.meta.version,
        quiz,
    })
}

/// [`Saved`] for writing, without a copy of the quiz.
#[derive(Serialize)]
struct SavedRef<'a> {
    format: u32,
    course: &'a str,
    version: u32,
    quiz: &'a Session,
}

/// The quiz kept in `json`, if this build can resume it in `course`.
pub fn read(course: &Course, json: &str) -> Result<Session, Unreadable> {
    let damaged = |e: serde_json::Error| Unreadable::Damaged(e.to_string());
    let value: serde_json::Value = serde_json::from_str(json).map_err(damaged)?;
    let format = value.get("format").and_then(serde_json::Value::as_u64);
    if let Some(f) = format.filter(|&f| f > u64::from(FORMAT)) {
        return Err(Unreadable::Newer(u32::try_from(f).unwrap_or(u32::MAX)));
    }
    let saved: Saved = serde_json::from_value(value).map_err(damaged)?;
    if saved.course != course.meta.id {
        return Err(Unreadable::OtherCourse(crate::text::sanitize(
            &saved.course,
        )));
    }
    if saved.version != course.meta.version {
        return Err(Unreadable::CourseVersion {
            found: saved.version,
            now: course.meta.version,
        });
    }
    Ok(saved.quiz)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Mode;

    fn course() -> Course {
        Course::embedded().expect("course")
    }

    #[test]
    fn a_quiz_round_trips_and_other_versions_are_told_apart() {
        let c = course();
        let quiz = Session::new(
            "Practice quiz",
            5_802_627_622_154_515_547,
            Mode::Practice,
            vec![],
        );
        let json = write(&c, &quiz).expect("json");
        assert!(json.contains(&format!("\"format\":{FORMAT}")), "{json}");
        assert_eq!(read(&c, &json), Ok(quiz.clone()));
        // Before the format had a version: no "format" field, seeds as numbers.
        let mut old: serde_json::Value = serde_json::from_str(&json).expect("value");
        old.as_object_mut().expect("object").remove("format");
        old["quiz"]["seed"] = serde_json::json!(7);
        let back = read(&c, &old.to_string()).expect("an unversioned quiz still reads");
        assert_eq!(back.seed(), 7);
        let mut newer: serde_json::Value = serde_json::from_str(&json).expect("value");
        newer["format"] = serde_json::json!(FORMAT + 1);
        assert_eq!(
            read(&c, &newer.to_string()),
            Err(Unreadable::Newer(FORMAT + 1))
        );
        let mut moved: serde_json::Value = serde_json::from_str(&json).expect("value");
        moved["version"] = serde_json::json!(c.meta.version + 1);
        assert!(matches!(
            read(&c, &moved.to_string()),
            Err(Unreadable::CourseVersion { .. })
        ));
        assert!(matches!(read(&c, "{not json"), Err(Unreadable::Damaged(_))));
    }
}
