//! The terminal UI: an [`App`] with a pure `update(Action) -> Vec<Effect>`, views that
//! `impl Widget for &App`, and an event loop generic over the ratatui backend and the input
//! source, so the same UI runs in a local terminal, in `TestBackend` tests and over SSH.

pub mod action;
pub mod app;
pub mod host;
pub mod keys;
pub mod local;
pub mod menu;
mod paced;
pub mod quiz;
pub mod review;
pub mod run;
mod screens;
mod start;
pub mod text_field;
pub mod theme;
pub mod view;
pub mod wrap;

pub use action::{Action, Effect};
pub use app::App;
pub use run::{Events, Input, run};
pub use theme::Theme;
