//! `tutor serve`: hosts the full-screen tutor over SSH for a whole class (`tutor::ssh`), with
//! the instructor's dashboard in this terminal or log lines without one; and
//! `tutor serve hash-password` for password rosters.

use crate::cli::ProfileArgs;
use crate::cmd::profile::data_dir;
use clap::{Args, Subcommand};
use std::io::{self, BufRead, IsTerminal, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tutor::course::Course;
use tutor::quiz::drill::DrillSpec;
use tutor::ssh::limits::{Limits, MaxStartups};
use tutor::ssh::{self, AuthMode, dashboard, hostkey, log::Log, registry::Registry};

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ServeArgs {
    #[command(subcommand)]
    pub action: Option<ServeAction>,
    /// Address and port to listen on (port 0: any free port, logged at start).
    #[arg(long, default_value = "127.0.0.1:2222", value_name = "ADDR:PORT")]
    pub listen: String,
    /// Who may log in: `open` (any valid name, no password), `keys FILE` (lines: NAME
    /// ssh-ed25519 AAAA...), or `password FILE` (lines: NAME $argon2id$...).
    #[arg(long, num_args = 1..=2, value_names = ["MODE", "FILE"], default_values_t = ["open".to_owned()])]
    pub auth: Vec<String>,
    /// Most sessions (logged-in connections) at once.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub max_sessions: u64,
    /// Most sessions at once from one address (raise it for a class behind one NAT); also
    /// how many connections from one address may wait their turn to log in.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub max_per_address: u64,
    /// Connections logging in (not yet logged in) at once, as OpenSSH's MaxStartups: from
    /// START on, a new one is closed at once with probability RATE%, rising to 100% at FULL
    /// (one number N: N:100:N).
    #[arg(long, default_value = "100:30:200", value_name = "START:RATE:FULL")]
    pub max_startups: MaxStartups,
    /// Connections logging in at once from one address (OpenSSH's PerSourceMaxStartups);
    /// more from it wait their turn, up to --max-per-address. Raise it for a class behind
    /// one NAT that types passwords.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub max_startups_per_address: u64,
    /// Seconds a connection has to log in, from its connect, before it is closed
    /// (OpenSSH's LoginGraceTime).
    #[arg(long, default_value_t = 20, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub login_grace_time: u64,
    /// Close a session after this many seconds without a key press, with a warning first
    /// (0: never).
    #[arg(long, default_value_t = 1800, value_name = "SECONDS")]
    pub idle_timeout: u64,
    /// Class drills: every session opens these seeded drills in order (the same questions
    /// for everyone with the same seed, as `tutor drill --seed`), then the home screen.
    #[arg(long, value_delimiter = ',', value_name = "SEED,...")]
    pub drill: Vec<u64>,
    /// Questions in each drill.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=200))]
    pub drill_count: u64,
    /// Seconds per drill question; one not answered in time counts as unanswered.
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub drill_time_limit: Option<u32>,
    /// Log file (default: stderr; with the dashboard, serve.log in the data directory).
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,
    /// Log lines instead of showing the dashboard, even in a terminal.
    #[arg(long)]
    pub no_dashboard: bool,
}

#[derive(Subcommand, Debug)]
pub enum ServeAction {
    /// Print an Argon2id hash of a password (asked for, or one line of stdin) for a
    /// `--auth password` roster; with --user NAME, the whole roster line.
    HashPassword,
}

pub fn run(
    course: &Course,
    args: &ServeArgs,
    profile: &ProfileArgs,
    no_color: bool,
) -> io::Result<ExitCode> {
    let fail = |msg: String| {
        eprintln!("error: {msg}");
        Ok(ExitCode::FAILURE)
    };
    let auth = match auth_mode(&args.auth) {
        Ok(a) => a,
        Err(e) => return fail(e),
    };
    let dir = match data_dir(profile) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let listen: SocketAddr = match std::net::ToSocketAddrs::to_socket_addrs(&args.listen)
        .ok()
        .and_then(|mut a| a.next())
    {
        Some(a) => a,
        None => return fail(format!("--listen {}: not an address and port", args.listen)),
    };
    let (key, loaded) = match hostkey::load_or_create(&dir) {
        Ok(k) => k,
        Err(e) => return fail(format!("host key: {e}")),
    };
    let fingerprint = hostkey::fingerprint(&key);
    let dashboard = !args.no_dashboard && io::stdout().is_terminal() && io::stdin().is_terminal();
    let log_path = args
        .log
        .clone()
        .or_else(|| dashboard.then(|| dir.join("serve.log")));
    let log = match &log_path {
        Some(p) => match Log::file(p) {
            Ok(l) => l,
            Err(e) => return fail(format!("log file {}: {e}", p.display())),
        },
        None => Log::stderr(),
    };
    let registry = Arc::new(Registry::new(
        log,
        args.max_sessions as usize,
        args.max_per_address as usize,
    ));
    let label = auth.label();
    let open_to_all = matches!(auth, AuthMode::Open) && !listen.ip().is_loopback();
    if open_to_all {
        let warning = format!(
            "WARNING: --auth open on {listen}: anyone who can reach this address can log in under any name and read or add to that learner's progress. Use --auth keys FILE or --auth password FILE, or listen on 127.0.0.1."
        );
        eprintln!("{warning}");
        registry.log.line(&warning);
    }
    let drills: Vec<DrillSpec> = args
        .drill
        .iter()
        .map(|&seed| DrillSpec {
            seed,
            count: args.drill_count as usize,
            lessons: Vec::new(),
            cases_only: false,
            time_limit: args.drill_time_limit,
            exam: false,
        })
        .collect();
    let drill_names: Vec<String> = drills
        .iter()
        .map(|d| format!("seed {} ({})", d.seed, d.id(course)))
        .collect();
    let roster = auth.roster_len();
    let config = Arc::new(ssh::config(key, &auth));
    let settings = ssh::Settings {
        course: Arc::new(course.clone()),
        data_dir: dir.clone(),
        auth,
        max_sessions: args.max_sessions as usize,
        max_per_address: args.max_per_address as usize,
        limits: Limits {
            max_startups: args.max_startups,
            per_source: args.max_startups_per_address as usize,
            queue_per_source: args.max_per_address as usize,
            grace: Duration::from_secs(args.login_grace_time),
        },
        idle_timeout: (args.idle_timeout > 0).then(|| Duration::from_secs(args.idle_timeout)),
        drills,
        retention: profile.retention,
        mono: no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    };
    let shared = ssh::Shared::new(settings, Arc::clone(&registry));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Store writes run in block_in_place: room for every session to wait its turn.
        .max_blocking_threads(args.max_sessions as usize + 64)
        .build()?;
    // Before anything is logged as listening: a signal from then on stops the server cleanly.
    let signals = {
        let _context = runtime.enter();
        signals()
    };
    let listener = match runtime.block_on(tokio::net::TcpListener::bind(listen)) {
        Ok(l) => l,
        Err(e) => return fail(format!("cannot listen on {listen}: {e}")),
    };
    let bound = listener.local_addr()?;
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
    registry.log.line(format_args!(
        "listening on {bound} auth={label} roster={roster} data={} host-key={fingerprint} drills=[{}] max-sessions={} max-per-address={} max-startups={} max-startups-per-address={} login-grace-time={}s",
        dir.display(),
        drill_names.join(", "),
        args.max_sessions,
        args.max_per_address,
        args.max_startups,
        args.max_startups_per_address,
        args.login_grace_time
    ));
    eprintln!(
        "tutor serve: listening on {bound} (auth {label}); students connect with: ssh -p {} NAME@HOST",
        bound.port()
    );
    eprintln!("host key fingerprint (students can check it on first connect): {fingerprint}");
    let stop = Arc::new(tokio::sync::Notify::new());
    let stopping = Arc::new(AtomicBool::new(false));
    let screen = dashboard.then(|| {
        let header = dashboard::Header {
            listen: bound.to_string(),
            auth: if open_to_all {
                "open to anyone on the network (any name, no password)".to_owned()
            } else {
                label.to_owned()
            },
            fingerprint: fingerprint.clone(),
            max_sessions: args.max_sessions as usize,
            drills: drill_names.clone(),
            log: log_path
                .as_ref()
                .map_or("stderr".into(), |p| p.display().to_string()),
        };
        let (registry, stop, stopping) = (
            Arc::clone(&registry),
            Arc::clone(&stop),
            Arc::clone(&stopping),
        );
        std::thread::spawn(move || {
            // However the dashboard ends, even by a panic, the server stops with it.
            let _stop = StopOnDrop(Arc::clone(&stop));
            dashboard::run(&registry, &header, &stopping, || stop.notify_one())
        })
    });
    // Without the dashboard, the end of stdin stops the server too (a closed pipe, /dev/null,
    // a parent gone), unless --no-dashboard asks for a server that only signals stop (a
    // service, nohup). A terminal is not read: that would stop a background job (SIGTTIN);
    // its hangup comes as SIGHUP.
    if !dashboard && !args.no_dashboard && !io::stdin().is_terminal() {
        let (registry, stop) = (Arc::clone(&registry), Arc::clone(&stop));
        std::thread::spawn(move || {
            dashboard::read_stdin(|_| true);
            registry.log.line("stdin closed");
            stop.notify_one();
        });
    }
    let (on_signal, log) = (Arc::clone(&stop), Arc::clone(&registry));
    runtime.block_on(async move {
        tokio::spawn(async move {
            let name = first_signal(signals).await;
            log.log.line(format_args!("{name} received"));
            on_signal.notify_one();
        });
        ssh::serve(
            listener,
            config,
            shared,
            async move { stop.notified().await },
        )
        .await;
    });
    stopping.store(true, Ordering::Relaxed);
    if let Some(Ok(Err(e))) = screen.map(|t| t.join()) {
        // Not eprintln!: stderr may be the terminal that hung up.
        let _ = writeln!(io::stderr(), "dashboard: {e}");
    }
    runtime.shutdown_timeout(Duration::from_secs(1));
    Ok(ExitCode::SUCCESS)
}

/// Stops the server when dropped.
struct StopOnDrop(Arc<tokio::sync::Notify>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.notify_one();
    }
}

fn auth_mode(words: &[String]) -> Result<AuthMode, String> {
    match words {
        [m] if m == "open" => Ok(AuthMode::Open),
        [m, file] if m == "keys" => AuthMode::keys_from(file.as_ref()),
        [m, file] if m == "password" => AuthMode::passwords_from(file.as_ref()),
        [m] if m == "keys" || m == "password" => Err(format!("--auth {m} needs a roster FILE")),
        _ => Err(format!(
            "--auth {}: use open, keys FILE or password FILE",
            words.join(" ")
        )),
    }
}

/// SIGINT, SIGTERM and SIGHUP, caught from now on (in a tokio runtime's context).
#[cfg(unix)]
fn signals() -> Vec<(&'static str, tokio::signal::unix::Signal)> {
    use tokio::signal::unix::{SignalKind, signal};
    [
        ("SIGINT", SignalKind::interrupt()),
        ("SIGTERM", SignalKind::terminate()),
        ("SIGHUP", SignalKind::hangup()),
    ]
    .into_iter()
    .filter_map(|(name, kind)| Some((name, signal(kind).ok()?)))
    .collect()
}

#[cfg(not(unix))]
fn signals() {}

/// The name of the first of `signals` to arrive.
#[cfg(unix)]
async fn first_signal(
    mut signals: Vec<(&'static str, tokio::signal::unix::Signal)>,
) -> &'static str {
    std::future::poll_fn(|cx| {
        for (name, s) in &mut signals {
            if s.poll_recv(cx).is_ready() {
                return std::task::Poll::Ready(*name);
            }
        }
        std::task::Poll::Pending
    })
    .await
}

#[cfg(not(unix))]
async fn first_signal((): ()) -> &'static str {
    let _ = tokio::signal::ctrl_c().await;
    "Ctrl-C"
}

/// `tutor serve hash-password`: asks twice without echo in a terminal, else reads one line.
pub fn hash_password(profile: &ProfileArgs) -> io::Result<ExitCode> {
    let password = if io::stdin().is_terminal() {
        let first = ask("Password: ")?;
        if ask("Again: ")? != first {
            eprintln!("error: the two passwords differ");
            return Ok(ExitCode::FAILURE);
        }
        first
    } else {
        let mut line = String::new();
        io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    if password.is_empty() {
        eprintln!("error: empty password");
        return Ok(ExitCode::FAILURE);
    }
    let hash = ssh::auth::hash_password(&password).map_err(io::Error::other)?;
    match &profile.user {
        Some(user) => match tutor::store::valid_user(user) {
            Ok(u) => println!("{u} {hash}"),
            Err(e) => {
                eprintln!("error: {e}");
                return Ok(ExitCode::FAILURE);
            }
        },
        None => println!("{hash}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// One line typed without echo (raw mode), Backspace working; Ctrl-C or Esc gives up.
fn ask(prompt: &str) -> io::Result<String> {
    use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
    use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode};
    eprint!("{prompt}");
    io::stderr().flush()?;
    enable_raw_mode()?;
    let mut s = String::new();
    let result = loop {
        match event::read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => break Ok(s),
                KeyCode::Backspace => {
                    s.pop();
                }
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Err(io::Error::other("cancelled"));
                }
                KeyCode::Esc => break Err(io::Error::other("cancelled")),
                KeyCode::Char(c) => s.push(c),
                _ => {}
            },
            Ok(Event::Paste(p)) => s.push_str(&p),
            Ok(_) => {}
            Err(e) => break Err(e),
        }
    };
    let _ = disable_raw_mode();
    eprintln!();
    result
}
