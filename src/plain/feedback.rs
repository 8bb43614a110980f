//! Feedback in plain lines that read well aloud: the verdict, what was given, the explanation,
//! every option with its mark in words and why it is right or wrong, and the cited sentences
//! verbatim; at the end, the questions missed.

use crate::course::Course;
use crate::grade::review;
use crate::grade::{Answer, Outcome};
use crate::quiz::Question;
use crate::session::Session;
use crate::text::sanitize;
use std::io::{self, Write};

/// The feedback on `q`, answered with `answer` (none when nothing was given).
pub fn write(
    course: &Course,
    q: &Question,
    answer: Option<&Answer>,
    o: &Outcome,
    out: &mut impl Write,
) -> io::Result<()> {
    verdict(q, answer, o, out)?;
    writeln!(out, "Why: {}", sanitize(&o.explanation))?;
    match answer {
        Some(a) if !q.is_free_text() => {
            for r in review::options(q, a) {
                let line = format!(
                    "  {}) {}: {}. {}",
                    r.letter,
                    sanitize(&r.choice.text),
                    r.mark.words(),
                    sanitize(&r.choice.why)
                );
                // A true/false option has no rationale of its own: no trailing space.
                writeln!(out, "{}", line.trim_end())?;
            }
        }
        _ => {
            for f in &o.feedback {
                let mark = if f.correct { "right" } else { "wrong" };
                writeln!(
                    out,
                    "  {}: {mark}. {}",
                    sanitize(&f.label),
                    sanitize(&f.why)
                )?;
            }
        }
    }
    for id in &o.cites {
        if let Some(s) = course.sentence(id) {
            writeln!(out, "Source {}: {}", sanitize(&s.id), sanitize(&s.text))?;
        }
    }
    Ok(())
}

/// Right or wrong, the right answer, and what was chosen or typed.
fn verdict(
    q: &Question,
    answer: Option<&Answer>,
    o: &Outcome,
    out: &mut impl Write,
) -> io::Result<()> {
    let expected = sanitize(&o.expected);
    match (o.correct, o.typo) {
        (true, false) => writeln!(out, "Correct.")?,
        (true, true) => writeln!(out, "Correct. (accepted with a typo; expected: {expected})")?,
        (false, _) => writeln!(out, "Incorrect. Correct answer: {expected}")?,
    }
    if let Some((hits, of, wrong)) = o.partial.filter(|_| !o.correct) {
        writeln!(out, "{}", review::partly(hits, of, wrong))?;
    }
    match answer {
        Some(a @ Answer::Choices(c)) if !o.correct && !c.is_empty() => {
            let chosen = review::chosen(q, a).join("; ");
            writeln!(out, "You chose: {}.", sanitize(&chosen))?;
        }
        Some(Answer::Text(typed)) if !o.correct && !typed.trim().is_empty() => {
            writeln!(out, "You typed: {}.", sanitize(typed.trim()))?;
        }
        _ => {}
    }
    Ok(())
}

/// The questions answered wrong or not at all at the first try, each with its right answer and
/// whether it was right when asked again, before the score.
pub fn missed(session: &Session, out: &mut impl Write) -> io::Result<()> {
    let n = session.questions().len();
    let missed: Vec<(usize, &Outcome)> = (0..n)
        .filter(|&i| !session.again_at(i))
        .filter_map(|i| session.outcome_at(i).map(|o| (i, o)))
        .filter(|(_, o)| !o.correct)
        .collect();
    if missed.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "Missed {} of {}:",
        missed.len(),
        session.first_try_count()
    )?;
    for (i, o) in missed {
        let timed_out = if session.timed_out_at(i) {
            " (time ran out)"
        } else {
            ""
        };
        let again = match session.second_try(i) {
            Some(true) => "; right when asked again",
            Some(false) => "; missed again",
            None => "",
        };
        writeln!(
            out,
            "  Question {}{timed_out}: correct answer {}{again}",
            session.number(i),
            sanitize(&o.expected)
        )?;
    }
    Ok(())
}
