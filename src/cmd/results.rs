//! `tutor drill --results FILE`: after the drill, the student's answers to it and its
//! settings, in one file to hand in (an offline class); `tutor report --import` reads it.
//! Written to a temporary file beside FILE and renamed, so FILE is always whole.

use crate::cmd::ProfileArgs;
use crate::cmd::profile::{data_dir, learner};
use anyhow::Context as _;
use std::io::{BufWriter, Write};
use std::path::Path;
use tutor::course::Course;
use tutor::quiz::drill::DrillSpec;
use tutor::report::results;
use tutor::store::Store;

/// Writes the learner's answers to `spec`'s drill, with its settings, to `file`; says how many.
pub fn write_results(
    file: &Path,
    course: &Course,
    spec: &DrillSpec,
    profile: &ProfileArgs,
) -> anyhow::Result<()> {
    let id = spec.id(course).to_string();
    let (user, _) = learner(profile);
    let cannot_read = "cannot read the answers for the results file";
    let store = Store::open_reader(&data_dir(profile)?)
        .context(cannot_read)?
        .context("no answers were recorded: no results file written")?;
    let attempts: Vec<_> = store
        .attempts(Some(&user), Some(&course.meta.id))
        .context(cannot_read)?
        .into_iter()
        .filter(|a| a.drill.as_deref() == Some(id.as_str()))
        .collect();
    let drills: Vec<_> = store
        .drills()
        .context(cannot_read)?
        .into_iter()
        .filter(|d| d.id == id)
        .collect();
    let cannot_write = || format!("cannot write the results file {}", file.display());
    let tmp = file.with_extension("part");
    {
        let mut out = BufWriter::new(std::fs::File::create(&tmp).with_context(cannot_write)?);
        results::write(&mut out, &drills, &attempts).with_context(cannot_write)?;
        out.into_inner()
            .map_err(|e| e.into_error())
            .and_then(|f| f.sync_all())
            .with_context(cannot_write)?;
    }
    std::fs::rename(&tmp, file).with_context(cannot_write)?;
    crate::cmd::say::note(format_args!(
        "{} answers of {user} to drill {id} written to {}: hand it in for the report (tutor report --import reads it)",
        attempts.len(),
        file.display()
    ));
    let _ = std::io::stderr().flush();
    Ok(())
}
