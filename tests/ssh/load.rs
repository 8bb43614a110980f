//! Load: 100 scripted sessions at once, each answering a 20-question drill, every answer
//! stored; then 20 real `ssh` clients killed mid-question leave no session behind.

use super::client::{self, Client};
use super::tools_available;
use crate::support::serve::{self, Server, drills};
use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const SESSIONS: usize = 100;
const QUESTIONS: usize = 20;
const KILLED: usize = 20;
const STEP: Duration = Duration::from_secs(60);

#[test]
fn hundred_sessions_answer_twenty_questions_and_killed_clients_leave_nothing() {
    if !tools_available() {
        return;
    }
    let mut server = Server::in_process(|s| {
        s.max_sessions = 200;
        // `--max-per-address 200`: sessions and connections waiting to log in alike.
        s.max_per_address = 200;
        s.limits.queue_per_source = 200;
        s.drills = drills(&[7], 20).into();
    });
    let port = server.port;
    let started = Instant::now();
    let rt = super::runtime();
    let results = rt.block_on(async move {
        let barrier = Arc::new(tokio::sync::Barrier::new(SESSIONS));
        let tasks: Vec<_> = (0..SESSIONS)
            .map(|i| {
                let barrier = Arc::clone(&barrier);
                tokio::spawn(async move {
                    let user = format!("load{i:03}");
                    let c = Client::connect(port, &user, 100, 30).await;
                    let mut c = match c {
                        Ok(c) => c,
                        Err(e) => {
                            barrier.wait().await;
                            return Err(e);
                        }
                    };
                    let first = c
                        .wait("the drill", STEP, |s| s.contains("Question 1 of 20"))
                        .await;
                    // Everyone is connected before anyone answers.
                    barrier.wait().await;
                    first?;
                    c.answer(QUESTIONS, STEP).await?;
                    c.quit(STEP).await?;
                    Ok::<_, String>(())
                })
            })
            .collect();
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.unwrap_or_else(|e| Err(e.to_string())));
        }
        out
    });
    let failed: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(
        failed.is_empty(),
        "{} sessions failed, e.g.:\n{}",
        failed.len(),
        failed[0]
    );
    let log = server.log();
    assert!(
        log.contains(&format!("sessions={SESSIONS}")),
        "never {SESSIONS} at once"
    );
    for i in 0..SESSIONS {
        let user = format!("load{i:03}");
        let stored = server.attempts(&user);
        assert_eq!(
            stored.len(),
            QUESTIONS,
            "{user}: {} answers stored",
            stored.len()
        );
        assert!(stored.iter().all(|a| a.user == user && a.drill.is_some()));
    }
    eprintln!(
        "{SESSIONS} sessions x {QUESTIONS} answers in {:?}",
        started.elapsed()
    );

    // Real clients killed while a question is on screen.
    let mut clients: Vec<(Child, Arc<Mutex<vt100::Parser>>)> = (0..KILLED)
        .map(|i| ssh_process(port, &format!("kill{i:02}")))
        .collect();
    let deadline = Instant::now() + STEP;
    for (_, screen) in &clients {
        while !screen
            .lock()
            .unwrap()
            .screen()
            .contents()
            .contains("Question 1 of 20")
        {
            assert!(
                Instant::now() < deadline,
                "a killed client never saw its question"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    assert_eq!(server.sessions(), KILLED, "{}", server.log());
    for (child, _) in &mut clients {
        child.kill().unwrap();
        child.wait().unwrap();
    }
    let killed_at = Instant::now();
    server.wait_log("no session left", Duration::from_secs(30), |log| {
        (client_count(log) == 0).then_some(())
    });
    eprintln!(
        "{KILLED} killed clients reaped in {:?}",
        killed_at.elapsed()
    );
}

fn client_count(log: &str) -> usize {
    serve::sessions_in(log)
}

/// A client SIGKILLed on a screen that never changes by itself (home: no timer, no drill)
/// sends no channel close; its session still ends at once, so the dashboard stops listing
/// the student and a reconnect is not a takeover. It used to wait for the next redraw.
#[test]
fn a_client_killed_on_a_still_screen_ends_its_session_at_once() {
    let mut server = Server::in_process(|_| {});
    let (mut child, screen) = ssh_process(server.port, "still");
    let deadline = Instant::now() + STEP;
    while !screen
        .lock()
        .unwrap()
        .screen()
        .contents()
        .contains("Lessons")
    {
        assert!(Instant::now() < deadline, "no home screen");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    server.wait_log(
        "the killed client's session end",
        Duration::from_secs(5),
        |log| {
            log.lines()
                .any(|l| l.contains("session end id=1 user=") && l.ends_with(": Gone"))
                .then_some(())
        },
    );
}

/// `ssh -tt` as `user` with piped stdin (kept open) and its output in a terminal emulator.
fn ssh_process(port: u16, user: &str) -> (Child, Arc<Mutex<vt100::Parser>>) {
    let mut child = Command::new("ssh")
        .args(["-tt", "-p", &port.to_string()])
        .args(super::SSH_OPTIONS)
        .args(["-o", "LogLevel=ERROR", "-l", user, "127.0.0.1"])
        .env_remove("SSH_AUTH_SOCK")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("ssh runs");
    let screen = Arc::new(Mutex::new(client::terminal(80, 24)));
    let mut out = child.stdout.take().unwrap();
    let sink = Arc::clone(&screen);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().process(&buf[..n]);
        }
    });
    (child, screen)
}
