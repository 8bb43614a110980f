//! The open question's clock: a drill's time limit per question, counted from the first tick
//! after the question shows, and the question recorded unanswered when it runs out.
//!
//! **Under overlays** (help, a yes/no question such as "Leave this quiz?"), decided for issue
//! 13: only drills are timed (`tutor drill --time-limit`, `tutor serve --drill-time-limit`);
//! practice quizzes, reviews and "check yourself" have no time limit. A drill, exam or not, is
//! a classroom drill: everyone gets the same time, so its clock keeps running under help and
//! dialogs, and every overlay shows the time left so nobody is surprised when it runs out.
//! Self-study is where stopping the clock is fair: a timed session that is not a drill pauses
//! while an overlay is open and resumes with the same time left ([`Session::tick_under`]).
//! No such session is made today; the rule is here so that one would get it.

use super::{Answered, Phase, Session};
use crate::grade::Answer;
use crate::store::Mode;

impl Session {
    /// Seconds per question, when a drill sets a limit.
    pub fn time_limit(&self) -> Option<u32> {
        self.drill.as_ref().and_then(|d| d.time_limit)
    }

    /// Whether the clock matters now: a timed question is open.
    pub fn wants_ticks(&self) -> bool {
        self.phase == Phase::Asking && self.time_limit().is_some()
    }

    /// When the open question's time runs out, once its countdown started (none while it is
    /// paused).
    pub fn deadline_ms(&self) -> Option<i64> {
        self.deadline_ms.filter(|_| self.phase == Phase::Asking)
    }

    /// Seconds left for the open question at `now_ms`, when it has a time limit counting down
    /// or paused.
    pub fn seconds_left(&self, now_ms: i64) -> Option<i64> {
        let left = match self.paused_left_ms {
            Some(left) => left,
            None => self.deadline_ms()? - now_ms,
        };
        Some((left.max(0) + 999) / 1000).filter(|_| self.phase == Phase::Asking)
    }

    /// Whether help and dialogs stop the clock: in self-study, not in a (classroom) drill or
    /// exam. See the module's notes.
    pub fn pauses_under_overlays(&self) -> bool {
        self.mode != Mode::Drill
    }

    /// Whether the open question's clock is paused.
    pub fn paused(&self) -> bool {
        self.paused_left_ms.is_some()
    }

    /// Stops the open question's countdown at `now_ms`, keeping its time left; nothing when
    /// it is not counting down.
    pub fn pause(&mut self, now_ms: i64) {
        if let Some(deadline) = self.deadline_ms() {
            self.paused_left_ms = Some((deadline - now_ms).max(0));
            self.deadline_ms = None;
        }
    }

    /// Starts a paused countdown again at `now_ms` with the time it had left.
    pub fn resume(&mut self, now_ms: i64) {
        if let Some(left) = self.paused_left_ms.take() {
            self.deadline_ms = Some(now_ms + left);
        }
    }

    /// [`Session::tick`] for a front end that may be showing an overlay: `covered` when help
    /// or a dialog hides the question. A session that pauses under overlays stands still
    /// while covered and resumes when uncovered; any other runs on.
    pub fn tick_under(&mut self, now_ms: i64, covered: bool) -> Option<Answered> {
        if covered && self.pauses_under_overlays() {
            self.pause(now_ms);
            return None;
        }
        self.resume(now_ms);
        self.tick(now_ms)
    }

    /// No clock for what comes next: an answer was given, or the feedback left.
    pub(super) fn stop_clock(&mut self) {
        self.deadline_ms = None;
        self.paused_left_ms = None;
    }

    /// The clock moved on: start the open question's countdown, or end it. Returns the
    /// record of the question that ran out of time, if one did. A paused clock stands still.
    pub fn tick(&mut self, now_ms: i64) -> Option<Answered> {
        if self.paused() {
            return None;
        }
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
