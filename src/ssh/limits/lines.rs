//! How much connections that have not logged in may write to the log: refusals at most
//! one line per [`REFUSAL_LOG_EVERY`] (with the count since the last line), other lines
//! (connect, disconnect before login) a burst, then a steady rate (with the count of those
//! left out), so a flood cannot fill the disk.

use std::time::{Duration, Instant};

/// Refusals are logged at most once per this long (a flood must not fill the disk).
pub const REFUSAL_LOG_EVERY: Duration = Duration::from_secs(10);
/// Other lines about connections not logged in (connect, disconnect before login): a burst
/// of this many, then this many a second; the lines left out are counted in the next one.
const LINES_BURST: f64 = 200.0;
const LINES_PER_SEC: f64 = 5.0;

/// Refusals not yet in a log line, and when the next line may be written.
#[derive(Default)]
pub(super) struct RefusalLines {
    refused: u64,
    pub(super) next_line: Option<Instant>,
}

impl RefusalLines {
    /// Counts a refusal; when a line is due now, the refusals it reports (this one and those
    /// since the last line).
    pub(super) fn refused(&mut self) -> Option<u64> {
        self.refused += 1;
        let now = Instant::now();
        if self.next_line.is_some_and(|t| now < t) {
            return None;
        }
        self.next_line = Some(now + REFUSAL_LOG_EVERY);
        Some(std::mem::take(&mut self.refused))
    }
}

/// The budget of other lines: tokens, when last filled, lines left out since.
#[derive(Default)]
pub(super) struct LineBudget {
    pub(super) tokens: f64,
    filled: Option<Instant>,
    left_out: u64,
}

impl LineBudget {
    /// Whether a line may be written now: `Some` with a note of the lines left out before it
    /// (empty if none), or `None` (left out, counted).
    pub(super) fn take(&mut self) -> Option<String> {
        let now = Instant::now();
        let since = self.filled.map_or(LINES_BURST, |t| {
            now.duration_since(t).as_secs_f64() * LINES_PER_SEC
        });
        self.tokens = (self.tokens + since).min(LINES_BURST);
        self.filled = Some(now);
        if self.tokens < 1.0 {
            self.left_out += 1;
            return None;
        }
        self.tokens -= 1.0;
        Some(match std::mem::take(&mut self.left_out) {
            0 => String::new(),
            n => format!(" ({n} such lines left out before this one)"),
        })
    }
}
