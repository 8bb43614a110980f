//! How a command fails: commands return `anyhow::Result<ExitCode>` (the code of a command
//! that ran, which may be nonzero, as `tutor check` on a course with errors), and [`finish`]
//! is the one place that reports an error on stderr and chooses its exit status.
//!
//! Exit status: 0 when done, and when stdout was closed early (`| head`); 2 when the course
//! cannot be read or the questions asked for cannot be drawn from it ([`Failure`]); 1 for
//! every other error. Clap's own usage errors exit with 2 before any command runs.

use crate::cmd::{print_diagnostics, say};
use std::io;
use std::process::ExitCode;
use tutor::course::Diagnostic;
use tutor::quiz::draw::DrawError;

/// Exit status when the course cannot be read, or the lessons asked for are not in it.
pub const UNREADABLE: u8 = 2;

/// The failures whose exit status or report is not that of any other error.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The course cannot be read: its diagnostics, then this line. Exit status 2.
    #[error("the course cannot be read")]
    Unreadable(Vec<Diagnostic>),
    /// The course was read but has errors: its diagnostics, then this line. Exit status 1.
    #[error("the course has {} errors; run `tutor check` for details", .0.len())]
    Invalid(Vec<Diagnostic>),
    /// The questions asked for cannot be drawn (an unknown lesson, lessons without
    /// questions, a case that cannot be generated). Exit status 2.
    #[error(transparent)]
    Questions(#[from] DrawError),
}

impl Failure {
    fn status(&self) -> u8 {
        match self {
            Failure::Invalid(_) => 1,
            Failure::Unreadable(_) | Failure::Questions(_) => UNREADABLE,
        }
    }
}

/// The exit status of a command's `result`, having reported its error, if any, on stderr.
pub fn finish(result: anyhow::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) => report(&e),
    }
}

fn report(err: &anyhow::Error) -> ExitCode {
    // A closed pipe (e.g. `| head`) is a normal way to stop reading.
    if err.chain().any(closed_pipe) {
        return ExitCode::SUCCESS;
    }
    let failure = err.chain().find_map(|e| e.downcast_ref::<Failure>());
    match failure {
        // Under the diagnostics, each with its own `error:`, the summary stands alone.
        Some(Failure::Unreadable(diags) | Failure::Invalid(diags)) => {
            print_diagnostics(diags);
            eprintln!("{}", tutor::text::sanitize_line(&message(err)));
        }
        _ => say::error(message(err)),
    }
    ExitCode::from(failure.map_or(1, Failure::status))
}

/// Whether `e` is a write to a closed pipe (serde_json keeps the I/O error inside its own).
fn closed_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    let kind = match e.downcast_ref::<serde_json::Error>() {
        Some(json) => json.io_error_kind(),
        None => e.downcast_ref::<io::Error>().map(io::Error::kind),
    };
    kind == Some(io::ErrorKind::BrokenPipe)
}

/// `err` and its causes as one line, `context: cause: ...`. An error here says what caused
/// it in its own words (the core's `StoreError` includes the I/O or SQLite error), so the
/// chain stops at the first cause that the message before it already includes.
pub fn message(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain().map(ToString::to_string) {
        if line.contains(&cause) {
            break;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&cause);
    }
    line
}
