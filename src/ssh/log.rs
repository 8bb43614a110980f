//! The server's log: one line per event (listening, connect, auth, session start and end,
//! answers, refusals), with a UTC time, to stderr or a file. Names and messages from clients
//! are sanitized so a log line cannot carry terminal escapes or fake a second line.

use std::fmt::Display;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Mutex;

pub struct Log {
    out: Mutex<Box<dyn Write + Send>>,
}

impl Log {
    pub fn stderr() -> Log {
        Log::to(Box::new(io::stderr()))
    }

    /// Appends to `path`, creating it.
    pub fn file(path: &Path) -> io::Result<Log> {
        let f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        Ok(Log::to(Box::new(f)))
    }

    pub fn to(out: Box<dyn Write + Send>) -> Log {
        Log {
            out: Mutex::new(out),
        }
    }

    /// Writes `2026-11-27T04:12:00.123Z message`; a failing log never stops the server.
    pub fn line(&self, message: impl Display) {
        let line = format!("{} {message}\n", iso_time(now_ms()));
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let _ = out.write_all(line.as_bytes());
        let _ = out.flush();
    }
}

/// Text from a client (a user name, a command) made safe for one log line.
pub fn clean(s: &str) -> String {
    let mut out: String = s
        .chars()
        .take(64)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    if s.chars().count() > 64 {
        out.push('…');
    }
    format!("{out:?}")
}

pub use crate::time::{iso_utc as iso_time, now_ms};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_cleaning() {
        assert_eq!(iso_time(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_time(1_764_216_720_123), "2025-11-27T04:12:00.123Z");
        assert_eq!(clean("a\nb\x1b[2J"), "\"a?b?[2J\"");
        assert!(clean(&"x".repeat(200)).ends_with("…\""));
    }
}
