//! `tutor drill --preview`: the drill as the class will get it, each question with its key,
//! why, and the source sentences, for the instructor to read before class. Nothing is
//! recorded.

use crate::course::Course;
use crate::quiz::Question;
use crate::quiz::drill::DrillSpec;
use crate::text::{letter, sanitize};
use std::io::{self, Write};

/// Writes the preview of the drill `spec` with its `questions`.
pub fn write(
    course: &Course,
    spec: &DrillSpec,
    questions: &[Question],
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(
        out,
        "Preview of drill {}: seed {}, {} questions (nothing is recorded)",
        spec.id(course),
        spec.seed,
        questions.len()
    )?;
    // Pacing is a setting of the drill too: the same questions served paced have their own
    // id, which the report then names.
    if !spec.paced && !spec.exam {
        let paced = DrillSpec {
            paced: true,
            ..spec.clone()
        };
        writeln!(
            out,
            "The same drill served with tutor serve --paced is drill {}.",
            paced.id(course)
        )?;
    }
    for (k, q) in questions.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "Question {} of {}", k + 1, questions.len())?;
        super::ask(q, out)?;
        for (i, o) in q.options.iter().enumerate().filter(|(_, o)| o.correct) {
            writeln!(out, "Key: {}) {}", letter(i), sanitize(&o.text))?;
        }
        if let Some(free) = &q.free {
            writeln!(out, "Key: {}", sanitize(&free.accept.join(" | ")))?;
        }
        writeln!(out, "Why: {}", sanitize(&q.explanation))?;
        for id in &q.cites {
            if let Some(s) = course.sentence(id) {
                writeln!(out, "Source {}: {}", sanitize(&s.id), sanitize(&s.text))?;
            }
        }
    }
    out.flush()
}
