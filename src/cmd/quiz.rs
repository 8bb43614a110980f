//! Taking a quiz: in plain lines, or in the full-screen tutor.

use crate::cli::{ProfileArgs, QuizArgs, UNREADABLE, fresh_seed, now_ms};
use crate::cmd::profile::Profile;
use std::io::{self, IsTerminal};
use std::process::ExitCode;
use tutor::course::Course;
use tutor::grade::{Answer, Outcome};
use tutor::progress::Context;
use tutor::quiz::{self, Question, QuizSpec};
use tutor::store::Mode;
use tutor::text::sanitize;

pub fn quiz_plain(course: &Course, args: &QuizArgs, profile: &ProfileArgs) -> io::Result<ExitCode> {
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
    let (mut progress, note) = Profile::open(profile, course);
    if let Some(n) = note {
        eprintln!("warning: {n}");
    }
    let mut record = |q: &Question, answer: &Answer, outcome: &Outcome, seconds: f64| {
        match &mut progress {
            Profile::Ready(p) => {
                let ctx = Context {
                    quiz_seed: seed,
                    mode: Mode::Practice,
                    drill: None,
                    seconds,
                    at_ms: now_ms(),
                };
                match p.record(course, q, answer, outcome, &ctx) {
                    Ok(None) => Ok(()),
                    Ok(Some(moved)) => {
                        eprintln!(
                            "warning: the progress database was corrupt and was moved to {}; a fresh one was started",
                            moved.display()
                        );
                        Ok(())
                    }
                    Err(e) => Err(e.to_string()),
                }
            }
            // The reason was printed once at the start; each answer says so briefly.
            Profile::Unsaved(_) => {
                Err("progress is not being saved (see the warning at the start)".to_owned())
            }
        }
    };
    tutor::plain::run(
        course,
        seed,
        &questions,
        &mut input,
        &mut stdout.lock(),
        &mut record,
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The full-screen tutor, at home or, for `tutor quiz`, straight in the quiz. `NO_COLOR` (any
/// non-empty value) or `--no-color` make it monochrome.
pub fn tui(
    course: &Course,
    seed: Option<u64>,
    no_color: bool,
    quiz: Option<&QuizArgs>,
    profile: &ProfileArgs,
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
    let (opened, note) = Profile::open(profile, course);
    let progress = match opened {
        Profile::Ready(p) => Ok(*p),
        Profile::Unsaved(why) => Err(why),
    };
    let mut host = tutor::tui::host::Host::new(app.course.clone(), progress, now_ms);
    for action in host
        .start()
        .into_iter()
        .chain(note.map(tutor::tui::Action::Notice))
    {
        app.update(action);
    }
    tutor::tui::local::run_local(app, |e| host.on_effect(e))?;
    Ok(ExitCode::SUCCESS)
}
