//! The quiz in plain lines on any reader and writer: for screen readers, pipes and scripts.
//!
//! Every line of course text passes through [`sanitize`], so nothing from a course file can
//! reach the terminal as an escape sequence.

use crate::course::Course;
use crate::course::spec::ItemType;
use crate::grade::{self, Answer, Outcome};
use crate::quiz::Question;
use crate::text::{letter, sanitize};
use std::io::{self, BufRead, Write};

/// How a plain quiz ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    pub correct: usize,
    pub answered: usize,
    pub total: usize,
}

/// Where answers come from. `echo` repeats each answer line in the output, so a transcript
/// of piped input reads like a session (a terminal echoes on its own).
pub struct Input<'a, R: BufRead> {
    pub reader: &'a mut R,
    pub echo: bool,
}

/// Stores each graded answer before its feedback is printed; `Err` is a message saying why
/// the answer could not be saved.
pub type Record<'a> = dyn FnMut(&Question, &Answer, &Outcome, f64) -> Result<(), String> + 'a;

/// Asks each question, grades each answer with its source sentences, and prints the score.
/// Each answer goes to `record` before its feedback is printed, so feedback on screen means
/// the answer is saved. End of input stops early with the score so far.
pub fn run<R: BufRead>(
    course: &Course,
    seed: u64,
    questions: &[Question],
    input: &mut Input<'_, R>,
    out: &mut impl Write,
    record: &mut Record<'_>,
) -> io::Result<Score> {
    let total = questions.len();
    writeln!(out, "{}", sanitize(&course.meta.title))?;
    writeln!(out, "Note: {}", sanitize(&course.meta.source.note))?;
    writeln!(
        out,
        "Seed: {seed} ({total} questions; run again with --seed {seed} for the same quiz)"
    )?;
    let mut score = Score {
        correct: 0,
        answered: 0,
        total,
    };
    for (i, q) in questions.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "Question {} of {total}", i + 1)?;
        ask(q, out)?;
        let shown = std::time::Instant::now();
        let Some(answer) = read_answer(q, input, out)? else {
            writeln!(out)?;
            writeln!(
                out,
                "Score: {}/{} (stopped after {} of {total} questions)",
                score.correct, score.answered, score.answered
            )?;
            return Ok(score);
        };
        let outcome = grade::grade(q, &answer);
        score.answered += 1;
        score.correct += usize::from(outcome.correct);
        if let Err(why) = record(q, &answer, &outcome, shown.elapsed().as_secs_f64()) {
            writeln!(
                out,
                "Warning: this answer was not saved: {}",
                sanitize(&why)
            )?;
        }
        feedback(course, q, &outcome, out)?;
    }
    writeln!(out)?;
    writeln!(out, "Score: {}/{total}", score.correct)?;
    Ok(score)
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

/// Reads lines until one is a valid answer; `None` at end of input.
fn read_answer<R: BufRead>(
    q: &Question,
    input: &mut Input<'_, R>,
    out: &mut impl Write,
) -> io::Result<Option<Answer>> {
    let mut line = String::new();
    loop {
        write!(out, "{}", prompt(q))?;
        out.flush()?;
        line.clear();
        if input.reader.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let typed = line.trim_end_matches(['\n', '\r']);
        if input.echo {
            writeln!(out, "{}", sanitize(typed))?;
        }
        if q.is_free_text() {
            if !typed.trim().is_empty() {
                return Ok(Some(Answer::Text(typed.to_owned())));
            }
            writeln!(out, "{}", grade::InputError::Empty)?;
            continue;
        }
        match grade::parse_choices(q, typed) {
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
