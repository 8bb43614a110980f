//! Reports on a learner's progress: statistics (mastery per lesson and per source sentence,
//! streak, reviews due), a plain-text rendering of them, exports of the recorded answers, and
//! the instructor's item analysis of a class's drills (`analysis`).
//!
//! Core module: no terminal crate. The clock and the scheduler are passed in.

pub mod analysis;
pub mod export;
pub mod regrade;
pub mod results;
pub mod stats;
pub mod text;

pub use export::{write_csv, write_json};
pub use stats::{
    AttemptGroup, FORECAST_DAYS, LessonStat, SentenceStat, Stats, attempt_groups, compute,
    from_parts,
};
