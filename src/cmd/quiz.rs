//! Taking a quiz or a drill: in plain lines, or in the full-screen tutor.

use crate::cli::{DrillArgs, ProfileArgs, QuizArgs, UNREADABLE, fresh_seed, now_ms};
use crate::cmd::profile::Profile;
use std::io::{self, IsTerminal};
use std::process::ExitCode;
use tutor::course::Course;
use tutor::grade::{Answer, Outcome};
use tutor::plain::Settings;
use tutor::progress::Context;
use tutor::quiz::drill::DrillSpec;
use tutor::quiz::{self, Question, QuizSpec};
use tutor::store::Mode;
use tutor::tui::App;

/// The unknown lesson among `lessons`, reported and refused before anything starts.
fn unknown_lesson(course: &Course, lessons: &[String]) -> Option<ExitCode> {
    let unknown = lessons.iter().find(|id| course.lesson(id).is_none())?;
    crate::cmd::say::error(format_args!("unknown lesson `{unknown}`"));
    Some(ExitCode::from(UNREADABLE))
}

/// `tutor quiz --plain`.
pub fn quiz_plain(course: &Course, args: &QuizArgs, profile: &ProfileArgs) -> io::Result<ExitCode> {
    let seed = args.seed.unwrap_or_else(fresh_seed);
    let spec = QuizSpec {
        seed,
        count: args.count,
        lessons: args.lessons.clone(),
        cases_only: args.cases_only,
    };
    match quiz::draw(course, &spec) {
        Ok(questions) => plain(
            course,
            seed,
            &questions,
            &Settings::default(),
            Mode::Practice,
            profile,
        ),
        Err(e) => {
            crate::cmd::say::error(e);
            Ok(ExitCode::from(UNREADABLE))
        }
    }
}

/// `tutor drill`: the same questions, variants and option order for everyone with the same
/// settings, in the TUI or (`--plain`, or without a terminal) in plain lines.
pub fn drill(
    course: &Course,
    args: &DrillArgs,
    no_color: bool,
    profile: &ProfileArgs,
) -> io::Result<ExitCode> {
    if let Some(code) = unknown_lesson(course, &args.lessons) {
        return Ok(code);
    }
    let spec = DrillSpec {
        seed: args.seed,
        count: args.count,
        lessons: args.lessons.clone(),
        cases_only: args.cases_only,
        time_limit: args.time_limit,
        exam: args.exam,
    };
    if args.plain || !io::stdout().is_terminal() {
        let questions = match spec.questions(course) {
            Ok(q) => q,
            Err(e) => {
                crate::cmd::say::error(e);
                return Ok(ExitCode::from(UNREADABLE));
            }
        };
        let settings = Settings {
            drill: Some(spec.id(course)),
            time_limit: spec.time_limit,
            exam: spec.exam,
            unsaved: None,
        };
        return plain(
            course,
            spec.seed,
            &questions,
            &settings,
            Mode::Drill,
            profile,
        );
    }
    let mut app = app(course, spec.seed.wrapping_add(1), no_color);
    app.open_drill(&spec);
    run_tui(app, course, profile)
}

/// Runs `questions` in plain lines, recording each answer before its feedback.
fn plain(
    course: &Course,
    seed: u64,
    questions: &[Question],
    settings: &Settings,
    mode: Mode,
    profile: &ProfileArgs,
) -> io::Result<ExitCode> {
    let stdin_tty = io::stdin().is_terminal();
    // A thread reads stdin, so a drill's time limit can run out while nobody types.
    let mut input = tutor::plain::input::Stdin::spawn(!stdin_tty);
    let (mut progress, note) = Profile::open(profile, course);
    let mut settings = settings.clone();
    match &progress {
        // The quiz's first and last lines say so.
        Profile::Unsaved(why) => settings.unsaved = Some(why.clone()),
        Profile::Ready(_) => {
            if let Some(n) = note {
                crate::cmd::say::warning(n);
            }
        }
    }
    let mut record = |q: &Question,
                      answer: &Answer,
                      outcome: &Outcome,
                      seconds: f64,
                      timed_out: bool| match &mut progress {
        Profile::Ready(p) => {
            let ctx = Context {
                quiz_seed: seed,
                mode,
                drill: settings.drill.clone(),
                seconds,
                at_ms: now_ms(),
                timed_out,
            };
            match p.record(course, q, answer, outcome, &ctx) {
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
        // The reason is the quiz's first line; each answer says so briefly.
        Profile::Unsaved(_) => Err("progress is not being saved (see the first line)".to_owned()),
    };
    let stdout = io::stdout();
    tutor::plain::run(
        course,
        seed,
        questions,
        &settings,
        &mut input,
        &mut stdout.lock(),
        &mut record,
    )?;
    Ok(ExitCode::SUCCESS)
}

/// A new app on `course`; `NO_COLOR` (any non-empty value) or `--no-color` make it
/// monochrome.
fn app(course: &Course, seed: u64, no_color: bool) -> App {
    let mono = no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    App::new(
        std::sync::Arc::new(course.clone()),
        seed,
        tutor::tui::Theme::new(mono),
    )
}

/// The full-screen tutor, at home or, for `tutor quiz`, straight in the quiz.
pub fn tui(
    course: &Course,
    seed: Option<u64>,
    no_color: bool,
    quiz: Option<&QuizArgs>,
    profile: &ProfileArgs,
) -> io::Result<ExitCode> {
    let seed = seed.unwrap_or_else(fresh_seed);
    let mut app = app(course, seed, no_color);
    if let Some(args) = quiz {
        if let Some(code) = unknown_lesson(course, &args.lessons) {
            return Ok(code);
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
    run_tui(app, course, profile)
}

/// Runs `app` in this terminal with the learner's progress behind it.
fn run_tui(mut app: App, course: &Course, profile: &ProfileArgs) -> io::Result<ExitCode> {
    use tutor::tui::Action;
    use tutor::tui::host::Host;
    // A quiz or drill asked for on the command line is not interrupted by an offer to
    // resume an older one (that stays saved for the next plain start).
    let busy = matches!(app.screen(), tutor::tui::app::Screen::Quiz(_));
    app.progress_pending = true;
    let course_arc = app.course.clone();
    let host: std::cell::RefCell<Option<Host>> = std::cell::RefCell::new(None);
    // The store is opened after the first frame is on screen: the figures follow a moment
    // later instead of delaying everything.
    let start = || {
        let (opened, note) = Profile::open(profile, course);
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
    tutor::tui::local::run_local(app, start, on_effect)?;
    Ok(ExitCode::SUCCESS)
}
