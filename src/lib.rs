//! `tutor` teaches a source document: lessons, randomized clinical cases, and grading tied to
//! the document's own sentences.
//!
//! Core modules (`course`, `quiz`, `grade`, `schedule`, `store`, `progress`, `report`,
//! `export`, `text`) import no terminal crate, so every front end (line mode, TUI, SSH)
//! shares them unchanged.

pub mod course;
pub mod export;
pub mod grade;
pub mod json;
pub mod plain;
pub mod progress;
pub mod quiz;
pub mod report;
pub mod schedule;
pub mod ssh;
pub mod store;
pub mod text;
pub mod time;
pub mod tui;
