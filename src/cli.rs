//! Command line: the options and commands clap parses, and the dispatch to `cmd`, where each
//! command's arguments and code live. Only the binary uses this.

use crate::cmd::{self, Globals, ProfileArgs};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "tutor",
    version,
    about = "Learn a document through lessons and case-based quizzes, graded against its own sentences."
)]
pub struct Cli {
    /// Course folder to teach instead of the embedded default course.
    #[arg(long, global = true, value_name = "PATH")]
    pub course: Option<PathBuf>,
    /// Seed of the first quiz in the TUI (each next quiz takes the next number).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Monochrome: bold, reverse and underline instead of colour (also when NO_COLOR is set).
    #[arg(long, global = true)]
    pub no_color: bool,
    #[command(flatten)]
    pub profile: ProfileArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate a course folder (the embedded default course without PATH).
    Check(cmd::course::CheckArgs),
    /// Print generated cases as JSON lines.
    Cases(cmd::course::CasesArgs),
    /// Take a quiz.
    Quiz(cmd::quiz::Args),
    /// A classroom drill: the same seed and options give every student the same questions.
    Drill(cmd::quiz::DrillArgs),
    /// Your progress: answers, streak, mastery per lesson and source sentence, reviews due.
    Stats(cmd::progress::StatsArgs),
    /// Delete all progress of a learner (--user NAME, default: you), in every course.
    Reset(cmd::progress::ResetArgs),
    /// Print every recorded answer of a learner, in every course, as CSV or JSON.
    ExportProgress(cmd::progress::ExportArgs),
    /// Print the question bank (items and seeded case samples) as Moodle GIFT, Anki notes or JSON.
    Export(cmd::bank::Args),
    /// Host the full-screen tutor over SSH for a class: each SSH user name is a learner
    /// (docs/ssh-hosting.md).
    Serve(cmd::serve::Args),
    /// Item analysis of a class's drills: per student, item, source sentence and drill
    /// (see docs/item-analysis.md).
    Report(cmd::report::Args),
}

impl Cli {
    /// The command line. A bare `tutor` (the home screen) is not given to clap: building
    /// the parser for every command costs 0.4 ms, a quarter of the time to the first frame,
    /// and there is nothing to parse. (`tests/it/cli_args.rs` holds the two paths equal.)
    pub fn read() -> Cli {
        let bare = std::env::args_os().len() == 1;
        match ProfileArgs::from_env().filter(|_| bare) {
            Some(profile) => Cli {
                course: None,
                seed: None,
                no_color: false,
                profile,
                command: None,
            },
            None => Cli::parse(),
        }
    }
}

/// Runs the command asked for; its errors are reported by `cmd::finish`.
pub fn run(cli: Cli) -> ExitCode {
    let globals = Globals {
        course: cli.course,
        no_color: cli.no_color,
        profile: cli.profile,
    };
    cmd::finish(dispatch(cli.command, cli.seed, &globals))
}

fn dispatch(command: Option<Command>, seed: Option<u64>, g: &Globals) -> anyhow::Result<ExitCode> {
    match command {
        Some(Command::Check(args)) => cmd::course::check(&args, g),
        Some(Command::Cases(args)) => cmd::course::cases(&args, g),
        Some(Command::Quiz(args)) => cmd::quiz::quiz(&args, seed, g),
        Some(Command::Drill(args)) => cmd::quiz::drill(&args, g),
        Some(Command::Stats(args)) => cmd::progress::stats(&args, g),
        Some(Command::Reset(args)) => cmd::progress::reset(&args, &g.profile),
        Some(Command::ExportProgress(args)) => cmd::progress::export(&args, &g.profile),
        Some(Command::Export(args)) => cmd::bank::export(&args, g),
        Some(Command::Serve(args)) => cmd::serve::serve(&args, g),
        Some(Command::Report(args)) => cmd::report::report(&args, g),
        None => cmd::quiz::home(seed, g),
    }
}
