//! A `tutor serve` process for one test: loopback only, any free port, its own data
//! directory (host key, store) and log file; killed on drop.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Server {
    child: Child,
    pub port: u16,
    pub dir: tempfile::TempDir,
}

impl Server {
    /// Starts `tutor serve --listen 127.0.0.1:0 [extra]` and waits for its "listening" line.
    pub fn start(extra: &[&str]) -> Server {
        Server::start_in(tempfile::tempdir().expect("temp dir"), extra)
    }

    /// [`Server::start`] in `dir` (its store in `dir/data`), which may hold an earlier
    /// server's store: a server started again after a crash.
    pub fn start_in(dir: tempfile::TempDir, extra: &[&str]) -> Server {
        let data = dir.path().join("data");
        let log = dir.path().join("serve.log");
        let child = Command::new(env!("CARGO_BIN_EXE_tutor"))
            .args(["serve", "--listen", "127.0.0.1:0", "--no-dashboard"])
            .arg("--data-dir")
            .arg(&data)
            .arg("--log")
            .arg(&log)
            .args(extra)
            .env("TUTOR_CACHE_DIR", dir.path().join("cache"))
            .env_remove("NO_COLOR")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tutor serve starts");
        let mut s = Server {
            child,
            port: 0,
            dir,
        };
        let line = s.wait_log("the listening line", Duration::from_secs(20), |log| {
            log.lines()
                .rfind(|l| l.contains(" listening on "))
                .map(str::to_owned)
        });
        let addr = line
            .split(" listening on ")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .expect("address in the listening line");
        s.port = addr.rsplit(':').next().unwrap().parse().expect("port");
        s
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("serve.log")).unwrap_or_default()
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
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("tutor serve exited ({status}) before {what}; log:\n{log}");
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
}

pub fn sessions_in(log: &str) -> usize {
    log.lines()
        .rev()
        .find_map(|l| l.split(" sessions=").nth(1))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

pub fn attempts(data: &Path, user: &str) -> Vec<tutor::store::Attempt> {
    let opened = tutor::store::Store::open(data, 0).expect("store opens");
    opened
        .store
        .attempts(Some(user), None)
        .expect("attempts read")
}

impl Server {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILLs the server and gives back its directory, to start another in.
    pub fn kill(mut self) -> tempfile::TempDir {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let placeholder = tempfile::tempdir().expect("temp dir");
        std::mem::replace(&mut self.dir, placeholder)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
