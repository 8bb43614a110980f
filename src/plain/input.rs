//! Where the plain quiz reads its answers: any `BufRead`, or a thread reading stdin so that a
//! drill's time limit can run out while nobody types.

use std::io::{self, BufRead};
use std::sync::mpsc;
use std::time::Duration;

/// One read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Text(String),
    /// End of input: the quiz stops with the score so far.
    End,
    /// The time limit passed before a line came.
    TimedOut,
}

/// A source of answer lines. `echo` says whether the quiz should repeat each line in its
/// output, so a transcript of piped input reads like a session (a terminal echoes itself).
pub trait Lines {
    fn read(&mut self, timeout: Option<Duration>) -> io::Result<Line>;
    fn echo(&self) -> bool;
}

/// Lines from a reader; it cannot time out (a blocking read cannot be interrupted).
pub struct Reader<'a, R: BufRead> {
    pub reader: &'a mut R,
    pub echo: bool,
}

impl<R: BufRead> Lines for Reader<'_, R> {
    fn read(&mut self, _timeout: Option<Duration>) -> io::Result<Line> {
        let mut line = String::new();
        if self.reader.read_line(&mut line)? == 0 {
            return Ok(Line::End);
        }
        Ok(Line::Text(line.trim_end_matches(['\n', '\r']).to_owned()))
    }

    fn echo(&self) -> bool {
        self.echo
    }
}

/// Lines read by a thread from standard input, so a read can time out. A line that comes
/// after its question timed out answers the question then on screen.
pub struct Stdin {
    lines: mpsc::Receiver<io::Result<String>>,
    echo: bool,
}

impl Stdin {
    pub fn spawn(echo: bool) -> Stdin {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let stdin = io::stdin();
            for line in stdin.lock().lines() {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Stdin { lines: rx, echo }
    }
}

impl Lines for Stdin {
    fn read(&mut self, timeout: Option<Duration>) -> io::Result<Line> {
        let got = match timeout {
            Some(t) => self
                .lines
                .recv_timeout(t)
                .map_err(|e| e == mpsc::RecvTimeoutError::Timeout),
            None => self.lines.recv().map_err(|_| false),
        };
        match got {
            Ok(Ok(l)) => Ok(Line::Text(l.trim_end_matches('\r').to_owned())),
            Ok(Err(e)) => Err(e),
            Err(true) => Ok(Line::TimedOut),
            Err(false) => Ok(Line::End),
        }
    }

    fn echo(&self) -> bool {
        self.echo
    }
}
