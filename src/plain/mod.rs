//! The quiz in plain lines on any reader and writer: for screen readers, pipes and scripts.
//!
//! Every line of course text passes through [`sanitize`], so nothing from a course file can
//! reach the terminal as an escape sequence.

use crate::course::Course;
use crate::course::spec::ItemType;
use crate::grade::{self, Answer};
use crate::quiz::Question;
use crate::session::{Answered, Phase, Session};
use crate::text::{letter, sanitize};
use std::time::{Duration, Instant};
mod feedback;
pub mod input;
pub mod preview;

pub use input::{Line, Lines};
use std::io::{self, Write};

/// How a plain quiz ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    pub correct: usize,
    pub answered: usize,
    pub total: usize,
}

/// What the plain quiz knows besides the session.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Why no answer can be saved, known before the first question: the first and the last
    /// line say so.
    pub unsaved: Option<String>,
}

/// Where a plain quiz's answers go.
pub trait Recorder {
    /// Stores a graded answer before its feedback is printed; `Err` says why it could not
    /// be. Arguments: the session's record of the answer and the seconds the question was
    /// on screen.
    fn record(&mut self, answered: &Answered, seconds: f64) -> Result<(), String>;
    /// The line saying what is due for review now and next, read at the end; `None` when
    /// nothing is stored.
    fn due(&self) -> Option<String>;
}

/// Drives `session` in plain lines: asks each question, grades each answer with its source
/// sentences (an exam's feedback all at the end), and prints the score. Each answer goes to
/// `record` before its feedback is printed, so feedback on screen means the answer is saved.
/// End of input stops early with the score so far.
pub fn run(
    course: &Course,
    session: &mut Session,
    settings: &Settings,
    input: &mut impl Lines,
    out: &mut impl Write,
    record: &mut dyn Recorder,
) -> io::Result<Score> {
    heading(course, session, settings, out)?;
    let mut lost = Lost::default();
    let mut answering = 0.0;
    // Whether the input ended before the quiz did.
    let stopped = loop {
        match session.phase() {
            Phase::Asking => {
                let Some(answered) = ask_next(session, input, out)? else {
                    break true;
                };
                answering += answered.1;
                if let Err(why) = record.record(&answered.0, answered.1) {
                    writeln!(
                        out,
                        "Warning: this answer was not saved: {}",
                        sanitize(&why)
                    )?;
                    lost.answers += 1;
                    lost.why = Some(why);
                }
                if session.is_exam() {
                    writeln!(out, "Answer recorded.")?;
                    if session.reviewing() {
                        writeln!(out)?;
                        writeln!(out, "Feedback")?;
                    }
                    continue;
                }
            }
            Phase::Feedback => {
                writeln!(out)?;
                writeln!(out, "{}", header(session))?;
            }
            // A paced drill runs over SSH only, where the instructor moves it; here it ends.
            Phase::Done | Phase::Waiting | Phase::Held => break false,
        }
        if let (Some(q), Some(o)) = (session.question(), session.outcome()) {
            let answer = session.answer_at(session.current());
            feedback::write(course, q, answer, o, out)?;
        }
        session.advance();
    };
    let tally = (&lost, answering);
    ending(course, session, out, tally, record, settings, stopped)?;
    Ok(score(session))
}

/// The quiz's last lines: the misses, the score of the first tries (of those answered, when
/// the input ended early), the time spent answering, the lesson to study next, what is due
/// for review, and last what could not be saved.
fn ending(
    course: &Course,
    session: &Session,
    out: &mut impl Write,
    (lost, answering): (&Lost, f64),
    record: &mut dyn Recorder,
    settings: &Settings,
    stopped: bool,
) -> io::Result<()> {
    writeln!(out)?;
    feedback::missed(session, out)?;
    let (right, total) = (session.score(), session.first_try_count());
    if stopped {
        let done = (0..session.questions().len())
            .filter(|&i| !session.again_at(i) && session.outcome_at(i).is_some())
            .count();
        writeln!(
            out,
            "Score: {right}/{done} (stopped after {done} of {total} questions)"
        )?;
    } else {
        writeln!(out, "Score: {right}/{total}")?;
    }
    let ms = (answering * 1000.0) as i64;
    writeln!(out, "Time: {} answering", crate::figures::elapsed(ms))?;
    if let Some(next) = crate::session::summary::study_next(course, session) {
        writeln!(out, "{}", next.line(course))?;
    }
    if lost.why.is_none()
        && let Some(due) = record.due()
    {
        writeln!(out, "{due} (Review in the full-screen tutor)")?;
    }
    lost.report(out, settings)
}

fn score(session: &Session) -> Score {
    Score {
        correct: session.score(),
        answered: session.answered(),
        total: session.first_try_count(),
    }
}

/// `Question 3 of 10`, and `(asked again)` for a missed question's second asking.
fn header(session: &Session) -> String {
    let place = format!(
        "Question {} of {}",
        session.number(session.current()),
        session.first_try_count()
    );
    if session.again_at(session.current()) {
        format!("{place} (asked again)")
    } else {
        place
    }
}

/// The lines before the first question: the course, its note, and how to get the same quiz.
fn heading(
    course: &Course,
    session: &Session,
    settings: &Settings,
    out: &mut impl Write,
) -> io::Result<()> {
    let (seed, total) = (session.seed(), session.questions().len());
    if let Some(why) = &settings.unsaved {
        writeln!(
            out,
            "Warning: progress is not being saved: {}",
            sanitize(why)
        )?;
    }
    writeln!(out, "{}", sanitize(&course.meta.title))?;
    writeln!(out, "Note: {}", sanitize(&course.meta.source.note))?;
    match session.drill() {
        Some(d) => {
            let limit = d
                .time_limit
                .map_or(String::new(), |s| format!(", {s} s per question"));
            let exam = if d.exam { ", feedback at the end" } else { "" };
            writeln!(
                out,
                "Drill {}: seed {seed}, {total} questions{limit}{exam}",
                sanitize(d.id.as_str())
            )
        }
        None => writeln!(
            out,
            "Seed: {seed} ({total} questions; run again with --seed {seed} for the same quiz)"
        ),
    }
}

/// Asks the open question and gives the session the answer, or tells it the time ran out.
/// Returns the record and the seconds the question was on screen; `None` at end of input.
fn ask_next(
    session: &mut Session,
    input: &mut impl Lines,
    out: &mut impl Write,
) -> io::Result<Option<(Answered, f64)>> {
    let Some(q) = session.question() else {
        return Ok(None);
    };
    writeln!(out)?;
    writeln!(out, "{}", header(session))?;
    ask(q, out)?;
    if let Some(s) = session.time_limit() {
        writeln!(out, "({s} seconds)")?;
    }
    let shown = Instant::now();
    let deadline = session
        .time_limit()
        .map(|s| shown + Duration::from_secs(u64::from(s)));
    let answered = match read_answer(q, input, out, deadline)? {
        Read::Answer(a) => session.answer(a),
        Read::TimedOut => {
            writeln!(out)?;
            writeln!(out, "Time is up: unanswered.")?;
            session.expire()
        }
        Read::End => return Ok(None),
    };
    Ok(answered.map(|a| (a, shown.elapsed().as_secs_f64())))
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

fn ask(q: &Question, out: &mut (impl Write + ?Sized)) -> io::Result<()> {
    if let Some(step) = q.step() {
        writeln!(out, "Unfolding case, step {} of {}.", step.number, step.of)?;
        if !q.context.is_empty() {
            writeln!(out, "So far:")?;
            for fact in &q.context {
                writeln!(out, "  {}", sanitize(fact))?;
            }
            writeln!(out, "Now:")?;
        }
    }
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
        ItemType::MultiSelect => {
            format!("Answer (all that apply, e.g. A,C; A-{last}; or one option's words): ")
        }
        ItemType::TrueFalse => "Answer (A for true, B for false): ".to_owned(),
        _ => format!("Answer (a letter A-{last}, or the option's words): "),
    }
}

/// What reading an answer gave.
enum Read {
    Answer(Answer),
    TimedOut,
    End,
}

/// Reads lines until one is a valid answer, the input ends or `deadline` passes.
fn read_answer(
    q: &Question,
    input: &mut impl Lines,
    out: &mut impl Write,
    deadline: Option<Instant>,
) -> io::Result<Read> {
    loop {
        write!(out, "{}", prompt(q))?;
        out.flush()?;
        let timeout = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        let typed = match input.read(timeout)? {
            Line::Text(t) => t,
            Line::TooLong => {
                writeln!(out)?;
                writeln!(out, "{}", grade::InputError::TooLong)?;
                continue;
            }
            Line::End => return Ok(Read::End),
            Line::TimedOut => return Ok(Read::TimedOut),
        };
        if input.echo() {
            writeln!(out, "{}", sanitize(&typed))?;
        }
        if q.is_free_text() {
            if !typed.trim().is_empty() {
                return Ok(Read::Answer(Answer::Text(typed)));
            }
            writeln!(out, "{}", grade::InputError::Empty)?;
            continue;
        }
        match grade::parse_choices(q, &typed) {
            Ok(chosen) => return Ok(Read::Answer(Answer::Choices(chosen))),
            Err(e) => writeln!(out, "{e}")?,
        }
    }
}
