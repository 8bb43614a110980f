//! Where the plain quiz reads its answers: any `BufRead`, or a thread reading stdin so that a
//! drill's time limit can run out while nobody types.
//!
//! A line is read with a bound: past [`MAX_LINE_BYTES`] the rest of the line is read and
//! dropped, so a 200 MB line costs time, not memory. Bytes that are not UTF-8 become U+FFFD
//! instead of ending the quiz.

use crate::grade::MAX_ANSWER_CHARS;
use std::io::{self, BufRead};
use std::sync::mpsc;
use std::time::Duration;

/// The most bytes of one line kept: [`MAX_ANSWER_CHARS`] characters of up to 4 bytes.
pub const MAX_LINE_BYTES: usize = 4 * MAX_ANSWER_CHARS;

/// One read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Text(String),
    /// A line longer than an answer may be; it was read and dropped.
    TooLong,
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
        read_line(self.reader)
    }

    fn echo(&self) -> bool {
        self.echo
    }
}

/// Lines read by a thread from standard input, so a read can time out. A line that comes
/// after its question timed out answers the question then on screen.
pub struct Stdin {
    lines: mpsc::Receiver<io::Result<Line>>,
    echo: bool,
}

impl Stdin {
    pub fn spawn(echo: bool) -> Stdin {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let stdin = io::stdin();
            let mut stdin = stdin.lock();
            loop {
                let line = read_line(&mut stdin);
                let last = !matches!(line, Ok(Line::Text(_) | Line::TooLong));
                if tx.send(line).is_err() || last {
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
            Ok(Ok(line)) => Ok(line),
            // Stdin failed (a terminal that hung up): the quiz ends with its score so far.
            Ok(Err(_)) => Ok(Line::End),
            Err(true) => Ok(Line::TimedOut),
            Err(false) => Ok(Line::End),
        }
    }

    fn echo(&self) -> bool {
        self.echo
    }
}

/// Reads one line (without its `\n` or `\r\n`), keeping at most [`MAX_LINE_BYTES`];
/// [`Line::End`] at the end of input with nothing read.
pub fn read_line(r: &mut impl BufRead) -> io::Result<Line> {
    let mut kept = Vec::new();
    let (mut any, mut over) = (false, false);
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], i + 1),
            None => (chunk, chunk.len()),
        };
        let room = MAX_LINE_BYTES.saturating_sub(kept.len());
        over |= part.len() > room;
        kept.extend_from_slice(&part[..part.len().min(room)]);
        let newline = done > part.len();
        r.consume(done);
        if newline {
            break;
        }
    }
    if !any {
        return Ok(Line::End);
    }
    let text = String::from_utf8_lossy(&kept);
    let text = text.strip_suffix('\r').unwrap_or(&text);
    if over || text.chars().count() > MAX_ANSWER_CHARS {
        return Ok(Line::TooLong);
    }
    Ok(Line::Text(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(bytes: &[u8]) -> Vec<Line> {
        let mut r = io::BufReader::with_capacity(7, bytes);
        let mut out = Vec::new();
        loop {
            match read_line(&mut r).expect("read") {
                Line::End => return out,
                l => out.push(l),
            }
        }
    }

    #[test]
    fn lines_are_bounded_lossy_and_end_cleanly() {
        let text = |s: &str| Line::Text(s.to_owned());
        assert_eq!(
            lines(b"a\r\nb\n\nlast"),
            [text("a"), text("b"), text(""), text("last")]
        );
        assert_eq!(
            lines(b"caf\xe9\n"),
            [text("caf\u{fffd}")],
            "not UTF-8: replaced"
        );
        let mut long = vec![b'x'; 3 * MAX_LINE_BYTES];
        long.extend_from_slice(b"\nB\n");
        assert_eq!(
            lines(&long),
            [Line::TooLong, text("B")],
            "the next line still answers"
        );
        let mut just = "é".repeat(MAX_ANSWER_CHARS).into_bytes();
        just.push(b'\n');
        assert_eq!(lines(&just).len(), 1);
        assert!(matches!(&lines(&just)[0], Line::Text(t) if t.chars().count() == MAX_ANSWER_CHARS));
        let over = "a".repeat(MAX_ANSWER_CHARS + 1);
        assert_eq!(lines(over.as_bytes()), [Line::TooLong]);
        assert!(lines(b"").is_empty());
    }
}
