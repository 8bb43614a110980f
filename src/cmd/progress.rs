//! `tutor stats`, `tutor reset` and `tutor export-progress`: what the learner's recorded
//! progress says, deleting it, and taking it elsewhere.
//!
//! Every failure is a message on stderr and exit status 1, never a panic.

use crate::cmd::profile::{data_dir, user};
use crate::cmd::{Globals, ProfileArgs, now_ms};
use anyhow::{Context as _, bail};
use std::io::{self, BufRead, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tutor::report;
use tutor::schedule::Scheduler;
use tutor::store::{Attempt, DB_FILE, Store, StoreError};

#[derive(clap::Args, Debug)]
pub struct StatsArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug)]
pub struct ResetArgs {
    /// Delete without asking (required when stdin is not a terminal).
    #[arg(long)]
    pub yes: bool,
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Every learner's answers, not only yours.
    #[arg(long)]
    pub all_users: bool,
}

/// Format of `tutor export-progress`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// RFC 4180 CSV with a header row; formula-like cells start with `'`.
    Csv,
    /// A JSON array of answer objects.
    Json,
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
fn to_stdout(
    write: impl FnOnce(&mut BufWriter<io::StdoutLock<'_>>) -> io::Result<()>,
) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    write(&mut out)
        .and_then(|()| out.flush())
        .context("cannot write the output")?;
    Ok(ExitCode::SUCCESS)
}

/// The store in `dir` for writing, or `None` when no progress was ever recorded there
/// (nothing is created then).
fn existing_store(dir: &Path) -> Result<Option<Store>, StoreError> {
    if !dir.join(DB_FILE).exists() {
        return Ok(None);
    }
    let opened = Store::open(dir, now_ms())?;
    warn_moved(opened.moved_aside);
    Ok(Some(opened.store))
}

/// `tutor stats [--json]`: the current learner's statistics in the course.
pub fn stats(args: &StatsArgs, g: &Globals) -> anyhow::Result<ExitCode> {
    let course = g.course()?;
    let profile = &g.profile;
    let now = now_ms();
    let dir = data_dir(profile)?;
    let user = user(profile);
    let scheduler = Scheduler::new(profile.retention)?;
    const READ: &str = "cannot read the progress";
    let st = match Store::open_reader(&dir).context(READ)? {
        Some(store) => report::compute(&course, &store, &user, &scheduler, now).context(READ)?,
        // No progress yet: the figures of a learner who has answered nothing.
        None => report::from_parts(&course, &Default::default(), &[], &[], &scheduler, now),
    };
    to_stdout(|out| {
        if args.json {
            serde_json::to_writer_pretty(&mut *out, &st)?;
            writeln!(out)
        } else {
            report::text::write_text(out, &course, &user, &st)
        }
    })
}

/// `tutor reset [--user NAME] [--yes]`: deletes every answer, review state, lesson mark and
/// saved quiz of the learner, in every course, after asking on a terminal.
pub fn reset(args: &ResetArgs, profile: &ProfileArgs) -> anyhow::Result<ExitCode> {
    let dir = data_dir(profile)?;
    let user = user(profile);
    if !dir.join(DB_FILE).exists() {
        println!(
            "No progress is kept in {}: nothing to delete.",
            dir.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    if !args.yes && !confirmed(&user, &dir)? {
        eprintln!("Nothing was deleted.");
        return Ok(ExitCode::FAILURE);
    }
    const RESET: &str = "cannot reset the progress";
    let removed = match existing_store(&dir).context(RESET)? {
        Some(mut s) => s.reset(Some(&user)).context(RESET)?,
        None => 0,
    };
    let answers = if removed == 1 { "answer" } else { "answers" };
    println!(
        "Removed {removed} {answers} of {user}, with their reviews, lessons read and saved quiz, from {}.",
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Whether the learner answers yes to deleting `user`'s progress in `dir`; an error when
/// nobody can be asked.
fn confirmed(user: &str, dir: &Path) -> anyhow::Result<bool> {
    let stdin = io::stdin();
    if !stdin.is_terminal() {
        bail!(
            "not deleting the progress of {user} without confirmation: stdin is not a terminal; pass --yes to delete it"
        );
    }
    eprint!("Delete all progress of {user} in {}? [y/N] ", dir.display());
    let _ = io::stderr().flush();
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("cannot read the answer")?;
    Ok(matches!(line.trim().to_lowercase().as_str(), "y" | "yes"))
}

/// `tutor export-progress --format csv|json [--all-users]`: every recorded answer of the
/// learner (or of everyone), in every course, oldest first, on stdout.
pub fn export(args: &ExportArgs, profile: &ProfileArgs) -> anyhow::Result<ExitCode> {
    let attempts = recorded(profile, args.all_users).context("cannot export the progress")?;
    to_stdout(|out| match args.format {
        ExportFormat::Csv => report::write_csv(out, &attempts),
        ExportFormat::Json => report::write_json(out, &attempts),
    })
}

/// Every recorded answer of the learner, or of everyone with `all_users`.
fn recorded(profile: &ProfileArgs, all_users: bool) -> anyhow::Result<Vec<Attempt>> {
    let dir = data_dir(profile)?;
    let user = if all_users { None } else { Some(user(profile)) };
    Ok(match Store::open_reader(&dir)? {
        Some(store) => store.attempts(user.as_deref(), None)?,
        None => Vec::new(),
    })
}
