//! An unfolding case over real SSH: a class drill of the synthesis lesson asks its steps in
//! order, the second with the case so far, and each step is stored as an answer of its own.

use super::{ssh_command, tools_available};
use crate::support::serve::Server;
use crate::support::tmux::Tmux;
use tutor::quiz::drill::DrillSpec;

#[test]
fn a_hosted_student_meets_the_steps_in_order_with_the_case_so_far() {
    if !tools_available() {
        return;
    }
    let server = Server::in_process(|s| {
        s.drills = vec![DrillSpec {
            // Asks an unfolding case first.
            seed: 6,
            count: 8,
            lessons: vec!["lesson-one-patient".into()],
            cases_only: true,
            time_limit: None,
            exam: false,
            paced: false,
        }]
        .into();
    });
    // Tall enough that the feedback, with its line about what comes next, fits unscrolled.
    let t = Tmux::run(100, 50, &ssh_command(server.port, "alice", ""));
    t.wait_until("step 1 with its footer", |s| {
        s.contains("step 1 of") && s.contains("Enter answer")
    });
    t.keys(&["a"]);
    t.wait_for("the case goes on (step 2 of");
    let stored = server.attempts("alice");
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!(stored[0].step, Some(1));
    t.keys(&["Enter"]);
    let screen = t.wait_until("step 2 with the case so far", |s| {
        s.contains("step 2 of") && s.contains("So far:") && s.contains("Enter answer")
    });
    let (so_far, now) = (screen.find("So far:"), screen.find("Now:"));
    assert!(so_far < now && now.is_some(), "{screen}");
    t.keys(&["a"]);
    t.wait_for("✓");
    let steps: Vec<Option<u32>> = server.attempts("alice").iter().map(|a| a.step).collect();
    assert_eq!(steps, [Some(1), Some(2)]);
}
