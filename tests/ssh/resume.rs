//! A hosted drill is never restarted: a student whose connection drops, who quits with q or
//! whose session is taken over by a second login lands on the question they were at, and no
//! question is answered twice.

use super::client::{Client, progress};
use crate::support::serve::{Server, drills};
use std::time::Duration;

const STEP: Duration = Duration::from_secs(20);

/// The question number on screen, once a question is there.
async fn at_question(c: &mut Client) -> usize {
    let screen = c
        .wait("a question", STEP, |s| progress(s).is_some())
        .await
        .expect("a question on screen");
    progress(&screen).map_or(0, |p| p.0)
}

#[test]
fn a_hosted_drill_goes_on_after_a_drop_a_quit_and_a_takeover() {
    // Seed 12: question 5, where q is pressed, is a choice question (in an answer field q
    // would be typed, not quit).
    let server = Server::in_process(|s| s.drills = drills(&[12], 8).into());
    let port = server.port;
    let rt = super::runtime();
    rt.block_on(async move {
        let mut c = Client::connect(port, "ann", 100, 30)
            .await
            .expect("connect");
        assert_eq!(at_question(&mut c).await, 1);
        c.answer(2, STEP).await.expect("answer 2");
        drop(c); // the connection drops
        let mut c = Client::connect(port, "ann", 100, 30).await.expect("again");
        assert_eq!(at_question(&mut c).await, 3, "on where the drop left it");
        c.answer(2, STEP).await.expect("answer 2 more");
        c.quit(STEP).await.expect("q");
        let mut c = Client::connect(port, "ann", 100, 30).await.expect("again");
        assert_eq!(at_question(&mut c).await, 5, "on where q left it");
        c.answer(1, STEP).await.expect("answer 1 more");
        // A second login takes the session over, and goes on from there too.
        let mut d = Client::connect(port, "ann", 100, 30)
            .await
            .expect("takeover");
        assert_eq!(
            at_question(&mut d).await,
            6,
            "on where the takeover found it"
        );
        d.answer(3, STEP).await.expect("finish");
        drop((c, d));
        let mut e = Client::connect(port, "ann", 100, 30)
            .await
            .expect("after the end");
        e.wait("the results", STEP, |s| s.contains("Results"))
            .await
            .expect("a finished drill shows its results");
    });
    let stored = server.attempts("ann");
    assert_eq!(stored.len(), 8, "every drill question answered once");
    let mut questions: Vec<&str> = stored.iter().map(|a| a.question.as_str()).collect();
    questions.sort_unstable();
    questions.dedup();
    assert_eq!(questions.len(), 8, "no question answered twice");
}
