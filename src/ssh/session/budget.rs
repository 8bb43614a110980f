//! A session's input budget, so that one client cannot take the server's CPU from the
//! others: token buckets on the bytes read, the inputs they decode to (keys, pastes) and the
//! frames drawn, each with a sustained rate and a burst. Input over budget waits in the
//! session's [`Inbox`](super::inbox::Inbox) (bounded) until tokens come back; inputs arriving
//! while no frame may be drawn are drawn together in the next one.
//!
//! The defaults are far above what a person does: a fast typist makes about 15 keys a second
//! and key repeat about 30, a long answer is at most 2,000 characters (the answer field's cap),
//! pasted at once (one input, at most 8 KB) or, from a terminal without bracketed paste, as
//! 2,000 keys.

use std::time::Duration;
use tokio::time::Instant;

/// Bytes read: bursts of 64 KiB (the longest paste kept), 8 KiB a second after that.
const BYTES: (u32, u32) = (64 * 1024, 8 * 1024);
/// Inputs (a key, a paste): bursts of 4,096 (two long answers typed by a paste without
/// bracketed paste), 60 a second after that (four fast typists).
const KEYS: (u32, u32) = (4096, 60);
/// Frames drawn: 60 at once, 60 a second after that.
const FRAMES: (u32, u32) = (60, 60);
/// Bytes read before the session lets the other tasks run.
const MAX_PIECE: usize = 4096;
/// Bytes read even with few key tokens left: bytes inside a paste decode to nothing until
/// its end, so a paste is not read one byte per key token. The keys they may hold are owed.
const MIN_PIECE: usize = 256;

/// Up to `burst` tokens, refilled at `rate` a second; spending may go into debt, which is
/// paid back before more is allowed.
#[derive(Debug, Clone)]
struct Bucket {
    tokens: f64,
    burst: f64,
    rate: f64,
    at: Instant,
}

impl Bucket {
    fn full((burst, rate): (u32, u32), now: Instant) -> Bucket {
        Bucket {
            tokens: f64::from(burst),
            burst: f64::from(burst),
            rate: f64::from(rate),
            at: now,
        }
    }

    fn refill(&mut self, now: Instant) {
        let dt = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + dt * self.rate).min(self.burst);
        self.at = now;
    }

    /// Whole tokens there now (0 in debt).
    fn available(&mut self, now: Instant) -> usize {
        self.refill(now);
        self.tokens.max(0.0) as usize
    }

    fn spend(&mut self, n: usize, now: Instant) {
        self.refill(now);
        self.tokens -= n as f64;
    }

    /// When `n` whole tokens (at most the burst) are there (now if they are).
    fn ready_at(&mut self, n: usize, now: Instant) -> Instant {
        self.refill(now);
        let short = (n as f64).min(self.burst) - self.tokens;
        if short <= 0.0 {
            now
        } else {
            now + Duration::from_secs_f64(short / self.rate)
        }
    }
}

#[derive(Debug, Clone)]
pub struct Budget {
    bytes: Bucket,
    keys: Bucket,
    frames: Bucket,
}

impl Budget {
    pub fn new(now: Instant) -> Budget {
        Budget {
            bytes: Bucket::full(BYTES, now),
            keys: Bucket::full(KEYS, now),
            frames: Bucket::full(FRAMES, now),
        }
    }

    /// How many bytes may be read now (each decodes to at most one input).
    pub fn allowance(&mut self, now: Instant) -> usize {
        let keys = self.keys.available(now);
        if keys == 0 {
            return 0;
        }
        let bytes = self.bytes.available(now);
        bytes.min(keys.max(MIN_PIECE)).min(MAX_PIECE)
    }

    /// `bytes` were read and decoded to `inputs`.
    pub fn spend(&mut self, bytes: usize, inputs: usize, now: Instant) {
        self.bytes.spend(bytes, now);
        self.keys.spend(inputs, now);
    }

    /// When waiting input may be read again: a key's token and a piece's bytes (so that a
    /// paste over budget is read in pieces, not a byte per wake-up).
    pub fn input_at(&mut self, now: Instant) -> Instant {
        let bytes = self.bytes.ready_at(MIN_PIECE, now);
        bytes.max(self.keys.ready_at(1, now))
    }

    /// Whether a frame may be drawn now.
    pub fn may_draw(&mut self, now: Instant) -> bool {
        self.frames.available(now) > 0
    }

    /// A frame was drawn.
    pub fn drew(&mut self, now: Instant) {
        self.frames.spend(1, now);
    }

    /// When the next frame may be drawn.
    pub fn frame_at(&mut self, now: Instant) -> Instant {
        self.frames.ready_at(1, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_the_rate() {
        let t0 = Instant::now();
        let mut b = Budget::new(t0);
        // Keys one byte each: the burst of keys, then nothing until a token is back.
        let mut read = 0;
        loop {
            let n = b.allowance(t0);
            if n == 0 {
                break;
            }
            b.spend(n, n, t0);
            read += n;
        }
        assert_eq!(read, KEYS.0 as usize);
        let at = b.input_at(t0);
        assert!(at > t0 && at <= t0 + Duration::from_millis(17), "{at:?}");
        // A second later: 60 more keys.
        let t1 = t0 + Duration::from_secs(1);
        assert_eq!(b.allowance(t1), MIN_PIECE);
        b.spend(60, 60, t1);
        assert_eq!(b.allowance(t1), 0);
    }

    #[test]
    fn paste_bytes_are_limited_by_bytes_not_keys() {
        let t0 = Instant::now();
        let mut b = Budget::new(t0);
        b.spend(0, KEYS.0 as usize - 1, t0);
        let mut read = 0;
        while let n @ 1.. = b.allowance(t0) {
            b.spend(n, 0, t0);
            read += n;
        }
        assert_eq!(read, BYTES.0 as usize);
        // Read again once a piece's worth is back, not byte by byte.
        let at = b.input_at(t0);
        let piece = Duration::from_secs_f64(MIN_PIECE as f64 / f64::from(BYTES.1));
        assert!(at >= t0 + piece - Duration::from_millis(1), "{:?}", at - t0);
        assert_eq!(b.allowance(at), MIN_PIECE);
    }

    #[test]
    fn frames_are_paced_after_the_burst() {
        let t0 = Instant::now();
        let mut b = Budget::new(t0);
        let mut drawn = 0;
        while b.may_draw(t0) && drawn < 100 {
            b.drew(t0);
            drawn += 1;
        }
        assert_eq!(drawn, FRAMES.0 as usize);
        let next = b.frame_at(t0);
        assert!(next > t0 && next <= t0 + Duration::from_millis(17));
        assert!(b.may_draw(next));
    }
}
