//! A paced class over real OpenSSH: `tutor serve --paced` in a terminal (the instructor's
//! dashboard in a tmux pane) and five students in panes of their own. Students wait until
//! `n` opens a question, answer it, see their answer held; the dashboard counts the answers
//! per option; a late joiner lands on the open question; a student who drops comes back to
//! the answer they gave; `r` shows every student the feedback with the class's shares.

use super::{ssh_command, tools_available};
use crate::support::serve::wait_for_port;
use crate::support::tmux::{Tmux, sh_quote};
use std::time::Duration;

const WAITING: &str = "Waiting for the instructor to open the first question.";
const HELD: &str = "Waiting for the instructor to reveal the answer.";

/// `tutor serve --paced` of drill seed 5 (3 questions; the first a choice of A-D) in a pane.
fn board(dir: &std::path::Path) -> (Tmux, u16) {
    let log = dir.join("serve.log");
    let serve = format!(
        "{} serve --listen 127.0.0.1:0 --data-dir {} --log {} --drill 5 --drill-count 3 --paced",
        crate::support::bin_quoted(),
        sh_quote(&dir.join("data").display().to_string()),
        sh_quote(&log.display().to_string())
    );
    let board = Tmux::run(120, 30, &serve);
    board.wait_for("paced drill d-");
    (board, wait_for_port(&log, Duration::from_secs(15)))
}

fn student(port: u16, name: &str) -> Tmux {
    Tmux::run(100, 30, &ssh_command(port, name, ""))
}

#[test]
fn the_instructor_paces_a_class_of_five() {
    if !tools_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let (board, port) = board(dir.path());
    let names = ["ann", "ben", "cat", "dan"];
    let mut class: Vec<Tmux> = names.iter().map(|n| student(port, n)).collect();
    for s in &class {
        s.wait_for(WAITING);
    }
    board.wait_for("waiting to open question 1 of 3");
    board.keys(&["n"]);
    board.wait_for("question 1 of 3 open");
    // ann and ben choose A, cat B, dan C.
    for (s, letter) in class.iter().zip(["a", "a", "b", "c"]) {
        s.wait_for("Question 1 of 3");
        s.keys(&[letter]);
        s.wait_for(HELD);
    }
    board.wait_for("answered 4 of 4 · A 2 · B 1 · C 1 · D 0");
    // dan drops and comes back: his answer stays given.
    drop(class.pop());
    let dan = student(port, "dan");
    let back = dan.wait_for(HELD);
    assert!(back.contains("Your answer is in: C."), "{back}");
    // eve joins late: the open question, not the waiting screen.
    let eve = student(port, "eve");
    eve.wait_for("Question 1 of 3");
    eve.keys(&["d"]);
    eve.wait_for(HELD);
    board.wait_for("answered 5 of 5 · A 2 · B 1 · C 1 · D 1");
    // The projector: the open question with the live counts; at the reveal, the source.
    board.keys(&["p"]);
    board.wait_for("Question 1 of 3 · open · 5 of 5 answered");
    board.keys(&["r"]);
    board.wait_for("Question 1 of 3 · revealed · 5 of 5 answered");
    board.wait_for("Source s5: ");
    board.keys(&["p"]);
    board.wait_for("question 1 of 3 revealed");
    for s in class.iter().chain([&dan, &eve]) {
        let shown = s.wait_for("Class: 5 of 5 answered, 2 right (40%)");
        assert_eq!(
            shown.matches(" · class: ").count(),
            4,
            "each option's share: {shown}"
        );
    }
    // ben leaves (q, and yes: his drill is kept): still listed, with his first try; the
    // class view counts everyone.
    let ben = class.remove(1);
    ben.keys(&["q"]);
    ben.wait_for("Quit");
    ben.keys(&["y"]);
    ben.wait_exit();
    board.wait_until("ben listed as gone", |s| {
        s.lines()
            .any(|l| l.contains("ben") && l.contains("left (") && l.contains("1/1"))
    });
    board.keys(&["c"]);
    let view = board.wait_for("question  facility");
    assert!(view.contains("5 students"), "{view}");
    assert!(
        view.lines()
            .any(|l| l.contains("Q1") && l.contains("40%") && l.contains("2/5")),
        "{view}"
    );
    board.keys(&["?"]);
    board.wait_for("c  class view");
    board.keys(&["?"]);
    board.wait_for("results: ✓ right ✗ wrong ⏱ timed out · open");
    board.keys(&["n"]);
    eve.wait_for("Question 2 of 3");
    // fay joins while question 2 is open and nothing else moves: her first frame is it, not
    // the waiting screen (a key there used to answer a question she could not see).
    let fay = student(port, "fay");
    let first = fay.wait_until("fay's first screen", |s| s.contains("Drill d-"));
    assert!(
        first.contains("Question 2 of 3") && !first.contains(WAITING),
        "{first}"
    );
    board.keys(&["q"]);
    board.wait_for("Stop the server");
    board.keys(&["y"]);
    assert_eq!(board.wait_exit(), 0);
    the_report_reads_the_paced_class(&dir.path().join("data"));
}

/// After the class: the report names the drill paced, shows question 1's options under the
/// letters the class saw with their shares (A 2, B 1, C 1, D 1 of 5), and the grid.
fn the_report_reads_the_paced_class(data: &std::path::Path) {
    let out = crate::support::report_cmd(&[data.to_path_buf()], &[]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("\nSettings: seed 5, 3 questions, paced by the instructor\n"),
        "{table}"
    );
    assert!(table.contains(": 5 students, "), "{table}");
    let item = table.split("\n    1  ").nth(1).expect("question 1");
    for (letter, share) in [("A", "40.0% (2)"), ("B", "20.0% (1)"), ("C", "20.0% (1)")] {
        assert!(
            item.lines()
                .any(|l| l.starts_with(&format!("       {letter}) ")) && l.contains(share)),
            "{letter} {share}: {item}"
        );
    }
    for (user, letter) in [("ann", "A"), ("cat", "B"), ("dan", "C"), ("eve", "D")] {
        assert!(
            table
                .lines()
                .any(|l| l.starts_with(&format!("  {user} ")) && l.contains(letter)),
            "{user}'s row in the grid: {table}"
        );
    }
    assert!(table.contains("Discuss next"), "{table}");
}

/// The projector view at 120x40 for a class of four, while open and once revealed.
#[test]
fn the_projector_shows_the_open_question_then_the_key_and_its_source() {
    use tutor::quiz::drill::DrillSpec;
    use tutor::ssh::pace::{Move, Pacer};
    use tutor::ssh::registry::{PacedAnswers, Registry, Student};
    let course = crate::support::fixtures::embedded();
    let spec = DrillSpec {
        seed: 5,
        count: 3,
        paced: true,
        ..DrillSpec::default()
    };
    let pacer = Pacer::new(&course, &spec);
    let registry = Registry::new(tutor::ssh::log::Log::to(Box::new(std::io::sink())), 10, 10);
    let students: Vec<Student> = ["ann", "ben", "cat", "dan"]
        .iter()
        .zip([Some(0), Some(0), Some(1), None])
        .enumerate()
        .map(|(i, (name, pick))| Student {
            id: i as u64,
            user: (*name).to_owned(),
            addr: "127.0.0.1:5000".parse().expect("addr"),
            since: std::time::Instant::now(),
            place: String::new(),
            answered: 0,
            right: 0,
            quiz: None,
            connected: true,
            drills: Vec::new(),
            paced: Some(PacedAnswers {
                drill: pacer.drill.clone(),
                answers: vec![pick.map(|p| (tutor::grade::Answer::Choices(vec![p]), p == 0))],
            }),
        })
        .collect();
    let frame = |pacer: &Pacer| {
        let lines = tutor::ssh::projector::lines(pacer, &students, 118);
        lines
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    };
    pacer.step(Move::Next, &registry).expect("open");
    let open = frame(&pacer);
    assert!(
        open.contains("Question 1 of 3 · open · 3 of 4 answered"),
        "{open}"
    );
    assert!(
        !open.contains("Source s"),
        "no key before the reveal: {open}"
    );
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!("projector_open_120", open);
    });
    pacer.step(Move::Reveal, &registry).expect("reveal");
    let revealed = frame(&pacer);
    assert!(
        revealed.contains("✓ A)") && revealed.contains("Source s5: "),
        "{revealed}"
    );
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!("projector_revealed_120", revealed);
    });
}
