//! Load and latency figures of `tutor serve` on loopback, with scripted russh clients (the
//! same client as `tests/ssh.rs`). Not a timed test: it prints the figures.
//!
//! ```sh
//! cargo build --release --bin tutor
//! cargo run --release --example ssh_load              # 100 sessions
//! cargo run --release --example ssh_load -- 200       # another number of sessions
//! ```
//!
//! It starts `target/release/tutor serve --listen 127.0.0.1:0` (or `$TUTOR_BIN`) on a fresh
//! data directory, then measures:
//!
//! 1. first frame for one client: from the TCP connect to the complete home screen (login,
//!    pty, shell, store opened, first draw), median of 10 sessions one after another;
//! 2. memory: the server's VmRSS (/proc) idle, then with N sessions at home; per session is
//!    the difference over N;
//! 3. first frame with N clients connecting at once: median and p90 of their times;
//! 4. key press to redraw with N active sessions: all open the practice quiz and answer
//!    10 questions (a key, then Enter to go on), each waiting 0.25 to 0.75 s before a key as
//!    a person would (about 200 keys a second in all for 100); time from sending a key to
//!    the screen showing its effect, p50 and p99 over every key;
//! 5. saturation: the same with no waiting, every session keying flat out: keys per second
//!    and latency (which then only measures the queue: N sessions share 2 cores and one
//!    store, whose writes are synced to disk one at a time).
//!
//! Linux only (/proc). Loopback only; every loop is bounded in count and time.

#[path = "../tests/ssh/client.rs"]
mod client;

use client::Client;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(120);
const HOME: &str = "Review";

struct Server {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(bin: &PathBuf, sessions: usize) -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("serve.log");
    let cap = (sessions + 10).to_string();
    let child = Command::new(bin)
        .args(["serve", "--listen", "127.0.0.1:0", "--no-dashboard"])
        .args(["--max-sessions", &cap, "--max-per-address", &cap])
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .arg("--log")
        .arg(&log)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e} (build it: cargo build --release)", bin.display()));
    let deadline = Instant::now() + Duration::from_secs(20);
    let port = loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        let port = text
            .lines()
            .find_map(|l| l.split(" listening on ").nth(1))
            .and_then(|r| r.split_whitespace().next())
            .and_then(|a| a.rsplit(':').next())
            .and_then(|p| p.parse().ok());
        if let Some(p) = port {
            break p;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not start:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    Server {
        child,
        port,
        _dir: dir,
    }
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Connects as `user` and waits for the whole home screen; the client and the time taken.
async fn first_frame(port: u16, user: String) -> Result<(Client, Duration), String> {
    let t = Instant::now();
    let mut c = Client::connect(port, &user, 100, 30).await?;
    c.wait("home", LIMIT, |s| {
        s.contains(HOME) && s.contains("answered")
    })
    .await?;
    Ok((c, t.elapsed()))
}

fn quantile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100);
    let bin = std::env::var_os("TUTOR_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/tutor"),
        PathBuf::from,
    );
    let server = start(&bin, n);
    let pid = server.child.id();
    let port = server.port;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let idle = rss_kib(pid);

    // 1. One client at a time.
    let mut singles = Vec::new();
    for i in 0..10 {
        let (c, t) = first_frame(port, format!("solo{i}"))
            .await
            .expect("first frame");
        singles.push(t);
        let _ = c.quit(LIMIT).await;
    }
    singles.sort();

    // 2 and 3. N at once.
    let tasks: Vec<_> = (0..n)
        .map(|i| tokio::spawn(first_frame(port, format!("user{i:04}"))))
        .collect();
    let mut clients = Vec::new();
    let mut frames = Vec::new();
    for t in tasks {
        let (c, d) = t.await.expect("task").expect("first frame");
        clients.push(c);
        frames.push(d);
    }
    frames.sort();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let busy = rss_kib(pid);

    // 4. Everyone answers, at a person's pace: 0.25 to 0.75 s of thought before each key
    //    (about 2 keys a second per student; 200 a second for 100).
    let paced = answer_all(clients, true).await;
    let peak = rss_kib(pid);

    // 5. Saturation: everyone again, each key sent the moment the last one is drawn.
    let tasks: Vec<_> = (0..n)
        .map(|i| tokio::spawn(first_frame(port, format!("user{i:04}"))))
        .collect();
    let mut clients = Vec::new();
    for t in tasks {
        clients.push(t.await.expect("task").expect("first frame").0);
    }
    let t = Instant::now();
    let flat = answer_all(clients, false).await;
    let rate = flat.len() as f64 / t.elapsed().as_secs_f64();

    println!("tutor serve on 127.0.0.1, {n} sessions ({})", bin.display());
    println!(
        "first frame, one client:        median {} (min {}, max {}; 10 runs)",
        ms(quantile(&singles, 0.5)),
        ms(singles[0]),
        ms(singles[singles.len() - 1])
    );
    println!(
        "first frame, {n} at once:        median {}, p90 {}, max {}",
        ms(quantile(&frames, 0.5)),
        ms(quantile(&frames, 0.9)),
        ms(frames[frames.len() - 1])
    );
    println!(
        "memory (VmRSS):                 idle {} KiB, {n} sessions {} KiB: {:.0} KiB per session (peak after answering {} KiB)",
        idle,
        busy,
        busy.saturating_sub(idle) as f64 / n as f64,
        peak
    );
    println!(
        "key press to redraw, {n} active: p50 {}, p99 {}, max {} ({} keys, 0.25-0.75 s apart per session)",
        ms(quantile(&paced, 0.5)),
        ms(quantile(&paced, 0.99)),
        ms(paced[paced.len() - 1]),
        paced.len()
    );
    println!(
        "saturation, {n} sessions keying flat out: {rate:.0} keys/s, p50 {}, p99 {}",
        ms(quantile(&flat, 0.5)),
        ms(quantile(&flat, 0.99))
    );
}

/// Every client opens the practice quiz and answers its 10 questions (with think time when
/// `paced`), then quits; every key's latency, sorted.
async fn answer_all(clients: Vec<Client>, paced: bool) -> Vec<Duration> {
    let think = move || {
        if paced {
            Duration::from_millis(rand::random_range(250..750))
        } else {
            Duration::ZERO
        }
    };
    let tasks: Vec<_> = clients
        .into_iter()
        .map(|mut c| {
            tokio::spawn(async move {
                tokio::time::sleep(think()).await;
                let t = Instant::now();
                c.send(b"j\r").await?;
                c.wait("quiz", LIMIT, |s| s.contains("Question 1 of 10"))
                    .await?;
                let mut lat = vec![t.elapsed()];
                lat.extend(c.answer_paced(10, LIMIT, think).await?);
                let _ = c.quit(LIMIT).await;
                Ok::<_, String>(lat)
            })
        })
        .collect();
    let mut keys = Vec::new();
    for t in tasks {
        keys.extend(t.await.expect("task").expect("answers"));
    }
    keys.sort();
    keys
}
