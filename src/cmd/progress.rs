//! `tutor stats`, `tutor reset` and `tutor export-progress`: what the learner's recorded
//! progress says, deleting it, and taking it elsewhere.
//!
//! Every failure is a message on stderr and exit status 1, never a panic.

use crate::cli::{ProfileArgs, now_ms};
use crate::cmd::profile::{data_dir, user};
use std::fmt::Display;
use std::io::{self, BufRead, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tutor::course::Course;
use tutor::report;
use tutor::schedule::Scheduler;
use tutor::store::{DB_FILE, Store};

/// Format of `tutor export-progress`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// RFC 4180 CSV with a header row; formula-like cells start with `'`.
    Csv,
    /// A JSON array of answer objects.
    Json,
}

fn fail(msg: impl Display) -> ExitCode {
    crate::cmd::say::error(msg);
    ExitCode::FAILURE
}

fn warn_moved(moved: Option<PathBuf>) {
    if let Some(m) = moved {
        crate::cmd::say::warning(format_args!(
            "the progress database could not be read and was moved to {}; a fresh one was started",
            m.display()
        ));
    }
}

/// Runs `write` on buffered stdout; a closed pipe (`| head`) is a normal end.
fn to_stdout(write: impl FnOnce(&mut BufWriter<io::StdoutLock<'_>>) -> io::Result<()>) -> ExitCode {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(format_args!("cannot write the output: {e}")),
    }
}

/// The store in `dir` for writing, or `None` when no progress was ever recorded there
/// (nothing is created then).
fn existing_store(dir: &Path) -> Result<Option<Store>, String> {
    if !dir.join(DB_FILE).exists() {
        return Ok(None);
    }
    let opened = Store::open(dir, now_ms()).map_err(|e| e.to_string())?;
    warn_moved(opened.moved_aside);
    Ok(Some(opened.store))
}

/// The store in `dir` opened read-only, or `None` when no progress was ever recorded there.
fn reader(dir: &Path) -> Result<Option<Store>, String> {
    Store::open_reader(dir).map_err(|e| e.to_string())
}

/// `tutor stats [--json]`: the current learner's statistics in `course`.
pub fn stats(course: &Course, json: bool, profile: &ProfileArgs) -> io::Result<ExitCode> {
    let now = now_ms();
    let opened = (|| -> Result<_, String> {
        let dir = data_dir(profile)?;
        let user = user(profile);
        let scheduler = Scheduler::new(profile.retention).map_err(|e| e.to_string())?;
        let read = |e: &dyn Display| format!("cannot read the progress: {e}");
        let st = match reader(&dir).map_err(|e| read(&e))? {
            Some(store) => {
                report::compute(course, &store, &user, &scheduler, now).map_err(|e| read(&e))?
            }
            // No progress yet: the figures of a learner who has answered nothing.
            None => report::from_parts(course, &Default::default(), &[], &[], &scheduler, now),
        };
        Ok((user, st))
    })();
    let (user, st) = match opened {
        Ok(x) => x,
        Err(why) => return Ok(fail(why)),
    };
    Ok(to_stdout(|out| {
        if json {
            serde_json::to_writer_pretty(&mut *out, &st)?;
            writeln!(out)
        } else {
            report::text::write_text(out, course, &user, &st)
        }
    }))
}

/// `tutor reset [--user NAME] [--yes]`: deletes every answer, review state, lesson mark and
/// saved quiz of the learner, in every course, after asking on a terminal.
pub fn reset(profile: &ProfileArgs, yes: bool) -> ExitCode {
    let (dir, user) = match data_dir(profile).map(|d| (d, user(profile))) {
        Ok(x) => x,
        Err(why) => return fail(why),
    };
    if !dir.join(DB_FILE).exists() {
        println!(
            "No progress is kept in {}: nothing to delete.",
            dir.display()
        );
        return ExitCode::SUCCESS;
    }
    if !yes {
        let stdin = io::stdin();
        if !stdin.is_terminal() {
            return fail(format_args!(
                "not deleting the progress of {user} without confirmation: stdin is not a terminal; pass --yes to delete it"
            ));
        }
        eprint!("Delete all progress of {user} in {}? [y/N] ", dir.display());
        let _ = io::stderr().flush();
        let mut line = String::new();
        if let Err(e) = stdin.lock().read_line(&mut line) {
            return fail(format_args!("cannot read the answer: {e}"));
        }
        if !matches!(line.trim().to_lowercase().as_str(), "y" | "yes") {
            eprintln!("Nothing was deleted.");
            return ExitCode::FAILURE;
        }
    }
    let removed = existing_store(&dir).and_then(|store| match store {
        Some(mut s) => s.reset(Some(&user)).map_err(|e| e.to_string()),
        None => Ok(0),
    });
    match removed {
        Ok(n) => {
            let answers = if n == 1 { "answer" } else { "answers" };
            println!(
                "Removed {n} {answers} of {user}, with their reviews, lessons read and saved quiz, from {}.",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(why) => fail(format_args!("cannot reset the progress: {why}")),
    }
}

/// `tutor export-progress --format csv|json [--all-users]`: every recorded answer of the
/// learner (or of everyone), in every course, oldest first, on stdout.
pub fn export(profile: &ProfileArgs, format: ExportFormat, all_users: bool) -> ExitCode {
    let attempts = (|| -> Result<_, String> {
        let dir = data_dir(profile)?;
        let user = if all_users { None } else { Some(user(profile)) };
        match reader(&dir)? {
            Some(store) => store
                .attempts(user.as_deref(), None)
                .map_err(|e| e.to_string()),
            None => Ok(Vec::new()),
        }
    })();
    let attempts = match attempts {
        Ok(a) => a,
        Err(why) => return fail(format_args!("cannot export the progress: {why}")),
    };
    to_stdout(|out| match format {
        ExportFormat::Csv => report::write_csv(out, &attempts),
        ExportFormat::Json => report::write_json(out, &attempts),
    })
}
