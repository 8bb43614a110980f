//! A quiz on screen: the core [`Session`] (asking, grading, time limits, exam mode, score)
//! plus what only the screen has: the highlighted option, the marks of a multi-select
//! question, the text field, the scroll and the cited sentence picked for `s`.

use super::action::{Action, Effect};
use super::text_field::TextField;
use crate::course::spec::ItemType;
use crate::grade::Answer;
use crate::session::{Keep, Phase, Session};

/// What the quiz asks the app to do besides effects.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    Stay,
    /// Open the source view at this sentence.
    Source(String),
    /// Leave the quiz (results read).
    Leave,
    /// Esc while a question is open: ask before leaving.
    AskLeave,
    /// r on the results: the missed questions again, as fresh variants (needs the course).
    Retry,
}

/// A quiz on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizState {
    pub session: Session,
    /// Highlighted option.
    pub cursor: usize,
    /// Options toggled on in a multi-select question.
    pub marked: Vec<bool>,
    pub field: TextField,
    /// Scroll of the question, feedback or results body; kept within the content when drawn.
    pub scroll: u16,
    /// Feedback: which cited sentence `s` opens.
    pub cite: usize,
    /// A one-line notice, e.g. "Type an answer first".
    pub notice: Option<String>,
    /// The time the host last reported, for the countdown.
    pub now_ms: i64,
    /// In a paced drill, how the class answered the question on screen, once revealed.
    pub class: Option<crate::session::pace::ClassAnswers>,
    /// Time spent on the questions answered in this sitting (from question shown to
    /// answer), as the host measured it (`None` until it does): the results say how long
    /// the quiz took.
    pub answering_ms: Option<i64>,
}

impl QuizState {
    pub fn new(session: Session) -> QuizState {
        let mut q = QuizState {
            session,
            cursor: 0,
            marked: Vec::new(),
            field: TextField::default(),
            scroll: 0,
            cite: 0,
            notice: None,
            now_ms: 0,
            answering_ms: None,
            class: None,
        };
        q.reset_view();
        q
    }

    /// Seconds left for the open question, when it has a running time limit.
    pub fn seconds_left(&self) -> Option<i64> {
        self.session.seconds_left(self.now_ms)
    }

    /// The clock moved on: start the open question's countdown, or end it; `covered` when
    /// help or a dialog is open over the question (see `Session::tick_under`).
    pub fn tick(&mut self, now_ms: i64, covered: bool, effects: &mut Vec<Effect>) {
        self.now_ms = now_ms;
        if let Some(record) = self.session.tick_under(now_ms, covered) {
            self.answered(record, effects);
        }
    }

    /// Esc: leave at once when nothing would be lost, else ask.
    fn leave(&self) -> Next {
        if self.session.in_progress() {
            Next::AskLeave
        } else {
            Next::Leave
        }
    }

    pub(super) fn reset_view(&mut self) {
        self.cursor = 0;
        let options = self.session.question().map_or(0, |q| q.options.len());
        self.marked = vec![false; options];
        self.field = TextField::default();
        self.scroll = 0;
        self.cite = 0;
        self.notice = None;
    }

    /// Whether the open question takes typed text (printable keys type).
    pub fn typing(&self) -> bool {
        self.session.phase() == Phase::Asking
            && self.session.question().is_some_and(|q| q.is_free_text())
    }

    pub fn update(&mut self, action: Action, effects: &mut Vec<Effect>) -> Next {
        match self.session.phase() {
            Phase::Asking => self.asking(action, effects),
            Phase::Feedback => self.feedback(action, effects),
            Phase::Done => self.results(action),
            Phase::Waiting | Phase::Held => self.waiting(action),
        }
    }

    fn asking(&mut self, action: Action, effects: &mut Vec<Effect>) -> Next {
        let Some(q) = self.session.question() else {
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
        if let Some(record) = self.session.answer(answer) {
            self.answered(record, effects);
        }
    }

    /// After the session graded an answer: record it, then show what comes next (an exam
    /// moves straight on to the next question).
    pub(super) fn answered(&mut self, record: crate::session::Answered, effects: &mut Vec<Effect>) {
        let moved_on = record.index != self.session.current();
        effects.push(Effect::Answered(Box::new(record)));
        if moved_on || self.session.reviewing() {
            self.reset_view();
        } else {
            self.scroll = 0;
            self.cite = 0;
        }
        if moved_on && self.session.phase() == Phase::Asking {
            effects.push(Effect::Shown);
        }
        self.keep(effects);
    }

    /// Asks the host to keep this quiz for resuming, or to forget it once finished.
    pub(super) fn keep(&self, effects: &mut Vec<Effect>) {
        effects.push(match self.session.keep() {
            Keep::Save => Effect::SaveQuiz(Box::new(self.session.clone())),
            Keep::Clear(slot) => Effect::ClearQuiz(slot),
        });
    }

    fn feedback(&mut self, action: Action, effects: &mut Vec<Effect>) -> Next {
        let cites = self.session.outcome().map_or(0, |o| o.cites.len());
        match action {
            Action::Select => {
                self.session.advance();
                if self.session.phase() == Phase::Asking {
                    effects.push(Effect::Shown);
                }
                self.reset_view();
                self.keep(effects);
            }
            Action::NextPane if cites > 0 => self.cite = (self.cite + 1) % cites,
            Action::OpenSource => {
                let cited = self.session.outcome().and_then(|o| o.cites.get(self.cite));
                if let Some(id) = cited {
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
            Action::Retry => return Next::Retry,
            Action::Select | Action::Back => return Next::Leave,
            action => self.scroll_by(&action),
        }
        Next::Stay
    }

    /// Replaces the finished quiz by one of its missed questions as fresh variants.
    pub fn retry(&mut self, course: &crate::course::Course, effects: &mut Vec<Effect>) {
        match self.session.retry_missed(course) {
            Some(retry) => {
                *self = QuizState::new(retry);
                effects.push(Effect::Shown);
            }
            None => {
                self.notice = Some("Nothing to retry: every answer was right.".to_owned());
            }
        }
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
