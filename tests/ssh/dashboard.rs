//! The instructor's dashboard: `tutor serve` in a terminal (a tmux pane) lists each student
//! with where they are, and `q` then `y` stops the server and tells the students.

use super::{ssh_command, tools_available};
use crate::support::serve::wait_for_port;
use crate::support::tmux::{Tmux, sh_quote};
use std::time::Duration;

#[test]
fn the_dashboard_shows_students_and_stops_the_server() {
    if !tools_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("serve.log");
    let serve = format!(
        "{} serve --listen 127.0.0.1:0 --data-dir {} --log {} --drill 3 --drill-count 5",
        crate::support::bin_quoted(),
        sh_quote(&dir.path().join("data").display().to_string()),
        sh_quote(&log.display().to_string())
    );
    let board = Tmux::run(120, 20, &serve);
    board.wait_for("0/200 sessions");
    let port = wait_for_port(&log, Duration::from_secs(15));
    let student = Tmux::run(100, 30, &ssh_command(port, "alice", ""));
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
    assert!(
        student
            .capture_all()
            .contains("the server is shutting down")
    );
}
