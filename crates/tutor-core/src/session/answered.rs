//! The record of one graded answer: everything the store keeps of it, made by the session
//! before any feedback is shown.

use crate::grade::{Answer, Outcome};
use crate::progress::Context;
use crate::quiz::Question;
use crate::quiz::drill::{DrillId, DrillSettings};
use crate::store::Mode;

/// One graded answer with everything the store keeps of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    /// Which question of the session it answers.
    pub index: usize,
    pub question: Question,
    pub answer: Answer,
    pub outcome: Outcome,
    pub quiz_seed: u64,
    pub mode: Mode,
    /// The drill's id, when the session is a drill.
    pub drill: Option<DrillId>,
    pub drill_settings: Option<DrillSettings>,
    /// The time limit ran out: recorded as unanswered.
    pub timed_out: bool,
}

impl Answered {
    /// Where and when it was given, as the store records it; `seconds` is how long the
    /// question was on screen, which only the front end knows.
    pub fn context(&self, seconds: f64, at_ms: i64) -> Context {
        Context {
            quiz_seed: self.quiz_seed,
            mode: self.mode,
            drill: self.drill.as_ref().map(ToString::to_string),
            drill_settings: self.drill_settings.clone(),
            seconds,
            at_ms,
            timed_out: self.timed_out,
        }
    }
}
