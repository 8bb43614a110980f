//! Taking a quiz or a drill: in plain lines, or in the full-screen tutor.

use crate::cmd::profile::Profile;
use crate::cmd::{Failure, Globals, ProfileArgs, fresh_seed, now_ms};
use std::io::{self, IsTerminal};
use std::process::ExitCode;
use tutor::course::Course;
use tutor::plain::Settings;
use tutor::quiz::draw::DrawError;
use tutor::quiz::drill::DrillSpec;
use tutor::quiz::{self, QuizSpec};
use tutor::session::{Answered, Session};
use tutor::store::Mode;
use tutor::tui::App;

#[derive(clap::Args, Debug, Default)]
pub struct Args {
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

#[derive(clap::Args, Debug)]
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
    /// Print the drill with its keys, why and sources, for the instructor; nothing is
    /// recorded.
    #[arg(long, conflicts_with = "results")]
    pub preview: bool,
    /// After the drill, write your answers to it and its settings to FILE, to hand in for
    /// `tutor report --import` (an offline class).
    #[arg(long, value_name = "FILE")]
    pub results: Option<std::path::PathBuf>,
}

/// `tutor` alone: the full-screen tutor at home, or the plain quiz without a terminal.
pub fn home(seed: Option<u64>, g: &Globals) -> anyhow::Result<ExitCode> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!("not a terminal: running the plain quiz (see `tutor quiz --plain --help`)");
        let args = Args {
            count: 10,
            ..Default::default()
        };
        return quiz_plain(&g.course()?, &args, &g.profile);
    }
    // A course folder is read (and refused) before the terminal is touched; the embedded
    // course, still being parsed on its thread, is taken once the terminal is set up.
    if g.course.is_some() {
        return tui(g.course()?, seed, g, None);
    }
    let seed = seed.unwrap_or_else(fresh_seed);
    run_tui(|| Ok(app(g.course()?, seed, g.mono())), &g.profile)
}

/// `tutor quiz`: in plain lines (`--plain`, or without a terminal), else in the full-screen
/// tutor, where `seed` (the top-level `--seed`) applies when the quiz has none.
pub fn quiz(args: &Args, seed: Option<u64>, g: &Globals) -> anyhow::Result<ExitCode> {
    let course = g.course()?;
    if args.plain || !io::stdout().is_terminal() {
        return quiz_plain(&course, args, &g.profile);
    }
    tui(course, args.seed.or(seed), g, Some(args))
}

/// Refuses, before anything starts, the first lesson of `lessons` that `course` lacks.
fn known_lessons(course: &Course, lessons: &[String]) -> Result<(), Failure> {
    match lessons.iter().find(|id| course.lesson(id).is_none()) {
        Some(unknown) => Err(DrawError::UnknownLesson(unknown.clone()).into()),
        None => Ok(()),
    }
}

/// `tutor quiz --plain`.
fn quiz_plain(course: &Course, args: &Args, profile: &ProfileArgs) -> anyhow::Result<ExitCode> {
    let seed = args.seed.unwrap_or_else(fresh_seed);
    let spec = QuizSpec {
        seed,
        count: args.count,
        lessons: args.lessons.clone(),
        cases_only: args.cases_only,
    };
    let questions = quiz::draw(course, &spec).map_err(Failure::from)?;
    Ok(plain(
        course,
        Session::new("Practice quiz", seed, Mode::Practice, questions),
        profile,
    )?)
}

/// `tutor drill`: the same questions, variants and option order for everyone with the same
/// settings, in the TUI or (`--plain`, or without a terminal) in plain lines.
pub fn drill(args: &DrillArgs, g: &Globals) -> anyhow::Result<ExitCode> {
    let course = g.course()?;
    known_lessons(&course, &args.lessons)?;
    let spec = DrillSpec {
        seed: args.seed,
        count: args.count,
        lessons: args.lessons.clone(),
        cases_only: args.cases_only,
        time_limit: args.time_limit,
        exam: args.exam,
        paced: false,
    };
    if args.preview {
        let questions = spec.questions(&course).map_err(Failure::from)?;
        tutor::plain::preview::write(&course, &spec, &questions, &mut io::stdout().lock())?;
        return Ok(ExitCode::SUCCESS);
    }
    let code = if args.plain || !io::stdout().is_terminal() {
        let questions = spec.questions(&course).map_err(Failure::from)?;
        let session = Session::for_drill(&course, &spec, questions);
        plain(&course, session, &g.profile)?
    } else {
        let mut app = app(course.clone(), spec.seed.wrapping_add(1), g.mono());
        app.open_drill(&spec);
        run_tui(|| Ok(app), &g.profile)?
    };
    if let Some(file) = &args.results {
        crate::cmd::results::write_results(file, &course, &spec, &g.profile)?;
    }
    Ok(code)
}

/// Runs `questions` in plain lines, recording each answer before its feedback.
fn plain(course: &Course, mut session: Session, profile: &ProfileArgs) -> io::Result<ExitCode> {
    let stdin_tty = io::stdin().is_terminal();
    // A thread reads stdin, so a drill's time limit can run out while nobody types.
    let mut input = tutor::plain::input::Stdin::spawn(!stdin_tty);
    let (progress, note) = Profile::open(profile, course);
    let mut settings = Settings::default();
    match &progress {
        // The quiz's first and last lines say so.
        Profile::Unsaved(why) => settings.unsaved = Some(why.clone()),
        Profile::Ready(_) => {
            if let Some(n) = note {
                crate::cmd::say::warning(n);
            }
        }
    }
    let mut answers = Answers {
        course,
        profile: progress,
    };
    let stdout = io::stdout();
    tutor::plain::run(
        course,
        &mut session,
        &settings,
        &mut input,
        &mut stdout.lock(),
        &mut answers,
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The plain quiz's answers, into the learner's store when there is one.
struct Answers<'a> {
    course: &'a Course,
    profile: Profile,
}

impl tutor::plain::Recorder for Answers<'_> {
    fn record(&mut self, a: &Answered, seconds: f64) -> Result<(), String> {
        let Profile::Ready(p) = &mut self.profile else {
            // The reason is the quiz's first line; each answer says so briefly.
            return Err("progress is not being saved (see the first line)".to_owned());
        };
        let ctx = a.context(seconds, now_ms());
        match p.record(self.course, &a.question, &a.answer, &a.outcome, &ctx) {
            Ok(None) => Ok(()),
            Ok(Some(moved)) => {
                crate::cmd::say::warning(format_args!(
                    "the progress database was corrupt and was moved to {}; a fresh one was started",
                    moved.display()
                ));
                Ok(())
            }
            Err(e) => Err(e.to_string()),
        }
    }

    fn due(&self) -> Option<String> {
        let Profile::Ready(p) = &self.profile else {
            return None;
        };
        let now = now_ms();
        let (summary, states) = (p.summary(now).ok()?, p.review_states().ok()?);
        Some(tutor::session::summary::due_line(summary.due, &states, now))
    }
}

/// A new app on `course`, in colour unless `mono`.
fn app(course: Course, seed: u64, mono: bool) -> App {
    App::new(
        std::sync::Arc::new(course),
        seed,
        tutor::tui::Theme::new(mono),
    )
}

/// The full-screen tutor, at home or, for `tutor quiz`, straight in the quiz.
fn tui(
    course: Course,
    seed: Option<u64>,
    g: &Globals,
    quiz: Option<&Args>,
) -> anyhow::Result<ExitCode> {
    let seed = seed.unwrap_or_else(fresh_seed);
    if let Some(args) = quiz {
        known_lessons(&course, &args.lessons)?;
    }
    let mut app = app(course, seed, g.mono());
    if let Some(args) = quiz {
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
    run_tui(|| Ok(app), &g.profile)
}

/// Runs the app `make` makes (once the terminal is set up) with the learner's progress
/// behind it.
fn run_tui(
    make: impl FnOnce() -> anyhow::Result<App>,
    profile: &ProfileArgs,
) -> anyhow::Result<ExitCode> {
    use tutor::tui::Action;
    use tutor::tui::host::Host;
    let busy = std::cell::Cell::new(false);
    let make = || -> anyhow::Result<App> {
        let mut app = make()?;
        // A quiz or drill asked for on the command line is not interrupted by an offer to
        // resume an older one (that stays saved for the next plain start).
        busy.set(matches!(app.screen(), tutor::tui::app::Screen::Quiz(_)));
        app.progress_pending = true;
        Ok(app)
    };
    let host: std::cell::RefCell<Option<Host>> = std::cell::RefCell::new(None);
    // The store is opened after the first frame is on screen: the figures follow a moment
    // later instead of delaying everything.
    let start = |course_arc: std::sync::Arc<Course>| {
        let busy = busy.get();
        let (opened, note) = Profile::open(profile, &course_arc);
        let progress = match opened {
            Profile::Ready(p) => Ok(*p),
            Profile::Unsaved(why) => Err(why),
        };
        let mut h = Host::new(course_arc, progress, now_ms);
        let actions: Vec<Action> = h
            .start()
            .into_iter()
            .filter(|a| !(busy && matches!(a, Action::OfferResume(_))))
            .chain(note.map(Action::Notice))
            .collect();
        *host.borrow_mut() = Some(h);
        actions
    };
    let on_effect = |e: &tutor::tui::Effect| {
        host.borrow_mut()
            .as_mut()
            .map_or_else(Vec::new, |h| h.on_effect(e))
    };
    tutor::tui::local::run_local(make, start, on_effect)?;
    Ok(ExitCode::SUCCESS)
}
