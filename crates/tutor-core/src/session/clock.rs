//! The open question's clock: a drill's time limit per question, counted from the first tick
//! after the question shows, and the question recorded unanswered when it runs out.

use super::{Answered, Phase, Session};
use crate::grade::Answer;

impl Session {
    /// Seconds per question, when a drill sets a limit.
    pub fn time_limit(&self) -> Option<u32> {
        self.drill.as_ref().and_then(|d| d.time_limit)
    }

    /// Whether the clock matters now: a timed question is open.
    pub fn wants_ticks(&self) -> bool {
        self.phase == Phase::Asking && self.time_limit().is_some()
    }

    /// When the open question's time runs out, once its countdown started.
    pub fn deadline_ms(&self) -> Option<i64> {
        self.deadline_ms.filter(|_| self.phase == Phase::Asking)
    }

    /// Seconds left for the open question at `now_ms`, when it has a running time limit.
    pub fn seconds_left(&self, now_ms: i64) -> Option<i64> {
        let deadline = self.deadline_ms()?;
        Some(((deadline - now_ms).max(0) + 999) / 1000)
    }

    /// The clock moved on: start the open question's countdown, or end it. Returns the
    /// record of the question that ran out of time, if one did.
    pub fn tick(&mut self, now_ms: i64) -> Option<Answered> {
        let limit = self.time_limit().filter(|_| self.phase == Phase::Asking)?;
        match self.deadline_ms {
            None => {
                self.deadline_ms = Some(now_ms + i64::from(limit) * 1000);
                None
            }
            Some(d) if now_ms >= d => self.expire(),
            Some(_) => None,
        }
    }

    /// The open question's time ran out: it is recorded unanswered.
    pub fn expire(&mut self) -> Option<Answered> {
        let free = self.question()?.is_free_text();
        let blank = if free {
            Answer::Text(String::new())
        } else {
            Answer::Choices(Vec::new())
        };
        *self.timed_out.get_mut(self.current)? = true;
        self.answer(blank)
    }
}
