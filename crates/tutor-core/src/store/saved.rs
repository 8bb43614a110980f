//! Quizzes kept for resuming: any number per learner and course, one per slot, as opaque
//! JSON that the front end versions and reads.

use super::{Store, StoreError};
use rusqlite::params;

/// A quiz kept for resuming.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedQuiz {
    /// Which quiz: the front end's key (a drill's id, or a quiz's seed and title).
    pub slot: String,
    pub saved_ms: i64,
    pub state: String,
}

impl Store {
    /// Saves (replaces) the quiz kept in `slot`.
    pub fn save_quiz(
        &mut self,
        user: &str,
        course: &str,
        slot: &str,
        state: &str,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO saved_quizzes (user, course, slot, saved_ms, state)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (user, course, slot) DO UPDATE SET saved_ms = ?4, state = ?5",
                params![user, course, slot, now_ms, state],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Every quiz kept for `user` in `course`, the most recently saved first.
    pub fn saved_quizzes(&self, user: &str, course: &str) -> Result<Vec<SavedQuiz>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT slot, saved_ms, state FROM saved_quizzes WHERE user = ?1 AND course = ?2
                 ORDER BY saved_ms DESC, slot",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![user, course], |r| {
                Ok(SavedQuiz {
                    slot: r.get(0)?,
                    saved_ms: r.get(1)?,
                    state: r.get(2)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Forgets the quiz kept in `slot` (finished, or declined by the learner).
    pub fn clear_quiz(&mut self, user: &str, course: &str, slot: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "DELETE FROM saved_quizzes WHERE user = ?1 AND course = ?2 AND slot = ?3",
                params![user, course, slot],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }
}
