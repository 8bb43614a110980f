//! `tutor serve` for one test, on loopback at any free port, with its own data directory (host
//! key, store) and log file; stopped on drop. Two ways to start it:
//!
//! - [`Server::in_process`]: the library's [`tutor::ssh::start`] on a runtime of its own in
//!   this process, which gives back the bound port; for tests that only talk to the server.
//! - [`Server::process`]: the built binary, for tests that signal or SIGKILL the server, read
//!   its process's figures, or need its own terminal; its port is read from the log, in
//!   [`port_in_log`] only.

use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tutor::quiz::drill::DrillSpec;
use tutor::ssh::limits::Limits;
use tutor::ssh::{self, AuthMode, Settings, hostkey, log::Log, registry::Registry};

/// How long a process server may take to start listening.
const STARTUP: Duration = Duration::from_secs(20);

pub struct Server {
    how: How,
    pub port: u16,
    pub dir: tempfile::TempDir,
}

enum How {
    Process(Child),
    InProcess {
        runtime: Option<tokio::runtime::Runtime>,
        running: Option<ssh::Running>,
    },
}

/// The settings `tutor serve --listen 127.0.0.1:0 --no-dashboard` has by default, with its
/// store in `data`. A test that changes `max_per_address` changes `limits.queue_per_source`
/// with it, as `--max-per-address` does.
pub fn default_settings(data: &Path) -> Settings {
    Settings {
        course: super::fixtures::embedded(),
        data_dir: data.to_owned(),
        auth: AuthMode::Open.into(),
        max_sessions: 200,
        max_per_address: 50,
        limits: Limits {
            max_startups: "100:30:200".parse().expect("MaxStartups"),
            per_source: 10,
            queue_per_source: 50,
            grace: Duration::from_secs(20),
        },
        idle_timeout: Some(Duration::from_secs(1800)),
        drills: Vec::new().into(),
        retention: tutor::schedule::DEFAULT_RETENTION,
        mono: false,
    }
}

/// The class drills of `--drill SEEDS --drill-count COUNT`.
pub fn drills(seeds: &[u64], count: usize) -> Vec<DrillSpec> {
    seeds
        .iter()
        .map(|&seed| DrillSpec {
            seed,
            count,
            lessons: Vec::new(),
            cases_only: false,
            time_limit: None,
            exam: false,
            paced: false,
        })
        .collect()
}

impl Server {
    /// The server in this process with the default settings changed by `configure`, logging
    /// to `serve.log` in its directory.
    pub fn in_process(configure: impl FnOnce(&mut Settings)) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("data");
        let mut settings = default_settings(&data);
        configure(&mut settings);
        let (key, _) = hostkey::load_or_create(&data).expect("host key");
        let log = Log::file(&dir.path().join("serve.log")).expect("log file");
        let registry = Arc::new(Registry::new(
            log,
            settings.max_sessions,
            settings.max_per_address,
        ));
        let config = Arc::new(ssh::config(key, &settings.auth.now()));
        let blocking = settings.max_sessions + 64;
        let shared = ssh::Shared::new(settings, registry);
        // As `tutor serve` builds it: store writes run in block_in_place.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .max_blocking_threads(blocking)
            .enable_all()
            .build()
            .expect("runtime");
        let listen = "127.0.0.1:0".parse().expect("address");
        let running = runtime
            .block_on(ssh::start(listen, config, shared))
            .expect("the server listens");
        Server {
            port: running.local_addr().port(),
            how: How::InProcess {
                runtime: Some(runtime),
                running: Some(running),
            },
            dir,
        }
    }

    /// `tutor serve --listen 127.0.0.1:0 --no-dashboard [extra]` with stdin at its end, once
    /// it logged that it listens.
    pub fn process(extra: &[&str]) -> Server {
        Server::process_in(tempfile::tempdir().expect("temp dir"), extra)
    }

    /// [`Server::process`] in `dir` (its store in `dir/data`), which may hold an earlier
    /// server's store: a server started again after a crash.
    pub fn process_in(dir: tempfile::TempDir, extra: &[&str]) -> Server {
        let mut args = vec!["--no-dashboard"];
        args.extend_from_slice(extra);
        Server::spawn(dir, Stdio::null(), &args)
    }

    /// `tutor serve --listen 127.0.0.1:0 [args]` with `stdin`, stdout and stderr not a
    /// terminal (so no dashboard), once it logged that it listens.
    pub fn spawn(dir: tempfile::TempDir, stdin: Stdio, args: &[&str]) -> Server {
        let log = dir.path().join("serve.log");
        let child = super::tutor()
            .args(["serve", "--listen", "127.0.0.1:0"])
            .arg("--data-dir")
            .arg(dir.path().join("data"))
            .arg("--log")
            .arg(&log)
            .args(args)
            .env("TUTOR_CACHE_DIR", dir.path().join("cache"))
            .stdin(stdin)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tutor serve starts");
        let mut s = Server {
            how: How::Process(child),
            port: 0,
            dir,
        };
        s.port = s.wait_log("the listening line", STARTUP, port_in_log);
        s
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("serve.log")).unwrap_or_default()
    }

    /// Whether it stopped: its process exited, or it stopped serving.
    fn stopped(&mut self) -> Option<String> {
        match &mut self.how {
            How::Process(child) => child
                .try_wait()
                .ok()
                .flatten()
                .map(|status| format!("exited ({status})")),
            How::InProcess { running, .. } => running
                .as_ref()
                .is_none_or(ssh::Running::is_finished)
                .then(|| "stopped serving".to_owned()),
        }
    }

    /// Polls the log until `found` returns something, or panics after `limit` with the log.
    pub fn wait_log<T>(
        &mut self,
        what: &str,
        limit: Duration,
        found: impl Fn(&str) -> Option<T>,
    ) -> T {
        let deadline = Instant::now() + limit;
        loop {
            let log = self.log();
            if let Some(t) = found(&log) {
                return t;
            }
            if let Some(how) = self.stopped() {
                panic!("tutor serve {how} before {what}; log:\n{log}");
            }
            assert!(
                Instant::now() < deadline,
                "timed out after {limit:?} waiting for {what}; log:\n{log}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The server's count of live connections, from its latest connect/disconnect line.
    pub fn sessions(&self) -> usize {
        sessions_in(&self.log())
    }

    /// Every stored answer of `user`.
    pub fn attempts(&self, user: &str) -> Vec<tutor::store::Attempt> {
        attempts(&self.data_dir(), user)
    }

    fn child(&mut self) -> &mut Child {
        match &mut self.how {
            How::Process(child) => child,
            How::InProcess { .. } => panic!("a server in this process has no process"),
        }
    }

    pub fn pid(&self) -> u32 {
        match &self.how {
            How::Process(child) => child.id(),
            How::InProcess { .. } => panic!("a server in this process has no process"),
        }
    }

    /// The server process's stdin, if it was started with a pipe.
    pub fn take_stdin(&mut self) -> Option<ChildStdin> {
        self.child().stdin.take()
    }

    /// Whether the server process is still running.
    pub fn running(&mut self) -> bool {
        matches!(self.child().try_wait(), Ok(None))
    }

    /// Sends the server process `sig` (`TERM`, `HUP`, ...) with the shell's `kill`.
    pub fn signal(&self, sig: &str) {
        let pid = self.pid();
        let status = Command::new("sh")
            .args(["-c", &format!("kill -{sig} {pid}")])
            .status()
            .expect("sh runs");
        assert!(status.success(), "kill -{sig} {pid}");
    }

    /// The server process's exit status, and how long it took to come; panics after `limit`.
    pub fn wait_exit(&mut self, limit: Duration) -> (ExitStatus, Duration) {
        let t = Instant::now();
        loop {
            if let Some(status) = self.child().try_wait().expect("wait") {
                return (status, t.elapsed());
            }
            assert!(
                t.elapsed() < limit,
                "tutor serve still running after {limit:?}; log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGKILLs the server process and gives back its directory, to start another in.
    pub fn kill(mut self) -> tempfile::TempDir {
        self.stop();
        let placeholder = tempfile::tempdir().expect("temp dir");
        std::mem::replace(&mut self.dir, placeholder)
    }

    /// Kills the process, or drops the in-process server's runtime with every task on it
    /// (its connections close as when a process dies).
    fn stop(&mut self) {
        match &mut self.how {
            How::Process(child) => {
                let _ = child.kill();
                let _ = child.wait();
            }
            How::InProcess { runtime, running } => {
                drop(running.take());
                if let Some(rt) = runtime.take() {
                    rt.shutdown_timeout(Duration::from_secs(1));
                }
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The port in the server's "listening on ADDR:PORT" log line: the one place a port is read
/// from a log.
pub fn port_in_log(log: &str) -> Option<u16> {
    log.lines()
        .rfind(|l| l.contains(" listening on "))?
        .split(" listening on ")
        .nth(1)?
        .split_whitespace()
        .next()?
        .rsplit(':')
        .next()?
        .parse()
        .ok()
}

/// Waits up to `limit` for the listening line in the log file at `log`; the port.
pub fn wait_for_port(log: &Path, limit: Duration) -> u16 {
    let deadline = Instant::now() + limit;
    loop {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        if let Some(p) = port_in_log(&text) {
            return p;
        }
        assert!(Instant::now() < deadline, "no listening line:\n{text}");
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// The count of live connections in the latest connect/disconnect line of `log`.
pub fn sessions_in(log: &str) -> usize {
    log.lines()
        .rev()
        .find_map(|l| l.split(" sessions=").nth(1))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// Every stored answer of `user` in the store of `data`.
pub fn attempts(data: &Path, user: &str) -> Vec<tutor::store::Attempt> {
    let opened = tutor::store::Store::open(data, 0).expect("store opens");
    opened
        .store
        .attempts(Some(user), None)
        .expect("attempts read")
}
