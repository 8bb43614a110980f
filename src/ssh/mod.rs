//! `tutor serve`: the full-screen tutor for a whole class over SSH, on `russh`.
//!
//! Each accepted connection gets a [`handler::Conn`] (authentication, channel requests) and,
//! once a student has a pty and a shell, one tokio task ([`session`]) that owns the
//! student's `App`, `Host` (their progress in the shared store), ratatui terminal and input
//! decoder. The handler forwards bytes and window sizes to that task over a channel and never
//! waits on it; the task draws into a buffer and flushes it to the channel after each frame.
//! The [`registry::Registry`] holds what is shared: caps, names signed in, back-off after
//! failed logins, and each student's place for the instructor's dashboard.

pub mod auth;
mod backend;
pub mod dashboard;
mod handler;
pub mod hostkey;
mod input;
pub mod log;
pub mod registry;
mod session;

use crate::course::Course;
use registry::{Admission, Registry};
use russh::keys::PrivateKey;
use russh::server::Config;
use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::net::TcpListener;

pub use auth::AuthMode;

/// How long a connection may take to log in and start its session.
const LOGIN_GRACE: Duration = Duration::from_secs(60);
/// How long a stopping server waits for its sessions to say goodbye.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// What `tutor serve` was asked for.
pub struct Settings {
    pub course: Arc<Course>,
    pub data_dir: PathBuf,
    pub auth: AuthMode,
    pub max_sessions: usize,
    pub max_per_address: usize,
    /// Close a session after this long without a key press (with a warning first).
    pub idle_timeout: Option<Duration>,
    /// The class drills every session opens, in order (then the home screen).
    pub drills: Vec<crate::quiz::drill::DrillSpec>,
    pub retention: f32,
    /// Monochrome for every student (a client may also ask with `NO_COLOR`).
    pub mono: bool,
}

/// What every connection shares.
pub struct Shared {
    pub settings: Settings,
    pub registry: Arc<Registry>,
    /// Password checks running at once (Argon2 takes memory and CPU).
    hash_slots: tokio::sync::Semaphore,
    /// Held for each write to the store: the sessions of this process take turns here, at
    /// once, instead of in SQLite's busy handler, which sleeps up to 100 ms between tries.
    store_writes: std::sync::Mutex<()>,
}

impl Shared {
    pub fn new(settings: Settings, registry: Arc<Registry>) -> Arc<Shared> {
        Arc::new(Shared {
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
        let (guard, refusal) = match registry.admit(peer) {
            Admission::Admitted(g) => (g, None),
            Admission::Full(g, why) => (g, Some(why)),
            Admission::Dropped => continue,
        };
        // Keys and frames are small: send them at once (no Nagle delay).
        let _ = socket.set_nodelay(true);
        let started = Arc::new(AtomicBool::new(false));
        let handler = handler::Conn::new(Arc::clone(&shared), guard, refusal, Arc::clone(&started));
        let config = Arc::clone(&config);
        tokio::spawn(async move {
            // The version exchange has no timeout of its own (there is no inactivity
            // timeout): a client that sends nothing must not hold a place for ever.
            let start = russh::server::run_stream(config, socket, handler);
            let Ok(Ok(session)) = tokio::time::timeout(LOGIN_GRACE, start).await else {
                return;
            };
            let handle = session.handle();
            let mut session = session;
            tokio::select! {
                _ = &mut session => return,
                () = tokio::time::sleep(LOGIN_GRACE) => {}
            }
            if !started.load(Ordering::Relaxed) {
                let _ = handle
                    .disconnect(
                        russh::Disconnect::ByApplication,
                        "no session started within a minute".into(),
                        String::new(),
                    )
                    .await;
            }
            let _ = session.await;
        });
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
