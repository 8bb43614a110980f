//! Review from the home menu: what is due now, asked as fresh variants; when nothing is, a
//! screen that says when the next review falls due and offers practice of the weakest
//! sentences instead of an empty quiz.

use super::action::Effect;
use super::app::{App, QUIZ_LEN, Screen};
use crate::quiz::review::Weakest;
use crate::quiz::{self, Question};
use crate::session::Session;
use crate::store::Mode;

/// The screen shown when Review finds nothing due.
#[derive(Debug, Clone, PartialEq)]
pub struct NothingDue {
    /// When the next review falls due (Unix ms), if one is scheduled.
    pub next_due: Option<i64>,
    /// When that was read: the screen counts from here.
    pub now_ms: i64,
    /// The practice offered: its seed and questions, drawn already so the screen names what
    /// it asks.
    pub seed: u64,
    pub questions: Vec<Question>,
    /// The weakest sentences, with the recall in a week the statistics show for each.
    pub sentences: Vec<(String, f32)>,
}

/// Title of the practice of the weakest sentences.
pub const WEAKEST: &str = "Weakest sentences";

impl App {
    /// Review chosen on the home menu: with a host, first ask it what is due now (the
    /// figures on screen may be minutes old); without one, open it at once.
    pub(super) fn choose_review(&mut self, effects: &mut Vec<Effect>) {
        if self.progress.is_some() || self.progress_pending {
            effects.push(Effect::NeedReview);
        } else {
            self.open_review(Weakest::default(), effects);
        }
    }

    /// A review session: due units first, then new ones, each as a fresh variant; when there
    /// are none, the [`NothingDue`] screen with practice of `weakest`.
    pub(super) fn open_review(&mut self, weakest: Weakest, effects: &mut Vec<Effect>) {
        let seed = self.take_seed();
        let (states, now) = self
            .progress
            .as_ref()
            .map_or((&[][..], 0), |p| (&p.states[..], p.now_ms));
        let questions = quiz::review::draw(&self.course, states, now, seed, QUIZ_LEN);
        if !questions.is_empty() {
            let session = Session::new("Review", seed, Mode::Review, questions);
            self.screens
                .push(Screen::Quiz(Box::new(super::quiz::QuizState::new(session))));
            effects.push(Effect::Shown);
            return;
        }
        let questions = quiz::review::weakest(&self.course, &weakest.units, seed);
        let sentences = weakest.sentences;
        self.screens.push(Screen::NothingDue(Box::new(NothingDue {
            next_due: quiz::review::next_due(states, now),
            now_ms: now,
            seed,
            questions,
            sentences,
        })));
    }

    /// Enter on [`NothingDue`]: the practice it offers, if there is one.
    pub(super) fn practise_weakest(&mut self, effects: &mut Vec<Effect>) {
        let Some(Screen::NothingDue(n)) = self.screens.last() else {
            return;
        };
        if n.questions.is_empty() {
            return;
        }
        let session = Session::new(WEAKEST, n.seed, Mode::Review, n.questions.clone());
        self.screens.pop();
        self.screens
            .push(Screen::Quiz(Box::new(super::quiz::QuizState::new(session))));
        effects.push(Effect::Shown);
    }
}
