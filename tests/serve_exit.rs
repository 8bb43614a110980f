//! `tutor serve` stops cleanly (exit status 0, every connected student told, each session's
//! store closed, the terminal restored) however it is asked to: its stdin ending, SIGTERM,
//! SIGINT, or the dashboard's terminal hanging up; with the dashboard (in a tmux pane) and
//! without, with a student connected. SIGHUP reloads instead, and stops nothing. Loopback
//! only; every wait is bounded.
//!
//! The tests with a dashboard need `tmux`; without it they say so and pass, unless
//! `TUTOR_REQUIRE_PTY` is set (as CI does).

use crate::ssh::{client, runtime};
use crate::support::serve::{Server, wait_for_port};
use crate::support::tmux::{self, Tmux, sh_quote};

use client::Client;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a stop may take (sessions get 3 s to say goodbye), and any other wait.
const LIMIT: Duration = Duration::from_secs(15);
const SHUTDOWN: &str = "the server is shutting down; your progress is saved";

/// `tutor serve` as a child of the test: stdout and stderr not a terminal (no dashboard).
fn serve(stdin: Stdio, extra: &[&str]) -> Server {
    Server::spawn(tempfile::tempdir().unwrap(), stdin, extra)
}

/// alice, connected and on the home screen.
async fn student(port: u16) -> Client {
    let mut c = Client::connect(port, "alice", 100, 30).await.unwrap();
    c.wait("the home screen", LIMIT, |s| s.contains("Lessons"))
        .await
        .unwrap();
    c
}

/// Waits for the shutdown message and the channel's close; the exit status sent.
async fn told(mut c: Client) -> Option<u32> {
    c.wait("the shutdown message", LIMIT, |s| s.contains(SHUTDOWN))
        .await
        .unwrap();
    let _ = c.wait("the channel to close", LIMIT, |_| false).await;
    assert!(c.closed, "the channel stayed open:\n{}", c.screen());
    c.exit
}

#[test]
fn closing_stdin_stops_the_server_and_tells_the_student() {
    let rt = runtime();
    let mut server = serve(Stdio::piped(), &[]);
    let c = rt.block_on(student(server.port));
    // Some input first, which is read and ignored, then the end of it.
    let mut stdin = server.take_stdin().unwrap();
    stdin.write_all(b"q\n").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert!(server.running(), "stopped on input");
    drop(stdin);
    let exit = rt.block_on(told(c));
    let (status, took) = server.wait_exit(LIMIT);
    assert!(status.success(), "{status}");
    assert_eq!(exit, Some(1));
    let log = server.log();
    assert!(
        log.contains("stdin closed") && log.contains("session end id=1 user=\"alice\": Shutdown"),
        "{log}"
    );
    eprintln!("stopped {took:?} after stdin closed");
}

#[test]
fn stdin_at_its_end_from_the_start_stops_the_server_but_not_with_no_dashboard() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("serve.log");
    let mut child = crate::support::tutor()
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path().join("data"))
        .arg("--log")
        .arg(&log)
        .env("TUTOR_CACHE_DIR", dir.path().join("cache"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let t = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if t.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("still running with stdin at its end after {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status}");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("stdin closed") && text.contains("stopped"),
        "{text}"
    );
    // --no-dashboard (a service, nohup): only a signal stops it.
    let mut server = serve(Stdio::null(), &["--no-dashboard"]);
    std::thread::sleep(Duration::from_millis(500));
    assert!(server.running(), "{}", server.log());
    server.signal("TERM");
    assert!(server.wait_exit(LIMIT).0.success());
}

/// `sig` stops the server with alice connected: with the dashboard, after the instructor
/// typed half an escape sequence (Alt+[); then without it (stdin a pipe left open).
fn a_signal_stops_the_server(sig: &str) {
    let rt = runtime();
    if tmux::available() {
        // Kept whole to the end: dropping it stops the server and removes its directory.
        let d = dashboard(120);
        let (board, data, log) = (&d.board, &d.data, &d.log);
        let c = rt.block_on(student(wait_for_port(log, LIMIT)));
        board.wait_for("1/200 sessions");
        board.keys(&["M-["]);
        let pids = server_pids(data);
        assert_eq!(pids.len(), 1, "{pids:?}");
        let t = Instant::now();
        let status = Command::new("sh")
            .args(["-c", &format!("kill -{sig} {}", pids[0])])
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(rt.block_on(told(c)), Some(1));
        assert_eq!(board.wait_exit(), 0, "{}", board.capture_all());
        eprintln!("dashboard: stopped {:?} after SIG{sig}", t.elapsed());
        let screen = board.screen();
        assert!(
            !screen.contains("q: stop the server"),
            "not restored:\n{screen}"
        );
        let text = std::fs::read_to_string(log).unwrap();
        assert!(text.contains(&format!("SIG{sig} received")), "{text}");
    }

    let mut server = serve(Stdio::piped(), &[]);
    let c = rt.block_on(student(server.port));
    server.signal(sig);
    assert_eq!(rt.block_on(told(c)), Some(1));
    let (status, took) = server.wait_exit(LIMIT);
    assert!(status.success(), "{status}");
    eprintln!("no dashboard: stopped {took:?} after SIG{sig}");
    assert!(server.log().contains(&format!("SIG{sig} received")));
}

#[test]
fn sigterm_stops_the_server_and_tells_the_student() {
    a_signal_stops_the_server("TERM");
}

/// SIGHUP reloads and stops nothing: with the dashboard, which shows the reload, and
/// without; alice stays connected and can go on. SIGTERM then stops as ever.
#[test]
fn sighup_reloads_and_stops_neither_the_server_nor_the_student() {
    let rt = runtime();
    if tmux::available() {
        // Kept whole to the end: dropping it stops the server and removes its directory.
        let d = dashboard(160);
        let (board, data, log) = (&d.board, &d.data, &d.log);
        let mut c = rt.block_on(student(wait_for_port(log, LIMIT)));
        board.wait_for("1/200 sessions");
        let pids = server_pids(data);
        assert_eq!(pids.len(), 1, "{pids:?}");
        let kill = |sig: &str| {
            let cmd = format!("kill -{sig} {}", pids[0]);
            assert!(
                Command::new("sh")
                    .args(["-c", &cmd])
                    .status()
                    .unwrap()
                    .success()
            );
        };
        kill("HUP");
        board.wait_for("reloaded: roster 0 names, drills none");
        rt.block_on(still_there(&mut c));
        assert!(
            board.screen().contains("1/200 sessions"),
            "{}",
            board.screen()
        );
        kill("TERM");
        assert_eq!(rt.block_on(told(c)), Some(1));
        assert_eq!(board.wait_exit(), 0, "{}", board.capture_all());
    }
    let mut server = serve(Stdio::piped(), &[]);
    let mut c = rt.block_on(student(server.port));
    server.signal("HUP");
    server.wait_log("the reload", LIMIT, |l| {
        l.contains("SIGHUP received: reloaded roster (0 names) and drills (none)")
            .then_some(())
    });
    rt.block_on(still_there(&mut c));
    assert!(server.running(), "{}", server.log());
    // The listening line gives the pid to send it to.
    assert!(server.log().contains(&format!("pid={}\n", server.pid())));
    server.signal("TERM");
    assert_eq!(rt.block_on(told(c)), Some(1));
    assert!(server.wait_exit(LIMIT).0.success());
}

/// alice's session answers a key after a reload: `j` moves the home menu's selection.
async fn still_there(c: &mut Client) {
    c.send(b"j").await.unwrap();
    c.wait("the selection moved after the reload", LIMIT, |s| {
        s.contains("▸ Practice quiz")
    })
    .await
    .unwrap();
    assert!(!c.closed, "{}", c.screen());
}

#[test]
fn sigint_stops_the_server_and_tells_the_student() {
    a_signal_stops_the_server("INT");
}

/// The `tutor` processes (not zombies) whose command line has `data` as an argument.
fn server_pids(data: &Path) -> Vec<u32> {
    let want = data.as_os_str().as_encoded_bytes();
    let bin = crate::support::bin();
    let bin = bin.as_encoded_bytes();
    let mut pids = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
            continue;
        };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let args: Vec<&[u8]> = cmdline.split(|&b| b == 0).collect();
        if args.first() == Some(&bin) && args.contains(&want) {
            pids.push(pid);
        }
    }
    pids
}

/// Kills what is left of a server on `data` (a failed test must not leave one spinning).
/// `tutor serve` with its dashboard in a tmux pane `width` wide, no one connected yet; the
/// server is SIGKILLed when this is dropped, whatever the test did.
struct Dashboard {
    board: Tmux,
    data: std::path::PathBuf,
    log: std::path::PathBuf,
    _cleanup: KillOnDrop,
    _dir: tempfile::TempDir,
}

fn dashboard(width: u16) -> Dashboard {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let log = dir.path().join("serve.log");
    let serve = format!(
        "{} serve --listen 127.0.0.1:0 --data-dir {} --log {}",
        crate::support::bin_quoted(),
        sh_quote(&data.display().to_string()),
        sh_quote(&log.display().to_string())
    );
    let board = Tmux::run(width, 20, &serve);
    board.wait_for("0/200 sessions");
    Dashboard {
        board,
        _cleanup: KillOnDrop(data.clone()),
        data,
        log,
        _dir: dir,
    }
}

struct KillOnDrop(std::path::PathBuf);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        for pid in server_pids(&self.0) {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
    }
}

/// Waits until no `tutor` process serves `data`; how long that took.
fn wait_gone(data: &Path) -> Duration {
    let t = Instant::now();
    while !server_pids(data).is_empty() {
        assert!(
            t.elapsed() < LIMIT,
            "tutor serve still running {LIMIT:?} after its terminal hung up"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    t.elapsed()
}

/// The dashboard's terminal goes away (the tmux server is killed: the pty hangs up). First
/// as the pane's foreground job (SIGHUP, and reads fail), then in a session of its own
/// (`setsid`: no SIGHUP, only reads failing with EIO). The shell around it ignores SIGHUP to
/// record the exit status, then exits.
#[test]
fn a_hung_up_dashboard_terminal_stops_the_server() {
    if !tmux::available() {
        return;
    }
    let rt = runtime();
    let setsid = Command::new("sh")
        .args(["-c", "command -v setsid"])
        .output()
        .is_ok_and(|o| o.status.success());
    for prefix in ["", "setsid -w "] {
        if !prefix.is_empty() && !setsid {
            eprintln!("setsid is missing: skipping the dashboard in a session of its own");
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let _cleanup = KillOnDrop(data.clone());
        let log = dir.path().join("serve.log");
        let status_file = dir.path().join("status");
        let serve = format!(
            "trap '' HUP; {prefix}{} serve --listen 127.0.0.1:0 --data-dir {} --log {}; echo $? > {}; exit",
            crate::support::bin_quoted(),
            sh_quote(&data.display().to_string()),
            sh_quote(&log.display().to_string()),
            sh_quote(&status_file.display().to_string())
        );
        let board = Tmux::run(120, 20, &serve);
        board.wait_for("0/200 sessions");
        let c = rt.block_on(student(wait_for_port(&log, LIMIT)));
        board.wait_for("1/200 sessions");
        assert_eq!(server_pids(&data).len(), 1);
        drop(board);
        let took = wait_gone(&data);
        assert_eq!(rt.block_on(told(c)), Some(1));
        let deadline = Instant::now() + LIMIT;
        let status = loop {
            let s = std::fs::read_to_string(&status_file).unwrap_or_default();
            if s.ends_with('\n') {
                break s;
            }
            assert!(Instant::now() < deadline, "no exit status recorded");
            std::thread::sleep(Duration::from_millis(20));
        };
        assert_eq!(status.trim(), "0");
        let text = std::fs::read_to_string(&log).unwrap();
        assert!(
            text.contains("session end id=1 user=\"alice\": Shutdown"),
            "{text}"
        );
        eprintln!("{prefix}dashboard: gone {took:?} after the hangup");
    }
}
