//! What a connection hands its session: the client's input bytes (at most [`MAX_WAITING`]
//! not yet read), the latest window size and whether the input has ended. It is one slot,
//! not a queue of events: a window change replaces the size before it, and a wake-up is a
//! single stored permit, so however many requests a client sends, the session holds one size
//! and at most [`MAX_WAITING`] bytes. The session is woken only when something arrives in an
//! empty slot: while it leaves bytes or a size there (over its budget), it comes back for
//! them on its own clock, and a flood does not wake it once per request.

use std::sync::{Mutex, MutexGuard};
use tokio::sync::Notify;

/// Input bytes a session may have waiting (beyond its budget) before the connection is
/// closed: a person's typing and pastes never come near it.
pub const MAX_WAITING: usize = 256 * 1024;

#[derive(Default)]
pub struct Inbox {
    state: Mutex<State>,
    ready: Notify,
}

#[derive(Default)]
struct State {
    bytes: Vec<u8>,
    size: Option<(u16, u16)>,
    closed: bool,
    flooded: bool,
}

/// What the session takes in one go.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Taken {
    pub bytes: Vec<u8>,
    /// Bytes still waiting after these.
    pub more: bool,
    pub closed: bool,
    /// Closed because more than [`MAX_WAITING`] bytes were waiting.
    pub flooded: bool,
}

impl Inbox {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds input; false when that would leave more than [`MAX_WAITING`] bytes waiting: the
    /// inbox is then closed as flooded, and what comes after is dropped.
    pub fn push(&self, data: &[u8]) -> bool {
        let was_empty = {
            let mut s = self.lock();
            if s.closed {
                return true;
            }
            if s.bytes.len() + data.len() > MAX_WAITING {
                s.closed = true;
                s.flooded = true;
                drop(s);
                self.ready.notify_one();
                return false;
            }
            s.bytes.extend_from_slice(data);
            s.bytes.len() == data.len()
        };
        if was_empty {
            self.ready.notify_one();
        }
        true
    }

    /// The client's window is now `cols`x`rows` (any earlier size not yet taken is dropped).
    pub fn resize(&self, cols: u16, rows: u16) {
        if self.lock().size.replace((cols, rows)).is_none() {
            self.ready.notify_one();
        }
    }

    /// The client's input ended (EOF, the channel closed, or too much input).
    pub fn close(&self) {
        self.lock().closed = true;
        self.ready.notify_one();
    }

    /// Waits until something arrived in an empty slot since the last wake-up (possibly
    /// already taken).
    pub async fn changed(&self) {
        self.ready.notified().await;
    }

    /// Whether a window size is waiting to be taken.
    pub fn resized(&self) -> bool {
        self.lock().size.is_some()
    }

    /// The window size, if it changed since it was last taken.
    pub fn take_size(&self) -> Option<(u16, u16)> {
        self.lock().size.take()
    }

    /// Takes the end and at most `max` bytes.
    pub fn take(&self, max: usize) -> Taken {
        let mut s = self.lock();
        let n = max.min(s.bytes.len());
        let bytes = if n == s.bytes.len() {
            std::mem::take(&mut s.bytes)
        } else {
            s.bytes.drain(..n).collect()
        };
        Taken {
            bytes,
            more: !s.bytes.is_empty(),
            closed: s.closed,
            flooded: s.flooded,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_coalesce_and_bytes_are_capped() {
        let inbox = Inbox::default();
        for i in 0..100_000u32 {
            inbox.resize(80 + (i % 7) as u16, 24);
        }
        assert!(inbox.resized());
        assert_eq!(inbox.take_size(), Some((80 + (99_999 % 7) as u16, 24)));
        assert_eq!(inbox.take_size(), None);
        assert!(inbox.push(b"abc"));
        let t = inbox.take(2);
        assert_eq!((t.bytes.as_slice(), t.more), (&b"ab"[..], true));
        let t = inbox.take(10);
        assert_eq!((t.bytes.as_slice(), t.more), (&b"c"[..], false));
        assert!(inbox.push(&vec![0; MAX_WAITING]));
        assert!(!inbox.push(b"x"));
        // Closed as flooded; later input is dropped without a word.
        assert!(inbox.push(b"y"));
        let t = inbox.take(usize::MAX);
        assert_eq!(t.bytes.len(), MAX_WAITING);
        assert!(t.closed && t.flooded);
    }

    #[tokio::test]
    async fn only_an_arrival_in_an_empty_slot_wakes_the_session() {
        let inbox = Inbox::default();
        let woken = || async {
            tokio::time::timeout(std::time::Duration::from_millis(20), inbox.changed())
                .await
                .is_ok()
        };
        inbox.resize(80, 24);
        inbox.resize(81, 24);
        assert!(inbox.push(b"a"));
        assert!(inbox.push(b"b"));
        // One stored wake-up for all four.
        assert!(woken().await);
        assert!(!woken().await);
        let _ = inbox.take(1);
        // "b" is still there: more input does not wake the session, which is over budget.
        assert!(inbox.push(b"c"));
        assert!(!woken().await);
        let _ = inbox.take(10);
        assert!(inbox.push(b"d"));
        assert!(woken().await);
    }
}
