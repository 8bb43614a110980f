//! `tutor serve`'s command line, and the class drills it asks for.

use clap::Subcommand;
use std::path::PathBuf;
use tutor::quiz::drill::DrillSpec;
use tutor::ssh::limits::MaxStartups;

#[derive(clap::Args, Debug, Clone)]
#[command(args_conflicts_with_subcommands = true)]
#[command(group(clap::ArgGroup::new("class_drills").args(["drill", "drill_file"])))]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
    /// Address and port to listen on (port 0: any free port, logged at start).
    #[arg(long, default_value = "127.0.0.1:2222", value_name = "ADDR:PORT")]
    pub listen: String,
    /// Who may log in: `open` (any valid name, no password), `keys FILE` (lines: NAME
    /// ssh-ed25519 AAAA...), or `password FILE` (lines: NAME $argon2id$...).
    #[arg(long, num_args = 1..=2, value_names = ["MODE", "FILE"], default_values_t = ["open".to_owned()])]
    pub auth: Vec<String>,
    /// Most sessions (logged-in connections) at once.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub max_sessions: u64,
    /// Most sessions at once from one address (raise it for a class behind one NAT); also
    /// how many connections from one address may wait their turn to log in.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub max_per_address: u64,
    /// Connections logging in (not yet logged in) at once, as OpenSSH's MaxStartups: from
    /// START on, a new one is closed at once with probability RATE%, rising to 100% at FULL
    /// (one number N: N:100:N).
    #[arg(long, default_value = "100:30:200", value_name = "START:RATE:FULL")]
    pub max_startups: MaxStartups,
    /// Connections logging in at once from one address (OpenSSH's PerSourceMaxStartups);
    /// more from it wait their turn, up to --max-per-address. Raise it for a class behind
    /// one NAT that types passwords.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub max_startups_per_address: u64,
    /// Seconds a connection has to log in, from its connect, before it is closed
    /// (OpenSSH's LoginGraceTime).
    #[arg(long, default_value_t = 20, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub login_grace_time: u64,
    /// Close a session after this many seconds without a key press, with a warning first
    /// (0: never).
    #[arg(long, default_value_t = 1800, value_name = "SECONDS")]
    pub idle_timeout: u64,
    /// Class drills: every session opens these seeded drills in order (the same questions
    /// for everyone with the same seed, as `tutor drill --seed`), then the home screen.
    #[arg(long, value_delimiter = ',', value_name = "SEED,...")]
    pub drill: Vec<u64>,
    /// Class drills from a YAML file (`drills:` a list of `seed`, and optionally `count`,
    /// `time_limit`, `exam`, `lessons`, `cases_only`), read again on SIGHUP.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["drill", "drill_count", "drill_time_limit", "exam", "lessons", "cases_only"])]
    pub drill_file: Option<PathBuf>,
    /// Questions in each drill.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=200))]
    pub drill_count: u64,
    /// Seconds per drill question; one not answered in time counts as unanswered.
    #[arg(long, visible_alias = "time-limit", value_name = "SECONDS", value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub drill_time_limit: Option<u32>,
    /// The instructor paces the first drill from the dashboard: `n` opens the next question
    /// for everyone, `l` locks answers, `r` reveals the key with the class's answers.
    /// Needs the dashboard (run in a terminal). With --drill-file, its first drill.
    #[arg(long, requires = "class_drills")]
    pub paced: bool,
    /// Drills hold their feedback until the end, as an exam (not with --paced, whose
    /// reveal is the instructor's).
    #[arg(long, requires = "drill", conflicts_with = "paced")]
    pub exam: bool,
    /// Drills ask only these lessons' items and cases (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,...", requires = "drill")]
    pub lessons: Vec<String>,
    /// Drills ask generated cases only.
    #[arg(long, requires = "drill")]
    pub cases_only: bool,
    /// Log file (default: stderr; with the dashboard, serve.log in the data directory).
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,
    /// Log lines instead of showing the dashboard, even in a terminal.
    #[arg(long)]
    pub no_dashboard: bool,
}

#[derive(Subcommand, Debug, Clone)]
pub enum Action {
    /// Print an Argon2id hash of a password (asked for, or one line of stdin) for a
    /// `--auth password` roster; with --user NAME, the whole roster line.
    HashPassword,
}

/// The class drills of `--drill` and the flags that go with it, in order.
pub(super) fn drills_of_flags(args: &Args) -> Vec<DrillSpec> {
    args.drill
        .iter()
        .enumerate()
        .map(|(i, &seed)| DrillSpec {
            seed,
            count: args.drill_count as usize,
            lessons: args.lessons.clone(),
            cases_only: args.cases_only,
            time_limit: args.drill_time_limit,
            exam: args.exam,
            paced: args.paced && i == 0,
        })
        .collect()
}
