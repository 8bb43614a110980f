//! Limits on connections that have not logged in, in the spirit of OpenSSH's `MaxStartups`,
//! `PerSourceMaxStartups` and `LoginGraceTime`. They hold no session place (the session caps
//! count logged-in connections only), and:
//!
//! - at most `per_source` of them from one address are in the SSH handshake or login at once;
//!   more from that address wait their turn before the banner (a class behind one NAT
//!   connecting together gets in one after another), up to `queue_per_source` of them;
//! - over all addresses, `max_startups` (`start:rate:full`, [`MaxStartups`]): from `start`
//!   connections logging in, a new one is refused with probability `rate`%, rising linearly
//!   to 100% at `full`; at most `full` wait their turn;
//! - a refused connection is closed right after `accept`, with nothing sent, and logged at
//!   most once per [`REFUSAL_LOG_EVERY`] (with the count since the last line; `lines`);
//! - one that has not logged in within `grace` of its accept is closed
//!   ([`super::grace::Graced`]).

mod lines;
mod max_startups;

pub use lines::REFUSAL_LOG_EVERY;
pub use max_startups::MaxStartups;

use lines::{LineBudget, RefusalLines};
use max_startups::early_drop;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// What `tutor serve` was asked for before login.
#[derive(Clone, Debug)]
pub struct Limits {
    pub max_startups: MaxStartups,
    pub per_source: usize,
    pub queue_per_source: usize,
    pub grace: Duration,
}

#[derive(Default)]
struct Inner {
    next_id: u64,
    /// In the handshake or login (holding a place of their address).
    served: usize,
    /// Waiting for a place of their address.
    queued: usize,
    sources: HashMap<IpAddr, Source>,
    refusals: RefusalLines,
    /// Lines about connections not logged in other than refusals.
    lines: LineBudget,
}

struct Source {
    places: Arc<Semaphore>,
    served: usize,
    queued: usize,
}

/// Every connection that has not logged in yet.
pub struct Startups {
    pub limits: Limits,
    inner: Mutex<Inner>,
}

/// A refused connection: the log line to write, if one is due.
pub struct Refused {
    pub line: Option<String>,
}

enum State {
    Queued,
    Served(#[allow(dead_code)] OwnedSemaphorePermit),
    Done,
}

/// One connection not logged in yet; dropping it (or [`Startup::done`]) gives its place back.
pub struct Startup {
    startups: Arc<Startups>,
    places: Arc<Semaphore>,
    pub id: u64,
    pub addr: SocketAddr,
    /// The end of its login grace time.
    pub deadline: tokio::time::Instant,
    state: State,
}

impl Startups {
    pub fn new(limits: Limits) -> Arc<Startups> {
        Arc::new(Startups {
            limits,
            inner: Mutex::default(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `(logging in, waiting)` over all addresses.
    pub fn counts(&self) -> (usize, usize) {
        let g = self.lock();
        (g.served, g.queued)
    }

    /// A new connection from `addr`: a place (or a place in the queue of its address), or a
    /// refusal.
    pub fn arrive(self: &Arc<Self>, addr: SocketAddr) -> Result<Startup, Refused> {
        let ip = addr.ip();
        let l = &self.limits;
        let mut g = self.lock();
        let served_now = g.served;
        let queued_now = g.queued;
        let src = g.sources.entry(ip).or_insert_with(|| Source {
            places: Arc::new(Semaphore::new(l.per_source)),
            served: 0,
            queued: 0,
        });
        let places = Arc::clone(&src.places);
        // A free place goes to whoever waits first (the semaphore is fair): this fails
        // while others from the address are waiting.
        let (state, why) = match Arc::clone(&places).try_acquire_owned() {
            Ok(permit) => match early_drop(l.max_startups, served_now) {
                None => (State::Served(permit), None),
                Some(why) => (State::Done, Some(why)),
            },
            Err(_) if src.queued >= l.queue_per_source => (
                State::Done,
                Some("too many connections waiting to log in from this address"),
            ),
            Err(_) if queued_now >= l.max_startups.full => {
                (State::Done, Some("too many connections waiting to log in"))
            }
            Err(_) => (State::Queued, None),
        };
        match state {
            State::Served(_) => src.served += 1,
            State::Queued => src.queued += 1,
            State::Done => {}
        }
        let empty = src.served + src.queued == 0;
        match state {
            State::Served(_) => g.served += 1,
            State::Queued => g.queued += 1,
            State::Done => {}
        }
        if let Some(why) = why {
            if empty {
                g.sources.remove(&ip);
            }
            return Err(self.refused(&mut g, ip, why));
        }
        g.next_id += 1;
        Ok(Startup {
            startups: Arc::clone(self),
            places,
            id: g.next_id,
            addr,
            deadline: tokio::time::Instant::now() + l.grace,
            state,
        })
    }

    /// Whether a line about a connection not logged in may be written now: `Some` with a
    /// note of the lines left out before it (empty if none), or `None` (left out, counted).
    pub fn line_budget(&self) -> Option<String> {
        self.lock().lines.take()
    }

    fn refused(&self, g: &mut Inner, ip: IpAddr, why: &str) -> Refused {
        let Some(n) = g.refusals.refused() else {
            return Refused { line: None };
        };
        Refused {
            line: Some(format!(
                "refuse from={ip}: {why} (closed before the banner; {n} refused since the last such line, at most one line per {}s; logging in={} waiting={})",
                REFUSAL_LOG_EVERY.as_secs(),
                g.served,
                g.queued
            )),
        }
    }

    /// Takes `state`'s connection off the counts.
    fn leave(&self, ip: IpAddr, state: &State) {
        let mut g = self.lock();
        let (s, q) = match state {
            State::Served(_) => (1, 0),
            State::Queued => (0, 1),
            State::Done => return,
        };
        g.served -= s;
        g.queued -= q;
        if let Some(src) = g.sources.get_mut(&ip) {
            src.served -= s;
            src.queued -= q;
            if src.served + src.queued == 0 {
                g.sources.remove(&ip);
            }
        }
    }
}

impl Startup {
    /// Whether it is waiting for a place of its address.
    pub fn waiting(&self) -> bool {
        matches!(self.state, State::Queued)
    }

    /// Waits for a place of its address (at once if it has one).
    pub async fn ready(&mut self) {
        if !self.waiting() {
            return;
        }
        let Ok(permit) = Arc::clone(&self.places).acquire_owned().await else {
            return;
        };
        // No await from here on: the counts move with the permit.
        let mut g = self.startups.lock();
        g.queued -= 1;
        g.served += 1;
        if let Some(src) = g.sources.get_mut(&self.addr.ip()) {
            src.queued -= 1;
            src.served += 1;
        }
        self.state = State::Served(permit);
    }

    /// Logged in: the place goes to the next connection.
    pub fn done(&mut self) {
        let state = std::mem::replace(&mut self.state, State::Done);
        self.startups.leave(self.addr.ip(), &state);
    }
}

impl Drop for Startup {
    fn drop(&mut self) {
        self.done();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(per_source: usize, queue: usize, m: &str) -> Limits {
        Limits {
            max_startups: m.parse().unwrap(),
            per_source,
            queue_per_source: queue,
            grace: Duration::from_secs(20),
        }
    }

    fn from(a: u8) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, a], 1000))
    }

    #[tokio::test]
    async fn per_source_places_queue_and_global_cap() {
        let s = Startups::new(limits(2, 1, "3"));
        let a1 = s.arrive(from(2)).ok().unwrap();
        let a2 = s.arrive(from(2)).ok().unwrap();
        let mut a3 = s.arrive(from(2)).ok().unwrap();
        assert!(!a1.waiting() && !a2.waiting() && a3.waiting());
        // The queue of the address is full.
        assert!(s.arrive(from(2)).is_err());
        assert_eq!(s.counts(), (2, 1));
        // Another address is served; the global cap (3 logging in) then refuses.
        let b1 = s.arrive(from(3)).ok().unwrap();
        let refused = s.arrive(from(4)).err().unwrap();
        assert!(refused.line.is_none(), "one line per period");
        // A place freed goes to the one waiting.
        drop(a1);
        tokio::time::timeout(Duration::from_secs(1), a3.ready())
            .await
            .unwrap();
        assert!(!a3.waiting());
        assert_eq!(s.counts(), (3, 0));
        let mut a2 = a2;
        a2.done();
        drop((a2, a3, b1));
        assert_eq!(s.counts(), (0, 0));
        assert!(s.lock().sources.is_empty());
    }

    #[test]
    fn lines_about_connections_not_logged_in_have_a_budget() {
        let s = Startups::new(limits(1, 0, "5"));
        let written = (0..1000).filter(|_| s.line_budget().is_some()).count();
        assert!((200..=201).contains(&written), "{written}");
        s.lock().lines.tokens = 1.0;
        let note = s.line_budget().unwrap();
        assert!(note.contains("left out"), "{note}");
    }

    #[test]
    fn refusals_are_logged_once_per_period() {
        let s = Startups::new(limits(1, 0, "5"));
        let _a = s.arrive(from(2)).ok().unwrap();
        let first = s.arrive(from(2)).err().unwrap();
        assert!(first.line.unwrap().contains("1 refused"));
        for _ in 0..100 {
            assert!(s.arrive(from(2)).err().unwrap().line.is_none());
        }
        s.lock().refusals.next_line = Some(std::time::Instant::now());
        let line = s.arrive(from(2)).err().unwrap().line.unwrap();
        assert!(line.contains("101 refused"), "{line}");
    }
}
