//! The host side of the TUI: carries out the app's effects against the learner's stored
//! progress and answers with actions (new figures, notices). The same host serves the local
//! terminal and, later, each SSH session.

use super::action::{Action, Effect};
use super::app::Snapshot;
use crate::course::Course;
use crate::progress::Progress;
use crate::session::resume::{self, Resumable};
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
        let course = Arc::clone(&self.course);
        let progress = match (&mut self.progress, effect) {
            (_, Effect::Shown) => {
                self.shown_ms = now_ms;
                return Vec::new();
            }
            (Err(why), Effect::Answered(_)) => {
                return vec![Action::Notice(format!("✗ Not saved: {why}"))];
            }
            (Err(_), Effect::NeedStats) => {
                // Nothing stored: the figures of a learner who has answered nothing.
                let Ok(scheduler) =
                    crate::schedule::Scheduler::new(crate::schedule::DEFAULT_RETENTION)
                else {
                    return Vec::new();
                };
                let stats = crate::report::from_parts(
                    &course,
                    &Default::default(),
                    &[],
                    &[],
                    &scheduler,
                    now_ms,
                );
                return vec![Action::Stats(Box::new(stats))];
            }
            (Err(_), _) => return Vec::new(),
            (Ok(p), _) => p,
        };
        let (user, course_id) = (progress.user.clone(), progress.course_id().to_owned());
        let result = match effect {
            Effect::Answered(a) => {
                let seconds = (now_ms - self.shown_ms).max(0) as f64 / 1000.0;
                let ctx = a.context(seconds, now_ms);
                let recorded = progress.record(&course, &a.question, &a.answer, &a.outcome, &ctx);
                let mut out = Vec::new();
                self.write_failure = recorded.as_ref().err().map(ToString::to_string);
                match recorded {
                    Ok(None) => {}
                    Ok(Some(moved)) => out.push(Action::Notice(format!(
                        "The progress database was damaged and moved to {}; this answer starts a fresh one.",
                        moved.display()
                    ))),
                    Err(e) => out.push(Action::Notice(format!("✗ Not saved: {e}"))),
                }
                out.push(Action::Progress(Box::new(self.snapshot())));
                return out;
            }
            Effect::SaveQuiz(session) => {
                return match resume::save(progress, &course, session, now_ms) {
                    Ok(()) => Vec::new(),
                    Err(e) => vec![Action::Notice(e.to_string())],
                };
            }
            Effect::ClearQuiz(slot) => resume::clear(progress, slot),
            Effect::LessonOpened(id) => progress.store.mark_read(&user, &course_id, id, now_ms),
            Effect::NeedStats => {
                return match crate::report::compute(
                    &course,
                    &progress.store,
                    &user,
                    progress.scheduler(),
                    now_ms,
                ) {
                    Ok(stats) => vec![Action::Stats(Box::new(stats))],
                    Err(e) => vec![Action::Notice(format!("Statistics could not be read: {e}"))],
                };
            }
            Effect::Quit | Effect::Shown => Ok(()),
        };
        match result {
            Ok(()) => Vec::new(),
            Err(e) => vec![Action::Notice(format!("Progress could not be saved: {e}"))],
        }
    }
}
