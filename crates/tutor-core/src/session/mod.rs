//! One quiz session, driven the same way by every front end (plain lines, the TUI, each SSH
//! session): it asks, grades, runs a drill's time limit, holds an exam's feedback back, keeps
//! the score, and says what to record ([`Answered`]) and what to keep for resuming
//! ([`Keep`], written by [`saved`]). Front ends only present it and read input.

mod again;
mod answered;
mod clock;
pub mod pace;
pub mod resume;
pub mod saved;
mod slot;
pub mod summary;
#[cfg(test)]
mod tests;

pub use answered::Answered;
pub use slot::{Keep, Slot};

use crate::grade::{self, Answer, Outcome};
use crate::quiz::Question;
use crate::quiz::drill::DrillId;
use crate::store::Mode;
use serde::{Deserialize, Serialize};

/// Where a session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// The current question waits for an answer.
    Asking,
    /// The current question's feedback is shown (in an exam, the review pass at the end).
    Feedback,
    /// Every question is answered and every feedback seen: the results.
    Done,
    /// A paced drill before the instructor opens a question ([`pace`]).
    Waiting,
    /// A paced drill's question answered (or closed), its feedback held until the
    /// instructor reveals it.
    Held,
}

/// A drill's id (shown and recorded with every answer), time limit and exam mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrillInfo {
    pub id: DrillId,
    pub time_limit: Option<u32>,
    pub exam: bool,
    /// The instructor opens, closes and reveals each question ([`pace`]).
    #[serde(default)]
    pub paced: bool,
    /// Everything the drill was started with, for the store to record once (absent from
    /// drills saved before it was).
    #[serde(default)]
    pub settings: Option<crate::quiz::drill::DrillSettings>,
}

/// A quiz in progress. Serialized (field names kept from the first saved format) by
/// [`saved`], so a quit, a dropped connection or a crash can resume it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    title: String,
    #[serde(with = "crate::json::seed")]
    seed: u64,
    mode: Mode,
    questions: Vec<Question>,
    current: usize,
    outcomes: Vec<Option<Outcome>>,
    answers: Vec<Option<Answer>>,
    phase: Phase,
    #[serde(default)]
    drill: Option<DrillInfo>,
    /// When the open question's time runs out (Unix ms); set by the first tick after it shows.
    #[serde(default)]
    deadline_ms: Option<i64>,
    /// Time left (ms) of the open question while its clock is paused (see [`clock`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    paused_left_ms: Option<i64>,
    /// Per question: its time ran out before an answer.
    #[serde(default)]
    timed_out: Vec<bool>,
    /// Exam: the pass through the held-back feedback after the last question.
    #[serde(default)]
    reviewing: bool,
    /// Per question: it is a missed question asked again (see [`again`]). Shorter than
    /// `questions` in sessions saved before it existed.
    #[serde(default)]
    again: Vec<bool>,
    /// The quiz cannot be made again from its seed: a retry of misses, or a review drawn
    /// from the learner's review states.
    #[serde(default)]
    one_off: bool,
}

impl Session {
    pub fn new(title: impl Into<String>, seed: u64, mode: Mode, questions: Vec<Question>) -> Self {
        let n = questions.len();
        Session {
            title: title.into(),
            seed,
            mode,
            questions,
            current: 0,
            outcomes: vec![None; n],
            answers: vec![None; n],
            phase: if n == 0 { Phase::Done } else { Phase::Asking },
            drill: None,
            deadline_ms: None,
            paused_left_ms: None,
            timed_out: vec![false; n],
            reviewing: false,
            again: vec![false; n],
            one_off: mode == Mode::Review,
        }
    }

    /// The session as a drill: its questions are already fixed by the drill's settings.
    pub fn with_drill(mut self, drill: DrillInfo) -> Self {
        self.mode = Mode::Drill;
        self.drill = Some(drill);
        self
    }

    /// The session as one that its seed alone does not make again (e.g. a question opened
    /// from the source view).
    pub fn one_off(mut self) -> Self {
        self.one_off = true;
        self
    }

    /// The drill `spec` describes on `course` (its `questions` drawn by `spec`), titled
    /// with its id.
    pub fn for_drill(
        course: &crate::course::Course,
        spec: &crate::quiz::drill::DrillSpec,
        questions: Vec<Question>,
    ) -> Session {
        let info = DrillInfo {
            id: spec.id(course),
            time_limit: spec.time_limit,
            exam: spec.exam,
            paced: spec.paced,
            settings: Some(spec.settings()),
        };
        let title = format!("Drill {}", info.id);
        let mut s = Session::new(title, spec.seed, Mode::Drill, questions).with_drill(info);
        // A paced drill waits for the instructor's first question.
        s.follow(pace::Pace::Waiting);
        s
    }

    /// A session of the questions answered wrong or not at all, each as a fresh variant (a
    /// new patient, options in a new order), drawn from the same seed.
    pub fn retry_missed(&self, course: &crate::course::Course) -> Option<Session> {
        let missed: Vec<Question> = (self.missed().iter().enumerate())
            .map(|(k, q)| crate::quiz::fresh::variant(course, q, self.seed ^ k as u64))
            .collect();
        (!missed.is_empty()).then(|| Session {
            one_off: true,
            ..Session::new("Retry missed questions", self.seed, self.mode, missed)
        })
    }

    /// Whether the same seed (and settings) make this quiz again.
    pub fn reproducible(&self) -> bool {
        !self.one_off
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn drill(&self) -> Option<&DrillInfo> {
        self.drill.as_ref()
    }

    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// Index of the question asked or shown now.
    pub fn current(&self) -> usize {
        self.current
    }

    /// In an exam's review pass: the feedback held back until the end.
    pub fn reviewing(&self) -> bool {
        self.reviewing
    }

    /// Feedback is held until every question is answered.
    pub fn is_exam(&self) -> bool {
        self.drill.as_ref().is_some_and(|d| d.exam)
    }

    pub fn question(&self) -> Option<&Question> {
        self.questions.get(self.current)
    }

    /// The current question's outcome, once answered.
    pub fn outcome(&self) -> Option<&Outcome> {
        self.outcome_at(self.current)
    }

    pub fn outcome_at(&self, index: usize) -> Option<&Outcome> {
        self.outcomes.get(index).and_then(Option::as_ref)
    }

    pub fn answer_at(&self, index: usize) -> Option<&Answer> {
        self.answers.get(index).and_then(Option::as_ref)
    }

    /// Whether question `index`'s time ran out before an answer.
    pub fn timed_out_at(&self, index: usize) -> bool {
        self.timed_out.get(index).copied().unwrap_or(false)
    }

    /// Whether question `index` is a missed question asked again.
    pub fn again_at(&self, index: usize) -> bool {
        self.again.get(index).copied().unwrap_or(false)
    }

    /// First tries: each question once, not its second asking.
    fn first_tries(&self) -> impl Iterator<Item = &Outcome> {
        let first = (0..self.outcomes.len()).filter(|&i| !self.again_at(i));
        first.filter_map(|i| self.outcome_at(i))
    }

    /// First tries right so far: what the score counts.
    pub fn score(&self) -> usize {
        self.first_tries().filter(|o| o.correct).count()
    }

    /// First tries answered so far.
    pub fn answered(&self) -> usize {
        self.first_tries().count()
    }

    /// Score and first tries answered before question `index`: what a paced student's header
    /// may say while the answer to `index` is held (until the reveal, right or wrong is the
    /// instructor's to show).
    pub fn score_before(&self, index: usize) -> (usize, usize) {
        let firsts = (0..index.min(self.outcomes.len())).filter(|&i| !self.again_at(i));
        let outcomes: Vec<&Outcome> = firsts.filter_map(|i| self.outcome_at(i)).collect();
        let right = outcomes.iter().filter(|o| o.correct).count();
        (right, outcomes.len())
    }

    /// Questions in the quiz counting each once (not the second askings): what the score is
    /// out of.
    pub fn first_try_count(&self) -> usize {
        (0..self.questions.len())
            .filter(|&i| !self.again_at(i))
            .count()
    }

    /// For question `index` missed at the first try: whether it was right when asked again,
    /// once that was answered.
    pub fn second_try(&self, index: usize) -> Option<bool> {
        let id = &self.questions.get(index)?.id;
        let again = (index + 1..self.questions.len())
            .find(|&j| self.again_at(j) && self.questions[j].id == *id)?;
        self.outcome_at(again).map(|o| o.correct)
    }

    /// Missed questions answered right when asked again.
    pub fn recovered(&self) -> usize {
        (0..self.outcomes.len())
            .filter(|&i| self.again_at(i) && self.outcome_at(i).is_some_and(|o| o.correct))
            .count()
    }

    /// Whether leaving now would leave answers of an unfinished quiz behind.
    pub fn in_progress(&self) -> bool {
        self.phase != Phase::Done && self.answered() > 0
    }

    /// Questions answered wrong or not answered at the first try.
    pub fn missed(&self) -> Vec<Question> {
        (0..self.questions.len())
            .filter(|&i| !self.again_at(i))
            .filter(|&i| !self.outcome_at(i).is_some_and(|o| o.correct))
            .map(|i| self.questions[i].clone())
            .collect()
    }

    /// Grades `answer` to the open question. An exam moves straight on to the next question
    /// (or, after the last, to the review pass); otherwise its feedback is next. Returns what
    /// to record, before any feedback is shown; `None` when no question is open.
    pub fn answer(&mut self, answer: Answer) -> Option<Answered> {
        if self.phase != Phase::Asking {
            return None;
        }
        let index = self.current;
        let question = self.questions.get(index)?;
        let outcome = grade::grade(question, &answer);
        let record = Answered {
            index,
            question: question.clone(),
            answer: answer.clone(),
            outcome: outcome.clone(),
            quiz_seed: self.seed,
            mode: self.mode,
            drill: self.drill.as_ref().map(|d| d.id.clone()),
            drill_settings: self.drill.as_ref().and_then(|d| d.settings.clone()),
            timed_out: self.timed_out_at(index),
        };
        let missed = !outcome.correct;
        self.outcomes[index] = Some(outcome);
        self.answers[index] = Some(answer);
        self.stop_clock();
        // A miss with nothing after it is not asked again at once: the results list it.
        let more = index + 1 < self.questions.len();
        if missed && more && self.drill.is_none() && !self.again_at(index) {
            self.ask_again(index);
        }
        if self.paced() {
            self.phase = Phase::Held;
        } else if !self.is_exam() {
            self.phase = Phase::Feedback;
        } else if index + 1 < self.questions.len() {
            self.current += 1;
        } else {
            self.current = 0;
            self.reviewing = true;
            self.phase = Phase::Feedback;
        }
        Some(record)
    }

    /// Schedules missed question `index` to be asked once more, a few questions later.
    fn ask_again(&mut self, index: usize) {
        // Sessions saved before these existed hold shorter lists.
        let n = self.questions.len();
        self.again.resize(n, false);
        self.timed_out.resize(n, false);
        let gap = again::gap(self.seed, index);
        let at = again::position(&self.questions, &self.again, index, gap);
        let question = again::reshuffled(&self.questions[index], self.seed, index);
        self.questions.insert(at, question);
        self.outcomes.insert(at, None);
        self.answers.insert(at, None);
        self.timed_out.insert(at, false);
        self.again.insert(at, true);
    }

    /// Leaves the feedback shown: the next question, the next held-back feedback in an exam's
    /// review pass, or the results after the last.
    pub fn advance(&mut self) {
        // A paced drill moves on when the instructor opens the next question.
        if self.phase != Phase::Feedback || self.paced() {
            return;
        }
        if self.current + 1 < self.questions.len() {
            self.current += 1;
            if !self.reviewing {
                self.phase = Phase::Asking;
            }
        } else {
            self.phase = Phase::Done;
        }
        self.stop_clock();
    }

    /// Where this session is kept for resuming.
    pub fn slot(&self) -> Slot {
        match &self.drill {
            Some(d) => Slot::Drill(d.id.clone()),
            None => Slot::Quiz {
                seed: self.seed,
                title: self.title.clone(),
            },
        }
    }

    /// What to keep now: the session while unfinished, and a finished drill too (coming
    /// back shows its results instead of a fresh start); a finished quiz is forgotten.
    pub fn keep(&self) -> Keep {
        if self.phase == Phase::Done && self.drill.is_none() {
            Keep::Clear(self.slot())
        } else {
            Keep::Save
        }
    }
}
