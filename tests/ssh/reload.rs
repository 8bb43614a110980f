//! SIGHUP during class, with real OpenSSH clients: `tutor serve --auth keys ROSTER
//! --drill-file FILE` reads both files again without dropping a session. Students connected
//! go on in their drill (one taken off the roster too); a student added logs in and gets the
//! new drill; the one taken off cannot log in again. A broken drill file refuses the whole
//! reload: the roster and drills stay as they were.

use super::client::progress;
use super::{answer, keygen, ssh_batch, ssh_command, tools_available};
use crate::support::serve::Server;
use crate::support::tmux::{Tmux, sh_quote};
use std::path::{Path, PathBuf};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(20);

/// The students' keys and the two files the instructor edits, in one directory.
struct Class {
    dir: tempfile::TempDir,
    roster: PathBuf,
    drills: PathBuf,
}

impl Class {
    fn new(names: &[&str]) -> Class {
        let dir = tempfile::tempdir().unwrap();
        for name in names {
            keygen(&dir.path().join(name));
        }
        let (roster, drills) = (dir.path().join("roster"), dir.path().join("drills.yaml"));
        Class {
            dir,
            roster,
            drills,
        }
    }

    fn key(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes the roster with `names`, each with their key.
    fn roster(&self, names: &[&str]) {
        let lines: String = names
            .iter()
            .map(|n| {
                let public = std::fs::read_to_string(self.key(n).with_extension("pub")).unwrap();
                format!("{n} {public}")
            })
            .collect();
        std::fs::write(&self.roster, lines).unwrap();
    }

    /// Writes the drill file with one drill of `seed`, 3 questions.
    fn drill(&self, seed: u64) {
        let text = format!("drills:\n  - seed: {seed}\n    count: 3\n");
        std::fs::write(&self.drills, text).unwrap();
    }

    /// `name` logged in with their key, in a terminal of their own.
    fn ssh(&self, port: u16, name: &str) -> Tmux {
        let key = sh_quote(&self.key(name).display().to_string());
        let extra = format!("-i {key} -o IdentitiesOnly=yes");
        Tmux::run(100, 30, &ssh_command(port, name, &extra))
    }

    /// Whether a new login of `name` is refused (`ssh` without a terminal).
    fn refused(&self, port: u16, name: &str) -> String {
        let key = self.key(name).display().to_string();
        let args = [
            "-i",
            &key,
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "BatchMode=yes",
        ];
        let mut args = args.to_vec();
        args.push("127.0.0.1");
        let (code, err) = ssh_batch(port, name, &args);
        assert_eq!(code, 255, "{name} was let in: {err}");
        err
    }
}

/// Waits for question `n` of the drill of `seed` on `t`; the screen.
fn at_question(t: &Tmux, n: usize, seed: u64) -> String {
    t.wait_until(&format!("question {n} of the drill of seed {seed}"), |s| {
        s.contains(&format!("Question {n} of 3")) && s.contains(&format!("seed {seed}"))
    })
}

/// Answers question `n`, on `screen` of `t`, and waits for its feedback.
fn answer_it(t: &Tmux, n: usize, screen: &str) {
    answer(t, screen);
    t.wait_until(&format!("feedback {n}"), |s| {
        progress(s).is_some_and(|p| p.0 == n && p.2 == n)
    });
}

/// Waits for a log line holding `needle`.
fn logged(server: &mut Server, needle: &str) -> String {
    server.wait_log(needle, LIMIT, |log| {
        log.lines().find(|l| l.contains(needle)).map(str::to_owned)
    })
}

#[test]
fn sighup_reloads_the_roster_and_drills_and_keeps_every_session() {
    if !tools_available() {
        return;
    }
    let class = Class::new(&["ann", "ben", "cid", "dan"]);
    class.roster(&["ann", "cid"]);
    class.drill(4242);
    let (roster, drills) = (path(&class.roster), path(&class.drills));
    let mut server = Server::process(&["--auth", "keys", &roster, "--drill-file", &drills]);
    let port = server.port;
    let ann = class.ssh(port, "ann");
    answer_it(&ann, 1, &at_question(&ann, 1, 4242));
    let cid = class.ssh(port, "cid");
    let cid_screen = at_question(&cid, 1, 4242);
    assert!(class.refused(port, "ben").contains("Permission denied"));

    // During class: ben and dan join the roster, cid leaves it, and the drill changes.
    class.roster(&["ann", "ben", "dan"]);
    class.drill(77);
    server.signal("HUP");
    let line = logged(&mut server, "SIGHUP received: reloaded roster (3 names)");
    assert!(line.contains("and drills (seed 77 (d-"), "{line}");
    logged(
        &mut server,
        "no longer on the roster, cannot log in again: cid",
    );
    logged(&mut server, "reload: user=\"cid\" is connected and stays");

    // ann goes on in the drill she was in.
    ann.keys(&["Enter"]);
    answer_it(&ann, 2, &at_question(&ann, 2, 4242));
    // cid, off the roster, is not closed: he answers too; but he cannot log in again.
    answer_it(&cid, 1, &cid_screen);
    assert!(class.refused(port, "cid").contains("Permission denied"));
    // ben, new on the roster, logs in to the new drill.
    let ben = class.ssh(port, "ben");
    at_question(&ben, 1, 77);

    // A broken drill file refuses the whole reload: dan, whom the new roster drops, still
    // logs in, and gets the drill of before.
    class.roster(&["ann", "ben"]);
    std::fs::write(&class.drills, "drills:\n  - seed: [\n").unwrap();
    server.signal("HUP");
    let refused = logged(&mut server, "SIGHUP received: reload refused");
    assert!(refused.contains(&format!("{drills}:")), "{refused}");
    let dan = class.ssh(port, "dan");
    at_question(&dan, 1, 77);
    ann.keys(&["Enter"]);
    at_question(&ann, 3, 4242);
    let log = server.log();
    assert_eq!(log.matches("reloaded roster").count(), 1, "{log}");
    assert!(server.running(), "{log}");
    let stored = server.attempts("ann");
    assert_eq!(stored.len(), 2, "{stored:?}");
}

/// At start a bad drill file is an error naming where, and `--drill-file` excludes `--drill`.
#[test]
fn a_bad_drill_file_stops_the_start_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("drills.yaml");
    let serve = |extra: &[&str]| {
        crate::support::tutor()
            .args([
                "serve",
                "--no-dashboard",
                "--listen",
                "127.0.0.1:0",
                "--data-dir",
            ])
            .arg(dir.path().join("data"))
            .args(extra)
            .env("TUTOR_CACHE_DIR", dir.path().join("cache"))
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    };
    let f = path(&file);
    std::fs::write(&file, "drills:\n  - seed: 1\n    count: 0\n").unwrap();
    let out = serve(&["--drill-file", &f]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains(&format!("{f}:3:12: drills[0].count: 0 questions")),
        "{err}"
    );
    std::fs::write(&file, "drills:\n  - seed: 1\n    lessons: [nope]\n").unwrap();
    let out = serve(&["--drill-file", &f]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("drills[0] (seed 1): unknown lesson `nope`"),
        "{err}"
    );
    let out = serve(&["--drill-file", &f, "--drill", "3"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot be used with"), "{err}");
}

fn path(p: &Path) -> String {
    p.display().to_string()
}
