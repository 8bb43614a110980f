//! `tutor serve`: hosts the full-screen tutor over SSH for a whole class (`tutor::ssh`), with
//! the instructor's dashboard in this terminal or log lines without one; and
//! `tutor serve hash-password` for password rosters.

mod args;
mod class;
mod password;
mod reload;
mod signals;

pub use args::{Action, Args};

use crate::cmd::Globals;
use crate::cmd::profile::data_dir;
use anyhow::Context as _;
use reload::Reloader;
use signals::{Signals, first_stop, next_reload, signals};
use std::io::{self, IsTerminal, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tutor::course::Course;
use tutor::quiz::drill::DrillSpec;
use tutor::ssh::limits::Limits;
use tutor::ssh::reloadable::Reloadable;
use tutor::ssh::{self, AuthMode, dashboard, hostkey, log::Log, registry::Registry};

/// `tutor serve [hash-password]`.
pub fn serve(args: &Args, g: &Globals) -> anyhow::Result<ExitCode> {
    match args.action {
        Some(Action::HashPassword) => password::hash_password(&g.profile),
        None => run(&g.course()?, args, g),
    }
}

/// Serves `course` until a signal, the dashboard's quit, or the end of stdin stops it.
fn run(course: &Course, args: &Args, g: &Globals) -> anyhow::Result<ExitCode> {
    let auth = class::auth_mode(&args.auth).map_err(anyhow::Error::msg)?;
    let dir = data_dir(&g.profile)?;
    let listen = listen_addr(&args.listen)?;
    let (key, loaded) = hostkey::load_or_create(&dir).context("host key")?;
    let fingerprint = hostkey::fingerprint(&key);
    let dashboard = !args.no_dashboard && io::stdout().is_terminal() && io::stdin().is_terminal();
    if args.paced && !dashboard {
        anyhow::bail!(
            "--paced needs the dashboard, where the instructor opens each question: run tutor serve in a terminal, without --no-dashboard"
        );
    }
    let drills = class::drills(args, course)?;
    let (log, log_path) = open_log(args, dashboard, &dir)?;
    let registry = Arc::new(Registry::new(
        log,
        args.max_sessions as usize,
        args.max_per_address as usize,
    ));
    let open_to_all = warn_if_open(&auth, listen, &registry);
    let drill_names = class::names(&drills, course);
    let class = class::class_view(&drills, course);
    let (label, roster) = (auth.label(), auth.roster_len());
    let config = Arc::new(ssh::config(key, &auth));
    // From here the roster is the server's, which a reload may change.
    let settings = settings(course, args, g, dir.clone(), auth, drills);
    let course = Arc::clone(&settings.course);
    let shared = ssh::Shared::new(settings, Arc::clone(&registry));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Store writes run in block_in_place: room for every session to wait its turn.
        .max_blocking_threads(args.max_sessions as usize + 64)
        .build()?;
    // Before anything is logged as listening: a signal from then on is acted on.
    let signals = {
        let _context = runtime.enter();
        signals()
    };
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(listen))
        .with_context(|| format!("cannot listen on {listen}"))?;
    let bound = listener.local_addr()?;
    log_host_key(&registry, loaded);
    let banner = Banner {
        bound,
        label,
        open_to_all,
        fingerprint,
        drills: drill_names,
        class,
        log: log_path,
    };
    banner.announce(&registry, args, roster, &dir);
    let stop = Arc::new(tokio::sync::Notify::new());
    let stopping = Arc::new(AtomicBool::new(false));
    let header = dashboard.then(|| Arc::new(Reloadable::new(banner.header(args))));
    let screen = header
        .as_ref()
        .map(|h| spawn_dashboard(Arc::clone(h), &shared, &stop, &stopping));
    // Without the dashboard, the end of stdin stops the server too (a closed pipe, /dev/null,
    // a parent gone), unless --no-dashboard asks for a server that only signals stop (a
    // service, nohup). A terminal is not read: that would stop a background job (SIGTTIN);
    // its hangup is seen at the SIGHUP that comes with it.
    let terminal_in = !dashboard && io::stdin().is_terminal();
    if !dashboard && !args.no_dashboard && !terminal_in {
        watch_stdin(&registry, &stop);
    }
    let reloader = Reloader {
        args: args.clone(),
        course,
        shared: Arc::clone(&shared),
        header,
    };
    let watch = Watch {
        stop: Arc::clone(&stop),
        registry: Arc::clone(&registry),
        reloader: Arc::new(reloader),
        terminal_in,
    };
    runtime.block_on(serve_until_stopped(
        signals, listener, config, shared, watch,
    ));
    stopping.store(true, Ordering::Relaxed);
    if let Some(Ok(Err(e))) = screen.map(|t| t.join()) {
        // Not eprintln!: stderr may be the terminal that hung up.
        let _ = writeln!(io::stderr(), "dashboard: {e}");
    }
    runtime.shutdown_timeout(Duration::from_secs(1));
    Ok(ExitCode::SUCCESS)
}

/// Whether anyone who can reach `listen` may log in under any name; if so, says so on
/// stderr and in the log.
fn warn_if_open(auth: &AuthMode, listen: SocketAddr, registry: &Registry) -> bool {
    let open_to_all = matches!(auth, AuthMode::Open) && !listen.ip().is_loopback();
    if open_to_all {
        let warning = format!(
            "WARNING: --auth open on {listen}: anyone who can reach this address can log in under any name and read or add to that learner's progress. Use --auth keys FILE or --auth password FILE, or listen on 127.0.0.1."
        );
        eprintln!("{warning}");
        registry.log.line(&warning);
    }
    open_to_all
}

/// What the signals act on.
struct Watch {
    /// Notified to stop: by a stop signal, the dashboard's quit, the end of stdin.
    stop: Arc<tokio::sync::Notify>,
    registry: Arc<Registry>,
    reloader: Arc<Reloader>,
    /// Stdin is a terminal not read (no dashboard): its hangup stops the server.
    terminal_in: bool,
}

/// Serves connections until the first stop signal or `stop` is notified; each SIGHUP
/// reloads the roster and the drills meanwhile.
async fn serve_until_stopped(
    mut signals: Signals,
    listener: tokio::net::TcpListener,
    config: Arc<russh::server::Config>,
    shared: Arc<ssh::Shared>,
    watch: Watch,
) {
    let (stop, registry) = (Arc::clone(&watch.stop), Arc::clone(&watch.registry));
    tokio::spawn(async move {
        let name = first_stop(signals.stop).await;
        registry.log.line(format_args!("{name} received"));
        stop.notify_one();
    });
    let stop = Arc::clone(&watch.stop);
    tokio::spawn(async move {
        while next_reload(&mut signals.reload).await {
            // A hung-up terminal answers no terminal request (EIO): that SIGHUP is a hangup.
            if watch.terminal_in && !io::stdin().is_terminal() {
                watch
                    .registry
                    .log
                    .line("SIGHUP received: the terminal hung up");
                watch.stop.notify_one();
                return;
            }
            let reloader = Arc::clone(&watch.reloader);
            let _ = tokio::task::spawn_blocking(move || reloader.reload()).await;
        }
    });
    ssh::serve(
        listener,
        config,
        shared,
        async move { stop.notified().await },
    )
    .await;
}

/// The log: `--log FILE`, else with the dashboard `serve.log` in `dir`, else stderr; and the
/// file's path, if any.
fn open_log(args: &Args, dashboard: bool, dir: &Path) -> anyhow::Result<(Log, Option<PathBuf>)> {
    let path = args
        .log
        .clone()
        .or_else(|| dashboard.then(|| dir.join("serve.log")));
    let log = match &path {
        Some(p) => Log::file(p).with_context(|| format!("log file {}", p.display()))?,
        None => Log::stderr(),
    };
    Ok((log, path))
}

/// What a listening server tells: in the log, on stderr, and in the dashboard's header.
struct Banner {
    bound: SocketAddr,
    label: &'static str,
    /// `--auth open` on an address others can reach.
    open_to_all: bool,
    fingerprint: String,
    drills: Vec<String>,
    class: Vec<dashboard::ClassDrill>,
    log: Option<PathBuf>,
}

impl Banner {
    /// The log line of the settings, and on stderr how students connect.
    fn announce(&self, registry: &Registry, args: &Args, roster: usize, dir: &Path) {
        let Banner {
            bound,
            label,
            fingerprint,
            ..
        } = self;
        registry.log.line(format_args!(
            "listening on {bound} auth={label} roster={roster} data={} host-key={fingerprint} drills=[{}] max-sessions={} max-per-address={} max-startups={} max-startups-per-address={} login-grace-time={}s pid={}",
            dir.display(),
            self.drills.join(", "),
            args.max_sessions,
            args.max_per_address,
            args.max_startups,
            args.max_startups_per_address,
            args.login_grace_time,
            // For `kill -HUP PID`: the reload.
            std::process::id()
        ));
        eprintln!(
            "tutor serve: listening on {bound} (auth {label}); students connect with: ssh -p {} NAME@HOST",
            bound.port()
        );
        eprintln!("host key fingerprint (students can check it on first connect): {fingerprint}");
    }

    fn header(&self, args: &Args) -> dashboard::Header {
        dashboard::Header {
            listen: self.bound.to_string(),
            auth: if self.open_to_all {
                "open to anyone on the network (any name, no password)".to_owned()
            } else {
                self.label.to_owned()
            },
            fingerprint: self.fingerprint.clone(),
            max_sessions: args.max_sessions as usize,
            drills: self.drills.clone(),
            class: self.class.clone(),
            reload: None,
            log: self
                .log
                .as_ref()
                .map_or("stderr".into(), |p| p.display().to_string()),
        }
    }
}

/// Stops the server at the end of stdin, read on a thread of its own.
fn watch_stdin(registry: &Arc<Registry>, stop: &Arc<tokio::sync::Notify>) {
    let (registry, stop) = (Arc::clone(registry), Arc::clone(stop));
    std::thread::spawn(move || {
        dashboard::read_stdin(|_| true);
        registry.log.line("stdin closed");
        stop.notify_one();
    });
}

/// `--listen ADDR:PORT` as a socket address (the first, when a name resolves to several).
fn listen_addr(listen: &str) -> anyhow::Result<SocketAddr> {
    std::net::ToSocketAddrs::to_socket_addrs(listen)
        .ok()
        .and_then(|mut a| a.next())
        .with_context(|| format!("--listen {listen}: not an address and port"))
}

/// What every session of the server shares.
fn settings(
    course: &Course,
    args: &Args,
    g: &Globals,
    data_dir: PathBuf,
    auth: AuthMode,
    drills: Vec<DrillSpec>,
) -> ssh::Settings {
    ssh::Settings {
        course: Arc::new(course.clone()),
        data_dir,
        auth: auth.into(),
        max_sessions: args.max_sessions as usize,
        max_per_address: args.max_per_address as usize,
        limits: Limits {
            max_startups: args.max_startups,
            per_source: args.max_startups_per_address as usize,
            queue_per_source: args.max_per_address as usize,
            grace: Duration::from_secs(args.login_grace_time),
        },
        idle_timeout: (args.idle_timeout > 0).then(|| Duration::from_secs(args.idle_timeout)),
        drills: drills.into(),
        retention: g.profile.retention,
        mono: g.mono(),
    }
}

/// Logs a host key just created, or one whose mode was tightened.
fn log_host_key(registry: &Registry, loaded: hostkey::Loaded) {
    match loaded {
        hostkey::Loaded::Created(p) => registry
            .log
            .line(format_args!("host key created: {}", p.display())),
        hostkey::Loaded::Existing {
            path,
            tightened: true,
        } => registry.log.line(format_args!(
            "host key {} was readable by others: its mode is now 0600",
            path.display()
        )),
        hostkey::Loaded::Existing { .. } => {}
    }
}

/// The dashboard in this terminal, on a thread of its own; however it ends, even by a panic,
/// the server stops with it.
fn spawn_dashboard(
    header: Arc<Reloadable<dashboard::Header>>,
    shared: &ssh::Shared,
    stop: &Arc<tokio::sync::Notify>,
    stopping: &Arc<AtomicBool>,
) -> std::thread::JoinHandle<io::Result<()>> {
    let registry = Arc::clone(&shared.registry);
    let pacer = shared.pacer.clone();
    let (stop, stopping) = (Arc::clone(stop), Arc::clone(stopping));
    std::thread::spawn(move || {
        let _stop = StopOnDrop(Arc::clone(&stop));
        let pacer = pacer.as_deref();
        dashboard::run(&registry, &header, pacer, &stopping, || stop.notify_one())
    })
}

/// Stops the server when dropped.
struct StopOnDrop(Arc<tokio::sync::Notify>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.notify_one();
    }
}
