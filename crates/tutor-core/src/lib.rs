//! The tutor's domain, shared by every front end: courses (`course`), quizzes and generated
//! cases (`quiz`), grading tied to the source sentences (`grade`), spaced review
//! (`schedule`), the progress store (`store`, `progress`), reports and exports.
//!
//! This package depends on no terminal, SSH or async crate, so Cargo itself keeps the front
//! ends (the `tutor` package: plain lines, TUI, SSH) out of it.

pub mod course;
pub mod export;
pub mod figures;
pub mod grade;
pub mod json;
pub mod progress;
pub mod quiz;
pub mod report;
pub mod schedule;
pub mod session;
pub mod store;
pub mod text;
pub mod time;
