//! The instructor's dashboard: `tutor serve` in a terminal (a tmux pane) lists each student
//! with where they are, and `q` then `y` stops the server and tells the students.

use super::tmux::{Tmux, sh_quote, ssh_command};
use super::tools_available;
use std::time::{Duration, Instant};

#[test]
fn the_dashboard_shows_students_and_stops_the_server() {
    if !tools_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("serve.log");
    let serve = format!(
        "{} serve --listen 127.0.0.1:0 --data-dir {} --log {} --drill 3 --drill-count 5",
        sh_quote(env!("CARGO_BIN_EXE_tutor")),
        sh_quote(&dir.path().join("data").display().to_string()),
        sh_quote(&log.display().to_string())
    );
    let board = Tmux::start(120, 20, &serve);
    board.wait_for("0/200 sessions");
    let deadline = Instant::now() + Duration::from_secs(15);
    let port: u16 = loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        let port = text
            .split(" listening on ")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .and_then(|a| a.rsplit(':').next()?.parse().ok());
        if let Some(p) = port {
            break p;
        }
        assert!(Instant::now() < deadline, "no listening line:\n{text}");
        std::thread::sleep(Duration::from_millis(50));
    };
    let student = Tmux::start(100, 30, &ssh_command(port, "alice", ""));
    student.wait_for("Question 1 of 5");
    student.keys(&["a"]);
    let screen = board.wait_until("alice's row with her first answer", |s| {
        s.lines()
            .any(|l| l.contains("alice") && l.contains("1/5") && l.contains("··"))
    });
    assert!(
        screen.contains("1/200 sessions") && screen.contains("seed 3 (d-"),
        "{screen}"
    );
    board.keys(&["q"]);
    board.wait_for("Stop the server and close 1 session?");
    board.keys(&["y"]);
    assert_eq!(board.wait_exit(), 0);
    student.wait_exit();
    assert!(student.capture().contains("the server is shutting down"));
}
