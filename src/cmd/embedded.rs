//! The embedded course, parsed on a thread from the moment the program starts, so that the
//! parse overlaps with reading the command line and setting up the terminal: start-up is
//! judged by the first frame, and the home screen needs the course.

use std::sync::Mutex;
use std::thread::JoinHandle;
use tutor::course::{Course, Diagnostic};

type Parsed = Result<Course, Vec<Diagnostic>>;

/// The embedded course being parsed; taken once by the command that uses it.
#[derive(Default)]
pub struct Prefetched(Mutex<Option<JoinHandle<Parsed>>>);

impl Prefetched {
    /// Starts the parse (on this thread when no thread can be started).
    pub fn start() -> Prefetched {
        let thread = std::thread::Builder::new()
            .name("course".to_owned())
            .spawn(Course::embedded)
            .ok();
        Prefetched(Mutex::new(thread))
    }

    /// The parsed course: the prefetched one, or (already taken, never started, or its
    /// thread failed) parsed now.
    pub fn take(&self) -> Parsed {
        let thread = self.0.lock().ok().and_then(|mut t| t.take());
        thread
            .and_then(|t| t.join().ok())
            .unwrap_or_else(Course::embedded)
    }
}

impl std::fmt::Debug for Prefetched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Prefetched")
    }
}
