//! Connections that have not logged in: silent ones from several addresses take no session
//! place and do not keep a student on another address out; the login grace time closes them
//! (silent, stuck after the key exchange, or waiting for their address's turn); RSA keys in
//! a roster are refused at start. Linux routes all of 127/8 to `lo`, so the client sockets
//! are bound to 127.0.0.2, 127.0.0.3, ... before they connect.

use super::client::{self, Client};
use super::{runtime, ssh_command, tools_available};
use crate::support::serve::Server;
use crate::support::tmux::Tmux;
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::AsyncReadExt;
use tokio::net::{TcpSocket, TcpStream};

/// Silent connections from each of the flooding addresses, and how many addresses.
const PER_ADDRESS: usize = 50;
const ADDRESSES: u8 = 5;

/// A TCP connection to the test server on 127.0.0.1 from `127.0.0.{host}`.
pub async fn connect_from(host: u8, port: u16) -> std::io::Result<TcpStream> {
    let s = TcpSocket::new_v4()?;
    s.bind(SocketAddr::from(([127, 0, 0, host], 0)))?;
    s.connect(SocketAddr::from(([127, 0, 0, 1], port))).await
}

/// Whether the server's identification line arrives on `s` within `limit`.
async fn banner(s: &mut TcpStream, limit: Duration) -> bool {
    let mut buf = [0u8; 64];
    matches!(
        tokio::time::timeout(limit, s.read(&mut buf)).await,
        Ok(Ok(n)) if n > 0 && buf.starts_with(b"SSH-2.0-")
    )
}

/// How long until the server closes `s` (reads to the end), at most `limit`.
async fn closed_after(s: &mut TcpStream, limit: Duration) -> Option<Duration> {
    let t = Instant::now();
    let mut buf = [0u8; 1024];
    let read_all = async {
        while let Ok(n) = s.read(&mut buf).await {
            if n == 0 {
                break;
            }
        }
    };
    tokio::time::timeout(limit, read_all)
        .await
        .ok()
        .map(|()| t.elapsed())
}

#[test]
fn silent_connections_from_five_addresses_leave_room_for_a_student_from_a_sixth() {
    if !tools_available() {
        return;
    }
    let mut server = Server::in_process(|_| {});
    let port = server.port;
    let rt = runtime();
    // 250 connections that never speak, 50 from each of 127.0.0.2..=6.
    let flood = rt.block_on(async {
        let mut tasks = Vec::new();
        for host in 2..2 + ADDRESSES {
            for _ in 0..PER_ADDRESS {
                tasks.push(tokio::spawn(async move {
                    let mut s = connect_from(host, port).await.expect("connect");
                    let b = banner(&mut s, Duration::from_millis(1500)).await;
                    (host, s, b)
                }));
            }
        }
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.unwrap());
        }
        out
    });
    let answered: Vec<usize> = (2..2 + ADDRESSES)
        .map(|h| flood.iter().filter(|(host, _, b)| *host == h && *b).count())
        .collect();
    eprintln!("banners per flooding address (of {PER_ADDRESS} each): {answered:?}");
    // A student from a sixth address, with the real client, while all 250 are held open.
    let t0 = Instant::now();
    let t = Tmux::run(
        100,
        30,
        &ssh_command(port, "carol", "-o BindAddress=127.0.0.9"),
    );
    let outcome = loop {
        if t.screen().contains("carol: 0 answered") {
            break Ok(t0.elapsed());
        }
        let all = t.capture_all();
        if all.contains("EXIT=") || t0.elapsed() > Duration::from_secs(15) {
            break Err(all);
        }
        std::thread::sleep(Duration::from_millis(25));
    };
    match &outcome {
        Ok(d) => eprintln!("carol from 127.0.0.9 got in after {d:?} during the flood"),
        Err(_) => eprintln!("carol from 127.0.0.9 was kept out by the flood"),
    }
    // 60 more from 127.0.0.2: 10 fill its queue (50 wait), 50 are refused, in one log line.
    let more = rt.block_on(async {
        let mut out = Vec::new();
        for _ in 0..60 {
            out.push(connect_from(2, port).await.expect("connect"));
        }
        out
    });
    let got_in = outcome.unwrap_or_else(|screen| panic!("carol was kept out:\n{screen}"));
    assert!(got_in < Duration::from_secs(5), "{got_in:?}");
    // Ten of each address are logging in; the rest wait their turn without a banner.
    assert_eq!(
        answered,
        vec![10; usize::from(ADDRESSES)],
        "{}",
        server.log()
    );
    server.wait_log("the refusals", Duration::from_secs(5), |log| {
        log.contains("refuse from=127.0.0.2").then_some(())
    });
    let log = server.log();
    let lines = log.matches("refuse from=").count();
    assert!(
        (1..=2).contains(&lines),
        "{lines} refusal lines for 50 refusals:\n{log}"
    );
    assert!(!log.contains("refuse from=127.0.0.9"), "{log}");
    // 310 connections not logged in: the lines about them have a budget too.
    let all = log.lines().count();
    eprintln!("{all} log lines for 310 connections that never spoke and carol's login");
    assert!(all < 240, "{all} lines:\n{log}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    drop((flood, more));
}

#[test]
fn the_login_grace_time_closes_connections_that_do_not_log_in() {
    let server = Server::in_process(|s| {
        s.limits.grace = Duration::from_secs(2);
        s.limits.per_source = 1;
    });
    let port = server.port;
    let rt = runtime();
    rt.block_on(async move {
        let limit = Duration::from_secs(6);
        // Silent from the start; and one from the same address, waiting for its turn.
        let mut silent = connect_from(3, port).await.unwrap();
        assert!(banner(&mut silent, Duration::from_secs(1)).await);
        let mut waiting = connect_from(3, port).await.unwrap();
        assert!(
            !banner(&mut waiting, Duration::from_millis(300)).await,
            "a second connection from the address was served at once"
        );
        // Through the key exchange, then silent.
        let stream = connect_from(4, port).await.unwrap();
        let config = Arc::new(russh::client::Config::default());
        let kex = russh::client::connect_stream(config, stream, client::Trust)
            .await
            .unwrap();
        // A student who logs in in time stays.
        let mut alice = Client::connect(port, "alice", 80, 24).await.unwrap();
        alice
            .wait("home", limit, |s| s.contains("alice: 0 answered"))
            .await
            .unwrap();
        let silent_closed = closed_after(&mut silent, limit).await;
        let waiting_closed = closed_after(&mut waiting, limit).await;
        let t = Instant::now();
        while !kex.is_closed() && t.elapsed() < limit {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        eprintln!(
            "grace 2 s: silent closed after {silent_closed:?}, waiting after {waiting_closed:?} more, after the key exchange closed: {}",
            kex.is_closed()
        );
        let silent_closed = silent_closed.expect("the silent connection was closed");
        assert!(
            silent_closed > Duration::from_millis(1000) && silent_closed < Duration::from_secs(4),
            "{silent_closed:?}"
        );
        assert!(waiting_closed.is_some(), "the waiting connection was closed");
        assert!(kex.is_closed(), "the connection after the key exchange was closed");
        // Alice, logged in for longer than the grace time, is still served.
        assert_eq!(alice.quit(limit).await, Ok(Some(0)));
    });
    let log = server.log();
    assert!(log.contains("not logged in within 2s"), "{log}");
}

#[test]
fn a_roster_with_an_rsa_key_is_refused_at_start() {
    if !tools_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("id_rsa");
    let out = Command::new("ssh-keygen")
        .args(["-q", "-t", "rsa", "-b", "1024", "-N", "", "-C", "old", "-f"])
        .arg(&key)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let rsa = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    let roster = dir.path().join("roster");
    std::fs::write(&roster, format!("# class\nbob {rsa}")).unwrap();
    // stdin at its end stops a server that did start.
    let out = Command::new("timeout")
        .arg("20")
        .arg(crate::support::bin())
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--no-dashboard",
            "--auth",
            "keys",
        ])
        .arg(&roster)
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let want = format!(
        "{}:2: RSA keys are not supported: use an Ed25519 key (ssh-keygen -t ed25519)",
        roster.display()
    );
    assert!(err.contains(&want), "{err}");
}
