//! The host side of the TUI: carries out the app's effects against the learner's stored
//! progress and answers with actions (new figures, notices). The same host serves the local
//! terminal and, later, each SSH session.

use super::action::{Action, Effect};
use super::app::Snapshot;
use crate::course::Course;
use crate::progress::Progress;
use crate::schedule::{DEFAULT_RETENTION, Scheduler};
use crate::session::Answered;
use crate::session::resume::{self, Resumable};
use crate::store::StoreError;
use std::sync::Arc;

pub struct Host {
    course: Arc<Course>,
    progress: Result<Progress, String>,
    /// When the question on screen was shown.
    shown_ms: i64,
    /// Why the last answer could not be written, until one is: the header says so.
    write_failure: Option<String>,
    clock: fn() -> i64,
}

impl Host {
    /// `progress` is the learner's store, or why there is none (answers then go unsaved, and
    /// every answer says so).
    pub fn new(
        course: Arc<Course>,
        progress: Result<Progress, String>,
        clock: fn() -> i64,
    ) -> Host {
        let shown_ms = clock();
        Host {
            course,
            progress,
            shown_ms,
            write_failure: None,
            clock,
        }
    }

    /// Actions for a fresh app: the progress figures, every saved drill (to go on where it
    /// was), and the most recently saved other quiz to offer for resuming. A saved quiz that
    /// cannot be resumed is reported and stays in the store.
    pub fn start(&mut self) -> Vec<Action> {
        let mut out = vec![Action::Progress(Box::new(self.snapshot()))];
        let Ok(p) = &mut self.progress else {
            return out;
        };
        let found = match Resumable::load(p, &self.course) {
            Ok(found) => found,
            Err(e) => {
                out.push(Action::Notice(format!(
                    "Saved quizzes could not be read: {e}"
                )));
                return out;
            }
        };
        let notice = found.notice();
        out.extend(
            found
                .drills
                .into_iter()
                .map(|d| Action::ResumeDrill(Box::new(d))),
        );
        out.extend(notice.map(Action::Notice));
        out.extend(found.offer.map(|q| Action::OfferResume(Box::new(q))));
        out
    }

    fn snapshot(&self) -> Snapshot {
        let now_ms = (self.clock)();
        match &self.progress {
            Ok(p) => {
                let both = p
                    .summary(now_ms)
                    .and_then(|summary| Ok((summary, p.review_states()?)));
                match both {
                    Ok((summary, states)) => Snapshot {
                        user: p.user.clone(),
                        summary,
                        states,
                        now_ms,
                        unsaved: self.write_failure.clone(),
                    },
                    Err(e) => Snapshot {
                        user: p.user.clone(),
                        now_ms,
                        unsaved: Some(e.to_string()),
                        ..Default::default()
                    },
                }
            }
            Err(why) => Snapshot {
                now_ms,
                unsaved: Some(why.clone()),
                ..Default::default()
            },
        }
    }

    /// Carries out one effect; the returned actions go to the app before the next frame.
    pub fn on_effect(&mut self, effect: &Effect) -> Vec<Action> {
        let now_ms = (self.clock)();
        match effect {
            Effect::Shown => {
                self.shown_ms = now_ms;
                Vec::new()
            }
            Effect::Answered(a) => self.record(a, now_ms),
            Effect::NeedStats => vec![self.stats(now_ms)],
            Effect::NeedReview => {
                let snapshot = self.snapshot();
                // The weakest sentences are offered only when the review has nothing to ask
                // (the same draw the app makes, for one question).
                let (states, at) = (&snapshot.states, snapshot.now_ms);
                let nothing = crate::quiz::review::draw(&self.course, states, at, 0, 1).is_empty();
                let weakest = if nothing {
                    self.weakest(now_ms)
                } else {
                    Default::default()
                };
                vec![
                    Action::Progress(Box::new(snapshot)),
                    Action::OpenReview(Box::new(weakest)),
                ]
            }
            Effect::SaveQuiz(session) => {
                let Ok(p) = &mut self.progress else {
                    return Vec::new();
                };
                match resume::save(p, &self.course, session, now_ms) {
                    Ok(()) => Vec::new(),
                    Err(e) => vec![Action::Notice(e.to_string())],
                }
            }
            Effect::ClearQuiz(slot) => self.write(|p| resume::clear(p, slot)),
            Effect::LessonOpened(id) => {
                let mut out = self.write(|p| {
                    let (user, course_id) = (p.user.clone(), p.course_id().to_owned());
                    p.store.mark_read(&user, &course_id, id, now_ms)
                });
                // The lessons list marks it read on the way back.
                out.push(self.stats(now_ms));
                out
            }
            Effect::Quit => Vec::new(),
        }
    }

    /// Stores an answer; the notice says when it could not be, or the store was moved aside.
    fn record(&mut self, a: &Answered, now_ms: i64) -> Vec<Action> {
        let Ok(progress) = &mut self.progress else {
            let why = self.progress.as_ref().err().map_or("", String::as_str);
            return vec![Action::Notice(format!("✗ Not saved: {why}"))];
        };
        let took_ms = (now_ms - self.shown_ms).max(0);
        let seconds = took_ms as f64 / 1000.0;
        let ctx = a.context(seconds, now_ms);
        let recorded = progress.record(&self.course, &a.question, &a.answer, &a.outcome, &ctx);
        self.write_failure = recorded.as_ref().err().map(ToString::to_string);
        let mut out = vec![Action::AnswerTook(took_ms)];
        match recorded {
            Ok(None) => {}
            Ok(Some(moved)) => out.push(Action::Notice(format!(
                "The progress database was damaged and moved to {}; this answer starts a fresh one.",
                moved.display()
            ))),
            Err(e) => out.push(Action::Notice(format!("✗ Not saved: {e}"))),
        }
        out.push(Action::Progress(Box::new(self.snapshot())));
        out
    }

    /// The statistics screen's figures; with nothing stored, those of a learner who has
    /// answered nothing.
    fn stats(&self, now_ms: i64) -> Action {
        let computed = match &self.progress {
            Ok(p) => crate::report::compute(&self.course, &p.store, &p.user, p.scheduler(), now_ms),
            Err(_) => {
                let Ok(scheduler) = Scheduler::new(DEFAULT_RETENTION) else {
                    return Action::Notice("Statistics could not be computed.".to_owned());
                };
                let (summary, course) = (Default::default(), &self.course);
                let none =
                    crate::report::from_parts(course, &summary, &[], &[], &scheduler, now_ms);
                Ok(none)
            }
        };
        match computed {
            Ok(stats) => Action::Stats(Box::new(stats)),
            Err(e) => Action::Notice(format!("Statistics could not be read: {e}")),
        }
    }

    /// The weakest sentences by the statistics' own recall figures, each with the unit
    /// resting on it likeliest forgotten (nothing without a store).
    fn weakest(&self, now_ms: i64) -> crate::quiz::review::Weakest {
        let Ok(p) = &self.progress else {
            return Default::default();
        };
        let (Ok(stats), Ok(states)) = (
            crate::report::compute(&self.course, &p.store, &p.user, p.scheduler(), now_ms),
            p.review_states(),
        ) else {
            return Default::default();
        };
        let ranked =
            crate::quiz::review::weakest_units(&self.course, &states, p.scheduler(), now_ms);
        crate::quiz::review::weakest_sentences(&self.course, &stats, &ranked, super::app::QUIZ_LEN)
    }

    /// A store write; a failure is a notice. Without a store there is nothing to write.
    fn write(&mut self, f: impl FnOnce(&mut Progress) -> Result<(), StoreError>) -> Vec<Action> {
        let Ok(p) = &mut self.progress else {
            return Vec::new();
        };
        match f(p) {
            Ok(()) => Vec::new(),
            Err(e) => vec![Action::Notice(format!("Progress could not be saved: {e}"))],
        }
    }
}
