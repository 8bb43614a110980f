//! The class as the command line and its files give it: who may log in (`--auth`) and the
//! class drills (`--drill SEED,...` or `--drill-file FILE`), each drill drawn once to check
//! it. Read at start, and again on each reload (SIGHUP); how the dashboard lists the drills.

use super::Args;
use super::args::drills_of_flags;
use crate::cmd::failure::Failure;
use anyhow::anyhow;
use std::path::Path;
use tutor::course::Course;
use tutor::quiz::drill::DrillSpec;
use tutor::ssh::{AuthMode, dashboard::ClassDrill, drill_file};
use tutor::text::sanitize_line;

/// Who may log in, from `--auth MODE [FILE]`.
pub(super) fn auth_mode(words: &[String]) -> Result<AuthMode, String> {
    match words {
        [m] if m == "open" => Ok(AuthMode::Open),
        [m, file] if m == "keys" => AuthMode::keys_from(file.as_ref()),
        [m, file] if m == "password" => AuthMode::passwords_from(file.as_ref()),
        [m] if m == "keys" || m == "password" => Err(format!("--auth {m} needs a roster FILE")),
        _ => Err(format!(
            "--auth {}: use open, keys FILE or password FILE",
            words.join(" ")
        )),
    }
}

/// The class drills, in order, every one of which can be drawn from `course`: a drill that
/// cannot is refused now, not in front of the class.
pub(super) fn drills(args: &Args, course: &Course) -> anyhow::Result<Vec<DrillSpec>> {
    let Some(path) = &args.drill_file else {
        let drills = drills_of_flags(args);
        for spec in &drills {
            spec.questions(course).map_err(Failure::from)?;
        }
        return Ok(drills);
    };
    let mut drills = drill_file::read(path)?;
    if args.paced {
        pace_the_first(&mut drills, path)?;
    }
    for (i, spec) in drills.iter().enumerate() {
        spec.questions(course).map_err(|e| {
            anyhow!(
                "{}: drills[{i}] (seed {}): {}",
                shown(path),
                spec.seed,
                sanitize_line(&e.to_string())
            )
        })?;
    }
    Ok(drills)
}

/// `--paced` with a drill file: its first drill is paced, and cannot be an exam.
fn pace_the_first(drills: &mut [DrillSpec], path: &Path) -> anyhow::Result<()> {
    let Some(first) = drills.first_mut() else {
        return Err(anyhow!(
            "{}: --paced needs a drill, and the file lists none",
            shown(path)
        ));
    };
    if first.exam {
        return Err(anyhow!(
            "{}: drills[0].exam: the paced drill cannot be an exam (its reveal is the instructor's)",
            shown(path)
        ));
    }
    first.paced = true;
    Ok(())
}

/// A path as one safe line of text.
pub(super) fn shown(path: &Path) -> String {
    sanitize_line(&path.display().to_string())
}

/// Each drill as the log and the dashboard name it, e.g. `seed 7 (d-1a2b3c4d)`.
pub(super) fn names(drills: &[DrillSpec], course: &Course) -> Vec<String> {
    drills
        .iter()
        .map(|d| format!("seed {} ({})", d.seed, d.id(course)))
        .collect()
}

/// The drills with their questions, for the dashboard's class view.
pub(super) fn class_view(drills: &[DrillSpec], course: &Course) -> Vec<ClassDrill> {
    drills
        .iter()
        .map(|d| ClassDrill {
            id: d.id(course),
            label: format!("seed {}", d.seed),
            questions: d.questions(course).unwrap_or_default(),
        })
        .collect()
}
