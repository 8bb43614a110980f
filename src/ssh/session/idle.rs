//! The idle timeout of a session: a warning a minute before (half of a short timeout), then
//! the end; any key starts the count again.

use super::End;
use crate::tui::{Action, App};
use std::time::Duration;
use tokio::time::Instant;

pub struct Idle {
    timeout: Option<Duration>,
    last_key: Instant,
    warned: bool,
}

impl Idle {
    /// `timeout`: `None` never closes a session for idleness.
    pub fn new(timeout: Option<Duration>) -> Idle {
        Idle {
            timeout,
            last_key: Instant::now(),
            warned: false,
        }
    }

    /// When the next warning or the end is due.
    pub fn alarm(&self) -> Option<Instant> {
        let t = self.timeout?;
        Some(if self.warned {
            self.last_key + t
        } else {
            self.last_key + t - warning(t)
        })
    }

    /// The alarm went off: the student is warned on screen, or the session ends.
    pub fn ring(&mut self, app: &mut App) -> Option<End> {
        let t = self.timeout.unwrap_or_default();
        if self.warned {
            return Some(End::Idle(t));
        }
        self.warned = true;
        app.update(Action::Notice(format!(
            "No key pressed for {}: this session closes in {} unless you press a key.",
            minutes(t - warning(t)),
            minutes(warning(t))
        )));
        None
    }

    /// A key was pressed.
    pub fn typed(&mut self) {
        self.last_key = Instant::now();
        self.warned = false;
    }
}

/// How long before an idle timeout the student is warned: a minute, or half of a short
/// timeout.
fn warning(timeout: Duration) -> Duration {
    (timeout / 2).min(Duration::from_secs(60))
}

pub fn minutes(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        60 => "1 minute".to_owned(),
        _ if s.is_multiple_of(60) => format!("{} minutes", s / 60),
        _ => format!("{s} seconds"),
    }
}
