//! Latency of a paced class on loopback: N scripted russh students (the client of
//! `tests/ssh.rs`) in a paced drill served in this process, the instructor's moves made on
//! its pacer as the dashboard makes them. Not a timed test: it prints the figures.
//!
//! ```sh
//! cargo run --release --example paced_load            # 100 students
//! cargo run --release --example paced_load -- 200     # another number
//! ```
//!
//! It measures:
//!
//! 1. `n` to the question on every student's screen: p50, p99, max over the students;
//! 2. the dashboard redrawn while the N answers arrive within about a second (each student
//!    waits a random 0 to 1 s before the key): time to read the students and draw the whole
//!    dashboard (paced panel and table) on a 120x40 buffer, p50, p99 and max per redraw;
//! 3. `r` to the feedback with the class's shares on every student's screen: p50, p99, max.
//!
//! Loopback only; every wait is bounded.

#[path = "../tests/ssh/client.rs"]
mod client;

use client::Client;
use rand::{RngExt, SeedableRng};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tutor::quiz::drill::DrillSpec;
use tutor::ssh::dashboard::{Header, View};
use tutor::ssh::limits::Limits;
use tutor::ssh::pace::{Move, Pacer};
use tutor::ssh::registry::Registry;
use tutor::ssh::{self, AuthMode, Settings, Shared, hostkey, log::Log};

const LIMIT: Duration = Duration::from_secs(60);
const WAITING: &str = "Waiting for the instructor to open the first question.";

fn settings(data: &std::path::Path, n: usize) -> Settings {
    Settings {
        course: Arc::new(tutor::course::Course::embedded().expect("course")),
        data_dir: data.to_owned(),
        auth: AuthMode::Open.into(),
        max_sessions: n + 10,
        max_per_address: n + 10,
        limits: Limits {
            max_startups: "500:30:1000".parse().expect("MaxStartups"),
            per_source: n + 10,
            queue_per_source: n + 10,
            grace: Duration::from_secs(60),
        },
        idle_timeout: None,
        drills: vec![DrillSpec {
            seed: 5,
            count: 3,
            paced: true,
            ..DrillSpec::default()
        }]
        .into(),
        retention: tutor::schedule::DEFAULT_RETENTION,
        mono: false,
    }
}

fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let i = ((sorted.len().saturating_sub(1)) as f64 * q).round() as usize;
    sorted.get(i).copied().unwrap_or_default()
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    println!(
        "{what}: p50 {} · p99 {} · max {} (n = {})",
        ms(quantile(&times, 0.5)),
        ms(quantile(&times, 0.99)),
        ms(times.last().copied().unwrap_or_default()),
        times.len()
    );
}

/// Every client's time from `start` until its screen shows `needle`, each waiting on a task
/// of its own (so one slow screen delays no other's reading).
async fn all_see(class: Vec<Client>, needle: &str, start: Instant) -> (Vec<Client>, Vec<Duration>) {
    let tasks: Vec<_> = class
        .into_iter()
        .map(|mut c| {
            let needle = needle.to_owned();
            tokio::spawn(async move {
                let seen = c
                    .wait(&needle, LIMIT, |s| s.contains(needle.as_str()))
                    .await;
                seen.unwrap_or_else(|e| panic!("{e}"));
                (c, start.elapsed())
            })
        })
        .collect();
    let mut class = Vec::new();
    let mut times = Vec::new();
    for t in tasks {
        let (c, d) = t.await.expect("task");
        class.push(c);
        times.push(d);
    }
    (class, times)
}

/// The whole dashboard drawn once: students read, the paced panel and the table.
fn redraw(t: &mut Terminal<TestBackend>, header: &Header, registry: &Registry, p: &Pacer) {
    let students = registry.students();
    let view = View {
        header,
        students: &students,
        live: registry.live(),
        confirm: false,
        pace: ssh::pace::panel(p, &students),
        notice: None,
        projector: Vec::new(),
        body: Vec::new(),
        paced: true,
    };
    t.draw(|f| f.render_widget(&view, f.area())).expect("draw");
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100);
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let settings = settings(&data, n);
    let (key, _) = hostkey::load_or_create(&data).expect("host key");
    let log = Log::file(&dir.path().join("serve.log")).expect("log");
    let registry = Arc::new(Registry::new(log, n + 10, n + 10));
    let config = Arc::new(ssh::config(key, &settings.auth.now()));
    let shared = Shared::new(settings, Arc::clone(&registry));
    let pacer = shared.pacer.clone().expect("a paced drill");
    let server = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(n + 64)
        .enable_all()
        .build()
        .expect("server runtime");
    let listen = "127.0.0.1:0".parse().expect("address");
    let running = server
        .block_on(ssh::start(listen, config, shared))
        .expect("listening");
    let port = running.local_addr().port();
    let clients = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("client runtime");
    clients.block_on(async move {
        let mut class: Vec<Client> = Vec::with_capacity(n);
        for i in 0..n {
            let mut c = Client::connect(port, &format!("s{i:03}"), 100, 40)
                .await
                .expect("connect");
            c.wait("waiting", LIMIT, |s| s.contains(WAITING))
                .await
                .expect("waiting screen");
            class.push(c);
        }
        println!("{n} students waiting");
        let start = Instant::now();
        pacer.step(Move::Next, &registry).expect("n");
        // The lead-in, not the header: the header says "Question 1 of 3" while waiting too.
        let (class, times) = all_see(class, "What is the most appropriate advice?", start).await;
        report("n to the question on screen", times);
        // The answers arrive over about a second while the dashboard redraws.
        let header = Header {
            listen: format!("127.0.0.1:{port}"),
            auth: "open".into(),
            fingerprint: String::new(),
            max_sessions: n + 10,
            drills: Vec::new(),
            log: String::new(),
            class: Vec::new(),
            reload: None,
        };
        let drawing = {
            let (registry, pacer) = (Arc::clone(&registry), Arc::clone(&pacer));
            std::thread::spawn(move || {
                let mut t = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
                let mut times = Vec::new();
                let until = Instant::now() + Duration::from_millis(1500);
                while Instant::now() < until {
                    let t0 = Instant::now();
                    redraw(&mut t, &header, &registry, &pacer);
                    times.push(t0.elapsed());
                    std::thread::sleep(Duration::from_millis(20));
                }
                times
            })
        };
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        let keys: Vec<(Duration, u8)> = (0..n)
            .map(|i| {
                (
                    Duration::from_millis(rng.random_range(0..1000)),
                    b"abcd"[i % 4],
                )
            })
            .collect();
        let answering: Vec<_> = class
            .into_iter()
            .zip(keys)
            .map(|(mut c, (think, key))| {
                tokio::spawn(async move {
                    tokio::time::sleep(think).await;
                    c.send(&[key]).await.expect("key");
                    let held = c
                        .wait("held", LIMIT, |s| s.contains("reveal the answer"))
                        .await;
                    held.unwrap_or_else(|e| panic!("{e}"));
                    c
                })
            })
            .collect();
        let mut class = Vec::new();
        for t in answering {
            class.push(t.await.expect("task"));
        }
        report(
            "dashboard redraw while answers arrive",
            drawing.join().expect("drawing"),
        );
        let start = Instant::now();
        pacer.step(Move::Reveal, &registry).expect("r");
        let class_line = format!("Class: {n} of {n} answered");
        let (_class, times) = all_see(class, &class_line, start).await;
        report("r to the feedback with the class's shares", times);
    });
    server.block_on(running.stop());
}
