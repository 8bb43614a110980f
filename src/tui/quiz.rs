//! A quiz in progress: asking, feedback after each answer, then results. Pure state; the
//! views draw it and `update` changes it.

use super::action::{Action, Answered, Effect};
use super::text_field::TextField;
use crate::course::spec::ItemType;
use crate::grade::{self, Answer, Outcome};
use crate::quiz::Question;
use crate::store::Mode;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    Asking,
    Feedback,
    Done,
}

/// What the quiz asks the app to do besides effects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    Stay,
    /// Open the source view at this sentence.
    Source(String),
    /// Start a new quiz with these questions (retry missed).
    Retry(Vec<Question>),
    /// Leave the quiz (results read).
    Leave,
    /// Esc while a question is open: ask before leaving.
    AskLeave,
}

/// A quiz in progress; serializable so a quit or a crash can resume it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizState {
    pub title: String,
    pub seed: u64,
    pub mode: Mode,
    pub questions: Vec<Question>,
    pub current: usize,
    pub outcomes: Vec<Option<Outcome>>,
    pub answers: Vec<Option<Answer>>,
    pub phase: Phase,
    /// Highlighted option.
    pub cursor: usize,
    /// Options toggled on in a multi-select question.
    pub marked: Vec<bool>,
    pub field: TextField,
    /// Scroll of the question, feedback or results body.
    pub scroll: u16,
    /// Feedback: which cited sentence `s` opens.
    pub cite: usize,
    /// A one-line notice, e.g. "Type an answer first".
    pub notice: Option<String>,
    /// Set when this quiz is a classroom drill.
    #[serde(default)]
    pub drill: Option<DrillInfo>,
    /// When the open question's time runs out (Unix ms); set by the first tick after it shows.
    #[serde(default)]
    pub deadline_ms: Option<i64>,
    /// The time the host last reported, for the countdown.
    #[serde(default)]
    pub now_ms: i64,
    /// Per question: its time ran out before an answer.
    #[serde(default)]
    pub timed_out: Vec<bool>,
    /// Exam: the pass through the held-back feedback after the last question.
    #[serde(default)]
    pub reviewing: bool,
}

/// Which saved quiz a quiz is kept as. A drill is kept by its id, finished or not, so a
/// student who comes back lands where they were (and does not answer it twice); any other
/// quiz by its seed and title, so a second quiz never overwrites the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuizSlot {
    Drill(String),
    Quiz { seed: u64, title: String },
}

impl QuizSlot {
    /// The store's key for the slot.
    pub fn key(&self) -> String {
        match self {
            QuizSlot::Drill(id) => format!("drill:{id}"),
            QuizSlot::Quiz { seed, title } => format!("quiz:{seed}:{title}"),
        }
    }
}

/// A drill's id (shown and recorded with every answer), time limit and exam mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrillInfo {
    pub id: String,
    pub time_limit: Option<u32>,
    pub exam: bool,
}

impl QuizState {
    pub fn new(
        title: impl Into<String>,
        seed: u64,
        mode: Mode,
        questions: Vec<Question>,
    ) -> QuizState {
        let n = questions.len();
        let mut q = QuizState {
            title: title.into(),
            seed,
            mode,
            questions,
            current: 0,
            outcomes: vec![None; n],
            answers: vec![None; n],
            phase: if n == 0 { Phase::Done } else { Phase::Asking },
            cursor: 0,
            marked: Vec::new(),
            field: TextField::default(),
            scroll: 0,
            cite: 0,
            notice: None,
            drill: None,
            deadline_ms: None,
            now_ms: 0,
            timed_out: vec![false; n],
            reviewing: false,
        };
        q.reset_question();
        q
    }

    /// The quiz as a drill: its questions are already fixed by the drill's settings.
    pub fn with_drill(mut self, drill: DrillInfo) -> QuizState {
        self.mode = Mode::Drill;
        self.drill = Some(drill);
        self
    }

    /// Seconds left for the open question, when it has a running time limit.
    pub fn seconds_left(&self) -> Option<i64> {
        let deadline = self.deadline_ms.filter(|_| self.phase == Phase::Asking)?;
        Some(((deadline - self.now_ms).max(0) + 999) / 1000)
    }

    /// Whether the host should send ticks: a timed question is open.
    pub fn wants_ticks(&self) -> bool {
        self.phase == Phase::Asking && self.drill.as_ref().is_some_and(|d| d.time_limit.is_some())
    }

    /// The clock moved on: start the open question's countdown, or end it.
    pub fn tick(&mut self, now_ms: i64, effects: &mut Vec<Effect>) {
        self.now_ms = now_ms;
        let Some(limit) = self
            .drill
            .as_ref()
            .and_then(|d| d.time_limit)
            .filter(|_| self.phase == Phase::Asking)
        else {
            return;
        };
        match self.deadline_ms {
            None => self.deadline_ms = Some(now_ms + i64::from(limit) * 1000),
            Some(d) if now_ms >= d => {
                let q = self.question().map(Question::is_free_text);
                let blank = if q == Some(true) {
                    Answer::Text(String::new())
                } else {
                    Answer::Choices(Vec::new())
                };
                if let Some(t) = self.timed_out.get_mut(self.current) {
                    *t = true;
                }
                self.answer(blank, effects);
            }
            Some(_) => {}
        }
    }

    pub fn question(&self) -> Option<&Question> {
        self.questions.get(self.current)
    }

    pub fn outcome(&self) -> Option<&Outcome> {
        self.outcomes.get(self.current).and_then(Option::as_ref)
    }

    pub fn score(&self) -> usize {
        self.outcomes.iter().flatten().filter(|o| o.correct).count()
    }

    pub fn answered(&self) -> usize {
        self.outcomes.iter().flatten().count()
    }

    /// Whether leaving now would lose answers of an unfinished quiz.
    pub fn in_progress(&self) -> bool {
        self.phase != Phase::Done && self.answered() > 0
    }

    /// Esc: leave at once when nothing would be lost, else ask.
    fn leave(&self) -> Next {
        if self.in_progress() {
            Next::AskLeave
        } else {
            Next::Leave
        }
    }

    fn reset_question(&mut self) {
        self.cursor = 0;
        self.marked = vec![false; self.question().map_or(0, |q| q.options.len())];
        self.field = TextField::default();
        self.scroll = 0;
        self.cite = 0;
        self.notice = None;
        self.deadline_ms = None;
    }

    /// Whether the open question takes typed text (printable keys type).
    pub fn typing(&self) -> bool {
        self.phase == Phase::Asking && self.question().is_some_and(Question::is_free_text)
    }

    pub fn update(&mut self, action: Action, effects: &mut Vec<Effect>) -> Next {
        match self.phase {
            Phase::Asking => self.asking(action, effects),
            Phase::Feedback => self.feedback(action, effects),
            Phase::Done => self.results(action),
        }
    }

    fn asking(&mut self, action: Action, effects: &mut Vec<Effect>) -> Next {
        let Some(q) = self.question() else {
            return Next::Stay;
        };
        let n = q.options.len();
        let multi = q.kind == ItemType::MultiSelect;
        let free = q.is_free_text();
        self.notice = None;
        match action {
            Action::Back => return self.leave(),
            Action::Up if !free => self.cursor = self.cursor.saturating_sub(1),
            Action::Down if !free => self.cursor = (self.cursor + 1).min(n.saturating_sub(1)),
            Action::Choose(i) if i < n && multi => {
                self.cursor = i;
                self.marked[i] = !self.marked[i];
            }
            Action::Choose(i) if i < n => self.answer(Answer::Choices(vec![i]), effects),
            Action::Toggle if multi && n > 0 => {
                self.marked[self.cursor] = !self.marked[self.cursor]
            }
            Action::Select if free => {
                if self.field.text().trim().is_empty() {
                    self.notice = Some("Type an answer first.".to_owned());
                } else {
                    self.answer(Answer::Text(self.field.text().to_owned()), effects);
                }
            }
            Action::Select if multi => {
                let chosen: Vec<usize> = (0..n).filter(|&i| self.marked[i]).collect();
                if chosen.is_empty() {
                    self.notice =
                        Some("Toggle at least one option with Space or its letter.".to_owned());
                } else {
                    self.answer(Answer::Choices(chosen), effects);
                }
            }
            Action::Select if n > 0 => self.answer(Answer::Choices(vec![self.cursor]), effects),
            Action::Input(c) if free => self.field.insert(c),
            Action::Paste(s) if free => self.field.paste(&s),
            Action::Backspace => self.field.backspace(),
            Action::Delete => self.field.delete(),
            Action::Left => self.field.left(),
            Action::Right => self.field.right(),
            Action::Home => self.field.home(),
            Action::End => self.field.end(),
            Action::PageDown => self.scroll = self.scroll.saturating_add(5),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(5),
            _ => {}
        }
        Next::Stay
    }

    fn answer(&mut self, answer: Answer, effects: &mut Vec<Effect>) {
        let Some(q) = self.question() else { return };
        let outcome = grade::grade(q, &answer);
        let timed_out = self.timed_out.get(self.current).copied().unwrap_or(false);
        effects.push(Effect::Answered(Box::new(Answered {
            question: q.clone(),
            answer: answer.clone(),
            outcome: outcome.clone(),
            quiz_seed: self.seed,
            mode: self.mode,
            drill: self.drill.as_ref().map(|d| d.id.clone()),
            timed_out,
        })));
        self.outcomes[self.current] = Some(outcome);
        self.answers[self.current] = Some(answer);
        if self.drill.as_ref().is_some_and(|d| d.exam) {
            // Exam: feedback is held back; on to the next question, or to the review pass.
            if self.current + 1 < self.questions.len() {
                self.current += 1;
                self.reset_question();
                effects.push(Effect::Shown);
            } else {
                self.current = 0;
                self.reviewing = true;
                self.phase = Phase::Feedback;
                self.reset_question();
            }
        } else {
            self.phase = Phase::Feedback;
            self.scroll = 0;
            self.cite = 0;
        }
        self.save(effects);
    }

    /// Where this quiz is kept for resuming.
    pub fn slot(&self) -> QuizSlot {
        match &self.drill {
            Some(d) => QuizSlot::Drill(d.id.clone()),
            None => QuizSlot::Quiz {
                seed: self.seed,
                title: self.title.clone(),
            },
        }
    }

    /// Asks the host to keep this quiz for resuming, or to forget it once finished. A
    /// finished drill stays kept: coming back shows its results instead of a fresh start.
    fn save(&self, effects: &mut Vec<Effect>) {
        if self.phase == Phase::Done && self.drill.is_none() {
            effects.push(Effect::ClearQuiz(self.slot()));
        } else {
            effects.push(Effect::SaveQuiz(Box::new(self.clone())));
        }
    }

    fn feedback(&mut self, action: Action, effects: &mut Vec<Effect>) -> Next {
        let cites = self.outcome().map_or(0, |o| o.cites.len());
        match action {
            Action::Select => {
                if self.current + 1 < self.questions.len() {
                    self.current += 1;
                    // In an exam's review pass the next question's feedback follows.
                    if !self.reviewing {
                        self.phase = Phase::Asking;
                        effects.push(Effect::Shown);
                    }
                } else {
                    self.phase = Phase::Done;
                }
                self.reset_question();
                self.save(effects);
            }
            Action::NextPane if cites > 0 => self.cite = (self.cite + 1) % cites,
            Action::OpenSource => {
                if let Some(id) = self.outcome().and_then(|o| o.cites.get(self.cite)) {
                    return Next::Source(id.clone());
                }
            }
            Action::Back => return self.leave(),
            action => self.scroll_by(&action),
        }
        Next::Stay
    }

    fn results(&mut self, action: Action) -> Next {
        match action {
            Action::Retry => {
                let missed = self.missed();
                if missed.is_empty() {
                    self.notice = Some("Nothing to retry: every answer was right.".to_owned());
                } else {
                    return Next::Retry(missed);
                }
            }
            Action::Select | Action::Back => return Next::Leave,
            action => self.scroll_by(&action),
        }
        Next::Stay
    }

    /// Questions answered wrong or not answered.
    pub fn missed(&self) -> Vec<Question> {
        self.questions
            .iter()
            .zip(&self.outcomes)
            .filter(|(_, o)| !o.as_ref().is_some_and(|o| o.correct))
            .map(|(q, _)| q.clone())
            .collect()
    }

    fn scroll_by(&mut self, action: &Action) {
        self.scroll = match action {
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => self.scroll.saturating_add(1),
            Action::PageUp => self.scroll.saturating_sub(10),
            Action::PageDown => self.scroll.saturating_add(10),
            Action::Top => 0,
            Action::Bottom => u16::MAX,
            _ => self.scroll,
        };
    }
}
