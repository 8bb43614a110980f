//! Review state per learning unit, the home screen's figures, and lessons read.

use super::{Store, StoreError};
use crate::schedule::ReviewState;
use rusqlite::{Connection, OptionalExtension, params};

const DAY_MS: i64 = 86_400_000;

pub(super) fn get(
    c: &Connection,
    user: &str,
    course: &str,
    unit: &str,
) -> rusqlite::Result<Option<ReviewState>> {
    c.query_row(
        "SELECT stability, difficulty, last_ms, due_ms, reps, lapses FROM reviews
         WHERE user = ?1 AND course = ?2 AND unit = ?3",
        params![user, course, unit],
        row,
    )
    .optional()
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReviewState> {
    Ok(ReviewState {
        stability: r.get(0)?,
        difficulty: r.get(1)?,
        last_ms: r.get(2)?,
        due_ms: r.get(3)?,
        reps: r.get(4)?,
        lapses: r.get(5)?,
    })
}

pub(super) fn put(
    c: &Connection,
    user: &str,
    course: &str,
    unit: &str,
    s: &ReviewState,
) -> rusqlite::Result<()> {
    c.execute(
        "INSERT INTO reviews (user, course, unit, stability, difficulty, last_ms, due_ms, reps, lapses)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (user, course, unit) DO UPDATE SET stability = ?4, difficulty = ?5,
            last_ms = ?6, due_ms = ?7, reps = ?8, lapses = ?9",
        params![user, course, unit, s.stability, s.difficulty, s.last_ms, s.due_ms, s.reps, s.lapses],
    )
    .map(|_| ())
}

/// The figures on the home screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub answered: u64,
    pub right: u64,
    /// Units whose review is due now.
    pub due: u64,
    /// Units reviewed at least once.
    pub started: u64,
    /// Consecutive days (UTC) with an answer, ending today or yesterday.
    pub streak: u32,
}

impl Store {
    /// Every unit's review state for `user` in `course`.
    pub fn review_states(
        &self,
        user: &str,
        course: &str,
    ) -> Result<Vec<(String, ReviewState)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT stability, difficulty, last_ms, due_ms, reps, lapses, unit FROM reviews
                 WHERE user = ?1 AND course = ?2 ORDER BY due_ms",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![user, course], |r| {
                Ok((r.get::<_, String>(6)?, row(r)?))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Answers, due reviews and the streak, from the per-day totals (a row per day answered),
    /// so the cost does not grow with the number of attempts.
    pub fn summary(&self, user: &str, course: &str, now_ms: i64) -> Result<Summary, StoreError> {
        let e = |e| self.err(e);
        let (answered, right): (u64, u64) = self
            .conn
            .query_row(
                "SELECT coalesce(sum(answered), 0), coalesce(sum(right), 0) FROM daily
                 WHERE user = ?1 AND course = ?2",
                params![user, course],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(e)?;
        let (due, started): (u64, u64) = self
            .conn
            .query_row(
                "SELECT coalesce(sum(due_ms <= ?3), 0), count(*) FROM reviews WHERE user = ?1 AND course = ?2",
                params![user, course, now_ms],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(e)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT day FROM daily WHERE user = ?1 AND course = ?2 AND answered > 0
                 ORDER BY day DESC LIMIT 4000",
            )
            .map_err(e)?;
        let days: Vec<i64> = stmt
            .query_map(params![user, course], |r| r.get(0))
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        Ok(Summary {
            answered,
            right,
            due,
            started,
            streak: streak(&days, now_ms / DAY_MS),
        })
    }

    /// Marks a lesson as read.
    pub fn mark_read(
        &mut self,
        user: &str,
        course: &str,
        lesson: &str,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO lessons_read (user, course, lesson, at_ms) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (user, course, lesson) DO UPDATE SET at_ms = ?4",
                params![user, course, lesson, now_ms],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Lessons `user` has opened.
    pub fn lessons_read(&self, user: &str, course: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT lesson FROM lessons_read WHERE user = ?1 AND course = ?2")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![user, course], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}

/// Length of the run of consecutive days in `days` (newest first, distinct) that ends today
/// or yesterday.
fn streak(days: &[i64], today: i64) -> u32 {
    let Some(&first) = days.first() else { return 0 };
    if first < today - 1 {
        return 0;
    }
    let mut n = 1;
    for pair in days.windows(2) {
        if pair[0] - pair[1] != 1 {
            break;
        }
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    #[test]
    fn streak_counts_consecutive_days_up_to_today_or_yesterday() {
        assert_eq!(super::streak(&[], 10), 0);
        assert_eq!(super::streak(&[10, 9, 8, 6], 10), 3);
        assert_eq!(super::streak(&[9, 8], 10), 2);
        assert_eq!(super::streak(&[8, 7], 10), 0);
    }
}
