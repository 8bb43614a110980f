//! Opening the learner's progress: data directory, user name, and what to say when the store
//! cannot be used.

use crate::cli::{ProfileArgs, now_ms};
use std::path::PathBuf;
use tutor::course::Course;
use tutor::progress::Progress;
use tutor::schedule::Scheduler;
use tutor::store::StoreError;

/// The directory of the progress database: `--data-dir`, `TUTOR_DATA_DIR`, or the platform
/// data directory.
pub fn data_dir(args: &ProfileArgs) -> Result<PathBuf, String> {
    if let Some(d) = &args.data_dir {
        return Ok(d.clone());
    }
    directories::ProjectDirs::from("", "", "tutor")
        .map(|d| d.data_dir().to_owned())
        .ok_or_else(|| "no data directory could be found for this user; pass --data-dir".to_owned())
}

/// The learner: `--user`, or the login name in lower case.
pub fn user(args: &ProfileArgs) -> Result<String, String> {
    let name = match &args.user {
        Some(u) => u.clone(),
        None => std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .map(|u| u.to_lowercase())
            .unwrap_or_else(|_| "student".to_owned()),
    };
    tutor::store::valid_user(&name)
        .map(str::to_owned)
        .map_err(|e| {
            if args.user.is_none() {
                format!("{e} (your login name); pass --user NAME")
            } else {
                e.to_string()
            }
        })
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
        let opened = (|| -> Result<(Progress, Option<PathBuf>), String> {
            let dir = data_dir(args)?;
            let user = user(args)?;
            let scheduler = Scheduler::new(args.retention).map_err(|e| e.to_string())?;
            Progress::open(&dir, &user, course, scheduler, now_ms())
                .map_err(|e: StoreError| e.to_string())
        })();
        match opened {
            Ok((p, moved)) => {
                let note = moved.map(|m| {
                    format!("the progress database could not be read and was moved to {}; a fresh one was started", m.display())
                });
                (Profile::Ready(Box::new(p)), note)
            }
            Err(why) => {
                let note = format!("progress will not be saved: {why}");
                (Profile::Unsaved(why), Some(note))
            }
        }
    }
}
