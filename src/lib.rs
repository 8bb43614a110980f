//! `tutor` teaches a source document: lessons, randomized clinical cases, and grading tied to
//! the document's own sentences.
//!
//! The domain lives in the `tutor-core` package, which Cargo keeps free of terminal, SSH and
//! async crates; it is re-exported here under the same names. This package holds the front
//! ends that drive it: plain lines, the TUI, and the TUI over SSH.

pub use tutor_core::{
    course, export, figures, grade, json, progress, quiz, report, schedule, session, store, text,
    time,
};

pub mod plain;
pub mod ssh;
pub mod tui;
