//! Classroom drills: a quiz fixed by its settings, so every student gets the same questions,
//! the same case variants and the same option order, and "question 4" means the same thing
//! to the whole class.

use super::{Question, QuizSpec, draw};
use crate::course::Course;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A drill's id: `d-` and 8 hex digits, fixed by the course and the drill's settings.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DrillId(String);

impl DrillId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DrillId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A drill's settings; equal settings give an equal drill and the same id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DrillSpec {
    pub seed: u64,
    pub count: usize,
    /// Only these lessons; all when empty. Order does not matter.
    pub lessons: Vec<String>,
    pub cases_only: bool,
    /// Seconds per question; the question counts as unanswered when they run out.
    pub time_limit: Option<u32>,
    /// Feedback held until the end, for an exam-style drill.
    pub exam: bool,
    /// The instructor opens, closes and reveals each question for the class
    /// ([`crate::session::pace`]).
    pub paced: bool,
}

impl DrillSpec {
    /// The id shown on screen and recorded with every attempt: `d-` and 8 hex digits of a
    /// stable hash (FNV-1a) of the course and every setting, the same on every machine.
    pub fn id(&self, course: &Course) -> DrillId {
        let lessons = self.lessons();
        let canonical = format!(
            "{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}\u{0}{:?}\u{0}{}",
            course.meta.id,
            course.meta.version,
            self.seed,
            self.count,
            lessons.join(","),
            self.cases_only,
            self.time_limit,
            self.exam
        );
        // Appended only when set, so unpaced drills keep the ids they always had.
        let canonical = if self.paced {
            canonical + "\u{0}paced"
        } else {
            canonical
        };
        DrillId(format!("d-{:08x}", fnv1a(canonical.as_bytes()) as u32))
    }

    /// The drill's questions, in order.
    pub fn questions(&self, course: &Course) -> Result<Vec<Question>, super::draw::DrawError> {
        let lessons = self.lessons();
        draw(
            course,
            &QuizSpec {
                seed: self.seed,
                count: self.count,
                lessons,
                cases_only: self.cases_only,
            },
        )
    }
}

/// What a drill was started with beyond its seed, as the store records it (once per drill)
/// and the instructor's report shows it beside the drill's id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrillSettings {
    pub count: u32,
    /// Only these lessons' items and cases (sorted); every lesson when empty.
    pub lessons: Vec<String>,
    pub cases_only: bool,
    /// Seconds per question.
    pub time_limit: Option<u32>,
    pub exam: bool,
    pub paced: bool,
}

impl DrillSpec {
    /// Its lessons sorted, each once: their order and repeats change neither the drill nor its
    /// id.
    fn lessons(&self) -> Vec<String> {
        let mut lessons = self.lessons.clone();
        lessons.sort();
        lessons.dedup();
        lessons
    }

    /// The settings beside the seed, lessons sorted as the id sorts them.
    pub fn settings(&self) -> DrillSettings {
        let lessons = self.lessons();
        DrillSettings {
            count: u32::try_from(self.count).unwrap_or(u32::MAX),
            lessons,
            cases_only: self.cases_only,
            time_limit: self.time_limit,
            exam: self.exam,
            paced: self.paced,
        }
    }
}

/// 64-bit FNV-1a: tiny, stable across Rust versions and platforms (std's hasher is not).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> DrillSpec {
        DrillSpec {
            seed: 42,
            count: 8,
            lessons: vec![],
            cases_only: false,
            time_limit: Some(30),
            exam: false,
            paced: false,
        }
    }

    #[test]
    fn same_settings_same_drill_and_id_and_any_change_changes_the_id() {
        let course = Course::embedded().expect("course");
        let a = spec();
        assert_eq!(
            a.questions(&course).expect("q"),
            spec().questions(&course).expect("q")
        );
        assert_eq!(a.id(&course), spec().id(&course));
        let id = a.id(&course).to_string();
        assert!(
            id.len() == 10
                && id.starts_with("d-")
                && id[2..].chars().all(|c| c.is_ascii_hexdigit()),
            "{id}"
        );
        let mut b = spec();
        b.time_limit = None;
        assert_ne!(a.id(&course), b.id(&course));
        let mut c = spec();
        c.seed = 43;
        assert_ne!(a.id(&course), c.id(&course));
        // Lesson order does not matter.
        let l = |v: &[&str]| DrillSpec {
            lessons: v.iter().map(|s| s.to_string()).collect(),
            ..spec()
        };
        let ids: Vec<&str> = course
            .lessons
            .iter()
            .take(2)
            .map(|l| l.id.as_str())
            .collect();
        assert_eq!(
            l(&[ids[0], ids[1]]).id(&course),
            l(&[ids[1], ids[0]]).id(&course)
        );
        assert_eq!(
            l(&[ids[0], ids[1]]).questions(&course).expect("q"),
            l(&[ids[1], ids[0]]).questions(&course).expect("q")
        );
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
