//! `tutor report`: the instructor's item analysis of a class's drills, read from one or more
//! progress databases (one per student, or one shared host store), as a table, CSV or JSON,
//! or on screen with `--tui`. Definitions: `docs/item-analysis.md`.
//!
//! Every failure is a message on stderr and exit status 1, never a panic.

use crate::cmd::Globals;
use crate::cmd::profile::data_dir;
use anyhow::{Context as _, bail};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use tutor::report::analysis::{self, Report, Source, render};
use tutor::report::results::{self, Imported};
use tutor::store::{Attempt, DB_FILE, DrillRecord, Store};

/// Output of `tutor report`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ReportFormat {
    /// Aligned plain-text tables.
    #[default]
    Table,
    /// One table as RFC 4180 CSV (choose it with --table; formula-like cells start with `'`).
    Csv,
    /// The whole report as JSON.
    Json,
}

/// One table of the report.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportTable {
    /// Per drill: students, items, mean, median, SD, Cronbach's alpha, histogram.
    Drills,
    /// Per student: score, answered, unanswered, time.
    Students,
    /// Per item or case template: n, facility, SD, discrimination, median time.
    Items,
    /// Per option of each choice item: share choosing it, non-functional distractors.
    Options,
    /// Per source sentence: facility of the first attempts citing it.
    Sentences,
    /// Per student and item: the first answer, right, wrong, out of time or not asked.
    Grid,
    /// The hardest items first, each with the sentence its answers cite.
    Discuss,
}

impl From<ReportTable> for render::Table {
    fn from(t: ReportTable) -> render::Table {
        match t {
            ReportTable::Drills => render::Table::Drills,
            ReportTable::Students => render::Table::Students,
            ReportTable::Items => render::Table::Items,
            ReportTable::Options => render::Table::Options,
            ReportTable::Sentences => render::Table::Sentences,
            ReportTable::Grid => render::Table::Grid,
            ReportTable::Discuss => render::Table::Discuss,
        }
    }
}

#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// A progress database directory to read (repeatable: one per student, or a shared
    /// host store); default: --data-dir / TUTOR_DATA_DIR / the platform data directory.
    #[arg(
        long = "data-dir",
        id = "data_dir",
        value_name = "DIR",
        env = super::DATA_DIR_ENV
    )]
    pub data_dirs: Vec<PathBuf>,
    /// Only this drill (default: every drill, one analysis each).
    #[arg(long, value_name = "ID")]
    pub drill: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
    /// One table only (CSV prints one table: items unless chosen; JSON is always whole).
    #[arg(long, value_enum)]
    pub table: Option<ReportTable>,
    /// Show the report in the full-screen terminal UI, with charts.
    #[arg(long)]
    pub tui: bool,
    /// Results files to read as well (repeatable): what `tutor export-progress --format
    /// json` writes, one per student of an offline class; each counts as its own source.
    #[arg(long, value_name = "FILE")]
    pub import: Vec<PathBuf>,
    /// Grade the stored answers again against the course as it is now (after a corrected
    /// key), say what changed, and report the new marks.
    #[arg(long)]
    pub regrade: bool,
    /// Leave out these learners' answers (comma-separated names), e.g. the instructor's own
    /// try of the drill.
    #[arg(long, value_delimiter = ',', value_name = "NAME,...")]
    pub exclude_user: Vec<String>,
}

/// `paths` without repeats: a data directory or results file (`what`) given twice, by any
/// path to it, is read once, with a warning, instead of counting its answers twice. Each is
/// kept as it was first given.
fn distinct(paths: &[PathBuf], what: &str) -> Vec<PathBuf> {
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut out = Vec::new();
    for dir in paths {
        let real = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        if seen.contains(&real) {
            crate::cmd::say::warning(format_args!(
                "{what} {} given more than once: read once",
                dir.display()
            ));
            continue;
        }
        seen.push(real);
        out.push(dir.clone());
    }
    out
}

/// What the stores of a report hold: every attempt per directory, in the order given, and
/// the drills they recorded with their settings.
type Read = (Vec<(PathBuf, Vec<Attempt>)>, Vec<DrillRecord>);

/// Every attempt and drill record in the database of each of `dirs`, one read of each. A
/// directory without a database is an error: nothing is created there.
pub fn read_stores(dirs: &[PathBuf]) -> anyhow::Result<Read> {
    let (mut all, mut drills) = (Vec::new(), Vec::new());
    for dir in dirs {
        let cannot_read = || format!("cannot read {}", dir.display());
        let store = Store::open_reader(dir)
            .with_context(cannot_read)?
            .with_context(|| format!("no progress database ({DB_FILE}) in {}", dir.display()))?;
        let attempts = store.attempts(None, None).with_context(cannot_read)?;
        drills.extend(store.drills().with_context(cannot_read)?);
        // Labels come from the real path: `.` is labelled by its name.
        let real = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        all.push((real, attempts));
    }
    Ok((all, drills))
}

/// Largest results file read: far more than a class's answers, and a bound on memory.
const MAX_IMPORT: u64 = 64 << 20;

/// The answers (and drill settings) in a results file written by `tutor drill --results` or
/// `tutor export-progress --format json`.
fn import(file: &std::path::Path) -> anyhow::Result<Imported> {
    use std::io::Read as _;
    let cannot = || format!("cannot read the results file {}", file.display());
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .with_context(cannot)?
        .take(MAX_IMPORT + 1)
        .read_to_end(&mut bytes)
        .with_context(cannot)?;
    if bytes.len() as u64 > MAX_IMPORT {
        bail!("{}: larger than {} MiB", file.display(), MAX_IMPORT >> 20);
    }
    results::read(&bytes).map_err(|why| {
        anyhow::anyhow!(
            "{}: not a results file of `tutor drill --results` or `tutor export-progress --format json`: {why}",
            file.display()
        )
    })
}

/// Grades every answer again against `course`, saying each mark that changed.
fn regrade(course: &tutor::course::Course, read: &mut [(PathBuf, Vec<Attempt>)]) {
    let mut changes = Vec::new();
    for (_, attempts) in read.iter_mut() {
        changes.extend(tutor::report::regrade::regrade(course, attempts));
    }
    crate::cmd::say::note(format_args!(
        "regraded against the course as it is now: {} answers changed",
        changes.len()
    ));
    let mark = |right: bool| if right { "right" } else { "wrong" };
    for c in &changes {
        let drill = c
            .drill
            .as_deref()
            .map_or(String::new(), |d| format!(" in drill {d}"));
        crate::cmd::say::note(format_args!(
            "{}: {}{drill}, answer {}: was {}, now {}",
            tutor::text::sanitize(&c.user),
            tutor::text::sanitize(&c.question),
            tutor::text::sanitize(&c.answer),
            mark(c.was),
            mark(c.now)
        ));
    }
}

/// Drops the answers of the `excluded` learners, saying how many went.
fn exclude(read: &mut [(PathBuf, Vec<Attempt>)], excluded: &[String]) {
    for name in excluded {
        let mut dropped = 0;
        for (_, attempts) in read.iter_mut() {
            let before = attempts.len();
            attempts.retain(|a| &a.user != name);
            dropped += before - attempts.len();
        }
        let name = tutor::text::sanitize(name);
        crate::cmd::say::note(format_args!(
            "left out {dropped} answers of {name} (--exclude-user)"
        ));
    }
}

/// `tutor report ...`: reads the stores, analyses, prints or shows the report.
pub fn report(args: &Args, g: &Globals) -> anyhow::Result<ExitCode> {
    let course = g.course()?;
    let dirs = if args.data_dirs.is_empty() && args.import.is_empty() {
        vec![data_dir(&g.profile)?]
    } else {
        args.data_dirs.clone()
    };
    let (mut read, mut recorded) = read_stores(&distinct(&dirs, "data directory"))?;
    for file in &distinct(&args.import, "results file") {
        let imported = import(file)?;
        read.push((file.clone(), imported.attempts));
        recorded.extend(imported.drills);
    }
    exclude(&mut read, &args.exclude_user);
    if args.regrade {
        regrade(&course, &mut read);
    }
    let sources: Vec<Source> = read
        .iter()
        .map(|(dir, attempts)| Source { dir, attempts })
        .collect();
    let report = analysis::analyze_sources(&sources, Some(&course), args.drill.as_deref())
        .with_settings(&recorded);
    for w in &report.warnings {
        crate::cmd::say::warning(w);
    }
    // The table prints its notes; the other outputs have them on stderr too.
    if args.tui || args.format != ReportFormat::Table {
        for note in notes(&report) {
            crate::cmd::say::note(note);
        }
    }
    if args.tui {
        if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
            bail!("--tui needs a terminal; use --format table, csv or json");
        }
        crate::cmd::report_tui::show(&report, g.mono())?;
        return Ok(ExitCode::SUCCESS);
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    write(&mut out, &report, args)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The report's notes, each drill's prefixed with its id; first why it is empty, if it is.
fn notes(report: &Report) -> Vec<String> {
    let drills = report.drills.iter().flat_map(|d| {
        d.notes
            .iter()
            .map(move |n| format!("drill {}: {n}", d.drill))
    });
    report
        .note
        .iter()
        .chain(&report.notes)
        .cloned()
        .chain(drills)
        .collect()
}

fn write(out: &mut impl Write, report: &Report, args: &Args) -> io::Result<()> {
    let table = args.table.map(render::Table::from);
    match args.format {
        ReportFormat::Table => render::write_table(out, report, table),
        ReportFormat::Csv => render::write_csv(out, report, table.unwrap_or(render::Table::Items)),
        ReportFormat::Json => render::write_json(out, report),
    }
}
