//! Command line: parsing with clap and one function per command. Only the binary uses this.

use clap::{Args, Parser, Subcommand};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use tutor::course::{Course, Diagnostic, Origin, cache, check};
use tutor::quiz::{self, QuizSpec};
use tutor::text::{letter, sanitize};

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
    #[command(subcommand)]
    pub command: Option<Command>,
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

/// Exit status when the course cannot be read.
const UNREADABLE: u8 = 2;

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Check { path }) => check_course(path.or(cli.course)),
        Some(Command::Cases { seed, count }) => with_course(cli.course, |c| cases(c, seed, count)),
        Some(Command::Quiz(args)) if args.plain || !io::stdout().is_terminal() => {
            with_course(cli.course, |c| quiz_plain(c, &args))
        }
        Some(Command::Quiz(args)) => {
            let seed = args.seed.or(cli.seed);
            with_course(cli.course, |c| tui(c, seed, cli.no_color, Some(&args)))
        }
        None if !io::stdout().is_terminal() || !io::stdin().is_terminal() => {
            eprintln!("not a terminal: running the plain quiz (see `tutor quiz --plain --help`)");
            let args = QuizArgs {
                count: 10,
                ..Default::default()
            };
            with_course(cli.course, |c| quiz_plain(c, &args))
        }
        None => with_course(cli.course, |c| tui(c, cli.seed, cli.no_color, None)),
    }
}

fn print_diagnostics(diags: &[Diagnostic]) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for d in diags {
        let _ = writeln!(err, "{d}");
    }
}

fn load(path: Option<PathBuf>) -> Result<Course, Vec<Diagnostic>> {
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
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn check_course(path: Option<PathBuf>) -> ExitCode {
    let name = path.as_ref().map_or_else(
        || "embedded default course".to_owned(),
        |p| p.display().to_string(),
    );
    let course = match load(path) {
        Ok(c) => c,
        Err(diags) => {
            print_diagnostics(&diags);
            println!("{name}: cannot be read: {} errors", diags.len());
            return ExitCode::from(UNREADABLE);
        }
    };
    let report = check::run(&course);
    print_diagnostics(&report.diagnostics);
    for t in &report.summary.templates {
        println!(
            "case template {}: {} combinations checked, {} distinct cases",
            sanitize(&t.id),
            t.combinations,
            t.distinct
        );
    }
    println!("{name}: {}", report.summary);
    if report.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// JSON line of one generated case; field order is fixed so output is byte-identical.
#[derive(serde::Serialize)]
struct CaseLine<'a> {
    id: &'a str,
    template: &'a str,
    seed: u64,
    vars: &'a std::collections::BTreeMap<String, String>,
    stem: &'a str,
    lead_in: &'a str,
    options: Vec<OptionLine<'a>>,
    answer: Vec<String>,
    explanation: &'a str,
    cites: &'a [String],
    quotes: &'a [tutor::course::spec::QuoteSpec],
}

#[derive(serde::Serialize)]
struct OptionLine<'a> {
    key: String,
    id: &'a str,
    text: &'a str,
}

fn cases(course: &Course, seed: u64, count: usize) -> io::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    // Streamed, so a huge count needs no memory beyond one case.
    for q in quiz::case::stream(course, seed).take(count) {
        let q = match q {
            Ok(q) => q,
            Err(e) => {
                out.flush()?;
                eprintln!("error: {e}");
                return Ok(ExitCode::FAILURE);
            }
        };
        let quiz::Origin::Case {
            template,
            seed,
            vars,
        } = &q.origin
        else {
            continue;
        };
        let line = CaseLine {
            id: &q.id,
            template,
            seed: *seed,
            vars,
            stem: &q.stem,
            lead_in: &q.lead_in,
            options: q
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| OptionLine {
                    key: letter(i).to_string(),
                    id: &o.id,
                    text: &o.text,
                })
                .collect(),
            answer: q.key().into_iter().map(|i| letter(i).to_string()).collect(),
            explanation: &q.explanation,
            cites: &q.cites,
            quotes: &q.quotes,
        };
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn quiz_plain(course: &Course, args: &QuizArgs) -> io::Result<ExitCode> {
    let seed = args.seed.unwrap_or_else(fresh_seed);
    let spec = QuizSpec {
        seed,
        count: args.count,
        lessons: args.lessons.clone(),
        cases_only: args.cases_only,
    };
    let questions = match quiz::draw(course, &spec) {
        Ok(q) => q,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(UNREADABLE));
        }
    };
    let stdin = io::stdin();
    let stdout = io::stdout();
    let echo = !stdin.is_terminal();
    let mut input = tutor::plain::Input {
        reader: &mut stdin.lock(),
        echo,
    };
    tutor::plain::run(course, seed, &questions, &mut input, &mut stdout.lock())?;
    Ok(ExitCode::SUCCESS)
}

/// The full-screen tutor, at home or, for `tutor quiz`, straight in the quiz. `NO_COLOR` (any
/// non-empty value) or `--no-color` make it monochrome.
fn tui(
    course: &Course,
    seed: Option<u64>,
    no_color: bool,
    quiz: Option<&QuizArgs>,
) -> io::Result<ExitCode> {
    use tutor::tui::{App, Theme};
    let mono = no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let seed = seed.unwrap_or_else(fresh_seed);
    let mut app = App::new(std::sync::Arc::new(course.clone()), seed, Theme::new(mono));
    if let Some(args) = quiz {
        if let Some(unknown) = args.lessons.iter().find(|id| course.lesson(id).is_none()) {
            eprintln!("error: unknown lesson `{}`", sanitize(unknown));
            return Ok(ExitCode::from(UNREADABLE));
        }
        let title = if args.cases_only {
            "Case drill"
        } else {
            "Practice quiz"
        };
        let spec = QuizSpec {
            seed,
            count: args.count,
            lessons: args.lessons.clone(),
            cases_only: args.cases_only,
        };
        app.open_quiz(title, spec);
        app.next_seed = seed.wrapping_add(1);
    }
    tutor::tui::local::run_local(app, |_| {})?;
    Ok(ExitCode::SUCCESS)
}

/// A seed for a quiz the user did not seed; it is printed so the quiz can be reproduced.
fn fresh_seed() -> u64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    // Keep it short enough to type back.
    (now.as_nanos() as u64 ^ u64::from(std::process::id())) % 1_000_000
}
