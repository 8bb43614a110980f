//! What the server knows about its sessions: the caps (global and per address), which count
//! logged-in connections only (those logging in are `ssh::limits`'s), who is signed in as
//! which learner (one live session per name), and each student's place for the instructor's
//! dashboard.

use super::log::{Log, clean};
use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;
use tokio::sync::mpsc::UnboundedSender;

/// Students who left kept on the dashboard at most; the oldest go first.
const MAX_GONE: usize = 1000;

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
    /// The quiz on screen: question number (1-based), count, and how each question stands.
    pub quiz: Option<QuizPlace>,
    /// Still connected; a student who left stays listed with their last figures.
    pub connected: bool,
    /// The first tries in each class drill the student has open (drills ask each once), in
    /// screen order: the one on screen (or nearest it) last.
    pub drills: Vec<DrillMarks>,
    /// The student's answers in the paced drill, if they have it open.
    pub paced: Option<PacedAnswers>,
}

/// A student's answers in a paced drill: per question, the answer given and whether it was
/// right (`None`: none yet).
#[derive(Debug, Clone, PartialEq)]
pub struct PacedAnswers {
    pub drill: crate::quiz::drill::DrillId,
    pub answers: Vec<Option<(crate::grade::Answer, bool)>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizPlace {
    pub title: String,
    pub current: usize,
    pub results: Vec<Mark>,
}

/// How one question stands for a student.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Open,
    Right,
    Wrong,
    /// The time ran out (or the instructor closed it) before an answer.
    TimedOut,
}

impl Mark {
    /// `✓`, `✗`, `⏱` or `·`: a symbol, always with the words of the header beside it.
    pub fn symbol(self) -> char {
        match self {
            Mark::Open => '·',
            Mark::Right => '✓',
            Mark::Wrong => '✗',
            Mark::TimedOut => '⏱',
        }
    }
}

/// A student's marks in one class drill, question by question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillMarks {
    pub id: crate::quiz::drill::DrillId,
    pub marks: Vec<Mark>,
}

impl DrillMarks {
    /// Right, and answered (a timeout counts as answered wrong, as in the report).
    pub fn score(&self) -> (usize, usize) {
        let right = self.marks.iter().filter(|m| **m == Mark::Right).count();
        let done = self.marks.iter().filter(|m| **m != Mark::Open).count();
        (right, done)
    }
}

#[derive(Default)]
struct Inner {
    live: usize,
    per_addr: HashMap<IpAddr, usize>,
    students: BTreeMap<u64, Student>,
    users: HashMap<String, (u64, UnboundedSender<Control>)>,
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

    /// Marks a change the dashboard shows that is not a student's (e.g. the pace).
    pub fn touch(&self) {
        self.changed();
    }

    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Relaxed)
    }

    /// Logged-in connections, the figure the logs report as `sessions=`.
    pub fn live(&self) -> usize {
        self.lock().live
    }

    /// A session place for connection `id` from `addr`, which has just logged in; or why
    /// there is none.
    pub fn admit(self: &Arc<Self>, id: u64, addr: SocketAddr) -> Result<ConnGuard, String> {
        let mut g = self.lock();
        let ip = addr.ip();
        let here = g.per_addr.get(&ip).copied().unwrap_or(0);
        if g.live >= self.max_sessions {
            return Err(format!(
                "the tutor is full (at most {} at once); try again in a minute",
                self.max_sessions
            ));
        }
        if here >= self.max_per_address {
            return Err(format!(
                "too many sessions from your address (at most {} at once); try again in a minute",
                self.max_per_address
            ));
        }
        *g.per_addr.entry(ip).or_insert(0) += 1;
        g.live += 1;
        drop(g);
        self.changed();
        Ok(ConnGuard {
            registry: Arc::clone(self),
            id,
            addr,
        })
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

    /// Shows a signed-in student on the dashboard, in the place of their earlier session.
    pub fn add_student(&self, s: Student) {
        self.log.line(format_args!(
            "session id={} user={} from={}",
            s.id,
            clean(&s.user),
            s.addr
        ));
        let mut g = self.lock();
        g.students
            .retain(|_, old| old.user != s.user || old.connected);
        g.students.insert(s.id, s);
        drop(g);
        self.changed();
    }

    /// Updates student `id`'s place; `f` returns whether anything changed.
    pub fn update(&self, id: u64, f: impl FnOnce(&mut Student) -> bool) {
        let changed = self.lock().students.get_mut(&id).is_some_and(f);
        if changed {
            self.changed();
        }
    }

    /// Ends session `id` of `user`: listed as gone, with the last figures, and the name is
    /// free again.
    pub fn remove_student(&self, id: u64, user: &str) {
        let mut g = self.lock();
        if let Some(s) = g.students.get_mut(&id) {
            s.connected = false;
        }
        // Names that left are kept for the class view, but not without bound.
        let gone = g.students.values().filter(|s| !s.connected).count();
        if gone > MAX_GONE
            && let Some(oldest) = g
                .students
                .iter()
                .filter(|(_, s)| !s.connected)
                .min_by_key(|(_, s)| s.since)
                .map(|(k, _)| *k)
        {
            g.students.remove(&oldest);
        }
        if g.users.get(user).is_some_and(|(owner, _)| *owner == id) {
            g.users.remove(user);
        }
        drop(g);
        self.changed();
    }

    /// Every student who signed in, by name (those who left too).
    pub fn students(&self) -> Vec<Student> {
        let mut all: Vec<Student> = self.lock().students.values().cloned().collect();
        all.sort_by(|a, b| a.user.cmp(&b.user));
        all
    }

    /// Asks every session to close (the server is stopping).
    pub fn shutdown_all(&self) {
        for (_, tx) in self.lock().users.values() {
            let _ = tx.send(Control::Shutdown);
        }
    }
}

/// One session place; dropping it (when the connection ends, however it ends) frees it.
pub struct ConnGuard {
    registry: Arc<Registry>,
    pub id: u64,
    pub addr: SocketAddr,
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
        g.live -= 1;
        drop(g);
        r.changed();
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
        let a = r.admit(1, addr(1));
        assert!(a.is_ok());
        assert!(matches!(r.admit(2, addr(2)), Err(why) if why.contains("address")));
        assert_eq!(r.live(), 1);
        drop(a);
        assert_eq!(r.live(), 0);
        assert!(r.admit(3, addr(3)).is_ok());
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
