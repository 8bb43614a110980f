//! Command line: parsing with clap and one function per command. Only the binary uses this.

use crate::cmd;
use clap::{Args, Parser, Subcommand};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use tutor::course::{Course, Diagnostic, Origin, cache};

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

/// Whose progress, and where it is kept.
#[derive(Args, Debug, Clone, Default)]
pub struct ProfileArgs {
    /// Directory of the progress database (default: the platform data directory).
    #[arg(long, global = true, value_name = "DIR", env = "TUTOR_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Learner profile: 1 to 32 of a-z 0-9 _ . - (default: your login name, made valid).
    #[arg(long, global = true, value_name = "NAME", value_parser = learner_name)]
    pub user: Option<String>,
    /// Desired retention for spaced review, 0.7 to 0.99.
    #[arg(long, global = true, default_value_t = tutor::schedule::DEFAULT_RETENTION)]
    pub retention: f32,
}

/// `--user` is checked before anything runs: a quiz whose answers could not be saved under
/// the name asked for never starts (clap exits with status 2).
fn learner_name(name: &str) -> Result<String, String> {
    match tutor::store::valid_user(name) {
        Ok(n) => Ok(n.to_owned()),
        Err(e) => Err(format!(
            "{e}; for example --user {}",
            tutor::store::profile_name_from(name)
        )),
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate a course folder (the embedded default course without PATH).
    Check {
        /// Course folder.
        path: Option<PathBuf>,
    },
    /// Print generated cases as JSON lines.
    Cases {
        #[arg(long)]
        seed: u64,
        #[arg(long, default_value_t = 10)]
        count: usize,
    },
    /// Take a quiz.
    Quiz(QuizArgs),
    /// A classroom drill: the same seed and options give every student the same questions.
    Drill(DrillArgs),
    /// Your progress: answers, streak, mastery per lesson and source sentence, reviews due.
    Stats {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Delete all progress of a learner (--user NAME, default: you), in every course.
    Reset {
        /// Delete without asking (required when stdin is not a terminal).
        #[arg(long)]
        yes: bool,
    },
    /// Print every recorded answer of a learner, in every course, as CSV or JSON.
    ExportProgress {
        #[arg(long, value_enum)]
        format: cmd::progress::ExportFormat,
        /// Every learner's answers, not only yours.
        #[arg(long)]
        all_users: bool,
    },
    /// Print the question bank (items and seeded case samples) as Moodle GIFT, Anki notes or JSON.
    Export {
        #[arg(long, value_enum)]
        format: cmd::bank::BankFormat,
        /// Generated variants of each case template (0 to 1000).
        #[arg(long, default_value_t = tutor::export::DEFAULT_CASES as u64,
              value_parser = clap::value_parser!(u64).range(..=cmd::bank::MAX_CASES))]
        cases: u64,
        /// Seed of the case samples; the same seed gives byte-identical output.
        #[arg(long, default_value_t = tutor::export::DEFAULT_SEED)]
        seed: u64,
    },
    /// Host the full-screen tutor over SSH for a class: each SSH user name is a learner
    /// (docs/ssh-hosting.md).
    Serve(cmd::serve::ServeArgs),
    /// Item analysis of a class's drills: per student, item, source sentence and drill
    /// (see docs/item-analysis.md).
    Report(cmd::report::ReportArgs),
}

#[derive(Args, Debug, Default)]
pub struct QuizArgs {
    /// Plain lines on stdin/stdout, for screen readers, pipes and scripts.
    #[arg(long)]
    pub plain: bool,
    /// Seed that reproduces the quiz; a new one is chosen and shown when absent.
    #[arg(long)]
    pub seed: Option<u64>,
    #[arg(long, default_value_t = 10)]
    pub count: usize,
    /// Only this lesson's items and cases (repeatable).
    #[arg(long = "lesson", value_name = "ID")]
    pub lessons: Vec<String>,
    /// Generated cases only.
    #[arg(long)]
    pub cases_only: bool,
}

#[derive(Args, Debug)]
pub struct DrillArgs {
    /// The drill's seed: everyone given the same seed and options gets the same drill.
    #[arg(long)]
    pub seed: u64,
    #[arg(long, default_value_t = 10)]
    pub count: usize,
    /// Only these lessons' items and cases (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub lessons: Vec<String>,
    /// Seconds per question; a question not answered in time counts as unanswered.
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub time_limit: Option<u32>,
    /// Generated cases only.
    #[arg(long)]
    pub cases_only: bool,
    /// Hold the feedback until the end, for an exam-style drill.
    #[arg(long)]
    pub exam: bool,
    /// Plain lines on stdin/stdout instead of the full-screen tutor.
    #[arg(long)]
    pub plain: bool,
}

/// Exit status when the course cannot be read.
pub const UNREADABLE: u8 = 2;

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Check { path }) => cmd::course::check_course(path.or(cli.course)),
        Some(Command::Cases { seed, count }) => {
            with_course(cli.course, |c| cmd::course::cases(c, seed, count))
        }
        Some(Command::Drill(args)) => with_course(cli.course, |c| {
            cmd::quiz::drill(c, &args, cli.no_color, &cli.profile)
        }),
        Some(Command::Quiz(args)) if args.plain || !io::stdout().is_terminal() => {
            with_course(cli.course, |c| {
                cmd::quiz::quiz_plain(c, &args, &cli.profile)
            })
        }
        Some(Command::Quiz(args)) => {
            let seed = args.seed.or(cli.seed);
            with_course(cli.course, |c| {
                cmd::quiz::tui(c, seed, cli.no_color, Some(&args), &cli.profile)
            })
        }
        Some(Command::Stats { json }) => {
            with_course(cli.course, |c| cmd::progress::stats(c, json, &cli.profile))
        }
        Some(Command::Reset { yes }) => cmd::progress::reset(&cli.profile, yes),
        Some(Command::ExportProgress { format, all_users }) => {
            cmd::progress::export(&cli.profile, format, all_users)
        }
        Some(Command::Export {
            format,
            cases,
            seed,
        }) => with_course(cli.course, |c| cmd::bank::export(c, format, cases, seed)),
        Some(Command::Serve(args)) if args.action.is_some() => {
            match cmd::serve::hash_password(&cli.profile) {
                Ok(code) => code,
                Err(e) => {
                    cmd::say::error(e);
                    ExitCode::FAILURE
                }
            }
        }
        Some(Command::Serve(args)) => with_course(cli.course, |c| {
            cmd::serve::run(c, &args, &cli.profile, cli.no_color)
        }),
        Some(Command::Report(args)) => with_course(cli.course, |c| {
            cmd::report::report(c, &args, &cli.profile, cli.no_color)
        }),
        None if !io::stdout().is_terminal() || !io::stdin().is_terminal() => {
            eprintln!("not a terminal: running the plain quiz (see `tutor quiz --plain --help`)");
            let args = QuizArgs {
                count: 10,
                ..Default::default()
            };
            with_course(cli.course, |c| {
                cmd::quiz::quiz_plain(c, &args, &cli.profile)
            })
        }
        None => with_course(cli.course, |c| {
            cmd::quiz::tui(c, cli.seed, cli.no_color, None, &cli.profile)
        }),
    }
}

pub fn print_diagnostics(diags: &[Diagnostic]) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for d in diags {
        let _ = writeln!(err, "{d}");
    }
}

pub fn load(path: Option<PathBuf>) -> Result<Course, Vec<Diagnostic>> {
    match path {
        Some(p) => Course::from_dir(p),
        None => Course::embedded_yaml(),
    }
}

/// Where compiled courses are cached: `TUTOR_CACHE_DIR`, else the platform cache directory.
fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("TUTOR_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "tutor").map(|d| d.cache_dir().join("courses"))
}

/// Loads the course (a folder from disk is checked, or taken from the cache when unchanged),
/// then runs `f`; a course with errors is refused.
fn with_course(path: Option<PathBuf>, f: impl FnOnce(&Course) -> io::Result<ExitCode>) -> ExitCode {
    // The embedded course is checked by the test suite, so it is only parsed here.
    let loaded = match path {
        None => Course::embedded().map_err(cache::Refused::Unreadable),
        Some(dir) => cache::load_checked(&Origin::Dir(dir), cache_dir().as_deref()).map(|(c, _)| c),
    };
    let course = match loaded {
        Ok(c) => c,
        Err(cache::Refused::Unreadable(diags)) => {
            print_diagnostics(&diags);
            eprintln!("the course cannot be read");
            return ExitCode::from(UNREADABLE);
        }
        Err(cache::Refused::Invalid(diags)) => {
            print_diagnostics(&diags);
            eprintln!(
                "the course has {} errors; run `tutor check` for details",
                diags.len()
            );
            return ExitCode::FAILURE;
        }
    };
    match f(&course) {
        Ok(code) => code,
        // A closed pipe (e.g. `| head`) is a normal way to stop reading.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            cmd::say::error(e);
            ExitCode::FAILURE
        }
    }
}

/// A seed for a quiz the user did not seed; it is printed so the quiz can be reproduced.
pub fn fresh_seed() -> u64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    // Keep it short enough to type back.
    (now.as_nanos() as u64 ^ u64::from(std::process::id())) % 1_000_000
}

pub use tutor::time::now_ms;
