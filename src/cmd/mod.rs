//! One module per group of commands, each defining its own arguments; `cli` parses and
//! dispatches to them. Here: what several commands share (the global options, loading the
//! course, the clock and seeds) and the one place where a failed command is reported.

pub mod bank;
pub mod course;
pub mod failure;
pub mod profile;
pub mod progress;
pub mod quiz;
pub mod report;
pub mod report_tui;
pub mod results;
pub mod say;
pub mod serve;

pub use failure::{Failure, UNREADABLE, finish};
pub use tutor::time::now_ms;

use clap::Args;
use std::io::{self, Write};
use std::path::PathBuf;
use tutor::course::{Course, Diagnostic, Origin, cache};

/// The options every command may use (given before or after it): the course and how to show
/// it, and whose progress.
#[derive(Debug, Default)]
pub struct Globals {
    /// `--course`: a course folder instead of the embedded default course.
    pub course: Option<PathBuf>,
    /// `--no-color`.
    pub no_color: bool,
    pub profile: ProfileArgs,
}

/// Whose progress, and where it is kept.
#[derive(Args, Debug, Clone, Default)]
pub struct ProfileArgs {
    /// Directory of the progress database (default: the platform data directory).
    #[arg(long, global = true, value_name = "DIR", env = DATA_DIR_ENV)]
    pub data_dir: Option<PathBuf>,
    /// Learner profile: 1 to 32 of a-z 0-9 _ . - (default: your login name, made valid).
    #[arg(long, global = true, value_name = "NAME", value_parser = learner_name)]
    pub user: Option<String>,
    /// Desired retention for spaced review, 0.7 to 0.99.
    #[arg(long, global = true, default_value_t = tutor::schedule::DEFAULT_RETENTION)]
    pub retention: f32,
}

/// The variable that stands for `--data-dir` when the option is not given.
pub const DATA_DIR_ENV: &str = "TUTOR_DATA_DIR";

impl ProfileArgs {
    /// The options as clap reads them when none is given, or `None` when clap would refuse
    /// them (an empty `TUTOR_DATA_DIR`).
    pub fn from_env() -> Option<ProfileArgs> {
        let data_dir = match std::env::var_os(DATA_DIR_ENV) {
            Some(dir) if dir.is_empty() => return None,
            dir => dir.map(PathBuf::from),
        };
        Some(ProfileArgs {
            data_dir,
            user: None,
            retention: tutor::schedule::DEFAULT_RETENTION,
        })
    }
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

impl Globals {
    /// The course (a folder from disk is checked, or taken from the cache when unchanged); a
    /// course that cannot be read or has errors is refused with its diagnostics.
    pub fn course(&self) -> Result<Course, Failure> {
        // The embedded course is checked by the test suite, so it is only decoded here (what
        // the home screen needs at once, the rest when first used).
        let loaded = match &self.course {
            None => Course::embedded().map_err(cache::Refused::Unreadable),
            Some(dir) => cache::load_checked(&Origin::Dir(dir.clone()), cache_dir().as_deref())
                .map(|(c, _)| c),
        };
        loaded.map_err(|refused| match refused {
            cache::Refused::Unreadable(diags) => Failure::Unreadable(diags),
            cache::Refused::Invalid(diags) => Failure::Invalid(diags),
        })
    }

    /// Monochrome: `--no-color`, or `NO_COLOR` set to any non-empty value.
    pub fn mono(&self) -> bool {
        self.no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }
}

/// Where compiled courses are cached: `TUTOR_CACHE_DIR`, else the platform cache directory.
fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("TUTOR_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "tutor").map(|d| d.cache_dir().join("courses"))
}

/// The course in `path`, or the embedded one, read but not checked.
pub fn load(path: Option<PathBuf>) -> Result<Course, Vec<Diagnostic>> {
    match path {
        Some(p) => Course::from_dir(p),
        None => Course::embedded_yaml(),
    }
}

/// Each diagnostic on a line of stderr (a diagnostic sanitizes its own text).
pub fn print_diagnostics(diags: &[Diagnostic]) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for d in diags {
        let _ = writeln!(err, "{d}");
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
