//! The quiz in plain lines on any reader and writer: for screen readers, pipes and scripts.
//!
//! Every line of course text passes through [`sanitize`], so nothing from a course file can
//! reach the terminal as an escape sequence.

use crate::course::Course;
use crate::course::spec::ItemType;
use crate::grade::{self, Answer, Outcome};
use crate::quiz::Question;
use crate::text::{letter, sanitize};
pub mod input;

pub use input::{Line, Lines};
use std::io::{self, Write};

/// How a plain quiz ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    pub correct: usize,
    pub answered: usize,
    pub total: usize,
}

/// A drill's settings as the plain quiz needs them.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The drill's id, shown at the start; `None` for a practice quiz.
    pub drill: Option<String>,
    /// Seconds per question; when they run out the question counts as unanswered.
    pub time_limit: Option<u32>,
    /// Feedback held until every question is answered.
    pub exam: bool,
    /// Why no answer can be saved, known before the first question: the first and the last
    /// line say so.
    pub unsaved: Option<String>,
}

/// Stores each graded answer before its feedback is printed; `Err` is a message saying why
/// the answer could not be saved. Arguments: question, answer, outcome, seconds taken, and
/// whether the time limit ran out.
pub type Record<'a> = dyn FnMut(&Question, &Answer, &Outcome, f64, bool) -> Result<(), String> + 'a;

/// Asks each question, grades each answer with its source sentences, and prints the score.
/// Each answer goes to `record` before its feedback is printed, so feedback on screen means
/// the answer is saved. End of input stops early with the score so far.
pub fn run(
    course: &Course,
    seed: u64,
    questions: &[Question],
    settings: &Settings,
    input: &mut impl Lines,
    out: &mut impl Write,
    record: &mut Record<'_>,
) -> io::Result<Score> {
    let total = questions.len();
    if let Some(why) = &settings.unsaved {
        writeln!(
            out,
            "Warning: progress is not being saved: {}",
            sanitize(why)
        )?;
    }
    writeln!(out, "{}", sanitize(&course.meta.title))?;
    writeln!(out, "Note: {}", sanitize(&course.meta.source.note))?;
    match &settings.drill {
        Some(id) => {
            let limit = settings
                .time_limit
                .map_or(String::new(), |s| format!(", {s} s per question"));
            let exam = if settings.exam {
                ", feedback at the end"
            } else {
                ""
            };
            writeln!(
                out,
                "Drill {}: seed {seed}, {total} questions{limit}{exam}",
                sanitize(id)
            )?;
        }
        None => writeln!(
            out,
            "Seed: {seed} ({total} questions; run again with --seed {seed} for the same quiz)"
        )?,
    }
    let mut score = Score {
        correct: 0,
        answered: 0,
        total,
    };
    let mut held = Vec::new();
    let mut lost = Lost::default();
    for (i, q) in questions.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "Question {} of {total}", i + 1)?;
        ask(q, out)?;
        if let Some(s) = settings.time_limit {
            writeln!(out, "({s} seconds)")?;
        }
        let shown = std::time::Instant::now();
        let deadline = settings
            .time_limit
            .map(|s| shown + std::time::Duration::from_secs(u64::from(s)));
        let (answer, timed_out) = match read_answer(q, input, out, deadline)? {
            Some(a) => (a, false),
            None if deadline.is_some_and(|d| std::time::Instant::now() >= d) => {
                writeln!(out)?;
                writeln!(out, "Time is up: unanswered.")?;
                let blank = if q.is_free_text() {
                    Answer::Text(String::new())
                } else {
                    Answer::Choices(Vec::new())
                };
                (blank, true)
            }
            None => {
                writeln!(out)?;
                writeln!(
                    out,
                    "Score: {}/{} (stopped after {} of {total} questions)",
                    score.correct, score.answered, score.answered
                )?;
                lost.report(out, settings)?;
                return Ok(score);
            }
        };
        let outcome = grade::grade(q, &answer);
        score.answered += 1;
        score.correct += usize::from(outcome.correct);
        if let Err(why) = record(
            q,
            &answer,
            &outcome,
            shown.elapsed().as_secs_f64(),
            timed_out,
        ) {
            writeln!(
                out,
                "Warning: this answer was not saved: {}",
                sanitize(&why)
            )?;
            lost.answers += 1;
            lost.why = Some(why);
        }
        if settings.exam {
            writeln!(out, "Answer recorded.")?;
            held.push((i, outcome));
        } else {
            feedback(course, q, &outcome, out)?;
        }
    }
    if !held.is_empty() {
        writeln!(out)?;
        writeln!(out, "Feedback")?;
        for (i, outcome) in &held {
            writeln!(out)?;
            writeln!(out, "Question {} of {total}", i + 1)?;
            feedback(course, &questions[*i], outcome, out)?;
        }
    }
    writeln!(out)?;
    writeln!(out, "Score: {}/{total}", score.correct)?;
    lost.report(out, settings)?;
    Ok(score)
}

/// Answers that could not be saved, for the quiz's last line.
#[derive(Default)]
struct Lost {
    answers: usize,
    why: Option<String>,
}

impl Lost {
    /// The last line, when anything was not saved.
    fn report(&self, out: &mut impl Write, settings: &Settings) -> io::Result<()> {
        if let Some(why) = &settings.unsaved {
            writeln!(out, "Warning: progress was not saved: {}", sanitize(why))?;
        } else if let Some(why) = &self.why {
            let n = self.answers;
            let answers = if n == 1 { "answer was" } else { "answers were" };
            writeln!(out, "Warning: {n} {answers} not saved: {}", sanitize(why))?;
        }
        Ok(())
    }
}

fn ask(q: &Question, out: &mut impl Write) -> io::Result<()> {
    if !q.stem.is_empty() {
        writeln!(out, "{}", sanitize(&q.stem))?;
    }
    if !q.lead_in.is_empty() {
        writeln!(out, "{}", sanitize(&q.lead_in))?;
    }
    for (i, o) in q.options.iter().enumerate() {
        writeln!(out, "  {}) {}", letter(i), sanitize(&o.text))?;
    }
    Ok(())
}

fn prompt(q: &Question) -> String {
    let last = letter(q.options.len().saturating_sub(1));
    match q.kind {
        _ if q.is_free_text() => "Answer (type it, then Enter): ".to_owned(),
        ItemType::MultiSelect => format!("Answer (all that apply, e.g. A,C; A-{last}): "),
        ItemType::TrueFalse => "Answer (A for true, B for false): ".to_owned(),
        _ => format!("Answer (one letter, A-{last}): "),
    }
}

/// Reads lines until one is a valid answer; `None` at end of input or when `deadline` passes.
fn read_answer(
    q: &Question,
    input: &mut impl Lines,
    out: &mut impl Write,
    deadline: Option<std::time::Instant>,
) -> io::Result<Option<Answer>> {
    loop {
        write!(out, "{}", prompt(q))?;
        out.flush()?;
        let timeout = deadline.map(|d| d.saturating_duration_since(std::time::Instant::now()));
        let typed = match input.read(timeout)? {
            Line::Text(t) => t,
            Line::TooLong => {
                writeln!(out)?;
                writeln!(out, "{}", grade::InputError::TooLong)?;
                continue;
            }
            Line::End | Line::TimedOut => return Ok(None),
        };
        if input.echo() {
            writeln!(out, "{}", sanitize(&typed))?;
        }
        if q.is_free_text() {
            if !typed.trim().is_empty() {
                return Ok(Some(Answer::Text(typed)));
            }
            writeln!(out, "{}", grade::InputError::Empty)?;
            continue;
        }
        match grade::parse_choices(q, &typed) {
            Ok(chosen) => return Ok(Some(Answer::Choices(chosen))),
            Err(e) => writeln!(out, "{e}")?,
        }
    }
}

fn feedback(course: &Course, q: &Question, o: &Outcome, out: &mut impl Write) -> io::Result<()> {
    match (o.correct, o.typo) {
        (true, false) => writeln!(out, "Correct.")?,
        (true, true) => writeln!(
            out,
            "Correct. (accepted with a typo; expected: {})",
            sanitize(&o.expected)
        )?,
        (false, _) => writeln!(out, "Incorrect. Correct answer: {}", sanitize(&o.expected))?,
    }
    if let Some((hits, of, wrong)) = o.partial.filter(|_| !o.correct) {
        writeln!(
            out,
            "Partly: you chose {hits} of {of} correct options and {wrong} wrong."
        )?;
    }
    if !o.diff.is_empty() && q.is_free_text() {
        writeln!(out, "Typed vs expected: {}", diff_line(&o.diff))?;
    }
    writeln!(out, "Why: {}", sanitize(&o.explanation))?;
    for f in &o.feedback {
        let mark = if f.correct { "right" } else { "wrong" };
        writeln!(
            out,
            "  {} ({mark}): {}",
            sanitize(&f.label),
            sanitize(&f.why)
        )?;
    }
    for id in &o.cites {
        if let Some(s) = course.sentence(id) {
            writeln!(out, "Source {}: {}", sanitize(&s.id), sanitize(&s.text))?;
        }
    }
    Ok(())
}

/// `[-typed-]{+expected+}` word diff, readable without colour.
fn diff_line(diff: &[grade::text::DiffPart]) -> String {
    use grade::text::DiffPart;
    diff.iter()
        .map(|p| match p {
            DiffPart::Same(s) => sanitize(s),
            DiffPart::Typed(s) => format!("[-{}-]", sanitize(s)),
            DiffPart::Expected(s) => format!("{{+{}+}}", sanitize(s)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}
