//! Opening the learner's progress: data directory, user name, and what to say when the store
//! cannot be used.

use crate::cmd::{ProfileArgs, now_ms};
use anyhow::Context as _;
use std::path::PathBuf;
use tutor::course::Course;
use tutor::progress::Progress;
use tutor::schedule::Scheduler;

/// The directory of the progress database: `--data-dir`, `TUTOR_DATA_DIR`, or the platform
/// data directory.
pub fn data_dir(args: &ProfileArgs) -> anyhow::Result<PathBuf> {
    if let Some(d) = &args.data_dir {
        return Ok(d.clone());
    }
    directories::ProjectDirs::from("", "", "tutor")
        .map(|d| d.data_dir().to_owned())
        .context("no data directory could be found for this user; pass --data-dir")
}

/// The learner: `--user` (checked when the arguments are parsed), or the login name made
/// into a valid profile name. The second value says which name was made, and from what.
pub fn learner(args: &ProfileArgs) -> (String, Option<String>) {
    if let Some(u) = &args.user {
        return (u.clone(), None);
    }
    let login = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "student".to_owned());
    if tutor::store::valid_user(&login).is_ok() {
        return (login, None);
    }
    let name = tutor::store::profile_name_from(&login);
    let note = format!(
        "your login name {:?} is not a profile name (1 to 32 of a-z 0-9 _ . -): progress is kept as {name}; choose another with --user NAME",
        tutor::text::sanitize(&login)
    );
    (name, Some(note))
}

/// The learner's name, having told them on stderr when it was made from the login name.
pub fn user(args: &ProfileArgs) -> String {
    let (name, note) = learner(args);
    if let Some(n) = note {
        crate::cmd::say::note(n);
    }
    name
}

/// What a front end has for recording: progress, or why there is none.
pub enum Profile {
    Ready(Box<Progress>),
    /// Progress cannot be saved; the quiz still runs and says so.
    Unsaved(String),
}

impl Profile {
    /// Opens the profile. Errors do not stop the tutor: progress is then not saved, and the
    /// second value is what to tell the user (also when a corrupt database was moved aside).
    pub fn open(args: &ProfileArgs, course: &Course) -> (Profile, Option<String>) {
        let (user, named) = learner(args);
        let opened = (|| -> anyhow::Result<(Progress, Option<PathBuf>)> {
            let dir = data_dir(args)?;
            let scheduler = Scheduler::new(args.retention)?;
            Ok(Progress::open(&dir, &user, course, scheduler, now_ms())?)
        })()
        .map_err(|e| crate::cmd::failure::message(&e));
        match opened {
            Ok((p, moved)) => {
                let moved = moved.map(|m| {
                    format!("the progress database could not be read and was moved to {}; a fresh one was started", m.display())
                });
                let note = match (named, moved) {
                    (Some(a), Some(b)) => Some(format!("{a}; {b}")),
                    (a, b) => a.or(b),
                };
                (Profile::Ready(Box::new(p)), note)
            }
            Err(why) => {
                let note = format!("progress will not be saved: {why}");
                (Profile::Unsaved(why), Some(note))
            }
        }
    }
}
