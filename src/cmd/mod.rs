//! One module per group of commands; `cli` parses and dispatches to them.

pub mod bank;
pub mod course;
pub mod profile;
pub mod progress;
pub mod quiz;
pub mod report;
pub mod report_tui;
pub mod say;
pub mod serve;
