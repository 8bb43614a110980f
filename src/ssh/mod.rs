//! `tutor serve`: the full-screen tutor for a whole class over SSH, on `russh`.
//!
//! Each accepted connection gets a [`handler::Conn`] (authentication, channel requests) and,
//! once a student has a pty and a shell, one tokio task ([`session`]) that owns the
//! student's `App`, `Host` (their progress in the shared store), ratatui terminal and input
//! decoder. The handler leaves bytes and the latest window size in the session's bounded inbox
//! and never waits on it; the task takes input within its budget, draws once for what it took
//! into a buffer, and flushes that to the channel after each frame.
//! The [`registry::Registry`] holds what is shared: session caps, names signed in, and each
//! student's place for the instructor's dashboard; [`limits`] and `grace` bound connections
//! not logged in yet, and [`penalty`] is the back-off after failed logins. [`serve`] serves a
//! bound listener until told to stop; [`start`] binds and serves on the current runtime and
//! gives back the bound address (port 0: the port chosen), with a handle to stop it.

pub mod auth;
mod backend;
pub mod dashboard;
pub mod drill_file;
mod grace;
mod handler;
pub mod hostkey;
mod input;
pub mod limits;
pub mod log;
pub mod pace;
pub mod penalty;
pub mod projector;
pub mod registry;
pub mod reloadable;
mod session;

use crate::course::Course;
use grace::Graced;
use limits::{Limits, Startup, Startups};
use penalty::Penalties;
use registry::Registry;
use reloadable::Reloadable;
use russh::keys::PrivateKey;
use russh::server::Config;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::net::TcpListener;

pub use auth::AuthMode;

/// How long a connection may take to start its session (logging in has `--login-grace-time`;
/// longer grace times give half this after theirs).
const SESSION_START: Duration = Duration::from_secs(60);
/// How long a stopping server waits for its sessions to say goodbye.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// What `tutor serve` was asked for.
pub struct Settings {
    pub course: Arc<Course>,
    pub data_dir: PathBuf,
    /// Who may log in; a reload changes the roster, never the mode.
    pub auth: Reloadable<AuthMode>,
    /// Logged-in sessions at once, in all and from one address.
    pub max_sessions: usize,
    pub max_per_address: usize,
    /// Connections not logged in yet: per address, in all, and for how long.
    pub limits: Limits,
    /// Close a session after this long without a key press (with a warning first).
    pub idle_timeout: Option<Duration>,
    /// The class drills every session opens, in order (then the home screen); a session
    /// keeps those current when it started.
    pub drills: Reloadable<Vec<crate::quiz::drill::DrillSpec>>,
    pub retention: f32,
    /// Monochrome for every student (a client may also ask with `NO_COLOR`).
    pub mono: bool,
}

/// What every connection shares.
pub struct Shared {
    pub settings: Settings,
    pub registry: Arc<Registry>,
    /// Connections not logged in yet.
    pub startups: Arc<Startups>,
    /// The back-off after failed logins.
    pub penalties: Penalties,
    /// Password checks running at once (Argon2 takes memory and CPU).
    hash_slots: tokio::sync::Semaphore,
    /// Held for each write to the store: the sessions of this process take turns here, at
    /// once, instead of in SQLite's busy handler, which sleeps up to 100 ms between tries.
    store_writes: std::sync::Mutex<()>,
    /// The paced drill's instructor side, when a class drill is paced.
    pub pacer: Option<Arc<pace::Pacer>>,
}

impl Shared {
    pub fn new(settings: Settings, registry: Arc<Registry>) -> Arc<Shared> {
        // The paced drill is fixed for the server's life: a reload keeps it.
        let drills = settings.drills.now();
        let paced = drills.iter().find(|d| d.paced);
        let pacer = paced.map(|spec| Arc::new(pace::Pacer::new(&settings.course, spec)));
        Arc::new(Shared {
            pacer,
            startups: Startups::new(settings.limits.clone()),
            penalties: Penalties::default(),
            settings,
            registry,
            hash_slots: tokio::sync::Semaphore::new(2),
            store_writes: std::sync::Mutex::new(()),
        })
    }
}

/// The russh configuration: the identification string names no version, only the host key
/// given, keepalive (15 s, 3 misses) instead of an inactivity timeout so students who only
/// read are kept, and at most 3 failed logins per connection (plus OpenSSH's first probe).
pub fn config(key: PrivateKey, auth: &AuthMode) -> Config {
    Config {
        server_id: russh::SshId::Standard("SSH-2.0-tutor".into()),
        methods: auth.methods(),
        auth_rejection_time: Duration::from_millis(500),
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![key],
        max_auth_attempts: 6,
        inactivity_timeout: None,
        keepalive_interval: Some(Duration::from_secs(15)),
        keepalive_max: 3,
        nodelay: true,
        ..Default::default()
    }
}

/// Serves `listener` until `stop` completes, then asks every session to close and waits a
/// moment for them.
pub async fn serve(
    listener: TcpListener,
    config: Arc<Config>,
    shared: Arc<Shared>,
    stop: impl Future<Output = ()>,
) {
    let registry = Arc::clone(&shared.registry);
    tokio::pin!(stop);
    loop {
        let (socket, peer) = tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors and the like: wait rather than spin.
                    registry.log.line(format_args!("accept failed: {e}"));
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        // Refused before any SSH work: nothing is sent, and the log is rate-limited.
        let startup = match shared.startups.arrive(peer) {
            Ok(s) => s,
            Err(refused) => {
                if let Some(line) = refused.line {
                    registry.log.line(line);
                }
                continue;
            }
        };
        if let Some(note) = shared.startups.line_budget() {
            let (served, queued) = shared.startups.counts();
            registry.log.line(format_args!(
                "connect id={} from={peer}{note} logging-in={served} waiting={queued} sessions={}",
                startup.id,
                registry.live()
            ));
        }
        tokio::spawn(connection(
            Arc::clone(&shared),
            Arc::clone(&config),
            socket,
            startup,
        ));
    }
    registry.log.line("stopping: closing every session");
    registry.shutdown_all();
    let deadline = tokio::time::Instant::now() + SHUTDOWN_GRACE;
    while registry.live() > 0 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    registry.log.line(format_args!(
        "stopped with {} sessions open",
        registry.live()
    ));
}

/// A server serving on tasks of the tokio runtime it was started in, from [`start`].
pub struct Running {
    addr: SocketAddr,
    stop: Arc<tokio::sync::Notify>,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// The address it listens on, with the port chosen when it was asked for port 0.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Whether it stopped serving.
    pub fn is_finished(&self) -> bool {
        self.task.is_finished()
    }

    /// Stops it as [`serve`] stops (every session is told and closed) and waits until it has.
    pub async fn stop(self) {
        self.stop.notify_one();
        let _ = self.task.await;
    }
}

/// Binds `listen` and serves it, as [`serve`] does, on a task of the current tokio runtime
/// until [`Running::stop`]. Returns once bound, so the caller knows the address (port 0: any
/// free port) before the first connection is accepted.
pub async fn start(
    listen: SocketAddr,
    config: Arc<Config>,
    shared: Arc<Shared>,
) -> std::io::Result<Running> {
    let listener = TcpListener::bind(listen).await?;
    let addr = listener.local_addr()?;
    let stop = Arc::new(tokio::sync::Notify::new());
    let stopped = Arc::clone(&stop);
    let task = tokio::spawn(serve(listener, config, shared, async move {
        stopped.notified().await;
    }));
    Ok(Running { addr, stop, task })
}

/// One connection, from its accept to its end: its turn among its address's connections
/// logging in, the login within the grace time, its session started within a minute.
async fn connection(
    shared: Arc<Shared>,
    config: Arc<Config>,
    socket: tokio::net::TcpStream,
    mut startup: Startup,
) {
    let (id, peer, deadline) = (startup.id, startup.addr, startup.deadline);
    let registry = Arc::clone(&shared.registry);
    let grace = shared.settings.limits.grace;
    // Logged in, the session must start within a minute of connecting, or half a minute of
    // the end of a longer grace time.
    let start_by = (deadline - grace) + SESSION_START.max(grace + SESSION_START / 2);
    let end = |why: &str| {
        let budget = if why.is_empty() {
            Some(String::new())
        } else {
            shared.startups.line_budget()
        };
        if let Some(note) = budget {
            registry.log.line(format_args!(
                "disconnect id={id} from={peer}{why}{note} sessions={}",
                registry.live()
            ));
        }
    };
    if tokio::time::timeout_at(deadline, startup.ready())
        .await
        .is_err()
    {
        return end(&format!(
            ": no turn to log in within {}s (too many connections from this address)",
            grace.as_secs()
        ));
    }
    // Keys and frames are small: send them at once (no Nagle delay).
    let _ = socket.set_nodelay(true);
    let authed = Arc::new(AtomicBool::new(false));
    let started = Arc::new(AtomicBool::new(false));
    let stream = Graced::new(socket, deadline, Arc::clone(&authed));
    let handler = handler::Conn::new(
        Arc::clone(&shared),
        startup,
        Arc::clone(&authed),
        Arc::clone(&started),
    );
    // The stream fails once the grace time is over without a login, whether the client is
    // silent before its version line, in the key exchange or at the password prompt.
    if let Ok(session) = russh::server::run_stream(config, stream, handler).await {
        let handle = session.handle();
        let mut session = session;
        tokio::select! {
            _ = &mut session => {}
            () = tokio::time::sleep_until(start_by) => {
                if authed.load(Ordering::Relaxed) && !started.load(Ordering::Relaxed) {
                    let _ = handle
                        .disconnect(
                            russh::Disconnect::ByApplication,
                            "no session started in time".into(),
                            String::new(),
                        )
                        .await;
                }
                let _ = session.await;
            }
        }
    }
    if authed.load(Ordering::Relaxed) {
        end("");
    } else if tokio::time::Instant::now() >= deadline {
        end(&format!(": not logged in within {}s", grace.as_secs()));
    } else {
        end(": not logged in");
    }
}
