//! Spaced review with FSRS: when a learning unit (an objective or a case template) is due,
//! and how well it is remembered now.
//!
//! Grades map to FSRS ratings as DESIGN.md section 4 says: wrong is Again, right is Good,
//! right with a typo (or after a hint) is Hard. The clock is passed in, never read here.
//!
//! A wrong answer starts a short-term step, as Anki's (re)learning steps do: the unit is due
//! again [`RELEARN_STEP_MS`] later, the same day, instead of at FSRS's interval (often most
//! of a day, which left a learner with misses and "nothing due" until tomorrow). FSRS 6
//! models same-day reviews itself, so the next answer updates its memory state as usual.

use fsrs::{FSRS, MemoryState};
use serde::{Deserialize, Serialize};

/// Default share of reviews that should be answered right when due.
pub const DEFAULT_RETENTION: f32 = 0.9;
const DAY_MS: i64 = 86_400_000;
/// How long after a wrong answer its unit is due again.
pub const RELEARN_STEP_MS: i64 = 10 * 60_000;
/// How far ahead the recall figures look: "recall in a week". Recall *now* is 100% right
/// after any answer, right or wrong, so it says nothing; a week ahead it tells a unit just
/// missed (stability of hours) from one known well (stability of weeks).
pub const RECALL_HORIZON_MS: i64 = 7 * DAY_MS;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    Again = 1,
    Hard = 2,
    Good = 3,
}

impl Rating {
    pub fn of(correct: bool, typo_or_hint: bool) -> Rating {
        match (correct, typo_or_hint) {
            (false, _) => Rating::Again,
            (true, true) => Rating::Hard,
            (true, false) => Rating::Good,
        }
    }
}

/// What FSRS knows of one unit for one learner. Times are Unix milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReviewState {
    pub stability: f32,
    pub difficulty: f32,
    pub last_ms: i64,
    pub due_ms: i64,
    pub reps: u32,
    pub lapses: u32,
}

#[derive(Debug, thiserror::Error)]
#[error("spaced review: {0}")]
pub struct ScheduleError(String);

pub struct Scheduler {
    fsrs: FSRS,
    retention: f32,
    decay: f32,
}

impl Scheduler {
    /// FSRS with its default parameters and the given desired retention (0.7 to 0.99).
    pub fn new(retention: f32) -> Result<Scheduler, ScheduleError> {
        if !(0.7..=0.99).contains(&retention) {
            return Err(ScheduleError(format!(
                "desired retention {retention} is outside 0.7 to 0.99"
            )));
        }
        let fsrs =
            FSRS::new(&fsrs::DEFAULT_PARAMETERS).map_err(|e| ScheduleError(e.to_string()))?;
        let decay = fsrs::DEFAULT_PARAMETERS[20];
        Ok(Scheduler {
            fsrs,
            retention,
            decay,
        })
    }

    /// The state after answering with `rating` at `now_ms`.
    pub fn review(&self, prev: Option<ReviewState>, rating: Rating, now_ms: i64) -> ReviewState {
        let days = prev.map_or(0, |p| {
            u32::try_from((now_ms - p.last_ms).max(0) / DAY_MS).unwrap_or(u32::MAX)
        });
        let memory = prev.map(|p| MemoryState {
            stability: p.stability,
            difficulty: p.difficulty,
        });
        let next = self
            .fsrs
            .next_states(memory, self.retention, days)
            .ok()
            .map(|n| match rating {
                Rating::Again => n.again,
                Rating::Hard => n.hard,
                Rating::Good => n.good,
            });
        // FSRS only fails on invalid states; then start the unit over rather than lose it.
        let (stability, difficulty, interval) = match next {
            Some(s) if s.memory.stability.is_finite() && s.interval.is_finite() => {
                (s.memory.stability, s.memory.difficulty, s.interval)
            }
            _ => (1.0, 5.0, 1.0),
        };
        let reps = prev.map_or(0, |p| p.reps) + 1;
        let lapses =
            prev.map_or(0, |p| p.lapses) + u32::from(rating == Rating::Again && prev.is_some());
        // A wrong answer comes back after the short-term step; a right one a day later or more.
        let interval_ms = if rating == Rating::Again {
            RELEARN_STEP_MS
        } else {
            (interval.max(1.0) * DAY_MS as f32) as i64
        };
        ReviewState {
            stability,
            difficulty,
            last_ms: now_ms,
            due_ms: now_ms + interval_ms,
            reps,
            lapses,
        }
    }

    /// Probability of recalling the unit at `now_ms` (1.0 right after a review).
    pub fn retrievability(&self, s: &ReviewState, now_ms: i64) -> f32 {
        recall_at(s, now_ms, self.decay)
    }

    /// Predicted recall [`RECALL_HORIZON_MS`] after `now_ms`: the figure the screens show.
    pub fn recall_in_a_week(&self, s: &ReviewState, now_ms: i64) -> f32 {
        recall_at(s, now_ms.saturating_add(RECALL_HORIZON_MS), self.decay)
    }
}

/// FSRS's probability of recalling a unit in state `s` at `at_ms`, with forgetting-curve
/// `decay`.
fn recall_at(s: &ReviewState, at_ms: i64, decay: f32) -> f32 {
    let days = (at_ms - s.last_ms).max(0) as f32 / DAY_MS as f32;
    let memory = MemoryState {
        stability: s.stability.max(0.01),
        difficulty: s.difficulty,
    };
    fsrs::current_retrievability(memory, days, decay).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_answers_space_out_and_wrong_ones_come_back_soon() {
        let s = Scheduler::new(DEFAULT_RETENTION).expect("scheduler");
        let t0 = 1_800_000_000_000;
        let first = s.review(None, Rating::Good, t0);
        assert!(
            first.due_ms >= t0 + DAY_MS,
            "a right answer waits at least a day"
        );
        let second = s.review(Some(first), Rating::Good, first.due_ms);
        assert!(
            second.due_ms - second.last_ms > first.due_ms - first.last_ms,
            "intervals grow"
        );
        let lapse = s.review(Some(second), Rating::Again, second.due_ms);
        assert_eq!(
            lapse.due_ms - lapse.last_ms,
            RELEARN_STEP_MS,
            "a wrong answer is due again the same day, after the short-term step"
        );
        let new_miss = s.review(None, Rating::Again, t0);
        assert_eq!(new_miss.due_ms, t0 + RELEARN_STEP_MS, "also on a first try");
        let relearned = s.review(Some(lapse), Rating::Good, lapse.due_ms);
        assert!(
            relearned.due_ms - relearned.last_ms >= DAY_MS,
            "right after the step: a day or more"
        );
        assert_eq!((lapse.reps, lapse.lapses), (3, 1));
        let hard = s.review(Some(first), Rating::Hard, first.due_ms);
        assert!(
            hard.due_ms <= s.review(Some(first), Rating::Good, first.due_ms).due_ms,
            "Hard is no later than Good"
        );
    }

    #[test]
    fn retrievability_falls_with_time() {
        let s = Scheduler::new(DEFAULT_RETENTION).expect("scheduler");
        let st = s.review(None, Rating::Good, 0);
        let now = s.retrievability(&st, 0);
        let later = s.retrievability(&st, 30 * DAY_MS);
        assert!(now > 0.99 && later < now);
        let missed = s.review(None, Rating::Again, 0);
        assert!(
            s.recall_in_a_week(&missed, 0) + 0.15 < s.recall_in_a_week(&st, 0),
            "a week ahead tells a miss ({}) from a right answer ({}), though both are 100% now",
            s.recall_in_a_week(&missed, 0),
            s.recall_in_a_week(&st, 0)
        );
        assert!(Scheduler::new(1.5).is_err());
    }
}
