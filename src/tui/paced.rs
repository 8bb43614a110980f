//! A paced drill on a student's screen: the instructor's moves ([`Action::Pace`]) drive the
//! quiz of that drill; the student answers the open question and otherwise waits.

use super::action::{Action, Effect};
use super::app::{App, Screen};
use super::quiz::{Next, QuizState};
use crate::session::Phase;
use crate::session::pace::PaceUpdate;

impl App {
    /// The instructor moved: the quiz of that drill follows, wherever it is in the stack.
    pub(super) fn follow_pace(&mut self, update: &PaceUpdate, effects: &mut Vec<Effect>) {
        let of_drill = |s: &Screen| {
            matches!(s, Screen::Quiz(q)
                if q.session.drill().is_some_and(|d| d.id == update.drill))
        };
        if let Some(Screen::Quiz(q)) = self.screens.iter_mut().find(|s| of_drill(s)) {
            q.follow(update, effects);
        }
    }
}

impl QuizState {
    /// Moves to where the class is; a question closed before an answer is recorded as
    /// unanswered, and a new question on screen starts its time.
    pub fn follow(&mut self, update: &PaceUpdate, effects: &mut Vec<Effect>) {
        let before = (self.session.phase(), self.session.current());
        if let Some(record) = self.session.follow(update.pace) {
            self.answered(record, effects);
        }
        let now = (self.session.phase(), self.session.current());
        self.class = update
            .class
            .clone()
            .filter(|c| c.question == self.session.current());
        if now == before {
            return;
        }
        if now.1 != before.1 {
            self.reset_view();
        } else {
            self.scroll = 0;
        }
        if now.0 == Phase::Asking {
            effects.push(Effect::Shown);
        }
        self.keep(effects);
    }

    /// Waiting for the instructor: only scrolling and leaving.
    pub(super) fn waiting(&mut self, action: Action) -> Next {
        match action {
            Action::Back if self.session.in_progress() => Next::AskLeave,
            Action::Back => Next::Leave,
            Action::Up | Action::PageUp => {
                self.scroll = self.scroll.saturating_sub(1);
                Next::Stay
            }
            Action::Down | Action::PageDown => {
                self.scroll = self.scroll.saturating_add(1);
                Next::Stay
            }
            _ => Next::Stay,
        }
    }
}
