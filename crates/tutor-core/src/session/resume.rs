//! Sessions kept between runs: saving one in its slot, and what a new run finds to resume.
//! Every front end that resumes goes through here, so a saved quiz that cannot be read is
//! reported the same way everywhere and always left in the store.

use super::{Session, Slot, saved};
use crate::course::Course;
use crate::progress::Progress;
use crate::store::StoreError;

/// What an earlier run left to resume.
#[derive(Debug, Default)]
pub struct Resumable {
    /// Drills, to go on where they were when the same drill is opened.
    pub drills: Vec<Session>,
    /// The most recently saved other quiz, to offer.
    pub offer: Option<Session>,
    /// Saved quizzes this build cannot resume; they stay in the store.
    pub unreadable: Vec<saved::Unreadable>,
}

impl Resumable {
    /// Reads every saved quiz of the learner. A quiz saved before slots existed is moved to
    /// its own slot on the way.
    pub fn load(progress: &mut Progress, course: &Course) -> Result<Resumable, StoreError> {
        let (user, course_id) = (progress.user.clone(), progress.course_id().to_owned());
        let mut found = Resumable::default();
        for kept in progress.store.saved_quizzes(&user, &course_id)? {
            let session = match saved::read(course, &kept.state) {
                Ok(s) => s,
                Err(why) => {
                    found.unreadable.push(why);
                    continue;
                }
            };
            let key = session.slot().key();
            if kept.slot != key {
                let store = &mut progress.store;
                let moved = store
                    .save_quiz(&user, &course_id, &key, &kept.state, kept.saved_ms)
                    .and_then(|()| store.clear_quiz(&user, &course_id, &kept.slot));
                if moved.is_err() {
                    continue;
                }
            }
            if session.drill().is_some() {
                found.drills.push(session);
            } else if found.offer.is_none() {
                found.offer = Some(session);
            }
        }
        Ok(found)
    }

    /// One line about the saved quizzes that cannot be resumed, if any.
    pub fn notice(&self) -> Option<String> {
        let first = self.unreadable.first()?;
        let n = self.unreadable.len();
        let quizzes = if n == 1 { "quiz" } else { "quizzes" };
        Some(format!(
            "{n} saved {quizzes} cannot be resumed ({first}); kept in the store."
        ))
    }
}

/// Why a session could not be kept for resuming.
#[derive(Debug, thiserror::Error)]
pub enum KeepError {
    #[error("The quiz could not be kept for resuming: {0}")]
    Format(#[from] serde_json::Error),
    #[error("Progress could not be saved: {0}")]
    Store(#[from] StoreError),
}

/// Keeps `session` in its slot, replacing what was kept there.
pub fn save(
    progress: &mut Progress,
    course: &Course,
    session: &Session,
    now_ms: i64,
) -> Result<(), KeepError> {
    let json = saved::write(course, session)?;
    let (user, course_id) = (progress.user.clone(), progress.course_id().to_owned());
    let key = session.slot().key();
    Ok(progress
        .store
        .save_quiz(&user, &course_id, &key, &json, now_ms)?)
}

/// Forgets what is kept in `slot`.
pub fn clear(progress: &mut Progress, slot: &Slot) -> Result<(), StoreError> {
    let (user, course_id) = (progress.user.clone(), progress.course_id().to_owned());
    progress.store.clear_quiz(&user, &course_id, &slot.key())
}
