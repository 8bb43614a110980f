//! Every integration test, in one crate: one build and one link instead of one per file (each
//! links the whole tutor with russh, tokio and ratatui). One module per area; `support` holds
//! the helpers they share.

mod bank_export;
mod cli_quiz;
mod default_course;
mod drill;
mod invalid_courses;
mod item_analysis;
mod kill;
mod progress_cmds;
mod prop_loader;
mod pty;
mod report_class;
mod report_fixture;
mod report_screen;
mod serve_exit;
mod shared_store;
mod ssh;
mod store_faults;
mod support;
mod tui_cited;
mod tui_headless;
mod tui_paced;
mod tui_progress;
mod tui_screens;
mod tui_timers;
mod unfolding;
