//! The back-off after failed logins is kept per (address, name): guessing bob's password
//! from one address stays slow while alice logs in correctly from the same address (a NAT)
//! between the guesses, and alice is never held up by more than a second by the failures of
//! others. The roster's hashes are cheap Argon2id (a debug build is slow at the real cost),
//! so the figures are the back-off's, not the hashing's. Each run prints them.

use super::client::Trust;
use super::preauth::connect_from;
use crate::support::serve::Server;
use argon2::password_hash::PasswordHasher;
use argon2::{Algorithm, Argon2, Params, Version};
use russh::client::{self, Handle};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The shared address (127.0.0.7), how long bob's password is guessed, and how often alice
/// logs in meanwhile.
const NAT: u8 = 7;
const GUESSING: Duration = Duration::from_secs(8);
const ALICE_EVERY: Duration = Duration::from_millis(500);
/// Parallel connections guessing.
const GUESSERS: usize = 6;
const ALICE: &str = "alice's password";

fn cheap_hash(password: &str) -> String {
    let params = Params::new(64, 1, 1, None).unwrap();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_with_salt(password.as_bytes(), b"somesaltsomesalt")
        .unwrap()
        .to_string()
}

async fn ssh_from(host: u8, port: u16) -> Result<Handle<Trust>, String> {
    let stream = connect_from(host, port).await.map_err(|e| e.to_string())?;
    let config = Arc::new(client::Config::default());
    client::connect_stream(config, stream, Trust)
        .await
        .map_err(|e| e.to_string())
}

/// How long alice's correct password took to be accepted, from `host` (error: refused or
/// longer than `limit`).
async fn alice_login(host: u8, port: u16, limit: Duration) -> Result<Duration, String> {
    let mut h = ssh_from(host, port).await?;
    let t = Instant::now();
    let ok = tokio::time::timeout(limit, h.authenticate_password("alice", ALICE))
        .await
        .map_err(|_| format!("alice waited more than {limit:?}"))?
        .map_err(|e| e.to_string())?
        .success();
    let took = t.elapsed();
    let _ = h.disconnect(russh::Disconnect::ByApplication, "", "").await;
    if ok {
        Ok(took)
    } else {
        Err("alice's correct password was refused".into())
    }
}

/// Up to 3 wrong passwords for `user` on one connection from `host`, until `deadline`.
async fn guess(host: u8, port: u16, user: &str, deadline: tokio::time::Instant) {
    let Ok(mut h) = ssh_from(host, port).await else {
        return;
    };
    for i in 0..3 {
        let attempt = h.authenticate_password(user, format!("guess {i}"));
        match tokio::time::timeout_at(deadline, attempt).await {
            Ok(Ok(r)) if !r.success() => {}
            _ => break,
        }
    }
}

/// Guesses the server checked for `user`: log lines of a wrong password.
fn checked(log: &str, user: &str) -> usize {
    let who = format!("auth fail user=\"{user}\" method=password");
    log.lines()
        .filter(|l| l.contains(&who) && l.contains("wrong password"))
        .count()
}

#[test]
fn guessing_bobs_password_stays_slow_and_never_holds_up_alice() {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("passwords");
    let mut lines = format!("alice {}\n", cheap_hash(ALICE));
    for name in ["bob", "carol", "dave", "erin", "frank"] {
        lines.push_str(&format!("{name} {}\n", cheap_hash(&format!("{name} pw"))));
    }
    std::fs::write(&roster, lines).unwrap();
    let server = Server::in_process(|s| {
        s.auth = tutor::ssh::AuthMode::passwords_from(&roster)
            .unwrap()
            .into()
    });
    let port = server.port;
    let rt = super::runtime();
    let baseline = rt
        .block_on(alice_login(9, port, Duration::from_secs(10)))
        .unwrap();
    // Bob's password guessed from the NAT's address in parallel connections, while alice
    // logs in correctly from the same address every half second.
    let alice_times = Arc::new(Mutex::new(Vec::new()));
    let times = Arc::clone(&alice_times);
    rt.block_on(async move {
        let deadline = tokio::time::Instant::now() + GUESSING;
        let mut tasks = Vec::new();
        for _ in 0..GUESSERS {
            tasks.push(tokio::spawn(async move {
                while tokio::time::Instant::now() < deadline {
                    guess(NAT, port, "bob", deadline).await;
                }
            }));
        }
        tasks.push(tokio::spawn(async move {
            while tokio::time::Instant::now() + ALICE_EVERY < deadline {
                let r = alice_login(NAT, port, Duration::from_secs(5)).await;
                times.lock().unwrap().push(r);
                tokio::time::sleep(ALICE_EVERY).await;
            }
        }));
        for t in tasks {
            t.await.unwrap();
        }
    });
    let bob = checked(&server.log(), "bob");
    let rate = bob as f64 / GUESSING.as_secs_f64();
    // Then other names fail from the same address (12 failures: over its budget), and
    // alice logs in once more.
    let after_spray = rt.block_on(async move {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        let tasks: Vec<_> = ["carol", "dave", "erin", "frank"]
            .into_iter()
            .map(|name| tokio::spawn(guess(NAT, port, name, deadline)))
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        alice_login(NAT, port, Duration::from_secs(5)).await
    });
    let alice_times = alice_times.lock().unwrap().clone();
    let slowest = alice_times
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .max()
        .copied();
    let log = server.log();
    eprintln!(
        "bob: {bob} guesses checked in {GUESSING:?} from {GUESSERS} connections ({rate:.2}/s) while alice logged in {} times from the same address; alice's login: {baseline:?} from another address, slowest {slowest:?} during the guessing, {after_spray:?} after 12 more failures of other names",
        alice_times.len()
    );
    for r in &alice_times {
        assert!(r.is_ok(), "{r:?}");
    }
    assert!(alice_times.len() >= 5, "{alice_times:?}");
    assert!(rate <= 1.0, "bob: {rate:.2} guesses/s:\n{log}");
    // The delay others' failures add is what is bounded: a login's own time (the baseline,
    // from another address in the same run) grows on a loaded machine.
    let added = |t: Duration| t.saturating_sub(baseline);
    let slowest = slowest.unwrap();
    assert!(
        added(slowest) < Duration::from_secs(1),
        "alice waited {slowest:?} (baseline {baseline:?})"
    );
    let after_spray = after_spray.unwrap_or_else(|e| panic!("{e}\n{log}"));
    assert!(
        added(after_spray) < Duration::from_secs(1),
        "alice waited {after_spray:?} (baseline {baseline:?})"
    );
    assert!(
        checked(&log, "carol") + checked(&log, "frank") >= 6,
        "{log}"
    );
}
