//! What the server knows about its connections: the caps (global and per address), who is
//! signed in as which learner (one live session per name), the per-address back-off after
//! failed logins, and each student's place for the instructor's dashboard.

use super::log::{Log, clean};
use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::sync::mpsc::UnboundedSender;

/// Connections over a cap are still answered (to tell the client why it is refused) up to
/// this many more; past that the socket is closed at once.
const SPARE: usize = 16;
/// Failed logins from one address are forgotten after this long without another.
const FORGET_FAILURES: Duration = Duration::from_secs(600);
/// Longest wait imposed on an address before its next login attempt is answered.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// A message to a running session from outside it.
#[derive(Debug, Clone)]
pub enum Control {
    /// A new login with the same name took over.
    TakenOver(SocketAddr),
    /// The server is stopping.
    Shutdown,
}

/// A student's place, for the dashboard.
#[derive(Debug, Clone)]
pub struct Student {
    pub id: u64,
    pub user: String,
    pub addr: SocketAddr,
    pub since: Instant,
    /// The screen, e.g. `Lesson 2/5` or `Practice quiz`.
    pub place: String,
    /// Answers given and answers right in this session.
    pub answered: usize,
    pub right: usize,
    /// The quiz on screen: question number (1-based), count, and per question right/wrong/open.
    pub quiz: Option<QuizPlace>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizPlace {
    pub title: String,
    pub current: usize,
    pub results: Vec<Option<bool>>,
}

/// Whether a new connection is served.
pub enum Admission {
    Admitted(ConnGuard),
    /// Over a cap: answer, say why, refuse every login.
    Full(ConnGuard, String),
    /// Far over a cap: close the socket without a word.
    Dropped,
}

#[derive(Default)]
struct Inner {
    next_id: u64,
    live: usize,
    refusing: usize,
    per_addr: HashMap<IpAddr, usize>,
    students: BTreeMap<u64, Student>,
    users: HashMap<String, (u64, UnboundedSender<Control>)>,
    failures: HashMap<IpAddr, (u32, Instant)>,
}

pub struct Registry {
    inner: Mutex<Inner>,
    pub log: Log,
    max_sessions: usize,
    max_per_address: usize,
    /// Bumped on every change the dashboard shows.
    version: AtomicU64,
}

impl Registry {
    pub fn new(log: Log, max_sessions: usize, max_per_address: usize) -> Registry {
        Registry {
            inner: Mutex::default(),
            log,
            max_sessions,
            max_per_address,
            version: AtomicU64::new(0),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn changed(&self) {
        self.version.fetch_add(1, Ordering::Relaxed);
    }

    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Relaxed)
    }

    /// Live connections (signed in or not), the figure the logs report as `sessions=`.
    pub fn live(&self) -> usize {
        self.lock().live
    }

    /// Counts a new connection from `addr` against the caps.
    pub fn admit(self: &Arc<Self>, addr: SocketAddr) -> Admission {
        let mut g = self.lock();
        let ip = addr.ip();
        let here = g.per_addr.get(&ip).copied().unwrap_or(0);
        let full = if g.live >= self.max_sessions {
            Some(format!(
                "the tutor is full (at most {} at once); try again in a minute",
                self.max_sessions
            ))
        } else if here >= self.max_per_address {
            Some(format!(
                "too many sessions from your address (at most {} at once); try again in a minute",
                self.max_per_address
            ))
        } else {
            None
        };
        if full.is_some() && g.refusing >= SPARE {
            return Admission::Dropped;
        }
        g.next_id += 1;
        let id = g.next_id;
        *g.per_addr.entry(ip).or_insert(0) += 1;
        let counted = full.is_none();
        if counted {
            g.live += 1;
        } else {
            g.refusing += 1;
        }
        let live = g.live;
        drop(g);
        self.changed();
        let guard = ConnGuard {
            registry: Arc::clone(self),
            id,
            addr,
            counted,
        };
        match full {
            None => {
                self.log
                    .line(format_args!("connect id={id} from={addr} sessions={live}"));
                Admission::Admitted(guard)
            }
            Some(why) => {
                self.log
                    .line(format_args!("refuse id={id} from={addr}: {why}"));
                Admission::Full(guard, why)
            }
        }
    }

    /// How long to hold a login attempt from `ip`: nothing for the first 3 failures in 10
    /// minutes, then 1 s doubling to 30 s.
    pub fn backoff(&self, ip: IpAddr) -> Duration {
        let g = self.lock();
        match g.failures.get(&ip) {
            Some(&(n, last)) if n >= 3 && last.elapsed() < FORGET_FAILURES => {
                let secs = 1u64 << (n - 3).min(5);
                Duration::from_secs(secs).min(MAX_BACKOFF)
            }
            _ => Duration::ZERO,
        }
    }

    pub fn auth_failed(&self, ip: IpAddr) {
        let mut g = self.lock();
        if g.failures.len() > 10_000 {
            g.failures.retain(|_, (_, t)| t.elapsed() < FORGET_FAILURES);
        }
        let e = g.failures.entry(ip).or_insert((0, Instant::now()));
        if e.1.elapsed() >= FORGET_FAILURES {
            e.0 = 0;
        }
        e.0 = e.0.saturating_add(1);
        e.1 = Instant::now();
    }

    pub fn auth_ok(&self, ip: IpAddr) {
        self.lock().failures.remove(&ip);
    }

    /// Signs `user` in as session `id`, or returns the control channel of the session that
    /// has the name now (to be told it is taken over).
    pub fn claim(
        &self,
        user: &str,
        id: u64,
        control: &UnboundedSender<Control>,
    ) -> Result<(), UnboundedSender<Control>> {
        let mut g = self.lock();
        match g.users.get(user) {
            Some((other, tx)) if *other != id && !tx.is_closed() => Err(tx.clone()),
            _ => {
                g.users.insert(user.to_owned(), (id, control.clone()));
                Ok(())
            }
        }
    }

    /// Shows a signed-in student on the dashboard.
    pub fn add_student(&self, s: Student) {
        self.log.line(format_args!(
            "session id={} user={} from={}",
            s.id,
            clean(&s.user),
            s.addr
        ));
        self.lock().students.insert(s.id, s);
        self.changed();
    }

    /// Updates student `id`'s place; `f` returns whether anything changed.
    pub fn update(&self, id: u64, f: impl FnOnce(&mut Student) -> bool) {
        let changed = self.lock().students.get_mut(&id).is_some_and(f);
        if changed {
            self.changed();
        }
    }

    /// Ends session `id` of `user`: off the dashboard, and the name is free again.
    pub fn remove_student(&self, id: u64, user: &str) {
        let mut g = self.lock();
        g.students.remove(&id);
        if g.users.get(user).is_some_and(|(owner, _)| *owner == id) {
            g.users.remove(user);
        }
        drop(g);
        self.changed();
    }

    /// Every signed-in student, oldest session first.
    pub fn students(&self) -> Vec<Student> {
        self.lock().students.values().cloned().collect()
    }

    /// Asks every session to close (the server is stopping).
    pub fn shutdown_all(&self) {
        for (_, tx) in self.lock().users.values() {
            let _ = tx.send(Control::Shutdown);
        }
    }
}

/// One counted connection; dropping it (when the connection ends, however it ends) frees its
/// place under the caps and logs the disconnect.
pub struct ConnGuard {
    registry: Arc<Registry>,
    pub id: u64,
    pub addr: SocketAddr,
    counted: bool,
}

impl Drop for ConnGuard {
    fn drop(&mut self) {
        let r = &self.registry;
        let mut g = r.lock();
        let ip = self.addr.ip();
        if let Some(n) = g.per_addr.get_mut(&ip) {
            *n -= 1;
            if *n == 0 {
                g.per_addr.remove(&ip);
            }
        }
        if self.counted {
            g.live -= 1;
        } else {
            g.refusing -= 1;
        }
        let live = g.live;
        drop(g);
        r.changed();
        r.log.line(format_args!(
            "disconnect id={} from={} sessions={live}",
            self.id, self.addr
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(port: u16) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], port))
    }

    #[test]
    fn caps_count_and_free_places() {
        let r = Arc::new(Registry::new(Log::to(Box::new(io_sink())), 2, 1));
        let a = r.admit(addr(1));
        assert!(matches!(a, Admission::Admitted(_)));
        assert!(matches!(r.admit(addr(2)), Admission::Full(_, why) if why.contains("address")));
        assert_eq!(r.live(), 1);
        drop(a);
        assert_eq!(r.live(), 0);
        assert!(matches!(r.admit(addr(3)), Admission::Admitted(_)));
    }

    #[test]
    fn backoff_grows_after_three_failures() {
        let r = Registry::new(Log::to(Box::new(io_sink())), 2, 1);
        let ip = addr(1).ip();
        for _ in 0..3 {
            assert_eq!(r.backoff(ip), Duration::ZERO);
            r.auth_failed(ip);
        }
        assert_eq!(r.backoff(ip), Duration::from_secs(1));
        r.auth_failed(ip);
        assert_eq!(r.backoff(ip), Duration::from_secs(2));
        r.auth_ok(ip);
        assert_eq!(r.backoff(ip), Duration::ZERO);
    }

    #[test]
    fn one_session_per_name() {
        let r = Registry::new(Log::to(Box::new(io_sink())), 2, 1);
        let (tx1, _rx1) = tokio::sync::mpsc::unbounded_channel();
        let (tx2, _rx2) = tokio::sync::mpsc::unbounded_channel();
        assert!(r.claim("alice", 1, &tx1).is_ok());
        assert!(r.claim("alice", 2, &tx2).is_err());
        r.remove_student(1, "alice");
        assert!(r.claim("alice", 2, &tx2).is_ok());
    }

    fn io_sink() -> std::io::Sink {
        std::io::sink()
    }
}
